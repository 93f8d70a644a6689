//! [`Catalog::load`]: finding and reading a language's `.ftl` files.
//!
//! Reading is where a project's layout meets the catalog: files are taken in
//! a fixed order (sorted paths, depth first) so that "first definition
//! wins" means the same on every machine, every file that cannot be read is
//! reported while the rest still load, and a file that links out of the
//! project is refused unread (`ProjectFs::read`).

use std::sync::Arc;

use super::{Catalog, CatalogDraft};
use crate::diagnostic::{Code, Problem, Problems, Result, Source, Warned};
use crate::project::{BuildLayout, Language, Project, ProjectPath, normalize_newlines};

impl Catalog {
    /// Loads every `.ftl` file of `language`, keeping whatever could be read:
    /// entries with syntax errors are skipped and duplicates keep their first
    /// definition. Every problem found is in the catalog's `problems`,
    /// tagged with the language.
    pub fn load(project: &Project, language: &Language) -> Self {
        Self::from_draft(CatalogDraft::load(project, language))
    }

    /// [`Catalog::load`], failing when loading found an error (for what
    /// must not work from broken text, such as a lock file).
    pub fn load_clean(project: &Project, language: &Language) -> Result<Warned<Self>> {
        let mut catalog = Self::load(project, language);
        let problems = std::mem::take(&mut catalog.problems);
        Warned::checked(catalog, problems)
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
    let dir = BuildLayout::locale(&language.tag);
    let mut paths = Vec::new();
    if let Err(e) = collect_ftl_files(project, &dir, &mut paths, problems) {
        problems.push(Problem::io("read directory", &project.root.join(&dir), &e));
    }
    let mut sources = Vec::new();
    for path in paths {
        // A link out of the project is refused before it is opened, so its
        // text never reaches a diagnostic or a build file.
        match project.files.read_text(&path) {
            Ok(text) => sources.push(Source::new(path, normalize_newlines(text))),
            Err(p) => problems.extend(p),
        }
    }
    sources
}

/// The `.ftl` files under `dir`, sorted, depth first. A linked `.ftl` file
/// is listed (its read checks where it leads); a linked directory is not
/// followed, and one that leads out of the project is a problem (a
/// translation imported into it would be written outside).
fn collect_ftl_files(
    project: &Project,
    dir: &ProjectPath,
    out: &mut Vec<ProjectPath>,
    problems: &mut Problems,
) -> std::io::Result<()> {
    for (path, kind) in project.files.list(dir)? {
        let is_ftl = path.extension().is_some_and(|e| e == "ftl");
        if kind.is_dir() {
            collect_ftl_files(project, &path, out, problems)?;
        } else if is_ftl {
            out.push(path);
        } else if kind.is_symlink()
            && let Err(refused) = project.files.inside(&path)
        {
            problems.extend(refused);
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
        assert!(problems.is_empty());
        assert_eq!(catalog.format("b", None, None).text, "dos\ntres");
    }
}
