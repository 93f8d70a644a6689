//! The project manifest, `report.toml`, and its validation.
//!
//! Validation happens once, here, so that the rest of `report` works with
//! checked values: known keys only, well-formed language tags, files that
//! exist and stay inside the project.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{Format, Language, Layout, MANIFEST_FILE, ParallelPair};
use crate::diagnostic::{Code, Problem, Problems, Result, Source};

/// The checked contents of `report.toml`.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The manifest's own text, for pointing at its lines.
    pub source: Arc<Source>,
    /// Slug used for output file names.
    pub name: String,
    /// The language translations are made from.
    pub source_language: Language,
    /// Every edition's language, source first.
    pub languages: Vec<Language>,
    /// The Typst entry template, relative to the root.
    pub template: PathBuf,
    /// Structured data files, relative to the root.
    pub data: Vec<PathBuf>,
    /// Accepted Typst versions.
    pub typst: semver::VersionReq,
    /// Span of the `typst` key's value, for version mismatch errors.
    pub typst_span: Range<usize>,
    /// Publication date, used for the PDF's creation date.
    pub date: Option<toml::value::Date>,
    /// Formats rendered when `--format` is not given.
    pub formats: Vec<Format>,
    /// Whether parallel editions are rendered when `--format` is not given.
    pub parallel: bool,
    /// Language pairs of the parallel editions, left column first.
    pub parallel_pairs: Vec<ParallelPair>,
    /// How parallel PDFs are laid out.
    pub parallel_layout: Layout,
    /// Stylesheet added to HTML editions, relative to the root.
    pub stylesheet: Option<PathBuf>,
    /// Extra font directory given to Typst, relative to the root.
    pub fonts: Option<PathBuf>,
    /// PDF standards every PDF edition must conform to.
    pub pdf_standards: Vec<String>,
}

/// PDF standards Typst 0.15 can check and write.
const PDF_STANDARDS: &[&str] = &[
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    report: RawReport,
    #[serde(default)]
    pdf: RawPdf,
    #[serde(default)]
    parallel: RawParallel,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawParallel {
    pairs: Option<Vec<Spanned<Vec<Spanned<String>>>>>,
    layout: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawReport {
    name: Spanned<String>,
    source_language: Spanned<String>,
    languages: Spanned<Vec<Spanned<String>>>,
    template: Spanned<String>,
    #[serde(default)]
    data: Vec<Spanned<String>>,
    typst: Spanned<String>,
    date: Option<Spanned<toml::value::Datetime>>,
    formats: Option<Vec<Spanned<String>>>,
    stylesheet: Option<Spanned<String>>,
    fonts: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPdf {
    standards: Option<Vec<Spanned<String>>>,
}

impl Manifest {
    /// Parses and validates the manifest text; `root` is used to check that
    /// the files it names exist.
    pub fn parse(source: &Arc<Source>, root: &Path) -> Result<Self> {
        let raw: RawManifest = toml::from_str(&source.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim_end().to_owned();
            let mut problem = Problem::error(
                Code::Manifest,
                format!("invalid `{MANIFEST_FILE}`: {message}"),
            )
            .at(source, span);
            if let Some(hint) = unknown_key_hint(&message) {
                problem = problem.with_hint(hint);
            } else if message.starts_with("missing field") {
                problem = problem.with_hint(
                    "the [report] table needs name, source-language, languages, template and typst",
                );
            } else {
                problem = problem.with_hint(
                    "README.md (Project layout) shows every key of report.toml and its type",
                );
            }
            Problems::from(problem)
        })?;
        let mut problems = Problems::default();
        let report = raw.report;

        let name = report.name.get_ref().clone();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            || name.starts_with('.')
        {
            problems.push(
                Problem::error(
                    Code::Manifest,
                    format!("`{name}` cannot be used as a file name slug"),
                )
                .at(source, report.name.span())
                .with_hint("use letters, digits, `-` and `_`, e.g. `annual-report-2024`"),
            );
        }

        let mut languages: Vec<Language> = Vec::new();
        for tag in report.languages.get_ref() {
            match Language::parse(tag.get_ref()) {
                Ok(language) if languages.contains(&language) => problems.push(
                    Problem::error(
                        Code::Manifest,
                        format!("language `{language}` is listed twice"),
                    )
                    .at(source, tag.span())
                    .with_hint("list each language once"),
                ),
                Ok(language) => {
                    let dir = root.join(super::BuildLayout::locale_relative(&language.tag));
                    if !dir.is_dir() {
                        problems.push(
                            Problem::error(
                                Code::Manifest,
                                format!(
                                    "language `{language}` has no `locales/{language}/` directory"
                                ),
                            )
                            .at(source, tag.span())
                            .with_hint(format!(
                                "create locales/{language}/ with the language's .ftl files"
                            )),
                        );
                    }
                    languages.push(language);
                }
                Err(message) => problems.push(
                    Problem::error(Code::Manifest, message)
                        .at(source, tag.span())
                        .with_hint("use tags such as `es`, `en`, `es-MX`, `en-US`"),
                ),
            }
        }
        if report.languages.get_ref().is_empty() {
            problems.push(
                Problem::error(Code::Manifest, "`languages` is empty")
                    .at(source, report.languages.span())
                    .with_hint("list every edition's language, source first: [\"es\", \"en\"]"),
            );
        }

        let source_language = match Language::parse(report.source_language.get_ref()) {
            Ok(language) => {
                if !languages.contains(&language) && !report.languages.get_ref().is_empty() {
                    problems.push(
                        Problem::error(
                            Code::Manifest,
                            format!("source language `{language}` is not in `languages`"),
                        )
                        .at(source, report.source_language.span())
                        .with_hint(format!("add \"{language}\" to `languages`")),
                    );
                }
                Some(language)
            }
            Err(message) => {
                problems.push(
                    Problem::error(Code::Manifest, message)
                        .at(source, report.source_language.span())
                        .with_hint("use a tag such as `es` or `en-US`"),
                );
                None
            }
        };
        // The source language leads: it is the first edition and the fallback.
        if let Some(source_language) = &source_language
            && let Some(index) = languages.iter().position(|l| l == source_language)
        {
            let language = languages.remove(index);
            languages.insert(0, language);
        }

        let template = check_path(&mut problems, source, root, &report.template, true);
        let data = report
            .data
            .iter()
            .filter_map(|path| check_path(&mut problems, source, root, path, true))
            .collect();
        let stylesheet = report
            .stylesheet
            .as_ref()
            .and_then(|path| check_path(&mut problems, source, root, path, true));
        let fonts = match &report.fonts {
            Some(path) => check_path(&mut problems, source, root, path, false),
            None => root.join("fonts").is_dir().then(|| PathBuf::from("fonts")),
        };

        let typst = match semver::VersionReq::parse(report.typst.get_ref()) {
            Ok(requirement) => Some(requirement),
            Err(e) => {
                problems.push(
                    Problem::error(
                        Code::Manifest,
                        format!(
                            "`{}` is not a version requirement ({e})",
                            report.typst.get_ref()
                        ),
                    )
                    .at(source, report.typst.span())
                    .with_hint("write a semver requirement such as \"0.15\" or \"=0.15.1\""),
                );
                None
            }
        };

        let date = report.date.as_ref().and_then(|date| match date.get_ref() {
            toml::value::Datetime {
                date: Some(day),
                time: None,
                offset: None,
            } => Some(*day),
            _ => {
                problems.push(
                    Problem::error(Code::Manifest, "`date` must be a plain date")
                        .at(source, date.span())
                        .with_hint("write the publication date as 2024-04-03"),
                );
                None
            }
        });

        let mut formats = Vec::new();
        let mut parallel = false;
        for name in report.formats.iter().flatten() {
            match Format::parse(name.get_ref()) {
                Some(format) if !formats.contains(&format) => formats.push(format),
                Some(_) => {}
                None if name.get_ref() == "parallel" => parallel = true,
                None => problems.push(
                    Problem::error(
                        Code::Manifest,
                        format!("unknown format `{}`", name.get_ref()),
                    )
                    .at(source, name.span())
                    .with_hint("formats are \"pdf\", \"html\" and \"parallel\""),
                ),
            }
        }
        if report.formats.is_none() {
            formats = vec![Format::Pdf, Format::Html];
        }
        let mut parallel_pairs = Vec::new();
        match &raw.parallel.pairs {
            Some(pairs) => {
                for pair in pairs {
                    let tags = pair.get_ref();
                    let found: Vec<Option<&Language>> = tags
                        .iter()
                        .map(|t| languages.iter().find(|l| l.tag == *t.get_ref()))
                        .collect();
                    match found.as_slice() {
                        [Some(left), Some(right)] if left != right => {
                            parallel_pairs.push(ParallelPair {
                                left: (*left).clone(),
                                right: (*right).clone(),
                            });
                        }
                        _ => problems.push(
                            Problem::error(
                                Code::Manifest,
                                "a parallel pair must name two different languages of `languages`",
                            )
                            .at(source, pair.span())
                            .with_hint("write pairs as [\"es\", \"en\"], left column first"),
                        ),
                    }
                }
            }
            None => {
                if let Some(source_language) = languages.first() {
                    for other in languages.iter().skip(1) {
                        parallel_pairs.push(ParallelPair {
                            left: source_language.clone(),
                            right: other.clone(),
                        });
                    }
                }
            }
        }
        let parallel_layout = match raw
            .parallel
            .layout
            .as_ref()
            .map(|l| (l.get_ref().as_str(), l.span()))
        {
            None | Some(("columns", _)) => Layout::Columns,
            Some(("facing", _)) => Layout::Facing,
            Some((other, span)) => {
                problems.push(
                    Problem::error(Code::Manifest, format!("unknown parallel layout `{other}`"))
                        .at(source, span)
                        .with_hint("layouts are \"columns\" and \"facing\""),
                );
                Layout::Columns
            }
        };

        let mut pdf_standards = Vec::new();
        match &raw.pdf.standards {
            Some(standards) => {
                for standard in standards {
                    if PDF_STANDARDS.contains(&standard.get_ref().as_str()) {
                        pdf_standards.push(standard.get_ref().clone());
                    } else {
                        problems.push(
                            Problem::error(
                                Code::Manifest,
                                format!("unknown PDF standard `{}`", standard.get_ref()),
                            )
                            .at(source, standard.span())
                            .with_hint(format!("Typst knows {}", PDF_STANDARDS.join(", "))),
                        );
                    }
                }
            }
            None => pdf_standards = vec!["ua-1".to_owned(), "a-2a".to_owned()],
        }

        match (source_language, template, typst) {
            (Some(source_language), Some(template), Some(typst)) if !problems.has_errors() => {
                Ok(Self {
                    source: Arc::clone(source),
                    name,
                    source_language,
                    languages,
                    template,
                    data,
                    typst,
                    typst_span: report.typst.span(),
                    date,
                    formats,
                    parallel,
                    parallel_pairs,
                    parallel_layout,
                    stylesheet,
                    fonts,
                    pdf_standards,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Checks that a path from the manifest is relative, stays inside the
/// project, and exists (as a file when `file` is set, else a directory).
fn check_path(
    problems: &mut Problems,
    source: &Arc<Source>,
    root: &Path,
    path: &Spanned<String>,
    file: bool,
) -> Option<PathBuf> {
    let relative = PathBuf::from(path.get_ref());
    let escapes = relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
    if escapes {
        problems.push(
            Problem::error(
                Code::PathOutsideProject,
                format!("`{}` is outside the project", path.get_ref()),
            )
            .at(source, path.span())
            .with_hint("paths in report.toml are relative to the project root and stay inside it"),
        );
        return None;
    }
    let full = root.join(&relative);
    let exists = if file { full.is_file() } else { full.is_dir() };
    if !exists {
        let kind = if file { "file" } else { "directory" };
        problems.push(
            Problem::error(
                Code::MissingFile,
                format!("{kind} `{}` does not exist", path.get_ref()),
            )
            .at(source, path.span())
            .with_hint("paths in report.toml are relative to the directory that holds it"),
        );
        return None;
    }
    if let (Ok(real), Ok(real_root)) = (full.canonicalize(), root.canonicalize())
        && !real.starts_with(&real_root)
    {
        problems.push(
            Problem::error(
                Code::PathOutsideProject,
                format!("`{}` links to a place outside the project", path.get_ref()),
            )
            .at(source, path.span())
            .with_hint("copy the file into the project instead of linking to it"),
        );
        return None;
    }
    Some(relative)
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a
/// "did you mean" hint.
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::suggest::closest(unknown, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("known keys: {}", candidates.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn parse(text: &str) -> Result<Manifest> {
        let dir = tempfile::tempdir().map_err(|e| Problem::io("create", Path::new("tmp"), &e))?;
        for lang in ["es", "en"] {
            let _ = fs::create_dir_all(dir.path().join("locales").join(lang));
        }
        let _ = fs::create_dir_all(dir.path().join("templates"));
        let _ = fs::write(dir.path().join("templates/report.typ"), "");
        Manifest::parse(&Source::new(MANIFEST_FILE, text), dir.path())
    }

    const GOOD: &str = r#"[report]
name = "r"
source-language = "es"
languages = ["en", "es"]
template = "templates/report.typ"
typst = "0.15"
"#;

    #[test]
    fn source_language_comes_first() -> Result<()> {
        let manifest = parse(GOOD)?;
        let tags: Vec<_> = manifest.languages.iter().map(|l| l.tag.as_str()).collect();
        assert_eq!(tags, ["es", "en"]);
        assert_eq!(manifest.pdf_standards, ["ua-1", "a-2a"]);
        Ok(())
    }

    #[test]
    fn mistyped_key_points_at_it_with_a_suggestion() {
        let text = GOOD.replace("name =", "nmae =");
        let problems = parse(&text).expect_err("mistyped key must fail");
        let problem = &problems.0[0];
        assert_eq!(
            problem.location.as_ref().map(Location::display),
            Some("report.toml:2:1".into())
        );
        assert_eq!(problem.hint.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn every_problem_is_reported() {
        let text = GOOD
            .replace(r#"["en", "es"]"#, r#"["en", "en", "xx_YY!", "fr"]"#)
            .replace("\"0.15\"", "\"zero\"");
        let problems = parse(&text).expect_err("bad manifest must fail");
        let messages: Vec<_> = problems.0.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("listed twice")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("not a BCP 47")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("no `locales/fr/`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("source language `es` is not in")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("not a version requirement")),
            "{messages:?}"
        );
    }

    #[test]
    fn paths_may_not_leave_the_project() {
        let text = GOOD.replace("templates/report.typ", "../outside.typ");
        let problems = parse(&text).expect_err("escaping path must fail");
        assert_eq!(problems.0[0].code, Code::PathOutsideProject);
    }

    use crate::diagnostic::Location;
}
