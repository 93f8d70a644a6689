//! Reading PDF files for the print steps: one way to open a file (refusing
//! encrypted and damaged ones, which a press refuses too, instead of
//! checking what lopdf could guess of them) and page attributes that the
//! page tree may pass down (MediaBox, Resources).

use lopdf::{Dictionary, Document, Object, ObjectId};

/// A box `[x0 y0 x1 y1]` in PDF points, normalised (x0 ≤ x1, y0 ≤ y1).
pub type Rect = [f64; 4];

/// The most content one page may have preflight read, its forms' included:
/// a small file can claim gigabytes of zeros, and parsed content takes
/// about a hundred times its size in memory. A dense page of Typst's is a
/// few hundred kilobytes.
pub const MAX_CONTENT_BYTES: usize = 2 << 20;

/// Opens `pdf`; an unreadable, encrypted or repaired file is refused with
/// what is wrong with it.
pub fn open(pdf: &[u8]) -> Result<Document, String> {
    let doc =
        Document::load_mem(pdf).map_err(|e| format!("the file is not a readable PDF ({e})"))?;
    if doc.is_encrypted() || doc.encryption_state.is_some() {
        return Err(
            "the file is encrypted, which PDF/X does not allow (and preflight cannot read)"
                .to_owned(),
        );
    }
    if doc.xref_recovery.is_some() {
        return Err(
            "the file is damaged: its cross-reference table does not match its objects (is it complete?)"
                .to_owned(),
        );
    }
    Ok(doc)
}

/// An attribute of a page, looked up the page tree (`Parent`) as PDF
/// inherits MediaBox, CropBox, Resources and Rotate.
pub fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page).ok()?;
    // A page tree deeper than this is a loop.
    for _ in 0..64 {
        if let Ok(value) = dict.get_deref(key, doc) {
            return Some(value);
        }
        dict = dict.get_deref(b"Parent", doc).ok()?.as_dict().ok()?;
    }
    None
}

/// A page's box `key`, inherited where PDF allows it.
pub fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Rect> {
    let value = if key == b"MediaBox" || key == b"CropBox" {
        inherited(doc, page, key)?
    } else {
        doc.get_dictionary(page).ok()?.get_deref(key, doc).ok()?
    };
    let numbers: Vec<f64> = value
        .as_array()
        .ok()?
        .iter()
        .filter_map(|n| n.as_float().ok().map(f64::from))
        .filter(|n| n.is_finite())
        .collect();
    let [x0, y0, x1, y1] = <[f64; 4]>::try_from(numbers).ok()?;
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// A page's resources, inherited where PDF allows it.
pub fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    inherited(doc, page, b"Resources")?.as_dict().ok()
}
