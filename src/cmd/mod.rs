//! The commands: each a few lines over the library, turning arguments into
//! a plan, running it, and reporting the outcome with an exit code.

mod check;
mod diff;
mod doctor;
mod init;
mod l10n;
mod render;
mod watch;

use std::io::Write as _;
use std::path::PathBuf;

use clap::Parser as _;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::diagnostic::{Code, Problem, Problems};
use crate::project::{self, Project};

/// Exit code: everything went well.
pub const EXIT_OK: i32 = 0;
/// Exit code: problems were found (errors in the project or a failed edition).
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code: the command line itself was wrong.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: interrupted by Ctrl-C or SIGTERM (128 + SIGINT, by convention).
pub const EXIT_INTERRUPTED: i32 = 130;

/// A failed command: the problems to show and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong.
    pub problems: Problems,
    /// [`EXIT_PROBLEMS`] or [`EXIT_USAGE`].
    pub code: i32,
}

impl From<Problems> for Failure {
    fn from(problems: Problems) -> Self {
        Self {
            problems,
            code: EXIT_PROBLEMS,
        }
    }
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Self {
        Problems::from(problem).into()
    }
}

impl Failure {
    /// A usage error (exit code 2).
    pub fn usage(problem: Problem) -> Self {
        Self {
            problems: problem.into(),
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
    let color = cli.global.color;
    // The first Ctrl-C (or SIGTERM) stops the running Typst processes and
    // lets `report` clean up; a second one ends it at once.
    crate::interrupt::install_handler(EXIT_INTERRUPTED);
    let result = match &cli.command {
        Command::Render(args) => render::run(&cli.global, args),
        Command::Watch(args) => watch::run(&cli.global, args),
        Command::Resolve(args) => resolve(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Init(args) => init::run(&cli.global, args),
        Command::Diff(args) => diff::run(&cli.global, args),
        Command::L10n(command) => l10n::run(&cli.global, command),
        Command::Doctor(args) => doctor::run(&cli.global, args),
        Command::Completions { shell } => {
            let mut command = crate::cli::command();
            clap_complete::generate(*shell, &mut command, "report", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => write_man_page(),
    };
    match result {
        Ok(()) if crate::interrupt::interrupted() => EXIT_INTERRUPTED,
        Ok(()) => EXIT_OK,
        Err(failure) => {
            crate::output::emit(&failure.problems.0, color);
            if crate::interrupt::interrupted() {
                EXIT_INTERRUPTED
            } else {
                failure.code
            }
        }
    }
}

fn resolve(global: &GlobalArgs, args: &crate::cli::ResolveArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    // The documents `render` would write, made by the same plan; a project
    // whose editions are all parallel still gets its single documents.
    let editions = crate::cli::EditionArgs {
        lang: args.lang.clone(),
        format: Vec::new(),
        layout: None,
        jobs: std::num::NonZeroUsize::new(1),
        allow_missing: args.allow_missing,
        timeout: 1,
    };
    let mut plan = crate::cmd::render::plan(&project, &editions, false, 0)?;
    if plan.formats.is_empty() {
        plan.formats.push(crate::project::Format::Pdf);
    }
    let _lock = crate::build::render::BuildLock::acquire(&project, || {
        eprintln!(
            "waiting for another report process to finish with {}…",
            project.build_dir().display()
        );
    })?;
    let prepared = crate::build::render::prepare(&project, &plan);
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) = prepared
        .outcome
        .problems
        .0
        .into_iter()
        .partition(Problem::is_error);
    if !global.quiet {
        crate::output::emit(&warnings, global.color);
    }
    for (_, path) in prepared
        .documents
        .iter()
        .chain(&prepared.parallel_documents)
    {
        println!(
            "{}",
            path.strip_prefix(&project.root).unwrap_or(path).display()
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Problems(errors).into())
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
pub fn languages(
    project: &Project,
    tags: &[String],
) -> Result<Vec<crate::project::Language>, Failure> {
    let manifest = &project.manifest;
    let mut languages = Vec::new();
    for tag in tags {
        let Some(language) = project.language(tag.trim()) else {
            let known: Vec<&str> = manifest.languages.iter().map(|l| l.tag.as_str()).collect();
            let hint = match crate::suggest::closest(tag, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the project's languages are {}", known.join(", ")),
            };
            return Err(Failure::usage(
                Problem::error(
                    Code::Usage,
                    format!("`{tag}` is not a language of this project"),
                )
                .with_hint(hint),
            ));
        };
        if !languages.contains(language) {
            languages.push(language.clone());
        }
    }
    if languages.is_empty() {
        return Ok(manifest.languages.clone());
    }
    languages.sort_by_key(|l| manifest.languages.iter().position(|m| m == l));
    Ok(languages)
}

/// Finds and loads the project the command works on.
pub fn load_project(global: &GlobalArgs) -> Result<Project, Failure> {
    let cwd = std::env::current_dir().map_err(|e| Problem::io("read", &PathBuf::from("."), &e))?;
    let root = project::find_root(global.project.as_deref(), &cwd)?;
    Ok(Project::load(&root)?)
}
