//! The Typst compiler: finding it, installing it once, and running it.
//!
//! `report` drives the `typst` CLI as a child process, one concept per file:
//!
//! - [`locate`](mod@locate): `--typst PATH` or `REPORT_TYPST`, then `PATH`,
//!   then the per-user cache, else the one-time install;
//! - `install`: the pinned version built once with `cargo install` into that
//!   cache, under an install lock (a file lock) that makes concurrent first
//!   runs (parallel tests, two terminals) share one build;
//! - [`version`](mod@version): `typst --version`, remembered per binary;
//! - [`compile`](mod@compile): one `typst compile` — the command line built
//!   from a [`Compile`] job, the supervised run, and the result read back;
//! - [`diagnostics`](mod@diagnostics): Typst's short diagnostics parsed back
//!   into [`Problem`]s, so a template error reads like any other error, with
//!   file, line, column and source line.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Problem};

pub(crate) mod cache;
mod compile;
pub(crate) mod diagnostics;
mod install;
pub(crate) mod locate;
pub(crate) mod version;

pub(crate) use cache::cache_dir;
pub(crate) use compile::{Compile, Input};
pub(crate) use locate::{Locate, locate};

/// The Typst version `report` installs when none is found.
pub(crate) const PINNED_VERSION: &str = "0.15.1";

/// Where a Typst binary came from, for `report doctor` and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// `--typst PATH` or `REPORT_TYPST`.
    Explicit,
    /// Found on `PATH`.
    SearchPath,
    /// Installed earlier into the per-user cache.
    Cache,
    /// Installed by this run.
    Installed,
}

impl Origin {
    /// A short description.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Origin::Explicit => "given with --typst or REPORT_TYPST",
            Origin::SearchPath => "found on PATH",
            Origin::Cache => "installed by report in the user cache",
            Origin::Installed => "installed by report just now",
        }
    }
}

/// A usable Typst binary.
#[derive(Debug, Clone)]
pub(crate) struct Typst {
    /// Path to the executable.
    pub path: PathBuf,
    /// Its version.
    pub version: semver::Version,
    /// Where it came from.
    pub origin: Origin,
}

/// What to say when the Typst binary at `path` could not be started: for a
/// missing or non-executable binary, how to fix it.
fn spawn_problem(path: &Path, error: &io::Error) -> Problem {
    match error.kind() {
        io::ErrorKind::NotFound => Problem::error(
            Code::TypstMissing,
            format!("Typst was not found at `{}`", path.display()),
        )
        .with_hint(
            "pass --typst PATH (or set REPORT_TYPST) to a Typst 0.15 binary, \
             or leave both unset to let report find or install Typst",
        ),
        io::ErrorKind::PermissionDenied => Problem::error(
            Code::Typst,
            format!("`{}` could not be run ({error})", path.display()),
        )
        .with_hint(format!(
            "make it executable (`chmod +x {}`) or point --typst at another Typst",
            path.display()
        )),
        _ => Problem::error(
            Code::Typst,
            format!("failed to run `{}` ({error})", path.display()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_binary_says_how_to_fix_it() {
        let error = io::Error::from(io::ErrorKind::NotFound);
        let problem = spawn_problem(Path::new("/nowhere/typst"), &error);
        assert_eq!(problem.code, Code::TypstMissing);
        assert!(problem.message.contains("/nowhere/typst"));
        assert!(
            problem
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("--typst"))
        );
    }

    #[test]
    fn a_binary_that_cannot_run_says_chmod() {
        let error = io::Error::from(io::ErrorKind::PermissionDenied);
        let problem = spawn_problem(Path::new("bin/typst"), &error);
        assert!(
            problem
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("chmod +x"))
        );
    }
}
