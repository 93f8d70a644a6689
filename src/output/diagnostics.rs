//! Printing problems for people: rustc-style, with the source line and a
//! caret under the place (codespan-reporting).

use std::io::{self, IsTerminal};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};

use crate::diagnostic::{Problem, Severity, Source};

/// Whether to color terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ColorChoice {
    /// Color when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

impl ColorChoice {
    /// Resolves `auto` for standard error.
    pub(crate) fn for_stderr(self) -> termcolor::ColorChoice {
        match self {
            ColorChoice::Always => termcolor::ColorChoice::Always,
            ColorChoice::Never => termcolor::ColorChoice::Never,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                if no_color || !io::stderr().is_terminal() {
                    termcolor::ColorChoice::Never
                } else {
                    termcolor::ColorChoice::Auto
                }
            }
        }
    }
}

/// Bytes of problems gathered before they are written out: one write per
/// chunk, not one per piece of a snippet (tens per problem).
const CHUNK: usize = 64 * 1024;

/// Prints problems to standard error, rustc-style, with source snippets.
pub(crate) fn emit<'a>(problems: impl IntoIterator<Item = &'a Problem>, color: ColorChoice) {
    let stderr = termcolor::BufferWriter::stderr(color.for_stderr());
    let mut writer = stderr.buffer();
    let config = term::Config::default();
    let nowhere = Source::new("", "");
    for problem in problems {
        let source = problem.location.as_ref().map_or(&*nowhere, |l| &*l.source);
        let mut file = SourceFile {
            source,
            window: None,
        };
        let diagnostic = diagnostic_of(problem, &mut file);
        // A failure to write to stderr leaves nowhere to report it.
        let _ = term::emit_to_write_style(&mut writer, &config, &file, &diagnostic);
        if writer.len() >= CHUNK {
            let _ = stderr.print(&writer);
            writer.clear();
        }
    }
    let _ = stderr.print(&writer);
}

/// A problem as codespan-reporting draws it; `file` learns which window of
/// a long line to show.
fn diagnostic_of(problem: &Problem, file: &mut SourceFile<'_>) -> Diagnostic<()> {
    let mut diagnostic = match problem.severity {
        Severity::Error => Diagnostic::new(CsSeverity::Error),
        Severity::Warning => Diagnostic::new(CsSeverity::Warning),
        Severity::Info => Diagnostic::new(CsSeverity::Note),
    }
    .with_message(printable(&problem.message))
    .with_code(problem.code.as_str());
    if let Some(location) = &problem.location {
        let mut span = clamp_span(&location.source.text, &location.span);
        file.window = long_line_window(file.source, span.start);
        if let Some((_, window)) = &file.window {
            span = span.start..span.end.min(window.end).max(span.start);
        }
        let label = problem.label.as_deref().map(printable).unwrap_or_default();
        diagnostic = diagnostic.with_labels(vec![Label::primary((), span).with_message(label)]);
    }
    let mut notes: Vec<String> = problem.notes.iter().map(|n| printable(n)).collect();
    if !problem.editions.is_empty() {
        notes.insert(
            0,
            format!("in the edition(s): {}", problem.editions.join(", ")),
        );
    }
    if let Some(hint) = &problem.hint {
        notes.push(format!("hint: {}", printable(hint)));
    }
    diagnostic.with_notes(notes)
}

/// Text for a terminal: control characters (other than line feeds) shown
/// as escapes (`\u{1b}`), never sent as they are.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let floor_char_boundary = |text: &str, mut offset: usize| {
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    start..end
}

/// A problem's file as codespan-reporting reads it: borrowed, not copied,
/// with the line starts the [`Source`] computed once, so printing many
/// problems about one large file stays linear.
///
/// A very long line (minified JSON, a generated file) is shown as a window
/// around the problem, not echoed whole; line and column stay the real ones.
struct SourceFile<'s> {
    source: &'s Source,
    /// The line shown narrowed, and the byte range shown of it.
    window: Option<(usize, Range<usize>)>,
}

/// Lines longer than this many bytes are shown as a window.
const LONG_LINE: usize = 240;

/// The window to show of the line holding `offset`, if that line is long.
fn long_line_window(source: &Source, offset: usize) -> Option<(usize, Range<usize>)> {
    let text = &source.text;
    let line = source.line_index(offset);
    let starts = source.line_starts();
    let start = starts[line];
    let end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
    if end - start <= LONG_LINE {
        return None;
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(offset.saturating_sub(LONG_LINE / 3).max(start));
    let to = floor((from + LONG_LINE).min(end));
    Some((line, from..to))
}

impl SourceFile<'_> {
    fn line_start(&self, line_index: usize) -> Result<usize, FilesError> {
        let starts = self.source.line_starts();
        match line_index.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[line_index]),
            std::cmp::Ordering::Equal => Ok(self.source.text.len()),
            std::cmp::Ordering::Greater => Err(FilesError::LineTooLarge {
                given: line_index,
                max: starts.len() - 1,
            }),
        }
    }
}

impl<'a> Files<'a> for SourceFile<'_> {
    type FileId = ();
    type Name = std::path::Display<'a>;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<Self::Name, FilesError> {
        Ok(self.source.path.display())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.source.printable_text())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.source.line_index(byte_index))
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let start = self.line_start(line_index)?;
        let end = byte_index.clamp(start, self.source.text.len());
        Ok(self
            .source
            .text
            .get(start..end)
            .map_or(1, |t| t.chars().count() + 1))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match &self.window {
            Some((line, window)) if *line == line_index => Ok(window.clone()),
            _ => Ok(self.line_start(line_index)?..self.line_start(line_index + 1)?),
        }
    }
}
