//! A translated entry written back as Fluent, from its units' targets.
//!
//! The walk is [`units`](super::units)' in reverse: the source's structure
//! (value, attributes, selects with their selectors) is kept, each unit's
//! target fills its place, and each select gets one variant per unit key
//! (`*[other]` the default of a plural select). Codes become what the
//! *source* says they are, so an import can only move a placeable, never
//! change it.

use std::collections::HashMap;

use fluent_syntax::ast::{self, Expression, Identifier, Pattern, Variant, VariantKey};

use super::inline::{self, Codes, Inline};
use super::owned;
use super::units::{EntryTree, Walker, frame_is_blank, selects};

/// The Fluent text of the entry `key`, with its units' targets from
/// `targets` (by unit id; every unit of the entry must have one) and, from
/// `codes`, the codes each unit may use (the source's and those of the
/// current translation's own) and whether its markup is kept as text.
pub(crate) fn entry_text(
    walker: &Walker,
    key: &str,
    source: EntryTree<'_>,
    targets: &HashMap<String, Vec<Inline>>,
    codes: &HashMap<String, (Codes, bool)>,
) -> String {
    let builder = Builder {
        walker,
        targets,
        codes,
    };
    let attributes = source
        .attributes()
        .iter()
        .map(|a| ast::Attribute {
            id: Identifier {
                name: a.id.name.to_owned(),
            },
            value: builder.pattern(&format!("{key}.{}", a.id.name), &a.value),
        })
        .collect();
    let value = source.value().map(|v| builder.pattern(key, v));
    let entry = match source {
        EntryTree::Message(_) => ast::Entry::Message(ast::Message {
            id: Identifier {
                name: key.to_owned(),
            },
            value,
            attributes,
            comment: None,
        }),
        EntryTree::Term(_) => ast::Entry::Term(ast::Term {
            id: Identifier {
                name: key.trim_start_matches('-').to_owned(),
            },
            value: value.unwrap_or(Pattern {
                elements: Vec::new(),
            }),
            attributes,
            comment: None,
        }),
    };
    let text = fluent_syntax::serializer::serialize(&ast::Resource { body: vec![entry] });
    // The serializer indents blank lines too; a blank line is left empty.
    text.split_inclusive('\n')
        .map(|line| if line.trim().is_empty() { "\n" } else { line })
        .collect()
}

struct Builder<'a> {
    walker: &'a Walker,
    targets: &'a HashMap<String, Vec<Inline>>,
    codes: &'a HashMap<String, (Codes, bool)>,
}

impl Builder<'_> {
    fn pattern(&self, path: &str, source: &Pattern<&str>) -> Pattern<String> {
        let frame = inline::content(&source.elements, None);
        let source_selects = selects(source);
        let blank = frame_is_blank(&frame);
        let text = if source_selects.is_empty() || !blank {
            self.targets.get(path).cloned().unwrap_or_default()
        } else {
            frame.inline.clone()
        };
        let single = source_selects.len() == 1 && blank;
        let mut select = |n: usize| {
            // Only the source's selects are units; an import refuses to
            // rebuild a translation's own select (see `code_problems`).
            let Some(&(selector, variants)) = n.checked_sub(1).and_then(|i| source_selects.get(i))
            else {
                return Expression::Inline(ast::InlineExpression::StringLiteral {
                    value: String::new(),
                });
            };
            let base = if single {
                path.to_owned()
            } else {
                format!("{path}:{n}")
            };
            self.select(&base, selector, variants)
        };
        // The unit's codes and markup reading (the translation's own when
        // it has one), else the source's.
        let (codes, raw_markup) = self
            .codes
            .get(path)
            .map_or((&frame.codes, frame.raw_markup), |(codes, raw)| {
                (codes, *raw)
            });
        Pattern {
            elements: inline::elements(&text, codes, raw_markup, &mut select),
        }
    }

    fn select(
        &self,
        base: &str,
        selector: &ast::InlineExpression<&str>,
        variants: &[ast::Variant<&str>],
    ) -> Expression<String> {
        let shape = self.walker.shape(selector, variants);
        let default = shape.default_key();
        let variants = shape
            .keys
            .iter()
            .filter_map(|key| {
                let source = shape.variant(key)?;
                Some(Variant {
                    key: if key.parse::<f64>().is_ok() {
                        VariantKey::NumberLiteral { value: key.clone() }
                    } else {
                        VariantKey::Identifier { name: key.clone() }
                    },
                    value: self.pattern(&format!("{base}:{key}"), &source.value),
                    default: *key == default,
                })
            })
            .collect();
        Expression::Select {
            selector: owned::inline(selector),
            variants,
        }
    }
}
