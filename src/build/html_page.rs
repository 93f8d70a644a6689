//! What an HTML edition links to and is labelled with: the other editions
//! (for `hreflang` alternates and the switcher), its PDF, the switcher's
//! name. Computed before rendering, so it can also key the cache.

use super::Edition;
use super::html::{Alternate, Page};
use crate::document::LanguageLabels;
use crate::project::{BuildLayout, Format, Language};

/// The owned parts of an [`html::Page`](super::html::Page).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct HtmlPage {
    lang: String,
    editions: Vec<Alternate>,
    pdf_href: Option<String>,
    switcher_label: String,
    notes_label: String,
    parallel: bool,
}

/// Whether the edition's PDF is rendered alongside it (and can be linked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PdfLink {
    /// Link the PDF.
    Link,
    /// No PDF to link.
    None,
}

impl HtmlPage {
    /// The page of `edition`, linking every language of `languages`.
    pub(super) fn new(
        edition: &Edition,
        layout: &BuildLayout,
        languages: &[Language],
        labels: &LanguageLabels,
        pdf: PdfLink,
    ) -> Self {
        let here = edition.path(layout);
        let editions = languages
            .iter()
            .map(|other| Alternate {
                lang: other.tag.clone(),
                name: labels.name(other),
                href: relative_href(&here, &layout.edition(other, None, Format::Html)),
            })
            .collect();
        // A parallel edition always has its PDF beside it.
        let pdf_href = (edition.partner.is_some() || pdf == PdfLink::Link)
            .then(|| relative_href(&here, &edition.in_format(Format::Pdf).path(layout)));
        Self {
            lang: edition.language.tag.clone(),
            editions,
            pdf_href,
            switcher_label: labels.switcher(&edition.language),
            // A parallel page's notes are in both languages.
            notes_label: match &edition.partner {
                Some(partner) => format!(
                    "{} / {}",
                    labels.notes(&edition.language),
                    labels.notes(partner)
                ),
                None => labels.notes(&edition.language),
            },
            parallel: edition.partner.is_some(),
        }
    }

    /// The page as [`super::html::finish`] takes it.
    pub(super) fn as_page<'a>(&'a self, stylesheet: Option<&'a str>) -> Page<'a> {
        Page {
            lang: &self.lang,
            editions: &self.editions,
            pdf_href: self.pdf_href.as_deref(),
            stylesheet,
            switcher_label: &self.switcher_label,
            notes_label: &self.notes_label,
            parallel: self.parallel,
        }
    }
}

/// A link from one build-relative file to another ("es/index.html" →
/// "en/index.html" gives "../en/index.html").
pub(super) fn relative_href(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_editions() {
        assert_eq!(
            relative_href("es/index.html", "en/index.html"),
            "../en/index.html"
        );
        assert_eq!(relative_href("es/index.html", "es/r.pdf"), "r.pdf");
        assert_eq!(
            relative_href("es/index.html", "es/index.html"),
            "index.html"
        );
        assert_eq!(
            relative_href("parallel/r.es-en.html", "parallel/r.es-en.pdf"),
            "r.es-en.pdf"
        );
    }

    #[test]
    fn a_parallel_page_links_its_pdf_and_every_language() {
        let (es, en) = (
            Language::parse("es").expect("tag"),
            Language::parse("en").expect("tag"),
        );
        let layout = BuildLayout::new("/p", "r");
        let edition = Edition {
            language: es.clone(),
            partner: Some(en.clone()),
            format: Format::Html,
        };
        let page = HtmlPage::new(
            &edition,
            &layout,
            &[es, en],
            &LanguageLabels::default(),
            PdfLink::None,
        );
        let page = page.as_page(None);
        assert_eq!(page.pdf_href, Some("r.es-en.pdf"));
        assert!(page.parallel);
        let hrefs: Vec<&str> = page.editions.iter().map(|e| e.href.as_str()).collect();
        assert_eq!(hrefs, ["../es/index.html", "../en/index.html"]);
    }
}
