//! The print edition: a PDF a print shop accepts. Typst lays the pages out
//! at the trim size with bleed, crop marks and a slug line (the template
//! library reads [`settings`](crate::project::print::settings) as `report-print`); [`pdfx`] then turns its
//! PDF into PDF/X-4 (boxes, output intent, metadata) and [`preflight`]
//! checks what a printer checks. See docs/print.md.

pub(crate) mod pdf;
pub(crate) mod pdfx;
pub(crate) mod preflight;
pub(crate) mod xmp;
