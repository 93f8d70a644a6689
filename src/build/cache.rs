//! Incremental renders: knowing when an edition is already up to date.
//!
//! After an edition renders, its entry under `build/.report/cache/` records a
//! key (everything about the edition that is not a file: Typst's version,
//! the flags, the post-processing) and every file Typst read for it (from
//! `typst compile --deps`: the template and its imports, the resolved JSON
//! document, images, fonts), each with a fingerprint of its content. The
//! edition is up to date when its output exists, the key matches and every
//! file still has the same content. Content, not modification times, so a
//! checkout or a touch does not rebuild and an edit that is undone does not
//! either.
//!
//! The entry is removed before an edition renders and written only after
//! its output is in place, so a crash or a failed render can never leave an
//! edition that looks up to date.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Problem, Result};
use crate::platform::files::{Durability, OutputRoot, list_outputs, read_output};
use crate::project::Project;
use crate::project::sandbox::ProjectFs;

/// A content hash of bytes (BLAKE3, the first 128 bits as 32 hex digits):
/// what the cache compares inputs by.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes);
    hash.as_bytes()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    key: String,
    /// Files Typst read, with their content hashes.
    inputs: Vec<Fingerprint>,
}

/// A file Typst read, relative to the project root, and its content hash.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Fingerprint {
    path: String,
    hash: String,
}

#[derive(Deserialize)]
struct TypstDeps {
    inputs: Vec<String>,
}

/// The files Typst read, as its `--deps` JSON lists them.
pub(crate) fn read_deps(deps: &Path) -> Result<Vec<String>> {
    let text = read_output(deps).map_err(|e| Problem::io("read", deps, &e))?;
    let deps: TypstDeps = serde_json::from_slice(&text).map_err(|e| {
        Problem::error(
            Code::Cache,
            format!("failed to read Typst's dependency list ({e})"),
        )
    })?;
    Ok(deps.inputs)
}

/// Every file the last render of any edition read (relative to the root),
/// as the cache recorded them: what `check` verifies before Typst runs
/// again.
pub(crate) fn recorded_inputs(project: &Project) -> Vec<String> {
    let Ok(entries) = list_outputs(&project.layout.cache_dir()) else {
        return Vec::new();
    };
    let mut inputs: Vec<String> = entries
        .into_iter()
        .filter(|path| path.extension().is_some_and(|x| x == "json"))
        .filter_map(|path| read_output(&path).ok())
        .filter_map(|text| serde_json::from_slice::<Entry>(&text).ok())
        .flat_map(|entry| entry.inputs.into_iter().map(|f| f.path))
        .collect();
    inputs.sort();
    inputs.dedup();
    inputs
}

/// One edition's cache entry.
#[derive(Debug, Clone)]
pub(crate) struct EditionCache {
    files: ProjectFs,
    output: OutputRoot,
    entry: PathBuf,
}

impl EditionCache {
    /// The entry of the edition `name` (e.g. `es-pdf`) of `project`.
    pub(crate) fn new(project: &Project, name: &str) -> Self {
        Self {
            files: project.files.clone(),
            output: project.output.clone(),
            entry: project.layout.cache_dir().join(format!("{name}.json")),
        }
    }

    /// Whether `output` exists and was rendered with `key` from inputs that
    /// have not changed since (each read through the sandbox: a file that
    /// now links out of the project is a change).
    pub(crate) fn is_fresh(&self, output: &Path, key: &str) -> bool {
        if !output.is_file() {
            return false;
        }
        let Some(entry) = self.entry() else {
            return false;
        };
        entry.key == key
            && entry.inputs.iter().all(|input| {
                self.files
                    .read_named_by_typst(&input.path)
                    .is_ok_and(|bytes| content_hash(&bytes) == input.hash)
            })
    }

    /// The entry as last written, if it can be read.
    fn entry(&self) -> Option<Entry> {
        let text = read_output(&self.entry).ok()?;
        serde_json::from_slice::<Entry>(&text).ok()
    }

    /// Removes the entry: called before rendering, so that a crash midway
    /// leaves the edition to be rebuilt.
    pub(crate) fn forget(&self) -> Result<()> {
        // A removal is a write: only in a real directory of the project.
        if let Some(dir) = self.entry.parent() {
            self.output.real_dir(dir)?;
        }
        match fs::remove_file(&self.entry) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Problem::io("remove", &self.entry, &e).into()),
        }
    }

    /// The files the last successful render read (relative to the root),
    /// or nothing when there is no record.
    pub(crate) fn inputs(&self) -> Vec<String> {
        self.entry()
            .map(|entry| entry.inputs.into_iter().map(|f| f.path).collect())
            .unwrap_or_default()
    }

    /// Records a successful render: `deps` is the file `typst compile
    /// --deps` wrote.
    pub(crate) fn record(&self, key: &str, deps: &Path) -> Result<()> {
        let mut inputs = Vec::new();
        for input in read_deps(deps)? {
            let bytes = self.files.read_named_by_typst(&input)?;
            inputs.push(Fingerprint {
                hash: content_hash(&bytes),
                path: input,
            });
        }
        inputs.sort();
        let entry = Entry {
            key: key.to_owned(),
            inputs,
        };
        let text = serde_json::to_vec_pretty(&entry).unwrap_or_default();
        self.output.write(&self.entry, &text, Durability::Rename)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_until_an_input_or_the_key_changes() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::write(root.join("a.typ"), "= A")?;
        fs::write(root.join("out.pdf"), "pdf")?;
        fs::write(
            root.join("deps.json"),
            r#"{"inputs":["a.typ"],"outputs":["out.pdf"]}"#,
        )?;
        let cache = EditionCache {
            files: ProjectFs::new(root),
            output: OutputRoot::new(root).map_err(|p| std::io::Error::other(p.to_string()))?,
            entry: root.join("cache/es-pdf.json"),
        };
        let output = root.join("out.pdf");
        assert!(!cache.is_fresh(&output, "k"), "nothing recorded yet");
        cache
            .record("k", &root.join("deps.json"))
            .map_err(|p| std::io::Error::other(p.to_string()))?;
        assert!(cache.is_fresh(&output, "k"));
        assert!(!cache.is_fresh(&output, "other key"));
        fs::write(root.join("a.typ"), "= B")?;
        assert!(!cache.is_fresh(&output, "k"), "an input changed");
        fs::write(root.join("a.typ"), "= A")?;
        assert!(cache.is_fresh(&output, "k"), "the edit was undone");
        cache
            .forget()
            .map_err(|p| std::io::Error::other(p.to_string()))?;
        assert!(!cache.is_fresh(&output, "k"));
        Ok(())
    }
}
