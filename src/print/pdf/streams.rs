//! Streams as lopdf 0.47 reads them when it loads a file: where a
//! stream's data ends (its Length, or the one `endstream endobj` after
//! it), the objects of an object stream (inflated within a budget, each
//! read where the stream's index says, as `ObjectStream::new_with_limit`
//! does), and the entries of a cross-reference stream.

use lopdf::{DecompressError, Dictionary, Object, Stream};

use super::lexer::{self, LexError, Units, is_whitespace, space};

/// Where a stream's data ends, and where the object goes on after
/// `endstream`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extent {
    pub end: usize,
    pub after: usize,
}

/// After a dictionary ending at `pos` (its space skipped): `stream`, spaces
/// and an end of line (lopdf's `stream_keyword`); where the data starts.
pub(crate) fn stream_keyword(bytes: &[u8], pos: usize) -> Option<usize> {
    let rest = bytes[pos..].strip_prefix(b"stream")?;
    let spaces = rest
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    let at = pos + 6 + spaces;
    eol(bytes, at).map(|n| at + n)
}

/// The length of the end of line at `pos`.
fn eol(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos..)? {
        [b'\r', b'\n', ..] => Some(2),
        [b'\n' | b'\r', ..] => Some(1),
        _ => None,
    }
}

/// Where the stream whose data starts at `data` ends: after `length`
/// bytes when an end of line (or none) and `endstream` follow them;
/// otherwise at the first `endstream` that has an end of line before it and
/// `endobj` after it, as lopdf recovers a wrong Length (lopdf takes the
/// only such one up to the next object, which is this one when the scan
/// goes on after it). `None` when there is none.
pub(crate) fn extent(bytes: &[u8], data: usize, length: Option<i64>) -> Option<Extent> {
    if let Some(end) = length
        .and_then(|n| usize::try_from(n).ok())
        .and_then(|n| data.checked_add(n))
        .filter(|&end| end <= bytes.len())
    {
        let at = end + eol(bytes, end).unwrap_or(0);
        if bytes[at..].starts_with(b"endstream") {
            return Some(Extent { end, after: at + 9 });
        }
    }
    let mut from = data;
    while let Some(found) = find(&bytes[from..], b"endstream") {
        let at = from + found;
        from = at + 1;
        let end = if bytes[data..at].ends_with(b"\r\n") {
            at - 2
        } else if bytes[data..at].ends_with(b"\n") || bytes[data..at].ends_with(b"\r") {
            at - 1
        } else {
            continue;
        };
        let after = space(bytes, at + 9);
        if bytes[after..].starts_with(b"endobj")
            && bytes.get(after + 6).is_none_or(|&c| is_whitespace(c))
        {
            return Some(Extent { end, after: at + 9 });
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The stream's data decoded as lopdf decodes it when loading (`None` when
/// lopdf could not decode it, and so skips it); `Err` when it inflates to
/// more than `limit` bytes.
pub(crate) fn inflate(dict: &Dictionary, data: &[u8], limit: u64) -> Result<Option<Vec<u8>>, ()> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let stream = Stream::new(dict.clone(), data.to_vec());
    match stream.get_plain_content_with_limit(limit) {
        Ok(content) => Ok(Some(content)),
        Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => Err(()),
        Err(_) => Ok(None),
    }
}

/// The objects of an object stream whose decoded data is `content`, read
/// (and charged) as lopdf reads them: each pair of the index before
/// `First` names an object and its offset after `First`. Records the
/// whole-number ones in `members`. `Err(OverBudget)` when the budget runs
/// out; `Err(Syntax)` when objects overlap (lopdf would read the same bytes
/// again for each: a few bytes of index could cost gigabytes).
pub(crate) fn object_stream(
    dict: &Dictionary,
    content: &[u8],
    units: &mut Units,
    members: &mut Vec<(u32, Option<i64>)>,
) -> Result<(), LexError> {
    if content.is_empty() {
        return Ok(());
    }
    let (Ok(first), Ok(_)) = (
        dict.get(b"First").and_then(Object::as_i64),
        dict.get(b"N").and_then(Object::as_i64),
    ) else {
        return Ok(());
    };
    let Some(index) = usize::try_from(first).ok().and_then(|f| content.get(..f)) else {
        return Ok(());
    };
    let Ok(index) = std::str::from_utf8(index) else {
        return Ok(());
    };
    let first = index.len();
    let numbers: Vec<Option<u32>> = index
        .split(['\r', '\n'])
        .flat_map(|line| {
            line.split('%')
                .next()
                .unwrap_or_default()
                .split_whitespace()
        })
        .map(|n| n.parse().ok())
        .collect();
    let mut read = 0usize;
    for pair in numbers.chunks_exact(2) {
        let (Some(number), Some(offset)) = (pair[0], pair[1]) else {
            continue;
        };
        let start = first.saturating_add(offset as usize);
        if start >= content.len() {
            continue;
        }
        let at = space(content, start);
        let end = if at == content.len() {
            at
        } else {
            match lexer::object(content, at, units, false) {
                Ok((value, end)) => {
                    let whole = match value {
                        Object::Integer(v) => Some(v),
                        _ => None,
                    };
                    members.push((number, whole));
                    end
                }
                Err(LexError::OverBudget) => return Err(LexError::OverBudget),
                Err(LexError::Syntax(end) | LexError::TooDeep(end)) => end,
                Err(LexError::Cut) => content.len(),
            }
        };
        read = read.saturating_add(end - start);
        if read > content.len() {
            return Err(LexError::Syntax(start));
        }
    }
    Ok(())
}

/// The in-use entries (type 1) of a cross-reference stream whose decoded
/// data is `content`, each charged one unit; `Err` when the budget runs out.
pub(crate) fn xref_entries(
    dict: &Dictionary,
    content: &[u8],
    units: &mut Units,
    entries: &mut Vec<((u32, u16), usize)>,
) -> Result<(), ()> {
    let widths: Vec<usize> = dict
        .get(b"W")
        .and_then(Object::as_array)
        .map(|w| {
            w.iter()
                .map(|n| {
                    n.as_i64()
                        .ok()
                        .and_then(|n| usize::try_from(n).ok())
                        .unwrap_or(0)
                })
                .collect()
        })
        .unwrap_or_default();
    let [kind, field2, field3] = widths[..] else {
        return Ok(());
    };
    let row = kind + field2 + field3;
    if row == 0 || widths.iter().any(|&w| w > 8) {
        return Ok(());
    }
    let size = dict.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
    let index: Vec<i64> = match dict.get(b"Index").and_then(Object::as_array) {
        Ok(pairs) => pairs.iter().filter_map(|n| n.as_i64().ok()).collect(),
        Err(_) => vec![0, size],
    };
    let mut rows = content.chunks_exact(row);
    for pair in index.chunks_exact(2) {
        let (Ok(first), Ok(count)) = (u32::try_from(pair[0]), u64::try_from(pair[1])) else {
            continue;
        };
        for number in
            (u64::from(first)..u64::from(first) + count).map_while(|n| u32::try_from(n).ok())
        {
            let Some(entry) = rows.next() else {
                return Ok(());
            };
            let field = |from: usize, width: usize| {
                entry[from..from + width]
                    .iter()
                    .fold(0u64, |v, &b| (v << 8) | u64::from(b))
            };
            let kind_value = if kind == 0 { 1 } else { field(0, kind) };
            if kind_value == 1 {
                units.left = units.left.checked_sub(1).ok_or(())?;
                let offset = usize::try_from(field(kind, field2)).unwrap_or(usize::MAX);
                let generation = u16::try_from(field(kind + field2, field3)).unwrap_or(u16::MAX);
                entries.push(((number, generation), offset));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_ends_after_its_length_or_at_its_one_endstream_endobj() {
        let bytes = b"stream\nabc\nendstream\nendobj\n";
        assert_eq!(
            extent(bytes, 7, Some(3)),
            Some(Extent { end: 10, after: 20 })
        );
        // A wrong Length: the endstream before endobj.
        assert_eq!(
            extent(bytes, 7, Some(1)),
            Some(Extent { end: 10, after: 20 })
        );
        assert_eq!(extent(bytes, 7, None), Some(Extent { end: 10, after: 20 }));
        assert_eq!(extent(b"stream\nabc", 7, Some(3)), None);
    }

    #[test]
    fn objects_of_an_object_stream_may_not_overlap() {
        let dict = lopdf::dictionary! { "Type" => "ObjStm", "N" => 2, "First" => 8 };
        let mut members = Vec::new();
        let mut units = Units { left: 100 };
        object_stream(&dict, b"1 0 2 4 [1] 7", &mut units, &mut members).expect("read");
        assert_eq!(members, [(1, None), (2, Some(7))]);
        assert_eq!(units.left, 100 - 3);
        let again = lopdf::dictionary! { "Type" => "ObjStm", "N" => 3, "First" => 12 };
        let index = format!("1 0 2 0 3 0 [{}]", "0 ".repeat(20));
        assert!(object_stream(&again, index.as_bytes(), &mut units, &mut members).is_err());
    }
}
