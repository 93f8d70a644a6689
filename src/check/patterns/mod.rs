//! The Fluent syntax tree of every entry a catalog admitted, with the byte
//! offset in its file of any text it holds.
//!
//! The checks that look inside a message's text (its markup, its
//! characters, how many placeables it formats) need that text where the
//! translator wrote it, to point at it; the catalog's bundle gives out no
//! positions, so the catalog also keeps a syntax tree of each file (parsed
//! on the loading threads), and each entry is paired with the catalog's by
//! its place in the file, so that a second definition the catalog refused
//! is not checked as if it counted.

use std::sync::Arc;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use crate::diagnostic::{Location, Source};
use crate::l10n::{Catalog, Entry, EntryKind};
use crate::platform::interrupt::{Interrupted, poll};

/// One file of a catalog, as the catalog parsed it.
pub(super) type Tree<'c> = &'c FluentResource;

/// A pattern of the syntax tree.
pub(super) type Pattern<'c> = ast::Pattern<&'c str>;

/// Every file's syntax tree, as the catalog parsed it (broken entries are left out, as the
/// catalog left them out).
pub(super) fn trees(catalog: &Catalog) -> Result<Vec<Tree<'_>>, Interrupted> {
    poll()?;
    Ok((0..catalog.files.len())
        .filter_map(|file| catalog.tree(file))
        .collect())
}

/// An admitted entry's patterns, beside the catalog's entry.
pub(super) struct Patterns<'c> {
    /// The entry's key (`-id` for terms).
    pub key: &'c str,
    /// The catalog's entry.
    pub entry: &'c Entry,
    /// The file that defines it.
    pub source: &'c Arc<Source>,
    /// The text the tree was parsed from: the file's, or the same with
    /// entries too deep to parse blanked out (same offsets); the tree's
    /// slices point into it.
    pub parsed: &'c str,
    /// Its value, if it has one.
    pub value: Option<&'c Pattern<'c>>,
    /// Its attributes, by name, in order.
    pub attributes: Vec<(&'c str, &'c Pattern<'c>)>,
}

impl<'c> Patterns<'c> {
    /// The value (named `None`) and every attribute (named by it).
    pub(super) fn all(&self) -> impl Iterator<Item = (Option<&'c str>, &'c Pattern<'c>)> + '_ {
        let value = self.value.map(|pattern| (None, pattern));
        value.into_iter().chain(
            self.attributes
                .iter()
                .map(|&(name, pattern)| (Some(name), pattern)),
        )
    }

    /// `key` or `key.attribute`, as findings name what they are about.
    pub(super) fn name(&self, attribute: Option<&str>) -> String {
        match attribute {
            Some(attribute) => format!("{}.{attribute}", self.key),
            None => self.key.to_owned(),
        }
    }

    /// The value (`None`) or the named attribute's pattern.
    pub(super) fn pattern(&self, attribute: Option<&str>) -> Option<&'c Pattern<'c>> {
        match attribute {
            None => self.value,
            Some(name) => (self.attributes.iter())
                .find(|(n, _)| *n == name)
                .map(|(_, p)| *p),
        }
    }

    /// The location of `part`, a slice of the entry's file, else the entry's.
    pub(super) fn locate(&self, part: &str) -> Location {
        match offset_in(self.parsed, part) {
            Some(offset) => Location::new(self.source, offset..offset + part.len()),
            None => self.entry.location.clone(),
        }
    }
}

/// The patterns of every admitted entry, by the entry's index in
/// [`Catalog::entries`] (`None` for an entry not found in the trees).
pub(super) fn index<'c>(catalog: &'c Catalog, trees: &'c [Tree<'c>]) -> Vec<Option<Patterns<'c>>> {
    let mut found: Vec<Option<Patterns<'c>>> = (0..catalog.entries.len()).map(|_| None).collect();
    for (file, tree) in trees.iter().enumerate() {
        let source = &catalog.files[file];
        let parsed = catalog.parsed_text(file);
        for entry in tree.entries() {
            let (kind, id, value, attributes) = match entry {
                ast::Entry::Message(m) => {
                    (EntryKind::Message, &m.id, m.value.as_ref(), &m.attributes)
                }
                ast::Entry::Term(t) => (EntryKind::Term, &t.id, Some(&t.value), &t.attributes),
                _ => continue,
            };
            let Some((index, key, admitted)) = catalog.entries.get_full(&kind.key(id.name)) else {
                continue;
            };
            // A term's location starts at its `-`, before the id.
            let start = offset_in(parsed, id.name)
                .map(|offset| offset - usize::from(kind == EntryKind::Term));
            if admitted.file != file || start != Some(admitted.location.span.start) {
                continue;
            }
            found[index] = Some(Patterns {
                key,
                entry: admitted,
                source,
                parsed,
                value,
                attributes: attributes.iter().map(|a| (a.id.name, &a.value)).collect(),
            });
        }
    }
    found
}

/// The byte offset of `part` in `text`, when `part` is a slice of it.
pub(super) fn offset_in(text: &str, part: &str) -> Option<usize> {
    let offset = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (offset + part.len() <= text.len()).then_some(offset)
}

/// A piece of text a pattern can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece<'c> {
    /// Text as written (a slice of the file).
    Text(&'c str),
    /// A string literal shown as a placeable, `{ "…" }`, as written, with
    /// its escapes (a slice of the file, without the quotes).
    Literal(&'c str),
}

/// Calls `visit` with every piece of text `pattern` can show, in every
/// variant of its selects. Function options and term arguments are not
/// shown, so their literals are not pieces.
pub(super) fn pieces<'c>(pattern: &'c Pattern<'c>, visit: &mut impl FnMut(Piece<'c>)) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => visit(Piece::Text(value)),
            ast::PatternElement::Placeable { expression } => expression_pieces(expression, visit),
        }
    }
}

fn expression_pieces<'c>(
    expression: &'c ast::Expression<&'c str>,
    visit: &mut impl FnMut(Piece<'c>),
) {
    match expression {
        ast::Expression::Select { variants, .. } => {
            for variant in variants {
                pieces(&variant.value, visit);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
            visit(Piece::Literal(value));
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            expression_pieces(expression, visit);
        }
        ast::Expression::Inline(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn admitted_entries_are_paired_with_their_patterns() {
        let text = "a = A { \"lit\" }\n    .t = { $n ->\n        [one] one\n       *[other] other\n    }\n-b = B\na = second\n";
        let (catalog, _) = catalog_of("en", text);
        let trees = trees(&catalog).unwrap_or_default();
        let found = index(&catalog, &trees);
        let a = found[0].as_ref().expect("a is paired");
        assert_eq!(a.key, "a");
        let mut shown = Vec::new();
        for (_, pattern) in a.all() {
            pieces(pattern, &mut |piece| shown.push(piece));
        }
        assert_eq!(
            shown,
            [
                Piece::Text("A "),
                Piece::Literal("lit"),
                Piece::Text("one"),
                Piece::Text("other")
            ]
        );
        let Piece::Literal(literal) = shown[1] else {
            panic!("a literal")
        };
        assert_eq!(a.locate(literal).display(), "a.ftl:1:10");
        // The second `a` was refused; the term is found by its `-`.
        assert_eq!(found[1].as_ref().map(|b| b.key), Some("-b"));
        assert_eq!(found.len(), 2);
    }
}
