//! Markup the resolver would refuse (a `javascript:` link, …), found in the
//! text of every message, attribute and variant, in every language, with
//! the parser the resolver uses ([`crate::l10n::markup::parse`]).
//!
//! The resolver sees a message formatted; here it is read as written, so
//! that a variant no data selects, or a message nothing uses yet, is
//! checked too. Each pattern is read as the text it shows: string literals
//! as their text, a select as its variants (each read on its own), and any
//! other placeable, whose value only formatting knows, as [`PLACEHOLDER`].
//! What formatting builds from several placeables is checked on the
//! formatted text, by `formatted` and `data`.

use fluent_syntax::ast;
use fluent_syntax::unicode::unescape_unicode_to_string;

use crate::check::finding::locate_in_entry;
use crate::check::patterns::{Pattern, Patterns};
use crate::check::{Interrupted, MarkupFound, poll};
use crate::diagnostic::{Code, Location, Problem, Problems};
use crate::l10n::Catalog;
use crate::l10n::markup::{self, MarkupError};

/// Stands for a placeable's value. It is an allowed link target, so that
/// `[text]({ $url })` passes (the resolver judges the real URL), and it
/// holds no markup.
const PLACEHOLDER: &str = "https://example.org/";

/// Every admitted entry's text, in one language. Each message (or
/// attribute) reported is added to `found`. In the source language
/// (`is_source`) a marker nothing closes is an error too: the editions
/// print it as a character, and every translation would be compared with
/// a mistake.
pub(super) fn check(
    catalog: &Catalog,
    entries: &[Option<Patterns<'_>>],
    is_source: bool,
    found: &mut MarkupFound,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let tag = &catalog.language.tag;
    each_shown(entries, |patterns, attribute, texts| {
        let open = (texts.iter())
            .filter(|_| is_source)
            .filter(|text| text.contains(['*', '[']))
            .find_map(|text| markup::unclosed(text).into_iter().next());
        if let Some(open) = open {
            let name = patterns.name(attribute);
            findings.push(unclosed(catalog, patterns, &name, &open));
            found.insert((tag.clone(), name));
            return;
        }
        // Only `*` and `[` open markup, and lists need more than one line;
        // only markup and lists can be refused.
        let may_fail = |text: &String| text.contains(['*', '[', '\n']);
        let Some(error) = (texts.iter())
            .filter(|text| may_fail(text))
            .find_map(|text| markup::parse(text).err())
        else {
            return;
        };
        let name = patterns.name(attribute);
        let at = location(catalog, patterns, attribute);
        findings.push(refused(tag, &name, &error, at));
        found.insert((tag.clone(), name));
    })
}

/// Calls `each` with every message's and attribute's texts as shown (see
/// [`shown_texts`]), polling for an interrupt between entries.
pub(super) fn each_shown<'p>(
    entries: &'p [Option<Patterns<'p>>],
    mut each: impl FnMut(&'p Patterns<'p>, Option<&'p str>, &[String]),
) -> Result<(), Interrupted> {
    for patterns in entries.iter().flatten() {
        poll()?;
        for (attribute, pattern) in patterns.all() {
            let mut texts = Vec::new();
            shown_texts(pattern, &mut texts);
            each(patterns, attribute, &texts);
        }
    }
    Ok(())
}

/// Where a finding about a message's value (at its id) or attribute (at
/// `.attribute`) points.
pub(super) fn location(
    catalog: &Catalog,
    patterns: &Patterns<'_>,
    attribute: Option<&str>,
) -> Location {
    match attribute {
        Some(attribute) => locate_in_entry(catalog, patterns.entry, &format!(".{attribute}")),
        None => patterns.entry.location.clone(),
    }
}

/// The finding for a marker nothing closes in the source message `name`,
/// at the marker when the entry's text has the quotation.
fn unclosed(
    catalog: &Catalog,
    patterns: &Patterns<'_>,
    name: &str,
    open: &markup::Unclosed,
) -> Problem {
    let tag = &catalog.language.tag;
    let what = match open.marker {
        "**" => "strong text",
        "*" => "emphasis",
        "^[" => "a note",
        _ => "a link",
    };
    let closing = match open.marker {
        "**" => "**",
        "*" => "*",
        _ => "]",
    };
    Problem::error(
        Code::Markup,
        format!(
            "message `{name}` ({tag}): `{}` opens {what} that nothing closes; the editions would print `{}`",
            open.text, open.marker
        ),
    )
    .at_location(Some(locate_in_entry(catalog, patterns.entry, &open.text)))
    .about(tag, name)
    .with_hint(format!(
        "close it with `{closing}` where it ends, or write `\\{}` for the character itself",
        open.marker
    ))
}

/// The finding for refused markup in `name`, in the resolver's words.
pub(super) fn refused(tag: &str, name: &str, error: &MarkupError, at: Location) -> Problem {
    Problem::error(
        Code::Markup,
        format!("message `{name}` ({tag}): {}", error.message),
    )
    .at_location(Some(at))
    .about(tag, name)
    .with_hint(error.hint)
}

/// The texts a pattern shows: its own (with each select as a placeholder),
/// then each variant's, depth first.
pub(super) fn shown_texts(pattern: &Pattern<'_>, texts: &mut Vec<String>) {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                shown_value(expression, &mut text, texts);
            }
        }
    }
    texts.push(text);
}

/// Adds what a placeable shows to `text`; a select's variants go to `texts`.
fn shown_value(expression: &ast::Expression<&str>, text: &mut String, texts: &mut Vec<String>) {
    match expression {
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
            text.push_str(&unescape_unicode_to_string(value));
        }
        ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
            text.push_str(value);
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            shown_value(expression, text, texts);
        }
        ast::Expression::Select { variants, .. } => {
            text.push_str(PLACEHOLDER);
            for variant in variants {
                shown_texts(&variant.value, texts);
            }
        }
        ast::Expression::Inline(_) => text.push_str(PLACEHOLDER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::patterns;
    use crate::l10n::catalog::tests::catalog_of;

    fn refused_in(text: &str) -> Vec<(String, String)> {
        let (catalog, _) = catalog_of("es", text);
        let trees = patterns::trees(&catalog).unwrap_or_default();
        let entries = patterns::index(&catalog, &trees);
        let (mut found, mut findings) = (MarkupFound::new(), Problems::default());
        assert_eq!(
            check(&catalog, &entries, false, &mut found, &mut findings),
            Ok(())
        );
        findings
            .iter()
            .map(|f| {
                let at = f.location.as_ref().map(Location::display);
                (f.id.clone().unwrap_or_default(), at.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn unsafe_links_are_found_in_values_attributes_and_variants() {
        let text = "a = [x](javascript:alert(1))\n\
                    b = ok\n    .title = [y]({ \"data:\" }text)\n\
                    c = { $n ->\n    [one] [z](file:///etc/passwd)\n   *[other] fine\n}\n";
        assert_eq!(
            refused_in(text),
            [
                ("a".to_owned(), "a.ftl:1:1".to_owned()),
                ("b.title".to_owned(), "a.ftl:3:5".to_owned()),
                ("c".to_owned(), "a.ftl:4:1".to_owned()),
            ]
        );
    }

    #[test]
    fn placeables_are_not_judged_before_formatting() {
        let text = "a = [site]({ $url }) and **{ $name }** [mail](mailto:{ $who })\n\
                    b = { -brand } [x](https://x.org/{ $path })\n-brand = B\n";
        assert_eq!(refused_in(text), []);
    }
}
