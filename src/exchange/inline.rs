//! What a translation unit holds: text and protected codes ([`Inline`]),
//! read from a Fluent pattern and written back as one.
//!
//! A translator must be able to move a variable but not break it, so every
//! placeable (`{ $count }`, `{ -brand }`, `{ NUMBER($n) }`) becomes a code
//! standing alone, and the message markup (`**strong**`, `*emphasis*`,
//! `[text](url)`) becomes a code pair around its text. Codes carry only an
//! id; what each id stands for lives in [`Codes`], taken from the *source*
//! on import, so nothing a translator or a tool writes in a code's display
//! attributes ever reaches a `.ftl` file.
//!
//! Markup is found by the same parser that renders it
//! ([`crate::l10n::markup::parse`]), run over the pattern's text with each
//! placeable replaced by a private-use character; a pattern that parser
//! refuses that way (a link whose target is a placeable) keeps its markup as
//! text (`raw_markup`).

use std::collections::HashSet;

use fluent_syntax::ast::{
    Expression, Identifier, InlineExpression, Message, Pattern, PatternElement,
};

use super::owned;
use crate::l10n::markup::{self, Span};

/// The first of the private-use characters that stand for placeables while
/// markup is parsed (plane 15, which no text uses).
const SENTINEL: u32 = 0xF_0000;

/// A piece of a unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text the translator writes.
    Text(String),
    /// A code standing alone: a placeable, or a select whose variants are
    /// units of their own.
    Code(String),
    /// A code pair (markup) around text.
    Pair {
        /// The pair's id.
        id: String,
        /// What the markup applies to.
        children: Vec<Inline>,
    },
}

/// Which markup a code pair stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkupKind {
    /// `**…**`
    Strong,
    /// `*…*`
    Emph,
    /// `[…](url)`
    Link,
    /// `^[…]`
    Footnote,
}

/// What a code id stands for.
#[derive(Debug, Clone)]
pub enum CodeDef {
    /// A Fluent placeable.
    Placeable(InlineExpression<String>),
    /// The `n`-th select expression of the pattern (from 1).
    Select(usize, InlineExpression<String>),
    /// A line break (`\` at the end of a line).
    Linebreak,
    /// Citations, as written (`[@wsj, p. 12]`).
    Citation(String),
    /// A list item's marker at the start of its line, with the item's
    /// indentation (`- `, `2. `, `  1. `).
    ListMarker(String),
    /// Markup around text.
    Markup {
        /// Which markup.
        kind: MarkupKind,
        /// What opens it (`**`, `[`).
        open: String,
        /// What closes it (`**`, `](https://…)`).
        close: String,
    },
}

impl CodeDef {
    /// How the code is shown to translators: the Fluent (or markup) it stands for.
    pub fn display(&self) -> String {
        match self {
            CodeDef::Placeable(expression) => {
                placeable_text(&Expression::Inline(expression.clone()))
            }
            CodeDef::Select(_, selector) => {
                let selector = placeable_text(&Expression::Inline(selector.clone()));
                format!("{} -> … }}", selector.trim_end_matches(" }"))
            }
            CodeDef::Markup { open, close, .. } => format!("{open}…{close}"),
            CodeDef::Linebreak => "\\\n".to_owned(),
            CodeDef::Citation(written) | CodeDef::ListMarker(written) => written.clone(),
        }
    }

    /// What makes two codes the same code (source and translation are
    /// matched by it).
    pub fn identity(&self) -> String {
        match self {
            CodeDef::Placeable(_) => self.display(),
            CodeDef::Select(n, _) => format!("select {n}"),
            CodeDef::Linebreak => "line break".to_owned(),
            CodeDef::Citation(written) => written.clone(),
            CodeDef::ListMarker(marker) => format!("list item {marker}"),
            CodeDef::Markup { open, close, .. } => format!("{open}\u{0}{close}"),
        }
    }

    /// Whether the code is a pair (markup) rather than standing alone.
    pub fn is_pair(&self) -> bool {
        matches!(self, CodeDef::Markup { .. })
    }
}

/// The codes of a unit, in the order they first appear.
#[derive(Debug, Clone, Default)]
pub struct Codes(pub Vec<(String, CodeDef)>);

impl Codes {
    /// What `id` stands for.
    pub fn get(&self, id: &str) -> Option<&CodeDef> {
        self.0.iter().find(|(i, _)| i == id).map(|(_, d)| d)
    }
}

/// A pattern read as a unit's content.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Text and codes.
    pub inline: Vec<Inline>,
    /// What each code stands for.
    pub codes: Codes,
    /// Markup is kept as text: the markup parser refused the pattern with
    /// its placeables hidden (see the module comment).
    pub raw_markup: bool,
}

/// Reads pattern elements as unit content. With `align`, codes that the
/// aligned content (the source) also has take its ids, so a translation's
/// `{ $b } … { $a }` shows the source's ids in its own order; others get
/// fresh ids (`x1`, …).
pub fn content(elements: &[PatternElement<&str>], align: Option<&Codes>) -> Content {
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
        codes: Codes::default(),
        used: HashSet::new(),
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

/// Reads a unit's text written the way [`fluent_text`] writes it (PO):
/// placeables as Fluent (`{ $n }`; a select as its display), markup as
/// markup, `{"{"}` for a brace. Codes the source has take its ids.
pub fn from_fluent_text(text: &str, source: &Codes, raw_markup: bool) -> Result<Content, String> {
    let mut flat = String::new();
    let mut hidden = Vec::new();
    let mut rest = text;
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
        let known = source.0.iter().find(|(_, def)| {
            !def.is_pair() && def.display().split_whitespace().collect::<String>() == squeezed
        });
        let def = match known {
            Some((_, def)) => def.clone(),
            None => match parse_placeable(written)? {
                InlineExpression::StringLiteral { value } => {
                    flat.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(&value));
                    continue;
                }
                expression => CodeDef::Placeable(expression),
            },
        };
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

/// Parses one placeable's Fluent text.
fn parse_placeable(written: &str) -> Result<InlineExpression<String>, String> {
    let source = format!("x = {written}\n");
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

/// A unit's text as Fluent and markup (for PO): placeables as their Fluent
/// text, markup as written, braces as `{"{"}`, markup characters escaped.
pub fn fluent_text(inline: &[Inline], codes: &Codes, raw_markup: bool) -> String {
    let text = fluent_text_inner(inline, codes, raw_markup);
    // PO tools trim a string's ends: blanks there are written as literals.
    let body = text.trim_matches([' ', '\t']);
    let start = text.len() - text.trim_start_matches([' ', '\t']).len();
    let (lead, trail) = (&text[..start], &text[start + body.len()..]);
    let literal = |blanks: &str| {
        if blanks.is_empty() {
            String::new()
        } else {
            format!("{{\"{blanks}\"}}")
        }
    };
    format!("{}{body}{}", literal(lead), literal(trail))
}

fn fluent_text_inner(inline: &[Inline], codes: &Codes, raw_markup: bool) -> String {
    let mut out = String::new();
    for piece in inline {
        match piece {
            Inline::Text(text) => {
                let text = if raw_markup {
                    text.clone()
                } else {
                    markup::escape(text)
                };
                for c in text.chars() {
                    match c {
                        '{' => out.push_str("{\"{\"}"),
                        '}' => out.push_str("{\"}\"}"),
                        c => out.push(c),
                    }
                }
            }
            Inline::Code(id) => {
                out.push_str(&codes.get(id).map(CodeDef::display).unwrap_or_default())
            }
            Inline::Pair { id, children } => {
                let (open, close) = match codes.get(id) {
                    Some(CodeDef::Markup { open, close, .. }) => (open.as_str(), close.as_str()),
                    _ => ("", ""),
                };
                out.push_str(open);
                out.push_str(&fluent_text_inner(children, codes, raw_markup));
                out.push_str(close);
            }
        }
    }
    out
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
    codes: Codes,
    used: HashSet<String>,
    fresh: usize,
}

impl Builder<'_> {
    /// The id of a code: the aligned content's id for the same code (each
    /// used once), else a fresh one.
    fn id_for(&mut self, def: CodeDef) -> String {
        let id = match self.align {
            Some(align) => {
                let identity = def.identity();
                let matched = align
                    .0
                    .iter()
                    .find(|(id, d)| !self.used.contains(id) && d.identity() == identity)
                    .map(|(id, _)| id.clone());
                matched.unwrap_or_else(|| {
                    loop {
                        self.fresh += 1;
                        let id = format!("x{}", self.fresh);
                        if align.get(&id).is_none() {
                            break id;
                        }
                    }
                })
            }
            None => (self.codes.0.len() + 1).to_string(),
        };
        self.used.insert(id.clone());
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

/// Merges neighbouring text and drops empty text, so that two readings of
/// the same content compare equal however their text was split.
pub fn tidy(inline: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inline.len());
    for piece in inline {
        match piece {
            Inline::Text(text) if text.is_empty() => {}
            Inline::Text(text) => match out.last_mut() {
                Some(Inline::Text(last)) => last.push_str(&text),
                _ => out.push(Inline::Text(text)),
            },
            Inline::Pair { id, children } => out.push(Inline::Pair {
                id,
                children: tidy(children),
            }),
            code => out.push(code),
        }
    }
    out
}

/// The text of content with every code written as `{id}`, for messages
/// and the `pocount`-style word counts.
pub fn plain(inline: &[Inline]) -> String {
    let mut out = String::new();
    for piece in inline {
        match piece {
            Inline::Text(text) => out.push_str(text),
            Inline::Code(_) => {}
            Inline::Pair { children, .. } => out.push_str(&plain(children)),
        }
    }
    out
}

/// Content with each code id replaced by what it stands for, so that two
/// readings compare equal when they say the same, whatever ids they use
/// (`{ $n } and { $n }` read in either order).
pub fn by_identity(inline: &[Inline], codes: &Codes) -> Vec<Inline> {
    let name = |id: &str| {
        codes
            .get(id)
            .map_or_else(|| format!("unknown {id}"), CodeDef::identity)
    };
    inline
        .iter()
        .map(|piece| match piece {
            Inline::Text(text) => Inline::Text(text.clone()),
            Inline::Code(id) => Inline::Code(name(id)),
            Inline::Pair { id, children } => Inline::Pair {
                id: name(id),
                children: by_identity(children, codes),
            },
        })
        .collect()
}

/// Content as the reader sees it, for comparing two readings: runs of
/// blanks are one space, a blank line stays a paragraph break, and blanks
/// next to a line break, a paragraph break or the ends are dropped (markup
/// and typesetting treat them so; tools let translators type them).
pub fn canonical(inline: &[Inline], codes: &Codes) -> Vec<Inline> {
    let is_break = |piece: Option<&Inline>| match piece {
        Some(Inline::Code(id)) => matches!(codes.get(id), Some(CodeDef::Linebreak)),
        None => true,
        _ => false,
    };
    let tidied = tidy(inline.to_vec());
    let mut out = Vec::with_capacity(tidied.len());
    for (index, piece) in tidied.iter().enumerate() {
        match piece {
            Inline::Text(text) => {
                let mut text = blanks_as_read(text);
                if is_break(index.checked_sub(1).and_then(|i| tidied.get(i)))
                    || text.starts_with("\n\n")
                {
                    text = text.trim_start_matches(' ').to_owned();
                }
                if is_break(tidied.get(index + 1)) {
                    text = text.trim_end_matches(' ').to_owned();
                }
                out.push(Inline::Text(text));
            }
            Inline::Pair { id, children } => out.push(Inline::Pair {
                id: id.clone(),
                children: canonical(children, codes),
            }),
            code => out.push(code.clone()),
        }
    }
    tidy(out)
}

/// Runs of blanks: a blank line is `\n\n`, any other run one space; no
/// space around a paragraph break.
fn blanks_as_read(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |out: &mut String, run: &mut String| {
        if !run.is_empty() {
            if run.matches('\n').count() > 1 {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push_str("\n\n");
            } else {
                out.push(' ');
            }
            run.clear();
        }
    };
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
        } else {
            let paragraph = run.matches('\n').count() > 1;
            flush(&mut out, &mut run);
            if !(paragraph && c == ' ') {
                out.push(c);
            }
        }
    }
    flush(&mut out, &mut run);
    out
}

/// Content as a reader sees it, codes by what they stand for: two readings
/// that say the same compare equal ([`canonical`], [`by_identity`]).
pub fn as_seen(inline: &[Inline], codes: &Codes) -> Vec<Inline> {
    by_identity(&canonical(inline, codes), codes)
}

/// Whether content has no text and no code.
pub fn is_empty(inline: &[Inline]) -> bool {
    inline
        .iter()
        .all(|p| matches!(p, Inline::Text(t) if t.trim().is_empty()))
}

/// The Fluent text of a placeable holding `expression` (`{ $count }`).
pub fn placeable_text(expression: &Expression<String>) -> String {
    let message = Message {
        id: Identifier {
            name: "x".to_owned(),
        },
        value: Some(Pattern {
            elements: vec![PatternElement::Placeable {
                expression: expression.clone(),
            }],
        }),
        attributes: Vec::new(),
        comment: None,
    };
    let text = fluent_syntax::serializer::serialize(&fluent_syntax::ast::Resource {
        body: vec![fluent_syntax::ast::Entry::Message(message)],
    });
    text.trim_end()
        .strip_prefix("x = ")
        .unwrap_or(text.trim_end())
        .to_owned()
}

/// Unit content written back as Fluent pattern elements. Text is escaped
/// for the markup parser (unless the unit keeps raw markup) and for Fluent;
/// codes become what the source's [`Codes`] say; `select` gives the select
/// expression for each select code.
pub fn elements(
    inline: &[Inline],
    codes: &Codes,
    raw_markup: bool,
    select: &mut dyn FnMut(usize) -> Expression<String>,
) -> Vec<PatternElement<String>> {
    let mut pieces = Vec::new();
    pieces_of(inline, codes, raw_markup, select, &mut pieces);
    fluent_elements(pieces)
}

/// Text (already markup-escaped) or an expression.
enum Piece {
    Text(String),
    Expression(Expression<String>),
}

fn pieces_of(
    inline: &[Inline],
    codes: &Codes,
    raw_markup: bool,
    select: &mut dyn FnMut(usize) -> Expression<String>,
    out: &mut Vec<Piece>,
) {
    for piece in inline {
        match piece {
            Inline::Text(text) if raw_markup => out.push(Piece::Text(text.clone())),
            Inline::Text(text) => out.push(Piece::Text(markup::escape(text))),
            Inline::Code(id) => match codes.get(id) {
                Some(CodeDef::Placeable(e)) => {
                    out.push(Piece::Expression(Expression::Inline(e.clone())))
                }
                Some(CodeDef::Select(n, _)) => out.push(Piece::Expression(select(*n))),
                Some(CodeDef::Linebreak) => out.push(Piece::Text("\\\n".to_owned())),
                Some(CodeDef::Citation(written)) => out.push(Piece::Text(written.clone())),
                Some(CodeDef::ListMarker(marker)) => {
                    // Fluent would drop the indentation of a line: a literal keeps it.
                    let body = marker.trim_start_matches(' ');
                    let indent = &marker[..marker.len() - body.len()];
                    if !indent.is_empty() {
                        out.push(Piece::Expression(Expression::Inline(
                            InlineExpression::StringLiteral {
                                value: indent.to_owned(),
                            },
                        )));
                    }
                    out.push(Piece::Text(body.to_owned()));
                }
                // Validation refuses unknown ids and pairs used alone first.
                Some(CodeDef::Markup { .. }) | None => {}
            },
            Inline::Pair { id, children } => {
                let (open, close) = match codes.get(id) {
                    Some(CodeDef::Markup { open, close, .. }) => (open.clone(), close.clone()),
                    _ => (String::new(), String::new()),
                };
                out.push(Piece::Text(open));
                pieces_of(children, codes, raw_markup, select, out);
                out.push(Piece::Text(close));
            }
        }
    }
}

/// Pieces as Fluent elements: braces, characters Fluent reads as syntax at
/// the start of a line, and whitespace Fluent would trim become string
/// literals; indentation after a line break is dropped (markup reads a line
/// break as a space, and a blank line as a new paragraph).
fn fluent_elements(pieces: Vec<Piece>) -> Vec<PatternElement<String>> {
    let mut out = Vec::new();
    let mut text = String::new();
    // fluent-syntax's serializer starts a pattern with a line break (then
    // its first line is indented like the rest) when it has one or a select.
    let multiline = pieces.iter().any(|p| match p {
        Piece::Text(text) => text.contains('\n'),
        Piece::Expression(e) => matches!(e, Expression::Select { .. }),
    });
    let mut line_start = multiline;
    // Fluent drops the blanks a pattern starts with.
    let mut pattern_start = true;
    let literal = |out: &mut Vec<PatternElement<String>>, text: &mut String, value: String| {
        flush(out, text);
        out.push(string_literal(value));
    };
    let count = pieces.len();
    for (index, piece) in pieces.into_iter().enumerate() {
        let value = match piece {
            Piece::Expression(expression) => {
                flush(&mut out, &mut text);
                out.push(PatternElement::Placeable { expression });
                line_start = false;
                pattern_start = false;
                continue;
            }
            Piece::Text(value) => value,
        };
        let last_piece = index + 1 == count;
        let chars: Vec<char> = value.chars().collect();
        for (at, &c) in chars.iter().enumerate() {
            let trailing = last_piece && chars[at..].iter().all(|c| *c == ' ' || *c == '\t');
            match c {
                '{' | '}' => literal(&mut out, &mut text, c.to_string()),
                '[' | '*' | '.' if line_start => literal(&mut out, &mut text, c.to_string()),
                ' ' | '\t' if pattern_start => literal(&mut out, &mut text, c.to_string()),
                ' ' | '\t' if line_start => continue,
                ' ' | '\t' if trailing => literal(&mut out, &mut text, c.to_string()),
                '\r' => continue,
                // One element per line, as the parser makes them: the
                // serializer indents a line only at an element's start.
                '\n' => {
                    text.push(c);
                    flush(&mut out, &mut text);
                }
                _ => text.push(c),
            }
            line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
            pattern_start = pattern_start && (c == ' ' || c == '\t');
        }
    }
    flush(&mut out, &mut text);
    if out.is_empty() {
        out.push(string_literal(String::new()));
    }
    out
}

/// A placeable holding a string literal (`{ "" }`).
fn string_literal(value: String) -> PatternElement<String> {
    PatternElement::Placeable {
        expression: Expression::Inline(InlineExpression::StringLiteral { value }),
    }
}

fn flush(out: &mut Vec<PatternElement<String>>, text: &mut String) {
    if !text.is_empty() {
        out.push(PatternElement::TextElement {
            value: std::mem::take(text),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> fluent_syntax::ast::Resource<&str> {
        fluent_syntax::parser::parse(text).expect("valid Fluent")
    }

    fn value<'r>(
        resource: &'r fluent_syntax::ast::Resource<&'r str>,
    ) -> &'r [PatternElement<&'r str>] {
        match &resource.body[0] {
            fluent_syntax::ast::Entry::Message(m) => &m.value.as_ref().expect("value").elements,
            other => panic!("not a message: {other:?}"),
        }
    }

    #[test]
    fn placeables_and_markup_become_codes() {
        let resource = parse("a = **{ $n }** votes for [the { -brand }](https://x.org) {\"{\"}\n");
        let content = content(value(&resource), None);
        assert!(!content.raw_markup);
        assert_eq!(
            content.inline,
            vec![
                Inline::Pair {
                    id: "1".into(),
                    children: vec![Inline::Code("2".into())]
                },
                Inline::Text(" votes for ".into()),
                Inline::Pair {
                    id: "3".into(),
                    children: vec![Inline::Text("the ".into()), Inline::Code("4".into())]
                },
                Inline::Text(" {".into()),
            ]
        );
        let shown: Vec<String> = content.codes.0.iter().map(|(_, d)| d.display()).collect();
        assert_eq!(
            shown,
            ["**…**", "{ $n }", "[…](https://x.org)", "{ -brand }"]
        );
    }

    #[test]
    fn a_translation_takes_the_source_ids_in_its_own_order() {
        let source = parse("a = { $a } of { $b }\n");
        let target = parse("a = { $b } de { $a } { $c }\n");
        let source = content(value(&source), None);
        let target = content(value(&target), Some(&source.codes));
        let ids: Vec<&str> = target.codes.0.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(ids, ["2", "1", "x1"]);
    }

    #[test]
    fn written_back_the_pattern_formats_the_same() {
        for text in [
            "a = **{ $n }** votes for [the { -brand }](https://x.org) {\"{\"}\n",
            "a = {\"  \"}leading and [brackets] \\* star\n",
            "a =\n    one\n\n    {\".\"}two [x]\n",
        ] {
            let resource = parse(text);
            let content = content(value(&resource), None);
            let elements = elements(
                &content.inline,
                &content.codes,
                content.raw_markup,
                &mut |_| unreachable!("no selects"),
            );
            let again = content_of_owned(&elements);
            assert_eq!(again, content.inline, "{text}");
        }
    }

    fn content_of_owned(elements: &[PatternElement<String>]) -> Vec<Inline> {
        let message = Message {
            id: Identifier {
                name: "a".to_owned(),
            },
            value: Some(Pattern {
                elements: elements.to_vec(),
            }),
            attributes: Vec::new(),
            comment: None,
        };
        let text = fluent_syntax::serializer::serialize(&fluent_syntax::ast::Resource {
            body: vec![fluent_syntax::ast::Entry::Message(message)],
        });
        let resource = parse(&text);
        content(value(&resource), None).inline
    }
}
