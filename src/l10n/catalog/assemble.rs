//! [`Catalog::from_sources`]: from parsed files to a catalog, in named
//! steps: parse each file, index every entry it may keep, rewrite plural
//! selects, let each message see the variables of the messages it
//! references — all of which a [`CatalogDraft`] does on any thread — then
//! hand the files to the Fluent bundle, which cannot leave the thread that
//! builds it.
//!
//! The index ([`Catalog::entries`]) and the bundle must agree on which
//! definition of a name wins, so both take files in the same order and the
//! first definition, and the index refuses what the bundle would drop.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use fluent_bundle::{FluentBundle, FluentResource};
use fluent_syntax::ast;
use indexmap::IndexMap;

use super::admit::{Candidate, refusal};
use super::plurals::with_cldr_plurals;
use super::scan::Scan;
use super::syntax::parse;
use super::text::EntryStarts;
use super::{Catalog, Entry, EntryKind};
use crate::diagnostic::{Code, Location, Problem, Problems, Source};
use crate::l10n::intl::{self, ErrorSink};
use crate::project::Language;

impl Catalog {
    /// Builds a catalog from already-read files (used by `load` and tests),
    /// keeping whatever could be read: entries with syntax errors are
    /// skipped and duplicates keep their first definition. What was found
    /// is in the catalog's [`problems`](Catalog::problems).
    pub fn from_sources(language: Language, sources: Vec<Arc<Source>>) -> Self {
        Self::from_draft(CatalogDraft::new(language, sources))
    }

    /// Finishes a draft: builds the Fluent bundle on this thread.
    pub fn from_draft(draft: CatalogDraft) -> Self {
        let CatalogDraft {
            language,
            sources,
            files,
            index,
            mut problems,
        } = draft;
        let errors = ErrorSink::default();
        let mut bundle = FluentBundle::new(vec![language.id.clone()]);
        bundle.set_use_isolating(false);
        intl::install(&mut bundle, &language.id, &errors);
        let mut trees = Vec::with_capacity(files.len());
        for file in files {
            // The rewritten entries go first, so that the bundle keeps them
            // and drops their originals as duplicates (which the index
            // reported; the bundle keeps the first definition).
            for rewritten in file.rewritten {
                let _ = bundle.add_resource(Arc::new(rewritten));
            }
            // One tree serves the bundle and the checks (which need its
            // positions): the file is parsed once.
            let _ = bundle.add_resource(Arc::clone(&file.parsed));
            trees.push(file.parsed);
        }
        let mut catalog = Self {
            language,
            files: sources,
            entries: index.entries,
            trees,
            bundle,
            errors,
            problems: Problems::default(),
        };
        problems.extend(catalog.unknown_functions());
        for problem in problems.iter_mut() {
            problem
                .language
                .get_or_insert_with(|| catalog.language.tag.clone());
        }
        catalog.problems = problems;
        catalog
    }
}

/// A catalog with all but its Fluent bundle made: files parsed, entries
/// indexed, plural selects rewritten. Unlike a [`Catalog`] it can be made
/// on another thread, so that languages load in parallel.
pub struct CatalogDraft {
    language: Language,
    sources: Vec<Arc<Source>>,
    files: Vec<DraftFile>,
    index: Index,
    problems: Problems,
}

/// One parsed file, and its entries with CLDR plural selects.
struct DraftFile {
    parsed: Arc<FluentResource>,
    rewritten: Vec<FluentResource>,
}

impl CatalogDraft {
    /// Parses and indexes already-read files.
    pub fn new(language: Language, sources: Vec<Arc<Source>>) -> Self {
        let mut problems = Problems::default();
        let mut index = Index::default();
        let mut files = Vec::with_capacity(sources.len());
        for (file, source) in sources.iter().enumerate() {
            // Interrupted (Ctrl-C, SIGTERM): stop reading. The catalog is
            // partial, so it carries an error: nothing may take it for the
            // whole (a lock file written from it would lose records).
            if crate::platform::interrupt::interrupted() {
                problems.push(
                    Problem::error(
                        Code::Interrupted,
                        format!("interrupted while reading the {language} messages"),
                    )
                    .with_hint("run the command again to finish it"),
                );
                break;
            }
            let parsed = parse(source, &mut problems);
            let plural_keys = index.add_file(&language, file, source, &parsed, &mut problems);
            let rewritten = with_cldr_plurals(&parsed, &plural_keys);
            files.push(DraftFile {
                parsed: Arc::new(parsed),
                rewritten,
            });
        }
        index.close_variables();
        Self {
            language,
            sources,
            files,
            index,
            problems,
        }
    }

    /// Adds problems found before the draft was made (reading the files).
    pub fn with_problems(mut self, mut earlier: Problems) -> Self {
        earlier.extend(std::mem::take(&mut self.problems));
        self.problems = earlier;
        self
    }
}

/// What a message's value (not its attributes) uses, before references are
/// followed.
struct ValueUses {
    variables: BTreeSet<String>,
    messages: BTreeSet<String>,
}

/// The catalog's entries while files are being added.
#[derive(Default)]
struct Index {
    entries: IndexMap<String, Entry>,
    value_uses: HashMap<String, ValueUses>,
    /// What each attribute of an entry uses, by the entry's key.
    attribute_uses: HashMap<String, Vec<(String, ValueUses)>>,
}

/// An entry as the parser gives it, whichever its kind.
struct Parsed<'r> {
    kind: EntryKind,
    id: &'r str,
    value: Option<&'r ast::Pattern<&'r str>>,
    attributes: &'r [ast::Attribute<&'r str>],
}

impl<'r> Parsed<'r> {
    fn of(entry: &'r ast::Entry<&'r str>) -> Option<Self> {
        match entry {
            ast::Entry::Message(m) => Some(Self {
                kind: EntryKind::Message,
                id: m.id.name,
                value: m.value.as_ref(),
                attributes: &m.attributes,
            }),
            ast::Entry::Term(t) => Some(Self {
                kind: EntryKind::Term,
                id: t.id.name,
                value: Some(&t.value),
                attributes: &t.attributes,
            }),
            _ => None,
        }
    }
}

impl Index {
    /// Indexes the entries of one file that may join the catalog, reporting
    /// the others. Returns the keys of the admitted entries whose selects
    /// need CLDR plurals.
    fn add_file(
        &mut self,
        language: &Language,
        file: usize,
        source: &Arc<Source>,
        resource: &FluentResource,
        problems: &mut Problems,
    ) -> BTreeSet<String> {
        // The parsed text: the file's, with entries too deep to parse
        // blanked out (same offsets), so that only parsed entries are found;
        // each ends where the next one of the file as written starts.
        let mut starts = EntryStarts::new(resource.source()).bounded_by(&source.text);
        let mut plural_keys = BTreeSet::new();
        for entry in resource.entries() {
            let Some(parsed) = Parsed::of(entry) else {
                continue;
            };
            let key = parsed.kind.key(parsed.id);
            // Every definition takes its place in the text, admitted or not.
            let offset = starts.next(&key);
            let location = Location::new(source, offset..offset + key.len());
            let candidate = Candidate {
                kind: parsed.kind,
                id: parsed.id,
                key: &key,
                location: &location,
            };
            if let Some(problem) = refusal(&self.entries, language, &candidate) {
                problems.push(problem);
                continue;
            }
            if intl::needs_cldr_plurals(entry) {
                plural_keys.insert(key.clone());
            }
            let end = starts.end_of(offset);
            self.admit(key, &parsed, location, file, end);
        }
        plural_keys
    }

    /// Adds an entry that passed [`refusal`].
    fn admit(
        &mut self,
        key: String,
        parsed: &Parsed<'_>,
        location: Location,
        file: usize,
        end: usize,
    ) {
        let mut scan = Scan::default();
        if let Some(pattern) = parsed.value {
            scan.pattern(pattern);
        }
        let value_uses = ValueUses {
            variables: scan.variables.clone(),
            messages: scan.messages.clone(),
        };
        let mut attribute_uses = Vec::with_capacity(parsed.attributes.len());
        for attribute in parsed.attributes {
            scan.pattern(&attribute.value);
            let mut own = Scan::default();
            own.pattern(&attribute.value);
            let uses = ValueUses {
                variables: own.variables,
                messages: own.messages,
            };
            attribute_uses.push((attribute.id.name.to_owned(), uses));
        }
        let entry = Entry {
            id: parsed.id.to_owned(),
            is_term: parsed.kind == EntryKind::Term,
            location,
            has_value: parsed.value.is_some(),
            attributes: parsed
                .attributes
                .iter()
                .map(|a| a.id.name.to_owned())
                .collect(),
            variables: value_uses.variables.clone(),
            own_variables: scan.variables,
            message_refs: scan.messages,
            term_refs: scan.terms,
            functions: scan.functions,
            plural_selects: scan.plural_selects,
            words: scan.words,
            attributes_needing_arguments: BTreeSet::new(),
            file,
            end,
            normal_form: std::sync::OnceLock::new(),
        };
        self.attribute_uses.insert(key.clone(), attribute_uses);
        self.value_uses.insert(key.clone(), value_uses);
        self.entries.insert(key, entry);
    }

    /// A message sees the caller's variables in the messages it references,
    /// however deep: each entry's `variables` gain those of every message
    /// its references reach through their values. The values' references
    /// are taken apart into components once ([`crate::graph`]), so a chain
    /// of N references costs O(N), not a walk of the chain per entry.
    fn close_variables(&mut self) {
        let node: HashMap<&str, usize> = (self.entries.keys().enumerate())
            .map(|(i, key)| (key.as_str(), i))
            .collect();
        let nodes = |ids: &BTreeSet<String>| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| node.get(id.as_str()).copied())
                .collect()
        };
        let value_refs: Vec<Vec<usize>> = (self.entries.keys())
            .map(|key| {
                self.value_uses
                    .get(key)
                    .map_or_else(Vec::new, |u| nodes(&u.messages))
            })
            .collect();
        let components = crate::graph::components(&value_refs);
        let mut component_of = vec![0; value_refs.len()];
        // The variables each component's values reach, in the order found:
        // every component comes after those it reaches.
        let mut reached: Vec<BTreeSet<String>> = Vec::with_capacity(components.len());
        for (index, members) in components.iter().enumerate() {
            members.iter().for_each(|&m| component_of[m] = index);
            let mut variables = BTreeSet::new();
            for &member in members {
                let key = self.entries.get_index(member).map(|(key, _)| key.as_str());
                if let Some(uses) = key.and_then(|key| self.value_uses.get(key)) {
                    variables.extend(uses.variables.iter().cloned());
                }
                for &next in value_refs[member]
                    .iter()
                    .filter(|&&n| component_of[n] != index)
                {
                    variables.extend(reached[component_of[next]].iter().cloned());
                }
            }
            reached.push(variables);
        }
        let refs: Vec<Vec<usize>> = self
            .entries
            .values()
            .map(|e| nodes(&e.message_refs))
            .collect();
        // An attribute needs arguments when it names a variable, or
        // references a message whose value (however deep) does.
        let needing: Vec<BTreeSet<String>> = (self.entries.keys())
            .map(|key| {
                let attributes = self.attribute_uses.get(key).into_iter().flatten();
                attributes
                    .filter(|(_, uses)| {
                        !uses.variables.is_empty()
                            || (uses.messages.iter())
                                .filter_map(|id| node.get(id.as_str()))
                                .any(|&n| !reached[component_of[n]].is_empty())
                    })
                    .map(|(name, _)| name.clone())
                    .collect()
            })
            .collect();
        for ((entry, refs), needing) in self.entries.values_mut().zip(refs).zip(needing) {
            for next in refs {
                entry
                    .variables
                    .extend(reached[component_of[next]].iter().cloned());
            }
            entry.attributes_needing_arguments = needing;
        }
    }
}
