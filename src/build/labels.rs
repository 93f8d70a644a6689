//! Each language's name in itself ("Español") and its language-switcher
//! label ("Idiomas"), formatted once before rendering starts: catalogs
//! cannot be shared with the worker threads that finish the HTML pages.

use indexmap::IndexMap;

use crate::l10n::{Catalog, markup};
use crate::project::Language;

/// Message id whose value names a language in itself ("Español").
pub const LANGUAGE_NAME_MESSAGE: &str = "language-name";
/// Message id of the language switcher's accessible name.
pub const SWITCHER_MESSAGE: &str = "language-switcher";

/// A language's labels, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageLabel {
    /// The language's name in itself, or its tag.
    pub name: String,
    /// The language switcher's name in that language.
    pub switcher: String,
}

/// Every language's labels, by tag.
#[derive(Debug, Clone, Default)]
pub struct LanguageLabels(IndexMap<String, LanguageLabel>);

impl LanguageLabels {
    /// Formats the labels of `languages` from their catalogs.
    pub fn from_catalogs(languages: &[Language], catalogs: &IndexMap<String, Catalog>) -> Self {
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
                };
                (language.tag.clone(), label)
            })
            .collect();
        Self(labels)
    }

    /// The language's name in itself (its tag when unknown).
    pub fn name(&self, language: &Language) -> String {
        self.0
            .get(&language.tag)
            .map_or_else(|| language.tag.clone(), |l| l.name.clone())
    }

    /// The switcher's label in the language ("Languages" when unknown).
    pub fn switcher(&self, language: &Language) -> String {
        self.0
            .get(&language.tag)
            .map_or_else(|| "Languages".to_owned(), |l| l.switcher.clone())
    }
}

/// A message as plain text, if the catalog has it.
fn plain_message(catalog: &Catalog, id: &str) -> Option<String> {
    catalog.message(id)?;
    let text = catalog.format(id, None, None).text;
    Some(markup::parse(&text).map_or(text, |spans| markup::plain_text(&spans)))
}
