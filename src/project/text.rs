//! Reading a project's text files: UTF-8 only, with a located error.

use std::path::Path;

use crate::diagnostic::{Code, Problem, Result, Source};

/// Reads text as UTF-8, dropping a byte order mark, with a clear error.
pub fn decode_utf8(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
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
