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
use crate::diagnostic::Source;

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
    let codes = &unit.codes();
    entry.msgctxt = Some(unit.id.clone());
    entry.msgid = inline::fluent_text(&unit.source.inline, codes, unit.source.raw_markup);
    entry.msgstr = Some(
        unit.target
            .as_ref()
            .map(|t| inline::fluent_text(&t.inline, codes, t.raw_markup))
            .unwrap_or_default(),
    );
    let mut notes: Vec<String> = unit.comment.iter().cloned().collect();
    let kept: Vec<String> = unit
        .source
        .codes
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
pub fn read(source: &Source) -> Result<ImportedFile, ReadError> {
    let po = parse(source)?;
    let mut file = ImportedFile::new(ExchangeFormat::Po);
    file.target_language = po.metadata.get("Language").cloned();
    file.source_language = po.metadata.get("X-Source-Language").cloned();
    for entry in po.entries.iter().filter(|e| !e.obsolete) {
        // rspolib counts the guard line (see `parse`).
        let offset = start_of_line(source, entry.linenum.saturating_sub(1));
        file.units.push(unit(entry, offset)?);
    }
    Ok(file)
}

/// The file as rspolib reads it, after its structure is checked here:
/// rspolib panics on some malformed files (a second msgstr), and this check
/// has a line to point at.
fn parse(source: &Source) -> Result<POFile, ReadError> {
    let text = source.text.as_str();
    let invalid = |line: usize, message: &str| {
        ReadError::at(
            start_of_line(source, line),
            format!("not a valid PO file: {message}"),
        )
    };
    lint(text).map_err(|(line, message)| invalid(line, &message))?;
    // rspolib reads its argument as a path when a file of that name exists:
    // a leading line end makes sure the text is never taken for one (and
    // moves every line number down by one).
    let guarded = format!("\n{text}");
    let parsed = std::panic::catch_unwind(|| pofile(FileOptions::from(guarded.as_str())))
        .map_err(|_| invalid(1, "the PO reader gave up on it"))?;
    parsed.map_err(|e| {
        let message = e.to_string();
        let line = message
            .split(" at line ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<usize>().ok())
            .map_or(1, |n| n.saturating_sub(1));
        invalid(line, &message)
    })
}

/// One entry as a unit: `msgctxt` is its id.
fn unit(entry: &POEntry, offset: usize) -> Result<ImportedUnit, ReadError> {
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
    Ok(ImportedUnit {
        id,
        source: UnitText::Fluent(entry.msgid.clone()),
        target: target.map(UnitText::Fluent),
        state: Some(state),
        offset,
    })
}

/// Where a PO entry is while its lines are read.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    Nothing,
    Context,
    Id,
    Plural,
    Translation,
}

/// Checks the line structure of a PO file: keywords in order, each once
/// per entry, strings quoted. Returns the first problem with its line.
fn lint(text: &str) -> Result<(), (usize, String)> {
    let mut seen = Seen::Nothing;
    let mut keyword_line = 0;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if seen != Seen::Nothing && seen < Seen::Translation && !trimmed.starts_with("#~") {
                return Err((keyword_line, "an entry has no msgstr".to_owned()));
            }
            if trimmed.is_empty() || seen == Seen::Translation {
                seen = Seen::Nothing;
            }
            continue;
        }
        if trimmed.starts_with('"') {
            if seen == Seen::Nothing {
                return Err((number, "a string that belongs to no keyword".to_owned()));
            }
            quoted(trimmed).map_err(|m| (number, m))?;
            continue;
        }
        let (keyword, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        seen = next_keyword(seen, keyword).map_err(|m| (number, m))?;
        keyword_line = number;
        quoted(rest.trim()).map_err(|m| (number, m))?;
    }
    if seen != Seen::Nothing && seen < Seen::Translation {
        return Err((keyword_line, "an entry has no msgstr".to_owned()));
    }
    Ok(())
}

/// Where an entry is after `keyword`, from where it was; an error when the
/// keyword is unknown or out of place.
fn next_keyword(seen: Seen, keyword: &str) -> Result<Seen, String> {
    let next = match keyword {
        "msgctxt" => Seen::Context,
        "msgid" => Seen::Id,
        "msgid_plural" => Seen::Plural,
        k if k == "msgstr" || (k.starts_with("msgstr[") && k.ends_with(']')) => Seen::Translation,
        _ => {
            let shown: String = keyword.chars().take(30).collect();
            return Err(format!("`{shown}` is not a PO keyword"));
        }
    };
    // After a translation, msgctxt or msgid starts the next entry.
    let starts_entry = matches!(next, Seen::Context | Seen::Id) && seen == Seen::Translation;
    let in_order = starts_entry
        || next > seen
            && (next != Seen::Translation || seen >= Seen::Id)
            && (next != Seen::Plural || seen == Seen::Id)
        || next == Seen::Translation && seen == Seen::Translation && keyword != "msgstr";
    if in_order {
        Ok(next)
    } else {
        Err(format!(
            "`{keyword}` is out of place (a second one, or before msgid)"
        ))
    }
}

/// Checks one quoted PO string (`"…"`, `\"` inside).
fn quoted(text: &str) -> Result<(), String> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|_| text.len() >= 2)
        .ok_or_else(|| "a string is not in double quotes".to_owned())?;
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Err("a string has an unescaped `\"`".to_owned()),
            _ => {}
        }
    }
    if escaped {
        return Err("a string ends with a lone `\\`".to_owned());
    }
    Ok(())
}

/// The byte offset where line `line` (from 1; 0 is read as 1) starts.
fn start_of_line(source: &Source, line: usize) -> usize {
    let starts = source.line_starts();
    starts
        .get(line.max(1) - 1)
        .copied()
        .unwrap_or(source.text.len())
}

#[cfg(test)]
mod tests {
    use super::lint;

    #[test]
    fn the_structure_is_checked_with_the_line_of_the_problem() {
        let good = "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\n#. note\nmsgctxt \"a\"\nmsgid \"A\"\nmsgstr \"B\"\n";
        assert_eq!(lint(good), Ok(()));
        let cases = [
            (
                "msgid \"A\"\nmsgstr \"B\"\nmsgstr \"C\"\n",
                3,
                "out of place",
            ),
            ("msgid \"A\"\n\n", 1, "no msgstr"),
            ("msgid \"A\nmsgstr \"B\"\n", 1, "not in double quotes"),
            ("msgid \"A\"B\"\nmsgstr \"\"\n", 1, "unescaped"),
            ("msgstr \"B\"\n", 1, "out of place"),
            ("\"orphan\"\n", 1, "belongs to no keyword"),
            ("msgidx \"A\"\n", 1, "not a PO keyword"),
        ];
        for (text, line, message) in cases {
            let (at, said) = lint(text).expect_err(text);
            assert_eq!(at, line, "{text:?}: {said}");
            assert!(said.contains(message), "{text:?}: {said}");
        }
    }
}
