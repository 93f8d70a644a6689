//! Bibliographies built to break `report` and Typst (issue 30): BibTeX that
//! refers to itself (which overflowed the stack and aborted), macros that
//! double, YAML and braces nested 100,000 deep, many works, control
//! characters and script links. Each is refused by `check` with a located
//! error, and `render` refuses it before Typst reads the file, writing no
//! edition; a large bibliography that reads is read in linear time, and an
//! interrupt stops the reading at once.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, Run, finish_within, repo_root, report_command};

/// Past this, a run counts as hung: it is killed and the test fails.
const HANG: Duration = Duration::from_secs(60);

/// The `notes` fixture (which cites `wsj` and `un-vote`) with
/// `bibliography` as its bibliography file (`sources.yml` or `.bib`).
fn with_bibliography(name: &str, text: &str) -> Project {
    let project = Project::fixture("notes");
    let css = std::fs::read_to_string(repo_root().join("templates/report.css")).expect("css");
    project.write("templates/report.css", &css);
    project.write(&format!("data/{name}"), text);
    project.replace(
        "report.toml",
        "bibliography = \"data/sources.yml\"",
        &format!("bibliography = \"data/{name}\""),
    );
    project
}

/// The works the fixture cites, in BibTeX.
const CITED_BIB: &str = "@article{wsj, title = {Cuban recruits}, author = {Doe, Jane}, journal = {WSJ}, year = {2023}}\n@report{un-vote, title = {Resolution ES-11/1}, author = {{United Nations}}, year = {2022}}\n";

/// The works the fixture cites, in Hayagriva YAML.
const CITED_YAML: &str = "wsj:\n  type: article\n  title: Cuban recruits\n  date: 2023\nun-vote:\n  type: report\n  title: Resolution ES-11/1\n  date: 2022\n";

/// Runs `report ARGS` in `project`, killed (and the test failed) if it
/// runs longer than [`HANG`].
fn report_within(project: &Project, args: &[&str]) -> Run {
    let child = report_command()
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn report");
    let output = finish_within(child, HANG, "report");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        output,
    }
}

/// Every edition file under `build/`.
fn editions(project: &Project) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "pdf" || e == "html") {
                out.push(path.display().to_string());
            }
        }
    }
    let mut found = Vec::new();
    walk(&project.path("build"), &mut found);
    found
}

/// `check` and `render` both exit 1 with each of `expected` in their
/// output, without a crash, without running Typst and without writing an
/// edition.
#[track_caller]
fn assert_refused(project: &Project, expected: &[&str]) {
    for args in [&["check"][..], &["render"][..]] {
        let run = report_within(project, args);
        let all = format!("{}\n{}", run.stdout, run.stderr);
        assert_eq!(run.code(), 1, "report {args:?}:\n{all}");
        assert!(
            !all.contains("overflowed its stack") && !all.contains("panicked"),
            "{all}"
        );
        for expected in expected {
            assert!(
                all.contains(expected),
                "report {args:?}: expected {expected:?} in:\n{all}"
            );
        }
        assert!(!all.contains("error[typst]"), "{all}");
    }
    assert_eq!(editions(project), Vec::<String>::new());
}

#[test]
fn bibtex_that_refers_to_itself_is_a_located_error_not_an_abort() {
    for (text, expected) in [
        (
            "@string{a = a}\n@article{x, title = a}\n",
            [
                "error[bibliography]: `title` of the work `x` uses the @string `a`, which uses itself",
                "data/sources.bib:2:21",
            ],
        ),
        (
            "@string{a = b}\n@string{b = \"x\" # a}\n@article{x, title = a}\n",
            [
                "error[bibliography]: `title` of the work `x` uses the @string `a`, which uses itself through `b`",
                "data/sources.bib:3:21",
            ],
        ),
        (
            "@article{x, title = {T}, crossref = {x}}\n",
            [
                "error[bibliography]: the work `x` takes its fields from itself, through `crossref` or `xdata`",
                "data/sources.bib:1:37",
            ],
        ),
    ] {
        let project = with_bibliography("sources.bib", &format!("{text}{CITED_BIB}"));
        assert_refused(&project, &expected);
    }
}

#[test]
fn crossref_and_xdata_chains_and_cycles_are_refused() {
    // y → z → y through xdata and crossref; w only reaches the cycle.
    let text = "@book{y, title = {Y}, xdata = {z}}\n@xdata{z, crossref = {y}}\n@article{w, title = {W}, crossref = {y}}\n";
    let project = with_bibliography("sources.bib", &format!("{text}{CITED_BIB}"));
    assert_refused(
        &project,
        &[
            "the work `y` takes its fields from itself",
            "the work `z` takes its fields from itself",
            "the work `w` takes its fields from `y`, which takes its own from itself",
        ],
    );
    // A chain of 150 works, each taking its fields from the next.
    let chain: String = (0..150)
        .map(|i| format!("@book{{c{i}, title = {{C}}, crossref = {{c{}}}}}\n", i + 1))
        .collect();
    let project = with_bibliography("sources.bib", &format!("{chain}{CITED_BIB}"));
    assert_refused(
        &project,
        &["error[too-deep]: the work `c0` takes its fields through a chain of more than 100"],
    );
}

#[test]
fn doubling_string_macros_are_refused_before_they_expand() {
    for levels in [27, 40] {
        let mut text = "@string{s0 = \"ab\"}\n".to_owned();
        for i in 1..=levels {
            text.push_str(&format!("@string{{s{i} = s{} # s{}}}\n", i - 1, i - 1));
        }
        text.push_str(&format!("@article{{x, title = s{levels}}}\n{CITED_BIB}"));
        let project = with_bibliography("sources.bib", &text);
        let line = format!("data/sources.bib:{}:21", levels + 2);
        assert_refused(
            &project,
            &[
                "error[bibliography]: the @string macros of the bibliography expand to more than",
                "(reached at `title` of the work `x`)",
                &line,
            ],
        );
    }
    // A chain of 150 macros, each using the next.
    let chain: String = (0..150)
        .map(|i| format!("@string{{m{i} = m{}}}\n", i + 1))
        .collect();
    let text = format!("{chain}@string{{m150 = \"x\"}}\n@article{{x, title = m0}}\n{CITED_BIB}");
    let project = with_bibliography("sources.bib", &text);
    assert_refused(
        &project,
        &[
            "error[too-deep]: `title` of the work `x` goes through @string macros more than 100 deep",
        ],
    );
}

#[test]
fn nesting_100000_deep_is_refused_before_parsing() {
    let depth = 100_000;
    let flow = format!(
        "x:\n  type: article\n  title: {}{}\n{CITED_YAML}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let project = with_bibliography("sources.yml", &flow);
    assert_refused(
        &project,
        &[
            "error[too-deep]: the bibliography nests mappings and lists more than 100 deep",
            "data/sources.yml:3:108",
        ],
    );
    let braces = format!(
        "@article{{x, title = {{{}a{}}}}}\n{CITED_BIB}",
        "{".repeat(depth),
        "}".repeat(depth)
    );
    let project = with_bibliography("sources.bib", &braces);
    assert_refused(
        &project,
        &[
            "error[too-deep]: `title` of the work `x` nests braces more than 100 deep",
            "data/sources.bib:1:122",
        ],
    );
    // Braces side by side inside one pair cost as much, in time.
    let flat = format!(
        "@article{{x, title = {{{{{}}}}}}}\n{CITED_BIB}",
        "{}".repeat(depth)
    );
    let project = with_bibliography("sources.bib", &flat);
    assert_refused(
        &project,
        &[
            "`title` of the work `x` is cut into 200,003 pieces by braces, dollar signs, `#` and @string macros; at most 1,000 are read",
        ],
    );
}

/// biblatex merges a field's pieces one by one: 200,000 pieces joined with
/// `#` took 22 s, and so would a macro of them.
#[test]
fn fields_of_too_many_pieces_are_refused() {
    let pieces = vec!["\"a\""; 50_000].join(" # ");
    let text = format!("@article{{x, title = {pieces}}}\n{CITED_BIB}");
    let project = with_bibliography("sources.bib", &text);
    assert_refused(
        &project,
        &[
            "error[bibliography]: `title` of the work `x` is cut into 50,000 pieces by braces, dollar signs, `#` and @string macros; at most 1,000 are read",
            "data/sources.bib:1:21",
        ],
    );
    let empties = vec!["e"; 50_000].join(" # ");
    let text = format!(
        "@string{{e = \"\"}}\n@string{{m = {empties}}}\n@article{{x, title = m}}\n{CITED_BIB}"
    );
    let project = with_bibliography("sources.bib", &text);
    assert_refused(
        &project,
        &[
            "`title` of the work `x` uses an @string macro cut into more than 1,000 pieces",
            "data/sources.bib:3:21",
        ],
    );
    // A real field, with protected words and mathematics, reads.
    let text = format!(
        "@string{{j = \"Journal of {{NASA}}\"}}\n@article{{x, title = {{The {{Mars}} rover and $x^2$}} # \", part \" # j, journal = j}}\n{CITED_BIB}"
    );
    let project = with_bibliography("sources.bib", &text);
    let run = report_within(&project, &["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr);
}

#[test]
fn a_yaml_bibliography_of_100000_works_is_read_in_linear_time() {
    let works: String = (0..100_000)
        .map(|i| format!("k{i}:\n  type: article\n  title: T{i}\n"))
        .collect();
    let project = with_bibliography("sources.yml", &format!("{works}{CITED_YAML}"));
    let run = report_within(&project, &["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr);
    // A key twice is still an error, located by serde_yaml.
    let project = with_bibliography(
        "sources.yml",
        &format!("{works}k7:\n  type: book\n  title: X\n{CITED_YAML}"),
    );
    let run = report_within(&project, &["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[bibliography]: the bibliography does not parse: duplicate key k7"),
        "{}",
        run.stderr
    );
}

#[test]
fn control_characters_in_the_bibliography_are_refused_at_the_work() {
    let yaml = format!(
        "x:\n  type: article\n  title: \"A\\0B\"\n  author: \"Doe, \\x01J.\"\n{CITED_YAML}"
    );
    let project = with_bibliography("sources.yml", &yaml);
    assert_refused(
        &project,
        &[
            "error[bad-character]: the work `x` has the control character U+0000, which no edition can show",
            "data/sources.yml:3:12",
            "error[bad-character]: the work `x` has the control character U+0001",
            "data/sources.yml:4:17",
        ],
    );
    let bib = format!("@article{{x, title = {{A\u{1}B}}, note = {{\u{fdd0}}}}}\n{CITED_BIB}");
    let project = with_bibliography("sources.bib", &bib);
    assert_refused(
        &project,
        &[
            "error[bad-character]: `title` of the work `x` has the control character U+0001, which no edition can show",
            "data/sources.bib:1:23",
            "error[bad-character]: `note` of the work `x` has U+FDD0, a Unicode noncharacter",
        ],
    );
}

#[test]
fn bibliography_links_are_limited_to_http_https_and_mailto() {
    let yaml = format!(
        "x:\n  type: article\n  title: T\n  url: \"javascript:alert(1)\"\ny:\n  type: article\n  title: T\n  parent:\n    type: periodical\n    title: P\n    url:\n      value: data:text/html,hi\n{CITED_YAML}"
    );
    let project = with_bibliography("sources.yml", &yaml);
    assert_refused(
        &project,
        &[
            "error[bibliography]: the work `x` links to `javascript:alert(1)`: links must start with https://, http:// or mailto:",
            "data/sources.yml:4:9",
            "error[bibliography]: the work `y` links to `data:text/html,hi`",
            "data/sources.yml:12:14",
        ],
    );
    let bib = format!("@online{{x, title = {{T}}, url = {{JavaScript:alert(1)}}}}\n{CITED_BIB}");
    let project = with_bibliography("sources.bib", &bib);
    assert_refused(
        &project,
        &[
            "the work `x` links to `javascript:alert(1)`",
            "data/sources.bib:1:32",
        ],
    );
    // Web and mail links are fine.
    let yaml = format!(
        "x:\n  type: web\n  title: T\n  url: https://example.org/a\ny:\n  type: web\n  title: T\n  url: mailto:a@example.org\n{CITED_YAML}"
    );
    let project = with_bibliography("sources.yml", &yaml);
    let run = report_within(&project, &["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr);
}

/// SIGTERM while a large bibliography is read stops `report check` at once:
/// exit code 130 and an `interrupted` error.
#[test]
fn sigterm_stops_reading_a_large_bibliography_at_once() {
    let works: String = (0..200_000)
        .map(|i| format!("k{i}:\n  type: article\n  title: T{i}\n"))
        .collect();
    let project = with_bibliography("sources.yml", &format!("{works}{CITED_YAML}"));
    let child = report_command()
        .arg("check")
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn report");
    std::thread::sleep(Duration::from_millis(700));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let sent = Instant::now();
    let output = finish_within(child, HANG, "report");
    let stopped = sent.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("error[interrupted]"), "{stderr}");
    assert!(
        stopped < Duration::from_secs(3),
        "stopped after {stopped:?}"
    );
}
