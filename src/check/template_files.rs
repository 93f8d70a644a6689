//! What Typst will read for the templates, known before it runs, checked
//! against the project sandbox.
//!
//! Typst reads whatever the templates name under its `--root` (the
//! project): a link in the project that leads out of it would have Typst
//! embed an outside file into an edition, and its text quoted in an error.
//! So before any render (and in `report check`), three kinds of file are
//! checked to be inside the project: the `.typ` files under the template's
//! directory (walked without following links, so a link loop is harmless),
//! the files they name with a literal path (`image("…")`, `read`, `json`,
//! `csv`, `include "…"`, …), and every file the last render of an edition
//! read (Typst's own dependency list, recorded in the cache), which covers
//! paths the templates build from the data. Render checks Typst's list
//! again after each compile, before it publishes anything.

use std::sync::Arc;

use crate::diagnostic::{Code, Problem, Problems, Severity, Source};
use crate::document::library;
use crate::project::{BuildLayout, Project, ProjectPath};

/// Functions that read a file named by their first argument.
const READING_FUNCTIONS: [&str; 10] = [
    "image",
    "read",
    "json",
    "toml",
    "yaml",
    "csv",
    "xml",
    "cbor",
    "plugin",
    "bibliography",
];

/// Keywords followed by the path of a file to read.
const READING_KEYWORDS: [&str; 2] = ["include", "import"];

/// The longest literal taken for a path.
const MAX_PATH_LITERAL: usize = 4096;

/// The template files, read, and the problems found on the way.
#[derive(Debug, Default)]
pub(super) struct TemplateFiles {
    /// Every `.typ` file under the template's directory, in path order.
    pub sources: Vec<Arc<Source>>,
    /// Links out of the project, files that cannot be read (warnings).
    pub problems: Problems,
}

/// Reads the project's template files and checks what they name.
pub(super) fn scan(project: &Project, recorded: &[String]) -> TemplateFiles {
    let mut found = TemplateFiles::default();
    let template = &project.manifest.template;
    let dir = template
        .named_by_template(".")
        .unwrap_or_else(|| template.clone());
    for path in typ_files(project, &dir, &mut found.problems) {
        match project.files.read_text(&path) {
            Ok(text) => {
                let source = Source::new(&path, text);
                found
                    .problems
                    .extend(named_files_outside(project, &path, &source));
                found.sources.push(source);
            }
            Err(problems) => found.problems.extend(problems.into_iter().map(|p| {
                if p.code == Code::PathOutsideProject {
                    p
                } else {
                    Problem {
                        severity: Severity::Warning,
                        ..p
                    }
                }
            })),
        }
    }
    found.problems.extend(recorded_outside(project, recorded));
    found.problems.extend(library_copies(&found.sources));
    found
}

/// Each import of a template file that is a copy of report's template
/// library, as a warning at the import: the copy keeps rendering, but
/// report's fixes to the library never reach it.
fn library_copies(sources: &[Arc<Source>]) -> Vec<Problem> {
    let copies: Vec<&Arc<Source>> = sources
        .iter()
        .filter(|s| library::is_copy(&s.text))
        .collect();
    let mut problems = Vec::new();
    for source in sources {
        let Some(file) = ProjectPath::of_source(source) else {
            continue;
        };
        for (literal, span) in path_literals(&source.text) {
            let named = file.named_by_template(literal);
            let Some(copy) = copies
                .iter()
                .find(|c| named.as_deref() == Some(c.path.as_path()))
            else {
                continue;
            };
            let import = BuildLayout::library_for_typst(library::VERSION);
            problems.push(
                Problem::warning(
                    Code::LibraryCopy,
                    format!(
                        "`{}` is a copy of report's template library; report's fixes to the library do not reach it",
                        copy.path.display()
                    ),
                )
                .at(source, span)
                .with_label("imported here")
                .with_hint(format!(
                    "import report's own library instead (report writes it at every render): replace \"{literal}\" with \"{import}\", then delete the copy"
                )),
            );
        }
    }
    problems
}

/// Every `.typ` file under `dir` (relative to the root), sorted by path;
/// links are checked, not followed. An unreadable directory is a warning:
/// the templates in it go unchecked, and Typst will say more if it needs
/// them.
fn typ_files(project: &Project, dir: &ProjectPath, problems: &mut Problems) -> Vec<ProjectPath> {
    let mut files = Vec::new();
    let mut pending = vec![dir.clone()];
    while let Some(dir) = pending.pop() {
        let entries = match project.files.list(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(Problem {
                    severity: Severity::Warning,
                    ..Problem::io("read directory", &dir, &e)
                });
                continue;
            }
        };
        for (path, kind) in entries {
            let is_typ = path.extension().is_some_and(|e| e == "typ");
            if kind.is_symlink() {
                match project.files.inside(&path) {
                    Ok(real) if is_typ && real.is_file() => files.push(path),
                    Ok(_) => {}
                    Err(refused) => problems.extend(refused),
                }
            } else if kind.is_dir() {
                pending.push(path);
            } else if is_typ {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The files `source` names with a literal path that exist and lead out
/// of the project, each an error at the literal.
fn named_files_outside(
    project: &Project,
    file: &ProjectPath,
    source: &Arc<Source>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (literal, span) in path_literals(&source.text) {
        let Some(path) = file.named_by_template(literal) else {
            continue;
        };
        if std::fs::symlink_metadata(project.root.join(&path)).is_err() {
            continue;
        }
        if project.files.inside(&path).is_err() {
            problems.push(
                Problem::error(
                    Code::PathOutsideProject,
                    format!(
                        "`{}` links to a file outside the project; Typst would read it",
                        path.display()
                    ),
                )
                .at(source, span)
                .with_label("named here")
                .with_hint("copy the file into the project instead of linking to it"),
            );
        }
    }
    problems
}

/// Files the last render read that now lead out of the project.
fn recorded_outside(project: &Project, recorded: &[String]) -> Vec<Problem> {
    recorded
        .iter()
        .filter(|path| std::fs::symlink_metadata(project.root.join(path)).is_ok())
        .filter(|path| project.files.inside_named_by_typst(path).is_err())
        .map(|path| {
            Problem::error(
                Code::PathOutsideProject,
                format!(
                    "`{path}` links to a file outside the project; the templates read it \
                     (it is in the last render's list of files Typst read)"
                ),
            )
            .with_hint("copy the file into the project instead of linking to it")
        })
        .collect()
}

/// Every string literal that is the first argument of a function that
/// reads a file, or follows `include`/`import`, with its span (inside the
/// quotes). Literals with escapes are left out.
fn path_literals(text: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for name in READING_FUNCTIONS.iter().chain(&READING_KEYWORDS) {
        let keyword = READING_KEYWORDS.contains(name);
        for (at, _) in text.match_indices(name) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
                continue;
            }
            let rest = &text[at + name.len()..];
            let argument = if keyword {
                let trimmed = rest.trim_start_matches([' ', '\t']);
                (trimmed.len() < rest.len()).then_some(trimmed)
            } else {
                rest.strip_prefix('(').map(|r| r.trim_start())
            };
            let Some(quoted) = argument.and_then(|a| a.strip_prefix('"')) else {
                continue;
            };
            let start = text.len() - quoted.len();
            let Some(end) = quoted.find(['"', '\n']) else {
                continue;
            };
            let literal = &quoted[..end];
            if quoted[end..].starts_with('"')
                && !literal.contains('\\')
                && literal.len() <= MAX_PATH_LITERAL
            {
                found.push((literal, start..start + end));
            }
        }
    }
    found.sort_by_key(|(_, span)| span.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(text: &str) -> Vec<&str> {
        path_literals(text).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn literal_paths_of_reading_functions_and_keywords() {
        assert_eq!(
            literals(
                r#"#import "lib/report.typ": *
#include "part.typ"
#image("/figures/a.png", width: 50%) #my-image("no") #x.image("no")
#let d = json( "data.json" ) #read(path) #image("esc\"aped")
#figure(image("b.svg"))"#
            ),
            [
                "lib/report.typ",
                "part.typ",
                "/figures/a.png",
                "data.json",
                "b.svg"
            ]
        );
    }
}
