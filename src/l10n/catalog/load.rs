//! [`Catalog::load`]: finding and reading a language's `.ftl` files.
//!
//! Reading is where a project's layout meets the catalog: files are taken in
//! a fixed order (sorted paths, depth first) so that "first definition
//! wins" means the same on every machine, every file that cannot be read is
//! reported while the rest still load, and a file that links out of the
//! project is refused unread ([`inside_project`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Catalog, CatalogDraft};
use crate::diagnostic::{Code, Problem, Problems, Source, Warned};
use crate::project::sandbox::inside_project;
use crate::project::{Language, Project, decode_utf8, normalize_newlines};

impl Catalog {
    /// Loads every `.ftl` file of `language`, keeping whatever could be read:
    /// entries with syntax errors are skipped and duplicates keep their first
    /// definition. Every problem found comes back beside the catalog, tagged
    /// with the language.
    pub fn load(project: &Project, language: &Language) -> Warned<Self> {
        Self::from_draft(CatalogDraft::load(project, language))
    }
}

impl CatalogDraft {
    /// Reads and parses every `.ftl` file of `language`: the part of
    /// [`Catalog::load`] that may run on another thread. Every problem is
    /// tagged with the language.
    pub fn load(project: &Project, language: &Language) -> Self {
        let mut problems = Problems::default();
        let sources = read_sources(project, language, &mut problems);
        if sources.is_empty() && !problems.has_errors() {
            problems.push(
                Problem::error(
                    Code::NoMessages,
                    format!("no .ftl files in `locales/{language}/`"),
                )
                .with_hint(format!(
                    "add the {language} messages as locales/{language}/*.ftl"
                )),
            );
        }
        Self::new(language.clone(), sources).with_problems(problems)
    }
}

/// The language's files, each decoded and with LF line ends; a file that
/// cannot be read is reported and left out.
fn read_sources(
    project: &Project,
    language: &Language,
    problems: &mut Problems,
) -> Vec<Arc<Source>> {
    let dir = project.locale_dir(language);
    let mut paths = Vec::new();
    if let Err(e) = collect_ftl_files(&dir, &mut paths) {
        problems.push(Problem::io("read directory", &dir, &e));
    }
    let mut sources = Vec::new();
    for path in paths {
        let display = path.strip_prefix(&project.root).unwrap_or(&path).to_owned();
        // A link out of the project is refused before it is opened, so its
        // text never reaches a diagnostic or a build file.
        match inside_project(&project.root, &path)
            .and_then(|real| {
                fs::read(&real).map_err(|e| Problems::from(Problem::io("read", &path, &e)))
            })
            .and_then(|bytes| decode_utf8(&display, bytes))
        {
            Ok(text) => sources.push(Source::new(display, normalize_newlines(text))),
            Err(p) => problems.extend(p),
        }
    }
    sources
}

fn collect_ftl_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut children: Vec<_> = fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    children.sort_by_key(|e| e.file_name());
    for child in children {
        let path = child.path();
        if child.file_type()?.is_dir() {
            collect_ftl_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normalize_newlines;
    use crate::l10n::catalog::tests::catalog;

    #[test]
    fn crlf_files_work() {
        let text = normalize_newlines("a = uno\r\nb =\r\n    dos\r\n    tres\r\n".to_owned());
        let (catalog, problems) = catalog("es", &[("a.ftl", &text)]);
        assert!(problems.0.is_empty());
        assert_eq!(catalog.format("b", None, None).text, "dos\ntres");
    }
}
