//! Word-level differences between two texts: what review and revision
//! diffs show of a changed source.
//!
//! Kept apart from both so that each printer matches on one [`DiffOp`]
//! enum instead of the strings `"equal"`, `"delete"` and `"insert"`; the
//! enum serializes to those same strings, which docs/diff-json.md documents.

use serde::Serialize;

/// What a [`Piece`] of a word diff does to the old text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DiffOp {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

impl From<similar::ChangeTag> for DiffOp {
    fn from(tag: similar::ChangeTag) -> Self {
        match tag {
            similar::ChangeTag::Equal => DiffOp::Equal,
            similar::ChangeTag::Delete => DiffOp::Delete,
            similar::ChangeTag::Insert => DiffOp::Insert,
        }
    }
}

/// A run of words that one [`DiffOp`] applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Piece {
    /// Whether the words are kept, deleted or inserted.
    pub op: DiffOp,
    /// The words (with their spacing).
    pub text: String,
}

/// The word-level changes from `old` to `new`, consecutive words with the
/// same operation joined into one piece.
pub(crate) fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = similar::TextDiff::from_unicode_words(old, new);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = DiffOp::from(change.tag());
        match pieces.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => pieces.push(Piece {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    pieces
}

/// `pieces` as plain text with the changes marked `[-old-]{+new+}` (as
/// `git diff --word-diff` does), for where there is no colour.
pub(crate) fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p.op {
            DiffOp::Delete => format!("[-{}-]", p.text),
            DiffOp::Insert => format!("{{+{}+}}", p.text),
            DiffOp::Equal => p.text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diffs_group_runs() {
        let pieces = word_diff("the quick brown fox", "the slow brown fox jumps");
        let ops: Vec<(DiffOp, &str)> = pieces.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (DiffOp::Equal, "the "),
                (DiffOp::Delete, "quick"),
                (DiffOp::Insert, "slow"),
                (DiffOp::Equal, " brown fox"),
                (DiffOp::Insert, " jumps")
            ]
        );
    }

    #[test]
    fn operations_serialize_to_the_documented_strings() {
        for (op, name) in [
            (DiffOp::Equal, "equal"),
            (DiffOp::Delete, "delete"),
            (DiffOp::Insert, "insert"),
        ] {
            assert_eq!(
                serde_json::to_value(op).ok(),
                Some(serde_json::Value::from(name))
            );
        }
        let piece = Piece {
            op: DiffOp::Insert,
            text: " entero".to_owned(),
        };
        assert_eq!(
            serde_json::to_string(&piece).ok().as_deref(),
            Some(r#"{"op":"insert","text":" entero"}"#)
        );
    }
}
