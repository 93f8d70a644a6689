//! The one-time install: the pinned Typst built with `cargo install
//! typst-cli` into the per-user cache.
//!
//! An [`InstallLock`] (an exclusive file lock on
//! `<cache>/typst/<version>.lock`) makes concurrent first runs share one
//! build: the first builds, the others wait and then use its binary. The
//! build goes to `<version>.partial` and is renamed into place only when
//! cargo succeeded, so a failed or interrupted build leaves nothing behind
//! that looks installed.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use super::PINNED_VERSION;
use super::version::version_of;
use crate::diagnostic::{Code, Problem, Problems, Result};

/// Builds the pinned Typst into `cache/<version>` unless another process
/// did so while this one waited for the install lock.
pub(super) fn install(cache: &Path, binary: &Path, quiet: bool) -> Result<()> {
    fs::create_dir_all(cache).map_err(|e| Problem::io("create", cache, &e))?;
    let _held = InstallLock::acquire(cache, quiet)?;
    if version_of(binary).is_ok() {
        return Ok(());
    }
    let partial = cache.join(format!("{PINNED_VERSION}.partial"));
    let target = cache.join(PINNED_VERSION);
    let _ = fs::remove_dir_all(&partial);
    if !quiet {
        eprintln!(
            "installing Typst {PINNED_VERSION} into {} (one time only; about 8 minutes on 2 cores)…",
            target.display()
        );
    }
    let status = run_cargo(cargo_install_command(&partial, quiet))?;
    if !status.success() {
        let _ = fs::remove_dir_all(&partial);
        return Err(Problem::error(
            Code::TypstInstall,
            format!("failed to install Typst {PINNED_VERSION} with cargo ({status})"),
        )
        .with_hint("see cargo's output above; or install Typst 0.15 yourself and pass --typst PATH")
        .into());
    }
    let _ = fs::remove_dir_all(&target);
    fs::rename(&partial, &target).map_err(|e| Problem::io("move into place", &target, &e))?;
    if !quiet {
        eprintln!("installed Typst {PINNED_VERSION}");
    }
    Ok(())
}

/// The exclusive file lock held while Typst is being installed into the
/// cache; released when dropped (or when the process ends). Not to be
/// confused with the translation lock files (`locales/<lang>.lock`) or the
/// build directory's render lock.
pub(super) struct InstallLock {
    _file: File,
}

impl InstallLock {
    /// Where the lock lives. The name is shared with every `report` that
    /// installs this version, so it must not change.
    fn path(cache: &Path) -> PathBuf {
        cache.join(format!("{PINNED_VERSION}.lock"))
    }

    /// Takes the lock, waiting (and saying so) while another process holds it.
    fn acquire(cache: &Path, quiet: bool) -> Result<Self> {
        let path = Self::path(cache);
        let file = File::create(&path).map_err(|e| Problem::io("create", &path, &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                if !quiet {
                    eprintln!(
                        "waiting for another report process to finish installing Typst {PINNED_VERSION}…"
                    );
                }
                file.lock().map_err(|e| Problem::io("lock", &path, &e))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(Problem::io("lock", &path, &e).into()),
        }
        Ok(Self { _file: file })
    }
}

/// `cargo install typst-cli` of the pinned version into `root`.
fn cargo_install_command(root: &Path, quiet: bool) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(cargo);
    command.args([
        "install",
        "typst-cli",
        "--version",
        PINNED_VERSION,
        "--locked",
        "--no-default-features",
        "--features",
        "embedded-fonts",
        "--root",
    ]);
    command.arg(root);
    if quiet {
        command.arg("--quiet");
    }
    // Cargo advises adding the install's `bin` to PATH when it is not there;
    // report finds the binary itself, so that advice would only mislead.
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    let search_path = std::iter::once(root.join("bin")).chain(std::env::split_paths(&inherited));
    if let Ok(search_path) = std::env::join_paths(search_path) {
        command.env("PATH", search_path);
    }
    // Cargo's own progress bar (on stderr) is the progress indication; keep
    // stdout clean.
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}

/// Runs cargo to completion; a missing cargo says how to get one.
fn run_cargo(mut command: Command) -> Result<ExitStatus> {
    command.status().map_err(|e| {
        let problem = if e.kind() == io::ErrorKind::NotFound {
            Problem::error(
                Code::TypstMissing,
                "Typst is not installed and `cargo` was not found to build it",
            )
            .with_hint(
                "install Rust (https://rustup.rs), or install Typst 0.15 and pass --typst PATH",
            )
        } else {
            Problem::error(
                Code::TypstInstall,
                format!("failed to run `cargo install typst-cli` ({e})"),
            )
        };
        Problems::from(problem)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::process::command_words;

    #[test]
    fn cargo_installs_the_pinned_version_into_the_partial_root() {
        let command = cargo_install_command(Path::new("/cache/typst/0.15.1.partial"), true);
        let args = command_words(&command);
        assert_eq!(&args[..2], ["install", "typst-cli"]);
        let at = |flag: &str| args.iter().position(|a| a == flag).expect(flag);
        assert_eq!(args[at("--version") + 1], PINNED_VERSION);
        assert_eq!(args[at("--root") + 1], "/cache/typst/0.15.1.partial");
        assert!(args.contains(&"--locked".to_owned()));
        assert!(args.contains(&"--quiet".to_owned()));
    }

    #[test]
    fn a_second_install_lock_waits_for_the_first() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let held = InstallLock::acquire(dir.path(), true).map_err(io::Error::other)?;
        #[expect(clippy::disallowed_methods, reason = "a second holder of the lock")]
        let other = File::open(InstallLock::path(dir.path()))?;
        assert!(matches!(
            other.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(held);
        assert!(other.try_lock().is_ok());
        Ok(())
    }
}
