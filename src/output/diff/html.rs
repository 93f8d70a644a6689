//! `report diff --format html`: a standalone page, readable on a phone,
//! with deleted words in `<del>` and inserted ones in `<ins>`. Every text
//! is escaped: messages are shown, never interpreted.

use crate::escape::html as escape;
use crate::review::history::{ChangeKind, RevisionDiff};
use crate::review::status::Row;
use crate::review::word_diff::{DiffOp, Piece};

/// The review as a page; `source` is the source language's tag.
pub(crate) fn review(rows: &[Row], source_language: &str) -> String {
    let mut body = String::from(
        "<table>\n<thead><tr><th>Language</th><th>Id</th><th>Status</th><th>Source</th><th>Translation</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let source = if row.source_changes.is_empty() {
            row.source.as_deref().map(escape).unwrap_or_default()
        } else {
            changes(&row.source_changes)
        };
        body.push_str(&format!(
            "<tr class=\"{status}\"><td>{}</td><td><code>{}</code></td><td class=\"status\">{status}</td><td lang=\"{}\">{source}</td><td lang=\"{}\">{}</td></tr>\n",
            escape(&row.language),
            escape(&row.id),
            escape(source_language),
            escape(&row.language),
            row.translation.as_deref().map(escape).unwrap_or_default(),
            status = row.status.name(),
        ));
    }
    body.push_str(&format!(
        "</tbody>\n</table>\n<p>{} row(s): {}</p>\n",
        rows.len(),
        escape(&super::status_counts(rows))
    ));
    page("Translation review", &body)
}

/// The changes between two revisions as a page; `source` is the source
/// language's tag (a needs-review row shows the source's text).
pub(crate) fn revisions(diff: &RevisionDiff, source_language: &str) -> String {
    let mut body = String::from(
        "<table>\n<thead><tr><th>Language</th><th>Id</th><th>Change</th><th>Text</th><th>Translation</th></tr></thead>\n<tbody>\n",
    );
    for change in &diff.changes {
        let text = match change.kind {
            ChangeKind::Added => format!(
                "<ins>{}</ins>",
                change.new.as_deref().map(escape).unwrap_or_default()
            ),
            ChangeKind::Removed => format!(
                "<del>{}</del>",
                change.old.as_deref().map(escape).unwrap_or_default()
            ),
            ChangeKind::Changed | ChangeKind::NeedsReview => changes(&change.changes),
        };
        let text_language = match change.kind {
            ChangeKind::NeedsReview => source_language,
            _ => &change.language,
        };
        body.push_str(&format!(
            "<tr class=\"{kind}\"><td>{}</td><td><code>{}</code></td><td class=\"status\">{kind}</td><td lang=\"{}\">{text}</td><td lang=\"{}\">{}</td></tr>\n",
            escape(&change.language),
            escape(&change.id),
            escape(text_language),
            escape(&change.language),
            change.translation.as_deref().map(escape).unwrap_or_default(),
            kind = change.kind.name(),
        ));
    }
    body.push_str(&format!(
        "</tbody>\n</table>\n<p>{} change(s)</p>\n",
        diff.changes.len()
    ));
    let title = format!("Translation changes: {} → {}", diff.base, diff.head.name());
    page(&title, &body)
}

/// A word diff, escaped, changes in `<del>` and `<ins>`.
fn changes(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p.op {
            DiffOp::Delete => format!("<del>{}</del>", escape(&p.text)),
            DiffOp::Insert => format!("<ins>{}</ins>", escape(&p.text)),
            DiffOp::Equal => escape(&p.text),
        })
        .collect()
}

/// The page around a table: its own small stylesheet, so that the file can
/// be attached or opened anywhere.
fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.45em 0.6em; border-bottom: 1px solid #ddd; }}
th {{ background: #f4f4f4; position: sticky; top: 0; }}
td:nth-child(4), td:nth-child(5) {{ width: 35%; font-family: Georgia, serif; }}
del {{ background: #ffd7d5; color: #82071e; }}
ins {{ background: #d1f8d9; color: #055d20; text-decoration: none; }}
.status {{ font-weight: bold; white-space: nowrap; }}
tr.stale .status, tr.missing .status, tr.removed .status {{ color: #b3261e; }}
tr.needs-review .status {{ color: #8250df; }}
tr.ok .status, tr.added .status {{ color: #1a7f37; }}
tr.unchanged .status, tr.obsolete .status, tr.changed .status {{ color: #9a6700; }}
@media (max-width: 40rem) {{ td, th {{ display: block; width: auto !important; }} thead {{ display: none; }} tr {{ display: block; border-bottom: 2px solid #ccc; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
{body}</body>
</html>
"#,
        title = escape(title)
    )
}
