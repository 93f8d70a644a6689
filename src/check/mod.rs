//! Translation QA: everything wrong or suspicious in every language.
//!
//! Stricter than Mozilla's compare-locales, which misses a dropped or renamed
//! `$variable`. Each translation is compared with the source language file by
//! file (`locales/es/a.ftl` against `locales/en/a.ftl`), then the data and
//! templates are checked against every language. Findings are
//! [`Problem`]s with a stable `code`, the language and the id they are
//! about, so `report check --format json` can be read by other tools.
//!
//! One file per kind of check: `compare` (a translation against its
//! source), `references` (unknown ones and cycles), `placeables`, `markup`,
//! `characters` (with `fonts`: what no edition can show), `formatted`
//! (messages as the resolver formats them, and empty ones), `plurals`,
//! `stale`, `data`, [`templates`] and `unused`; `parity` (figures, links
//! and markup a translation must carry over), [`typography`] (with
//! [`fix`], which applies its mechanical fixes) and `glossary`; `patterns` gives the checks
//! of text the syntax tree with positions, and [`report`] holds what comes
//! out. This file only decides which checks run, and stops them when
//! `report` is interrupted.
//!
//! Every error `render` would meet in the messages or the data is an error
//! finding here (render runs the same checks first and refuses a language
//! with errors), located at the message or data value that causes it.
//!
//! Codes, errors: `syntax`, `no-default-variant`, `duplicate-id`,
//! `missing-file`, `missing-message`, `missing-term`, `missing-attribute`,
//! `unknown-variable`, `unknown-reference`, `cyclic-reference`,
//! `too-many-placeables`, `markup`, `format`, `bad-character`,
//! `unknown-message`,
//! `missing-argument`, `argument-kind`, `message-needs-arguments`,
//! `interrupted`. Warnings: `obsolete-message`, `obsolete-attribute`,
//! `dropped-variable`, `reference-mismatch`, `missing-plural-category`,
//! `empty-value`, `unused-message`, `stale-translation`,
//! `number-mismatch`, `link-mismatch`, `markup-mismatch`, `typography`,
//! `terminology` (an invalid glossary is a `terminology` error). Either, as the PDF
//! standards decide: `missing-glyph`. Info: `unchanged`.

pub(crate) mod characters;
mod citations;
mod cmap;
mod compare;
mod data;
mod finding;
pub(crate) mod fix;
mod fonts;
mod formatted;
mod markup;
mod parity;
mod patterns;
mod placeables;
mod plurals;
mod references;
pub(crate) mod report;
mod stale;
mod template_files;
pub(crate) mod templates;
pub(crate) mod typography;
mod unused;

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{Code, Problem, Problems};
use crate::document::{LANGUAGE_NAME_MESSAGE, SWITCHER_MESSAGE};
use crate::l10n::Catalog;
use crate::workspace::Workspace;

pub(crate) use report::{Report, Summary};
pub(crate) use templates::template_messages;
pub(crate) use typography::Fix;

use characters::Characters;
use compare::Counts;
use parity::glossary;

/// Messages `report` itself reads (the language's name, the switcher's
/// label): they count as used, and a translation may have them in any file.
const BUILTIN_MESSAGES: [&str; 2] = [LANGUAGE_NAME_MESSAGE, SWITCHER_MESSAGE];

/// What to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Everything (`report check`).
    All,
    /// Only what can be an error: what `render` needs to refuse a language.
    Errors,
}

pub(crate) use crate::platform::interrupt::{Interrupted, poll};

/// `(language, name)` of the messages (`id` or `id.attribute`) whose own
/// text has markup that was already reported.
type MarkupFound = HashSet<(String, String)>;

/// Checks the whole project (`report check`): catalogs (already loaded,
/// with the problems loading found) and, when it loaded, the data.
/// `last_read` is every file the last render read (Typst's own list, which
/// the build cache records): they are checked against the sandbox too.
///
/// When `report` is interrupted the check stops, and the report holds one
/// finding, an `interrupted` error, and nothing found before it (a partial
/// list would look complete).
pub(crate) fn check(workspace: &Workspace, last_read: &[String]) -> Report {
    match Run::new(workspace, Scope::All, last_read).everything() {
        Ok(done) => {
            let mut findings = done.findings;
            findings.extend(done.gaps);
            Report::with_summaries(
                findings,
                &workspace.project,
                &workspace.catalogs,
                &done.counts,
            )
            .with_fixes(done.fixes)
        }
        Err(Interrupted) => Report::new(interrupted().into()),
    }
}

/// What `render` must know before Typst runs, in its own terms: the errors
/// that refuse a language (or every language, when an error is about none),
/// and the translation's gaps — messages and files a translation lacks —
/// which render decides about itself (it lists them per language, or
/// fills them in from the source with `--allow-missing`).
#[derive(Debug, Default)]
pub(crate) struct Readiness {
    /// Errors that refuse what they are about.
    pub refusals: Problems,
    /// What translations lack.
    pub gaps: Problems,
}

/// [`Readiness`] of the project: only the checks whose errors render
/// would meet (`last_read` as for [`check`]). `Err` when `report` was
/// interrupted.
pub(crate) fn readiness(
    workspace: &Workspace,
    last_read: &[String],
) -> Result<Readiness, Interrupted> {
    let done = Run::new(workspace, Scope::Errors, last_read).everything()?;
    let (refusals, _) = done.findings.split();
    let (gaps, _) = done.gaps.split();
    Ok(Readiness { refusals, gaps })
}

/// The one finding of a check that was interrupted.
pub(crate) fn interrupted() -> Problem {
    Problem::error(
        Code::Interrupted,
        "interrupted: the check was stopped before it finished",
    )
    .with_hint("run it again to finish it")
}

/// One check of a workspace, with what it has found so far.
struct Run<'w> {
    workspace: &'w Workspace,
    scope: Scope,
    /// The files the last render read.
    last_read: &'w [String],
    characters: Characters,
    markup: MarkupFound,
    findings: Problems,
    /// Messages and files translations lack (see [`Readiness::gaps`]).
    gaps: Problems,
    /// Typography fixes `report check --fix` may apply.
    fixes: Vec<Fix>,
    /// `locales/glossary.toml` (empty without one).
    glossary: glossary::Glossary,
    /// The bibliography's works, when report.toml names one that reads.
    works: Option<crate::data::bibliography::Works>,
    /// The template files, read.
    templates: Vec<std::sync::Arc<crate::diagnostic::Source>>,
}

/// What a finished check found.
struct Done {
    findings: Problems,
    gaps: Problems,
    fixes: Vec<Fix>,
    /// Each translation's counts, by tag.
    counts: BTreeMap<String, Counts>,
}

impl<'w> Run<'w> {
    /// A check of `workspace` that starts with the problems loading found.
    fn new(workspace: &'w Workspace, scope: Scope, last_read: &'w [String]) -> Self {
        Self {
            workspace,
            scope,
            last_read,
            characters: Characters::new(&workspace.project, scope),
            markup: MarkupFound::new(),
            findings: workspace.problems.clone(),
            gaps: Problems::default(),
            fixes: Vec::new(),
            glossary: glossary::Glossary::default(),
            works: None,
            templates: Vec::new(),
        }
    }

    /// Every check of the scope.
    fn everything(mut self) -> Result<Done, Interrupted> {
        self.files()?;
        let counts = self.catalogs()?;
        self.uses()?;
        Ok(Done {
            findings: self.findings,
            gaps: self.gaps,
            fixes: self.fixes,
            counts,
        })
    }

    /// The project's files besides the catalogs: the bibliography (render
    /// refuses a language whose citations Typst could not resolve, so it
    /// is read in every scope), what Typst will read (which must be inside
    /// the project: render refuses to run it otherwise), and the glossary.
    fn files(&mut self) -> Result<(), Interrupted> {
        let project = &self.workspace.project;
        self.works = crate::data::bibliography::load(project, &mut self.findings)
            .map_err(|_| Interrupted)?;
        let templates = template_files::scan(project, self.last_read);
        self.findings.extend(templates.problems);
        self.templates = templates.sources;
        if self.scope == Scope::All {
            self.glossary = glossary::Glossary::load(project, &mut self.findings);
        }
        Ok(())
    }

    /// Each language on its own, and each translation against the source.
    /// Returns each translation's counts, by tag.
    fn catalogs(&mut self) -> Result<BTreeMap<String, Counts>, Interrupted> {
        let (workspace, scope) = (self.workspace, self.scope);
        let source = workspace.source_catalog();
        let source_trees = source.map(patterns::trees).transpose()?;
        let source_entries = match (source, &source_trees) {
            (Some(source), Some(trees)) => patterns::index(source, trees),
            _ => Vec::new(),
        };
        let mut per_language = BTreeMap::new();
        for catalog in workspace.catalogs.values() {
            poll()?;
            let is_source = source.is_some_and(|s| s.language == catalog.language);
            let trees = patterns::trees(catalog)?;
            let own_entries;
            let entries = if is_source {
                &source_entries
            } else {
                own_entries = patterns::index(catalog, &trees);
                &own_entries
            };
            self.text(catalog, entries)?;
            if scope == Scope::All {
                plurals::check(catalog, &mut self.findings)?;
            }
            let Some(source) = source.filter(|_| !is_source) else {
                continue;
            };
            let sinks = compare::Sinks {
                findings: &mut self.findings,
                gaps: &mut self.gaps,
            };
            let counts = compare::compare(source, catalog, scope, sinks)?;
            per_language.insert(catalog.language.tag.clone(), counts);
            if scope == Scope::All {
                stale::check(&workspace.project, source, catalog, &mut self.findings)?;
                let source = parity::Side {
                    catalog: source,
                    entries: &source_entries,
                };
                self.against_source(&source, &parity::Side { catalog, entries })?;
            }
        }
        Ok(per_language)
    }

    /// What a translation must carry over from its source: figures, links,
    /// markup and the glossary's terms.
    fn against_source(
        &mut self,
        source: &parity::Side<'_>,
        target: &parity::Side<'_>,
    ) -> Result<(), Interrupted> {
        let separators = (
            parity::Separators::of(&source.catalog.language),
            parity::Separators::of(&target.catalog.language),
        );
        // A message with an error (a control character, broken markup) is
        // reported for that, in the translation or in its source; more on
        // it would be noise.
        let mut with_errors = self.ids_with_errors(&target.catalog.language.tag);
        with_errors.extend(self.ids_with_errors(&source.catalog.language.tag));
        parity::check(
            (source, target),
            (&separators.0, &separators.1),
            &self.glossary,
            &with_errors,
            &mut self.findings,
        )
    }

    /// The messages and attributes (`id`, `id.attribute`) of a language
    /// that have an error among the findings so far.
    fn ids_with_errors(&self, tag: &str) -> HashSet<String> {
        (self.findings.iter())
            .filter(|f| f.is_error() && f.language.as_deref() == Some(tag))
            .filter_map(|f| f.id.clone())
            .collect()
    }

    /// What one language's entries say and reference: unknown references
    /// and cycles, placeables, markup and characters, and the messages
    /// formatted as the resolver formats them.
    fn text(
        &mut self,
        catalog: &Catalog,
        entries: &[Option<patterns::Patterns<'_>>],
    ) -> Result<(), Interrupted> {
        let graph = references::Graph::of(catalog);
        references::check(catalog, &graph, &mut self.findings)?;
        placeables::check(catalog, entries, &graph, &mut self.findings)?;
        let is_source = catalog.language == self.workspace.project.manifest.source_language;
        markup::check(
            catalog,
            entries,
            is_source,
            &mut self.markup,
            &mut self.findings,
        )?;
        // Without a readable bibliography its own error says enough.
        let unreadable =
            self.workspace.project.manifest.bibliography.is_some() && self.works.is_none();
        if !unreadable {
            citations::check(catalog, entries, self.works.as_ref(), &mut self.findings)?;
        }
        self.characters
            .check_catalog(catalog, entries, &mut self.findings)?;
        if self.scope == Scope::All {
            let rules = &self.workspace.project.manifest.typography;
            typography::check(catalog, entries, rules, &mut self.findings, &mut self.fixes)?;
            if !self.glossary.is_empty() {
                glossary::check_forbidden(&self.glossary, catalog, entries, &mut self.findings)?;
            }
        }
        let errors = self.ids_with_errors(&catalog.language.tag);
        let known = formatted::Known {
            markup: &self.markup,
            patterns: entries,
            errors: &errors,
        };
        match self.scope {
            Scope::All => formatted::check(catalog, self.scope, &known, &mut self.findings),
            // Render's resolver formats these very messages next and says
            // the same, at the same place: formatting them twice would only
            // delay the first edition.
            Scope::Errors => Ok(()),
        }
    }

    /// The messages the data and the templates use exist, with the
    /// arguments they need, and the data's text can be shown; with
    /// [`Scope::All`], source messages nothing uses.
    fn uses(&mut self) -> Result<(), Interrupted> {
        let workspace = self.workspace;
        let Some(source) = workspace.source_catalog() else {
            return Ok(());
        };
        let catalogs = &workspace.catalogs;
        let templates = template_messages(&self.templates);
        if let Some(data) = &workspace.data {
            self.characters.check_data(data, &mut self.findings)?;
            let known = data::Known {
                catalogs,
                source,
                markup: &self.markup,
            };
            data::check(data, &known, &mut self.findings)?;
        }
        templates::check(&templates, catalogs, source, &mut self.findings)?;
        if self.scope == Scope::All {
            unused::check(
                source,
                workspace.data.as_ref(),
                &templates,
                catalogs,
                &mut self.findings,
            )?;
        }
        Ok(())
    }
}
