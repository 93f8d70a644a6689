//! Typst's `--diagnostic-format short` output parsed back into located
//! [`Problem`]s, with the template's source line under them.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Code, Problem, Problems, Source};
use crate::project::ProjectPath;
use crate::project::sandbox::ProjectFs;

/// Parses `--diagnostic-format short` output: one `file:line:col: severity:
/// message` line per diagnostic (line from 1, column from 0, path relative
/// to the working directory), possibly followed by `hint:` lines; any other
/// line is a note on the diagnostic before it.
pub(crate) fn parse_diagnostics(stderr: &str, root: &Path) -> Problems {
    let mut problems = Problems::default();
    let mut sources = Sources::new(root);
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if let Some(hint) = trimmed.strip_prefix("hint: ")
            && let Some(last) = problems.last_mut()
        {
            last.hint = Some(match last.hint.take() {
                Some(previous) => format!("{previous}; {hint}"),
                None => hint.to_owned(),
            });
        } else if let Some(short) = ShortLine::parse(line) {
            problems.push(short.into_problem(&mut sources));
        } else if !trimmed.is_empty()
            && let Some(last) = problems.last_mut()
        {
            last.notes.push(trimmed.to_owned());
        }
    }
    problems
}

/// The template files diagnostics point into, each read once.
struct Sources<'a> {
    root: &'a Path,
    read: Vec<Arc<Source>>,
}

impl<'a> Sources<'a> {
    fn new(root: &'a Path) -> Self {
        Self {
            root,
            read: Vec::new(),
        }
    }

    /// The file Typst named (relative to the root, or absolute inside it),
    /// if it can be read.
    fn get(&mut self, file: &str) -> Option<Arc<Source>> {
        let relative = ProjectPath::named_by_typst(file, self.root)?;
        if let Some(source) = self.read.iter().find(|s| s.path == *relative) {
            return Some(Arc::clone(source));
        }
        // Through the sandbox: a template file that links out of the
        // project is never quoted.
        let text = ProjectFs::new(self.root).read_text(&relative).ok()?;
        let source = Source::new(relative, text);
        self.read.push(Arc::clone(&source));
        Some(source)
    }
}

/// One diagnostic line: `file:line:col: severity: message`, or
/// `severity: message` for one that has no place.
#[derive(Debug, PartialEq, Eq)]
struct ShortLine<'a> {
    file: &'a str,
    /// Line (from 1) and column (from 1, as editors count).
    position: Option<(usize, usize)>,
    warning: bool,
    message: &'a str,
}

impl<'a> ShortLine<'a> {
    fn parse(line: &'a str) -> Option<Self> {
        for (severity, warning) in [("error", false), ("warning", true)] {
            let marker = format!(": {severity}: ");
            if let Some(at) = line.find(&marker) {
                let head = &line[..at];
                let message = &line[at + marker.len()..];
                let mut parts = head.rsplitn(3, ':');
                // Typst's short format counts columns from 0; editors count from 1.
                let column = parts
                    .next()
                    .and_then(|c| c.parse::<usize>().ok())
                    .map(|c| c + 1);
                let line_number = parts.next().and_then(|l| l.parse().ok());
                let (file, position) = match (parts.next(), line_number, column) {
                    (Some(file), Some(l), Some(c)) => (file, Some((l, c))),
                    _ => (head, None),
                };
                return Some(Self {
                    file,
                    position,
                    warning,
                    message,
                });
            }
            if let Some(message) = line.strip_prefix(&marker[2..]) {
                return Some(Self {
                    file: "",
                    position: None,
                    warning,
                    message,
                });
            }
        }
        None
    }

    /// The problem, pointing into the template when the file can be read.
    fn into_problem(self, sources: &mut Sources<'_>) -> Problem {
        let problem = if self.warning {
            Problem::warning(Code::Typst, self.message)
        } else {
            Problem::error(Code::Typst, self.message)
        };
        let Some((line_number, column)) = self.position else {
            return problem;
        };
        match sources.get(self.file) {
            Some(source) => {
                let offset = source.offset_of(line_number, column);
                problem.at(&source, offset..offset + 1)
            }
            None => problem.with_note(format!("at {}:{line_number}:{column}", self.file)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn short_diagnostics_become_problems_with_snippets() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::create_dir_all(dir.path().join("templates"))?;
        fs::write(
            dir.path().join("templates/report.typ"),
            "= Title\n#foo(1)\n",
        )?;
        let stderr = "templates/report.typ:2:1: error: unknown variable: foo\nhint: if you meant to display multiple letters as is, try adding spaces\nwarning: something global\n";
        let problems = parse_diagnostics(stderr, dir.path());
        assert_eq!(problems.len(), 2);
        let error = problems.iter().next().expect("a problem");
        assert_eq!(
            error.to_string(),
            "error: templates/report.typ:2:2: unknown variable: foo"
        );
        assert!(
            error
                .hint
                .as_deref()
                .is_some_and(|h| h.starts_with("if you meant"))
        );
        assert_eq!(problems[1].to_string(), "warning: something global");
        Ok(())
    }

    #[test]
    fn a_file_that_cannot_be_read_is_named_in_a_note() {
        let problems = parse_diagnostics(
            "gone.typ:3:4: warning: unused\n  extra detail\n",
            Path::new("/nonexistent-root"),
        );
        let warning = problems.iter().next().expect("a problem");
        assert!(!warning.is_error());
        assert_eq!(warning.notes, ["at gone.typ:3:5", "extra detail"]);
    }

    #[test]
    fn short_lines_are_split_into_their_parts() {
        assert_eq!(
            ShortLine::parse("a/b.typ:10:0: error: boom"),
            Some(ShortLine {
                file: "a/b.typ",
                position: Some((10, 1)),
                warning: false,
                message: "boom",
            })
        );
        assert_eq!(
            ShortLine::parse("error: no place").map(|s| (s.file, s.position)),
            Some(("", None))
        );
        assert_eq!(ShortLine::parse("just text"), None);
    }
}
