//! `typst --version`, asked once per binary.
//!
//! Running `typst --version` takes about 5 ms, half of a render with nothing
//! to do, so the answer is remembered in the user cache for each binary,
//! keyed by its path, size and modification time: replacing or upgrading the
//! binary changes the key.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use super::cache::cache_dir;
use super::spawn_problem;
use crate::diagnostic::{Code, Problem};
use crate::platform::files::{read_output, write_atomically};
use crate::platform::process::{Stopped, supervise};

/// How long `typst --version` may take before it counts as broken.
const VERSION_TIMEOUT: Duration = Duration::from_secs(30);

/// The version of the Typst binary at `path`.
pub(crate) fn version_of(path: &Path) -> std::result::Result<semver::Version, Box<Problem>> {
    let memo = VersionMemo::open(path);
    if let Some(version) = memo.as_ref().and_then(VersionMemo::lookup) {
        return Ok(version);
    }
    let version = run_version(path)?;
    if let Some(memo) = memo {
        memo.store(&version);
    }
    Ok(version)
}

/// Remembered `typst --version` answers: `typst-versions.tsv` in the user
/// cache, one line per binary (`key`, tab, version), newest last. Losing
/// it (or a line of it, when two processes write at once) only costs a
/// `typst --version` run.
struct VersionMemo {
    file: PathBuf,
    key: String,
}

impl VersionMemo {
    /// How many binaries are remembered.
    const CAPACITY: usize = 16;

    fn open(path: &Path) -> Option<Self> {
        Some(Self {
            file: cache_dir().ok()?.join("typst-versions.tsv"),
            key: Self::key(path)?,
        })
    }

    /// `path`, size and modification time (ns), tab-separated; `None` for a
    /// binary that cannot be described that way.
    fn key(path: &Path) -> Option<String> {
        let metadata = fs::metadata(path).ok()?;
        let modified = metadata
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let absolute = std::path::absolute(path).ok()?;
        let absolute = absolute.to_str()?;
        if absolute.contains(['\t', '\n']) {
            return None;
        }
        Some(format!(
            "{absolute}\t{}\t{}",
            metadata.len(),
            modified.as_nanos()
        ))
    }

    fn lines(&self) -> Vec<String> {
        read_output(&self.file)
            .map(|bytes| {
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn lookup(&self) -> Option<semver::Version> {
        self.lines().iter().rev().find_map(|line| {
            let (key, version) = line.rsplit_once('\t')?;
            (key == self.key).then(|| semver::Version::parse(version).ok())?
        })
    }

    /// Best effort: a cache that cannot be written is not an error.
    fn store(&self, version: &semver::Version) {
        let prefix = format!("{}\t", self.key);
        let mut lines = self.lines();
        lines.retain(|line| !line.starts_with(&prefix));
        lines.push(format!("{prefix}{version}"));
        let keep = lines.len().saturating_sub(Self::CAPACITY);
        let text: String = lines[keep..].iter().map(|l| format!("{l}\n")).collect();
        let _ = write_atomically(&self.file, text.as_bytes());
    }
}

/// Runs `typst --version` (supervised: interruptible, and stopped if it
/// hangs) and parses its answer.
fn run_version(path: &Path) -> std::result::Result<semver::Version, Box<Problem>> {
    let mut command = Command::new(path);
    command.arg("--version").stdin(Stdio::null());
    let output = match supervise(command, Some(VERSION_TIMEOUT)) {
        Err(e) => return Err(Box::new(spawn_problem(path, &e))),
        Ok(Err(Stopped::Interrupted)) => {
            return Err(Box::new(Problem::error(
                Code::Interrupted,
                "stopped by an interrupt",
            )));
        }
        Ok(Err(Stopped::TimedOut(limit))) => {
            return Err(Box::new(Problem::error(
                Code::Typst,
                format!(
                    "`{} --version` did not answer within {}s",
                    path.display(),
                    limit.as_secs()
                ),
            )));
        }
        Ok(Ok(output)) => output,
    };
    parse_version(path, &output)
}

/// Parses "typst 0.15.1 (hash)" from a successful `typst --version`.
fn parse_version(
    path: &Path,
    output: &Output,
) -> std::result::Result<semver::Version, Box<Problem>> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .split_whitespace()
        .nth(1)
        .and_then(|v| semver::Version::parse(v).ok())
        .filter(|_| output.status.success())
        .ok_or_else(|| {
            Box::new(Problem::error(
                Code::Typst,
                format!(
                    "`{} --version` did not report a Typst version (it printed {:?})",
                    path.display(),
                    stdout.trim()
                ),
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn output(code: i32, stdout: &str) -> Output {
        use std::os::unix::process::ExitStatusExt as _;
        Output {
            status: std::process::ExitStatus::from_raw(code << 8),
            stdout: stdout.as_bytes().to_vec(),
            stderr: Vec::new(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_version_is_the_second_word_of_a_successful_answer() {
        let path = Path::new("typst");
        let version = parse_version(path, &output(0, "typst 0.15.1 (abcdef)\n"));
        assert_eq!(version.expect("parsed").to_string(), "0.15.1");
        assert!(parse_version(path, &output(1, "typst 0.15.1 (abcdef)\n")).is_err());
        let garbled = parse_version(path, &output(0, "hello\n")).expect_err("no version");
        assert!(garbled.message.contains("did not report a Typst version"));
    }

    #[test]
    fn a_missing_binary_has_no_memo_key() {
        assert!(VersionMemo::key(Path::new("/nonexistent/typst")).is_none());
    }
}
