//! BibTeX (and BibLaTeX): checked on biblatex's raw reading of the file,
//! then read by Hayagriva exactly as Typst reads it.
//!
//! biblatex reads a file in two steps: a raw parse (entries, fields and
//! `@string` macros as written; a loop, linear, no recursion), then
//! expansion: macros by recursion, LaTeX commands with an argument by
//! recursion (`\emph{\emph{…}}`), `crossref` and `xdata` by recursion, and
//! the pieces of each field merged one by one. Everything here works on the
//! raw parse, in linear time, and lets biblatex and Hayagriva go on from
//! it (as `hayagriva::io::from_biblatex_str` does) only when the
//! expansion is bounded: braces nested at most [`MAX_DEPTH`] deep in any
//! piece (here), macros (`macros.rs`) and cross-references (`crossref.rs`).

use std::sync::Arc;

use biblatex::{Bibliography, RawBibliography, RawChunk};
use hayagriva::Library;
use hayagriva::io::BibLaTeXError;

use super::characters::{self, distinct, unshowable_in};
use super::macros::Macros;
use super::{Located, MAX_DEPTH, crossref, syntax_error};
use crate::diagnostic::{Code, Problem, Problems, Source};

/// Checks a BibTeX file and reads it, when it is within bounds.
pub(super) fn read(source: &Arc<Source>, problems: &mut Problems) -> (Option<Library>, Located) {
    let text = &source.text;
    let raw = match RawBibliography::parse(text) {
        Ok(raw) => raw,
        Err(e) => {
            // Hayagriva's first step is this very parse: its error, as it
            // words it.
            let span = e.span.clone();
            problems.push(syntax_error(
                source,
                span,
                &BibLaTeXError::Parse(e).to_string(),
            ));
            return (None, Located::default());
        }
    };
    let located = locate(&raw);
    let mut blocked = pieces(source, &raw, problems);
    let weights = Macros::of(&raw).check_fields(source, &raw, problems);
    match weights {
        Some(weights) if !blocked => {
            blocked = crossref::check(source, &raw, &weights, problems);
        }
        _ => blocked = true,
    }
    if blocked {
        return (None, located);
    }
    // What `hayagriva::io::from_biblatex_str` does, from the raw parse
    // already made.
    let errors = match Bibliography::from_raw(raw) {
        Ok(bibliography) => match hayagriva::io::from_biblatex(&bibliography) {
            Ok(library) => return (Some(library), located),
            Err(errors) => errors.into_iter().map(BibLaTeXError::Type).collect(),
        },
        Err(e) => vec![BibLaTeXError::Parse(e)],
    };
    for e in &errors {
        let span = match e {
            BibLaTeXError::Parse(e) => e.span.clone(),
            BibLaTeXError::Type(e) => e.span.clone(),
        };
        problems.push(syntax_error(source, span, &e.to_string()));
    }
    (None, located)
}

/// Each work's key and entry, as the raw parse has them.
fn locate(raw: &RawBibliography<'_>) -> Located {
    let mut located = Located::default();
    for entry in &raw.entries {
        located
            .works
            .entry(entry.v.key.v.to_owned())
            .or_insert((entry.v.key.span.clone(), entry.span.clone()));
    }
    located
}

/// Checks every piece of text of the entries and `@string` macros: braces
/// nested too deep (an error that keeps biblatex from running: returns
/// `true`), characters no edition can show.
fn pieces(source: &Arc<Source>, raw: &RawBibliography<'_>, problems: &mut Problems) -> bool {
    let mut blocked = false;
    // What a value is, in messages: made only when there is a problem.
    let fields = raw.entries.iter().flat_map(|entry| {
        let key = entry.v.key.v;
        (entry.v.fields.iter()).map(move |pair| (Named::Field(pair.key.v, key), &pair.value.v))
    });
    let macros = (raw.abbreviations.iter()).map(|pair| (Named::Macro(pair.key.v), &pair.value.v));
    for (named, chunks) in fields.chain(macros) {
        let mut found = Vec::new();
        for chunk in chunks {
            if let RawChunk::Normal(text) = chunk.v {
                let start = chunk.span.start;
                if let Some(at) = too_deep(text) {
                    problems.push(braces_too_deep(source, &named.what(), start + at));
                    blocked = true;
                }
                let end = (start + text.len()).min(source.text.len());
                found.extend(unshowable_in(&source.text, start..end));
            }
        }
        for f in distinct(found) {
            problems.push(characters::problem(source, &named.what(), &f));
        }
    }
    blocked
}

/// A value of the file: a field of a work, or a macro.
enum Named<'s> {
    /// A field's name and its work's key.
    Field(&'s str, &'s str),
    Macro(&'s str),
}

impl Named<'_> {
    fn what(&self) -> String {
        match self {
            Named::Field(name, key) => format!("`{name}` of the work `{key}`"),
            Named::Macro(name) => format!("the @string `{name}`"),
        }
    }
}

/// Where braces first nest more than [`MAX_DEPTH`] deep in `text`, if they
/// do. Every brace counts, escaped or not (`\{`): biblatex's reading of a
/// command's argument counts them all, and counting more can only find
/// more.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn braces_too_deep(source: &Arc<Source>, what: &str, at: usize) -> Problem {
    Problem::error(
        Code::TooDeep,
        format!("{what} nests braces more than {MAX_DEPTH} deep"),
    )
    .at(source, at..at + 1)
    .with_label(format!("more than {MAX_DEPTH} deep here"))
    .with_note("the BibTeX reader (which Typst uses too) goes one level down for each, and slows down with every level")
    .with_hint("remove the extra braces: one pair protects a word's capitals")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_are_counted_escaped_or_not_and_never_below_zero() {
        let nested = |n: usize| format!("{}a{}", "{".repeat(n), "}".repeat(n));
        assert_eq!(too_deep(&nested(MAX_DEPTH)), None);
        assert_eq!(too_deep(&nested(MAX_DEPTH + 1)), Some(MAX_DEPTH));
        // Closing braces first do not make room for more opening ones.
        let text = format!("{}{}", "}".repeat(50), "\\{".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&text), Some(50 + 2 * MAX_DEPTH + 1));
    }
}
