//! Source files as problems quote them: the text, and byte spans turned
//! into line:column.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// One file's text, kept so that problems can quote the line they point at.
#[derive(Debug)]
pub struct Source {
    /// Path as shown to the user (relative to the project when possible).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    /// Wraps a file's text for sharing between the values parsed from it.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for (index, text) in self.text.split_inclusive('\n').enumerate() {
            if index + 1 == line {
                let within: usize = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return offset + within;
            }
            offset += text.len();
        }
        self.text.len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where a problem is: a span of bytes in a source file.
#[derive(Debug, Clone)]
pub struct Location {
    /// The file.
    pub source: Arc<Source>,
    /// Byte range of the offending text.
    pub span: Range<usize>,
}

impl Location {
    /// A location in `source`.
    pub fn new(source: &Arc<Source>, span: Range<usize>) -> Self {
        Self {
            source: Arc::clone(source),
            span,
        }
    }

    /// `path:line:col`, the form editors and terminals turn into links.
    pub fn display(&self) -> String {
        let (line, column) = self.source.line_col(self.span.start);
        format!("{}:{line}:{column}", self.source.path.display())
    }
}
