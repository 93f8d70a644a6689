//! `report l10n import` of exchange files built to break it: codes nested
//! tens of thousands deep (which overflowed the stack and aborted), tags
//! with hundreds of thousands of attributes and strings split into a
//! million continuation lines (which took minutes: quadratic), and
//! characters that `render` refuses (which were written into the `.ftl`
//! files). Each is refused with a located error, or read in linear time.
//!
//! The timing tests are hang guards, not benchmarks: each run must finish
//! within a generous bound that the quadratic readers far exceeded at
//! these sizes, so a slow machine does not fail them but a return to
//! O(N²) does.

use std::process::Stdio;
use std::time::Duration;

use crate::exchange::{assert_contains, changed, export, locales};
use crate::support::{Project, finish_within, report_command};

/// How long an import of these files may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(60);

/// `report l10n import ARGS` in `project`, killed (and the test failed)
/// after [`HANG`].
fn import_within_hang(project: &Project, args: &[&str]) -> (Option<i32>, String, String) {
    let child = report_command()
        .args(["l10n", "import"])
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn report l10n import");
    let output = finish_within(child, HANG, &format!("report l10n import {args:?}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The `exchange` fixture with its Spanish exported to `file` as `format`.
fn exported(format: &str, file: &str) -> Project {
    let project = Project::fixture("exchange");
    export(&project, "es", format, file);
    project
}

#[test]
fn codes_nested_30000_deep_are_refused_where_they_pass_100() {
    let cases = [
        ("xliff", "x2.xlf", "<pc id=\"1\">", "</pc>"),
        ("xliff", "x2.xlf", "<mrk id=\"m1\">", "</mrk>"),
        ("xliff1", "x1.xlf", "<g id=\"1\">", "</g>"),
    ];
    for (format, file, open, close) in cases {
        let project = exported(format, file);
        let before = locales(&project);
        let nested = format!("{}x{}", open.repeat(30_000), close.repeat(30_000));
        project.replace(
            file,
            ">Votos en las Naciones Unidas<",
            &format!(">{nested}<"),
        );
        let text = project.read(file);
        let first = text.find(open).expect("nested codes");
        let (line, col) = line_col(&text, first + 100 * open.len());
        let (code, _, stderr) = import_within_hang(&project, &["--dry-run", file]);
        assert_eq!(code, Some(1), "{open}: {stderr}");
        assert_contains(&stderr, "nested more than 100 deep");
        assert_contains(&stderr, &format!("{file}:{line}:{col}"));
        assert_contains(&stderr, "hint:");
        assert_eq!(changed(&before, &locales(&project)), Vec::<String>::new());
    }
}

#[test]
fn placeables_nested_30000_deep_in_a_po_string_are_refused() {
    for written in [
        format!("{}$count{}", "{ ".repeat(30_000), " }".repeat(30_000)),
        format!(
            "{{ {}$count{} }}",
            "NUMBER(".repeat(30_000),
            ")".repeat(30_000)
        ),
    ] {
        let project = exported("po", "t.po");
        project.replace(
            "t.po",
            "msgstr \"Votos en las Naciones Unidas\"",
            &format!("msgstr \"Votos {written}\""),
        );
        let (code, _, stderr) = import_within_hang(&project, &["--dry-run", "t.po"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_contains(&stderr, "unit `title`");
        assert_contains(
            &stderr,
            "nests placeables, calls or selects more than 100 deep",
        );
        assert_contains(&stderr, "t.po:");
    }
}

#[test]
fn a_tag_with_200000_attributes_is_read_in_linear_time() {
    let junk: String = (0..200_000).map(|i| format!(" j{i}=\"v\"")).collect();
    let cases = [
        ("xliff", "x2.xlf", "<unit id=\"title\"", "<unit"),
        (
            "xliff1",
            "x1.xlf",
            "<trans-unit id=\"title\"",
            "<trans-unit",
        ),
    ];
    for (format, file, tag, name) in cases {
        let project = exported(format, file);
        project.replace(file, tag, &format!("{name}{junk}{}", &tag[name.len()..]));
        project.replace(file, "Votos en las Naciones Unidas", "Votos en la ONU");
        let (code, stdout, stderr) = import_within_hang(&project, &["--dry-run", file]);
        assert_eq!(code, Some(0), "{format}: {stderr}");
        assert_contains(&stdout, "would change 1 message(s)");
    }
}

#[test]
fn a_po_string_in_a_million_continuation_lines_is_read_in_linear_time() {
    let project = exported("po", "t.po");
    let lines = "\"a\"\n".repeat(1_000_000);
    project.replace(
        "t.po",
        "msgstr \"Votos en las Naciones Unidas\"",
        &format!("msgstr \"\"\n{}", lines.trim_end()),
    );
    let (code, stdout, stderr) = import_within_hang(&project, &["--dry-run", "t.po"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(&stdout, "would change 1 message(s)");
}

#[test]
fn characters_render_refuses_are_refused_at_their_unit() {
    // (format, file, what replaces the title's translation, the character)
    let cases = [
        ("xliff", "x2.xlf", "Votos<cp hex=\"1B\"/>", "U+001B"),
        ("xliff", "x2.xlf", "Votos<cp hex=\"0\"/>", "U+0000"),
        ("xliff", "x2.xlf", "Votos<cp hex=\"FFFE\"/>", "U+FFFE"),
        ("xliff1", "x1.xlf", "Votos&#x1B;", "U+001B"),
        ("po", "t.po", "Votos\u{1b}", "U+001B"),
        ("po", "t.po", "Votos\\a", "U+0007"),
    ];
    for (format, file, written, character) in cases {
        let project = exported(format, file);
        let before = locales(&project);
        project.replace(file, "Votos en las Naciones Unidas", written);
        let (code, _, stderr) = import_within_hang(&project, &[file]);
        assert_eq!(code, Some(1), "{written:?}: {stderr}");
        assert_contains(&stderr, "error[bad-character]: unit `title`:");
        assert_contains(&stderr, character);
        assert_contains(&stderr, &format!("{file}:"));
        assert_contains(&stderr, "hint:");
        assert!(!stderr.contains("bug in report"), "{stderr}");
        assert_eq!(
            changed(&before, &locales(&project)),
            Vec::<String>::new(),
            "{written:?} wrote"
        );
    }
}

#[test]
fn an_error_the_translation_already_had_does_not_block_an_import() {
    let project = Project::fixture("exchange");
    project.replace(
        "locales/es/main.ftl",
        "changed = El texto de origen de antes",
        "changed = El texto\u{1b} de origen de antes",
    );
    let check = project.report(&["check"]);
    assert_contains(&check.stderr, "error[bad-character]");
    export(&project, "es", "xliff", "x2.xlf");
    // An edit elsewhere goes in; the old error stays where it was.
    project.replace("x2.xlf", "Votos en las Naciones Unidas", "Votos en la ONU");
    project.report(&["l10n", "import", "x2.xlf"]).success();
    let ftl = project.read("locales/es/main.ftl");
    assert_contains(&ftl, "title = Votos en la ONU");
    assert_contains(&ftl, "El texto\u{1b} de origen");
    // An import that fixes it goes in too.
    export(&project, "es", "xliff", "x2.xlf");
    project.replace("x2.xlf", "El texto<cp hex=\"001B\"/> de", "El texto de");
    project.report(&["l10n", "import", "x2.xlf"]).success();
    let ftl = project.read("locales/es/main.ftl");
    assert!(!ftl.contains('\u{1b}'), "{ftl}");
}

#[test]
fn a_target_of_a_million_braces_is_checked_in_linear_time() {
    // Each brace used to search the rest of the text for a closing one,
    // to tell a placeable typed as text (400,000 braces: 15 s). Here the
    // braces replace a translation whose codes are then missing.
    let project = exported("xliff", "x2.xlf");
    let braces = "{".repeat(1_000_000);
    project.replace(
        "x2.xlf",
        "> contó <ph id=\"3\" disp=\"{ $count }\" equiv=\"{ $count }\"/> votos en",
        &format!(">{braces}"),
    );
    let (code, _, stderr) = import_within_hang(&project, &["--dry-run", "x2.xlf"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_contains(&stderr, "unit `intro`: drops placeable `{ $count }`");
}

#[test]
fn a_unit_over_4_mib_is_refused_at_its_unit() {
    // Every step of an import works on a whole unit: the bound keeps each
    // short (and an interrupt heeded soon); a message is far smaller.
    let long = "palabra ".repeat(600_000);
    for (format, file, from, to) in [
        (
            "xliff",
            "x2.xlf",
            ">Votos en las Naciones Unidas<",
            format!(">{long}<"),
        ),
        (
            "po",
            "t.po",
            "msgstr \"Votos en las Naciones Unidas\"",
            format!("msgstr \"{long}\""),
        ),
    ] {
        let project = exported(format, file);
        let before = locales(&project);
        project.replace(file, from, &to);
        let (code, _, stderr) = import_within_hang(&project, &[file]);
        assert_eq!(code, Some(1), "{format}: {stderr}");
        assert_contains(
            &stderr,
            "unit `title`: its target is 4800000 bytes long; a unit holds at most 4 MiB",
        );
        assert_contains(&stderr, &format!("{file}:"));
        assert_contains(&stderr, "hint:");
        assert_eq!(changed(&before, &locales(&project)), Vec::<String>::new());
    }
}
