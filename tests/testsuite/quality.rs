//! `report check` beyond compare-locales, on the `quality` fixture, whose
//! translations carry one planted defect of each kind: figures, links,
//! markup, typography (Spanish and English) and terminology, each found
//! exactly where it is; and `report check --fix`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::Project;

/// The codes this file is about.
const CODES: [&str; 5] = [
    "number-mismatch",
    "link-mismatch",
    "markup-mismatch",
    "typography",
    "terminology",
];

type Found = (String, String, String, u64, u64);

fn found(project: &Project) -> BTreeSet<Found> {
    let run = project.report(&["check", "--output-format", "json"]);
    let document: Value = serde_json::from_str(&run.stdout).expect("check prints JSON");
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| CODES.contains(&f["code"].as_str().unwrap_or_default()))
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["language"].as_str().unwrap_or_default().to_owned(),
                f["file"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn set(items: &[(&str, &str, &str, u64, u64)]) -> BTreeSet<Found> {
    items
        .iter()
        .map(|&(c, l, f, line, col)| (c.into(), l.into(), f.into(), line, col))
        .collect()
}

#[test]
fn every_planted_defect_is_found_where_it_is_and_nothing_else() {
    let project = Project::fixture("quality");
    let (en, es, mx) = (
        "locales/en/main.ftl",
        "locales/es/main.ftl",
        "locales/es-MX/main.ftl",
    );
    let expected = set(&[
        // English: straight quotes, two spaces, a space before a comma.
        ("typography", "en", en, 9, 17),
        ("typography", "en", en, 9, 20),
        ("typography", "en", en, 10, 13),
        ("typography", "en", en, 10, 26),
        // Spanish: 143 for 141; 2.022 where the source says two.
        ("number-mismatch", "es", es, 1, 37),
        ("number-mismatch", "es", es, 10, 14),
        ("link-mismatch", "es", es, 5, 25),
        ("markup-mismatch", "es", es, 6, 1),
        ("terminology", "es", es, 7, 1),
        ("terminology", "es", es, 8, 1),
        ("terminology", "es", es, 8, 11),
        // 3.000 and 5.000 (four digits take no point in Spanish), 25%,
        // straight quotes, three points, 2.022, a space before a comma.
        ("typography", "es", es, 2, 16),
        ("typography", "es", es, 2, 24),
        ("typography", "es", es, 2, 49),
        ("typography", "es", es, 9, 14),
        ("typography", "es", es, 9, 17),
        ("typography", "es", es, 9, 24),
        ("typography", "es", es, 10, 14),
        ("typography", "es", es, 10, 25),
        // Mexican Spanish: an ordinary space before %, `Seguro?`.
        ("typography", "es-MX", mx, 2, 49),
        ("typography", "es-MX", mx, 11, 1),
    ]);
    assert_eq!(found(&project), expected);
}

#[test]
fn a_finding_shows_the_source_beside_the_translation_and_a_hint() {
    let project = Project::fixture("quality");
    let run = project.report(&["check", "--lang", "es"]);
    let stderr = &run.stderr;
    for wanted in [
        "warning[number-mismatch]: `votes` in `es`: the source's figure `141` is missing; `143` is not in the source",
        "= source (en): The resolution passed with 141 votes on 2 March 2022.",
        "= translation (es): La resolución se aprobó con 143 votos el 2 de marzo de 2022.",
        "= hint: check the figure against the source",
        "warning[terminology]: `food` in `es`: `Programa Alimentario Mundial` is a form the glossary forbids",
        "= hint: write `Programa Mundial de Alimentos` (locales/glossary.toml)",
        "warning[markup-mismatch]: `emphasis` in `es`: the translation has 0 emphasis where the source has 1",
        "= source (en): The GRU ran it.",
        "= translation (es): La inteligencia rusa lo dirigió.",
    ] {
        assert!(stderr.contains(wanted), "missing {wanted:?} in:\n{stderr}");
    }
}

#[test]
fn json_findings_carry_both_texts_as_notes() {
    let project = Project::fixture("quality");
    let run = project.report(&["check", "--output-format", "json", "--lang", "es"]);
    let document: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let votes = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "number-mismatch" && f["id"] == "votes")
        .expect("the votes finding");
    assert_eq!(
        votes["notes"],
        serde_json::json!([
            "source (en): The resolution passed with 141 votes on 2 March 2022.",
            "translation (es): La resolución se aprobó con 143 votos el 2 de marzo de 2022."
        ])
    );
}

#[test]
fn fix_applies_quotes_ellipsis_and_no_break_spaces_and_nothing_else() {
    let project = Project::fixture("quality");
    let before_mx = project.bytes("locales/es-MX/main.ftl");
    let run = project.report(&["check", "--fix", "--lang", "es,es-MX"]);
    for change in [
        "fixed locales/es/main.ftl:9:14: `\"` → `«`",
        "fixed locales/es/main.ftl:9:17: `\"` → `»`",
        "fixed locales/es/main.ftl:9:24: `...` → `…`",
        "fixed locales/es/main.ftl:2:49: inserted `\\u{a0}`",
        "fixed locales/es-MX/main.ftl:2:49: ` ` → `\\u{a0}`",
        "5 fix(es) applied",
    ] {
        assert!(
            run.stderr.contains(change),
            "missing {change:?} in:\n{}",
            run.stderr
        );
    }
    let es = project.read("locales/es/main.ftl");
    assert!(es.contains("\ntroops = Entre 3.000 y 5.000 combatientes, el 25\u{a0}% de ellos.\n"));
    assert!(es.contains("\nquote = Dijo «no» a eso…\n"));
    // Only those characters changed: the rest of the file is as it was.
    let original = std::fs::read_to_string(
        crate::support::repo_root().join("tests/fixtures/quality/locales/es/main.ftl"),
    )
    .expect("fixture");
    let undo = es
        .replace("25\u{a0}%", "25%")
        .replace("«no» a eso…", "\"no\" a eso...");
    assert_eq!(undo, original);
    let mx = project.bytes("locales/es-MX/main.ftl");
    assert_ne!(mx, before_mx);
    assert_eq!(
        String::from_utf8(mx)
            .expect("UTF-8")
            .replace("25\u{a0}%", "25 %")
            .into_bytes(),
        before_mx
    );
    // English was not asked for: untouched, its quotes still straight.
    assert!(
        project
            .read("locales/en/main.ftl")
            .contains("He said \"no\" to it.")
    );
    // What is left is what no fix can do; a second run changes nothing.
    let left = found(&project);
    assert!(!left.contains(&(
        "typography".into(),
        "es".into(),
        "locales/es/main.ftl".into(),
        9,
        14
    )));
    let files =
        |p: &Project| ["en", "es", "es-MX"].map(|l| p.bytes(&format!("locales/{l}/main.ftl")));
    let fixed = files(&project);
    let again = project.report(&["check", "--fix", "--lang", "es,es-MX"]);
    assert!(!again.stderr.contains("fixed "), "{}", again.stderr);
    assert_eq!(files(&project), fixed);
    // English quotes are “ ”.
    let run = project.report(&["check", "--fix", "--lang", "en"]);
    assert!(run.stderr.contains("2 fix(es) applied"), "{}", run.stderr);
    assert!(
        project
            .read("locales/en/main.ftl")
            .contains("\nquote = He said “no” to it.\n")
    );
}

#[test]
fn typography_rules_can_be_turned_off_and_bad_settings_are_located() {
    let project = Project::fixture("quality");
    let manifest = project.read("report.toml");
    project.write(
        "report.toml",
        &manifest.replace(
            "double-space = true",
            "double-space = false\nquotes = false",
        ),
    );
    let codes = found(&project);
    assert!(!codes.contains(&(
        "typography".into(),
        "en".into(),
        "locales/en/main.ftl".into(),
        10,
        13
    )));
    assert!(!codes.contains(&(
        "typography".into(),
        "es".into(),
        "locales/es/main.ftl".into(),
        9,
        14
    )));
    assert!(codes.contains(&(
        "typography".into(),
        "es".into(),
        "locales/es/main.ftl".into(),
        9,
        24
    )));

    project.write(
        "report.toml",
        &manifest.replace("double-space = true", "spanish-quotes = \"<>\""),
    );
    let run = project.report(&["check"]).failure(1);
    assert!(
        run.stderr
            .contains("error[manifest]: `spanish-quotes` cannot be \"<>\"")
            && run.stderr.contains("report.toml:9:18"),
        "{}",
        run.stderr
    );
    project.write(
        "report.toml",
        &manifest.replace("double-space", "double-spaces"),
    );
    let run = project.report(&["check"]).failure(1);
    assert!(run.stderr.contains("double-spaces"), "{}", run.stderr);
}

#[test]
fn a_broken_glossary_is_an_error_at_its_line() {
    let project = Project::fixture("quality");
    project.write(
        "locales/glossary.toml",
        "[[term]]\nkeep = \"GRU\"\n\n[[term]]\nfr = \"PAM\"\n",
    );
    let run = project.report(&["check"]).failure(1);
    assert!(
        run.stderr.contains(
            "error[terminology]: `locales/glossary.toml`: `fr` is not a language of the report"
        ) && run.stderr.contains("locales/glossary.toml:4:1"),
        "{}",
        run.stderr
    );
    project.write("locales/glossary.toml", "[[term]\nkeep = 1\n");
    let run = project.report(&["check"]).failure(1);
    assert!(
        run.stderr
            .contains("error[terminology]: invalid `locales/glossary.toml`")
            && run.stderr.contains("locales/glossary.toml:1:"),
        "{}",
        run.stderr
    );
}

/// A file saved with CRLF line ends and a byte-order mark keeps both: the
/// check reads it without them, and each fix is moved back onto its bytes.
#[test]
fn fix_keeps_crlf_and_the_byte_order_mark() {
    let project = Project::fixture("quality");
    let lf = project.read("locales/es/main.ftl");
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    project.write("locales/es/main.ftl", &crlf);
    let run = project.report(&["check", "--fix", "--lang", "es"]);
    assert!(run.stderr.contains("4 fix(es) applied"), "{}", run.stderr);
    let fixed = project.read("locales/es/main.ftl");
    let expected = crlf
        .replace("25%", "25\u{a0}%")
        .replace("\"no\" a eso...", "«no» a eso…");
    assert_eq!(fixed, expected);
}
