//! Translation QA: everything wrong or suspicious in every language.
//!
//! Stricter than Mozilla's compare-locales, which misses a dropped or renamed
//! `$variable`. Each translation is compared with the source language file by
//! file (`locales/es/a.ftl` against `locales/en/a.ftl`), then the data and
//! templates are checked against every language. Findings are
//! [`Problem`]s with a stable `code`, the language and the id they are
//! about, so `report check --format json` can be read by other tools.
//!
//! Codes, errors: `syntax`, `no-default-variant`, `duplicate-id`,
//! `missing-file`, `missing-message`, `missing-term`, `missing-attribute`,
//! `unknown-variable`, `unknown-reference`, `cyclic-reference`,
//! `unknown-message`, `missing-argument`, `argument-kind`,
//! `message-needs-arguments`. Warnings: `obsolete-message`,
//! `obsolete-attribute`, `dropped-variable`, `reference-mismatch`,
//! `missing-plural-category`, `empty-value`, `unused-message`,
//! `stale-translation`. Info:
//! `unchanged`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Serialize;

use crate::build::resolve::{self, LANGUAGE_NAME_MESSAGE};
use crate::data::{Data, MessageRef};
use crate::diagnostic::{Code, Location, Problem, Problems, Severity, Source};
use crate::l10n::{Catalog, Entry, Formatted};
use crate::project::Project;
use crate::workspace::Workspace;

/// Messages `report` itself reads; they count as used.
const BUILTIN_MESSAGES: [&str; 2] = [LANGUAGE_NAME_MESSAGE, "language-switcher"];

/// What a check found, and the figures per language.
#[derive(Debug, Default)]
pub struct Report {
    /// Every finding, sorted by file and position.
    pub findings: Vec<Problem>,
    /// One summary per language, in manifest order.
    pub summaries: Vec<Summary>,
}

/// Translation progress and findings of one language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    /// BCP 47 tag.
    pub language: String,
    /// Whether this is the source language.
    pub source: bool,
    /// Messages in the source language.
    pub messages: usize,
    /// Of those, how many this language has.
    pub translated: usize,
    /// Of those, how many it lacks.
    pub missing: usize,
    /// Messages this language has that the source does not.
    pub obsolete: usize,
    /// Translated messages identical to the source.
    pub unchanged: usize,
    /// `translated / messages`, in percent, rounded down to one decimal.
    pub percent: f64,
    /// Words in this language's messages.
    pub words: usize,
    /// Words of the source messages this language lacks.
    pub missing_words: usize,
    /// Errors about this language.
    pub errors: usize,
    /// Warnings about this language.
    pub warnings: usize,
}

/// What to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything (`report check`).
    All,
    /// Only what can be an error: what `render` needs to refuse a language.
    Errors,
}

/// Checks the whole project: catalogs (already loaded, with the problems
/// loading found) and, when it loaded, the data.
pub fn check(workspace: &Workspace, load_problems: Problems, scope: Scope) -> Report {
    let (project, catalogs, data) = (
        &workspace.project,
        &workspace.catalogs,
        workspace.data.as_ref(),
    );
    let all = scope == Scope::All;
    let mut findings = load_problems.0;
    let source_tag = &project.manifest.source_language.tag;
    let source = catalogs.get(source_tag);
    let mut per_language: BTreeMap<String, Counts> = BTreeMap::new();
    for catalog in catalogs.values() {
        check_references(catalog, &mut findings);
        if all {
            check_plurals(catalog, &mut findings);
            check_empty(catalog, &mut findings);
        }
        if let Some(source) = source.filter(|s| s.language != catalog.language) {
            let counts = compare(source, catalog, all, &mut findings);
            per_language.insert(catalog.language.tag.clone(), counts);
            if all {
                check_stale(project, source, catalog, &mut findings);
            }
        }
    }
    if let Some(source) = source {
        let templates = template_messages(project, &mut findings);
        if let Some(data) = data {
            check_data(data, catalogs, source, &mut findings);
        }
        check_templates(&templates, catalogs, source, &mut findings);
        if all {
            check_unused(source, data, &templates, catalogs, &mut findings);
        }
    }
    findings.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    if !all {
        return Report {
            findings,
            summaries: Vec::new(),
        };
    }
    let summaries = project
        .manifest
        .languages
        .iter()
        .filter_map(|language| {
            let catalog = catalogs.get(&language.tag)?;
            let total = source.map_or(0, |s| s.messages().count());
            let counts = per_language.get(&language.tag).cloned().unwrap_or(Counts {
                translated: total,
                ..Counts::default()
            });
            let about = |severity: Severity| {
                findings
                    .iter()
                    .filter(|f| {
                        f.severity == severity && f.language.as_deref() == Some(&language.tag)
                    })
                    .count()
            };
            let percent = if total == 0 {
                100.0
            } else {
                (counts.translated as f64 * 1000.0 / total as f64).floor() / 10.0
            };
            Some(Summary {
                language: language.tag.clone(),
                source: language.tag == *source_tag,
                messages: total,
                translated: counts.translated,
                missing: counts.missing,
                obsolete: counts.obsolete,
                unchanged: counts.unchanged,
                percent,
                words: catalog.messages().map(|m| m.words).sum(),
                missing_words: counts.missing_words,
                errors: about(Severity::Error),
                warnings: about(Severity::Warning),
            })
        })
        .collect();
    Report {
        findings,
        summaries,
    }
}

fn sort_key(problem: &Problem) -> (PathBuf, usize, String, &'static str) {
    match &problem.location {
        Some(location) => (
            location.source.path.clone(),
            location.span.start,
            problem.language.clone().unwrap_or_default(),
            problem.code.as_str(),
        ),
        None => (
            PathBuf::new(),
            0,
            problem.language.clone().unwrap_or_default(),
            problem.code.as_str(),
        ),
    }
}

#[derive(Debug, Clone, Default)]
struct Counts {
    translated: usize,
    missing: usize,
    obsolete: usize,
    unchanged: usize,
    missing_words: usize,
}

/// The byte range of the first `needle` inside an entry, else the entry's id.
fn locate_in_entry(catalog: &Catalog, entry: &Entry, needle: &str) -> Location {
    let source = &catalog.files[entry.file];
    let start = entry.location.span.start;
    let end = entry.end.min(source.text.len());
    let text = &source.text[start..end];
    let found = text.match_indices(needle).find(|(i, _)| {
        // `$x` must not match the start of `$xy`.
        let after = text[i + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    match found {
        Some((i, _)) => Location::new(source, start + i..start + i + needle.len()),
        None => entry.location.clone(),
    }
}

fn entry_key(entry: &Entry) -> String {
    if entry.is_term {
        format!("-{}", entry.id)
    } else {
        entry.id.clone()
    }
}

/// A translation against the source, file by file.
fn compare(source: &Catalog, target: &Catalog, all: bool, findings: &mut Vec<Problem>) -> Counts {
    let tag = &target.language.tag;
    let mut counts = Counts::default();
    let target_files: HashMap<PathBuf, usize> = (0..target.files.len())
        .map(|i| (target.relative_path(i), i))
        .collect();
    let source_files: HashMap<PathBuf, usize> = (0..source.files.len())
        .map(|i| (source.relative_path(i), i))
        .collect();
    for (file, path) in source.files.iter().enumerate() {
        let relative = source.relative_path(file);
        let target_file = target_files.get(&relative).copied();
        let target_path = Path::new("locales").join(tag).join(&relative);
        if target_file.is_none() {
            let entries = source.entries.values().filter(|e| e.file == file).count();
            findings.push(
                Problem::error(
                    Code::MissingFile,
                    format!(
                        "`{}` is missing ({entries} entries to translate)",
                        target_path.display()
                    ),
                )
                .at(path, 0..0)
                .about(tag, "")
                .with_hint(format!(
                    "copy {} to {} and translate it",
                    path.path.display(),
                    target_path.display()
                )),
            );
        }
        for entry in source.entries.values().filter(|e| e.file == file) {
            let key = entry_key(entry);
            let translated = target
                .entries
                .get(&key)
                .filter(|t| Some(t.file) == target_file);
            let Some(translation) = translated else {
                if !entry.is_term {
                    counts.missing += 1;
                    if all {
                        counts.missing_words += entry.words;
                    }
                }
                if target_file.is_some() {
                    let (code, kind) = if entry.is_term {
                        (Code::MissingTerm, "term")
                    } else {
                        (Code::MissingMessage, "message")
                    };
                    findings.push(
                        Problem::error(code, format!("{kind} `{key}` is missing in `{tag}`"))
                            .at_location(Some(entry.location.clone()))
                            .with_label(format!("defined here, not in {}", target_path.display()))
                            .about(tag, &key)
                            .with_hint(format!("translate it in {}", target_path.display())),
                    );
                }
                continue;
            };
            if !entry.is_term {
                counts.translated += 1;
            }
            compare_entry(source, entry, target, translation, &key, findings);
            if all {
                note_unchanged(
                    source,
                    entry,
                    target,
                    translation,
                    &key,
                    findings,
                    &mut counts,
                );
            }
        }
    }
    for entry in target.entries.values() {
        let key = entry_key(entry);
        let relative = target.relative_path(entry.file);
        let in_source = source
            .entries
            .get(&key)
            .is_some_and(|s| source_files.get(&relative) == Some(&s.file));
        let builtin = BUILTIN_MESSAGES.contains(&key.as_str()) && source.entries.contains_key(&key);
        if !in_source && !builtin {
            if !entry.is_term {
                counts.obsolete += 1;
            }
            let kind = if entry.is_term { "term" } else { "message" };
            findings.push(
                Problem::warning(
                    Code::ObsoleteMessage,
                    format!(
                        "{kind} `{key}` is not in the source language ({}) file {}",
                        source.language,
                        Path::new("locales")
                            .join(&source.language.tag)
                            .join(&relative)
                            .display()
                    ),
                )
                .at_location(Some(entry.location.clone()))
                .about(tag, &key)
                .with_hint("remove it, or add it to the source language first"),
            );
        }
    }
    counts
}

fn compare_entry(
    source: &Catalog,
    entry: &Entry,
    target: &Catalog,
    translation: &Entry,
    key: &str,
    findings: &mut Vec<Problem>,
) {
    let tag = &target.language.tag;
    for attribute in entry
        .attributes
        .iter()
        .filter(|a| !translation.attributes.contains(a))
    {
        findings.push(
            Problem::error(
                Code::MissingAttribute,
                format!("`{key}` lacks attribute `.{attribute}` in `{tag}`"),
            )
            .at_location(Some(translation.location.clone()))
            .about(tag, key)
            .with_note(format!(
                "the source has it at {}",
                locate_in_entry(source, entry, &format!(".{attribute}")).display()
            ))
            .with_hint(format!("add `.{attribute} = …` to the translation")),
        );
    }
    for attribute in translation
        .attributes
        .iter()
        .filter(|a| !entry.attributes.contains(a))
    {
        findings.push(
            Problem::warning(
                Code::ObsoleteAttribute,
                format!("`{key}.{attribute}` is not in the source language"),
            )
            .at_location(Some(locate_in_entry(
                target,
                translation,
                &format!(".{attribute}"),
            )))
            .about(tag, key)
            .with_hint("remove it, or add it to the source first"),
        );
    }
    for variable in translation.own_variables.difference(&entry.own_variables) {
        let mut problem = Problem::error(
            Code::UnknownVariable,
            format!("`{key}` in `{tag}` uses `${variable}`, which the source does not"),
        )
        .at_location(Some(locate_in_entry(
            target,
            translation,
            &format!("${variable}"),
        )))
        .with_label("nobody gives this variable a value")
        .about(tag, key);
        let dropped: Vec<_> = entry
            .own_variables
            .difference(&translation.own_variables)
            .collect();
        problem = match crate::suggest::closest(variable, dropped.iter().map(|s| s.as_str())) {
            Some(best) => {
                problem.with_hint(format!("did you mean `${best}`? the variable was renamed"))
            }
            None => problem.with_hint(format!(
                "use only the source's variables: {}",
                list_or_none(entry.own_variables.iter().map(|v| format!("${v}")))
            )),
        };
        findings.push(problem);
    }
    for variable in entry.own_variables.difference(&translation.own_variables) {
        findings.push(
            Problem::warning(
                Code::DroppedVariable,
                format!("`{key}` in `{tag}` does not use `${variable}`, which the source does"),
            )
            .at_location(Some(translation.location.clone()))
            .about(tag, key)
            .with_note(format!(
                "the source uses it at {}",
                locate_in_entry(source, entry, &format!("${variable}")).display()
            ))
            .with_hint("check that no fact was lost in translation"),
        );
    }
    let refs = |e: &Entry| -> BTreeSet<String> {
        e.message_refs
            .iter()
            .cloned()
            .chain(e.term_refs.iter().map(|t| format!("-{t}")))
            .collect()
    };
    let (source_refs, target_refs) = (refs(entry), refs(translation));
    if source_refs != target_refs {
        findings.push(
            Problem::warning(
                Code::ReferenceMismatch,
                format!(
                    "`{key}` in `{tag}` references {}, the source {}",
                    list_or_none(target_refs.iter().map(|r| format!("`{r}`"))),
                    list_or_none(source_refs.iter().map(|r| format!("`{r}`")))
                ),
            )
            .at_location(Some(translation.location.clone()))
            .about(tag, key)
            .with_hint("reference the same messages and terms as the source"),
        );
    }
}

/// A translation identical to its source is reported as `unchanged` (info).
fn note_unchanged(
    source: &Catalog,
    entry: &Entry,
    target: &Catalog,
    translation: &Entry,
    key: &str,
    findings: &mut Vec<Problem>,
    counts: &mut Counts,
) {
    let tag = &target.language.tag;
    let source_text = source.normalized(entry);
    if entry.words > 0 && source_text == target.normalized(translation) {
        counts.unchanged += 1;
        findings.push(
            Problem {
                severity: Severity::Info,
                ..Problem::warning(
                    Code::Unchanged,
                    format!("`{key}` in `{tag}` is identical to the source"),
                )
            }
            .at_location(Some(translation.location.clone()))
            .about(tag, key),
        );
    }
}

fn list_or_none(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        "nothing".to_owned()
    } else {
        items.join(", ")
    }
}

/// Translations whose source changed since they were made (from the lock).
fn check_stale(project: &Project, source: &Catalog, target: &Catalog, findings: &mut Vec<Problem>) {
    let tag = &target.language.tag;
    let lock = match crate::l10n::lock::Lock::load(project, &target.language) {
        Ok(lock) => lock,
        Err(problems) => {
            findings.extend(problems.0.into_iter().map(|p| {
                let mut p = p;
                p.language = Some(tag.clone());
                p
            }));
            return;
        }
    };
    for row in crate::l10n::review::review(source, target, &lock) {
        if row.status != crate::l10n::review::Status::Stale {
            continue;
        }
        let Some(entry) = target.entries.get(&row.id) else {
            continue;
        };
        findings.push(
            Problem::warning(
                Code::StaleTranslation,
                format!("`{}` in `{tag}` was translated from an older source text", row.id),
            )
            .at_location(Some(entry.location.clone()))
            .about(tag, &row.id)
            .with_note(format!("source was: {}", row.previous_source.clone().unwrap_or_default()))
            .with_note(format!("source now: {}", row.source.clone().unwrap_or_default()))
            .with_hint(format!(
                "update the translation, or run `report l10n accept --lang {tag} {}` if it needs no change",
                row.id
            )),
        );
    }
}

/// References to entries that do not exist, and cycles.
fn check_references(catalog: &Catalog, findings: &mut Vec<Problem>) {
    let tag = &catalog.language.tag;
    for entry in catalog.entries.values() {
        let key = entry_key(entry);
        for id in &entry.message_refs {
            if catalog.message(id).is_none() {
                findings.push(
                    Problem::error(
                        Code::UnknownReference,
                        format!("`{key}` references message `{id}`, which `{tag}` does not have"),
                    )
                    .at_location(Some(locate_in_entry(catalog, entry, id)))
                    .about(tag, &key)
                    .with_hint(suggest_id(id, catalog.messages().map(|m| m.id.as_str()))),
                );
            }
        }
        for id in &entry.term_refs {
            if !catalog.entries.contains_key(&format!("-{id}")) {
                let terms = catalog
                    .entries
                    .values()
                    .filter(|e| e.is_term)
                    .map(|e| e.id.as_str());
                findings.push(
                    Problem::error(
                        Code::UnknownReference,
                        format!("`{key}` references term `-{id}`, which `{tag}` does not have"),
                    )
                    .at_location(Some(locate_in_entry(catalog, entry, &format!("-{id}"))))
                    .about(tag, &key)
                    .with_hint(suggest_id(id, terms)),
                );
            }
        }
    }
    // A cycle: an entry that reaches itself through references.
    let edges = |key: &str| -> Vec<String> {
        catalog.entries.get(key).map_or_else(Vec::new, |e| {
            e.message_refs
                .iter()
                .cloned()
                .chain(e.term_refs.iter().map(|t| format!("-{t}")))
                .collect()
        })
    };
    for (key, entry) in &catalog.entries {
        let mut stack = edges(key);
        let mut seen = BTreeSet::new();
        let mut cyclic = false;
        while let Some(next) = stack.pop() {
            if next == *key {
                cyclic = true;
                break;
            }
            if seen.insert(next.clone()) {
                stack.extend(edges(&next));
            }
        }
        if cyclic {
            findings.push(
                Problem::error(
                    Code::CyclicReference,
                    format!("`{key}` references itself in `{tag}`, directly or through others"),
                )
                .at_location(Some(entry.location.clone()))
                .about(tag, key)
                .with_hint("break the cycle: a message cannot contain itself"),
            );
        }
    }
}

fn suggest_id<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match crate::suggest::closest(id, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "define it, or fix the reference".to_owned(),
    }
}

/// Selects on numbers must cover every plural category of the language.
fn check_plurals(catalog: &Catalog, findings: &mut Vec<Problem>) {
    let tag = &catalog.language.tag;
    let categories = crate::l10n::intl::plural_categories(&catalog.language.id);
    for entry in catalog.entries.values() {
        for keys in &entry.plural_selects {
            let missing: Vec<&str> = categories
                .iter()
                .copied()
                .filter(|c| !keys.contains(*c))
                .collect();
            if !missing.is_empty() {
                let key = entry_key(entry);
                findings.push(
                    Problem::warning(
                        Code::MissingPluralCategory,
                        format!(
                            "`{key}` selects on a number but has no variant for `{}` (CLDR categories for `{tag}`: {})",
                            missing.join("`, `"),
                            categories.join(", ")
                        ),
                    )
                    .at_location(Some(locate_in_entry(catalog, entry, "->")))
                    .about(tag, &key)
                    .with_hint(format!("add [{}] variants; the default covers them until then", missing.join("], [")))
                );
            }
        }
    }
}

fn check_empty(catalog: &Catalog, findings: &mut Vec<Problem>) {
    let tag = &catalog.language.tag;
    for entry in catalog
        .messages()
        .filter(|e| e.has_value && e.variables.is_empty())
    {
        let Formatted { text, errors } = catalog.format(&entry.id, None, None);
        if errors.is_empty() && text.trim().is_empty() {
            findings.push(
                Problem::warning(
                    Code::EmptyValue,
                    format!("`{}` in `{tag}` is empty", entry.id),
                )
                .at_location(Some(entry.location.clone()))
                .about(tag, &entry.id)
                .with_hint("write the text, or remove the message"),
            );
        }
    }
}

/// Every `{ msg }` of the data exists in every language and gets the
/// arguments each language's message needs, of fitting kinds.
fn check_data(
    data: &Data,
    catalogs: &IndexMap<String, Catalog>,
    source: &Catalog,
    findings: &mut Vec<Problem>,
) {
    for (reference, location) in data.message_refs() {
        let name = full_name(reference);
        for catalog in catalogs.values() {
            let tag = &catalog.language.tag;
            let Some(entry) = catalog.message(&reference.id) else {
                // A translation's gap is already a `missing-message`.
                if source.message(&reference.id).is_none() || catalog.language == source.language {
                    findings.push(
                        Problem::error(
                            Code::UnknownMessage,
                            format!(
                                "data uses message `{}`, which `{tag}` does not have",
                                reference.id
                            ),
                        )
                        .at_location(Some(location.clone()))
                        .about(tag, &reference.id)
                        .with_hint(suggest_id(
                            &reference.id,
                            catalog.messages().map(|m| m.id.as_str()),
                        )),
                    );
                }
                continue;
            };
            if let Some(attribute) = &reference.attribute
                && !entry.attributes.contains(attribute)
            {
                findings.push(
                    Problem::error(
                        Code::UnknownMessage,
                        format!(
                            "message `{}` has no attribute `.{attribute}` in `{tag}`",
                            reference.id
                        ),
                    )
                    .at_location(Some(location.clone()))
                    .about(tag, &name),
                );
                continue;
            }
            let missing: Vec<&String> = entry
                .variables
                .iter()
                .filter(|v| !reference.args.contains_key(*v))
                .collect();
            for variable in &missing {
                findings.push(
                    Problem::error(
                        Code::MissingArgument,
                        format!("message `{name}` in `{tag}` uses `${variable}`, which the data does not give"),
                    )
                    .at_location(Some(location.clone()))
                    .about(tag, &name)
                    .with_note(format!("message defined at {}", entry.location.display()))
                    .with_hint(format!("add `{variable} = …` to the `args` of this reference")),
                );
            }
            if missing.is_empty() {
                let args = resolve::fluent_args(reference);
                let errors = catalog
                    .format(&reference.id, reference.attribute.as_deref(), Some(&args))
                    .errors;
                for error in errors {
                    findings.push(
                        Problem::error(error.code, format!("message `{name}` in `{tag}`: {error}"))
                            .at_location(Some(location.clone()))
                            .about(tag, &name)
                            .with_note(format!("message defined at {}", entry.location.display())),
                    );
                }
            }
        }
    }
}

fn full_name(reference: &MessageRef) -> String {
    match &reference.attribute {
        Some(attribute) => format!("{}.{attribute}", reference.id),
        None => reference.id.clone(),
    }
}

/// A message id a template names, and where.
#[derive(Debug, Clone)]
pub struct TemplateUse {
    /// `id` or `id.attribute`.
    pub id: String,
    /// Where the id is written.
    pub location: Location,
}

/// Message ids the templates name: `msg("id")`, `msg-text("id")` and
/// `messages.at("id")` in every `.typ` file under the template's directory.
pub fn template_messages(project: &Project, findings: &mut Vec<Problem>) -> Vec<TemplateUse> {
    let dir = project
        .manifest
        .template
        .parent()
        .map_or_else(|| project.root.clone(), |p| project.root.join(p));
    let mut files = Vec::new();
    collect_typ_files(&dir, &mut files);
    files.sort();
    let mut uses = Vec::new();
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            findings.push(Problem::warning(
                Code::Io,
                format!("failed to read `{}`", path.display()),
            ));
            continue;
        };
        let relative = path.strip_prefix(&project.root).unwrap_or(&path).to_owned();
        let source = Source::new(relative, text);
        // `msg("id")`, `msg-text("id")`, `messages.at("id")`, and the
        // parallel-ready `msg-of(d, "id")` and `msg-text-of(d, "id")`.
        for (opener, document_first) in [
            ("msg(", false),
            ("msg-text(", false),
            ("messages.at(", false),
            ("msg-of(", true),
            ("msg-text-of(", true),
        ] {
            for (at, _) in source.text.match_indices(opener) {
                // `#let msg(id)` defines the helper; only calls with a literal count.
                let before = source.text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
                    && opener != "messages.at("
                {
                    continue;
                }
                let mut start = at + opener.len();
                if document_first {
                    // Skip the document argument: a name such as `d` or `doc`.
                    let rest = &source.text[start..];
                    let Some(comma) = rest.find(',') else {
                        continue;
                    };
                    if !rest[..comma]
                        .trim()
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
                    {
                        continue;
                    }
                    start += comma + 1;
                }
                let rest = &source.text[start..];
                let trimmed = rest.trim_start();
                let Some(quoted) = trimmed.strip_prefix('"') else {
                    continue;
                };
                start += rest.len() - trimmed.len() + 1;
                let Some(len) = quoted.find('"') else {
                    continue;
                };
                let id = &source.text[start..start + len];
                // `msg("part-" + str(n))` builds its id at run time; only
                // a literal that is the whole argument is a message id.
                let after = source.text[start + len + 1..].trim_start();
                if !after.starts_with([')', ',']) {
                    continue;
                }
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                {
                    uses.push(TemplateUse {
                        id: id.to_owned(),
                        location: Location::new(&source, start..start + len),
                    });
                }
            }
        }
    }
    uses
}

fn collect_typ_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_typ_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "typ") {
            out.push(path);
        }
    }
}

fn check_templates(
    uses: &[TemplateUse],
    catalogs: &IndexMap<String, Catalog>,
    source: &Catalog,
    findings: &mut Vec<Problem>,
) {
    for template_use in uses {
        let (id, attribute) = match template_use.id.split_once('.') {
            Some((id, attribute)) => (id, Some(attribute)),
            None => (template_use.id.as_str(), None),
        };
        for catalog in catalogs.values() {
            let tag = &catalog.language.tag;
            let entry = catalog.message(id).filter(|e| match attribute {
                Some(a) => e.attributes.iter().any(|x| x == a),
                None => e.has_value,
            });
            // A translation's gap is already a `missing-message`.
            let in_source = source.message(id).is_some() && catalog.language != source.language;
            match entry {
                None if in_source => {}
                None => findings.push(
                    Problem::error(Code::UnknownMessage, format!("the template uses message `{}`, which `{tag}` does not have", template_use.id))
                        .at_location(Some(template_use.location.clone()))
                        .about(tag, &template_use.id)
                        .with_hint(suggest_id(id, catalog.messages().map(|m| m.id.as_str()))),
                ),
                Some(entry) if !entry.variables.is_empty() => findings.push(
                    Problem::error(
                        Code::MessageNeedsArguments,
                        format!(
                            "the template uses message `{}` directly, but in `{tag}` it needs {}",
                            template_use.id,
                            list_or_none(entry.variables.iter().map(|v| format!("`${v}`")))
                        ),
                    )
                    .at_location(Some(template_use.location.clone()))
                    .about(tag, &template_use.id)
                    .with_hint("give it its arguments in the data (`{ msg = …, args = { … } }`) and use that node"),
                ),
                Some(_) => {}
            }
        }
    }
}

/// Source messages that nothing uses: not the templates, the data, nor
/// another message.
fn check_unused(
    source: &Catalog,
    data: Option<&Data>,
    templates: &[TemplateUse],
    catalogs: &IndexMap<String, Catalog>,
    findings: &mut Vec<Problem>,
) {
    let Some(data) = data else { return };
    let mut used: BTreeSet<&str> = BUILTIN_MESSAGES.into_iter().collect();
    used.extend(
        templates
            .iter()
            .map(|u| u.id.split('.').next().unwrap_or(&u.id)),
    );
    used.extend(data.message_refs().into_iter().map(|(r, _)| r.id.as_str()));
    for catalog in catalogs.values() {
        for entry in catalog.entries.values() {
            used.extend(entry.message_refs.iter().map(String::as_str));
        }
    }
    let tag = &source.language.tag;
    for entry in source.messages().filter(|e| !used.contains(e.id.as_str())) {
        findings.push(
            Problem::warning(
                Code::UnusedMessage,
                format!(
                    "message `{}` is used by no template, data or message",
                    entry.id
                ),
            )
            .at_location(Some(entry.location.clone()))
            .about(tag, &entry.id)
            .with_hint("remove it from every language, or use it"),
        );
    }
}
