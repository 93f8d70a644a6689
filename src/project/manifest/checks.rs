//! Checking each key of `report.toml`: every problem is collected with the
//! key's span and a hint, so one run reports every mistake.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use crate::diagnostic::{Code, Problem, Problems, Source};
use crate::project::sandbox::inside_project;
use crate::project::{BuildLayout, Format, Language, Layout, ParallelPair, ProjectPath};

/// PDF standards Typst 0.15 can check and write.
const PDF_STANDARDS: &[&str] = &[
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

/// What a path in the manifest must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathKind {
    File,
    Directory,
}

impl PathKind {
    fn noun(self) -> &'static str {
        match self {
            PathKind::File => "file",
            PathKind::Directory => "directory",
        }
    }
}

use super::typography::{RawTypography, TypographyRules};

/// Checks keys against the project at `root`, collecting problems.
pub(super) struct Checker<'a> {
    source: &'a Arc<Source>,
    root: &'a Path,
    problems: Problems,
}

impl<'a> Checker<'a> {
    pub(super) fn new(source: &'a Arc<Source>, root: &'a Path) -> Self {
        Self {
            source,
            root,
            problems: Problems::default(),
        }
    }

    /// The project root.
    pub(super) fn root(&self) -> &Path {
        self.root
    }

    /// Every problem found.
    pub(super) fn finish(self) -> Problems {
        self.problems
    }

    pub(super) fn error(
        &mut self,
        code: Code,
        message: impl Into<String>,
        at: &Spanned<impl Sized>,
        hint: impl Into<String>,
    ) {
        self.problems.push(
            Problem::error(code, message)
                .at(self.source, at.span())
                .with_hint(hint),
        );
    }

    /// `[check.typography]`: the rules, the defaults where it says nothing.
    pub(super) fn typography(&mut self, raw: &RawTypography) -> TypographyRules {
        match raw.rules() {
            Ok(rules) => rules,
            Err(found) => {
                let (problem, span) = *found;
                self.problems.push(problem.at(self.source, span));
                TypographyRules::default()
            }
        }
    }

    /// The slug: safe as a file name.
    pub(super) fn name(&mut self, name: &Spanned<String>) -> String {
        let slug = name.get_ref();
        let safe = slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
        if slug.is_empty() || !safe || slug.starts_with('.') {
            self.error(
                Code::Manifest,
                format!("`{slug}` cannot be used as a file name slug"),
                name,
                "use letters, digits, `-` and `_`, e.g. `annual-report-2024`",
            );
        }
        slug.clone()
    }

    /// The source language and every language, source first.
    pub(super) fn languages(
        &mut self,
        source_language: &Spanned<String>,
        tags: &Spanned<Vec<Spanned<String>>>,
    ) -> (Option<Language>, Vec<Language>) {
        let mut languages: Vec<Language> = Vec::new();
        for tag in tags.get_ref() {
            if let Some(language) = self.language(tag, &languages) {
                languages.push(language);
            }
        }
        if tags.get_ref().is_empty() {
            self.error(
                Code::Manifest,
                "`languages` is empty",
                tags,
                "list every edition's language, source first: [\"es\", \"en\"]",
            );
        }
        let source = match Language::parse(source_language.get_ref()) {
            Ok(language) => {
                if !languages.contains(&language) && !tags.get_ref().is_empty() {
                    self.error(
                        Code::Manifest,
                        format!("source language `{language}` is not in `languages`"),
                        source_language,
                        format!("add \"{language}\" to `languages`"),
                    );
                }
                Some(language)
            }
            Err(message) => {
                self.error(
                    Code::Manifest,
                    message,
                    source_language,
                    "use a tag such as `es` or `en-US`",
                );
                None
            }
        };
        // The source language leads: it is the first edition and the fallback.
        if let Some(source) = &source
            && let Some(index) = languages.iter().position(|l| l == source)
        {
            let language = languages.remove(index);
            languages.insert(0, language);
        }
        (source, languages)
    }

    /// One entry of `languages`: a canonical tag, listed once, with its
    /// `locales/` directory.
    fn language(&mut self, tag: &Spanned<String>, seen: &[Language]) -> Option<Language> {
        let language = match Language::parse(tag.get_ref()) {
            Ok(language) => language,
            Err(message) => {
                self.error(
                    Code::Manifest,
                    message,
                    tag,
                    "use tags such as `es`, `en`, `es-MX`, `en-US`",
                );
                return None;
            }
        };
        if seen.contains(&language) {
            self.error(
                Code::Manifest,
                format!("language `{language}` is listed twice"),
                tag,
                "list each language once",
            );
            return None;
        }
        if !self
            .root
            .join(BuildLayout::locale_relative(&language.tag))
            .is_dir()
        {
            self.error(
                Code::Manifest,
                format!("language `{language}` has no `locales/{language}/` directory"),
                tag,
                format!("create locales/{language}/ with the language's .ftl files"),
            );
        }
        Some(language)
    }

    /// A file the manifest names.
    pub(super) fn file(&mut self, path: &Spanned<String>) -> Option<ProjectPath> {
        self.path(path, PathKind::File)
    }

    /// The font directory: as given, else `fonts/` when there is one.
    pub(super) fn fonts(&mut self, path: Option<&Spanned<String>>) -> Option<ProjectPath> {
        match path {
            Some(path) => self.path(path, PathKind::Directory),
            None => self
                .root
                .join("fonts")
                .is_dir()
                .then(|| ProjectPath::new("fonts")),
        }
    }

    /// Checks that a path is relative, stays inside the project, and
    /// exists as the kind of thing it must be.
    fn path(&mut self, path: &Spanned<String>, kind: PathKind) -> Option<ProjectPath> {
        let relative = PathBuf::from(path.get_ref());
        let escapes = relative.is_absolute()
            || relative
                .components()
                .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
        if escapes {
            self.error(
                Code::PathOutsideProject,
                format!("`{}` is outside the project", path.get_ref()),
                path,
                "paths in report.toml are relative to the project root and stay inside it",
            );
            return None;
        }
        let full = self.root.join(&relative);
        let metadata = match std::fs::metadata(&full) {
            Ok(metadata) => metadata,
            Err(e) => {
                let noun = kind.noun();
                let message = if e.kind() == std::io::ErrorKind::NotFound {
                    format!("{noun} `{}` does not exist", path.get_ref())
                } else {
                    format!("failed to read `{}` ({e})", path.get_ref())
                };
                self.error(
                    Code::MissingFile,
                    message,
                    path,
                    "paths in report.toml are relative to the directory that holds it",
                );
                return None;
            }
        };
        // The sandbox's rule, here to point at the manifest's line.
        if let Err(found) = inside_project(self.root, &full)
            && found.iter().any(|p| p.code == Code::PathOutsideProject)
        {
            self.error(
                Code::PathOutsideProject,
                format!("`{}` links to a place outside the project", path.get_ref()),
                path,
                "copy the file into the project instead of linking to it",
            );
            return None;
        }
        self.kind(path, &metadata, kind)
            .then(|| ProjectPath::new(relative))
    }

    /// Whether what a path names is the kind of thing it must be; says so
    /// when it is not.
    fn kind(
        &mut self,
        path: &Spanned<String>,
        metadata: &std::fs::Metadata,
        kind: PathKind,
    ) -> bool {
        let found = if metadata.is_dir() {
            "a directory"
        } else if metadata.is_file() {
            "a file"
        } else {
            "neither a file nor a directory (a FIFO, socket or device)"
        };
        let fits = match kind {
            PathKind::File => metadata.is_file(),
            PathKind::Directory => metadata.is_dir(),
        };
        if !fits {
            self.error(
                Code::Manifest,
                format!(
                    "`{}` is {found}, but report.toml needs a {} here",
                    path.get_ref(),
                    kind.noun()
                ),
                path,
                match kind {
                    PathKind::File => "name a regular file, relative to the project root",
                    PathKind::Directory => "name a directory, relative to the project root",
                },
            );
        }
        fits
    }

    /// The accepted Typst versions.
    pub(super) fn typst(&mut self, requirement: &Spanned<String>) -> Option<semver::VersionReq> {
        semver::VersionReq::parse(requirement.get_ref())
            .map_err(|e| {
                self.error(
                    Code::Manifest,
                    format!(
                        "`{}` is not a version requirement ({e})",
                        requirement.get_ref()
                    ),
                    requirement,
                    "write a semver requirement such as \"0.15\" or \"=0.15.1\"",
                );
            })
            .ok()
    }

    /// The publication date: a plain date, no time.
    pub(super) fn date(
        &mut self,
        date: Option<&Spanned<toml::value::Datetime>>,
    ) -> Option<toml::value::Date> {
        let date = date?;
        match date.get_ref() {
            toml::value::Datetime {
                date: Some(day),
                time: None,
                offset: None,
            } => Some(*day),
            _ => {
                self.error(
                    Code::Manifest,
                    "`date` must be a plain date",
                    date,
                    "write the publication date as 2024-04-03",
                );
                None
            }
        }
    }

    /// The default formats, and whether parallel editions are among them.
    pub(super) fn formats(&mut self, names: Option<&[Spanned<String>]>) -> (Vec<Format>, bool) {
        let Some(names) = names else {
            return (vec![Format::Pdf, Format::Html], false);
        };
        let mut formats = Vec::new();
        let mut parallel = false;
        for name in names {
            match Format::parse(name.get_ref()) {
                Some(format) if !formats.contains(&format) => formats.push(format),
                Some(_) => {}
                None if name.get_ref() == "parallel" => parallel = true,
                None => self.error(
                    Code::Manifest,
                    format!("unknown format `{}`", name.get_ref()),
                    name,
                    "formats are \"pdf\", \"html\", \"print\" and \"parallel\"",
                ),
            }
        }
        (formats, parallel)
    }

    /// The parallel pairs: as given, else the source beside each
    /// translation.
    pub(super) fn parallel_pairs(
        &mut self,
        pairs: Option<&[Spanned<Vec<Spanned<String>>>]>,
        languages: &[Language],
    ) -> Vec<ParallelPair> {
        let Some(pairs) = pairs else {
            let Some((source, others)) = languages.split_first() else {
                return Vec::new();
            };
            return others
                .iter()
                .map(|other| ParallelPair {
                    left: source.clone(),
                    right: other.clone(),
                })
                .collect();
        };
        let mut checked = Vec::new();
        for pair in pairs {
            let found: Vec<Option<&Language>> = pair
                .get_ref()
                .iter()
                .map(|t| languages.iter().find(|l| l.tag == *t.get_ref()))
                .collect();
            match found.as_slice() {
                [Some(left), Some(right)] if left != right => checked.push(ParallelPair {
                    left: (*left).clone(),
                    right: (*right).clone(),
                }),
                _ => self.error(
                    Code::Manifest,
                    "a parallel pair must name two different languages of `languages`",
                    pair,
                    "write pairs as [\"es\", \"en\"], left column first",
                ),
            }
        }
        checked
    }

    /// How parallel PDFs are laid out.
    pub(super) fn layout(&mut self, layout: Option<&Spanned<String>>) -> Layout {
        let Some(layout) = layout else {
            return Layout::Columns;
        };
        match layout.get_ref().as_str() {
            "columns" => Layout::Columns,
            "facing" => Layout::Facing,
            other => {
                self.error(
                    Code::Manifest,
                    format!("unknown parallel layout `{other}`"),
                    layout,
                    "layouts are \"columns\" and \"facing\"",
                );
                Layout::Columns
            }
        }
    }

    /// The PDF standards: as given, else PDF/UA-1 and PDF/A-2a.
    pub(super) fn pdf_standards(&mut self, standards: Option<&[Spanned<String>]>) -> Vec<String> {
        let Some(standards) = standards else {
            return vec!["ua-1".to_owned(), "a-2a".to_owned()];
        };
        let mut checked = Vec::new();
        for standard in standards {
            if PDF_STANDARDS.contains(&standard.get_ref().as_str()) {
                checked.push(standard.get_ref().clone());
            } else {
                self.error(
                    Code::Manifest,
                    format!("unknown PDF standard `{}`", standard.get_ref()),
                    standard,
                    format!("Typst knows {}", PDF_STANDARDS.join(", ")),
                );
            }
        }
        checked
    }
}
