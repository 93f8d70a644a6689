//! Citations (`[@key]`) of works the bibliography does not have, in every
//! language; or any citation when `report.toml` names no bibliography.
//! Typst would stop on either; this says which message, where.

use crate::check::Interrupted;
use crate::check::finding::locate_in_entry;
use crate::check::patterns::Patterns;
use crate::data::bibliography::Works;
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::{Catalog, markup};

/// Every cited key of a language's entries, against the bibliography.
pub(super) fn check(
    catalog: &Catalog,
    entries: &[Option<Patterns<'_>>],
    works: Option<&Works>,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let tag = &catalog.language.tag;
    super::markup::each_shown(entries, |patterns, attribute, texts| {
        let mut reported: Vec<String> = Vec::new();
        for text in texts.iter().filter(|t| t.contains("[@")) {
            let Ok(spans) = markup::parse(text) else {
                continue;
            };
            for key in markup::cited_keys(&spans) {
                if works.is_some_and(|w| w.keys.contains(key)) || reported.iter().any(|r| r == key)
                {
                    continue;
                }
                let name = patterns.name(attribute);
                let at = locate_in_entry(catalog, patterns.entry, &format!("@{key}"));
                findings.push(
                    unknown(key, &name, works)
                        .at_location(Some(at))
                        .about(tag, &name),
                );
                reported.push(key.to_owned());
            }
        }
    })
}

fn unknown(key: &str, name: &str, works: Option<&Works>) -> Problem {
    match works {
        None => Problem::error(
            Code::UnknownCitation,
            format!("`{name}` cites `@{key}`, but report.toml names no bibliography"),
        )
        .with_hint(
            "add `bibliography = \"data/sources.yml\"` (Hayagriva YAML or BibTeX) to [report]",
        ),
        Some(works) => {
            let hint = crate::suggest::closest(key, works.keys.iter().map(String::as_str))
                .map_or_else(
                    || format!("add the work to {}", works.source.path.display()),
                    |best| {
                        format!(
                            "did you mean `@{best}`? else add the work to {}",
                            works.source.path.display()
                        )
                    },
                );
            Problem::error(
                Code::UnknownCitation,
                format!(
                    "`{name}` cites `@{key}`, which {} does not have",
                    works.source.path.display()
                ),
            )
            .with_label("not in the bibliography")
            .with_hint(hint)
        }
    }
}
