//! `report diff`: review translations in a terminal, a pull request comment
//! (Markdown), a tool (JSON) or a browser (a standalone HTML page). The
//! review and the revision diff are the library's ([`crate::review::status`],
//! [`crate::review::history`]); the printers are [`crate::output::diff`]'s.

use std::io::Write as _;

use crate::cli::{DiffArgs, DiffFormat, GlobalArgs};
use crate::cmd::translations;
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::{Code, Problem, Problems};
use crate::output::diff::{self as printer, Format, Shown, Styling};
use crate::review::history::{self, Head};
use crate::review::selection::Selection;
use crate::review::status::{self, Status};

/// Runs `report diff`.
/// Says on standard error which of `targets` have no lock file: their
/// rows can never be stale, and an empty list would look like good news.
fn warn_of_missing_locks(
    project: &crate::project::Project,
    targets: &[crate::project::Language],
    global: &GlobalArgs,
) {
    let mut problems = Problems::default();
    for language in targets {
        let missing = crate::review::translation_lock::TranslationLock::load(project, language)
            .is_ok_and(|lock| !lock.exists());
        if missing {
            problems.push(crate::review::translation_lock::missing_problem(language));
        }
    }
    if !problems.is_empty() {
        crate::output::emit(&problems, global.color());
    }
}

pub(super) fn run(global: &GlobalArgs, args: &DiffArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    let targets = translations(&project, &args.lang)?;
    let statuses: Vec<Status> = args.status.iter().copied().map(Status::from).collect();
    let selection = Selection {
        id: args.id.as_deref(),
        statuses: &statuses,
    };
    let format = match args.format {
        DiffFormat::Terminal => Format::Terminal(Styling::for_stdout(global.color())),
        DiffFormat::Markdown => Format::Markdown,
        DiffFormat::Json => Format::Json,
        DiffFormat::Html => Format::Html,
    };
    let source = project.manifest.source_language.tag.as_str();
    let (out, flagged) = match &args.base {
        None => {
            let rows = status::review_working_tree(&project, &targets, &selection)?;
            warn_of_missing_locks(&project, &targets, global);
            let flagged = rows.iter().any(|r| r.status.needs_work());
            (
                printer::render(Shown::Review(&rows), format, source),
                flagged,
            )
        }
        Some(base) => {
            // Without --lang, every language's own changes show, the source's too.
            let shown = if args.lang.is_empty() {
                project.manifest.languages.clone()
            } else {
                targets
            };
            let head = Head::from_arg(args.head.as_deref());
            let diff = history::revision_diff(&project, base, head, &shown, &selection)?;
            let flagged = !diff.changes.is_empty();
            (
                printer::render(Shown::Revisions(&diff), format, source),
                flagged,
            )
        }
    };
    std::io::stdout()
        .lock()
        .write_all(&out)
        .map_err(|e| Problem::error(Code::Io, format!("failed to write the diff ({e})")))?;
    if args.exit_code && flagged {
        return Err(Failure {
            problems: Problems::default(),
            code: EXIT_PROBLEMS,
        });
    }
    Ok(())
}
