//! The Typst compiler: finding it, installing it once, and running it.
//!
//! `report` drives the `typst` CLI as a child process. It is found through
//! `--typst PATH` or `REPORT_TYPST`, then `PATH`, then the per-user cache;
//! when none fits the version `report.toml` asks for, the pinned version is
//! built once with `cargo install` into that cache. A file lock makes
//! concurrent first runs (parallel tests, two terminals) share one install.
//! Typst's diagnostics are parsed back into [`Problem`]s so a template error
//! reads like any other error, with file, line, column and source line.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::files::write_atomically;
use crate::process::{Stopped, supervise};

/// The Typst version `report` installs when none is found.
pub const PINNED_VERSION: &str = "0.15.1";

/// Where a Typst binary came from, for `report doctor` and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
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
    pub fn describe(self) -> &'static str {
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
pub struct Typst {
    /// Path to the executable.
    pub path: PathBuf,
    /// Its version.
    pub version: semver::Version,
    /// Where it came from.
    pub origin: Origin,
}

/// How to look for Typst.
#[derive(Debug, Clone)]
pub struct Locate<'a> {
    /// `--typst` / `REPORT_TYPST`.
    pub explicit: Option<&'a Path>,
    /// The versions the project accepts.
    pub requirement: &'a semver::VersionReq,
    /// Whether a missing Typst may be installed.
    pub install: bool,
    /// Whether to say what is happening on stderr.
    pub quiet: bool,
}

/// The per-user cache directory: `REPORT_CACHE_DIR`, else the platform's
/// cache directory (`~/.cache/report` on Linux).
pub fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("REPORT_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|d| d.join("report")).ok_or_else(|| {
        Problem::error(
            Code::Typst,
            "failed to find a cache directory for the Typst install",
        )
        .with_hint("set REPORT_CACHE_DIR to a writable directory")
        .into()
    })
}

/// Finds (or installs) a Typst binary that satisfies the project's requirement.
pub fn locate(options: &Locate<'_>) -> Result<Typst> {
    if let Some(given) = options.explicit {
        // A bare name is looked up on PATH; anything else is a path from here.
        let path = if given.components().count() > 1 || given.exists() {
            std::path::absolute(given).unwrap_or_else(|_| given.to_owned())
        } else {
            given.to_owned()
        };
        let path = path.as_path();
        let version = version_of(path).map_err(|problem| {
            Problems::from((*problem).with_hint(
                "fix --typst / REPORT_TYPST, or leave both unset to let report find or install Typst",
            ))
        })?;
        if !options.requirement.matches(&version) {
            return Err(Problem::error(
                Code::TypstVersion,
                format!(
                    "`{}` is Typst {version}, but report.toml asks for {}",
                    given.display(),
                    options.requirement
                ),
            )
            .with_hint(format!(
                "point --typst at Typst {} or change `typst` in report.toml",
                options.requirement
            ))
            .into());
        }
        return Ok(Typst {
            path: path.to_owned(),
            version,
            origin: Origin::Explicit,
        });
    }
    if let Some(path) = find_on_path("typst")
        && let Ok(version) = version_of(&path)
        && options.requirement.matches(&version)
    {
        return Ok(Typst {
            path,
            version,
            origin: Origin::SearchPath,
        });
    }
    let pinned = semver::Version::parse(PINNED_VERSION).expect("valid pinned version");
    if !options.requirement.matches(&pinned) {
        return Err(Problem::error(
            Code::TypstVersion,
            format!(
                "no Typst matching {} was found, and report can only install {PINNED_VERSION}",
                options.requirement
            ),
        )
        .with_hint("install a matching Typst and pass it with --typst, or set `typst = \"0.15\"` in report.toml")
        .into());
    }
    let cache = cache_dir()?.join("typst");
    let binary = cache
        .join(PINNED_VERSION)
        .join("bin")
        .join(format!("typst{}", std::env::consts::EXE_SUFFIX));
    if let Ok(version) = version_of(&binary) {
        return Ok(Typst {
            path: binary,
            version,
            origin: Origin::Cache,
        });
    }
    if !options.install {
        return Err(Problem::error(Code::TypstMissing, "Typst was not found")
            .with_hint("run `report render` once to install it, or pass --typst PATH")
            .into());
    }
    install(&cache, &binary, options.quiet)?;
    let version = version_of(&binary).map_err(|p| Problems::from(*p))?;
    Ok(Typst {
        path: binary,
        version,
        origin: Origin::Installed,
    })
}

/// Builds the pinned Typst into `cache/<version>` under an exclusive lock.
fn install(cache: &Path, binary: &Path, quiet: bool) -> Result<()> {
    fs::create_dir_all(cache).map_err(|e| Problem::io("create", cache, &e))?;
    let lock_path = cache.join(format!("{PINNED_VERSION}.lock"));
    let lock = File::create(&lock_path).map_err(|e| Problem::io("create", &lock_path, &e))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            if !quiet {
                eprintln!(
                    "waiting for another report process to finish installing Typst {PINNED_VERSION}…"
                );
            }
            lock.lock()
                .map_err(|e| Problem::io("lock", &lock_path, &e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(Problem::io("lock", &lock_path, &e).into()),
    }
    // Another process may have finished the install while we waited.
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
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(&cargo);
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
    command.arg(&partial);
    // Cargo advises adding the install's `bin` to PATH when it is not there;
    // report finds the binary itself, so that advice would only mislead.
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    let search_path = std::iter::once(partial.join("bin")).chain(std::env::split_paths(&inherited));
    if let Ok(search_path) = std::env::join_paths(search_path) {
        command.env("PATH", search_path);
    }
    // Cargo's own progress bar is the progress indication; keep stdout clean.
    command.stdin(Stdio::null()).stdout(Stdio::null());
    if quiet {
        command.arg("--quiet");
    }
    command.stderr(Stdio::inherit());
    let status = command.status().map_err(|e| {
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
    })?;
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

fn find_on_path(name: &str) -> Option<PathBuf> {
    let exe = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(&exe))
        .find(|candidate| candidate.is_file())
}

/// The version of the Typst binary at `path`.
///
/// Running `typst --version` takes about 5 ms, half of a render with
/// nothing to do, so the answer is remembered in the user cache for each
/// binary, keyed by its path, size and modification time: replacing or
/// upgrading the binary changes the key.
pub fn version_of(path: &Path) -> std::result::Result<semver::Version, Box<Problem>> {
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
        Some(Self {
            file: cache_dir().ok()?.join("typst-versions.tsv"),
            key: format!("{absolute}\t{}\t{}", metadata.len(), modified.as_nanos()),
        })
    }

    fn lines(&self) -> Vec<String> {
        fs::read_to_string(&self.file)
            .map(|text| text.lines().map(str::to_owned).collect())
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

/// Runs `typst --version` and parses "typst 0.15.1 (hash)".
fn run_version(path: &Path) -> std::result::Result<semver::Version, Box<Problem>> {
    let output = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Box::new(spawn_problem(path, &e)))?;
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

fn spawn_problem(path: &Path, error: &io::Error) -> Problem {
    if error.kind() == io::ErrorKind::NotFound {
        Problem::error(
            Code::TypstMissing,
            format!("Typst was not found at `{}`", path.display()),
        )
    } else {
        Problem::error(
            Code::Typst,
            format!("failed to run `{}` ({error})", path.display()),
        )
    }
}

/// One `typst compile` invocation.
#[derive(Debug, Clone)]
pub struct Compile {
    /// `--root`: the project root; Typst may read nothing outside it.
    pub root: PathBuf,
    /// The entry template, relative to the root.
    pub template: PathBuf,
    /// Where Typst writes its output.
    pub output: PathBuf,
    /// `pdf` or `html`.
    pub format: &'static str,
    /// `--input key=value` pairs.
    pub inputs: Vec<(String, String)>,
    /// `--font-path`, if the project has fonts.
    pub font_path: Option<PathBuf>,
    /// `--creation-timestamp` (seconds since the Unix epoch).
    pub creation_timestamp: Option<i64>,
    /// `--pdf-standard` values.
    pub pdf_standards: Vec<String>,
    /// Where Typst writes the list of files it read (`--deps`, JSON).
    pub deps: Option<PathBuf>,
    /// Print the command line to stderr before running it.
    pub trace: bool,
    /// Stop Typst after this long.
    pub timeout: Option<Duration>,
}

impl Typst {
    /// Runs `typst compile`. Typst errors come back as problems pointing into
    /// the template files; warnings ride along on success.
    pub fn compile(&self, job: &Compile) -> Result<Problems> {
        let mut command = Command::new(&self.path);
        command
            .current_dir(&job.root)
            .arg("compile")
            .arg("--root")
            .arg(&job.root)
            .arg("--ignore-system-fonts")
            .args(["--diagnostic-format", "short"])
            .args(["--format", job.format]);
        if job.format == "html" {
            command.args(["--features", "html"]);
        }
        for (key, value) in &job.inputs {
            command.arg("--input").arg(format!("{key}={value}"));
        }
        if let Some(fonts) = &job.font_path {
            command.arg("--font-path").arg(fonts);
        }
        if let Some(timestamp) = job.creation_timestamp {
            command
                .arg("--creation-timestamp")
                .arg(timestamp.to_string());
        }
        if job.format == "pdf" {
            for standard in &job.pdf_standards {
                command.args(["--pdf-standard", standard]);
            }
        }
        if let Some(deps) = &job.deps {
            command
                .arg("--deps")
                .arg(deps)
                .args(["--deps-format", "json"]);
        }
        command.arg(&job.template).arg(&job.output);
        command.stdin(Stdio::null());
        if job.trace {
            let words: Vec<String> = std::iter::once(command.get_program())
                .chain(command.get_args())
                .map(|w| w.to_string_lossy().into_owned())
                .collect();
            eprintln!(
                "running: (cd {} && {})",
                job.root.display(),
                words.join(" ")
            );
        }
        let output =
            match supervise(command, job.timeout).map_err(|e| spawn_problem(&self.path, &e))? {
                Ok(output) => output,
                Err(Stopped::Interrupted) => {
                    return Err(Problem::error(Code::Interrupted, "stopped by an interrupt").into());
                }
                Err(Stopped::TimedOut(limit)) => {
                    return Err(Problem::error(
                        Code::Timeout,
                        format!("Typst was stopped after {}s", limit.as_secs()),
                    )
                    .with_hint(
                        "does a template loop without end or grow without bound? \
                     If the report is simply large, raise --timeout",
                    )
                    .into());
                }
            };
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut problems = parse_diagnostics(&stderr, &job.root);
        // Typst says this on every HTML export; it is known and not actionable.
        problems.0.retain(|p| {
            !p.message
                .starts_with("html export is under active development")
        });
        // Typst could not write its output (a full disk, a size limit, a
        // directory that changed under it): say what to look at.
        for problem in &mut problems.0 {
            if problem.message.starts_with("failed to write") && problem.hint.is_none() {
                problem.hint = Some(format!(
                    "check that {} is writable and its disk has room; \
                     the previous edition was kept",
                    job.output
                        .parent()
                        .map(|dir| dir.strip_prefix(&job.root).unwrap_or(dir))
                        .unwrap_or(Path::new("the output directory"))
                        .display()
                ));
            }
        }
        if output.status.success() {
            return Ok(problems);
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let mut problem = Problem::error(
            Code::Typst,
            format!("typst compile failed ({})", output.status),
        )
        .with_hint("this looks like a Typst crash; run the command with -v to see it");
        let trimmed = stderr.trim();
        if !trimmed.is_empty() {
            problem = problem.with_note(format!("typst said:\n{trimmed}"));
        }
        Err(problem.into())
    }
}

/// Parses `--diagnostic-format short` output: one `file:line:col: severity:
/// message` line per diagnostic (line from 1, column from 0, path relative
/// to the working directory), possibly followed by `hint:` lines.
pub fn parse_diagnostics(stderr: &str, root: &Path) -> Problems {
    let mut problems = Problems::default();
    let mut sources: Vec<Arc<Source>> = Vec::new();
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if let Some(hint) = trimmed.strip_prefix("hint: ")
            && let Some(last) = problems.0.last_mut()
        {
            last.hint = Some(match last.hint.take() {
                Some(previous) => format!("{previous}; {hint}"),
                None => hint.to_owned(),
            });
            continue;
        }
        let Some(parsed) = parse_short_line(line) else {
            if !trimmed.is_empty()
                && let Some(last) = problems.0.last_mut()
            {
                last.notes.push(trimmed.to_owned());
            }
            continue;
        };
        let (file, position, severity, message) = parsed;
        let mut problem = if severity == "warning" {
            Problem::warning(Code::Typst, message)
        } else {
            Problem::error(Code::Typst, message)
        };
        if let Some((line_number, column)) = position {
            let relative = Path::new(file)
                .strip_prefix(root)
                .unwrap_or(Path::new(file));
            let relative = relative.strip_prefix("/").unwrap_or(relative);
            let source = match sources.iter().find(|s| s.path == relative) {
                Some(source) => Some(Arc::clone(source)),
                None => fs::read_to_string(root.join(relative)).ok().map(|text| {
                    let source = Source::new(relative, text);
                    sources.push(Arc::clone(&source));
                    source
                }),
            };
            if let Some(source) = source {
                let offset = source.offset_of(line_number, column);
                problem = problem.at(&source, offset..offset + 1);
            } else {
                problem = problem.with_note(format!("at {file}:{line_number}:{column}"));
            }
        }
        problems.push(problem);
    }
    problems
}

type ShortLine<'a> = (&'a str, Option<(usize, usize)>, &'a str, &'a str);

fn parse_short_line(line: &str) -> Option<ShortLine<'_>> {
    for severity in ["error", "warning"] {
        let marker = format!(": {severity}: ");
        if let Some(at) = line.find(&marker) {
            let head = &line[..at];
            let message = &line[at + marker.len()..];
            let mut parts = head.rsplitn(3, ':');
            // Typst's short format counts columns from 0; editors count from 1.
            let column = parts
                .next()
                .and_then(|c| c.parse::<usize>().ok())
                .map(|c| c + 1);
            let line_number = parts.next().and_then(|l| l.parse().ok());
            let file = parts.next();
            return match (file, line_number, column) {
                (Some(file), Some(l), Some(c)) => Some((file, Some((l, c)), severity, message)),
                _ => Some((head, None, severity, message)),
            };
        }
        if let Some(message) = line.strip_prefix(&marker[2..]) {
            return Some(("", None, severity, message));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_diagnostics_become_problems_with_snippets() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::create_dir_all(dir.path().join("templates"))?;
        fs::write(
            dir.path().join("templates/report.typ"),
            "= Title\n#foo(1)\n",
        )?;
        let stderr = "templates/report.typ:2:1: error: unknown variable: foo\nhint: if you meant to display multiple letters as is, try adding spaces\nwarning: something global\n";
        let problems = parse_diagnostics(stderr, dir.path());
        assert_eq!(problems.0.len(), 2);
        let error = &problems.0[0];
        assert_eq!(
            error.to_string(),
            "error: templates/report.typ:2:2: unknown variable: foo"
        );
        assert!(
            error
                .hint
                .as_deref()
                .is_some_and(|h| h.starts_with("if you meant"))
        );
        assert_eq!(problems.0[1].to_string(), "warning: something global");
        Ok(())
    }
}
