//! Overprinted text (`text-overlap`): glyphs set over other glyphs are
//! found in every PDF edition `render` writes — a warning for screen PDFs,
//! an error that keeps a print edition from being written — and by
//! `report preflight`; poppler's word boxes confirm each case.

use crate::support::{Project, overlapping_words};

/// A line placed over the paragraph "Hola, mundo." of the minimal fixture.
const OVERPRINT: &str =
    "#place(top + left, dy: 64pt)[#text(size: 11pt)[Texto puesto encima del párrafo]]\n";

fn overprinting_minimal() -> Project {
    let project = Project::fixture("minimal");
    let template = project.read("templates/main.typ");
    project.write("templates/main.typ", &format!("{template}{OVERPRINT}"));
    project
}

#[test]
fn a_screen_pdf_with_overprinted_text_is_written_with_a_warning() {
    let project = overprinting_minimal();
    let run = project.report(&["render", "--format", "pdf"]);
    assert_eq!(run.code(), 0, "{}", run.stderr);
    for (lang, hello) in [("es", "Hola,"), ("en", "Hello,")] {
        let pdf = format!("build/{lang}/minimal.pdf");
        assert!(project.path(&pdf).is_file());
        let expected = format!(
            "warning[text-overlap]: {pdf}: page 1: text is set over other text: \
             “Texto puesto encima del párrafo” over “{hello}”"
        );
        assert!(
            run.stderr.contains(&expected),
            "{expected:?} in:\n{}",
            run.stderr
        );
        // Poppler sees the same: words set over words on page 1.
        let overlaps = overlapping_words(&project.path(&pdf));
        assert!(
            overlaps
                .iter()
                .any(|(page, a, b)| *page == 1 && (a == "Texto" || b == "Texto")),
            "{overlaps:?}"
        );
    }
}

#[test]
fn preflight_reports_overprinted_text_with_its_page() {
    let project = overprinting_minimal();
    project.report(&["render", "--format", "pdf"]).success();
    let run = project.report(&["preflight", "build/es/minimal.pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[text-overlap]: build/es/minimal.pdf: page 1: text is set over other text"
        ),
        "{}",
        run.stderr
    );
    let json = project.report(&[
        "preflight",
        "build/es/minimal.pdf",
        "--output-format",
        "json",
    ]);
    assert!(
        json.stdout.contains("\"code\": \"text-overlap\""),
        "{}",
        json.stdout
    );
}

#[test]
fn a_print_edition_with_overprinted_text_is_refused() {
    let project = Project::fixture("print");
    // On page 2, over the body text.
    project.replace(
        "templates/main.typ",
        "#msg(\"body\")\n",
        "#msg(\"body\")\n#place(top + left, dy: 2pt)[#text(size: 11pt)[Encima del texto, encima del texto]]\n",
    );
    let run = project.report(&["render", "--format", "print"]);
    assert_eq!(run.code(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[text-overlap]: build/print/print-fixture.es.pdf: page 2:"),
        "{}",
        run.stderr
    );
    assert!(!project.path("build/print/print-fixture.es.pdf").exists());
}

#[test]
fn text_that_does_not_overprint_is_not_reported() {
    // Headings, paragraphs, bold words, numbers: nothing on top of anything.
    let project = Project::fixture("minimal");
    let run = project.report(&["render", "--format", "pdf"]).success();
    assert!(!run.stderr.contains("text-overlap"), "{}", run.stderr);
    assert_eq!(overlapping_words(&project.path("build/es/minimal.pdf")), []);
}
