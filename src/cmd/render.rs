//! `report render`: every requested edition, in parallel.

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use serde_json::json;

use crate::build::render::{self, Outcome, Plan, Rendered};
use crate::cli::{EditionArgs, GlobalArgs, OutputFormat, RenderArgs, TypstArgs};
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::{Code, Problem, Problems};
use crate::output::check::finding_json;
use crate::project::{EditionKind, Format, Project};
use crate::typst::{self, Locate, Typst};

/// Runs `report render`.
pub fn run(global: &GlobalArgs, args: &RenderArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    let plan = plan(&project, &args.editions, args.force, global.verbose)?;
    let typst = locate(global, &project, &args.typst)?;
    let outcome = render_and_report(&project, &typst, &plan, global, args.message_format)?;
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
            .min_by_key(|r| (r.language != plan.languages[0], r.format))
    {
        open(&first.path);
    }
    Ok(())
}

/// Finds Typst for the project (installing it if needed), saying which with `-v`.
pub fn locate(global: &GlobalArgs, project: &Project, args: &TypstArgs) -> Result<Typst, Failure> {
    let typst = typst::locate(&Locate {
        explicit: args.path.as_deref(),
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
    Ok(typst)
}

/// The peak resident memory of this process (`VmHWM`), where the platform
/// tells it (Linux).
fn own_peak_memory_kib() -> Option<u64> {
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

/// One line per edition: where it went, its size and time.
fn edition_line(root: &Path, rendered: &Rendered) -> String {
    let path = rendered.path.strip_prefix(root).unwrap_or(&rendered.path);
    let lang = match &rendered.partner {
        Some(partner) => format!("{}-{partner}", rendered.language),
        None => rendered.language.tag.clone(),
    };
    let format = rendered.format.name();
    if rendered.up_to_date {
        format!("{lang:>6} {format:<4} {}  (up to date)", path.display())
    } else {
        format!(
            "{lang:>6} {format:<4} {}  ({}, {:.2}s)",
            path.display(),
            human_size(rendered.bytes),
            rendered.elapsed.as_secs_f64()
        )
    }
}

/// Renders the plan and reports it: a line per edition (under a progress bar
/// on a terminal), warnings, and on failure the errors with a summary.
pub fn render_and_report(
    project: &Project,
    typst: &Typst,
    plan: &Plan,
    global: &GlobalArgs,
    format: OutputFormat,
) -> Result<Outcome, Failure> {
    let json = format == OutputFormat::Json;
    let quiet = global.quiet || json;
    let total = plan.edition_count() as u64;
    let progress = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} rendering {pos}/{len} editions {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    };
    let root = project.root.clone();
    let print = |rendered: &Rendered| {
        if !quiet {
            let line = edition_line(&root, rendered);
            if progress.is_hidden() {
                // One write per line keeps lines whole when editions finish together.
                let _ = writeln!(std::io::stdout().lock(), "{line}");
            } else {
                progress.println(line);
            }
        }
        progress.inc(1);
    };
    let lock = render::BuildLock::acquire(project, || {
        if !global.quiet {
            eprintln!(
                "waiting for another report process to finish with {}…",
                project.build_dir().display()
            );
        }
    })?;
    let outcome = render::render(project, typst, plan, &print);
    drop(lock);
    progress.finish_and_clear();
    if json {
        print_json(project, &outcome);
        return if outcome.failed.is_empty() {
            Ok(outcome)
        } else {
            Err(Failure {
                problems: Problems::default(),
                code: EXIT_PROBLEMS,
            })
        };
    }
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) = outcome
        .problems
        .0
        .iter()
        .cloned()
        .partition(Problem::is_error);
    if !quiet {
        crate::output::emit(&warnings, global.color);
    }
    if outcome.failed.is_empty() {
        return Ok(outcome);
    }
    let failed: Vec<String> = outcome
        .failed
        .iter()
        .map(|edition| edition.label())
        .collect();
    let mut problems = Problems(errors);
    problems.push(
        Problem::error(
            Code::Render,
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

/// Version of the JSON output's shape (docs/render-json.md).
pub const JSON_VERSION: u32 = 1;

fn print_json(project: &Project, outcome: &Outcome) {
    let relative = |path: &std::path::Path| {
        path.strip_prefix(&project.root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let mut editions: Vec<serde_json::Value> = outcome
        .rendered
        .iter()
        .map(|r| {
            json!({
                "language": r.language.tag,
                "partner": r.partner.as_ref().map(|p| p.tag.clone()),
                "format": r.format.name(),
                "status": if r.up_to_date { "up-to-date" } else { "rendered" },
                "path": relative(&r.path),
                "bytes": r.bytes,
                "seconds": (r.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    editions.extend(outcome.failed.iter().map(|edition| {
        json!({
            "language": edition.language.tag,
            "partner": edition.partner.as_ref().map(|p| p.tag.clone()),
            "format": edition.format.name(),
            "status": "failed",
            "path": format!("build/{}", edition.output_path(project)),
            "bytes": null,
            "seconds": null,
        })
    }));
    let problems: Vec<serde_json::Value> = outcome.problems.0.iter().map(finding_json).collect();
    let document = json!({ "version": JSON_VERSION, "editions": editions, "problems": problems });
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    );
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

/// Checks the requested languages and formats against the project.
pub fn plan(
    project: &Project,
    args: &EditionArgs,
    force: bool,
    verbose: u8,
) -> Result<Plan, Failure> {
    let manifest = &project.manifest;
    let languages = crate::cmd::languages(project, &args.lang)?;
    let (mut formats, parallel) = if args.format.is_empty() {
        (manifest.formats.clone(), manifest.parallel)
    } else {
        let formats = args
            .format
            .iter()
            .filter_map(|kind| match kind {
                EditionKind::Pdf => Some(Format::Pdf),
                EditionKind::Html => Some(Format::Html),
                EditionKind::Parallel => None,
            })
            .collect();
        (formats, args.format.contains(&EditionKind::Parallel))
    };
    formats.sort();
    formats.dedup();
    // A pair is rendered when either of its languages is.
    let parallel = if parallel {
        manifest
            .parallel_pairs
            .iter()
            .filter(|(l, r)| languages.contains(l) || languages.contains(r))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
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
        force,
        trace_commands: verbose > 1,
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        parallel,
        layout: args.layout.unwrap_or(manifest.parallel_layout),
    })
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}
