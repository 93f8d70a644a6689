//! Reading PDF files for the print steps: one way to open a file (refusing
//! encrypted and damaged ones, which a press refuses too, instead of
//! checking what lopdf could guess of them) and page attributes that the
//! page tree may pass down (MediaBox, Resources).
//!
//! A file is read by `scan.rs` before lopdf loads it, and lopdf is given a
//! cross-reference table of the objects the scan read, so what loading
//! builds is bounded by the file's size: at most 200,000 + size / 8
//! values and keys (`scan::BASE_UNITS`, `scan::BYTES_PER_UNIT`), and
//! object streams inflated to 16 MiB + 8 times the size in all. A file
//! over that is refused with what ran out. A value or key costs lopdf 120
//! to 300 bytes, so opening takes at most about 40 times the file's size
//! plus 100 MB (971 MB measured for a 24 MB file filled to the budget with
//! one-entry dictionaries, 836 MB with zeros in an array); print editions
//! hold one value per 60 to 400 bytes.

mod lexer;
mod scan;
mod streams;

use std::io::Write;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use scan::{Layout, Refusal};

/// A box `[x0 y0 x1 y1]` in PDF points, normalised (x0 ≤ x1, y0 ≤ y1).
pub(crate) type Rect = [f64; 4];

/// The most content one page may have preflight read, its forms' included:
/// a small file can claim gigabytes of zeros, and parsed content takes
/// about a hundred times its size in memory. A dense page of Typst's is a
/// few hundred kilobytes.
pub(crate) const MAX_CONTENT_BYTES: usize = 2 << 20;

/// Why a file was not opened: what is wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unopened {
    /// What is wrong with the file.
    pub what: String,
    /// What to do about it.
    pub hint: &'static str,
}

impl std::fmt::Display for Unopened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

const REREAD: &str =
    "preflight reads complete, unencrypted PDF files; render the print edition again";

impl From<Refusal> for Unopened {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Damaged(what) => Self { what, hint: REREAD },
            Refusal::Encrypted => Self {
                what:
                    "the file is encrypted, which PDF/X does not allow (and preflight cannot read)"
                        .to_owned(),
                hint: REREAD,
            },
            Refusal::TooMuch(what) => Self {
                what,
                hint: "a print edition holds a few values per hundred bytes; this file is built to take far more memory to read than its size (check where it came from, or render the print edition again)",
            },
        }
    }
}

/// Opens `pdf`; an unreadable, encrypted, repaired or oversized file is
/// refused with what is wrong with it.
pub fn open(pdf: &[u8]) -> Result<Document, Unopened> {
    let not_pdf = |e: &dyn std::fmt::Display| Unopened {
        what: format!("the file is not a readable PDF ({e})"),
        hint: REREAD,
    };
    let start = pdf
        .windows(5)
        .position(|w| w == b"%PDF-")
        .ok_or_else(|| not_pdf(&"no `%PDF-` header"))?;
    let pdf = &pdf[start..];
    let layout = scan::scan(pdf)?;
    let rebuilt = with_cross_reference(pdf, &layout).map_err(|e| not_pdf(&e))?;
    let options = LoadOptions {
        // A filter turns off lopdf's rebuilding of a file whose page tree
        // does not load (a scan of every `obj` in the file, streams
        // included), which the layout's table makes pointless.
        filter: Some(keep),
        max_decompressed_size: Some(layout.largest_inflated.max(1)),
        ..LoadOptions::default()
    };
    let doc = load(&rebuilt, &layout, options).map_err(|e| not_pdf(&e))?;
    drop(rebuilt);
    if doc.is_encrypted() || doc.encryption_state.is_some() {
        return Err(Refusal::Encrypted.into());
    }
    if doc.xref_recovery.is_some() {
        return Err(Refusal::Damaged(
            "the file is damaged: its cross-reference table does not match its objects (is it complete?)"
                .to_owned(),
        )
        .into());
    }
    Ok(doc)
}

/// How many values and keys reading `pdf` was charged (`None` when it is
/// refused): lopdf builds no more than that of it (what the `pdf` fuzz
/// target checks).
pub fn charged(pdf: &[u8]) -> Option<u64> {
    let start = pdf.windows(5).position(|w| w == b"%PDF-")?;
    scan::scan(&pdf[start..]).ok().map(|layout| layout.charged)
}

thread_local! {
    /// The objects listed in the table [`open`] gives lopdf, while it loads.
    static LISTED: std::cell::RefCell<std::collections::HashSet<ObjectId>> =
        std::cell::RefCell::default();
}

/// Keeps every object (see [`open`]) without copying it. lopdf keeps a
/// listed object as the filter leaves it (what it returns only says yes),
/// and an object stream's object as the filter returns it (the one left is
/// dropped); loading runs on this thread (lopdf's `rayon` feature is off).
fn keep(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let listed = LISTED.with_borrow(|listed| listed.contains(&id));
    let kept = if listed {
        Object::Null
    } else {
        std::mem::replace(object, Object::Null)
    };
    Some((id, kept))
}

/// Loads `rebuilt` with [`keep`] knowing the objects `layout` lists.
fn load(rebuilt: &[u8], layout: &Layout, options: LoadOptions) -> lopdf::Result<Document> {
    LISTED.with_borrow_mut(|listed| listed.extend(layout.objects.iter().map(|o| o.id)));
    let loaded = Document::load_mem_with_options(rebuilt, options);
    LISTED.with_borrow_mut(|listed| *listed = Default::default());
    loaded
}

/// `pdf` with a cross-reference section appended that lists the objects of
/// `layout` (the last of each number) and nothing else, and a trailer with
/// its `Root`, `Info` and `ID`.
fn with_cross_reference(pdf: &[u8], layout: &Layout) -> lopdf::Result<Vec<u8>> {
    let mut current: Vec<(u32, u16, usize)> = Vec::new();
    {
        let mut last = std::collections::HashMap::new();
        for object in &layout.objects {
            last.insert(object.id.0, (object.id.1, object.offset));
        }
        current.extend(
            last.into_iter()
                .filter(|&(n, _)| n > 0)
                .map(|(n, (g, o))| (n, g, o)),
        );
        current.sort_unstable();
    }
    let mut out = Vec::with_capacity(pdf.len() + 64 + 20 * current.len());
    out.extend_from_slice(pdf);
    out.push(b'\n');
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for run in current.chunk_by(|a, b| b.0 == a.0 + 1) {
        writeln!(out, "{} {}", run[0].0, run.len())?;
        for &(_, generation, offset) in run {
            write!(out, "{offset:010} {generation:05} n\r\n")?;
        }
    }
    let size = current.last().map_or(1, |&(n, _, _)| n + 1);
    let mut trailer = Dictionary::new();
    trailer.set("Size", i64::from(size));
    for (key, value) in layout.trailer.iter() {
        trailer.set(key.clone(), value.clone());
    }
    out.extend_from_slice(b"trailer\n");
    lopdf::Writer::write_object(&mut out, &Object::Dictionary(trailer))?;
    write!(out, "\nstartxref\n{xref}\n%%EOF\n")?;
    Ok(out)
}

/// An attribute of a page, looked up the page tree (`Parent`) as PDF
/// inherits MediaBox, CropBox, Resources and Rotate.
pub(crate) fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
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
pub(crate) fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Rect> {
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
pub(crate) fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    inherited(doc, page, b"Resources")?.as_dict().ok()
}
#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `objects` (numbered from 1, object 1 the catalog's page
    /// tree root is not needed) with a cross-reference table, whose
    /// entries `xref` may rewrite.
    fn file(objects: &[Vec<u8>], xref: impl Fn(usize, usize) -> usize) -> Vec<u8> {
        let mut out = b"%PDF-1.6\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let start = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes(),
        );
        for (i, &offset) in offsets.iter().enumerate() {
            let offset = xref(i, offset);
            out.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
    const PAGES: &[u8] = b"<< /Type /Pages /Kids [] /Count 0 >>";

    fn refused(bytes: &[u8]) -> String {
        match open(bytes) {
            Err(why) => why.what,
            Ok(doc) => panic!("opened, {} objects", doc.objects.len()),
        }
    }

    fn array(elements: usize) -> Vec<u8> {
        format!("[{}]", "0 ".repeat(elements)).into_bytes()
    }

    #[test]
    fn an_array_is_charged_by_its_values_not_its_bytes() {
        // 100,000 values in 200 kB: within 200,000 + 25,000.
        let fine = file(
            &[CATALOG.to_vec(), PAGES.to_vec(), array(100_000)],
            |_, o| o,
        );
        let doc = open(&fine).expect("open");
        assert_eq!(
            doc.get_object((3, 0))
                .and_then(Object::as_array)
                .map(Vec::len)
                .ok(),
            Some(100_000)
        );
        // 400,000 in 800 kB: over 200,000 + 100,000.
        let hostile = file(
            &[CATALOG.to_vec(), PAGES.to_vec(), array(400_000)],
            |_, o| o,
        );
        let why = refused(&hostile);
        assert!(
            why.contains("more PDF values than preflight reads for its size"),
            "{why}"
        );
        assert!(why.contains("object 3 0"), "{why}");
    }

    #[test]
    fn cross_reference_entries_that_point_elsewhere_are_damage() {
        let stream = b"<< /Length 20 >>\nstream\n4 0 obj [0 0 0 0]\nendstream".to_vec();
        let objects = [CATALOG.to_vec(), PAGES.to_vec(), stream, b"7".to_vec()];
        assert!(open(&file(&objects, |_, o| o)).is_ok());
        // Object 4 found inside object 3's stream, and object 2 at object 1.
        let inside = file(&objects, |i, o| if i == 3 { o - 39 } else { o });
        assert!(
            refused(&inside).contains("puts object 4 0 at byte"),
            "{}",
            refused(&inside)
        );
        let again = file(&objects, |i, o| if i == 1 { o - 48 } else { o });
        assert!(
            refused(&again).contains("puts object 2 0"),
            "{}",
            refused(&again)
        );
        // No startxref, or one pointing elsewhere.
        let good = file(&objects, |_, o| o);
        let cut = &good[..good.len() - 20];
        assert!(refused(cut).contains("no `startxref`"), "{}", refused(cut));
    }

    #[test]
    fn object_streams_are_charged_as_lopdf_reads_them() {
        let object_stream = |index: &str, objects: &str, compress: bool| {
            let content = format!("{index}{objects}");
            let mut stream = lopdf::Stream::new(
                lopdf::dictionary! { "Type" => "ObjStm", "N" => 2, "First" => index.len() as i64 },
                content.into_bytes(),
            );
            if compress {
                stream.compress().expect("compress");
            }
            let mut body = Vec::new();
            lopdf::Writer::write_object(&mut body, &Object::Stream(stream)).expect("write");
            body
        };
        let fine = object_stream("5 0 6 2 ", "42 (text)", true);
        let doc = open(&file(&[CATALOG.to_vec(), PAGES.to_vec(), fine], |_, o| o)).expect("open");
        assert_eq!(doc.get_object((5, 0)).ok(), Some(&Object::Integer(42)));
        // Two objects at the same place: lopdf would read it twice.
        let twice = object_stream(
            "5 0 6 0 ",
            &String::from_utf8(array(1000)).expect("ascii"),
            false,
        );
        let why = refused(&file(&[CATALOG.to_vec(), PAGES.to_vec(), twice], |_, o| o));
        assert!(why.contains("overlap"), "{why}");
        // 40 MB of zeros in 40 kB: over 16 MiB + 8 times the file.
        let bomb = object_stream("5 0 6 2 ", &" ".repeat(40 << 20), true);
        let why = refused(&file(&[CATALOG.to_vec(), PAGES.to_vec(), bomb], |_, o| o));
        assert!(
            why.contains("inflate to more than preflight reads"),
            "{why}"
        );
    }

    #[test]
    fn a_stream_length_taken_from_elsewhere_stays_within_the_stream() {
        let stream = b"<< /Length 4 0 R >>\nstream\nabc\nendstream".to_vec();
        let fine = file(
            &[
                CATALOG.to_vec(),
                PAGES.to_vec(),
                stream.clone(),
                b"3".to_vec(),
            ],
            |_, o| o,
        );
        let doc = open(&fine).expect("open");
        assert_eq!(
            doc.get_object((3, 0))
                .and_then(Object::as_stream)
                .map(|s| s.content.clone())
                .ok(),
            Some(b"abc".to_vec())
        );
        let long = file(
            &[CATALOG.to_vec(), PAGES.to_vec(), stream, b"300".to_vec()],
            |_, o| o,
        );
        assert!(
            refused(&long).contains("Length of the stream"),
            "{}",
            refused(&long)
        );
        let real = b"<< /Length 3000.0 >>\nstream\nabc\nendstream".to_vec();
        let real = file(&[CATALOG.to_vec(), PAGES.to_vec(), real], |_, o| o);
        assert!(
            refused(&real).contains("Length of the stream"),
            "{}",
            refused(&real)
        );
    }
}
