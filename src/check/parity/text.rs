//! A message's or attribute's text as the parity checks read it: its
//! pieces as written, and the text its default variants show (made only
//! when a finding needs it), on one line for messages.

use fluent_syntax::ast;

use crate::check::patterns::{Pattern, Piece, pieces};

/// A message or attribute's text, as `Side` reads it.
pub(in crate::check) struct Text<'c> {
    /// Every piece of text, in every variant, as written in the file.
    pub pieces: Vec<&'c str>,
    pattern: &'c Pattern<'c>,
    default: std::cell::OnceCell<String>,
}

impl<'c> Text<'c> {
    pub(crate) fn of(pattern: &'c Pattern<'c>) -> Self {
        let mut all = Vec::new();
        pieces(pattern, &mut |piece| match piece {
            Piece::Text(text) | Piece::Literal(text) => all.push(text),
        });
        Self {
            pieces: all,
            pattern,
            default: std::cell::OnceCell::new(),
        }
    }

    /// The default variant's text, with `\u{FFFC}` for each placeable
    /// (made when first asked for: most texts are never shown).
    pub(crate) fn default(&self) -> &str {
        self.default.get_or_init(|| {
            let mut default = String::new();
            default_text(self.pattern, &mut default);
            default
        })
    }
}

/// The text a pattern shows when each select takes its default variant.
fn default_text(pattern: &Pattern<'_>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => default_expression(expression, out),
        }
    }
}

fn default_expression(expression: &ast::Expression<&str>, out: &mut String) {
    match expression {
        ast::Expression::Select { variants, .. } => {
            if let Some(variant) = variants.iter().find(|v| v.default) {
                default_text(&variant.value, out);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
            out.push_str(value)
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            default_expression(expression, out)
        }
        ast::Expression::Inline(_) => out.push('\u{FFFC}'),
    }
}

/// A text on one line, placeables as `{…}`.
pub(in crate::check) fn one_line(text: &str) -> String {
    text.replace('\u{FFFC}', "{…}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
