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
        // One finding per variable the data lacks, naming every language.
        let mut absent: Vec<(String, Vec<&Reference<'_>>)> = Vec::new();
        let mut references = Vec::new();
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
            references.push(Reference {
                reference,
                location,
                catalog,
                entry,
            });
        }
        for reference in &references {
            if let Some(problem) = reference.missing_attribute() {
                findings.push(problem);
                continue;
            }
            match reference.absent_variables(known.source) {
                Some(variables) => {
                    for variable in variables {
                        match absent.iter_mut().find(|(v, _)| *v == variable) {
                            Some((_, languages)) => languages.push(reference),
                            None => absent.push((variable, vec![reference])),
                        }
                    }
                }
                None => findings.extend(reference.formatting_problems(known.markup)),
            }
        }
        for (variable, languages) in absent {
            findings.push(missing_argument(&variable, &languages));
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

/// The data does not give `variable`, which the message uses in each of
/// `languages`' catalogs: one finding at the data reference.
fn missing_argument(variable: &str, languages: &[&Reference<'_>]) -> Problem {
    let first = languages[0];
    let tags: Vec<&str> = languages.iter().map(|r| r.tag()).collect();
    let problem = Problem::error(
        Code::MissingArgument,
        format!(
            "message `{}` uses `${variable}`, which the data does not give",
            first.name()
        ),
    )
    .at_location(Some(first.location.clone()))
    .about(first.tag(), &first.name())
    .with_note(format!("in {}", tags.join(", ")))
    .with_note(format!(
        "message defined at {}",
        first.entry.location.display()
    ))
    .with_hint(format!(
        "add `{variable} = …` to the `args` of this reference"
    ));
    // About several languages: render refuses each of them.
    Problem {
        language: (tags.len() == 1).then(|| first.tag().to_owned()),
        ..problem
    }
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

    /// The variables the message uses and the data does not give, when
    /// there are any (`None`: the data gives them all). A variable only a
    /// translation uses (invented, not the source's) is not the data's to
    /// give: it is an `unknown-variable` of the translation, told there;
    /// the message is then not formatted either.
    fn absent_variables(&self, source: &Catalog) -> Option<Vec<String>> {
        let source_entry = source.message(&self.reference.id);
        let (mut absent, mut invented) = (Vec::new(), false);
        for variable in &self.entry.variables {
            if self.reference.args.contains_key(variable) {
                continue;
            }
            match source_entry {
                Some(s) if !std::ptr::eq(s, self.entry) && !s.variables.contains(variable) => {
                    invented = true
                }
                _ => absent.push(variable.clone()),
            }
        }
        (invented || !absent.is_empty()).then_some(absent)
    }

    /// A value of the wrong kind for `NUMBER` or `DATETIME` (`message`
    /// quotes it): the finding points at that argument, with how to write
    /// the kind the function takes.
    fn argument_hint(&self, problem: Problem, message: &str) -> Problem {
        if problem.code != Code::ArgumentKind {
            return problem;
        }
        let given = (self.reference.args.values()).find(|arg| match &arg.value {
            crate::data::ArgValue::String(text) => message.contains(&format!("\"{text}\"")),
            _ => false,
        });
        let problem = match given {
            Some(arg) => problem.at_location(Some(arg.location.clone())),
            None => problem,
        };
        if message.contains("DATETIME()") {
            problem.with_hint(
                "give a date, not text: `date = 2022-02-28` in TOML (no quotes), `{ \"$date\": \"2022-02-28\" }` in JSON",
            )
        } else if message.contains("NUMBER()") {
            problem.with_hint("give a number, not text: `n = 1234.5` (no quotes, no grouping)")
        } else {
            problem
        }
    }

    /// With every variable given, what formatting with the data's
    /// arguments goes wrong (a date given to `NUMBER`), and then the markup
    /// of the text it makes (unless the message's own text was already
    /// found wrong).
    fn formatting_problems(&self, markup_found: &MarkupFound) -> Vec<Problem> {
        let (tag, name) = (self.tag(), self.name());
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
                    let problem = self.problem(error.code, message.clone());
                    let problem = match option {
                        Some(at) => problem.with_note(format!("the option is at {}", at.display())),
                        None => problem,
                    };
                    self.argument_hint(problem, &message)
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
