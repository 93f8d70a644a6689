//! The loaded project: manifest, every language's catalog and the data,
//! with every problem found while loading them.
//!
//! Every command that reads messages starts here, so `check`, `render`,
//! `diff` and `doctor` see the same project the same way (and report the
//! same load problems).

use indexmap::IndexMap;

use crate::data::Data;
use crate::diagnostic::Problems;
use crate::l10n::{Catalog, CatalogDraft};
use crate::project::sandbox::font_links_out;
use crate::project::{Language, Project};

/// A project with its messages and data loaded.
#[derive(Debug)]
pub(crate) struct Workspace {
    /// The validated project.
    pub project: Project,
    /// Each language's catalog (best effort: broken entries are left out),
    /// by tag, in manifest order.
    pub catalogs: IndexMap<String, Catalog>,
    /// The data, or `None` when it could not be loaded.
    pub data: Option<Data>,
    /// Every problem found loading, errors included, in a fixed order:
    /// links out of the fonts directory, each catalog's (moved here from
    /// the catalogs, in manifest order), the data's.
    pub problems: Problems,
}

impl Workspace {
    /// Loads every catalog and the data. Problems in one file do not stop
    /// the others from loading; they are all in the workspace's
    /// [`problems`](Workspace::problems).
    pub(crate) fn load(project: Project) -> Self {
        let mut problems = Problems::default();
        problems.extend(font_links_out(&project));
        // Languages are read and parsed in parallel, and the data beside
        // them; only the Fluent bundles are built here (they cannot move
        // between threads).
        let (drafts, data) = std::thread::scope(|scope| {
            let data = spawn(scope, || Data::load(&project));
            let drafts: Vec<_> = project
                .manifest
                .languages
                .iter()
                .map(|language| spawn(scope, || CatalogDraft::load(&project, language)))
                .collect();
            let drafts: Vec<CatalogDraft> = drafts.into_iter().map(join).collect();
            (drafts, join(data))
        });
        let catalogs = drafts
            .into_iter()
            .map(|draft| {
                let mut catalog = Catalog::from_draft(draft);
                problems.extend(std::mem::take(&mut catalog.problems));
                (catalog.language.tag.clone(), catalog)
            })
            .collect();
        let data = data.map_err(|found| problems.extend(found)).ok();
        Self {
            project,
            catalogs,
            data,
            problems,
        }
    }

    /// The catalog of a language of the project.
    pub(crate) fn catalog(&self, language: &Language) -> Option<&Catalog> {
        self.catalogs.get(&language.tag)
    }

    /// The source language's catalog.
    pub(crate) fn source_catalog(&self) -> Option<&Catalog> {
        self.catalog(&self.project.manifest.source_language)
    }
}

/// The stack of a loading thread: as large as the main thread's, since the
/// parsers recurse (their nesting is bounded, but by what fits there).
const LOADER_STACK: usize = 8 << 20;

/// Runs `work` on a scoped thread of its own, or here if no thread can be
/// made.
fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Loading<'scope, T> {
    let work = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
    let shared = std::sync::Arc::clone(&work);
    let spawned = std::thread::Builder::new()
        .stack_size(LOADER_STACK)
        .spawn_scoped(scope, move || take(&shared)());
    match spawned {
        Ok(handle) => Loading::Thread(handle),
        Err(_) => Loading::Done(take(&work)()),
    }
}

fn take<W>(work: &std::sync::Mutex<Option<W>>) -> W {
    work.lock()
        .ok()
        .and_then(|mut w| w.take())
        .expect("each loading job runs once")
}

/// A loading job: on its thread, or done here.
enum Loading<'scope, T> {
    Thread(std::thread::ScopedJoinHandle<'scope, T>),
    Done(T),
}

fn join<T>(loading: Loading<'_, T>) -> T {
    match loading {
        Loading::Thread(handle) => handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Loading::Done(value) => value,
    }
}
