//! Rendering editions: every requested language and format, in parallel.
//!
//! One render loads the catalogs and data once, resolves one JSON document
//! per language, then runs one `typst compile` per edition on a small pool
//! of threads. Every output is written to a temporary file beside its final
//! path and renamed into place, so a failed or interrupted render never
//! destroys the previous good edition. When one edition fails the others
//! still finish; the failure is reported with the rest.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use indexmap::IndexMap;

use crate::build::cache::EditionCache;
use crate::build::html;
use crate::build::resolve::{self, Inputs, Missing};
use crate::check;
use crate::diagnostic::{Code, Problem, Problems, Warned};
use crate::files::write_atomically;
use crate::l10n::Catalog;
use crate::project::{Format, Language, Layout, Project};
use crate::typst::{Compile, Typst};
use crate::workspace::Workspace;

/// What to render, already checked against the project.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Languages to render, in manifest order.
    pub languages: Vec<Language>,
    /// Formats to render.
    pub formats: Vec<Format>,
    /// How many Typst processes may run at once.
    pub jobs: usize,
    /// Render with the source text where a translation is missing.
    pub allow_missing: bool,
    /// Render even editions that are up to date.
    pub force: bool,
    /// Print each Typst command line to stderr (`-vv`).
    pub trace_commands: bool,
    /// How long one edition's Typst may run before it is stopped.
    pub timeout: std::time::Duration,
    /// Language pairs to render as parallel editions (PDF and HTML), left
    /// column first.
    pub parallel: Vec<(Language, Language)>,
    /// How parallel PDFs are laid out.
    pub layout: Layout,
}

impl Plan {
    /// A language's single editions, in the plan's format order.
    pub fn single_editions<'a>(
        &'a self,
        language: &'a Language,
    ) -> impl Iterator<Item = Edition> + 'a {
        self.formats.iter().map(move |format| Edition {
            language: language.clone(),
            partner: None,
            format: *format,
        })
    }

    /// A parallel pair's editions: its PDF and its HTML page.
    pub fn pair_editions(left: &Language, right: &Language) -> [Edition; 2] {
        [Format::Pdf, Format::Html].map(|format| Edition {
            language: left.clone(),
            partner: Some(right.clone()),
            format,
        })
    }

    /// How many editions the plan renders when every language succeeds.
    pub fn edition_count(&self) -> usize {
        self.languages.len() * self.formats.len() + self.parallel.len() * 2
    }
}

/// One output of a render: a language (or, for a parallel edition, a
/// language pair) in one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The language (the left column of a parallel edition).
    pub language: Language,
    /// For a parallel edition, the right column's language.
    pub partner: Option<Language>,
    /// PDF or HTML.
    pub format: Format,
}

impl Edition {
    /// `es pdf`, or `es-en parallel pdf`.
    pub fn label(&self) -> String {
        match &self.partner {
            Some(partner) => format!(
                "{}-{partner} parallel {}",
                self.language,
                self.format.name()
            ),
            None => format!("{} {}", self.language, self.format.name()),
        }
    }

    /// Where it is written, relative to `build/`.
    pub fn output_path(&self, project: &Project) -> String {
        match &self.partner {
            Some(partner) => format!(
                "parallel/{}.{}-{partner}.{}",
                project.manifest.name,
                self.language,
                self.format.name()
            ),
            None => resolve::output_path(project, &self.language, self.format),
        }
    }
}

/// One edition that was written.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Its language (a parallel edition's left column).
    pub language: Language,
    /// A parallel edition's right column.
    pub partner: Option<Language>,
    /// Its format.
    pub format: Format,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// How long Typst and the post-processing took.
    pub elapsed: Duration,
    /// Typst's warnings for this edition.
    pub warnings: Problems,
    /// True when nothing changed and the edition was left as it was.
    pub up_to_date: bool,
}

/// The result of a render: what was written, what failed, and every problem.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Editions written, in plan order.
    pub rendered: Vec<Rendered>,
    /// Editions that could not be rendered.
    pub failed: Vec<Edition>,
    /// Errors and warnings, in the order found.
    pub problems: Problems,
}

/// The name of the directory under `build/` that holds resolved documents.
pub const WORK_DIR: &str = ".report";

/// An exclusive lock on a project's build directory, held while rendering,
/// so that two `report` processes never write the same editions at once.
/// It is released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct BuildLock {
    _file: fs::File,
}

impl BuildLock {
    /// Takes the lock, calling `on_wait` first if another process holds it.
    pub fn acquire(project: &Project, on_wait: impl FnOnce()) -> Result<Self, Problems> {
        let build = project.build_dir();
        // Editions are written only into a real build/ inside the project:
        // a link could make them overwrite the project's own sources.
        if fs::symlink_metadata(&build).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Problem::error(
                Code::PathOutsideProject,
                format!(
                    "`{}` is a link; report writes editions only into a real directory",
                    build.display()
                ),
            )
            .with_hint("remove the link (report creates build/ itself)")
            .into());
        }
        let dir = build.join(WORK_DIR);
        fs::create_dir_all(&dir).map_err(|e| Problem::io("create", &dir, &e))?;
        let path = dir.join("lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Problem::io("open", &path, &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(|e| Problem::io("lock", &path, &e))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(Problem::io("lock", &path, &e).into()),
        }
        Ok(Self { _file: file })
    }
}

/// Findings of `report check` that rendering leaves to the resolver.
const RESOLVER_REPORTS: [Code; 2] = [Code::MissingMessage, Code::MissingFile];

/// The resolved documents of a plan's languages, before any Typst runs.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Problems found, and editions that cannot render.
    pub outcome: Outcome,
    /// Languages whose document was written, with its path.
    pub documents: Vec<(Language, PathBuf)>,
    /// Languages whose parallel-edition document was written, with its path.
    pub parallel_documents: Vec<(Language, PathBuf)>,
    /// Each language's name in itself and its switcher label (catalogs are
    /// not shareable between threads, so these are formatted up front).
    pub names: IndexMap<String, (String, String)>,
}

/// Loads, checks and resolves every language of the plan, writing one JSON
/// document per language under `build/.report/`. A language with errors
/// (the checks of `report check`, except missing translations, which the
/// resolver reports as one list, or fills in with --allow-missing) gets no
/// document and its editions are marked failed.
pub fn prepare(project: &Project, plan: &Plan) -> Prepared {
    prepare_streaming(project, plan, &mut |_| {})
}

/// [`prepare`], calling `on_document` with what is prepared so far each time
/// a document is written, so that a language's editions can start while the
/// next language is resolved.
pub fn prepare_streaming(
    project: &Project,
    plan: &Plan,
    on_document: &mut dyn FnMut(&Prepared),
) -> Prepared {
    let mut prepared = Prepared::default();
    let outcome = &mut prepared.outcome;
    // The editions a language's failure takes down: its own, and every
    // parallel edition it is part of.
    let editions_of = |language: &Language| -> Vec<Edition> {
        let pairs = plan
            .parallel
            .iter()
            .filter(|(l, r)| l == language || r == language)
            .flat_map(|(l, r)| Plan::pair_editions(l, r));
        plan.single_editions(language).chain(pairs).collect()
    };
    let every_edition = |outcome: &mut Outcome| {
        for language in &plan.languages {
            for edition in editions_of(language) {
                if !outcome.failed.contains(&edition) {
                    outcome.failed.push(edition);
                }
            }
        }
    };
    let Warned {
        value: workspace,
        problems: load_problems,
    } = Workspace::load(project.clone());
    let catalogs = &workspace.catalogs;
    prepared.names = project
        .manifest
        .languages
        .iter()
        .map(|l| {
            let name = plain_message(catalogs, l, resolve::LANGUAGE_NAME_MESSAGE);
            let label = plain_message(catalogs, l, "language-switcher");
            (
                l.tag.clone(),
                (
                    name.unwrap_or_else(|| l.tag.clone()),
                    label.unwrap_or_else(|| "Languages".to_owned()),
                ),
            )
        })
        .collect();
    let Some(data) = &workspace.data else {
        outcome
            .problems
            .0
            .extend(load_problems.0.into_iter().filter(Problem::is_error));
        every_edition(outcome);
        return prepared;
    };
    // A language with errors is not rendered: the same checks as `report
    // check`, except missing translations, which the resolver reports as
    // one list per language (or fills in with --allow-missing).
    let involved: Vec<&Language> = plan
        .languages
        .iter()
        .chain(plan.parallel.iter().flat_map(|(l, r)| [l, r]))
        .collect();
    let report = check::check(&workspace, load_problems, crate::check::Scope::Errors);
    let mut blocked: Vec<String> = Vec::new();
    let mut left_to_resolver = Vec::new();
    for finding in report.findings {
        let rendered = finding
            .language
            .as_ref()
            .is_none_or(|tag| involved.iter().any(|l| &l.tag == tag));
        if !finding.is_error() || !rendered {
            continue;
        }
        if RESOLVER_REPORTS.contains(&finding.code) {
            left_to_resolver.push(finding);
            continue;
        }
        match &finding.language {
            Some(tag) => blocked.push(tag.clone()),
            None => blocked.extend(involved.iter().map(|l| l.tag.clone())),
        }
        outcome.problems.push(finding);
    }
    // The resolver never sees a blocked language, so its gaps are told here.
    outcome.problems.0.extend(
        left_to_resolver
            .into_iter()
            .filter(|f| f.language.as_ref().is_some_and(|tag| blocked.contains(tag))),
    );
    let build = project.build_dir();
    let fail = |outcome: &mut Outcome, editions: Vec<Edition>| {
        for edition in editions {
            if !outcome.failed.contains(&edition) {
                outcome.failed.push(edition);
            }
        }
    };
    let single_policy = if plan.allow_missing {
        Missing::Fallback
    } else {
        Missing::Error
    };
    let mut jobs: Vec<(Language, Missing, PathBuf)> = Vec::new();
    if !plan.formats.is_empty() {
        for language in &plan.languages {
            let path = build.join(WORK_DIR).join(format!("{}.json", language.tag));
            jobs.push((language.clone(), single_policy, path));
        }
    }
    // Parallel editions show a translation's gaps instead of failing.
    let parallel_policy = if plan.allow_missing {
        Missing::Fallback
    } else {
        Missing::Gap
    };
    let mut parallel_languages: Vec<&Language> = Vec::new();
    for language in plan.parallel.iter().flat_map(|(l, r)| [l, r]) {
        if !parallel_languages.contains(&language) {
            parallel_languages.push(language);
            let path = build
                .join(WORK_DIR)
                .join(format!("{}.parallel.json", language.tag));
            jobs.push((language.clone(), parallel_policy, path));
        }
    }
    for (language, missing, path) in jobs {
        let parallel = path.to_string_lossy().ends_with(".parallel.json");
        let editions: Vec<Edition> = if parallel {
            editions_of(&language)
                .into_iter()
                .filter(|e| e.partner.is_some())
                .collect()
        } else {
            editions_of(&language)
                .into_iter()
                .filter(|e| e.partner.is_none())
                .collect()
        };
        if blocked.contains(&language.tag) {
            fail(&mut prepared.outcome, editions);
            continue;
        }
        let inputs = Inputs {
            project,
            catalogs,
            data,
            missing,
        };
        let written = resolve::resolve(&inputs, &language).and_then(|(document, warnings)| {
            let text = serde_json::to_vec(&document).map_err(|e| {
                Problems::from(Problem::error(
                    Code::Json,
                    format!("failed to serialize the {language} document ({e})"),
                ))
            })?;
            // Unchanged documents keep their file, so Typst (and `watch`) sees no change.
            if fs::read(&path).ok().as_deref() != Some(text.as_slice()) {
                write_atomically(&path, &text)?;
            }
            Ok(warnings)
        });
        match written {
            Ok(warnings) => {
                // Gaps are told once, for the parallel document.
                prepared.outcome.problems.extend(warnings);
                if parallel {
                    prepared.parallel_documents.push((language, path));
                } else {
                    prepared.documents.push((language, path));
                }
                on_document(&prepared);
            }
            Err(problems) => {
                prepared.outcome.problems.extend(problems);
                fail(&mut prepared.outcome, editions);
            }
        }
    }
    prepared
}

/// Renders the plan. `on_rendered` is called as each edition is written
/// (from worker threads), so progress can be shown while others run.
///
/// The workers start at once and take editions from a queue that the
/// preparation fills: a language's editions are queued as soon as its
/// document is written, and a parallel pair's once both of its documents
/// are, so Typst starts on the first language while the next is resolved.
pub fn render(
    project: &Project,
    typst: &Typst,
    plan: &Plan,
    on_rendered: &(dyn Fn(&Rendered) + Sync),
) -> Outcome {
    let mut problems = Problems::default();
    let stylesheet = match &project.manifest.stylesheet {
        Some(path) => match fs::read_to_string(project.root.join(path)) {
            Ok(css) => Some(css),
            Err(e) => {
                problems.push(Problem::io("read", path, &e));
                None
            }
        },
        None => None,
    };
    let context = JobContext {
        project,
        typst,
        plan,
        stylesheet: stylesheet.as_deref(),
        timestamp: creation_timestamp(project),
        names: OnceLock::new(),
    };
    let (sender, receiver) = mpsc::channel::<(usize, Edition)>();
    let receiver = Mutex::new(receiver);
    let results: Mutex<Vec<EditionResult>> = Mutex::new(Vec::new());
    let workers = plan.jobs.clamp(1, plan.edition_count().max(1));
    let prepared = std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if crate::interrupt::interrupted() {
                        break;
                    }
                    // Hold the lock only to take the next edition.
                    let next = receiver.lock().ok().and_then(|r| r.recv().ok());
                    let Some((index, edition)) = next else {
                        break;
                    };
                    let result = context.render_edition(&edition);
                    if let Ok(rendered) = &result {
                        on_rendered(rendered);
                    }
                    if let Ok(mut results) = results.lock() {
                        results.push((index, edition, result));
                    }
                }
            });
        }
        let mut queued: Vec<Edition> = Vec::new();
        let prepared = prepare_streaming(project, plan, &mut |prepared| {
            context.names.get_or_init(|| prepared.names.clone());
            for edition in ready_editions(plan, prepared) {
                if !queued.contains(&edition) {
                    // A closed queue means every worker stopped (an interrupt);
                    // the edition then counts as not rendered below.
                    let _ = sender.send((queued.len(), edition.clone()));
                    queued.push(edition);
                }
            }
        });
        // No more editions: the workers finish the queue and stop.
        drop(sender);
        prepared
    });
    let mut outcome = prepared.outcome;
    outcome.problems.extend(problems);
    // Editions an interrupt kept from starting keep their previous files.
    if let Ok(receiver) = receiver.into_inner() {
        for (_, edition) in receiver.try_iter() {
            outcome.failed.push(edition);
        }
    }
    if crate::interrupt::interrupted() {
        outcome.problems.push(
            Problem::error(
                Code::Interrupted,
                "interrupted: Typst was stopped and unfinished files removed",
            )
            .with_hint("every edition that did not finish keeps its previous file"),
        );
    }
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(index, ..)| *index);
    let mut edition_problems = Vec::new();
    for (_, edition, result) in results {
        match result {
            Ok(mut rendered) => {
                edition_problems.extend(std::mem::take(&mut rendered.warnings).0);
                outcome.rendered.push(rendered);
            }
            Err(problems) => {
                edition_problems.extend(problems.0);
                outcome.failed.push(edition);
            }
        }
    }
    outcome
        .problems
        .0
        .extend(merge_edition_problems(edition_problems));
    outcome
}

/// The editions whose documents are written: each prepared language's
/// single editions, in the plan's format order, then every parallel pair
/// both of whose documents are written.
fn ready_editions(plan: &Plan, prepared: &Prepared) -> Vec<Edition> {
    let singles = prepared
        .documents
        .iter()
        .flat_map(|(language, _)| plan.single_editions(language));
    let written = |language: &Language| {
        prepared
            .parallel_documents
            .iter()
            .any(|(l, _)| l == language)
    };
    let pairs = plan
        .parallel
        .iter()
        .filter(|(left, right)| written(left) && written(right))
        .flat_map(|(left, right)| Plan::pair_editions(left, right));
    singles.chain(pairs).collect()
}

/// An edition's place in the plan, the edition, and what came of it.
type EditionResult = (usize, Edition, Result<Rendered, Problems>);

struct JobContext<'a> {
    project: &'a Project,
    typst: &'a Typst,
    plan: &'a Plan,
    stylesheet: Option<&'a str>,
    timestamp: Option<i64>,
    /// Each language's name in itself and its switcher label (catalogs are
    /// not shareable between threads, so these are formatted up front); set
    /// before the first edition is queued.
    names: OnceLock<IndexMap<String, (String, String)>>,
}

impl JobContext<'_> {
    fn render_edition(&self, edition: &Edition) -> Result<Rendered, Problems> {
        let (language, format) = (&edition.language, edition.format);
        let started = Instant::now();
        let build = self.project.build_dir();
        let relative = edition.output_path(self.project);
        let path = build.join(&relative);
        let dir = path.parent().unwrap_or(&build).to_owned();
        let manifest = &self.project.manifest;
        let page = match format {
            Format::Html => Some(self.html_page(edition)),
            Format::Pdf => None,
        };
        let inputs = match &edition.partner {
            None => vec![(
                "report-data".to_owned(),
                format!("/build/{WORK_DIR}/{}.json", language.tag),
            )],
            Some(partner) => vec![
                (
                    "report-data".to_owned(),
                    format!("/build/{WORK_DIR}/{}.parallel.json", language.tag),
                ),
                (
                    "report-parallel".to_owned(),
                    format!("/build/{WORK_DIR}/{}.parallel.json", partner.tag),
                ),
                (
                    "report-layout".to_owned(),
                    self.plan.layout.name().to_owned(),
                ),
            ],
        };
        // Everything about the edition that is not a file Typst reads.
        let key = crate::build::cache::fingerprint(
            format!(
                "report {}\ntypst {} at {}\n{}\ninputs {:?}\ntemplate {}\nfonts {:?}\ntimestamp {:?}\nstandards {:?}\nhtml {:?}\nstylesheet {}",
                env!("CARGO_PKG_VERSION"),
                self.typst.version,
                self.typst.path.display(),
                format.name(),
                inputs,
                manifest.template.display(),
                manifest.fonts,
                self.timestamp.filter(|_| format == Format::Pdf),
                Some(&manifest.pdf_standards).filter(|_| format == Format::Pdf),
                page,
                self.stylesheet
                    .filter(|_| format == Format::Html)
                    .map(|css| crate::build::cache::fingerprint(css.as_bytes()))
                    .unwrap_or_default(),
            )
            .as_bytes(),
        );
        let cache = EditionCache::new(
            &self.project.root,
            &build.join(WORK_DIR).join("cache"),
            &relative.replace('/', "-"),
        );
        if !self.plan.force && cache.is_fresh(&path, &key) {
            return Ok(Rendered {
                language: language.clone(),
                partner: edition.partner.clone(),
                format,
                bytes: fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
                path,
                elapsed: started.elapsed(),
                warnings: Problems::default(),
                up_to_date: true,
            });
        }
        cache.forget()?;
        fs::create_dir_all(&dir).map_err(|e| Problem::io("create", &dir, &e))?;
        // Typst writes beside the final file; the rename below is atomic.
        let temporary = crate::files::temporary_output()
            .prefix(&format!(".{}.", self.project.manifest.name))
            .suffix(&format!(".{}.tmp", format.name()))
            .tempfile_in(&dir)
            .map_err(|e| Problem::io("create a temporary file in", &dir, &e))?
            .into_temp_path();
        let deps = tempfile::Builder::new()
            .prefix(".report-deps-")
            .suffix(".json")
            .tempfile_in(build.join(WORK_DIR))
            .map_err(|e| Problem::io("create a temporary file in", &build, &e))?
            .into_temp_path();
        let job = Compile {
            root: self.project.root.clone(),
            template: manifest.template.clone(),
            output: temporary.to_path_buf(),
            format,
            inputs,
            font_path: manifest.fonts.as_ref().map(|f| self.project.root.join(f)),
            creation_timestamp: self.timestamp,
            pdf_standards: manifest.pdf_standards.clone(),
            deps: Some(deps.to_path_buf()),
            trace: self.plan.trace_commands,
            timeout: Some(self.plan.timeout),
        };
        let label = edition.label();
        let mut problems = self.typst.compile(&job).map_err(|mut found| {
            for problem in &mut found.0 {
                tag_edition(problem, &label);
            }
            found
        })?;
        match format {
            Format::Pdf => {
                temporary
                    .persist(&path)
                    .map_err(|e| Problem::io("replace", &path, &e.error))?;
            }
            Format::Html => {
                let raw = fs::read_to_string(&temporary)
                    .map_err(|e| Problem::io("read", &temporary, &e))?;
                let page = page.as_ref().expect("HTML editions have a page");
                let finished = html::finish(&raw, &page.as_page(self.stylesheet))
                    .map_err(|e| Problems::from(Problem::error(Code::Html, e)))?;
                write_atomically(&path, finished.as_bytes())?;
            }
        }
        cache.record(&key, &deps)?;
        problems.0.retain(|p| !p.is_error());
        for warning in &mut problems.0 {
            tag_edition(warning, &label);
        }
        let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(Rendered {
            language: language.clone(),
            partner: edition.partner.clone(),
            format,
            path,
            bytes,
            elapsed: started.elapsed(),
            warnings: problems,
            up_to_date: false,
        })
    }

    /// What the HTML edition of `language` links to and is labelled with.
    fn html_page(&self, edition: &Edition) -> HtmlPage {
        let language = &edition.language;
        let here = edition.output_path(self.project);
        let editions = self
            .project
            .manifest
            .languages
            .iter()
            .map(|other| html::Alternate {
                lang: other.tag.clone(),
                name: self
                    .names
                    .get()
                    .and_then(|names| names.get(&other.tag))
                    .map_or_else(|| other.tag.clone(), |n| n.0.clone()),
                href: relative_href(
                    &here,
                    &resolve::output_path(self.project, other, Format::Html),
                ),
            })
            .collect();
        let pdf = Edition {
            format: Format::Pdf,
            ..edition.clone()
        };
        let pdf_href = (edition.partner.is_some() || self.plan.formats.contains(&Format::Pdf))
            .then(|| relative_href(&here, &pdf.output_path(self.project)));
        let switcher_label = self
            .names
            .get()
            .and_then(|names| names.get(&language.tag))
            .map_or_else(|| "Languages".to_owned(), |n| n.1.clone());
        HtmlPage {
            lang: language.tag.clone(),
            editions,
            pdf_href,
            switcher_label,
            parallel: edition.partner.is_some(),
        }
    }
}

/// The owned parts of an [`html::Page`], computed before rendering so they
/// can also key the cache.
#[derive(Debug)]
struct HtmlPage {
    lang: String,
    editions: Vec<html::Alternate>,
    pdf_href: Option<String>,
    switcher_label: String,
    parallel: bool,
}

impl HtmlPage {
    fn as_page<'a>(&'a self, stylesheet: Option<&'a str>) -> html::Page<'a> {
        html::Page {
            lang: &self.lang,
            editions: &self.editions,
            pdf_href: self.pdf_href.as_deref(),
            stylesheet,
            switcher_label: &self.switcher_label,
            parallel: self.parallel,
        }
    }
}

/// A message as plain text, if the language has it.
fn plain_message(
    catalogs: &IndexMap<String, Catalog>,
    language: &Language,
    id: &str,
) -> Option<String> {
    let catalog = catalogs.get(&language.tag)?;
    catalog.message(id)?;
    let text = catalog.format(id, None, None).0;
    Some(
        crate::l10n::markup::parse(&text)
            .map_or(text, |spans| crate::l10n::markup::plain_text(&spans)),
    )
}

/// The note that names the editions a Typst problem came from.
const EDITIONS_NOTE: &str = "in the edition(s): ";

fn tag_edition(problem: &mut Problem, edition: &str) {
    problem.notes.insert(0, format!("{EDITIONS_NOTE}{edition}"));
}

/// One template error breaks every edition the same way; it is reported
/// once, naming all of them.
fn merge_edition_problems(problems: Vec<Problem>) -> Vec<Problem> {
    let mut merged: Vec<Problem> = Vec::new();
    for problem in problems {
        let edition = problem
            .notes
            .first()
            .and_then(|n| n.strip_prefix(EDITIONS_NOTE))
            .map(str::to_owned);
        let same = merged.iter_mut().find(|m| {
            m.code == problem.code
                && m.severity == problem.severity
                && m.message == problem.message
                && m.location.as_ref().map(|l| l.display())
                    == problem.location.as_ref().map(|l| l.display())
                && m.notes
                    .first()
                    .is_some_and(|n| n.starts_with(EDITIONS_NOTE))
        });
        match (same, edition) {
            (Some(existing), Some(edition)) => existing.notes[0].push_str(&format!(", {edition}")),
            _ => merged.push(problem),
        }
    }
    merged
}

/// A link from one build-relative file to another ("es/index.html" →
/// "en/index.html" gives "../en/index.html").
fn relative_href(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = Path::new(from)
        .parent()
        .map(|p| p.iter().filter_map(|c| c.to_str()).collect())
        .unwrap_or_default();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// The PDF creation date: `SOURCE_DATE_EPOCH` when set (reproducible builds
/// convention), else the manifest's publication date at midnight UTC.
fn creation_timestamp(project: &Project) -> Option<i64> {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return Some(epoch);
    }
    let date = project.manifest.date?;
    Some(
        days_from_civil(
            i64::from(date.year),
            i64::from(date.month),
            i64::from(date.day),
        ) * 86_400,
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_editions() {
        assert_eq!(
            relative_href("es/index.html", "en/index.html"),
            "../en/index.html"
        );
        assert_eq!(relative_href("es/index.html", "es/r.pdf"), "r.pdf");
        assert_eq!(
            relative_href("es/index.html", "es/index.html"),
            "index.html"
        );
    }

    #[test]
    fn civil_dates_to_epoch_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2024, 4, 3) * 86_400, 1_712_102_400);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
