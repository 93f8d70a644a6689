//! What a project says about its print editions (`[print]` in report.toml,
//! read in `manifest/print.rs`): trim, bleed, marks, margins ([`settings`])
//! and the CMYK output profile, the built-in one or a printer's
//! ([`profile`]). Below the manifest, so that reading it needs nothing of
//! `crate::print`, which makes the print editions.

pub(crate) mod profile;
pub(crate) mod settings;

pub(crate) use settings::{PrintSettings, ProfileSource};
