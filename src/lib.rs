//! `report` publishes one report as parallel editions in several languages,
//! as print-ready PDF and as HTML, from Project Fluent messages, structured
//! data and Typst templates.
//!
//! The pipeline: [`manifest`] finds and checks the project; [`l10n`] loads a
//! Fluent catalog per language (with [`intl`] formatting numbers and dates
//! through ICU4X); [`data`] loads the language-neutral facts; [`resolve`]
//! combines them into one JSON document per language; [`typst`] runs the
//! compiler; [`render`] does all of it for every edition in parallel, and
//! [`html`] finishes the web editions. Every failure is a
//! [`diagnostic::Problem`] that names the file, line and column.

pub mod build;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod data;
pub mod diagnostic;
pub mod document;
pub mod escape;
pub mod exchange;
pub mod graph;
pub mod init;
pub mod l10n;
pub mod output;
pub mod platform;
pub mod print;
pub mod project;
pub mod review;
pub mod serve;
pub mod suggest;
pub mod typst;
pub mod workspace;
