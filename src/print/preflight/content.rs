//! A walk over a page's content streams that keeps what preflight needs:
//! the current transformation and line width, where text is set and how
//! wide it is, which images are drawn at what size, and which lines are
//! stroked how thick. Form XObjects are entered with their matrix; the
//! page's own boxes decide later what counts.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object};

use super::fonts::FontWidths;

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `after` (PDF's `self × after`).
    pub fn then(self, after: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = after.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Where the point `(x, y)` goes.
    pub fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// How much the matrix scales lengths (the geometric mean of its axes).
    pub fn scale(self) -> f64 {
        let [a, b, c, d, ..] = self.0;
        (a * d - b * c).abs().sqrt()
    }
}

/// An axis-aligned box in page space, `[x0 y0 x1 y1]`.
pub type Bounds = [f64; 4];

/// The bounds of the unit square (or any points) after `m`.
fn bounds_of(m: Matrix, points: &[(f64, f64)]) -> Bounds {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for &(x, y) in points {
        let (px, py) = m.apply(x, y);
        b = [b[0].min(px), b[1].min(py), b[2].max(px), b[3].max(py)];
    }
    b
}

/// An image drawn on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    /// Pixels across and down.
    pub pixels: (u32, u32),
    /// Where it lands on the page.
    pub bounds: Bounds,
    /// Its resolution at that size: the lower of across and down.
    pub ppi: f64,
}

/// A stroked path.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    /// The line's width on the page, in points.
    pub width: f64,
    /// Where the path lies.
    pub bounds: Bounds,
}

/// A run of text (one show operator).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Where its glyphs lie (baseline box grown by the font size).
    pub bounds: Bounds,
}

/// Everything found on one page.
#[derive(Debug, Default)]
pub struct PageContent {
    /// Images drawn.
    pub images: Vec<PlacedImage>,
    /// Lines stroked.
    pub strokes: Vec<Stroke>,
    /// Text set.
    pub text: Vec<TextRun>,
}

#[derive(Clone, Copy)]
struct GraphicsState {
    ctm: Matrix,
    line_width: f64,
}

struct TextState {
    matrix: Matrix,
    line: Matrix,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal: f64,
    leading: f64,
    rise: f64,
}

impl Default for TextState {
    fn default() -> Self {
        Self {
            matrix: Matrix::IDENTITY,
            line: Matrix::IDENTITY,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// How deep Form XObjects may nest before the walk stops (a loop of forms
/// drawing each other must not hang preflight).
const MAX_FORM_DEPTH: usize = 12;

/// Walks content streams with the resources they name.
pub struct Walker<'a> {
    doc: &'a Document,
    found: PageContent,
}

impl<'a> Walker<'a> {
    /// A walker over `doc`.
    pub fn new(doc: &'a Document) -> Self {
        Self {
            doc,
            found: PageContent::default(),
        }
    }

    /// Walks one content stream (`data`, decoded) drawn with `resources`
    /// under `ctm`.
    pub fn walk(&mut self, data: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: usize) {
        let Ok(content) = Content::decode(data) else {
            return;
        };
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut gs = GraphicsState {
            ctm,
            line_width: 1.0,
        };
        let mut text = TextState::default();
        let mut font: Option<FontWidths> = None;
        let mut path: Vec<(f64, f64)> = Vec::new();
        for Operation { operator, operands } in &content.operations {
            let num = |i: usize| {
                operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .map_or(0.0, f64::from)
            };
            match operator.as_str() {
                "q" => stack.push(gs),
                "Q" => gs = stack.pop().unwrap_or(gs),
                "cm" => {
                    gs.ctm = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]).then(gs.ctm)
                }
                "w" => gs.line_width = num(0),
                "m" | "l" => path.push((num(0), num(1))),
                "c" => path.extend([(num(0), num(1)), (num(2), num(3)), (num(4), num(5))]),
                "v" | "y" => path.extend([(num(0), num(1)), (num(2), num(3))]),
                "re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    path.extend([(x, y), (x + w, y + h)]);
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    if !path.is_empty() {
                        self.found.strokes.push(Stroke {
                            width: gs.line_width * gs.ctm.scale(),
                            bounds: bounds_of(gs.ctm, &path),
                        });
                    }
                    path.clear();
                }
                "f" | "F" | "f*" | "n" => path.clear(),
                "BT" => {
                    text.matrix = Matrix::IDENTITY;
                    text.line = Matrix::IDENTITY;
                }
                "Tf" => {
                    text.size = num(1);
                    font = operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| self.font(resources, name));
                }
                "Tc" => text.char_spacing = num(0),
                "Tw" => text.word_spacing = num(0),
                "Tz" => text.horizontal = num(0) / 100.0,
                "TL" => text.leading = num(0),
                "Ts" => text.rise = num(0),
                "Tm" => {
                    text.line = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    text.matrix = text.line;
                }
                "Td" | "TD" => {
                    if operator == "TD" {
                        text.leading = -num(1);
                    }
                    text.line = Matrix([1.0, 0.0, 0.0, 1.0, num(0), num(1)]).then(text.line);
                    text.matrix = text.line;
                }
                "T*" => {
                    text.line = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -text.leading]).then(text.line);
                    text.matrix = text.line;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if operator == "'" || operator == "\"" {
                        text.line =
                            Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -text.leading]).then(text.line);
                        text.matrix = text.line;
                    }
                    self.show(operands, &mut text, font.as_ref(), gs.ctm);
                }
                "Do" => {
                    if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                        self.draw(resources, name, gs.ctm, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Everything found.
    pub fn finish(self) -> PageContent {
        self.found
    }

    fn font(&self, resources: Option<&Dictionary>, name: &[u8]) -> Option<FontWidths> {
        let fonts = resources?
            .get_deref(b"Font", self.doc)
            .ok()?
            .as_dict()
            .ok()?;
        let font = fonts.get_deref(name, self.doc).ok()?.as_dict().ok()?;
        Some(FontWidths::read(self.doc, font))
    }

    /// Advances over shown text and records where it lies.
    fn show(
        &mut self,
        operands: &[Object],
        text: &mut TextState,
        font: Option<&FontWidths>,
        ctm: Matrix,
    ) {
        let start = text.matrix;
        let advance_of = |bytes: &[u8]| {
            let (width, spaces) =
                font.map_or((bytes.len() as f64 * 500.0, 0), |f| f.measure(bytes));
            let glyphs = font.map_or(bytes.len(), |f| f.glyph_count(bytes)) as f64;
            (width / 1000.0 * text.size
                + glyphs * text.char_spacing
                + spaces as f64 * text.word_spacing)
                * text.horizontal
        };
        let mut advance = 0.0;
        for operand in operands {
            match operand {
                Object::String(bytes, _) => advance += advance_of(bytes),
                Object::Array(items) => {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => advance += advance_of(bytes),
                            other => {
                                if let Ok(adjust) = other.as_float() {
                                    advance -=
                                        f64::from(adjust) / 1000.0 * text.size * text.horizontal;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let to_page = start.then(ctm);
        let (low, high) = (text.rise - 0.25 * text.size, text.rise + 0.8 * text.size);
        self.found.text.push(TextRun {
            bounds: bounds_of(
                to_page,
                &[(0.0, low), (advance, low), (0.0, high), (advance, high)],
            ),
        });
        text.matrix = Matrix([1.0, 0.0, 0.0, 1.0, advance, 0.0]).then(text.matrix);
    }

    /// `Do`: an image is recorded; a form is walked.
    fn draw(&mut self, resources: Option<&Dictionary>, name: &[u8], ctm: Matrix, depth: usize) {
        let Some(xobject) = resources
            .and_then(|r| r.get_deref(b"XObject", self.doc).ok())
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get_deref(name, self.doc).ok())
            .and_then(|x| x.as_stream().ok())
        else {
            return;
        };
        let dict = &xobject.dict;
        match dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                let size =
                    |key: &[u8]| dict.get(key).and_then(Object::as_i64).unwrap_or(0).max(0) as u32;
                let pixels = (size(b"Width"), size(b"Height"));
                let bounds = bounds_of(ctm, &[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]);
                // The unit square's sides on the page, in inches.
                let across = ctm.apply(1.0, 0.0);
                let origin = ctm.apply(0.0, 0.0);
                let down = ctm.apply(0.0, 1.0);
                let inches = |p: (f64, f64)| ((p.0 - origin.0).hypot(p.1 - origin.1)) / 72.0;
                let ppi =
                    (f64::from(pixels.0) / inches(across)).min(f64::from(pixels.1) / inches(down));
                self.found.images.push(PlacedImage {
                    pixels,
                    bounds,
                    ppi,
                });
            }
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let matrix = dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|m| {
                        let v: Vec<f64> = m
                            .iter()
                            .filter_map(|n| n.as_float().ok().map(f64::from))
                            .collect();
                        <[f64; 6]>::try_from(v).ok()
                    })
                    .map_or(Matrix::IDENTITY, Matrix);
                let inner = dict
                    .get_deref(b"Resources", self.doc)
                    .and_then(Object::as_dict)
                    .ok()
                    .or(resources);
                if let Ok(data) = xobject
                    .decompressed_content()
                    .or_else(|_| Ok::<_, lopdf::Error>(xobject.content.clone()))
                {
                    self.walk(&data, inner, matrix.then(ctm), depth + 1);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_does() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix([1.0, 0.0, 0.0, 1.0, 10.0, 5.0]);
        // Scale first, then shift.
        assert_eq!(scale.then(shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(scale).apply(1.0, 1.0), (22.0, 12.0));
        assert!((Matrix([1.0, 0.0, 0.0, -1.0, 0.0, 0.0]).scale() - 1.0).abs() < 1e-12);
    }
}
