//! Rendering one edition: its Typst inputs and cache key, the up-to-date
//! check, `typst compile` into a temporary file, and publishing the result
//! (HTML finished first) by renaming it into place.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use super::cache::EditionCache;
use super::cache_key::EditionKey;
use super::html_page::{HtmlPage, PdfLink};
use super::plan::Rebuild;
use super::{Edition, Freshness, Plan, Rendered, html, print};
use crate::diagnostic::{Code, Problem, Problems, Warned};
use crate::document::LanguageLabels;
use crate::platform::files::{Durability, read_output, temporary_output};
use crate::project::{DocumentKind, Format, Layout, Project};
use crate::typst::{Compile, Input, Typst};

/// What every edition of one render shares.
pub(super) struct EditionRenderer<'a> {
    pub project: &'a Project,
    pub typst: &'a Typst,
    pub plan: &'a Plan,
    /// The stylesheet added to HTML pages.
    pub stylesheet: Option<&'a str>,
    /// The PDF creation date.
    pub timestamp: Option<i64>,
    /// The output profile of print editions (`None` without print editions,
    /// or when it could not be read).
    pub print_profile: Option<&'a print::OutputProfile>,
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
    pub(super) fn render(&self, edition: &Edition) -> Result<Rendered, Problems> {
        let started = Instant::now();
        let layout = &self.project.layout;
        let relative = edition.path(layout);
        let path = layout.build_dir().join(&relative);
        let page = (edition.format == Format::Html).then(|| self.html_page(edition));
        let inputs = self.typst_inputs(edition);
        let key = self.key(edition.format, &inputs, page.as_ref())?;
        let cache = EditionCache::new(self.project, &relative.replace('/', "-"));
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
        let job = self.compile_job(edition.format, inputs, &scratch);
        let mut problems = self
            .typst
            .compile(&job)
            .map_err(|found| in_edition(found, &label))?
            .warnings;
        self.refuse_reads_outside(&scratch.deps)
            .map_err(|found| in_edition(found, &label))?;
        let published = self.publish(edition, page.as_ref(), &scratch, &path);
        let overflows = super::overflow::explain_overprint(self.typst, &job, &published);
        let published = published.map_err(|mut found| {
            found.extend(overflows.iter().cloned());
            in_edition(found, &label)
        })?;
        problems.extend(published.warnings);
        problems.extend(overflows);
        cache.record(&key, &scratch.deps)?;
        Ok(rendered(in_edition(problems, &label), Freshness::Rendered))
    }

    /// `--input` pairs: the document(s) the template reads, for a
    /// parallel edition its partner's and the layout (facing pages in
    /// print), and for a print edition the print settings.
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
            let layout = match edition.format {
                Format::Print => Layout::Facing,
                _ => self.plan.layout,
            };
            inputs.push(Input::new("report-layout", layout.name()));
        }
        if edition.format == Format::Print {
            inputs.push(Input::new(
                "report-print",
                print::typst_input(self.project, edition),
            ));
        }
        inputs
    }

    fn key(
        &self,
        format: Format,
        inputs: &[Input],
        page: Option<&HtmlPage>,
    ) -> Result<String, Problems> {
        let manifest = &self.project.manifest;
        let profile = match format {
            Format::Print => Some(self.output_profile()?),
            _ => None,
        };
        Ok(EditionKey {
            report_version: env!("CARGO_PKG_VERSION"),
            typst: (&self.typst.version, &self.typst.path),
            format,
            inputs,
            template: &manifest.template,
            fonts: manifest.fonts.as_deref(),
            creation_timestamp: self.timestamp,
            pdf_standards: &self.pdf_standards(format),
            page,
            stylesheet: self.stylesheet,
            print_profile: profile.map(|p| &*p.bytes),
        }
        .fingerprint())
    }

    /// The print profile, read once for the render; when it could not be
    /// read (said once, by the render), print editions fail.
    fn output_profile(&self) -> Result<&print::OutputProfile, Problems> {
        self.print_profile.ok_or_else(|| {
            Problems::from(
                Problem::error(Code::Pdfx, "there is no print profile to embed")
                    .with_hint("fix the `[print] profile` error above"),
            )
        })
    }

    /// The standards Typst enforces: the manifest's for PDF editions; PDF
    /// 1.6 for print, which PDF/X-4 is built on (PDF/A and PDF/UA each
    /// want an output intent of their own, and tags want the links PDF/X
    /// does not allow on the page).
    fn pdf_standards(&self, format: Format) -> Vec<String> {
        match format {
            Format::Print => vec!["1.6".to_owned()],
            _ => self.project.manifest.pdf_standards.clone(),
        }
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

    /// Refuses the edition when Typst read a file whose real place is
    /// outside the project (a link the checks before the compile could not
    /// see, such as an image path taken from the data): its contents must
    /// not be published.
    fn refuse_reads_outside(&self, deps: &Path) -> Result<(), Problems> {
        let mut refused = Problems::default();
        for input in super::cache::read_deps(deps)? {
            if let Err(found) = self.project.files.inside_named_by_typst(&input) {
                refused.extend(found);
            }
        }
        if refused.is_empty() {
            return Ok(());
        }
        for problem in refused.iter_mut() {
            problem.hint = Some(
                "Typst read it for this edition, which was not written; copy the file into \
                 the project instead of linking to it"
                    .into(),
            );
        }
        Err(refused)
    }

    /// Temporary files beside the output (so the final rename is atomic)
    /// and in the work directory (Typst's list of what it read).
    fn scratch(&self, path: &Path) -> Result<Scratch, Problems> {
        // Only into real directories of the project: a link under build/
        // could lead the edition out of it, or onto the project's sources.
        let dir = self
            .project
            .output
            .real_dir(path.parent().unwrap_or(path))?;
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("out");
        let output = temporary_output()
            .prefix(&format!(".{}.", self.project.manifest.name))
            .suffix(&format!(".{extension}.tmp"))
            .tempfile_in(&dir)
            .map_err(|e| Problem::io("create a temporary file in", &dir, &e))?
            .into_temp_path();
        let work = self
            .project
            .output
            .real_dir(&self.project.layout.work_dir())?;
        let deps = tempfile::Builder::new()
            .prefix(".report-deps-")
            .suffix(".tmp")
            .tempfile_in(&work)
            .map_err(|e| Problem::io("create a temporary file in", &work, &e))?
            .into_temp_path();
        Ok(Scratch { output, deps })
    }

    fn compile_job(&self, format: Format, inputs: Vec<Input>, scratch: &Scratch) -> Compile {
        let manifest = &self.project.manifest;
        Compile {
            root: self.project.root.clone(),
            template: manifest.template.clone().into(),
            output: scratch.output.to_path_buf(),
            format,
            inputs,
            font_path: manifest.fonts.as_ref().map(|f| self.project.root.join(f)),
            creation_timestamp: self.timestamp,
            pdf_standards: self.pdf_standards(format),
            pdf_tags: format != Format::Print,
            deps: Some(scratch.deps.to_path_buf()),
            trace: self.plan.trace_commands,
            timeout: Some(self.plan.timeout),
        }
    }

    /// Moves Typst's output into place; an HTML page is finished first, a
    /// print edition made PDF/X and preflighted (its findings returned).
    fn publish(
        &self,
        edition: &Edition,
        page: Option<&HtmlPage>,
        scratch: &Scratch,
        path: &Path,
    ) -> Result<Warned<()>, Problems> {
        let output = &scratch.output;
        match (edition.format, page) {
            (Format::Html, Some(page)) => {
                let raw = read_output(output)
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .map_err(|e| Problem::io("read", output, &e))?;
                let finished = html::finish(&raw, &page.as_page(self.stylesheet))
                    .map_err(|e| Problems::from(Problem::error(Code::Html, e)))?;
                self.project
                    .output
                    .write(path, finished.as_bytes(), Durability::Rename)?;
                Ok(Warned::clean(()))
            }
            (Format::Print, _) => {
                let read = super::cache::read_deps(&scratch.deps).unwrap_or_default();
                print::finish(
                    self.project,
                    self.output_profile()?,
                    edition,
                    output,
                    path,
                    &read,
                )
            }
            (Format::Pdf, _) => {
                let warnings = print::overprint_warnings(self.project, output, path);
                self.project.output.publish(output, path)?;
                Warned::checked((), warnings)
            }
            _ => {
                self.project.output.publish(output, path)?;
                Ok(Warned::clean(()))
            }
        }
    }
}

fn in_edition(mut problems: Problems, label: &str) -> Problems {
    for problem in problems.iter_mut() {
        problem.editions.push(label.to_owned());
    }
    problems
}
