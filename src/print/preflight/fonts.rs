//! Fonts as preflight sees them: whether each font's program is in the
//! file (a press has none of the fonts), and how wide its glyphs are (to
//! know where a line of text ends).

use std::collections::{BTreeSet, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Glyph widths of one font, in thousandths of the font size.
#[derive(Debug, Clone, Default)]
pub struct FontWidths {
    /// Bytes per character code: 2 for Identity-encoded composite fonts.
    code_bytes: usize,
    /// Widths by code (ranges of `/W` spread out; later entries win).
    widths: HashMap<u32, f64>,
    default: f64,
}

/// The most widths set from one font's `/W`: a font has at most 65,536
/// glyphs, so sixteen times that is a broken (or hostile) file.
const MAX_ENTRIES: usize = 16 * 65_536;

impl FontWidths {
    /// Reads the widths of `font` (a font dictionary).
    pub fn read(doc: &Document, font: &Dictionary) -> Self {
        let subtype = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Type0" {
            return Self::composite(doc, font);
        }
        // Simple fonts have one-byte codes.
        let first = font
            .get(b"FirstChar")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        // Type 3 widths are in glyph space: scale by the font matrix.
        let scale = if subtype == b"Type3" {
            font.get(b"FontMatrix")
                .and_then(Object::as_array)
                .ok()
                .and_then(|m| m.first())
                .and_then(|a| a.as_float().ok())
                .map_or(1.0, |a| f64::from(a) * 1000.0)
        } else {
            1.0
        };
        let widths = font
            .get_deref(b"Widths", doc)
            .and_then(Object::as_array)
            .map(|w| {
                w.iter()
                    .take(256)
                    .zip(first..=255)
                    .filter_map(|(v, code)| Some((code, f64::from(v.as_float().ok()?) * scale)))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            code_bytes: 1,
            widths,
            default: 500.0,
        }
    }

    fn composite(doc: &Document, font: &Dictionary) -> Self {
        let descendant = font
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|d| d.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok());
        let mut widths = Self {
            code_bytes: 2,
            default: 1000.0,
            ..Self::default()
        };
        if let Some(cid) = descendant {
            widths.default = cid
                .get(b"DW")
                .and_then(Object::as_float)
                .map_or(1000.0, f64::from);
            if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
                widths.read_w_array(w);
            }
        }
        widths
    }

    /// `/W [c [w1 w2 …] cfirst clast w …]`, up to [`MAX_ENTRIES`] widths
    /// set (codes above 0xFFFF are 0xFFFF: Identity-H codes are two bytes).
    fn read_w_array(&mut self, w: &[Object]) {
        let code = |o: &Object| {
            o.as_float()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(|n| (n as u32).min(0xFFFF))
        };
        let width = |o: &Object| o.as_float().ok().map(f64::from).filter(|n| n.is_finite());
        let mut set = 0;
        let mut i = 0;
        while i < w.len() && set < MAX_ENTRIES {
            let Some(first) = code(&w[i]) else { break };
            match w.get(i + 1) {
                Some(Object::Array(list)) => {
                    for (code, v) in (first..=0xFFFF).zip(list.iter().take(MAX_ENTRIES - set)) {
                        if let Some(v) = width(v) {
                            self.widths.insert(code, v);
                        }
                        set += 1;
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(v)) = (code(last), w.get(i + 2).and_then(width)) else {
                        break;
                    };
                    for code in (first..=last).take(MAX_ENTRIES - set) {
                        self.widths.insert(code, v);
                        set += 1;
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// The width of one code.
    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default)
    }

    /// The advance of `bytes` in thousandths of the font size, and how many
    /// single-byte spaces it holds (word spacing applies to those only).
    pub fn measure(&self, bytes: &[u8]) -> (f64, usize) {
        let width = self.codes(bytes).map(|code| self.width(code)).sum();
        let spaces = if self.code_bytes == 1 {
            bytes.iter().filter(|b| **b == b' ').count()
        } else {
            0
        };
        (width, spaces)
    }

    /// How many glyphs `bytes` shows.
    pub fn glyph_count(&self, bytes: &[u8]) -> usize {
        bytes.len() / self.code_bytes.max(1)
    }

    fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = u32> + 'b {
        let step = self.code_bytes.max(1);
        bytes.chunks(step).map(|chunk| {
            chunk
                .iter()
                .fold(0u32, |code, b| (code << 8) | u32::from(*b))
        })
    }
}

/// The search for fonts whose program is not in the file, across a
/// document's pages: each resource object is entered once, each font named
/// once, and at most a million font entries are looked at in all.
#[derive(Default)]
pub struct FontSearch {
    visited: HashSet<ObjectId>,
    seen: BTreeSet<String>,
    entries: usize,
}

/// How many font entries a document's search looks at.
const MAX_FONT_ENTRIES: usize = 1_000_000;

impl FontSearch {
    /// Fonts of `resources` — and of the forms, patterns and Type 3 fonts
    /// it names — not embedded and not named before.
    pub fn missing(&mut self, doc: &Document, resources: Option<&Dictionary>) -> Vec<String> {
        let mut missing = Vec::new();
        let mut pending: Vec<&Dictionary> = resources.into_iter().collect();
        while let Some(resources) = pending.pop() {
            if let Ok(fonts) = resources.get_deref(b"Font", doc).and_then(Object::as_dict) {
                for (_, font) in fonts.iter() {
                    self.entries += 1;
                    if self.entries > MAX_FONT_ENTRIES {
                        return missing;
                    }
                    let Ok((id, dict)) = doc.dereference(font) else {
                        continue;
                    };
                    if id.is_some_and(|id| self.visited.contains(&id)) {
                        continue;
                    }
                    let Ok(dict) = dict.as_dict() else { continue };
                    if let Some(name) = missing_program(doc, dict)
                        && self.seen.insert(name.clone())
                    {
                        missing.push(name);
                    }
                    // Type 3 glyphs are content with resources of their own.
                    enter(doc, font, &mut self.visited, &mut pending);
                }
            }
            for key in [&b"XObject"[..], b"Pattern"] {
                if let Ok(entries) = resources.get_deref(key, doc).and_then(Object::as_dict) {
                    for (_, entry) in entries.iter() {
                        self.entries += 1;
                        if self.entries > MAX_FONT_ENTRIES {
                            return missing;
                        }
                        enter(doc, entry, &mut self.visited, &mut pending);
                    }
                }
            }
        }
        missing
    }
}

/// Queues the resources of a form, pattern or Type 3 font, unless its
/// object was visited already.
fn enter<'d>(
    doc: &'d Document,
    object: &'d Object,
    visited: &mut HashSet<ObjectId>,
    pending: &mut Vec<&'d Dictionary>,
) {
    let Ok((id, object)) = doc.dereference(object) else {
        return;
    };
    if id.is_some_and(|id| !visited.insert(id)) {
        return;
    }
    let dict = match object {
        Object::Stream(stream) => &stream.dict,
        Object::Dictionary(dict) => dict,
        _ => return,
    };
    if let Ok(inner) = dict.get_deref(b"Resources", doc).and_then(Object::as_dict) {
        pending.push(inner);
    }
}

/// The font's name when its program is not in the file; `None` when it is
/// (Type 3 fonts are drawn by the file itself).
pub fn missing_program(doc: &Document, font: &Dictionary) -> Option<String> {
    let subtype = font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    if subtype == b"Type3" {
        return None;
    }
    let name = font
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|_| "an unnamed font".to_owned());
    let described = if subtype == b"Type0" {
        font.get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|d| d.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok())
    } else {
        Some(font)
    };
    let descriptor = described
        .and_then(|d| d.get_deref(b"FontDescriptor", doc).ok())
        .and_then(|d| d.as_dict().ok());
    let embedded = descriptor.is_some_and(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|key| d.has(key))
    });
    (!embedded).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w_arrays_read_both_forms_and_stay_bounded() {
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Integer(500)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(600),
        ];
        let mut font = FontWidths {
            code_bytes: 2,
            default: 1000.0,
            ..FontWidths::default()
        };
        font.read_w_array(&w);
        assert_eq!(font.width(3), 250.0);
        assert_eq!(font.width(4), 500.0);
        assert_eq!(font.width(11), 600.0);
        assert_eq!(font.width(13), 1000.0);
        assert_eq!(font.measure(&[0, 3, 0, 4, 0, 9]), (1750.0, 0));
        assert_eq!(font.glyph_count(&[0, 3, 0, 4]), 2);
        // Codes past u32 and a million ranges neither overflow nor hang.
        let hostile: Vec<Object> = (0..1_000_000)
            .flat_map(|_| {
                [
                    Object::Integer(4_294_967_295),
                    Object::Integer(i64::MAX),
                    Object::Integer(5),
                ]
            })
            .collect();
        font.read_w_array(&hostile);
        assert!(font.widths.len() <= 0x1_0000);
        assert_eq!(font.width(0xFFFF), 5.0);
    }
}
