//! The data's words: every `{ msg = … }` of the data names a message that
//! exists in every language, and gives it the arguments each language's
//! message needs, of kinds its functions accept; formatted with them, as
//! the resolver formats it, its markup must parse; a chart's `format`
//! options must be ones its labels can be written with in every language.

use indexmap::IndexMap;

use crate::check::finding::Suggestions;
use crate::check::placeables;
use crate::check::{Interrupted, MarkupFound, poll};
use crate::data::{Data, MessageRef};
use crate::diagnostic::{Code, Location, Problem, Problems};
use crate::document::resolve;
use crate::l10n::{Catalog, Entry, markup};

/// What the data is checked against.
pub(super) struct Known<'a> {
    /// Every language's catalog.
    pub catalogs: &'a IndexMap<String, Catalog>,
    /// The source language's.
    pub source: &'a Catalog,
    /// Messages whose own markup was already reported.
    pub markup: &'a MarkupFound,
}

/// Every message reference of the data, in every language.
pub(super) fn check(
    data: &Data,
    known: &Known<'_>,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let mut suggestions = Suggestions::default();
    for (reference, location) in data.message_refs() {
        poll()?;
        for catalog in known.catalogs.values() {
            let Some(entry) = catalog.message(&reference.id) else {
                // A translation's gap is already a `missing-message`.
                let source = known.source;
                if source.message(&reference.id).is_none() || catalog.language == source.language {
                    let problem = unknown_message(reference, location, catalog, &mut suggestions);
                    findings.push(problem);
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
                None => findings.extend(reference.formatting_problems(known.markup)),
            }
        }
    }
    for chart in data.charts() {
        poll()?;
        findings.extend(chart_formats(chart, known));
    }
    Ok(())
}

/// A chart's misused `format` options, each told once with the languages
/// it fails in (a misused option fails in every one).
fn chart_formats(chart: &crate::data::chart::Chart, known: &Known<'_>) -> Vec<Problem> {
    let mut found: Vec<(Problem, Vec<&str>)> = Vec::new();
    for catalog in known.catalogs.values() {
        for problem in crate::document::chart::format_problems(chart, &catalog.language.id) {
            let span = problem.location.as_ref().map(|l| l.span.clone());
            let same = found.iter_mut().find(|(p, _)| {
                p.message == problem.message && p.location.as_ref().map(|l| l.span.clone()) == span
            });
            match same {
                Some((_, languages)) => languages.push(&catalog.language.tag),
                None => found.push((problem, vec![&catalog.language.tag])),
            }
        }
    }
    (found.into_iter())
        .map(|(problem, languages)| problem.with_note(format!("in {}", languages.join(", "))))
        .collect()
}

fn unknown_message(
    reference: &MessageRef,
    location: &Location,
    catalog: &Catalog,
    suggestions: &mut Suggestions,
) -> Problem {
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
    .with_hint(suggestions.hint(&reference.id, || catalog.messages().map(|m| m.id.as_str())))
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

    /// A finding at the data reference, about the message.
    fn problem(&self, code: Code, message: String) -> Problem {
        Problem::error(code, message)
            .at_location(Some(self.location.clone()))
            .about(self.tag(), &self.name())
            .with_note(format!(
                "message defined at {}",
                self.entry.location.display()
            ))
    }

    /// Variables the data does not give; when it gives them all, what
    /// formatting with its arguments goes wrong (a date given to `NUMBER`),
    /// and then the markup of the text it makes (unless the message's own
    /// text was already found wrong).
    fn formatting_problems(&self, markup_found: &MarkupFound) -> Vec<Problem> {
        let (tag, name) = (self.tag(), self.name());
        let missing: Vec<Problem> = self
            .entry
            .variables
            .iter()
            .filter(|v| !self.reference.args.contains_key(*v))
            .map(|variable| {
                self.problem(
                    Code::MissingArgument,
                    format!("message `{name}` in `{tag}` uses `${variable}`, which the data does not give"),
                )
                .with_hint(format!("add `{variable} = …` to the `args` of this reference"))
            })
            .collect();
        if !missing.is_empty() {
            return missing;
        }
        let args = resolve::fluent_args(self.reference);
        let attribute = self.reference.attribute.as_deref();
        let formatted = self
            .catalog
            .format(&self.reference.id, attribute, Some(&args));
        if !formatted.errors.is_empty() {
            // Too many placeables is told at the message, by `placeables`.
            return (formatted.errors.into_iter())
                .filter(|error| !error.message.starts_with(placeables::FORMAT_ERROR))
                .map(|error| {
                    let message = format!("message `{name}` in `{tag}`: {error}");
                    let option = (error.option.as_deref())
                        .and_then(|o| self.catalog.locate_option(self.entry, o));
                    let problem = self.problem(error.code, message);
                    match option {
                        Some(at) => problem.with_note(format!("the option is at {}", at.display())),
                        None => problem,
                    }
                })
                .collect();
        }
        let reported = markup_found.contains(&(tag.to_owned(), name.clone()));
        match markup::parse(&formatted.text) {
            Err(error) if !reported => vec![
                self.problem(
                    Code::Markup,
                    format!(
                        "message `{name}` ({tag}), with the data's arguments: {}",
                        error.message
                    ),
                )
                .with_hint(error.hint),
            ],
            _ => Vec::new(),
        }
    }
}
