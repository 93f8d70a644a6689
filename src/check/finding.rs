//! Pieces every kind of check builds its findings from: where in an entry a
//! finding points, and the wording of lists and suggestions.

use crate::diagnostic::Location;
use crate::l10n::{Catalog, Entry};

/// The byte range of the first `needle` inside an entry (so the caret is
/// under `$x` or `.attr`), else the entry's id.
pub(super) fn locate_in_entry(catalog: &Catalog, entry: &Entry, needle: &str) -> Location {
    let source = &catalog.files[entry.file];
    let start = entry.location.span.start;
    let end = entry.end.min(source.text.len());
    let text = &source.text[start..end];
    let found = text.match_indices(needle).find(|(i, _)| {
        // `$x` must not match the start of `$xy`.
        let after = text[i + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    match found {
        Some((i, _)) => Location::new(source, start + i..start + i + needle.len()),
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
        None => "define it, or fix the reference".to_owned(),
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
}
