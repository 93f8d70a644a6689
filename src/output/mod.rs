//! How results reach people and tools: problems rustc-style, and each
//! command's report for terminals, JSON, Markdown and HTML.

pub mod check;
mod diagnostics;
pub mod diff;
pub mod render;

pub use diagnostics::{ColorChoice, emit};
