//! Every path `report` reads or writes inside a project, in one place.
//!
//! Sources live under `locales/` (one directory and one lock file per
//! language); everything `report` writes goes under `build/`: the editions,
//! and its own working files under `build/.report/` (resolved documents,
//! the build lock, the incremental cache). Nothing else in the crate spells
//! these names, so the layout can be read (and changed) here alone.

use std::path::{Path, PathBuf};

use super::{DocumentKind, Format, Language, MANIFEST_FILE, ProjectPath};

/// The directory of every language's messages.
pub(crate) const LOCALES_DIR: &str = "locales";
/// The output directory.
pub(crate) const BUILD_DIR: &str = "build";
/// `report`'s own working files, under the build directory.
const WORK_DIR: &str = ".report";

/// The paths of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildLayout {
    root: PathBuf,
    name: String,
}

impl BuildLayout {
    /// The layout of the project at `root` whose output files are named
    /// after `name` (the manifest's slug).
    pub fn new(root: impl Into<PathBuf>, name: impl Into<String>) -> Self {
        Self {
            root: root.into(),
            name: name.into(),
        }
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `build/`: where editions are written.
    pub fn build_dir(&self) -> PathBuf {
        self.root.join(BUILD_DIR)
    }

    /// `build/.report/`: resolved documents, lock, cache.
    pub fn work_dir(&self) -> PathBuf {
        self.build_dir().join(WORK_DIR)
    }

    /// The file locked while a process writes into `build/`.
    pub fn build_lock(&self) -> PathBuf {
        self.work_dir().join("lock")
    }

    /// Where `report l10n export` writes a language's exchange file unless
    /// told otherwise: `build/l10n/<source>-<target>.<extension>`.
    pub fn exchange_file(&self, source: &Language, target: &Language, extension: &str) -> PathBuf {
        self.build_dir()
            .join("l10n")
            .join(format!("{}-{}.{extension}", source.tag, target.tag))
    }

    /// Where each edition's cache record is kept.
    pub fn cache_dir(&self) -> PathBuf {
        self.work_dir().join("cache")
    }

    /// `build/.report/report-<version>.typ`: report's template library, as
    /// templates import it (see `build::library`).
    pub fn library(&self, version: &str) -> PathBuf {
        self.work_dir().join(library_name(version))
    }

    /// The library's import path, from the project root as Typst reads it.
    pub fn library_for_typst(version: &str) -> String {
        format!("/{BUILD_DIR}/{WORK_DIR}/{}", library_name(version))
    }

    /// The JSON document a language's templates read.
    pub fn document(&self, language: &Language, kind: DocumentKind) -> PathBuf {
        self.work_dir().join(document_name(language, kind))
    }

    /// The same document as Typst sees it: a path from the project root,
    /// which `--root` makes `/`.
    pub fn document_for_typst(&self, language: &Language, kind: DocumentKind) -> String {
        format!("/{BUILD_DIR}/{WORK_DIR}/{}", document_name(language, kind))
    }

    /// Where an edition is written, relative to `build/` (`/`-separated, so
    /// it is also the edition's URL path): `es/<name>.pdf`, `es/index.html`,
    /// `parallel/<name>.es-en.pdf`; print editions, single or parallel, go
    /// to `print/<name>.es.pdf`, `print/<name>.es-en.pdf`.
    pub fn edition(
        &self,
        language: &Language,
        partner: Option<&Language>,
        format: Format,
    ) -> String {
        let languages = match partner {
            Some(partner) => format!("{language}-{partner}"),
            None => language.tag.clone(),
        };
        match (partner, format) {
            (_, Format::Print) => format!("print/{}.{languages}.pdf", self.name),
            (Some(_), _) => format!("parallel/{}.{languages}.{}", self.name, format.extension()),
            (None, Format::Pdf) => format!("{language}/{}.pdf", self.name),
            (None, Format::Html) => format!("{language}/index.html"),
        }
    }

    /// `build/fonts/`: the fonts the web pages use.
    pub fn fonts_dir(&self) -> PathBuf {
        self.build_dir().join("fonts")
    }

    /// `build/print/`: the print editions, which `report preflight` checks.
    pub fn print_dir(&self) -> PathBuf {
        self.build_dir().join("print")
    }

    /// `locales/`.
    pub fn locales_dir(&self) -> PathBuf {
        self.root.join(LOCALES_DIR)
    }

    /// `locales/<lang>/`, relative to the root (as files are shown to users).
    pub fn locale_relative(tag: &str) -> PathBuf {
        Path::new(LOCALES_DIR).join(tag)
    }

    /// `locales/<lang>/`, to read one language's `.ftl` files from.
    pub(crate) fn locale(tag: &str) -> ProjectPath {
        ProjectPath::new(Self::locale_relative(tag))
    }

    /// `locales/<lang>/<relative>`: a message file named by a translator's
    /// file or a language's listing; `None` when `relative` climbs out of
    /// the language's directory.
    pub(crate) fn message_file(tag: &str, relative: &Path) -> Option<ProjectPath> {
        Self::locale(tag).below(relative)
    }

    /// `report.toml`.
    pub(crate) fn manifest() -> ProjectPath {
        ProjectPath::new(MANIFEST_FILE)
    }

    /// `locales/<lang>/`: one language's `.ftl` files.
    pub fn locale_dir(&self, tag: &str) -> PathBuf {
        self.root.join(Self::locale_relative(tag))
    }

    /// `locales/glossary.toml`, relative to the root: the terms each
    /// language must write one way.
    pub fn glossary() -> ProjectPath {
        ProjectPath::new(Path::new(LOCALES_DIR).join("glossary.toml"))
    }

    /// `locales/<lang>.lock`, relative to the root: what each translation
    /// was made from.
    pub fn translation_lock(language: &Language) -> ProjectPath {
        ProjectPath::new(Path::new(LOCALES_DIR).join(format!("{}.lock", language.tag)))
    }
}

fn library_name(version: &str) -> String {
    format!("report-{version}.typ")
}

fn document_name(language: &Language, kind: DocumentKind) -> String {
    match kind {
        DocumentKind::Single => format!("{}.json", language.tag),
        DocumentKind::Parallel => format!("{}.parallel.json", language.tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).expect("valid tag")
    }

    #[test]
    fn editions_and_documents_have_fixed_places() {
        let layout = BuildLayout::new("/p", "r");
        let (es, en) = (lang("es"), lang("en"));
        assert_eq!(layout.edition(&es, None, Format::Pdf), "es/r.pdf");
        assert_eq!(layout.edition(&es, None, Format::Html), "es/index.html");
        assert_eq!(layout.edition(&es, None, Format::Print), "print/r.es.pdf");
        assert_eq!(
            layout.edition(&es, Some(&en), Format::Print),
            "print/r.es-en.pdf"
        );
        assert_eq!(
            layout.edition(&es, Some(&en), Format::Html),
            "parallel/r.es-en.html"
        );
        assert_eq!(
            layout.document(&es, DocumentKind::Parallel),
            Path::new("/p/build/.report/es.parallel.json")
        );
        assert_eq!(
            layout.document_for_typst(&en, DocumentKind::Single),
            "/build/.report/en.json"
        );
        assert_eq!(
            BuildLayout::translation_lock(&en).as_path(),
            Path::new("locales/en.lock")
        );
    }
}
