//! The HTML edition laid out in headless Chromium, on a phone (390 px) and
//! a desktop (1280 px): images and charts keep their aspect ratio, numeric table
//! columns are right-aligned as in the PDF, the notes are under a visible
//! heading and the bibliography hangs its entries.

use std::path::Path;

use serde_json::Value;

use crate::support::{Project, browser_eval};

const PROBE: &str = r#"(() => {
  const box = e => e.getBoundingClientRect();
  return {
    innerWidth: innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    images: [...document.querySelectorAll('img, .chart-drawing svg')].map(i => ({
      width: box(i).width, height: box(i).height,
      naturalWidth: i.tagName === 'svg' ? i.viewBox.baseVal.width : i.naturalWidth,
      naturalHeight: i.tagName === 'svg' ? i.viewBox.baseVal.height : i.naturalHeight,
    })),
    cells: [...document.querySelectorAll('td, th')].map(c => ({
      text: c.textContent.trim(), align: getComputedStyle(c).textAlign,
    })),
    notesHeading: (h => h ? { text: h.textContent, height: box(h).height } : null)(
      document.querySelector('section[role=doc-endnotes] h2')),
    bibliographyIndent: (li => li ? parseFloat(getComputedStyle(li).textIndent) : null)(
      document.querySelector('section[role=doc-bibliography] li')),
    fonts: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight + ' ' + f.style),
  };
})()"#;

pub fn measure(page: &Path, width: u32) -> Value {
    browser_eval(page, width, PROBE)
}

/// Every image (and chart drawing) on the page is drawn at its own aspect
/// ratio (within 2 %).
#[track_caller]
pub fn assert_aspect_kept(m: &Value, what: &str) {
    let images = m["images"].as_array().expect("images");
    assert!(!images.is_empty(), "{what}: no image: {m}");
    for image in images {
        let f = |k: &str| {
            image[k]
                .as_f64()
                .unwrap_or_else(|| panic!("{k} in {image}"))
        };
        let (drawn, own) = (
            f("width") / f("height"),
            f("naturalWidth") / f("naturalHeight"),
        );
        assert!(
            (drawn - own).abs() / own < 0.02,
            "{what}: an image of {}×{} px is drawn {:.0}×{:.0}: {m}",
            f("naturalWidth"),
            f("naturalHeight"),
            f("width"),
            f("height")
        );
    }
}

/// The minimal fixture with a wide and a tall image, a table of figures
/// and a note.
fn figures_project() -> Project {
    let project = Project::fixture("minimal");
    let svg = |w: u32, h: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#1f4e79\"/></svg>\n"
        )
    };
    project.write("templates/wide.svg", &svg(1600, 900));
    project.write("templates/tall.svg", &svg(300, 900));
    let template = project.read("templates/main.typ");
    project.write(
        "templates/main.typ",
        &format!(
            "{template}\n\
             #figure(image(\"wide.svg\", width: 85%, alt: \"Wide\"), caption: [Ancha])\n\
             #figure(image(\"tall.svg\", width: 30%, alt: \"Tall\"), caption: [Alta])\n\
             #table(columns: 3, [País], [Personas], [Importe],\n\
               [Cuba], [2.350.000], [48.750.000,00 US\\$],\n\
               [Chile], [12], [5 %])\n\
             Texto con nota.#footnote[Una nota.]\n"
        ),
    );
    project
}

#[test]
fn html_images_keep_their_aspect_and_figures_align_right_on_phone_and_desktop() {
    let project = figures_project();
    project.report(&["render", "--format", "html"]).success();
    let page = project.path("build/es/index.html");
    for width in [390, 1280] {
        let m = measure(&page, width);
        assert_aspect_kept(&m, &format!("{width} px"));
        let align = |text: &str| {
            m["cells"]
                .as_array()
                .expect("cells")
                .iter()
                .find(|c| c["text"] == text)
                .unwrap_or_else(|| panic!("no cell {text:?}: {m}"))["align"]
                .clone()
        };
        for figure in [
            "Personas",
            "Importe",
            "2.350.000",
            "48.750.000,00 US$",
            "12",
            "5 %",
        ] {
            assert_eq!(align(figure), "right", "{width} px: {figure}: {m}");
        }
        for words in ["País", "Cuba", "Chile"] {
            assert_ne!(align(words), "right", "{width} px: {words}: {m}");
        }
        // The PDF's font, served with the page.
        let fonts = m["fonts"].to_string();
        assert!(
            fonts.contains("Libertinus Serif 400 normal"),
            "{width} px: {m}"
        );
        let heading = &m["notesHeading"];
        assert_eq!(heading["text"], "Notas", "{width} px: {m}");
        assert!(
            heading["height"].as_f64().unwrap_or(0.0) > 10.0,
            "{width} px: {m}"
        );
    }
}

#[test]
fn the_sample_html_keeps_image_aspect_and_hangs_its_bibliography() {
    let project = Project::sample();
    project.report(&["render", "--format", "html"]).success();
    for lang in ["es", "en"] {
        let page = project.path(&format!("build/{lang}/index.html"));
        for width in [390, 1280] {
            let m = measure(&page, width);
            assert_aspect_kept(&m, &format!("{lang}, {width} px"));
            // The charts' drawings shrink to a phone's width.
            let images = m["images"].as_array().expect("images");
            assert_eq!(images.len(), 2, "{lang}, {width} px: two charts: {m}");
            for image in images {
                assert!(
                    image["width"].as_f64() <= m["innerWidth"].as_f64(),
                    "{lang}, {width} px: a chart wider than the page: {m}"
                );
            }
            let indent = m["bibliographyIndent"]
                .as_f64()
                .expect("a bibliography entry");
            assert!(indent < 0.0, "{lang}, {width} px: entries do not hang: {m}");
            assert!(
                m["notesHeading"]["height"].as_f64().unwrap_or(0.0) > 10.0,
                "{lang}, {width} px: no visible notes heading: {m}"
            );
        }
    }
}

const PARALLEL_PROBE: &str = r#"(() => {
  const box = e => e.getBoundingClientRect();
  const headingGaps = [...document.querySelectorAll('.parallel .row.heading')].map(row => {
    const [left, right] = [...row.querySelectorAll(':scope > .col')].map(c => c.firstElementChild);
    return left && right ? box(right).top - box(left).bottom : null;
  }).filter(g => g !== null);
  const notesGaps = [...document.querySelectorAll('.parallel .row.notes')].map(row => {
    const next = row.nextElementSibling;
    return next ? box(next).top - box(row).bottom : null;
  }).filter(g => g !== null);
  return { headingGaps, notesGaps, fontSize: parseFloat(getComputedStyle(document.body).fontSize),
    accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() };
})()"#;

/// The parallel page on a phone: each English heading right under its
/// Spanish one (it had a heading's whole top margin above it), each row
/// of notes apart from the next paragraph (it touched it); the accent is
/// the template's (`theme`), defined nowhere else.
#[test]
fn the_parallel_page_on_a_phone_keeps_headings_together_and_notes_apart() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel"])
        .success();
    let page = project.path("build/parallel/cuba-putin-ally.es-en.html");
    let m = browser_eval(&page, 390, PARALLEL_PROBE);
    let size = m["fontSize"].as_f64().expect("font size");
    let gaps = |key: &str| -> Vec<f64> {
        m[key]
            .as_array()
            .expect(key)
            .iter()
            .filter_map(Value::as_f64)
            .collect()
    };
    assert!(
        !gaps("headingGaps").is_empty() && !gaps("notesGaps").is_empty(),
        "{m}"
    );
    for gap in gaps("headingGaps") {
        // It was 56 px: a heading's whole top margin.
        assert!(
            gap < 1.25 * size,
            "a heading {gap:.0} px below its partner: {m}"
        );
    }
    for gap in gaps("notesGaps") {
        // It was 0: the notes touched the next paragraph.
        assert!(
            gap >= 0.5 * size,
            "notes {gap:.0} px from the next row: {m}"
        );
    }
    assert_eq!(m["accent"], "#8c1c13", "{m}");
    assert!(!project.read("templates/report.css").contains("--accent:"));
}
