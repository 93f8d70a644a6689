//! `report init`: a small working project to start from.
//!
//! The project renders at once and passes `report check`: a manifest, a few
//! messages per language (Spanish and English text built in, English text
//! to translate for other languages), data that uses numbers and a date, a
//! clean template with PDF and HTML branches, and the sample report's
//! template helpers and stylesheet. Existing files are never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Problem, Problems, Result};
use crate::project::{BuildLayout, Language};

/// What to create.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The project directory (created if needed).
    pub dir: PathBuf,
    /// Slug for output file names.
    pub name: String,
    /// Every language, source first.
    pub languages: Vec<Language>,
    /// The publication date written to the manifest and the data.
    pub date: toml::value::Date,
}

const STYLESHEET: &str = include_str!("../../templates/report.css");
const TEMPLATE: &str = include_str!("template.typ");
const MESSAGES_ES: &str = include_str!("messages/es.ftl");
const MESSAGES_EN: &str = include_str!("messages/en.ftl");

/// Creates the project; returns the files written, relative to `dir`.
///
/// Every obstacle is found before anything is written (an existing file,
/// a file where a directory must go), and a write that fails half-way
/// removes what this run created, so no half-made project is left.
pub(crate) fn init(options: &Options) -> Result<Vec<PathBuf>> {
    let files = files(options);
    check_free(&options.dir, &files)?;
    let mut created = Created::default();
    for (path, text) in &files {
        if let Err(problem) = created.write(&options.dir.join(path), text) {
            created.undo();
            return Err(problem);
        }
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Fails, naming every obstacle, unless every file can be created.
fn check_free(dir: &Path, files: &[(PathBuf, String)]) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Problem::error(
            Code::Init,
            format!("`{}` is a file, not a directory", dir.display()),
        )
        .with_hint("give report init a new or empty directory")
        .into());
    }
    let mut existing = Vec::new();
    let mut blocking = Vec::new();
    for (path, _) in files {
        if dir.join(path).exists() {
            existing.push(format!("`{}`", path.display()));
        }
        for parent in path
            .ancestors()
            .skip(1)
            .filter(|p| !p.as_os_str().is_empty())
        {
            let full = dir.join(parent);
            let name = format!("`{}`", parent.display());
            if full.exists() && !full.is_dir() && !blocking.contains(&name) {
                blocking.push(name);
            }
        }
    }
    let mut problems = Problems::default();
    if !existing.is_empty() {
        problems.push(
            Problem::error(
                Code::Init,
                format!("`{}` already has {}", dir.display(), existing.join(", ")),
            )
            .with_hint("report init never overwrites files; choose an empty or new directory"),
        );
    }
    if !blocking.is_empty() {
        problems.push(
            Problem::error(
                Code::Init,
                format!(
                    "in `{}`, {} should be a directory but is a file",
                    dir.display(),
                    blocking.join(", ")
                ),
            )
            .with_hint("move the file away, or choose an empty or new directory"),
        );
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}

/// What one `init` created, to take back if a later write fails.
#[derive(Default)]
struct Created {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Created {
    fn write(&mut self, path: &Path, text: &str) -> Result<()> {
        if let Some(parent) = path.parent() {
            let missing: Vec<PathBuf> = parent
                .ancestors()
                .take_while(|p| !p.exists())
                .map(Path::to_owned)
                .collect();
            fs::create_dir_all(parent).map_err(|e| Problem::io("create", parent, &e))?;
            // Deepest last, so that undoing removes children first.
            self.dirs.extend(missing.into_iter().rev());
        }
        fs::write(path, text).map_err(|e| Problem::io("write", path, &e))?;
        self.files.push(path.to_owned());
        Ok(())
    }

    fn undo(self) {
        for file in self.files.iter().rev() {
            let _ = fs::remove_file(file);
        }
        for dir in self.dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// A slug for output file names from a directory name.
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "report".to_owned()
    } else {
        slug
    }
}

fn files(options: &Options) -> Vec<(PathBuf, String)> {
    let languages: Vec<String> = options
        .languages
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect();
    let source = &options.languages[0];
    let manifest = format!(
        r#"# The manifest of this report: `report render` builds every edition.
[report]
name = "{name}"                  # slug for output file names
source-language = "{source}"     # translations are made from this language
languages = [{languages}]        # every edition; source first
template = "templates/report.typ"
data = ["data/report.toml"]
typst = "0.15"                   # accepted Typst versions
date = {date}                    # publication date (the PDFs' creation date)
stylesheet = "templates/report.css"
"#,
        name = options.name,
        languages = languages.join(", "),
        date = options.date,
    );
    let data = format!(
        r#"# Language-neutral facts. Where a fact needs words, it names a message in
# locales/<lang>/ and gives it the figures to format.

published = {{ msg = "published-on", args = {{ date = {date} }} }}

[[sections]]
title = {{ msg = "intro-title" }}
body = {{ msg = "intro-body", args = {{ people = 1234567, share = 0.25, budget = 322000000 }} }}

[[sections]]
title = {{ msg = "next-title" }}
body = {{ msg = "next-body" }}
"#,
        date = options.date
    );
    let mut files = vec![
        (PathBuf::from("report.toml"), manifest),
        (PathBuf::from("data/report.toml"), data),
        (PathBuf::from("templates/report.typ"), TEMPLATE.to_owned()),
        (PathBuf::from("templates/report.css"), STYLESHEET.to_owned()),
        (PathBuf::from(".gitignore"), "/build\n".to_owned()),
    ];
    for language in &options.languages {
        files.push((
            BuildLayout::locale_relative(&language.tag).join("report.ftl"),
            messages(language),
        ));
    }
    files
}

/// The starter messages of a language: Spanish and English are written
/// out; any other language gets the English text to translate.
fn messages(language: &Language) -> String {
    let tag = &language.tag;
    match language.id.language.as_str() {
        "es" => MESSAGES_ES.replace("{TAG}", tag),
        english => {
            let (note, name) = if english == "en" {
                (String::new(), "English".to_owned())
            } else {
                (
                    format!("# TODO: translate these messages into {tag}.\n"),
                    tag.clone(),
                )
            };
            MESSAGES_EN
                .replace("{NOTE}", &note)
                .replace("{NAME}", &name)
                .replace("{TAG}", tag)
        }
    }
}

/// Today's date (UTC).
pub(crate) fn today() -> toml::value::Date {
    let today = crate::calendar::CivilDate::today();
    toml::value::Date {
        year: u16::try_from(today.year).unwrap_or(1970),
        month: u8::try_from(today.month).unwrap_or(1),
        day: u8::try_from(today.day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("My Report 2024!"), "my-report-2024");
        assert_eq!(slug("---"), "report");
    }
}
