//! [`Problem`]: one thing wrong with the project or the run, and
//! [`Problems`], the error type of every fallible operation.

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::{Code, Location, Source};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A fact for the record (e.g. a translation identical to its source).
    Info,
    /// Worth knowing; never changes the exit code.
    Warning,
    /// The command cannot produce a correct result.
    Error,
}

/// A single thing that is wrong (or suspicious) about the project or the run.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Stable, machine-readable kind of problem, e.g. `missing-message`.
    pub code: Code,
    /// What failed, in one sentence, without a trailing period.
    pub message: String,
    /// Where, if the problem is in a file.
    pub location: Option<Location>,
    /// Text under the caret.
    pub label: Option<String>,
    /// Further facts (e.g. the other place a duplicate is defined).
    pub notes: Vec<String>,
    /// What to do about it.
    pub hint: Option<String>,
    /// The language the problem is about, if any.
    pub language: Option<String>,
    /// The message or term id the problem is about, if any.
    pub id: Option<String>,
    /// The editions a problem of rendering came from (`es pdf`, …), so that
    /// one template error that breaks several editions is told once.
    pub editions: Vec<String>,
}

impl Problem {
    /// An error with no location yet.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            notes: Vec::new(),
            hint: None,
            language: None,
            id: None,
            editions: Vec::new(),
        }
    }

    /// A warning with no location yet.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// An error for a failed I/O operation on `path`: "failed to X `path` (cause)".
    pub fn io(action: &str, path: &Path, error: &io::Error) -> Self {
        Self::error(
            Code::Io,
            format!("failed to {action} `{}` ({error})", path.display()),
        )
    }

    /// Points the problem at a span of a file.
    pub fn at(mut self, source: &Arc<Source>, span: Range<usize>) -> Self {
        self.location = Some(Location::new(source, span));
        self
    }

    /// Points the problem at a location, if there is one.
    pub fn at_location(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// Sets the text shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the hint: what the user should do next.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Records the language and message id the problem is about.
    pub fn about(mut self, language: &str, id: &str) -> Self {
        self.language = Some(language.to_owned());
        self.id = Some(id.to_owned());
        self
    }

    /// Records the edition the problem came from.
    pub fn in_edition(mut self, edition: impl Into<String>) -> Self {
        self.editions.push(edition.into());
        self
    }

    /// The severity's name: `error`, `warning` or `info`.
    pub fn severity_name(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// The one-line form: `error: path:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity_name();
        match &self.location {
            Some(location) => write!(f, "{severity}: {}: {}", location.display(), self.message),
            None => write!(f, "{severity}: {}", self.message),
        }
    }
}

/// A set of problems, the error type of every fallible operation in `report`.
///
/// It holds at least one problem; warnings gathered on the way can ride along
/// with the errors so that nothing is lost when a command fails. Callers ask
/// for [`errors`](Self::errors) or [`warnings`](Self::warnings) rather than
/// sorting by severity themselves.
#[derive(Debug, Clone, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// Whether there is no problem at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds one problem.
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// Adds every problem of another set (or any problems).
    pub fn extend(&mut self, other: impl IntoIterator<Item = Problem>) {
        self.0.extend(other);
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    /// Every problem, to change in place (e.g. to name the edition).
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, Problem> {
        self.0.iter_mut()
    }

    /// The problem found last, to add to it (a hint that follows it).
    pub fn last_mut(&mut self) -> Option<&mut Problem> {
        self.0.last_mut()
    }

    /// The errors, in order (warnings left out).
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    /// The problems that are not errors (warnings and notes).
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    /// Keeps only the problems `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Problem) -> bool) {
        self.0.retain(keep);
    }

    /// The errors and the rest, apart.
    pub fn split(self) -> (Problems, Problems) {
        let (errors, rest) = self.0.into_iter().partition(Problem::is_error);
        (Problems(errors), Problems(rest))
    }

    /// The problems, as a list.
    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count()
    }
}

impl std::ops::Index<usize> for Problems {
    type Output = Problem;
    fn index(&self, index: usize) -> &Problem {
        &self.0[index]
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Self(vec![problem])
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(problems: Vec<Problem>) -> Self {
        Self(problems)
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(problems: I) -> Self {
        Self(problems.into_iter().collect())
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// The result type of `report`'s operations.
pub(crate) type Result<T, E = Problems> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Source;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let source = Source::new("a.ftl", "uno = 1\nañoß = x\n");
        assert_eq!(source.line_col(0), (1, 1));
        let offset = source
            .text
            .find('=')
            .map(|_| source.text.rfind('=').unwrap_or(0));
        assert_eq!(source.line_col(offset.unwrap_or(0)), (2, 6));
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let source = Source::new("a.typ", "one\ntwó three\n");
        let offset = source.offset_of(2, 5);
        assert_eq!(&source.text[offset..offset + 5], "three");
        assert_eq!(source.line_col(offset), (2, 5));
    }

    #[test]
    fn one_line_form_names_file_line_and_column() {
        let source = Source::new("locales/es/main.ftl", "a = b\nc = {\n");
        let problem = Problem::error(Code::Syntax, "expected a value").at(&source, 10..11);
        assert_eq!(
            problem.to_string(),
            "error: locales/es/main.ftl:2:5: expected a value"
        );
    }
}
