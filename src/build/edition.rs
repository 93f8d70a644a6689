//! An edition: one output of a render — a language (or, for a parallel
//! edition, a language pair) in one format — and what came of rendering it.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::Problems;
use crate::project::{BuildLayout, DocumentKind, Format, Language};

/// One output of a render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edition {
    /// The language (the left column of a parallel edition).
    pub language: Language,
    /// For a parallel edition, the right column's language.
    pub partner: Option<Language>,
    /// PDF or HTML.
    pub format: Format,
}

impl Edition {
    /// `es pdf`, or `es-en parallel pdf`.
    pub(crate) fn label(&self) -> String {
        match &self.partner {
            Some(_) => format!("{} parallel {}", self.languages(), self.format.name()),
            None => format!("{} {}", self.languages(), self.format.name()),
        }
    }

    /// Its language's tag, or both of a pair's: `es`, `es-en`.
    pub(crate) fn languages(&self) -> String {
        match &self.partner {
            Some(partner) => format!("{}-{partner}", self.language),
            None => self.language.tag.clone(),
        }
    }

    /// Where it is written, relative to `build/`.
    pub(crate) fn path(&self, layout: &BuildLayout) -> String {
        layout.edition(&self.language, self.partner.as_ref(), self.format)
    }

    /// The kind of document its templates read.
    pub(crate) fn document_kind(&self) -> DocumentKind {
        match self.partner {
            Some(_) => DocumentKind::Parallel,
            None => DocumentKind::Single,
        }
    }

    /// The same edition in another format (an HTML page links its PDF).
    pub(crate) fn in_format(&self, format: Format) -> Self {
        Self {
            format,
            ..self.clone()
        }
    }
}

/// Whether an edition was rendered or found up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// Typst ran and the file was replaced.
    Rendered,
    /// Nothing it depends on changed; the file was left as it was.
    UpToDate,
}

/// One edition that was written (or found up to date).
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    pub edition: Edition,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// How long Typst and the post-processing took.
    pub elapsed: Duration,
    /// Typst's warnings for this edition.
    pub warnings: Problems,
    /// Rendered now, or left as it was.
    pub freshness: Freshness,
}

/// The result of a render: what was written, what failed, and every problem.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Editions written, in plan order.
    pub rendered: Vec<Rendered>,
    /// Editions that could not be rendered.
    pub failed: Vec<Edition>,
    /// Errors and warnings, in the order found.
    pub problems: Problems,
}

impl Outcome {
    /// Marks editions as failed, each once.
    pub(crate) fn fail(&mut self, editions: impl IntoIterator<Item = Edition>) {
        for edition in editions {
            if !self.failed.contains(&edition) {
                self.failed.push(edition);
            }
        }
    }
}
