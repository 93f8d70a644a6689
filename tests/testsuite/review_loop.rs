//! The editor's and translator's loop as a new team runs it — `report
//! init`, write, translate, change the source, review — without traps:
//! stale translations detected from the first source change, a
//! translation without a lock file told so, `l10n update` saying what it
//! recorded and what it left for review.

use crate::support::Project;

/// A project made by `report init` (es source, en translation), committed.
fn started() -> Project {
    let project = Project::empty();
    project
        .report(&["init", ".", "--languages", "es,en"])
        .success();
    project
}

#[test]
fn a_new_project_detects_a_stale_translation_on_its_first_source_change() {
    let project = started();
    assert!(
        project.path("locales/en.lock").is_file(),
        "init writes the lock"
    );
    project.report(&["check", "--deny", "warnings"]).success();
    project.replace(
        "locales/es/report.ftl",
        "intro-title = Introducción",
        "intro-title = Introducción breve",
    );
    let run = project.report(&["check"]).success();
    assert!(
        run.stderr
            .contains("warning[stale-translation]: `intro-title` in `en` was translated from an older source text"),
        "{}",
        run.stderr
    );
    // The changed words are marked, as `report diff` marks them.
    assert!(
        run.stderr.contains("= changed: Introducción{+ breve+}"),
        "{}",
        run.stderr
    );
    let diff = project
        .report(&["diff", "--lang", "en", "--status", "stale"])
        .success();
    assert!(diff.stdout.contains("intro-title"), "{}", diff.stdout);
}

#[test]
fn a_translation_without_a_lock_file_is_told_that_nothing_can_be_stale() {
    let project = started();
    std::fs::remove_file(project.path("locales/en.lock")).expect("remove the lock");
    let expected = "warning[missing-lock]: `en` has no lock file (locales/en.lock): its stale translations cannot be detected";
    let hint = "hint: run `report l10n update --lang en` to record what the translations were made from, and commit locales/en.lock";
    let check = project.report(&["check"]).success();
    assert!(
        check.stderr.contains(expected) && check.stderr.contains(hint),
        "{}",
        check.stderr
    );
    project.report(&["check", "--deny", "warnings"]).failure(1);
    // diff says so too: its empty list is not good news.
    let diff = project
        .report(&["diff", "--lang", "en", "--status", "stale"])
        .success();
    assert!(diff.stderr.contains(expected), "{}", diff.stderr);
    // With the lock, the warning is gone.
    project.report(&["l10n", "update"]).success();
    let check = project.report(&["check", "--deny", "warnings"]).success();
    assert!(!check.stderr.contains("missing-lock"), "{}", check.stderr);
}

#[test]
fn l10n_update_says_what_it_recorded_and_what_it_left_for_review() {
    let project = started();
    std::fs::remove_file(project.path("locales/en.lock")).expect("remove the lock");
    let run = project.report(&["l10n", "update"]).success();
    assert!(
        run.stdout.contains(
            "locales/en.lock: created; 12 record(s) written, 0 already current, 0 dropped"
        ),
        "{}",
        run.stdout
    );
    project.replace(
        "locales/es/report.ftl",
        "intro-title = Introducción",
        "intro-title = Introducción breve",
    );
    let run = project.report(&["l10n", "update"]).success();
    for line in [
        "locales/en.lock: 0 record(s) written, 11 already current, 0 dropped",
        "  not recorded: 1 stale translation(s), their source changed since they were made: intro-title",
        "  review them, then: report l10n accept --lang en intro-title",
    ] {
        assert!(run.stdout.contains(line), "no {line:?} in:\n{}", run.stdout);
    }
}

/// The minimal fixture's Spanish messages in groups, as real message
/// files have them.
const GROUPED_SOURCE: &str = "### Palabras del informe mínimo.\n\n## Cabecera\nlanguage-name = Español\ntitle = Informe mínimo\n\n## Cuerpo\ngreeting = Hola, **mundo**.\ncount = Hay { $n } votos el { $date }.\n";

#[test]
fn a_language_added_in_one_command_is_translated_in_a_cat_tool_and_renders() {
    for (format, file) in crate::exchange::FORMATS {
        let project = Project::fixture("minimal");
        project.write("locales/es/main.ftl", GROUPED_SOURCE);
        let run = project.report(&["l10n", "add", "fr"]).success();
        assert!(
            run.stdout.contains("added `fr` to report.toml; created locales/fr/ (1 file(s) shaped as the source's) and locales/fr.lock"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("report l10n export --lang fr"),
            "the next step"
        );
        assert!(
            project
                .read("report.toml")
                .contains("languages = [\"es\", \"en\", \"fr\"]"),
            "{}",
            project.read("report.toml")
        );
        assert_eq!(
            project.read("locales/fr/main.ftl"),
            "### Palabras del informe mínimo.\n\n## Cabecera\n\n## Cuerpo\n"
        );
        // A translator gets the file, translates every unit in a CAT tool
        // (translate-toolkit), and sends it back.
        crate::exchange::export(&project, "fr", format, file);
        crate::exchange::toolkit(&project, &["fill", file, "done", "FR·"]);
        project.report(&["l10n", "import", "done"]).success();
        assert_eq!(
            project.read("locales/fr/main.ftl"),
            "### Palabras del informe mínimo.\n\n## Cabecera\nlanguage-name = FR·Español\ntitle = FR·Informe mínimo\n\n## Cuerpo\ngreeting = FR·Hola, **mundo**.\ncount = FR·Hay { $n } votos el { $date }.\n",
            "{format}: the source's layout, no blank line the source lacks"
        );
        project
            .report(&["check", "--lang", "fr", "--deny", "warnings"])
            .success();
        project
            .report(&["render", "--lang", "fr", "--format", "pdf"])
            .success();
        let text = crate::support::pdf_text(&project.path("build/fr/minimal.pdf"));
        assert!(text.contains("FR·Informe mínimo"), "{format}: {text}");
    }
}

#[test]
fn adding_a_language_twice_or_a_tag_that_is_not_one_is_a_usage_error() {
    let project = Project::fixture("minimal");
    let run = project.report(&["l10n", "add", "en"]).failure(2);
    assert!(
        run.stderr
            .contains("`en` is already a language of this project"),
        "{}",
        run.stderr
    );
    let run = project.report(&["l10n", "add", "fr_FR"]).failure(2);
    assert!(run.stderr.contains("expected `fr-FR`"), "{}", run.stderr);
    assert!(!project.path("locales/fr-FR").exists() && !project.path("locales/fr_FR").exists());
}

#[test]
fn a_marker_the_source_never_closes_is_the_sources_error_not_the_translations() {
    let project = Project::fixture("minimal");
    project.replace(
        "locales/es/main.ftl",
        "title = Informe mínimo",
        "title = Informe *mínimo",
    );
    project.replace(
        "locales/en/main.ftl",
        "title = Minimal report",
        "title = Minimal *report*",
    );
    let run = project.report(&["check"]).failure(1);
    for expected in [
        "error[markup]: message `title` (es): `*mínimo` opens emphasis that nothing closes; the editions would print `*`",
        "┌─ locales/es/main.ftl:2:17",
        "hint: close it with `*` where it ends, or write `\\*` for the character itself",
    ] {
        assert!(
            run.stderr.contains(expected),
            "no {expected:?} in:\n{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("markup-mismatch"),
        "a consequence, not another finding:\n{}",
        run.stderr
    );
    // A literal asterisk, escaped, is fine.
    project.replace(
        "locales/es/main.ftl",
        "Informe *mínimo",
        "Informe \\*mínimo",
    );
    let run = project.report(&["check"]).success();
    assert!(!run.stderr.contains("error[markup]"), "{}", run.stderr);
}

#[test]
fn a_variable_the_data_lacks_is_told_once_and_an_invented_one_at_the_translation() {
    let project = Project::fixture("minimal");
    let data = project.read("data/facts.toml");
    project.write("data/facts.toml", &data.replace(", date = 2022-02-28", ""));
    let run = project.report(&["check"]).failure(1);
    let told = run
        .stderr
        .matches(
            "error[missing-argument]: message `count` uses `$date`, which the data does not give",
        )
        .count();
    assert_eq!(told, 1, "once, for both languages:\n{}", run.stderr);
    assert!(run.stderr.contains("= in es, en"), "{}", run.stderr);
    // A variable only the translation has is the translation's mistake,
    // not the data's: no "add `country = …` to the args".
    project.write("data/facts.toml", &data);
    project.replace(
        "locales/en/main.ftl",
        "on { $date }.",
        "on { $date } in { $country }.",
    );
    let run = project.report(&["check"]).failure(1);
    assert!(
        run.stderr
            .contains("error[unknown-variable]: `count` in `en` uses `$country`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("missing-argument"), "{}", run.stderr);
}

#[test]
fn a_damaged_xliff_file_is_told_as_xliff_not_read_as_po() {
    let project = Project::fixture("minimal");
    project.write("back.xlf", "Lorem ipsum: not a translation file at all\n");
    let run = project.report(&["l10n", "import", "back.xlf"]).failure(1);
    assert!(
        run.stderr
            .contains("error[exchange-file]: `back.xlf` is named as XLIFF but is not XLIFF: its start has no XLIFF 2 or 1.2 namespace"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("PO"), "{}", run.stderr);
}

#[test]
fn a_text_where_a_date_is_expected_is_shown_at_the_argument_with_how_to_write_one() {
    let project = Project::fixture("minimal");
    project.replace(
        "locales/es/main.ftl",
        "el { $date }",
        "el { DATETIME($date) }",
    );
    project.replace("data/facts.toml", "date = 2022-02-28", "date = \"ayer\"");
    let run = project.report(&["check"]).failure(1);
    for expected in [
        "error[argument-kind]: message `count` in `es`: DATETIME() was given the text \"ayer\", not a date",
        "┌─ data/facts.toml:1:52",
        "hint: give a date, not text: `date = 2022-02-28` in TOML (no quotes)",
    ] {
        assert!(
            run.stderr.contains(expected),
            "no {expected:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_wrong_language_in_an_exchange_file_is_shown_where_it_is_written() {
    for (format, file, from, to, at) in [
        (
            "xliff",
            "x2.xlf",
            "trgLang=\"en\"",
            "trgLang=\"de\"",
            "x2.xlf:2:",
        ),
        (
            "xliff1",
            "x1.xlf",
            "target-language=\"en\"",
            "target-language=\"de\"",
            "x1.xlf:",
        ),
        ("po", "t.po", "Language: en", "Language: de", "t.po:"),
    ] {
        let project = Project::fixture("minimal");
        crate::exchange::export(&project, "en", format, file);
        project.replace(file, from, to);
        let run = project.report(&["l10n", "import", file]).failure(1);
        assert!(
            run.stderr
                .contains("`de` is not a translation language of this project"),
            "{format}: {}",
            run.stderr
        );
        // At the value, not at the file's first character.
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(at))
            .unwrap_or_default()
            .to_owned();
        assert!(!line.ends_with(":1:1"), "{format}: {line}\n{}", run.stderr);
        assert!(
            run.stderr.contains("^^"),
            "{format}: the caret under `de`:\n{}",
            run.stderr
        );
    }
}

#[test]
fn diff_base_honours_a_translation_accepted_after_a_source_fix() {
    let project = Project::fixture("minimal");
    project.commit_all("translated");
    project.replace(
        "locales/es/main.ftl",
        "title = Informe mínimo",
        "title = Informe mínimo.",
    );
    let before = project
        .report(&[
            "diff",
            "--base",
            "HEAD",
            "--lang",
            "en",
            "--output-format",
            "json",
        ])
        .success();
    assert!(before.stdout.contains("needs-review"), "{}", before.stdout);
    project
        .report(&["l10n", "accept", "--lang", "en", "title"])
        .success();
    let after = project
        .report(&[
            "diff",
            "--base",
            "HEAD",
            "--lang",
            "en",
            "--output-format",
            "json",
        ])
        .success();
    assert!(
        !after.stdout.contains("needs-review"),
        "accepted, so reviewed:\n{}",
        after.stdout
    );
    // Committed, the accept is honoured from the revision's lock too.
    project.commit_all("typo fixed, translation accepted");
    let committed = project
        .report(&[
            "diff",
            "--base",
            "HEAD~1",
            "--head",
            "HEAD",
            "--lang",
            "en",
            "--output-format",
            "json",
        ])
        .success();
    assert!(
        !committed.stdout.contains("needs-review"),
        "{}",
        committed.stdout
    );
}
