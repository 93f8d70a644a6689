//! Which entries a catalog accepts: an entry is refused when its name is
//! taken, by an earlier entry or by a built-in function.
//!
//! fluent-bundle keeps the first definition of a name and drops the rest
//! silently; refusing the same entries here, with a problem that names
//! both places, keeps the catalog's index and the bundle in step and tells
//! the author which definition lost.

use indexmap::IndexMap;

use super::{Entry, EntryKind};
use crate::diagnostic::{Code, Location, Problem};
use crate::l10n::intl;
use crate::project::Language;

/// An entry about to join a catalog.
pub(super) struct Candidate<'a> {
    /// Message or term.
    pub kind: EntryKind,
    /// The id, without a term's `-`.
    pub id: &'a str,
    /// The key in the catalog (`id` or `-id`).
    pub key: &'a str,
    /// Where its id is written.
    pub location: &'a Location,
}

/// The problem that keeps `candidate` out of a catalog that already holds
/// `entries`, or `None` if it may join.
pub(super) fn refusal(
    entries: &IndexMap<String, Entry>,
    language: &Language,
    candidate: &Candidate<'_>,
) -> Option<Problem> {
    let problem = name_clash(entries, language, candidate)
        .or_else(|| reserved_name(candidate))
        .or_else(|| duplicate(entries, language, candidate))?;
    Some(
        problem
            .about(&language.tag, candidate.key)
            .at_location(Some(candidate.location.clone())),
    )
}

/// fluent-bundle keeps messages, terms and functions in one namespace, so
/// `x` and `-x` clash there although Fluent keeps them apart; say so rather
/// than lose one silently.
fn name_clash(
    entries: &IndexMap<String, Entry>,
    language: &Language,
    candidate: &Candidate<'_>,
) -> Option<Problem> {
    let this = candidate.kind.noun();
    let other = candidate.kind.other();
    let that = other.noun();
    let other_key = other.key(candidate.id);
    let first = entries.get(&other_key)?;
    let key = candidate.key;
    Some(
        Problem::error(
            Code::DuplicateId,
            format!("{this} `{key}` has the same name as {that} `{other_key}` in `{language}`"),
        )
        .with_label(format!("clashes with {that} `{other_key}`"))
        .with_note(format!(
            "`{other_key}` is defined at {}; the Fluent runtime keeps \
             messages and terms under one name, so only the first is used",
            first.location.display()
        ))
        .with_hint(format!("rename the {this} or the {that}")),
    )
}

fn reserved_name(candidate: &Candidate<'_>) -> Option<Problem> {
    if !intl::FUNCTIONS.contains(&candidate.id) {
        return None;
    }
    Some(
        Problem::error(
            Code::ReservedId,
            format!("`{}` is the name of a built-in function", candidate.key),
        )
        .with_label("reserved name")
        .with_note(format!(
            "the Fluent runtime keeps functions, messages and terms under \
             one name, and {} are functions",
            intl::FUNCTIONS.join(", ")
        ))
        .with_hint("rename the entry (ids are usually lowercase)"),
    )
}

fn duplicate(
    entries: &IndexMap<String, Entry>,
    language: &Language,
    candidate: &Candidate<'_>,
) -> Option<Problem> {
    let first = entries.get(candidate.key)?;
    Some(
        Problem::error(
            Code::DuplicateId,
            format!("`{}` is defined twice in `{language}`", candidate.key),
        )
        .with_label("second definition")
        .with_note(format!("first defined at {}", first.location.display()))
        .with_hint("rename or remove one of them; only the first is used"),
    )
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Location};
    use crate::l10n::catalog::tests::catalog;

    #[test]
    fn duplicates_across_files_name_both_places() {
        let (_, problems) = catalog(
            "es",
            &[("a.ftl", "x = uno\n"), ("b.ftl", "y = dos\n\nx = tres\n")],
        );
        assert_eq!(problems.len(), 1);
        let problem = problems.iter().next().expect("a problem");
        assert_eq!(
            problem.location.as_ref().map(Location::display),
            Some("b.ftl:3:1".into())
        );
        assert_eq!(problem.notes, ["first defined at a.ftl:1:1"]);
    }

    #[test]
    fn message_and_term_of_one_name_are_reported() {
        let (catalog, problems) = catalog(
            "en",
            &[(
                "a.ftl",
                "brand = Acme report\n-brand = Acme\ntitle = { -brand } annual report\n",
            )],
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        let problem = problems.iter().next().expect("a problem");
        assert_eq!(problem.code, Code::DuplicateId);
        assert_eq!(
            problem.message,
            "term `-brand` has the same name as message `brand` in `en`"
        );
        assert_eq!(
            problem.location.as_ref().map(Location::display),
            Some("a.ftl:2:1".into())
        );
        assert!(!catalog.entries.contains_key("-brand"));
        assert_eq!(catalog.format("brand", None, None).text, "Acme report");
    }

    #[test]
    fn function_names_are_reserved() {
        let (catalog, problems) = catalog("en", &[("a.ftl", "NUMBER = n\nok = { NUMBER(1) }\n")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, Code::ReservedId);
        assert!(catalog.message("NUMBER").is_none());
        assert_eq!(catalog.format("ok", None, None).text, "1");
    }
}
