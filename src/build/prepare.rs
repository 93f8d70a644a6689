//! Preparing a render: load the workspace, refuse languages with errors,
//! and write each language's resolved JSON document under
//! `build/.report/` for the templates to read.
//!
//! A language with errors (the checks of `report check`, except missing
//! translations, which the resolver reports as one list per language, or
//! fills in with `--allow-missing`) gets no document, and its editions are
//! marked failed; the other languages go on.

use std::path::{Path, PathBuf};

use super::plan::MissingTranslations;
use super::{Outcome, Plan};
use crate::check::{self};
use crate::data::Data;
use crate::diagnostic::{Code, Problem, Problems, Warned};
use crate::document::LanguageLabels;
use crate::document::resolve::{self, Inputs, Missing};
use crate::project::{DocumentKind, Language, Project};
use crate::workspace::Workspace;

/// A resolved document, written.
#[derive(Debug, Clone)]
pub(crate) struct PreparedDocument {
    /// Its language.
    pub language: Language,
    /// Single or parallel.
    pub kind: DocumentKind,
    /// Where it was written.
    pub path: PathBuf,
}

/// The resolved documents of a plan's languages, before any Typst runs.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    /// Problems found, and editions that cannot render.
    pub outcome: Outcome,
    /// The documents written, in the order they were.
    pub documents: Vec<PreparedDocument>,
    /// Each language's name and switcher label.
    pub labels: LanguageLabels,
}

impl Prepared {
    /// Whether `language`'s document of `kind` is written.
    pub(crate) fn has_document(&self, language: &Language, kind: DocumentKind) -> bool {
        self.documents
            .iter()
            .any(|d| &d.language == language && d.kind == kind)
    }
}

/// A document to resolve.
struct PendingDocument {
    language: Language,
    kind: DocumentKind,
    missing: Missing,
}

/// Loads, checks and resolves every language of the plan.
pub(crate) fn prepare(project: &Project, plan: &Plan) -> Prepared {
    prepare_streaming(project, plan, &mut |_| {})
}

/// [`prepare`], calling `on_document` with what is prepared so far each time
/// a document is written, so that a language's editions can start while the
/// next language is resolved.
pub(crate) fn prepare_streaming(
    project: &Project,
    plan: &Plan,
    on_document: &mut dyn FnMut(&Prepared),
) -> Prepared {
    let mut prepared = Prepared::default();
    // The template library the templates import, beside the documents.
    let web_pages = (plan.editions().iter()).any(|e| e.format == crate::project::Format::Html);
    let fonts = if web_pages {
        super::html_fonts::write(project)
    } else {
        Ok(())
    };
    if let Err(problems) = crate::document::library::write(project).and(fonts) {
        prepared.outcome.problems.extend(problems);
        for language in &plan.languages {
            prepared.outcome.fail(plan.editions_of(language));
        }
        return prepared;
    }
    let workspace = Workspace::load(project.clone());
    prepared.labels =
        LanguageLabels::from_catalogs(&project.manifest.languages, &workspace.catalogs);
    let Some(data) = &workspace.data else {
        let errors = workspace.problems.errors().cloned();
        prepared.outcome.problems.extend(errors);
        for language in &plan.languages {
            prepared.outcome.fail(plan.editions_of(language));
        }
        return prepared;
    };
    let blocked = refuse_languages_with_errors(&workspace, plan, &mut prepared.outcome);
    for document in pending_documents(plan) {
        let editions = plan
            .editions_of(&document.language)
            .into_iter()
            .filter(|e| e.document_kind() == document.kind);
        if blocked.contains(&document.language.tag) {
            prepared.outcome.fail(editions);
            continue;
        }
        let path = project.layout.document(&document.language, document.kind);
        match write_document(&workspace, data, &document, &path) {
            Ok(written) => {
                prepared.outcome.problems.extend(written.warnings);
                prepared.documents.push(PreparedDocument {
                    language: document.language,
                    kind: document.kind,
                    path,
                });
                on_document(&prepared);
            }
            Err(problems) => {
                prepared.outcome.problems.extend(problems);
                prepared.outcome.fail(editions);
            }
        }
    }
    prepared
}

/// Runs the error checks of `report check` and returns the tags of the
/// languages that cannot render; their errors go into `outcome`. A
/// language's gaps are the resolver's to tell (or fill in), unless the
/// language is refused.
fn refuse_languages_with_errors(
    workspace: &Workspace,
    plan: &Plan,
    outcome: &mut Outcome,
) -> Vec<String> {
    let involved = plan.involved_languages();
    let every_language = || involved.iter().map(|l| l.tag.clone()).collect::<Vec<_>>();
    let last_read = super::cache::recorded_inputs(&workspace.project);
    let Ok(readiness) = check::readiness(workspace, &last_read) else {
        outcome.problems.push(check::interrupted());
        return every_language();
    };
    let rendered = |problem: &Problem| {
        (problem.language.as_ref()).is_none_or(|tag| involved.iter().any(|l| &l.tag == tag))
    };
    let mut blocked: Vec<String> = Vec::new();
    for refusal in readiness.refusals.into_iter().filter(|p| rendered(p)) {
        match &refusal.language {
            Some(tag) => blocked.push(tag.clone()),
            None => blocked.extend(every_language()),
        }
        outcome.problems.push(refusal);
    }
    // The resolver never sees a refused language, so its gaps are told here.
    outcome
        .problems
        .extend((readiness.gaps.into_iter()).filter(|gap| {
            gap.language
                .as_ref()
                .is_some_and(|tag| blocked.contains(tag))
        }));
    blocked
}

/// The documents the plan needs: one parallel document per language of a
/// pair (they show a translation's gaps instead of failing), then each
/// language's single document when it renders single editions. Parallel
/// documents come first because parallel editions take longest, and the
/// longest editions should start first.
fn pending_documents(plan: &Plan) -> Vec<PendingDocument> {
    let (single, parallel) = match plan.missing {
        MissingTranslations::UseSource => (Missing::Fallback, Missing::Fallback),
        MissingTranslations::Refuse => (Missing::Error, Missing::Gap),
    };
    let mut pending: Vec<PendingDocument> = Vec::new();
    for language in plan.parallel.iter().flat_map(|pair| pair.languages()) {
        if !pending.iter().any(|p| &p.language == language) {
            pending.push(PendingDocument {
                language: language.clone(),
                kind: DocumentKind::Parallel,
                missing: parallel,
            });
        }
    }
    if !plan.formats.is_empty() {
        for language in &plan.languages {
            pending.push(PendingDocument {
                language: language.clone(),
                kind: DocumentKind::Single,
                missing: single,
            });
        }
    }
    pending
}

/// Resolves and writes one document; unchanged documents keep their file,
/// so Typst (and `watch`) sees no change. Returns the resolver's warnings.
fn write_document(
    workspace: &Workspace,
    data: &Data,
    pending: &PendingDocument,
    path: &Path,
) -> Result<Warned<()>, Problems> {
    let inputs = Inputs {
        project: &workspace.project,
        catalogs: &workspace.catalogs,
        data,
        missing: pending.missing,
    };
    let Warned {
        value: document,
        warnings,
    } = resolve::resolve(&inputs, &pending.language)?;
    let text = serde_json::to_vec(&document).map_err(|e| {
        Problem::error(
            Code::Json,
            format!(
                "failed to serialize the {} document ({e})",
                pending.language
            ),
        )
    })?;
    workspace.project.output.write_if_changed(path, &text)?;
    Ok(Warned {
        value: (),
        warnings,
    })
}
