//! Concurrency, interruption and runaway templates, on real Typst runs.

use std::fs;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, report_command};

fn slow(loops: u64) -> Project {
    crate::support::ensure_typst();
    let project = Project::fixture("slow");
    project.write("data/work.toml", &format!("loops = {loops}\n"));
    project
}

fn spawn_render(project: &Project, args: &[&str]) -> Child {
    report_command()
        .arg("render")
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn report")
}

/// Files in the build tree whose names mark them as temporary.
fn leftovers(project: &Project) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![project.path("build")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".tmp") || name.starts_with(".report-deps-") {
                found.push(name);
            }
        }
    }
    found
}

/// Typst processes still running on this project's template.
fn typst_processes(project: &Project) -> usize {
    let needle = project.root().to_string_lossy().into_owned();
    fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| fs::read(entry.path().join("cmdline")).ok())
        .map(|cmdline| String::from_utf8_lossy(&cmdline).replace('\0', " "))
        .filter(|cmdline| {
            cmdline.contains("typst") && cmdline.contains(" compile ") && cmdline.contains(&needle)
        })
        .count()
}

fn wait_for_typst(project: &Project) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while typst_processes(project) == 0 {
        assert!(Instant::now() < deadline, "Typst never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_renders_at_once_are_serialized() {
    let project = slow(4_000_000);
    let first = spawn_render(&project, &[]);
    wait_for_typst(&project);
    let second = spawn_render(&project, &["--force"]);
    let first = first.wait_with_output().expect("first");
    let second = second.wait_with_output().expect("second");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let waited = String::from_utf8_lossy(&second.stderr);
    assert!(
        waited.contains("waiting for another report process to finish with"),
        "{waited}"
    );
    let text = crate::support::pdf_text(&project.path("build/es/slow.pdf"));
    assert!(text.contains("4000000"), "{text}");
    assert!(leftovers(&project).is_empty(), "{:?}", leftovers(&project));
}

#[test]
fn sigterm_stops_typst_cleans_up_and_keeps_the_previous_edition() {
    let project = slow(100);
    project.report(&["render"]).success();
    let before = project.bytes("build/es/slow.pdf");
    project.write("data/work.toml", "loops = 200000000\n");
    let child = spawn_render(&project, &[]);
    wait_for_typst(&project);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let started = Instant::now();
    let output = child.wait_with_output().expect("wait");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "report took {:?} to stop",
        started.elapsed()
    );
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(typst_processes(&project), 0, "Typst is still running");
    assert!(leftovers(&project).is_empty(), "{:?}", leftovers(&project));
    assert!(
        project.bytes("build/es/slow.pdf") == before,
        "the previous edition was touched"
    );
}

#[test]
fn a_runaway_template_is_stopped_by_the_timeout() {
    let project = slow(100);
    project.report(&["render"]).success();
    let before = project.bytes("build/es/slow.pdf");
    project.write("data/work.toml", "loops = 200000000\n");
    let started = Instant::now();
    let run = project.report(&["render", "--timeout", "1"]).failure(1);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(
        run.stderr
            .contains("error[timeout]: Typst was stopped after 1s"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("in the edition(s): es pdf"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("raise --timeout"), "{}", run.stderr);
    assert_eq!(typst_processes(&project), 0);
    assert!(leftovers(&project).is_empty(), "{:?}", leftovers(&project));
    assert!(project.bytes("build/es/slow.pdf") == before);
}

/// `typst --version` is asked once per binary: its answer is remembered in
/// the user cache until the binary changes.
#[test]
fn typst_version_is_remembered_until_the_binary_changes() {
    use std::os::unix::fs::PermissionsExt as _;
    let project = Project::fixture("minimal");
    let write_fake = |version: &str| {
        let path = project.path("fake-typst");
        let script = format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo x >> \"$0.calls\"; \
             echo 'typst {version} (fake)'; else echo 'no compiling here' >&2; exit 3; fi\n"
        );
        fs::write(&path, script).expect("write fake typst");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
    };
    let render = || {
        let output = report_command()
            .args(["render", "--typst", "fake-typst", "--format", "pdf"])
            .env("REPORT_CACHE_DIR", project.path("cache"))
            .current_dir(project.root())
            .output()
            .expect("run report");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let calls = || project.read("fake-typst.calls").lines().count();

    write_fake("0.15.1");
    for _ in 0..3 {
        let (code, stderr) = render();
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("no compiling here"), "{stderr}");
    }
    assert_eq!(calls(), 1, "asked for its version more than once");
    assert!(
        project
            .read("cache/typst-versions.tsv")
            .ends_with("\t0.15.1\n")
    );

    // A new binary at the same path is asked again.
    std::thread::sleep(Duration::from_millis(20));
    write_fake("0.13.1");
    let (code, stderr) = render();
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("is Typst 0.13.1, but report.toml asks for ^0.15"),
        "{stderr}"
    );
    assert_eq!(calls(), 2);
}

/// Stops the Typst processes working on this project (the orphans of a
/// `report` killed outright), and waits until they are gone.
fn kill_typst(project: &Project) {
    let needle = project.root().to_string_lossy().into_owned();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(cmdline) = fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains("typst") && cmdline.contains(" compile ") && cmdline.contains(&needle) {
            let pid = entry.file_name().to_string_lossy().into_owned();
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status();
        }
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while typst_processes(project) > 0 {
        assert!(Instant::now() < deadline, "Typst did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn temporary_files_of_a_killed_render_are_removed_by_the_next() {
    let project = slow(100);
    project.report(&["render"]).success();
    project.write("data/work.toml", "loops = 200000000\n");
    let mut child = spawn_render(&project, &["--force"]);
    wait_for_typst(&project);
    child.kill().expect("kill -9");
    child.wait().expect("wait");
    kill_typst(&project);
    assert!(
        !leftovers(&project).is_empty(),
        "a render killed outright leaves its temporary files"
    );
    project.write("data/work.toml", "loops = 100\n");
    project.report(&["render"]).success();
    assert!(leftovers(&project).is_empty(), "{:?}", leftovers(&project));
}

#[test]
fn a_file_size_limit_is_reported_not_a_silent_death() {
    let project = Project::fixture("minimal");
    // The resolved document is far larger than the limit, and report
    // writes it itself.
    project.write(
        "data/facts.toml",
        &format!(
            "count = {{ msg = \"count\", args = {{ n = 1234, date = 2022-02-28 }} }}\npadding = \"{}\"\n",
            "x".repeat(300_000)
        ),
    );
    let run = project.report_in_shell("ulimit -f 64 && exec \"$REPORT_BIN\" resolve");
    let stderr = &run.stderr;
    assert_eq!(run.code(), 1, "{stderr}");
    assert!(
        stderr.contains("failed to write") && stderr.contains("File too large"),
        "{stderr}"
    );
    assert!(leftovers(&project).is_empty(), "{:?}", leftovers(&project));
}
