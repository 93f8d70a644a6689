//! Why an edition overprints, when a table is the reason: `table-overflow`.
//!
//! A table wider than its column or page at its natural width is shrunk by
//! Typst until its headings break inside words and its figures run into
//! each other, which preflight finds as `text-overlap`. The template
//! library marks each such table (`overflow-marks`, a `metadata` labelled
//! `<report-table-overflow>` holding its name); only when an edition
//! overprints does `report` ask Typst for the marks (`typst query`, a
//! second compile), so an edition that is fine costs nothing more.

use crate::diagnostic::{Code, Problem, Problems, Warned};
use crate::typst::{Compile, Typst};

/// The label the library gives its marks.
const MARK: &str = "report-table-overflow";

/// `table-overflow` warnings for the marked tables of `job`'s edition, when
/// what publishing it found (`published`) includes overprinted text;
/// nothing otherwise, or when Typst cannot be asked.
pub(super) fn explain_overprint(
    typst: &Typst,
    job: &Compile,
    published: &Result<Warned<()>, Problems>,
) -> Problems {
    let found = match published {
        Ok(warned) => &warned.warnings,
        Err(problems) => problems,
    };
    if !found.iter().any(|p| p.code == Code::TextOverlap) {
        return Problems::default();
    }
    let Ok(marks) = typst.query(job, MARK) else {
        return Problems::default();
    };
    let mut names: Vec<String> = marks
        .iter()
        .map(|m| m.as_str().map_or_else(|| m.to_string(), str::to_owned))
        .collect();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            Problem::warning(
                Code::TableOverflow,
                format!(
                    "the table “{}” is wider than its column or page; its cells run into each other",
                    name.trim()
                ),
            )
            .with_hint(
                "give it fewer or narrower columns (shorter headings, figures in thousands or millions), \
                 a smaller text size, or a landscape page; in a two-column edition it is already set across both columns",
            )
        })
        .collect()
}
