//! The report's bibliography, as Typst will read it: the works it holds by
//! key, read with the Hayagriva version Typst 0.15.1 uses, so that a file
//! `report check` accepts is one Typst accepts. A file that does not parse
//! is an error at its line and column; a work without a title (which no
//! citation style can show) is an error at its key.

use std::collections::BTreeSet;
use std::fs;
use std::sync::Arc;

use crate::diagnostic::{Code, Problem, Problems, Source};
use crate::project::sandbox::inside_project;
use crate::project::{BibliographyFormat, Project, decode_utf8};

/// The works of the bibliography.
#[derive(Debug, Clone)]
pub struct Works {
    /// Every key.
    pub keys: BTreeSet<String>,
    /// The file (for messages: its path as written in report.toml).
    pub source: Arc<Source>,
}

/// Reads the bibliography `report.toml` names: `None` without one, or when
/// it cannot be read (then the problems say why).
pub fn load(project: &Project) -> (Option<Works>, Problems) {
    let mut problems = Problems::default();
    let Some(bibliography) = &project.manifest.bibliography else {
        return (None, problems);
    };
    let relative = &bibliography.path;
    let path = project.root.join(relative);
    let text = inside_project(&project.root, &path)
        .and_then(|real| {
            fs::read(&real).map_err(|e| Problems::from(Problem::io("read", &path, &e)))
        })
        .and_then(|bytes| decode_utf8(relative, bytes));
    let text = match text {
        Ok(text) => text,
        Err(found) => return (None, found),
    };
    let source = Source::new(relative, text);
    let library = match bibliography.format {
        BibliographyFormat::Hayagriva => hayagriva::io::from_yaml_str(&source.text).map_err(|e| {
            let at = e
                .location()
                .map_or(0, |l| source.offset_of(l.line(), l.column()));
            vec![syntax_error(&source, at..at + 1, &e.to_string())]
        }),
        BibliographyFormat::Bibtex => {
            hayagriva::io::from_biblatex_str(&source.text).map_err(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        let span = match e {
                            hayagriva::io::BibLaTeXError::Parse(e) => e.span.clone(),
                            hayagriva::io::BibLaTeXError::Type(e) => e.span.clone(),
                        };
                        syntax_error(&source, span, &e.to_string())
                    })
                    .collect()
            })
        }
    };
    let library = match library {
        Ok(library) => library,
        Err(found) => {
            found.into_iter().for_each(|p| problems.push(p));
            return (None, problems);
        }
    };
    for entry in library.iter().filter(|e| e.title().is_none()) {
        let at = key_span(&source, entry.key(), bibliography.format);
        problems.push(
            Problem::error(
                Code::Bibliography,
                format!("the work `{}` has no title", entry.key()),
            )
            .at(&source, at)
            .with_label("no `title`")
            .with_hint("give every work a title: citation styles show it in the list of sources"),
        );
    }
    let keys = library.keys().map(str::to_owned).collect();
    (Some(Works { keys, source }), problems)
}

fn syntax_error(source: &Arc<Source>, span: std::ops::Range<usize>, message: &str) -> Problem {
    let end = span.end.max(span.start + 1).min(source.text.len().max(1));
    Problem::error(
        Code::Bibliography,
        format!("the bibliography does not parse: {}", message.trim_end()),
    )
    .at(source, span.start.min(end)..end)
    .with_hint("Typst reads Hayagriva YAML (.yml) and BibTeX (.bib); see hayagriva's file format")
}

/// Where a work's key is written (`key:` at the start of a YAML line,
/// `{key,` in BibTeX), else the start of the file.
fn key_span(source: &Source, key: &str, format: BibliographyFormat) -> std::ops::Range<usize> {
    let text = &source.text;
    let found = match format {
        BibliographyFormat::Hayagriva => text
            .match_indices(key)
            .find(|(at, _)| {
                (*at == 0 || text[..*at].ends_with('\n'))
                    && text[at + key.len()..]
                        .trim_start_matches([' ', '\t'])
                        .starts_with(':')
            })
            .map(|(at, _)| at),
        BibliographyFormat::Bibtex => text
            .match_indices(key)
            .find(|(at, _)| {
                text[..*at].trim_end().ends_with('{')
                    && text[at + key.len()..].trim_start().starts_with(',')
            })
            .map(|(at, _)| at),
    };
    found.map_or(0..1, |at| at..at + key.len())
}
