//! References inside one language: to messages and terms that do not
//! exist, and cycles (an entry that contains itself), which Fluent would
//! only notice while formatting.
//!
//! [`Graph`] takes the references apart into components once; a cycle is
//! a component of more than one entry (or an entry that names itself), so
//! finding them costs one pass, not a walk of the references per entry.

use crate::check::finding::{Suggestions, locate_in_entry};
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::EntryKind;
use crate::l10n::{Catalog, Entry};

/// A catalog's entries as a graph: the successors of an entry (by its
/// index in [`Catalog::entries`]) are the entries it references.
pub(super) struct Graph {
    /// The components, each after every component it references.
    pub components: Vec<Vec<usize>>,
    /// Whether each entry reaches itself.
    pub cyclic: Vec<bool>,
}

impl Graph {
    /// The graph of the catalog's references (to entries it has).
    pub(super) fn of(catalog: &Catalog) -> Self {
        let successors: Vec<Vec<usize>> = catalog
            .entries
            .values()
            .map(|entry| {
                let messages = entry
                    .message_refs
                    .iter()
                    .filter_map(|id| catalog.entries.get_index_of(id.as_str()));
                let terms = (entry.term_refs.iter())
                    .filter_map(|id| catalog.entries.get_index_of(&EntryKind::Term.key(id)));
                messages.chain(terms).collect()
            })
            .collect();
        let components = crate::graph::components(&successors);
        let cyclic = crate::graph::cyclic(&successors, &components);
        Self { components, cyclic }
    }
}

/// Unknown references and cycles in `catalog`.
pub(super) fn check(
    catalog: &Catalog,
    graph: &Graph,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let mut suggestions = Suggestions::default();
    for entry in catalog.entries.values() {
        poll()?;
        unknown_references(catalog, entry, &mut suggestions, findings);
    }
    cycles(catalog, graph, findings);
    Ok(())
}

fn unknown_references(
    catalog: &Catalog,
    entry: &Entry,
    suggestions: &mut Suggestions,
    findings: &mut Problems,
) {
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
            .with_hint(suggestions.hint(id, || catalog.messages().map(|m| m.id.as_str()))),
        );
    }
    for id in &entry.term_refs {
        if catalog.entries.contains_key(&EntryKind::Term.key(id)) {
            continue;
        }
        let terms = || {
            (catalog.entries.values())
                .filter(|e| e.is_term)
                .map(|e| e.id.as_str())
        };
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
            .with_hint(suggestions.hint(id, terms)),
        );
    }
}

/// Entries that reach themselves through references.
fn cycles(catalog: &Catalog, graph: &Graph, findings: &mut Problems) {
    let tag = &catalog.language.tag;
    let cyclic = (catalog.entries.iter())
        .zip(&graph.cyclic)
        .filter(|(_, cyclic)| **cyclic);
    for ((key, entry), _) in cyclic {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn cycles_through_messages_and_terms_are_found_once_each() {
        let (catalog, _) = catalog_of(
            "en",
            "a = { b }\nb = { -t }\n-t = { a }\nc = { a }\nd = { d }\ne = E\n",
        );
        let mut findings = Problems::default();
        let graph = Graph::of(&catalog);
        assert_eq!(check(&catalog, &graph, &mut findings), Ok(()));
        let mut cyclic: Vec<&str> = findings
            .iter()
            .filter(|f| f.code == Code::CyclicReference)
            .filter_map(|f| f.id.as_deref())
            .collect();
        cyclic.sort_unstable();
        assert_eq!(cyclic, ["-t", "a", "b", "d"]);
    }

    /// The catalog closes each message's variables over the same graph (by
    /// components, see `crate::graph`): through chains and cycles alike.
    #[test]
    fn variables_close_over_chains_and_cycles() {
        let (catalog, _) = catalog_of(
            "en",
            "a = { b } { $a }\nb = { c }\n    .t = { $t }\nc = { b } { $c }\nd = x\n    .u = { a }\ne = { d }\n",
        );
        let variables = |id: &str| -> Vec<&str> {
            catalog.entries[id]
                .variables
                .iter()
                .map(String::as_str)
                .collect()
        };
        assert_eq!(variables("a"), ["a", "c"]);
        assert_eq!(variables("b"), ["c"]);
        assert_eq!(variables("c"), ["c"]);
        assert_eq!(variables("d"), ["a", "c"]);
        assert!(variables("e").is_empty());
    }
}
