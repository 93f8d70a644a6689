//! References inside one language: to messages and terms that do not
//! exist, and cycles (an entry that contains itself), which Fluent would
//! only notice while formatting.

use std::collections::BTreeSet;

use crate::check::finding::{locate_in_entry, suggest_id};
use crate::diagnostic::{Code, Problem};
use crate::l10n::EntryKind;
use crate::l10n::{Catalog, Entry};

/// Unknown references and cycles in `catalog`.
pub(super) fn check(catalog: &Catalog, findings: &mut Vec<Problem>) {
    for entry in catalog.entries.values() {
        unknown_references(catalog, entry, findings);
    }
    cycles(catalog, findings);
}

fn unknown_references(catalog: &Catalog, entry: &Entry, findings: &mut Vec<Problem>) {
    let tag = &catalog.language.tag;
    let key = entry.key();
    for id in entry
        .message_refs
        .iter()
        .filter(|id| catalog.message(id).is_none())
    {
        findings.push(
            Problem::error(
                Code::UnknownReference,
                format!("`{key}` references message `{id}`, which `{tag}` does not have"),
            )
            .at_location(Some(locate_in_entry(catalog, entry, id)))
            .about(tag, &key)
            .with_hint(suggest_id(id, catalog.messages().map(|m| m.id.as_str()))),
        );
    }
    for id in &entry.term_refs {
        if catalog.entries.contains_key(&EntryKind::Term.key(id)) {
            continue;
        }
        let terms = catalog
            .entries
            .values()
            .filter(|e| e.is_term)
            .map(|e| e.id.as_str());
        findings.push(
            Problem::error(
                Code::UnknownReference,
                format!("`{key}` references term `-{id}`, which `{tag}` does not have"),
            )
            .at_location(Some(locate_in_entry(
                catalog,
                entry,
                &EntryKind::Term.key(id),
            )))
            .about(tag, &key)
            .with_hint(suggest_id(id, terms)),
        );
    }
}

/// Entries that reach themselves through references.
fn cycles(catalog: &Catalog, findings: &mut Vec<Problem>) {
    let tag = &catalog.language.tag;
    for (key, entry) in &catalog.entries {
        if !reaches_itself(catalog, key) {
            continue;
        }
        findings.push(
            Problem::error(
                Code::CyclicReference,
                format!("`{key}` references itself in `{tag}`, directly or through others"),
            )
            .at_location(Some(entry.location.clone()))
            .about(tag, key)
            .with_hint("break the cycle: a message cannot contain itself"),
        );
    }
}

/// Whether following references from the entry `key` leads back to it
/// (a depth-first walk that visits each entry once).
fn reaches_itself(catalog: &Catalog, key: &str) -> bool {
    let edges = |key: &str| -> Vec<String> {
        catalog.entries.get(key).map_or_else(Vec::new, |e| {
            e.message_refs
                .iter()
                .cloned()
                .chain(e.term_refs.iter().map(|t| EntryKind::Term.key(t)))
                .collect()
        })
    };
    let mut stack = edges(key);
    let mut seen = BTreeSet::new();
    while let Some(next) = stack.pop() {
        if next == key {
            return true;
        }
        if seen.insert(next.clone()) {
            stack.extend(edges(&next));
        }
    }
    false
}
