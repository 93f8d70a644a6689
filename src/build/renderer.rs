//! Rendering one edition: its Typst inputs and cache key, the up-to-date
//! check, `typst compile` into a temporary file, and publishing the result
//! (HTML finished first) by renaming it into place.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use super::cache::EditionCache;
use super::cache_key::EditionKey;
use super::html_page::{HtmlPage, PdfLink};
use super::plan::Rebuild;
use super::{Edition, Freshness, LanguageLabels, Plan, Rendered, html};
use crate::diagnostic::{Code, Problem, Problems};
use crate::files::{temporary_output, write_atomically};
use crate::project::{DocumentKind, Format, Project};
use crate::typst::{Compile, Input, Typst};

/// What every edition of one render shares.
pub struct EditionRenderer<'a> {
    /// The project.
    pub project: &'a Project,
    /// The compiler.
    pub typst: &'a Typst,
    /// The plan.
    pub plan: &'a Plan,
    /// The stylesheet added to HTML pages.
    pub stylesheet: Option<&'a str>,
    /// The PDF creation date.
    pub timestamp: Option<i64>,
    /// Language names and switcher labels; set before the first edition
    /// is queued (they come from the catalogs, loaded meanwhile).
    pub labels: OnceLock<LanguageLabels>,
}

/// An edition's output and scratch files while Typst runs.
struct Scratch {
    output: tempfile::TempPath,
    deps: tempfile::TempPath,
}

impl EditionRenderer<'_> {
    /// Renders one edition, or finds it up to date.
    pub fn render(&self, edition: &Edition) -> Result<Rendered, Problems> {
        let started = Instant::now();
        let layout = &self.project.layout;
        let relative = edition.path(layout);
        let path = layout.build_dir().join(&relative);
        let page = (edition.format == Format::Html).then(|| self.html_page(edition));
        let inputs = self.typst_inputs(edition);
        let key = self.key(edition.format, &inputs, page.as_ref());
        let cache = EditionCache::new(
            &self.project.root,
            &layout.cache_dir(),
            &relative.replace('/', "-"),
        );
        let rendered = |warnings, freshness| Rendered {
            edition: edition.clone(),
            bytes: fs::metadata(&path).map_or(0, |m| m.len()),
            path: path.clone(),
            elapsed: started.elapsed(),
            warnings,
            freshness,
        };
        if self.plan.rebuild == Rebuild::Changed && cache.is_fresh(&path, &key) {
            return Ok(rendered(Problems::default(), Freshness::UpToDate));
        }
        cache.forget()?;
        let scratch = self.scratch(&path)?;
        let label = edition.label();
        let mut problems = self
            .compile(edition.format, inputs, &scratch)
            .map_err(|found| in_edition(found, &label))?;
        self.publish(edition.format, page.as_ref(), scratch.output, &path)?;
        cache.record(&key, &scratch.deps)?;
        problems.0.retain(|p| !p.is_error());
        Ok(rendered(in_edition(problems, &label), Freshness::Rendered))
    }

    /// `--input` pairs: the document(s) the template reads, and for a
    /// parallel edition its partner's and the layout.
    fn typst_inputs(&self, edition: &Edition) -> Vec<Input> {
        let layout = &self.project.layout;
        let kind = edition.document_kind();
        let mut inputs = vec![Input::new(
            "report-data",
            layout.document_for_typst(&edition.language, kind),
        )];
        if let Some(partner) = &edition.partner {
            inputs.push(Input::new(
                "report-parallel",
                layout.document_for_typst(partner, DocumentKind::Parallel),
            ));
            inputs.push(Input::new("report-layout", self.plan.layout.name()));
        }
        inputs
    }

    fn key(&self, format: Format, inputs: &[Input], page: Option<&HtmlPage>) -> String {
        let manifest = &self.project.manifest;
        EditionKey {
            report_version: env!("CARGO_PKG_VERSION"),
            typst: (&self.typst.version, &self.typst.path),
            format,
            inputs,
            template: &manifest.template,
            fonts: manifest.fonts.as_deref(),
            creation_timestamp: self.timestamp,
            pdf_standards: &manifest.pdf_standards,
            page,
            stylesheet: self.stylesheet,
        }
        .fingerprint()
    }

    fn html_page(&self, edition: &Edition) -> HtmlPage {
        let pdf = if self.plan.formats.contains(&Format::Pdf) {
            PdfLink::Link
        } else {
            PdfLink::None
        };
        let fallback = LanguageLabels::default();
        HtmlPage::new(
            edition,
            &self.project.layout,
            &self.project.manifest.languages,
            self.labels.get().unwrap_or(&fallback),
            pdf,
        )
    }

    /// Temporary files beside the output (so the final rename is atomic)
    /// and in the work directory (Typst's list of what it read).
    fn scratch(&self, path: &Path) -> Result<Scratch, Problems> {
        let dir = path.parent().unwrap_or(path).to_owned();
        fs::create_dir_all(&dir).map_err(|e| Problem::io("create", &dir, &e))?;
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("out");
        let output = temporary_output()
            .prefix(&format!(".{}.", self.project.manifest.name))
            .suffix(&format!(".{extension}.tmp"))
            .tempfile_in(&dir)
            .map_err(|e| Problem::io("create a temporary file in", &dir, &e))?
            .into_temp_path();
        let work = self.project.layout.work_dir();
        let deps = tempfile::Builder::new()
            .prefix(".report-deps-")
            .suffix(".tmp")
            .tempfile_in(&work)
            .map_err(|e| Problem::io("create a temporary file in", &work, &e))?
            .into_temp_path();
        Ok(Scratch { output, deps })
    }

    fn compile(
        &self,
        format: Format,
        inputs: Vec<Input>,
        scratch: &Scratch,
    ) -> Result<Problems, Problems> {
        let manifest = &self.project.manifest;
        self.typst.compile(&Compile {
            root: self.project.root.clone(),
            template: manifest.template.clone(),
            output: scratch.output.to_path_buf(),
            format,
            inputs,
            font_path: manifest.fonts.as_ref().map(|f| self.project.root.join(f)),
            creation_timestamp: self.timestamp,
            pdf_standards: manifest.pdf_standards.clone(),
            deps: Some(scratch.deps.to_path_buf()),
            trace: self.plan.trace_commands,
            timeout: Some(self.plan.timeout),
        })
    }

    /// Moves Typst's output into place; an HTML page is finished first.
    fn publish(
        &self,
        format: Format,
        page: Option<&HtmlPage>,
        output: tempfile::TempPath,
        path: &PathBuf,
    ) -> Result<(), Problems> {
        match (format, page) {
            (Format::Html, Some(page)) => {
                let raw =
                    fs::read_to_string(&output).map_err(|e| Problem::io("read", &output, &e))?;
                let finished = html::finish(&raw, &page.as_page(self.stylesheet))
                    .map_err(|e| Problems::from(Problem::error(Code::Html, e)))?;
                write_atomically(path, finished.as_bytes())
            }
            _ => output
                .persist(path)
                .map_err(|e| Problem::io("replace", path, &e.error).into()),
        }
    }
}

fn in_edition(mut problems: Problems, label: &str) -> Problems {
    for problem in &mut problems.0 {
        problem.editions.push(label.to_owned());
    }
    problems
}
