//! Source files as problems quote them: the text, and byte spans turned
//! into line:column.
//!
//! The start of every line is found once per file, on first use, so that
//! placing thousands of problems in one large file stays linear.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// One file's text, kept so that problems can quote the line they point at.
#[derive(Debug)]
pub struct Source {
    /// Path as shown to the user (relative to the project when possible).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    line_starts: OnceLock<Vec<usize>>,
    printable: OnceLock<Option<String>>,
}

impl Source {
    /// Wraps a file's text for sharing between the values parsed from it.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            printable: OnceLock::new(),
        })
    }

    /// Byte offsets where each line starts (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The text as a terminal may show it: control characters (an ESC
    /// would let a file drive the terminal) replaced by `?` or `¿`, which
    /// take the same bytes, so every offset and line stays the same.
    pub fn printable_text(&self) -> &str {
        self.printable
            .get_or_init(|| {
                let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
                self.text.contains(unsafe_char).then(|| {
                    self.text
                        .chars()
                        .map(|c| match c {
                            c if !unsafe_char(c) => c,
                            c if c.len_utf8() == 1 => '?',
                            _ => '¿',
                        })
                        .collect()
                })
            })
            .as_deref()
            .unwrap_or(&self.text)
    }

    /// The 0-based index of the line holding a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let line_start = self.line_starts()[line];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line + 1, column)
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
