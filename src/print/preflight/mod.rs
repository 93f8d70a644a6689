//! Preflight: what a print shop checks before it accepts a PDF, run on
//! every print edition and by `report preflight`. The PDF/X structure;
//! every font's program in the file; every raster image at 300 ppi or more
//! at the size it is printed; no line thinner than 0.25 pt; no text closer
//! to the trim than the safe margin; crop marks on every page when the
//! project asks for them. Only what lies inside the bleed counts: crop
//! marks and the slug line are outside it on purpose.
//!
//! Files may come from anywhere (`report preflight FILE`): reading is
//! bounded — a page's content, forms included, is read up to 2 MiB and a
//! million operators (what is left over is reported), forms drawing
//! themselves are skipped — and an interrupt stops it between pages.

pub mod content;
pub mod fonts;
mod images;
mod problems;
mod structure;

pub use images::ImageNames;
pub use problems::problems;

use std::collections::BTreeSet;

use lopdf::{Document, ObjectId};

use super::pdf::{self, MAX_CONTENT_BYTES, Rect};
use content::{Bounds, Matrix, PageContent, Walker};

/// The thresholds preflight checks against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Images below this resolution at their printed size are reported.
    pub min_ppi: f64,
    /// Lines thinner than this (points) are reported.
    pub min_line: f64,
    /// Text closer than this (points) to the trim is reported.
    pub safe_margin: f64,
    /// Whether every page should carry crop marks outside its bleed.
    pub expect_marks: bool,
}

/// The resolution a press needs for photographs.
pub const MIN_PPI: f64 = 300.0;
/// The thinnest line a press holds.
pub const MIN_LINE_PT: f64 = 0.25;

/// What preflight found on one page.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// What makes the file not PDF/X (a missing output intent, version
    /// key or TrimBox), or a page that cannot be read whole.
    NotPdfx {
        /// What is missing or wrong.
        what: String,
    },
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
    /// Text runs closer to the trim than the safe margin.
    NearTrim {
        /// How many.
        count: usize,
        /// The closest, in millimetres (negative: across the trim).
        closest_mm: f64,
    },
    /// A page with more content than preflight reads (the rest unchecked).
    PartlyRead,
    /// Pages without crop marks though the project has them on.
    NoMarks {
        /// Which (`pages 2, 5–7`).
        pages: String,
    },
}

/// One finding on one page (1-based; 0 for the whole file).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFinding {
    /// The page.
    pub page: u32,
    /// What was found.
    pub finding: Finding,
}

/// Why a file could not be preflighted at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreflightError {
    /// Not a PDF, encrypted, or damaged (what, in words).
    Unreadable(String),
    /// Ctrl-C or SIGTERM.
    Interrupted,
}

impl std::fmt::Display for PreflightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreflightError::Unreadable(what) => f.write_str(what),
            PreflightError::Interrupted => f.write_str("stopped by an interrupt"),
        }
    }
}

/// Checks a print edition's PDF.
pub fn preflight(
    bytes: &[u8],
    limits: &Limits,
    names: &ImageNames,
) -> Result<Vec<PageFinding>, PreflightError> {
    let doc = pdf::open(bytes).map_err(PreflightError::Unreadable)?;
    let mut found: Vec<PageFinding> = structure::pdfx_gaps(&doc)
        .into_iter()
        .map(|(page, what)| PageFinding {
            page,
            finding: Finding::NotPdfx { what },
        })
        .collect();
    let mut fonts_seen = BTreeSet::new();
    let mut unmarked = Vec::new();
    for (page, id) in doc.get_pages() {
        if crate::interrupt::interrupted() {
            return Err(PreflightError::Interrupted);
        }
        let resources = pdf::page_resources(&doc, id);
        for font in fonts::missing_fonts(&doc, resources, &mut fonts_seen) {
            found.push(PageFinding {
                page,
                finding: Finding::FontNotEmbedded { font },
            });
        }
        let boxes = PageBoxes::of(&doc, id);
        let content = walk_page(&doc, id);
        if limits.expect_marks && !has_marks(&content, &boxes) {
            unmarked.push(page);
        }
        found.extend(
            page_findings(&content, &boxes, limits, names)
                .into_iter()
                .map(|finding| PageFinding { page, finding }),
        );
    }
    if !unmarked.is_empty() {
        found.push(PageFinding {
            page: 0,
            finding: Finding::NoMarks {
                pages: structure::pages(&unmarked),
            },
        });
    }
    Ok(found)
}

/// Everything drawn on one page, read within the limits.
fn walk_page(doc: &Document, id: ObjectId) -> PageContent {
    let mut walker = Walker::new(doc);
    match doc.get_page_content_with_limit(id, MAX_CONTENT_BYTES) {
        Ok(data) => walker.walk(&data, pdf::page_resources(doc, id), Matrix::IDENTITY, 0),
        Err(lopdf::Error::Decompress(_)) => walker.mark_truncated(),
        Err(_) => walker.mark_unreadable(),
    }
    walker.finish()
}

/// Whether strokes lie outside the bleed on every side's corner: the crop
/// marks (drawn by the template's `page-setup`).
fn has_marks(content: &PageContent, boxes: &PageBoxes) -> bool {
    let outside = |b: &Bounds| {
        b[2] <= boxes.bleed[0]
            || b[0] >= boxes.bleed[2]
            || b[3] <= boxes.bleed[1]
            || b[1] >= boxes.bleed[3]
    };
    content
        .strokes
        .iter()
        .filter(|s| outside(&s.bounds))
        .count()
        >= 8
}

/// What one page's content shows against the limits: low-resolution
/// images (each size once) and thin lines inside the bleed, text inside
/// the trim but too close to it, and content preflight could not read.
fn page_findings(
    content: &PageContent,
    boxes: &PageBoxes,
    limits: &Limits,
    names: &ImageNames,
) -> Vec<Finding> {
    let mut found = Vec::new();
    if content.unreadable {
        found.push(Finding::NotPdfx {
            what: "a content stream of the page cannot be read".to_owned(),
        });
    }
    if content.truncated {
        found.push(Finding::PartlyRead);
    }
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

/// The page's trim and bleed boxes (each falling back as PDF says).
struct PageBoxes {
    trim: Rect,
    bleed: Rect,
}

impl PageBoxes {
    fn of(doc: &Document, id: ObjectId) -> Self {
        let media = pdf::page_box(doc, id, b"MediaBox").unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop = pdf::page_box(doc, id, b"CropBox").unwrap_or(media);
        let bleed = pdf::page_box(doc, id, b"BleedBox").unwrap_or(crop);
        Self {
            trim: pdf::page_box(doc, id, b"TrimBox").unwrap_or(crop),
            bleed,
        }
    }
}

fn overlaps(a: Bounds, b: Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// How far `inner` stays from `outer`'s edges (negative when it crosses one).
fn distance_inside(inner: Bounds, outer: Rect) -> f64 {
    (inner[0] - outer[0])
        .min(inner[1] - outer[1])
        .min(outer[2] - inner[2])
        .min(outer[3] - inner[3])
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Document, Object, Stream, dictionary};

    use super::*;

    const LIMITS: Limits = Limits {
        min_ppi: MIN_PPI,
        min_line: MIN_LINE_PT,
        safe_margin: 5.0 * 72.0 / 25.4,
        expect_marks: false,
    };

    /// A one-page PDF drawing `content` with `resources` (objects added by
    /// `extra` first), its MediaBox on the page tree.
    fn pdf(content: &str, extra: impl FnOnce(&mut Document) -> Dictionary) -> Vec<u8> {
        let mut doc = Document::with_version("1.6");
        let resources = extra(&mut doc);
        let pages_id = doc.new_object_id();
        let content_id =
            doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
                "MediaBox" => vec![0.into(), 0.into(), 1200.into(), 1200.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        out
    }

    fn findings(bytes: &[u8]) -> Vec<Finding> {
        preflight(bytes, &LIMITS, &ImageNames::default())
            .expect("readable")
            .into_iter()
            .map(|f| f.finding)
            .filter(|f| !matches!(f, Finding::NotPdfx { .. }))
            .collect()
    }

    #[test]
    fn lines_are_judged_across_their_direction_and_with_extgstate_widths() {
        // Beyond A4, on a page whose MediaBox comes from the page tree.
        let squeezed = pdf("1 0 0 0.1 0 0 cm 1 w 700 7000 m 800 7000 l S", |_| {
            Dictionary::new()
        });
        assert!(
            matches!(findings(&squeezed)[..], [Finding::ThinLines { count: 1, thinnest }] if (thinnest - 0.1).abs() < 1e-6),
            "{:?}",
            findings(&squeezed)
        );
        let stretched = pdf("0.2 0 0 1 0 0 cm 0.5 w 700 700 m 900 700 l S", |_| {
            Dictionary::new()
        });
        assert_eq!(
            findings(&stretched),
            [],
            "a horizontal line stays 0.5 pt thick"
        );
        let ext = pdf("/G gs 700 700 m 800 800 l S", |_| {
            dictionary! { "ExtGState" => dictionary! { "G" => dictionary! { "LW" => 0.05 } } }
        });
        assert!(matches!(findings(&ext)[..], [Finding::ThinLines { .. }]));
    }

    #[test]
    fn forms_that_draw_each_other_and_resources_that_loop_end() {
        let looped = pdf("/A Do /A Do /A Do /A Do /A Do /A Do /A Do /A Do", |doc| {
            let a = doc.new_object_id();
            let b = doc.new_object_id();
            let form = |other| {
                Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Form",
                        "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                        "Resources" => dictionary! { "XObject" => dictionary! { "A" => other } },
                    },
                    b"/A Do /A Do /A Do /A Do /A Do /A Do /A Do /A Do /A Do /A Do 0.1 w 0 0 m 5 5 l S".to_vec(),
                )
            };
            doc.objects.insert(a, Object::Stream(form(b)));
            doc.objects.insert(b, Object::Stream(form(a)));
            dictionary! { "XObject" => dictionary! { "A" => a } }
        });
        let found = findings(&looped);
        assert!(
            found.iter().any(|f| matches!(f, Finding::ThinLines { .. })),
            "{found:?}"
        );
    }

    #[test]
    fn hostile_font_widths_neither_overflow_nor_hang() {
        let hostile = pdf("BT /F 12 Tf 100 100 Td <0001> Tj ET", |doc| {
            let widths: Vec<Object> = (0..200_000)
                .flat_map(|_| {
                    [
                        Object::Integer(4_294_967_295),
                        Object::Integer(i64::MAX),
                        Object::Integer(500),
                    ]
                })
                .collect();
            let cid = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "X",
                "W" => widths,
            });
            let simple = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Y",
                "FirstChar" => i64::MAX, "Widths" => vec![Object::Integer(1); 300],
            });
            dictionary! { "Font" => dictionary! {
                "F" => dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "DescendantFonts" => vec![cid.into()] },
                "G" => simple,
            } }
        });
        let found = findings(&hostile);
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Finding::FontNotEmbedded { font } if font == "X")),
            "{found:?}"
        );
    }

    #[test]
    fn damaged_and_foreign_files_are_refused_with_what_is_wrong() {
        let good = pdf("", |_| Dictionary::new());
        let cut = &good[..good.len() * 9 / 10];
        let refused = |bytes: &[u8]| match preflight(bytes, &LIMITS, &ImageNames::default()) {
            Err(PreflightError::Unreadable(what)) => what,
            other => panic!("{other:?}"),
        };
        assert!(refused(cut).contains("damaged"), "{}", refused(cut));
        assert!(refused(b"hello").contains("not a readable PDF"));
        assert!(refused(b"").contains("not a readable PDF"));
    }
}
