//! Empty messages: a value that formats to nothing would leave a silent
//! gap in an edition.

use crate::diagnostic::{Code, Problem};
use crate::l10n::{Catalog, Formatted};

/// Messages without arguments whose text is empty once formatted.
pub(super) fn check(catalog: &Catalog, findings: &mut Vec<Problem>) {
    let tag = &catalog.language.tag;
    for entry in catalog
        .messages()
        .filter(|e| e.has_value && e.variables.is_empty())
    {
        let Formatted { text, errors } = catalog.format(&entry.id, None, None);
        if errors.is_empty() && text.trim().is_empty() {
            findings.push(
                Problem::warning(
                    Code::EmptyValue,
                    format!("`{}` in `{tag}` is empty", entry.id),
                )
                .at_location(Some(entry.location.clone()))
                .about(tag, &entry.id)
                .with_hint("write the text, or remove the message"),
            );
        }
    }
}
