//! Charts from the data (`chart = "…"` tables, drawn by the library's
//! `chart`): the charts fixture has every kind — bars grouped, stacked and
//! horizontal, lines over dates and over years, a timeline with close
//! events, ranges — in Spanish, English, French and Arabic (right to left),
//! and every edition is
//! read back: PDF text (each language's numbers and dates), the tagged
//! structure (a Figure with its alternative), the web page (a named image,
//! its data as a table, axe-core), print preflight, the parallel columns.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::accessibility::assert_no_violations;
use crate::support::{Project, overlapping_words, pdf_text, python_venv, repo_root};

fn charts() -> Project {
    Project::fixture("charts")
}

/// `pdftotext`'s lines of a PDF, each trimmed, without the marks it adds
/// around right-to-left text (and Unicode's for numbers in it).
fn lines(pdf: &Path) -> Vec<String> {
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    pdf_text(pdf)
        .lines()
        .map(|l| l.replace(bidi, "").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The Figure elements of a tagged PDF, with their alternative text
/// (pikepdf, pinned in tests/print/requirements.txt).
fn figure_alts(pdf: &Path) -> Vec<Option<String>> {
    let python = python_venv("print-clients", "tests/print/requirements.txt");
    let output = Command::new(python)
        .arg(repo_root().join("tests/print/figures.py"))
        .arg(pdf)
        .output()
        .expect("run figures.py");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let figures: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    figures
        .iter()
        .map(|f| f["alt"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn each_language_writes_the_ticks_values_and_dates_of_every_chart_its_own_way() {
    let project = charts();
    project.report(&["render", "--format", "pdf"]).success();
    let cases: [(&str, &[&str], &[&str]); 4] = [
        (
            "es",
            &[
                // Thousands, decimals, percentages, money, compact, dates.
                "15.000",
                "12.500",
                "2750,5",
                "8100,3",
                "61,4 %",
                "20 %",
                "1500 US$",
                "900 US$",
                "2,4 millones",
                "500 mil",
                "ene 2022",
                "feb",
                "10 ene",
                "30 nov",
                "sept",
                "1200,5",
                "2019",
                "2023",
                "Café",
                "Toneladas",
            ],
            &["15,000", "2.750,5", "Jan", "2.019", "$1"],
        ),
        (
            "en",
            &[
                "15,000",
                "12,500",
                "2,750.5",
                "8,100.3",
                "61.4%",
                "20%",
                "$1,500",
                "$900",
                "2.4 million",
                "Jan 2022",
                "Feb",
                "Jan 10",
                "Nov 30",
                "Sep",
                "1,200.5",
                "2019",
                "Coffee",
                "Tonnes",
            ],
            &["15.000", "2750,5", "ene", "2,019", "US$"],
        ),
        (
            "fr",
            &[
                "15 000",
                "2 750,5",
                "8 100,3",
                "61,4 %",
                "1 500 $US",
                "2,4 millions",
                "janv. 2022",
                "févr.",
                "10 janv.",
                "30 nov.",
                "1 200,5",
                "2019",
                "Sucre",
            ],
            &["15.000", "15,000", "Jan", "2 019"],
        ),
        (
            // Right to left, in Arabic's own month names (digits are Latin
            // in Arabic as CLDR writes it by default).
            "ar",
            &[
                "15,000",
                "2,750.5",
                "61.4%",
                "فبراير",
                "يناير",
                "نوفمبر",
                "البن",
                "أطنان",
            ],
            &["15.000", "Jan", "ene"],
        ),
    ];
    for (lang, present, absent) in cases {
        let pdf = project.path(&format!("build/{lang}/charts.pdf"));
        let text = lines(&pdf);
        for expected in present {
            assert!(
                text.iter().any(|l| l == expected || l.contains(expected)),
                "{lang}: no {expected:?} in\n{text:#?}"
            );
        }
        for wrong in absent {
            assert!(
                !text.iter().any(|l| l.contains(wrong)),
                "{lang}: {wrong:?} in\n{text:#?}"
            );
        }
        assert_eq!(overlapping_words(&pdf), [], "{lang}: words over words");
    }
}

/// The document's charts with every word taken out: the drawing alone.
fn geometry(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    ![
                        "label", "text", "date", "title", "caption", "alt", "source", "note",
                        "name", "table",
                    ]
                    .contains(&k.as_str())
                })
                .map(|(k, v)| (k.clone(), geometry(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(geometry).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_language_has_the_same_ticks_and_geometry_and_only_its_own_words() {
    let project = charts();
    project.report(&["resolve"]).success();
    let read = |lang: &str| -> Value {
        let text = project.read(&format!("build/.report/{lang}.json"));
        serde_json::from_str::<Value>(&text).expect("JSON")["data"].clone()
    };
    let (es, en, fr, ar) = (read("es"), read("en"), read("fr"), read("ar"));
    assert_eq!(geometry(&es), geometry(&en));
    assert_eq!(geometry(&es), geometry(&fr));
    assert_eq!(
        geometry(&es),
        geometry(&ar),
        "right to left, the same drawing"
    );
    // Nice ticks: 0 to 15,000 by 2,500, at the same places.
    let ticks = |d: &Value| -> Vec<(f64, String)> {
        (d["exports"]["y"]["ticks"].as_array().expect("ticks").iter())
            .map(|t| {
                (
                    t["at"].as_f64().expect("at"),
                    t["label"].as_str().expect("label").to_owned(),
                )
            })
            .collect()
    };
    let es_ticks = ticks(&es);
    assert_eq!(es_ticks.len(), 7);
    assert_eq!(es_ticks[3], (0.5, "7500".to_owned()));
    assert_eq!(ticks(&en)[6], (1.0, "15,000".to_owned()));
    assert_eq!(ticks(&fr)[6].1, "15\u{202f}000");
    // The data as a table, in each language.
    assert_eq!(
        es["exports"]["table"]["header"],
        serde_json::json!(["", "Café", "Azúcar"])
    );
    assert_eq!(
        en["exports"]["table"]["rows"][1],
        serde_json::json!(["2022", "2,750.5", "3,900"])
    );
    assert_eq!(fr["exports"]["table"]["summary"], "Données");
}

#[test]
fn every_chart_is_a_tagged_figure_with_its_alternative_in_its_language() {
    let project = charts();
    project
        .report(&["render", "--format", "pdf,parallel"])
        .success();
    let alts = |lang: &str| -> Vec<String> {
        let messages = project.read(&format!("locales/{lang}/main.ftl"));
        (messages.lines())
            .filter_map(|l| l.split_once("-alt = "))
            .filter(|(id, _)| !id.contains(' '))
            .map(|(_, text)| text.to_owned())
            .collect()
    };
    for lang in ["es", "en", "fr", "ar"] {
        let found = figure_alts(&project.path(&format!("build/{lang}/charts.pdf")));
        let expected: Vec<Option<String>> = alts(lang).into_iter().map(Some).collect();
        assert_eq!(found, expected, "{lang}");
    }
    // Each column's figures carry their own language's alternative.
    let parallel = figure_alts(&project.path("build/parallel/charts.es-fr.pdf"));
    for text in alts("es").iter().chain(&alts("fr")) {
        assert!(
            parallel.contains(&Some(text.clone())),
            "no {text:?} in {parallel:?}"
        );
    }
}

#[test]
fn web_charts_are_named_images_followed_by_their_data_and_pass_axe() {
    let project = charts();
    project
        .report(&["render", "--format", "html,parallel"])
        .success();
    let es = project.read("build/es/index.html");
    assert_eq!(
        es.matches("class=\"chart-drawing\" role=\"img\" aria-label=\"")
            .count(),
        7
    );
    assert!(es.contains(
        "aria-label=\"Barras agrupadas por año: el café sube de 1500 a 15.000 toneladas"
    ));
    assert_eq!(
        es.matches("<details class=\"chart-data\"><summary>Datos</summary><table")
            .count(),
        7
    );
    assert!(
        es.contains("<th scope=\"col\" class=\"num\">Café</th>"),
        "a header per series"
    );
    assert!(
        es.contains("<th scope=\"row\">2022</th><td class=\"num\">2750,5</td>"),
        "{es}"
    );
    let en = project.read("build/en/index.html");
    assert!(
        en.contains("<th scope=\"row\">Jan 10, 2023</th><td>Call for entries</td>"),
        "dates in full in the table"
    );
    assert!(en.contains("<summary>Data</summary>"));
    // Arabic: the page and its column in the parallel page read from the right.
    assert!(
        project
            .read("build/ar/index.html")
            .contains("<html lang=\"ar\" dir=\"rtl\">")
    );
    assert!(
        project
            .read("build/parallel/charts.es-ar.html")
            .contains("class=\"col\" lang=\"ar\" dir=\"rtl\"")
    );
    assert_no_violations(
        &project,
        &[
            "build/es/index.html",
            "build/en/index.html",
            "build/fr/index.html",
            "build/ar/index.html",
            "build/parallel/charts.es-en.html",
            "build/parallel/charts.es-fr.html",
            "build/parallel/charts.es-ar.html",
        ],
    );
}

#[test]
fn print_and_parallel_editions_label_each_column_in_its_language_and_preflight_clean() {
    let project = charts();
    project
        .report(&["render", "--format", "parallel,print"])
        .success();
    let parallel = lines(&project.path("build/parallel/charts.es-fr.pdf"));
    for expected in [
        "15.000",
        "15 000",
        "61,4 %",
        "janv. 2022",
        "ene 2022",
        "Figura 1: Exportaciones",
        "Fig. 1. – Exportations",
    ] {
        assert!(
            parallel.iter().any(|l| l.contains(expected)),
            "no {expected:?}:\n{parallel:#?}"
        );
    }
    assert!(
        !parallel
            .iter()
            .any(|l| l.contains("Fig. 2. – Exportations")),
        "numbered as the left column"
    );
    for pdf in [
        "build/parallel/charts.es-en.pdf",
        "build/parallel/charts.es-fr.pdf",
        "build/print/charts.es.pdf",
        "build/print/charts.fr.pdf",
        "build/print/charts.es-fr.pdf",
        "build/print/charts.ar.pdf",
        "build/parallel/charts.es-ar.pdf",
    ] {
        assert_eq!(
            overlapping_words(&project.path(pdf)),
            [],
            "{pdf}: words over words"
        );
    }
    let run = project
        .report(&["preflight", "--deny", "warnings"])
        .success();
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_changed_figure_redraws_its_chart_with_new_ticks() {
    let project = charts();
    project
        .report(&["render", "--format", "pdf", "--lang", "es"])
        .success();
    let pdf = project.path("build/es/charts.pdf");
    assert!(!lines(&pdf).iter().any(|l| l == "100.000"));
    project.replace(
        "data/charts.toml",
        "values = [1500, 2750.5, 15000]",
        "values = [1500, 2750.5, 90000]",
    );
    let run = project
        .report(&["render", "--format", "pdf", "--lang", "es"])
        .success();
    assert!(!run.stderr.contains("up to date"), "{}", run.stderr);
    let text = lines(&pdf);
    for tick in ["100.000", "80.000", "90.000"] {
        assert!(text.iter().any(|l| l == tick), "no {tick:?}:\n{text:#?}");
    }
}

#[test]
fn the_sample_draws_its_votes_and_the_recruits_estimate_from_the_data() {
    let project = Project::sample();
    project.report(&["render", "--format", "pdf"]).success();
    let es = lines(&project.path("build/es/cuba-putin-ally.pdf"));
    let en = lines(&project.path("build/en/cuba-putin-ally.pdf"));
    for (text, expected) in [
        (
            &es,
            [
                "28 feb",
                "2 mar",
                "15 sept",
                "Figura 1: Las tres votaciones de 2022 en el tiempo",
                "3000",
                "Combatientes",
            ],
        ),
        (
            &en,
            [
                "Feb 28",
                "Mar 2",
                "Sep 15",
                "Figure 1: The three votes of 2022 over time",
                "3,000",
                "Fighters",
            ],
        ),
    ] {
        for e in expected {
            assert!(text.iter().any(|l| l.contains(e)), "no {e:?}:\n{text:#?}");
        }
        assert!(
            !text.iter().any(|l| l.contains("ISO")),
            "no ISO dates any more"
        );
    }
    assert!(!project.path("templates/figures/un-votes-2022.svg").exists());
}
