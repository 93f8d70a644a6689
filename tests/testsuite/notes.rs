//! Footnotes, lists and line breaks from messages in every edition, read
//! back from the real output: `pdftotext -layout` page by page, the HTML's
//! links and ids, and axe-core on every web page.

use std::collections::HashSet;

use crate::accessibility::axe_violations;
use crate::support::{Project, pdf_page_layout, repo_root};

/// The `notes` fixture with the repository's template helpers and
/// stylesheet, rendered in every format.
fn rendered() -> Project {
    let project = Project::fixture("notes");
    let lib = std::fs::read_to_string(repo_root().join("templates/lib/report.typ")).expect("lib");
    let css = std::fs::read_to_string(repo_root().join("templates/report.css")).expect("css");
    project.write("templates/lib/report.typ", &lib);
    project.write("templates/report.css", &css);
    project.report(&["render"]).success();
    project
}

/// A page's text as laid out (`pdftotext -layout`).
fn page(project: &Project, pdf: &str, number: usize) -> String {
    pdf_page_layout(&project.path(pdf), number)
}

#[test]
fn pdf_notes_sit_at_the_foot_of_their_marks_page_in_their_language() {
    let project = rendered();
    let es1 = page(&project, "build/es/notes.pdf", 1);
    assert!(
        es1.contains("Cuba votó en contra1 de la resolución."),
        "{es1}"
    );
    assert!(
        es1.contains("1Naciones Unidas, votación del 2 de marzo de 2022."),
        "{es1}"
    );
    assert!(
        !es1.contains("Informe de la asociación"),
        "the second note is on page 2:\n{es1}"
    );
    let es2 = page(&project, "build/es/notes.pdf", 2);
    assert!(es2.contains("barcos2 durante meses."), "{es2}");
    assert!(
        es2.contains("2Informe de la asociación, página 12."),
        "{es2}"
    );
    let en1 = page(&project, "build/en/notes.pdf", 1);
    assert!(
        en1.contains("1United Nations, vote of 2 March 2022."),
        "{en1}"
    );
    // The parallel edition: each column's note in its own language, at the
    // foot of the page its unit is on.
    let p1 = page(&project, "build/parallel/notes.es-en.pdf", 1);
    assert!(
        p1.contains("Naciones Unidas, votación del 2 de marzo de 2022."),
        "{p1}"
    );
    assert!(p1.contains("United Nations, vote of 2 March 2022."), "{p1}");
    assert!(!p1.contains("page 12"), "{p1}");
    let p2 = page(&project, "build/parallel/notes.es-en.pdf", 2);
    assert!(p2.contains("Informe de la asociación, página 12."), "{p2}");
    assert!(p2.contains("The association's report, page 12."), "{p2}");
}

#[test]
fn pdf_lists_nest_and_lines_break() {
    let project = rendered();
    let text = page(&project, "build/en/notes.pdf", 1);
    for line in [
        "Three steps:",
        "• first",
        "• second",
        "1. inside",
        "2. inside too",
        "• third",
        "First Street",
        "Havana",
    ] {
        assert!(
            text.lines().any(|l| l.trim() == line),
            "{line:?} is not a line of:\n{text}"
        );
    }
    // The nested items are indented under their parent.
    let indent = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .map(|l| l.len() - l.trim_start().len())
    };
    assert!(indent("1. inside") > indent("• second"), "{text}");
}

/// `(id, href)` of every `<a>` with a role, and every element id.
fn links_and_ids(html: &str) -> (Vec<(String, String, String)>, Vec<String>) {
    let mut links = Vec::new();
    for (at, _) in html.match_indices("<a ") {
        let tag = &html[at..at + html[at..].find('>').unwrap_or(0)];
        let attr = |name: &str| {
            tag.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default()
                .to_owned()
        };
        if !attr("role").is_empty() {
            links.push((attr("role"), attr("href"), tag.to_owned()));
        }
    }
    let ids = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    (links, ids)
}

#[test]
fn html_notes_link_both_ways_with_unique_ids_in_their_language() {
    let project = rendered();
    for (page, notes) in [
        (
            "build/es/index.html",
            vec![
                ("es", "Naciones Unidas"),
                ("es", "Informe de la asociación"),
            ],
        ),
        (
            "build/en/index.html",
            vec![("en", "United Nations"), ("en", "The association")],
        ),
        (
            "build/parallel/notes.es-en.html",
            vec![
                ("es", "Naciones Unidas"),
                ("en", "United Nations"),
                ("es", "Informe de la asociación"),
                ("en", "The association"),
            ],
        ),
    ] {
        let html = project.read(page);
        let (links, ids) = links_and_ids(&html);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{page}: ids repeat: {ids:?}");
        let refs: Vec<_> = links.iter().filter(|l| l.0 == "doc-noteref").collect();
        let backs: Vec<_> = links.iter().filter(|l| l.0 == "doc-backlink").collect();
        assert_eq!(refs.len(), notes.len(), "{page}: {links:?}");
        assert_eq!(backs.len(), notes.len(), "{page}: {links:?}");
        for (role, href, _) in refs.iter().chain(&backs) {
            let target = href.trim_start_matches('#');
            assert!(
                ids.iter().any(|id| id == target),
                "{page}: {role} to {href} has no target"
            );
        }
        // Each mark's note links back to the mark.
        for (_, href, _) in &refs {
            let note_at = html
                .find(&format!("id=\"{}\"", href.trim_start_matches('#')))
                .unwrap_or(0);
            let back = &html[note_at..];
            let back_href = back
                .split("role=\"doc-backlink\"")
                .next()
                .unwrap_or_default();
            assert!(
                back_href.contains("href=\"#"),
                "{page}: no back-link after {href}"
            );
        }
        assert!(
            html.contains("<section role=\"doc-endnotes\" aria-label="),
            "{page}"
        );
        for (lang, text) in notes {
            assert!(
                html.contains(&format!("<span lang=\"{lang}\">{text}")),
                "{page}: note {text:?} is not in {lang}"
            );
        }
    }
}

#[test]
fn html_lists_and_line_breaks_are_elements() {
    let project = rendered();
    let html = project.read("build/en/index.html");
    assert!(html.contains("<ul><li>first</li><li><p>second</p><ol start=\"1\"><li>inside</li><li>inside too</li></ol></li><li>third</li></ul>"), "{html}");
    assert!(html.contains("First Street<br>Havana"), "{html}");
}

#[test]
fn web_pages_with_notes_and_lists_have_no_axe_violations() {
    let project = rendered();
    for page in [
        "build/es/index.html",
        "build/en/index.html",
        "build/parallel/notes.es-en.html",
    ] {
        let violations = axe_violations(&project.path(page));
        assert!(
            violations.is_empty(),
            "{page}: {}",
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }
}
