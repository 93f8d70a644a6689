//! The resolved document: what a template reads for one language — the
//! language, every edition (for language switchers), every message, and
//! the data with each `{ msg = … }` node replaced by its text.
//!
//! It sits below both `build` (which writes one per language and hands it
//! to Typst) and `check` (which must refuse exactly what resolving would
//! refuse: the limits here are the resolver's), so neither reaches into the
//! other for it.
//!
//! - [`resolve`]: the resolver and the document's shape;
//! - [`labels`]: the messages `report` itself reads (each language's name,
//!   the switcher's label) and the labels made from them;
//! - [`library`]: report's template library, which reads the document
//!   (written beside it under `build/.report/`).

pub(crate) mod chart;
mod chart_layout;
mod chart_scale;
pub(crate) mod labels;
pub(crate) mod library;
pub(crate) mod resolve;

pub(crate) use labels::{LANGUAGE_NAME_MESSAGE, LanguageLabels, SWITCHER_MESSAGE};
