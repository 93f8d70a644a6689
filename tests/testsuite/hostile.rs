//! Input built to break `report` rather than by mistake: messages nested
//! thousands deep (which used to overflow the stack and abort), links that
//! lead out of the project to a secret (which used to be quoted in
//! diagnostics and copied into `build/`), and numbers at the edges of what
//! a float holds (which used to be written wrong). Each is refused with a
//! located error or written right, and the rest of the project is unharmed.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::support::{Project, Run, pdf_text};

/// `name = { { … "a" … } }`, `depth` placeables deep.
fn nested(name: &str, depth: usize) -> String {
    format!(
        "{name} = {}\"a\"{}\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    )
}

/// The minimal fixture with `entry` added to the Spanish messages between
/// `title` (line 2) and `greeting`, so the entry is on line 3.
fn with_spanish_entry(entry: &str) -> Project {
    let project = Project::fixture("minimal");
    let text = project.read("locales/es/main.ftl");
    let text = text.replace("greeting =", &format!("{entry}greeting ="));
    project.write("locales/es/main.ftl", &text);
    project
}

#[track_caller]
fn assert_refused_deep(run: &Run, name: &str) {
    let all = format!("{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.code(), 1, "{all}");
    assert!(
        !all.contains("overflowed its stack") && !all.contains("panicked"),
        "{all}"
    );
    for expected in [
        format!(
            "error[too-deep]: `{name}` nests placeables, calls or selects more than 100 deep; it is skipped"
        ),
        "┌─ locales/es/main.ftl:3:1".to_owned(),
        "hint: flatten it".to_owned(),
    ] {
        assert!(all.contains(&expected), "expected {expected:?} in:\n{all}");
    }
}

#[test]
fn a_message_nested_12000_deep_is_refused_by_render_and_the_rest_renders() {
    let project = with_spanish_entry(&nested("deep", 12_000));
    let run = project.report(&["render", "--format", "pdf"]);
    assert_refused_deep(&run, "deep");
    // The rest of the file loaded: the only error is the deep entry, and
    // the English edition (which the Spanish file does not reach) renders.
    assert!(
        run.stderr.contains("1 of 2 edition(s) failed: es pdf"),
        "{}",
        run.stderr
    );
    assert!(project.path("build/en/minimal.pdf").is_file());
}

#[test]
fn messages_nested_10000_and_20000_deep_are_refused_by_check() {
    for depth in [10_000, 20_000] {
        let project = with_spanish_entry(&nested("deep", depth));
        let run = project.report(&["check"]);
        assert_refused_deep(&run, "deep");
        // `greeting`, after the deep entry, is still there.
        assert!(
            run.stdout.contains("1 error(s), 0 warning(s)"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn calls_nested_20000_deep_are_refused() {
    let depth = 20_000;
    let entry = format!(
        "calls = {{ NUMBER({}1{}) }}\n",
        "NUMBER(".repeat(depth),
        ")".repeat(depth)
    );
    let project = with_spanish_entry(&entry);
    assert_refused_deep(&project.report(&["check"]), "calls");
}

/// A file outside the project holding a secret, and a path to it.
fn secret_outside() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(".env");
    // Valid Fluent, so that nothing but the sandbox keeps it out.
    fs::write(&path, format!("{SECRET}\n")).expect("write secret");
    (dir, path)
}

const SECRET: &str = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SECRET_VALUE: &str = "wJalrXUtnFEMI";

/// Every file under `dir` that holds the secret.
fn files_with_secret(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if fs::read(&path)
                .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(SECRET_VALUE))
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[track_caller]
fn assert_refused_link(run: &Run, link: &str) {
    let all = format!("{}\n{}", run.stdout, run.stderr);
    assert_ne!(run.code(), 0, "{all}");
    assert!(!all.contains(SECRET_VALUE), "the secret leaked:\n{all}");
    for expected in [
        format!(
            "error[path-outside-project]: `{link}` links to a file outside the project; it is not read"
        ),
        format!("┌─ {link}:1:1"),
        "hint: copy the file into the project instead of linking to it".to_owned(),
    ] {
        assert!(all.contains(&expected), "expected {expected:?} in:\n{all}");
    }
}

#[test]
fn a_message_file_linked_from_outside_is_never_read() {
    let (_outside, secret) = secret_outside();
    let project = Project::fixture("minimal");
    project.write(".gitignore", "/build\n");
    project.commit_all("minimal");
    symlink(&secret, project.path("locales/es/extra.ftl")).expect("symlink");
    let link = "locales/es/extra.ftl";
    assert_refused_link(&project.report(&["check"]), link);
    let json = project.report(&["check", "--output-format", "json"]);
    assert_eq!(json.code(), 1);
    assert!(!json.stdout.contains(SECRET_VALUE) && !json.stderr.contains(SECRET_VALUE));
    assert!(
        json.stdout.contains("\"code\": \"path-outside-project\""),
        "{}",
        json.stdout
    );
    assert_refused_link(&project.report(&["diff"]), link);
    assert_refused_link(&project.report(&["render"]), link);
    assert_eq!(
        files_with_secret(&project.path("build")),
        Vec::<String>::new()
    );
}

#[test]
fn a_font_linked_from_outside_is_refused() {
    let (_outside, secret) = secret_outside();
    let project = Project::fixture("minimal");
    fs::create_dir_all(project.path("fonts/extra")).expect("fonts dir");
    symlink(&secret, project.path("fonts/extra/evil.ttf")).expect("symlink");
    assert_refused_link(&project.report(&["render"]), "fonts/extra/evil.ttf");
    assert_eq!(
        files_with_secret(&project.path("build")),
        Vec::<String>::new()
    );
    assert!(!project.path("build/es/minimal.pdf").exists());
}

#[test]
fn a_lock_file_linked_from_outside_is_never_read() {
    let (_outside, secret) = secret_outside();
    let project = Project::fixture("minimal");
    fs::remove_file(project.path("locales/en.lock")).expect("remove the lock");
    symlink(&secret, project.path("locales/en.lock")).expect("symlink");
    for args in [&["diff"][..], &["check"], &["l10n", "update"]] {
        let run = project.report(args);
        let all = format!("{}\n{}", run.stdout, run.stderr);
        assert_ne!(run.code(), 0, "{args:?}: {all}");
        assert!(
            !all.contains(SECRET_VALUE),
            "{args:?}: the secret leaked:\n{all}"
        );
        assert!(
            all.contains("`locales/en.lock` links to a file outside the project"),
            "{args:?}: {all}"
        );
    }
}

#[test]
fn a_link_that_stays_inside_the_project_is_fine() {
    let project = Project::fixture("minimal");
    project.write("shared/es.ftl", "extra = Más\n");
    project.write("shared/en.ftl", "extra = More\n");
    for lang in ["es", "en"] {
        let target = format!("../../shared/{lang}.ftl");
        symlink(&target, project.path(&format!("locales/{lang}/extra.ftl"))).expect("symlink");
    }
    let run = project.report(&["check"]).success();
    assert!(
        run.stderr
            .contains("message `extra` is used by no template"),
        "{}",
        run.stderr
    );
}

/// Numbers from the data reach the text exactly: a 64-bit integer keeps its
/// last digits (an f64 would print ...680), a percentage of a huge number
/// keeps its digits (its f64 product overflowed to `0%`), and a tiny number
/// in compact notation keeps its two significant digits, as ECMA-402 and
/// `@fluent/bundle` write it (docs/conformance.md).
#[test]
fn data_numbers_reach_the_text_exactly() {
    let project = Project::fixture("minimal");
    let messages = "big = { $n }\nshare = { NUMBER($n, style: \"percent\") }\n\
                    tiny = { NUMBER($n, notation: \"compact\") }\n";
    for lang in ["es", "en"] {
        let file = format!("locales/{lang}/main.ftl");
        project.write(&file, &(project.read(&file) + messages));
    }
    let data = project.read("data/facts.toml")
        + "big = { msg = \"big\", args = { n = 123456789012345678 } }\n\
           share = { msg = \"share\", args = { n = 2e306 } }\n\
           tiny = { msg = \"tiny\", args = { n = 5e-324 } }\n";
    project.write("data/facts.toml", &data);
    let template = project.read("templates/main.typ")
        + "\nbig: #rich(doc.data.big)\n\ntiny: #rich(doc.data.tiny)\n";
    project.write("templates/main.typ", &template);
    project
        .report(&["render", "--lang", "en", "--format", "pdf"])
        .success();
    let text = pdf_text(&project.path("build/en/minimal.pdf"));
    assert!(text.contains("big: 123,456,789,012,345,678"), "{text}");
    assert!(text.contains("tiny:"), "{text}");
    let document: serde_json::Value =
        serde_json::from_str(&project.read("build/.report/en.json")).expect("JSON document");
    let share = document["data"]["share"]["plain"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(share.replace(',', ""), format!("2{}%", "0".repeat(308)));
    assert_eq!(document["data"]["big"]["plain"], "123,456,789,012,345,678");
    assert_eq!(
        document["data"]["tiny"]["plain"],
        format!("0.{}5", "0".repeat(323))
    );
}

#[test]
fn findings_after_an_entry_too_deep_point_at_the_right_place() {
    // The deep entry is blanked out of the text the parser gets; the checks
    // that read message text parse that same text, and still point into
    // the file as written.
    let entry = format!("{}bell = Aviso \u{7} final\n", nested("deep", 5_000));
    let project = with_spanish_entry(&entry);
    let run = project.report(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains("overflowed its stack"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[too-deep]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("error[bad-character]")
            && run.stderr.contains("┌─ locales/es/main.ftl:4:14"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_glossary_linked_from_outside_is_never_read() {
    let (_outside, secret) = secret_outside();
    let project = Project::fixture("minimal");
    symlink(&secret, project.path("locales/glossary.toml")).expect("symlink");
    assert_refused_link(&project.report(&["check"]), "locales/glossary.toml");
}

/// An SVG outside the project holding the secret (in its text, so that an
/// embedded copy shows in the PDF's bytes).
fn secret_svg() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("logo.svg");
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
         <desc>{SECRET}</desc><rect width=\"10\" height=\"10\"/></svg>\n"
    );
    fs::write(&path, svg).expect("write svg");
    (dir, path)
}

#[test]
fn an_image_the_template_names_that_links_out_is_refused_before_typst_runs() {
    let (_outside, svg) = secret_svg();
    let project = Project::fixture("minimal");
    fs::remove_file(project.path("templates/logo.svg")).expect("rm");
    symlink(&svg, project.path("templates/logo.svg")).expect("symlink");
    for args in [&["check"][..], &["render"]] {
        let run = project.report(args);
        let all = format!("{}\n{}", run.stdout, run.stderr);
        assert_eq!(run.code(), 1, "{args:?}: {all}");
        assert!(!all.contains(SECRET_VALUE), "the secret leaked:\n{all}");
        assert!(
            all.contains(
                "error[path-outside-project]: `templates/logo.svg` links to a file outside the \
                 project; Typst would read it"
            ) && all.contains("templates/main.typ:4:9"),
            "{args:?}: {all}"
        );
    }
    assert_eq!(
        files_with_secret(&project.path("build")),
        Vec::<String>::new()
    );
    assert!(!project.path("build/es/minimal.pdf").exists());
}

#[test]
fn an_image_named_by_the_data_that_links_out_is_never_published() {
    let (_outside, svg) = secret_svg();
    let project = Project::fixture("minimal");
    project.replace(
        "templates/main.typ",
        "#image(\"logo.svg\",",
        "#image(doc.data.logo,",
    );
    project.write(
        "data/facts.toml",
        &format!("{}logo = \"logo.svg\"\n", project.read("data/facts.toml")),
    );
    // The first render cannot know the path before Typst runs: Typst's
    // own list of what it read refuses the edition.
    fs::remove_file(project.path("templates/logo.svg")).expect("rm");
    symlink(&svg, project.path("templates/logo.svg")).expect("symlink");
    let run = project.report(&["render", "--format", "pdf"]);
    let all = format!("{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.code(), 1, "{all}");
    assert!(!all.contains(SECRET_VALUE), "the secret leaked:\n{all}");
    assert!(
        all.contains("links to a file outside the project") && all.contains("logo.svg"),
        "{all}"
    );
    assert_eq!(
        files_with_secret(&project.path("build")),
        Vec::<String>::new()
    );
    assert!(!project.path("build/es/minimal.pdf").exists());
    // Once an edition recorded the file, the next check knows it before
    // Typst runs.
    fs::remove_file(project.path("templates/logo.svg")).expect("rm");
    fs::copy(repo_fixture_logo(), project.path("templates/logo.svg")).expect("copy");
    project.report(&["render", "--format", "pdf"]).success();
    fs::remove_file(project.path("templates/logo.svg")).expect("rm");
    symlink(&svg, project.path("templates/logo.svg")).expect("symlink");
    let run = project.report(&["check"]);
    let all = format!("{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.code(), 1, "{all}");
    assert!(!all.contains(SECRET_VALUE), "the secret leaked:\n{all}");
    assert!(
        all.contains("it is in the last render's list of files Typst read"),
        "{all}"
    );
}

fn repo_fixture_logo() -> std::path::PathBuf {
    crate::support::repo_root().join("tests/fixtures/minimal/templates/logo.svg")
}

/// Lists nested past the limit are refused with advice about nesting, not
/// the advice for a bad link (which they used to get).
#[test]
fn lists_nested_too_deep_get_advice_about_nesting() {
    let lines: String = (0..120)
        .map(|depth| format!("    {}- level {depth}\n", "  ".repeat(depth)))
        .collect();
    let project = with_spanish_entry(&format!("deep =\n{lines}"));
    let run = project.report(&["check", "--lang", "es"]);
    let all = format!("{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.code(), 1, "{all}");
    assert!(all.contains("lists are nested more than 100 deep"), "{all}");
    assert!(
        all.contains("hint: nest markup (links, emphasis, lists) less deeply"),
        "{all}"
    );
    assert!(!all.contains("write the link as"), "{all}");
}

/// One kind of input, linked to a secret outside the project: how the
/// project is set up to read it, the path of the link, and the commands
/// that read it (`render` does not read the glossary or the lock files).
struct LinkedInput {
    kind: &'static str,
    link: &'static str,
    setup: fn(&Project),
    commands: &'static [&'static str],
}

/// Every kind of input `report` reads from a project (the sandbox is one
/// type, `ProjectFs`, whose paths only the project layout makes): each
/// linked out of the project is refused by `check` and `render` — non-zero
/// exit, the link named with `path-outside-project` — and its content is
/// neither printed nor written under `build/`.
#[test]
fn every_input_kind_linked_from_outside_is_refused_unread() {
    let kinds = [
        LinkedInput {
            kind: "messages",
            link: "locales/es/extra.ftl",
            setup: |_| {},
            commands: &["check", "render"],
        },
        LinkedInput {
            kind: "data",
            link: "data/more.toml",
            setup: |p| p.replace("report.toml", "data = [", "data = [\"data/more.toml\", "),
            commands: &["check", "render"],
        },
        LinkedInput {
            kind: "bibliography",
            link: "data/sources.yml",
            setup: |p| {
                p.replace(
                    "report.toml",
                    "date = ",
                    "bibliography = \"data/sources.yml\"\ndate = ",
                )
            },
            commands: &["check", "render"],
        },
        LinkedInput {
            kind: "glossary",
            link: "locales/glossary.toml",
            setup: |_| {},
            commands: &["check"],
        },
        LinkedInput {
            kind: "lock files",
            link: "locales/en.lock",
            // The fixture's own lock gives way to the link.
            setup: |p| fs::remove_file(p.path("locales/en.lock")).expect("remove the lock"),
            commands: &["check"],
        },
        LinkedInput {
            kind: "print profile",
            link: "print/shop.icc",
            setup: |p| {
                fs::create_dir_all(p.path("print")).expect("print dir");
                p.write(
                    "report.toml",
                    &format!(
                        "{}\n[print]\nprofile = \"print/shop.icc\"\n",
                        p.read("report.toml")
                    ),
                );
            },
            commands: &["check", "render"],
        },
        LinkedInput {
            kind: "stylesheet",
            link: "templates/style.css",
            setup: |p| {
                p.replace(
                    "report.toml",
                    "date = ",
                    "stylesheet = \"templates/style.css\"\ndate = ",
                )
            },
            commands: &["check", "render"],
        },
        LinkedInput {
            kind: "fonts",
            link: "fonts/evil.ttf",
            setup: |p| fs::create_dir_all(p.path("fonts")).expect("fonts dir"),
            commands: &["check", "render"],
        },
        LinkedInput {
            kind: "images",
            link: "templates/logo.svg",
            setup: |p| fs::remove_file(p.path("templates/logo.svg")).expect("rm logo"),
            commands: &["check", "render"],
        },
    ];
    let (_outside, secret) = secret_outside();
    for input in kinds {
        let project = Project::fixture("minimal");
        (input.setup)(&project);
        symlink(&secret, project.path(input.link)).expect("symlink");
        for command in input.commands {
            let run = project.report(&[command]);
            let all = format!("{}\n{}", run.stdout, run.stderr);
            let what = format!("{} ({}), `report {command}`", input.kind, input.link);
            assert_ne!(run.code(), 0, "{what}: {all}");
            assert!(
                !all.contains(SECRET_VALUE),
                "{what}: the secret leaked:\n{all}"
            );
            assert!(
                all.contains("[path-outside-project]")
                    && all.contains(&format!("`{}` links to ", input.link)),
                "{what}: not refused as a link out:\n{all}"
            );
        }
        assert_eq!(
            files_with_secret(&project.path("build")),
            Vec::<String>::new(),
            "{}",
            input.kind
        );
    }
}

#[test]
fn a_chart_csv_file_linked_from_outside_or_named_outside_is_never_read() {
    let (outside, secret) = secret_outside();
    let project = Project::fixture("charts");
    fs::remove_file(project.path("data/prices.csv")).expect("remove");
    symlink(&secret, project.path("data/prices.csv")).expect("symlink");
    let link = "data/prices.csv";
    assert_refused_link(&project.report(&["check"]), link);
    assert_refused_link(&project.report(&["render", "--lang", "es"]), link);
    assert_eq!(
        files_with_secret(&project.path("build")),
        Vec::<String>::new()
    );
    // Named by a path that climbs out of the project: refused by name.
    let climbing = format!("{}/.env", outside.path().display());
    for named in ["../../../../../../../../etc/passwd", climbing.as_str()] {
        let project = Project::fixture("charts");
        project.replace(
            "data/charts.toml",
            "csv = \"prices.csv\"",
            &format!("csv = \"{named}\""),
        );
        let run = project.report(&["check"]);
        assert_eq!(run.code(), 1, "{}", run.stderr);
        assert!(!run.stderr.contains(SECRET_VALUE) && !run.stderr.contains("root:"));
        assert!(
            run.stderr.contains("error[chart]: the chart's CSV file"),
            "{}",
            run.stderr
        );
    }
}
