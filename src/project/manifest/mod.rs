//! The project manifest, `report.toml`, and its validation.
//!
//! Validation happens once, here, so that the rest of `report` works with
//! checked values: known keys only, well-formed language tags, files that
//! exist and stay inside the project. [`raw`] is the file's shape as serde
//! reads it (with spans); [`checks`] turns each key into a checked value or
//! a located problem, all of them reported in one run.

pub(crate) mod bibliography;
mod checks;
pub(crate) mod edit;
mod print;
mod raw;
mod typography;

pub(crate) use bibliography::{Bibliography, BibliographyFormat};
pub(crate) use typography::TypographyRules;

use std::ops::Range;
use std::path::Path;

use crate::project::ProjectPath;
use std::sync::Arc;

use super::{Format, Language, Layout, ParallelPair};
use crate::diagnostic::{Result, Source};
use crate::project::print::PrintSettings;
use checks::Checker;

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
    pub template: ProjectPath,
    /// Structured data files, relative to the root.
    pub data: Vec<ProjectPath>,
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
    pub stylesheet: Option<ProjectPath>,
    /// Extra font directory given to Typst, relative to the root.
    pub fonts: Option<ProjectPath>,
    /// PDF standards every PDF edition must conform to.
    pub pdf_standards: Vec<String>,
    /// The typography rules `report check` applies (`[check.typography]`).
    pub typography: TypographyRules,
    /// The works the report cites, and how citations look.
    pub bibliography: Option<Bibliography>,
    /// How print editions are made (`[print]`).
    pub print: PrintSettings,
}

impl Manifest {
    /// Where `typst = "…"` is written, for a version that does not fit.
    pub(crate) fn typst_location(&self) -> crate::diagnostic::Location {
        crate::diagnostic::Location::new(&self.source, self.typst_span.clone())
    }

    /// Parses and validates the manifest text; `root` is used to check that
    /// the files it names exist.
    pub fn parse(source: &Arc<Source>, root: &Path) -> Result<Self> {
        let raw = raw::parse(source)?;
        let report = &raw.report;
        let mut check = Checker::new(source, root);
        let name = check.name(&report.name);
        let (source_language, languages) =
            check.languages(&report.source_language, &report.languages);
        let template = check.file(&report.template);
        let data = report.data.iter().filter_map(|p| check.file(p)).collect();
        let stylesheet = report.stylesheet.as_ref().and_then(|p| check.file(p));
        let fonts = check.fonts(report.fonts.as_ref());
        let typst = check.typst(&report.typst);
        let date = check.date(report.date.as_ref());
        let (formats, parallel) = check.formats(report.formats.as_deref());
        let parallel_pairs = check.parallel_pairs(raw.parallel.pairs.as_deref(), &languages);
        let parallel_layout = check.layout(raw.parallel.layout.as_ref());
        let pdf_standards = check.pdf_standards(raw.pdf.standards.as_deref());
        let typography = check.typography(&raw.check.typography);
        let bibliography =
            check.bibliography(report.bibliography.as_ref(), report.citation_style.as_ref());
        let print = check.print(&raw.print);
        let problems = check.finish();
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
                    typography,
                    bibliography,
                    print,
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Problem};
    use crate::project::MANIFEST_FILE;
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
        let problem = problems.iter().next().expect("a problem");
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
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
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
        assert_eq!(problems[0].code, Code::PathOutsideProject);
    }

    use crate::diagnostic::Location;
}
