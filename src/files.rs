//! Writing files the safe way: every output goes to a temporary file beside
//! its final path and is renamed into place, so readers (and a later run)
//! see the old file or the new one, never half of one.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::diagnostic::{Problem, Result};

/// A builder for temporary files that become published files: they get the
/// permissions a plain create would give (0666 less the umask, usually
/// 0644), not tempfile's owner-only 0600, so that a web server or a
/// colleague can read the editions once they are renamed into place.
pub fn temporary_output() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so readers see the old file or the new one, never half.
///
/// For what `report` can make again (editions, resolved documents, cache
/// entries): no flush to the disk, which costs more than the write (as
/// Typst's own PDFs). See [`write_durably`] for the user's own files.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_through_temporary(path, bytes, Durability::Rename)
}

/// [`write_atomically`], flushing the data to the disk before the rename,
/// so a crash leaves the old file or the whole new one: for files only the
/// user has (translation lock files).
pub fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    write_through_temporary(path, bytes, Durability::Flush)
}

/// How far a write goes before it counts as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Durability {
    /// Written and renamed into place.
    Rename,
    /// Also flushed to the disk before the rename.
    Flush,
}

fn write_through_temporary(path: &Path, bytes: &[u8], durability: Durability) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Problem::io("create", dir, &e))?;
    let mut file = temporary_output()
        .prefix(".report-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Problem::io("create a temporary file in", dir, &e))?;
    file.write_all(bytes)
        .and_then(|()| match durability {
            Durability::Flush => file.as_file().sync_data(),
            Durability::Rename => Ok(()),
        })
        .map_err(|e| Problem::io("write", file.path(), &e))?;
    file.persist(path)
        .map_err(|e| Problem::io("replace", path, &e.error))?;
    Ok(())
}

/// Whether a file name is one of `report`'s temporary files: the
/// `.<name>.XXXX.<ext>.tmp` and `.report-XXXX.tmp` files that become
/// published files, and Typst's dependency lists (`.report-deps-*`).
pub fn is_temporary_name(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(".tmp") || name.starts_with(".report-deps-"))
}

/// Removes the temporary files that a process killed outright (`kill -9`,
/// a power cut) left under `dir`; returns how many. Only call it while
/// holding the lock that keeps other `report` processes from writing
/// there, so that every temporary file found is a stale one. Links are not
/// followed.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
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
    use super::*;

    #[test]
    fn stale_temporaries_are_ours_by_name() -> std::io::Result<()> {
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
            .collect::<std::io::Result<_>>()?;
        left.sort();
        assert_eq!(left, [".hidden", "notes.tmp", "r.pdf"]);
        Ok(())
    }

    #[test]
    fn atomic_write_replaces_whole_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("out/a.pdf");
        write_atomically(&path, b"one").map_err(|p| std::io::Error::other(p.to_string()))?;
        write_atomically(&path, b"two").map_err(|p| std::io::Error::other(p.to_string()))?;
        assert_eq!(fs::read(&path)?, b"two");
        assert_eq!(
            fs::read_dir(dir.path().join("out"))?.count(),
            1,
            "no temporary files left"
        );
        Ok(())
    }
}
