//! The working tree's messages as `report diff` reads them.
//!
//! They are loaded through [`Workspace::load`], like `report check` and
//! `report render` do, so a broken `.ftl` file is reported the same way in
//! every command, and in both kinds of diff (review, and `--base` against
//! the working tree). Only the languages being reviewed count: a problem in
//! another language, or in the data, is not a translation review's
//! business.

use crate::diagnostic::{Problems, Result};
use crate::project::{Language, Project};
use crate::workspace::Workspace;

/// Loads the working tree. Fails with every load problem of the source
/// language and `languages` when any of them is an error.
pub(crate) fn load(project: &Project, languages: &[Language]) -> Result<Workspace> {
    let workspace = Workspace::load(project.clone());
    let source = &project.manifest.source_language;
    let reviewed = |tag: &str| source.tag == tag || languages.iter().any(|l| l.tag == tag);
    let relevant: Problems = (workspace.problems.iter())
        .filter(|p| p.language.as_deref().is_some_and(reviewed))
        .cloned()
        .collect();
    if relevant.has_errors() {
        return Err(relevant);
    }
    Ok(workspace)
}
