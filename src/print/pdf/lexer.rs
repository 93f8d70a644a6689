//! PDF objects read as lopdf 0.47's parser reads them, without building
//! them (or building only small ones: stream dictionaries and trailers).
//!
//! [`super::scan`] must know, before lopdf loads a file, how many objects
//! lopdf would build from it and where each ends; so this follows lopdf's
//! grammar (`parser/mod.rs`: white space and comments, numbers, references,
//! names, strings, arrays, dictionaries) where it decides an extent, and is
//! stricter where lopdf would fail anyway. It walks with an explicit stack,
//! never recursing, and refuses nesting deeper than lopdf reads.

use lopdf::{Dictionary, Object, StringFormat};

/// The deepest nesting of arrays, dictionaries and parentheses in strings
/// that lopdf reads (`MAX_NESTING_DEPTH`, `MAX_BRACKET`).
const MAX_DEPTH: usize = 100;

/// Why an object could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LexError {
    /// Not PDF syntax at this byte.
    Syntax(usize),
    /// The object runs past the end of the data.
    Cut,
    /// Nested deeper than lopdf reads.
    TooDeep(usize),
    /// More objects than the budget allows.
    OverBudget,
}

/// What reading may still build: lopdf makes one `Object` (or dictionary
/// entry) of each value and key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Units {
    /// Values and keys still allowed.
    pub left: u64,
}

impl Units {
    fn take(&mut self) -> Result<(), LexError> {
        self.left = self.left.checked_sub(1).ok_or(LexError::OverBudget)?;
        Ok(())
    }
}

/// A byte lopdf counts as white space.
pub(crate) fn is_whitespace(c: u8) -> bool {
    b" \t\n\r\0\x0C".contains(&c)
}

fn is_delimiter(c: u8) -> bool {
    b"()<>[]{}/%".contains(&c)
}

/// White space and comments from `pos`, as lopdf's `space` skips them (a
/// comment needs its end of line); returns where they end.
pub(crate) fn space(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        while bytes.get(pos).is_some_and(|&c| is_whitespace(c)) {
            pos += 1;
        }
        if bytes.get(pos) != Some(&b'%') {
            return pos;
        }
        let Some(end) = bytes[pos..].iter().position(|&c| c == b'\r' || c == b'\n') else {
            return pos;
        };
        pos += end;
    }
}

/// The digits at `pos` and where they end.
fn digits(bytes: &[u8], pos: usize) -> usize {
    pos + bytes[pos.min(bytes.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// An unsigned integer at `pos` (lopdf's `unsigned_int`), and its end.
pub(crate) fn unsigned(bytes: &[u8], pos: usize) -> Option<(u64, usize)> {
    let end = digits(bytes, pos);
    let value = bytes[pos..end].iter().try_fold(0u64, |value, &digit| {
        value.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
    })?;
    (end > pos).then_some((value, end))
}

/// `N G R` at `pos` (the numbers as lopdf's `object_id` reads them).
fn reference(bytes: &[u8], pos: usize) -> Option<((u32, u16), usize)> {
    let (number, end) = unsigned(bytes, pos)?;
    let (generation, end) = unsigned(bytes, space(bytes, end))?;
    let end = space(bytes, end);
    (bytes.get(end) == Some(&b'R')).then_some((
        (u32::try_from(number).ok()?, u16::try_from(generation).ok()?),
        end + 1,
    ))
}

/// A number at `pos`: lopdf's `real` (sign, `d.` or `.d`, then digits and
/// stray minus signs) or else its `integer` (in `i64`).
fn number(bytes: &[u8], pos: usize) -> Result<(Object, usize), LexError> {
    let signed = usize::from(matches!(bytes.get(pos), Some(b'+' | b'-')));
    let start = pos + signed;
    let whole = digits(bytes, start);
    let dotted = bytes.get(whole) == Some(&b'.');
    let fraction = digits(bytes, whole + usize::from(dotted));
    let is_real = dotted && (whole > start || fraction > whole + 1);
    if is_real {
        let end = whole
            + 1
            + bytes[whole + 1..]
                .iter()
                .take_while(|&&c| c == b'-' || c.is_ascii_digit())
                .count();
        let text: Vec<u8> = bytes[pos..end]
            .iter()
            .enumerate()
            .filter(|&(i, &c)| i == 0 || c != b'-')
            .map(|(_, &c)| c)
            .collect();
        let value = std::str::from_utf8(&text)
            .ok()
            .and_then(|t| t.parse::<f32>().ok())
            .ok_or(LexError::Syntax(pos))?;
        return Ok((Object::Real(value), end));
    }
    let (magnitude, end) = unsigned(bytes, start).ok_or(LexError::Syntax(pos))?;
    let value = if bytes[pos] == b'-' {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    };
    Ok((Object::Integer(value.ok_or(LexError::Syntax(pos))?), end))
}

/// A name at `pos` (after its `/`): regular bytes, `#xx` escapes; any other
/// `#` ends it, as in lopdf.
fn name(bytes: &[u8], mut pos: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    while let Some(&c) = bytes.get(pos) {
        if c == b'#' {
            let hex = bytes
                .get(pos + 1..pos + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(byte) if bytes[pos + 1].is_ascii_hexdigit() => {
                    out.push(byte);
                    pos += 3;
                }
                _ => break,
            }
        } else if is_whitespace(c) || is_delimiter(c) {
            break;
        } else {
            out.push(c);
            pos += 1;
        }
    }
    (out, pos)
}

/// A literal string at `pos` (after its `(`): balanced parentheses, a
/// backslash escaping the byte after it. Returns its raw bytes (escapes
/// kept; only trailers keep strings) and its end.
fn literal(bytes: &[u8], mut pos: usize) -> Result<(Vec<u8>, usize), LexError> {
    let start = pos;
    let mut depth = 1usize;
    loop {
        match bytes.get(pos) {
            None => return Err(LexError::Cut),
            Some(b'\\') => pos += 2,
            Some(b'(') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(LexError::TooDeep(pos));
                }
                pos += 1;
            }
            Some(b')') => {
                depth -= 1;
                pos += 1;
                if depth == 0 {
                    return Ok((bytes[start..pos - 1].to_vec(), pos));
                }
            }
            Some(_) => pos += 1,
        }
    }
}

/// A hexadecimal string at `pos` (after its `<`): hex digits and white
/// space up to `>`.
fn hexadecimal(bytes: &[u8], mut pos: usize) -> Result<(Vec<u8>, usize), LexError> {
    let mut digits = Vec::new();
    loop {
        match bytes.get(pos) {
            None => return Err(LexError::Cut),
            Some(b'>') => break,
            Some(&c) if is_whitespace(c) => {}
            Some(&c) if c.is_ascii_hexdigit() => digits.push(c),
            Some(_) => return Err(LexError::Syntax(pos)),
        }
        pos += 1;
    }
    let value = digits
        .chunks(2)
        .map(|pair| {
            let text = [pair[0], *pair.get(1).unwrap_or(&b'0')];
            std::str::from_utf8(&text)
                .ok()
                .and_then(|t| u8::from_str_radix(t, 16).ok())
                .unwrap_or(0)
        })
        .collect();
    Ok((value, pos + 1))
}

/// An array or dictionary being read.
enum Frame {
    Array(Vec<Object>),
    /// A dictionary, and the key whose value comes next.
    Dictionary(Dictionary, Option<Vec<u8>>),
}

/// Reads the direct object at `pos` and the space after it, charging each
/// value and key to `units`; builds it when `build` (otherwise returns
/// `Object::Null`). Returns the object and where the space after it ends.
pub(crate) fn object(
    bytes: &[u8],
    pos: usize,
    units: &mut Units,
    build: bool,
) -> Result<(Object, usize), LexError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = pos;
    loop {
        let (value, end) = match close_or_key(bytes, pos, &mut stack, units)? {
            Some(Step::Key(next)) => {
                pos = next;
                continue;
            }
            Some(Step::Closed(value, end)) => (value, end),
            None => {
                units.take()?;
                match bytes.get(pos) {
                    Some(b'[' | b'<') if stack.len() >= MAX_DEPTH => {
                        return Err(LexError::TooDeep(pos));
                    }
                    Some(b'[') => {
                        stack.push(Frame::Array(Vec::new()));
                        pos = space(bytes, pos + 1);
                        continue;
                    }
                    Some(b'<') if bytes.get(pos + 1) == Some(&b'<') => {
                        stack.push(Frame::Dictionary(Dictionary::new(), None));
                        pos = space(bytes, pos + 2);
                        continue;
                    }
                    _ => scalar(bytes, pos)?,
                }
            }
        };
        pos = space(bytes, end);
        if let Some(done) = finish(&mut stack, value, build) {
            return Ok((done, pos));
        }
    }
}

/// What [`close_or_key`] read.
enum Step {
    /// A dictionary key; the value starts here.
    Key(usize),
    /// The end of the innermost array or dictionary: it, and its end.
    Closed(Object, usize),
}

/// Where a dictionary expects a key, the key or `>>`; in an array, a `]`;
/// `None` where a value comes next.
fn close_or_key(
    bytes: &[u8],
    pos: usize,
    stack: &mut Vec<Frame>,
    units: &mut Units,
) -> Result<Option<Step>, LexError> {
    match stack.last_mut() {
        Some(Frame::Dictionary(_, key @ None)) => match bytes.get(pos) {
            Some(b'/') => {
                units.take()?;
                let (text, end) = name(bytes, pos + 1);
                *key = Some(text);
                Ok(Some(Step::Key(space(bytes, end))))
            }
            Some(b'>') if bytes.get(pos + 1) == Some(&b'>') => match stack.pop() {
                Some(Frame::Dictionary(dict, _)) => {
                    Ok(Some(Step::Closed(Object::Dictionary(dict), pos + 2)))
                }
                _ => unreachable!("the top frame is a dictionary"),
            },
            None => Err(LexError::Cut),
            Some(_) => Err(LexError::Syntax(pos)),
        },
        Some(Frame::Array(_)) if bytes.get(pos) == Some(&b']') => match stack.pop() {
            Some(Frame::Array(items)) => Ok(Some(Step::Closed(Object::Array(items), pos + 1))),
            _ => unreachable!("the top frame is an array"),
        },
        _ => Ok(None),
    }
}

/// A value that is no array or dictionary, at `pos`.
fn scalar(bytes: &[u8], pos: usize) -> Result<(Object, usize), LexError> {
    Ok(match bytes.get(pos) {
        None => return Err(LexError::Cut),
        Some(b'<') => {
            let (text, end) = hexadecimal(bytes, pos + 1)?;
            (Object::String(text, StringFormat::Hexadecimal), end)
        }
        Some(b'(') => {
            let (text, end) = literal(bytes, pos + 1)?;
            (Object::String(text, StringFormat::Literal), end)
        }
        Some(b'/') => {
            let (text, end) = name(bytes, pos + 1);
            (Object::Name(text), end)
        }
        Some(b'0'..=b'9') => match reference(bytes, pos) {
            Some((id, end)) => (Object::Reference(id), end),
            None => number(bytes, pos)?,
        },
        Some(b'+' | b'-' | b'.') => number(bytes, pos)?,
        Some(_) => keyword(bytes, pos)?,
    })
}

/// `null`, `true` or `false` at `pos`.
fn keyword(bytes: &[u8], pos: usize) -> Result<(Object, usize), LexError> {
    let rest = &bytes[pos..];
    [
        (&b"null"[..], Object::Null),
        (b"true", Object::Boolean(true)),
        (b"false", Object::Boolean(false)),
    ]
    .into_iter()
    .find(|(word, _)| rest.starts_with(word))
    .map(|(word, value)| (value, pos + word.len()))
    .ok_or(if rest.is_empty() {
        LexError::Cut
    } else {
        LexError::Syntax(pos)
    })
}

/// Puts a finished value into its container; returns it when it is the
/// outermost one.
fn finish(stack: &mut [Frame], value: Object, build: bool) -> Option<Object> {
    match stack.last_mut() {
        None => Some(value),
        Some(Frame::Array(items)) => {
            if build {
                items.push(value);
            }
            None
        }
        Some(Frame::Dictionary(dict, key)) => {
            if let Some(key) = key.take()
                && build
            {
                dict.set(key, value);
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(Object, usize, u64), LexError> {
        let mut units = Units { left: 1000 };
        let (value, end) = object(text.as_bytes(), 0, &mut units, true)?;
        Ok((value, end, 1000 - units.left))
    }

    #[test]
    fn objects_end_where_lopdf_ends_them_and_cost_one_unit_a_value_or_key() {
        let (value, end, cost) =
            read("<< /A [1 2.5 -.5 3 0 R] /B (a\\)(b)) /C <41 4> >> x").expect("read");
        assert_eq!(end, 49);
        assert_eq!(cost, 11, "{value:?}");
        let dict = value.as_dict().expect("dict");
        assert_eq!(
            dict.get(b"A").and_then(Object::as_array).map(Vec::len).ok(),
            Some(4)
        );
        assert!(matches!(dict.get(b"C"), Ok(Object::String(s, _)) if s == b"A@"));
        assert_eq!(read("12 0 R").map(|r| r.0), Ok(Object::Reference((12, 0))));
        assert_eq!(
            read("1.0-5").map(|r| r.1),
            Ok(5),
            "a stray minus is part of a real"
        );
        assert_eq!(
            read("/a#20b c").map(|r| r.0),
            Ok(Object::Name(b"a b".to_vec()))
        );
    }

    #[test]
    fn bad_cut_deep_and_costly_objects_are_told_apart() {
        assert_eq!(read("[1 2 x]"), Err(LexError::Syntax(5)));
        assert_eq!(read("<< /A [1 2"), Err(LexError::Cut));
        assert_eq!(read("(never closed"), Err(LexError::Cut));
        assert_eq!(read("99999999999999999999"), Err(LexError::Syntax(0)));
        assert!(matches!(read(&"[".repeat(101)), Err(LexError::TooDeep(_))));
        assert!(matches!(
            read(&format!("({})", "(".repeat(100))),
            Err(LexError::TooDeep(_))
        ));
        assert_eq!(
            read(&format!("[{}]", "0 ".repeat(1000))),
            Err(LexError::OverBudget)
        );
    }
}
