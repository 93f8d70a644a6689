//! `report check` at scale: long reference chains, tens of thousands of
//! findings, and Ctrl-C or SIGTERM in the middle of a large check.
//!
//! These are hang guards, not benchmarks: each run must finish well within
//! a generous bound (a quadratic check took minutes at these sizes), so a
//! slow machine does not fail them but a return to O(N²) does.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Project, finish_within, report_command};

/// How long a run at these sizes may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(60);

fn spawn_check(project: &Project, args: &[&str]) -> Child {
    report_command()
        .arg("check")
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn report check")
}

/// `report check ARGS`, which must finish within [`HANG`].
fn check(project: &Project, args: &[&str]) -> (Option<i32>, String, String) {
    let output = finish_within(spawn_check(project, args), HANG, "report check");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The `minimal` fixture with `text(lang)` added as `locales/<lang>/gen.ftl`.
fn with_messages(text: impl Fn(&str) -> String) -> Project {
    let project = Project::fixture("minimal");
    for lang in ["es", "en"] {
        project.write(&format!("locales/{lang}/gen.ftl"), &text(lang));
    }
    project
}

fn codes(document: &Value, code: &str) -> usize {
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code)
        .count()
}

/// `m0 = { m1 }`, `m1 = { m2 }`, …: every message but the last 100 formats
/// more placeables than Fluent allows, each found once, in linear time.
#[test]
fn a_chain_of_20000_references_is_checked_in_linear_time() {
    let n = 20_000;
    let project = with_messages(|_| {
        let mut text = String::from("chain = { m0 }\n");
        for i in 0..n {
            text.push_str(&format!("m{i} = {{ m{} }}\n", i + 1));
        }
        text + &format!("m{n} = end\n")
    });
    let (code, stdout, stderr) = check(&project, &["--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let document: Value = serde_json::from_str(&stdout).expect("json");
    // Per language: `chain` and m0 … m19899.
    assert_eq!(codes(&document, "too-many-placeables"), 2 * (n - 100 + 1));
    let (code, _, stderr) = check(&project, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr.matches("error[too-many-placeables]").count(),
        2 * (n - 100 + 1)
    );
}

/// 20,000 unused messages: 20,000 findings, printed for people and as JSON.
#[test]
fn twenty_thousand_findings_are_printed_in_linear_time() {
    let n = 20_000;
    let project = with_messages(|lang| {
        (0..n)
            .map(|i| format!("unused-{i} = {lang} {i}\n"))
            .collect()
    });
    let (code, _, stderr) = check(&project, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.matches("warning[unused-message]").count(), n);
    let (code, stdout, _) = check(&project, &["--format", "json"]);
    assert_eq!(code, Some(0));
    let document: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(codes(&document, "unused-message"), n);
}

/// 20,000 references to messages that do not exist: each finding's "did
/// you mean" search compared the id with every message (20,000²).
#[test]
fn twenty_thousand_unknown_references_are_checked_in_linear_time() {
    let n = 20_000;
    let project = with_messages(|_| {
        (0..n)
            .map(|i| format!("known-{i} = {{ unknown-{i} }}\n"))
            .collect()
    });
    let (code, stdout, stderr) = check(&project, &["--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let document: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(codes(&document, "unknown-reference"), 2 * n);
}

/// SIGTERM in the middle of a large check stops it at once: exit code 130,
/// an `interrupted` error, and no report (a partial one would look whole).
#[test]
fn sigterm_stops_a_large_check_at_once() {
    let project = Project::fixture("minimal");
    for lang in ["es", "en"] {
        for file in 0..200 {
            let text: String = (0..500)
                .map(|i| {
                    format!("m-{file}-{i} = Texto {{ -t-{file} }} **número** {i}\n    .title = {lang} {i}\n")
                })
                .collect();
            let term = format!("-t-{file} = término\n");
            project.write(&format!("locales/{lang}/part-{file}.ftl"), &(term + &text));
        }
    }
    let child = spawn_check(&project, &[]);
    std::thread::sleep(Duration::from_millis(500));
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let sent = Instant::now();
    let output = finish_within(child, HANG, "report check");
    let stopped = sent.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr
            .contains("error[interrupted]: interrupted: the check was stopped before it finished"),
        "{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "a partial report was printed:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(!stderr.contains("unused-message"), "{stderr}");
    assert!(
        stopped < Duration::from_secs(3),
        "stopped after {stopped:?}"
    );
}
