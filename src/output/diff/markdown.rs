//! `report diff --format markdown`: a table for a pull request comment,
//! deleted words ~~struck~~ and inserted ones **bold**.

use crate::review::history::{ChangeKind, RevisionDiff};
use crate::review::status::Row;
use crate::review::word_diff::{DiffOp, Piece};

/// The review as a table, then the tally.
pub(crate) fn review(rows: &[Row]) -> String {
    let mut text =
        String::from("| Language | Id | Status | Source | Translation |\n|---|---|---|---|---|\n");
    for row in rows {
        let source = if row.source_changes.is_empty() {
            row.source.as_deref().map(cell).unwrap_or_default()
        } else {
            changes(&row.source_changes)
        };
        text.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            row.language,
            row.id,
            row.status.name(),
            source,
            row.translation.as_deref().map(cell).unwrap_or_default()
        ));
    }
    text.push_str(&format!(
        "\n{} row(s): {}\n",
        rows.len(),
        super::status_counts(rows)
    ));
    text
}

/// The changes between two revisions as a table, then how many.
pub(crate) fn revisions(diff: &RevisionDiff) -> String {
    let mut text = format!(
        "**Translation changes** from `{}` to `{}`\n\n| Language | Id | Change | Text | Translation |\n|---|---|---|---|---|\n",
        diff.base,
        diff.head.name()
    );
    for change in &diff.changes {
        let body = match change.kind {
            ChangeKind::Added => change.new.as_deref().map(cell).unwrap_or_default(),
            ChangeKind::Removed => {
                format!(
                    "~~{}~~",
                    change.old.as_deref().map(cell).unwrap_or_default()
                )
            }
            ChangeKind::Changed | ChangeKind::NeedsReview => changes(&change.changes),
        };
        text.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            change.language,
            change.id,
            change.kind.name(),
            body,
            change.translation.as_deref().map(cell).unwrap_or_default()
        ));
    }
    text.push_str(&format!("\n{} change(s)\n", diff.changes.len()));
    text
}

/// Text for a table cell: no pipes or newlines, and no accidental markup
/// (a message's own `**bold**` shows as written).
fn cell(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A word diff in a cell. The marks go inside the spacing (`~~word~~ `),
/// which Markdown requires for them to count.
fn changes(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| {
            let text = cell(&p.text);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return text;
            }
            match p.op {
                DiffOp::Delete => text.replace(trimmed, &format!("~~{trimmed}~~")),
                DiffOp::Insert => text.replace(trimmed, &format!("**{trimmed}**")),
                DiffOp::Equal => text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::word_diff::word_diff;

    #[test]
    fn cells_escape_markup_and_mark_changes() {
        assert_eq!(cell("a|b\n*c*"), "a\\|b<br>\\*c\\*");
        assert_eq!(
            changes(&word_diff("Hola mundo", "Hola gente entera")),
            "Hola ~~mundo~~**gente entera**"
        );
    }
}
