//! The command line itself: help, completions, man page, `init`, `doctor`
//! and machine-readable output.

use serde_json::Value;

use crate::support::{Project, report_command};

fn run(args: &[&str]) -> (i32, String, String) {
    let output = report_command().args(args).output().expect("run report");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_command_has_help_with_examples() {
    for command in [
        vec![],
        vec!["render"],
        vec!["check"],
        vec!["watch"],
        vec!["resolve"],
        vec!["diff"],
        vec!["l10n"],
        vec!["l10n", "update"],
        vec!["l10n", "accept"],
        vec!["l10n", "export"],
        vec!["l10n", "import"],
        vec!["init"],
        vec!["preflight"],
        vec!["doctor"],
        vec!["completions"],
        vec!["man"],
    ] {
        let mut args = command.clone();
        args.push("--help");
        let (code, stdout, _) = run(&args);
        assert_eq!(code, 0, "{args:?}");
        assert!(
            stdout.contains("Example"),
            "{args:?} has no examples:\n{stdout}"
        );
        let name = if command.is_empty() {
            "report".to_owned()
        } else {
            format!("report-{}", command.join("-"))
        };
        insta::assert_snapshot!(name, stdout);
    }
}

#[test]
fn help_subcommand_matches_flag() {
    let (_, flag, _) = run(&["render", "--help"]);
    let (code, sub, _) = run(&["help", "render"]);
    assert_eq!(code, 0);
    assert_eq!(flag, sub);
}

#[test]
fn usage_errors_exit_with_2() {
    let (code, _, stderr) = run(&["rendr"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("similar subcommand") || stderr.contains("render"),
        "{stderr}"
    );
    let (code, _, _) = run(&["render", "--jobs", "0"]);
    assert_eq!(code, 2);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, stdout, stderr) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(
            stdout.contains("render") && stdout.contains("allow-missing"),
            "{shell}:\n{stdout}"
        );
    }
}

#[test]
fn man_page_documents_every_command() {
    let (code, stdout, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(".ie") || stdout.contains(".TH report"),
        "{stdout}"
    );
    for command in [
        "render",
        "check",
        "diff",
        "l10n",
        "init",
        "doctor",
        "completions",
    ] {
        assert!(stdout.contains(command), "man page lacks {command}");
    }
}

#[test]
fn init_creates_a_project_that_renders_and_checks_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = report_command()
        .args([
            "init",
            "annual-report",
            "--languages",
            "en,es,fr",
            "--source",
            "es",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run report");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let root = dir.path().join("annual-report");
    let manifest = std::fs::read_to_string(root.join("report.toml")).expect("manifest");
    assert!(manifest.contains("name = \"annual-report\""));
    assert!(
        manifest.contains("languages = [\"es\", \"en\", \"fr\"]"),
        "{manifest}"
    );

    let succeed = |args: &[&str]| {
        let output = report_command()
            .args(args)
            .current_dir(&root)
            .output()
            .expect("run report");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    succeed(&["check", "--deny", "warnings"]);
    succeed(&["render"]);
    let es = crate::support::pdf_text(&root.join("build/es/annual-report.pdf"));
    assert!(
        es.contains("Mi informe") && es.contains("1.234.567") && es.contains("25 %"),
        "{es}"
    );
    let en = crate::support::pdf_text(&root.join("build/en/annual-report.pdf"));
    assert!(
        en.contains("My report") && en.contains("1,234,567") && en.contains("$322 million"),
        "{en}"
    );
    assert!(root.join("build/fr/index.html").is_file());

    // Its template also makes parallel editions, with a contents per language.
    succeed(&["render", "--format", "parallel"]);
    let pdf = root.join("build/parallel/annual-report.es-en.pdf");
    let contents = crate::support::pdf_page_text(&pdf, 2);
    assert!(
        contents.contains("Índice") && contents.contains("Contents"),
        "{contents}"
    );
    // The starter is parallel-ready: both titles on the cover, both
    // languages in the footer; and no markup prints literally.
    let cover = crate::support::pdf_page_text(&pdf, 1);
    assert!(cover.contains("Mi informe / My report"), "{cover}");
    let body = crate::support::pdf_page_text(&pdf, 3);
    assert!(body.contains("Página 3 · Page 3"), "{body}");
    let all = crate::support::pdf_text(&pdf);
    assert!(!all.contains('`') && all.contains("report check"), "{all}");

    // A second init refuses to overwrite anything.
    let again = report_command()
        .args(["init", "annual-report"])
        .current_dir(dir.path())
        .output()
        .expect("init");
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("already has") && stderr.contains("`report.toml`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("report.toml")).expect("manifest"),
        manifest
    );
}

#[test]
fn init_rejects_bad_languages_as_usage_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = report_command()
        .args(["init", "x", "--languages", "es,e$"])
        .current_dir(dir.path())
        .output()
        .expect("init");
    assert_eq!(output.status.code(), Some(2));
    let output = report_command()
        .args(["init", "x", "--source", "fr"])
        .current_dir(dir.path())
        .output()
        .expect("init");
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("x").exists());
}

#[test]
fn doctor_reports_typst_fonts_editions_and_translations() {
    let project = Project::sample();
    // Make sure Typst is there (doctor never installs it).
    project
        .report(&["render", "--lang", "es", "--format", "pdf"])
        .success();
    let run = project.report(&["doctor"]).success();
    for expected in [
        "Typst 0.15",
        "Libertinus Serif",
        "build/en/cuba-putin-ally.pdf",
        "build/es/index.html",
        "build/parallel/cuba-putin-ally.es-en.pdf",
        "Everything looks fine",
    ] {
        assert!(
            run.stdout.contains(expected),
            "doctor lacks {expected:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn render_json_has_the_documented_shape() {
    let project = Project::fixture("minimal");
    let run = project
        .report(&["render", "--message-format", "json"])
        .success();
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(document["version"], 1);
    let editions = document["editions"].as_array().expect("editions");
    assert_eq!(editions.len(), 4);
    for edition in editions {
        assert_eq!(edition["status"], "rendered");
        assert!(edition["bytes"].as_u64().unwrap_or(0) > 0);
        assert!(edition["seconds"].is_f64());
        let path = edition["path"].as_str().expect("path");
        assert!(project.path(path).is_file(), "{path}");
        assert!(["pdf", "html"].contains(&edition["format"].as_str().unwrap_or_default()));
    }
    assert!(
        document["problems"]
            .as_array()
            .expect("problems")
            .is_empty()
    );

    project.write("locales/en/main.ftl", "title = x\nbroken = {\n");
    let run = project
        .report(&["render", "--output-format", "json"])
        .failure(1);
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    let failed: Vec<&Value> = document["editions"]
        .as_array()
        .expect("editions")
        .iter()
        .filter(|e| e["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 2);
    let problem = &document["problems"][0];
    assert_eq!(problem["severity"], "error");
    assert_eq!(problem["file"], "locales/en/main.ftl");
    assert!(problem["line"].is_u64());
}

#[test]
fn init_finds_every_obstacle_before_writing_anything() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").expect("write");
    let output = report_command()
        .args(["init", "a-file"])
        .current_dir(dir.path())
        .output()
        .expect("init");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("error").count(),
        1,
        "one clear error: {stderr}"
    );
    assert!(stderr.contains("is a file, not a directory"), "{stderr}");

    let project = dir.path().join("p");
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::write(project.join("locales"), "in the way").expect("write");
    let init = || {
        report_command()
            .args(["init", "p"])
            .current_dir(dir.path())
            .output()
            .expect("init")
    };
    let output = init();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`locales` should be a directory but is a file"),
        "{stderr}"
    );
    let left: Vec<_> = std::fs::read_dir(&project)
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["locales"], "nothing half-made is left");
    // Once the obstacle is gone, init works.
    std::fs::remove_file(project.join("locales")).expect("remove");
    let output = init();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
