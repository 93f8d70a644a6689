//! Bad input: clear errors with file:line:col, the documented exit codes,
//! and earlier editions left untouched.

use crate::support::Project;

/// Renders the minimal fixture once, then returns it with the PDF bytes.
fn rendered_minimal() -> (Project, Vec<u8>) {
    let project = Project::fixture("minimal");
    project.report(&["render"]).success();
    let pdf = project.bytes("build/es/minimal.pdf");
    (project, pdf)
}

#[test]
fn broken_ftl_is_reported_with_position_and_keeps_the_previous_pdf() {
    let (project, before) = rendered_minimal();
    project.write("locales/es/main.ftl", "language-name = Español\ntitle = Informe mínimo\ngreeting = Hola { $x\ncount = { $n } { $date }\n");
    let run = project.report(&["render"]).failure(1);
    assert!(
        run.stderr.contains("invalid Fluent syntax"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("locales/es/main.ftl:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("greeting = Hola { $x"),
        "no source line:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert!(
        project.bytes("build/es/minimal.pdf") == before,
        "previous PDF was touched"
    );
    // The English editions do not depend on the broken file and still render.
    assert!(
        run.stdout.contains("build/en/minimal.pdf"),
        "{}",
        run.stdout
    );
}

#[test]
fn broken_data_is_reported_with_position_and_keeps_the_previous_pdf() {
    let (project, before) = rendered_minimal();
    project.write(
        "data/facts.toml",
        "count = { msg = \"count\", args = { n = 1234, date = 2022-02-28 }\n",
    );
    let run = project.report(&["render"]).failure(1);
    assert!(run.stderr.contains("data/facts.toml:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("invalid TOML"), "{}", run.stderr);
    assert!(
        project.bytes("build/es/minimal.pdf") == before,
        "previous PDF was touched"
    );
}

#[test]
fn a_template_error_names_the_template_line() {
    let (project, before) = rendered_minimal();
    project.write(
        "templates/main.typ",
        "#import \"lib.typ\": doc, msg\n= #msg(\"title\")\n#undefined-thing\n",
    );
    let run = project.report(&["render", "--format", "pdf"]).failure(1);
    assert!(
        run.stderr.contains("templates/main.typ:3:2"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown variable: undefined-thing"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("#undefined-thing"),
        "no source line:\n{}",
        run.stderr
    );
    assert!(
        project.bytes("build/es/minimal.pdf") == before,
        "previous PDF was touched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(project.path("build/es"))
        .expect("build dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|name| name.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn missing_translations_are_listed_per_language() {
    let project = Project::fixture("minimal");
    project.write(
        "locales/es/main.ftl",
        &format!(
            "{}extra-one = uno\nextra-two = dos\n",
            project.read("locales/es/main.ftl")
        ),
    );
    let run = project.report(&["render", "--format", "pdf"]).failure(1);
    assert!(
        run.stderr
            .contains("`en` is missing 2 message(s): `extra-one`, `extra-two`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--allow-missing"), "{}", run.stderr);
    assert!(
        project.path("build/es/minimal.pdf").is_file(),
        "the complete language still renders"
    );

    let run = project
        .report(&["render", "--format", "pdf", "--allow-missing"])
        .success();
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(project.path("build/en/minimal.pdf").is_file());
}

#[test]
fn data_naming_an_unknown_message_points_at_the_data() {
    let project = Project::fixture("minimal");
    project.write("data/facts.toml", "count = { msg = \"count\", args = { n = 1, date = 2022-02-28 } }\nother = { msg = \"greting\" }\n");
    let run = project.report(&["render"]).failure(1);
    assert!(run.stderr.contains("data/facts.toml:2:9"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `greeting`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_argument_points_at_the_data_and_the_message() {
    let project = Project::fixture("minimal");
    project.write(
        "data/facts.toml",
        "count = { msg = \"count\", args = { n = 1 } }\n",
    );
    let run = project.report(&["render"]).failure(1);
    assert!(
        run.stderr
            .contains("uses `$date`, which the data does not give"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("data/facts.toml:1:9"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("message defined at locales/es/main.ftl:4:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_manifest_is_reported_with_position() {
    let project = Project::fixture("minimal");
    project.write(
        "report.toml",
        &project.read("report.toml").replace("name = ", "nmae = "),
    );
    let run = project.report(&["render"]).failure(1);
    assert!(run.stderr.contains("report.toml:2:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `name`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_language_flag_is_a_usage_error() {
    let project = Project::fixture("minimal");
    let run = project.report(&["render", "--lang", "ess"]).failure(2);
    assert!(
        run.stderr
            .contains("`ess` is not a language of this project"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `es`?"), "{}", run.stderr);
    let run = project.report(&["render", "--format", "docx"]).failure(2);
    assert!(run.stderr.contains("docx"), "{}", run.stderr);
}

#[test]
fn outside_a_project_says_how_to_start_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = crate::support::report_command()
        .arg("render")
        .current_dir(dir.path())
        .output()
        .expect("run report");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("could not find `report.toml`"), "{stderr}");
    assert!(stderr.contains("report init"), "{stderr}");
}

#[test]
fn the_project_is_found_from_a_subdirectory() {
    let project = Project::fixture("minimal");
    let output = crate::support::report_command()
        .args(["render", "--lang", "en", "--format", "pdf"])
        .current_dir(project.path("locales/en"))
        .output()
        .expect("run report");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(project.path("build/en/minimal.pdf").is_file());
}

#[test]
fn language_tags_with_extensions_are_accepted() {
    let project = Project::fixture("minimal");
    std::fs::rename(
        project.path("locales/en"),
        project.path("locales/en-x-pirate"),
    )
    .expect("rename");
    let manifest = project
        .read("report.toml")
        .replace("\"en\"]", "\"en-x-pirate\"]");
    project.write("report.toml", &manifest);
    project.report(&["check"]).success();
    project
        .report(&["render", "--lang", "en-x-pirate", "--format", "html"])
        .success();
    let html = project.read("build/en-x-pirate/index.html");
    assert!(html.contains("lang=\"en-x-pirate\""), "{html}");
}

#[test]
fn an_attribute_that_needs_arguments_renders_where_the_data_gives_them() {
    let project = Project::fixture("minimal");
    for lang in ["es", "en"] {
        let file = format!("locales/{lang}/main.ftl");
        let messages =
            project.read(&file) + &format!("button = Botón {lang}\n    .label = Para {{ $who }}\n");
        project.write(&file, &messages);
    }
    project.write(
        "data/facts.toml",
        "count = { msg = \"count\", args = { n = 1234, date = 2022-02-28 } }\n\
         label = { msg = \"button.label\", args = { who = \"Ana\" } }\n",
    );
    project.report(&["check"]).success();
    project.report(&["render", "--format", "pdf"]).success();
    let document = project.read("build/.report/es.json");
    assert!(document.contains("\"button\""), "{document}");
    assert!(
        !document.contains("\"button.label\""),
        "an attribute that needs arguments is not formatted without them"
    );
    assert!(document.contains("Para Ana"), "{document}");
}
