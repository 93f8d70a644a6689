//! XLIFF 1.2, for tools that have not moved to 2.x.
//!
//! The same units as XLIFF 2.1 ([`super::xliff2`]): one `<file>` per `.ftl`
//! file (with `source-language`/`target-language`), `<trans-unit>` per
//! unit (`resname` is the Fluent message id), variants grouped; placeables
//! are `<x/>` with their Fluent text in `equiv-text` (`<ph>` is read too),
//! markup is `<g>`; a final translation is `approved`. States:
//! `new` (no target), `needs-review-translation`, `translated`, `final`.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::units::{Exchange, State, Unit};
use super::xml::{self, Attributes, Dialect, ReadError};
use super::{ExchangeFormat, ImportedFile, ImportedUnit, UnitText};

/// The namespace of XLIFF 1.2 documents.
pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

const DIALECT: Dialect = Dialect {
    standalone: &["ph", "x"],
    standalone_has_content: true,
    paired: &["g"],
    code_point: None,
};

/// The XLIFF 1.2 document of an exchange.
pub(crate) fn write(exchange: &Exchange) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{NAMESPACE}\" version=\"1.2\">\n"
    );
    for file in &exchange.files {
        out.push_str(&format!(
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n    <body>\n",
            xml::attribute(&file.path),
            xml::attribute(&exchange.source_language),
            xml::attribute(&exchange.target_language)
        ));
        xml::write_grouped(
            &mut out,
            &file.units,
            "      ",
            |unit| {
                format!(
                    "<group id=\"{}\" resname=\"{}\" restype=\"x-fluent-select\">",
                    xml::attribute(unit.group.as_deref().unwrap_or_default()),
                    xml::attribute(&unit.entry)
                )
            },
            "</group>",
            write_unit,
        );
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn write_unit(out: &mut String, unit: &Unit, indent: &str) {
    // translate-toolkit and most 1.2 tools read `approved` as "reviewed".
    let approved = if unit.state == State::Final {
        " approved=\"yes\""
    } else {
        ""
    };
    out.push_str(&format!(
        "{indent}<trans-unit id=\"{}\" resname=\"{}\"{approved} xml:space=\"preserve\">\n{indent}  <source>",
        xml::attribute(&unit.id),
        xml::attribute(&unit.entry)
    ));
    let codes = unit.codes();
    xml::write_inline(out, &unit.source.inline, &codes, false);
    out.push_str("</source>\n");
    if let Some(target) = &unit.target {
        let state = match unit.state {
            State::Initial => "needs-translation",
            State::NeedsReview => "needs-review-translation",
            State::Translated => "translated",
            State::Final => "final",
        };
        out.push_str(&format!("{indent}  <target state=\"{state}\">"));
        xml::write_inline(out, &target.inline, &codes, false);
        out.push_str("</target>\n");
    }
    if let Some(comment) = &unit.comment {
        out.push_str(&format!(
            "{indent}  <note from=\"developer\">{}</note>\n",
            xml::text(comment)
        ));
    }
    if let Some(previous) = &unit.previous_source {
        out.push_str(&format!(
            "{indent}  <note from=\"report\" annotates=\"source\">previous source: {}</note>\n",
            xml::text(previous)
        ));
    }
    out.push_str(&format!("{indent}</trans-unit>\n"));
}

/// Reads an XLIFF 1.2 document's units.
pub(crate) fn read(text: &str) -> Result<ImportedFile, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut file = ImportedFile::new(ExchangeFormat::Xliff1);
    let mut ids = HashSet::new();
    let mut outline = xml::Outline::new("trans-unit");
    let mut file_name = String::new();
    loop {
        let offset = xml::position(&reader);
        let event = xml::next(&mut reader)?;
        outline.track(&event);
        match event {
            Event::Start(e) if xml::local_name(&e) == "file" => {
                let attributes = Attributes::of(&e, offset)?;
                let source = attributes.owned("source-language");
                let target = attributes.owned("target-language");
                if file.source_language.is_some()
                    && (file.source_language != source || file.target_language != target)
                {
                    return Err(ReadError::at(
                        offset,
                        "the files of the document are in different languages",
                    ));
                }
                file.source_language = source;
                file.target_language = target;
                file_name = attributes.owned("original").unwrap_or_default();
                ids.clear();
            }
            Event::Start(e) if xml::local_name(&e) == "trans-unit" => {
                let id = Attributes::of(&e, offset)?
                    .owned("id")
                    .ok_or_else(|| ReadError::at(offset, "a `<trans-unit>` has no id"))?;
                let id = xml::unique_id(&mut ids, id, &file_name, offset)?;
                file.units.push(read_unit(&mut reader, id, offset)?);
            }
            Event::Eof => {
                outline.end(offset)?;
                break;
            }
            _ => {}
        }
    }
    Ok(file)
}

fn read_unit(
    reader: &mut Reader<&[u8]>,
    id: String,
    start: usize,
) -> Result<ImportedUnit, ReadError> {
    let mut source = None;
    let mut target = None;
    let mut state = None;
    loop {
        let offset = xml::position(reader);
        match xml::next(reader)? {
            Event::Start(e) => match xml::local_name(&e).as_str() {
                "source" => source = Some(xml::read_inline(reader, "source", &DIALECT)?),
                "target" => {
                    state = Attributes::of(&e, offset)?.get("state").map(state_of);
                    target = Some(xml::read_inline(reader, "target", &DIALECT)?);
                }
                _ => xml::skip(reader)?,
            },
            Event::Empty(e) if xml::local_name(&e) == "target" => {
                state = Attributes::of(&e, offset)?.get("state").map(state_of);
                target = Some(Vec::new());
            }
            Event::End(_) => break,
            Event::Eof => {
                return Err(ReadError::at(
                    offset,
                    format!("trans-unit `{id}` is not closed"),
                ));
            }
            _ => {}
        }
    }
    let source =
        source.ok_or_else(|| ReadError::at(start, format!("trans-unit `{id}` has no source")))?;
    Ok(ImportedUnit {
        id,
        source: UnitText::Inline(source),
        target: target.map(UnitText::Inline),
        state,
        offset: start,
    })
}

fn state_of(state: &str) -> State {
    match state {
        "final" | "signed-off" => State::Final,
        "translated" => State::Translated,
        "new" | "needs-translation" => State::Initial,
        _ => State::NeedsReview,
    }
}
