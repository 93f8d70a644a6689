//! The bad-input suite: each case breaks a copy of the `minimal` fixture in
//! one way and asserts the exact error (code, message, file:line:col), the
//! exit code, that nothing panicked, and that the editions rendered before
//! the damage are untouched.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};

use crate::support::Project;

const EDITIONS: [&str; 4] = [
    "build/es/minimal.pdf",
    "build/en/minimal.pdf",
    "build/es/index.html",
    "build/en/index.html",
];

/// Renders the fixture, applies `damage`, runs `report ARGS`, and checks the
/// outcome: `code`, and every `expected` text in stderr (or stdout).
fn case(damage: impl FnOnce(&Project), args: &[&str], code: i32, expected: &[&str]) -> Project {
    let project = Project::fixture("minimal");
    project.report(&["render"]).success();
    let before: Vec<Vec<u8>> = EDITIONS.iter().map(|e| project.bytes(e)).collect();
    damage(&project);
    let run = project.report(args);
    let all = format!("{}\n{}", run.stderr, run.stdout);
    assert_eq!(run.code(), code, "exit code of {args:?}:\n{all}");
    assert!(!all.contains("panicked at src/"), "report panicked:\n{all}");
    for text in expected {
        assert!(all.contains(text), "expected {text:?} in:\n{all}");
    }
    if code != 0 {
        assert!(
            all.contains("hint:"),
            "every error says what to do next:\n{all}"
        );
    }
    for (edition, bytes) in EDITIONS.iter().zip(before) {
        // Editions the damage does not reach may render again; the others
        // must keep their previous bytes.
        let rendered_again = run
            .stdout
            .lines()
            .any(|l| l.contains(edition) && !l.contains("up to date"));
        if project.path(edition).is_file() && code != 0 && !rendered_again {
            assert!(project.bytes(edition) == bytes, "{edition} was damaged");
        }
    }
    project
}

fn replace(project: &Project, file: &str, from: &str, to: &str) {
    let text = project.read(file);
    assert!(text.contains(from), "{file} lacks {from:?}");
    project.write(file, &text.replace(from, to));
}

fn write_bytes(project: &Project, file: &str, bytes: &[u8]) {
    fs::write(project.path(file), bytes).expect("write");
}

fn fake_typst(project: &Project, script: &str) -> String {
    let path = project.path("fake-typst");
    fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("write fake typst");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
    path.display().to_string()
}

macro_rules! cases {
    ($($name:ident: $damage:expr, $args:expr, $code:expr, $expected:expr;)*) => {
        $(
            #[test]
            fn $name() {
                case($damage, $args, $code, $expected);
            }
        )*
    };
}

const RENDER: &[&str] = &["render"];
const CHECK: &[&str] = &["check"];

cases! {
    ftl_nested_too_deep: |p| replace(p, "locales/es/main.ftl", "greeting = Hola, **mundo**.", &format!("greeting = {}x{}", "{ ".repeat(12_000), " }".repeat(12_000))), RENDER, 1,
        &["error[too-deep]: `greeting` nests placeables, calls or selects more than 100 deep; it is skipped", "locales/es/main.ftl:3:1"];
    ftl_unterminated_placeable: |p| replace(p, "locales/es/main.ftl", "greeting = Hola, **mundo**.", "greeting = Hola { $x"), RENDER, 1,
        &["error[syntax]: invalid Fluent syntax: Expected a token starting with \"}\"", "locales/es/main.ftl:3:21"];
    ftl_missing_value: |p| replace(p, "locales/es/main.ftl", "greeting = Hola, **mundo**.", "greeting ="), RENDER, 1,
        &["error[syntax]: invalid Fluent syntax: Expected a message field for \"greeting\"", "locales/es/main.ftl:3:"];
    ftl_bad_identifier: |p| replace(p, "locales/es/main.ftl", "greeting =", "9greeting ="), RENDER, 1,
        &["error[syntax]", "locales/es/main.ftl:3:1"];
    ftl_unclosed_string: |p| replace(p, "locales/es/main.ftl", "greeting = Hola, **mundo**.", "greeting = { \"Hola }"), RENDER, 1,
        &["error[syntax]: invalid Fluent syntax", "locales/es/main.ftl:3:"];
    ftl_select_without_default: |p| replace(p, "locales/es/main.ftl", "greeting = Hola, **mundo**.", "greeting = { $n ->\n    [one] uno\n    [other] otros\n}"), RENDER, 1,
        &["error[no-default-variant]: invalid Fluent syntax: The select expression must have a default variant", "locales/es/main.ftl:5:18"];
    ftl_duplicate_id: |p| replace(p, "locales/es/main.ftl", "title = Informe mínimo\n", "title = Informe mínimo\ntitle = Otro\n"), RENDER, 1,
        &["error[duplicate-id]: `title` is defined twice in `es`", "locales/es/main.ftl:3:1", "first defined at locales/es/main.ftl:2:1"];
    ftl_duplicate_across_files: |p| { p.write("locales/es/more.ftl", "title = Otro\n").write("locales/en/more.ftl", "x = y\n"); }, RENDER, 1,
        &["error[duplicate-id]: `title` is defined twice in `es`", "locales/es/more.ftl:1:1"];
    ftl_term_named_like_a_message: |p| replace(p, "locales/es/main.ftl", "title = Informe mínimo\n", "title = Informe mínimo\n-title = Otro\n"), RENDER, 1,
        &["error[duplicate-id]: term `-title` has the same name as message `title` in `es`", "locales/es/main.ftl:3:1", "rename the term or the message"];
    ftl_function_name_as_id: |p| replace(p, "locales/es/main.ftl", "title = Informe mínimo\n", "title = Informe mínimo\nNUMBER = Otro\n"), RENDER, 1,
        &["error[reserved-id]: `NUMBER` is the name of a built-in function", "locales/es/main.ftl:3:1"];
    ftl_invalid_utf8: |p| write_bytes(p, "locales/es/main.ftl", b"title = Informe m\xedn\n"), RENDER, 1,
        &["error[encoding]: `locales/es/main.ftl` is not valid UTF-8", "locales/es/main.ftl:1:18", "save the file as UTF-8"];
    ftl_unknown_variable: |p| replace(p, "locales/en/main.ftl", "{ $n } votes", "{ $count } votes"), RENDER, 1,
        &["error[unknown-variable]: `count` in `en` uses `$count`, which the source does not", "locales/en/main.ftl:4:21"];
    ftl_unknown_message_reference: |p| replace(p, "locales/es/main.ftl", "Hola, **mundo**.", "Hola { nada }"), RENDER, 1,
        &["error[unknown-reference]: `greeting` references message `nada`, which `es` does not have", "locales/es/main.ftl:3:19"];
    ftl_cyclic_reference: |p| replace(p, "locales/es/main.ftl", "Hola, **mundo**.", "Hola { greeting }"), RENDER, 1,
        &["error[cyclic-reference]: `greeting` references itself in `es`", "locales/es/main.ftl:3:1"];
    ftl_unknown_function: |p| replace(p, "locales/es/main.ftl", "Hay { $n }", "Hay { FOO($n) }"), CHECK, 1,
        &["error[unknown-function]: `count` calls `FOO()`, which is not a function", "locales/es/main.ftl:4:15",
          "error[unknown-function]: message `count` in `es`: `FOO()` is not a function (called in `count` at locales/es/main.ftl:4:15)",
          "data/facts.toml:1:9", "hint: the functions are NUMBER() and DATETIME()"];
    data_reaches_a_cycle: |p| {
        replace(p, "locales/es/main.ftl", "Hay { $n }", "Hay { loop } { $n }");
        for lang in ["es", "en"] {
            let file = format!("locales/{lang}/main.ftl");
            p.write(&file, &(p.read(&file) + "loop = { loop }\n"));
        }
    }, RENDER, 1,
        &["error[cyclic-reference]: message `count` in `es`: `loop` references itself (defined at locales/es/main.ftl:5:1)",
          "data/facts.toml:1:9", "error[cyclic-reference]: `loop` references itself in `es`"];
    ftl_missing_in_translation: |p| replace(p, "locales/en/main.ftl", "greeting = Hello, **world**.\n", ""), RENDER, 1,
        &["error[missing-message]: `en` is missing 1 message(s): `greeting`", "--allow-missing"];
    ftl_missing_directory: |p| fs::remove_dir_all(p.path("locales/en")).expect("remove"), RENDER, 1,
        &["error[manifest]: language `en` has no `locales/en/` directory", "report.toml:4:20"];
    ftl_no_files: |p| fs::remove_file(p.path("locales/en/main.ftl")).expect("remove"), RENDER, 1,
        &["error[no-messages]: no .ftl files in `locales/en/`"];
    manifest_missing_key: |p| replace(p, "report.toml", "name = \"minimal\"\n", ""), RENDER, 1,
        &["error[manifest]: invalid `report.toml`: missing field `name`", "report.toml:1:1"];
    manifest_unknown_key: |p| replace(p, "report.toml", "date = ", "colour = \"red\"\ndate = "), RENDER, 1,
        &["error[manifest]: invalid `report.toml`: unknown field `colour`", "report.toml:8:1"];
    manifest_mistyped_key: |p| replace(p, "report.toml", "template =", "templat ="), RENDER, 1,
        &["report.toml:5:1", "did you mean `template`?"];
    manifest_wrong_type: |p| replace(p, "report.toml", "languages = [\"es\", \"en\"]", "languages = \"es\""), RENDER, 1,
        &["error[manifest]: invalid `report.toml`: invalid type: string \"es\", expected a sequence", "report.toml:4:13"];
    manifest_unknown_language_tag: |p| replace(p, "report.toml", "[\"es\", \"en\"]", "[\"es\", \"en\", \"english!\"]"), RENDER, 1,
        &["`english!` is not a BCP 47 language tag", "report.toml:4:26"];
    manifest_language_twice: |p| replace(p, "report.toml", "[\"es\", \"en\"]", "[\"es\", \"en\", \"es\"]"), RENDER, 1,
        &["error[manifest]: language `es` is listed twice", "report.toml:4:26"];
    manifest_source_not_listed: |p| replace(p, "report.toml", "source-language = \"es\"", "source-language = \"fr\""), RENDER, 1,
        &["error[manifest]: source language `fr` is not in `languages`", "report.toml:3:19"];
    manifest_syntax: |p| replace(p, "report.toml", "typst = \"0.15\"", "typst = \"0.15"), RENDER, 1,
        &["error[manifest]: invalid `report.toml`: invalid basic string", "report.toml:7:14"];
    manifest_invalid_utf8: |p| write_bytes(p, "report.toml", b"[report]\nname = \"m\xff\"\n"), RENDER, 1,
        &["error[encoding]: `report.toml` is not valid UTF-8", "report.toml:2:10"];
    manifest_missing_template: |p| fs::remove_file(p.path("templates/main.typ")).expect("remove"), RENDER, 1,
        &["error[missing-file]: file `templates/main.typ` does not exist", "report.toml:5:12"];
    manifest_path_outside: |p| replace(p, "report.toml", "data = [\"data/facts.toml\"]", "data = [\"../facts.toml\"]"), RENDER, 1,
        &["error[path-outside-project]: `../facts.toml` is outside the project", "report.toml:6:9"];
    manifest_absolute_path: |p| replace(p, "report.toml", "templates/main.typ", "/etc/hostname"), RENDER, 1,
        &["error[path-outside-project]: `/etc/hostname` is outside the project"];
    manifest_symlink_out: |p| {
        fs::remove_file(p.path("data/facts.toml")).expect("remove");
        symlink("/etc/hostname", p.path("data/facts.toml")).expect("symlink");
    }, RENDER, 1,
        &["error[path-outside-project]: `data/facts.toml` links to a place outside the project", "report.toml:6:9"];
    manifest_bad_typst_requirement: |p| replace(p, "report.toml", "typst = \"0.15\"", "typst = \"fifteen\""), RENDER, 1,
        &["error[manifest]: `fifteen` is not a version requirement", "report.toml:"];
    data_unknown_message: |p| { p.write("data/facts.toml", "count = { msg = \"contar\" }\n"); }, RENDER, 1,
        &["error[unknown-message]: data uses message `contar`, which `es` does not have", "data/facts.toml:1:9"];
    data_missing_argument: |p| { p.write("data/facts.toml", "count = { msg = \"count\", args = { n = 1 } }\n"); }, RENDER, 1,
        &["error[missing-argument]: message `count` uses `$date`, which the data does not give", "= in es, en", "data/facts.toml:1:9"];
    data_wrong_argument_kind: |p| {
        replace(p, "locales/es/main.ftl", "Hay { $n }", "Hay { NUMBER($n) }");
        p.write("data/facts.toml", "count = { msg = \"count\", args = { n = 2022-01-01, date = 2022-02-28 } }\n");
    }, RENDER, 1,
        &["error[argument-kind]: message `count` in `es`: NUMBER() was given a date; use DATETIME() for dates", "data/facts.toml:1:9"];
    data_non_finite_number: |p| { p.write("data/facts.toml", "count = { msg = \"count\", args = { n = nan, date = 2022-02-28 } }\n"); }, RENDER, 1,
        &["error[data]: `nan` is not a usable number", "data/facts.toml:1:39"];
    data_date_out_of_range: |p| { p.write("data/facts.toml", "count = { msg = \"count\", args = { n = 1, date = 2022-13-45 } }\n"); }, RENDER, 1,
        &["error[data-syntax]: invalid TOML", "data/facts.toml:1:"];
    data_args_not_a_table: |p| { p.write("data/facts.toml", "count = { msg = \"count\", args = [1, 2] }\n"); }, RENDER, 1,
        &["error[data]: `args` must be a table", "data/facts.toml:1:33"];
    data_extra_key: |p| { p.write("data/facts.toml", "count = { msg = \"count\", args = { n = 1, date = 2022-02-28 }, color = \"red\" }\n"); }, RENDER, 1,
        &["error[data]: unexpected key `color` next to `msg`", "data/facts.toml:1:"];
    data_invalid_json: |p| {
        replace(p, "report.toml", "data/facts.toml", "data/facts.json");
        p.write("data/facts.json", "{\n  \"count\": { \"msg\": \"count\" \"args\": {} }\n}\n");
    }, RENDER, 1,
        &["error[data-syntax]: invalid JSON", "data/facts.json:2:"];
    data_json_null: |p| {
        replace(p, "report.toml", "data/facts.toml", "data/facts.json");
        p.write("data/facts.json", "{ \"count\": { \"msg\": \"count\", \"args\": { \"n\": null, \"date\": { \"$date\": \"2022-02-28\" } } } }\n");
    }, RENDER, 1,
        &["error[data]: `null` is not a data value"];
    data_invalid_utf8: |p| write_bytes(p, "data/facts.toml", b"count = \"\xc3\x28\"\n"), RENDER, 1,
        &["error[encoding]: `data/facts.toml` is not valid UTF-8"];
    data_wrong_extension: |p| {
        replace(p, "report.toml", "data/facts.toml", "data/facts.yaml");
        p.write("data/facts.yaml", "count: 1\n");
    }, RENDER, 1,
        &["error[data]: `data/facts.yaml` is neither a .toml nor a .json file"];
    template_does_not_compile: |p| { p.write("templates/main.typ", "#import \"lib.typ\": doc\n#let x = (1, 2\n"); }, RENDER, 1,
        &["error[typst]: unclosed delimiter", "templates/main.typ:2:", "in the edition(s): es pdf, es html, en pdf, en html"];
    template_reads_outside_project: |p| { p.write("templates/main.typ", "#read(\"/../../../../etc/passwd\")\n"); }, RENDER, 1,
        &["error[typst]: path `\"/../../../../etc/passwd\"` would escape the project root", "templates/main.typ:1:7"];
    template_panics: |p| { p.write("templates/main.typ", "#panic(\"broken template\")\n"); }, RENDER, 1,
        &["error[typst]: panicked with: broken template", "templates/main.typ:1:2", "in the edition(s): es pdf, es html, en pdf, en html"];
    template_missing_message: |p| replace(p, "templates/main.typ", "#msg(\"greeting\")", "#msg(\"greting\")"), RENDER, 1,
        &["error[unknown-message]: the template uses message `greting`, which `es` does not have", "templates/main.typ:6:7", "did you mean `greeting`?"];
    typst_not_found: |_| {}, &["render", "--typst", "/nonexistent/typst"], 1,
        &["error[typst-missing]: Typst was not found at `/nonexistent/typst`", "leave both unset"];
    typst_wrong_version: |p| { fake_typst(p, "echo 'typst 0.13.1 (fake)'"); }, &["render", "--typst", "fake-typst"], 1,
        &["error[typst-version]: `fake-typst` is Typst 0.13.1, but report.toml asks for ^0.15", "report.toml:"];
    typst_crashes: |p| { fake_typst(p, "if [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; else echo 'thread main panicked at boom' >&2; exit 101; fi"); }, &["render", "--typst", "fake-typst", "--format", "pdf"], 1,
        &["error[typst]: typst compile failed (exit status: 101)", "typst said:", "boom"];
    typst_requirement_unmet: |p| replace(p, "report.toml", "typst = \"0.15\"", "typst = \"=0.14.2\""), RENDER, 1,
        &["error[typst-version]: no Typst matching =0.14.2 was found, and report can only install 0.15.1", "┌─ report.toml:", "typst = \"=0.14.2\""];
    output_directory_blocked: |p| {
        fs::remove_dir_all(p.path("build/en")).expect("remove");
        p.write("build/en", "not a directory");
    }, RENDER, 1,
        &["error[io]: `build/en` is not a directory", "hint: move the file away", "2 of 4 edition(s) failed: en pdf, en html"];
    build_is_a_link: |p| {
        fs::rename(p.path("build"), p.path("elsewhere")).expect("move build");
        symlink(p.path("locales"), p.path("build")).expect("symlink");
    }, RENDER, 1,
        &["error[path-outside-project]:", "build` is a link; report writes editions only into a real directory", "remove the link"];
    unknown_language_flag: |_| {}, &["render", "--lang", "fr"], 2,
        &["error[usage]: `fr` is not a language of this project"];
}

#[test]
fn ftl_with_bom_and_crlf_works() {
    case(
        |p| {
            let text = p.read("locales/es/main.ftl").replace('\n', "\r\n");
            write_bytes(
                p,
                "locales/es/main.ftl",
                &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            );
        },
        &["render", "--force"],
        0,
        &["build/es/minimal.pdf"],
    );
}

#[test]
fn manifest_and_data_with_bom_and_crlf_work() {
    case(
        |p| {
            for file in ["report.toml", "data/facts.toml"] {
                let text = p.read(file).replace('\n', "\r\n");
                write_bytes(
                    p,
                    file,
                    &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                );
            }
        },
        &["render", "--force"],
        0,
        &["build/en/minimal.pdf"],
    );
}

#[test]
fn an_empty_ftl_file_is_fine() {
    case(
        |p| {
            p.write("locales/es/empty.ftl", "")
                .write("locales/en/empty.ftl", "");
        },
        &["check"],
        0,
        &["0 error(s)"],
    );
}

#[test]
fn a_50_megabyte_ftl_file_is_checked() {
    case(
        |p| {
            let line = "    Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n";
            let big = format!("big =\n{}", line.repeat(50 * 1024 * 1024 / line.len()));
            assert!(big.len() >= 50 * 1024 * 1024 - 100);
            p.write("locales/es/big.ftl", &big)
                .write("locales/en/big.ftl", &big.replace("Lorem", "Lorum"));
        },
        CHECK,
        0,
        &["warning[unused-message]: message `big` is used by no template, data or message"],
    );
}

/// A write that fails half-way (here the file-size limit, which fails like
/// a full disk: with an error on write, after part of the file is out)
/// leaves the previous edition and no temporary file behind.
#[test]
fn a_failing_write_keeps_the_previous_edition() {
    let project = Project::fixture("minimal");
    project.report(&["render"]).success();
    let before: Vec<Vec<u8>> = EDITIONS.iter().map(|e| project.bytes(e)).collect();
    replace(
        &project,
        "locales/es/main.ftl",
        "title = Informe mínimo",
        "title = Informe mínimo revisado",
    );
    // The limit, 8 KiB, lets the small JSON documents through and stops the
    // PDF: Typst, which gets SIGXFSZ's default action, is killed writing it,
    // and report says so as a failed write (report itself catches SIGXFSZ,
    // so its own writes fail with EFBIG instead).
    let run = project
        .report_in_shell("trap '' XFSZ; ulimit -f 8 && exec \"$REPORT_BIN\" render --format pdf");
    let stderr = &run.stderr;
    assert_eq!(run.code(), 1, "{stderr}");
    assert!(
        stderr.contains("error[typst]: failed to write PDF file (File too large"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: check that")
            && stderr.contains("build/es is writable and its disk has room"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 2 edition(s) failed: es pdf"),
        "{stderr}"
    );
    for (edition, bytes) in EDITIONS.iter().zip(before) {
        assert!(project.bytes(edition) == bytes, "{edition} changed");
    }
    let mut leftovers = Vec::new();
    for dir in ["build", "build/es", "build/en", "build/.report"] {
        for entry in fs::read_dir(project.path(dir)).expect("read build") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".tmp") || name.starts_with(".report-") {
                leftovers.push(format!("{dir}/{name}"));
            }
        }
    }
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
