//! `report check`'s report for people (problems rustc-style on standard
//! error, a table of translation progress on standard output) and for
//! tools (one JSON document, docs/check-json.md).
//!
//! [`finding_json`] is also how `report render --message-format json`
//! writes its problems, so both documents describe a problem alike.

use std::io::Write as _;

use serde::Serialize;

use crate::check::{Report, Summary};
use crate::diagnostic::{Problem, Severity};
use crate::output::ColorChoice;

/// Version of the JSON output's shape (docs/check-json.md).
pub(crate) const JSON_VERSION: u32 = 1;

/// How much a human report shows (`--quiet`, `-v`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbosity {
    /// Errors only: no warnings, no table.
    Quiet,
    /// Errors, warnings and the table.
    Normal,
    /// Also the infos (translations identical to their source).
    Verbose,
}

/// Prints the report as JSON on standard output, written as it is made
/// (not built as a tree first: 100,000 findings are a lot of small maps).
pub(crate) fn print_json(report: &Report) {
    let document = Document {
        version: JSON_VERSION,
        findings: report.findings.iter().map(Finding::of).collect(),
        summary: &report.summaries,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if serde_json::to_writer_pretty(&mut out, &document).is_ok() {
        let _ = writeln!(out);
    }
    let _ = out.flush();
}

/// The document `report check --format json` prints.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    summary: &'a [Summary],
}

/// One finding as documented in docs/check-json.md (fields in that order).
#[derive(Serialize)]
struct Finding<'a> {
    severity: &'static str,
    code: &'static str,
    language: Option<&'a str>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    id: Option<&'a str>,
    message: &'a str,
    hint: Option<&'a str>,
    notes: &'a [String],
}

impl<'a> Finding<'a> {
    fn of(problem: &'a Problem) -> Self {
        let (file, line, column) = match &problem.location {
            Some(location) => {
                let (line, column) = location.source.line_col(location.span.start);
                let file = location.source.path.display().to_string();
                (Some(file), Some(line), Some(column))
            }
            None => (None, None, None),
        };
        Self {
            severity: problem.severity_name(),
            code: problem.code.as_str(),
            language: problem.language.as_deref(),
            file,
            line,
            column,
            id: problem.id.as_deref().filter(|id| !id.is_empty()),
            message: &problem.message,
            hint: problem.hint.as_deref(),
            notes: &problem.notes,
        }
    }
}

/// One finding as documented in docs/check-json.md.
pub(crate) fn finding_json(problem: &Problem) -> serde_json::Value {
    serde_json::to_value(Finding::of(problem)).unwrap_or_default()
}

/// Prints the findings on standard error, then (unless quiet) the table of
/// progress per language and the totals on standard output.
pub(crate) fn print_human(report: &Report, verbosity: Verbosity, color: ColorChoice) {
    let shown: Vec<Problem> = report
        .findings
        .iter()
        .filter(|f| match verbosity {
            Verbosity::Quiet => f.is_error(),
            Verbosity::Normal => f.severity != Severity::Info,
            Verbosity::Verbose => true,
        })
        .cloned()
        .collect();
    crate::output::emit(&shown, color);
    if verbosity == Verbosity::Quiet {
        return;
    }
    let mut out = String::from(
        "language     translated           missing  obsolete  unchanged  words   errors  warnings\n",
    );
    for summary in &report.summaries {
        out.push_str(&summary_line(summary));
    }
    let unchanged = report.info_count();
    out.push_str(&format!(
        "\n{} error(s), {} warning(s), {unchanged} unchanged{}\n",
        report.error_count(),
        report.warning_count(),
        if unchanged > 0 && verbosity != Verbosity::Verbose {
            " (list them with -v)"
        } else {
            ""
        }
    ));
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}

/// One row of the table.
fn summary_line(s: &Summary) -> String {
    let name = if s.source {
        format!("{} (source)", s.language)
    } else {
        s.language.clone()
    };
    format!(
        "{name:<12} {:>5}/{:<5} {:>6.1}%  {:>7}  {:>8}  {:>9}  {:>6}  {:>6}  {:>8}\n",
        s.translated,
        s.messages,
        s.percent,
        s.missing,
        s.obsolete,
        s.unchanged,
        s.words,
        s.errors,
        s.warnings
    )
}
