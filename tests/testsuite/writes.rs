//! What `report` writes, and where: only into real directories of the
//! project (a linked directory under `build/` or `locales/` is refused,
//! whatever it points at), files keep their mode and a read-only file is
//! refused, and a command interrupted by SIGTERM writes nothing at all.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use crate::support::{Project, report_command};

/// Every file under `dir`, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else {
                found.insert(path.clone(), fs::read(&path).unwrap_or_default());
            }
        }
    }
    found
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Asserts the run was refused for the linked directory `link`, naming it.
#[track_caller]
fn assert_refused_linked(run: &crate::support::Run, link: &str) {
    assert_eq!(run.code(), 1, "{}\n{}", run.stdout, run.stderr);
    let expected = format!(
        "error[path-outside-project]: `{link}` is a link; report writes only into real \
         directories of the project"
    );
    assert!(
        run.stderr.contains(&expected),
        "expected {expected:?} in\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: replace the link with a real directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn render_writes_through_no_linked_directory_under_build() {
    for (dir, args) in [
        ("build/en", &["render", "--lang", "en"][..]),
        ("build/.report", &["render"][..]),
        ("build/parallel", &["render", "--format", "parallel"][..]),
    ] {
        let project = Project::fixture("minimal");
        let outside = tempfile::tempdir().expect("outside");
        fs::create_dir_all(project.path("build")).expect("build");
        symlink(outside.path(), project.path(dir)).expect("symlink");
        let run = project.report(args);
        assert_refused_linked(&run, dir);
        assert_eq!(
            files(outside.path()),
            BTreeMap::new(),
            "{dir}: written outside the project"
        );
    }
}

#[test]
fn print_editions_write_through_no_linked_directory() {
    let project = Project::fixture("print");
    let outside = tempfile::tempdir().expect("outside");
    fs::create_dir_all(project.path("build")).expect("build");
    symlink(outside.path(), project.path("build/print")).expect("symlink");
    let run = project.report(&["render", "--format", "print"]);
    assert_refused_linked(&run, "build/print");
    assert_eq!(files(outside.path()), BTreeMap::new());
}

#[test]
fn export_writes_through_no_linked_build_or_l10n_directory() {
    for link in ["build/l10n", "build"] {
        let project = Project::fixture("exchange");
        let outside = tempfile::tempdir().expect("outside");
        fs::create_dir_all(project.path("build")).expect("build");
        if link == "build" {
            fs::remove_dir(project.path("build")).expect("rmdir");
        }
        symlink(outside.path(), project.path(link)).expect("symlink");
        let run = project.report(&["l10n", "export", "--lang", "es"]);
        assert_refused_linked(&run, link);
        assert_eq!(files(outside.path()), BTreeMap::new(), "{link}");
    }
    // A path the user names outside the project is written as asked.
    let project = Project::fixture("exchange");
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let file = elsewhere.path().join("es.xlf");
    project
        .report(&[
            "l10n",
            "export",
            "--lang",
            "es",
            "-o",
            &file.display().to_string(),
        ])
        .success();
    assert!(file.is_file());
}

#[test]
fn import_writes_through_no_linked_directory_and_check_flags_the_link() {
    let project = Project::fixture("exchange");
    project.write("locales/en/sub/new.ftl", "fresh = A new message.\n");
    let outside = tempfile::tempdir().expect("outside");
    symlink(outside.path(), project.path("locales/es/sub")).expect("symlink");
    let check = project.report(&["check"]);
    assert_eq!(check.code(), 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("`locales/es/sub` links to a file outside the project"),
        "{}",
        check.stderr
    );
    // The export carries the new message; its translation is imported.
    fs::remove_file(project.path("locales/es/sub")).expect("unlink");
    project
        .report(&["l10n", "export", "--lang", "es", "-o", "es.po"])
        .success();
    symlink(outside.path(), project.path("locales/es/sub")).expect("symlink");
    project.replace(
        "es.po",
        "msgid \"A new message.\"\nmsgstr \"\"",
        "msgid \"A new message.\"\nmsgstr \"Un mensaje nuevo.\"",
    );
    let before = files(&project.path("locales"));
    let run = project.report(&["l10n", "import", "es.po"]);
    assert_eq!(run.code(), 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(files(outside.path()), BTreeMap::new(), "written outside");
    assert_eq!(
        files(&project.path("locales")),
        before,
        "a file was written"
    );
}

#[test]
fn fixes_keep_the_mode_and_refuse_a_read_only_file() {
    let project = Project::fixture("quality");
    let file = project.path("locales/es/main.ftl");
    set_mode(&file, 0o600);
    let run = project.report(&["check", "--fix", "--lang", "es"]);
    assert!(run.stderr.contains("fix(es) applied"), "{}", run.stderr);
    assert!(project.read("locales/es/main.ftl").contains('…'));
    assert_eq!(mode(&file), 0o600, "the mode changed");

    let project = Project::fixture("quality");
    let file = project.path("locales/es/main.ftl");
    let before = project.bytes("locales/es/main.ftl");
    set_mode(&file, 0o444);
    let run = project.report(&["check", "--fix", "--lang", "es"]);
    assert_eq!(run.code(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[io]: `locales/es/main.ftl` is read-only; it was not replaced"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: make it writable"),
        "{}",
        run.stderr
    );
    assert_eq!(project.bytes("locales/es/main.ftl"), before);
    assert_eq!(mode(&file), 0o444, "a read-only file was made writable");
}

#[test]
fn import_keeps_the_mode_and_refuses_a_read_only_file() {
    for (file_mode, refused) in [(0o600, false), (0o444, true)] {
        let project = Project::fixture("exchange");
        project
            .report(&["l10n", "export", "--lang", "es", "-o", "es.po"])
            .success();
        let text = project.read("es.po");
        let (at, _) = text.match_indices("msgstr \"").nth(1).expect("a target");
        let end = at + text[at..].find('\n').expect("line end");
        project.write(
            "es.po",
            &format!("{}msgstr \"Otra cosa.\"{}", &text[..at], &text[end..]),
        );
        let ftl = project.path("locales/es/main.ftl");
        set_mode(&ftl, file_mode);
        let before = project.bytes("locales/es/main.ftl");
        let run = project.report(&["l10n", "import", "es.po"]);
        if refused {
            assert_eq!(run.code(), 1, "{}", run.stderr);
            assert!(
                run.stderr.contains("is read-only; it was not replaced"),
                "{}",
                run.stderr
            );
            assert_eq!(project.bytes("locales/es/main.ftl"), before);
        } else {
            assert_eq!(run.code(), 0, "{}", run.stderr);
            assert_ne!(project.bytes("locales/es/main.ftl"), before);
        }
        assert_eq!(mode(&ftl), file_mode);
    }
}

/// A project with `n` messages per language, in 10 files each, and its
/// lock file recorded.
fn project_with_messages(n: usize) -> Project {
    let project = Project::fixture("minimal");
    for lang in ["es", "en"] {
        for file in 0..10 {
            let text: String = (0..n / 10)
                .map(|i| format!("m-{file}-{i} = Texto {lang} número {i}\n"))
                .collect();
            project.write(&format!("locales/{lang}/part-{file}.ftl"), &text);
        }
    }
    project.report(&["l10n", "update"]).success();
    project
}

/// Whether process `pid` catches SIGTERM yet (its handler is installed):
/// bit 15 of the `SigCgt` mask in `/proc/<pid>/status`.
fn catches_sigterm(pid: u32) -> bool {
    let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (15 - 1)) != 0)
}

/// Runs `report ARGS` and sends it SIGTERM as soon as it can catch it:
/// before it has read the project, so whatever it loads is partial. (Not
/// timed: a slow machine only delays both.)
fn terminated(project: &Project, args: &[&str]) -> Output {
    let child = report_command()
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn report");
    while !catches_sigterm(child.id()) {
        std::thread::sleep(Duration::from_micros(200));
    }
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    child.wait_with_output().expect("wait")
}

#[track_caller]
fn assert_interrupted(output: &Output, args: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(130),
        "{args:?}: {stdout}{stderr}"
    );
    assert!(stderr.contains("error[interrupted]"), "{args:?}: {stderr}");
    assert!(!stderr.contains("unknown-unit"), "{args:?}: {stderr}");
    assert!(
        !stdout.contains("updated") && !stdout.contains("changed"),
        "{args:?}: {stdout}"
    );
}

#[test]
fn an_interrupted_update_accept_import_or_fix_writes_nothing() {
    let project = project_with_messages(5_000);
    let lock = project.read("locales/en.lock");
    assert!(lock.lines().count() > 5_000, "the lock holds every record");
    project.replace(
        "locales/es/part-3.ftl",
        "m-3-7 = Texto es",
        "m-3-7 = Texto es cambiado",
    );
    project.replace(
        "locales/es/part-4.ftl",
        "m-4-7 = Texto es",
        "m-4-7 = \"Texto\" es...",
    );
    project
        .report(&["l10n", "export", "--lang", "en", "-o", "en.xlf"])
        .success();
    let locales = files(&project.path("locales"));
    for args in [
        &["l10n", "update"][..],
        &["l10n", "accept", "--lang", "en"],
        &["l10n", "import", "en.xlf"],
        &["check", "--fix"],
    ] {
        let output = terminated(&project, args);
        assert_interrupted(&output, args);
        assert_eq!(
            files(&project.path("locales")),
            locales,
            "{args:?} changed a file"
        );
    }
    // Not interrupted, the same commands do write.
    let run = project.report(&["l10n", "update"]).success();
    assert!(run.stdout.contains("record(s) written"), "{}", run.stdout);
}
