//! The build lock: one `report` process at a time writes a project's
//! `build/`, so two renders (a terminal and `watch`, two CI jobs) never
//! write the same editions at once. Whoever takes it also removes the
//! temporary files a killed process left behind.

use std::fs;

use crate::diagnostic::{Code, Problem, Problems};
use crate::platform::files::OutputRoot;
use crate::project::BuildLayout;

/// An exclusive lock on a project's build directory, held while rendering.
/// It is released when dropped (or when the process ends, however it ends:
/// the operating system drops file locks with the process).
#[derive(Debug)]
pub(crate) struct BuildLock {
    _file: fs::File,
}

impl BuildLock {
    /// Takes the lock, calling `on_wait` first if another process holds it.
    pub(crate) fn acquire(
        layout: &BuildLayout,
        output: &OutputRoot,
        on_wait: impl FnOnce(),
    ) -> Result<Self, Problems> {
        let build = layout.build_dir();
        // Editions are written only into a real build/ inside the project:
        // a link could make them overwrite the project's own sources.
        if fs::symlink_metadata(&build).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Problem::error(
                Code::PathOutsideProject,
                format!(
                    "`{}` is a link; report writes editions only into a real directory",
                    build.display()
                ),
            )
            .with_hint("remove the link (report creates build/ itself)")
            .into());
        }
        output.real_dir(&layout.work_dir())?;
        let path = layout.build_lock();
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Problem::error(
                Code::PathOutsideProject,
                format!(
                    "`{}` is a link; report keeps its own files there",
                    path.display()
                ),
            )
            .with_hint("remove the link (report creates the file itself)")
            .into());
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Problem::io("open", &path, &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(|e| Problem::io("lock", &path, &e))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(Problem::io("lock", &path, &e).into()),
        }
        // Nobody else writes here now: temporary files are stale leftovers
        // of a process that was killed outright.
        crate::platform::files::remove_stale_temporaries(&build);
        Ok(Self { _file: file })
    }
}
