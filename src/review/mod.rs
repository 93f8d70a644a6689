//! Translation review, above the catalogs: what each translation was made
//! from (lock files), which translations are missing, stale or unchanged,
//! word-level diffs of changed sources, and what changed between git
//! revisions.
//!
//! - [`translation_lock`]: `locales/<lang>.lock`, the source text each
//!   translation was made from, and accepting reviewed changes;
//! - [`status`]: each message's status in the working tree;
//! - [`selection`]: which rows `report diff` shows;
//! - [`word_diff`]: word-level changes between two texts;
//! - [`working_tree`]: the catalogs as they are on disk;
//! - [`history`] and [`git`]: the catalogs at a git revision, and what
//!   changed between two.

pub(crate) mod git;
pub(crate) mod history;
pub(crate) mod new_language;
pub(crate) mod selection;
pub(crate) mod status;
pub(crate) mod translation_lock;
pub(crate) mod word_diff;
pub(crate) mod working_tree;
