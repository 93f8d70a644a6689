//! `report l10n export` / `import`: XLIFF 2.1, XLIFF 1.2 and PO round trips,
//! every refusal, and translate-toolkit (pinned in
//! `tests/exchange/requirements.txt`) as the real client that reads,
//! edits and re-serializes the files. `xmllint` checks well-formedness.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Project, python_venv, repo_root};

/// The three formats, with the file name each is exported to.
pub(crate) const FORMATS: [(&str, &str); 3] =
    [("xliff", "x2.xlf"), ("xliff1", "x1.xlf"), ("po", "t.po")];

/// Every file under `locales/`, by path, with its bytes.
pub(crate) fn locales(project: &Project) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read locales") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let relative = path.strip_prefix(root).expect("under root").to_owned();
                out.insert(relative, fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&project.path("locales"), project.root(), &mut out);
    out
}

/// The paths whose bytes differ between two snapshots.
pub(crate) fn changed(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<String> {
    let mut paths: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.display().to_string())
        .collect();
    paths.extend(
        before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .map(|p| format!("{} (removed)", p.display())),
    );
    paths.sort();
    paths
}

pub(crate) fn export(project: &Project, lang: &str, format: &str, file: &str) {
    project
        .report(&[
            "l10n", "export", "--lang", lang, "--format", format, "-o", file,
        ])
        .success();
}

/// translate-toolkit in a virtual environment under target/tmp; returns
/// its Python.
fn toolkit_python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON
        .get_or_init(|| python_venv("translate-toolkit", "tests/exchange/requirements.txt"))
        .clone()
}

/// Runs `tests/exchange/toolkit.py ARGS` in the project; returns stdout.
pub(crate) fn toolkit(project: &Project, args: &[&str]) -> String {
    let output = Command::new(toolkit_python())
        .arg(repo_root().join("tests/exchange/toolkit.py"))
        .args(args)
        .current_dir(project.root())
        .output()
        .expect("run toolkit.py");
    assert!(
        output.status.success(),
        "toolkit.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn toolkit_units(project: &Project, file: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&toolkit(project, &["units", file])).expect("units JSON")
}

#[test]
fn export_then_import_without_edits_changes_no_byte() {
    for fixture in ["exchange", "sample"] {
        let project = if fixture == "sample" {
            Project::sample()
        } else {
            Project::fixture(fixture)
        };
        let lang = if fixture == "sample" { "en" } else { "es" };
        let before = locales(&project);
        for (format, file) in FORMATS {
            export(&project, lang, format, file);
            let run = project.report(&["l10n", "import", file]).success();
            assert!(
                run.stdout.contains("changed 0 message(s)"),
                "{fixture} {format}: {}",
                run.stdout
            );
            assert_eq!(
                changed(&before, &locales(&project)),
                Vec::<String>::new(),
                "{fixture} {format}"
            );
        }
    }
}

#[test]
fn units_follow_the_targets_plural_categories_and_lock_states() {
    let project = Project::fixture("exchange");
    export(&project, "es", "xliff", "es.xlf");
    let xliff = project.read("es.xlf");
    let ids: Vec<String> = toolkit_units(&project, "es.xlf")
        .iter()
        .map(|u| u["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    // Spanish needs one/many/other (CLDR 49), the numeric key stays; the
    // ordinal select gets Spanish's ordinal categories; text around a
    // select is a unit of its own.
    for id in [
        "votes:0",
        "votes:one",
        "votes:many",
        "votes:other",
        "place:one",
        "place:other",
        "summary",
        "summary:1:one",
        "summary:1:many",
        "summary:1:other",
        "intro",
        "intro.title",
        "-brand",
        "gender:her",
        "gender:him",
        "gender:other",
        "only-en",
        "changed",
    ] {
        assert!(ids.contains(&id.to_owned()), "{id} missing from {ids:?}");
    }
    assert!(
        !ids.iter().any(|i| i == "place:two" || i == "place:few"),
        "{ids:?}"
    );
    // missing → initial, stale → needs review with the old source, current → final.
    let unit = |id: &str| {
        let start = xliff
            .find(&format!("<unit id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        let end = xliff[start..]
            .find("</unit>")
            .map_or(xliff.len(), |e| start + e);
        xliff[start..end].to_owned()
    };
    assert!(unit("only-en").contains("state=\"initial\"") && !unit("only-en").contains("<target"));
    assert!(unit("changed").contains("subState=\"report:needs-review\""));
    assert!(
        unit("changed")
            .contains("<note category=\"previous-source\">The source text before</note>")
    );
    assert!(unit("title").contains("state=\"final\""));
    // The Fluent comment is a note.
    assert!(
        unit("title").contains("<note category=\"comment\">The report's title.</note>"),
        "{}",
        unit("title")
    );
    // A category the translation lacks shows its default variant, to review.
    assert!(
        unit("votes:many").contains("países votaron")
            && unit("votes:many").contains("report:needs-review")
    );
    // Placeables and markup are codes with the Fluent they stand for.
    assert!(
        unit("intro").contains("<ph id=\"3\" disp=\"{ $count }\" equiv=\"{ $count }\"/>"),
        "{}",
        unit("intro")
    );
    assert!(
        unit("intro")
            .contains("<pc id=\"4\" type=\"link\" dispStart=\"[\" dispEnd=\"](https://un.org)\"")
    );
    // PO: stale is fuzzy with the previous msgid.
    export(&project, "es", "po", "es.po");
    let po = project.read("es.po");
    assert!(
        po.contains("#, fuzzy\n#| msgid \"The source text before\"\nmsgctxt \"changed\""),
        "{po}"
    );
    assert!(
        po.contains("#. Keep: **…**  { -brand }  { $count }  […](https://un.org)  *…*"),
        "{po}"
    );
    let fuzzy: Vec<String> = toolkit_units(&project, "es.po")
        .iter()
        .filter(|u| u["fuzzy"] == true)
        .map(|u| u["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(fuzzy.contains(&"changed".to_owned()), "{fuzzy:?}");
}

#[test]
fn translate_toolkit_reads_every_format_and_xliff_follows_the_core_rules() {
    let project = Project::fixture("exchange");
    let mut counts = Vec::new();
    for (format, file) in FORMATS {
        export(&project, "es", format, file);
        let units = toolkit_units(&project, file);
        counts.push((format, units.len()));
        assert!(
            units.iter().any(|u| u["id"] == "summary:1:many"),
            "{format}"
        );
        if format != "po" {
            let lint = Command::new("xmllint")
                .args(["--noout", file])
                .current_dir(project.root())
                .output()
                .expect("run xmllint (apt-get install libxml2-utils, see .ci/run)");
            assert!(
                lint.status.success(),
                "{}",
                String::from_utf8_lossy(&lint.stderr)
            );
        }
    }
    assert!(counts.iter().all(|(_, n)| *n == counts[0].1), "{counts:?}");
    assert_eq!(toolkit(&project, &["rules", "x2.xlf"]).trim(), "[]");
    // The sample too.
    let sample = Project::sample();
    export(&sample, "en", "xliff", "en.xlf");
    assert_eq!(toolkit(&sample, &["rules", "en.xlf"]).trim(), "[]");
}

#[test]
fn pocount_counts_the_source_words_report_check_counts() {
    let project = Project::sample();
    let check = project.report(&["check", "--output-format", "json"]);
    let summary: serde_json::Value = serde_json::from_str(&check.stdout).expect("check JSON");
    let source_words = summary["summary"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["source"] == true))
        .map(|r| r["words"].as_u64().unwrap_or_default())
        .expect("source row");
    assert!(source_words > 800, "{source_words}");
    for (format, file) in [("xliff", "x2.xlf"), ("xliff1", "x1.xlf")] {
        export(&project, "en", format, file);
        let counted: u64 = toolkit(&project, &["words", file])
            .trim()
            .parse()
            .expect("a count");
        assert_eq!(counted, source_words, "pocount on {format}");
    }
}

#[test]
fn a_target_edited_with_translate_toolkit_changes_only_its_message() {
    // A unit without codes (set through the toolkit's API), and one with
    // placeables and markup (its text edited around the codes), in each
    // format; translate-toolkit writes the XML its own way.
    for (format, file) in FORMATS {
        let project = Project::fixture("exchange");
        let before = locales(&project);
        let ftl = project.read("locales/es/main.ftl");
        export(&project, "es", format, file);
        toolkit(
            &project,
            &["set", file, "edited-1", "title", "Votos en la ONU"],
        );
        toolkit(
            &project,
            &[
                "retext",
                "edited-1",
                "edited-2",
                "intro",
                "dos veces",
                "tres veces",
            ],
        );
        let run = project.report(&["l10n", "import", "edited-2"]).success();
        assert!(
            run.stdout.contains("changed 2 message(s)"),
            "{format}: {}",
            run.stdout
        );
        let expected = ftl
            .replace(
                "title = Votos en las Naciones Unidas",
                "title = Votos en la ONU",
            )
            .replace("*dos veces*", "*tres veces*");
        assert_eq!(project.read("locales/es/main.ftl"), expected, "{format}");
        assert_eq!(
            changed(&before, &locales(&project)),
            ["locales/es.lock", "locales/es/main.ftl"]
        );
        let lock = project.read("locales/es.lock");
        let after_lock: Vec<&str> = lock
            .lines()
            .filter(|l| !before_lock_lines(&before).contains(l))
            .collect();
        assert_eq!(
            after_lock.len(),
            2,
            "{format}: only title and intro recorded: {after_lock:?}"
        );
    }
}

fn before_lock_lines(before: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<&str> {
    before
        .get(Path::new("locales/es.lock"))
        .map(|b| std::str::from_utf8(b).unwrap_or_default().lines().collect())
        .unwrap_or_default()
}

#[test]
fn new_translations_go_where_the_source_has_them_and_plurals_are_rebuilt() {
    let project = Project::fixture("exchange");
    export(&project, "es", "po", "es.po");
    toolkit(
        &project,
        &["set", "es.po", "a.po", "only-en", "Un mensaje que faltaba."],
    );
    toolkit(
        &project,
        &["set", "a.po", "b.po", "place:one", "{ $rank }.º puesto"],
    );
    toolkit(
        &project,
        &["set", "b.po", "c.po", "place:other", "{ $rank }.º lugar"],
    );
    toolkit(
        &project,
        &["set", "c.po", "d.po", "summary:1:many", "{ $n } de votos"],
    );
    let run = project.report(&["l10n", "import", "d.po"]).success();
    assert_contains(&run.stdout, "changed 3 message(s)");
    let ftl = project.read("locales/es/main.ftl");
    let at = |needle: &str| {
        ftl.find(needle)
            .unwrap_or_else(|| panic!("{needle} not in\n{ftl}"))
    };
    // Source order: intro, place, summary, only-en, gender.
    assert!(
        at("intro =") < at("place =")
            && at("place =") < at("summary =")
            && at("summary =") < at("only-en =")
            && at("only-en =") < at("gender ="),
        "{ftl}"
    );
    assert!(
        ftl.contains("[one] { $rank }.º puesto\n       *[other] { $rank }.º lugar"),
        "{ftl}"
    );
    assert!(ftl.contains("[many] { $n } de votos"), "{ftl}");
    // The rebuilt messages resolve as written, plural by plural.
    let check = project.report(&["check", "--lang", "es", "--output-format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).expect("check JSON");
    let codes: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|f| Some((f["code"].as_str()?, f["id"].as_str().unwrap_or_default())))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        !codes
            .iter()
            .any(|(c, _)| *c == "missing-message" || *c == "syntax"),
        "{codes:?}"
    );
    // `summary` has its `many` now; `votes` still lacks one (its unit was
    // left as exported); `place` has Spanish's ordinal categories.
    assert!(
        codes.contains(&("missing-plural-category", "votes")),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&("missing-plural-category", "place")),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&("missing-plural-category", "summary")),
        "{codes:?}"
    );
    // Exporting again gives the same targets back.
    export(&project, "es", "po", "again.po");
    let units = toolkit_units(&project, "again.po");
    let target = |id: &str| {
        units
            .iter()
            .find(|u| u["id"] == id)
            .map(|u| u["target"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(target("place:one").as_deref(), Some("{ $rank }.º puesto"));
    assert_eq!(target("summary:1:many").as_deref(), Some("{ $n } de votos"));
}

/// Asserts that `text` holds `needle`, showing `text` if not.
#[track_caller]
pub(crate) fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} is not in:\n{text}");
}

#[test]
fn every_refusal_is_located_and_writes_nothing() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (format, file, from, to, expected error)
        (
            "xliff",
            "x2.xlf",
            "contó <ph id=\"3\" disp=\"{ $count }\" equiv=\"{ $count }\"/> votos",
            "contó votos",
            "unit `intro`: drops placeable `{ $count }`",
        ),
        (
            "xliff",
            "x2.xlf",
            "dos veces</pc>.</target>",
            "dos veces</pc>.<ph id=\"9\"/></target>",
            "unit `intro`: has a code `9` the source does not have",
        ),
        (
            "xliff",
            "x2.xlf",
            "contó <ph id=\"3\"",
            "contó <ph id=\"1\"/><ph id=\"3\"",
            "uses code `1` (**…**) as a single code",
        ),
        (
            "xliff",
            "x2.xlf",
            "dos veces</pc>.</target>",
            "dos veces.</target>",
            "not well-formed XML",
        ),
        (
            "xliff",
            "x2.xlf",
            "</xliff>",
            "",
            "ends before `<xliff>` is closed",
        ),
        (
            "xliff",
            "x2.xlf",
            "<unit id=\"title\"",
            "<unit id=\"titel\"",
            "unit `titel` is not in the current source",
        ),
        (
            "xliff",
            "x2.xlf",
            "trgLang=\"es\"",
            "trgLang=\"fr\"",
            "`fr` is not a translation language",
        ),
        (
            "xliff",
            "x2.xlf",
            ">Votos en las Naciones Unidas<",
            ">Votos en { $país }<",
            "unit `title`: writes `{ $país }` as text",
        ),
        (
            "xliff1",
            "x1.xlf",
            "contó <x id=\"3\"",
            "contó <x id=\"3\"/><x id=\"3\"",
            "has placeable `{ $count }` 2 times",
        ),
        (
            "po",
            "t.po",
            "msgstr \"Un país votó\"",
            "msgstr \"Un { $pais } votó\"",
            "unit `votes:one`: has a code `x1` the source does not have",
        ),
        (
            "po",
            "t.po",
            "msgstr \"Un país votó\"",
            "msgstr \"Un país { votó\"",
            "is not closed",
        ),
        (
            // Markup left open is text, so its pair is gone.
            "po",
            "t.po",
            "msgstr \"**{ -brand }** contó",
            "msgstr \"**{ -brand } contó",
            "unit `intro`: drops markup `**…**`",
        ),
        (
            "po",
            "t.po",
            "msgctxt \"only-en\"\nmsgid \"A message the translation lacks.\"\nmsgstr \"\"",
            "msgctxt \"only-en\"\nmsgid \"A message the translation lacks.\"\nmsgstr \"\"\n\nmsgstr \"x\"",
            "not a valid PO file",
        ),
        (
            "po",
            "t.po",
            "msgctxt \"place:one\"\nmsgid \"{ $rank }st place\"\nmsgstr \"\"",
            "msgctxt \"place:one\"\nmsgid \"{ $rank }st place\"\nmsgstr \"{ $rank }.º\"",
            "`place` has no translation for the `other` variant",
        ),
    ];
    for (format, file, from, to, expected) in cases {
        let project = Project::fixture("exchange");
        export(&project, "es", format, file);
        assert_refused(&project, file, (from, to), expected);
    }
}

#[test]
fn a_source_changed_since_export_is_a_stale_error() {
    let project = Project::fixture("exchange");
    export(&project, "es", "xliff", "es.xlf");
    project.replace("es.xlf", "Votos en las Naciones Unidas", "Votos en la ONU");
    let ftl = project.read("locales/en/main.ftl");
    project.write(
        "locales/en/main.ftl",
        &ftl.replace("Votes at the United Nations", "Votes at the UN"),
    );
    let before = locales(&project);
    let run = project.report(&["l10n", "import", "es.xlf"]).failure(1);
    assert_contains(
        &run.stderr,
        "error[stale-unit]: the source of unit `title` changed since the file was exported",
    );
    assert_contains(&run.stderr, "exported source: Votes at the United Nations");
    assert_contains(&run.stderr, "current source:  Votes at the UN");
    assert_eq!(changed(&before, &locales(&project)), Vec::<String>::new());
}

#[test]
fn dry_run_says_what_would_change_and_writes_nothing() {
    let project = Project::fixture("exchange");
    export(&project, "es", "xliff", "es.xlf");
    project.replace("es.xlf", "Votos en las Naciones Unidas", "Votos en la ONU");
    let before = locales(&project);
    let run = project
        .report(&["l10n", "import", "es.xlf", "--dry-run"])
        .success();
    assert_contains(&run.stdout, "would change 1 message(s)");
    assert_contains(&run.stdout, "would write locales/es/main.ftl");
    assert_eq!(changed(&before, &locales(&project)), Vec::<String>::new());
}

#[test]
fn a_stale_unit_marked_final_unchanged_is_accepted() {
    let project = Project::fixture("exchange");
    export(&project, "es", "xliff", "es.xlf");
    project.replace("es.xlf",
        "<segment state=\"translated\" subState=\"report:needs-review\">\n        <source xml:space=\"preserve\">The source text now",
        "<segment state=\"final\">\n        <source xml:space=\"preserve\">The source text now",
    );
    let ftl = project.read("locales/es/main.ftl");
    let run = project.report(&["l10n", "import", "es.xlf"]).success();
    assert_contains(&run.stdout, "accepted 1");
    assert_eq!(project.read("locales/es/main.ftl"), ftl);
    assert!(
        project
            .read("locales/es.lock")
            .contains("changed = { source = \"The source text now\"")
    );
    let diff = project
        .report(&["diff", "--lang", "es", "--status", "stale"])
        .success();
    assert!(!diff.stdout.contains("changed"), "{}", diff.stdout);
}

#[test]
fn the_sample_english_catalog_lands_edits_in_the_right_file_keeping_crlf() {
    let project = Project::sample();
    // One file with CRLF line ends and a byte order mark: both are kept.
    let report_ftl = project.read("locales/en/report.ftl");
    let crlf = format!("\u{feff}{}", report_ftl.replace('\n', "\r\n"));
    project.write("locales/en/report.ftl", &crlf);
    let before = locales(&project);
    export(&project, "en", "xliff", "en.xlf");
    let units = toolkit_units(&project, "en.xlf");
    let economy = units
        .iter()
        .find(|u| u["id"] == "economy-title")
        .and_then(|u| u["target"].as_str())
        .expect("economy-title unit")
        .to_owned();
    toolkit(
        &project,
        &[
            "set",
            "en.xlf",
            "a.xlf",
            "economy-title",
            "Economic lifeline",
        ],
    );
    toolkit(
        &project,
        &[
            "set",
            "a.xlf",
            "b.xlf",
            "language-switcher",
            "Other languages",
        ],
    );
    project.report(&["l10n", "import", "b.xlf"]).success();
    assert_eq!(
        changed(&before, &locales(&project)),
        [
            "locales/en.lock",
            "locales/en/report.ftl",
            "locales/en/sections.ftl"
        ]
    );
    let sections = project.read("locales/en/sections.ftl");
    assert!(
        sections.contains("economy-title = Economic lifeline\n"),
        "{sections}"
    );
    let old_sections =
        String::from_utf8(before[Path::new("locales/en/sections.ftl")].clone()).expect("utf-8");
    assert_eq!(
        sections,
        old_sections.replace(
            &format!("economy-title = {economy}\n"),
            "economy-title = Economic lifeline\n"
        )
    );
    let report = project.bytes("locales/en/report.ftl");
    let expected = crlf.replace(
        "language-switcher = Languages\r\n",
        "language-switcher = Other languages\r\n",
    );
    assert_eq!(String::from_utf8(report).expect("utf-8"), expected);
}

#[test]
fn a_translations_own_placeable_is_kept_when_its_text_changes() {
    // The Spanish `owner` calls the term with an argument the source does
    // not use: the export shows it, an edit around it imports, and it stays.
    for (format, file) in FORMATS {
        let project = Project::fixture("exchange");
        export(&project, "es", format, file);
        toolkit(
            &project,
            &["retext", file, "edited", "owner", "Hecho por", "Obra de"],
        );
        project.report(&["l10n", "import", "edited"]).success();
        let ftl = project.read("locales/es/main.ftl");
        assert!(
            ftl.contains("owner = Obra de { -brand(case: \"genitive\") }\n"),
            "{format}:\n{ftl}"
        );
    }
}

#[test]
fn status_chooses_the_messages_and_an_empty_choice_writes_nothing() {
    let project = Project::fixture("exchange");
    project
        .report(&[
            "l10n",
            "export",
            "--lang",
            "es",
            "--status",
            "missing,stale",
            "-o",
            "todo.po",
        ])
        .success();
    let mut ids: Vec<String> = toolkit_units(&project, "todo.po")
        .iter()
        .map(|u| u["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    assert_eq!(ids, ["changed", "only-en", "place:one", "place:other"]);
    // The format follows the file name; --lang is needed only when the
    // project has several translations.
    assert!(project.read("todo.po").contains("msgctxt \"only-en\""));
    let sample = Project::sample();
    let run = sample
        .report(&["l10n", "export", "--status", "missing"])
        .success();
    assert_contains(&run.stdout, "nothing to export");
    assert!(!sample.path("build/l10n").exists());
    let run = sample.report(&["l10n", "export"]).success();
    assert_contains(&run.stdout, "build/l10n/es-en.xlf: ");
    assert_contains(&run.stdout, " unit(s) from ");
    let usage = sample.report(&["l10n", "export", "--lang", "es"]);
    assert_eq!(usage.code(), 2, "{}", usage.stderr);
    assert_contains(&usage.stderr, "`es` is the source language");
}

#[test]
fn list_items_are_codes_and_an_edited_item_rebuilds_the_list() {
    let project = Project::sample();
    export(&project, "en", "xliff", "en.xlf");
    let xliff = project.read("en.xlf");
    // The markers of the numbered list are codes; the items are text.
    assert_contains(&xliff, "disp=\"1. \"");
    assert_contains(&xliff, "disp=\"- \"");
    project.replace("en.xlf", "votes at the United Nations;", "votes at the UN;");
    let before = project.read("locales/en/sections.ftl");
    project.report(&["l10n", "import", "en.xlf"]).success();
    let after = project.read("locales/en/sections.ftl");
    assert!(
        after.contains("\n    1. votes at the UN;\n    2. young Cubans"),
        "{after}"
    );
    assert_ne!(before, after);
    // The list reads back as a list, four items, in check and render.
    let check = project.report(&["check", "--lang", "en"]);
    assert!(
        !check.stderr.contains("markup-mismatch"),
        "{}",
        check.stderr
    );
}

/// Edits an exported `file` (`from` → `to`) and imports it: the import
/// must fail with `expected`, located in the file, with a hint (and not as
/// a bug of the rebuild), and leave every file under `locales/` as it was.
#[track_caller]
fn assert_refused(project: &Project, file: &str, (from, to): (&str, &str), expected: &str) {
    let before = locales(project);
    project.replace(file, from, to);
    let run = project.report(&["l10n", "import", file]);
    assert_eq!(run.code(), 1, "{from:?}:\n{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(expected),
        "{from:?}: expected {expected:?} in\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{file}:")),
        "not located:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "no hint:\n{}", run.stderr);
    assert!(!run.stderr.contains("bug in report"), "{}", run.stderr);
    assert_eq!(
        changed(&before, &locales(project)),
        Vec::<String>::new(),
        "{from:?} wrote"
    );
}

/// Exports the fixture's Spanish, edits `file` (`from` → `to`), imports it;
/// returns the run and the Spanish file after it.
fn edit_and_import(
    format: &str,
    file: &str,
    from: &str,
    to: &str,
) -> (crate::support::Run, String) {
    let project = Project::fixture("exchange");
    export(&project, "es", format, file);
    project.replace(file, from, to);
    let run = project.report(&["l10n", "import", file]);
    (run, project.read("locales/es/main.ftl"))
}

#[test]
fn reviewed_edge_cases_import_as_the_translator_meant() {
    // A link the translation has (the source has none) stays a link.
    for (format, file, from) in [
        ("xliff", "x2.xlf", ">Lea ["),
        ("po", "t.po", "msgstr \"Lea ["),
    ] {
        let to = from.replace("Lea", "Consulte");
        let (run, ftl) = edit_and_import(format, file, from, &to);
        assert_eq!(run.code(), 0, "{format}: {}", run.stderr);
        assert!(
            ftl.contains("read = Consulte [el informe]({ $url })."),
            "{format}:\n{ftl}"
        );
    }
    // Two identical codes in the other order, a space after a line break.
    let (run, ftl) = edit_and_import(
        "xliff",
        "x2.xlf",
        "<ph id=\"1\" disp=\"{ $n }\" equiv=\"{ $n }\"/> y <ph id=\"2\"",
        "<ph id=\"2\" disp=\"{ $n }\" equiv=\"{ $n }\"/> e <ph id=\"1\"",
    );
    assert_eq!(run.code(), 0, "{}", run.stderr);
    assert!(ftl.contains("twice = { $n } e { $n }"), "{ftl}");
    let (run, ftl) = edit_and_import("xliff", "x2.xlf", "/>La Habana", "/> La Habana Vieja");
    assert_eq!(run.code(), 0, "{}", run.stderr);
    assert!(ftl.contains("Calle Uno\\\n    La Habana Vieja"), "{ftl}");
    // Blanks at the ends survive PO, which trims them.
    let project = Project::fixture("exchange");
    let before = project.read("locales/es/main.ftl");
    export(&project, "es", "po", "t.po");
    project.report(&["l10n", "import", "t.po"]).success();
    assert_eq!(project.read("locales/es/main.ftl"), before);
}

#[test]
fn reviewed_refusals_are_located_and_write_nothing() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // A translation's own select cannot be rebuilt from units.
        (
            "xliff",
            "x2.xlf",
            "/> por <ph",
            "/> de <ph",
            "has a select the source does not",
        ),
        // A unit twice: which one is meant?
        (
            "po",
            "t.po",
            "msgctxt \"title\"",
            "msgctxt \"title\"\nmsgid \"Votes at the United Nations\"\nmsgstr \"Otra\"\n\nmsgctxt \"title\"",
            "is in the file twice",
        ),
        // A unit a tool split into segments, only one of them translated.
        (
            "xliff",
            "x2.xlf",
            "<segment state=\"final\">\n        <source xml:space=\"preserve\">Votes at the United Nations</source>\n        <target xml:space=\"preserve\">Votos en las Naciones Unidas</target>",
            "<segment state=\"final\">\n        <source xml:space=\"preserve\">Votes at the</source>\n        <target xml:space=\"preserve\">Votos en las</target>\n      </segment>\n      <segment>\n        <source xml:space=\"preserve\"> United Nations</source>",
            "only some of them are translated",
        ),
    ];
    for (format, file, from, to, expected) in cases {
        let project = Project::fixture("exchange");
        export(&project, "es", format, file);
        assert_refused(&project, file, (from, to), expected);
    }
}

#[test]
fn a_list_marker_moved_inside_a_line_is_refused_at_its_unit() {
    // (A line end turned into a space alone is no change a reader sees, and
    // leaves the message as it is; with a real edit, it is refused.)
    let project = Project::sample();
    export(&project, "en", "xliff", "en.xlf");
    assert_refused(
        &project,
        "en.xlf",
        (
            "votes at the United Nations;\n<ph id=\"5\" disp=\"2. \"",
            "votes at the UN; <ph id=\"5\" disp=\"2. \"",
        ),
        "unit `summary-body`: the list item marker `2.` must start a line",
    );
}
