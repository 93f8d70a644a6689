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

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::inline::{self, CodeDef, Codes, Content, Inline};
use super::rebuild;
use super::rewrite::{self, FileChange, Rebuilt};
use fluent_syntax::ast;

use super::units::{EntryTree, Exchange, State, Unit, Walker, entry_trees};
use super::{ExchangeFormat, ImportedFile, ImportedUnit, UnitText};
use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::files::{Durability, Transaction};
use crate::l10n::review::Status;
use crate::l10n::translation_lock::{AcceptScope, TranslationLock};
use crate::l10n::{Catalog, working_tree};
use crate::project::{BuildLayout, Language, Project, decode_utf8, edit_raw};

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
pub fn import(project: &Project, path: &Path, dry_run: bool) -> Result<ImportOutcome> {
    let (file, format, at) = read_exchange_file(path)?;
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
    let walker = Walker::for_language(&target.language);
    let changed_units = Changed::new(source, &current, &checked);
    let rebuilt = changed_units.rebuild(&walker, source, &checked);
    changed_units.verify(&walker, &rebuilt)?;
    let changes = rewrite::plan(source, target, &rebuilt);
    let new_texts = new_texts(target, &changes);
    let new_catalog = reparse(&language, target, &changes, &new_texts)?;
    let changed: Vec<String> = rebuilt.iter().map(|r| r.key.clone()).collect();
    let recorded: Vec<String> = changed.iter().chain(&checked.accepted).cloned().collect();
    let before = lock.clone();
    lock.accept(source, &new_catalog, AcceptScope::Only(&recorded))?;
    let mut files: Vec<PathBuf> = changes
        .iter()
        .map(|c| BuildLayout::locale_relative(&language.tag).join(&c.relative))
        .collect();
    if lock != before {
        files.push(crate::l10n::translation_lock::display_path(
            project, &language,
        ));
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

/// Reads an exchange file: its units, its format, and its text (for
/// locating problems).
fn read_exchange_file(path: &Path) -> Result<(ImportedFile, ExchangeFormat, Arc<Source>)> {
    let source_file = read_file(path)?;
    let format = ExchangeFormat::detect(&source_file.text).ok_or_else(|| {
        Problem::error(
            Code::ExchangeFile,
            format!("`{}` is neither XLIFF nor PO", path.display()),
        )
        .at(&source_file, 0..1)
        .with_hint("import a file written by `report l10n export` (XLIFF 2.1, XLIFF 1.2 or PO)")
    })?;
    let file = format.read(&source_file).map_err(|e| {
        Problem::error(
            Code::ExchangeFile,
            format!("cannot read {}: {}", format.name(), e.message),
        )
        .at(&source_file, e.offset..e.offset + 1)
        .with_hint("the file must be well formed; export it again if a tool broke it")
    })?;
    Ok((file, format, source_file))
}

fn read_file(path: &Path) -> Result<Arc<Source>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::io("read", path, &e).with_hint("name the file `report l10n export` wrote")
    })?;
    let text = decode_utf8(path, bytes)?;
    Ok(Source::new(path, text))
}

/// The translation language the file is for, checked against the project.
fn languages(project: &Project, file: &ImportedFile, at: &Arc<Source>) -> Result<Language> {
    let source = &project.manifest.source_language;
    if let Some(declared) = file.source_language.as_ref().filter(|d| **d != source.tag) {
        return Err(Problem::error(
            Code::ExchangeFile,
            format!("the file translates from `{declared}`, but this project's source language is `{source}`"),
        )
        .at(at, 0..1)
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
        .at(at, 0..1)
        .with_hint("add it to `languages` in report.toml, or import the file into its own project")
        .into()),
    }
}

/// The file's units, checked against the current ones.
struct Checked {
    /// Each unit's target as read, by unit id (`None`: no translation).
    targets: HashMap<String, Option<Vec<Inline>>>,
    /// The entries with a changed unit.
    changed: Vec<String>,
    /// Stale entries marked final without a change.
    accepted: Vec<String>,
}

/// A unit of the file read against the current unit of the same id.
struct ReadUnit<'a> {
    imported: &'a ImportedUnit,
    unit: &'a Unit,
    /// Its translation with the source's code ids (`None`: empty).
    target: Option<Vec<Inline>>,
}

fn check_units(file: &ImportedFile, current: &Exchange, at: &Arc<Source>) -> Result<Checked> {
    let units: HashMap<&str, &Unit> = current.units().map(|u| (u.id.as_str(), u)).collect();
    let order: HashMap<&str, usize> = current
        .units()
        .enumerate()
        .map(|(i, u)| (u.entry.as_str(), i))
        .collect();
    let mut problems = Problems::default();
    // The file's units by entry, in the current source's order.
    let mut by_entry: BTreeMap<usize, Vec<ReadUnit<'_>>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for imported in &file.units {
        if !seen.insert(imported.id.as_str()) {
            problems.push(
                Problem::error(
                    Code::ExchangeFile,
                    format!("unit `{}` is in the file twice", imported.id),
                )
                .at(at, imported.offset..imported.offset + 1)
                .with_hint("keep one translation per unit; export again if a tool duplicated it"),
            );
            continue;
        }
        match read_unit(imported, &units, at) {
            Ok(read) => {
                let index = order
                    .get(read.unit.entry.as_str())
                    .copied()
                    .unwrap_or(usize::MAX);
                by_entry.entry(index).or_default().push(read);
            }
            Err(problem) => problems.push(*problem),
        }
    }
    let mut checked = Checked {
        targets: HashMap::new(),
        changed: Vec::new(),
        accepted: Vec::new(),
    };
    for read in by_entry.into_values() {
        check_entry(&read, &mut checked, at, &mut problems);
    }
    missing_units(current, &mut checked, file, at, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(checked)
}

/// Reads one unit of the file: its id must be current, its source the
/// current one, its target readable.
fn read_unit<'a>(
    imported: &'a ImportedUnit,
    units: &HashMap<&str, &'a Unit>,
    at: &Arc<Source>,
) -> std::result::Result<ReadUnit<'a>, Box<Problem>> {
    let span = imported.offset..imported.offset + 1;
    let Some(unit) = units.get(imported.id.as_str()).copied() else {
        let hint = crate::suggest::closest(&imported.id, units.keys().copied()).map_or_else(
            || "export again: the source no longer has it".to_owned(),
            |b| format!("did you mean `{b}`? else export again: the source no longer has it"),
        );
        return Err(Box::new(
            Problem::error(
                Code::UnknownUnit,
                format!("unit `{}` is not in the current source", imported.id),
            )
            .at(at, span)
            .with_hint(hint),
        ));
    };
    let codes = unit.codes();
    let source =
        read_text(&imported.source, unit.source.raw_markup, &codes).map_err(|message| {
            Box::new(unit_problem(
                at,
                span.clone(),
                &imported.id,
                format!("its source cannot be read: {message}"),
            ))
        })?;
    if source != unit.source.inline {
        return Err(Box::new(
            Problem::error(
                Code::StaleUnit,
                format!(
                    "the source of unit `{}` changed since the file was exported",
                    imported.id
                ),
            )
            .at(at, span)
            .with_note(format!("exported source: {}", shown(&source, &unit.source)))
            .with_note(format!(
                "current source:  {}",
                shown(&unit.source.inline, &unit.source)
            ))
            .with_hint("export again and carry this translation over to the new source"),
        ));
    }
    let target = imported
        .target
        .as_ref()
        .map(|t| read_text(t, unit.raw_markup(), &codes))
        .transpose()
        .map_err(|message| Box::new(unit_problem(at, span, &imported.id, message)))?;
    Ok(ReadUnit {
        imported,
        unit,
        target: target.filter(|t| !inline::is_empty(t)),
    })
}

/// One entry's units: changed (then every target's codes are checked),
/// accepted (stale, marked final, unchanged), or left alone.
fn check_entry(
    read: &[ReadUnit<'_>],
    checked: &mut Checked,
    at: &Arc<Source>,
    problems: &mut Problems,
) {
    let Some(entry) = read.first().map(|r| r.unit.entry.clone()) else {
        return;
    };
    // Whitespace a reader never sees, or codes of one kind swapped, are
    // no change.
    let changed = read.iter().any(|r| {
        let codes = r.unit.codes();
        let seen =
            |inline: &[Inline]| inline::by_identity(&inline::canonical(inline, &codes), &codes);
        r.target.as_deref().map(seen) != r.unit.target.as_ref().map(|t| seen(&t.inline))
    });
    if changed {
        for r in read {
            let span = r.imported.offset..r.imported.offset + 1;
            for message in r.target.iter().flat_map(|t| code_problems(t, r.unit)) {
                problems.push(unit_problem(at, span.clone(), &r.imported.id, message));
            }
        }
        checked.changed.push(entry);
    } else if read.iter().all(|r| {
        r.unit.state == State::NeedsReview
            && r.imported.state == Some(State::Final)
            && r.unit.target.is_some()
    }) {
        checked.accepted.push(entry);
    }
    for r in read {
        checked
            .targets
            .insert(r.imported.id.clone(), r.target.clone());
    }
}

/// A changed entry needs a translation for every one of its units: from
/// the file, or the one the entry has now.
fn missing_units(
    current: &Exchange,
    checked: &mut Checked,
    file: &ImportedFile,
    at: &Arc<Source>,
    problems: &mut Problems,
) {
    for unit in current
        .units()
        .filter(|u| checked.changed.contains(&u.entry))
    {
        let target = match checked.targets.get(&unit.id) {
            Some(target) => target.clone(),
            None => unit.target.as_ref().map(|t| t.inline.clone()),
        };
        if target.is_none() {
            let offset = file
                .units
                .iter()
                .find(|u| {
                    current
                        .units()
                        .any(|c| c.id == u.id && c.entry == unit.entry)
                })
                .map_or(0, |u| u.offset);
            let what = match unit.id.rsplit_once(':') {
                Some((_, key)) if unit.group.is_some() => format!(
                    "`{}` has no translation for the `{key}` variant (plural category or key) that `{}` needs",
                    unit.entry, current.target_language
                ),
                _ => format!("`{}` has no translation for unit `{}`", unit.entry, unit.id),
            };
            problems.push(
                Problem::error(Code::UnitMismatch, what)
                    .at(at, offset..offset + 1)
                    .with_hint(format!(
                        "translate unit `{}` too, or leave the whole message untranslated",
                        unit.id
                    )),
            );
        }
        checked.targets.insert(unit.id.clone(), target);
    }
}

fn unit_problem(
    at: &Arc<Source>,
    span: std::ops::Range<usize>,
    id: &str,
    message: String,
) -> Problem {
    Problem::error(Code::UnitMismatch, format!("unit `{id}`: {message}"))
        .at(at, span)
        .with_hint("keep the source's codes (placeables and markup), each once, in any order")
}

/// A unit text as content with the unit's code ids.
fn read_text(
    text: &UnitText,
    raw_markup: bool,
    codes: &Codes,
) -> std::result::Result<Vec<Inline>, String> {
    match text {
        UnitText::Inline(inline) => Ok(inline::tidy(inline.clone())),
        UnitText::Fluent(text) => {
            inline::from_fluent_text(text, codes, raw_markup).map(|c| c.inline)
        }
    }
}

/// What is wrong with a translation's codes: each of the source's must be
/// there once; those of the current translation's own may be, once.
fn code_problems(target: &[Inline], unit: &Unit) -> Vec<String> {
    let codes = unit.codes();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    // A select of the translation's own has no units to rebuild it from.
    let own_select = codes
        .0
        .iter()
        .any(|(id, def)| matches!(def, CodeDef::Select(..)) && unit.source.codes.get(id).is_none());
    if own_select {
        problems.push(
            "the translation has a select the source does not; edit this message in its .ftl file"
                .to_owned(),
        );
        return problems;
    }
    collect_codes(target, &codes, &mut used, &mut problems);
    for (id, def) in &codes.0 {
        // A source code the current translation already does without (it
        // has its own) is not dropped by this import.
        let required = unit.source.codes.get(id).is_some()
            && unit
                .target
                .as_ref()
                .is_none_or(|t| uses_code(&t.inline, id));
        match used.get(id).copied().unwrap_or(0) {
            0 if required => problems.push(format!("drops {} `{}`", noun(def), def.display())),
            0 | 1 => {}
            n => problems.push(format!(
                "has {} `{}` {n} times; the source has it once",
                noun(def),
                def.display()
            )),
        }
    }
    if let Some(marker) = marker_inside_a_line(target, &codes) {
        problems.push(format!(
            "the list item marker `{}` must start a line; put a line end before it",
            marker.trim()
        ));
    }
    if let Some(written) = placeable_as_text(&inline::plain(target)) {
        problems.push(format!(
            "writes `{written}` as text: a translation cannot add placeables; use the source's codes"
        ));
    }
    problems
}

/// Whether content uses the code `id`.
fn uses_code(inline: &[Inline], id: &str) -> bool {
    inline.iter().any(|piece| match piece {
        Inline::Text(_) => false,
        Inline::Code(code) => code == id,
        Inline::Pair { id: pair, children } => pair == id || uses_code(children, id),
    })
}

fn collect_codes(
    target: &[Inline],
    codes: &Codes,
    used: &mut BTreeMap<String, usize>,
    problems: &mut Vec<String>,
) {
    for piece in target {
        let (id, pair) = match piece {
            Inline::Text(_) => continue,
            Inline::Code(id) => (id, false),
            Inline::Pair { id, children } => {
                collect_codes(children, codes, used, problems);
                (id, true)
            }
        };
        match codes.get(id) {
            None => problems.push(format!("has a code `{id}` the source does not have")),
            Some(def) if def.is_pair() != pair => problems.push(format!(
                "uses code `{id}` ({}) as a {}",
                def.display(),
                if pair { "pair" } else { "single code" }
            )),
            Some(_) => *used.entry(id.clone()).or_default() += 1,
        }
    }
}

fn noun(def: &CodeDef) -> &'static str {
    match def {
        CodeDef::Placeable(_) => "placeable",
        CodeDef::Select(..) => "select",
        CodeDef::Markup { .. } => "markup",
        CodeDef::Linebreak => "line break",
        CodeDef::Citation(_) => "citation",
        CodeDef::ListMarker(_) => "list item",
    }
}

/// A list item marker that does not start a line (markup would read it as
/// text, and the list would lose an item).
fn marker_inside_a_line(target: &[Inline], codes: &Codes) -> Option<String> {
    let mut line_start = true;
    for piece in target {
        match piece {
            Inline::Text(text) => {
                if !text.trim_matches([' ', '\t']).is_empty() || text.contains('\n') {
                    line_start = text.trim_end_matches([' ', '\t']).ends_with('\n');
                }
            }
            Inline::Code(id) => match codes.get(id) {
                Some(CodeDef::ListMarker(marker)) if !line_start => return Some(marker.clone()),
                _ => line_start = false,
            },
            Inline::Pair { .. } => line_start = false,
        }
    }
    None
}

/// Text that looks like a Fluent placeable (`{ $x }`, `{ -term }`,
/// `{ NUMBER(…) }`), which would be printed literally.
fn placeable_as_text(text: &str) -> Option<&str> {
    text.match_indices('{').find_map(|(at, _)| {
        let inner = text[at + 1..].trim_start();
        let function = inner.split_once('(').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        });
        let looks = inner.starts_with('$') || inner.starts_with('-') || function;
        let end = text[at..].find('}').map_or(text.len(), |e| at + e + 1);
        looks.then(|| &text[at..end])
    })
}

/// Content as one line of text, codes shown as the source writes them.
fn shown(inline: &[Inline], source: &Content) -> String {
    inline::fluent_text(inline, &source.codes, true).replace('\n', "⏎")
}

/// What rebuilding the changed entries needs, gathered once: the source's
/// trees, and each changed unit's imported target and codes (with its
/// markup reading).
struct Changed<'a> {
    trees: HashMap<String, EntryTree<'a>>,
    targets: HashMap<String, Vec<Inline>>,
    codes: HashMap<String, (Codes, bool)>,
}

impl<'a> Changed<'a> {
    fn new(source: &'a Catalog, current: &Exchange, checked: &Checked) -> Self {
        let mut targets = HashMap::new();
        let mut codes = HashMap::new();
        for unit in current
            .units()
            .filter(|u| checked.changed.contains(&u.entry))
        {
            if let Some(Some(target)) = checked.targets.get(&unit.id) {
                targets.insert(unit.id.clone(), target.clone());
            }
            codes.insert(unit.id.clone(), (unit.codes(), unit.raw_markup()));
        }
        Self {
            trees: entry_trees(source),
            targets,
            codes,
        }
    }

    /// The changed entries rebuilt as Fluent, in source order.
    fn rebuild(&self, walker: &Walker, source: &Catalog, checked: &Checked) -> Vec<Rebuilt> {
        source
            .entries
            .keys()
            .filter(|key| checked.changed.contains(key))
            .filter_map(|key| {
                let tree = self.trees.get(key)?;
                Some(Rebuilt {
                    key: key.clone(),
                    text: rebuild::entry_text(walker, key, *tree, &self.targets, &self.codes),
                })
            })
            .collect()
    }

    /// Reads each rebuilt entry back as units: each must hold exactly the
    /// translation it was built from, or the import stops (a bug, but one
    /// that must never reach a file).
    fn verify(&self, walker: &Walker, rebuilt: &[Rebuilt]) -> Result<()> {
        for entry in rebuilt {
            if let Some(unit) = self.first_difference(walker, entry) {
                return Err(Problem::error(
                    Code::ExchangeFile,
                    format!(
                        "`{}` (unit `{unit}`) would not read back as imported; nothing was written",
                        entry.key
                    ),
                )
                .with_note(format!("rebuilt as: {}", entry.text.trim_end()))
                .with_hint("this is a bug in report: please report it with the file you imported")
                .into());
            }
        }
        Ok(())
    }

    /// The first unit of a rebuilt entry that does not read back as it was
    /// imported (the entry's key when the text does not even parse).
    fn first_difference(&self, walker: &Walker, entry: &Rebuilt) -> Option<String> {
        let resource = fluent_syntax::parser::parse(entry.text.as_str()).ok();
        let written = resource.as_ref().and_then(|r| match r.body.first() {
            Some(ast::Entry::Message(m)) => Some(EntryTree::Message(m)),
            Some(ast::Entry::Term(t)) => Some(EntryTree::Term(t)),
            _ => None,
        });
        let (Some(source_tree), Some(written)) = (self.trees.get(&entry.key), written) else {
            return Some(entry.key.clone());
        };
        let empty = Codes::default();
        walker
            .units_of(&entry.key, source_tree, Some(&written))
            .into_iter()
            .find(|unit| {
                let imported_codes = self.codes.get(&unit.id).map_or(&empty, |(codes, _)| codes);
                let wanted = self
                    .targets
                    .get(&unit.id)
                    .map(|w| inline::as_seen(w, imported_codes));
                let read_back = unit
                    .target
                    .as_ref()
                    .map(|t| inline::as_seen(&t.inline, &unit.codes()));
                read_back != wanted
            })
            .map(|unit| unit.id)
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
    let mut problems = Problems::default();
    let catalog = Catalog::from_sources(language.clone(), sources, &mut problems);
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
        let relative = BuildLayout::locale_relative(&language.tag).join(&change.relative);
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
