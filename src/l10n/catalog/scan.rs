//! [`Scan`]: what an entry's patterns use (variables, message and term
//! references, functions, plural selects) and how many words they hold.
//!
//! `report check` compares these between a translation and its source, and
//! the resolver needs to know which variables a message wants before it
//! formats it; reading them once, while loading, serves both.

use std::borrow::Cow;
use std::collections::BTreeSet;

use fluent_syntax::ast;

use super::entry::PluralSelect;
use crate::l10n::intl::is_numeric_selector;

/// The CLDR plural category names, in CLDR order.
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// What an entry's patterns name: variables, messages, terms, plural selects.
#[derive(Debug, Clone, Default)]
pub(super) struct Scan {
    /// Variables named.
    pub variables: BTreeSet<String>,
    /// Messages referenced.
    pub messages: BTreeSet<String>,
    /// Terms referenced, without the leading `-`.
    pub terms: BTreeSet<String>,
    /// Functions called.
    pub functions: BTreeSet<String>,
    /// Each plural select (numeric selector, CLDR keys only).
    pub plural_selects: Vec<PluralSelect>,
    /// Words of text, every variant counted.
    pub words: usize,
}

impl Scan {
    /// Adds what `pattern` uses.
    pub(super) fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::Placeable { expression } => self.expression(expression),
                ast::PatternElement::TextElement { value } => self.words += count_words(value),
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                if is_numeric_selector(selector)
                    && let Some(keys) = plural_keys(variants)
                {
                    self.plural_selects.push(PluralSelect {
                        keys,
                        ordinal: is_ordinal_selector(selector),
                    });
                }
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::MessageReference { id, .. } => {
                self.messages.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                self.functions.insert(id.name.to_owned());
                self.arguments(arguments);
            }
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                self.terms.insert(id.name.to_owned());
                // A term's arguments are evaluated in the caller's scope.
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            _ => {}
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for argument in &arguments.positional {
            self.inline(argument);
        }
        for argument in &arguments.named {
            self.inline(&argument.value);
        }
    }
}

/// The category keys of a select whose keys are all CLDR plural category
/// names or numbers (at least one category).
fn plural_keys(variants: &[ast::Variant<&str>]) -> Option<BTreeSet<String>> {
    // Numeric keys (`[0]`) match exact values; the categories are still needed.
    let keys: BTreeSet<String> = variants
        .iter()
        .filter(|v| !matches!(v.key, ast::VariantKey::NumberLiteral { .. }))
        .map(|v| match v.key {
            ast::VariantKey::Identifier { name } if PLURAL_CATEGORIES.contains(&name) => {
                Some(name.to_owned())
            }
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!keys.is_empty()).then_some(keys)
}

/// Whether a selector asks for ordinal plural categories:
/// `NUMBER($n, type: "ordinal")`.
pub(crate) fn is_ordinal_selector(selector: &ast::InlineExpression<&str>) -> bool {
    matches!(selector, ast::InlineExpression::FunctionReference { id, arguments }
        if id.name == "NUMBER" && arguments.named.iter().any(|n| n.name.name == "type"
            && matches!(n.value, ast::InlineExpression::StringLiteral { value } if value == "ordinal")))
}

/// Text without what markup keeps out of a translator's words: citations
/// (`[@key, p. 3]`) and link targets (`](https://…)`), as an exchange file
/// holds them in codes.
fn without_markup_codes(text: &str) -> Cow<'_, str> {
    if !text.contains("[@") && !text.contains("](") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['[', ']']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let closing = if tail.starts_with("[@") {
            tail.find(']').map(|end| end + 1)
        } else if tail.starts_with("](") {
            out.push(']');
            tail.find(')').map(|end| end + 1)
        } else {
            None
        };
        match closing {
            Some(len) => rest = &tail[len..],
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Text without list markers (`- `, `1. `) at the start of its lines: an
/// exchange file holds them in codes, and they are no words.
fn without_list_markers(text: &str) -> Cow<'_, str> {
    // The line without its marker, if it starts with one.
    let item = |line: &'_ str| -> Option<usize> {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if body.starts_with("- ") {
            Some(indent + 2)
        } else if (1..=3).contains(&digits) && body[digits..].starts_with(". ") {
            Some(indent + digits + 2)
        } else {
            None
        }
    };
    // Counting runs for every text of every catalog: no copy unless a
    // line has a marker.
    if text.split_inclusive('\n').all(|line| item(line).is_none()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split_inclusive('\n')
            .map(|line| item(line).map_or(line, |start| &line[start..]))
            .collect(),
    )
}

/// Words of text, as translators' tools count them (see inside).
pub(crate) fn count_words(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation as _;
    // Words as translators' tools count them: translate-toolkit's pocount
    // first turns a full stop between two non-digits into a space
    // (`\D\.\D`), then counts Unicode (UAX #29) words, so `Putin’s` is one
    // word and `3.5` is one.
    let without_codes = without_markup_codes(text);
    let without_markers = without_list_markers(&without_codes);
    if !without_markers.contains('.') {
        return without_markers.unicode_words().count();
    }
    let chars: Vec<char> = without_markers.chars().collect();
    let mut cleaned = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let joined = at + 2 < chars.len()
            && chars[at + 1] == '.'
            && !chars[at].is_numeric()
            && !chars[at + 2].is_numeric();
        if joined {
            cleaned.push(' ');
            at += 3;
        } else {
            cleaned.push(chars[at]);
            at += 1;
        }
    }
    cleaned.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn variables_include_referenced_messages() {
        let (catalog, _) = catalog_of(
            "en",
            "a = { b } and { $x }\nb = { $y ->\n [one] one\n *[other] { NUMBER($z) }\n}\n-t = T\n",
        );
        let a = catalog.message("a").expect("a exists");
        assert_eq!(a.variables.iter().collect::<Vec<_>>(), ["x", "y", "z"]);
        assert!(catalog.message("-t").is_none());
        assert!(catalog.entries["-t"].is_term);
    }

    #[test]
    fn words_count_text_in_every_variant_but_not_placeables() {
        let (catalog, _) = catalog_of(
            "es",
            "a = Hay { $n } votos el { DATETIME($d) }.\n\
             b = { $low }–{ $high }\n\
             c = Cuba, Putin’s preferred ally\n    .title = Two words\n\
             d = { $n ->\n    [one] un voto\n   *[other] { $n } votos\n}\n\
             e = 3.5 million, e.g. 25MB\n",
        );
        let words = |id: &str| catalog.entries[id].words;
        assert_eq!(words("a"), 3);
        assert_eq!(words("b"), 0);
        // As pocount counts: `Putin’s` is one word (UAX #29).
        assert_eq!(words("c"), 6);
        assert_eq!(words("d"), 3);
        // `3.5` is one word; pocount turns `e.g` into a space first (so
        // "e.g." counts nothing, as it does there).
        assert_eq!(words("e"), 3);
    }

    #[test]
    fn references_and_plural_selects_are_collected() {
        let (catalog, _) = catalog_of(
            "en",
            "a = { -brand(case: \"gen\") } { b } { $c }\n    .t = { NUMBER($n) ->\n        [one] one\n       *[other] other\n    }\nb = B\n-brand = Acme\n",
        );
        let a = &catalog.entries["a"];
        assert_eq!(a.term_refs.iter().collect::<Vec<_>>(), ["brand"]);
        assert_eq!(a.message_refs.iter().collect::<Vec<_>>(), ["b"]);
        assert_eq!(a.own_variables.iter().collect::<Vec<_>>(), ["c", "n"]);
        assert_eq!(a.variables.iter().collect::<Vec<_>>(), ["c"]);
        assert_eq!(a.plural_selects.len(), 1);
        assert_eq!(
            a.plural_selects[0].keys.iter().collect::<Vec<_>>(),
            ["one", "other"]
        );
    }
}
