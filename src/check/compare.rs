//! A translation against its source, file by file: missing files, messages
//! and terms, obsolete ones, and for each translated entry its attributes,
//! `$variables` and references, and whether it is still the source text.
//!
//! Files are paired by their path under `locales/<lang>/`, the way
//! translators work: an entry moved to another file is missing in one and
//! obsolete in the other.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::check::finding::{list_or_none, locate_in_entry};
use crate::check::{BUILTIN_MESSAGES, Interrupted, Scope, poll};
use crate::diagnostic::{Code, Problem, Problems, Severity};
use crate::l10n::EntryKind;
use crate::l10n::{Catalog, Entry};

/// How much of the source one translation has (messages only; terms are
/// not counted).
#[derive(Debug, Clone, Default)]
pub(super) struct Counts {
    /// Source messages the translation has.
    pub translated: usize,
    /// Source messages it lacks.
    pub missing: usize,
    /// Messages it has that the source does not.
    pub obsolete: usize,
    /// Translated messages identical to the source.
    pub unchanged: usize,
    /// Words of the messages it lacks ([`Scope::All`] only).
    pub missing_words: usize,
}

/// One translated entry beside its source entry, with what a finding needs.
struct Pair<'a> {
    source: &'a Catalog,
    entry: &'a Entry,
    target: &'a Catalog,
    translation: &'a Entry,
    /// The entry's key (`-id` for terms).
    key: &'a str,
}

impl Pair<'_> {
    fn tag(&self) -> &str {
        &self.target.language.tag
    }
}

/// The sinks of a comparison: what is wrong, and what the translation
/// lacks (messages and files: see `Readiness::gaps`).
pub(super) struct Sinks<'a> {
    pub findings: &'a mut Problems,
    pub gaps: &'a mut Problems,
}

/// Compares a translation with the source and returns its counts.
pub(super) fn compare(
    source: &Catalog,
    target: &Catalog,
    scope: Scope,
    sinks: Sinks<'_>,
) -> Result<Counts, Interrupted> {
    let Sinks { findings, gaps } = sinks;
    let mut counts = Counts::default();
    let target_files: HashMap<PathBuf, usize> = (0..target.files.len())
        .map(|i| (target.relative_path(i), i))
        .collect();
    // Each file's entries, found in one pass (not one pass per file).
    let mut by_file: Vec<Vec<&Entry>> = vec![Vec::new(); source.files.len()];
    for entry in source.entries.values() {
        by_file[entry.file].push(entry);
    }
    for (file, entries) in by_file.iter().enumerate() {
        let target_file = target_files.get(&source.relative_path(file)).copied();
        if target_file.is_none() {
            gaps.push(missing_file(source, file, entries.len(), target));
        }
        let files = Files {
            source,
            file,
            target,
            target_file,
        };
        let sinks = Sinks {
            findings: &mut *findings,
            gaps: &mut *gaps,
        };
        compare_file(&files, entries, scope, sinks, &mut counts)?;
    }
    obsolete_entries(source, target, findings, &mut counts)?;
    Ok(counts)
}

/// The whole file is missing: one finding at the top of the source file.
fn missing_file(source: &Catalog, file: usize, entries: usize, target: &Catalog) -> Problem {
    let tag = &target.language.tag;
    let path = &source.files[file];
    let target_path = Path::new("locales")
        .join(tag)
        .join(source.relative_path(file));
    Problem::error(
        Code::MissingFile,
        format!(
            "`{}` is missing ({entries} entries to translate)",
            target_path.display()
        ),
    )
    .at(path, 0..0)
    .about(tag, "")
    .with_hint(format!(
        "copy {} to {} and translate it",
        path.path.display(),
        target_path.display()
    ))
}

/// A source file and its counterpart in the translation (`None` when it
/// has none).
struct Files<'a> {
    source: &'a Catalog,
    file: usize,
    target: &'a Catalog,
    target_file: Option<usize>,
}

/// Every entry of one source file against the translation's matching file
/// (when it has none, its entries are counted missing, and the missing
/// file is the one finding about them).
fn compare_file(
    files: &Files<'_>,
    entries: &[&Entry],
    scope: Scope,
    sinks: Sinks<'_>,
    counts: &mut Counts,
) -> Result<(), Interrupted> {
    let Sinks { findings, gaps } = sinks;
    let Files {
        source,
        file,
        target,
        target_file,
    } = *files;
    for &entry in entries {
        poll()?;
        let key = entry.key();
        let translated = target
            .entries
            .get(&key)
            .filter(|t| Some(t.file) == target_file);
        let Some(translation) = translated else {
            if !entry.is_term {
                counts.missing += 1;
                if scope == Scope::All {
                    counts.missing_words += entry.words;
                }
            }
            if target_file.is_some() {
                let missing = missing_entry(entry, &key, target, source.relative_path(file));
                // A missing term breaks the messages that use it; a
                // missing message is a gap the resolver can fill.
                if entry.is_term {
                    findings.push(missing);
                } else {
                    gaps.push(missing);
                }
            }
            continue;
        };
        if !entry.is_term {
            counts.translated += 1;
        }
        let pair = Pair {
            source,
            entry,
            target,
            translation,
            key: &key,
        };
        compare_entry(&pair, findings);
        if scope == Scope::All && is_unchanged(&pair) {
            counts.unchanged += 1;
            findings.push(unchanged(&pair));
        }
    }
    Ok(())
}

/// A source entry the translation's matching file lacks.
fn missing_entry(entry: &Entry, key: &str, target: &Catalog, relative: PathBuf) -> Problem {
    let tag = &target.language.tag;
    let target_path = Path::new("locales").join(tag).join(relative);
    let (code, kind) = if entry.is_term {
        (Code::MissingTerm, "term")
    } else {
        (Code::MissingMessage, "message")
    };
    Problem::error(code, format!("{kind} `{key}` is missing in `{tag}`"))
        .at_location(Some(entry.location.clone()))
        .with_label(format!("defined here, not in {}", target_path.display()))
        .about(tag, key)
        .with_hint(format!("translate it in {}", target_path.display()))
}

/// Entries of the translation that the source's matching file does not
/// have (the messages `report` itself reads excepted, when the source has
/// them anywhere).
fn obsolete_entries(
    source: &Catalog,
    target: &Catalog,
    findings: &mut Problems,
    counts: &mut Counts,
) -> Result<(), Interrupted> {
    let tag = &target.language.tag;
    let source_files: HashMap<PathBuf, usize> = (0..source.files.len())
        .map(|i| (source.relative_path(i), i))
        .collect();
    for entry in target.entries.values() {
        poll()?;
        let key = entry.key();
        let relative = target.relative_path(entry.file);
        let in_source = source
            .entries
            .get(&key)
            .is_some_and(|s| source_files.get(&relative) == Some(&s.file));
        let builtin = BUILTIN_MESSAGES.contains(&key.as_str()) && source.entries.contains_key(&key);
        if in_source || builtin {
            continue;
        }
        if !entry.is_term {
            counts.obsolete += 1;
        }
        let kind = if entry.is_term { "term" } else { "message" };
        let source_path = Path::new("locales")
            .join(&source.language.tag)
            .join(&relative);
        findings.push(
            Problem::warning(
                Code::ObsoleteMessage,
                format!(
                    "{kind} `{key}` is not in the source language ({}) file {}",
                    source.language,
                    source_path.display()
                ),
            )
            .at_location(Some(entry.location.clone()))
            .about(tag, &key)
            .with_hint("remove it, or add it to the source language first"),
        );
    }
    Ok(())
}

/// Everything that must agree between a translated entry and its source.
fn compare_entry(pair: &Pair<'_>, findings: &mut Problems) {
    missing_attributes(pair, findings);
    obsolete_attributes(pair, findings);
    unknown_variables(pair, findings);
    dropped_variables(pair, findings);
    findings.extend(reference_mismatch(pair));
}

fn missing_attributes(pair: &Pair<'_>, findings: &mut Problems) {
    let (tag, key) = (pair.tag(), pair.key);
    for attribute in pair
        .entry
        .attributes
        .iter()
        .filter(|a| !pair.translation.attributes.contains(a))
    {
        let in_source = locate_in_entry(pair.source, pair.entry, &format!(".{attribute}"));
        findings.push(
            Problem::error(
                Code::MissingAttribute,
                format!("`{key}` lacks attribute `.{attribute}` in `{tag}`"),
            )
            .at_location(Some(pair.translation.location.clone()))
            .about(tag, key)
            .with_note(format!("the source has it at {}", in_source.display()))
            .with_hint(format!("add `.{attribute} = …` to the translation")),
        );
    }
}

fn obsolete_attributes(pair: &Pair<'_>, findings: &mut Problems) {
    let (tag, key) = (pair.tag(), pair.key);
    for attribute in pair
        .translation
        .attributes
        .iter()
        .filter(|a| !pair.entry.attributes.contains(a))
    {
        let at = locate_in_entry(pair.target, pair.translation, &format!(".{attribute}"));
        findings.push(
            Problem::warning(
                Code::ObsoleteAttribute,
                format!("`{key}.{attribute}` is not in the source language"),
            )
            .at_location(Some(at))
            .about(tag, key)
            .with_hint("remove it, or add it to the source first"),
        );
    }
}

/// Variables the translation uses that the source does not: they would
/// print as `{$x}`. The hint guesses a rename from the ones it dropped.
fn unknown_variables(pair: &Pair<'_>, findings: &mut Problems) {
    let (tag, key) = (pair.tag(), pair.key);
    let (ours, theirs) = (&pair.entry.own_variables, &pair.translation.own_variables);
    let dropped: Vec<&String> = ours.difference(theirs).collect();
    for variable in theirs.difference(ours) {
        let at = locate_in_entry(pair.target, pair.translation, &format!("${variable}"));
        let problem = Problem::error(
            Code::UnknownVariable,
            format!("`{key}` in `{tag}` uses `${variable}`, which the source does not"),
        )
        .at_location(Some(at))
        .with_label("nobody gives this variable a value")
        .about(tag, key);
        let hint = match crate::suggest::closest(variable, dropped.iter().map(|s| s.as_str())) {
            Some(best) => format!("did you mean `${best}`? the variable was renamed"),
            None => format!(
                "use only the source's variables: {}",
                list_or_none(ours.iter().map(|v| format!("${v}")))
            ),
        };
        findings.push(problem.with_hint(hint));
    }
}

fn dropped_variables(pair: &Pair<'_>, findings: &mut Problems) {
    let (tag, key) = (pair.tag(), pair.key);
    for variable in pair
        .entry
        .own_variables
        .difference(&pair.translation.own_variables)
    {
        let in_source = locate_in_entry(pair.source, pair.entry, &format!("${variable}"));
        findings.push(
            Problem::warning(
                Code::DroppedVariable,
                format!("`{key}` in `{tag}` does not use `${variable}`, which the source does"),
            )
            .at_location(Some(pair.translation.location.clone()))
            .about(tag, key)
            .with_note(format!("the source uses it at {}", in_source.display()))
            .with_hint("check that no fact was lost in translation"),
        );
    }
}

/// The messages and terms (`-term`) an entry references.
fn references(entry: &Entry) -> BTreeSet<String> {
    entry
        .message_refs
        .iter()
        .cloned()
        .chain(entry.term_refs.iter().map(|t| EntryKind::Term.key(t)))
        .collect()
}

fn reference_mismatch(pair: &Pair<'_>) -> Option<Problem> {
    let (tag, key) = (pair.tag(), pair.key);
    let (source_refs, target_refs) = (references(pair.entry), references(pair.translation));
    if source_refs == target_refs {
        return None;
    }
    Some(
        Problem::warning(
            Code::ReferenceMismatch,
            format!(
                "`{key}` in `{tag}` references {}, the source {}",
                list_or_none(target_refs.iter().map(|r| format!("`{r}`"))),
                list_or_none(source_refs.iter().map(|r| format!("`{r}`")))
            ),
        )
        .at_location(Some(pair.translation.location.clone()))
        .about(tag, key)
        .with_hint("reference the same messages and terms as the source"),
    )
}

/// A translation with words that is identical to its source.
fn is_unchanged(pair: &Pair<'_>) -> bool {
    pair.entry.words > 0
        && pair.source.normalized(pair.entry) == pair.target.normalized(pair.translation)
}

/// A translation identical to its source is reported as `unchanged` (info).
fn unchanged(pair: &Pair<'_>) -> Problem {
    let (tag, key) = (pair.tag(), pair.key);
    Problem {
        severity: Severity::Info,
        ..Problem::warning(
            Code::Unchanged,
            format!("`{key}` in `{tag}` is identical to the source"),
        )
    }
    .at_location(Some(pair.translation.location.clone()))
    .about(tag, key)
}
