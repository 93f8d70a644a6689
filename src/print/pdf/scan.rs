//! The file read once from start to end before lopdf sees it: every object
//! where it stands, what lopdf would build of it (counted, not built), the
//! trailer, and whether the file's own cross-reference data matches its
//! objects.
//!
//! lopdf 0.47 parses every object of a file when it loads it, each wherever
//! the file's cross-reference data says, so a file's size does not bound
//! what loading it costs: one array of twelve million zeros takes 24 MB on
//! disk and gigabytes parsed; entries pointing at one object again and
//! again, or into another object's stream, have it parsed as many times;
//! and an object stream inflates before it is parsed. Here every object is
//! read in file order, each byte once (object streams once, inflated within
//! a budget), every value charged to a budget in proportion to the file's
//! size; [`super::open`] then hands lopdf a cross-reference table listing
//! exactly the objects read here, so it parses nothing this did not count.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::lexer::{self, LexError, Units, space, unsigned};
use super::streams::{self, Extent};

/// Values and keys allowed whatever the file's size.
pub(crate) const BASE_UNITS: u64 = 200_000;
/// File bytes that earn one more value or key.
pub(crate) const BYTES_PER_UNIT: u64 = 8;
/// Bytes object streams may inflate to whatever the file's size.
pub(crate) const BASE_INFLATE: u64 = 16 << 20;
/// How many times the file's size object streams may inflate to in all.
pub(crate) const INFLATE_FACTOR: u64 = 8;
/// The most values a stream dictionary or trailer may hold (they are built).
const MAX_DICTIONARY_UNITS: u64 = 4096;

/// Why a file is not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not a PDF, cut short or inconsistent: what, in words.
    Damaged(String),
    /// Encrypted.
    Encrypted,
    /// More than the budget: what, in words.
    TooMuch(String),
}

/// An object read at the top level.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Located {
    pub id: ObjectId,
    /// Where its `N G obj` starts, from the `%PDF-` header.
    pub offset: usize,
    /// Its value when it is a whole number (a stream's Length may be one).
    whole: Option<i64>,
}

/// What the scan found.
#[derive(Debug)]
pub(crate) struct Layout {
    /// Every top-level object, in file order (a number may repeat: the
    /// last one is the current one).
    pub objects: Vec<Located>,
    /// `Root`, `Info` and `ID` of the last trailer.
    pub trailer: Dictionary,
    /// The most any one object stream inflates to.
    pub largest_inflated: usize,
    /// The values and keys charged.
    pub charged: u64,
}

/// A stream whose Length lopdf may take from elsewhere, to be checked when
/// every object is known.
struct LengthClaim {
    reference: Option<ObjectId>,
    value: Option<i64>,
    found: usize,
    at: usize,
}

/// A trailer: the dictionary, and the offset of the cross-reference
/// section it belongs to.
struct Trailer {
    section: usize,
    dict: Dictionary,
}

/// The scan in progress.
struct Scan<'a> {
    bytes: &'a [u8],
    units: Units,
    inflate_left: u64,
    largest_inflated: usize,
    objects: Vec<Located>,
    /// Whole-number values of objects inside object streams.
    members: Vec<(u32, Option<i64>)>,
    claims: Vec<LengthClaim>,
    /// In-use entries of the file's cross-reference sections.
    entries: Vec<(ObjectId, usize)>,
    trailers: Vec<Trailer>,
    /// Offsets of `xref` keywords and of cross-reference streams.
    sections: Vec<usize>,
    startxref: Option<usize>,
}

/// Reads `bytes` (from its `%PDF-` header) within a budget of
/// [`BASE_UNITS`] + size / [`BYTES_PER_UNIT`] values and keys and
/// [`BASE_INFLATE`] + [`INFLATE_FACTOR`] × size inflated bytes.
pub(crate) fn scan(bytes: &[u8]) -> Result<Layout, Refusal> {
    let size = bytes.len() as u64;
    let budget = BASE_UNITS + size / BYTES_PER_UNIT;
    let mut scan = Scan {
        bytes,
        units: Units { left: budget },
        inflate_left: BASE_INFLATE + INFLATE_FACTOR * size,
        largest_inflated: 0,
        objects: Vec::new(),
        members: Vec::new(),
        claims: Vec::new(),
        entries: Vec::new(),
        trailers: Vec::new(),
        sections: Vec::new(),
        startxref: None,
    };
    let mut pos = 0;
    loop {
        pos = space(bytes, pos);
        let rest = &bytes[pos..];
        if rest.is_empty() || rest.iter().all(|&c| c == b'%') {
            break;
        }
        pos = if rest.starts_with(b"xref") {
            scan.xref_table(pos)?
        } else if rest.starts_with(b"trailer") {
            scan.trailer(pos, pos)?
        } else if rest.starts_with(b"startxref") {
            let at = space(bytes, pos + 9);
            let found = unsigned(bytes, at);
            scan.startxref = found.and_then(|(v, _)| usize::try_from(v).ok());
            found.map_or(at, |(_, end)| end)
        } else if let Some(body) = header(bytes, pos) {
            scan.object(pos, body)?
        } else {
            // Bytes that are no object (a writer's junk, or what follows
            // %%EOF): lopdf never reads them; go on at the next line.
            pos + rest
                .iter()
                .position(|&c| c == b'\n' || c == b'\r')
                .map_or(rest.len(), |n| n + 1)
        };
    }
    let mut layout = scan.finish()?;
    layout.charged = budget - layout.charged;
    Ok(layout)
}

/// `N G obj` at `pos`: the object's number and where its value starts.
fn header(bytes: &[u8], pos: usize) -> Option<(ObjectId, usize)> {
    let (number, end) = unsigned(bytes, pos)?;
    let (generation, end) = unsigned(bytes, space(bytes, end))?;
    let end = space(bytes, end);
    bytes[end..].starts_with(b"obj").then_some(())?;
    Some((
        (u32::try_from(number).ok()?, u16::try_from(generation).ok()?),
        space(bytes, end + 3),
    ))
}

/// The words for a lexer error in the object at `at`.
pub(crate) fn lex_refusal(error: &LexError, what: &str) -> Refusal {
    match error {
        LexError::Syntax(pos) => Refusal::Damaged(format!(
            "the file is damaged: {what} does not read as PDF at byte {pos}"
        )),
        LexError::Cut => Refusal::Damaged(format!(
            "the file is damaged: {what} is cut short (is the file complete?)"
        )),
        LexError::TooDeep(pos) => Refusal::Damaged(format!(
            "{what} nests arrays, dictionaries or strings more than 100 deep (at byte {pos})"
        )),
        LexError::OverBudget => over_budget(what),
    }
}

/// The refusal of a file with more values than its size allows.
fn over_budget(what: &str) -> Refusal {
    Refusal::TooMuch(format!(
        "the file holds more PDF values than preflight reads for its size ({BASE_UNITS} plus one per {BYTES_PER_UNIT} bytes); the budget ran out in {what}"
    ))
}

impl Scan<'_> {
    /// The object whose header is at `pos` and value at `body`.
    fn object(&mut self, pos: usize, (id, body): (ObjectId, usize)) -> Result<usize, Refusal> {
        let what = || format!("object {} {} (byte {pos})", id.0, id.1);
        let before = self.units.left;
        let (value, mut end) = lexer::object(self.bytes, body, &mut self.units, false)
            .map_err(|e| lex_refusal(&e, &what()))?;
        if self.bytes[body..].starts_with(b"<<")
            && let Some(data) = streams::stream_keyword(self.bytes, end)
        {
            if before - self.units.left > MAX_DICTIONARY_UNITS {
                return Err(Refusal::TooMuch(format!(
                    "{} has a stream dictionary of more than {MAX_DICTIONARY_UNITS} values",
                    what()
                )));
            }
            let dict = self.build(body, &what)?;
            end = self.stream(pos, &dict, data, &what)?;
        }
        let whole = match value {
            Object::Integer(v) => Some(v),
            _ => None,
        };
        self.objects.push(Located {
            id,
            offset: pos,
            whole,
        });
        let end = space(self.bytes, end);
        let end = if self.bytes[end..].starts_with(b"endobj") {
            end + 6
        } else {
            end
        };
        Ok(space(self.bytes, end))
    }

    /// Builds the small dictionary at `pos` (already charged).
    fn build(&self, pos: usize, what: &dyn Fn() -> String) -> Result<Dictionary, Refusal> {
        let mut units = Units {
            left: MAX_DICTIONARY_UNITS,
        };
        match lexer::object(self.bytes, pos, &mut units, true) {
            Ok((Object::Dictionary(dict), _)) => Ok(dict),
            Ok(_) => Err(Refusal::Damaged(format!("{} is not a dictionary", what()))),
            Err(e) => Err(lex_refusal(&e, &what())),
        }
    }

    /// The stream of the object at `pos`, its data from `data`: where it
    /// ends, and what lopdf makes of it when it is an object or
    /// cross-reference stream.
    fn stream(
        &mut self,
        pos: usize,
        dict: &Dictionary,
        data: usize,
        what: &dyn Fn() -> String,
    ) -> Result<usize, Refusal> {
        let length = dict.get(b"Length").ok();
        let direct = match length {
            Some(Object::Integer(n)) => Some(*n),
            _ => None,
        };
        let Extent { end, after } = streams::extent(self.bytes, data, direct).ok_or_else(|| {
            Refusal::Damaged(format!(
                "the file is damaged: the stream of {} has no end (`endstream` after its Length, or `endstream endobj`)",
                what()
            ))
        })?;
        // lopdf reads a Length it cannot use at once later, unchecked.
        match length {
            Some(Object::Integer(_)) | None => {}
            Some(Object::Reference(id)) => self.claims.push(LengthClaim {
                reference: Some(*id),
                value: None,
                found: end - data,
                at: pos,
            }),
            Some(other) => self.claims.push(LengthClaim {
                reference: None,
                value: other.as_float().ok().map(|v| v as i64),
                found: end - data,
                at: pos,
            }),
        }
        let content = &self.bytes[data..end];
        if dict.has_type(b"ObjStm") {
            let inflated = streams::inflate(dict, content, self.inflate_left).map_err(|()| {
                Refusal::TooMuch(format!(
                    "the object streams of the file inflate to more than preflight reads for its size ({BASE_INFLATE} bytes plus {INFLATE_FACTOR} times the file); the budget ran out in {}",
                    what()
                ))
            })?;
            if let Some(inflated) = inflated {
                self.inflate_left -= inflated.len() as u64;
                self.largest_inflated = self.largest_inflated.max(inflated.len());
                streams::object_stream(dict, &inflated, &mut self.units, &mut self.members)
                    .map_err(|e| match e {
                        LexError::OverBudget => over_budget(&what()),
                        _ => Refusal::Damaged(format!(
                            "the file is damaged: the objects in the object stream {} overlap",
                            what()
                        )),
                    })?;
            }
        } else if dict.has_type(b"XRef") {
            self.sections.push(pos);
            self.trailers.push(Trailer {
                section: pos,
                dict: dict.clone(),
            });
            let inflated = streams::inflate(dict, content, self.inflate_left)
                .map_err(|()| Refusal::TooMuch(format!("{} inflates past the budget", what())))?
                .unwrap_or_default();
            self.inflate_left -= inflated.len() as u64;
            streams::xref_entries(dict, &inflated, &mut self.units, &mut self.entries)
                .map_err(|()| over_budget(&what()))?;
        }
        Ok(after)
    }

    /// A cross-reference table at `pos` and the trailer after it.
    fn xref_table(&mut self, pos: usize) -> Result<usize, Refusal> {
        let damaged = || {
            Refusal::Damaged(format!(
                "the file is damaged: the cross-reference table at byte {pos} does not read"
            ))
        };
        self.sections.push(pos);
        let bytes = self.bytes;
        let mut at = space(bytes, pos + 4);
        while !bytes[at..].starts_with(b"trailer") {
            let (first, end) = unsigned(bytes, at).ok_or_else(damaged)?;
            let (count, end) = unsigned(bytes, space(bytes, end)).ok_or_else(damaged)?;
            at = space(bytes, end);
            for number in first..first.saturating_add(count) {
                let (offset, end) = unsigned(bytes, at).ok_or_else(damaged)?;
                let (generation, end) = unsigned(bytes, space(bytes, end)).ok_or_else(damaged)?;
                let end = space(bytes, end);
                match bytes.get(end) {
                    Some(b'n') => {
                        self.units.left = self.units.left.checked_sub(1).ok_or_else(|| {
                            over_budget(&format!("the cross-reference table at byte {pos}"))
                        })?;
                        let id = (
                            u32::try_from(number).map_err(|_| damaged())?,
                            u16::try_from(generation).map_err(|_| damaged())?,
                        );
                        let offset = usize::try_from(offset).map_err(|_| damaged())?;
                        self.entries.push((id, offset));
                    }
                    Some(b'f') => {}
                    _ => return Err(damaged()),
                }
                at = space(bytes, end + 1);
            }
        }
        self.trailer(at, pos)
    }

    /// The `trailer` dictionary at `pos`, of the section at `section`.
    fn trailer(&mut self, pos: usize, section: usize) -> Result<usize, Refusal> {
        let what = format!("the trailer at byte {pos}");
        let at = space(self.bytes, pos + 7);
        let (_, end) = lexer::object(self.bytes, at, &mut self.units, false)
            .map_err(|e| lex_refusal(&e, &what))?;
        let dict = self.build(at, &|| what.clone())?;
        self.trailers.push(Trailer { section, dict });
        Ok(end)
    }

    /// Checks what could only be checked with every object known, and
    /// picks the trailer.
    fn finish(self) -> Result<Layout, Refusal> {
        let damaged = |what: &str| Refusal::Damaged(format!("the file is damaged: {what}"));
        if self.trailers.iter().any(|t| t.dict.has(b"Encrypt")) {
            return Err(Refusal::Encrypted);
        }
        let start = self
            .startxref
            .ok_or_else(|| damaged("it has no `startxref` (is it complete?)"))?;
        let start = space(self.bytes, start.min(self.bytes.len()));
        if !self.sections.contains(&start) {
            return Err(damaged(
                "its `startxref` does not point at its cross-reference data",
            ));
        }
        let at: HashMap<usize, ObjectId> = self.objects.iter().map(|o| (o.offset, o.id)).collect();
        for &(id, offset) in &self.entries {
            let target = space(self.bytes, offset.min(self.bytes.len()));
            if at.get(&target) != Some(&id) {
                return Err(damaged(&format!(
                    "its cross-reference data puts object {} {} at byte {offset}, where it is not",
                    id.0, id.1
                )));
            }
        }
        self.check_lengths()?;
        let last = self
            .trailers
            .iter()
            .rev()
            .find(|t| t.section == start)
            .ok_or_else(|| damaged("its last cross-reference section has no trailer"))?;
        // In the order of the last trailer (lopdf writes them so, and a
        // print edition's bytes stay the same), each from the newest
        // trailer that has it: an update should repeat them, not every
        // writer does.
        let wanted = [&b"Root"[..], b"Info", b"ID"];
        let mut trailer = Dictionary::new();
        let keys = last.dict.iter().map(|(k, _)| k.as_slice()).chain(wanted);
        for key in keys.filter(|k| wanted.contains(k)) {
            let found = std::iter::once(last)
                .chain(self.trailers.iter().rev())
                .find_map(|t| t.dict.get(key).ok());
            if let Some(value) = found.filter(|_| !trailer.has(key)) {
                trailer.set(key, value.clone());
            }
        }
        if !trailer.has(b"Root") {
            return Err(damaged("its trailer names no catalog (`Root`)"));
        }
        Ok(Layout {
            objects: self.objects,
            trailer,
            largest_inflated: self.largest_inflated,
            // What is left: `scan` makes it what was spent.
            charged: self.units.left,
        })
    }

    /// A stream whose Length lopdf takes from another object (or reads as
    /// a real) gets that many bytes, unchecked: no such Length may be
    /// longer than the stream found here.
    fn check_lengths(&self) -> Result<(), Refusal> {
        let mut wanted: HashMap<u32, Vec<Option<i64>>> = self
            .claims
            .iter()
            .filter_map(|c| c.reference.map(|r| (r.0, Vec::new())))
            .collect();
        let defined = self
            .objects
            .iter()
            .map(|o| (o.id.0, o.whole))
            .chain(self.members.iter().copied());
        for (number, whole) in defined {
            if let Some(values) = wanted.get_mut(&number) {
                values.push(whole);
            }
        }
        for claim in &self.claims {
            let values: &[Option<i64>] = match claim.reference {
                Some(r) => wanted.get(&r.0).map_or(&[], Vec::as_slice),
                None => std::slice::from_ref(&claim.value),
            };
            let fits = |v: &Option<i64>| {
                v.is_some_and(|v| usize::try_from(v).is_ok_and(|v| v <= claim.found + 2))
            };
            if !values.iter().all(fits) {
                return Err(Refusal::Damaged(format!(
                    "the file is damaged: the Length of the stream of the object at byte {} is not a whole number within the stream",
                    claim.at
                )));
            }
        }
        Ok(())
    }
}
