//! Building editions, in stages:
//!
//! 1. [`plan`]: a [`Request`] checked against the project into a [`Plan`]
//!    (which editions, how many workers) before any I/O;
//! 2. [`prepare`](mod@prepare): the [`Workspace`](crate::workspace::Workspace) loaded,
//!    languages with errors refused, each language's JSON document
//!    resolved ([`crate::document`]) and written under `build/.report/`;
//! 3. [`schedule`]: a pool of workers renders each [`Edition`] as soon as
//!    its documents are written ([`renderer`]: `typst compile`, then [`html`]
//!    finishing for web pages, [`print`](mod@print) finishing — PDF/X-4 and preflight —
//!    for print editions), skipping editions the [`cache`] knows are
//!    up to date;
//! 4. the [`Outcome`]: what was written, what failed, every problem.
//!
//! The [`BuildLock`] keeps two processes from writing one `build/`.

mod build_lock;
pub(crate) mod cache;
mod cache_key;
mod edition;
pub(crate) mod html;
mod html_fonts;
mod html_page;
mod html_tables;
mod overflow;
pub(crate) mod plan;
pub(crate) mod prepare;
pub(crate) mod print;
mod problems;
mod queue;
mod renderer;
pub(crate) mod schedule;
mod timestamp;

pub(crate) use build_lock::BuildLock;
pub(crate) use cache::recorded_inputs;
pub(crate) use edition::{Edition, Freshness, Outcome, Rendered};
pub(crate) use plan::{MissingTranslations, Plan, Rebuild, Request};
pub(crate) use prepare::prepare;
pub(crate) use schedule::render;
