//! `report l10n import`: an exchange file read back into the `.ftl` files.
//!
//! Nothing is written until every unit has been checked: the file parses,
//! its languages are the project's, every unit id is one the current source
//! has, its source text is still the current one (else it is stale), and
//! every message whose translation changed has the source's codes (each
//! once, in any order), well-formed pairs, no placeable typed as text, and
//! a translation for every unit (every plural category the language
//! needs). One problem refuses the whole import. Then the changed messages
//! are rebuilt, the new files are parsed again as a catalog (a last check
//! that nothing broke), and files and lock are written, each atomically.
//! A message whose translation did not change is never rewritten; a stale
//! one marked final without a change is accepted, as `report l10n accept`
//! would.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::rewrite::{self, FileChange};
use super::units::{Exchange, Walker};
use super::{ExchangeFormat, ImportedFile};
use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::l10n::Catalog;
use crate::platform::files::{Durability, Transaction, read_named};
use crate::project::{BuildLayout, Language, Project, decode_utf8, edit_raw};
use crate::review::status::Status;
use crate::review::translation_lock::{AcceptScope, TranslationLock};
use crate::review::working_tree;

mod changed;
mod check;
mod codes;
mod render_errors;

use changed::Changed;
use check::check_units;
use render_errors::refuse_new_errors;

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// The translation's language.
    pub language: Language,
    /// The file's format.
    pub format: ExchangeFormat,
    /// How many units the file has.
    pub units: usize,
    /// The messages whose translation changed, by key.
    pub changed: Vec<String>,
    /// Stale messages accepted unchanged (marked final).
    pub accepted: Vec<String>,
    /// The files written (or that would be), relative to the project.
    pub files: Vec<PathBuf>,
}

/// Imports the exchange file at `path` into `project`.
pub(crate) fn import(project: &Project, path: &Path, dry_run: bool) -> Result<ImportOutcome> {
    import_source(project, read_file(path)?, dry_run)
}

/// Imports an exchange file already read (`source`: its path and text);
/// with `dry_run`, every check runs and nothing is written.
pub fn import_source(
    project: &Project,
    source: Arc<Source>,
    dry_run: bool,
) -> Result<ImportOutcome> {
    let (file, format, at) = read_exchange(source)?;
    let language = languages(project, &file, &at)?;
    let workspace = working_tree::load(project, std::slice::from_ref(&language))?;
    let (Some(source), Some(target)) = (workspace.source_catalog(), workspace.catalog(&language))
    else {
        return Err(Problem::error(
            Code::ExchangeFile,
            "the project has no catalogs to import into",
        )
        .into());
    };
    let mut lock = TranslationLock::load(project, &language)?;
    let current = Exchange::build(source, target, &lock, &Status::ALL);
    let checked = check_units(&file, &current, &at)?;
    stop_if_interrupted()?;
    let walker = Walker::for_language(&target.language);
    let changed_units = Changed::new(source, &current, &checked);
    let rebuilt = changed_units.rebuild(&walker, source, &checked);
    changed_units.verify(&walker, &rebuilt)?;
    stop_if_interrupted()?;
    let changes = rewrite::plan(source, target, &rebuilt);
    let new_texts = new_texts(target, &changes);
    let new_catalog = reparse(&language, target, &changes, &new_texts)?;
    stop_if_interrupted()?;
    let new_catalog = if changes.is_empty() {
        new_catalog
    } else {
        refuse_new_errors(&workspace, new_catalog, &file, &at)?
    };
    let changed: Vec<String> = rebuilt.iter().map(|r| r.key.clone()).collect();
    let recorded: Vec<String> = changed.iter().chain(&checked.accepted).cloned().collect();
    let before = lock.clone();
    lock.accept(source, &new_catalog, AcceptScope::Only(&recorded))?;
    let mut files: Vec<PathBuf> = changes
        .iter()
        .map(|c| BuildLayout::locale_relative(&language.tag).join(&c.relative))
        .collect();
    if lock != before {
        files.push(crate::review::translation_lock::display_path(&language));
    }
    if !dry_run {
        let lock = (lock != before).then_some(&lock);
        write(project, &language, target, &changes, &new_texts, lock)?;
    }
    Ok(ImportOutcome {
        language,
        format,
        units: file.units.len(),
        changed,
        accepted: checked.accepted,
        files,
    })
}

/// Reads an exchange file's units and format; returns them with its text
/// (for locating problems).
fn read_exchange(source_file: Arc<Source>) -> Result<(ImportedFile, ExchangeFormat, Arc<Source>)> {
    let detected = ExchangeFormat::detect(&source_file.text);
    let named = ExchangeFormat::from_path(&source_file.path);
    // A file named as XLIFF without XLIFF's namespace is not read as PO
    // (whose errors would only confuse).
    if detected == Some(ExchangeFormat::Po) && named.is_some_and(|n| n != ExchangeFormat::Po) {
        return Err(Problem::error(
            Code::ExchangeFile,
            format!(
                "`{}` is named as XLIFF but is not XLIFF: its start has no XLIFF 2 or 1.2 namespace",
                source_file.path.display()
            ),
        )
        .at(&source_file, 0..source_file.text.len().min(1))
        .with_hint("import the XLIFF file a CAT tool saved (or `report l10n export` wrote); export it again if it was damaged")
        .into());
    }
    let format = detected.ok_or_else(|| {
        Problem::error(
            Code::ExchangeFile,
            format!("`{}` is neither XLIFF nor PO", source_file.path.display()),
        )
        .at(&source_file, 0..1)
        .with_hint("import a file written by `report l10n export` (XLIFF 2.1, XLIFF 1.2 or PO)")
    })?;
    let file = format.read(&source_file).map_err(|e| {
        if e.interrupted {
            return interrupted();
        }
        Problem::error(
            Code::ExchangeFile,
            format!("cannot read {}: {}", format.name(), e.message),
        )
        .at(&source_file, e.offset..e.offset + 1)
        .with_hint(e.hint.unwrap_or_else(|| {
            "the file must be well formed; export it again if a tool broke it".to_owned()
        }))
    })?;
    Ok((file, format, source_file))
}

/// Stops an interrupted import between two of its steps (each step polls
/// within itself per unit or entry; one enormous unit is one step).
fn stop_if_interrupted() -> Result<()> {
    if crate::platform::interrupt::interrupted() {
        return Err(interrupted().into());
    }
    Ok(())
}

/// The one problem of an import stopped by Ctrl-C or SIGTERM.
fn interrupted() -> Problem {
    Problem::error(
        Code::Interrupted,
        "interrupted: the import was stopped before it finished; nothing was written",
    )
    .with_hint("run it again to finish it")
}

fn read_file(path: &Path) -> Result<Arc<Source>> {
    let bytes = read_named(path).map_err(|e| {
        Problem::io("read", path, &e).with_hint("name the file `report l10n export` wrote")
    })?;
    let text = decode_utf8(path, bytes)?;
    Ok(Source::new(path, text))
}

/// Where exchange files name their source language (XLIFF 2, XLIFF 1.2).
const SOURCE_DECLARATIONS: &[&str] = &["srcLang", "source-language"];
/// Where they name their target language (XLIFF 2, XLIFF 1.2, a PO header).
const TARGET_DECLARATIONS: &[&str] = &["trgLang", "target-language", "Language:"];

/// The bytes of `value` where `text` declares it under one of `names`
/// (`trgLang="fr"`, `Language: fr`), so a wrong language is shown where it
/// is written; the file's start when it cannot be found.
fn declared_at(text: &str, names: &[&str], value: &str) -> std::ops::Range<usize> {
    for name in names {
        for (found, _) in text.match_indices(name) {
            let after = found + name.len();
            let rest = &text[after..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\t', '=', '"', '\'']).len();
            if rest[gap..].starts_with(value) {
                return after + gap..after + gap + value.len();
            }
        }
    }
    0..text.len().min(1)
}

/// The translation language the file is for, checked against the project.
fn languages(project: &Project, file: &ImportedFile, at: &Arc<Source>) -> Result<Language> {
    let source = &project.manifest.source_language;
    if let Some(declared) = file.source_language.as_ref().filter(|d| **d != source.tag) {
        return Err(Problem::error(
            Code::ExchangeFile,
            format!("the file translates from `{declared}`, but this project's source language is `{source}`"),
        )
        .at(at, declared_at(&at.text, SOURCE_DECLARATIONS, declared))
        .with_hint("import it into the project it was exported from")
        .into());
    }
    let Some(tag) = &file.target_language else {
        return Err(Problem::error(
            Code::ExchangeFile,
            "the file does not say which language it translates into",
        )
        .at(at, 0..1)
        .with_hint("XLIFF 2 needs `trgLang`, XLIFF 1.2 `target-language`, PO a `Language:` header")
        .into());
    };
    match project.language(tag) {
        Some(language) if language != source => Ok(language.clone()),
        _ => Err(Problem::error(
            Code::ExchangeFile,
            format!("`{tag}` is not a translation language of this project"),
        )
        .at(at, declared_at(&at.text, TARGET_DECLARATIONS, tag))
        .with_hint("add it to `languages` in report.toml, or import the file into its own project")
        .into()),
    }
}

/// Each changed file's new text (LF line ends).
fn new_texts(target: &Catalog, changes: &[FileChange]) -> Vec<String> {
    changes
        .iter()
        .map(|change| change.apply(change.file.map_or("", |f| target.files[f].text.as_str())))
        .collect()
}

/// The translation's catalog with the new texts; any problem it has that
/// the old one did not is a bug in the rebuild, and stops the import.
fn reparse(
    language: &Language,
    target: &Catalog,
    changes: &[FileChange],
    texts: &[String],
) -> Result<Catalog> {
    let mut sources: Vec<Arc<Source>> = target.files.clone();
    for (change, text) in changes.iter().zip(texts) {
        let path = BuildLayout::locale_relative(&language.tag).join(&change.relative);
        let source = Source::new(path, text.clone());
        match change.file {
            Some(index) => sources[index] = source,
            None => sources.push(source),
        }
    }
    let mut catalog = Catalog::from_sources(language.clone(), sources);
    let problems = std::mem::take(&mut catalog.problems);
    if problems.has_errors() {
        let mut refused = Problems::default();
        refused.push(
            Problem::error(
                Code::ExchangeFile,
                "the imported messages would not parse as Fluent; nothing was written",
            )
            .with_hint("this is a bug in report: please report it with the file you imported"),
        );
        refused.extend(problems);
        return Err(refused);
    }
    Ok(catalog)
}

/// Writes each changed file, keeping its byte order mark and line ends,
/// and the lock when it changed: all of them together, or none.
fn write(
    project: &Project,
    language: &Language,
    target: &Catalog,
    changes: &[FileChange],
    texts: &[String],
    lock: Option<&TranslationLock>,
) -> Result<()> {
    let mut transaction = Transaction::new(&project.output, Durability::Flush);
    for (change, text) in changes.iter().zip(texts) {
        let Some(relative) = BuildLayout::message_file(&language.tag, &change.relative) else {
            return Err(Problem::error(
                Code::PathOutsideProject,
                format!(
                    "`{}` is outside {}'s messages; it is not written",
                    change.relative.display(),
                    language.tag
                ),
            )
            .into());
        };
        let (path, bytes) = match change.file {
            Some(index) => {
                // A linked file is written where it really is; the read
                // refuses one that links out of the project.
                let raw = project.files.read(&relative)?;
                let raw = String::from_utf8_lossy(&raw).into_owned();
                let edited = edit_raw(&raw, &target.files[index].text, change.edits.clone());
                let edited = edited.ok_or_else(|| {
                    Problem::error(
                        Code::Io,
                        format!("{} changed while importing", relative.display()),
                    )
                    .with_hint("run the import again")
                })?;
                (project.files.inside(&relative)?, edited)
            }
            // A new file: its directories are made (real ones only) when
            // it is staged.
            None => (project.root.join(&relative), text.clone()),
        };
        transaction.stage(&path, bytes.as_bytes())?;
    }
    if let Some(lock) = lock {
        lock.stage(&mut transaction, project, language)?;
    }
    transaction.commit()
}
