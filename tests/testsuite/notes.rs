//! Footnotes, lists and line breaks from messages in every edition, read
//! back from the real output: `pdftotext -layout` page by page, the HTML's
//! links and ids, and axe-core on every web page.

use std::collections::HashSet;

use crate::accessibility::assert_no_violations;
use crate::support::{Project, pdf_page_layout, repo_root};

/// The `notes` fixture with the repository's stylesheet (the template
/// library is report's own).
fn notes_project() -> Project {
    let project = Project::fixture("notes");
    let css = std::fs::read_to_string(repo_root().join("templates/report.css")).expect("css");
    project.write("templates/report.css", &css);
    project
}

/// The `notes` fixture rendered in every format.
fn rendered() -> Project {
    let project = notes_project();
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
    // Each language numbers its own notes, and the right column's notes
    // sit under the right column, beside the left column's: on the same
    // line, not below them.
    // Where `needle` starts in its line, in characters.
    let indent = |text: &str, needle: &str| {
        text.lines()
            .find_map(|l| l.find(needle).map(|at| l[..at].chars().count()))
            .unwrap_or_default()
    };
    assert!(
        p1.contains("1Naciones Unidas") && p1.contains("1United Nations"),
        "{p1}"
    );
    let column = indent(&p1, "Cuba voted against");
    let (right, left) = (
        indent(&p1, "1United Nations"),
        indent(&p1, "1Naciones Unidas"),
    );
    assert!(
        right >= column && left < column / 2,
        "{left} {right} {column}:\n{p1}"
    );
    assert!(
        p1.lines()
            .any(|l| l.contains("1Naciones Unidas") && l.contains("1United Nations")),
        "the notes are not side by side:\n{p1}"
    );
    let p2 = page(&project, "build/parallel/notes.es-en.pdf", 2);
    assert!(p2.contains("Informe de la asociación, página 12."), "{p2}");
    assert!(p2.contains("The association’s report, page 12."), "{p2}");
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
                ("es", "Véase"),
            ],
        ),
        (
            "build/en/index.html",
            vec![
                ("en", "United Nations"),
                ("en", "The association"),
                ("en", "See"),
            ],
        ),
        (
            "build/parallel/notes.es-en.html",
            vec![
                ("es", "Naciones Unidas"),
                ("en", "United Nations"),
                ("es", "Informe de la asociación"),
                ("en", "The association"),
                ("es", "Véase"),
                ("en", "See"),
            ],
        ),
    ] {
        let html = project.read(page);
        let (links, ids) = links_and_ids(&html);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{page}: ids repeat: {ids:?}");
        let refs: Vec<_> = links.iter().filter(|l| l.0 == "doc-noteref").collect();
        let backs: Vec<_> = links.iter().filter(|l| l.0 == "doc-backlink").collect();
        // Citations link to their work in the list of sources.
        let cites: Vec<_> = links.iter().filter(|l| l.0 == "doc-biblioref").collect();
        assert!(!cites.is_empty(), "{page}: no citation links");
        for (_, href, _) in &cites {
            let target = href.trim_start_matches('#');
            let at = html
                .find(&format!("<li id=\"{target}\""))
                .unwrap_or_else(|| panic!("{page}: no work {href}"));
            let list = html[..at]
                .rfind("<section role=\"doc-bibliography\"")
                .unwrap_or(0);
            assert!(list > 0, "{page}: {href} is not in the list of sources");
        }
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
        if page.contains("parallel") {
            // A parallel page sets each row's notes right after the row,
            // each under its column, in that column's language.
            for (lang, text) in notes {
                let note = html
                    .find(&format!("</a> {text}"))
                    .unwrap_or_else(|| panic!("{page}: no note {text:?}"));
                let column = html[..note]
                    .rfind("<div class=\"col\" lang=\"")
                    .unwrap_or(0);
                assert!(
                    html[column..note].starts_with(&format!(
                        "<div class=\"col\" lang=\"{lang}\"><ol class=\"notes\""
                    )),
                    "{page}: note {text:?} is not under the {lang} column"
                );
                let row = html[..column].rfind("<div class=\"row ").unwrap_or(0);
                assert!(
                    html[row..].starts_with("<div class=\"row notes\">"),
                    "{page}"
                );
            }
            assert!(
                !html.contains("doc-endnotes"),
                "{page}: notes at the end of the page"
            );
        } else {
            assert!(
                html.contains("<section role=\"doc-endnotes\" aria-labelledby=\"report-notes\"><h2 id=\"report-notes\""),
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
    assert_no_violations(
        &project,
        &[
            "build/es/index.html",
            "build/en/index.html",
            "build/parallel/notes.es-en.html",
        ],
    );
}

#[test]
fn citations_and_sources_are_formatted_in_each_language() {
    let project = rendered();
    let es = crate::support::pdf_text(&project.path("build/es/notes.pdf"));
    assert!(es.contains("(Doe y Roe 2023, p. 3)"), "{es}");
    assert!(es.contains("Fuentes"), "{es}");
    assert!(es.contains("«Cuban recruits on the front line»"), "{es}");
    assert!(
        es.contains("Véase (United Nations General Assembly 2022)"),
        "{es}"
    );
    let en = crate::support::pdf_text(&project.path("build/en/notes.pdf"));
    assert!(en.contains("(Doe and Roe 2023, p. 3)"), "{en}");
    assert!(en.contains("Sources"), "{en}");
    assert!(en.contains("“Cuban Recruits on the front Line.”"), "{en}");
    // The parallel edition lists the works in both languages.
    let parallel = crate::support::pdf_text(&project.path("build/parallel/notes.es-en.pdf"));
    assert!(
        parallel.contains("Doe, Jane, y Richard Roe")
            && parallel.contains("Doe, Jane, and Richard Roe"),
        "{parallel}"
    );
}

/// `report check` on the notes fixture after `edit`; its stderr.
fn check_after(edit: impl Fn(&Project)) -> (i32, String) {
    let project = notes_project();
    edit(&project);
    let run = project.report(&["check", "--color", "never"]);
    (run.code(), run.stderr)
}

#[test]
fn citations_of_unknown_works_are_located_errors() {
    let (code, stderr) =
        check_after(|p| p.replace("locales/en/main.ftl", "[@wsj, p. 3]", "[@wsjj, p. 3]"));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[unknown-citation]: `cited-claim` cites `@wsjj`, which data/sources.yml does not have"), "{stderr}");
    assert!(stderr.contains("locales/en/main.ftl:"), "{stderr}");
    assert!(stderr.contains("did you mean `@wsj`?"), "{stderr}");
    // Without a bibliography every citation is one.
    let (code, stderr) =
        check_after(|p| p.replace("report.toml", "bibliography = \"data/sources.yml\"\n", ""));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cites `@wsj`, but report.toml names no bibliography"),
        "{stderr}"
    );
    // Render refuses the language at the message, before Typst.
    let project = notes_project();
    project.replace("locales/en/main.ftl", "[@un-vote]", "[@un-votes]");
    let run = project.report(&["render", "--format", "pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[unknown-citation]"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error[typst]"), "{}", run.stderr);
}

#[test]
fn a_bibliography_that_does_not_read_is_a_located_error() {
    let (code, stderr) =
        check_after(|p| p.replace("data/sources.yml", "  date: 2022-03-02", "  date: [2022"));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[bibliography]: the bibliography does not parse"),
        "{stderr}"
    );
    assert!(stderr.contains("data/sources.yml:"), "{stderr}");
    let (code, stderr) =
        check_after(|p| p.replace("data/sources.yml", "  title: Resolution ES-11/1\n", ""));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[bibliography]: the work `un-vote` has no title"),
        "{stderr}"
    );
    assert!(stderr.contains("data/sources.yml:13:1"), "{stderr}");
    // BibTeX reads too, and its errors are located.
    let bib = "@article{wsj,\n  title = {Cuban recruits},\n  author = {Doe, Jane},\n  journal = {WSJ},\n  year = {2023}\n}\n@report{un-vote,\n  title = {Resolution ES-11/1},\n  author = {{United Nations}},\n  year = {2022}\n}\n";
    let (code, stderr) = check_after(|p| {
        p.write("data/sources.bib", bib);
        p.replace("report.toml", "data/sources.yml", "data/sources.bib");
    });
    assert!(
        !stderr.contains("error[bibliography]") && !stderr.contains("unknown-citation"),
        "{code} {stderr}"
    );
    let (code, stderr) = check_after(|p| {
        p.write(
            "data/sources.bib",
            &bib.replace("year = {2023}\n}", "year = {2023}\n"),
        );
        p.replace("report.toml", "data/sources.yml", "data/sources.bib");
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[bibliography]") && stderr.contains("data/sources.bib:"),
        "{stderr}"
    );
}

#[test]
fn citation_styles_are_checked_against_typsts() {
    let (code, stderr) = check_after(|p| {
        p.replace(
            "report.toml",
            "bibliography = \"data/sources.yml\"",
            "bibliography = \"data/sources.yml\"\ncitation-style = \"chicago-autor-date\"",
        )
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("unknown citation style `chicago-autor-date`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean \"chicago-author-date\"?"),
        "{stderr}"
    );
    let (code, stderr) = check_after(|p| {
        p.replace(
            "report.toml",
            "bibliography = \"data/sources.yml\"",
            "citation-style = \"apa\"",
        )
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("`citation-style` is set, but there is no `bibliography`"),
        "{stderr}"
    );
    let (_, stderr) = check_after(|p| {
        p.replace(
            "report.toml",
            "bibliography = \"data/sources.yml\"",
            "bibliography = \"data/sources.yml\"\ncitation-style = \"apa\"",
        )
    });
    assert!(!stderr.contains("citation"), "{stderr}");
}

#[test]
fn malformed_notes_and_citations_are_text_or_located_errors_never_code() {
    for (message, expected) in [
        // The source's own mistake, told in the source (the editions would
        // print `^[`).
        (
            "claim = Cuba votó ^[sin cerrar.",
            Some("`^[sin cerrar.` opens a note that nothing closes"),
        ),
        (
            "claim = Cita [@] vacía.",
            Some("has no citation key after `@`"),
        ),
        ("claim = Cita [@clave rara].", Some("may hold only letters")),
        ("claim = #panic(\"x\")^[#panic(\"y\") [@wsj]]", None),
    ] {
        let project = notes_project();
        let ftl = project.read("locales/es/main.ftl");
        let start = ftl.find("claim = ").expect("claim");
        let end = start + ftl[start..].find('\n').expect("line end");
        project.write(
            "locales/es/main.ftl",
            &format!("{}{message}{}", &ftl[..start], &ftl[end..]),
        );
        let run = project.report(&["check", "--color", "never"]);
        match expected {
            Some(says) => {
                assert_eq!(run.code(), 1, "{message}: {}", run.stderr);
                assert!(
                    run.stderr.contains(says) && run.stderr.contains("locales/es/main.ftl:"),
                    "{message}: {}",
                    run.stderr
                );
            }
            None => assert!(!run.stderr.contains("error["), "{message}: {}", run.stderr),
        }
        let resolved = project.report(&["resolve", "--lang", "es"]);
        if expected.is_none() {
            let json: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(project.path("build/.report/es.json")).expect("es.json"),
            )
            .expect("json");
            let spans = json["messages"]["claim"]["rich"].to_string();
            assert!(!spans.contains("\"type\":\"raw\""), "{spans}");
            if message.contains("#panic") {
                assert!(
                    spans.contains("#panic(\\\"x\\\")") && spans.contains("\"type\":\"footnote\""),
                    "{spans}"
                );
            } else {
                assert!(spans.contains("^[sin cerrar."), "{spans}");
            }
        }
        drop(resolved);
    }
}

#[test]
fn the_sample_footnotes_its_sources_on_their_page_and_lists_them() {
    let project = Project::sample();
    project.report(&["render", "--format", "pdf"]).success();
    for (lang, claim, note, list) in [
        (
            "es",
            "aliado preferido de Putin.1",
            "1(Asociación Cubana Española en Transición y Center for a Free Cuba, s. f.; Voz Media, s. f.).",
            "Fuentes",
        ),
        (
            "en",
            "Putin’s preferred ally.1",
            "1(Asociación Cubana Española en Transición and Center for a Free Cuba, n.d.; Voz Media, n.d.).",
            "Sources",
        ),
    ] {
        let pdf = project.path(&format!("build/{lang}/cuba-putin-ally.pdf"));
        let pages = crate::support::pdf_info(&pdf)["Pages"]
            .parse::<usize>()
            .expect("pages");
        let page_of =
            |needle: &str| (1..=pages).find(|&p| pdf_page_layout(&pdf, p).contains(needle));
        let at = page_of(claim).unwrap_or_else(|| panic!("{lang}: no {claim:?}"));
        assert_eq!(
            page_of(note),
            Some(at),
            "{lang}: the note is not on its mark's page"
        );
        // Every work of data/sources.yml is in the list, in this language.
        let text = crate::support::pdf_text(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(list), "{lang}");
        // The Spanish title is kept as written in every language.
        assert!(
            text.contains("Cuba, el aliado preferido de Putin"),
            "{lang}"
        );
        for work in [
            "Cuba, el aliado preferido de Putin",
            "The Wall Street Journal",
            "Vote on holding an urgent debate on Ukraine",
            "Vote on the resolution condemning the Russian invasion",
            "Vote on President Zelensky’s address by video",
            "World Food Programme",
        ] {
            // English styles title-case English titles.
            let listed = text.to_lowercase().contains(&work.to_lowercase());
            assert!(listed, "{lang}: {work:?} is not listed");
        }
    }
}

#[test]
fn the_sample_is_a_full_report_with_lists_in_every_edition() {
    let project = Project::sample();
    project.report(&["render"]).success();
    for pdf in [
        "build/es/cuba-putin-ally.pdf",
        "build/en/cuba-putin-ally.pdf",
        "build/parallel/cuba-putin-ally.es-en.pdf",
    ] {
        let pages: usize = crate::support::pdf_info(&project.path(pdf))["Pages"]
            .parse()
            .expect("pages");
        assert!(pages >= 8, "{pdf}: {pages} pages");
    }
    let es = crate::support::pdf_text(&project.path("build/es/cuba-putin-ally.pdf"));
    assert!(es.contains("• En 2022, Cuba se alineó con Moscú"), "{es}");
    assert!(es.contains("1. los votos en las Naciones Unidas;"), "{es}");
    for (page, lang) in [("build/es/index.html", "es"), ("build/en/index.html", "en")] {
        let html = project.read(page);
        assert!(
            html.contains("<ol start=\"1\"><li>"),
            "{lang}: no numbered list"
        );
        assert!(html.contains("<ul><li>"), "{lang}: no bulleted list");
        assert!(html.contains("role=\"doc-noteref\""), "{lang}: no notes");
        assert!(
            html.contains("role=\"doc-biblioref\""),
            "{lang}: no citations"
        );
    }
}

#[test]
fn facing_pages_set_each_languages_notes_on_its_own_page() {
    let project = notes_project();
    let manifest = project.read("report.toml");
    project.write(
        "report.toml",
        &format!("{manifest}\n[parallel]\nlayout = \"facing\"\n"),
    );
    project
        .report(&["render", "--format", "parallel"])
        .success();
    let pdf = project.path("build/parallel/notes.es-en.pdf");
    let pages: usize = crate::support::pdf_info(&pdf)["Pages"]
        .parse()
        .expect("pages");
    let page_of = |needle: &str| (1..=pages).find(|&p| pdf_page_layout(&pdf, p).contains(needle));
    for (mark, note) in [
        (
            "Cuba votó en contra1",
            "1Naciones Unidas, votación del 2 de marzo de 2022.",
        ),
        (
            "Cuba voted against1",
            "1United Nations, vote of 2 March 2022.",
        ),
        (
            "(Doe y Roe 2023, p. 3)",
            "3Véase (United Nations General Assembly 2022).",
        ),
        (
            "(Doe and Roe 2023, p. 3)",
            "3See (United Nations General Assembly 2022).",
        ),
    ] {
        let at = page_of(mark).unwrap_or_else(|| panic!("no {mark:?}"));
        assert_eq!(
            page_of(note),
            Some(at),
            "{note:?} is not on the page of {mark:?}"
        );
    }
    // Spanish on the left-hand pages, English facing them.
    let es = page_of("Cuba votó en contra1").unwrap_or_default();
    assert_eq!(page_of("Cuba voted against1"), Some(es + 1));
}

#[test]
fn a_translation_with_other_notes_citations_or_list_items_is_a_warning() {
    for (from, to, says) in [
        (
            "^[United Nations, *vote* of 2 March 2022.]",
            "",
            "0 footnote where the source has 1",
        ),
        (
            "[@wsj, p. 3]",
            "[@un-vote, p. 3]",
            "cites @un-vote where the source cites @wsj",
        ),
        ("    - third\n", "", "4 list item where the source has 5"),
    ] {
        let (code, stderr) = check_after(|p| p.replace("locales/en/main.ftl", from, to));
        assert!(
            stderr.contains("warning[markup-mismatch]"),
            "{from:?}: {code}\n{stderr}"
        );
        assert!(stderr.contains(says), "{from:?}: {stderr}");
        // Both texts are shown.
        assert!(
            stderr.contains("= source (es):") && stderr.contains("= translation (en):"),
            "{stderr}"
        );
    }
}
