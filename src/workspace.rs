//! The loaded project: manifest, every language's catalog and the data,
//! with every problem found while loading them.
//!
//! Every command that reads messages starts here, so `check`, `render`,
//! `diff` and `doctor` see the same project the same way (and report the
//! same load problems).

use indexmap::IndexMap;

use crate::data::Data;
use crate::diagnostic::{Problems, Warned};
use crate::l10n::Catalog;
use crate::project::sandbox::font_links_out;
use crate::project::{Language, Project};

/// A project with its messages and data loaded.
#[derive(Debug)]
pub struct Workspace {
    /// The validated project.
    pub project: Project,
    /// Each language's catalog (best effort: broken entries are left out),
    /// by tag, in manifest order.
    pub catalogs: IndexMap<String, Catalog>,
    /// The data, or `None` when it could not be loaded.
    pub data: Option<Data>,
}

impl Workspace {
    /// Loads every catalog and the data. Problems in one file do not stop
    /// the others from loading; they all come back with the workspace.
    pub fn load(project: Project) -> Warned<Self> {
        let mut problems = Problems::default();
        problems.0.extend(font_links_out(&project));
        let catalogs = load_catalogs(&project, &mut problems);
        let data = Data::load(&project)
            .map_err(|found| problems.extend(found))
            .ok();
        Warned::new(
            Self {
                project,
                catalogs,
                data,
            },
            problems,
        )
    }

    /// The catalog of a language of the project.
    pub fn catalog(&self, language: &Language) -> Option<&Catalog> {
        self.catalogs.get(&language.tag)
    }

    /// The source language's catalog.
    pub fn source_catalog(&self) -> Option<&Catalog> {
        self.catalog(&self.project.manifest.source_language)
    }
}

/// Loads every catalog of the project, with the problems found in each.
pub fn load_catalogs(project: &Project, problems: &mut Problems) -> IndexMap<String, Catalog> {
    project
        .manifest
        .languages
        .iter()
        .map(|language| {
            let catalog = Catalog::load(project, language).collect(problems);
            (language.tag.clone(), catalog)
        })
        .collect()
}
