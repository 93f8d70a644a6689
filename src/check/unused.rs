//! Unused messages: source messages that no template, data or other
//! message uses, left behind by edits to the templates or the data.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use crate::check::templates::TemplateUse;
use crate::check::{BUILTIN_MESSAGES, Interrupted, poll};
use crate::data::Data;
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::Catalog;

/// Source messages that nothing uses. Without the data nothing can be
/// told: its messages would all look unused.
pub(super) fn check(
    source: &Catalog,
    data: Option<&Data>,
    templates: &[TemplateUse],
    catalogs: &IndexMap<String, Catalog>,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let Some(data) = data else { return Ok(()) };
    let mut used: BTreeSet<&str> = BUILTIN_MESSAGES.into_iter().collect();
    used.extend(
        templates
            .iter()
            .map(|u| u.id.split('.').next().unwrap_or(&u.id)),
    );
    used.extend(data.message_refs().into_iter().map(|(r, _)| r.id.as_str()));
    for catalog in catalogs.values() {
        poll()?;
        for entry in catalog.entries.values() {
            used.extend(entry.message_refs.iter().map(String::as_str));
        }
    }
    let tag = &source.language.tag;
    for entry in source.messages().filter(|e| !used.contains(e.id.as_str())) {
        findings.push(
            Problem::warning(
                Code::UnusedMessage,
                format!(
                    "message `{}` is used by no template, data or message",
                    entry.id
                ),
            )
            .at_location(Some(entry.location.clone()))
            .about(tag, &entry.id)
            .with_hint("remove it from every language, or use it"),
        );
    }
    Ok(())
}
