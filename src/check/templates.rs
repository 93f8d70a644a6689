//! The messages templates use: found by reading every `.typ` file under the
//! template's directory for the helpers' calls with a literal id, then
//! checked against every language.
//!
//! Reading the text (not evaluating Typst) is enough because the helpers
//! take the id as a literal string in practice; an id built at run time
//! (`msg("part-" + str(n))`) is not a use, and Typst reports it if it is
//! wrong.

use std::sync::Arc;

use indexmap::IndexMap;

use crate::check::finding::{Suggestions, list_or_none};
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Location, Problem, Problems, Source};
use crate::l10n::Catalog;

/// A message id a template names, and where.
#[derive(Debug, Clone)]
pub(crate) struct TemplateUse {
    /// `id` or `id.attribute`.
    pub id: String,
    /// Where the id is written.
    pub location: Location,
}

/// How a helper is called, which decides what may stand before its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Callee {
    /// A function (`msg(`): a longer name ending the same way, or its own
    /// definition (`#let msg(id)`), is not a call.
    Function,
    /// A method (`messages.at(`): always called on something.
    Method,
}

/// Where the message id is among a helper's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdArgument {
    /// The first argument: `msg("id")`.
    First,
    /// After the document: `msg-of(d, "id")`, for parallel editions.
    AfterDocument,
}

/// A helper of report's template library that takes a message id.
struct Helper {
    /// The text that opens a call, up to and including `(`.
    opener: &'static str,
    callee: Callee,
    id: IdArgument,
}

/// The helpers whose calls name messages.
const HELPERS: [Helper; 5] = [
    Helper {
        opener: "msg(",
        callee: Callee::Function,
        id: IdArgument::First,
    },
    Helper {
        opener: "msg-text(",
        callee: Callee::Function,
        id: IdArgument::First,
    },
    Helper {
        opener: "messages.at(",
        callee: Callee::Method,
        id: IdArgument::First,
    },
    Helper {
        opener: "msg-of(",
        callee: Callee::Function,
        id: IdArgument::AfterDocument,
    },
    Helper {
        opener: "msg-text-of(",
        callee: Callee::Function,
        id: IdArgument::AfterDocument,
    },
];

/// Message ids the templates name: `msg("id")`, `msg-text("id")`,
/// `messages.at("id")`, `msg-of(d, "id")` and `msg-text-of(d, "id")` in
/// every template file (`template_files::scan`), file by file in path
/// order.
pub(crate) fn template_messages(sources: &[Arc<Source>]) -> Vec<TemplateUse> {
    sources.iter().flat_map(uses_in).collect()
}

/// The message ids one template file names, helper by helper.
fn uses_in(source: &Arc<Source>) -> Vec<TemplateUse> {
    let mut uses = Vec::new();
    for helper in &HELPERS {
        for (at, _) in source.text.match_indices(helper.opener) {
            if let Some(id) = call_id(&source.text, at, helper) {
                uses.push(TemplateUse {
                    id: source.text[id.clone()].to_owned(),
                    location: Location::new(source, id),
                });
            }
        }
    }
    uses
}

/// The byte range of the literal message id of the call to `helper` that
/// starts at `at`, if it is a call with a literal id.
fn call_id(text: &str, at: usize, helper: &Helper) -> Option<std::ops::Range<usize>> {
    let before = text[..at].chars().next_back();
    let part_of_a_name =
        before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
    if part_of_a_name && helper.callee == Callee::Function {
        return None;
    }
    let mut start = at + helper.opener.len();
    if helper.id == IdArgument::AfterDocument {
        // Skip the document argument: a name such as `d` or `doc`.
        let rest = &text[start..];
        let comma = rest.find(',')?;
        let is_name = rest[..comma]
            .trim()
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
        if !is_name {
            return None;
        }
        start += comma + 1;
    }
    let rest = &text[start..];
    let trimmed = rest.trim_start();
    let quoted = trimmed.strip_prefix('"')?;
    start += rest.len() - trimmed.len() + 1;
    let len = quoted.find('"')?;
    let id = &text[start..start + len];
    // `msg("part-" + str(n))` builds its id at run time; only a literal
    // that is the whole argument is a message id.
    let after = text[start + len + 1..].trim_start();
    let literal = after.starts_with([')', ','])
        && !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    literal.then_some(start..start + len)
}

/// Every message a template uses exists in every language (a translation's
/// gap is already a `missing-message`) and needs no arguments, which only
/// the data can give.
pub(super) fn check(
    uses: &[TemplateUse],
    catalogs: &IndexMap<String, Catalog>,
    source: &Catalog,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let mut suggestions = Suggestions::default();
    for template_use in uses {
        poll()?;
        for catalog in catalogs.values() {
            findings.extend(check_use(template_use, catalog, source, &mut suggestions));
        }
    }
    Ok(())
}

fn check_use(
    template_use: &TemplateUse,
    catalog: &Catalog,
    source: &Catalog,
    suggestions: &mut Suggestions,
) -> Option<Problem> {
    let tag = &catalog.language.tag;
    let (id, attribute) = match template_use.id.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (template_use.id.as_str(), None),
    };
    let entry = catalog.message(id).filter(|e| match attribute {
        Some(a) => e.attributes.iter().any(|x| x == a),
        None => e.has_value,
    });
    let in_source = source.message(id).is_some() && catalog.language != source.language;
    let problem = match entry {
        None if in_source => return None,
        None => Problem::error(
            Code::UnknownMessage,
            format!(
                "the template uses message `{}`, which `{tag}` does not have",
                template_use.id
            ),
        )
        .with_hint(suggestions.hint(id, || catalog.messages().map(|m| m.id.as_str()))),
        Some(entry) if !entry.variables.is_empty() => Problem::error(
            Code::MessageNeedsArguments,
            format!(
                "the template uses message `{}` directly, but in `{tag}` it needs {}",
                template_use.id,
                list_or_none(entry.variables.iter().map(|v| format!("`${v}`")))
            ),
        )
        .with_hint(
            "give it its arguments in the data (`{ msg = …, args = { … } }`) and use that node",
        ),
        Some(_) => return None,
    };
    Some(
        problem
            .at_location(Some(template_use.location.clone()))
            .about(tag, &template_use.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        uses_in(&Source::new("t.typ", text))
            .into_iter()
            .map(|u| u.id)
            .collect()
    }

    #[test]
    fn literal_ids_of_helper_calls() {
        assert_eq!(
            ids(r#"#msg("title") #msg-text( "a.b" ) #doc.messages.at("x") #msg-of(d, "y")"#),
            ["title", "a.b", "x", "y"]
        );
        assert!(ids(r#"#let msg(id) = id"#).is_empty());
        assert!(ids(r#"#my-msg("no") #msg("part-" + str(n))"#).is_empty());
        assert!(ids(r#"#msg-of(f(x), "no")"#).is_empty());
    }
}
