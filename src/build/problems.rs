//! Problems of rendering, told once: one template error breaks every
//! edition the same way, so identical problems from several editions are
//! merged into one that names them all.

use crate::diagnostic::Problem;

/// Merges problems that differ only in the edition they came from, keeping
/// the order in which each was first found.
pub(super) fn merge_edition_problems(problems: Vec<Problem>) -> Vec<Problem> {
    let mut merged: Vec<Problem> = Vec::new();
    for problem in problems {
        let same = merged.iter_mut().find(|m| {
            !m.editions.is_empty()
                && !problem.editions.is_empty()
                && m.code == problem.code
                && m.severity == problem.severity
                && m.message == problem.message
                && m.location.as_ref().map(|l| l.display())
                    == problem.location.as_ref().map(|l| l.display())
        });
        match same {
            Some(existing) => existing.editions.extend(problem.editions),
            None => merged.push(problem),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Source};

    #[test]
    fn one_template_error_is_told_once_naming_every_edition() {
        let source = Source::new("templates/report.typ", "#foo\n");
        let error = |edition: &str| {
            Problem::error(Code::Typst, "unknown variable: foo")
                .at(&source, 1..4)
                .in_edition(edition)
        };
        let other = Problem::warning(Code::Typst, "something else").in_edition("es pdf");
        let merged = merge_edition_problems(vec![
            error("es pdf"),
            other,
            error("en pdf"),
            Problem::error(Code::Typst, "unknown variable: foo").at(&source, 1..4),
        ]);
        assert_eq!(merged.len(), 3);
        assert_eq!(merged[0].editions, ["es pdf", "en pdf"]);
        assert!(
            merged[2].editions.is_empty(),
            "a problem of no edition stays apart"
        );
    }
}
