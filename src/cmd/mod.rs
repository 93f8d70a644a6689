//! The commands: each a few lines over the library, turning arguments into
//! a plan, running it, and reporting the outcome with an exit code.

pub(crate) mod check;
mod diff;
mod doctor;
mod exchange;
mod init;
mod l10n;
mod preflight;
mod render;
mod resolve;
mod watch;

use std::io::Write as _;
use std::path::PathBuf;

use clap::Parser as _;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::diagnostic::{Code, Problem, Problems};
use crate::project::{self, Project};

/// Exit code: everything went well.
pub(crate) const EXIT_OK: i32 = 0;
/// Exit code: problems were found (errors in the project or a failed edition).
pub(crate) const EXIT_PROBLEMS: i32 = 1;
/// Exit code: the command line itself was wrong.
pub(crate) const EXIT_USAGE: i32 = 2;
/// Exit code: interrupted by Ctrl-C or SIGTERM (128 + SIGINT, by convention).
pub(crate) const EXIT_INTERRUPTED: i32 = 130;

/// A failed command: the problems to show and the exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    /// What went wrong.
    pub problems: Problems,
    /// [`EXIT_PROBLEMS`] or [`EXIT_USAGE`].
    pub code: i32,
}

impl From<Problems> for Failure {
    /// Exit code 2 when every error is a mistake on the command line (the
    /// library found it, e.g. an unknown language), else 1.
    fn from(problems: Problems) -> Self {
        let usage = problems.has_errors() && problems.errors().all(|p| p.code == Code::Usage);
        Self {
            problems,
            code: if usage { EXIT_USAGE } else { EXIT_PROBLEMS },
        }
    }
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Self {
        Problems::from(problem).into()
    }
}

impl Failure {
    /// A failure whose problems were already printed (e.g. as JSON): only
    /// the exit code is left to give.
    pub(crate) fn silent(code: i32) -> Self {
        Self {
            problems: Problems::default(),
            code,
        }
    }

    /// A usage error (exit code 2).
    pub(crate) fn usage(problems: impl Into<Problems>) -> Self {
        Self {
            problems: problems.into(),
            code: EXIT_USAGE,
        }
    }
}

/// Parses the command line, runs the command, and returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return error.exit_code();
        }
    };
    let color = cli.global.color();
    // The first Ctrl-C (or SIGTERM) stops the running Typst processes and
    // lets `report` clean up; a second one ends it at once.
    crate::platform::interrupt::install_handler(EXIT_INTERRUPTED);
    crate::platform::interrupt::catch_file_size_signal();
    let result = match &cli.command {
        Command::Render(args) => render::run(&cli.global, args),
        Command::Watch(args) => watch::run(&cli.global, args),
        Command::Resolve(args) => resolve::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Init(args) => init::run(&cli.global, args),
        Command::Diff(args) => diff::run(&cli.global, args),
        Command::L10n(command) => l10n::run(&cli.global, command),
        Command::Preflight(args) => preflight::run(&cli.global, args),
        Command::Doctor(args) => doctor::run(&cli.global, args),
        Command::Completions { shell } => {
            let mut command = crate::cli::command();
            clap_complete::generate(*shell, &mut command, "report", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => write_man_page(),
    };
    match result {
        Ok(()) if crate::platform::interrupt::interrupted() => EXIT_INTERRUPTED,
        Ok(()) => EXIT_OK,
        Err(failure) => {
            crate::output::emit(&failure.problems, color);
            if crate::platform::interrupt::interrupted() {
                EXIT_INTERRUPTED
            } else {
                failure.code
            }
        }
    }
}

fn write_man_page() -> Result<(), Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(crate::cli::command())
        .render(&mut out)
        .map_err(|e| Problem::error(Code::Io, format!("failed to write the man page ({e})")))?;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Problem::error(Code::Io, format!("failed to write the man page ({e})")).into())
}

/// Checks `--lang` values against the project, keeping manifest order;
/// empty means every language.
pub(crate) fn languages(
    project: &Project,
    tags: &[String],
) -> Result<Vec<crate::project::Language>, Failure> {
    project.select_languages(tags).map_err(Failure::usage)
}

/// Finds and loads the project the command works on.
pub(crate) fn load_project(global: &GlobalArgs) -> Result<Project, Failure> {
    let cwd = std::env::current_dir().map_err(|e| Problem::io("read", &PathBuf::from("."), &e))?;
    let root = project::find_root(global.project.as_deref(), &cwd)?;
    Ok(Project::load(&root)?)
}

/// The translation languages named by `--lang` (every one by default).
pub(crate) fn translations(
    project: &Project,
    tags: &[String],
) -> Result<Vec<crate::project::Language>, Failure> {
    let source = &project.manifest.source_language;
    let chosen = languages(project, tags)?;
    if !tags.is_empty() && chosen.contains(source) {
        return Err(Failure::usage(
            Problem::error(
                Code::Usage,
                format!("`{source}` is the source language; it has no translation to review"),
            )
            .with_hint("name translation languages with --lang"),
        ));
    }
    Ok(chosen.into_iter().filter(|l| l != source).collect())
}
