//! Messages with more placeables than Fluent formats: fluent-bundle stops
//! a message after [`MAX_PLACEABLES`] placeables (its guard against the
//! "billion laughs"), counting those of the messages and terms it
//! references, and the resolver then refuses it.
//!
//! The count is read off the syntax tree the way fluent-bundle counts while
//! formatting: each placeable of each pattern formatted is one, a message
//! or term referenced adds its own, and a select adds its largest variant
//! (which variant the data selects is not known here, so the count is the
//! most the message can need). Entries are counted in the order of the
//! reference graph's components, each after those it references, so every
//! entry is counted once, from counts already known, without recursion
//! along a chain of references.

use std::collections::HashMap;

use fluent_syntax::ast;

use crate::check::markup::location;
use crate::check::patterns::{Pattern, Patterns};
use crate::check::references::Graph;
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Problem, Problems};
use crate::document::resolve::MAX_PLACEABLES;
use crate::l10n::{Catalog, EntryKind};

/// How fluent-bundle's error for too many placeables begins, as
/// [`Catalog::format`] words it: the data's check leaves these to this one.
pub(super) const FORMAT_ERROR: &str = "too many placeables";

/// The placeables one entry formats: its value's, and each attribute's.
#[derive(Debug, Default)]
struct Counted<'c> {
    value: usize,
    attributes: HashMap<&'c str, usize>,
}

/// Messages of `catalog` that can format more than [`MAX_PLACEABLES`]
/// placeables. Entries in a cycle are left to `cyclic-reference`.
pub(super) fn check(
    catalog: &Catalog,
    entries: &[Option<Patterns<'_>>],
    graph: &Graph,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let mut counter = Counter {
        catalog,
        counted: (0..entries.len()).map(|_| None).collect(),
    };
    for &index in graph.components.iter().flatten() {
        poll()?;
        let Some(patterns) = entries[index].as_ref().filter(|_| !graph.cyclic[index]) else {
            continue;
        };
        let mut counted = Counted::default();
        for (attribute, pattern) in patterns.all() {
            let count = counter.pattern(pattern);
            match attribute {
                Some(name) => _ = counted.attributes.insert(name, count),
                None => counted.value = count,
            }
            if count > MAX_PLACEABLES && !patterns.entry.is_term {
                findings.push(too_many(catalog, patterns, attribute, count));
            }
        }
        counter.counted[index] = Some(counted);
    }
    Ok(())
}

fn too_many(
    catalog: &Catalog,
    patterns: &Patterns<'_>,
    attribute: Option<&str>,
    count: usize,
) -> Problem {
    let (tag, name) = (&catalog.language.tag, patterns.name(attribute));
    Problem::error(
        Code::TooManyPlaceables,
        format!(
            "`{name}` in `{tag}` can format {count} placeables with those of what it references; \
             Fluent stops after {MAX_PLACEABLES}"
        ),
    )
    .at_location(Some(location(catalog, patterns, attribute)))
    .about(tag, &name)
    .with_hint("split the text into several messages, or reference fewer messages and terms")
}

/// Counts placeables from the counts of the entries already counted.
struct Counter<'c> {
    catalog: &'c Catalog,
    /// Each entry's counts, by index, once counted.
    counted: Vec<Option<Counted<'c>>>,
}

impl Counter<'_> {
    fn pattern(&self, pattern: &Pattern<'_>) -> usize {
        (pattern.elements.iter())
            .map(|element| match element {
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression).saturating_add(1)
                }
                ast::PatternElement::TextElement { .. } => 0,
            })
            .fold(0, usize::saturating_add)
    }

    fn expression(&self, expression: &ast::Expression<&str>) -> usize {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                let largest = variants.iter().map(|v| self.pattern(&v.value)).max();
                self.inline(selector).saturating_add(largest.unwrap_or(0))
            }
        }
    }

    fn inline(&self, inline: &ast::InlineExpression<&str>) -> usize {
        match inline {
            ast::InlineExpression::MessageReference { id, attribute } => {
                self.referenced(id.name, attribute.as_ref().map(|a| a.name))
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let key = EntryKind::Term.key(id.name);
                let own = self.referenced(&key, attribute.as_ref().map(|a| a.name));
                own.saturating_add(arguments.as_ref().map_or(0, |a| self.arguments(a)))
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => self.arguments(arguments),
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            _ => 0,
        }
    }

    fn arguments(&self, arguments: &ast::CallArguments<&str>) -> usize {
        let positional = arguments.positional.iter().map(|a| self.inline(a));
        let named = arguments.named.iter().map(|a| self.inline(&a.value));
        positional.chain(named).fold(0, usize::saturating_add)
    }

    /// The count of the entry `key` (its value, or an attribute), if it
    /// was counted: an unknown entry, or one in a cycle, counts nothing
    /// (both are errors of their own).
    fn referenced(&self, key: &str, attribute: Option<&str>) -> usize {
        let Some(counted) =
            (self.catalog.entries.get_index_of(key)).and_then(|index| self.counted[index].as_ref())
        else {
            return 0;
        };
        match attribute {
            Some(name) => counted.attributes.get(name).copied().unwrap_or(0),
            None => counted.value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::patterns;
    use crate::l10n::catalog::tests::catalog_of;

    fn too_many(text: &str) -> Vec<String> {
        let (catalog, _) = catalog_of("en", text);
        let trees = patterns::trees(&catalog).unwrap_or_default();
        let entries = patterns::index(&catalog, &trees);
        let graph = Graph::of(&catalog);
        let mut findings = Problems::default();
        assert_eq!(check(&catalog, &entries, &graph, &mut findings), Ok(()));
        findings.iter().filter_map(|f| f.id.clone()).collect()
    }

    /// The limit is fluent-bundle's: a message of exactly MAX_PLACEABLES
    /// placeables formats, one more does not, and its error is the one
    /// the data's check leaves to this check.
    #[test]
    fn the_limit_is_the_one_fluent_applies() {
        let placeables = |n: usize| format!("m = {}\n", "{ \"x\" }".repeat(n));
        let (fits, _) = catalog_of("en", &placeables(MAX_PLACEABLES));
        assert!(fits.format("m", None, None).errors.is_empty());
        let (over, _) = catalog_of("en", &placeables(MAX_PLACEABLES + 1));
        let errors = over.format("m", None, None).errors;
        assert!(errors[0].message.starts_with(FORMAT_ERROR), "{errors:?}");
        assert!(too_many(&placeables(MAX_PLACEABLES)).is_empty());
        assert_eq!(too_many(&placeables(MAX_PLACEABLES + 1)), ["m"]);
    }

    #[test]
    fn references_selects_and_attributes_add_up() {
        let fifty = "{ $a }".repeat(50);
        let text = format!(
            "half = {fifty}\n    .more = {fifty}{fifty}{{ $x }}\n\
             whole = {{ half }}{{ half }}\n\
             over = {{ half }}{{ half.more }}\n\
             -term = {fifty}\nselect = {{ $n ->\n    [one] {{ -term }}{{ -term }}\n   *[other] x\n}}\n\
             chain-0 = {{ chain-1 }}\nchain-1 = {{ whole }}\n"
        );
        // `half.more` has 101 placeables; `whole` 2 + 100; `over` 2 + 50 + 101;
        // `select` 1 + 2 + 100; `chain-1` 1 + 102 and `chain-0` 1 + 103.
        assert_eq!(
            too_many(&text),
            ["half.more", "whole", "over", "select", "chain-1", "chain-0"]
        );
    }

    #[test]
    fn a_chain_of_twenty_thousand_references_is_counted_once_per_entry() {
        let n = 20_000;
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!("m{i} = {{ m{} }}\n", i + 1));
        }
        text.push_str(&format!("m{n} = end\n"));
        assert_eq!(too_many(&text).len(), n - MAX_PLACEABLES);
        // Fluent agrees where the chain becomes too long.
        let (catalog, _) = catalog_of("en", &text);
        let first_too_long = format!("m{}", n - MAX_PLACEABLES - 1);
        let errors = catalog.format(&first_too_long, None, None).errors;
        assert!(errors[0].message.starts_with(FORMAT_ERROR), "{errors:?}");
        let last_that_fits = format!("m{}", n - MAX_PLACEABLES);
        assert!(
            catalog
                .format(&last_that_fits, None, None)
                .errors
                .is_empty()
        );
    }
}
