//! The structure PDF/X-4 asks of a file, as preflight checks it: a
//! `GTS_PDFX` output intent with a CMYK profile, the version key,
//! `Trapped`, a TrimBox on every page and no annotations where it prints.

use lopdf::{Document, Object};

/// What keeps `doc` from being PDF/X-4, with the page it concerns (0 for
/// the whole document).
pub(super) fn pdfx_gaps(doc: &Document) -> Vec<(u32, String)> {
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
pub(super) fn pages(numbers: &[u32]) -> String {
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
