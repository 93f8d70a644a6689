//! Unit content read from a Fluent pattern ([`content`]) or from the
//! Fluent text a PO file holds ([`from_fluent_text`]): placeables hidden
//! behind private-use characters, markup parsed by the renderer's own
//! parser, and each code given the aligned (source) content's id.

use std::collections::{HashMap, HashSet, VecDeque};

use fluent_syntax::ast::{Expression, InlineExpression, Message, PatternElement};

use super::super::owned;
use super::{CodeDef, Codes, Content, Inline, MarkupKind, tidy};
use crate::l10n::catalog::{MAX_DEPTH, too_deep};
use crate::l10n::markup::{self, Span};

/// The first of the private-use characters that stand for placeables while
/// markup is parsed (plane 15, which no text uses).
const SENTINEL: u32 = 0xF_0000;

/// How many placeables a text can hide behind private-use characters.
const MAX_PLACEABLES: usize = (0x10_FFFD - SENTINEL) as usize;

/// Reads pattern elements as unit content. With `align`, codes that the
/// aligned content (the source) also has take its ids, so a translation's
/// `{ $b } … { $a }` shows the source's ids in its own order; others get
/// fresh ids (`x1`, …).
pub(crate) fn content(elements: &[PatternElement<&str>], align: Option<&Codes>) -> Content {
    let mut flat = String::new();
    let mut hidden = Vec::new();
    let mut selects = 0;
    for element in elements {
        match element {
            PatternElement::TextElement { value } => flat.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => flat.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(value)),
            PatternElement::Placeable { expression } => {
                let def = match expression {
                    Expression::Inline(e) => CodeDef::Placeable(owned::inline(e)),
                    Expression::Select { selector, .. } => {
                        selects += 1;
                        CodeDef::Select(selects, owned::inline(selector))
                    }
                };
                flat.push(sentinel(hidden.len()));
                hidden.push(def);
            }
        }
    }
    from_flat(&flat, hidden, align, None)
}

/// Content from text in which each placeable is a private-use character
/// standing for `hidden[n]`. Markup is parsed unless `raw_markup` says how
/// the aligned unit keeps it (`None`: parse, and keep it raw if it cannot
/// be parsed with its placeables hidden).
fn from_flat(
    flat: &str,
    hidden: Vec<CodeDef>,
    align: Option<&Codes>,
    raw_markup: Option<bool>,
) -> Content {
    let mut builder = Builder {
        hidden,
        align,
        alignment: None,
        codes: Codes::default(),
        fresh: 0,
    };
    let parsed = match raw_markup {
        Some(true) => None,
        _ => markup::parse(flat)
            .ok()
            .filter(|spans| !spans_hide_codes_in_targets(spans)),
    };
    let (inline, raw_markup) = match parsed {
        Some(spans) => (builder.spans(&spans), false),
        None => (builder.text(flat), true),
    };
    Content {
        inline: tidy(inline),
        codes: builder.codes,
        raw_markup,
    }
}

/// Reads a unit's text written the way [`fluent_text`](super::write::fluent_text) writes it (PO):
/// placeables as Fluent (`{ $n }`; a select as its display), markup as
/// markup, `{"{"}` for a brace. Codes the source has take its ids.
pub(crate) fn from_fluent_text(
    text: &str,
    source: &Codes,
    raw_markup: bool,
) -> Result<Content, String> {
    let mut flat = String::new();
    let mut hidden = Vec::new();
    let mut rest = text;
    // What each of the source's codes looks like, squeezed, once.
    let displays: Vec<(String, &CodeDef)> = (source.0.iter())
        .filter(|(_, def)| !def.is_pair())
        .map(|(_, def)| (def.display().split_whitespace().collect(), def))
        .collect();
    while let Some(open) = rest.find(['{', '}']) {
        flat.push_str(&rest[..open]);
        if rest[open..].starts_with('}') {
            return Err("a `}` closes no placeable; write `{\"}\"}` for a brace".to_owned());
        }
        let len = placeable_len(&rest[open..])
            .ok_or_else(|| format!("`{}` is not closed", excerpt(&rest[open..])))?;
        let written = &rest[open..open + len];
        rest = &rest[open + len..];
        let squeezed: String = written.split_whitespace().collect();
        let known = displays.iter().find(|(shown, _)| *shown == squeezed);
        let def = match known {
            Some((_, def)) => (*def).clone(),
            None => match parse_placeable(written)? {
                InlineExpression::StringLiteral { value } => {
                    flat.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(&value));
                    continue;
                }
                expression => CodeDef::Placeable(expression),
            },
        };
        if hidden.len() >= MAX_PLACEABLES {
            return Err(format!(
                "more than {MAX_PLACEABLES} placeables; a unit keeps the source's few"
            ));
        }
        flat.push(sentinel(hidden.len()));
        hidden.push(def);
    }
    flat.push_str(rest);
    Ok(from_flat(&flat, hidden, Some(source), Some(raw_markup)))
}

/// The length of the placeable at the start of `text` (`{` … its `}`),
/// skipping braces inside string literals.
fn placeable_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            '\n' if in_string => return None,
            _ => {}
        }
    }
    None
}

fn excerpt(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    line.chars().take(40).collect()
}

/// Parses one placeable's Fluent text, once its nesting is known to be
/// within what the parser can take (it recurses once per placeable, call
/// and select: 30,000 levels overflowed the stack).
fn parse_placeable(written: &str) -> Result<InlineExpression<String>, String> {
    let source = format!("x = {written}\n");
    if !too_deep(&source).is_empty() {
        return Err(format!(
            "`{}` nests placeables, calls or selects more than {MAX_DEPTH} deep",
            excerpt(written)
        ));
    }
    let invalid = || format!("`{}` is not a Fluent placeable", excerpt(written));
    let resource = fluent_syntax::parser::parse(source.as_str()).map_err(|_| invalid())?;
    match resource.body.first() {
        Some(fluent_syntax::ast::Entry::Message(Message {
            value: Some(pattern),
            ..
        })) if pattern.elements.len() == 1 => match &pattern.elements[0] {
            PatternElement::Placeable {
                expression: Expression::Inline(e),
            } => Ok(owned::inline(e)),
            _ => Err(format!(
                "`{}`: a select cannot be written here; each variant is a unit of its own",
                excerpt(written)
            )),
        },
        _ => Err(invalid()),
    }
}

fn sentinel(index: usize) -> char {
    u32::try_from(index)
        .ok()
        .and_then(|i| char::from_u32(SENTINEL + i))
        .unwrap_or('\u{FFFD}')
}

fn sentinel_index(c: char) -> Option<usize> {
    let value = u32::from(c);
    (SENTINEL..=0x10_FFFD)
        .contains(&value)
        .then(|| (value - SENTINEL) as usize)
}

/// Whether the spans cannot be codes: a link target holds a placeable, or
/// there is a list (its lines are kept as written, as raw markup).
fn spans_hide_codes_in_targets(spans: &[Span]) -> bool {
    spans.iter().any(|span| match span {
        Span::Link { href, children } => {
            href.chars().any(|c| sentinel_index(c).is_some())
                || spans_hide_codes_in_targets(children)
        }
        Span::Strong { children } | Span::Emph { children } | Span::Footnote { children } => {
            spans_hide_codes_in_targets(children)
        }
        Span::List { items, .. } => items.iter().any(|item| spans_hide_codes_in_targets(item)),
        _ => false,
    })
}

/// A citation as markup writes it (`[@a, p. 3; @b]`).
fn citation_text(items: &[markup::Citation]) -> String {
    let works: Vec<String> = items
        .iter()
        .map(|c| match &c.locator {
            Some(locator) => format!("@{}, {locator}", c.key),
            None => format!("@{}", c.key),
        })
        .collect();
    format!("[{}]", works.join("; "))
}

struct Builder<'a> {
    hidden: Vec<CodeDef>,
    align: Option<&'a Codes>,
    /// The aligned content's codes, indexed when the first code is met.
    alignment: Option<Alignment>,
    codes: Codes,
    fresh: usize,
}

/// The aligned content's codes by what they stand for, so that each code
/// finds its id in constant time (a translation may hold thousands).
struct Alignment {
    /// The ids not taken yet, by identity, in the aligned content's order.
    unused: HashMap<String, VecDeque<String>>,
    /// Every id of the aligned content.
    ids: HashSet<String>,
}

impl Alignment {
    fn of(align: &Codes) -> Self {
        let mut unused: HashMap<String, VecDeque<String>> = HashMap::new();
        for (id, def) in &align.0 {
            unused
                .entry(def.identity())
                .or_default()
                .push_back(id.clone());
        }
        Self {
            unused,
            ids: align.0.iter().map(|(id, _)| id.clone()).collect(),
        }
    }
}

impl Builder<'_> {
    /// The id of a code: the aligned content's id for the same code (each
    /// used once), else a fresh one.
    fn id_for(&mut self, def: CodeDef) -> String {
        let id = match self.align {
            Some(align) => {
                let alignment = self.alignment.get_or_insert_with(|| Alignment::of(align));
                let matched =
                    (alignment.unused.get_mut(&def.identity())).and_then(VecDeque::pop_front);
                matched.unwrap_or_else(|| {
                    loop {
                        self.fresh += 1;
                        let id = format!("x{}", self.fresh);
                        if !alignment.ids.contains(&id) {
                            break id;
                        }
                    }
                })
            }
            None => (self.codes.0.len() + 1).to_string(),
        };
        self.codes.0.push((id.clone(), def));
        id
    }

    fn spans(&mut self, spans: &[Span]) -> Vec<Inline> {
        let mut out = Vec::new();
        for span in spans {
            match span {
                Span::Text { text } => out.extend(self.text(text)),
                Span::Parbreak => out.push(Inline::Text("\n\n".to_owned())),
                Span::Linebreak => out.push(Inline::Code(self.id_for(CodeDef::Linebreak))),
                Span::Cite { items } => {
                    let written = citation_text(items);
                    out.push(Inline::Code(self.id_for(CodeDef::Citation(written))));
                }
                Span::Gap { .. } => {}
                Span::List {
                    ordered,
                    start,
                    items,
                } => {
                    self.list((*ordered, *start), items, 0, &mut out);
                }
                Span::Footnote { children } => {
                    out.push(self.pair(MarkupKind::Footnote, "^[", "]".to_owned(), children));
                }
                Span::Strong { children } => {
                    out.push(self.pair(MarkupKind::Strong, "**", "**".to_owned(), children))
                }
                Span::Emph { children } => {
                    out.push(self.pair(MarkupKind::Emph, "*", "*".to_owned(), children))
                }
                Span::Link { href, children } => {
                    out.push(self.pair(MarkupKind::Link, "[", format!("]({href})"), children));
                }
            }
        }
        out
    }

    /// A list: each item on a line of its own, its marker a code, a nested
    /// list's items indented under it.
    fn list(
        &mut self,
        (ordered, start): (bool, u32),
        items: &[Vec<Span>],
        depth: usize,
        out: &mut Vec<Inline>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let ends_line = match out.last() {
                None => true,
                Some(Inline::Text(text)) => text.ends_with('\n'),
                Some(_) => false,
            };
            if !ends_line {
                out.push(Inline::Text("\n".to_owned()));
            }
            let number = start.saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
            let marker = if ordered {
                format!("{number}. ")
            } else {
                "- ".to_owned()
            };
            let id = self.id_for(CodeDef::ListMarker(format!(
                "{}{marker}",
                "  ".repeat(depth)
            )));
            out.push(Inline::Code(id));
            for span in item {
                match span {
                    Span::List {
                        ordered,
                        start,
                        items,
                    } => self.list((*ordered, *start), items, depth + 1, out),
                    other => out.extend(self.spans(std::slice::from_ref(other))),
                }
            }
        }
    }

    fn pair(&mut self, kind: MarkupKind, open: &str, close: String, children: &[Span]) -> Inline {
        let id = self.id_for(CodeDef::Markup {
            kind,
            open: open.to_owned(),
            close,
        });
        Inline::Pair {
            id,
            children: self.spans(children),
        }
    }

    /// Text with placeables (sentinels) made codes.
    fn text(&mut self, text: &str) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut plain = String::new();
        for c in text.chars() {
            match sentinel_index(c).and_then(|i| self.hidden.get(i).cloned()) {
                Some(def) => {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                    let id = self.id_for(def);
                    out.push(Inline::Code(id));
                }
                None => plain.push(c),
            }
        }
        out.push(Inline::Text(plain));
        out
    }
}
