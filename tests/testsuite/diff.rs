//! `report diff` and `report l10n`: stale translations, typo fixes, and
//! changes between git revisions, in every output format.

use serde_json::Value;

use crate::support::Project;

/// The minimal fixture in git, with its translations recorded in the lock.
fn translated() -> Project {
    let project = Project::fixture("minimal");
    project.write(".gitignore", "/build\n");
    project.report(&["l10n", "update"]).success();
    project.commit_all("translated");
    project
}

fn edit(project: &Project, file: &str, from: &str, to: &str) {
    let text = project.read(file);
    assert!(text.contains(from), "{file} lacks {from:?}");
    project.write(file, &text.replace(from, to));
}

fn json(run: &crate::support::Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn lock_files_are_sorted_one_line_per_message() {
    let project = translated();
    let lock = project.read("locales/en.lock");
    let records: Vec<&str> = lock.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(records.len(), 4, "{lock}");
    let ids: Vec<&str> = records
        .iter()
        .map(|l| l.split(" = ").next().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["count", "greeting", "language-name", "title"]);
    assert!(
        records[3].starts_with("title = { source = \"Informe mínimo\", translation = \""),
        "{lock}"
    );
    assert!(
        !project.path("locales/es.lock").exists(),
        "the source language has no lock"
    );
}

#[test]
fn a_changed_source_makes_its_translation_stale() {
    let project = translated();
    edit(
        &project,
        "locales/es/main.ftl",
        "greeting = Hola, **mundo**.",
        "greeting = Hola, **mundo** entero.",
    );

    let run = project
        .report(&["diff", "--output-format", "json"])
        .success();
    let rows = json(&run)["rows"].as_array().cloned().unwrap_or_default();
    let statuses: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_owned(),
                r["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("language-name", "ok"),
            ("title", "ok"),
            ("greeting", "stale"),
            ("count", "ok")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let stale = &rows[2];
    assert_eq!(stale["language"], "en");
    assert_eq!(stale["previous_source"], "Hola, **mundo**.");
    assert_eq!(stale["source"], "Hola, **mundo** entero.");
    assert_eq!(stale["translation"], "Hello, **world**.");
    assert_eq!(
        stale["source_changes"],
        serde_json::json!([
            { "op": "equal", "text": "Hola, **mundo**" },
            { "op": "insert", "text": " entero" },
            { "op": "equal", "text": "." }
        ])
    );

    let run = project
        .report(&["diff", "--status", "stale", "--color", "never"])
        .success();
    assert_eq!(
        run.stdout,
        "en     stale     greeting\n    source      Hola, **mundo**{+ entero+}.\n    translation Hello, **world**.\n\n1 row(s): 1 stale\n"
    );
    let run = project
        .report(&["diff", "--status", "stale", "--format", "markdown"])
        .success();
    assert_eq!(
        run.stdout,
        "| Language | Id | Status | Source | Translation |\n|---|---|---|---|---|\n\
         | en | `greeting` | stale | Hola, \\*\\*mundo\\*\\* **entero**. | Hello, \\*\\*world\\*\\*. |\n\n1 row(s): 1 stale\n"
    );
    let run = project
        .report(&["diff", "--status", "stale", "--format", "html"])
        .success();
    assert!(run.stdout.starts_with("<!DOCTYPE html>"));
    assert!(run.stdout.contains(
        "<tr class=\"stale\"><td>en</td><td><code>greeting</code></td><td class=\"status\">stale</td><td lang=\"es\">Hola, **mundo**<ins> entero</ins>.</td><td lang=\"en\">Hello, **world**.</td></tr>"
    ), "{}", run.stdout);

    let run = project.report(&["check", "--deny", "stale"]).failure(1);
    assert!(run.stderr.contains("warning[stale-translation]: `greeting` in `en` was translated from an older source text"), "{}", run.stderr);
    assert!(
        run.stderr.contains("source was: Hola, **mundo**."),
        "{}",
        run.stderr
    );
    project.report(&["check"]).success();
    project.report(&["diff", "--exit-code"]).failure(1);

    // Updating the translation resolves it; `l10n update` records it.
    edit(
        &project,
        "locales/en/main.ftl",
        "greeting = Hello, **world**.",
        "greeting = Hello, **whole world**.",
    );
    let run = project
        .report(&["diff", "--status", "stale", "--format", "json"])
        .success();
    assert_eq!(json(&run)["rows"], serde_json::json!([]));
    project.report(&["l10n", "update"]).success();
    project.report(&["check", "--deny", "stale"]).success();
}

#[test]
fn a_typo_fix_is_accepted_without_retranslating() {
    let project = translated();
    edit(
        &project,
        "locales/es/main.ftl",
        "title = Informe mínimo",
        "title = Informe mínimo ",
    );
    edit(
        &project,
        "locales/es/main.ftl",
        "count = Hay",
        "count = Hay en total",
    );
    // Whitespace alone changes nothing; a word does.
    let run = project
        .report(&["diff", "--status", "stale", "--format", "json"])
        .success();
    let document = json(&run);
    let ids: Vec<&str> = document["rows"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["count"]);

    let before = project.read("locales/en.lock");
    let run = project
        .report(&["l10n", "accept", "--lang", "en", "count"])
        .success();
    assert_eq!(run.stdout, "en: accepted count\n");
    let after = project.read("locales/en.lock");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "only the accepted line changes");
    assert!(
        changed[0]
            .1
            .starts_with("count = { source = \"Hay en total { $n } votos el { $date }.\""),
        "{after}"
    );
    assert!(
        project
            .read("locales/en/main.ftl")
            .contains("There are { $n } votes"),
        "translation untouched"
    );
    project.report(&["check", "--deny", "stale"]).success();
    project.report(&["diff", "--exit-code"]).success();

    let run = project
        .report(&["l10n", "accept", "--lang", "en", "cuont"])
        .failure(2);
    assert!(
        run.stderr.contains("did you mean `count`?"),
        "{}",
        run.stderr
    );
    project
        .report(&["l10n", "accept", "--lang", "es"])
        .failure(2);
}

#[test]
fn revisions_show_added_removed_changed_and_needs_review() {
    let project = translated();
    edit(
        &project,
        "locales/es/main.ftl",
        "greeting = Hola, **mundo**.",
        "greeting = Hola, **gente**.",
    );
    project.write(
        "locales/es/main.ftl",
        &format!(
            "{}nuevo = Algo nuevo\n",
            project
                .read("locales/es/main.ftl")
                .replace("title = Informe mínimo\n", "")
        ),
    );
    project.write(
        "locales/en/main.ftl",
        &format!(
            "{}nuevo = Something new\n",
            project
                .read("locales/en/main.ftl")
                .replace("title = Minimal report\n", "")
        ),
    );
    project.commit_all("edit");

    let run = project
        .report(&[
            "diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json",
        ])
        .success();
    let document = json(&run);
    assert_eq!(document["mode"], "revisions");
    let rows: Vec<(String, String, String)> = document["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["language"].as_str().unwrap_or_default().to_owned(),
                c["id"].as_str().unwrap_or_default().to_owned(),
                c["kind"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("es", "greeting", "changed"),
        ("es", "nuevo", "added"),
        ("es", "title", "removed"),
        ("en", "nuevo", "added"),
        ("en", "title", "removed"),
        ("en", "greeting", "needs-review"),
    ]
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(rows, expected);
    let review = &document["changes"][5];
    assert_eq!(review["old"], "Hola, **mundo**.");
    assert_eq!(review["new"], "Hola, **gente**.");
    assert_eq!(review["translation"], "Hello, **world**.");

    // The working tree is the default head; the same changes show.
    let run = project
        .report(&["diff", "--base", "HEAD~1", "--format", "markdown"])
        .success();
    assert!(
        run.stdout
            .starts_with("**Translation changes** from `HEAD~1` to `working tree`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("| es | `greeting` | changed | Hola, \\*\\*~~mundo~~**gente**\\*\\*. |  |"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("| en | `greeting` | needs-review | Hola, \\*\\*~~mundo~~**gente**\\*\\*. | Hello, \\*\\*world\\*\\*. |"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("| es | `title` | removed | ~~Informe mínimo~~ |  |"),
        "{}",
        run.stdout
    );
    let run = project
        .report(&["diff", "--base", "HEAD~1", "--color", "never"])
        .success();
    assert!(run.stdout.contains("en     needs-review greeting\n    source      Hola, **[-mundo-]{+gente+}**.\n    translation Hello, **world**.\n"), "{}", run.stdout);
    project
        .report(&["diff", "--base", "HEAD", "--exit-code"])
        .success();
    project
        .report(&["diff", "--base", "HEAD~1", "--exit-code"])
        .failure(1);
    let run = project
        .report(&[
            "diff", "--base", "HEAD~1", "--lang", "en", "--id", "gr*", "--format", "json",
        ])
        .success();
    assert_eq!(json(&run)["changes"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_renamed_variable_shows_in_check_and_in_the_revision_diff() {
    let project = translated();
    edit(
        &project,
        "locales/en/main.ftl",
        "There are { $n } votes",
        "There are { $total } votes",
    );
    let run = project.report(&["check"]).failure(1);
    assert!(
        run.stderr.contains(
            "error[unknown-variable]: `count` in `en` uses `$total`, which the source does not"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `$n`?")
            || run
                .stderr
                .contains("use only the source's variables: $date, $n"),
        "{}",
        run.stderr
    );
    let run = project
        .report(&["diff", "--base", "HEAD", "--format", "json"])
        .success();
    let change = &json(&run)["changes"][0];
    assert_eq!(change["kind"], "changed");
    assert_eq!(
        change["changes"],
        serde_json::json!([
            { "op": "equal", "text": "There are { $" },
            { "op": "delete", "text": "n" },
            { "op": "insert", "text": "total" },
            { "op": "equal", "text": " } votes on { $date }." }
        ])
    );
}

#[test]
fn a_base_revision_that_is_not_there_says_how_to_fetch_it() {
    let project = translated();
    let run = project
        .report(&["diff", "--base", "origin/nowhere"])
        .failure(1);
    assert!(
        run.stderr
            .contains("git revision `origin/nowhere` was not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("git fetch --depth=1 origin nowhere"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_revision_that_looks_like_an_option_is_refused_without_running_git() {
    let project = translated();
    let run = project
        .report(&["diff", "--base=--output=out.txt"])
        .failure(2);
    assert!(
        run.stderr
            .contains("`--output=out.txt` is not a git revision"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("git fetch"), "{}", run.stderr);
    assert!(!project.path("out.txt").exists());
    let run = project
        .report(&["diff", "--base", "$(touch pwned)"])
        .failure(1);
    assert!(!run.stderr.contains("git fetch"), "{}", run.stderr);
    assert!(!project.path("pwned").exists());
}

#[test]
fn a_broken_working_tree_is_reported_with_and_without_a_base() {
    let project = translated();
    project.write(
        "locales/en/main.ftl",
        &format!("{}broken = {{\n", project.read("locales/en/main.ftl")),
    );
    let plain = project.report(&["diff"]).failure(1);
    let based = project.report(&["diff", "--base", "HEAD"]).failure(1);
    for run in [&plain, &based] {
        assert!(
            run.stderr.contains("error[syntax]: invalid Fluent syntax")
                && run.stderr.contains("locales/en/main.ftl:5:"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(plain.stderr, based.stderr, "reported the same way");
    assert_eq!(based.stdout, "", "no diff of a half-read working tree");

    // A revision against a revision does not read the working tree.
    project
        .report(&["diff", "--base", "HEAD", "--head", "HEAD"])
        .success();
}
