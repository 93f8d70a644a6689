//! How results reach people and tools: problems rustc-style, and each
//! command's report for terminals, JSON, Markdown and HTML.

pub(crate) mod check;
mod diagnostics;
pub(crate) mod diff;
pub(crate) mod render;

pub(crate) use diagnostics::{ColorChoice, emit};
