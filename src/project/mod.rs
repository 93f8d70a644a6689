//! The project: where it lives (found like Cargo finds `Cargo.toml`) and
//! what its manifest says.
//!
//! A project is the directory holding `report.toml`. Everything `report`
//! reads is inside it (links that lead out are refused: [`sandbox`]);
//! everything it writes goes under `build/` (see [`layout::BuildLayout`]).

mod format;
pub(crate) mod language;
pub(crate) mod layout;
pub(crate) mod manifest;
mod path;
pub(crate) mod print;
pub(crate) mod sandbox;
pub(crate) mod text;
pub(crate) mod unshowable;

use std::path::{Path, PathBuf};

pub(crate) use format::{DocumentKind, EditionKind, Format, Layout};
pub(crate) use language::{Language, ParallelPair};
pub(crate) use layout::BuildLayout;
pub(crate) use manifest::{BibliographyFormat, Manifest, TypographyRules};
pub(crate) use path::ProjectPath;
pub(crate) use text::{decode_utf8, edit_raw, normalize_newlines};

use crate::diagnostic::{Code, Problem, Result, Source};
use crate::platform::files::OutputRoot;
use sandbox::ProjectFs;

/// The manifest's file name.
pub const MANIFEST_FILE: &str = "report.toml";

/// A validated project: where it lives and what `report.toml` says.
#[derive(Debug, Clone)]
pub struct Project {
    /// The directory holding `report.toml`; every other path is inside it.
    pub root: PathBuf,
    /// The validated manifest.
    pub manifest: Manifest,
    /// Where everything is read and written.
    pub layout: BuildLayout,
    /// The one way to read the project's files (nothing outside it).
    pub files: ProjectFs,
    /// Where writes go (real directories of the project only).
    pub output: OutputRoot,
}

/// Finds the project: `explicit` if given, else the nearest directory from
/// `start` upwards that holds `report.toml`.
pub(crate) fn find_root(explicit: Option<&Path>, start: &Path) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        let dir = if dir.is_absolute() {
            dir.to_owned()
        } else {
            start.join(dir)
        };
        if dir.join(MANIFEST_FILE).is_file() {
            return Ok(dir);
        }
        return Err(Problem::error(
            Code::NoProject,
            format!("no `{MANIFEST_FILE}` in `{}`", dir.display()),
        )
        .with_hint("pass the directory that holds report.toml, or create one with `report init`")
        .into());
    }
    for dir in start.ancestors() {
        if dir.join(MANIFEST_FILE).is_file() {
            return Ok(dir.to_owned());
        }
    }
    Err(Problem::error(
        Code::NoProject,
        format!(
            "could not find `{MANIFEST_FILE}` in `{}` or any parent directory",
            start.display()
        ),
    )
    .with_hint(
        "run this inside a report project, pass `--project DIR`, or start one with `report init`",
    )
    .into())
}

impl Project {
    /// Loads and validates the project whose root is `root`.
    pub fn load(root: &Path) -> Result<Self> {
        let files = ProjectFs::new(root);
        let source = Source::new(MANIFEST_FILE, files.read_text(&BuildLayout::manifest())?);
        let manifest = Manifest::parse(&source, root)?;
        Ok(Self {
            root: root.to_owned(),
            layout: BuildLayout::new(root, manifest.name.clone()),
            manifest,
            files,
            output: OutputRoot::new(root)?,
        })
    }

    /// The output directory, `build/` under the root.
    pub fn build_dir(&self) -> PathBuf {
        self.layout.build_dir()
    }

    /// The directory holding one language's `.ftl` files.
    pub fn locale_dir(&self, language: &Language) -> PathBuf {
        self.layout.locale_dir(&language.tag)
    }

    /// The languages named by `tags`, checked against the manifest and in
    /// its order; no tags means every language.
    pub fn select_languages(&self, tags: &[String]) -> Result<Vec<Language>> {
        let manifest = &self.manifest;
        let mut languages = Vec::new();
        for tag in tags {
            let Some(language) = self.language(tag.trim()) else {
                let known: Vec<&str> = manifest.languages.iter().map(|l| l.tag.as_str()).collect();
                let hint = match crate::suggest::closest(tag, known.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the project's languages are {}", known.join(", ")),
                };
                return Err(Problem::error(
                    Code::Usage,
                    format!("`{tag}` is not a language of this project"),
                )
                .with_hint(hint)
                .into());
            };
            if !languages.contains(language) {
                languages.push(language.clone());
            }
        }
        if languages.is_empty() {
            return Ok(manifest.languages.clone());
        }
        languages.sort_by_key(|l| manifest.languages.iter().position(|m| m == l));
        Ok(languages)
    }

    /// Finds a language of the project by tag.
    pub fn language(&self, tag: &str) -> Option<&Language> {
        self.manifest.languages.iter().find(|l| l.tag == tag)
    }
}
