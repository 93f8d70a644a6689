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

use super::inline::{CodeDef, Codes, Inline, MarkupKind, tidy};

/// Text escaped for element content (`\r` kept as a character reference,
/// which XML would otherwise turn into a line feed).
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    value.chars().for_each(|c| push_escaped(&mut out, c, false));
    out
}

/// Text escaped for an attribute value in double quotes (line ends and
/// tabs as references too, which attribute normalization would turn into
/// spaces).
pub fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    value.chars().for_each(|c| push_escaped(&mut out, c, true));
    out
}

/// Appends one character, escaped for content or for an attribute.
fn push_escaped(out: &mut String, c: char, in_attribute: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '\r' => out.push_str("&#13;"),
        '"' if in_attribute => out.push_str("&quot;"),
        '\n' if in_attribute => out.push_str("&#10;"),
        '\t' if in_attribute => out.push_str("&#9;"),
        c => out.push(c),
    }
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
    let mut content = InlineReader {
        dialect,
        stack: vec![Frame {
            id: String::new(),
            element: end.to_owned(),
            children: Vec::new(),
        }],
    };
    loop {
        let offset = position(reader);
        let event = next(reader)?;
        let top = &mut content
            .stack
            .last_mut()
            .expect("the content frame is never popped")
            .children;
        match event {
            Event::Text(t) => top.push(Inline::Text(
                t.xml_content()
                    .map_err(|e| ReadError::at(offset, e.to_string()))?
                    .into_owned(),
            )),
            Event::CData(t) => top.push(Inline::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(r) => top.push(Inline::Text(entity(&r, offset)?)),
            Event::Empty(e) => content.empty(&e, offset)?,
            Event::Start(e) => {
                if content.start(&e, offset)? {
                    skip(reader)?;
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if let Some(done) = content.end(&name, offset)? {
                    return Ok(done);
                }
            }
            Event::Eof => return Err(ReadError::at(offset, format!("`<{end}>` is not closed"))),
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
        }
    }
}

/// An element open inside a source or target: a code pair, an annotation
/// (no id), or the source or target itself (the first).
struct Frame {
    id: String,
    element: String,
    children: Vec<Inline>,
}

struct InlineReader<'d> {
    dialect: &'d Dialect,
    stack: Vec<Frame>,
}

impl InlineReader<'_> {
    fn top(&mut self) -> &mut Vec<Inline> {
        &mut self
            .stack
            .last_mut()
            .expect("the content frame is never popped")
            .children
    }

    /// An empty element: a code, a code point, an empty pair or annotation.
    fn empty(&mut self, e: &BytesStart<'_>, offset: usize) -> Result<(), ReadError> {
        let name = local_name(e);
        let piece = if self.dialect.code_point == Some(name.as_str()) {
            Inline::Text(code_point(e, offset)?)
        } else if self.dialect.standalone.contains(&name.as_str()) {
            Inline::Code(code_id(e, &name, offset)?)
        } else if self.dialect.paired.contains(&name.as_str()) {
            Inline::Pair {
                id: code_id(e, &name, offset)?,
                children: Vec::new(),
            }
        } else if is_annotation(&name) {
            return Ok(());
        } else {
            return Err(unsupported(&name, offset));
        };
        self.top().push(piece);
        Ok(())
    }

    /// An element opens; returns whether its content is to be skipped
    /// (the native code inside a 1.2 `<ph>`).
    fn start(&mut self, e: &BytesStart<'_>, offset: usize) -> Result<bool, ReadError> {
        let name = local_name(e);
        let frame = |id: String| Frame {
            id,
            element: name.clone(),
            children: Vec::new(),
        };
        if self.dialect.standalone.contains(&name.as_str()) {
            if !self.dialect.standalone_has_content {
                return Err(ReadError::at(offset, format!("`<{name}>` must be empty")));
            }
            let id = code_id(e, &name, offset)?;
            self.top().push(Inline::Code(id));
            return Ok(true);
        }
        if self.dialect.paired.contains(&name.as_str()) {
            let id = code_id(e, &name, offset)?;
            self.stack.push(frame(id));
        } else if is_annotation(&name) {
            // Read through: its content belongs to the text.
            self.stack.push(frame(String::new()));
        } else {
            return Err(unsupported(&name, offset));
        }
        Ok(false)
    }

    /// An element closes; returns the content when it is the source or
    /// target itself.
    fn end(&mut self, name: &str, offset: usize) -> Result<Option<Vec<Inline>>, ReadError> {
        let frame = self.stack.pop().expect("the content frame is never popped");
        if frame.element != name {
            return Err(ReadError::at(
                offset,
                format!("`</{name}>` closes `<{}>`", frame.element),
            ));
        }
        let Some(parent) = self.stack.last_mut() else {
            return Ok(Some(tidy(frame.children)));
        };
        if frame.id.is_empty() {
            parent.children.extend(frame.children);
        } else {
            parent.children.push(Inline::Pair {
                id: frame.id,
                children: tidy(frame.children),
            });
        }
        Ok(None)
    }
}

/// The text of an entity or character reference.
fn entity(reference: &quick_xml::events::BytesRef<'_>, offset: usize) -> Result<String, ReadError> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = String::from_utf8_lossy(reference).into_owned();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| ReadError::at(offset, format!("unknown entity `&{name};`")))
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

/// The elements open at a document's top level, to name the one a cut-off
/// file leaves open. Units (`unit`) are read whole elsewhere.
pub struct Outline {
    open: Vec<String>,
    unit: &'static str,
}

impl Outline {
    /// An outline whose units are `unit` elements.
    pub fn new(unit: &'static str) -> Self {
        Self {
            open: Vec::new(),
            unit,
        }
    }

    /// Follows an event of the top level.
    pub fn track(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(e) if local_name(e) != self.unit => self.open.push(local_name(e)),
            Event::End(_) => {
                self.open.pop();
            }
            _ => {}
        }
    }

    /// At the end of the file: an error if an element is still open.
    pub fn end(&self, offset: usize) -> Result<(), ReadError> {
        match self.open.last() {
            Some(name) => Err(ReadError::at(
                offset,
                format!("the document ends before `<{name}>` is closed"),
            )),
            None => Ok(()),
        }
    }
}

/// Records a unit or group id of a file, refusing one seen before.
pub fn unique_id(
    ids: &mut std::collections::HashSet<String>,
    id: String,
    file: &str,
    offset: usize,
) -> Result<String, ReadError> {
    if ids.insert(id.clone()) {
        Ok(id)
    } else {
        Err(ReadError::at(
            offset,
            format!("id `{id}` is used twice in file `{file}`"),
        ))
    }
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

/// Writes a file's units at `indent`, the variants of each select inside a
/// group (`open` writes its start tag, `close` its end tag, one level in).
pub fn write_grouped(
    out: &mut String,
    units: &[super::units::Unit],
    indent: &str,
    open: impl Fn(&super::units::Unit) -> String,
    close: &str,
    write_unit: impl Fn(&mut String, &super::units::Unit, &str),
) {
    let inner = format!("{indent}  ");
    let mut group: Option<&str> = None;
    for unit in units {
        if group != unit.group.as_deref() {
            if group.is_some() {
                out.push_str(&format!("{indent}{close}\n"));
            }
            if unit.group.is_some() {
                out.push_str(&format!("{indent}{}\n", open(unit)));
            }
            group = unit.group.as_deref();
        }
        write_unit(out, unit, if group.is_some() { &inner } else { indent });
    }
    if group.is_some() {
        out.push_str(&format!("{indent}{close}\n"));
    }
}

/// Writes inline content in a dialect: `codes` says what each id shows.
pub fn write_inline(out: &mut String, inline: &[Inline], codes: &Codes, version2: bool) {
    for piece in inline {
        match piece {
            Inline::Text(value) => write_text(out, value, version2),
            Inline::Code(id) => write_code(out, id, codes, version2),
            Inline::Pair { id, children } => {
                write_pair_start(out, id, codes, version2);
                write_inline(out, children, codes, version2);
                out.push_str(if version2 { "</pc>" } else { "</g>" });
            }
        }
    }
}

/// Text; a character XML cannot hold is a `<cp>` (2.x) or U+FFFD (1.2).
fn write_text(out: &mut String, value: &str, version2: bool) {
    for c in value.chars() {
        if is_xml_char(c) {
            push_escaped(out, c, false);
        } else if version2 {
            out.push_str(&format!("<cp hex=\"{:04X}\"/>", u32::from(c)));
        } else {
            out.push('\u{FFFD}');
        }
    }
}

fn write_code(out: &mut String, id: &str, codes: &Codes, version2: bool) {
    let shown = codes.get(id).map(CodeDef::display).unwrap_or_default();
    if version2 {
        out.push_str(&format!(
            "<ph id=\"{}\" disp=\"{}\" equiv=\"{}\"/>",
            attribute(id),
            attribute(&shown),
            attribute(&shown)
        ));
    } else {
        // `<x/>` (a code without native data) keeps the placeable out of
        // word counts, as XLIFF 2's `<ph/>` does.
        out.push_str(&format!(
            "<x id=\"{}\" ctype=\"x-fluent-placeable\" equiv-text=\"{}\"/>",
            attribute(id),
            attribute(&shown)
        ));
    }
}

fn write_pair_start(out: &mut String, id: &str, codes: &Codes, version2: bool) {
    let (kind, open, close) = match codes.get(id) {
        Some(CodeDef::Markup { kind, open, close }) => (Some(*kind), open.as_str(), close.as_str()),
        _ => (None, "", ""),
    };
    if !version2 {
        let ctype = match kind {
            Some(MarkupKind::Strong) => "bold",
            Some(MarkupKind::Emph) => "italic",
            Some(MarkupKind::Link) | None => "link",
            Some(MarkupKind::Footnote) => "x-footnote",
        };
        out.push_str(&format!("<g id=\"{}\" ctype=\"{ctype}\">", attribute(id)));
        return;
    }
    let kind = match kind {
        Some(MarkupKind::Strong) => " type=\"fmt\" subType=\"xlf:b\"",
        Some(MarkupKind::Emph) => " type=\"fmt\" subType=\"xlf:i\"",
        Some(MarkupKind::Link) => " type=\"link\"",
        Some(MarkupKind::Footnote) => " type=\"other\" subType=\"report:footnote\"",
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
}
