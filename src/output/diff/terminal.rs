//! `report diff` in a terminal: one heading line per row or change, then
//! its texts, wrapped at word boundaries to the terminal's width, with
//! changed words colored, or marked `[-old-]{+new+}` where there is no
//! color (`NO_COLOR`, a pipe, `--color never`).

use std::io::{IsTerminal as _, Write as _};

use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};

use crate::output::ColorChoice;
use crate::review::history::{ChangeKind, RevisionDiff};
use crate::review::status::{Row, Status};
use crate::review::word_diff::{DiffOp, Piece};

/// Whether the terminal output is colored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Styling {
    /// ANSI colors; deleted words struck through.
    Color,
    /// Plain text; changed words marked `[-old-]{+new+}`.
    Plain,
}

impl Styling {
    /// Resolves `--color` for standard output (`auto`: a terminal, and
    /// `NO_COLOR` unset or empty).
    pub(crate) fn for_stdout(choice: ColorChoice) -> Self {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        if color {
            Styling::Color
        } else {
            Styling::Plain
        }
    }
}

/// Where the text column starts: `    ` and a 12-character label.
const INDENT: usize = 16;

/// A terminal being written: its buffer, styling and width.
struct Screen {
    out: Buffer,
    styling: Styling,
    /// Columns for text after the label.
    width: usize,
}

/// A run of text in one style.
struct Styled<'a> {
    text: &'a str,
    color: Option<Color>,
    strike: bool,
}

impl<'a> Styled<'a> {
    fn plain(text: &'a str) -> Self {
        Self {
            text,
            color: None,
            strike: false,
        }
    }
}

impl Screen {
    fn new(styling: Styling) -> Self {
        let out = match styling {
            Styling::Color => Buffer::ansi(),
            Styling::Plain => Buffer::no_color(),
        };
        Self {
            out,
            styling,
            width: terminal_width().saturating_sub(INDENT).max(20),
        }
    }

    /// `language  status  id`, the status in bold color.
    fn heading(
        &mut self,
        language: &str,
        status: &str,
        status_width: usize,
        tint: Color,
        id: &str,
    ) {
        let mut spec = ColorSpec::new();
        spec.set_fg(Some(tint)).set_bold(true);
        let _ = self.out.set_color(&spec);
        let _ = write!(self.out, "{language:<6} {status:<status_width$}");
        let _ = self.out.reset();
        let _ = writeln!(self.out, "{id}");
    }

    /// A text under a label.
    fn text(&mut self, label: &str, text: &str) {
        self.wrapped(label, &[Styled::plain(text)]);
    }

    /// A word diff under a label: colored, or marked.
    fn changes(&mut self, label: &str, pieces: &[Piece]) {
        match self.styling {
            Styling::Color => self.wrapped(label, &colored(pieces)),
            Styling::Plain => self.text(label, &marked(pieces)),
        }
    }

    /// Writes `label` then `runs`, wrapped at word boundaries to the
    /// width, continuation lines indented under the text.
    fn wrapped(&mut self, label: &str, runs: &[Styled<'_>]) {
        let out = &mut self.out;
        let _ = write!(out, "    {label:<12}");
        let mut column = 0;
        for run in runs {
            let mut spec = ColorSpec::new();
            spec.set_fg(run.color)
                .set_bold(run.color.is_some())
                .set_strikethrough(run.strike);
            for (i, word) in run.text.split(' ').enumerate() {
                if i > 0 {
                    if column + 1 + word.chars().count() > self.width && column > 0 {
                        let _ = write!(out, "\n{:INDENT$}", "");
                        column = 0;
                    } else {
                        let _ = out.set_color(&spec);
                        let _ = write!(out, " ");
                        column += 1;
                    }
                }
                let _ = out.set_color(&spec);
                let _ = write!(out, "{word}");
                let _ = out.reset();
                column += word.chars().count();
            }
        }
        let _ = writeln!(out);
    }

    fn line(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}");
    }

    fn into_bytes(self) -> Vec<u8> {
        self.out.into_inner()
    }
}

/// The terminal's width in columns (or `COLUMNS`, or 100), kept within
/// 40–200 so that text stays readable.
fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100)
        .clamp(40, 200)
}

/// Deleted words red and struck through, inserted ones green.
fn colored(pieces: &[Piece]) -> Vec<Styled<'_>> {
    pieces
        .iter()
        .map(|p| match p.op {
            DiffOp::Delete => Styled {
                text: &p.text,
                color: Some(Color::Red),
                strike: true,
            },
            DiffOp::Insert => Styled {
                text: &p.text,
                color: Some(Color::Green),
                strike: false,
            },
            DiffOp::Equal => Styled::plain(&p.text),
        })
        .collect()
}

/// Without color, changes are marked `[-old-]{+new+}` (as `git diff
/// --word-diff` does).
fn marked(pieces: &[Piece]) -> String {
    crate::review::word_diff::marked(pieces)
}

fn status_color(status: Status) -> Color {
    match status {
        Status::Ok => Color::Green,
        Status::Missing | Status::Stale => Color::Red,
        Status::Unchanged | Status::Obsolete => Color::Yellow,
    }
}

fn change_color(kind: ChangeKind) -> Color {
    match kind {
        ChangeKind::Added => Color::Green,
        ChangeKind::Removed => Color::Red,
        ChangeKind::Changed => Color::Yellow,
        ChangeKind::NeedsReview => Color::Magenta,
    }
}

/// The review: each row's source (with its changes, when stale) and
/// translation, then the tally.
pub(crate) fn review(rows: &[Row], styling: Styling) -> Vec<u8> {
    let mut screen = Screen::new(styling);
    for row in rows {
        let status = row.status;
        screen.heading(
            &row.language,
            status.name(),
            10,
            status_color(status),
            &row.id,
        );
        if !row.source_changes.is_empty() {
            screen.changes("source", &row.source_changes);
        } else if let Some(source) = &row.source {
            screen.text("source", source);
        }
        if let Some(translation) = &row.translation {
            screen.text("translation", translation);
        }
    }
    screen.line(&format!(
        "\n{} row(s): {}",
        rows.len(),
        super::status_counts(rows)
    ));
    screen.into_bytes()
}

/// The changes between two revisions, then how many.
pub(crate) fn revisions(diff: &RevisionDiff, styling: Styling) -> Vec<u8> {
    let mut screen = Screen::new(styling);
    screen.line(&format!(
        "changes from {} to {}\n",
        diff.base,
        diff.head.name()
    ));
    for change in &diff.changes {
        let kind = change.kind;
        screen.heading(
            &change.language,
            kind.name(),
            13,
            change_color(kind),
            &change.id,
        );
        let label = match kind {
            ChangeKind::NeedsReview => "source",
            ChangeKind::Added | ChangeKind::Removed | ChangeKind::Changed => "text",
        };
        match kind {
            ChangeKind::Added => screen.text(label, change.new.as_deref().unwrap_or("")),
            ChangeKind::Removed => screen.text(label, change.old.as_deref().unwrap_or("")),
            ChangeKind::Changed | ChangeKind::NeedsReview => screen.changes(label, &change.changes),
        }
        if let Some(translation) = &change.translation {
            screen.text("translation", translation);
        }
    }
    screen.line(&format!("\n{} change(s)", diff.changes.len()));
    screen.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::word_diff::word_diff;

    #[test]
    fn plain_output_marks_changes() {
        assert_eq!(
            marked(&word_diff("Hola, mundo.", "Hola, gente.")),
            "Hola, [-mundo-]{+gente+}."
        );
    }
}
