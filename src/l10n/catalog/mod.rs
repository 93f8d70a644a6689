//! Fluent message catalogs: one per language, loaded from
//! `locales/<lang>/**/*.ftl`.
//!
//! A [`Catalog`] owns the language's Fluent bundle (with the ICU4X-backed
//! `NUMBER` and `DATETIME` functions installed and BiDi isolation marks
//! turned off, since they must never reach a PDF or a web page) and an index
//! of every entry with its file, line and column, so that any problem with a
//! message can point at it.
//!
//! This file owns the catalog itself and its lookups; the way there is in
//! the other files: [`load`](Catalog::load) reads the files (`load.rs`),
//! [`from_sources`](Catalog::from_sources) assembles the catalog
//! (`assemble.rs`: `syntax.rs` parses, after `depth.rs` has refused entries
//! nested too deep to parse, `admit.rs` refuses clashing names,
//! `scan.rs` reads what each entry uses, `text.rs` finds it in its file,
//! `plurals.rs` gives the bundle CLDR plurals, `refs.rs` follows references
//! to cycles and unknown functions), and [`format`](Catalog::format) writes
//! a message (`format.rs`).

mod admit;
mod assemble;
mod depth;
pub(crate) mod entry;
pub(crate) mod format;
mod load;
mod plurals;
mod refs;
mod scan;
pub(crate) use scan::count_words;
pub(crate) use scan::is_ordinal_selector;
mod syntax;
mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentBundle, FluentResource};
use indexmap::IndexMap;

use crate::diagnostic::Source;
use crate::diagnostic::{Location, Problems};
use crate::l10n::intl::ErrorSink;
use crate::project::Language;

pub(crate) use assemble::CatalogDraft;
/// The nesting limit of Fluent entries, checked before any parser runs
/// (the translator exchange checks placeables a PO file holds with it).
pub(crate) use depth::{MAX_DEPTH, too_deep};
pub(crate) use entry::{Entry, EntryKind};
pub(crate) use format::{FormatError, Formatted};

/// The messages of one language.
pub struct Catalog {
    /// Whose messages these are (plural rules, number and date formats).
    pub language: Language,
    /// The `.ftl` files, in load order.
    pub files: Vec<Arc<Source>>,
    /// Every message (key: id) and term (key: `-id`), in file order; see
    /// [`Entry::key`].
    pub entries: IndexMap<String, Entry>,
    /// Each file's syntax tree, of the text its entries were parsed from
    /// (entries too deep to parse blanked out, same offsets).
    trees: Vec<Arc<FluentResource>>,
    bundle: FluentBundle<Arc<FluentResource>>,
    /// Where this bundle's functions report misuse; drained by `format`.
    errors: ErrorSink,
    /// What loading found in the files (syntax errors, duplicates, links
    /// out of the project, …), errors included, each tagged with the
    /// language: a catalog is loaded best effort, without what is broken.
    pub problems: Problems,
}

impl Catalog {
    /// The text the entries of file `file` were parsed from: the file's own,
    /// or with entries too deep to parse blanked out (same offsets and
    /// lines). Parse this, never the raw text, to see what the catalog saw.
    pub fn parsed_text(&self, file: usize) -> &str {
        self.trees
            .get(file)
            .map_or(&self.files[file].text, |tree| tree.source())
    }

    /// The syntax tree of file `file` (its slices point into
    /// [`Catalog::parsed_text`]).
    pub fn tree(&self, file: usize) -> Option<&FluentResource> {
        self.trees.get(file).map(|tree| &**tree)
    }
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("language", &self.language)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// The path of a file of this catalog relative to its `locales/<lang>/`
    /// directory, which pairs it with the same file in another language.
    pub fn relative_path(&self, file: usize) -> PathBuf {
        let path = &self.files[file].path;
        let prefix = Path::new("locales").join(&self.language.tag);
        path.strip_prefix(&prefix).unwrap_or(path).to_owned()
    }

    /// The entry's value and attributes in normal form (as written, without
    /// the id, comments or layout), to compare a translation with its source
    /// and to record in lock files.
    pub fn normalized<'a>(&self, entry: &'a Entry) -> &'a str {
        entry
            .normal_form
            .get_or_init(|| text::normalize_entry(self.entry_text(entry).1, &entry.key()))
    }

    /// An entry's text as written in its file (from its id to the next
    /// entry), and the byte offset where it starts.
    pub fn entry_text(&self, entry: &Entry) -> (usize, &str) {
        let text = &self.files[entry.file].text;
        let start = entry.location.span.start.min(text.len());
        let end = entry.end.clamp(start, text.len());
        (start, &text[start..end])
    }

    /// Where the named argument `option` (`maximumFractionDigits: 2`) is
    /// written in `entry`, if it is.
    pub fn locate_option(&self, entry: &Entry, option: &str) -> Option<Location> {
        let (start, text) = self.entry_text(entry);
        text.match_indices(option).find_map(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + option.len()..].trim_start_matches([' ', '\t']);
            let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
            (!before.is_some_and(word) && after.starts_with(':')).then(|| {
                Location::new(
                    &self.files[entry.file],
                    start + at..start + at + option.len(),
                )
            })
        })
    }

    /// The message with this id (not a term).
    pub fn message(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id).filter(|e| !e.is_term)
    }

    /// Iterates over messages (not terms).
    pub fn messages(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().filter(|e| !e.is_term)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::Problems;

    /// A catalog for `tag` from `(path, text)` files, and its problems.
    pub(crate) fn catalog(tag: &str, files: &[(&str, &str)]) -> (Catalog, Problems) {
        let sources = files.iter().map(|(p, t)| Source::new(*p, *t)).collect();
        let language = Language::parse(tag).expect("valid tag");
        let mut catalog = Catalog::from_sources(language, sources);
        let problems = std::mem::take(&mut catalog.problems);
        (catalog, problems)
    }

    /// A catalog for `tag` from one file, `a.ftl`.
    pub(crate) fn catalog_of(tag: &str, text: &str) -> (Catalog, Problems) {
        catalog(tag, &[("a.ftl", text)])
    }

    #[test]
    fn normal_form_of_messages_and_terms() {
        let (catalog, _) = catalog_of("en", "a =\n    Hello\n    world\n-t = Acme\n    .x = y\n");
        assert_eq!(catalog.normalized(&catalog.entries["a"]), "Hello world");
        assert_eq!(catalog.normalized(&catalog.entries["-t"]), "Acme .x = y");
    }

    #[test]
    fn relative_paths_pair_files_across_languages() {
        let (catalog, _) = catalog("es", &[("locales/es/sub/a.ftl", "a = b\n")]);
        assert_eq!(catalog.relative_path(0), Path::new("sub/a.ftl"));
    }
}
