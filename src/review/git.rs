//! Running git, the one way `report` reads other revisions of a project.
//!
//! Revision diffs read old `.ftl` files through git itself (`git show
//! REV:path`), so they work in any checkout git understands (worktrees,
//! shallow clones, sparse checkouts) without a git library. A failed git
//! command keeps what git wrote to standard error: it is what tells the
//! user why (`unknown revision`, `not a git repository`, …).

use std::fmt;
use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use crate::diagnostic::{Code, Problem};

/// Git, run in one directory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Git<'a> {
    dir: &'a Path,
}

/// Why a git command gave no output.
#[derive(Debug)]
pub enum GitError {
    /// There is no `git` program on `PATH`.
    NotInstalled,
    /// `git` could not be started.
    Spawn(io::Error),
    /// `git` ran and failed.
    Failed(GitFailure),
}

/// A git command that ran and exited unsuccessfully.
#[derive(Debug, Clone)]
pub struct GitFailure {
    /// The arguments, as given to [`Git::run`] (without `-C dir`).
    pub args: Vec<String>,
    /// How git exited.
    pub status: ExitStatus,
    /// What git wrote to standard error, trimmed.
    pub stderr: String,
}

impl<'a> Git<'a> {
    /// Git working in `dir` (as `git -C dir`).
    pub(crate) fn new(dir: &'a Path) -> Self {
        Self { dir }
    }

    /// Runs `git ARGS` and returns its standard output (lossily decoded:
    /// file contents are decoded again by whoever reads them).
    pub(crate) fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let output = Command::new("git")
            .arg("-C")
            .arg(self.dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => GitError::NotInstalled,
                _ => GitError::Spawn(e),
            })?;
        if !output.status.success() {
            return Err(GitError::Failed(GitFailure {
                args: args.iter().map(|a| (*a).to_owned()).collect(),
                status: output.status,
                stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            }));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

impl GitError {
    /// What git wrote to standard error, when it ran and failed.
    pub fn stderr(&self) -> Option<&str> {
        match self {
            GitError::Failed(failure) => Some(&failure.stderr),
            GitError::NotInstalled | GitError::Spawn(_) => None,
        }
    }
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NotInstalled => write!(f, "`git` was not found"),
            GitError::Spawn(e) => write!(f, "failed to run git ({e})"),
            GitError::Failed(failure) => write!(
                f,
                "`git {}` failed: {}",
                failure.args.join(" "),
                failure.stderr
            ),
        }
    }
}

impl std::error::Error for GitError {}

impl From<&GitError> for Problem {
    /// A `git` problem saying what failed, with git's own words.
    fn from(error: &GitError) -> Self {
        let problem = Problem::error(Code::Git, error.to_string());
        match error {
            GitError::NotInstalled => problem.with_hint("install git to compare revisions"),
            GitError::Spawn(_) | GitError::Failed(_) => problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_command_carries_what_git_said() {
        let dir = std::env::temp_dir();
        let error = Git::new(&dir)
            .run(&["--no-such-option-for-report"])
            .expect_err("git rejects an unknown option");
        let stderr = error.stderr().unwrap_or_default();
        assert!(stderr.contains("--no-such-option-for-report"), "{stderr}");
        let problem = Problem::from(&error);
        assert_eq!(problem.code, Code::Git);
        assert!(
            problem
                .message
                .starts_with("`git --no-such-option-for-report` failed: "),
            "{}",
            problem.message
        );
        assert!(problem.message.contains(stderr), "{}", problem.message);
    }

    #[test]
    fn output_is_returned() {
        let dir = std::env::temp_dir();
        let version = Git::new(&dir)
            .run(&["--version"])
            .map_err(|e| e.to_string());
        assert!(
            version
                .as_deref()
                .is_ok_and(|v| v.starts_with("git version")),
            "{version:?}"
        );
    }
}
