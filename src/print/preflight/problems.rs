//! Preflight's findings as the problems every command prints: located by
//! file and page, with what to do about them.

use super::{Finding, Limits, PageFinding};
use crate::diagnostic::{Code, Problem, Problems};
use crate::project::print::settings::Length;

/// Findings as problems of the edition at `file` (shown as given): PDF/X
/// structure and fonts are errors (PDF/X requires them), the rest warnings.
pub fn problems(findings: &[PageFinding], file: &str, limits: &Limits) -> Problems {
    let mut problems = Problems::default();
    for PageFinding { page, finding } in findings {
        let problem = match finding {
            Finding::NotPdfx { what } => {
                let place = if *page == 0 { String::new() } else { format!("page {page}: ") };
                Problem::error(Code::Pdfx, format!("{file}: {place}not PDF/X: {what}"))
                    .with_hint("print editions (`report render --format print`) are PDF/X-4; send the printer build/print/, not the screen PDF")
            }
            Finding::FontNotEmbedded { font } => Problem::error(
                Code::FontNotEmbedded,
                format!("{file}: page {page}: the font `{font}` is not embedded"),
            )
            .with_hint("a press has none of your fonts; use fonts Typst can embed (OpenType or TrueType files in the project's fonts/)"),
            Finding::LowResolution { ppi, pixels, files } => {
                let what = match files.as_slice() {
                    [] => format!("an image of {} × {} px", pixels.0, pixels.1),
                    [one] => format!("the image `{one}`"),
                    many => format!("an image of {} × {} px (`{}`)", pixels.0, pixels.1, many.join("`, `")),
                };
                Problem::warning(
                    Code::LowResolution,
                    format!("{file}: page {page}: {what} is {ppi:.0} ppi at its printed size (a press needs {:.0})", limits.min_ppi),
                )
                .with_hint(format!(
                    "use a file of at least {} × {} px, or print it at most {:.0}% as large",
                    (f64::from(pixels.0) * limits.min_ppi / ppi).ceil(),
                    (f64::from(pixels.1) * limits.min_ppi / ppi).ceil(),
                    100.0 * ppi / limits.min_ppi
                ))
            }
            Finding::ThinLines { count, thinnest } => Problem::warning(
                Code::ThinLine,
                format!(
                    "{file}: page {page}: {count} line{} thinner than {} pt (thinnest {thinnest:.3} pt)",
                    if *count == 1 { "" } else { "s" },
                    limits.min_line
                ),
            )
            .with_hint(format!("presses lose hairlines; give strokes at least {} pt (`stroke: 0.25pt`)", limits.min_line)),
            Finding::TextOverlap { count, texts: (first, second) } => Problem::error(
                Code::TextOverlap,
                format!(
                    "{file}: page {page}: text is set over other text: “{first}” over “{second}”{}",
                    if *count > 1 { format!(" ({count} overlaps on the page)") } else { String::new() }
                ),
            )
            .with_hint("two things claim one place on this page: a placed box over a paragraph, or a block taller than its column; look at the page, then at the template's `place`, fixed heights and negative spacing"),
            Finding::PartlyRead => Problem::warning(
                Code::Pdfx,
                format!("{file}: page {page}: preflight did not read all of the page (over 2 MiB of content or a million operators)"),
            )
            .with_hint("what it did not read was not checked; have the print shop's preflight look at this page"),
            Finding::NotRead => Problem::warning(
                Code::Pdfx,
                format!("{file}: preflight stopped before page {page}: the document has more content than it reads (64 MiB or ten million operators)"),
            )
            .with_hint("the pages from here on were not checked; have the print shop's preflight look at them"),
            Finding::NoMarks { pages } => Problem::warning(
                Code::MissingMarks,
                format!("{file}: no crop marks on {pages}"),
            )
            .with_hint("a page's own `foreground` replaces the marks: compose it as `foreground: { print-foreground(); … }` (docs/templates.md), or set `[print] marks = false`"),
            Finding::NearTrim { count, closest_mm } => near_trim(file, *page, *count, *closest_mm, limits),
        };
        problems.push(problem);
    }
    problems
}

/// Text near or across the trim on one page.
fn near_trim(file: &str, page: u32, count: usize, closest_mm: f64, limits: &Limits) -> Problem {
    let lines = if count == 1 { "line" } else { "lines" };
    if closest_mm < 0.0 {
        let verb = if count == 1 { "crosses" } else { "cross" };
        return Problem::warning(
            Code::NearTrim,
            format!(
                "{file}: page {page}: {count} {lines} of text {verb} the trim (by up to {:.1} mm)",
                -closest_mm
            ),
        )
        .with_hint(
            "text past the trim is cut off; keep it inside the safe margin (`[print] safe-margin`)",
        );
    }
    Problem::warning(
        Code::NearTrim,
        format!(
            "{file}: page {page}: {count} {lines} of text within {:.1} mm of the trim (closest {closest_mm:.1} mm)",
            Length::pt(limits.safe_margin).in_mm()
        ),
    )
    .with_hint("the cut can wander by a millimetre or two; keep text inside the safe margin (`[print] safe-margin`) or widen the page margins")
}
