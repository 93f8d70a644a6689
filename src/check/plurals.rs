//! Plural selects: a select on a number must have a variant for every
//! CLDR plural category of the language (Spanish needs `many`, which an
//! English source never has).

use crate::check::finding::locate_in_entry;
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::Catalog;

/// Selects on numbers that lack a plural category of the catalog's language.
pub(super) fn check(catalog: &Catalog, findings: &mut Problems) -> Result<(), Interrupted> {
    let tag = &catalog.language.tag;
    let cardinal = crate::l10n::intl::plural_categories(&catalog.language.id);
    let ordinal = crate::l10n::intl::ordinal_categories(&catalog.language.id);
    for entry in catalog.entries.values() {
        poll()?;
        for select in &entry.plural_selects {
            let categories = if select.ordinal { &ordinal } else { &cardinal };
            let missing: Vec<&str> = categories
                .iter()
                .copied()
                .filter(|c| !select.keys.contains(*c))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let key = entry.key();
            findings.push(
                Problem::warning(
                    Code::MissingPluralCategory,
                    format!(
                        "`{key}` selects on a number but has no variant for `{}` (CLDR {} categories for `{tag}`: {})",
                        missing.join("`, `"),
                        if select.ordinal { "ordinal" } else { "plural" },
                        categories.join(", ")
                    ),
                )
                .at_location(Some(locate_in_entry(catalog, entry, "->")))
                .about(tag, &key)
                .with_hint(format!(
                    "add [{}] variants; the default covers them until then",
                    missing.join("], [")
                )),
            );
        }
    }
    Ok(())
}
