//! `report l10n add LANG`: a translation language in one step. The files
//! it needs — the language in `report.toml` (the file's comments and
//! layout kept), `locales/<lang>/` with one file per source file shaped as
//! it (its resource and group comments, no messages yet: they are the
//! translators'), and an empty lock file — are planned here and written
//! together by the command.

use std::path::PathBuf;

use crate::diagnostic::{Code, Problem, Result, Source};
use crate::l10n::Catalog;
use crate::project::manifest::edit;
use crate::project::{BuildLayout, Language, MANIFEST_FILE, Project};
use crate::review::translation_lock::TranslationLock;

/// What adding a language writes.
#[derive(Debug)]
pub(crate) struct NewLanguage {
    /// The language.
    pub language: Language,
    /// Every file to write (absolute path, text); existing message files
    /// of the language are kept, never in this list.
    pub files: Vec<(PathBuf, String)>,
    /// How many message files are created.
    pub message_files: usize,
}

/// Plans adding `tag` to `project`; a tag that is not a language, or is
/// one of the project's already, is refused (a usage mistake).
pub(crate) fn plan(project: &Project, tag: &str) -> Result<NewLanguage> {
    let language = Language::parse(tag).map_err(|message| {
        Problem::error(Code::Usage, message).with_hint("use a tag such as fr, pt-BR or es-MX")
    })?;
    if project.manifest.languages.contains(&language) {
        return Err(Problem::error(
            Code::Usage,
            format!("`{language}` is already a language of this project"),
        )
        .with_hint(format!(
            "translate it in locales/{language}/, or export it for a translator: report l10n export --lang {language}"
        ))
        .into());
    }
    let manifest = Source::new(
        MANIFEST_FILE,
        project.files.read_text(&BuildLayout::manifest())?,
    );
    let mut files = vec![(
        project.root.join(MANIFEST_FILE),
        edit::add_language(&manifest, &language.tag)?,
    )];
    let source = Catalog::load(project, &project.manifest.source_language);
    let mut message_files = 0;
    for (index, file) in source.files.iter().enumerate() {
        let path = project
            .layout
            .locale_dir(&language.tag)
            .join(source.relative_path(index));
        if !path.exists() {
            files.push((path, skeleton(&file.text)));
            message_files += 1;
        }
    }
    let lock = BuildLayout::translation_lock(&language);
    if !project.root.join(lock.as_path()).exists() {
        let text = TranslationLock::default().to_text(&language);
        files.push((project.root.join(lock.as_path()), text));
    }
    Ok(NewLanguage {
        language,
        files,
        message_files,
    })
}

/// A source file's structure for a new translation: its resource (`###`)
/// and group (`##`) comments, a blank line between them, no messages.
pub(crate) fn skeleton(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().filter(|l| l.starts_with("##")) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skeleton_keeps_the_source_files_resource_and_group_comments() {
        let source = "### The report's words.\n\n## Cover\ntitle = Título\n# A note\nsubtitle = Subtítulo\n\n## Body\nbody = Texto\n";
        assert_eq!(
            skeleton(source),
            "### The report's words.\n\n## Cover\n\n## Body\n"
        );
        assert_eq!(skeleton("a = A\n"), "");
    }
}
