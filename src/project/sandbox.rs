//! The project sandbox: `report` reads only files whose real place (after
//! every symbolic link is resolved) is inside the project root.
//!
//! A link such as `locales/es/extra.ftl -> ~/.env` would otherwise be read
//! like any message file, and its text would be quoted in diagnostics and
//! copied into `build/`: a secret leak from a checkout someone else
//! prepared. [`ProjectFs`] is the one way to read a project's file: it
//! takes only a [`ProjectPath`] (which the project module alone makes),
//! resolves it, checks that its real place is inside the project and that
//! it is a regular file of a bounded size, and only then reads it, so a
//! refused file's contents are never read. The same rule checks the files
//! Typst reads ([`ProjectFs::inside`]), the places files are written to
//! ([`inside_project`]) and the links found by walking a directory
//! ([`ProjectFs::list`], [`links_out_of`]). Clippy's `disallowed-methods`
//! (clippy.toml) keeps `std::fs` reads out of the rest of the crate.

#![allow(
    clippy::disallowed_methods,
    reason = "the sandbox is the one way to read a project's files"
)]

use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use super::{Project, ProjectPath, decode_utf8};
use crate::diagnostic::{Code, Location, Problem, Result, Source};

/// The largest file `report` reads whole from a project (messages, data,
/// bibliography, glossary, lock files, templates, fonts, profiles): more is
/// refused rather than read into memory.
pub(crate) const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the files of one project, and only those (see the module).
#[derive(Debug, Clone)]
pub struct ProjectFs {
    /// The root as the project names it: paths are shown relative to it.
    root: PathBuf,
}

impl ProjectFs {
    /// The files of the project at `root`.
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
        }
    }

    /// The real path of `path` (relative to the root, or absolute) when it
    /// is inside the project; else the problem that refuses it, naming the
    /// path as given, never what a link points at.
    pub fn inside(&self, path: &ProjectPath) -> Result<PathBuf> {
        inside_project(&self.root, &self.root.join(path))
    }

    /// [`Self::inside`] for a file Typst names (see
    /// [`ProjectPath::named_by_typst`]); one that climbs out of the root is
    /// refused like a link out.
    pub fn inside_named_by_typst(&self, name: &str) -> Result<PathBuf> {
        match ProjectPath::named_by_typst(name, &self.root) {
            Some(path) => self.inside(&path),
            None => Err(outside(&self.root, Path::new(name)).into()),
        }
    }

    /// [`Self::read`] for a file Typst names; one that climbs out of the
    /// root is refused like a link out.
    pub fn read_named_by_typst(&self, name: &str) -> Result<Vec<u8>> {
        match ProjectPath::named_by_typst(name, &self.root) {
            Some(path) => self.read(&path),
            None => Err(outside(&self.root, Path::new(name)).into()),
        }
    }

    /// The entries of the directory `dir`, sorted by name, each with its
    /// own kind (a link is not followed: its reader checks where it leads).
    pub fn list(&self, dir: &ProjectPath) -> io::Result<Vec<(ProjectPath, fs::FileType)>> {
        let entries = fs::read_dir(self.root.join(dir))?;
        let mut entries = entries
            .map(|entry| entry.and_then(|e| Ok((dir.child(&e.file_name()), e.file_type()?))))
            .collect::<io::Result<Vec<_>>>()?;
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(entries)
    }

    /// Reads the file at `path` whole: refused unread when it leads out of
    /// the project, is not a regular file (a pipe or a device would block
    /// or never end), or is larger than [`MAX_INPUT_BYTES`].
    pub fn read(&self, path: &ProjectPath) -> Result<Vec<u8>> {
        let path = self.root.join(path);
        let shown = shown(&self.root, &path);
        let real = inside_project(&self.root, &path)?;
        let file = open_without_blocking(&real).map_err(|e| Problem::io("read", &shown, &e))?;
        let meta = file
            .metadata()
            .map_err(|e| Problem::io("read", &shown, &e))?;
        if !meta.is_file() {
            return Err(Problem::error(
                Code::Io,
                format!(
                    "`{}` is not a regular file; it is not read",
                    shown.display()
                ),
            )
            .with_hint("replace it with a regular file")
            .into());
        }
        if meta.len() > MAX_INPUT_BYTES {
            return Err(too_large(&shown).into());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Problem::io("read", &shown, &e))?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(too_large(&shown).into());
        }
        Ok(bytes)
    }

    /// [`Self::read`], or `None` when there is no file at `path` (an
    /// optional input such as the glossary or a lock file). A link to
    /// nowhere counts as no file.
    pub fn read_optional(&self, path: &ProjectPath) -> Result<Option<Vec<u8>>> {
        let full = self.root.join(path);
        match fs::metadata(&full) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            _ => self.read(path).map(Some),
        }
    }

    /// [`Self::read`] decoded as UTF-8 (a byte order mark dropped), with
    /// the problem located in the file when it is not.
    pub fn read_text(&self, path: &ProjectPath) -> Result<String> {
        let bytes = self.read(path)?;
        decode_utf8(&shown(&self.root, &self.root.join(path)), bytes)
    }
}

/// Opens `path` for reading without waiting: opening a named pipe would
/// otherwise block until something writes to it (it is then refused as not
/// a regular file).
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The refusal of a file too large to read.
fn too_large(shown: &Path) -> Problem {
    Problem::error(
        Code::Io,
        format!(
            "`{}` is larger than {} MiB; it is not read",
            shown.display(),
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    )
    .with_hint("split it into smaller files")
}

/// The real path of `path` if it lies inside `root`, or the problem that
/// refuses it: `path-outside-project` for a link that leads out (naming
/// the link, never what it points at), `io` when the path cannot be
/// resolved. `path` is absolute or relative to the working directory, as
/// for `fs::read`; it is shown relative to `root`.
pub(crate) fn inside_project(root: &Path, path: &Path) -> Result<PathBuf> {
    let real_root = root
        .canonicalize()
        .map_err(|e| Problem::io("resolve", root, &e))?;
    let real = path
        .canonicalize()
        .map_err(|e| Problem::io("resolve", &shown(root, path), &e))?;
    if real.starts_with(&real_root) {
        Ok(real)
    } else {
        Err(outside(root, path).into())
    }
}

/// Every file or link under the directory `dir` (relative to `root`) that
/// leads outside the project, as problems; nothing under `dir` is opened.
/// Links are not followed into directories, so a link that loops back
/// inside the project is harmless. Used for the fonts directory, whose files
/// Typst reads and embeds into the editions.
pub(crate) fn links_out_of(files: &ProjectFs, dir: &ProjectPath) -> Vec<Problem> {
    let root = &files.root;
    let mut problems = Vec::new();
    let mut pending = vec![dir.clone()];
    while let Some(dir) = pending.pop() {
        let entries = match files.list(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(Problem::io("read directory", &dir, &e));
                continue;
            }
        };
        for (path, kind) in entries {
            if kind.is_symlink() {
                if let Err(refused) = inside_project(root, &root.join(&path)) {
                    problems.extend(refused);
                }
            } else if kind.is_dir() {
                pending.push(path);
            }
        }
    }
    problems
}

/// The links out of the project under its fonts directory, if it has one:
/// Typst would read those files and embed them into the editions.
pub(crate) fn font_links_out(project: &Project) -> Vec<Problem> {
    project
        .manifest
        .fonts
        .as_ref()
        .map_or_else(Vec::new, |fonts| links_out_of(&project.files, fonts))
}

/// The refusal of a link that leads out of the project. It points at the
/// link's own path (there is no text of it to quote: the file is never
/// read).
fn outside(root: &Path, path: &Path) -> Problem {
    let shown = shown(root, path);
    let source = Source::new(&shown, String::new());
    Problem::error(
        Code::PathOutsideProject,
        format!(
            "`{}` links to a file outside the project; it is not read",
            shown.display()
        ),
    )
    .at_location(Some(Location::new(&source, 0..0)))
    .with_label("a link out of the project")
    .with_hint("copy the file into the project instead of linking to it")
}

/// `path` relative to `root` when it is under it, as problems show paths.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    /// A project directory and a directory outside it, each with a file.
    fn dirs() -> (tempfile::TempDir, tempfile::TempDir) {
        let project = tempfile::tempdir().expect("project dir");
        let outside = tempfile::tempdir().expect("outside dir");
        fs::write(outside.path().join("secret"), "AWS_SECRET_ACCESS_KEY=x").expect("write");
        fs::create_dir_all(project.path().join("locales/es")).expect("mkdir");
        fs::write(project.path().join("locales/es/main.ftl"), "a = b\n").expect("write");
        (project, outside)
    }

    #[test]
    fn links_inside_the_project_are_fine_and_links_out_are_refused() {
        let (project, outside) = dirs();
        let root = project.path();
        let inner = root.join("locales/es/inner.ftl");
        symlink(root.join("locales/es/main.ftl"), &inner).expect("symlink");
        assert!(inside_project(root, &inner).is_ok());
        let link = root.join("locales/es/extra.ftl");
        symlink(outside.path().join("secret"), &link).expect("symlink");
        let refused = inside_project(root, &link).expect_err("refused");
        let problem = refused.iter().next().expect("a problem");
        assert_eq!(problem.code, Code::PathOutsideProject);
        assert_eq!(
            problem.location.as_ref().map(Location::display),
            Some("locales/es/extra.ftl:1:1".into())
        );
        assert_eq!(
            problem.hint.as_deref(),
            Some("copy the file into the project instead of linking to it")
        );
        assert!(!format!("{problem:?}").contains("AWS_SECRET"));
    }

    #[test]
    fn pipes_and_directories_are_refused_without_blocking() {
        let (project, _outside) = dirs();
        let root = project.path();
        let status = std::process::Command::new("mkfifo")
            .arg(root.join("locales/es/pipe.ftl"))
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let files = ProjectFs::new(root);
        for path in ["locales/es/pipe.ftl", "locales/es"] {
            let refused = files
                .read(&ProjectPath::new(path))
                .expect_err("not a regular file");
            assert!(
                refused.to_string().contains("is not a regular file"),
                "{path}: {refused}"
            );
        }
        assert_eq!(
            files
                .read(&ProjectPath::new("locales/es/main.ftl"))
                .ok()
                .as_deref(),
            Some(&b"a = b\n"[..])
        );
    }

    #[test]
    fn a_walk_finds_links_out_at_any_depth_without_following_links() {
        let (project, outside) = dirs();
        let root = project.path();
        fs::create_dir_all(root.join("fonts/sub")).expect("mkdir");
        fs::write(root.join("fonts/ok.ttf"), "font").expect("write");
        symlink(
            outside.path().join("secret"),
            root.join("fonts/sub/bad.ttf"),
        )
        .expect("link");
        symlink(outside.path(), root.join("fonts/dir")).expect("link");
        symlink(root.join("fonts"), root.join("fonts/sub/loop")).expect("link");
        let problems = links_out_of(&ProjectFs::new(root), &ProjectPath::new("fonts"));
        let shown: Vec<String> = problems
            .iter()
            .filter_map(|p| p.location.as_ref().map(Location::display))
            .collect();
        assert_eq!(shown, ["fonts/dir:1:1", "fonts/sub/bad.ttf:1:1"]);
    }
}
