//! The commands: each a few lines over the library, turning arguments into
//! a plan, running it, and reporting the outcome with an exit code.

mod render;

use std::io::Write as _;
use std::path::PathBuf;

use clap::Parser as _;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::diagnostic::{self, Problem, Problems};
use crate::manifest::{self, Project};

/// Exit code: everything went well.
pub const EXIT_OK: i32 = 0;
/// Exit code: problems were found (errors in the project or a failed edition).
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code: the command line itself was wrong.
pub const EXIT_USAGE: i32 = 2;

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
    let result = match &cli.command {
        Command::Render(args) => render::run(&cli.global, args),
        Command::Completions { shell } => {
            let mut command = crate::cli::command();
            clap_complete::generate(*shell, &mut command, "report", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => write_man_page(),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(failure) => {
            diagnostic::emit(&failure.problems.0, color);
            failure.code
        }
    }
}

fn write_man_page() -> Result<(), Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(crate::cli::command())
        .render(&mut out)
        .map_err(|e| Problem::error("io", format!("failed to write the man page ({e})")))?;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Problem::error("io", format!("failed to write the man page ({e})")).into())
}

/// Finds and loads the project the command works on.
pub fn load_project(global: &GlobalArgs) -> Result<Project, Failure> {
    let cwd = std::env::current_dir().map_err(|e| Problem::io("read", &PathBuf::from("."), &e))?;
    let root = manifest::find_root(global.project.as_deref(), &cwd)?;
    Ok(Project::load(&root)?)
}
