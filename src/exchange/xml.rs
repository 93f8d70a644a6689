//! What the two XLIFF versions share: escaping, and reading a `<source>` or
//! `<target>` into [`Inline`] content with quick-xml.
//!
//! Reading is strict about what matters (well-formed XML, paired codes,
//! ids on every code) and lenient about what tools add: annotations
//! (`<mrk>`) are read through, a unit split into several segments is read
//! as one, and code display attributes are ignored (the source's codes
//! are what an import writes).

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::inline::{Codes, Inline, tidy};

/// Text escaped for element content (`\r` kept as a character reference,
/// which XML would otherwise turn into a line feed).
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Text escaped for an attribute value in double quotes.
pub fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 can hold a character at all.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// How a dialect spells its inline codes.
pub struct Dialect {
    /// Codes standing alone (`ph`, `x`).
    pub standalone: &'static [&'static str],
    /// Whether a standalone code's content is native code to skip (1.2 `ph`).
    pub standalone_has_content: bool,
    /// Code pairs (`pc`, `g`).
    pub paired: &'static [&'static str],
    /// A character written as a code point (`cp` with `hex`), if any.
    pub code_point: Option<&'static str>,
}

/// A failure to read, with the byte offset in the file.
#[derive(Debug)]
pub struct ReadError {
    /// What is wrong.
    pub message: String,
    /// Where (byte offset).
    pub offset: usize,
}

impl ReadError {
    /// An error at `offset`.
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            offset,
        }
    }
}

/// The position of the reader, as a byte offset.
pub fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Reads the next event, turning XML errors into located ones.
pub fn next<'x>(reader: &mut Reader<&'x [u8]>) -> Result<Event<'x>, ReadError> {
    reader.read_event().map_err(|e| {
        let offset = usize::try_from(reader.error_position()).unwrap_or(0);
        ReadError::at(offset, format!("not well-formed XML: {e}"))
    })
}

/// An attribute's unescaped value.
pub fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
}

/// The local name of an element (namespace prefix dropped).
pub fn local_name(element: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(element.local_name().as_ref()).into_owned()
}

/// Reads content up to the end of the element just opened (`end`), as
/// inline content. Codes need an `id`; pairs must close where they open.
pub fn read_inline(
    reader: &mut Reader<&[u8]>,
    end: &str,
    dialect: &Dialect,
) -> Result<Vec<Inline>, ReadError> {
    // The open pairs: (id, element name, children so far).
    let mut stack: Vec<(String, String, Vec<Inline>)> =
        vec![(String::new(), end.to_owned(), Vec::new())];
    let mut skip_depth = 0usize;
    loop {
        let offset = position(reader);
        let event = next(reader)?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => {
                    return Err(ReadError::at(offset, format!("`<{end}>` is not closed")));
                }
                _ => {}
            }
            continue;
        }
        let top = &mut stack
            .last_mut()
            .expect("the content frame is never popped")
            .2;
        match event {
            Event::Text(t) => top.push(Inline::Text(
                t.xml_content()
                    .map_err(|e| ReadError::at(offset, e.to_string()))?
                    .into_owned(),
            )),
            Event::CData(t) => top.push(Inline::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| {
                                ReadError::at(offset, format!("unknown entity `&{name};`"))
                            })?
                            .to_owned()
                    }
                };
                top.push(Inline::Text(resolved));
            }
            Event::Empty(e) => {
                let name = local_name(&e);
                if dialect.code_point == Some(name.as_str()) {
                    top.push(Inline::Text(code_point(&e, offset)?));
                } else if dialect.standalone.contains(&name.as_str()) {
                    top.push(Inline::Code(code_id(&e, &name, offset)?));
                } else if dialect.paired.contains(&name.as_str()) {
                    let id = code_id(&e, &name, offset)?;
                    top.push(Inline::Pair {
                        id,
                        children: Vec::new(),
                    });
                } else if !is_annotation(&name) {
                    return Err(unsupported(&name, offset));
                }
            }
            Event::Start(e) => {
                let name = local_name(&e);
                if dialect.standalone.contains(&name.as_str()) {
                    top.push(Inline::Code(code_id(&e, &name, offset)?));
                    if dialect.standalone_has_content {
                        skip_depth = 1;
                    } else {
                        return Err(ReadError::at(offset, format!("`<{name}>` must be empty")));
                    }
                } else if dialect.paired.contains(&name.as_str()) {
                    let id = code_id(&e, &name, offset)?;
                    stack.push((id, name, Vec::new()));
                } else if is_annotation(&name) {
                    // Read through: its content belongs to the text.
                    stack.push((String::new(), name, Vec::new()));
                } else {
                    return Err(unsupported(&name, offset));
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let (id, open, children) = stack.pop().expect("the content frame is never popped");
                if open != name {
                    return Err(ReadError::at(
                        offset,
                        format!("`</{name}>` closes `<{open}>`"),
                    ));
                }
                let Some(parent) = stack.last_mut() else {
                    return Ok(tidy(children));
                };
                if id.is_empty() {
                    parent.2.extend(children);
                } else {
                    parent.2.push(Inline::Pair {
                        id,
                        children: tidy(children),
                    });
                }
            }
            Event::Eof => return Err(ReadError::at(offset, format!("`<{end}>` is not closed"))),
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
        }
    }
}

fn is_annotation(name: &str) -> bool {
    name == "mrk"
}

fn unsupported(name: &str, offset: usize) -> ReadError {
    ReadError::at(
        offset,
        format!(
            "`<{name}>` is not supported inside a source or target; keep the codes as they were exported"
        ),
    )
}

fn code_id(element: &BytesStart<'_>, name: &str, offset: usize) -> Result<String, ReadError> {
    attr(element, "id")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| ReadError::at(offset, format!("`<{name}>` has no id")))
}

fn code_point(element: &BytesStart<'_>, offset: usize) -> Result<String, ReadError> {
    attr(element, "hex")
        .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
        .and_then(char::from_u32)
        .map(|c| c.to_string())
        .ok_or_else(|| ReadError::at(offset, "`<cp>` needs a `hex` code point"))
}

/// Skips the rest of the element just opened.
pub fn skip(reader: &mut Reader<&[u8]>) -> Result<(), ReadError> {
    let mut depth = 1usize;
    while depth > 0 {
        let offset = position(reader);
        match next(reader)? {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => return Err(ReadError::at(offset, "the file ends inside an element")),
            _ => {}
        }
    }
    Ok(())
}

/// The plain text of an element just opened (notes).
pub fn read_text(reader: &mut Reader<&[u8]>) -> Result<String, ReadError> {
    let mut out = String::new();
    let mut depth = 1usize;
    while depth > 0 {
        let offset = position(reader);
        match next(reader)? {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Text(t) => out.push_str(
                &t.xml_content()
                    .map_err(|e| ReadError::at(offset, e.to_string()))?,
            ),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&String::from_utf8_lossy(&r))
                {
                    out.push_str(s);
                }
            }
            Event::Eof => return Err(ReadError::at(offset, "the file ends inside an element")),
            _ => {}
        }
    }
    Ok(out)
}

/// Writes inline content in a dialect: `codes` says what each id shows.
pub fn write_inline(out: &mut String, inline: &[Inline], codes: &Codes, version2: bool) {
    for piece in inline {
        match piece {
            Inline::Text(value) => {
                for c in value.chars() {
                    if is_xml_char(c) {
                        out.push_str(&text(c.encode_utf8(&mut [0; 4])));
                    } else if version2 {
                        out.push_str(&format!("<cp hex=\"{:04X}\"/>", u32::from(c)));
                    } else {
                        out.push('\u{FFFD}');
                    }
                }
            }
            Inline::Code(id) => {
                let shown = codes.get(id).map(|d| d.display()).unwrap_or_default();
                if version2 {
                    out.push_str(&format!(
                        "<ph id=\"{}\" disp=\"{}\" equiv=\"{}\"/>",
                        attribute(id),
                        attribute(&shown),
                        attribute(&shown)
                    ));
                } else {
                    // `<x/>` (a code without native data) keeps the
                    // placeable out of word counts, as XLIFF 2's `<ph/>` does.
                    out.push_str(&format!(
                        "<x id=\"{}\" ctype=\"x-fluent-placeable\" equiv-text=\"{}\"/>",
                        attribute(id),
                        attribute(&shown)
                    ));
                }
            }
            Inline::Pair { id, children } => {
                let (kind, open, close) = match codes.get(id) {
                    Some(super::inline::CodeDef::Markup { kind, open, close }) => {
                        (Some(*kind), open.as_str(), close.as_str())
                    }
                    _ => (None, "", ""),
                };
                use super::inline::MarkupKind;
                if version2 {
                    let kind = match kind {
                        Some(MarkupKind::Strong) => " type=\"fmt\" subType=\"xlf:b\"",
                        Some(MarkupKind::Emph) => " type=\"fmt\" subType=\"xlf:i\"",
                        Some(MarkupKind::Link) => " type=\"link\"",
                        None => "",
                    };
                    out.push_str(&format!(
                        "<pc id=\"{}\"{kind} dispStart=\"{}\" dispEnd=\"{}\" equivStart=\"{}\" equivEnd=\"{}\">",
                        attribute(id),
                        attribute(open),
                        attribute(close),
                        attribute(open),
                        attribute(close)
                    ));
                    write_inline(out, children, codes, version2);
                    out.push_str("</pc>");
                } else {
                    let ctype = match kind {
                        Some(MarkupKind::Strong) => "bold",
                        Some(MarkupKind::Emph) => "italic",
                        Some(MarkupKind::Link) | None => "link",
                    };
                    out.push_str(&format!("<g id=\"{}\" ctype=\"{ctype}\">", attribute(id)));
                    write_inline(out, children, codes, version2);
                    out.push_str("</g>");
                }
            }
        }
    }
}
