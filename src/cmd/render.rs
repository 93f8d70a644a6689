//! `report render`: every requested edition, in parallel.

use std::io::Write as _;

use crate::cli::{GlobalArgs, RenderArgs};
use crate::cmd::{Failure, load_project};
use crate::diagnostic::{self, Problem};
use crate::manifest::Project;
use crate::render::{self, Plan, Rendered};
use crate::typst::{self, Locate};

/// Runs `report render`.
pub fn run(global: &GlobalArgs, args: &RenderArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    let plan = plan(&project, args)?;
    let typst = typst::locate(&Locate {
        explicit: args.typst.path.as_deref(),
        requirement: &project.manifest.typst,
        install: true,
        quiet: global.quiet,
    })?;
    if global.verbose > 0 {
        eprintln!(
            "using Typst {} at {} ({})",
            typst.version,
            typst.path.display(),
            typst.origin.describe()
        );
    }
    let root = project.root.clone();
    let quiet = global.quiet;
    let print = move |rendered: &Rendered| {
        if quiet {
            return;
        }
        let path = rendered.path.strip_prefix(&root).unwrap_or(&rendered.path);
        let line = format!(
            "{:>6} {:<4} {}  ({}, {:.2}s)\n",
            rendered.language.tag,
            rendered.format.name(),
            path.display(),
            human_size(rendered.bytes),
            rendered.elapsed.as_secs_f64()
        );
        // One write per line keeps lines whole when editions finish together.
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
    };
    let outcome = render::render(&project, &typst, &plan, &print);
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
        outcome.problems.0.into_iter().partition(Problem::is_error);
    if !quiet {
        diagnostic::emit(&warnings, global.color);
    }
    if outcome.failed.is_empty() {
        return Ok(());
    }
    let failed: Vec<String> = outcome
        .failed
        .iter()
        .map(|(language, format)| format!("{language} {}", format.name()))
        .collect();
    let mut problems = crate::diagnostic::Problems(errors);
    problems.push(
        Problem::error(
            "render",
            format!(
                "{} of {} edition(s) failed: {}",
                outcome.failed.len(),
                outcome.failed.len() + outcome.rendered.len(),
                failed.join(", ")
            ),
        )
        .with_hint("fix the errors above; the previous files of the failed editions were left as they were"),
    );
    Err(problems.into())
}

/// Checks the requested languages and formats against the project.
fn plan(project: &Project, args: &RenderArgs) -> Result<Plan, Failure> {
    let manifest = &project.manifest;
    let languages = crate::cmd::languages(project, &args.lang)?;
    let mut formats = if args.format.is_empty() {
        manifest.formats.clone()
    } else {
        args.format.clone()
    };
    formats.sort();
    formats.dedup();
    let jobs = args
        .jobs
        .map(usize::from)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(2);
    Ok(Plan {
        languages,
        formats,
        jobs,
        allow_missing: args.allow_missing,
    })
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}
