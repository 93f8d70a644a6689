//! Localization: each language's Fluent catalog, locale-correct formatting
//! (ICU4X), and the inline markup of messages. What a team does with the
//! catalogs over time — lock files, stale translations, diffs — is
//! [`crate::review`]'s, a layer above.

pub(crate) mod catalog;
pub(crate) mod intl;
pub(crate) mod markup;

pub(crate) use catalog::{Catalog, CatalogDraft, Entry, EntryKind, FormatError, Formatted};
