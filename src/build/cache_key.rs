//! The cache key of an edition: everything about it that is not a file
//! Typst reads (those are fingerprinted from `typst --deps`, see
//! [`super::cache`]). Two renders with equal keys and unchanged inputs
//! produce the same bytes, so the second can be skipped.

use std::path::Path;

use super::cache::content_hash;
use super::html_page::HtmlPage;
use crate::project::Format;
use crate::typst::Input;

/// What an edition's output depends on besides the files Typst reads.
/// Settings that do not affect a format are left out of its key (a PDF's
/// key has no stylesheet, an HTML page's no creation date), so changing
/// them does not rebuild editions they cannot change.
#[derive(Debug)]
pub(super) struct EditionKey<'a> {
    /// `report`'s own version (the resolver and post-processing).
    pub report_version: &'static str,
    /// Typst's version and where it is.
    pub typst: (&'a semver::Version, &'a Path),
    /// PDF or HTML.
    pub format: Format,
    /// The `--input` pairs given to Typst.
    pub inputs: &'a [Input],
    /// The entry template.
    pub template: &'a Path,
    /// The extra font directory.
    pub fonts: Option<&'a Path>,
    /// The PDF creation date.
    pub creation_timestamp: Option<i64>,
    /// The PDF standards.
    pub pdf_standards: &'a [String],
    /// What the HTML page links to.
    pub page: Option<&'a HtmlPage>,
    /// The stylesheet added to HTML pages.
    pub stylesheet: Option<&'a str>,
    /// A print edition's output profile.
    pub print_profile: Option<&'a [u8]>,
}

impl EditionKey<'_> {
    /// The key as a content hash, as stored in the cache.
    pub(super) fn fingerprint(&self) -> String {
        let pdf = self.format != Format::Html;
        let relevant = format!(
            "report {}\ntypst {} at {}\n{}\ninputs {:?}\ntemplate {}\nfonts {:?}\n\
             timestamp {:?}\nstandards {:?}\nhtml {:?}\nstylesheet {}\nprofile {}",
            self.report_version,
            self.typst.0,
            self.typst.1.display(),
            self.format.name(),
            self.inputs,
            self.template.display(),
            self.fonts,
            self.creation_timestamp.filter(|_| pdf),
            Some(self.pdf_standards).filter(|_| pdf),
            self.page.filter(|_| !pdf),
            // report's own style is part of every page: a change to it
            // (within one version, while report is developed) rebuilds them.
            self.stylesheet
                .filter(|_| !pdf)
                .map(|css| content_hash(format!("{}{css}", super::html::BASE_STYLE).as_bytes()))
                .unwrap_or_else(|| content_hash(super::html::BASE_STYLE.as_bytes())),
            self.print_profile.map(content_hash).unwrap_or_default(),
        );
        content_hash(relevant.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(format: Format, version: &'a semver::Version) -> EditionKey<'a> {
        EditionKey {
            report_version: "1.0.0",
            typst: (version, Path::new("/usr/bin/typst")),
            format,
            inputs: &[],
            template: Path::new("templates/report.typ"),
            fonts: None,
            creation_timestamp: Some(0),
            pdf_standards: &[],
            page: None,
            stylesheet: Some("body {}"),
            print_profile: None,
        }
    }

    #[test]
    fn keys_change_with_what_the_format_depends_on() {
        let version = semver::Version::new(0, 15, 1);
        let newer = semver::Version::new(0, 15, 2);
        let pdf = key(Format::Pdf, &version).fingerprint();
        assert_eq!(pdf, key(Format::Pdf, &version).fingerprint(), "stable");
        assert_eq!(pdf.len(), 32);
        assert_ne!(pdf, key(Format::Html, &version).fingerprint());
        assert_ne!(pdf, key(Format::Pdf, &newer).fingerprint());
        let dated = EditionKey {
            creation_timestamp: Some(86_400),
            ..key(Format::Pdf, &version)
        };
        assert_ne!(pdf, dated.fingerprint(), "a PDF depends on its date");
        let inputs = [Input::new("report-data", "/build/.report/en.json")];
        let other_input = EditionKey {
            inputs: &inputs,
            ..key(Format::Pdf, &version)
        };
        assert_ne!(pdf, other_input.fingerprint());
        let restyled = EditionKey {
            stylesheet: Some("body { color: red }"),
            ..key(Format::Pdf, &version)
        };
        assert_eq!(pdf, restyled.fingerprint(), "a PDF has no stylesheet");
        let html = key(Format::Html, &version).fingerprint();
        let restyled_html = EditionKey {
            stylesheet: Some("body { color: red }"),
            ..key(Format::Html, &version)
        };
        assert_ne!(html, restyled_html.fingerprint());
        let redated_html = EditionKey {
            creation_timestamp: Some(86_400),
            ..key(Format::Html, &version)
        };
        assert_eq!(html, redated_html.fingerprint(), "a page has no date");
    }
}
