//! Reviewing translations: each source message beside its translation,
//! with where the translation stands ([`Status`]).
//!
//! *Stale* comes from the translation lock files
//! ([`crate::review::translation_lock`]): the source text changed since the
//! translation was recorded, and the translation did not. What changed
//! between two git revisions is [`crate::review::history`]'s business.

use serde::Serialize;

use crate::diagnostic::Result;
use crate::l10n::{Catalog, Entry};
use crate::project::{Language, Project};
use crate::review::selection::Selection;
use crate::review::translation_lock::{TranslationLock, fingerprint};
use crate::review::word_diff::{Piece, word_diff};
use crate::review::working_tree;

/// Where a translation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Translated, and the source has not changed since.
    Ok,
    /// The translation lacks the message.
    Missing,
    /// The source changed since the translation was made; the translation did not.
    Stale,
    /// The translation is identical to the source.
    Unchanged,
    /// The translation has a message the source does not.
    Obsolete,
}

impl Status {
    /// Every status, in the order summaries list them.
    pub const ALL: [Status; 5] = [
        Status::Ok,
        Status::Missing,
        Status::Stale,
        Status::Unchanged,
        Status::Obsolete,
    ];

    /// The name used in output and filters.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Stale => "stale",
            Status::Unchanged => "unchanged",
            Status::Obsolete => "obsolete",
        }
    }

    /// Whether the translation needs work: missing or stale (what
    /// `report diff --exit-code` fails on).
    pub fn needs_work(self) -> bool {
        matches!(self, Status::Stale | Status::Missing)
    }
}

/// One message in one translation language, beside its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Row {
    /// The translation language.
    pub language: String,
    /// Message id (`-id` for terms).
    pub id: String,
    /// Where the translation stands.
    pub status: Status,
    /// The source text now (absent for obsolete messages).
    pub source: Option<String>,
    /// The translation (absent for missing messages).
    pub translation: Option<String>,
    /// For stale rows: the source text the translation was made from.
    pub previous_source: Option<String>,
    /// For stale rows: word-level changes from the previous source to the current one.
    pub source_changes: Vec<Piece>,
}

/// The selected review rows of each of `targets` in the working tree,
/// language by language. Fails on the working tree's load errors in the
/// source or a target, and on a lock file that does not parse.
pub(crate) fn review_working_tree(
    project: &Project,
    targets: &[Language],
    selection: &Selection<'_>,
) -> Result<Vec<Row>> {
    let workspace = working_tree::load(project, targets)?;
    // `Workspace::load` loads a catalog for every language of the manifest.
    let Some(source) = workspace.source_catalog() else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for language in targets {
        let Some(target) = workspace.catalog(language) else {
            continue;
        };
        let lock = TranslationLock::load(project, language)?;
        rows.extend(review(source, target, &lock));
    }
    rows.retain(|row| selection.keeps_row(row));
    Ok(rows)
}

/// The review rows of one translation, in source order (obsolete last).
pub(crate) fn review(source: &Catalog, target: &Catalog, lock: &TranslationLock) -> Vec<Row> {
    let language = &target.language.tag;
    let mut rows: Vec<Row> = source
        .entries
        .values()
        .map(|entry| {
            let id = entry.key();
            match target.entries.get(&id) {
                Some(translation) => translated_row(source, entry, target, translation, lock),
                None => Row {
                    source: Some(source.normalized(entry).to_owned()),
                    ..Row::new(language, id, Status::Missing)
                },
            }
        })
        .collect();
    for entry in target.entries.values() {
        let id = entry.key();
        if !source.entries.contains_key(&id) {
            rows.push(Row {
                translation: Some(target.normalized(entry).to_owned()),
                ..Row::new(language, id, Status::Obsolete)
            });
        }
    }
    rows
}

impl Row {
    /// A row with no texts yet.
    fn new(language: &str, id: String, status: Status) -> Self {
        Self {
            language: language.to_owned(),
            id,
            status,
            source: None,
            translation: None,
            previous_source: None,
            source_changes: Vec::new(),
        }
    }
}

/// The row of a message both languages have: stale when the lock says the
/// translation was made from another source text and has not changed since.
fn translated_row(
    source: &Catalog,
    entry: &Entry,
    target: &Catalog,
    translation: &Entry,
    lock: &TranslationLock,
) -> Row {
    let id = entry.key();
    let (source_text, translation_text) =
        (source.normalized(entry), target.normalized(translation));
    let stale_record = lock
        .records
        .get(&id)
        .filter(|r| r.source != source_text && r.translation == fingerprint(translation_text));
    let status = if stale_record.is_some() {
        Status::Stale
    } else if source_text == translation_text && has_words(source_text) {
        Status::Unchanged
    } else {
        Status::Ok
    };
    let mut row = Row::new(&target.language.tag, id, status);
    if let Some(record) = stale_record {
        row.source_changes = word_diff(&record.source, source_text);
        row.previous_source = Some(record.source.clone());
    }
    row.source = Some(source_text.to_owned());
    row.translation = Some(translation_text.to_owned());
    row
}

/// Whether a normalized text has a letter outside placeables: a text made
/// only of `{ $n }` is the same in every language, not an untranslated one.
fn has_words(text: &str) -> bool {
    let mut depth = 0usize;
    text.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && c.is_alphabetic()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeables_alone_are_not_words() {
        assert!(!has_words("{ $n } { NUMBER($x) }"));
        assert!(has_words("{ $n } votos"));
    }

    #[test]
    fn only_missing_and_stale_need_work() {
        let needing: Vec<Status> = Status::ALL.into_iter().filter(|s| s.needs_work()).collect();
        assert_eq!(needing, [Status::Missing, Status::Stale]);
    }
}
