//! `report diff --format json`: one document for tools, whose shape
//! docs/diff-json.md documents.

use serde_json::json;

use crate::review::history::RevisionDiff;
use crate::review::status::Row;

/// Version of the JSON output's shape (docs/diff-json.md).
pub(crate) const JSON_VERSION: u32 = 1;

/// The review: `mode` `review` and the rows.
pub(crate) fn review(rows: &[Row]) -> String {
    document(&json!({ "version": JSON_VERSION, "mode": "review", "rows": rows }))
}

/// The revision diff: `mode` `revisions`, both revisions and the changes.
pub(crate) fn revisions(diff: &RevisionDiff) -> String {
    document(&json!({
        "version": JSON_VERSION,
        "mode": "revisions",
        "base": diff.base,
        "head": diff.head.name(),
        "changes": diff.changes,
    }))
}

/// Pretty-printed, with a final newline.
fn document(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
