//! What to render: a [`Request`] in the project's terms, checked against
//! the project into a [`Plan`] before any file is read or written.
//!
//! Commands build a request from their arguments (or, for `resolve`,
//! from what they need); nothing here knows about the command line.

use std::num::NonZeroUsize;
use std::time::Duration;

use super::Edition;
use crate::diagnostic::Problems;
use crate::project::{EditionKind, Format, Language, Layout, ParallelPair, Project};

/// What to do where a translation lacks a message of the source language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum MissingTranslations {
    /// Refuse the language's single editions, listing every missing id
    /// (parallel editions show a visible gap instead).
    #[default]
    Refuse,
    /// Use the source language's text, with a warning (`--allow-missing`).
    UseSource,
}

impl MissingTranslations {
    /// What the `--allow-missing` flag asks for.
    pub(crate) fn from_flag(allow_missing: bool) -> Self {
        if allow_missing {
            Self::UseSource
        } else {
            Self::Refuse
        }
    }
}

/// Which editions to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Rebuild {
    /// Only editions whose inputs changed since they were rendered.
    #[default]
    Changed,
    /// Every edition (`--force`).
    All,
}

/// What a user asked to render, before it is checked.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// Language tags; empty means every language.
    pub languages: Vec<String>,
    /// Edition kinds; empty means the manifest's `formats`.
    pub kinds: Vec<EditionKind>,
    /// How parallel PDFs are laid out; `None` means the manifest's layout.
    pub layout: Option<Layout>,
    /// How many editions to render at once; `None` means one per CPU.
    pub workers: Option<NonZeroUsize>,
    /// What to do about missing translations.
    pub missing: MissingTranslations,
    /// Which editions to render.
    pub rebuild: Rebuild,
    /// Print each Typst command line (`-vv`).
    pub trace_commands: bool,
    /// How long one edition's Typst may run.
    pub timeout: Duration,
}

impl Default for Request {
    fn default() -> Self {
        Self {
            languages: Vec::new(),
            kinds: Vec::new(),
            layout: None,
            workers: None,
            missing: MissingTranslations::default(),
            rebuild: Rebuild::default(),
            trace_commands: false,
            timeout: Duration::from_secs(300),
        }
    }
}

/// What to render, checked against the project.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// Languages whose single editions are rendered, in manifest order.
    pub languages: Vec<Language>,
    /// Formats of the single editions.
    pub formats: Vec<Format>,
    /// Pairs rendered as parallel editions (PDF and HTML).
    pub parallel: Vec<ParallelPair>,
    /// How parallel PDFs are laid out.
    pub layout: Layout,
    /// How many Typst processes may run at once.
    pub workers: usize,
    /// What to do about missing translations.
    pub missing: MissingTranslations,
    /// Which editions to render.
    pub rebuild: Rebuild,
    /// Print each Typst command line to stderr.
    pub trace_commands: bool,
    /// How long one edition's Typst may run before it is stopped.
    pub timeout: Duration,
}

impl Plan {
    /// Checks a request against the project. The only possible mistake is
    /// a language the project does not have (a usage error).
    pub(crate) fn new(project: &Project, request: &Request) -> Result<Self, Problems> {
        let manifest = &project.manifest;
        let languages = project.select_languages(&request.languages)?;
        let (mut formats, parallel) = if request.kinds.is_empty() {
            (manifest.formats.clone(), manifest.parallel)
        } else {
            let formats = request
                .kinds
                .iter()
                .filter_map(|kind| match kind {
                    EditionKind::Pdf => Some(Format::Pdf),
                    EditionKind::Html => Some(Format::Html),
                    EditionKind::Print => Some(Format::Print),
                    EditionKind::Parallel => None,
                })
                .collect();
            (formats, request.kinds.contains(&EditionKind::Parallel))
        };
        formats.sort();
        formats.dedup();
        // A pair is rendered when either of its languages is.
        let parallel = if parallel {
            manifest
                .parallel_pairs
                .iter()
                .filter(|pair| languages.iter().any(|l| pair.contains(l)))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let workers = request
            .workers
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(2, usize::from);
        Ok(Self {
            languages,
            formats,
            parallel,
            layout: request.layout.unwrap_or(manifest.parallel_layout),
            workers,
            missing: request.missing,
            rebuild: request.rebuild,
            trace_commands: request.trace_commands,
            timeout: request.timeout.max(Duration::from_secs(1)),
        })
    }

    /// A language's single editions, in the plan's format order.
    pub(crate) fn single_editions<'a>(
        &'a self,
        language: &'a Language,
    ) -> impl Iterator<Item = Edition> + 'a {
        self.formats.iter().map(move |format| Edition {
            language: language.clone(),
            partner: None,
            format: *format,
        })
    }

    /// A parallel pair's editions: its PDF and its HTML page, and its print
    /// edition (on facing pages) when the plan has print editions.
    pub(crate) fn pair_editions<'a>(
        &self,
        pair: &'a ParallelPair,
    ) -> impl Iterator<Item = Edition> + 'a {
        let print = self.formats.contains(&Format::Print);
        [Format::Pdf, Format::Html]
            .into_iter()
            .chain(print.then_some(Format::Print))
            .map(|format| Edition {
                language: pair.left.clone(),
                partner: Some(pair.right.clone()),
                format,
            })
    }

    /// The editions a language takes down when it fails: its own, and every
    /// parallel edition it is part of.
    pub(crate) fn editions_of(&self, language: &Language) -> Vec<Edition> {
        let pairs = self
            .parallel
            .iter()
            .filter(|pair| pair.contains(language))
            .flat_map(|pair| self.pair_editions(pair));
        self.single_editions(language).chain(pairs).collect()
    }

    /// Every edition of the plan, in order.
    pub(crate) fn editions(&self) -> Vec<Edition> {
        let singles = self.languages.iter().flat_map(|l| self.single_editions(l));
        let pairs = self
            .parallel
            .iter()
            .flat_map(|pair| self.pair_editions(pair));
        singles.chain(pairs).collect()
    }

    /// How many editions the plan renders when every language succeeds.
    pub(crate) fn edition_count(&self) -> usize {
        let per_pair = if self.formats.contains(&Format::Print) {
            3
        } else {
            2
        };
        self.languages.len() * self.formats.len() + self.parallel.len() * per_pair
    }

    /// Every language an edition of the plan shows: the single editions'
    /// and both of each pair's, each once, in plan order.
    pub(crate) fn involved_languages(&self) -> Vec<&Language> {
        let mut involved: Vec<&Language> = Vec::new();
        let all = self
            .languages
            .iter()
            .chain(self.parallel.iter().flat_map(ParallelPair::languages));
        for language in all {
            if !involved.contains(&language) {
                involved.push(language);
            }
        }
        involved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn project(extra: &str) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().expect("temporary directory");
        for lang in ["es", "en", "fr"] {
            std::fs::create_dir_all(dir.path().join("locales").join(lang)).expect("locales");
        }
        std::fs::create_dir_all(dir.path().join("templates")).expect("templates");
        std::fs::write(dir.path().join("templates/report.typ"), "").expect("template");
        let manifest = format!(
            "[report]\nname = \"r\"\nsource-language = \"es\"\nlanguages = [\"es\", \"en\", \"fr\"]\n\
             template = \"templates/report.typ\"\ntypst = \"0.15\"\n{extra}"
        );
        std::fs::write(dir.path().join("report.toml"), manifest).expect("manifest");
        let project = Project::load(dir.path()).expect("valid project");
        (dir, project)
    }

    fn tags(languages: &[&Language]) -> Vec<String> {
        languages.iter().map(|l| l.tag.clone()).collect()
    }

    #[test]
    fn defaults_come_from_the_manifest() {
        let (_dir, project) = project("formats = [\"pdf\", \"parallel\"]\n");
        let plan = Plan::new(&project, &Request::default()).expect("plan");
        assert_eq!(plan.formats, [Format::Pdf]);
        assert_eq!(plan.parallel.len(), 2, "source beside each translation");
        assert_eq!(plan.edition_count(), 3 + 4);
        assert_eq!(plan.editions().len(), plan.edition_count());
        let labels: Vec<String> = plan.editions().iter().map(Edition::label).collect();
        assert_eq!(
            labels,
            [
                "es pdf",
                "en pdf",
                "fr pdf",
                "es-en parallel pdf",
                "es-en parallel html",
                "es-fr parallel pdf",
                "es-fr parallel html"
            ]
        );
    }

    #[test]
    fn a_pair_renders_when_either_language_is_asked_for() {
        let (_dir, project) = project("");
        let request = Request {
            languages: vec!["fr".into()],
            kinds: vec![EditionKind::Parallel, EditionKind::Html],
            ..Request::default()
        };
        let plan = Plan::new(&project, &request).expect("plan");
        assert_eq!(plan.formats, [Format::Html]);
        assert_eq!(plan.parallel.len(), 1);
        assert_eq!(plan.parallel[0].left.tag, "es");
        assert_eq!(tags(&plan.involved_languages()), ["fr", "es"]);
        let french = plan.languages[0].clone();
        let taken_down: Vec<String> = plan
            .editions_of(&french)
            .iter()
            .map(Edition::label)
            .collect();
        assert_eq!(
            taken_down,
            ["fr html", "es-fr parallel pdf", "es-fr parallel html"]
        );
    }

    #[test]
    fn languages_keep_manifest_order_and_unknown_ones_are_usage_errors() {
        let (_dir, project) = project("");
        let request = Request {
            languages: vec!["fr".into(), "es".into(), "fr".into()],
            ..Request::default()
        };
        let plan = Plan::new(&project, &request).expect("plan");
        let order: Vec<&str> = plan.languages.iter().map(|l| l.tag.as_str()).collect();
        assert_eq!(order, ["es", "fr"]);
        let wrong = Request {
            languages: vec!["eng".into()],
            ..Request::default()
        };
        let problems = Plan::new(&project, &wrong).expect_err("unknown language");
        let problem = problems.iter().next().expect("a problem");
        assert_eq!(problem.code, Code::Usage);
        assert_eq!(problem.hint.as_deref(), Some("did you mean `en`?"));
    }

    #[test]
    fn workers_and_timeout_have_floors() {
        let (_dir, project) = project("");
        let request = Request {
            workers: NonZeroUsize::new(3),
            timeout: Duration::ZERO,
            ..Request::default()
        };
        let plan = Plan::new(&project, &request).expect("plan");
        assert_eq!(plan.workers, 3);
        assert_eq!(plan.timeout, Duration::from_secs(1));
    }
}
