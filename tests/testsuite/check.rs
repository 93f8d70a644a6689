//! `report check`: every finding on the `check` fixture, exactly, and the
//! command's output formats, exit codes and scale.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::Project;

/// `report check --format json` on the `check` fixture, run once.
fn findings() -> &'static Value {
    static FINDINGS: OnceLock<Value> = OnceLock::new();
    FINDINGS.get_or_init(|| {
        let project = Project::fixture("check");
        let run = project.report(&["check", "--format", "json"]).failure(1);
        serde_json::from_str(&run.stdout).expect("check prints JSON")
    })
}

type Finding = (String, String, String, u64, u64);

fn tuple(finding: &Value) -> Finding {
    (
        finding["code"].as_str().unwrap_or_default().to_owned(),
        finding["language"].as_str().unwrap_or_default().to_owned(),
        finding["file"].as_str().unwrap_or_default().to_owned(),
        finding["line"].as_u64().unwrap_or_default(),
        finding["column"].as_u64().unwrap_or_default(),
    )
}

/// One test per expected finding: (code, language, file, line, column).
macro_rules! finding {
    ($name:ident, $code:literal, $lang:literal, $file:literal, $line:literal, $column:literal) => {
        #[test]
        fn $name() {
            let wanted: Finding = ($code.into(), $lang.into(), $file.into(), $line, $column);
            let all: Vec<Finding> = findings()["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(tuple)
                .collect();
            assert!(all.contains(&wanted), "missing {wanted:?} among:\n{all:#?}");
        }
    };
}

mod each {
    use super::*;

    finding!(
        unknown_message_en_us,
        "unknown-message",
        "en-US",
        "data/d.toml",
        2,
        5
    );
    finding!(
        unknown_message_es_es,
        "unknown-message",
        "es-ES",
        "data/d.toml",
        2,
        5
    );
    finding!(
        argument_kind_en_us,
        "argument-kind",
        "en-US",
        "data/d.toml",
        3,
        5
    );
    finding!(
        argument_kind_es_es,
        "argument-kind",
        "es-ES",
        "data/d.toml",
        3,
        5
    );
    finding!(
        empty_value_en_us,
        "empty-value",
        "en-US",
        "locales/en-US/main.ftl",
        15,
        1
    );
    finding!(
        cyclic_reference_en_us,
        "cyclic-reference",
        "en-US",
        "locales/en-US/main.ftl",
        16,
        1
    );
    finding!(
        cyclic_reference_en_us_2,
        "cyclic-reference",
        "en-US",
        "locales/en-US/main.ftl",
        17,
        1
    );
    finding!(
        unknown_reference_en_us,
        "unknown-reference",
        "en-US",
        "locales/en-US/main.ftl",
        18,
        18
    );
    finding!(
        unused_message_en_us,
        "unused-message",
        "en-US",
        "locales/en-US/main.ftl",
        19,
        1
    );
    finding!(
        missing_message_es_es,
        "missing-message",
        "es-ES",
        "locales/en-US/main.ftl",
        21,
        1
    );
    finding!(
        missing_term_es_es,
        "missing-term",
        "es-ES",
        "locales/en-US/main.ftl",
        23,
        1
    );
    finding!(
        missing_file_es_es,
        "missing-file",
        "es-ES",
        "locales/en-US/other.ftl",
        1,
        1
    );
    finding!(
        unchanged_es_es,
        "unchanged",
        "es-ES",
        "locales/es-ES/main.ftl",
        1,
        1
    );
    finding!(
        dropped_variable_es_es,
        "dropped-variable",
        "es-ES",
        "locales/es-ES/main.ftl",
        3,
        1
    );
    finding!(
        unknown_variable_es_es,
        "unknown-variable",
        "es-ES",
        "locales/es-ES/main.ftl",
        3,
        19
    );
    finding!(
        missing_plural_category_es_es,
        "missing-plural-category",
        "es-ES",
        "locales/es-ES/main.ftl",
        4,
        14
    );
    finding!(
        missing_attribute_es_es,
        "missing-attribute",
        "es-ES",
        "locales/es-ES/main.ftl",
        8,
        1
    );
    finding!(
        obsolete_attribute_es_es,
        "obsolete-attribute",
        "es-ES",
        "locales/es-ES/main.ftl",
        10,
        5
    );
    finding!(
        reference_mismatch_es_es,
        "reference-mismatch",
        "es-ES",
        "locales/es-ES/main.ftl",
        11,
        1
    );
    finding!(
        dropped_variable_es_es_2,
        "dropped-variable",
        "es-ES",
        "locales/es-ES/main.ftl",
        12,
        1
    );
    finding!(
        unknown_variable_es_es_2,
        "unknown-variable",
        "es-ES",
        "locales/es-ES/main.ftl",
        12,
        20
    );
    finding!(
        dropped_variable_es_es_3,
        "dropped-variable",
        "es-ES",
        "locales/es-ES/main.ftl",
        13,
        1
    );
    finding!(
        unchanged_es_es_2,
        "unchanged",
        "es-ES",
        "locales/es-ES/main.ftl",
        14,
        1
    );
    finding!(
        empty_value_es_es,
        "empty-value",
        "es-ES",
        "locales/es-ES/main.ftl",
        15,
        1
    );
    finding!(
        cyclic_reference_es_es,
        "cyclic-reference",
        "es-ES",
        "locales/es-ES/main.ftl",
        16,
        1
    );
    finding!(
        cyclic_reference_es_es_2,
        "cyclic-reference",
        "es-ES",
        "locales/es-ES/main.ftl",
        17,
        1
    );
    finding!(
        unknown_reference_es_es,
        "unknown-reference",
        "es-ES",
        "locales/es-ES/main.ftl",
        18,
        17
    );
    finding!(
        obsolete_message_es_es,
        "obsolete-message",
        "es-ES",
        "locales/es-ES/main.ftl",
        22,
        1
    );
    finding!(
        syntax_es_es,
        "syntax",
        "es-ES",
        "locales/es-ES/main.ftl",
        23,
        14
    );
    finding!(
        obsolete_message_es_es_2,
        "obsolete-message",
        "es-ES",
        "locales/es-ES/main.ftl",
        24,
        1
    );
    finding!(
        duplicate_id_es_es,
        "duplicate-id",
        "es-ES",
        "locales/es-ES/main.ftl",
        25,
        1
    );
    finding!(
        no_default_variant_es_es,
        "no-default-variant",
        "es-ES",
        "locales/es-ES/main.ftl",
        28,
        18
    );
    finding!(
        message_needs_arguments_es_es,
        "message-needs-arguments",
        "es-ES",
        "templates/main.typ",
        4,
        27
    );
    finding!(
        unknown_message_en_us_2,
        "unknown-message",
        "en-US",
        "templates/main.typ",
        6,
        7
    );
    finding!(
        unknown_message_es_es_4,
        "unknown-message",
        "es-ES",
        "templates/main.typ",
        6,
        7
    );
    finding!(
        message_needs_arguments_en_us,
        "message-needs-arguments",
        "en-US",
        "templates/main.typ",
        7,
        7
    );
    finding!(
        message_needs_arguments_es_es_2,
        "message-needs-arguments",
        "es-ES",
        "templates/main.typ",
        7,
        7
    );
}

#[test]
fn nothing_else_is_reported() {
    let expected: BTreeSet<Finding> = [
        ("unknown-message", "en-US", "data/d.toml", 2, 5),
        ("unknown-message", "es-ES", "data/d.toml", 2, 5),
        ("argument-kind", "en-US", "data/d.toml", 3, 5),
        ("argument-kind", "es-ES", "data/d.toml", 3, 5),
        ("empty-value", "en-US", "locales/en-US/main.ftl", 15, 1),
        ("cyclic-reference", "en-US", "locales/en-US/main.ftl", 16, 1),
        ("cyclic-reference", "en-US", "locales/en-US/main.ftl", 17, 1),
        (
            "unknown-reference",
            "en-US",
            "locales/en-US/main.ftl",
            18,
            18,
        ),
        ("unused-message", "en-US", "locales/en-US/main.ftl", 19, 1),
        ("missing-message", "es-ES", "locales/en-US/main.ftl", 21, 1),
        ("missing-term", "es-ES", "locales/en-US/main.ftl", 23, 1),
        ("missing-file", "es-ES", "locales/en-US/other.ftl", 1, 1),
        ("unchanged", "es-ES", "locales/es-ES/main.ftl", 1, 1),
        ("dropped-variable", "es-ES", "locales/es-ES/main.ftl", 3, 1),
        ("unknown-variable", "es-ES", "locales/es-ES/main.ftl", 3, 19),
        (
            "missing-plural-category",
            "es-ES",
            "locales/es-ES/main.ftl",
            4,
            14,
        ),
        ("missing-attribute", "es-ES", "locales/es-ES/main.ftl", 8, 1),
        (
            "obsolete-attribute",
            "es-ES",
            "locales/es-ES/main.ftl",
            10,
            5,
        ),
        (
            "reference-mismatch",
            "es-ES",
            "locales/es-ES/main.ftl",
            11,
            1,
        ),
        ("dropped-variable", "es-ES", "locales/es-ES/main.ftl", 12, 1),
        (
            "unknown-variable",
            "es-ES",
            "locales/es-ES/main.ftl",
            12,
            20,
        ),
        ("dropped-variable", "es-ES", "locales/es-ES/main.ftl", 13, 1),
        ("unchanged", "es-ES", "locales/es-ES/main.ftl", 14, 1),
        ("empty-value", "es-ES", "locales/es-ES/main.ftl", 15, 1),
        ("cyclic-reference", "es-ES", "locales/es-ES/main.ftl", 16, 1),
        ("cyclic-reference", "es-ES", "locales/es-ES/main.ftl", 17, 1),
        (
            "unknown-reference",
            "es-ES",
            "locales/es-ES/main.ftl",
            18,
            17,
        ),
        ("obsolete-message", "es-ES", "locales/es-ES/main.ftl", 22, 1),
        ("syntax", "es-ES", "locales/es-ES/main.ftl", 23, 14),
        ("obsolete-message", "es-ES", "locales/es-ES/main.ftl", 24, 1),
        ("duplicate-id", "es-ES", "locales/es-ES/main.ftl", 25, 1),
        (
            "no-default-variant",
            "es-ES",
            "locales/es-ES/main.ftl",
            28,
            18,
        ),
        (
            "message-needs-arguments",
            "es-ES",
            "templates/main.typ",
            4,
            27,
        ),
        ("unknown-message", "en-US", "templates/main.typ", 6, 7),
        ("unknown-message", "es-ES", "templates/main.typ", 6, 7),
        (
            "message-needs-arguments",
            "en-US",
            "templates/main.typ",
            7,
            7,
        ),
        (
            "message-needs-arguments",
            "es-ES",
            "templates/main.typ",
            7,
            7,
        ),
    ]
    .into_iter()
    .map(|(c, l, f, line, col): (&str, &str, &str, u64, u64)| {
        (c.to_owned(), l.to_owned(), f.to_owned(), line, col)
    })
    .collect();
    let all: BTreeSet<Finding> = findings()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(tuple)
        .collect();
    let unexpected: Vec<_> = all.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&all).collect();
    assert!(
        unexpected.is_empty() && missing.is_empty(),
        "unexpected: {unexpected:#?}\nmissing: {missing:#?}"
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let document = findings();
    assert_eq!(document["version"], 1);
    for finding in document["findings"].as_array().expect("findings") {
        let object = finding.as_object().expect("finding is an object");
        let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "code", "column", "file", "hint", "id", "language", "line", "message", "notes",
                "severity"
            ]
            .into_iter()
            .collect(),
            "{finding}"
        );
        assert!(
            ["error", "warning", "info"]
                .contains(&finding["severity"].as_str().unwrap_or_default())
        );
        assert!(finding["code"].is_string() && finding["message"].is_string());
        for key in ["language", "file", "id", "hint"] {
            assert!(
                finding[key].is_string() || finding[key].is_null(),
                "{key} in {finding}"
            );
        }
        for key in ["line", "column"] {
            assert!(
                finding[key].is_u64() || finding[key].is_null(),
                "{key} in {finding}"
            );
        }
        let notes = finding["notes"].as_array().expect("notes is an array");
        assert!(notes.iter().all(Value::is_string), "{finding}");
    }
    let summary = document["summary"].as_array().expect("summary");
    assert_eq!(summary.len(), 2);
    let es = &summary[1];
    assert_eq!(es["language"], "es-ES");
    assert_eq!(es["source"], false);
    assert_eq!(es["messages"], 17);
    assert_eq!(es["translated"], 15);
    assert_eq!(es["missing"], 2);
    assert_eq!(es["obsolete"], 2);
    assert_eq!(es["percent"], 88.2);
    assert!(es["words"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn human_output_shows_snippets_hints_and_a_summary() {
    let project = Project::fixture("check");
    let run = project.report(&["check"]).failure(1);
    let stderr = &run.stderr;
    assert!(
        stderr.contains(
            "error[unknown-variable]: `renamed` in `es-ES` uses `$amout`, which the source does not"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("locales/es-ES/main.ftl:12:20"), "{stderr}");
    assert!(
        stderr.contains("12 │ renamed = Total: { $amout }"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `$amount`?"), "{stderr}");
    assert!(
        !stderr.contains("info[unchanged]"),
        "unchanged entries are listed only with -v"
    );
    assert!(run.stdout.contains("es-ES"), "{}", run.stdout);
    assert!(run.stdout.contains("88.2%"), "{}", run.stdout);
    let verbose = project.report(&["check", "-v"]).failure(1);
    assert!(
        verbose
            .stderr
            .contains("`same` in `es-ES` is identical to the source"),
        "{}",
        verbose.stderr
    );
}

#[test]
fn the_sample_report_is_clean() {
    let project = Project::sample();
    let run = project
        .report(&["check", "--deny", "warnings", "--deny", "stale"])
        .success();
    assert!(
        run.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stdout
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let project = Project::fixture("minimal");
    project.write(
        "locales/en/main.ftl",
        &format!(
            "{}stale-extra = Not in Spanish\n",
            project.read("locales/en/main.ftl")
        ),
    );
    let run = project.report(&["check"]).success();
    assert!(
        run.stderr.contains("warning[obsolete-message]"),
        "{}",
        run.stderr
    );
    project.report(&["check", "--deny", "warnings"]).failure(1);
    project
        .report(&["check", "--deny", "everything"])
        .failure(2);
    project.report(&["check", "--lang", "fr"]).failure(2);
}

#[test]
fn lang_filters_findings() {
    let project = Project::fixture("check");
    let run = project
        .report(&["check", "--lang", "en-US", "--format", "json"])
        .failure(1);
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    let languages: BTreeSet<&str> = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["language"].as_str())
        .collect();
    assert_eq!(languages, ["en-US"].into_iter().collect());
}

#[test]
fn render_refuses_a_language_with_errors_and_renders_the_others() {
    let project = Project::fixture("minimal");
    project.write(
        "locales/en/main.ftl",
        &project
            .read("locales/en/main.ftl")
            .replace("{ $n } votes", "{ $count } votes"),
    );
    let run = project.report(&["render", "--format", "pdf"]).failure(1);
    assert!(
        run.stderr.contains("error[unknown-variable]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("locales/en/main.ftl:4:"),
        "{}",
        run.stderr
    );
    assert!(project.path("build/es/minimal.pdf").is_file());
    assert!(!project.path("build/en/minimal.pdf").exists());
}

/// A large tree: hundreds of files per language, nested directories, CRLF
/// line ends, terms, attributes, nested selects and comments. (The selects
/// use variables, so they are in values: `render` formats the attributes of
/// a message whose value needs no arguments without any.)
#[test]
fn large_trees_with_crlf_terms_attributes_and_nested_selects() {
    let project = Project::fixture("minimal");
    let mut total = 0;
    for file in 0..150 {
        for (lang, word) in [("es", "hola"), ("en", "hello")] {
            let mut text = String::from("### Resource comment\r\n\r\n");
            for n in 0..4 {
                text.push_str(&format!(
                    "# Message comment\r\n-term-{file}-{n} = {word}\r\n    .gender = f\r\nmsg-{file}-{n} = {{ -term-{file}-{n} }} {word} {{ $count ->\r\n        [one] {{ $kind ->\r\n            [a] {word} a\r\n           *[b] {word} b\r\n        }}\r\n        [many] {word} many\r\n       *[other] {word} {{ $count }}\r\n    }}\r\n    .title = {word} {n}\r\n\r\n"
                ));
            }
            project.write(
                &format!("locales/{lang}/group-{}/file-{file}.ftl", file % 7),
                &text,
            );
        }
        total += 4;
    }
    let run = project.report(&["check", "--format", "json"]).success();
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    let errors: Vec<&Value> = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let en = &document["summary"][1];
    // The fixture's own messages plus the generated ones.
    assert_eq!(en["messages"].as_u64(), Some(total + 4));
    assert_eq!(en["translated"].as_u64(), Some(total + 4));
}

/// A translation copied from the source is `unchanged` also when its text
/// is all inside a select, and words inside variants are counted.
#[test]
fn a_copied_select_is_unchanged_and_its_words_count() {
    let project = Project::fixture("minimal");
    let select = "votes-line = { $n ->\n    [one] One vote\n   *[other] Many votes cast\n}\n";
    for lang in ["es", "en"] {
        let file = format!("locales/{lang}/main.ftl");
        let text = project.read(&file) + select;
        project.write(&file, &text);
    }
    let summary = |project: &Project| -> Value {
        let run = project.report(&["check", "--format", "json"]);
        serde_json::from_str(&run.stdout).expect("json")
    };
    let before = summary(&project);
    let unchanged: Vec<&Value> = before["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "unchanged")
        .collect();
    assert_eq!(unchanged.len(), 1, "{unchanged:#?}");
    assert_eq!(unchanged[0]["id"], "votes-line");
    assert_eq!(unchanged[0]["language"], "en");
    assert_eq!(unchanged[0]["line"], 5);

    // Five words in the select's variants, none in its placeables.
    let words = |document: &Value| document["summary"][0]["words"].as_u64().expect("words");
    let file = "locales/es/main.ftl";
    project.write(file, &project.read(file).replace(select, ""));
    assert_eq!(words(&before) - words(&summary(&project)), 5);
}

/// `report check --format json`'s findings with `code`, as (language, file,
/// line, column, id, severity).
fn located(run_stdout: &str, code: &str) -> Vec<(String, String, u64, u64, String, String)> {
    let document: Value = serde_json::from_str(run_stdout).expect("check prints JSON");
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap_or_default().to_owned();
            let number = |key: &str| f[key].as_u64().unwrap_or_default();
            (
                text("language"),
                text("file"),
                number("line"),
                number("column"),
                text("id"),
                text("severity"),
            )
        })
        .collect()
}

fn finding(
    language: &str,
    file: &str,
    line: u64,
    column: u64,
    id: &str,
    severity: &str,
) -> (String, String, u64, u64, String, String) {
    (
        language.into(),
        file.into(),
        line,
        column,
        id.into(),
        severity.into(),
    )
}

/// A `javascript:` link passed `check` (even `--deny warnings`) and failed
/// `render`, reported at the message twice. Now `check` finds it, in any
/// text (value, attribute, variant), and `render` refuses the language with
/// `check`'s finding, once.
#[test]
fn unsafe_links_fail_check_at_the_message_and_render_says_so_once() {
    let project = Project::fixture("minimal");
    let file = "locales/es/main.ftl";
    let text = project.read(file).replace(
        "greeting = Hola, **mundo**.",
        "greeting = Hola, [mundo](javascript:alert(1)).\n    .title = { 2 ->\n        [one] [x](data:text/html,x)\n       *[other] ok\n    }",
    );
    project.write(file, &text);
    let en = "locales/en/main.ftl";
    let text = project.read(en).replace(
        "greeting = Hello, **world**.",
        "greeting = Hello, **world**.\n    .title = ok",
    );
    project.write(en, &text);
    let run = project
        .report(&["check", "--deny", "warnings", "--format", "json"])
        .failure(1);
    assert_eq!(
        located(&run.stdout, "markup"),
        [
            finding("es", file, 3, 1, "greeting", "error"),
            finding("es", file, 4, 5, "greeting.title", "error"),
        ]
    );
    let run = project.report(&["render", "--format", "pdf"]).failure(1);
    let stderr = &run.stderr;
    assert_eq!(stderr.matches("error[markup]").count(), 2, "{stderr}");
    assert_eq!(
        stderr
            .matches("link target `javascript:alert(1)` is not allowed")
            .count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("locales/es/main.ftl:3:1"), "{stderr}");
    assert!(project.path("build/en/minimal.pdf").is_file());
    assert!(!project.path("build/es/minimal.pdf").exists());
}

/// 101 placeables (counting those of the messages referenced) passed
/// `check` and failed `render` ("too many placeables").
#[test]
fn too_many_placeables_fail_check_at_the_message() {
    let project = Project::fixture("minimal");
    let file = "locales/es/main.ftl";
    let fifty = "{ \"x\" }".repeat(50);
    let text = project.read(file).replace(
        "greeting = Hola, **mundo**.",
        &format!("greeting = {{ half }}{{ half }}\nhalf = {fifty}"),
    );
    project.write(file, &text);
    project.write(
        "locales/en/main.ftl",
        &format!("{}half = half\n", project.read("locales/en/main.ftl")),
    );
    let run = project.report(&["check", "--format", "json"]).failure(1);
    assert_eq!(
        located(&run.stdout, "too-many-placeables"),
        [finding("es", file, 3, 1, "greeting", "error")]
    );
    let run = project.report(&["render", "--format", "pdf"]).failure(1);
    let stderr = &run.stderr;
    assert_eq!(
        stderr
            .matches("error[too-many-placeables]: `greeting` in `es` can format 102 placeables")
            .count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("error[format]"), "{stderr}");
    assert!(stderr.contains("locales/es/main.ftl:3:1"), "{stderr}");
}

/// Control characters passed `check` and the PDF, then failed the HTML
/// edition with no file, line or message named. `check` points at each.
#[test]
fn control_characters_fail_check_where_they_are() {
    let project = Project::fixture("minimal");
    let file = "locales/es/main.ftl";
    let text = project.read(file).replace(
        "greeting = Hola, **mundo**.",
        "greeting = Hola,\u{b} **mundo**.\u{0}\u{7}\u{1b}",
    );
    project.write(file, &text);
    project.write(
        "data/facts.toml",
        &format!(
            "{}note = \"bell\\u0007\"\n",
            project.read("data/facts.toml")
        ),
    );
    let run = project.report(&["check", "--format", "json"]).failure(1);
    assert_eq!(
        located(&run.stdout, "bad-character"),
        [
            finding("", "data/facts.toml", 2, 8, "", "error"),
            finding("es", file, 3, 17, "greeting", "error"),
            finding("es", file, 3, 29, "greeting", "error"),
            finding("es", file, 3, 30, "greeting", "error"),
            finding("es", file, 3, 31, "greeting", "error"),
        ]
    );
    let run = project.report(&["check"]).failure(1);
    assert!(
        run.stderr.contains(
            "error[bad-character]: `greeting` in `es` has the control character U+000B, which no edition can show"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error[bad-character]: the data has the control character U+0007"),
        "{}",
        run.stderr
    );
    // The data's character is in every edition: render refuses them all,
    // each finding told once, where it is.
    let run = project.report(&["render", "--format", "html"]).failure(1);
    assert_eq!(
        run.stderr.matches("error[bad-character]").count(),
        5,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error[typst]"), "{}", run.stderr);
}

/// An emoji (no font given to Typst has it) failed the PDF/A build with no
/// location. `check` points at it: an error under the PDF/A and PDF/UA
/// standards (the default), a warning without them (a blank box), nothing
/// when no PDF is made.
#[test]
fn characters_no_font_has_are_found_as_the_pdf_standards_require() {
    let project = Project::fixture("minimal");
    let file = "locales/es/main.ftl";
    let text = project.read(file).replace(
        "greeting = Hola, **mundo**.",
        "greeting = Hola 😀, **mundo**.",
    );
    project.write(file, &text);
    let run = project.report(&["check", "--format", "json"]).failure(1);
    assert_eq!(
        located(&run.stdout, "missing-glyph"),
        [finding("es", file, 3, 17, "greeting", "error")]
    );
    let run = project.report(&["render", "--format", "pdf"]).failure(1);
    assert!(
        run.stderr
            .contains("error[missing-glyph]: `greeting` in `es` has `😀` (U+1F600)")
            && run.stderr.contains("locales/es/main.ftl:3:17")
            && run.stderr.contains("(ua-1, a-2a)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error[typst]"), "{}", run.stderr);

    let manifest = project.read("report.toml");
    project.write(
        "report.toml",
        &format!("{manifest}\n[pdf]\nstandards = []\n"),
    );
    let run = project.report(&["check", "--format", "json"]).success();
    assert_eq!(
        located(&run.stdout, "missing-glyph"),
        [finding("es", file, 3, 17, "greeting", "warning")]
    );
    project.report(&["check", "--deny", "warnings"]).failure(1);

    let html_only = manifest.replace("[report]\n", "[report]\nformats = [\"html\"]\n");
    project.write("report.toml", &html_only);
    let run = project.report(&["check", "--format", "json"]).success();
    assert_eq!(located(&run.stdout, "missing-glyph"), []);
}

/// A misused option of `NUMBER()` or `DATETIME()` is pointed at, beside
/// the data that asked for the message.
#[test]
fn a_bad_function_option_is_located_in_the_message() {
    let project = Project::fixture("minimal");
    let line = "count = There are { NUMBER($n, maximumFractionDigits: 200) } votes on { $date }.";
    let main = project.read("locales/en/main.ftl");
    let original = main
        .lines()
        .find(|l| l.starts_with("count ="))
        .expect("count");
    project.write("locales/en/main.ftl", &main.replace(original, line));
    let number = main
        .lines()
        .position(|l| l.starts_with("count ="))
        .expect("line")
        + 1;
    let column = line.find("maximumFractionDigits").expect("option") + 1;
    let run = project.report(&["check"]).failure(1);
    let wanted = format!("= the option is at locales/en/main.ftl:{number}:{column}");
    assert!(
        run.stderr.contains("NUMBER() option `maximumFractionDigits` must be a whole number from 0 to 100, not \"200\"")
            && run.stderr.contains(&wanted),
        "{}",
        run.stderr
    );
}
