//! What `report render` (and `watch`) print: a line per edition under a
//! progress bar for people, or one JSON document for tools
//! (docs/render-json.md).

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::build::{Freshness, Outcome, Rendered};
use crate::project::Project;

/// Version of the JSON output's shape (docs/render-json.md).
pub(crate) const JSON_VERSION: u32 = 1;

/// Whether lines are printed as editions finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    /// One line per edition.
    Show,
    /// Nothing (quiet, or JSON at the end).
    Hide,
}

/// Shows editions as they finish: a line each, and a progress bar on a
/// terminal.
pub(crate) struct Progress {
    bar: ProgressBar,
    lines: Lines,
    root: std::path::PathBuf,
}

impl Progress {
    /// A progress display for `total` editions of the project at `root`.
    pub(crate) fn new(root: &Path, total: usize, lines: Lines) -> Self {
        let bar = if lines == Lines::Hide || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} rendering {pos}/{len} editions {wide_bar} {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        };
        Self {
            bar,
            lines,
            root: root.to_owned(),
        }
    }

    /// Called (from worker threads) as each edition is written.
    pub(crate) fn rendered(&self, rendered: &Rendered) {
        if self.lines == Lines::Show {
            let line = edition_line(&self.root, rendered);
            if self.bar.is_hidden() {
                // One write per line keeps lines whole when editions finish together.
                let _ = writeln!(std::io::stdout().lock(), "{line}");
            } else {
                self.bar.println(line);
            }
        }
        self.bar.inc(1);
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// One line per edition: where it went, its size and time.
pub(crate) fn edition_line(root: &Path, rendered: &Rendered) -> String {
    let path = rendered.path.strip_prefix(root).unwrap_or(&rendered.path);
    let edition = &rendered.edition;
    let lang = edition.languages();
    let format = edition.format.name();
    match rendered.freshness {
        Freshness::UpToDate => format!("{lang:>6} {format:<4} {}  (up to date)", path.display()),
        Freshness::Rendered => format!(
            "{lang:>6} {format:<4} {}  ({}, {:.2}s)",
            path.display(),
            human_size(rendered.bytes),
            rendered.elapsed.as_secs_f64()
        ),
    }
}

/// Prints the outcome as one JSON document on standard output.
pub(crate) fn print_json(project: &Project, outcome: &Outcome) {
    let relative = |path: &Path| {
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
                "language": r.edition.language.tag,
                "partner": r.edition.partner.as_ref().map(|p| p.tag.clone()),
                "format": r.edition.format.name(),
                "status": match r.freshness {
                    Freshness::UpToDate => "up-to-date",
                    Freshness::Rendered => "rendered",
                },
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
            "path": format!("build/{}", edition.path(&project.layout)),
            "bytes": null,
            "seconds": null,
        })
    }));
    let problems: Vec<serde_json::Value> = outcome
        .problems
        .iter()
        .map(crate::output::check::finding_json)
        .collect();
    let document = json!({ "version": JSON_VERSION, "editions": editions, "problems": problems });
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    );
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}
