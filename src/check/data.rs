//! The data's words: every `{ msg = … }` of the data names a message that
//! exists in every language, and gives it the arguments each language's
//! message needs, of kinds its functions accept.

use indexmap::IndexMap;

use crate::build::resolve;
use crate::check::finding::suggest_id;
use crate::data::{Data, MessageRef};
use crate::diagnostic::{Code, Location, Problem};
use crate::l10n::{Catalog, Entry};

/// Every message reference of the data, in every language.
pub(super) fn check(
    data: &Data,
    catalogs: &IndexMap<String, Catalog>,
    source: &Catalog,
    findings: &mut Vec<Problem>,
) {
    for (reference, location) in data.message_refs() {
        for catalog in catalogs.values() {
            let Some(entry) = catalog.message(&reference.id) else {
                // A translation's gap is already a `missing-message`.
                if source.message(&reference.id).is_none() || catalog.language == source.language {
                    findings.push(unknown_message(reference, location, catalog));
                }
                continue;
            };
            let reference = Reference {
                reference,
                location,
                catalog,
                entry,
            };
            match reference.missing_attribute() {
                Some(problem) => findings.push(problem),
                None => findings.extend(reference.argument_problems()),
            }
        }
    }
}

fn unknown_message(reference: &MessageRef, location: &Location, catalog: &Catalog) -> Problem {
    let tag = &catalog.language.tag;
    Problem::error(
        Code::UnknownMessage,
        format!(
            "data uses message `{}`, which `{tag}` does not have",
            reference.id
        ),
    )
    .at_location(Some(location.clone()))
    .about(tag, &reference.id)
    .with_hint(suggest_id(
        &reference.id,
        catalog.messages().map(|m| m.id.as_str()),
    ))
}

/// A data reference to a message one language has.
struct Reference<'a> {
    reference: &'a MessageRef,
    location: &'a Location,
    catalog: &'a Catalog,
    entry: &'a Entry,
}

impl Reference<'_> {
    fn tag(&self) -> &str {
        &self.catalog.language.tag
    }

    /// `id` or `id.attribute`, as findings name it.
    fn name(&self) -> String {
        match &self.reference.attribute {
            Some(attribute) => format!("{}.{attribute}", self.reference.id),
            None => self.reference.id.clone(),
        }
    }

    /// The attribute named, if the message lacks it.
    fn missing_attribute(&self) -> Option<Problem> {
        let attribute = self
            .reference
            .attribute
            .as_ref()
            .filter(|a| !self.entry.attributes.contains(a))?;
        Some(
            Problem::error(
                Code::UnknownMessage,
                format!(
                    "message `{}` has no attribute `.{attribute}` in `{}`",
                    self.reference.id,
                    self.tag()
                ),
            )
            .at_location(Some(self.location.clone()))
            .about(self.tag(), &self.name()),
        )
    }

    /// Variables the data does not give; when it gives them all, what
    /// formatting with its arguments goes wrong (a date given to `NUMBER`).
    fn argument_problems(&self) -> Vec<Problem> {
        let (tag, name) = (self.tag(), self.name());
        let defined_at = format!("message defined at {}", self.entry.location.display());
        let missing: Vec<Problem> = self
            .entry
            .variables
            .iter()
            .filter(|v| !self.reference.args.contains_key(*v))
            .map(|variable| {
                Problem::error(
                    Code::MissingArgument,
                    format!("message `{name}` in `{tag}` uses `${variable}`, which the data does not give"),
                )
                .at_location(Some(self.location.clone()))
                .about(tag, &name)
                .with_note(defined_at.clone())
                .with_hint(format!("add `{variable} = …` to the `args` of this reference"))
            })
            .collect();
        if !missing.is_empty() {
            return missing;
        }
        let args = resolve::fluent_args(self.reference);
        let errors = self
            .catalog
            .format(
                &self.reference.id,
                self.reference.attribute.as_deref(),
                Some(&args),
            )
            .errors;
        errors
            .into_iter()
            .map(|error| {
                Problem::error(error.code, format!("message `{name}` in `{tag}`: {error}"))
                    .at_location(Some(self.location.clone()))
                    .about(tag, &name)
                    .with_note(defined_at.clone())
            })
            .collect()
    }
}
