//! `report preflight`: check print editions (or any PDF) as a print shop
//! would, print the findings as `report check` does, and turn errors (and
//! `--deny warnings`) into the exit code.

use std::path::PathBuf;

use crate::build::print::{preflight_files, print_editions};
use crate::check::Report;
use crate::cli::{GlobalArgs, OutputFormat, PreflightArgs, PreflightDeny};
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::{Code, Problem, Problems};

/// Runs `report preflight`.
pub(super) fn run(global: &GlobalArgs, args: &PreflightArgs) -> Result<(), Failure> {
    // Named files can be checked outside a project (with default limits);
    // inside one whose report.toml is broken, that is the first problem.
    let project = match load_project(global) {
        Ok(project) => Some(project),
        Err(failure) if args.files.is_empty() => return Err(failure),
        Err(failure) if failure.problems.iter().all(|p| p.code == Code::NoProject) => None,
        Err(failure) => return Err(failure),
    };
    let files: Vec<PathBuf> = match &project {
        Some(project) if args.files.is_empty() => print_editions(project),
        _ => args.files.clone(),
    };
    if files.is_empty() {
        return Err(Problems::from(
            Problem::error(
                Code::Usage,
                "there are no print editions in build/print/ to check",
            )
            .with_hint("render them first: `report render --format print`"),
        )
        .into());
    }
    let problems = preflight_files(project.as_ref(), &files);
    if problems.iter().any(|p| p.code == Code::Interrupted) {
        return Err(problems.into());
    }
    let report = Report {
        findings: problems.into_vec(),
        summaries: Vec::new(),
        fixes: Vec::new(),
    };
    match args.output.format {
        OutputFormat::Json => crate::output::check::print_json(&report),
        OutputFormat::Human => {
            crate::output::emit(&report.findings, global.color());
            if !global.quiet {
                eprintln!(
                    "preflight: {} file(s), {} error(s), {} warning(s)",
                    files.len(),
                    report.error_count(),
                    report.warning_count()
                );
            }
        }
    }
    let failed = report.error_count() > 0
        || (args.deny.contains(&PreflightDeny::Warnings) && report.warning_count() > 0);
    if failed {
        return Err(Failure {
            problems: Problems::default(),
            code: EXIT_PROBLEMS,
        });
    }
    Ok(())
}
