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

use crate::diagnostic::{Code, Problem, Problems, Source};

/// Parses a file, reporting each syntax error; the resource holds every
/// entry that parsed.
pub(super) fn parse(source: &Arc<Source>, problems: &mut Problems) -> FluentResource {
    let (resource, errors) = match FluentResource::try_new(source.text.clone()) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    for error in errors {
        problems.push(syntax_problem(source, &error));
    }
    resource
}

fn syntax_problem(source: &Arc<Source>, error: &ParserError) -> Problem {
    let code = match error.kind {
        ErrorKind::MissingDefaultVariant => Code::NoDefaultVariant,
        _ => Code::Syntax,
    };
    Problem::error(code, format!("invalid Fluent syntax: {}", error.kind))
        .at(source, error_span(&source.text, error))
        .with_hint(
            "see https://projectfluent.org/fluent/guide/ for the syntax; \
             the entry is skipped until it is fixed",
        )
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
        let problem = &problems.0[0];
        assert_eq!(problem.code, Code::Syntax);
        let location = problem
            .location
            .as_ref()
            .map(Location::display)
            .unwrap_or_default();
        assert!(location.starts_with("locales/es/a.ftl:2:"), "{location}");
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
        assert_eq!(problems.0[0].code, Code::NoDefaultVariant, "{problems:?}");
        assert!(catalog.message("a").is_none());
        assert_eq!(catalog.format("b", None, None).text, "B");
    }
}
