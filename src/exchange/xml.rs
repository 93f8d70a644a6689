//! What the two XLIFF versions share: reading a `<source>` or `<target>`
//! into [`Inline`] content with quick-xml, and writing ([`write`](mod@write)).
//!
//! Reading is strict about what matters (well-formed XML, paired codes,
//! ids on every code) and lenient about what tools add: annotations
//! (`<mrk>`) are read through, a unit split into several segments is read
//! as one, and code display attributes are ignored (the source's codes
//! are what an import writes).

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::inline::{Inline, merge_text};

mod write;

pub(crate) use crate::escape::{xml_attribute as attribute, xml_text as text};
pub(crate) use write::{write_grouped, write_inline};

/// How a dialect spells its inline codes.
pub(crate) struct Dialect {
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
    /// What to do about it, when the general advice (export the file
    /// again) is not the best.
    pub(crate) hint: Option<String>,
    /// Reading stopped because `report` was interrupted (Ctrl-C, SIGTERM).
    pub(crate) interrupted: bool,
}

impl ReadError {
    /// An error at `offset`.
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            offset,
            hint: None,
            interrupted: false,
        }
    }

    /// Reading was interrupted at `offset`.
    pub(crate) fn interrupted(offset: usize) -> Self {
        Self {
            interrupted: true,
            ..Self::at(offset, "interrupted: the file was not read to its end")
        }
    }

    /// Sets the hint.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// `Err` once `report` was interrupted: every reading loop asks, so a
/// signal stops the reading of a file of any size at once.
pub(crate) fn poll(offset: usize) -> Result<(), ReadError> {
    if crate::platform::interrupt::interrupted() {
        Err(ReadError::interrupted(offset))
    } else {
        Ok(())
    }
}

/// The position of the reader, as a byte offset.
pub(crate) fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Reads the next event, turning XML errors into located ones. Every
/// reading loop goes through here, so this is where an interrupt is seen.
pub(crate) fn next<'x>(reader: &mut Reader<&'x [u8]>) -> Result<Event<'x>, ReadError> {
    poll(position(reader))?;
    reader.read_event().map_err(|e| {
        let offset = usize::try_from(reader.error_position()).unwrap_or(0);
        ReadError::at(offset, format!("not well-formed XML: {e}"))
    })
}

/// An element's attributes, each read once: names unique, values
/// unescaped.
pub(crate) struct Attributes(Vec<(String, String)>);

impl Attributes {
    /// Reads the attributes of `element` (which starts at `offset`), in
    /// time linear in their number. quick-xml's own duplicate check
    /// compares each name with every one before it (200,000 attributes took
    /// over a minute), so it is off and names go through a set here. A
    /// malformed attribute, a name given twice or a bad entity in a value is
    /// an error: the XML is not well-formed.
    pub(crate) fn of(element: &BytesStart<'_>, offset: usize) -> Result<Self, ReadError> {
        let tag = local_name(element);
        let invalid =
            |message: String| ReadError::at(offset, format!("not well-formed XML: {message}"));
        let mut names = HashSet::new();
        let mut list = Vec::new();
        let mut attributes = element.attributes();
        attributes.with_checks(false);
        for (index, attribute) in attributes.enumerate() {
            if index % 4096 == 0 {
                poll(offset)?;
            }
            let attribute = attribute.map_err(|e| invalid(format!("in `<{tag}>`: {e}")))?;
            let name = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
            let value = attribute
                .unescape_value()
                .map_err(|e| invalid(format!("attribute `{name}` of `<{tag}>`: {e}")))?
                .into_owned();
            if !names.insert(name.clone()) {
                return Err(invalid(format!(
                    "`<{tag}>` has the attribute `{name}` twice"
                )));
            }
            list.push((name, value));
        }
        Ok(Self(list))
    }

    /// The value of attribute `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of attribute `name`, owned.
    pub(crate) fn owned(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_owned)
    }
}

/// The local name of an element (namespace prefix dropped).
pub(crate) fn local_name(element: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(element.local_name().as_ref()).into_owned()
}

/// Reads content up to the end of the element just opened (`end`), as
/// inline content. Codes need an `id`; pairs must close where they open.
pub(crate) fn read_inline(
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
        // Pairs and annotations nest; the content is a tree that later
        // steps walk recursively, so its depth is bounded here.
        let nests = self.dialect.paired.contains(&name.as_str()) || is_annotation(&name);
        if nests && self.stack.len() > MAX_NESTING {
            return Err(too_deep(&name, offset));
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
        // The pairs among the children were tidied when they closed: only
        // their text is merged here (tidying them again at every level
        // took time quadratic in the depth).
        let Some(parent) = self.stack.last_mut() else {
            return Ok(Some(merge_text(frame.children)));
        };
        if frame.id.is_empty() {
            parent.children.extend(frame.children);
        } else {
            parent.children.push(Inline::Pair {
                id: frame.id,
                children: merge_text(frame.children),
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

/// The deepest nesting of code pairs and annotations in a source or
/// target: the project's nesting limit, as for markup. Real content nests
/// two or three levels; the trees read here are walked recursively later.
pub(crate) const MAX_NESTING: usize = crate::l10n::markup::MAX_NESTING;

fn too_deep(name: &str, offset: usize) -> ReadError {
    ReadError::at(
        offset,
        format!(
            "codes are nested more than {MAX_NESTING} deep here (`<{name}>` inside {MAX_NESTING} others)"
        ),
    )
    .with_hint("a translation keeps the codes of its source, which never nest this deep: export the file again and translate it with its codes as they are")
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
    Attributes::of(element, offset)?
        .owned("id")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| ReadError::at(offset, format!("`<{name}>` has no id")))
}

fn code_point(element: &BytesStart<'_>, offset: usize) -> Result<String, ReadError> {
    Attributes::of(element, offset)?
        .get("hex")
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .and_then(char::from_u32)
        .map(|c| c.to_string())
        .ok_or_else(|| ReadError::at(offset, "`<cp>` needs a `hex` code point"))
}

/// The elements open at a document's top level, to name the one a cut-off
/// file leaves open. Units (`unit`) are read whole elsewhere.
pub(crate) struct Outline {
    open: Vec<String>,
    unit: &'static str,
}

impl Outline {
    /// An outline whose units are `unit` elements.
    pub(crate) fn new(unit: &'static str) -> Self {
        Self {
            open: Vec::new(),
            unit,
        }
    }

    /// Follows an event of the top level.
    pub(crate) fn track(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(e) if local_name(e) != self.unit => self.open.push(local_name(e)),
            Event::End(_) => {
                self.open.pop();
            }
            _ => {}
        }
    }

    /// At the end of the file: an error if an element is still open.
    pub(crate) fn end(&self, offset: usize) -> Result<(), ReadError> {
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
pub(crate) fn unique_id(
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
pub(crate) fn skip(reader: &mut Reader<&[u8]>) -> Result<(), ReadError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const DIALECT: Dialect = Dialect {
        standalone: &["ph"],
        standalone_has_content: false,
        paired: &["pc"],
        code_point: Some("cp"),
    };

    /// The content of the `<target>` that `text` starts with.
    fn target(text: &str) -> Result<Vec<Inline>, ReadError> {
        let mut reader = Reader::from_str(text);
        let Event::Start(_) = next(&mut reader)? else {
            panic!("no target in {text:?}");
        };
        read_inline(&mut reader, "target", &DIALECT)
    }

    fn start(text: &str) -> BytesStart<'_> {
        match Reader::from_str(text).read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            other => panic!("not an element: {other:?}"),
        }
    }

    #[test]
    fn attributes_are_read_once_and_must_be_well_formed() {
        let attributes = Attributes::of(&start("<unit a=\"1\" id=\"x &amp; y\"/>"), 0);
        assert_eq!(attributes.expect("reads").get("id"), Some("x & y"));
        for (element, said) in [
            (
                "<unit id=\"a\" id=\"b\"/>",
                "`<unit>` has the attribute `id` twice",
            ),
            ("<unit id=\"a\" b/>", "in `<unit>`"),
            ("<unit id=\"&nope;\"/>", "attribute `id` of `<unit>`"),
        ] {
            let error = Attributes::of(&start(element), 7).err().expect(element);
            assert!(error.message.contains(said), "{element}: {}", error.message);
            assert_eq!(error.offset, 7);
        }
    }

    #[test]
    fn codes_nest_up_to_the_limit() {
        let nested = |depth: usize| {
            let open = "<pc id=\"1\">".repeat(depth);
            format!("<target>{open}x{}</target>", "</pc>".repeat(depth))
        };
        let mut content = target(&nested(MAX_NESTING)).expect("reads");
        for _ in 0..MAX_NESTING {
            let [Inline::Pair { children, .. }] = &mut content[..] else {
                panic!("not one pair: {content:?}");
            };
            content = std::mem::take(children);
        }
        assert_eq!(content, [Inline::Text("x".to_owned())]);
        let too_deep = nested(MAX_NESTING + 1);
        let error = target(&too_deep).expect_err("too deep");
        assert!(
            error.message.contains("nested more than 100 deep"),
            "{}",
            error.message
        );
        assert_eq!(
            error.offset,
            "<target>".len() + MAX_NESTING * "<pc id=\"1\">".len()
        );
        assert!(error.hint.is_some());
    }

    #[test]
    fn an_interrupt_stops_the_reading() {
        let text = format!("<target>{}</target>", "<ph id=\"1\"/>".repeat(10_000));
        crate::platform::interrupt::interrupt_this_thread(true);
        let result = target(&text);
        crate::platform::interrupt::interrupt_this_thread(false);
        assert!(result.expect_err("interrupted").interrupted);
        assert!(target(&text).is_ok());
    }
}
