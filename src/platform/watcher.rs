//! Watching a project's sources for real edits.
//!
//! A file watcher also reports reads (inotify's open and close events),
//! attribute changes and `report`'s own writes; reacting to those makes a
//! watch loop that never rests (every render reads the sources, which
//! starts another render). Only edits count here: a file created, written,
//! renamed or removed, outside `build/`, and not an editor's backup.
//! Edits that come in a burst (an editor's save) are taken together.
//!
//! A single file is watched through its directory: editors save by writing
//! a new file and renaming it over the old one, and a watch on the old
//! file itself would see neither that nor any later edit.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::diagnostic::{Code, Problem, Result};

/// How long a burst of edits may stay quiet before it counts as done.
const SETTLE: Duration = Duration::from_millis(150);

/// What came of waiting for an edit.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Wait {
    /// These files were edited.
    Edited(Vec<PathBuf>),
    /// Nothing was edited in time.
    Quiet,
    /// The watcher stopped.
    Closed,
}

/// A watcher of a project's sources.
pub(crate) struct SourceWatcher {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    build_dir: PathBuf,
    /// Files watched through their directories: only their events count
    /// there (with every event under a watched directory).
    files: Vec<PathBuf>,
    /// Directories watched whole.
    dirs: Vec<PathBuf>,
}

impl SourceWatcher {
    /// Watches `paths` (directories recursively); edits under `build_dir`
    /// are `report`'s own and never count.
    pub(crate) fn new(paths: &[PathBuf], build_dir: &Path) -> Result<Self> {
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender)
            .map_err(|e| Problem::error(Code::Watch, format!("failed to watch files ({e})")))?;
        let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.iter().cloned().partition(|p| p.is_dir());
        let mut parents: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
        parents.sort();
        parents.dedup();
        let watched = (dirs.iter().map(|d| (d.as_path(), RecursiveMode::Recursive))).chain(
            parents
                .into_iter()
                .map(|p| (p, RecursiveMode::NonRecursive)),
        );
        for (path, mode) in watched {
            watcher.watch(path, mode).map_err(|e| {
                Problem::error(
                    Code::Watch,
                    format!("failed to watch `{}` ({e})", path.display()),
                )
                .with_hint("check that the path exists and is readable")
            })?;
        }
        Ok(Self {
            _watcher: watcher,
            events,
            build_dir: build_dir.to_owned(),
            files,
            dirs,
        })
    }

    /// Waits up to `timeout` for an edit, then for the rest of its burst.
    pub(crate) fn wait(&self, timeout: Duration) -> Wait {
        let mut edited = match self.next_edit(timeout) {
            Ok(paths) => paths,
            Err(RecvTimeoutError::Timeout) => return Wait::Quiet,
            Err(RecvTimeoutError::Disconnected) => return Wait::Closed,
        };
        loop {
            match self.next_edit(SETTLE) {
                Ok(paths) => edited.extend(paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Wait::Closed,
            }
        }
        edited.sort();
        edited.dedup();
        Wait::Edited(edited)
    }

    /// Whether `path` is a watched file or lies under a watched directory
    /// (a file's directory also reports its neighbours).
    fn is_watched(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f == path) || self.dirs.iter().any(|d| path.starts_with(d))
    }

    /// The paths of the next event that is an edit, within `timeout`.
    fn next_edit(&self, timeout: Duration) -> std::result::Result<Vec<PathBuf>, RecvTimeoutError> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left)? {
                Ok(event) if is_edit(&event.kind) => {
                    let paths: Vec<PathBuf> = event
                        .paths
                        .into_iter()
                        .filter(|p| !ignored(p, &self.build_dir) && self.is_watched(p))
                        .collect();
                    if !paths.is_empty() {
                        return Ok(paths);
                    }
                }
                // Reads, attribute changes, a watcher's own errors.
                Ok(_) | Err(_) => {}
            }
        }
    }
}

/// Whether an event changes what a render would read.
fn is_edit(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Paths whose changes are not edits of the report: `report`'s output,
/// version control, editors' backups.
fn ignored(path: &Path, build_dir: &Path) -> bool {
    path.starts_with(build_dir)
        || path.components().any(|c| c.as_os_str() == ".git")
        || path.file_name().is_some_and(|n| {
            let name = n.to_string_lossy();
            name.ends_with('~') || name.ends_with(".swp") || name == "4913"
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind};

    #[test]
    fn only_edits_count() {
        assert!(is_edit(&EventKind::Create(CreateKind::File)));
        assert!(is_edit(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(!is_edit(&EventKind::Access(AccessKind::Read)));
        assert!(!is_edit(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        let build = Path::new("/p/build");
        assert!(ignored(Path::new("/p/build/es/index.html"), build));
        assert!(ignored(Path::new("/p/locales/es/main.ftl~"), build));
        assert!(!ignored(Path::new("/p/locales/es/main.ftl"), build));
    }

    #[test]
    fn a_write_is_seen_and_a_read_is_not() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.ftl");
        std::fs::write(&file, "a = 1\n")?;
        let watcher = SourceWatcher::new(&[dir.path().to_owned()], &dir.path().join("build"))
            .map_err(|p| std::io::Error::other(p.to_string()))?;
        #[expect(
            clippy::disallowed_methods,
            reason = "a read must not count as an edit"
        )]
        std::fs::read(&file)?;
        assert_eq!(watcher.wait(Duration::from_millis(300)), Wait::Quiet);
        std::fs::write(&file, "a = 2\n")?;
        match watcher.wait(Duration::from_secs(5)) {
            Wait::Edited(paths) => assert!(paths.iter().any(|p| p.ends_with("a.ftl")), "{paths:?}"),
            other => panic!("no edit seen: {other:?}"),
        }
        Ok(())
    }
}
