//! Typst's PDF made PDF/X-4 (ISO 15930-7): the page boxes, the output
//! intent with the press's CMYK profile, the version keys, `Trapped`, the
//! XMP packet, and nothing a press refuses on the page (annotations).
//!
//! Typst 0.15 cannot write PDF/X (typst#6012), but what it writes is close:
//! every colour is ICC-based (sRGB or grey) or CMYK, every font embedded,
//! and with `--pdf-standard 1.6` the file is PDF 1.6, as PDF/X-4 asks. So
//! this is a post-processing step over the parsed file (lopdf), not a
//! conversion: nothing on the pages is redrawn. Ghostscript's PDF/X route
//! would convert every colour to CMYK, drop the tags and outlines' text
//! quality checks cannot see, stamp its own dates and IDs (so bytes differ
//! run to run) and need an install the print edition would depend on.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::pdf::Rect;
use super::xmp::{XmpFields, iso_date};
use crate::project::print::settings::{Length, PrintSettings};

/// The PDF/X version written (`GTS_PDFXVersion`).
pub(crate) const PDFX_VERSION: &str = "PDF/X-4";

/// What the PDF/X step needs besides the PDF.
#[derive(Debug, Clone)]
pub(crate) struct PdfxJob<'a> {
    /// The trim, bleed and marks the pages were laid out with.
    pub settings: &'a PrintSettings,
    /// The output intent's ICC profile.
    pub profile: &'a [u8],
    /// The printing condition it characterises (`OutputConditionIdentifier`).
    pub condition: &'a str,
    /// The edition's language tag (`dc:language`).
    pub language: &'a str,
    /// A title when the document has none (PDF/X needs one).
    pub fallback_title: &'a str,
}

/// Why a PDF could not be made PDF/X.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PdfxError {
    /// The PDF does not parse.
    Unreadable(String),
    /// A page is not the trim size with bleed and marks around it.
    WrongPageSize {
        /// 1-based page number.
        page: u32,
        /// Its size in millimetres.
        found: (f64, f64),
        /// The size expected, in millimetres.
        expected: (f64, f64),
    },
    /// The page count is not a multiple of `page-multiple`.
    PageCount {
        /// Pages found.
        pages: u32,
        /// The multiple asked for.
        multiple: u32,
    },
    /// The file could not be written back.
    Write(String),
}

impl std::fmt::Display for PdfxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfxError::Unreadable(e) => write!(f, "Typst's PDF does not read back ({e})"),
            PdfxError::WrongPageSize {
                page,
                found,
                expected,
            } => write!(
                f,
                "page {page} is {:.1} × {:.1} mm, not the print page of {:.1} × {:.1} mm (trim, bleed and marks)",
                found.0, found.1, expected.0, expected.1
            ),
            PdfxError::PageCount { pages, multiple } => write!(
                f,
                "the edition has {pages} pages, not a multiple of {multiple} (`page-multiple`)"
            ),
            PdfxError::Write(e) => write!(f, "failed to write the PDF/X file ({e})"),
        }
    }
}

/// Makes `pdf` (Typst's output for a print edition) PDF/X-4.
pub(crate) fn make_pdfx(pdf: &[u8], job: &PdfxJob<'_>) -> Result<Vec<u8>, PdfxError> {
    let mut doc = super::pdf::open(pdf).map_err(|e| PdfxError::Unreadable(e.what))?;
    let pages = doc.get_pages();
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let multiple = job.settings.page_multiple.max(1);
    if count % multiple != 0 {
        return Err(PdfxError::PageCount {
            pages: count,
            multiple,
        });
    }
    for (number, id) in pages {
        set_boxes(&mut doc, number, id, job.settings)?;
    }
    let info = info_fields(&doc, job);
    let intent = output_intent(&mut doc, job);
    let metadata = doc.add_object(xmp_stream(&info));
    // Typst's packet says PDF 1.6 and nothing of PDF/X; it goes.
    let old_metadata = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Metadata").ok())
        .and_then(|m| m.as_reference().ok());
    if let Some(old) = old_metadata {
        doc.objects.remove(&old);
    }
    let catalog = doc
        .catalog_mut()
        .map_err(|e| PdfxError::Unreadable(e.to_string()))?;
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Reference(intent)]),
    );
    catalog.set("Metadata", Object::Reference(metadata));
    // Forms and scripts are not print content (and Typst writes neither).
    catalog.remove(b"AcroForm");
    update_info(&mut doc, &info);
    let mut out = Vec::with_capacity(pdf.len() + job.profile.len());
    doc.save_to(&mut out)
        .map_err(|e| PdfxError::Write(e.to_string()))?;
    Ok(out)
}

/// The boxes of one page from its MediaBox: TrimBox inset by bleed and
/// marks, BleedBox inset by the marks; annotations removed (PDF/X allows
/// none in the printed area, and a print edition has nothing to click).
fn set_boxes(
    doc: &mut Document,
    number: u32,
    id: ObjectId,
    settings: &PrintSettings,
) -> Result<(), PdfxError> {
    let media = super::pdf::page_box(doc, id, b"MediaBox")
        .ok_or_else(|| PdfxError::Unreadable(format!("page {number} has no MediaBox")))?;
    let margin = settings.bleed.in_pt() + settings.mark_area().in_pt();
    let mm = |pt: f64| Length::pt(pt).in_mm();
    let (width, height) = (media[2] - media[0], media[3] - media[1]);
    let expected = (
        settings.trim.width.in_pt() + 2.0 * margin,
        settings.trim.height.in_pt() + 2.0 * margin,
    );
    if (width - expected.0).abs() > 0.5 || (height - expected.1).abs() > 0.5 {
        return Err(PdfxError::WrongPageSize {
            page: number,
            found: (mm(width), mm(height)),
            expected: (mm(expected.0), mm(expected.1)),
        });
    }
    let inset = |r: Rect, by: f64| [r[0] + by, r[1] + by, r[2] - by, r[3] - by];
    let marks = settings.mark_area().in_pt();
    let bleed_box = inset(media, marks);
    let trim_box = inset(media, margin);
    let page = doc
        .get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| PdfxError::Unreadable(e.to_string()))?;
    page.set("MediaBox", rect(media));
    page.set("BleedBox", rect(bleed_box));
    page.set("TrimBox", rect(trim_box));
    page.remove(b"CropBox");
    page.remove(b"ArtBox");
    page.remove(b"Annots");
    Ok(())
}

fn rect(r: Rect) -> Object {
    // Two decimals: a hundredth of a point, and the same text every run.
    Object::Array(
        r.iter()
            .map(|v| Object::Real(((v * 100.0).round() / 100.0) as f32))
            .collect(),
    )
}

/// The output intent: `GTS_PDFX`, the printing condition and its profile.
fn output_intent(doc: &mut Document, job: &PdfxJob<'_>) -> ObjectId {
    let mut profile_dict = Dictionary::new();
    profile_dict.set("N", Object::Integer(4));
    let mut profile = Stream::new(profile_dict, job.profile.to_vec());
    // Deterministic: the same bytes compress the same way.
    let _ = profile.compress();
    let profile_id = doc.add_object(profile);
    let description = crate::project::print::profile::description(job.profile)
        .unwrap_or_else(|| job.condition.to_owned());
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFX".to_vec()));
    intent.set("OutputConditionIdentifier", literal(job.condition));
    intent.set("OutputCondition", literal(&description));
    intent.set("RegistryName", literal("http://www.color.org"));
    intent.set("Info", literal(&description));
    intent.set("DestOutputProfile", Object::Reference(profile_id));
    doc.add_object(intent)
}

fn literal(text: &str) -> Object {
    lopdf::text_string(text)
}

/// The document's title, author, dates and IDs, for XMP and Info.
fn info_fields(doc: &Document, job: &PdfxJob<'_>) -> XmpFields {
    let info = doc
        .trailer
        .get_deref(b"Info", doc)
        .and_then(Object::as_dict)
        .ok();
    let text = |key: &[u8]| -> Option<String> {
        let value = info?.get_deref(key, doc).ok()?;
        lopdf::decode_text_string(value)
            .ok()
            .filter(|s| !s.trim().is_empty())
    };
    let date = text(b"CreationDate")
        .and_then(|d| iso_date(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
    let ids: Vec<String> = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(|id| id.as_str().ok().map(uuid))
                .collect()
        })
        .unwrap_or_default();
    let document_id = ids
        .first()
        .cloned()
        .unwrap_or_else(|| uuid(job.fallback_title.as_bytes()));
    XmpFields {
        title: text(b"Title").unwrap_or_else(|| job.fallback_title.to_owned()),
        author: text(b"Author"),
        subject: text(b"Subject"),
        keywords: text(b"Keywords"),
        language: Some(job.language.to_owned()),
        date,
        creator_tool: text(b"Creator").unwrap_or_else(|| "Typst".to_owned()),
        producer: format!("report {}", env!("CARGO_PKG_VERSION")),
        instance_id: ids.get(1).cloned().unwrap_or_else(|| document_id.clone()),
        document_id,
        pdfx_version: PDFX_VERSION.to_owned(),
    }
}

/// `uuid:` and 16 bytes of `id` (padded with their own hash when shorter).
fn uuid(id: &[u8]) -> String {
    let mut bytes = [0u8; 16];
    let hash = blake3::hash(id);
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = id.get(i).copied().unwrap_or(hash.as_bytes()[i]);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn xmp_stream(fields: &XmpFields) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed, as XMP readers expect to find it.
    Stream::new(dict, fields.packet().into_bytes()).with_compression(false)
}

/// The Info dictionary as PDF/X-4 wants it: title, both dates, `Trapped`
/// and the version key, agreeing with the XMP packet.
fn update_info(doc: &mut Document, fields: &XmpFields) {
    let info_id = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let mut info = info_id
        .and_then(|id| doc.get_dictionary(id).ok().cloned())
        .unwrap_or_default();
    info.set("Title", literal(&fields.title));
    if let Ok(created) = info.get(b"CreationDate").cloned() {
        info.set("ModDate", created);
    }
    info.set("Producer", literal(&fields.producer));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    info.set(
        "GTS_PDFXVersion",
        Object::String(PDFX_VERSION.as_bytes().to_vec(), StringFormat::Literal),
    );
    match info_id {
        Some(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        None => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
}
