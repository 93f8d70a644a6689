//! `report l10n export`: one translation's units written as XLIFF or PO.

use std::path::{Path, PathBuf};

use super::ExchangeFormat;
use super::inline;
use super::units::Exchange;
use crate::diagnostic::{Code, Problem, Result};
use crate::platform::files::{Durability, write_atomically};
use crate::project::{Language, Project};
use crate::review::status::Status;
use crate::review::translation_lock::TranslationLock;
use crate::review::working_tree;

/// What to export, checked.
#[derive(Debug, Clone)]
pub(crate) struct ExportRequest {
    /// The translation language.
    pub language: Language,
    /// The file format.
    pub format: ExchangeFormat,
    /// The review statuses whose messages are exported.
    pub statuses: Vec<Status>,
    /// Where to write (default: under `build/l10n/`).
    pub output: Option<PathBuf>,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub(crate) struct ExportOutcome {
    /// The file written (`None`: no message had a status asked for, and
    /// nothing was written: an XLIFF file needs at least one `<file>`).
    pub path: Option<PathBuf>,
    /// How many units it has.
    pub units: usize,
    /// How many messages (and terms) they come from.
    pub messages: usize,
    /// Words of source text in them, as translators count them.
    pub words: usize,
}

/// Writes the exchange file: inside the project only into its real
/// directories (as every write there); elsewhere where the user said.
fn write_export(project: &Project, path: &Path, bytes: &[u8]) -> Result<()> {
    let absolute = std::path::absolute(path).map_err(|e| Problem::io("resolve", path, &e))?;
    if absolute.starts_with(&project.root) {
        project.output.write(&absolute, bytes, Durability::Rename)
    } else {
        write_atomically(path, bytes)
    }
}

/// Exports one translation.
pub(crate) fn export(project: &Project, request: &ExportRequest) -> Result<ExportOutcome> {
    let workspace = working_tree::load(project, std::slice::from_ref(&request.language))?;
    let (Some(source), Some(target)) = (
        workspace.source_catalog(),
        workspace.catalog(&request.language),
    ) else {
        return Err(Problem::error(Code::L10n, "the project has no catalogs to export").into());
    };
    let lock = TranslationLock::load(project, &request.language)?;
    let exchange = Exchange::build(source, target, &lock, &request.statuses);
    if exchange.files.is_empty() {
        return Ok(ExportOutcome {
            path: None,
            units: 0,
            messages: 0,
            words: 0,
        });
    }
    let text = request.format.write(&exchange);
    let path = request.output.clone().unwrap_or_else(|| {
        project.layout.exchange_file(
            &project.manifest.source_language,
            &request.language,
            request.format.extension(),
        )
    });
    write_export(project, &path, text.as_bytes())?;
    let mut entries: Vec<&str> = exchange.units().map(|u| u.entry.as_str()).collect();
    entries.dedup();
    Ok(ExportOutcome {
        path: Some(path),
        units: exchange.units().count(),
        messages: entries.len(),
        words: exchange
            .units()
            .map(|u| crate::l10n::catalog::count_words(&inline::plain(&u.source.inline)))
            .sum(),
    })
}
