//! Giving the bundle CLDR plural selects: the entries that need
//! [`intl::use_cldr_plurals`] are rewritten and handed to fluent-bundle as
//! text again.
//!
//! fluent-bundle only takes text, so each rewritten entry is serialized and
//! parsed again. fluent-syntax's serializer writes some patterns it cannot
//! read back (a multi-line value whose first line starts with `*`, `[` or
//! `.`, a lone CR), so those characters are first turned into string
//! literals, and an entry that still does not come back whole is left out:
//! the bundle then keeps the original, whose selects use fluent-rs's own
//! plural rules. Rewriting only these entries keeps every other entry
//! exactly as parsed.

use std::collections::BTreeSet;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::EntryKind;
use crate::l10n::intl;

/// The entries named in `keys` (first definitions, each accepted into the
/// catalog) with their plural selects rewritten by
/// [`intl::use_cldr_plurals`], one resource each.
pub(super) fn with_cldr_plurals(
    resource: &FluentResource,
    keys: &BTreeSet<String>,
) -> Vec<FluentResource> {
    let mut done = BTreeSet::new();
    let mut resources = Vec::new();
    for entry in resource.entries() {
        let Some(shape) = EntryShape::of(entry) else {
            continue;
        };
        if !keys.contains(&shape.key) || !done.insert(shape.key.clone()) {
            continue;
        }
        if let Some(rewritten) = rewrite(entry, &shape) {
            resources.push(rewritten);
        }
    }
    resources
}

/// One entry with CLDR plural selects, if it survives the round trip whole.
fn rewrite(entry: &ast::Entry<&str>, shape: &EntryShape) -> Option<FluentResource> {
    let mut single = ast::Resource {
        body: vec![entry.clone()],
    };
    intl::use_cldr_plurals(&mut single);
    for entry in &mut single.body {
        escape_for_serializer(entry);
    }
    let serialized = fluent_syntax::serializer::serialize(&single);
    let resource = FluentResource::try_new(serialized).ok()?;
    let whole = {
        let mut back = resource.entries().filter_map(EntryShape::of);
        back.next().as_ref() == Some(shape) && back.next().is_none()
    };
    whole.then_some(resource)
}

/// What must survive a serialize-then-parse round trip of an entry.
#[derive(Debug, PartialEq)]
struct EntryShape {
    key: String,
    has_value: bool,
    attributes: Vec<String>,
}

impl EntryShape {
    fn of(entry: &ast::Entry<&str>) -> Option<Self> {
        let names = |attributes: &[ast::Attribute<&str>]| {
            attributes.iter().map(|a| a.id.name.to_owned()).collect()
        };
        match entry {
            ast::Entry::Message(m) => Some(Self {
                key: EntryKind::Message.key(m.id.name),
                has_value: m.value.is_some(),
                attributes: names(&m.attributes),
            }),
            ast::Entry::Term(t) => Some(Self {
                key: EntryKind::Term.key(t.id.name),
                has_value: true,
                attributes: names(&t.attributes),
            }),
            _ => None,
        }
    }
}

/// Rewrites text that fluent-syntax's serializer would write in a form its
/// parser reads differently: a `*`, `[` or `.` first on a line (which the
/// serializer may put on an indented line of its own, where those characters
/// start a variant or an attribute) and carriage returns. Each becomes a
/// string literal placeable, which formats to the same text.
fn escape_for_serializer(entry: &mut ast::Entry<&str>) {
    intl::patterns_mut(entry)
        .into_iter()
        .for_each(escape_pattern);
}

fn escape_pattern(pattern: &mut ast::Pattern<&str>) {
    let mut elements = Vec::with_capacity(pattern.elements.len());
    let mut line_start = true;
    for element in pattern.elements.drain(..) {
        match element {
            ast::PatternElement::TextElement { value } => {
                escape_text(value, line_start, &mut elements);
                line_start = value.ends_with('\n');
            }
            ast::PatternElement::Placeable { mut expression } => {
                escape_expression(&mut expression);
                elements.push(ast::PatternElement::Placeable { expression });
                line_start = false;
            }
        }
    }
    pattern.elements = elements;
}

fn escape_expression(expression: &mut ast::Expression<&str>) {
    match expression {
        ast::Expression::Select { variants, .. } => {
            for variant in variants {
                escape_pattern(&mut variant.value);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            escape_expression(expression)
        }
        ast::Expression::Inline(_) => {}
    }
}

/// The string literal that stands for `c` where the serializer would
/// misplace it (`line_start`: nothing but spaces before it on its line).
fn escaped(c: char, line_start: bool) -> Option<&'static str> {
    match c {
        '\r' => Some("\\u000D"),
        '*' if line_start => Some("*"),
        '[' if line_start => Some("["),
        '.' if line_start => Some("."),
        _ => None,
    }
}

/// Pushes `value` as text elements, with each character [`escaped`] names
/// turned into a string literal placeable.
fn escape_text<'s>(
    value: &'s str,
    mut line_start: bool,
    out: &mut Vec<ast::PatternElement<&'s str>>,
) {
    let literal = |value: &'static str| ast::PatternElement::Placeable {
        expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
    };
    let mut rest = value;
    let mut plain = 0;
    while plain < rest.len() {
        let c = rest[plain..].chars().next().unwrap_or(' ');
        if let Some(escaped) = escaped(c, line_start) {
            if plain > 0 {
                out.push(ast::PatternElement::TextElement {
                    value: &rest[..plain],
                });
            }
            out.push(literal(escaped));
            rest = &rest[plain + c.len_utf8()..];
            plain = 0;
            line_start = false;
        } else {
            line_start = c == '\n' || (line_start && c == ' ');
            plain += c.len_utf8();
        }
    }
    if !rest.is_empty() {
        out.push(ast::PatternElement::TextElement { value: rest });
    }
}

#[cfg(test)]
mod tests {
    use fluent_bundle::FluentArgs;

    use crate::l10n::Catalog;
    use crate::l10n::catalog::tests::{catalog, catalog_of};

    const VOTES: &str = "votes = { $n ->\n    [one] un voto\n    [many] { $n } de votos\n   *[other] { $n } votos\n}\n";

    fn votes(catalog: &Catalog, n: f64) -> String {
        let mut args = FluentArgs::new();
        args.set("n", n);
        catalog.format("votes", None, Some(&args)).text
    }

    /// Entries next to a plural select survive the CLDR rewrite of that select,
    /// even those fluent-syntax's serializer cannot write back
    /// (fuzz/regressions/fluent/).
    #[test]
    fn cldr_plural_rewrite_keeps_its_neighbours() {
        let text = format!(
            "greeting = **Hola**, todos:\n    Hola, **mundo**.\n\
             link = [x](https://e.org) c\n    d\n\
             a = x\n    .t = [y](https://e.org)\n        z\n\
             cr = \r \n{VOTES}"
        );
        let (catalog, problems) = catalog("es", &[("a.ftl", &text)]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            catalog.format("greeting", None, None).text,
            "**Hola**, todos:\nHola, **mundo**."
        );
        assert_eq!(
            catalog.format("link", None, None).text,
            "[x](https://e.org) c\nd"
        );
        assert_eq!(
            catalog.format("a", Some("t"), None).text,
            "[y](https://e.org)\nz"
        );
        let (alone, _) = catalog_of("es", "cr = \r \n");
        assert_eq!(
            catalog.format("cr", None, None),
            alone.format("cr", None, None)
        );
        // CLDR puts Spanish 1000000 in "many"; fluent-rs's own rules do not.
        assert_eq!(votes(&catalog, 1_000_000.0), "1.000.000 de votos");
        assert_eq!(votes(&catalog, 1.0), "un voto");
    }

    /// A plural select in an entry whose lines start with characters the
    /// serializer would misplace still gets the CLDR categories.
    #[test]
    fn cldr_plural_rewrite_of_awkward_entries() {
        let text = VOTES.replace("votes = {", "votes = *{")
            + "link = x\n    .t = [a]{ $n ->\n        [many] muchos\n       *[other] otros\n    }\n";
        let (catalog, problems) = catalog("es", &[("a.ftl", &text)]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(votes(&catalog, 1_000_000.0), "*1.000.000 de votos");
        assert_eq!(votes(&catalog, 2.0), "*2 votos");
        let mut args = FluentArgs::new();
        args.set("n", 1_000_000);
        assert_eq!(
            catalog.format("link", Some("t"), Some(&args)).text,
            "[a]muchos"
        );
    }
}
