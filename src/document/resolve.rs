//! The resolver: one JSON document per language for the templates.
//!
//! The document holds the language, every edition (for language switchers),
//! every message that needs no arguments, and the data tree with each
//! `{ msg = … }` node replaced by its text for that language. Text is always
//! data (structured spans from [`crate::l10n::markup`]), never Typst source, so no
//! message or data value can run code in a template.
//!
//! Missing translations are errors listing every missing id per language;
//! with `allow_missing` the source language's text stands in, with a warning.

use fluent_bundle::{FluentArgs, FluentValue};
use indexmap::IndexMap;
use serde::Serialize;

use crate::data::chart::Label;
use crate::data::{ArgValue, Data, MessageRef, Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems, Result, Warned};
use crate::l10n::intl::{self, DateValue};
use crate::l10n::markup;
use crate::l10n::{Catalog, Entry, Formatted};
use crate::project::{Format, Language, Project};

use super::labels::LANGUAGE_NAME_MESSAGE;

/// The most placeables one message may format, counting those of the
/// messages and terms it references: fluent-bundle stops formatting after
/// this many (its guard against the "billion laughs"), and the resolver then
/// reports the message. `report check` counts against the same limit.
pub(crate) const MAX_PLACEABLES: usize = 100;

/// Everything the resolver reads.
pub(crate) struct Inputs<'a> {
    pub project: &'a Project,
    /// Every language's catalog that loaded, by tag (the source language's first).
    pub catalogs: &'a IndexMap<String, Catalog>,
    /// The project's data.
    pub data: &'a Data,
    /// What to do where a translation lacks a message.
    pub missing: Missing,
}

/// What to do where a translation lacks a message of the source language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// An error listing every missing id.
    Error,
    /// The source language's text stands in (`--allow-missing`), with a warning.
    Fallback,
    /// A visible gap, with a warning (parallel editions).
    Gap,
}

/// The document a template receives (see docs/templates.md). Typed, so it
/// serializes straight to JSON without an intermediate tree.
#[derive(Debug, Serialize)]
pub(crate) struct Document {
    /// Facts about the report.
    pub report: ReportMeta,
    /// The language subtag (`es`).
    pub lang: String,
    /// The region subtag, if any (`MX`).
    pub region: Option<String>,
    /// The full tag (`es-MX`).
    pub tag: String,
    /// The writing direction: `ltr`, or `rtl` (Arabic, Hebrew…), for the
    /// HTML `dir` of what a template writes in the language.
    pub dir: &'static str,
    /// Every edition, for language switchers.
    pub editions: Vec<EditionLink>,
    /// Every message (and `id.attribute`) that needs no arguments.
    pub messages: IndexMap<String, Text>,
    /// The data, with message references resolved.
    pub data: IndexMap<String, DataValue>,
}

/// Facts about the report, from the manifest.
#[derive(Debug, Serialize)]
pub(crate) struct ReportMeta {
    pub name: String,
    /// The publication date (ISO 8601).
    pub date: Option<String>,
    /// The source language's tag.
    #[serde(rename = "source-language")]
    pub source_language: String,
    /// The bibliography, when the report has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bibliography: Option<BibliographyMeta>,
}

/// Where the bibliography is, for Typst, and its citation style.
#[derive(Debug, Serialize)]
pub(crate) struct BibliographyMeta {
    /// The file, from the project root (`/data/sources.yml`), as Typst's
    /// `bibliography()` takes it.
    pub path: String,
    /// The CSL style name.
    pub style: String,
}

/// One edition language, with its output paths relative to `build/`.
#[derive(Debug, Serialize)]
pub(crate) struct EditionLink {
    /// Its tag.
    pub lang: String,
    /// Its name in itself.
    pub name: String,
    /// Whether it is this document's language.
    pub current: bool,
    /// Its PDF, when PDF is a format of the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// Its HTML page, when HTML is a format of the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

/// Resolved text: plain, and as rich spans.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Text {
    /// Without markup.
    pub plain: String,
    /// As spans.
    pub rich: Vec<markup::Span>,
}

impl Text {
    pub(crate) fn empty() -> Self {
        Self {
            plain: String::new(),
            rich: Vec::new(),
        }
    }

    /// Text shown as written (a chart's category named in the data).
    pub(crate) fn literal(text: &str) -> Self {
        Self {
            plain: text.to_owned(),
            rich: vec![markup::Span::Text {
                text: text.to_owned(),
            }],
        }
    }

    fn gap(id: &str) -> Self {
        Self {
            plain: String::new(),
            rich: vec![markup::Span::Gap { id: id.to_owned() }],
        }
    }
}

/// A value of the resolved data tree.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum DataValue {
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A number.
    Float(f64),
    /// A string, or a date as ISO 8601.
    String(String),
    /// A resolved message.
    Text(Text),
    /// A list.
    Array(Vec<DataValue>),
    /// A table.
    Table(IndexMap<String, DataValue>),
    /// A chart, laid out and worded for the language.
    Chart(Box<super::chart::ResolvedChart>),
}

/// Builds the document for one language. Errors (missing messages, bad
/// arguments, refused markup) are all collected; warnings come back with
/// the document.
pub(crate) fn resolve(inputs: &Inputs<'_>, language: &Language) -> Result<Warned<Document>> {
    let manifest = &inputs.project.manifest;
    let Some(catalog) = inputs.catalogs.get(&language.tag) else {
        return Err(Problem::error(
            Code::L10n,
            format!("the `{language}` messages did not load"),
        )
        .into());
    };
    let source = inputs.catalogs.get(&manifest.source_language.tag);
    let mut problems = Problems::default();
    let missing = missing_messages(catalog, source, inputs.missing, &mut problems);
    let mut resolver = Resolver {
        catalog,
        source,
        fallback: if inputs.missing == Missing::Fallback {
            source
        } else {
            None
        },
        gaps: inputs.missing == Missing::Gap,
        problems: &mut problems,
    };
    let mut messages = resolver.messages(&missing);
    if resolver.gaps {
        for id in &missing {
            messages.insert(id.clone(), Text::gap(id));
        }
    }
    let data = resolver.table(&inputs.data.root);
    let editions = edition_links(inputs, language);
    let document = Document {
        report: ReportMeta {
            name: manifest.name.clone(),
            date: manifest.date.map(|d| d.to_string()),
            source_language: manifest.source_language.tag.clone(),
            bibliography: manifest.bibliography.as_ref().map(|b| BibliographyMeta {
                path: format!(
                    "/{}",
                    b.path
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/")
                ),
                style: b.style.clone(),
            }),
        },
        lang: language.id.language.as_str().to_owned(),
        region: language.id.region.map(|r| r.as_str().to_owned()),
        tag: language.tag.clone(),
        dir: if language.is_rtl() { "rtl" } else { "ltr" },
        editions,
        messages,
        data,
    };
    Warned::checked(document, problems)
}

/// Every language's editions, for language switchers.
fn edition_links(inputs: &Inputs<'_>, language: &Language) -> Vec<EditionLink> {
    let manifest = &inputs.project.manifest;
    manifest
        .languages
        .iter()
        .map(|other| {
            let name = inputs
                .catalogs
                .get(&other.tag)
                .and_then(|c| c.message(LANGUAGE_NAME_MESSAGE).map(|_| c))
                .map(|c| c.format(LANGUAGE_NAME_MESSAGE, None, None).text)
                .unwrap_or_else(|| other.tag.clone());
            let path = |format: Format| {
                manifest
                    .formats
                    .contains(&format)
                    .then(|| inputs.project.layout.edition(other, None, format))
            };
            EditionLink {
                lang: other.tag.clone(),
                name,
                current: other == language,
                pdf: path(Format::Pdf),
                html: path(Format::Html),
            }
        })
        .collect()
}

/// Lists the source messages a translation lacks: an error (or, with
/// `allow_missing`, a warning) naming every one. Returns the missing ids.
fn missing_messages(
    catalog: &Catalog,
    source: Option<&Catalog>,
    policy: Missing,
    problems: &mut Problems,
) -> Vec<String> {
    let Some(source) = source.filter(|s| s.language != catalog.language) else {
        return Vec::new();
    };
    let missing: Vec<String> = source
        .messages()
        .filter(|m| m.id != LANGUAGE_NAME_MESSAGE && catalog.message(&m.id).is_none())
        .map(|m| m.id.clone())
        .collect();
    if missing.is_empty() {
        return missing;
    }
    let language = &catalog.language;
    let list = missing
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let problem = if policy == Missing::Fallback {
        Problem::warning(
            Code::MissingMessage,
            format!(
                "`{language}` is missing {} message(s), shown in `{}` instead: {list}",
                missing.len(),
                source.language
            ),
        )
    } else if policy == Missing::Gap {
        Problem::warning(
            Code::MissingMessage,
            format!(
                "`{language}` is missing {} message(s), shown as gaps in the parallel edition: {list}",
                missing.len()
            ),
        )
        .with_hint("pass --allow-missing to show the source text in the gaps instead")
    } else {
        Problem::error(
            Code::MissingMessage,
            format!("`{language}` is missing {} message(s): {list}", missing.len()),
        )
        .with_hint(format!(
            "translate them in locales/{language}/, or pass --allow-missing to render with the {} text",
            source.language
        ))
    };
    problems.push(problem);
    missing
}

struct Resolver<'a> {
    catalog: &'a Catalog,
    source: Option<&'a Catalog>,
    fallback: Option<&'a Catalog>,
    gaps: bool,
    problems: &'a mut Problems,
}

impl Resolver<'_> {
    /// Every message and attribute that needs no arguments, by id and `id.attr`.
    fn messages(&mut self, missing: &[String]) -> IndexMap<String, Text> {
        let missing: std::collections::HashSet<&str> = missing.iter().map(String::as_str).collect();
        let mut out = IndexMap::new();
        let own = self.catalog.messages().map(|m| (self.catalog, m));
        let borrowed = self
            .fallback
            .into_iter()
            .flat_map(|c| c.messages().map(move |m| (c, m)))
            .filter(|(_, m)| missing.contains(m.id.as_str()));
        let entries: Vec<(&Catalog, &Entry)> = own.chain(borrowed).collect();
        for (catalog, entry) in entries {
            // What needs arguments is formatted where the data gives them.
            if entry.has_value && entry.variables.is_empty() {
                let rich = self.format(catalog, entry, None, None, None);
                out.insert(entry.id.clone(), rich);
            }
            let attributes = (entry.attributes.iter())
                .filter(|a| !entry.attributes_needing_arguments.contains(*a));
            for attribute in attributes {
                let rich = self.format(catalog, entry, Some(attribute), None, None);
                out.insert(format!("{}.{attribute}", entry.id), rich);
            }
        }
        out
    }

    /// Formats one message into `{ "plain": …, "rich": [spans] }`, reporting
    /// problems at `used_at` (a data reference) or at the message itself.
    fn format(
        &mut self,
        catalog: &Catalog,
        entry: &Entry,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
        used_at: Option<&Location>,
    ) -> Text {
        let Formatted { text, errors } = catalog.format(&entry.id, attribute, args);
        let name = match attribute {
            Some(attribute) => format!("{}.{attribute}", entry.id),
            None => entry.id.clone(),
        };
        let language = &catalog.language;
        for error in errors {
            let mut problem = Problem::error(
                error.code,
                format!("message `{name}` ({language}): {error}"),
            )
            .at_location(Some(used_at.unwrap_or(&entry.location).clone()));
            if used_at.is_some() {
                problem =
                    problem.with_note(format!("message defined at {}", entry.location.display()));
            }
            if let Some(at) =
                (error.option.as_deref()).and_then(|o| catalog.locate_option(entry, o))
            {
                problem = problem.with_note(format!("the option is at {}", at.display()));
            }
            if error.code == Code::MissingArgument {
                problem = problem.with_hint(format!(
                    "give the variable in the data: {{ msg = \"{name}\", args = {{ … }} }}"
                ));
            }
            self.problems.push(problem);
        }
        match markup::parse(&text) {
            Ok(spans) => Text {
                plain: markup::plain_text(&spans),
                rich: spans,
            },
            Err(error) => {
                self.problems.push(
                    Problem::error(
                        Code::Markup,
                        format!("message `{name}` ({language}): {}", error.message),
                    )
                    .at_location(Some(entry.location.clone()))
                    .with_hint(error.hint),
                );
                Text {
                    rich: vec![markup::Span::Text { text: text.clone() }],
                    plain: text,
                }
            }
        }
    }

    fn table(&mut self, table: &IndexMap<String, Node>) -> IndexMap<String, DataValue> {
        table
            .iter()
            .map(|(key, node)| (key.clone(), self.node(node)))
            .collect()
    }

    fn node(&mut self, node: &Node) -> DataValue {
        match &node.value {
            Value::Bool(b) => DataValue::Bool(*b),
            Value::Integer(i) => DataValue::Integer(*i),
            Value::Float(f) => DataValue::Float(*f),
            Value::String(s) => DataValue::String(s.clone()),
            Value::Date(d) => DataValue::String(d.to_string()),
            Value::Array(items) => DataValue::Array(items.iter().map(|n| self.node(n)).collect()),
            Value::Table(table) => DataValue::Table(self.table(table)),
            Value::Message(reference) => DataValue::Text(self.reference(reference, &node.location)),
            Value::Chart(chart) => DataValue::Chart(Box::new(self.chart(chart))),
        }
    }

    /// A chart in this language: its words from the messages, its numbers
    /// and dates written as the language writes them.
    fn chart(&mut self, chart: &crate::data::chart::Chart) -> super::chart::ResolvedChart {
        let language = self.catalog.language.clone();
        let mut problems = Problems::default();
        let context = super::chart::ChartContext {
            lang: &language.id,
            data_label: super::labels::chart_data_label(self.catalog),
            problems: &mut problems,
        };
        let resolved = super::chart::resolve(chart, context, &mut |label| match label {
            Label::Message(reference, location) => self.reference(reference, location),
            Label::Text(text) => Text::literal(text),
        });
        self.problems.extend(problems);
        resolved
    }

    /// What stands for a message the language lacks: a gap in a parallel
    /// edition; otherwise nothing, and an error unless the source lacks it
    /// too (missing translations are reported as one list).
    fn missing_reference(&mut self, reference: &MessageRef, location: &Location) -> Text {
        let in_source = self
            .source
            .is_some_and(|c| c.message(&reference.id).is_some());
        if in_source && self.gaps {
            return Text::gap(&reference.id);
        }
        if !in_source {
            let ids = self.catalog.messages().map(|m| m.id.as_str());
            let problem = Problem::error(
                Code::UnknownMessage,
                format!(
                    "data uses message `{}`, which `{}` does not have",
                    reference.id, self.catalog.language
                ),
            )
            .at_location(Some(location.clone()));
            let hint = match crate::suggest::closest(&reference.id, ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "add `{} = …` to locales/{}/",
                    reference.id, self.catalog.language
                ),
            };
            self.problems.push(problem.with_hint(hint));
        }
        Text::empty()
    }

    fn reference(&mut self, reference: &MessageRef, location: &Location) -> Text {
        let found = self
            .catalog
            .message(&reference.id)
            .map(|entry| (self.catalog, entry))
            .or_else(|| {
                self.fallback
                    .and_then(|c| c.message(&reference.id).map(|entry| (c, entry)))
            });
        let Some((catalog, entry)) = found else {
            return self.missing_reference(reference, location);
        };
        if let Some(attribute) = &reference.attribute
            && !entry.attributes.contains(attribute)
        {
            self.problems.push(
                Problem::error(
                    Code::UnknownMessage,
                    format!(
                        "message `{}` has no attribute `.{attribute}` in `{}`",
                        reference.id, catalog.language
                    ),
                )
                .at_location(Some(location.clone()))
                .with_note(format!("message defined at {}", entry.location.display())),
            );
            return Text::empty();
        }
        let args = fluent_args(reference);
        self.format(
            catalog,
            entry,
            reference.attribute.as_deref(),
            Some(&args),
            Some(location),
        )
    }
}

/// The Fluent arguments of a data reference to a message.
pub fn fluent_args(reference: &MessageRef) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, arg) in &reference.args {
        let value = match &arg.value {
            ArgValue::Integer(i) => intl::integer_value(*i),
            ArgValue::Number(n) => FluentValue::from(*n),
            // Data text is never markup: escape it so it shows literally.
            ArgValue::String(s) => FluentValue::from(markup::escape_argument(s)),
            ArgValue::Date(d) => FluentValue::Custom(Box::new(DateValue::new(*d))),
        };
        args.set(name.clone(), value);
    }
    args
}
