//! Unit content written back: as the Fluent text a PO file shows
//! ([`fluent_text`]), and as Fluent pattern elements ([`elements`]) that
//! fluent-syntax's serializer writes so that they read back the same.

use fluent_syntax::ast::{
    Expression, Identifier, InlineExpression, Message, Pattern, PatternElement,
};

use super::{CodeDef, Codes, Inline};
use crate::l10n::markup;

/// A unit's text as Fluent and markup (for PO): placeables as their Fluent
/// text, markup as written, braces as `{"{"}`, markup characters escaped.
pub(crate) fn fluent_text(inline: &[Inline], codes: &Codes, raw_markup: bool) -> String {
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

/// The Fluent text of a placeable holding `expression` (`{ $count }`).
pub(crate) fn placeable_text(expression: &Expression<String>) -> String {
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
pub(crate) fn elements(
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
