//! `report diff`'s output: the review rows or the revision changes, in one
//! of four formats, each in its own file.
//!
//! Every printer returns the whole output, which the command writes at
//! once: a failed write is then one error, not a half-printed table.

pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod terminal;

use crate::review::history::RevisionDiff;
use crate::review::status::{Row, Status};

pub(crate) use terminal::Styling;

/// What `report diff` shows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shown<'a> {
    /// Each message beside its translation (no `--base`).
    Review(&'a [Row]),
    /// What changed between two revisions (`--base`).
    Revisions(&'a RevisionDiff),
}

/// How `report diff` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Aligned and wrapped for a terminal, colored or marked
    /// `[-old-]{+new+}`.
    Terminal(Styling),
    /// A table for a pull request comment.
    Markdown,
    /// One document for tools (docs/diff-json.md).
    Json,
    /// A standalone page.
    Html,
}

/// The whole output of `report diff`; `source` is the source language's
/// tag (the language of the source texts, for the HTML page's `lang`).
pub(crate) fn render(shown: Shown<'_>, format: Format, source: &str) -> Vec<u8> {
    match (format, shown) {
        (Format::Terminal(styling), Shown::Review(rows)) => terminal::review(rows, styling),
        (Format::Terminal(styling), Shown::Revisions(diff)) => terminal::revisions(diff, styling),
        (Format::Markdown, Shown::Review(rows)) => markdown::review(rows).into_bytes(),
        (Format::Markdown, Shown::Revisions(diff)) => markdown::revisions(diff).into_bytes(),
        (Format::Json, Shown::Review(rows)) => json::review(rows).into_bytes(),
        (Format::Json, Shown::Revisions(diff)) => json::revisions(diff).into_bytes(),
        (Format::Html, Shown::Review(rows)) => html::review(rows, source).into_bytes(),
        (Format::Html, Shown::Revisions(diff)) => html::revisions(diff, source).into_bytes(),
    }
}

/// The closing line's tally, `2 ok, 1 stale`, in [`Status::ALL`] order.
fn status_counts(rows: &[Row]) -> String {
    let counts: Vec<String> = Status::ALL
        .into_iter()
        .filter_map(|status| {
            let n = rows.iter().filter(|r| r.status == status).count();
            (n > 0).then(|| format!("{n} {}", status.name()))
        })
        .collect();
    if counts.is_empty() {
        "nothing to show".to_owned()
    } else {
        counts.join(", ")
    }
}
