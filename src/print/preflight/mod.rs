//! Preflight: what a print shop checks before it accepts a PDF, run on
//! every print edition and by `report preflight`. The PDF/X structure;
//! every font's program in the file; every raster image at 300 ppi or more
//! at the size it is printed; no line thinner than 0.25 pt; no text closer
//! to the trim than the safe margin; crop marks on every page when the
//! project asks for them; no text set over other text ([`overlap`], also
//! run on every screen PDF: [`overprinted`]). Only what lies inside the
//! bleed counts: crop marks and the slug line are outside it on purpose.
//!
//! Files may come from anywhere (`report preflight FILE`): reading is
//! bounded — a page's content, forms included, up to 2 MiB and a million
//! operators (a page over that is reported, not read whole), each draw of a
//! form costing at least 64 bytes; a document up to 64 MiB and ten million
//! operators; pages drawing the same streams read once; forms drawing
//! themselves skipped — and an interrupt stops it within a page.

pub mod content;
pub mod fonts;
mod geometry;
mod images;
mod overlap;
mod problems;
mod structure;

pub use images::ImageNames;
pub use problems::problems;

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use lopdf::{Document, ObjectId};

use super::pdf::{self, MAX_CONTENT_BYTES, Rect};
use crate::project::print::settings::Length;
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
    /// Text set over other text.
    TextOverlap {
        /// How many pairs of runs overlap on the page.
        count: usize,
        /// The first pair's texts, quoted: the one on top, then the one
        /// under it.
        texts: (String, String),
    },
    /// A page with more content than preflight reads (the rest unchecked).
    PartlyRead,
    /// Preflight stopped before this page: the document's budget is spent.
    NotRead,
    /// Pages without crop marks though the project has them on.
    NoMarks {
        /// Which (`pages 2, 5–7`).
        pages: String,
    },
}

/// One finding on one page (1-based; 0 for the whole file).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFinding {
    /// The page, from 1; 0 for what concerns the whole file.
    pub page: u32,
    /// What was found.
    pub finding: Finding,
}

/// Why a file could not be preflighted at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreflightError {
    /// Not a PDF, encrypted, damaged or built to exhaust memory.
    Unreadable(pdf::Unopened),
    /// Ctrl-C or SIGTERM.
    Interrupted,
}

impl std::fmt::Display for PreflightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreflightError::Unreadable(why) => f.write_str(&why.what),
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
    let mut fonts = fonts::FontSearch::default();
    let mut unmarked = Vec::new();
    let mut reader = PageReader::default();
    for (page, id) in doc.get_pages() {
        if crate::platform::interrupt::interrupted() {
            return Err(PreflightError::Interrupted);
        }
        if reader.budget.spent() {
            found.push(PageFinding {
                page,
                finding: Finding::NotRead,
            });
            break;
        }
        let resources = pdf::page_resources(&doc, id);
        for font in fonts.missing(&doc, resources) {
            found.push(PageFinding {
                page,
                finding: Finding::FontNotEmbedded { font },
            });
        }
        let boxes = PageBoxes::of(&doc, id);
        let checked = reader.check(&doc, id, resources, &boxes, limits, names)?;
        if checked.unmarked {
            unmarked.push(page);
        }
        found.extend(checked.findings.iter().map(|finding| PageFinding {
            page,
            finding: finding.clone(),
        }));
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

/// Checks a screen PDF for one thing only, text set over other text:
/// render runs it on every PDF edition (print editions get all of
/// [`preflight`]).
pub fn overprinted(bytes: &[u8]) -> Result<Vec<PageFinding>, PreflightError> {
    let doc = pdf::open(bytes).map_err(PreflightError::Unreadable)?;
    let mut budget = DocumentBudget::default();
    let mut found = Vec::new();
    for (page, id) in doc.get_pages() {
        if crate::platform::interrupt::interrupted() {
            return Err(PreflightError::Interrupted);
        }
        if budget.spent() {
            break;
        }
        let content = walk_page(&doc, id, &budget);
        budget.spend(&content);
        let overprint = overlap::finding(&doc, &content);
        found.extend(overprint.map(|finding| PageFinding { page, finding }));
    }
    Ok(found)
}

/// What one page's check found.
struct PageCheck {
    findings: Vec<Finding>,
    /// Crop marks expected but not found.
    unmarked: bool,
}

/// Reads pages within the document's budget. Pages that draw the same
/// streams with the same resources are read once, and checked once per
/// set of boxes (a file may list one page a hundred thousand times).
#[derive(Default)]
struct PageReader {
    budget: DocumentBudget,
    drawn: HashMap<Drawing, Rc<PageContent>>,
    checked: HashMap<(Drawing, [u64; 8]), Rc<PageCheck>>,
}

/// What a page draws: its content streams and (a hash of) its resources.
type Drawing = (Vec<ObjectId>, [u8; 32]);

impl PageReader {
    fn check(
        &mut self,
        doc: &Document,
        id: ObjectId,
        resources: Option<&lopdf::Dictionary>,
        boxes: &PageBoxes,
        limits: &Limits,
        names: &ImageNames,
    ) -> Result<Rc<PageCheck>, PreflightError> {
        let streams = page_streams(doc, id);
        let drawn_with = resources_key(doc, id, resources);
        let shared = !streams.is_empty();
        let boxes_key = {
            let [a, b, c, d] = boxes.trim.map(f64::to_bits);
            let [e, f, g, h] = boxes.bleed.map(f64::to_bits);
            [a, b, c, d, e, f, g, h]
        };
        let check_key = ((streams.clone(), drawn_with), boxes_key);
        if let Some(checked) = self.checked.get(&check_key).filter(|_| shared) {
            return Ok(Rc::clone(checked));
        }
        let content = match self
            .drawn
            .get(&(streams.clone(), drawn_with))
            .filter(|_| shared)
        {
            Some(content) => Rc::clone(content),
            None => {
                let content = walk_page(doc, id, &self.budget);
                if content.interrupted {
                    return Err(PreflightError::Interrupted);
                }
                self.budget.spend(&content);
                let content = Rc::new(content);
                if shared {
                    self.drawn
                        .insert((streams, drawn_with), Rc::clone(&content));
                }
                content
            }
        };
        let mut findings = page_findings(&content, boxes, limits, names);
        findings.extend(overlap::finding(doc, &content));
        let checked = Rc::new(PageCheck {
            findings,
            // A page read in part may have its marks in the part not read.
            unmarked: limits.expect_marks && !content.truncated && !has_marks(&content, boxes),
        });
        if shared {
            self.checked.insert(check_key, Rc::clone(&checked));
        }
        Ok(checked)
    }
}

/// Resources as part of a cache key: written in the page itself, by their
/// contents (pages often repeat `<< >>`; each page's own text is read once);
/// shared (a reference, or inherited from the page tree), by where they are.
fn resources_key(
    doc: &Document,
    page: ObjectId,
    resources: Option<&lopdf::Dictionary>,
) -> [u8; 32] {
    let inline = doc
        .get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Resources").ok())
        .is_some_and(|r| matches!(r, lopdf::Object::Dictionary(_)));
    match resources {
        Some(r) if inline => *blake3::hash(format!("{r:?}").as_bytes()).as_bytes(),
        Some(r) => *blake3::hash(&(std::ptr::from_ref(r) as usize).to_le_bytes()).as_bytes(),
        None => [0; 32],
    }
}

/// The content streams a page draws, by object (empty when they are not
/// all shared objects).
fn page_streams(doc: &Document, id: ObjectId) -> Vec<ObjectId> {
    let Ok(page) = doc.get_dictionary(id) else {
        return Vec::new();
    };
    match page.get(b"Contents") {
        Ok(lopdf::Object::Reference(stream)) => match doc.get_object(*stream) {
            // A reference to an array of streams.
            Ok(lopdf::Object::Array(parts)) => parts
                .iter()
                .map(|p| p.as_reference().ok())
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default(),
            _ => vec![*stream],
        },
        Ok(lopdf::Object::Array(parts)) => parts
            .iter()
            .map(|p| p.as_reference().ok())
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// What preflight reads of a whole document: pages may share one stream,
/// which costs on each page, so the pages' limits alone do not bound it.
struct DocumentBudget {
    bytes: usize,
    operations: usize,
}

impl Default for DocumentBudget {
    fn default() -> Self {
        Self {
            bytes: 64 << 20,
            operations: 10_000_000,
        }
    }
}

impl DocumentBudget {
    fn spent(&self) -> bool {
        self.bytes == 0 || self.operations == 0
    }

    fn spend(&mut self, content: &PageContent) {
        self.bytes = self.bytes.saturating_sub(content.bytes_read);
        self.operations = self.operations.saturating_sub(content.operations_run);
    }
}

/// Everything drawn on one page, read within the page's and the
/// document's limits.
fn walk_page(doc: &Document, id: ObjectId, budget: &DocumentBudget) -> PageContent {
    let mut walker = Walker::with_budget(doc, budget.bytes, budget.operations);
    let limit = MAX_CONTENT_BYTES.min(budget.bytes);
    match doc.get_page_content_with_limit(id, limit) {
        Ok(data) => walker.walk(&data, pdf::page_resources(doc, id), Matrix::IDENTITY, 0),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            walker.mark_truncated();
        }
        Err(_) => walker.mark_unreadable(),
    }
    walker.finish()
}

/// Whether at least eight strokes lie wholly outside the bleed: the crop
/// marks (drawn by the template's `page-setup`; a page without them has
/// none there).
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
            closest_mm: Length::pt(closest).in_mm(),
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
    fn outlined_text_and_curves_are_judged_where_they_are_thinnest() {
        let outlined = pdf("0.1 w BT 2 Tr /F 12 Tf 700 700 Td (Hi) Tj ET", |_| {
            dictionary! { "Font" => dictionary! { "F" => dictionary! { "Type" => "Font", "Subtype" => "Type3" } } }
        });
        assert!(
            matches!(findings(&outlined)[..], [Finding::ThinLines { .. }]),
            "{:?}",
            findings(&outlined)
        );
        // An arch squeezed to a tenth: 1.5 pt wide, 0.15 pt at its top,
        // where no leg of its control polygon is horizontal.
        let arch = pdf(
            "1 0 0 0.1 0 0 cm 1.5 w 100 7000 m 115 7260 130 7000 y S",
            |_| Dictionary::new(),
        );
        assert!(
            matches!(findings(&arch)[..], [Finding::ThinLines { thinnest, .. }] if thinnest < 0.16),
            "{:?}",
            findings(&arch)
        );
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
            Err(PreflightError::Unreadable(why)) => why.what,
            other => panic!("{other:?}"),
        };
        assert!(refused(cut).contains("damaged"), "{}", refused(cut));
        assert!(refused(b"hello").contains("not a readable PDF"));
        assert!(refused(b"").contains("not a readable PDF"));
    }
}
