//! Pieces every kind of check builds its findings from: where in an entry a
//! finding points, and the wording of lists and suggestions.

use crate::diagnostic::Location;
use crate::l10n::{Catalog, Entry};

/// The byte range of the first `needle` inside an entry (so the caret is
/// under `$x` or `.attr`), else the entry's id.
pub(super) fn locate_in_entry(catalog: &Catalog, entry: &Entry, needle: &str) -> Location {
    let (start, text) = catalog.entry_text(entry);
    let found = text.match_indices(needle).find(|(i, _)| {
        // `$x` must not match the start of `$xy`.
        let after = text[i + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    match found {
        Some((i, _)) => Location::new(
            &catalog.files[entry.file],
            start + i..start + i + needle.len(),
        ),
        None => entry.location.clone(),
    }
}

/// `a, b, c`, or `nothing` for an empty list.
pub(super) fn list_or_none(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        "nothing".to_owned()
    } else {
        items.join(", ")
    }
}

/// The hint for an id that does not exist: the likely typo, if any.
pub(super) fn suggest_id<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match crate::suggest::closest(id, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => NO_SUGGESTION.to_owned(),
    }
}

/// The hint for an unknown id when no likely typo is found, or none is looked for.
const NO_SUGGESTION: &str = "define it, or fix the reference";

/// How many candidate ids one check compares, over all its hints.
const SUGGESTION_BUDGET: usize = 1_000_000;

/// "Did you mean …?" hints for one check. Each hint compares the unknown id
/// with every candidate, so thousands of unknown ids in a large catalog
/// would cost findings × ids; once a check has compared
/// [`SUGGESTION_BUDGET`] candidates, its further hints skip the search.
#[derive(Debug)]
pub(super) struct Suggestions {
    /// Comparisons left.
    budget: usize,
}

impl Default for Suggestions {
    fn default() -> Self {
        Self {
            budget: SUGGESTION_BUDGET,
        }
    }
}

impl Suggestions {
    /// The hint for the unknown `id`, searching `candidates()` while the
    /// budget lasts.
    pub(super) fn hint<'a, I>(&mut self, id: &str, candidates: impl FnOnce() -> I) -> String
    where
        I: Iterator<Item = &'a str>,
    {
        if self.budget == 0 {
            return NO_SUGGESTION.to_owned();
        }
        let mut compared = 0;
        let hint = suggest_id(
            id,
            candidates().take(self.budget).inspect(|_| compared += 1),
        );
        self.budget -= compared;
        hint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_suggestions() {
        assert_eq!(list_or_none(std::iter::empty()), "nothing");
        assert_eq!(
            list_or_none(["`$a`", "`$b`"].into_iter().map(String::from)),
            "`$a`, `$b`"
        );
        assert_eq!(
            suggest_id("titel", ["title", "summary"].into_iter()),
            "did you mean `title`?"
        );
        assert_eq!(
            suggest_id("zzz", ["title"].into_iter()),
            "define it, or fix the reference"
        );
    }

    #[test]
    fn suggestions_stop_searching_when_the_budget_is_spent() {
        let mut suggestions = Suggestions { budget: 3 };
        let ids = ["a", "title", "b", "c"];
        assert_eq!(
            suggestions.hint("titel", || ids.into_iter()),
            "did you mean `title`?"
        );
        assert_eq!(suggestions.budget, 0);
        assert_eq!(suggestions.hint("titel", || ids.into_iter()), NO_SUGGESTION);
    }
}
