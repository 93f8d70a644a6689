//! What a translation must carry over from its source, whatever the
//! language: its figures (`numbers.rs`), its links and e-mail addresses
//! (`links.rs`), its emphasis and links (`markup.rs`), and the glossary's
//! terms (`glossary.rs`, in `check/`), each pair of texts read once for
//! all of them.
//!
//! Each translated message or attribute is read beside its source, as the
//! text a reader sees: the text between placeables (placeables themselves
//! are the data's, checked by the placeable checks), every variant of its
//! selects for what may appear anywhere (figures, links), and the default
//! variant for what is counted (emphasis), since a translation may need
//! more plural variants than its source. A finding is located at the
//! translation's text and shows both texts.

mod links;
mod markup;
mod numbers;

pub(in crate::check) mod glossary;
mod text;

pub(super) use text::{Text, one_line};

use std::collections::HashSet;

use crate::check::patterns::{Pattern, Patterns};
use crate::diagnostic::{Code, Location, Problem, Problems};
use crate::l10n::Catalog;
use crate::platform::interrupt::{Interrupted, poll};
use glossary::Glossary;

pub(super) use links::may_have_links;
pub(super) use numbers::Separators;

/// One side of a comparison: a catalog and its entries' patterns, by the
/// entry's index in the catalog.
pub(super) struct Side<'c> {
    pub catalog: &'c Catalog,
    pub entries: &'c [Option<Patterns<'c>>],
}

/// What differs between a source text and its translation: items only the
/// source has, items only the translation has.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Mismatch {
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

impl Mismatch {
    /// The items of two sorted, deduplicated lists that only one has.
    pub(super) fn between(source: &[String], translation: &[String]) -> Option<Self> {
        let missing: Vec<String> = (source.iter())
            .filter(|item| translation.binary_search(item).is_err())
            .cloned()
            .collect();
        let extra: Vec<String> = (translation.iter())
            .filter(|item| source.binary_search(item).is_err())
            .cloned()
            .collect();
        (!missing.is_empty() || !extra.is_empty()).then_some(Self { missing, extra })
    }

    /// "2022 is not in the translation; 2023 is not in the source".
    pub(super) fn describe(&self, what: &str) -> String {
        let quote = |items: &[String]| {
            let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
            quoted.join(", ")
        };
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!(
                "the source's {what} {} missing",
                with_verb(&quote(&self.missing), self.missing.len())
            ));
        }
        if !self.extra.is_empty() {
            parts.push(format!(
                "{} not in the source",
                with_verb(&quote(&self.extra), self.extra.len())
            ));
        }
        parts.join("; ")
    }
}

fn with_verb(items: &str, count: usize) -> String {
    if count == 1 {
        format!("{items} is")
    } else {
        format!("{items} are")
    }
}

/// A finding about a translated pattern, beside its source.
pub(super) struct Finding<'a> {
    pub code: Code,
    pub message: String,
    pub hint: &'static str,
    pub at: Location,
    pub source_text: &'a str,
    pub translation_text: &'a str,
}

/// Compares every translated message and attribute of `target` with its
/// source, for figures, links and markup (not for the messages in
/// `with_errors`, reported for those already), and for the glossary's
/// terms.
pub(super) fn check(
    (source, target): (&Side<'_>, &Side<'_>),
    separators: (&Separators, &Separators),
    glossary: &Glossary,
    with_errors: &HashSet<String>,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let (from, to) = (&source.catalog.language, &target.catalog.language);
    translated(
        source,
        target,
        |patterns, attribute, source_pattern, pattern| {
            let (theirs, ours) = (Text::of(source_pattern), Text::of(pattern));
            if !glossary.is_empty() {
                let (texts, at) = ((&theirs, &ours), (patterns, attribute));
                glossary::lacking_terms(glossary, (from, to), at, texts, findings);
            }
            if !with_errors.is_empty() && with_errors.contains(&patterns.name(attribute)) {
                return;
            }
            let pair = Pair {
                attribute,
                patterns,
                source: &theirs,
                translation: &ours,
            };
            for finding in pair.findings(separators) {
                findings.push(pair.problem(finding, &to.tag, &from.tag));
            }
        },
    )
}

/// Calls `visit` with every message and attribute of `target` that its
/// source has: the translation's patterns, the attribute's name (`None`
/// for the value), the source's pattern and the translation's.
pub(super) fn translated<'c>(
    source: &Side<'c>,
    target: &Side<'c>,
    mut visit: impl FnMut(&Patterns<'c>, Option<&'c str>, &'c Pattern<'c>, &'c Pattern<'c>),
) -> Result<(), Interrupted> {
    for patterns in target.entries.iter().flatten() {
        poll()?;
        let Some(original) = (source.catalog.entries.get_index_of(patterns.key))
            .and_then(|i| source.entries[i].as_ref())
        else {
            continue;
        };
        for (attribute, pattern) in patterns.all() {
            if let Some(source_pattern) = original.pattern(attribute) {
                visit(patterns, attribute, source_pattern, pattern);
            }
        }
    }
    Ok(())
}

/// A translated pattern and its source's, read.
pub(super) struct Pair<'a, 'c> {
    pub attribute: Option<&'a str>,
    pub patterns: &'a Patterns<'c>,
    pub source: &'a Text<'c>,
    pub translation: &'a Text<'c>,
}

impl<'a, 'c> Pair<'a, 'c> {
    fn findings(&self, separators: (&Separators, &Separators)) -> Vec<Finding<'a>> {
        [
            numbers::compare(self, separators),
            links::compare(self),
            markup::compare(self),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The location of `part`, a slice of one of the translation's pieces,
    /// else of the message.
    pub(super) fn locate_part(&self, part: Option<&str>) -> Location {
        match part {
            Some(part) => self.patterns.locate(part),
            None => self.patterns.entry.location.clone(),
        }
    }

    /// The location of the first piece of the translation that contains
    /// `item`, else of the message.
    pub(super) fn locate(&self, item: Option<&str>) -> Location {
        let found = item.and_then(|item| {
            self.translation
                .pieces
                .iter()
                .find_map(|piece| piece.find(item).map(|at| &piece[at..at + item.len()]))
        });
        match found {
            Some(part) => self.patterns.locate(part),
            None => self.patterns.entry.location.clone(),
        }
    }

    fn problem(&self, finding: Finding<'_>, tag: &str, source_tag: &str) -> Problem {
        let name = self.patterns.name(self.attribute);
        Problem::warning(
            finding.code,
            format!("`{name}` in `{tag}`: {}", finding.message),
        )
        .at_location(Some(finding.at))
        .about(tag, &name)
        .with_note(format!(
            "source ({source_tag}): {}",
            shown(finding.source_text)
        ))
        .with_note(format!(
            "translation ({tag}): {}",
            shown(finding.translation_text)
        ))
        .with_hint(finding.hint)
    }
}

/// A text for a note: one line, placeables as `{…}`, at most 200 characters.
fn shown(text: &str) -> String {
    let line = one_line(text);
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}
