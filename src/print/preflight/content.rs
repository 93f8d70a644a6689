//! A walk over a page's content streams that keeps what preflight needs:
//! the current transformation and line width, where text is set and how
//! wide it is, which images are drawn at what size, and which lines are
//! stroked how thick. Form XObjects are entered with their matrix; the
//! page's own boxes decide later what counts.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{DecompressError, Dictionary, Document, Object, ObjectId, Stream};

use super::fonts::FontWidths;
use super::geometry::bounds_of;
pub use super::geometry::{Bounds, Matrix};
use super::geometry::{Path, matrix, number};
use crate::print::pdf::MAX_CONTENT_BYTES;

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
    /// The run's core: from the baseline up half an em, where the ink of
    /// lower-case letters is. Two runs whose cores meet are set over each
    /// other (adjacent lines are an em or more apart).
    pub core: Bounds,
    /// Whether it is set upright (no rotation, no mirroring): only those
    /// are compared for overprinting.
    pub upright: bool,
    /// The font it is set in, to read its text when it is reported.
    pub font: Option<ObjectId>,
    /// Its character codes (the first [`MAX_RUN_CODES`] bytes).
    pub codes: Vec<u8>,
}

impl TextRun {
    /// A run whose glyphs lie from `from` to `to` along its line (text
    /// space, from where it starts), set at `to_page` (its text matrix and
    /// the CTM) in the state `text`.
    fn placed(
        to_page: Matrix,
        (from, to): (f64, f64),
        text: &TextState,
        font: Option<ObjectId>,
        codes: Vec<u8>,
    ) -> Self {
        let box_of = |low: f64, high: f64| {
            bounds_of(to_page, &[(from, low), (to, low), (from, high), (to, high)])
        };
        let (size, rise) = (text.size, text.rise);
        let [a, b, c, d, ..] = to_page.0;
        Self {
            bounds: box_of(rise - 0.25 * size, rise + 0.8 * size),
            core: box_of(rise, rise + 0.5 * size),
            upright: a > 0.0 && d > 0.0 && b.abs() < 1e-6 * a && c.abs() < 1e-6 * d,
            font,
            codes,
        }
    }
}

/// How many bytes of a run's codes are kept: enough to quote it.
pub const MAX_RUN_CODES: usize = 160;

/// Everything found on one page.
#[derive(Debug, Default, Clone)]
pub struct PageContent {
    /// Images drawn.
    pub images: Vec<PlacedImage>,
    /// Lines stroked.
    pub strokes: Vec<Stroke>,
    /// Text set.
    pub text: Vec<TextRun>,
    /// Whether the walk stopped at its budget of operators or bytes.
    pub truncated: bool,
    /// Whether an interrupt stopped the walk.
    pub interrupted: bool,
    /// Bytes of content read (forms included, each draw counted).
    pub bytes_read: usize,
    /// Operators run.
    pub operations_run: usize,
    /// Whether a content stream could not be read.
    pub unreadable: bool,
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
    /// `Tr`: 1, 2, 5 and 6 stroke the glyphs' outlines.
    render_mode: i64,
}

impl TextState {
    fn strokes(&self) -> bool {
        matches!(self.render_mode, 1 | 2 | 5 | 6)
    }

    /// Starts a line at `line` (text and line matrix alike).
    fn set_line(&mut self, line: Matrix) {
        self.line = line;
        self.matrix = line;
    }

    /// `T*`: the next line, `leading` down.
    fn next_line(&mut self) {
        self.set_line(Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -self.leading]).then(self.line));
    }

    /// A text state or positioning operator; false when `operator` is not
    /// one.
    fn apply(&mut self, operator: &str, operands: &[Object]) -> bool {
        let num = |i: usize| number(operands, i);
        match operator {
            "BT" => self.set_line(Matrix::IDENTITY),
            "Tc" => self.char_spacing = num(0),
            "Tw" => self.word_spacing = num(0),
            "Tz" => self.horizontal = num(0) / 100.0,
            "Tr" => self.render_mode = operands.first().and_then(|o| o.as_i64().ok()).unwrap_or(0),
            "TL" => self.leading = num(0),
            "Ts" => self.rise = num(0),
            "Tm" => self.set_line(matrix(operands)),
            "Td" | "TD" => {
                if operator == "TD" {
                    self.leading = -num(1);
                }
                self.set_line(Matrix([1.0, 0.0, 0.0, 1.0, num(0), num(1)]).then(self.line));
            }
            "T*" => self.next_line(),
            _ => return false,
        }
        true
    }
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
            render_mode: 0,
        }
    }
}

/// How deep Form XObjects may nest before the walk stops.
const MAX_FORM_DEPTH: usize = 12;
/// How many operators one page may run, forms included: a few forms that
/// draw each other many times would otherwise multiply without end.
const MAX_OPERATIONS: usize = 1_000_000;
/// What drawing a form costs at least, in bytes of the page's budget.
const DRAW_COST: usize = 64;

/// Walks content streams with the resources they name.
pub struct Walker<'a> {
    doc: &'a Document,
    found: PageContent,
    /// Operators left for this page.
    budget: usize,
    /// Bytes of content left for this page.
    bytes_left: usize,
    /// Forms being drawn, outermost first (one drawing itself is skipped).
    drawing: Vec<ObjectId>,
    /// Widths of fonts already read, by font object.
    fonts: HashMap<ObjectId, Rc<FontWidths>>,
    /// Forms' content already inflated on this page, by form object.
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
}

impl<'a> Walker<'a> {
    /// A walker over `doc`.
    pub fn new(doc: &'a Document) -> Self {
        Self {
            doc,
            found: PageContent::default(),
            budget: MAX_OPERATIONS,
            bytes_left: MAX_CONTENT_BYTES,
            drawing: Vec::new(),
            fonts: HashMap::new(),
            forms: HashMap::new(),
        }
    }

    /// A walker that may read at most `bytes` of content and run
    /// `operations` operators (less than a page's own limits when the
    /// document's budget is nearly spent).
    pub fn with_budget(doc: &'a Document, bytes: usize, operations: usize) -> Self {
        let mut walker = Self::new(doc);
        walker.bytes_left = bytes.min(MAX_CONTENT_BYTES);
        walker.budget = operations.min(MAX_OPERATIONS);
        walker
    }

    /// Walks one content stream (`data`, decoded) drawn with `resources`
    /// under `ctm`.
    pub fn walk(&mut self, data: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: usize) {
        if data.len() > self.bytes_left {
            self.found.truncated = true;
            return;
        }
        self.bytes_left -= data.len();
        self.found.bytes_read += data.len();
        let Ok(content) = Content::decode(data) else {
            self.found.unreadable = true;
            return;
        };
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut gs = GraphicsState {
            ctm,
            line_width: 1.0,
        };
        let mut text = TextState::default();
        let mut font: Option<(Option<ObjectId>, Rc<FontWidths>)> = None;
        let mut path = Path::default();
        for Operation { operator, operands } in &content.operations {
            if !self.spend_operation() {
                return;
            }
            let num = |i: usize| number(operands, i);
            match operator.as_str() {
                "q" => stack.push(gs),
                "Q" => gs = stack.pop().unwrap_or(gs),
                "cm" => gs.ctm = matrix(operands).then(gs.ctm),
                "w" => gs.line_width = num(0),
                "gs" => {
                    if let Some(width) = self.ext_line_width(resources, operands) {
                        gs.line_width = width;
                    }
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    let points: Vec<(f64, f64)> = path.points().collect();
                    if !points.is_empty() {
                        self.found.strokes.push(Stroke {
                            width: path.thinnest(gs.ctm, gs.line_width),
                            bounds: bounds_of(gs.ctm, &points),
                        });
                    }
                    path = Path::default();
                }
                "f" | "F" | "f*" | "n" => path = Path::default(),
                "Tf" => {
                    text.size = num(1);
                    font = operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| self.font(resources, name));
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if operator == "\"" {
                        text.word_spacing = num(0);
                        text.char_spacing = num(1);
                    }
                    if operator == "'" || operator == "\"" {
                        text.next_line();
                    }
                    self.show(operands, &mut text, font.as_ref(), &gs);
                }
                "Do" => {
                    if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                        self.draw(resources, name, gs.ctm, depth);
                    }
                }
                other => {
                    // Path construction and text state; anything else is
                    // not what preflight looks at.
                    let _ = path.apply(other, operands) || text.apply(other, operands);
                }
            }
        }
    }

    /// Counts one operator against the page's budget; false when the walk
    /// must stop (budget spent, or interrupted).
    fn spend_operation(&mut self) -> bool {
        if self.budget == 0 || self.found.interrupted {
            self.found.truncated = true;
            return false;
        }
        self.budget -= 1;
        self.found.operations_run += 1;
        // A long page stops at an interrupt, not only between pages.
        if self.found.operations_run.is_multiple_of(65_536)
            && crate::platform::interrupt::interrupted()
        {
            self.found.interrupted = true;
        }
        true
    }

    /// Records that a page has more content than preflight reads.
    pub fn mark_truncated(&mut self) {
        self.found.truncated = true;
    }

    /// Records that a page's content could not be read.
    pub fn mark_unreadable(&mut self) {
        self.found.unreadable = true;
    }

    /// Everything found.
    pub fn finish(self) -> PageContent {
        self.found
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
    ) -> Option<(Option<ObjectId>, Rc<FontWidths>)> {
        let fonts = resources?
            .get_deref(b"Font", self.doc)
            .ok()?
            .as_dict()
            .ok()?;
        let (id, font) = self.doc.dereference(fonts.get(name).ok()?).ok()?;
        let font = font.as_dict().ok()?;
        let widths = match id {
            Some(id) => Rc::clone(
                self.fonts
                    .entry(id)
                    .or_insert_with(|| Rc::new(FontWidths::read(self.doc, font))),
            ),
            None => Rc::new(FontWidths::read(self.doc, font)),
        };
        Some((id, widths))
    }

    /// `gs`: the line width an ExtGState sets (`LW`), if any.
    fn ext_line_width(&self, resources: Option<&Dictionary>, operands: &[Object]) -> Option<f64> {
        let name = operands.first()?.as_name().ok()?;
        let states = resources?
            .get_deref(b"ExtGState", self.doc)
            .ok()?
            .as_dict()
            .ok()?;
        let state = states.get_deref(name, self.doc).ok()?.as_dict().ok()?;
        let width = f64::from(state.get_deref(b"LW", self.doc).ok()?.as_float().ok()?);
        width.is_finite().then_some(width)
    }

    /// Advances over shown text and records where it lies.
    fn show(
        &mut self,
        operands: &[Object],
        text: &mut TextState,
        font: Option<&(Option<ObjectId>, Rc<FontWidths>)>,
        gs: &GraphicsState,
    ) {
        let (font_id, font) = (font.and_then(|f| f.0), font.map(|f| &*f.1));
        let ctm = gs.ctm;
        let mut codes = Vec::new();
        let mut keep = |bytes: &[u8]| {
            let room = MAX_RUN_CODES.saturating_sub(codes.len());
            codes.extend_from_slice(&bytes[..bytes.len().min(room)]);
        };
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
        // The pen moves over each string and back or forth by each
        // adjustment; the glyphs lie where the strings were drawn (an
        // adjustment before the first string moves them, as Typst does to
        // set a mark over the letter before it).
        let mut advance = 0.0;
        let mut extent: Option<(f64, f64)> = None;
        let mut draw = |pen: f64, width: f64| {
            let (a, b) = (pen.min(pen + width), pen.max(pen + width));
            extent = Some(extent.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))));
        };
        for operand in operands {
            match operand {
                Object::String(bytes, _) => {
                    let width = advance_of(bytes);
                    draw(advance, width);
                    advance += width;
                    keep(bytes);
                }
                Object::Array(items) => {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                let width = advance_of(bytes);
                                draw(advance, width);
                                advance += width;
                                keep(bytes);
                            }
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
        let (from, to) = extent.unwrap_or((0.0, advance));
        if !(advance.is_finite() && from.is_finite() && to.is_finite()) {
            return;
        }
        let run = TextRun::placed(start.then(ctm), (from, to), text, font_id, codes);
        if text.strokes() {
            // Outlined glyphs: strokes in every direction, in user space.
            self.found.strokes.push(Stroke {
                width: gs.line_width * ctm.min_scale(),
                bounds: run.bounds,
            });
        }
        self.found.text.push(run);
        text.matrix = Matrix([1.0, 0.0, 0.0, 1.0, advance, 0.0]).then(text.matrix);
    }

    /// `Do`: an image is recorded; a form is walked (unless it is already
    /// being drawn, or too deep).
    fn draw(&mut self, resources: Option<&Dictionary>, name: &[u8], ctm: Matrix, depth: usize) {
        let Some((id, xobject)) = resources
            .and_then(|r| r.get_deref(b"XObject", self.doc).ok())
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
            .and_then(|x| self.doc.dereference(x).ok())
            .and_then(|(id, x)| Some((id, x.as_stream().ok()?)))
        else {
            return;
        };
        let dict = &xobject.dict;
        match dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.image(dict, ctm),
            Ok(b"Form")
                if depth < MAX_FORM_DEPTH && !id.is_some_and(|id| self.drawing.contains(&id)) =>
            {
                let matrix = dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|m| {
                        let v: Vec<f64> = m
                            .iter()
                            .filter_map(|n| n.as_float().ok().map(f64::from))
                            .filter(|n| n.is_finite())
                            .collect();
                        <[f64; 6]>::try_from(v).ok()
                    })
                    .map_or(Matrix::IDENTITY, Matrix);
                let inner = dict
                    .get_deref(b"Resources", self.doc)
                    .and_then(Object::as_dict)
                    .ok()
                    .or(resources);
                // Each draw costs at least a little, so a form that inflates
                // to nothing cannot be drawn without end.
                let charge = xobject.content.len().max(DRAW_COST);
                if charge > self.bytes_left {
                    self.found.truncated = true;
                    return;
                }
                self.bytes_left -= charge;
                let Some(data) = self.form_content(id, xobject) else {
                    return;
                };
                self.drawing.extend(id);
                self.walk(&data, inner, matrix.then(ctm), depth + 1);
                if id.is_some() {
                    self.drawing.pop();
                }
            }
            _ => {}
        }
    }

    /// A form's content, inflated once per page.
    fn form_content(&mut self, id: Option<ObjectId>, form: &Stream) -> Option<Rc<Vec<u8>>> {
        if let Some(cached) = id.and_then(|id| self.forms.get(&id)) {
            return Some(Rc::clone(cached));
        }
        match form.decompressed_content_with_limit(self.bytes_left) {
            Ok(data) => {
                let data = Rc::new(data);
                if let Some(id) = id {
                    self.forms.insert(id, Rc::clone(&data));
                }
                Some(data)
            }
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                self.found.truncated = true;
                None
            }
            // A stream that is not compressed at all.
            Err(_) if form.dict.get(b"Filter").is_err() => Some(Rc::new(form.content.clone())),
            Err(_) => {
                self.found.unreadable = true;
                None
            }
        }
    }

    /// An image XObject drawn under `ctm` (the unit square).
    fn image(&mut self, dict: &Dictionary, ctm: Matrix) {
        let size = |key: &[u8]| {
            dict.get(key)
                .and_then(Object::as_i64)
                .ok()
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0)
        };
        let pixels = (size(b"Width"), size(b"Height"));
        // The unit square's sides on the page, in inches.
        let origin = ctm.apply(0.0, 0.0);
        let inches = |p: (f64, f64)| (p.0 - origin.0).hypot(p.1 - origin.1) / 72.0;
        let (across, down) = (inches(ctm.apply(1.0, 0.0)), inches(ctm.apply(0.0, 1.0)));
        if pixels.0 == 0 || pixels.1 == 0 || across <= 1e-9 || down <= 1e-9 {
            return;
        }
        let ppi = (f64::from(pixels.0) / across).min(f64::from(pixels.1) / down);
        if ppi.is_finite() {
            self.found.images.push(PlacedImage {
                pixels,
                bounds: bounds_of(ctm, &[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]),
                ppi,
            });
        }
    }
}
