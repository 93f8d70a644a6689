//! Printing problems for people: rustc-style, with the source line and a
//! caret under the place (codespan-reporting).

use std::io::{self, IsTerminal};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

use crate::diagnostic::{Problem, Severity};

/// Whether to color terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
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
    pub fn for_stderr(self) -> termcolor::ColorChoice {
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

/// Prints problems to standard error, rustc-style, with source snippets.
pub fn emit(problems: &[Problem], color: ColorChoice) {
    let writer = termcolor::StandardStream::stderr(color.for_stderr());
    let mut writer = writer.lock();
    let config = term::Config::default();
    for problem in problems {
        let mut files = SimpleFiles::new();
        let mut diagnostic = match problem.severity {
            Severity::Error => Diagnostic::new(CsSeverity::Error),
            Severity::Warning => Diagnostic::new(CsSeverity::Warning),
            Severity::Info => Diagnostic::new(CsSeverity::Note),
        }
        .with_message(&problem.message)
        .with_code(problem.code.as_str());
        if let Some(location) = &problem.location {
            let id = files.add(
                location.source.path.display().to_string(),
                location.source.text.clone(),
            );
            let span = clamp_span(&location.source.text, &location.span);
            diagnostic = diagnostic.with_labels(vec![
                Label::primary(id, span).with_message(problem.label.clone().unwrap_or_default()),
            ]);
        }
        let mut notes = problem.notes.clone();
        if !problem.editions.is_empty() {
            notes.insert(
                0,
                format!("in the edition(s): {}", problem.editions.join(", ")),
            );
        }
        if let Some(hint) = &problem.hint {
            notes.push(format!("hint: {hint}"));
        }
        diagnostic = diagnostic.with_notes(notes);
        // A failure to write to stderr leaves nowhere to report it.
        let _ = term::emit_to_write_style(&mut writer, &config, &files, &diagnostic);
    }
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
