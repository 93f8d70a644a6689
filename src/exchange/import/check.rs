//! The units of an exchange file read against the current ones: each id
//! current, each source unchanged since the export, and each changed
//! message's targets with the source's codes and every unit it needs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::super::inline::{self, Codes, Content, Inline};
use super::super::units::{Exchange, State, Unit};
use super::super::{ImportedFile, ImportedUnit, UnitText};
use super::codes::code_problems;
use crate::diagnostic::{Code, Problem, Problems, Result, Source};

/// The file's units, checked against the current ones.
pub(super) struct Checked {
    /// Each unit's target as read, by unit id (`None`: no translation).
    pub(super) targets: HashMap<String, Option<Vec<Inline>>>,
    /// The entries with a changed unit.
    pub(super) changed: HashSet<String>,
    /// Stale entries marked final without a change.
    pub(super) accepted: Vec<String>,
}

/// A unit of the file read against the current unit of the same id.
struct ReadUnit<'a> {
    imported: &'a ImportedUnit,
    unit: &'a Unit,
    /// Its translation with the source's code ids (`None`: empty).
    target: Option<Vec<Inline>>,
}

pub(super) fn check_units(
    file: &ImportedFile,
    current: &Exchange,
    at: &Arc<Source>,
) -> Result<Checked> {
    let units: HashMap<&str, &Unit> = current.units().map(|u| (u.id.as_str(), u)).collect();
    let order: HashMap<&str, usize> = current
        .units()
        .enumerate()
        .map(|(i, u)| (u.entry.as_str(), i))
        .collect();
    let mut problems = Problems::default();
    // The file's units by entry, in the current source's order.
    let mut by_entry: BTreeMap<usize, Vec<ReadUnit<'_>>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for imported in &file.units {
        if crate::platform::interrupt::interrupted() {
            return Err(super::interrupted().into());
        }
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
        if let Some(problem) = too_long(imported, at) {
            problems.push(problem);
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
        changed: HashSet::new(),
        accepted: Vec::new(),
    };
    for read in by_entry.into_values() {
        check_entry(&read, &mut checked, at, &mut problems);
    }
    // Where each entry's first unit is in the file.
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for imported in &file.units {
        if let Some(unit) = units.get(imported.id.as_str()) {
            first_at
                .entry(unit.entry.as_str())
                .or_insert(imported.offset);
        }
    }
    missing_units(current, &mut checked, &first_at, at, &mut problems);
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
        checked.changed.insert(entry);
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
    first_at: &HashMap<&str, usize>,
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
            let offset = first_at.get(unit.entry.as_str()).copied().unwrap_or(0);
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

/// The most a unit's source or target may hold, in bytes of text (and
/// one for each XLIFF code): a
/// message is a paragraph or a few, and every step of an import works on a
/// unit at once, so this bounds how long one step takes (and how soon an
/// interrupt is heeded).
const MAX_UNIT_TEXT: usize = 4 << 20;

/// A unit whose source or target holds more than [`MAX_UNIT_TEXT`].
fn too_long(imported: &ImportedUnit, at: &Arc<Source>) -> Option<Problem> {
    let size = |text: &UnitText| match text {
        UnitText::Inline(inline) => inline::size(inline),
        UnitText::Fluent(text) => text.len(),
    };
    let (what, len) = [
        ("source", Some(&imported.source)),
        ("target", imported.target.as_ref()),
    ]
    .into_iter()
    .filter_map(|(what, text)| text.map(|t| (what, size(t))))
    .find(|(_, len)| *len > MAX_UNIT_TEXT)?;
    Some(
        Problem::error(
            Code::ExchangeFile,
            format!(
                "unit `{}`: its {what} is {len} bytes long; a unit holds at most {} MiB",
                imported.id,
                MAX_UNIT_TEXT >> 20
            ),
        )
        .at(at, imported.offset..imported.offset + 1)
        .with_hint("a message is a paragraph or a few: split a longer text into several messages in the source"),
    )
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

/// Content as one line of text, codes shown as the source writes them.
fn shown(inline: &[Inline], source: &Content) -> String {
    inline::fluent_text(inline, &source.codes, true).replace('\n', "⏎")
}
