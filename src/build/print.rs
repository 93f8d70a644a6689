//! The print step of a render: what a print edition tells Typst
//! (`report-print`: trim, bleed, marks, slug, page multiple, facing
//! margins) and how its PDF is finished — made PDF/X-4, read back by
//! preflight, and only then written in place of the old edition.

use std::borrow::Cow;
use std::path::Path;

use serde_json::json;

use super::Edition;
use crate::diagnostic::{Code, Problem, Problems, Warned};
use crate::platform::files::{Durability, list_outputs, read_named, read_output};
use crate::print::pdfx::{PdfxJob, make_pdfx};
use crate::print::preflight::{self, ImageNames, Limits, PreflightError};
use crate::project::Project;
use crate::project::print::{PrintSettings, ProfileSource, profile};

/// The Typst `--input` value `report-print` for `edition`: the settings
/// in millimetres and the slug line's text.
pub(crate) fn typst_input(project: &Project, edition: &Edition) -> String {
    let manifest = &project.manifest;
    let settings = &manifest.print;
    let mut slug = vec![manifest.name.clone(), edition.languages()];
    if let Some(date) = manifest.date {
        slug.push(date.to_string());
    }
    json!({
        "trim": { "width": settings.trim.width.in_mm(), "height": settings.trim.height.in_mm() },
        "bleed": settings.bleed.in_mm(),
        "marks": settings.marks,
        "mark-area": settings.mark_area().in_mm(),
        "multiple": settings.page_multiple,
        "facing": settings.facing.map(|f| json!({ "inner": f.inner.in_mm(), "outer": f.outer.in_mm() })),
        "slug": slug.join(" · "),
    })
    .to_string()
}

/// The output intent's profile and the printing condition it names.
#[derive(Debug, Clone)]
pub(crate) struct OutputProfile {
    /// The ICC profile.
    pub bytes: Cow<'static, [u8]>,
    /// Its `OutputConditionIdentifier`.
    pub condition: String,
}

impl OutputProfile {
    /// The built-in profile, or the project's file (read once per render:
    /// every print edition's cache key and output intent use it).
    pub(crate) fn read(project: &Project) -> Result<Self, Problems> {
        match &project.manifest.print.profile {
            ProfileSource::BuiltIn => Ok(Self {
                bytes: Cow::Borrowed(profile::BUILT_IN),
                condition: profile::BUILT_IN_CONDITION.to_owned(),
            }),
            ProfileSource::File(path) => {
                let bytes = project.files.read(path)?;
                let condition =
                    profile::description(&bytes).unwrap_or_else(|| path.display().to_string());
                Ok(Self {
                    bytes: Cow::Owned(bytes),
                    condition,
                })
            }
        }
    }
}

/// The thresholds of preflight for these settings.
pub(crate) fn limits(settings: &PrintSettings) -> Limits {
    Limits {
        min_ppi: preflight::MIN_PPI,
        min_line: preflight::MIN_LINE_PT,
        safe_margin: settings.safe_margin.in_pt(),
        expect_marks: settings.marks,
    }
}

/// Finishes Typst's PDF at `output` into the print edition at `path`:
/// PDF/X-4, then preflight. Nothing is written when either step fails or
/// preflight finds an error (as a print shop's preflight refuses a file);
/// its warnings come back with the edition.
pub(crate) fn finish(
    project: &Project,
    profile: &OutputProfile,
    edition: &Edition,
    output: &Path,
    path: &Path,
    read_files: &[String],
) -> Result<Warned<()>, Problems> {
    let raw = read_output(output).map_err(|e| Problem::io("read", output, &e))?;
    let settings = &project.manifest.print;
    let title = project.manifest.name.clone();
    let job = PdfxJob {
        settings,
        profile: &profile.bytes,
        condition: &profile.condition,
        language: &edition.language.tag,
        fallback_title: &title,
    };
    let pdfx = make_pdfx(&raw, &job).map_err(|e| {
        Problems::from(
            Problem::error(Code::Pdfx, format!("failed to make the print edition PDF/X ({e})"))
                .with_hint("the template must set its pages with `page-setup(...)` and apply `#show: setup` from report's template library; a page that sets both its own `foreground` and `background` must keep `print-foreground()` in one of them (docs/templates.md, Print editions)"),
        )
    })?;
    let names = ImageNames::from_files(&project.root, read_files.iter().map(String::as_str));
    let limits = limits(settings);
    let findings = preflight::preflight(&pdfx, &limits, &names).map_err(|e| match e {
        PreflightError::Interrupted => {
            Problems::from(Problem::error(Code::Interrupted, "stopped by an interrupt"))
        }
        PreflightError::Unreadable(why) => Problems::from(Problem::error(
            Code::Pdfx,
            format!("failed to read the PDF/X file back ({why})"),
        )),
    })?;
    let shown = path
        .strip_prefix(&project.root)
        .unwrap_or(path)
        .display()
        .to_string();
    let checked = Warned::checked((), preflight::problems(&findings, &shown, &limits))?;
    project.output.write(path, &pdfx, Durability::Rename)?;
    Ok(checked)
}

/// The overprinted text of a screen PDF edition (Typst's output at
/// `output`, to be published at `path`), as warnings: a reader sees the
/// page, but the edition is still written. A file that cannot be read back
/// is not checked (Typst wrote it; the print editions are preflighted in
/// full).
pub(crate) fn overprint_warnings(project: &Project, output: &Path, path: &Path) -> Problems {
    let Ok(bytes) = read_output(output) else {
        return Problems::default();
    };
    let Ok(findings) = preflight::overprinted(&bytes) else {
        return Problems::default();
    };
    let shown = path
        .strip_prefix(&project.root)
        .unwrap_or(path)
        .display()
        .to_string();
    let mut problems = preflight::problems(&findings, &shown, &limits(&project.manifest.print));
    for problem in problems.iter_mut() {
        problem.severity = crate::diagnostic::Severity::Warning;
    }
    problems
}

/// The print editions under `build/print/`, sorted.
pub(crate) fn print_editions(project: &Project) -> Vec<std::path::PathBuf> {
    list_outputs(&project.layout.print_dir())
        .unwrap_or_default()
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

/// Preflights PDF files (`report preflight`): with the project's settings
/// (safe margin, marks) and, for its own print editions, the image files
/// their last render read; without a project, with the defaults and no
/// marks expected. An interrupt stops at the next page.
pub(crate) fn preflight_files(project: Option<&Project>, files: &[std::path::PathBuf]) -> Problems {
    let limits = project.map_or_else(
        || Limits {
            expect_marks: false,
            ..limits(&PrintSettings::default())
        },
        |p| limits(&p.manifest.print),
    );
    let mut problems = Problems::default();
    for file in files {
        // Paths are shown, and matched with the build directory, from the
        // project root whatever directory they were given from.
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.clone());
        let shown = project
            .and_then(|p| absolute.strip_prefix(&p.root).ok())
            .unwrap_or(file)
            .display()
            .to_string();
        // A file the user named, or one of the project's print editions.
        let bytes = match read_named(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems
                    .push(Problem::io("read", file, &e).with_hint(
                        "name a PDF file, or leave the files out to check build/print/",
                    ));
                continue;
            }
        };
        let names = project.map_or_else(ImageNames::default, |p| edition_images(p, &absolute));
        // Marks are expected of the project's own print editions only.
        let own = project.is_some_and(|p| absolute.starts_with(p.layout.print_dir()));
        let limits = Limits {
            expect_marks: limits.expect_marks && own,
            ..limits
        };
        match preflight::preflight(&bytes, &limits, &names) {
            Ok(findings) => problems.extend(preflight::problems(&findings, &shown, &limits)),
            Err(PreflightError::Interrupted) => {
                problems.push(Problem::error(Code::Interrupted, "stopped by an interrupt"));
                break;
            }
            Err(PreflightError::Unreadable(why)) => problems.push(
                Problem::error(Code::Pdfx, format!("{shown}: {}", why.what)).with_hint(why.hint),
            ),
        }
    }
    problems
}

/// The image files the last render of the edition at `file` read (none
/// when `file` is not one of the project's editions).
fn edition_images(project: &Project, file: &Path) -> ImageNames {
    let Ok(relative) = file.strip_prefix(project.layout.build_dir()) else {
        return ImageNames::default();
    };
    let relative = relative
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    let cache = super::cache::EditionCache::new(project, &relative.replace('/', "-"));
    let inputs = cache.inputs();
    ImageNames::from_files(&project.root, inputs.iter().map(String::as_str))
}
