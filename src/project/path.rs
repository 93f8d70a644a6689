//! [`ProjectPath`]: the name of a file inside the project, relative to its
//! root — the only kind of path [`ProjectFs`](super::ProjectFs) reads.
//!
//! Only the project module makes one: [`BuildLayout`](super::BuildLayout)
//! for the files `report` knows by name (manifest, glossary, lock files,
//! language directories), the manifest's checks for the files it names
//! (template, data, bibliography, stylesheet, fonts, print profile), and
//! the sandbox's directory listing. The three ways in from outside are
//! named for where the name came from — a path Typst reported
//! ([`ProjectPath::named_by_typst`]), a literal a template wrote
//! ([`ProjectPath::named_by_template`]) and a file a data file names (a
//! chart's CSV, [`ProjectPath::named_by_data`]) — and all are lexically
//! kept inside the root; the sandbox still checks where each really leads before it
//! reads. So every read of a project file can be found by its type.

use std::ffi::OsStr;
use std::fmt;
use std::ops::Deref;
use std::path::{Component, Path, PathBuf};

/// A file or directory inside the project, relative to its root, with no
/// `..` or root component (see the module).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProjectPath(PathBuf);

impl ProjectPath {
    /// `relative` without its `.` components; the project module has
    /// already checked it to be relative and free of `..`.
    pub(super) fn new(relative: impl Into<PathBuf>) -> Self {
        let relative = relative.into();
        match normalized(&relative) {
            Some(path) => Self(path),
            None => {
                debug_assert!(false, "{} leaves the project", relative.display());
                Self(relative)
            }
        }
    }

    /// A path Typst reported (a diagnostic's file, a file `--deps` lists):
    /// relative to the project root (`templates/a.typ`), from the root as
    /// `--root` makes it (`/templates/a.typ`), or absolute under `root`.
    /// `None` when it climbs out of the root (`..` past it) or names a
    /// package (`@preview/…`).
    pub(crate) fn named_by_typst(name: &str, root: &Path) -> Option<Self> {
        if name.starts_with('@') || name.is_empty() {
            return None;
        }
        let path = Path::new(name);
        let relative = path.strip_prefix(root).unwrap_or(path);
        let relative = relative.strip_prefix("/").unwrap_or(relative);
        normalized(relative).map(Self)
    }

    /// The file a template at `self` names with the string `literal`
    /// (`image("logo.svg")`, `include "/parts/a.typ"`): relative to the
    /// template's directory, or to the root when it starts with `/`. `None`
    /// for a package (`@preview/…`), an empty literal, or one that climbs
    /// out of the root.
    pub(crate) fn named_by_template(&self, literal: &str) -> Option<Self> {
        if literal.starts_with('@') {
            return None;
        }
        self.named_from_here(literal)
    }

    /// The file a data file at `self` names (a chart's `csv`): relative to
    /// the data file's directory, or to the root when it starts with `/`.
    /// `None` for an empty name or one that climbs out of the root.
    pub(crate) fn named_by_data(&self, literal: &str) -> Option<Self> {
        self.named_from_here(literal)
    }

    /// `literal` from this file's directory (from the root with a leading
    /// `/`), kept inside the root.
    fn named_from_here(&self, literal: &str) -> Option<Self> {
        if literal.is_empty() {
            return None;
        }
        let joined = match literal.strip_prefix('/') {
            Some(from_root) => PathBuf::from(from_root),
            None => self.0.parent().unwrap_or(Path::new("")).join(literal),
        };
        normalized(&joined).map(Self)
    }

    /// The file a [`Source`](crate::diagnostic::Source) was read from, to
    /// be read again or rewritten (`report check --fix`): sources of project
    /// files are named relative to the root, as the sandbox read them.
    /// `None` for a source that is not (absolute, or climbing out).
    pub(crate) fn of_source(source: &crate::diagnostic::Source) -> Option<Self> {
        normalized(&source.path).map(Self)
    }

    /// `relative` under this directory; `None` when it climbs out of it or
    /// is absolute (a name taken from a translator's file).
    pub(super) fn below(&self, relative: &Path) -> Option<Self> {
        let inner = normalized(relative)?;
        Some(Self(self.0.join(inner)))
    }

    /// `relative` as is, for unit tests elsewhere in the crate.
    #[cfg(test)]
    pub(crate) fn for_test(relative: &str) -> Self {
        Self::new(relative)
    }

    /// The entry `name` of this directory.
    pub(super) fn child(&self, name: &OsStr) -> Self {
        Self(self.0.join(name))
    }

    /// The path, relative to the project root.
    pub fn as_path(&self) -> &Path {
        &self.0
    }
}

/// `path` without `.` and with each `..` folded into its parent; `None`
/// when it is absolute or a `..` climbs past the start.
fn normalized(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => out.push(name),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

impl Deref for ProjectPath {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for ProjectPath {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl From<ProjectPath> for PathBuf {
    fn from(path: ProjectPath) -> Self {
        path.0
    }
}

impl From<&ProjectPath> for PathBuf {
    fn from(path: &ProjectPath) -> Self {
        path.0.clone()
    }
}

impl fmt::Display for ProjectPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_outside_stay_inside_the_root() {
        let template = ProjectPath::new("templates/report.typ");
        let named = |literal| template.named_by_template(literal).map(PathBuf::from);
        assert_eq!(named("logo.svg"), Some("templates/logo.svg".into()));
        assert_eq!(named("/data/a.json"), Some("data/a.json".into()));
        assert_eq!(named("../fonts/./a.ttf"), Some("fonts/a.ttf".into()));
        assert_eq!(named("../../etc/passwd"), None);
        assert_eq!(named("@preview/cetz:0.3.0"), None);
        assert_eq!(named(""), None);
        let typst = |name| ProjectPath::named_by_typst(name, Path::new("/p")).map(PathBuf::from);
        assert_eq!(typst("templates/a.typ"), Some("templates/a.typ".into()));
        assert_eq!(typst("/templates/a.typ"), Some("templates/a.typ".into()));
        assert_eq!(typst("/p/data/b.json"), Some("data/b.json".into()));
        assert_eq!(typst("/../x"), None);
        assert_eq!(typst("@preview/a"), None);
    }
}
