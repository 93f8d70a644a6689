//! Translation lock files: which source text each translation was made from.
//!
//! `locales/<lang>.lock` (one per translation language, kept in git) records,
//! for every translated message, the source text it was translated from and
//! a fingerprint of the translation. When the source text changes and the
//! translation does not, the translation is *stale*. No git history is
//! needed, so it works in any checkout.
//!
//! The file is TOML with one line per message, sorted by id: deterministic,
//! and two branches that touch different messages merge without conflict.
//!
//! ```toml
//! summary-title = { source = "Resumen", translation = "5d41402abc4b2a76" }
//! ```
//!
//! The type is [`TranslationLock`], not `Lock`: `report` also has a build
//! lock (one render at a time per build directory) and a Typst install
//! lock, and the three have nothing in common. Recording translations
//! (`report l10n update`, `report l10n accept`) lives here too, beside the
//! file it changes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::l10n::Catalog;
use crate::platform::files::Transaction;
use crate::project::{BuildLayout, Language, Project, decode_utf8};
use crate::review::status::{Row, Status, review};

/// What the lock remembers of one translated message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Record {
    /// The source text (normalized) the translation was made from.
    pub source: String,
    /// Fingerprint of the translation's text at that time.
    pub translation: String,
}

/// One language's lock file: what each of its translations was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationLock {
    /// Records by message id, sorted.
    pub records: BTreeMap<String, Record>,
    /// Whether it was read from a file.
    on_disk: bool,
}

/// What `report l10n update` did to one lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// Records added or changed.
    pub recorded: usize,
    /// Records already current.
    pub kept: usize,
    /// Records of messages that are gone.
    pub dropped: usize,
    /// Stale translations, not recorded: their source changed since they
    /// were made, so they wait for review (`report l10n accept`).
    pub stale: Vec<String>,
}

/// Which translations `report l10n accept` records as reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptScope<'a> {
    /// Every stale translation (no ids on the command line).
    EveryStale,
    /// These message ids (`-id` for terms).
    Only(&'a [String]),
}

impl<'a> AcceptScope<'a> {
    /// The ids named on the command line; none means every stale one.
    pub fn from_ids(ids: &'a [String]) -> Self {
        if ids.is_empty() {
            AcceptScope::EveryStale
        } else {
            AcceptScope::Only(ids)
        }
    }
}

/// Where a language's lock file lives.
pub(crate) fn path(project: &Project, language: &Language) -> PathBuf {
    project.root.join(BuildLayout::translation_lock(language))
}

/// Where a language's lock file lives, relative to the project (as shown).
pub(crate) fn display_path(language: &Language) -> PathBuf {
    BuildLayout::translation_lock(language).into()
}

/// The warning for a translation without a lock file: nothing records what
/// its messages were translated from, so none can be told stale.
pub(crate) fn missing_problem(language: &Language) -> Problem {
    let path = display_path(language);
    Problem::warning(
        Code::MissingLock,
        format!(
            "`{language}` has no lock file ({}): its stale translations cannot be detected",
            path.display()
        ),
    )
    .with_hint(format!(
        "run `report l10n update --lang {language}` to record what the translations were made from, and commit {}",
        path.display()
    ))
}

/// The fingerprint of a translation's text recorded in the lock: 64-bit
/// FNV-1a as 16 hex digits. It is part of the lock file's format, which
/// users commit: another hash would make every recorded translation look
/// changed, so it stays (it detects edits; it is no security measure).
pub(crate) fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl TranslationLock {
    /// Reads a language's lock file; a missing file is an empty lock.
    pub fn load(project: &Project, language: &Language) -> Result<Self> {
        let display = BuildLayout::translation_lock(language);
        // Through the sandbox: a lock file linked from outside the project
        // is never read (its text would be quoted in errors).
        let Some(bytes) = project.files.read_optional(&display)? else {
            return Ok(Self::default());
        };
        let text = decode_utf8(&display, bytes)?;
        let mut lock = Self::parse(&Source::new(display, text))?;
        lock.on_disk = true;
        Ok(lock)
    }

    /// Parses lock file text.
    pub fn parse(source: &Arc<Source>) -> Result<Self> {
        toml::from_str::<BTreeMap<String, Record>>(&source.text)
            .map(|records| Self {
                records,
                on_disk: false,
            })
            .map_err(|e| {
                Problem::error(Code::Lock, format!("invalid lock file: {}", e.message().trim_end()))
                    .at(source, e.span().unwrap_or(0..0))
                    .with_hint("lock files are written by `report l10n update`; restore it from git or run that command")
                    .into()
            })
    }

    /// The file's text: a header, then one sorted line per record.
    pub fn to_text(&self, language: &Language) -> String {
        let mut text = format!(
            "# Source texts the {language} translations were made from.\n\
             # Written by `report l10n update` and `report l10n accept`; commit it.\n"
        );
        for (id, record) in &self.records {
            let key = if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                id.clone()
            } else {
                basic_string(id)
            };
            text.push_str(&format!(
                "{key} = {{ source = {}, translation = {} }}\n",
                basic_string(&record.source),
                basic_string(&record.translation)
            ));
        }
        text
    }

    /// Adds the lock file to `transaction`: it is written when the
    /// transaction commits, with the files it records.
    pub fn stage(
        &self,
        transaction: &mut Transaction<'_>,
        project: &Project,
        language: &Language,
    ) -> Result<()> {
        transaction.stage(&path(project, language), self.to_text(language).as_bytes())
    }

    /// Records every current translation that the lock does not know, or
    /// knows and is not stale, as made from the current source (`report
    /// l10n update`). Stale ones are left for review ([`Self::accept`]) and
    /// named in what comes back. Records of messages that are gone are
    /// dropped.
    pub fn update(&mut self, source: &Catalog, target: &Catalog) -> Updated {
        let mut updated = Updated::default();
        let mut records = BTreeMap::new();
        for row in review(source, target, self) {
            let Some(current) = Record::of(&row) else {
                continue;
            };
            let record = match (row.status, self.records.get(&row.id)) {
                (Status::Stale, Some(old)) => {
                    updated.stale.push(row.id.clone());
                    old.clone()
                }
                _ => current,
            };
            if self.records.get(&row.id) != Some(&record) {
                updated.recorded += 1;
            }
            records.insert(row.id, record);
        }
        updated.dropped = (self.records.keys())
            .filter(|id| !records.contains_key(*id))
            .count();
        updated.kept = records.len() - updated.recorded - updated.stale.len();
        self.records = records;
        updated
    }

    /// Whether the lock was read from a file (a translation without one
    /// cannot be checked for stale text).
    pub fn exists(&self) -> bool {
        self.on_disk
    }

    /// Records translations as reviewed against the current source (`report
    /// l10n accept`). Ids that are not translated messages are errors, and
    /// then nothing is recorded. Returns the ids accepted.
    pub fn accept(
        &mut self,
        source: &Catalog,
        target: &Catalog,
        scope: AcceptScope<'_>,
    ) -> Result<Vec<String>> {
        let rows = review(source, target, self);
        let chosen: Vec<&Row> = match scope {
            AcceptScope::EveryStale => rows.iter().filter(|r| r.status == Status::Stale).collect(),
            AcceptScope::Only(ids) => translated_rows(&rows, ids, &target.language)?,
        };
        let mut accepted = Vec::new();
        for row in chosen {
            if let Some(record) = Record::of(row) {
                self.records.insert(row.id.clone(), record);
                accepted.push(row.id.clone());
            }
        }
        Ok(accepted)
    }
}

impl Record {
    /// What the lock records of a row whose source and translation both
    /// exist: the source text now, and the translation's fingerprint.
    fn of(row: &Row) -> Option<Self> {
        let (Some(source), Some(translation)) = (&row.source, &row.translation) else {
            return None;
        };
        Some(Self {
            source: source.clone(),
            translation: fingerprint(translation),
        })
    }
}

/// The rows of `ids`, each of which must be translated; every id that is
/// not is reported, with the closest one that is.
fn translated_rows<'r>(
    rows: &'r [Row],
    ids: &[String],
    language: &Language,
) -> Result<Vec<&'r Row>> {
    let mut problems = Problems::default();
    let mut chosen = Vec::new();
    for id in ids {
        let row = rows
            .iter()
            .find(|r| &r.id == id && r.source.is_some() && r.translation.is_some());
        match row {
            Some(row) => chosen.push(row),
            None => {
                let known = rows.iter().map(|r| r.id.as_str());
                let hint = crate::suggest::closest(id, known).map_or_else(
                    || "name a message that both languages have".to_owned(),
                    |b| format!("did you mean `{b}`?"),
                );
                problems.push(
                    Problem::error(
                        Code::Usage,
                        format!("`{id}` is not a message translated in `{language}`"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(chosen)
}

/// A TOML basic string on one line (newlines and controls escaped).
fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_sorted_one_line_per_message() -> Result<()> {
        let mut lock = TranslationLock::default();
        lock.records.insert(
            "b".into(),
            Record {
                source: "Dos \"2\"\nlíneas".into(),
                translation: fingerprint("Two"),
            },
        );
        lock.records.insert(
            "a".into(),
            Record {
                source: "Uno".into(),
                translation: fingerprint("One"),
            },
        );
        let language = Language::parse("en").map_err(|e| Problem::error(Code::Usage, e))?;
        let text = lock.to_text(&language);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("a = { source = \"Uno\""));
        assert_eq!(TranslationLock::parse(&Source::new("en.lock", text))?, lock);
        Ok(())
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }
}
