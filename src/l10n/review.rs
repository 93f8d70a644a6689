//! Reviewing translations: the source beside each translation, stale
//! translations, and what changed between two git revisions.
//!
//! A review [`Row`] pairs a source message with its translation and a
//! [`Status`]. *Stale* comes from the lock files ([`crate::l10n::lock`]): the
//! source text changed since the translation was recorded, and the
//! translation did not. A revision diff lists added, removed and changed
//! messages in every language with word-level changes, and flags each
//! translation whose source changed in the range while it did not.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use indexmap::IndexMap;
use serde::Serialize;

use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::l10n::lock::{Lock, Record, fingerprint};
use crate::l10n::{Catalog, Entry};
use crate::project::{Language, Project};

/// Where a translation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
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
}

/// A piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    /// The words (with their spacing).
    pub text: String,
}

/// The word-level changes from `old` to `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = similar::TextDiff::from_unicode_words(old, new);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => "equal",
            similar::ChangeTag::Delete => "delete",
            similar::ChangeTag::Insert => "insert",
        };
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

/// One message in one translation language, beside its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
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

fn key(entry: &Entry) -> String {
    if entry.is_term {
        format!("-{}", entry.id)
    } else {
        entry.id.clone()
    }
}

/// The review rows of one translation, in source order (obsolete last).
pub fn review(source: &Catalog, target: &Catalog, lock: &Lock) -> Vec<Row> {
    let language = target.language.tag.clone();
    let mut rows = Vec::new();
    for entry in source.entries.values() {
        let id = key(entry);
        let Some(translation) = target.entries.get(&id) else {
            rows.push(Row {
                language: language.clone(),
                id,
                status: Status::Missing,
                source: Some(source.normalized(entry)),
                translation: None,
                previous_source: None,
                source_changes: Vec::new(),
            });
            continue;
        };
        let record = lock.records.get(&id);
        let (source_text, translation_text) =
            (source.normalized(entry), target.normalized(translation));
        let stale = record.is_some_and(|r| {
            r.source != source_text && r.translation == fingerprint(&translation_text)
        });
        let status = if stale {
            Status::Stale
        } else if source_text == translation_text && has_words(&source_text) {
            Status::Unchanged
        } else {
            Status::Ok
        };
        let (previous_source, source_changes) = match (stale, record) {
            (true, Some(record)) => (
                Some(record.source.clone()),
                word_diff(&record.source, &source_text),
            ),
            _ => (None, Vec::new()),
        };
        rows.push(Row {
            language: language.clone(),
            id,
            status,
            source: Some(source_text),
            translation: Some(translation_text),
            previous_source,
            source_changes,
        });
    }
    for entry in target.entries.values() {
        let id = key(entry);
        if !source.entries.contains_key(&id) {
            rows.push(Row {
                language: language.clone(),
                id,
                status: Status::Obsolete,
                source: None,
                translation: Some(target.normalized(entry)),
                previous_source: None,
                source_changes: Vec::new(),
            });
        }
    }
    rows
}

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

/// Records every current translation that the lock does not know, or knows
/// and is not stale, as made from the current source. Stale ones are left
/// for review (`accept`). Records of messages that are gone are dropped.
/// Returns how many records were added or changed.
pub fn update_lock(source: &Catalog, target: &Catalog, lock: &mut Lock) -> usize {
    let rows = review(source, target, lock);
    let mut changed = 0;
    let mut records = BTreeMap::new();
    for row in rows {
        let (Some(source_text), Some(translation)) = (&row.source, &row.translation) else {
            continue;
        };
        let record = match (row.status, lock.records.get(&row.id)) {
            (Status::Stale, Some(old)) => old.clone(),
            _ => Record {
                source: source_text.clone(),
                translation: fingerprint(translation),
            },
        };
        if lock.records.get(&row.id) != Some(&record) {
            changed += 1;
        }
        records.insert(row.id, record);
    }
    changed += lock
        .records
        .keys()
        .filter(|id| !records.contains_key(*id))
        .count();
    lock.records = records;
    changed
}

/// Marks translations as reviewed against the current source: `ids`, or
/// every stale one when `ids` is empty. Unknown or untranslated ids are
/// errors. Returns the ids accepted.
pub fn accept(
    source: &Catalog,
    target: &Catalog,
    lock: &mut Lock,
    ids: &[String],
) -> Result<Vec<String>> {
    let rows = review(source, target, lock);
    let mut problems = Problems::default();
    let chosen: Vec<&Row> = if ids.is_empty() {
        rows.iter().filter(|r| r.status == Status::Stale).collect()
    } else {
        ids.iter()
            .filter_map(|id| {
                let row = rows
                    .iter()
                    .find(|r| &r.id == id && r.source.is_some() && r.translation.is_some());
                if row.is_none() {
                    let known = rows.iter().map(|r| r.id.as_str());
                    let hint = crate::suggest::closest(id, known).map_or_else(
                        || "name a message that both languages have".to_owned(),
                        |b| format!("did you mean `{b}`?"),
                    );
                    problems.push(
                        Problem::error(
                            Code::Usage,
                            format!(
                                "`{id}` is not a message translated in `{}`",
                                target.language
                            ),
                        )
                        .with_hint(hint),
                    );
                }
                row
            })
            .collect()
    };
    if problems.has_errors() {
        return Err(problems);
    }
    let mut accepted = Vec::new();
    for row in chosen {
        if let (Some(source_text), Some(translation)) = (&row.source, &row.translation) {
            lock.records.insert(
                row.id.clone(),
                Record {
                    source: source_text.clone(),
                    translation: fingerprint(translation),
                },
            );
            accepted.push(row.id.clone());
        }
    }
    Ok(accepted)
}

/// How a message changed between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// New in the head revision.
    Added,
    /// Gone in the head revision.
    Removed,
    /// Its text changed.
    Changed,
    /// A translation whose source changed in the range while it did not.
    NeedsReview,
}

impl ChangeKind {
    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::NeedsReview => "needs-review",
        }
    }
}

/// One change between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The language whose file changed (for needs-review: the translation).
    pub language: String,
    /// Message id (`-id` for terms).
    pub id: String,
    /// What happened.
    pub kind: ChangeKind,
    /// The text in the base revision (for needs-review: the source's).
    pub old: Option<String>,
    /// The text in the head revision (for needs-review: the source's).
    pub new: Option<String>,
    /// Word-level changes from `old` to `new`.
    pub changes: Vec<Piece>,
    /// For needs-review: the unchanged translation.
    pub translation: Option<String>,
}

/// Every message's normalized text, per language, at one revision.
pub type Snapshot = IndexMap<String, IndexMap<String, String>>;

/// The snapshot of catalogs already loaded (the working tree).
pub fn snapshot(catalogs: &IndexMap<String, Catalog>) -> Snapshot {
    catalogs
        .iter()
        .map(|(tag, catalog)| {
            let texts = catalog
                .entries
                .values()
                .map(|e| (key(e), catalog.normalized(e)))
                .collect();
            (tag.clone(), texts)
        })
        .collect()
}

/// The project's messages at a git revision, read through git itself.
pub fn snapshot_at(project: &Project, revision: &str) -> Result<Snapshot> {
    let prefix = git(&project.root, &["rev-parse", "--show-prefix"])?;
    let prefix = prefix.trim();
    // Fails early, with a clear message, when the revision is not there.
    git(
        &project.root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{revision}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        Problems::from(
            Problem::error(
                Code::Git,
                format!("git revision `{revision}` was not found"),
            )
            .with_hint(format!(
                "in a shallow CI clone, fetch it first: git fetch --depth=1 origin {revision}"
            )),
        )
    })?;
    let mut snapshot = Snapshot::new();
    for language in &project.manifest.languages {
        let dir = format!("{prefix}locales/{}/", language.tag);
        let listing = git(
            &project.root,
            &[
                "ls-tree",
                "-r",
                "--name-only",
                "--full-tree",
                revision,
                "--",
                &dir,
            ],
        )?;
        let mut sources = Vec::new();
        for path in listing.lines().filter(|p| p.ends_with(".ftl")) {
            let text = git(&project.root, &["show", &format!("{revision}:{path}")])?;
            let relative = path.strip_prefix(prefix).unwrap_or(path);
            sources.push(Source::new(
                format!("{revision}:{relative}"),
                text.replace("\r\n", "\n"),
            ));
        }
        snapshot.insert(language.tag.clone(), texts_of(language, sources));
    }
    Ok(snapshot)
}

fn texts_of(language: &Language, sources: Vec<Arc<Source>>) -> IndexMap<String, String> {
    // Syntax errors at an old revision are not this command's business.
    let mut ignored = Problems::default();
    let catalog = Catalog::from_sources(language.clone(), sources, &mut ignored);
    catalog
        .entries
        .values()
        .map(|e| (key(e), catalog.normalized(e)))
        .collect()
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            let problem = if e.kind() == std::io::ErrorKind::NotFound {
                Problem::error(Code::Git, "`git` was not found")
                    .with_hint("install git to compare revisions")
            } else {
                Problem::error(Code::Git, format!("failed to run git ({e})"))
            };
            Problems::from(problem)
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(Problem::error(
            Code::Git,
            format!("`git {}` failed: {stderr}", args.join(" ")),
        )
        .with_hint("run report diff --base inside a git checkout of the project")
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// What changed from `base` to `head`, language by language (source first).
pub fn between(base: &Snapshot, head: &Snapshot, source_language: &str) -> Vec<Change> {
    let empty = IndexMap::new();
    let mut changes = Vec::new();
    for (tag, head_texts) in head {
        let base_texts = base.get(tag).unwrap_or(&empty);
        for (id, new) in head_texts {
            match base_texts.get(id) {
                None => changes.push(Change {
                    language: tag.clone(),
                    id: id.clone(),
                    kind: ChangeKind::Added,
                    old: None,
                    new: Some(new.clone()),
                    changes: Vec::new(),
                    translation: None,
                }),
                Some(old) if old != new => changes.push(Change {
                    language: tag.clone(),
                    id: id.clone(),
                    kind: ChangeKind::Changed,
                    old: Some(old.clone()),
                    new: Some(new.clone()),
                    changes: word_diff(old, new),
                    translation: None,
                }),
                Some(_) => {}
            }
        }
        for (id, old) in base_texts {
            if !head_texts.contains_key(id) {
                changes.push(Change {
                    language: tag.clone(),
                    id: id.clone(),
                    kind: ChangeKind::Removed,
                    old: Some(old.clone()),
                    new: None,
                    changes: Vec::new(),
                    translation: None,
                });
            }
        }
    }
    let (Some(source_base), Some(source_head)) =
        (base.get(source_language), head.get(source_language))
    else {
        return changes;
    };
    for (tag, head_texts) in head
        .iter()
        .filter(|(tag, _)| tag.as_str() != source_language)
    {
        let base_texts = base.get(tag).unwrap_or(&empty);
        for (id, new_source) in source_head {
            let Some(old_source) = source_base.get(id) else {
                continue;
            };
            if old_source == new_source {
                continue;
            }
            let (Some(before), Some(after)) = (base_texts.get(id), head_texts.get(id)) else {
                continue;
            };
            if before == after {
                changes.push(Change {
                    language: tag.clone(),
                    id: id.clone(),
                    kind: ChangeKind::NeedsReview,
                    old: Some(old_source.clone()),
                    new: Some(new_source.clone()),
                    changes: word_diff(old_source, new_source),
                    translation: Some(after.clone()),
                });
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diffs_group_runs() {
        let pieces = word_diff("the quick brown fox", "the slow brown fox jumps");
        let ops: Vec<(&str, &str)> = pieces.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("equal", "the "),
                ("delete", "quick"),
                ("insert", "slow"),
                ("equal", " brown fox"),
                ("insert", " jumps")
            ]
        );
    }

    fn snap(entries: &[(&str, &[(&str, &str)])]) -> Snapshot {
        entries
            .iter()
            .map(|(tag, texts)| {
                (
                    tag.to_string(),
                    texts
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn revision_changes_and_needs_review() {
        let base = snap(&[
            ("es", &[("a", "Hola"), ("b", "Adiós"), ("c", "Sí")]),
            ("en", &[("a", "Hello"), ("b", "Bye"), ("c", "Yes")]),
        ]);
        let head = snap(&[
            ("es", &[("a", "Hola mundo"), ("c", "Sí"), ("d", "Nuevo")]),
            ("en", &[("a", "Hello"), ("c", "Yes!")]),
        ]);
        let changes = between(&base, &head, "es");
        let summary: Vec<(&str, &str, &str)> = changes
            .iter()
            .map(|c| (c.language.as_str(), c.id.as_str(), c.kind.name()))
            .collect();
        assert_eq!(
            summary,
            [
                ("es", "a", "changed"),
                ("es", "d", "added"),
                ("es", "b", "removed"),
                ("en", "c", "changed"),
                ("en", "b", "removed"),
                ("en", "a", "needs-review"),
            ]
        );
    }
}
