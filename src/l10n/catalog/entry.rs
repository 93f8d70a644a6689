//! [`Entry`]: what the catalog knows about one message or term, and
//! [`EntryKind`], which of the two it is (and so how its key is written).

use std::collections::BTreeSet;

use crate::diagnostic::Location;

/// Whether an entry is a message or a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// `id = …`: what templates and data may use.
    Message,
    /// `-id = …`: text for other entries only.
    Term,
}

impl EntryKind {
    /// The key of an entry of this kind called `id` (without a leading `-`)
    /// in [`Catalog::entries`](super::Catalog::entries): `id` for a message,
    /// `-id` for a term, as Fluent writes references to them.
    pub fn key(self, id: &str) -> String {
        match self {
            EntryKind::Message => id.to_owned(),
            EntryKind::Term => format!("-{id}"),
        }
    }

    /// "message" or "term", for sentences.
    pub fn noun(self) -> &'static str {
        match self {
            EntryKind::Message => "message",
            EntryKind::Term => "term",
        }
    }

    /// The other kind: fluent-bundle keeps both under one name.
    pub fn other(self) -> Self {
        match self {
            EntryKind::Message => EntryKind::Term,
            EntryKind::Term => EntryKind::Message,
        }
    }
}

/// A select on a number's plural category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralSelect {
    /// Its keys.
    pub keys: BTreeSet<String>,
    /// Whether it selects on ordinal categories (`NUMBER($n, type: "ordinal")`).
    pub ordinal: bool,
}

/// One entry (message or term) of a catalog.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The id, without the leading `-` of a term.
    pub id: String,
    /// True for terms (`-brand = …`), which templates cannot use directly.
    pub is_term: bool,
    /// Where the entry's id is written.
    pub location: Location,
    /// Whether the entry has a value (a message may have only attributes).
    pub has_value: bool,
    /// Attribute names, in order.
    pub attributes: Vec<String>,
    /// Variables the value uses, directly or through message references.
    pub variables: BTreeSet<String>,
    /// Variables the entry itself (value and attributes) names.
    pub own_variables: BTreeSet<String>,
    /// Messages the entry references (value and attributes).
    pub message_refs: BTreeSet<String>,
    /// Terms the entry references, without the leading `-`.
    pub term_refs: BTreeSet<String>,
    /// Functions the entry calls (value and attributes), e.g. `NUMBER`.
    pub functions: BTreeSet<String>,
    /// Select expressions whose keys are all CLDR plural category names
    /// and whose selector is a number (a variable or `NUMBER()`).
    pub plural_selects: Vec<PluralSelect>,
    /// Words of text in the value and attributes, every variant of a select
    /// included (placeables are not words), as translators count them.
    pub words: usize,
    /// Attributes that cannot be formatted without arguments: they name a
    /// variable, or reference a message whose value does.
    pub attributes_needing_arguments: BTreeSet<String>,
    /// The index in [`Catalog::files`](super::Catalog::files) of the file
    /// that defines the entry.
    pub file: usize,
    /// Byte offset where the next entry (or the end of the file) starts.
    pub end: usize,
    /// Its normal form, made on first use ([`Catalog::normalized`]: check
    /// and review both ask for every entry's).
    ///
    /// [`Catalog::normalized`]: super::Catalog::normalized
    pub normal_form: std::sync::OnceLock<String>,
}

impl Entry {
    /// Message or term.
    pub fn kind(&self) -> EntryKind {
        if self.is_term {
            EntryKind::Term
        } else {
            EntryKind::Message
        }
    }

    /// The entry's key in [`Catalog::entries`](super::Catalog::entries):
    /// `id` for a message, `-id` for a term.
    pub fn key(&self) -> String {
        self.kind().key(&self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::EntryKind;
    use crate::diagnostic::Problems;
    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn terms_are_keyed_with_a_dash_and_messages_by_id() {
        assert_eq!(EntryKind::Term.key("brand"), "-brand");
        assert_eq!(EntryKind::Message.key("brand"), "brand");
        let (catalog, problems): (_, Problems) = catalog_of("en", "-brand = Acme\ntitle = T\n");
        assert!(problems.is_empty(), "{problems:?}");
        for (key, entry) in &catalog.entries {
            assert_eq!(&entry.key(), key);
        }
        assert_eq!(catalog.entries["-brand"].kind(), EntryKind::Term);
        assert_eq!(catalog.entries["title"].kind(), EntryKind::Message);
    }
}
