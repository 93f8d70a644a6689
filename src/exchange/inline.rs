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
//!
//! The types are here; [`read`] makes content from Fluent (and from the
//! Fluent text of a PO file), [`write`](mod@write) turns content back into Fluent, and
//! [`compare`] says when two readings say the same.

use fluent_syntax::ast::{Expression, InlineExpression};

mod compare;
mod read;
mod write;

pub(crate) use compare::{as_seen, by_identity, canonical, is_empty, plain, tidy};
pub(crate) use compare::{merge_text, size};
pub(crate) use read::{content, from_fluent_text};
pub(crate) use write::{elements, fluent_text, placeable_text};

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

#[cfg(test)]
mod tests {
    use fluent_syntax::ast::{Identifier, Message, Pattern, PatternElement};

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
