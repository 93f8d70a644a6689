//! Localization: each language's Fluent catalog, locale-correct formatting
//! (ICU4X), inline markup, and the translation review state (lock files,
//! stale and changed translations).

pub mod catalog;
pub mod intl;
pub mod lock;
pub mod markup;
pub mod review;

pub use catalog::{Catalog, Entry, EntryKind, FormatError, Formatted};
