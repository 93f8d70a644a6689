//! The values arguments take (`--format pdf`, `--color never`, …): clap's
//! own enums, each turned into the library's type by a `From`, so that the
//! library never depends on clap and a name on the command line is
//! defined next to its help.

use crate::exchange::ExchangeFormat;
use crate::output::ColorChoice;
use crate::project::{EditionKind, Layout};
use crate::review::status::Status;

/// When to color the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum ColorArg {
    /// Color when writing to a terminal and `NO_COLOR` is unset
    #[default]
    Auto,
    /// Always color
    Always,
    /// Never color
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(arg: ColorArg) -> Self {
        match arg {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// What `--format` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub(crate) enum EditionArg {
    /// A PDF for the screen and the archive (tagged, PDF/UA and PDF/A), one
    /// per language
    Pdf,
    /// A web page, one per language
    Html,
    /// A PDF for the printer (PDF/X-4 with bleed and crop marks), one per
    /// language, and the parallel edition on facing pages
    Print,
    /// Two languages side by side, as PDF and HTML, one per language pair
    Parallel,
}

impl From<EditionArg> for EditionKind {
    fn from(arg: EditionArg) -> Self {
        match arg {
            EditionArg::Pdf => EditionKind::Pdf,
            EditionArg::Html => EditionKind::Html,
            EditionArg::Print => EditionKind::Print,
            EditionArg::Parallel => EditionKind::Parallel,
        }
    }
}

/// How a parallel PDF sets its two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutArg {
    /// Two columns on every page, each unit starting both texts together
    Columns,
    /// The left language on left-hand pages, the right one facing it
    Facing,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Self {
        match arg {
            LayoutArg::Columns => Layout::Columns,
            LayoutArg::Facing => Layout::Facing,
        }
    }
}

/// A translation's status, as `report diff --status` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Translated, and the source has not changed since
    Ok,
    /// The translation lacks the message
    Missing,
    /// The source changed since the translation was made; the translation did not
    Stale,
    /// The translation is identical to the source
    Unchanged,
    /// The translation has a message the source does not
    Obsolete,
}

impl From<StatusArg> for Status {
    fn from(arg: StatusArg) -> Self {
        match arg {
            StatusArg::Ok => Status::Ok,
            StatusArg::Missing => Status::Missing,
            StatusArg::Stale => Status::Stale,
            StatusArg::Unchanged => Status::Unchanged,
            StatusArg::Obsolete => Status::Obsolete,
        }
    }
}

/// The file formats translations are exchanged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExchangeFormatArg {
    /// XLIFF 2.1 (the default)
    #[value(name = "xliff")]
    Xliff2,
    /// XLIFF 1.2, for older tools
    #[value(name = "xliff1")]
    Xliff1,
    /// GNU gettext PO
    Po,
}

impl From<ExchangeFormatArg> for ExchangeFormat {
    fn from(arg: ExchangeFormatArg) -> Self {
        match arg {
            ExchangeFormatArg::Xliff2 => ExchangeFormat::Xliff2,
            ExchangeFormatArg::Xliff1 => ExchangeFormat::Xliff1,
            ExchangeFormatArg::Po => ExchangeFormat::Po,
        }
    }
}

/// Preflight findings that can be made fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PreflightDeny {
    /// Every warning (low resolution, hairlines, text near the trim)
    Warnings,
}

/// How a command prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// For people: source snippets, colors, a summary table
    Human,
    /// For tools: one JSON document on standard output
    Json,
}

/// Findings that can be made fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Deny {
    /// Every warning
    Warnings,
    /// Stale translations (the source changed since they were made)
    Stale,
}

/// Output formats of `report diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// Colored, wrapped to the terminal's width
    Terminal,
    /// A Markdown table, for pull request comments
    Markdown,
    /// One JSON document (see docs/diff-json.md)
    Json,
    /// A standalone HTML review page
    Html,
}

/// Which messages `report l10n export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportStatus {
    /// Every message the source has
    All,
    /// Translated and current
    Ok,
    /// Not translated yet
    Missing,
    /// The source changed since the translation
    Stale,
    /// Identical to the source
    Unchanged,
}
