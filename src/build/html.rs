//! Finishing Typst's HTML export into a web edition.
//!
//! Typst's HTML export is experimental: it carries no styling and knows
//! nothing of the other editions. A streaming HTML rewriter (lol_html, not
//! string replacement) adds what a reader needs: the stylesheet, a viewport
//! for phones, `<link rel="alternate" hreflang>` for every other edition, a
//! visible language switcher, and the right `<html lang>`. Footnotes, which
//! Typst writes as endnotes, get their ARIA roles on the links (where ARIA
//! allows them) and a visible heading that names them, so that the notes
//! are a landmark and do not read as part of the sources before them.
//!
//! Report's own style ([`BASE_STYLE`]) comes before the project's
//! stylesheet (which may override it): what Typst's export needs in every
//! project — images keep their aspect ratio, a table wider than a phone
//! scrolls inside its figure instead of the page, long words and addresses
//! wrap, the bibliography hangs its entries, numeric table columns
//! ([`super::html_tables`]) are right-aligned as in the PDF; in a parallel
//! page each row of notes keeps its distance from the next row, and on a
//! phone a heading's translation sits right under it.

use crate::escape::html as escape;
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

/// Another edition a page links to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Alternate {
    /// BCP 47 tag.
    pub lang: String,
    /// The language's name in itself ("English").
    pub name: String,
    /// Link from this page to that edition.
    pub href: String,
}

/// What the finished page must carry.
#[derive(Debug, Clone)]
pub(crate) struct Page<'a> {
    /// This edition's language tag.
    pub lang: &'a str,
    /// The other editions, in manifest order, and this one (with `href` to itself).
    pub editions: &'a [Alternate],
    /// Link to this language's PDF, when one is rendered.
    pub pdf_href: Option<&'a str>,
    /// Stylesheet text to embed.
    pub stylesheet: Option<&'a str>,
    /// Accessible name of the language switcher ("Idiomas").
    pub switcher_label: &'a str,
    /// Accessible name of the list of notes ("Notas").
    pub notes_label: &'a str,
    /// A parallel (bilingual) page: it is no language's alternate, and no
    /// single edition is the current one.
    pub parallel: bool,
}

/// Report's rules for what Typst's HTML export writes, before the
/// project's stylesheet. Typst sizes an image with a width in `style` and
/// its pixel size in `width`/`height`: without `height: auto` the height
/// stays at the pixels while the width shrinks.
pub(crate) const BASE_STYLE: &str = "\
/* The accent when the template gives none (`theme(accent: …)`). */
:root { --accent: #1f4e79; }
body { font-family: \"Libertinus Serif\", serif; }
img { max-width: 100%; height: auto; }
figure { max-width: 100%; }
/* A table wider than a phone scrolls by itself (report makes it focusable). */
table { display: block; max-width: 100%; overflow-x: auto; }
p, li, td, th, figcaption, blockquote { overflow-wrap: break-word; }
section.hanging-indent li { padding-left: 1.5em; text-indent: -1.5em; margin: 0 0 0.5em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
/* A chart (the library's `chart`): its drawing shrinks with the column
   and keeps its proportions; its data table follows in a disclosure. */
.chart { text-align: start; }
.chart-drawing svg { max-width: 100%; height: auto !important; }
.chart-data { margin: 0.4em 0; }
.chart-data summary { cursor: pointer; }
/* The language switcher report adds. */
nav.report-editions ul { display: flex; flex-wrap: wrap; gap: 0.4em; list-style: none; margin: 0 0 1.5em; padding: 0; }
@media print { nav.report-editions { display: none; } }
/* A parallel page: one row per unit, each language in its column; on a
   phone, source then translation, unit by unit. */
body:has(.parallel) { max-width: 78rem; }
.parallel .row { display: grid; grid-template-columns: 1fr 1fr; column-gap: 2.5rem; align-items: start; }
.parallel .row.shared { display: block; text-align: center; }
.parallel .col > :first-child { margin-top: 0; }
/* A column may be narrower than a wide table in it (which then scrolls
   inside its figure) instead of widening the page. */
.parallel .col { min-width: 0; }
.parallel .row.notes { margin: 0.3em 0 1.2em; }
.row.notes ol.notes { list-style: none; margin: 0; padding: 0; font-size: 0.85em; }
.row.notes ol.notes li { margin: 0.2em 0; }
@media (max-width: 48rem) {
  .parallel .row { grid-template-columns: 1fr; }
  .parallel .col + .col { border-left: 3px solid #ddd; padding-left: 0.8em; margin-bottom: 1em; }
  /* A heading's translation right under it. */
  .parallel .row.heading .col > :first-child { margin-bottom: 0.2em; }
  .parallel .row.heading .col + .col > :first-child { margin-top: 0.2em; }
}
";

/// The accent colour the template gave with the library's `theme`
/// (`<meta name="report-accent" content="#8c1c13">`), if it is one.
fn theme_accent(html: &str) -> Result<Option<String>, String> {
    let found = std::rc::Rc::new(std::cell::RefCell::new(None));
    let seen = std::rc::Rc::clone(&found);
    let settings = RewriteStrSettings::new().append_element_content_handler(element!(
        "meta[name=report-accent]",
        move |el| {
            let colour = el.get_attribute("content").unwrap_or_default();
            let hex = colour.strip_prefix('#').unwrap_or("");
            if matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                *seen.borrow_mut() = Some(colour);
            }
            Ok(())
        }
    ));
    rewrite_str(html, settings).map_err(|e| format!("failed to read Typst's HTML ({e})"))?;
    Ok(found.take())
}

/// Rewrites Typst's HTML into the finished edition.
pub(crate) fn finish(html: &str, page: &Page<'_>) -> Result<String, String> {
    let numeric = super::html_tables::numeric_cells(html)?;
    let html = &super::html_tables::mark(html, &numeric)?;
    let accent = theme_accent(html)?;
    let mut head = head(page);
    if let Some(accent) = accent {
        // After the project's stylesheet: the template's colour wins.
        head.push_str(&format!(
            "<style>\n:root {{ --accent: {accent}; }}\n</style>\n"
        ));
    }
    let nav = switcher(page);
    let lang = page.lang.to_owned();
    let rtl = crate::project::Language::parse(&lang).is_ok_and(|l| l.is_rtl());
    let notes_label = page.notes_label;
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("html", |el| {
            el.set_attribute("lang", &lang)?;
            // A page in Arabic or Hebrew is read from the right.
            if rtl {
                el.set_attribute("dir", "rtl")?;
            }
            Ok(())
        }))
        // Ours replaces any viewport Typst wrote, so there is exactly one.
        .append_element_content_handler(element!("meta[name=viewport]", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("head", |el| {
            el.append(&head, ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("meta[name=report-accent]", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("body", |el| {
            el.prepend(&nav, ContentType::Html);
            Ok(())
        }))
        // Typst puts `doc-noteref` and `doc-backlink` on the `<sup>` around
        // each link; ARIA allows them on links only.
        .append_element_content_handler(element!("sup[role=doc-noteref] > a", |el| {
            el.set_attribute("role", "doc-noteref")?;
            Ok(())
        }))
        .append_element_content_handler(element!("sup[role=doc-backlink] > a", |el| {
            el.set_attribute("role", "doc-backlink")?;
            Ok(())
        }))
        .append_element_content_handler(element!(
            "sup[role=doc-noteref], sup[role=doc-backlink]",
            |el| {
                el.remove_attribute("role");
                Ok(())
            }
        ))
        .append_element_content_handler(element!("section[role=doc-endnotes]", |el| {
            el.remove_attribute("aria-label");
            el.set_attribute("aria-labelledby", "report-notes")?;
            el.prepend(
                &format!(
                    "<h2 id=\"report-notes\" class=\"notes-heading\">{}</h2>",
                    escape(notes_label)
                ),
                ContentType::Html,
            );
            Ok(())
        }));
    rewrite_str(html, settings).map_err(|e| format!("failed to rewrite Typst's HTML ({e})"))
}

/// What goes at the end of `<head>`: a viewport for phones, an alternate
/// link to every other language's edition, the stylesheet.
fn head(page: &Page<'_>) -> String {
    let mut head = String::from(
        "\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    );
    for edition in page
        .editions
        .iter()
        .filter(|e| e.lang != page.lang && !page.parallel)
    {
        head.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
            escape(&edition.lang),
            escape(&edition.href)
        ));
    }
    head.push_str(&format!(
        "<style>\n{}{BASE_STYLE}</style>\n",
        super::html_fonts::FONT_FACES
    ));
    if let Some(css) = page.stylesheet {
        // `</style` cannot appear inside a style element; CSS never needs it.
        head.push_str(&format!(
            "<style>\n{}\n</style>\n",
            css.replace("</style", "<\\/style")
        ));
    }
    head
}

/// The language switcher at the top of `<body>`: every edition (this one
/// marked current) and the PDF.
fn switcher(page: &Page<'_>) -> String {
    let mut nav = format!(
        "\n<nav class=\"report-editions\" aria-label=\"{}\"><ul>",
        escape(page.switcher_label)
    );
    for edition in page.editions {
        let relation = if edition.lang == page.lang && !page.parallel {
            "aria-current=\"page\""
        } else {
            "rel=\"alternate\""
        };
        nav.push_str(&format!(
            "<li><a {relation} lang=\"{0}\" hreflang=\"{0}\" href=\"{1}\">{2}</a></li>",
            escape(&edition.lang),
            escape(&edition.href),
            escape(&edition.name)
        ));
    }
    if let Some(pdf) = page.pdf_href {
        nav.push_str(&format!(
            "<li class=\"report-pdf\"><a type=\"application/pdf\" href=\"{}\">PDF</a></li>",
            escape(pdf)
        ));
    }
    nav.push_str("</ul></nav>\n");
    nav
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_lang_alternates_switcher_and_style() -> Result<(), String> {
        let editions = [
            Alternate {
                lang: "es".into(),
                name: "Español".into(),
                href: "index.html".into(),
            },
            Alternate {
                lang: "en".into(),
                name: "English <&>".into(),
                href: "../en/index.html".into(),
            },
        ];
        let page = Page {
            lang: "es",
            editions: &editions,
            pdf_href: Some("r.pdf"),
            stylesheet: Some("body { color: black }"),
            switcher_label: "Idiomas",
            notes_label: "Notas",
            parallel: false,
        };
        let html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"x\"></head><body><p>Hola<sup id=\"loc-1\" role=\"doc-noteref\"><a href=\"#loc-2\">1</a></sup></p><section role=\"doc-endnotes\"><ol><li id=\"loc-2\"><sup role=\"doc-backlink\"><a href=\"#loc-1\">1</a></sup>Nota</li></ol></section></body></html>";
        let out = finish(html, &page)?;
        assert!(out.contains("<html lang=\"es\">"), "{out}");
        assert_eq!(out.matches("name=\"viewport\"").count(), 1);
        assert!(out.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../en/index.html\">"));
        assert!(
            !out.contains("hreflang=\"es\" href=\"index.html\">\n"),
            "no alternate to itself"
        );
        assert!(out.contains("English &lt;&amp;&gt;"));
        // Note roles move to the links; the notes are a named landmark.
        assert!(
            out.contains("<sup id=\"loc-1\"><a href=\"#loc-2\" role=\"doc-noteref\">1</a></sup>"),
            "{out}"
        );
        assert!(
            out.contains("<sup><a href=\"#loc-1\" role=\"doc-backlink\">1</a></sup>"),
            "{out}"
        );
        // The notes are a landmark named by a visible heading.
        assert!(
            out.contains(
                "<section role=\"doc-endnotes\" aria-labelledby=\"report-notes\">\
                 <h2 id=\"report-notes\" class=\"notes-heading\">Notas</h2>"
            ),
            "{out}"
        );
        // Report's own style comes first; the project's may override it.
        let base = out
            .find("img { max-width: 100%; height: auto; }")
            .expect("base style");
        let project = out
            .find("<style>\nbody { color: black }\n</style>")
            .expect("project style");
        assert!(base < project, "{out}");
        assert!(out.contains("<body>\n<nav class=\"report-editions\" aria-label=\"Idiomas\">"));
        Ok(())
    }
}
