//! Preflight: what a print shop checks before it accepts a PDF, run on
//! every print edition and by `report preflight`. Every font's program in
//! the file; every raster image at 300 ppi or more at the size it is
//! printed; no line thinner than 0.25 pt; no text closer to the trim than
//! the safe margin. Only what lies inside the bleed counts: crop marks and
//! the slug line are outside it on purpose.

pub mod content;
pub mod fonts;
mod images;

pub use images::ImageNames;

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::diagnostic::{Code, Problem, Problems};
use content::{Bounds, Matrix, Walker};

/// The thresholds preflight checks against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Images below this resolution at their printed size are reported.
    pub min_ppi: f64,
    /// Lines thinner than this (points) are reported.
    pub min_line: f64,
    /// Text closer than this (points) to the trim is reported.
    pub safe_margin: f64,
}

/// The resolution a press needs for photographs.
pub const MIN_PPI: f64 = 300.0;
/// The thinnest line a press holds.
pub const MIN_LINE_PT: f64 = 0.25;

/// What preflight found on one page.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A font the file does not carry.
    FontNotEmbedded {
        /// The font's PostScript name.
        font: String,
    },
    /// An image under the minimum resolution.
    LowResolution {
        /// Its resolution at the printed size.
        ppi: f64,
        /// Its size in pixels.
        pixels: (u32, u32),
        /// The project files it may come from (same size in pixels).
        files: Vec<String>,
    },
    /// Lines thinner than the minimum.
    ThinLines {
        /// How many.
        count: usize,
        /// The thinnest, in points.
        thinnest: f64,
    },
    /// What makes the file not PDF/X (a missing output intent, version
    /// key or TrimBox).
    NotPdfx {
        /// What is missing or wrong.
        what: String,
    },
    /// Text runs closer to the trim than the safe margin.
    NearTrim {
        /// How many.
        count: usize,
        /// The closest, in millimetres.
        closest_mm: f64,
    },
}

/// One finding on one page (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFinding {
    /// The page.
    pub page: u32,
    /// What was found.
    pub finding: Finding,
}

/// Checks a print edition's PDF.
pub fn preflight(
    pdf: &[u8],
    limits: &Limits,
    names: &ImageNames,
) -> Result<Vec<PageFinding>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| format!("the PDF does not read ({e})"))?;
    let mut found: Vec<PageFinding> = pdfx_gaps(&doc)
        .into_iter()
        .map(|(page, what)| PageFinding {
            page,
            finding: Finding::NotPdfx { what },
        })
        .collect();
    let mut fonts_seen = BTreeSet::new();
    for (page, id) in doc.get_pages() {
        let resources = page_resources(&doc, id);
        for font in missing_fonts(&doc, resources, &mut fonts_seen) {
            found.push(PageFinding {
                page,
                finding: Finding::FontNotEmbedded { font },
            });
        }
        let boxes = PageBoxes::of(&doc, id);
        let mut walker = Walker::new(&doc);
        walker.walk(&doc.get_page_content(id), resources, Matrix::IDENTITY, 0);
        let content = walker.finish();
        found.extend(
            page_findings(&content, &boxes, limits, names)
                .into_iter()
                .map(|finding| PageFinding { page, finding }),
        );
    }
    Ok(found)
}

/// What one page's content shows against the limits: low-resolution
/// images (each size once) and thin lines inside the bleed, text inside
/// the trim but too close to it.
fn page_findings(
    content: &content::PageContent,
    boxes: &PageBoxes,
    limits: &Limits,
    names: &ImageNames,
) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut images_seen = BTreeSet::new();
    for image in content
        .images
        .iter()
        .filter(|i| overlaps(i.bounds, boxes.bleed))
    {
        if image.ppi < limits.min_ppi && images_seen.insert(image.pixels) {
            found.push(Finding::LowResolution {
                ppi: image.ppi,
                pixels: image.pixels,
                files: names.files(image.pixels),
            });
        }
    }
    let thin: Vec<f64> = content
        .strokes
        .iter()
        .filter(|s| overlaps(s.bounds, boxes.bleed) && s.width < limits.min_line - 1e-6)
        .map(|s| s.width)
        .collect();
    if let Some(thinnest) = thin.iter().copied().reduce(f64::min) {
        found.push(Finding::ThinLines {
            count: thin.len(),
            thinnest,
        });
    }
    let near: Vec<f64> = content
        .text
        .iter()
        .filter(|t| overlaps(t.bounds, boxes.trim))
        .map(|t| distance_inside(t.bounds, boxes.trim))
        .filter(|d| *d < limits.safe_margin - 0.01)
        .collect();
    if let Some(closest) = near.iter().copied().reduce(f64::min) {
        found.push(Finding::NearTrim {
            count: near.len(),
            closest_mm: closest * 25.4 / 72.0,
        });
    }
    found
}

/// What keeps `doc` from being PDF/X-4, with the page it concerns (0 for
/// the whole document).
fn pdfx_gaps(doc: &Document) -> Vec<(u32, String)> {
    let mut gaps = Vec::new();
    let catalog = doc.catalog().ok();
    let intents = catalog
        .and_then(|c| c.get_deref(b"OutputIntents", doc).ok())
        .and_then(|i| i.as_array().ok());
    let pdfx_intent = intents.into_iter().flatten().find_map(|intent| {
        let intent = doc.dereference(intent).ok()?.1.as_dict().ok()?;
        (intent.get(b"S").and_then(Object::as_name).ok()? == b"GTS_PDFX").then_some(intent)
    });
    match pdfx_intent {
        None => gaps.push((0, "there is no GTS_PDFX output intent".to_owned())),
        Some(intent) => {
            let channels = intent
                .get_deref(b"DestOutputProfile", doc)
                .and_then(Object::as_stream)
                .ok()
                .and_then(|s| s.dict.get(b"N").and_then(Object::as_i64).ok());
            if channels != Some(4) {
                gaps.push((
                    0,
                    "the output intent has no embedded CMYK profile".to_owned(),
                ));
            }
        }
    }
    let info = doc
        .trailer
        .get_deref(b"Info", doc)
        .and_then(Object::as_dict)
        .ok();
    let version = info
        .and_then(|i| i.get(b"GTS_PDFXVersion").ok())
        .and_then(|v| lopdf::decode_text_string(v).ok());
    if !version.is_some_and(|v| v.starts_with("PDF/X-")) {
        gaps.push((0, "the Info dictionary has no GTS_PDFXVersion".to_owned()));
    }
    let trapped = info.and_then(|i| i.get(b"Trapped").and_then(Object::as_name).ok());
    if !matches!(trapped, Some(b"True" | b"False")) {
        gaps.push((0, "`Trapped` is not True or False".to_owned()));
    }
    let (mut untrimmed, mut annotated) = (Vec::new(), Vec::new());
    for (page, id) in doc.get_pages() {
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        if !(dict.has(b"TrimBox") || dict.has(b"ArtBox")) {
            untrimmed.push(page);
        }
        let annotations = dict.get_deref(b"Annots", doc).and_then(Object::as_array);
        if annotations.is_ok_and(|a| !a.is_empty()) {
            annotated.push(page);
        }
    }
    if !untrimmed.is_empty() {
        gaps.push((0, format!("no TrimBox on {}", pages(&untrimmed))));
    }
    if !annotated.is_empty() {
        gaps.push((
            0,
            format!(
                "annotations (links, comments), which PDF/X does not allow where it prints, on {}",
                pages(&annotated)
            ),
        ));
    }
    gaps
}

/// `page 3`, `pages 1–4, 7`.
fn pages(numbers: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let text: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    let noun = if numbers.len() == 1 { "page" } else { "pages" };
    format!("{noun} {}", text.join(", "))
}

/// The page's trim and bleed boxes (each falling back as PDF says).
struct PageBoxes {
    trim: Bounds,
    bleed: Bounds,
}

impl PageBoxes {
    fn of(doc: &Document, id: ObjectId) -> Self {
        let get = |key: &[u8]| -> Option<Bounds> {
            let page = doc.get_dictionary(id).ok()?;
            let values: Vec<f64> = page
                .get_deref(key, doc)
                .and_then(Object::as_array)
                .ok()?
                .iter()
                .filter_map(|v| v.as_float().ok().map(f64::from))
                .collect();
            let [x0, y0, x1, y1] = <[f64; 4]>::try_from(values).ok()?;
            Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
        };
        let media = get(b"MediaBox").unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let bleed = get(b"BleedBox").unwrap_or(media);
        Self {
            trim: get(b"TrimBox").unwrap_or(bleed),
            bleed,
        }
    }
}

fn overlaps(a: Bounds, b: Bounds) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// How far `inner` stays from `outer`'s edges (negative when it crosses one).
fn distance_inside(inner: Bounds, outer: Bounds) -> f64 {
    (inner[0] - outer[0])
        .min(inner[1] - outer[1])
        .min(outer[2] - inner[2])
        .min(outer[3] - inner[3])
}

fn page_resources(doc: &Document, id: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(id).ok()?;
    for _ in 0..32 {
        if let Ok(resources) = dict.get_deref(b"Resources", doc).and_then(Object::as_dict) {
            return Some(resources);
        }
        dict = dict.get_deref(b"Parent", doc).ok()?.as_dict().ok()?;
    }
    None
}

/// Fonts of `resources` (and of the forms it draws) whose program is not
/// in the file, each named once per document.
fn missing_fonts(
    doc: &Document,
    resources: Option<&Dictionary>,
    seen: &mut BTreeSet<String>,
) -> Vec<String> {
    let mut missing = Vec::new();
    let mut pending: Vec<(&Dictionary, usize)> = resources.map(|r| (r, 0)).into_iter().collect();
    while let Some((resources, depth)) = pending.pop() {
        if let Ok(fonts) = resources.get_deref(b"Font", doc).and_then(Object::as_dict) {
            for (_, font) in fonts.iter() {
                let Ok((_, font)) = doc.dereference(font) else {
                    continue;
                };
                let Ok(font) = font.as_dict() else { continue };
                if let Some(name) = fonts::missing_program(doc, font)
                    && seen.insert(name.clone())
                {
                    missing.push(name);
                }
            }
        }
        if depth >= 12 {
            continue;
        }
        if let Ok(xobjects) = resources
            .get_deref(b"XObject", doc)
            .and_then(Object::as_dict)
        {
            for (_, xobject) in xobjects.iter() {
                let inner = doc
                    .dereference(xobject)
                    .ok()
                    .and_then(|(_, x)| x.as_stream().ok())
                    .and_then(|s| s.dict.get_deref(b"Resources", doc).ok())
                    .and_then(|r| r.as_dict().ok());
                if let Some(inner) = inner {
                    pending.push((inner, depth + 1));
                }
            }
        }
    }
    missing
}

/// Findings as problems of the edition at `file` (shown as given): fonts
/// are errors (PDF/X requires them), the rest warnings.
pub fn problems(findings: &[PageFinding], file: &str, limits: &Limits) -> Problems {
    let mut problems = Problems::default();
    for PageFinding { page, finding } in findings {
        let problem = match finding {
            Finding::NotPdfx { what } => {
                let place = if *page == 0 { String::new() } else { format!("page {page}: ") };
                Problem::error(Code::Pdfx, format!("{file}: {place}not PDF/X: {what}"))
                    .with_hint("print editions (`report render --format print`) are PDF/X-4; send the printer build/print/, not the screen PDF")
            }
            Finding::FontNotEmbedded { font } => Problem::error(
                Code::FontNotEmbedded,
                format!("{file}: page {page}: the font `{font}` is not embedded"),
            )
            .with_hint("a press has none of your fonts; use fonts Typst can embed (OpenType or TrueType files in the project's fonts/)"),
            Finding::LowResolution { ppi, pixels, files } => {
                let what = match files.as_slice() {
                    [] => format!("an image of {} × {} px", pixels.0, pixels.1),
                    [one] => format!("the image `{one}`"),
                    many => format!("an image of {} × {} px (`{}`)", pixels.0, pixels.1, many.join("`, `")),
                };
                Problem::warning(
                    Code::LowResolution,
                    format!("{file}: page {page}: {what} is {ppi:.0} ppi at its printed size (a press needs {:.0})", limits.min_ppi),
                )
                .with_hint(format!(
                    "use a file of at least {} × {} px, or print it at most {:.0}% as large",
                    (f64::from(pixels.0) * limits.min_ppi / ppi).ceil(),
                    (f64::from(pixels.1) * limits.min_ppi / ppi).ceil(),
                    100.0 * ppi / limits.min_ppi
                ))
            }
            Finding::ThinLines { count, thinnest } => Problem::warning(
                Code::ThinLine,
                format!(
                    "{file}: page {page}: {count} line{} thinner than {} pt (thinnest {thinnest:.2} pt)",
                    if *count == 1 { "" } else { "s" },
                    limits.min_line
                ),
            )
            .with_hint(format!("presses lose hairlines; give strokes at least {} pt (`stroke: 0.25pt`)", limits.min_line)),
            Finding::NearTrim { count, closest_mm } => Problem::warning(
                Code::NearTrim,
                format!(
                    "{file}: page {page}: {count} line{} of text within {:.1} mm of the trim (closest {closest_mm:.1} mm)",
                    if *count == 1 { "" } else { "s" },
                    limits.safe_margin * 25.4 / 72.0
                ),
            )
            .with_hint("the cut can wander by a millimetre or two; keep text inside the safe margin (`[print] safe-margin`) or widen the page margins"),
        };
        problems.push(problem);
    }
    problems
}
