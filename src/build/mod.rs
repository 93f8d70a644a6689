//! Building editions: resolving each language's document and running Typst
//! for every edition, in parallel, incrementally.

pub mod cache;
pub mod html;
pub mod render;
pub mod resolve;
