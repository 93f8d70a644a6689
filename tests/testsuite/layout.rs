//! Layout checked by machine on the sample's facing editions, screen and
//! print: every figure and table caption numbered and named in its page's
//! language, and no blank page carrying a running header or page number.

use std::path::Path;

use crate::support::{Project, browser_eval, overlapping_words, pdf_info, pdf_page_text};

/// The lines a running header, footer or print slug puts on a page of the
/// sample's parallel editions.
fn is_furniture(line: &str) -> bool {
    let numbered = |label: &str| {
        line.split(" · ").all(|part| {
            part.strip_prefix(label)
                .or_else(|| part.strip_prefix("Página "))
                .or_else(|| part.strip_prefix("Page "))
                .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()))
        })
    };
    line == "Cuba, el aliado preferido de Putin"
        || line == "Cuba, Putin’s preferred ally"
        || numbered("Página ")
        || line.starts_with("cuba-putin-ally · ")
}

/// Pages whose only text is a running header, page number or print slug
/// (`is_furniture`; slugs start with `slug`): blank pages that carry one.
fn blank_pages_with_furniture(
    pdf: &Path,
    is_furniture: impl Fn(&str) -> bool,
    slug: &str,
) -> Vec<usize> {
    let pages: usize = pdf_info(pdf)["Pages"].parse().expect("page count");
    (1..=pages)
        .filter(|&page| {
            let text = pdf_page_text(pdf, page);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let headed = lines
                .iter()
                .any(|l| !l.starts_with(slug) && is_furniture(l));
            headed && lines.iter().all(|l| is_furniture(l))
        })
        .collect()
}

#[test]
fn facing_editions_caption_each_page_in_its_language_and_leave_blank_pages_blank() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel,print", "--layout", "facing"])
        .success();
    for pdf in [
        "build/parallel/cuba-putin-ally.es-en.pdf",
        "build/print/cuba-putin-ally.es-en.pdf",
    ] {
        let path = project.path(pdf);
        let pages: usize = pdf_info(&path)["Pages"].parse().expect("page count");
        let text: String = (1..=pages).map(|p| pdf_page_text(&path, p)).collect();
        // Two charts on one pair of pages: the right page numbers both as
        // the left one does (the second was "Figure 3").
        for caption in [
            "Tabla 1: Votos de Cuba",
            "Figura 1: Las tres votaciones",
            "Figura 2: Cubanos combatiendo",
            "Table 1: Cuba’s votes",
            "Figure 1: The three votes",
            "Figure 2: Cubans fighting",
        ] {
            assert!(text.contains(caption), "{pdf}: no {caption:?}:\n{text}");
        }
        for wrong in [
            "Figura 3",
            "Tabla 2",
            "Figure 3",
            "Table 2",
            "Figura 1: The",
            "Tabla 1: Cuba’s",
        ] {
            assert!(!text.contains(wrong), "{pdf}: {wrong:?}:\n{text}");
        }
        assert_eq!(
            blank_pages_with_furniture(&path, is_furniture, "cuba-putin-ally · "),
            Vec::<usize>::new(),
            "{pdf}: blank pages with a running header or page number"
        );
    }
}

/// A six-column table of figures, as a unit of the sample (each language
/// with its own caption).
const WIDE_TABLE: &str = r#"
#let wide-table(d) = figure(
  kind: table,
  caption: if d.lang == "es" [Presupuesto por región] else [Budget by region],
  table(
    columns: 6,
    align: (left, right, right, right, right, right),
    [Región], [Personas], [Inversión], [Cobertura], [Costo por persona], [Fecha],
    [Norte], [2.350.000], [48.750.000,00~US\$], [87,5~%], [20,74~US\$], [2024-01-02],
    [Sur], [1.120.500], [9.875.250,50~US\$], [62,25~%], [8,81~US\$], [2024-03-15],
    [Centro], [12.400.000], [310.000.000,00~US\$], [99,9~%], [25,00~US\$], [2023-12-31],
    [Total], [15.870.500], [368.625.250,50~US\$], [90,1~%], [23,23~US\$], [2024-03-15],
  ),
)
"#;

#[test]
fn a_table_too_wide_for_a_column_spans_both_in_the_parallel_pdf() {
    let project = Project::sample();
    let template = project.read("templates/report.typ").replace(
        "// The report's content, unit by unit;",
        &format!("{WIDE_TABLE}\n// The report's content, unit by unit;"),
    );
    project.write(
        "templates/report.typ",
        &template.replace(
            "  block-unit(timeline),\n",
            "  block-unit(timeline),\n  block-unit(wide-table),\n",
        ),
    );
    let run = project
        .report(&["render", "--format", "parallel"])
        .success();
    // Squeezed into a column it overprinted (16 places on its page), its
    // headings broke inside words ("Perso-nas") and its figures ran into
    // each other.
    assert!(!run.stderr.contains("text-overlap"), "{}", run.stderr);
    let pdf = project.path("build/parallel/cuba-putin-ally.es-en.pdf");
    assert_eq!(overlapping_words(&pdf), []);
    let pages: usize = pdf_info(&pdf)["Pages"].parse().expect("page count");
    let text: String = (1..=pages).map(|p| pdf_page_text(&pdf, p)).collect();
    for whole in [
        "Personas",
        "Inversión",
        "Cobertura",
        "368.625.250,50",
        "Costo por persona",
    ] {
        assert!(text.contains(whole), "{whole:?} broken:\n{text}");
    }
    // Set once per language, across the page, each numbered as its own.
    assert!(text.contains("Tabla 2: Presupuesto por región"), "{text}");
    assert!(text.contains("Table 2: Budget by region"), "{text}");
}

/// A project made before the library shipped with `report` keeps its own
/// copy: it still renders, and `check` says how to switch.
#[test]
fn a_project_with_its_own_copy_of_the_library_is_told_how_to_switch() {
    let project = Project::fixture("notes");
    project.write("templates/report.css", "body { color: black }\n");
    let library = crate::support::repo_root().join("src/document/library.typ");
    project.write(
        "templates/lib/report.typ",
        &std::fs::read_to_string(library).expect("library"),
    );
    project.replace(
        "templates/main.typ",
        "#import \"/build/.report/report-0.1.0.typ\":",
        "#import \"lib/report.typ\":",
    );
    let check = project.report(&["check"]);
    assert!(
        check.stderr.contains(
            "warning[library-copy]: `templates/lib/report.typ` is a copy of report's template \
             library; report's fixes to the library do not reach it"
        ) && check.stderr.contains(
            "replace \"lib/report.typ\" with \"/build/.report/report-0.1.0.typ\", then delete the copy"
        ),
        "{}",
        check.stderr
    );
    project.report(&["render", "--format", "pdf"]).success();
    // Switched, the warning is gone and it renders the same way.
    project.replace(
        "templates/main.typ",
        "#import \"lib/report.typ\":",
        "#import \"/build/.report/report-0.1.0.typ\":",
    );
    let check = project.report(&["check"]);
    assert!(!check.stderr.contains("library-copy"), "{}", check.stderr);
    project.report(&["render", "--format", "pdf"]).success();
}

/// The `layout` fixture's editions, as `render` writes them by default.
const LAYOUT_PDFS: [(&str, &[&str]); 10] = [
    (
        "build/es/layout.pdf",
        &["Tabla 1: Presupuesto", "Figura 1: Una imagen ancha"],
    ),
    (
        "build/en/layout.pdf",
        &["Table 1: Budget", "Figure 1: A wide image"],
    ),
    ("build/fr/layout.pdf", &["Tableau 1", "Fig. 1"]),
    (
        "build/print/layout.es.pdf",
        &["Tabla 1: Presupuesto", "Figura 1: Una imagen ancha"],
    ),
    (
        "build/print/layout.en.pdf",
        &["Table 1: Budget", "Figure 1: A wide image"],
    ),
    ("build/print/layout.fr.pdf", &["Tableau 1", "Fig. 1"]),
    (
        "build/parallel/layout.es-en.pdf",
        &[
            "Tabla 1: Presupuesto",
            "Table 1: Budget",
            "Figura 1: Una imagen ancha",
            "Figure 1: A wide image",
        ],
    ),
    (
        "build/parallel/layout.es-fr.pdf",
        &[
            "Tabla 1: Presupuesto",
            "Tableau 1",
            "Figura 1: Una imagen ancha",
            "Fig. 1",
        ],
    ),
    (
        "build/print/layout.es-en.pdf",
        &[
            "Tabla 1: Presupuesto",
            "Table 1: Budget",
            "Figura 1: Una",
            "Figure 1: A wide",
        ],
    ),
    (
        "build/print/layout.es-fr.pdf",
        &[
            "Tabla 1: Presupuesto",
            "Tableau 1",
            "Figura 1: Una",
            "Fig. 1",
        ],
    ),
];

const LAYOUT_PAGES: [&str; 5] = [
    "build/es/index.html",
    "build/en/index.html",
    "build/fr/index.html",
    "build/parallel/layout.es-en.html",
    "build/parallel/layout.es-fr.html",
];

/// The fixture's chapter headings, in its three languages.
const LAYOUT_HEADINGS: [&str; 9] = [
    "Presupuesto por región",
    "Imágenes de varias proporciones",
    "Enlaces y palabras largas",
    "Budget by region",
    "Images of several proportions",
    "Links and long words",
    "Budget par région administrative",
    "Images de proportions diverses et variées",
    "Liens et mots particulièrement longs",
];

/// Running headers, page numbers and print slugs of the `layout` fixture.
fn is_layout_furniture(line: &str) -> bool {
    [
        "Prueba de maquetación",
        "Layout test",
        "Essai de mise en page",
    ]
    .iter()
    .any(|t| {
        line.split("  ")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|p| {
                p == *t
                    || [
                        "Prueba de maquetación",
                        "Layout test",
                        "Essai de mise en page",
                    ]
                    .contains(&p)
            })
    }) || ["Página ", "Page "].iter().any(|label| {
        line.strip_prefix(label)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    }) || line.starts_with("layout · ")
}

/// Whether poppler read two figures as one word because their cells
/// touch ("2.350.00048.750.000,00"): a group of more than three digits
/// between two separators.
fn glued_figures(word: &str) -> bool {
    let groups: Vec<&str> = word.split(['.', ',']).collect();
    groups.len() > 2
        && groups[1..groups.len() - 1]
            .iter()
            .any(|g| g.len() > 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// The words of a PDF that are figures glued together.
fn glued_words(path: &Path) -> Vec<String> {
    crate::support::pdf_words(path)
        .into_iter()
        .filter(|w| glued_figures(&w.text))
        .map(|w| w.text)
        .collect()
}

/// Text keeps 1 cm from a screen page's left and right edges.
#[track_caller]
fn assert_inside_the_page(path: &std::path::Path, pdf: &str) {
    let info = pdf_info(path);
    let width: f64 = info["Page size"]
        .split_whitespace()
        .next()
        .and_then(|w| w.parse().ok())
        .expect("page width");
    for word in crate::support::pdf_words(path) {
        assert!(
            word.x.0 >= 28.0 && word.x.1 <= width - 28.0,
            "{pdf}: page {}: {:?} runs off the text area ({:.0}–{:.0} of {width:.0} pt)",
            word.page,
            word.text,
            word.x.0,
            word.x.1
        );
    }
}

/// Checks every PDF of the fixture by machine: no word over another
/// (poppler's boxes), no table cells run together, nothing near a screen
/// page's edge, each caption in its page's or column's language, no blank
/// page with furniture.
#[track_caller]
fn assert_pdfs_laid_out(project: &Project, pdfs: &[(&str, &[&str])]) {
    for (pdf, captions) in pdfs {
        let path = project.path(pdf);
        assert_eq!(overlapping_words(&path), [], "{pdf}: words set over words");
        let glued = glued_words(&path);
        assert_eq!(
            glued,
            Vec::<String>::new(),
            "{pdf}: table cells run together"
        );
        if !pdf.contains("/print/") {
            // Screen pages (print editions are checked against their trim
            // by preflight's near-trim).
            assert_inside_the_page(&path, pdf);
        }
        let pages: usize = pdf_info(&path)["Pages"].parse().expect("page count");
        let text: String = (1..=pages).map(|p| pdf_page_text(&path, p)).collect();
        for caption in *captions {
            assert!(
                text.contains(caption),
                "{pdf}: no caption {caption:?}:\n{text}"
            );
        }
        let blank = blank_pages_with_furniture(&path, is_layout_furniture, "layout · ");
        assert_eq!(
            blank,
            Vec::<usize>::new(),
            "{pdf}: blank pages with a running header or page number"
        );
        // No page ends with a heading: a heading stays with what follows.
        for page in 1..=pages {
            let text = pdf_page_text(&path, page);
            let last = text
                .lines()
                .map(str::trim)
                .rfind(|l| {
                    !l.is_empty()
                        && !is_layout_furniture(l)
                        && !l.chars().all(|c| c.is_ascii_digit())
                })
                .unwrap_or_default()
                .to_owned();
            assert!(
                !LAYOUT_HEADINGS.contains(&last.as_str()),
                "{pdf}: page {page} ends with the heading {last:?}"
            );
        }
    }
}

/// The layout harness: a report made to stress layout (a wide table of
/// figures from the data, key figures, wide, tall and square images, five
/// notes in one paragraph, a long URL and long words, French longer than
/// Spanish, a 170 × 240 mm print trim with facing margins, two parallel
/// pairs), in every edition and both parallel layouts, checked by machine.
#[test]
fn the_layout_fixture_passes_every_check_in_every_edition_and_layout() {
    let project = Project::fixture("layout");
    let run = project.report(&["render"]).success();
    for finding in ["text-overlap", "near-trim", "warning"] {
        assert!(!run.stderr.contains(finding), "{finding}:\n{}", run.stderr);
    }
    assert_pdfs_laid_out(&project, &LAYOUT_PDFS);
    for page in LAYOUT_PAGES {
        let path = project.path(page);
        for width in [390, 1280] {
            let m = crate::html_layout::measure(&path, width);
            crate::html_layout::assert_aspect_kept(&m, &format!("{page}, {width} px"));
            let f = |k: &str| m[k].as_f64().unwrap_or(0.0);
            assert!(
                f("scrollWidth") <= f("innerWidth"),
                "{page}, {width} px: scrolls sideways: {m}"
            );
        }
    }
    // The parallel pages need no stylesheet of the project's (the fixture
    // has none): columns side by side on a desktop, stacked on a phone.
    for page in &LAYOUT_PAGES[3..] {
        let path = project.path(page);
        let probe = "[...document.querySelectorAll('.parallel .row:not(.shared)')].map(r => { \
            const [a, b] = [...r.children].map(c => c.getBoundingClientRect()); \
            return b ? (b.left >= a.right - 1 ? 'beside' : b.top >= a.bottom - 1 ? 'under' : 'over') : 'one'; })";
        for (width, expected) in [(1280, "beside"), (390, "under")] {
            let rows = browser_eval(&path, width, probe);
            let rows = rows.as_array().expect("rows");
            assert!(
                !rows.is_empty() && rows.iter().all(|r| r == expected || r == "one"),
                "{page}, {width} px: {rows:?}"
            );
        }
    }
    crate::accessibility::assert_no_violations(&project, &LAYOUT_PAGES);
    // Print editions without facing margins (the same margins on both
    // sides of the spine).
    project.replace(
        "report.toml",
        "facing = { inner = \"22mm\", outer = \"16mm\" }\n",
        "",
    );
    let run = project.report(&["render", "--format", "print"]).success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let print: Vec<(&str, &[&str])> = LAYOUT_PDFS
        .iter()
        .filter(|(pdf, _)| pdf.contains("/print/"))
        .copied()
        .collect();
    assert_pdfs_laid_out(&project, &print);
    // The other parallel layout: facing pages on screen.
    let run = project
        .report(&["render", "--format", "parallel", "--layout", "facing"])
        .success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_pdfs_laid_out(
        &project,
        &[
            (
                "build/parallel/layout.es-en.pdf",
                &[
                    "Tabla 1: Presupuesto",
                    "Table 1: Budget",
                    "Figure 1: A wide",
                ],
            ),
            (
                "build/parallel/layout.es-fr.pdf",
                &["Tabla 1: Presupuesto", "Tableau 1", "Fig. 1"],
            ),
        ],
    );
}

#[test]
fn glued_figures_are_told_from_figures() {
    assert!(glued_figures("2.350.00048.750.000,00"));
    assert!(glued_figures("2,350,00048,750,000.00"));
    for fine in [
        "2.350.000",
        "48.750.000,00",
        "2024-01-02",
        "87,5",
        "1.234,5",
        "v1.2.3",
    ] {
        assert!(!glued_figures(fine), "{fine}");
    }
}

/// The sample passes the same checks in its screen PDFs: nothing set over
/// anything, no cells run together, nothing off the text area.
#[test]
fn the_sample_screen_pdfs_keep_inside_their_pages() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "pdf,parallel"])
        .success();
    for pdf in [
        "build/es/cuba-putin-ally.pdf",
        "build/en/cuba-putin-ally.pdf",
        "build/parallel/cuba-putin-ally.es-en.pdf",
    ] {
        let path = project.path(pdf);
        assert_eq!(overlapping_words(&path), [], "{pdf}");
        let glued = glued_words(&path);
        assert_eq!(glued, Vec::<String>::new(), "{pdf}");
        assert_inside_the_page(&path, pdf);
    }
}

/// In the two-column PDF a shared figure is set once, and each language's
/// caption is labelled and numbered in that language (the English line
/// had no label of its own under "Figura 1: …").
#[test]
fn a_shared_figure_in_two_columns_is_captioned_in_each_language() {
    let project = Project::fixture("layout");
    project
        .report(&["render", "--format", "parallel"])
        .success();
    let pdf = project.path("build/parallel/layout.es-en.pdf");
    let pages: usize = pdf_info(&pdf)["Pages"].parse().expect("page count");
    let text: String = (1..=pages).map(|p| pdf_page_text(&pdf, p)).collect();
    for caption in [
        "Figura 1: Una imagen ancha",
        "Figure 1: A wide image",
        "Figura 3: Una imagen cuadrada",
        "Figure 3: A square image",
    ] {
        assert!(text.contains(caption), "no {caption:?}:\n{text}");
    }
    assert!(
        !text.contains("Figura 4") && !text.contains("Figure 4"),
        "{text}"
    );
}

/// A table that cannot fit even across both columns (ten columns of large
/// figures): its cells run into each other, and render says which table,
/// in which editions (`table-overflow`), besides the overprinting.
#[test]
fn a_table_too_wide_even_for_the_page_is_named_in_a_table_overflow_warning() {
    let project = Project::sample();
    let cells = ["[310.000.000,00~US\\$]"; 10].join(", ");
    let table = format!(
        "\n#let very-wide(d) = figure(\n  kind: table,\n  caption: if d.lang == \"es\" [Diez columnas de cifras] else [Ten columns of figures],\n  table(columns: 10, {cells}, {cells}),\n)\n"
    );
    let template = project.read("templates/report.typ").replace(
        "// The report's content, unit by unit;",
        &format!("{table}\n// The report's content, unit by unit;"),
    );
    project.write(
        "templates/report.typ",
        &template.replace(
            "  block-unit(timeline),\n",
            "  block-unit(timeline),\n  block-unit(very-wide),\n",
        ),
    );
    let run = project
        .report(&["render", "--format", "pdf,parallel"])
        .success();
    for expected in [
        "warning[table-overflow]: the table “Diez columnas de cifras” is wider than its column or page",
        "warning[table-overflow]: the table “Ten columns of figures” is wider than its column or page",
        "es-en parallel pdf",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} in:\n{}",
            run.stderr
        );
    }
}
