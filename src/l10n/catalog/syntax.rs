//! Parsing one `.ftl` file, with fluent-syntax's parse errors turned into
//! [`Problem`]s that point at the line a reader would fix.
//!
//! fluent-syntax skips a broken entry and goes on, so the file still yields
//! every good entry; each error becomes a problem placed where an editor's
//! caret should go, not where the parser gave up.

use std::ops::Range;
use std::sync::Arc;

use fluent_bundle::FluentResource;
use fluent_syntax::parser::{ErrorKind, ParserError};

use super::depth::{self, MAX_DEPTH, TooDeep};
use crate::diagnostic::{Code, Problem, Problems, Source};

/// Parses a file, reporting each syntax error; the resource holds every
/// entry that parsed. Entries nested too deep for the parser are reported
/// and blanked out of the text it is given (see [`depth`]), which keeps
/// every offset and line of the file.
pub(super) fn parse(source: &Arc<Source>, problems: &mut Problems) -> FluentResource {
    let deep = depth::too_deep(&source.text);
    let text = if deep.is_empty() {
        source.text.clone()
    } else {
        for entry in &deep {
            problems.push(too_deep_problem(source, entry));
        }
        depth::blank_out(&source.text, deep.into_iter().map(|d| d.skipped))
    };
    let (resource, errors) = match FluentResource::try_new(text) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    for error in errors {
        problems.push(syntax_problem(source, &error));
    }
    resource
}

fn too_deep_problem(source: &Arc<Source>, deep: &TooDeep) -> Problem {
    let text = &source.text[deep.entry..];
    let key_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(text.len());
    let key = &text[..key_len];
    let what = if key.is_empty() {
        "this entry".to_owned()
    } else {
        format!("`{key}`")
    };
    let (first, _) = source.line_col(deep.skipped.start);
    let (last, _) = source.line_col(deep.skipped.end.saturating_sub(1));
    let lines = if first == last {
        format!("line {first} is")
    } else {
        format!("lines {first}–{last} are")
    };
    let mut problem = Problem::error(
        Code::TooDeep,
        format!(
            "{what} nests placeables, calls or selects more than {MAX_DEPTH} deep; it is skipped"
        ),
    )
    .at(source, deep.entry..deep.entry + key_len.max(1))
    .with_label(format!("nested more than {MAX_DEPTH} deep"))
    .with_note(format!(
        "{lines} left out, so that the parser (which goes one level down for each) \
         cannot overflow"
    ))
    .with_hint(
        "flatten it: move inner parts into messages or terms of their own and reference them",
    );
    if !key.is_empty() {
        problem.id = Some(key.to_owned());
    }
    problem
}

fn syntax_problem(source: &Arc<Source>, error: &ParserError) -> Problem {
    let code = match error.kind {
        ErrorKind::MissingDefaultVariant => Code::NoDefaultVariant,
        _ => Code::Syntax,
    };
    Problem::error(
        code,
        format!("invalid Fluent syntax: {}", describe(&error.kind)),
    )
    .at(source, error_span(&source.text, error))
    .with_hint(
        "see https://projectfluent.org/fluent/guide/ for the syntax; \
             the entry is skipped until it is fixed",
    )
}

/// What a parse error means. fluent-syntax 0.12 describes a term
/// attribute used as a placeable (`{ -brand.short }`) as one "used as a
/// selector", which is the one place they are allowed.
fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::TermAttributeAsPlaceable => {
            "a term attribute can only be used as a selector (`{ -term.attr -> … }`), \
             not placed in text"
                .to_owned()
        }
        other => other.to_string(),
    }
}

/// Where to put the caret for a parse error.
fn error_span(text: &str, error: &ParserError) -> Range<usize> {
    let mut start = error.pos.start.min(text.len());
    // An entry cut short is reported at the next line's start; the end of
    // the unfinished line is clearer.
    let entry_start = error.slice.as_ref().map_or(start, |s| s.start);
    if start > entry_start && text[..start].ends_with('\n') {
        start -= 1;
    }
    // At the end of a line, point after its last character.
    if text[start..].starts_with('\n') {
        start..start
    } else {
        start..error.pos.end.max(start + 1)
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Location};
    use crate::l10n::catalog::tests::catalog;

    #[test]
    fn syntax_errors_point_at_the_line() {
        let (_, problems) = catalog(
            "es",
            &[("locales/es/a.ftl", "ok = bien\nbad = { $x\nlater = sí\n")],
        );
        let problem = problems.iter().next().expect("a problem");
        assert_eq!(problem.code, Code::Syntax);
        let location = problem
            .location
            .as_ref()
            .map(Location::display)
            .unwrap_or_default();
        assert!(location.starts_with("locales/es/a.ftl:2:"), "{location}");
    }

    /// fluent-syntax's own text for this error says the opposite.
    #[test]
    fn a_term_attribute_in_text_is_explained() {
        let (_, problems) = catalog(
            "en",
            &[("a.ftl", "-t = T\n    .short = S\nm = { -t.short }\n")],
        );
        assert_eq!(
            problems[0].message,
            "invalid Fluent syntax: a term attribute can only be used as a selector \
             (`{ -term.attr -> … }`), not placed in text"
        );
    }

    #[test]
    fn a_select_without_default_has_its_own_code() {
        let (catalog, problems) = catalog(
            "en",
            &[(
                "a.ftl",
                "a = { $n ->\n    [one] one\n    [other] many\n}\nb = B\n",
            )],
        );
        assert_eq!(problems[0].code, Code::NoDefaultVariant, "{problems:?}");
        assert!(catalog.message("a").is_none());
        assert_eq!(catalog.format("b", None, None).text, "B");
    }
}
