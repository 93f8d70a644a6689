//! Problems found in a project: what failed, where, and what to do next.
//!
//! Every part of `report` (manifest, messages, data, templates, Typst itself)
//! reports what is wrong as a [`Problem`]: a [`Code`], what failed, where
//! (file and byte span, turned into line:column with the source line and a
//! caret), and what to do next. Collecting problems instead of stopping at
//! the first lets a command report every mistake in one run, the way rustc
//! does. [`Warned`] carries a value with the problems found while making
//! it. How problems are printed is [`crate::output`]'s business.

pub(crate) mod code;
pub(crate) mod problem;
pub(crate) mod source;
mod warned;

pub(crate) use code::Code;
pub(crate) use problem::{Problem, Problems, Result, Severity};
pub(crate) use source::{Location, Source};
pub(crate) use warned::Warned;
