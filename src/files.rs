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
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Problem::io("create", dir, &e))?;
    let mut file = temporary_output()
        .prefix(".report-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Problem::io("create a temporary file in", dir, &e))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_data())
        .map_err(|e| Problem::io("write", file.path(), &e))?;
    file.persist(path)
        .map_err(|e| Problem::io("replace", path, &e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
