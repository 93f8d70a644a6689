//! What changed in the messages between two revisions of the project
//! (`report diff --base REV [--head REV]`).
//!
//! Each revision becomes a [`Snapshot`]: every message's normalized text,
//! per language. Old revisions are read through git ([`crate::review::git`]);
//! the working tree is loaded like every other command loads it
//! ([`crate::review::working_tree`]), so its problems are reported. The
//! [`Change`]s list added, removed and changed messages in every language
//! with word-level changes, and flag each translation whose source changed
//! in the range while it did not.

use std::sync::Arc;

use indexmap::IndexMap;
use serde::Serialize;

use crate::diagnostic::{Code, Problem, Result, Source};
use crate::l10n::Catalog;
use crate::project::{BuildLayout, Language, Project};
use crate::review::git::{Git, GitError};
use crate::review::selection::Selection;
use crate::review::translation_lock::TranslationLock;
use crate::review::word_diff::{Piece, word_diff};
use crate::review::working_tree;

/// How a message changed between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ChangeKind {
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
    pub(crate) fn name(self) -> &'static str {
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
pub(crate) struct Change {
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
pub(crate) type Snapshot = IndexMap<String, IndexMap<String, String>>;

/// The revision a diff compares the base with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Head {
    /// The files as they are on disk, committed or not.
    WorkingTree,
    /// A git revision.
    Revision(String),
}

impl Head {
    /// `--head REV`, or the working tree without one.
    pub(crate) fn from_arg(revision: Option<&str>) -> Self {
        revision.map_or(Head::WorkingTree, |r| Head::Revision(r.to_owned()))
    }

    /// How output names it: the revision, or `working tree`.
    pub(crate) fn name(&self) -> &str {
        match self {
            Head::WorkingTree => "working tree",
            Head::Revision(revision) => revision,
        }
    }
}

/// The changes between two revisions, as `report diff --base` shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RevisionDiff {
    /// The base revision, as given.
    pub base: String,
    pub head: Head,
    /// The selected changes, language by language (source first),
    /// needs-review last.
    pub changes: Vec<Change>,
}

/// What changed from `base` to `head` in `languages` (and the source
/// language, whose changes make translations need review), selected.
pub(crate) fn revision_diff(
    project: &Project,
    base: &str,
    head: Head,
    languages: &[Language],
    selection: &Selection<'_>,
) -> Result<RevisionDiff> {
    let old = snapshot_at(project, base)?;
    let new = match &head {
        Head::Revision(revision) => snapshot_at(project, revision)?,
        Head::WorkingTree => snapshot(&working_tree::load(project, languages)?.catalogs),
    };
    let reviewed = locks_at(project, &head, languages)?;
    let mut changes = between(&old, &new, &project.manifest.source_language.tag, &reviewed);
    changes.retain(|c| selection.keeps_id(&c.id) && languages.iter().any(|l| l.tag == c.language));
    Ok(RevisionDiff {
        base: base.to_owned(),
        head,
        changes,
    })
}

/// The translations' lock files at `head`: what each translation was last
/// recorded (updated or accepted) as made from. A language without one has
/// none recorded.
fn locks_at(project: &Project, head: &Head, languages: &[Language]) -> Result<Locks> {
    let mut locks = Locks::new();
    for language in languages {
        let lock = match head {
            Head::WorkingTree => TranslationLock::load(project, language)?,
            Head::Revision(revision) => {
                let git = Git::new(&project.root);
                let prefix = run(git, &["rev-parse", "--show-prefix"])?;
                let path = BuildLayout::translation_lock(language);
                let named = format!(
                    "{revision}:{}{}",
                    prefix.trim(),
                    path.as_path().to_string_lossy().replace('\\', "/")
                );
                match git.run(&["show", &named]) {
                    Ok(text) => TranslationLock::parse(&Source::new(named, text))?,
                    Err(_) => TranslationLock::default(),
                }
            }
        };
        locks.insert(language.tag.clone(), lock);
    }
    Ok(locks)
}

/// Each translation's lock at the head of a revision diff, by tag.
type Locks = std::collections::HashMap<String, TranslationLock>;

/// The snapshot of catalogs already loaded (the working tree).
pub(crate) fn snapshot(catalogs: &IndexMap<String, Catalog>) -> Snapshot {
    catalogs
        .iter()
        .map(|(tag, catalog)| (tag.clone(), texts(catalog)))
        .collect()
}

/// Every entry's normalized text, by key.
fn texts(catalog: &Catalog) -> IndexMap<String, String> {
    catalog
        .entries
        .values()
        .map(|e| (e.key(), catalog.normalized(e).to_owned()))
        .collect()
}

/// The project's messages at a git revision, read through git itself.
pub(crate) fn snapshot_at(project: &Project, revision: &str) -> Result<Snapshot> {
    if revision.starts_with('-') || revision.is_empty() {
        // git would read it as an option.
        return Err(
            Problem::error(Code::Usage, format!("`{revision}` is not a git revision"))
                .with_hint("name a branch, tag or commit, e.g. --base origin/main")
                .into(),
        );
    }
    let git = Git::new(&project.root);
    let prefix = run(git, &["rev-parse", "--show-prefix"])?;
    let prefix = prefix.trim();
    // Fails early, with a clear message, when the revision is not there.
    let commit = format!("{revision}^{{commit}}");
    git.run(&["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| {
            Problem::error(
                Code::Git,
                format!("git revision `{revision}` was not found"),
            )
            .with_hint(fetch_hint(revision))
        })?;
    let mut snapshot = Snapshot::new();
    for language in &project.manifest.languages {
        let sources = sources_at(git, prefix, revision, language)?;
        snapshot.insert(language.tag.clone(), texts_of(language, sources));
    }
    Ok(snapshot)
}

/// What to do about a revision git does not have: fetch it, when it is a
/// name that can be fetched (never echo arbitrary text as a command).
fn fetch_hint(revision: &str) -> String {
    let fetchable = revision
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c));
    if fetchable {
        // `origin/main` is fetched as `main` from `origin`.
        let (remote, name) = revision.split_once('/').unwrap_or(("origin", revision));
        format!("in a shallow CI clone, fetch it first: git fetch --depth=1 {remote} {name}")
    } else {
        "check the revision's spelling (`git log --oneline` lists commits)".to_owned()
    }
}

/// The `.ftl` files of a language at a revision, named `REV:locales/…`.
fn sources_at(
    git: Git<'_>,
    prefix: &str,
    revision: &str,
    language: &Language,
) -> Result<Vec<Arc<Source>>> {
    // Git names paths with `/` whatever the platform.
    let locale = BuildLayout::locale_relative(&language.tag);
    let dir = format!("{prefix}{}/", locale.to_string_lossy().replace('\\', "/"));
    let listing = run(
        git,
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
        let text = run(git, &["show", &format!("{revision}:{path}")])?;
        let relative = path.strip_prefix(prefix).unwrap_or(path);
        sources.push(Source::new(
            format!("{revision}:{relative}"),
            crate::project::normalize_newlines(text),
        ));
    }
    Ok(sources)
}

fn texts_of(language: &Language, sources: Vec<Arc<Source>>) -> IndexMap<String, String> {
    // Syntax errors at an old revision are not this command's business:
    // the catalog's problems are left unread.
    texts(&Catalog::from_sources(language.clone(), sources))
}

/// Runs git for a revision diff; a failure says where to run it.
fn run(git: Git<'_>, args: &[&str]) -> Result<String> {
    git.run(args).map_err(|error| {
        let problem = Problem::from(&error);
        let problem = match error {
            GitError::Failed(_) => {
                problem.with_hint("run report diff --base inside a git checkout of the project")
            }
            GitError::NotInstalled | GitError::Spawn(_) => problem,
        };
        problem.into()
    })
}

/// What changed from `base` to `head`, language by language (source first),
/// then the translations that need review: those whose source changed
/// while they did not, unless `reviewed` (the head's locks) records them
/// as made from the new source (`report l10n accept` after a typo fix).
pub(crate) fn between(
    base: &Snapshot,
    head: &Snapshot,
    source_language: &str,
    reviewed: &Locks,
) -> Vec<Change> {
    let empty = IndexMap::new();
    let mut changes = Vec::new();
    for (tag, head_texts) in head {
        let base_texts = base.get(tag).unwrap_or(&empty);
        changes.extend(text_changes(tag, base_texts, head_texts));
    }
    if let (Some(source_base), Some(source_head)) =
        (base.get(source_language), head.get(source_language))
    {
        for (tag, head_texts) in head.iter().filter(|(tag, _)| *tag != source_language) {
            let base_texts = base.get(tag).unwrap_or(&empty);
            let source = (source_base, source_head);
            let lock = reviewed.get(tag.as_str());
            changes.extend(
                needs_review(tag, source, base_texts, head_texts)
                    .into_iter()
                    .filter(|c| {
                        !lock.is_some_and(|l| {
                            l.records
                                .get(&c.id)
                                .is_some_and(|r| Some(&r.source) == c.new.as_ref())
                        })
                    }),
            );
        }
    }
    changes
}

/// Messages of one language added, changed (in head order), then removed.
fn text_changes(
    tag: &str,
    base: &IndexMap<String, String>,
    head: &IndexMap<String, String>,
) -> Vec<Change> {
    let change = |id: &str, kind, old: Option<&String>, new: Option<&String>| Change {
        language: tag.to_owned(),
        id: id.to_owned(),
        kind,
        old: old.cloned(),
        new: new.cloned(),
        changes: match (kind, old, new) {
            (ChangeKind::Changed, Some(old), Some(new)) => word_diff(old, new),
            _ => Vec::new(),
        },
        translation: None,
    };
    let mut changes = Vec::new();
    for (id, new) in head {
        match base.get(id) {
            None => changes.push(change(id, ChangeKind::Added, None, Some(new))),
            Some(old) if old != new => {
                changes.push(change(id, ChangeKind::Changed, Some(old), Some(new)));
            }
            Some(_) => {}
        }
    }
    for (id, old) in base.iter().filter(|(id, _)| !head.contains_key(*id)) {
        changes.push(change(id, ChangeKind::Removed, Some(old), None));
    }
    changes
}

/// Translations in `tag` whose source text changed while they did not.
fn needs_review(
    tag: &str,
    (source_base, source_head): (&IndexMap<String, String>, &IndexMap<String, String>),
    base: &IndexMap<String, String>,
    head: &IndexMap<String, String>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for (id, new_source) in source_head {
        let Some(old_source) = source_base.get(id).filter(|old| *old != new_source) else {
            continue;
        };
        let (Some(before), Some(after)) = (base.get(id), head.get(id)) else {
            continue;
        };
        if before == after {
            changes.push(Change {
                language: tag.to_owned(),
                id: id.clone(),
                kind: ChangeKind::NeedsReview,
                old: Some(old_source.clone()),
                new: Some(new_source.clone()),
                changes: word_diff(old_source, new_source),
                translation: Some(after.clone()),
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let changes = between(&base, &head, "es", &Locks::new());
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
        assert_eq!(
            changes[0].changes.len(),
            2,
            "a changed text has its word diff"
        );
        assert!(changes[1].changes.is_empty(), "an added one has none");
    }

    #[test]
    fn the_head_is_named_for_output() {
        assert_eq!(Head::from_arg(None).name(), "working tree");
        assert_eq!(Head::from_arg(Some("HEAD")).name(), "HEAD");
    }
}
