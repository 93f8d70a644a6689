//! The full human output of each family of diagnostics, pinned by
//! snapshots: what failed, where (path:line:col with the source line and a
//! caret), and the hint. Temporary paths are redacted to `[PROJECT]`.

use crate::support::{Project, Run};

/// Standard error with the project's temporary path redacted.
fn stderr(project: &Project, run: &Run) -> String {
    let root = project.root().display().to_string();
    let real = project
        .root()
        .canonicalize()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| root.clone());
    run.stderr
        .replace(&real, "[PROJECT]")
        .replace(&root, "[PROJECT]")
}

fn minimal() -> Project {
    Project::fixture("minimal")
}

#[test]
fn manifest_unknown_key() {
    let project = minimal();
    let manifest = project.read("report.toml").replace("typst =", "typts =");
    project.write("report.toml", &manifest);
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn manifest_values() {
    let project = minimal();
    let manifest = project
        .read("report.toml")
        .replace("[\"es\", \"en\"]", "[\"es\", \"en\", \"en\", \"pt_BR\"]")
        .replace("data/facts.toml", "../facts.toml")
        .replace("date = 2024-01-02", "date = 2024-01-02T10:00:00");
    project.write("report.toml", &manifest);
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn fluent_syntax() {
    let project = minimal();
    project.write(
        "locales/en/main.ftl",
        "language-name = English\ntitle = Minimal report\ngreeting = Hello { $x\ncount = There are { $n } votes on { $date }.\n",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn translation_findings() {
    let project = minimal();
    project.write(
        "locales/en/main.ftl",
        "language-name = English\ntitle = Minimal report\ngreeting = Hello, **world**, { $name }.\ncount = There are { $n } votes.\nextra = Only in English\n",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn data_files() {
    let project = minimal();
    project.write(
        "data/facts.toml",
        "count = { msg = \"count\", args = { n = 1234, date = 2022-02-28 } }\nbad = { msg = \"no-such-message\" }\n",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("data_unknown_message", stderr(&project, &run));
    project.write(
        "data/facts.toml",
        "count = { msg = \"count\", args = { n = 12\n",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("data_toml_syntax", stderr(&project, &run));
    let manifest = project
        .read("report.toml")
        .replace("data/facts.toml", "data/facts.json");
    project.write("report.toml", &manifest);
    project.write(
        "data/facts.json",
        "{\n  \"count\": {\"msg\": \"count\", \"args\": {\"n\": [1]}}\n}\n",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("data_json_value", stderr(&project, &run));
}

#[test]
fn chart_specifications() {
    let project = Project::fixture("charts");
    // Every mistake a chart can hold that needs no language: a value that
    // is not a number, series of different lengths, a misspelt key, no
    // text alternative, an unknown kind.
    project.replace(
        "data/charts.toml",
        "values = [1500, 2750.5, 15000]",
        "values = [1500, \"2750,5\", 15000]",
    );
    project.replace(
        "data/charts.toml",
        "values = [4200, 3900, 8100.25]",
        "values = [4200, 3900]",
    );
    project.replace(
        "data/charts.toml",
        "horizontal = true\n",
        "horizontal = true\nstaked = true\n",
    );
    project.replace("data/charts.toml", "alt = { msg = \"stacked-alt\" }\n", "");
    project.replace(
        "data/charts.toml",
        "chart = \"line\"\nalt = { msg = \"prices-alt\" }",
        "chart = \"lines\"\nalt = { msg = \"prices-alt\" }",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("chart_specification", stderr(&project, &run));
    // Then what depends on the languages: a format option no NUMBER takes
    // (told once, with every language it fails in) and a label's message
    // one language lacks.
    let project = Project::fixture("charts");
    project.replace(
        "data/charts.toml",
        "style = \"percent\"",
        "style = \"percentage\"",
    );
    project.replace("locales/fr/main.ftl", "event-report = Rapport final\n", "");
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("chart_words_and_formats", stderr(&project, &run));
    // A CSV file: one the data names that is not there; then a column the
    // file lacks and a cell that is not a number; then a ragged row.
    let project = Project::fixture("charts");
    project.replace(
        "data/charts.toml",
        "csv = \"prices.csv\"",
        "csv = \"price.csv\"",
    );
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("chart_csv_missing", stderr(&project, &run));
    let project = Project::fixture("charts");
    project.replace(
        "data/charts.toml",
        "values = \"coffee\"",
        "values = \"cofee\"",
    );
    project.replace("data/prices.csv", "1101", "n/a");
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("chart_csv_columns_and_cells", stderr(&project, &run));
    let project = Project::fixture("charts");
    project.replace("data/prices.csv", "2022-04-30,1402,1099", "2022-04-30,1402");
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!("chart_csv_ragged", stderr(&project, &run));
}

#[test]
fn template_error_is_told_once_for_every_edition() {
    let project = minimal();
    let template = project.read("templates/main.typ") + "#no-such-function()\n";
    project.write("templates/main.typ", &template);
    let run = project
        .report(&["render", "--format", "pdf", "--jobs", "1"])
        .failure(1);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn usage_mistakes() {
    let project = minimal();
    let run = project.report(&["check", "--lang", "eng"]).failure(2);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn no_project() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output = crate::support::report_command()
        .arg("check")
        .current_dir(dir.path())
        .output()
        .expect("run report");
    assert_eq!(output.status.code(), Some(1));
    let real = dir.path().canonicalize().expect("canonical path");
    let text = String::from_utf8_lossy(&output.stderr)
        .replace(&real.display().to_string(), "[DIR]")
        .replace(&dir.path().display().to_string(), "[DIR]");
    insta::assert_snapshot!(text);
}

#[test]
fn a_very_long_line_is_shown_around_the_problem() {
    let project = minimal();
    let manifest = project
        .read("report.toml")
        .replace("data/facts.toml", "data/facts.json");
    project.write("report.toml", &manifest);
    let padding = "x".repeat(20_000);
    project.write(
        "data/facts.json",
        &format!(
            "{{\"count\": {{\"msg\": \"count\", \"args\": {{\"n\": 1, \"date\": \"2022-02-28\"}}}}, \"pad\": \"{padding}\", \"bad\": {{\"msg\": \"count\", \"args\": {{\"n\": [1]}}}}}}\n"
        ),
    );
    let run = project.report(&["check"]).failure(1);
    let text = stderr(&project, &run);
    assert!(
        text.len() < 2_000,
        "the line is not echoed whole: {} bytes",
        text.len()
    );
    insta::assert_snapshot!(text);
}

#[test]
fn manifest_paths_of_the_wrong_kind() {
    let project = minimal();
    let status = std::process::Command::new("mkfifo")
        .arg(project.path("data/pipe.toml"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let manifest = project
        .read("report.toml")
        .replace("data/facts.toml", "data/pipe.toml")
        .replace(
            "typst = ",
            "fonts = \"report.toml\"\nstylesheet = \"data\"\ntypst = ",
        );
    project.write("report.toml", &manifest);
    let run = project.report(&["check"]).failure(1);
    insta::assert_snapshot!(stderr(&project, &run));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let project = minimal();
    project.write(
        "locales/en/main.ftl",
        "language-name = English\ntitle = Minimal \u{1b}]0;pwned\u{7} report\ngreeting = Hello, **world**.\ncount = There are { $n } votes on { $date }.\n",
    );
    let run = project.report(&["check"]).failure(1);
    let text = stderr(&project, &run);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "a control character reached the terminal: {text:?}"
    );
    insta::assert_snapshot!(text);
}

/// A finding that compares a translation with its source shows both, and
/// a typography finding its fix.
#[test]
fn translation_against_source() {
    let project = Project::fixture("quality");
    let run = project.report(&["check", "--lang", "es"]);
    let text = stderr(&project, &run);
    let wanted: Vec<&str> = text
        .split("\n\n")
        .filter(|block| {
            block.contains("`votes` in `es`")
                || block.contains("`food` in `es`")
                || block.contains("`quote` in `es`: three points")
        })
        .collect();
    insta::assert_snapshot!(wanted.join("\n\n"));
}
