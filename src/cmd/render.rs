//! `report render`: every requested edition, in parallel.

use crate::build::{self, BuildLock, MissingTranslations, Outcome, Plan, Rebuild, Request};
use crate::cli::{EditionArgs, GlobalArgs, OutputFormat, RenderArgs, TypstArgs};
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::{Code, Problem};
use crate::output::render::{Lines, Progress, print_json};
use crate::project::Project;
use crate::project::{EditionKind, Layout};
use crate::typst::{self, Locate, Typst};

/// Runs `report render`.
pub(super) fn run(global: &GlobalArgs, args: &RenderArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    let rebuild = if args.force {
        Rebuild::All
    } else {
        Rebuild::Changed
    };
    let plan = plan(&project, &args.editions, rebuild, global)?;
    let typst = locate(global, &project, &args.typst)?;
    let outcome = render_and_report(&project, &typst, &plan, global, args.output_format)?;
    if global.verbose > 0
        && let Some(kib) = own_peak_memory_kib()
    {
        // Typst's children are not counted: this is report's own footprint.
        eprintln!(
            "peak memory of report itself: {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
    if args.open
        && let Some(first) = outcome
            .rendered
            .iter()
            .min_by_key(|r| (r.edition.language != plan.languages[0], r.edition.format))
    {
        open(&first.path);
    }
    Ok(())
}

/// The request the edition arguments make.
pub(super) fn request(args: &EditionArgs, rebuild: Rebuild, global: &GlobalArgs) -> Request {
    Request {
        languages: args.lang.clone(),
        kinds: args.format.iter().copied().map(EditionKind::from).collect(),
        layout: args.layout.map(Layout::from),
        workers: args.jobs,
        missing: MissingTranslations::from_flag(args.allow_missing),
        rebuild,
        trace_commands: global.verbose > 1,
        timeout: std::time::Duration::from_secs(args.timeout),
    }
}

/// Checks the requested editions against the project.
pub(super) fn plan(
    project: &Project,
    args: &EditionArgs,
    rebuild: Rebuild,
    global: &GlobalArgs,
) -> Result<Plan, Failure> {
    Plan::new(project, &request(args, rebuild, global)).map_err(Failure::usage)
}

/// Finds Typst for the project (installing it if needed), saying which with `-v`.
pub(super) fn locate(
    global: &GlobalArgs,
    project: &Project,
    args: &TypstArgs,
) -> Result<Typst, Failure> {
    let typst = typst::locate(&Locate {
        explicit: args.path.as_deref(),
        requirement: &project.manifest.typst,
        written_at: Some(project.manifest.typst_location()),
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
    Ok(typst)
}

/// Renders the plan under the build lock and reports it: a line per
/// edition (under a progress bar on a terminal), warnings, and on failure
/// the errors with a summary.
pub(super) fn render_and_report(
    project: &Project,
    typst: &Typst,
    plan: &Plan,
    global: &GlobalArgs,
    format: OutputFormat,
) -> Result<Outcome, Failure> {
    let json = format == OutputFormat::Json;
    let lines = if global.quiet || json {
        Lines::Hide
    } else {
        Lines::Show
    };
    let progress = Progress::new(&project.root, plan.edition_count(), lines);
    let lock = BuildLock::acquire(&project.layout, &project.output, || {
        if !global.quiet {
            eprintln!(
                "waiting for another report process to finish with {}…",
                project.build_dir().display()
            );
        }
    })?;
    let outcome = build::render(project, typst, plan, &|r| progress.rendered(r));
    drop(lock);
    progress.finish();
    if json {
        print_json(project, &outcome);
        return if outcome.failed.is_empty() {
            Ok(outcome)
        } else {
            Err(Failure::silent(EXIT_PROBLEMS))
        };
    }
    let (mut problems, warnings) = outcome.problems.clone().split();
    if lines == Lines::Show {
        crate::output::emit(&warnings, global.color());
    }
    if outcome.failed.is_empty() {
        return Ok(outcome);
    }
    problems.push(failed_editions(&outcome));
    Err(problems.into())
}

/// The closing error of a render in which editions failed.
fn failed_editions(outcome: &Outcome) -> Problem {
    let failed: Vec<String> = outcome.failed.iter().map(|e| e.label()).collect();
    Problem::error(
        Code::Render,
        format!(
            "{} of {} edition(s) failed: {}",
            outcome.failed.len(),
            outcome.failed.len() + outcome.rendered.len(),
            failed.join(", ")
        ),
    )
    .with_hint(
        "fix the errors above; the previous files of the failed editions were left as they were",
    )
}

/// The peak resident memory of this process (`VmHWM`), where the platform
/// tells it (Linux).
fn own_peak_memory_kib() -> Option<u64> {
    #[expect(
        clippy::disallowed_methods,
        reason = "the kernel's report, not a project file"
    )]
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()
}

/// Opens a file with the desktop's viewer; a failure is only a warning.
fn open(path: &std::path::Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!(
            "warning: failed to open {} with `{opener}` ({e})",
            path.display()
        );
    }
}
