//! Writing files the safe way, and only where `report` may write.
//!
//! Every output goes to a temporary file beside its final path and is
//! renamed into place, so readers (and a later run) see the old file or the
//! new one, never half of one. A file that is replaced keeps its mode, and
//! a read-only file is refused rather than replaced.
//!
//! Inside a project, writes go through [`OutputRoot`]: every directory
//! between the project root and the file must be a real directory (not a
//! link, which could lead out of the project or onto its sources), checked
//! at its real path as it is created or entered. Files only the user has
//! (translations, lock files) are written as one [`Transaction`]: all of
//! them, or none when `report` was interrupted before the first rename.
//!
//! This is also the one module besides the project sandbox that reads with
//! `std::fs` (clippy.toml forbids it elsewhere): files `report` wrote
//! itself ([`read_output`], [`list_outputs`]) and files the user named on
//! the command line ([`read_named`]). A project's sources are read through
//! [`ProjectFs`](crate::project::sandbox::ProjectFs) only.

#![allow(
    clippy::disallowed_methods,
    reason = "the one module that reads report's outputs and user-named files"
)]

use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Problem, Problems, Result};

/// A builder for temporary files that become published files: they get the
/// permissions a plain create would give (0666 less the umask, usually
/// 0644), not tempfile's owner-only 0600, so that a web server or a
/// colleague can read the editions once they are renamed into place.
pub(crate) fn temporary_output() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Reads a file `report` wrote (an edition, a cache entry, Typst's output
/// in a scratch file): not a project source, so not sandboxed.
pub(crate) fn read_output(path: &Path) -> io::Result<Vec<u8>> {
    fs::read(path)
}

/// The entries of a directory `report` writes into, sorted by path (none
/// when it does not exist yet).
pub(crate) fn list_outputs(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut paths = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

/// Reads a file the user named on the command line (a translator's
/// exchange file): it may be anywhere, as the user chose it.
pub(crate) fn read_named(path: &Path) -> io::Result<Vec<u8>> {
    fs::read(path)
}

/// How far a write goes before it counts as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Written and renamed into place: for what `report` can make again
    /// (editions, resolved documents, cache entries). No flush to the disk,
    /// which costs more than the write (as Typst's own PDFs).
    Rename,
    /// Also flushed to the disk before the rename, so a crash leaves the old
    /// file or the whole new one: for files only the user has.
    Flush,
}

/// The project directory that writes are confined to.
#[derive(Debug, Clone)]
pub struct OutputRoot {
    /// The root as the project names it (how paths are shown).
    root: PathBuf,
    /// Its real path: where every directory is checked.
    real: PathBuf,
}

impl OutputRoot {
    /// The project at `root`.
    pub fn new(root: &Path) -> Result<Self> {
        let real = root
            .canonicalize()
            .map_err(|e| Problem::io("resolve", root, &e))?;
        Ok(Self {
            root: root.to_owned(),
            real,
        })
    }

    /// Makes `dir` (absolute under the root, or relative to it) a real
    /// directory of the project: each missing directory is created, and
    /// each one on the way is checked to be a directory, not a link.
    /// Returns its real path.
    pub fn real_dir(&self, dir: &Path) -> Result<PathBuf> {
        let relative = self.relative(dir)?;
        let mut real = self.real.clone();
        let mut shown = PathBuf::new();
        for component in relative.components() {
            let Component::Normal(name) = component else {
                continue;
            };
            real.push(name);
            shown.push(name);
            match fs::symlink_metadata(&real) {
                Ok(meta) if meta.file_type().is_symlink() => return Err(linked_dir(&shown).into()),
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => return Err(not_a_dir(&shown).into()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&real) {
                    Ok(()) => {}
                    // Created meanwhile by another thread: check it again.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        if !fs::symlink_metadata(&real).is_ok_and(|m| m.is_dir()) {
                            return Err(linked_dir(&shown).into());
                        }
                    }
                    Err(e) => return Err(Problem::io("create", &shown, &e).into()),
                },
                Err(e) => return Err(Problem::io("read", &shown, &e).into()),
            }
        }
        Ok(real)
    }

    /// Writes `bytes` to `path` through a temporary file and a rename.
    pub fn write(&self, path: &Path, bytes: &[u8], durability: Durability) -> Result<()> {
        let mut transaction = Transaction::new(self, durability);
        transaction.stage(path, bytes)?;
        transaction.commit_regardless()
    }

    /// [`Self::write`], unless `path` already holds exactly `bytes`: a
    /// file `report` makes again on every run (a resolved document, the
    /// template library, the web fonts) keeps its time when unchanged, so
    /// Typst's watch and the cache see no change.
    pub fn write_if_changed(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        if read_output(path).ok().as_deref() == Some(bytes) {
            return Ok(());
        }
        self.write(path, bytes, Durability::Rename)
    }

    /// Moves a finished temporary file (written by another program, such
    /// as Typst) onto `path`, which must be in a real directory of the
    /// project; the old file's mode is kept.
    pub fn publish(&self, temporary: &Path, path: &Path) -> Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        self.real_dir(dir)?;
        if let Some(mode) = replaced_mode(path, path)? {
            fs::set_permissions(temporary, mode).map_err(|e| Problem::io("write", path, &e))?;
        }
        fs::rename(temporary, path).map_err(|e| Problem::io("replace", path, &e).into())
    }

    /// `path` relative to the root, refusing a path that leaves it.
    fn relative(&self, path: &Path) -> Result<PathBuf> {
        let relative = if path.is_relative() {
            path
        } else if let Ok(inside) = path.strip_prefix(&self.root) {
            inside
        } else if let Ok(inside) = path.strip_prefix(&self.real) {
            inside
        } else {
            return Err(outside(path).into());
        };
        if relative
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::RootDir))
        {
            return Err(outside(path).into());
        }
        Ok(relative.to_owned())
    }
}

/// Files written together: each is staged to a temporary file beside its
/// target, and [`Transaction::commit`] renames them all into place — or,
/// when `report` was interrupted, none of them (the temporary files are
/// removed), so an interrupted command never leaves half its work.
pub struct Transaction<'a> {
    root: &'a OutputRoot,
    durability: Durability,
    staged: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl<'a> Transaction<'a> {
    /// An empty transaction under `root`.
    pub fn new(root: &'a OutputRoot, durability: Durability) -> Self {
        Self {
            root,
            durability,
            staged: Vec::new(),
        }
    }

    /// Writes `bytes` to a temporary file beside `path` (creating the
    /// directories up to it); `path` is replaced only at commit. A
    /// read-only `path` is refused now.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let parent = path.parent().unwrap_or(Path::new("."));
        let dir = self.root.real_dir(parent)?;
        let target = dir.join(path.file_name().unwrap_or(path.as_os_str()));
        let shown = self.root.relative(path)?;
        let mode = replaced_mode(&target, &shown)?;
        let mut file = temporary_output()
            .prefix(".report-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Problem::io("create a temporary file in", &dir, &e))?;
        let written = file.write_all(bytes).and_then(|()| {
            if let Some(mode) = mode {
                file.as_file().set_permissions(mode)?;
            }
            match self.durability {
                Durability::Flush => file.as_file().sync_data(),
                Durability::Rename => Ok(()),
            }
        });
        written.map_err(|e| Problem::io("write", &shown, &e))?;
        self.staged.push((file, target));
        Ok(())
    }

    /// Renames every staged file into place, unless `report` was
    /// interrupted: then nothing is written and the error says so.
    pub fn commit(self) -> Result<()> {
        if crate::platform::interrupt::interrupted() {
            return Err(
                Problem::error(Code::Interrupted, "interrupted: nothing was written")
                    .with_hint("run the command again to finish it")
                    .into(),
            );
        }
        self.commit_regardless()
    }

    /// Renames every staged file into place, interrupted or not (for what
    /// `report` can make again, which an interrupt stops elsewhere).
    fn commit_regardless(self) -> Result<()> {
        let mut problems = Problems::default();
        for (file, target) in self.staged {
            if let Err(e) = file.persist(&target) {
                problems.push(Problem::io("replace", &target, &e.error));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// The permissions the file at `real` had, to give to its replacement;
/// `None` when there is no file yet. A read-only file is refused (shown as
/// `shown`): its owner made it so on purpose.
fn replaced_mode(real: &Path, shown: &Path) -> Result<Option<fs::Permissions>> {
    match fs::metadata(real) {
        Ok(meta) if meta.permissions().readonly() => Err(Problem::error(
            Code::Io,
            format!("`{}` is read-only; it was not replaced", shown.display()),
        )
        .with_hint(format!(
            "make it writable (`chmod u+w {}`) if report should change it",
            shown.display()
        ))
        .into()),
        Ok(meta) => Ok(Some(meta.permissions())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Problem::io("read", shown, &e).into()),
    }
}

/// The refusal of a directory on the way that is a link.
fn linked_dir(shown: &Path) -> Problem {
    Problem::error(
        Code::PathOutsideProject,
        format!(
            "`{}` is a link; report writes only into real directories of the project",
            shown.display()
        ),
    )
    .with_hint("replace the link with a real directory (report creates missing directories itself)")
}

/// The refusal of a file where a directory should be.
fn not_a_dir(shown: &Path) -> Problem {
    Problem::error(
        Code::Io,
        format!("`{}` is not a directory", shown.display()),
    )
    .with_hint("move the file away; report needs a directory there")
}

/// The refusal of a path that is not inside the project.
fn outside(path: &Path) -> Problem {
    Problem::error(
        Code::PathOutsideProject,
        format!(
            "`{}` is outside the project; it was not written",
            path.display()
        ),
    )
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, for paths outside any project (the per-user cache, a file
/// the user named on the command line). Inside a project, use
/// [`OutputRoot::write`].
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Problem::io("create", dir, &e))?;
    let mode = replaced_mode(path, path)?;
    let mut file = temporary_output()
        .prefix(".report-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Problem::io("create a temporary file in", dir, &e))?;
    file.write_all(bytes)
        .and_then(|()| mode.map_or(Ok(()), |mode| file.as_file().set_permissions(mode)))
        .map_err(|e| Problem::io("write", path, &e))?;
    file.persist(path)
        .map_err(|e| Problem::io("replace", path, &e.error))?;
    Ok(())
}

/// Whether a file name is one of `report`'s temporary files: the
/// `.<name>.XXXX.<ext>.tmp` and `.report-XXXX.tmp` files that become
/// published files, and Typst's dependency lists (`.report-deps-*`).
pub(crate) fn is_temporary_name(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(".tmp") || name.starts_with(".report-deps-"))
}

/// Removes the temporary files that a process killed outright (`kill -9`,
/// a power cut) left under `dir`; returns how many. Only call it while
/// holding the lock that keeps other `report` processes from writing
/// there, so that every temporary file found is a stale one. Links are not
/// followed.
pub(crate) fn remove_stale_temporaries(dir: &Path) -> usize {
    let mut removed = 0;
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file()
                && is_temporary_name(&name.to_string_lossy())
                && fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::{PermissionsExt as _, symlink};

    use super::*;

    fn io_error(problems: Problems) -> io::Error {
        io::Error::other(problems.to_string())
    }

    #[test]
    fn stale_temporaries_are_ours_by_name() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let es = dir.path().join("es");
        fs::create_dir_all(&es)?;
        for name in [".r.abc123.pdf.tmp", ".report-x1.tmp", ".report-deps-9.json"] {
            fs::write(es.join(name), "stale")?;
        }
        for name in ["r.pdf", "notes.tmp", ".hidden"] {
            fs::write(es.join(name), "keep")?;
        }
        assert_eq!(remove_stale_temporaries(dir.path()), 3);
        let mut left: Vec<String> = fs::read_dir(&es)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<io::Result<_>>()?;
        left.sort();
        assert_eq!(left, [".hidden", "notes.tmp", "r.pdf"]);
        Ok(())
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_keeps_their_mode() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = OutputRoot::new(dir.path()).map_err(io_error)?;
        let path = dir.path().join("out/a.pdf");
        root.write(&path, b"one", Durability::Rename)
            .map_err(io_error)?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
        root.write(&path, b"two", Durability::Flush)
            .map_err(io_error)?;
        assert_eq!(fs::read(&path)?, b"two");
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
        assert_eq!(
            fs::read_dir(dir.path().join("out"))?.count(),
            1,
            "no temporary files left"
        );
        Ok(())
    }

    #[test]
    fn a_read_only_file_is_refused_and_left_alone() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = OutputRoot::new(dir.path()).map_err(io_error)?;
        let path = dir.path().join("main.ftl");
        fs::write(&path, "a = 1\n")?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444))?;
        let refused = root
            .write(Path::new("main.ftl"), b"a = 2\n", Durability::Flush)
            .expect_err("read-only");
        assert!(
            refused.to_string().contains("`main.ftl` is read-only"),
            "{refused}"
        );
        assert_eq!(fs::read(&path)?, b"a = 1\n");
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o444);
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            1,
            "no temporary files left"
        );
        Ok(())
    }

    #[test]
    fn links_and_files_on_the_way_are_refused_and_nothing_is_written_through_them() -> io::Result<()>
    {
        let project = tempfile::tempdir()?;
        let outside = tempfile::tempdir()?;
        let root = OutputRoot::new(project.path()).map_err(io_error)?;
        fs::create_dir_all(project.path().join("build"))?;
        symlink(outside.path(), project.path().join("build/en"))?;
        let refused = root
            .write(
                &project.path().join("build/en/x.pdf"),
                b"x",
                Durability::Rename,
            )
            .expect_err("linked directory");
        assert_eq!(refused[0].code, Code::PathOutsideProject);
        assert!(
            refused.to_string().contains("`build/en` is a link"),
            "{refused}"
        );
        fs::write(project.path().join("build/file"), "")?;
        let refused = root
            .real_dir(Path::new("build/file/sub"))
            .expect_err("a file on the way");
        assert!(
            refused.to_string().contains("is not a directory"),
            "{refused}"
        );
        assert!(root.real_dir(Path::new("../elsewhere")).is_err());
        assert!(root.real_dir(outside.path()).is_err());
        assert_eq!(fs::read_dir(outside.path())?.count(), 0, "written outside");
        Ok(())
    }

    #[test]
    fn a_transaction_renames_every_file_at_commit_only() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = OutputRoot::new(dir.path()).map_err(io_error)?;
        let mut transaction = Transaction::new(&root, Durability::Flush);
        transaction
            .stage(Path::new("a/one"), b"1")
            .map_err(io_error)?;
        transaction
            .stage(Path::new("b/two"), b"2")
            .map_err(io_error)?;
        assert!(!dir.path().join("a/one").exists(), "written before commit");
        drop(transaction);
        assert_eq!(
            fs::read_dir(dir.path().join("a"))?.count(),
            0,
            "left a temporary"
        );
        let mut transaction = Transaction::new(&root, Durability::Flush);
        transaction
            .stage(Path::new("a/one"), b"1")
            .map_err(io_error)?;
        transaction
            .stage(Path::new("b/two"), b"2")
            .map_err(io_error)?;
        transaction.commit_regardless().map_err(io_error)?;
        assert_eq!(fs::read(dir.path().join("b/two"))?, b"2");
        Ok(())
    }
}
