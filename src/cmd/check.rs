//! `report check`: translation QA for editors and CI.

use std::io::Write as _;

use serde_json::json;

use crate::check::{self, Report};
use crate::cli::{CheckArgs, Deny, GlobalArgs, OutputFormat};
use crate::cmd::{EXIT_PROBLEMS, Failure, languages, load_project};
use crate::diagnostic::{Code, Problem, Problems, Severity, Warned};
use crate::workspace::Workspace;

/// Version of the JSON output's shape (docs/check-json.md).
pub const JSON_VERSION: u32 = 1;

/// Runs `report check`.
pub fn run(global: &GlobalArgs, args: &CheckArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    let wanted = languages(&project, &args.lang)?;
    let Warned {
        value: workspace,
        problems: load_problems,
    } = Workspace::load(project);
    let mut report = check::check(&workspace, load_problems, crate::check::Scope::All);
    let keep = |tag: &str| wanted.iter().any(|l| l.tag == tag);
    report
        .findings
        .retain(|f| f.language.as_deref().is_none_or(&keep));
    report.summaries.retain(|s| keep(&s.language));

    let errors = report.findings.iter().filter(|f| f.is_error()).count();
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    match args.format {
        OutputFormat::Json => print_json(&report),
        OutputFormat::Human => print_human(&report, global),
    }
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let stale = report
        .findings
        .iter()
        .filter(|f| f.code == Code::StaleTranslation)
        .count();
    let deny_stale = args.deny.contains(&Deny::Stale);
    if errors > 0 || (deny_warnings && warnings > 0) || (deny_stale && stale > 0) {
        // The findings were printed above; only the exit code is left to give.
        return Err(Failure {
            problems: Problems::default(),
            code: EXIT_PROBLEMS,
        });
    }
    Ok(())
}

fn print_json(report: &Report) {
    let findings: Vec<_> = report.findings.iter().map(finding_json).collect();
    let document = json!({
        "version": JSON_VERSION,
        "findings": findings,
        "summary": report.summaries,
    });
    let text = serde_json::to_string_pretty(&document).unwrap_or_default();
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// One finding as documented in docs/check-json.md.
pub fn finding_json(problem: &Problem) -> serde_json::Value {
    let (file, line, column) = match &problem.location {
        Some(location) => {
            let (line, column) = location.source.line_col(location.span.start);
            (
                Some(location.source.path.display().to_string()),
                Some(line),
                Some(column),
            )
        }
        None => (None, None, None),
    };
    json!({
        "severity": problem.severity_name(),
        "code": problem.code.as_str(),
        "language": problem.language,
        "file": file,
        "line": line,
        "column": column,
        "id": problem.id.as_deref().filter(|id| !id.is_empty()),
        "message": problem.message,
        "hint": problem.hint,
    })
}

fn print_human(report: &Report, global: &GlobalArgs) {
    let shown: Vec<Problem> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info || global.verbose > 0)
        .filter(|f| f.is_error() || !global.quiet)
        .cloned()
        .collect();
    crate::output::emit(&shown, global.color);
    if global.quiet {
        return;
    }
    let mut out = String::new();
    out.push_str("language     translated           missing  obsolete  unchanged  words   errors  warnings\n");
    for s in &report.summaries {
        let name = if s.source {
            format!("{} (source)", s.language)
        } else {
            s.language.clone()
        };
        out.push_str(&format!(
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
        ));
    }
    let errors = report.findings.iter().filter(|f| f.is_error()).count();
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let unchanged = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .count();
    out.push_str(&format!(
        "\n{errors} error(s), {warnings} warning(s), {unchanged} unchanged{}\n",
        if unchanged > 0 && global.verbose == 0 {
            " (list them with -v)"
        } else {
            ""
        }
    ));
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
