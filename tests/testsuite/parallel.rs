//! The bilingual parallel edition: aligned units in two columns, facing
//! pages, per-column languages, aligned HTML rows, and visible gaps.

use crate::support::{Project, browser_eval, pdf_info, pdf_page_text};

const PDF: &str = "build/parallel/cuba-putin-ally.es-en.pdf";
const HTML: &str = "build/parallel/cuba-putin-ally.es-en.html";

/// Each page's text, from pdftotext.
fn pages(project: &Project, pdf: &str) -> Vec<String> {
    let path = project.path(pdf);
    let count: usize = pdf_info(&path)["Pages"].parse().expect("pages");
    (1..=count).map(|page| pdf_page_text(&path, page)).collect()
}

/// The first page, after the cover and the contents, that holds `text`.
fn page_of(pages: &[String], text: &str) -> usize {
    pages
        .iter()
        .enumerate()
        .skip(2)
        .find(|(_, p)| p.contains(text))
        .unwrap_or_else(|| panic!("{text:?} is on no page"))
        .0
        + 1
}

/// Units and their counterparts, as pdftotext shows them.
const UNITS: [(&str, &str); 10] = [
    ("Resumen", "Summary"),
    ("Apoyo diplomático", "Diplomatic support"),
    ("Tabla 1: Votos de Cuba", "Table 1: Cuba’s votes"),
    (
        "Reclutas cubanos en el frente",
        "Cuban recruits at the front",
    ),
    (
        "«Vinimos a hacer trabajos de albañilería.»",
        "“We came to do masonry work.”",
    ),
    ("400–3000", "400–3,000"),
    (
        "El vínculo con el síndrome de La",
        "The Havana syndrome link",
    ),
    ("Apoyo económico", "Economic support"),
    ("322 millones US$", "$322 million"),
    ("Fuentes", "Sources"),
];

#[test]
fn columns_start_every_unit_on_the_same_page_in_both_languages() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel"])
        .success();
    let pages = pages(&project, PDF);
    for (es, en) in UNITS {
        assert_eq!(
            page_of(&pages, es),
            page_of(&pages, en),
            "{es:?} and {en:?} start on different pages"
        );
    }
    let body = &pages[page_of(&pages, "Summary") - 1];
    assert!(
        body.contains("La Habana y Moscú") && body.contains("Havana and Moscow"),
        "{body}"
    );
    // Each column draws the votes' timeline with its language's dates,
    // both numbered alike.
    let all = pages.join("\n");
    for (words, times) in [("28 feb", 1), ("Feb 28", 1), ("02-28", 0)] {
        assert_eq!(all.matches(words).count(), times, "{words:?}");
    }
    assert!(
        all.contains("Figura 1: Las tres votaciones")
            && all.contains("Figure 1: The three votes of 2022 over time")
    );
    // Running headers name both titles; footers number the page in both.
    assert!(
        body.contains("Cuba, el aliado preferido de Putin")
            && body.contains("Cuba, Putin’s preferred ally")
    );
    assert!(body.contains("Página 3 · Page 3"), "{body}");
    // Each language has its contents, with the pages its headings are on.
    let contents = &pages[1];
    for (es, en) in [
        ("Índice", "Contents"),
        ("Resumen", "Summary"),
        ("Fuentes", "Sources"),
    ] {
        assert!(
            contents.contains(es) && contents.contains(en),
            "{es} / {en}:\n{contents}"
        );
    }
    let entry_page = |title: &str| -> usize {
        let line = contents
            .lines()
            .find(|l| l.starts_with(title))
            .unwrap_or_else(|| panic!("no entry for {title}:\n{contents}"));
        let digits: String = line.chars().filter(char::is_ascii_digit).collect();
        digits.parse().expect("a page number")
    };
    assert_eq!(entry_page("Sources"), page_of(&pages, "Sources"));
    assert_eq!(entry_page("Fuentes"), entry_page("Sources"));
}

#[test]
fn each_column_is_tagged_with_its_language() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel"])
        .success();
    let info = pdf_info(&project.path(PDF));
    assert_eq!(
        info["Title"],
        "Cuba, el aliado preferido de Putin / Cuba, Putin’s preferred ally"
    );
    assert_eq!(info["Tagged"], "yes");
    let bytes = project.bytes(PDF);
    let count = |needle: &str| {
        bytes
            .windows(needle.len())
            .filter(|w| *w == needle.as_bytes())
            .count()
    };
    assert!(count("/Lang(es)") >= 1, "no Spanish language tag");
    assert!(
        count("/Lang(en)") >= 1,
        "no English language tag on the English column"
    );
    assert!(
        bytes.windows(14).any(|w| w == b"<pdfuaid:part>"),
        "still PDF/UA"
    );
}

#[test]
fn facing_pages_set_spanish_on_the_left_and_english_facing_it() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel", "--layout", "facing"])
        .success();
    let pages = pages(&project, PDF);
    for (es, en) in UNITS {
        let (left, right) = (page_of(&pages, es), page_of(&pages, en));
        if es == "Tabla 1: Votos de Cuba" {
            continue; // captions sit below their table, which can start on the page before
        }
        assert_eq!(
            left % 2,
            0,
            "{es:?} is on page {left}, not a left-hand page"
        );
        assert_eq!(right, left + 1, "{en:?} does not face {es:?}");
    }
}

#[test]
fn html_rows_pair_the_languages_and_stack_on_phones() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel"])
        .success();
    let html = project.read(HTML);
    let rows: Vec<&str> = html.split("<div class=\"row ").skip(1).collect();
    assert!(rows.len() >= 20, "{} rows", rows.len());
    for row in rows.iter().filter(|r| !r.starts_with("shared")) {
        let es = row
            .find("<div class=\"col\" lang=\"es\">")
            .expect("Spanish column");
        let en = row
            .find("<div class=\"col\" lang=\"en\">")
            .expect("English column");
        assert!(es < en, "Spanish first");
    }
    assert!(html.contains("<html lang=\"es\">"));
    // The cover gives each language its own subtitle, in its own column.
    let cover = &html[html.find("<header class=\"cover\">").expect("cover")..];
    let cover = &cover[..cover.find("</header>").expect("end of cover")];
    for (lang, subtitle) in [
        ("es", "Cómo La Habana respalda a Moscú"),
        ("en", "How Havana has backed Moscow"),
    ] {
        let column = cover
            .match_indices(&format!(
                "<div class=\"col\" lang=\"{lang}\"><p class=\"subtitle\">"
            ))
            .next()
            .map(|(i, _)| &cover[i..])
            .expect("a subtitle column");
        assert!(column.contains(subtitle), "{lang} subtitle: {cover}");
    }
    assert!(cover.contains("<h1><span lang=\"es\">Cuba, el aliado preferido de Putin</span> / <span lang=\"en\">Cuba, Putin’s preferred ally</span></h1>"), "{cover}");
    assert!(
        !html.contains("rel=\"alternate\" hreflang"),
        "a bilingual page is no language's alternate"
    );
    assert!(
        html.contains("href=\"cuba-putin-ally.es-en.pdf\""),
        "links its PDF"
    );

    let page = project.path(HTML);
    let probe = r#"(() => {
  const rows = [...document.querySelectorAll('.parallel .row:not(.shared):not(.kicker)')];
  return rows.map(r => {
    const [a, b] = [...r.querySelectorAll(':scope > .col')].map(c => c.getBoundingClientRect());
    return { topsEqual: Math.abs(a.top - b.top) < 1, sideBySide: b.left >= a.right, stacked: b.top >= a.bottom - 1 };
  });
})()"#;
    let desktop = browser_eval(&page, 1280, probe);
    let desktop = desktop.as_array().expect("rows");
    assert!(desktop.len() >= 20);
    assert!(
        desktop
            .iter()
            .all(|r| r["topsEqual"] == true && r["sideBySide"] == true),
        "{desktop:?}"
    );
    let phone = browser_eval(&page, 375, probe);
    assert!(
        phone
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["stacked"] == true),
        "{phone:?}"
    );
}

#[test]
fn a_missing_translation_shows_as_a_gap_not_as_the_source_text() {
    let project = Project::sample();
    let en = project.read("locales/en/sections.ftl");
    let start = en.find("recruits-denial =").expect("message");
    let end = en[start..].find("recruits-figure =").expect("next message") + start;
    project.write(
        "locales/en/sections.ftl",
        &format!("{}{}", &en[..start], &en[end..]),
    );

    let run = project
        .report(&["render", "--format", "parallel"])
        .success();
    assert!(
        run.stderr.contains(
            "`en` is missing 1 message(s), shown as gaps in the parallel edition: `recruits-denial`"
        ),
        "{}",
        run.stderr
    );
    let text = pages(&project, PDF).join("\n");
    assert!(text.contains("⟨recruits-denial⟩"), "no visible gap");
    assert_eq!(
        text.matches("El Gobierno cubano niega").count(),
        1,
        "the Spanish text is not copied into the gap"
    );
    assert!(
        project
            .read(HTML)
            .contains("<mark class=\"gap\" title=\"recruits-denial\">")
    );

    // The English single editions still refuse to render with a gap…
    project
        .report(&["render", "--lang", "en", "--format", "pdf"])
        .failure(1);
    // …and --allow-missing fills the gap with the source text instead.
    project
        .report(&["render", "--format", "parallel", "--allow-missing"])
        .success();
    let text = pages(&project, PDF).join("\n");
    assert!(!text.contains("⟨recruits-denial⟩"));
    assert_eq!(text.matches("El Gobierno cubano niega").count(), 2);
}
