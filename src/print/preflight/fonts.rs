//! Fonts as preflight sees them: whether each font's program is in the
//! file (a press has none of the fonts), and how wide its glyphs are (to
//! know where a line of text ends).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Glyph widths of one font, in thousandths of the font size.
#[derive(Debug, Clone, Default)]
pub struct FontWidths {
    /// Bytes per character code: 2 for Identity-encoded composite fonts.
    code_bytes: usize,
    widths: HashMap<u32, f64>,
    default: f64,
}

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
        let first = font.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
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
                    .enumerate()
                    .filter_map(|(i, v)| {
                        let code = u32::try_from(first + i as i64).ok()?;
                        Some((code, f64::from(v.as_float().ok()?) * scale))
                    })
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
        let mut widths = HashMap::new();
        let mut default = 1000.0;
        if let Some(cid) = descendant {
            default = cid
                .get(b"DW")
                .and_then(Object::as_float)
                .map_or(1000.0, f64::from);
            if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
                read_w_array(w, &mut widths);
            }
        }
        Self {
            code_bytes: 2,
            widths,
            default,
        }
    }

    /// The advance of `bytes` in thousandths of the font size, and how many
    /// single-byte spaces it holds (word spacing applies to those only).
    pub fn measure(&self, bytes: &[u8]) -> (f64, usize) {
        let width = self
            .codes(bytes)
            .map(|code| self.widths.get(&code).copied().unwrap_or(self.default))
            .sum();
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

/// `/W [c [w1 w2 …] cfirst clast w …]` into a map.
fn read_w_array(w: &[Object], widths: &mut HashMap<u32, f64>) {
    let number = |o: &Object| o.as_float().ok().map(f64::from);
    let mut i = 0;
    while i < w.len() {
        let Some(first) = number(&w[i]) else { break };
        let first = first as u32;
        match w.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = number(v) {
                        widths.insert(first + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (number(last), w.get(i + 2).and_then(number)) else {
                    break;
                };
                // A range of a million codes is a broken file, not a font.
                for code in first..=(last as u32).min(first + 65_535) {
                    widths.insert(code, v);
                }
                i += 3;
            }
            None => break,
        }
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
    fn w_arrays_read_both_forms() {
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Integer(500)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(600),
        ];
        let mut widths = HashMap::new();
        read_w_array(&w, &mut widths);
        assert_eq!(widths.get(&3), Some(&250.0));
        assert_eq!(widths.get(&4), Some(&500.0));
        assert_eq!(widths.get(&11), Some(&600.0));
        let font = FontWidths {
            code_bytes: 2,
            widths,
            default: 1000.0,
        };
        assert_eq!(font.measure(&[0, 3, 0, 4, 0, 9]), (1750.0, 0));
        assert_eq!(font.glyph_count(&[0, 3, 0, 4]), 2);
    }
}
