//! Reading a project's text files: UTF-8 only, with a located error, and
//! with LF line ends ([`normalize_newlines`]; [`LineEnds`] maps offsets in
//! that text back onto the file's bytes, for writing fixes into it).

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Code, Problem, Result, Source};

/// The byte order mark `decode_utf8` drops.
pub(crate) const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Reads text as UTF-8, dropping a byte order mark, with a clear error.
pub fn decode_utf8(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(BYTE_ORDER_MARK.as_bytes()) {
        bytes.drain(..BYTE_ORDER_MARK.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        // Point at the first bad byte in a lossy copy of the text.
        let source = Source::new(path, text.clone());
        let offset = String::from_utf8_lossy(&e.as_bytes()[..valid]).len();
        Problem::error(
            Code::Encoding,
            format!("`{}` is not valid UTF-8", path.display()),
        )
        .at(&source, offset..offset + 1)
        .with_label("invalid byte here")
        .with_hint("save the file as UTF-8")
        .into()
    })
}

/// Fluent accepts CRLF, but spans and snippets are simpler on LF text;
/// lines and columns stay the same.
pub(crate) fn normalize_newlines(text: String) -> String {
    if text.contains("\r\n") {
        LineEnds::of(&text).normalized
    } else {
        text
    }
}

/// Applies replacements (spans of `checked`, the file's text as it was
/// read: no byte order mark, LF line ends) to the file's bytes on disk as
/// text, `raw`. Returns `None` when the file no longer holds `checked` (it
/// was saved since). The byte order mark and CRLF line ends are kept, and
/// text inserted into a CRLF file gets CRLF line ends.
pub(crate) fn edit_raw(
    raw: &str,
    checked: &str,
    mut edits: Vec<(Range<usize>, String)>,
) -> Option<String> {
    let body = raw.strip_prefix(BYTE_ORDER_MARK).unwrap_or(raw);
    let bom = raw.len() - body.len();
    let ends = LineEnds::of(body);
    if ends.normalized != checked {
        return None;
    }
    let crlf = !ends.removed.is_empty();
    edits.sort_by_key(|(span, _)| span.start);
    edits.dedup_by(|later, earlier| later.0.start < earlier.0.end.max(earlier.0.start + 1));
    let mut text = raw.to_owned();
    for (span, replacement) in edits.iter().rev() {
        let span = ends.original(span.clone());
        let replacement = if crlf {
            replacement.replace('\n', "\r\n")
        } else {
            replacement.clone()
        };
        text.replace_range(bom + span.start..bom + span.end, &replacement);
    }
    Some(text)
}

/// A text with its CRLF line ends made LF, and where each `\r` was.
pub(crate) struct LineEnds {
    /// Where, in `normalized`, each removed `\r` stood.
    removed: Vec<usize>,
    /// The text with LF line ends.
    pub normalized: String,
}

impl LineEnds {
    /// `text` with LF line ends, remembering where each `\r` was.
    pub(crate) fn of(text: &str) -> Self {
        let mut normalized = String::with_capacity(text.len());
        let mut removed = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("\r\n") {
            normalized.push_str(&rest[..at]);
            removed.push(normalized.len());
            rest = &rest[at + 1..];
        }
        normalized.push_str(rest);
        Self {
            removed,
            normalized,
        }
    }

    /// A range of `normalized`, in the text it was made from.
    pub(crate) fn original(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let shift =
            |offset: usize| offset + self.removed.partition_point(|&removed| removed < offset);
        shift(span.start)..shift(span.end)
    }
}
