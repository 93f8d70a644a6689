//! Rendering the sample report and small fixtures end to end.

use std::fs;

use crate::support::{Project, browser_metrics, overlapping_words, pdf_fonts, pdf_info, pdf_text};

const EDITIONS: [&str; 4] = [
    "build/es/cuba-putin-ally.pdf",
    "build/en/cuba-putin-ally.pdf",
    "build/es/index.html",
    "build/en/index.html",
];

#[test]
fn sample_renders_every_edition_in_its_language() {
    let project = Project::sample();
    let run = project.report(&["render"]).success();
    // No edition sets text over text: render checks every PDF, and
    // poppler's word boxes agree.
    assert!(!run.stderr.contains("text-overlap"), "{}", run.stderr);
    for pdf in [
        "build/es/cuba-putin-ally.pdf",
        "build/en/cuba-putin-ally.pdf",
        "build/parallel/cuba-putin-ally.es-en.pdf",
        "build/print/cuba-putin-ally.es.pdf",
        "build/print/cuba-putin-ally.en.pdf",
        "build/print/cuba-putin-ally.es-en.pdf",
    ] {
        assert_eq!(overlapping_words(&project.path(pdf)), [], "{pdf}");
    }
    for edition in EDITIONS {
        assert!(project.path(edition).is_file(), "{edition} missing");
        assert!(
            run.stdout.contains(edition),
            "no line for {edition} in:\n{}",
            run.stdout
        );
    }

    let es = pdf_text(&project.path(EDITIONS[0]));
    let en = pdf_text(&project.path(EDITIONS[1]));
    for text in [&es, &en] {
        assert!(
            !text.contains(['\u{2068}', '\u{2069}']),
            "BiDi isolation marks leaked"
        );
    }
    for expected in [
        "Cuba, el aliado preferido de Putin",
        "Índice",
        "Apoyo diplomático",
        "28 de febrero de 2022",
        "2 de marzo de 2022",
        "15 de septiembre de 2022",
        "entre 400 y 3000 combatientes",
        // pdftotext turns the no-break space CLDR puts before "US$" into a space.
        "322 millones US$",
        "febrero de 2024",
        "GRU",
        "Página 2",
        "Publicado el 15 de abril de 2024",
    ] {
        assert!(
            es.contains(expected),
            "Spanish PDF lacks {expected:?}:\n{es}"
        );
    }
    for expected in [
        "Cuba, Putin’s preferred ally",
        "Contents",
        "Diplomatic support",
        "February 28, 2022",
        "March 2, 2022",
        "September 15, 2022",
        "between 400 and 3,000 fighters",
        "$322 million",
        "February 2024",
        "Page 2",
        "Published April 15, 2024",
    ] {
        assert!(
            en.contains(expected),
            "English PDF lacks {expected:?}:\n{en}"
        );
    }
    assert!(!en.contains("Apoyo diplomático") && !es.contains("Diplomatic support"));
    let document = project.read("build/.report/es.json");
    assert!(
        document.contains("322 millones\u{a0}US$"),
        "the resolved text keeps CLDR's no-break space"
    );
}

#[test]
fn sample_pdfs_are_tagged_accessible_archival_and_embed_every_font() {
    let project = Project::sample();
    project.report(&["render", "--format", "pdf"]).success();
    for (lang, title, author) in [
        (
            "es",
            "Cuba, el aliado preferido de Putin",
            "Asociación Cubana Española en Transición y Center for a Free Cuba",
        ),
        (
            "en",
            "Cuba, Putin’s preferred ally",
            "Spanish Cuban Association in Transition and Center for a Free Cuba",
        ),
    ] {
        let path = project.path(&format!("build/{lang}/cuba-putin-ally.pdf"));
        let info = pdf_info(&path);
        assert_eq!(info["Title"], title);
        assert_eq!(info["Author"], author);
        assert_eq!(info["Tagged"], "yes");
        assert!(
            info["CreationDate"].contains("Apr 15") && info["CreationDate"].contains("2024"),
            "{info:?}"
        );
        assert!(info["Keywords"].contains("Cuba"));
        let pages: u32 = info["Pages"].parse().expect("page count");
        assert!(pages >= 4, "{lang}: only {pages} pages");

        let fonts = pdf_fonts(&path);
        assert!(!fonts.is_empty());
        assert!(fonts.iter().all(|(_, embedded)| *embedded), "{fonts:?}");

        let bytes = fs::read(&path).expect("pdf");
        let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(
            has(&format!("/Lang({lang})")),
            "{lang}: document language not set"
        );
        assert!(has("<pdfuaid:part>1"), "{lang}: no PDF/UA-1 identification");
        assert!(
            has("pdfaid:part>2") && has("pdfaid:conformance>A"),
            "{lang}: no PDF/A-2a identification"
        );
    }
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let project = Project::sample();
    project.report(&["render"]).success();
    let first: Vec<Vec<u8>> = EDITIONS.iter().map(|e| project.bytes(e)).collect();
    project.report(&["render", "--force"]).success();
    for (edition, before) in EDITIONS.iter().zip(first) {
        assert!(
            project.bytes(edition) == before,
            "{edition} changed between two renders"
        );
    }
}

#[test]
fn one_language_and_format_renders_only_that_edition() {
    let project = Project::sample();
    let run = project
        .report(&["render", "--lang", "es", "--format", "pdf"])
        .success();
    assert!(project.path("build/es/cuba-putin-ally.pdf").is_file());
    for other in [
        "build/en/cuba-putin-ally.pdf",
        "build/es/index.html",
        "build/en/index.html",
        "build/en",
    ] {
        assert!(!project.path(other).exists(), "{other} should not exist");
    }
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
}

#[test]
fn html_editions_have_language_switcher_alternates_and_style() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "html,pdf"])
        .success();
    for (lang, other, name) in [("es", "en", "English"), ("en", "es", "Español")] {
        let html = project.read(&format!("build/{lang}/index.html"));
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
        assert_eq!(html.matches("<meta name=\"viewport\"").count(), 1);
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"{other}\" href=\"../{other}/index.html\">"
        )));
        assert!(html.contains(&format!(
            "<a rel=\"alternate\" lang=\"{other}\" hreflang=\"{other}\" href=\"../{other}/index.html\">{name}</a>"
        )));
        assert!(html.contains("<a type=\"application/pdf\" href=\"cuba-putin-ally.pdf\">PDF</a>"));
        assert!(html.contains("<style>") && html.contains("nav.report-editions"));
        assert!(html.contains("<h1>") && html.matches("<h2>").count() >= 6);
        assert!(html.contains("<table tabindex=\"0\">") && html.contains("<blockquote>"));
        assert!(!html.contains(['\u{2068}', '\u{2069}']));
    }
    let es = project.read("build/es/index.html");
    assert!(
        es.contains("<td><strong>28 de febrero de 2022</strong></td>")
            || es.contains("28 de febrero de 2022")
    );
}

#[test]
fn html_edition_reads_well_on_phone_and_desktop() {
    let project = Project::sample();
    project
        .report(&["render", "--lang", "es", "--format", "html"])
        .success();
    let page = project.path("build/es/index.html");
    for width in [375, 1280] {
        let m = browser_metrics(&page, width);
        let get = |key: &str| m[key].as_f64().unwrap_or_else(|| panic!("{key} in {m}"));
        assert!(
            get("scrollWidth") <= get("innerWidth"),
            "{width}px: horizontal scrolling: {m}"
        );
        assert!(
            get("paragraphFontSize") >= 16.0,
            "{width}px: text too small: {m}"
        );
        assert!(
            get("paragraphWidth") <= 760.0,
            "{width}px: lines too long to read: {m}"
        );
        assert!(
            get("paragraphWidth") >= 0.8 * f64::min(get("innerWidth"), 600.0),
            "{width}px: column too narrow: {m}"
        );
        assert_eq!(
            m["navVisible"], true,
            "{width}px: language switcher hidden: {m}"
        );
        for height in m["navLinkHeights"].as_array().expect("links") {
            assert!(
                height.as_f64().unwrap_or(0.0) >= 24.0,
                "{width}px: switcher links too small to tap: {m}"
            );
        }
        assert_eq!(
            m["headingColor"], "rgb(140, 28, 19)",
            "{width}px: stylesheet not applied: {m}"
        );
    }
}

/// `report resolve` writes (and names) the documents `render` gives Typst,
/// without running Typst.
#[test]
fn resolve_writes_each_languages_document() {
    let project = Project::fixture("minimal");
    let run = project.report(&["resolve"]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines, ["build/.report/es.json", "build/.report/en.json"]);
    let es: serde_json::Value =
        serde_json::from_str(&project.read("build/.report/es.json")).expect("JSON");
    assert_eq!(es["lang"], "es");
    assert_eq!(es["messages"]["title"]["plain"], "Informe mínimo");
    assert_eq!(es["editions"][1]["lang"], "en");
    assert_eq!(es["editions"][1]["pdf"], "en/minimal.pdf");
    let en: serde_json::Value =
        serde_json::from_str(&project.read("build/.report/en.json")).expect("JSON");
    assert_eq!(en["messages"]["greeting"]["plain"], "Hello, world.");
    assert!(!project.path("build/es/minimal.pdf").exists());

    let run = project.report(&["resolve", "--lang", "en"]).success();
    assert_eq!(run.stdout.trim(), "build/.report/en.json");

    // The sample also has a parallel edition, whose documents mark gaps.
    let sample = Project::sample();
    let run = sample.report(&["resolve"]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "build/.report/es.json",
            "build/.report/en.json",
            "build/.report/es.parallel.json",
            "build/.report/en.parallel.json"
        ]
    );
    let parallel: serde_json::Value =
        serde_json::from_str(&sample.read("build/.report/en.parallel.json")).expect("JSON");
    assert_eq!(parallel["lang"], "en");
}

/// Editions are published with the permissions a plain create gives (0666
/// less the umask), not the owner-only ones of a temporary file.
#[test]
fn editions_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt as _;
    let project = Project::fixture("minimal");
    project
        .report_in_shell("umask 022 && exec \"$REPORT_BIN\" render")
        .success();
    for file in [
        "build/es/minimal.pdf",
        "build/en/minimal.pdf",
        "build/es/index.html",
        "build/.report/es.json",
    ] {
        let mode = fs::metadata(project.path(file))
            .expect("edition")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{file}: {mode:o}");
    }
}
