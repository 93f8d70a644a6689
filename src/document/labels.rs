//! Each language's name in itself ("Español") and its language-switcher
//! label ("Idiomas"), formatted once before rendering starts: catalogs
//! cannot be shared with the worker threads that finish the HTML pages.

use indexmap::IndexMap;

use crate::l10n::{Catalog, markup};
use crate::project::Language;

/// Message id whose value names a language in itself ("Español").
pub(crate) const LANGUAGE_NAME_MESSAGE: &str = "language-name";
/// Message id of the language switcher's accessible name.
pub(crate) const SWITCHER_MESSAGE: &str = "language-switcher";
/// Message id of the accessible name of a web page's list of notes.
pub(crate) const NOTES_MESSAGE: &str = "notes-label";

/// A language's labels, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LanguageLabel {
    /// The language's name in itself, or its tag.
    pub name: String,
    /// The language switcher's name in that language.
    pub switcher: String,
    /// The name of a web page's list of notes in that language.
    pub notes: String,
}

/// Every language's labels, by tag.
#[derive(Debug, Clone, Default)]
pub(crate) struct LanguageLabels(IndexMap<String, LanguageLabel>);

impl LanguageLabels {
    /// Formats the labels of `languages` from their catalogs.
    pub(crate) fn from_catalogs(
        languages: &[Language],
        catalogs: &IndexMap<String, Catalog>,
    ) -> Self {
        let labels = languages
            .iter()
            .map(|language| {
                let catalog = catalogs.get(&language.tag);
                let label = LanguageLabel {
                    name: catalog
                        .and_then(|c| plain_message(c, LANGUAGE_NAME_MESSAGE))
                        .unwrap_or_else(|| language.tag.clone()),
                    switcher: catalog
                        .and_then(|c| plain_message(c, SWITCHER_MESSAGE))
                        .unwrap_or_else(|| "Languages".to_owned()),
                    notes: catalog
                        .and_then(|c| plain_message(c, NOTES_MESSAGE))
                        .unwrap_or_else(|| default_notes_label(language).to_owned()),
                };
                (language.tag.clone(), label)
            })
            .collect();
        Self(labels)
    }

    /// The language's name in itself (its tag when unknown).
    pub(crate) fn name(&self, language: &Language) -> String {
        self.0
            .get(&language.tag)
            .map_or_else(|| language.tag.clone(), |l| l.name.clone())
    }

    /// The name of the list of notes in the language.
    pub(crate) fn notes(&self, language: &Language) -> String {
        self.0.get(&language.tag).map_or_else(
            || default_notes_label(language).to_owned(),
            |l| l.notes.clone(),
        )
    }

    /// The switcher's label in the language ("Languages" when unknown).
    pub(crate) fn switcher(&self, language: &Language) -> String {
        self.0
            .get(&language.tag)
            .map_or_else(|| "Languages".to_owned(), |l| l.switcher.clone())
    }
}

/// "Notes" in a few languages, for projects without a `notes-label`
/// message.
fn default_notes_label(language: &Language) -> &'static str {
    match language.id.language.as_str() {
        "es" | "pt" | "gl" => "Notas",
        "ca" => "Notes",
        "de" => "Anmerkungen",
        "it" => "Note",
        "nl" => "Noten",
        _ => "Notes",
    }
}

/// Message id of the name of a chart's data table on web pages.
pub(crate) const CHART_DATA_MESSAGE: &str = "chart-data-label";

/// The name of a chart's data table in the catalog's language: its
/// `chart-data-label` message, or "Data" in a few languages.
pub(crate) fn chart_data_label(catalog: &Catalog) -> String {
    plain_message(catalog, CHART_DATA_MESSAGE).unwrap_or_else(|| {
        match catalog.language.id.language.as_str() {
            "es" | "gl" => "Datos",
            "pt" => "Dados",
            "ca" => "Dades",
            "fr" => "Données",
            "de" => "Daten",
            "it" => "Dati",
            "nl" => "Gegevens",
            "ar" => "البيانات",
            "he" => "נתונים",
            _ => "Data",
        }
        .to_owned()
    })
}

/// A message as plain text, if the catalog has it.
fn plain_message(catalog: &Catalog, id: &str) -> Option<String> {
    catalog.message(id)?;
    let text = catalog.format(id, None, None).text;
    Some(markup::parse(&text).map_or(text, |spans| markup::plain_text(&spans)))
}
