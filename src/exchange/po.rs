//! GNU gettext PO, for tools and volunteer platforms built around it.
//!
//! One entry per unit, `msgctxt` is the unit id (so every variant of a
//! select is an entry of its own, not gettext's plural forms, whose
//! categories are not CLDR's). PO has no inline codes: the text is Fluent
//! and markup as written (`{ $count }`, `**…**`, `{"{"}` for a brace), and
//! an extracted comment lists the codes the translation must keep; an
//! import reads them back and refuses any it does not know. A stale
//! translation is `fuzzy`, with the source it was made from as the previous
//! msgid (`#|`), which PO editors show as a diff. Read and written with the
//! `rspolib` crate.

use rspolib::{FileOptions, POEntry, POFile, pofile};

use super::inline::{self, CodeDef};
use super::units::{Exchange, State, Unit};
use super::xml::ReadError;
use super::{ExchangeFormat, ImportedFile, ImportedUnit, UnitText};

/// The PO file of an exchange.
pub fn write(exchange: &Exchange) -> String {
    let mut file = POFile::new(FileOptions::default());
    file.header = Some(format!(
        "{} → {} translation, exported by report {}.\nmsgctxt is the unit id; keep every placeable ({{ … }}) and markup listed in the notes.",
        exchange.source_language,
        exchange.target_language,
        env!("CARGO_PKG_VERSION")
    ));
    for (key, value) in [
        ("Project-Id-Version", "report".to_owned()),
        ("Language", exchange.target_language.clone()),
        ("MIME-Version", "1.0".to_owned()),
        ("Content-Type", "text/plain; charset=UTF-8".to_owned()),
        ("Content-Transfer-Encoding", "8bit".to_owned()),
        ("X-Source-Language", exchange.source_language.clone()),
        (
            "X-Generator",
            format!("report {}", env!("CARGO_PKG_VERSION")),
        ),
    ] {
        file.metadata.insert(key.to_owned(), value);
    }
    // Entries are written unwrapped: rspolib wraps long comment lines
    // without their `#.` prefix, which breaks the file.
    let mut text = file.to_string();
    for exchange_file in &exchange.files {
        for unit in &exchange_file.units {
            text.push('\n');
            text.push_str(&entry(unit, &exchange_file.path).to_string_with_wrapwidth(NO_WRAP));
        }
    }
    text
}

/// A wrap width no line reaches.
const NO_WRAP: usize = usize::MAX / 4;

fn entry(unit: &Unit, path: &str) -> POEntry {
    let mut entry = POEntry::new(0);
    let codes = &unit.source.codes;
    entry.msgctxt = Some(unit.id.clone());
    entry.msgid = inline::fluent_text(&unit.source.inline, codes, unit.source.raw_markup);
    entry.msgstr = Some(
        unit.target
            .as_ref()
            .map(|t| inline::fluent_text(&t.inline, codes, unit.source.raw_markup))
            .unwrap_or_default(),
    );
    let mut notes: Vec<String> = unit.comment.iter().cloned().collect();
    let kept: Vec<String> = codes
        .0
        .iter()
        .map(|(_, def)| match def {
            CodeDef::Markup { open, close, .. } => format!("{open}…{close}"),
            other => other.display(),
        })
        .collect();
    if !kept.is_empty() {
        notes.push(format!("Keep: {}", kept.join("  ")));
    }
    if !notes.is_empty() {
        entry.comment = Some(notes.join("\n"));
    }
    entry
        .occurrences
        .push((format!("{path}#{}", unit.entry), String::new()));
    if unit.state == State::NeedsReview && unit.target.is_some() {
        entry.flags.push("fuzzy".to_owned());
        entry.previous_msgid = unit.previous_source.clone();
    }
    entry
}

/// Reads a PO file's entries.
pub fn read(text: &str) -> Result<ImportedFile, ReadError> {
    // rspolib reads its argument as a path when a file of that name exists:
    // a leading line end makes sure the text is never taken for one (and
    // moves every line number down by one).
    let guarded = format!("\n{text}");
    let po = pofile(FileOptions::from(guarded.as_str())).map_err(|e| {
        let message = e.to_string();
        let line = message
            .split(" at line ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<usize>().ok())
            .map_or(1, |n| n.saturating_sub(1));
        ReadError::at(
            offset_of_line(text, line),
            format!("not a valid PO file: {message}"),
        )
    })?;
    let mut file = ImportedFile::new(ExchangeFormat::Po);
    file.target_language = po.metadata.get("Language").cloned();
    file.source_language = po.metadata.get("X-Source-Language").cloned();
    for entry in po.entries.iter().filter(|e| !e.obsolete) {
        let offset = offset_of_line(text, entry.linenum.saturating_sub(1));
        let id = entry.msgctxt.clone().ok_or_else(|| {
            ReadError::at(offset, "an entry has no msgctxt (the unit id report wrote)")
        })?;
        if entry.msgid_plural.is_some() {
            return Err(ReadError::at(
                offset,
                format!("`{id}` has plural forms; report writes one entry per variant"),
            ));
        }
        let target = entry.msgstr.clone().filter(|t| !t.is_empty());
        let state = match (&target, entry.fuzzy()) {
            (None, _) => State::Initial,
            (Some(_), true) => State::NeedsReview,
            (Some(_), false) => State::Final,
        };
        file.units.push(ImportedUnit {
            id,
            source: UnitText::Fluent(entry.msgid.clone()),
            target: target.map(UnitText::Fluent),
            state: Some(state),
            offset,
        });
    }
    Ok(file)
}

/// The byte offset where line `line` (from 1) starts.
fn offset_of_line(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(at, _)| at + 1)
}
