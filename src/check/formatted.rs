//! Messages formatted the way the resolver formats them: every message
//! that needs no arguments, its value and each attribute.
//!
//! Some things only show once a message is formatted: markup built from
//! several pieces (a link whose target comes from a term, say), which the
//! resolver would refuse; an attribute that uses a variable nobody gives,
//! a reference to an attribute that does not exist, which the resolver
//! would report as errors; and a value that comes out empty, which would
//! leave a silent gap in an edition.

use std::collections::HashSet;

use fluent_syntax::ast;

use crate::check::finding::locate_in_entry;
use crate::check::markup::refused;
use crate::check::patterns::Patterns;
use crate::check::{Interrupted, MarkupFound, Scope, poll};
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::markup::MarkupError;
use crate::l10n::{Catalog, Entry, FormatError, Formatted, markup};

/// What one language's formatting is checked against.
pub(super) struct Known<'a> {
    /// Messages whose own markup was already reported.
    pub markup: &'a MarkupFound,
    /// The admitted entries' patterns, by index: a part that is all text
    /// formats to what `markup` already read.
    pub patterns: &'a [Option<Patterns<'a>>],
    /// The ids (`id`, `id.attribute`) this language already has errors
    /// about: formatting them would only fail again.
    pub errors: &'a HashSet<String>,
}

/// Every message of `catalog` without arguments, formatted: what the
/// resolver would refuse and, with [`Scope::All`], whether its value is
/// empty.
pub(super) fn check(
    catalog: &Catalog,
    scope: Scope,
    known: &Known<'_>,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let messages = (catalog.entries.values().enumerate()).filter(|(_, e)| !e.is_term);
    for (index, entry) in messages {
        poll()?;
        // What the resolver formats without arguments (see its `messages`).
        let value = (entry.has_value && entry.variables.is_empty()).then_some(None);
        let attributes = (entry.attributes.iter())
            .filter(|a| !entry.attributes_needing_arguments.contains(*a))
            .map(|a| Some(a.as_str()));
        for attribute in value.into_iter().chain(attributes) {
            let all_text = (known.patterns.get(index).and_then(Option::as_ref))
                .and_then(|p| p.all().find(|(name, _)| *name == attribute))
                .is_some_and(|(_, pattern)| pattern.elements.iter().all(is_text));
            let part = Part {
                catalog,
                entry,
                attribute,
                all_text,
            };
            // An error found already would only fail again (and a message
            // with too many placeables is slow to fail).
            if known.errors.contains(&entry.id) || known.errors.contains(&part.name()) {
                continue;
            }
            let formatted = catalog.format(&entry.id, attribute, None);
            findings.extend(part.refusals(&formatted, known));
            let Formatted { text, errors } = formatted;
            if scope == Scope::All
                && attribute.is_none()
                && errors.is_empty()
                && text.trim().is_empty()
            {
                findings.push(empty(&catalog.language.tag, entry));
            }
        }
    }
    Ok(())
}

/// A message's value or one of its attributes.
struct Part<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    attribute: Option<&'a str>,
    /// Whether it is all text, without placeables.
    all_text: bool,
}

fn is_text(element: &ast::PatternElement<&str>) -> bool {
    matches!(element, ast::PatternElement::TextElement { .. })
}

impl Part<'_> {
    /// `id` or `id.attribute`.
    fn name(&self) -> String {
        match self.attribute {
            Some(attribute) => format!("{}.{attribute}", self.entry.id),
            None => self.entry.id.clone(),
        }
    }

    /// What the resolver would refuse in the formatted text (markup unless
    /// it was already reported).
    fn refusals(&self, formatted: &Formatted, known: &Known<'_>) -> Vec<Problem> {
        let (tag, name) = (&self.catalog.language.tag, self.name());
        let needle = self
            .attribute
            .map_or_else(|| self.entry.id.clone(), |a| format!(".{a}"));
        let at = locate_in_entry(self.catalog, self.entry, &needle);
        if !formatted.errors.is_empty() {
            let hint = match self.attribute {
                Some(_) => {
                    "`report render` formats this attribute without arguments, as its message's \
                     value needs none: it may use no variable, and what it references must exist \
                     (or give the value the variables too)"
                }
                None => "fix the message, or what it references: `report render` cannot format it",
            };
            let problem = |error: &FormatError| {
                Problem::error(Code::Format, format!("`{name}` in `{tag}`: {error}"))
                    .at_location(Some(at.clone()))
                    .about(tag, &name)
                    .with_hint(hint)
            };
            return formatted.errors.iter().map(problem).collect();
        }
        if self.all_text {
            return Vec::new();
        }
        match markup::parse(&formatted.text) {
            Err(error) if !known.markup.contains(&(tag.clone(), name.clone())) => {
                let error = MarkupError {
                    message: format!("{}, once formatted", error.message),
                    ..error
                };
                vec![refused(tag, &name, &error, at)]
            }
            _ => Vec::new(),
        }
    }
}

/// A message whose value formats to nothing.
fn empty(tag: &str, entry: &Entry) -> Problem {
    Problem::warning(
        Code::EmptyValue,
        format!("`{}` in `{tag}` is empty", entry.id),
    )
    .at_location(Some(entry.location.clone()))
    .about(tag, &entry.id)
    .with_hint("write the text, or remove the message")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn markup_built_from_a_term_and_empty_values_are_found() {
        let (catalog, _) = catalog_of(
            "en",
            "-scheme = javascript\na = [x]({ -scheme }:alert(1))\nb = { \"\" }\nc = C\n    .t = { $x }\n",
        );
        let mut findings = Problems::default();
        let (found, errors) = (MarkupFound::new(), HashSet::new());
        let known = Known {
            markup: &found,
            patterns: &[],
            errors: &errors,
        };
        assert_eq!(check(&catalog, Scope::All, &known, &mut findings), Ok(()));
        let seen: Vec<(Code, String)> = findings
            .iter()
            .map(|f| (f.code, f.id.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            seen,
            [
                (Code::Markup, "a".to_owned()),
                (Code::EmptyValue, "b".to_owned()),
            ],
            "`c.t` needs arguments: it is formatted where the data gives them"
        );
        // What was already reported is not told twice.
        let mut again = Problems::default();
        let found = MarkupFound::from([("en".to_owned(), "a".to_owned())]);
        let errors = HashSet::from(["c".to_owned()]);
        let known = Known {
            markup: &found,
            patterns: &[],
            errors: &errors,
        };
        assert_eq!(check(&catalog, Scope::Errors, &known, &mut again), Ok(()));
        assert!(again.is_empty(), "{again:?}");
    }
}
