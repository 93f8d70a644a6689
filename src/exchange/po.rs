//! GNU gettext PO, for tools and volunteer platforms built around it.
//!
//! One entry per unit, `msgctxt` is the unit id (so every variant of a
//! select is an entry of its own, not gettext's plural forms, whose
//! categories are not CLDR's). PO has no inline codes: the text is Fluent
//! and markup as written (`{ $count }`, `**…**`, `{"{"}` for a brace), and
//! an extracted comment lists the codes the translation must keep; an
//! import reads them back and refuses any it does not know. A stale
//! translation is `fuzzy`, with the source it was made from as the previous
//! msgid (`#|`), which PO editors show as a diff. Written with the
//! `rspolib` crate; read by [`read`](mod@read), a reader of report's own that is
//! linear in the file's size (rspolib's is not).

use rspolib::{FileOptions, POEntry, POFile};

use super::inline::{self, CodeDef};
use super::units::{Exchange, State, Unit};

mod read;

pub(crate) use read::read;

/// The PO file of an exchange.
pub(crate) fn write(exchange: &Exchange) -> String {
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
