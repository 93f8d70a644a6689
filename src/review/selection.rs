//! Which review rows and revision changes to show: `report diff --id GLOB
//! --status STATUS,…`.
//!
//! Filtering is part of the review, not of any one printer: every format
//! shows the same rows, and `--exit-code` judges what is shown.

use crate::review::status::{Row, Status};

/// The rows and changes a review keeps.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Selection<'a> {
    /// Keep only ids matching this glob (`*` any run, `?` any character).
    pub id: Option<&'a str>,
    /// Keep only rows with one of these statuses; empty keeps every status.
    /// Revision changes have no status and ignore it.
    pub statuses: &'a [Status],
}

impl Selection<'_> {
    /// Whether a message id is selected.
    pub(crate) fn keeps_id(&self, id: &str) -> bool {
        self.id.is_none_or(|glob| glob_match(glob, id))
    }

    /// Whether a review row is selected (by id and status).
    pub(crate) fn keeps_row(&self, row: &Row) -> bool {
        self.keeps_id(&row.id) && (self.statuses.is_empty() || self.statuses.contains(&row.status))
    }
}

/// Whether `text` matches `glob`: `*` matches any run of characters, `?`
/// any one, everything else itself.
pub(crate) fn glob_match(glob: &str, text: &str) -> bool {
    let (glob, text): (Vec<char>, Vec<char>) = (glob.chars().collect(), text.chars().collect());
    // Greedy match with one backtrack point: the last `*` seen, and where in
    // the text it started matching.
    let (mut g, mut t, mut star, mut mark) = (0, 0, None, 0);
    while t < text.len() {
        if g < glob.len() && (glob[g] == '?' || glob[g] == text[t]) {
            g += 1;
            t += 1;
        } else if g < glob.len() && glob[g] == '*' {
            star = Some(g);
            mark = t;
            g += 1;
        } else if let Some(s) = star {
            g = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("vote-*", "vote-hrc"));
        assert!(glob_match("*-title", "summary-title"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("vote-*", "votes"));
        assert!(glob_match("*", ""));
        assert!(glob_match("a*b*c", "a-x-b-y-c"));
        assert!(!glob_match("a*b*c", "a-x-b-y"));
        assert!(glob_match("-brand", "-brand"));
    }

    fn row(id: &str, status: Status) -> Row {
        Row {
            language: "en".to_owned(),
            id: id.to_owned(),
            status,
            source: None,
            translation: None,
            previous_source: None,
            source_changes: Vec::new(),
        }
    }

    #[test]
    fn selection_by_id_and_status() {
        let everything = Selection::default();
        assert!(everything.keeps_row(&row("title", Status::Ok)));
        let stale = [Status::Stale, Status::Missing];
        let chosen = Selection {
            id: Some("vote-*"),
            statuses: &stale,
        };
        assert!(chosen.keeps_row(&row("vote-hrc", Status::Stale)));
        assert!(!chosen.keeps_row(&row("vote-hrc", Status::Ok)));
        assert!(!chosen.keeps_row(&row("title", Status::Missing)));
        assert!(chosen.keeps_id("vote-un"));
    }
}
