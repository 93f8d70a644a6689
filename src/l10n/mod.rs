//! Localization: each language's Fluent catalog, locale-correct formatting
//! (ICU4X), inline markup, and the translation review state (lock files,
//! stale and changed translations).

pub mod catalog;
pub mod git;
pub mod history;
pub mod intl;
pub mod markup;
pub mod review;
pub mod selection;
pub mod translation_lock;
pub mod word_diff;
pub mod working_tree;

pub use catalog::{Catalog, CatalogDraft, Entry, EntryKind, FormatError, Formatted};
