//! `report check`: translation QA for editors and CI. Loads the project,
//! checks it, prints the report and turns `--deny` into the exit code.
//! Ctrl-C or SIGTERM stops the check at once; then nothing of the report
//! is printed, only that it was interrupted (exit code 130).

use crate::build;
use crate::check;
use crate::cli::{CheckArgs, Deny, GlobalArgs, OutputFormat};
use crate::cmd::{EXIT_PROBLEMS, Failure, languages, load_project};
use crate::diagnostic::{Code, Problems};
use crate::output::check::{Verbosity, print_human, print_json};
use crate::workspace::Workspace;

/// Runs `report check`.
pub(crate) fn run(global: &GlobalArgs, args: &CheckArgs) -> Result<(), Failure> {
    let mut report = check_project(global, args)?;
    if args.fix && !report.fixes.is_empty() {
        let project = load_project(global)?;
        let fixed = check::fix::apply(&project, &report.fixes)?;
        print_fixes(&fixed.value, args.output.format);
        crate::output::emit(&fixed.warnings, global.color());
        report = check_project(global, args)?;
    }
    match args.output.format {
        OutputFormat::Json => print_json(&report),
        OutputFormat::Human => print_human(&report, verbosity(global), global.color()),
    }
    let denied = |kind: Deny| args.deny.contains(&kind);
    let failed = report.error_count() > 0
        || (denied(Deny::Warnings) && report.warning_count() > 0)
        || (denied(Deny::Stale) && report.count_code(Code::StaleTranslation) > 0);
    if failed {
        // The findings were printed above; only the exit code is left to give.
        return Err(Failure {
            problems: Problems::default(),
            code: EXIT_PROBLEMS,
        });
    }
    Ok(())
}

/// Loads and checks the project, keeping the languages asked for.
fn check_project(global: &GlobalArgs, args: &CheckArgs) -> Result<check::Report, Failure> {
    let project = load_project(global)?;
    let wanted = languages(&project, &args.lang)?;
    let last_read = build::recorded_inputs(&project);
    let workspace = Workspace::load(project);
    let mut report = check::check(&workspace, &last_read);
    if report.count_code(Code::Interrupted) > 0 {
        // Stopped part-way: no report, which would look complete; the one
        // finding says so, and the exit code is 130.
        return Err(Problems::from(report.findings).into());
    }
    report.retain_languages(&wanted);
    Ok(report)
}

/// What `--fix` changed, on standard error (standard output keeps the
/// report, which may be JSON).
fn print_fixes(applied: &[check::fix::Applied], format: OutputFormat) {
    if format == OutputFormat::Json {
        return;
    }
    let shown = |text: &str| text.replace('\u{a0}', "\\u{a0}");
    for change in applied {
        if change.from.is_empty() {
            eprintln!("fixed {}: inserted `{}`", change.at, shown(&change.to));
        } else {
            eprintln!(
                "fixed {}: `{}` → `{}`",
                change.at,
                shown(&change.from),
                shown(&change.to)
            );
        }
    }
    eprintln!("{} fix(es) applied", applied.len());
}

/// `--quiet` and `-v` (which clap keeps apart) as one setting.
fn verbosity(global: &GlobalArgs) -> Verbosity {
    if global.quiet {
        Verbosity::Quiet
    } else if global.verbose > 0 {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    }
}
