//! XLIFF 2.1 (OASIS, core module): the default exchange format.
//!
//! One `<file>` per `.ftl` file (`original` is its path under
//! `locales/<lang>/`), one `<unit>` per message value, attribute or select
//! variant (`name` is the Fluent message id), the variants of a select in a
//! `<group>`. Placeables are `<ph>` and markup is `<pc>`, with the Fluent
//! they stand for in `disp`/`equiv` (`dispStart`/`dispEnd`); notes carry the
//! Fluent comment and, for a stale translation, the source it was made from.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::units::{Exchange, State, Unit};
use super::xml::{self, Attributes, Dialect, ReadError};
use super::{ExchangeFormat, ImportedFile, ImportedUnit, UnitText};

/// The namespace of XLIFF 2.x documents.
pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

const DIALECT: Dialect = Dialect {
    standalone: &["ph"],
    standalone_has_content: false,
    paired: &["pc"],
    code_point: Some("cp"),
};

/// The XLIFF 2.1 document of an exchange.
pub(crate) fn write(exchange: &Exchange) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{NAMESPACE}\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">\n",
        xml::attribute(&exchange.source_language),
        xml::attribute(&exchange.target_language)
    );
    for (index, file) in exchange.files.iter().enumerate() {
        out.push_str(&format!(
            "  <file id=\"f{}\" original=\"{}\">\n",
            index + 1,
            xml::attribute(&file.path)
        ));
        xml::write_grouped(
            &mut out,
            &file.units,
            "    ",
            |unit| {
                format!(
                    "<group id=\"{}\" name=\"{}\" type=\"fluent:select\">",
                    xml::attribute(unit.group.as_deref().unwrap_or_default()),
                    xml::attribute(&unit.entry)
                )
            },
            "</group>",
            write_unit,
        );
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn write_unit(out: &mut String, unit: &Unit, indent: &str) {
    out.push_str(&format!(
        "{indent}<unit id=\"{}\" name=\"{}\">\n",
        xml::attribute(&unit.id),
        xml::attribute(&unit.entry)
    ));
    let notes: Vec<(&str, &str)> = [
        ("comment", unit.comment.as_deref()),
        ("previous-source", unit.previous_source.as_deref()),
    ]
    .into_iter()
    .filter_map(|(category, text)| text.map(|t| (category, t)))
    .collect();
    if !notes.is_empty() {
        out.push_str(&format!("{indent}  <notes>\n"));
        for (category, text) in notes {
            out.push_str(&format!(
                "{indent}    <note category=\"{category}\">{}</note>\n",
                xml::text(text)
            ));
        }
        out.push_str(&format!("{indent}  </notes>\n"));
    }
    let state = match unit.state {
        State::Initial => "state=\"initial\"",
        State::NeedsReview => "state=\"translated\" subState=\"report:needs-review\"",
        State::Translated => "state=\"translated\"",
        State::Final => "state=\"final\"",
    };
    out.push_str(&format!(
        "{indent}  <segment {state}>\n{indent}    <source xml:space=\"preserve\">"
    ));
    let codes = unit.codes();
    xml::write_inline(out, &unit.source.inline, &codes, true);
    out.push_str("</source>\n");
    if let Some(target) = &unit.target {
        out.push_str(&format!("{indent}    <target xml:space=\"preserve\">"));
        xml::write_inline(out, &target.inline, &codes, true);
        out.push_str("</target>\n");
    }
    out.push_str(&format!("{indent}  </segment>\n{indent}</unit>\n"));
}

/// Reads an XLIFF 2.x document's units.
pub(crate) fn read(text: &str) -> Result<ImportedFile, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut file = ImportedFile::new(ExchangeFormat::Xliff2);
    let mut ids = HashSet::new();
    let mut outline = xml::Outline::new("unit");
    let mut file_id = String::new();
    loop {
        let offset = xml::position(&reader);
        let event = xml::next(&mut reader)?;
        outline.track(&event);
        match event {
            Event::Start(e) | Event::Empty(e) if xml::local_name(&e) == "xliff" => {
                let attributes = Attributes::of(&e, offset)?;
                if attributes.get("xmlns").is_some_and(|ns| ns != NAMESPACE) {
                    return Err(ReadError::at(
                        offset,
                        "not an XLIFF 2 document (another namespace)",
                    ));
                }
                file.source_language = attributes.owned("srcLang");
                file.target_language = attributes.owned("trgLang");
            }
            Event::Start(e) if xml::local_name(&e) == "file" => {
                file_id = Attributes::of(&e, offset)?.owned("id").unwrap_or_default();
                ids.clear();
            }
            Event::Start(e) if xml::local_name(&e) == "group" => {
                if let Some(id) = Attributes::of(&e, offset)?.owned("id") {
                    xml::unique_id(&mut ids, id, &file_id, offset)?;
                }
            }
            Event::Start(e) if xml::local_name(&e) == "unit" => {
                let id = Attributes::of(&e, offset)?
                    .owned("id")
                    .ok_or_else(|| ReadError::at(offset, "a `<unit>` has no id"))?;
                let id = xml::unique_id(&mut ids, id, &file_id, offset)?;
                file.units.push(read_unit(&mut reader, id, offset)?);
            }
            Event::Eof => {
                outline.end(offset)?;
                break;
            }
            _ => {}
        }
    }
    if file.target_language.is_none() && file.units.iter().any(|u| u.target.is_some()) {
        return Err(ReadError::at(
            0,
            "the document has targets but no `trgLang`",
        ));
    }
    Ok(file)
}

/// Reads a unit's segments (all of them: a tool may have split one).
/// A segment or an ignorable of a unit: (is it ignorable, source, target).
type Part = (bool, Vec<super::Inline>, Option<Vec<super::Inline>>);

fn read_unit(
    reader: &mut Reader<&[u8]>,
    id: String,
    start: usize,
) -> Result<ImportedUnit, ReadError> {
    let mut parts: Vec<Part> = Vec::new();
    let mut state = None;
    let mut depth = 1usize;
    while depth > 0 {
        let offset = xml::position(reader);
        match xml::next(reader)? {
            Event::Start(e) => match xml::local_name(&e).as_str() {
                name @ ("segment" | "ignorable") => {
                    let attributes = Attributes::of(&e, offset)?;
                    if let Some(s) = attributes.get("state") {
                        let sub = attributes.get("subState").unwrap_or_default();
                        state = Some(state_of(s, sub, offset)?);
                    }
                    parts.push((name == "ignorable", Vec::new(), None));
                    depth += 1;
                }
                "source" => {
                    let content = xml::read_inline(reader, "source", &DIALECT)?;
                    if let Some(part) = parts.last_mut() {
                        part.1.extend(content);
                    }
                }
                "target" => {
                    let content = xml::read_inline(reader, "target", &DIALECT)?;
                    if let Some(part) = parts.last_mut() {
                        part.2.get_or_insert_with(Vec::new).extend(content);
                    }
                }
                _ => xml::skip(reader)?,
            },
            Event::End(_) => depth -= 1,
            Event::Eof => return Err(ReadError::at(offset, format!("unit `{id}` is not closed"))),
            _ => {}
        }
    }
    let target = joined_target(&parts)
        .map_err(|message| ReadError::at(start, format!("unit `{id}` {message}")))?;
    Ok(ImportedUnit {
        id,
        source: UnitText::Inline(super::inline::tidy(
            parts.iter().flat_map(|p| p.1.clone()).collect(),
        )),
        target: target.map(|t| UnitText::Inline(super::inline::tidy(t))),
        state,
        offset: start,
    })
}

/// A unit's target from its segments (a tool may have split it): every
/// segment translated, or none; an ignorable without a target keeps its
/// source (the blank between two segments).
fn joined_target(parts: &[Part]) -> Result<Option<Vec<super::Inline>>, String> {
    let segments = parts.iter().filter(|p| !p.0);
    let translated = segments.clone().filter(|p| p.2.is_some()).count();
    if translated == 0 {
        return Ok(None);
    }
    if translated < segments.count() {
        return Err("is split into segments and only some of them are translated".to_owned());
    }
    Ok(Some(
        parts
            .iter()
            .flat_map(|(ignorable, source, target)| match (ignorable, target) {
                (_, Some(target)) => target.clone(),
                (true, None) => source.clone(),
                (false, None) => Vec::new(),
            })
            .collect(),
    ))
}

fn state_of(state: &str, sub_state: &str, offset: usize) -> Result<State, ReadError> {
    Ok(match state {
        "initial" => State::Initial,
        "translated" if sub_state == "report:needs-review" => State::NeedsReview,
        "translated" => State::Translated,
        "reviewed" | "final" => State::Final,
        other => {
            return Err(ReadError::at(
                offset,
                format!("`{other}` is not an XLIFF 2 state (initial, translated, reviewed, final)"),
            ));
        }
    })
}
