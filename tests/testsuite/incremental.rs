//! Incremental renders: an edit to each kind of input rebuilds exactly the
//! editions it affects, and a failed render never leaves an edition that
//! looks up to date.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::Project;

/// Renders with JSON output and returns the editions that were rebuilt.
fn rebuilt(project: &Project) -> BTreeSet<String> {
    let run = project
        .report(&["render", "--message-format", "json"])
        .success();
    let document: Value = serde_json::from_str(&run.stdout).expect("json");
    document["editions"]
        .as_array()
        .expect("editions")
        .iter()
        .filter(|e| e["status"] == "rendered")
        .map(|e| {
            format!(
                "{} {}",
                e["language"].as_str().unwrap_or_default(),
                e["format"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const ALL: [&str; 4] = ["en html", "en pdf", "es html", "es pdf"];

fn rendered() -> Project {
    let project = Project::fixture("minimal");
    project.write("templates/style.css", "body { color: black }\n");
    project.write(
        "report.toml",
        &project.read("report.toml").replace(
            "date = 2024-01-02",
            "date = 2024-01-02\nstylesheet = \"templates/style.css\"",
        ),
    );
    assert_eq!(rebuilt(&project), set(&ALL));
    assert_eq!(rebuilt(&project), set(&[]), "nothing changed");
    project
}

fn append(project: &Project, file: &str, text: &str) {
    project.write(file, &format!("{}{text}", project.read(file)));
}

#[test]
fn a_spanish_message_rebuilds_only_spanish_editions() {
    let project = rendered();
    append(&project, "locales/es/main.ftl", "extra = más\n");
    append(&project, "locales/en/main.ftl", "extra = more\n");
    // Both catalogs changed, but only messages that reach the documents count:
    // `extra` is in both documents, so both languages rebuild.
    assert_eq!(rebuilt(&project), set(&ALL));
    project.write(
        "locales/es/main.ftl",
        &project
            .read("locales/es/main.ftl")
            .replace("Hola", "Buenas"),
    );
    assert_eq!(rebuilt(&project), set(&["es html", "es pdf"]));
}

#[test]
fn data_templates_imports_and_images_rebuild_every_edition() {
    let project = rendered();
    project.write(
        "data/facts.toml",
        &project.read("data/facts.toml").replace("1234", "4321"),
    );
    assert_eq!(rebuilt(&project), set(&ALL), "data");
    append(&project, "templates/main.typ", "\nMore.\n");
    assert_eq!(rebuilt(&project), set(&ALL), "template");
    append(&project, "templates/lib.typ", "\n#let unused = 1\n");
    assert_eq!(rebuilt(&project), set(&ALL), "imported template file");
    project.write(
        "templates/logo.svg",
        &project
            .read("templates/logo.svg")
            .replace("#8c1c13", "#13308c"),
    );
    assert_eq!(rebuilt(&project), set(&ALL), "image");
    assert_eq!(rebuilt(&project), set(&[]));
}

#[test]
fn the_manifest_and_stylesheet_rebuild_what_they_affect() {
    let project = rendered();
    project.write("templates/style.css", "body { color: navy }\n");
    assert_eq!(
        rebuilt(&project),
        set(&["en html", "es html"]),
        "the stylesheet only affects HTML"
    );
    project.write(
        "report.toml",
        &project
            .read("report.toml")
            .replace("date = 2024-01-02", "date = 2024-01-03"),
    );
    assert_eq!(
        rebuilt(&project),
        set(&ALL),
        "the date is in every document"
    );
    project.write(
        "report.toml",
        &format!(
            "{}\n[pdf]\nstandards = [\"ua-1\"]\n",
            project.read("report.toml")
        ),
    );
    assert_eq!(
        rebuilt(&project),
        set(&["en pdf", "es pdf"]),
        "PDF standards"
    );
    let run = project
        .report(&[
            "render",
            "--force",
            "--lang",
            "en",
            "--message-format",
            "json",
        ])
        .success();
    assert_eq!(
        run.stdout.matches("\"rendered\"").count(),
        2,
        "--force rebuilds"
    );
}

#[test]
fn a_failed_render_never_leaves_an_edition_up_to_date() {
    let project = rendered();
    let template = project.read("templates/main.typ");
    project.write("templates/main.typ", &format!("{template}\n#undefined\n"));
    project.report(&["render"]).failure(1);
    // The same inputs as the last good render, but that render's record is gone.
    project.write("templates/main.typ", &template);
    assert_eq!(rebuilt(&project), set(&ALL));
}

#[test]
fn a_deleted_output_is_rebuilt() {
    let project = rendered();
    std::fs::remove_file(project.path("build/en/minimal.pdf")).expect("remove");
    assert_eq!(rebuilt(&project), set(&["en pdf"]));
}
