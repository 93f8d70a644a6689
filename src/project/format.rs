//! The kinds of output: single-edition formats, the parallel edition, and
//! how a parallel PDF is laid out. Each is an enum with the stable name used
//! in `report.toml`, on the command line and in JSON.

/// An output format of an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// A PDF for the screen and the archive (PDF/UA, PDF/A).
    Pdf,
    /// A web page.
    Html,
    /// A PDF for the printer: trim size, bleed, crop marks, PDF/X-4.
    Print,
}

impl Format {
    /// The name used in manifests, flags and messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Print => "print",
        }
    }

    /// What Typst writes for it (`--format`): a print edition is a PDF.
    pub fn typst_format(self) -> &'static str {
        match self {
            Format::Pdf | Format::Print => "pdf",
            Format::Html => "html",
        }
    }

    /// Its files' extension.
    pub fn extension(self) -> &'static str {
        self.typst_format()
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "pdf" => Some(Format::Pdf),
            "html" => Some(Format::Html),
            "print" => Some(Format::Print),
            _ => None,
        }
    }
}

/// How a parallel PDF sets its two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Two columns on every page, each unit starting both texts together.
    #[default]
    Columns,
    /// The left language on left-hand pages, the right one facing it.
    Facing,
}

impl Layout {
    /// The name passed to templates as `report-layout`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Columns => "columns",
            Layout::Facing => "facing",
        }
    }
}

/// What `formats` (in report.toml) and `--format` can name: the single
/// editions' formats and the parallel edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum EditionKind {
    /// A PDF for the screen and the archive (tagged, PDF/UA and PDF/A), one
    /// per language.
    Pdf,
    /// A web page, one per language.
    Html,
    /// A PDF for the printer (PDF/X-4 with bleed and crop marks), one per
    /// language, and the parallel edition on facing pages.
    Print,
    /// Two languages side by side, as PDF and HTML, one per language pair.
    Parallel,
}

/// Which document a language's templates read: a single edition's, which
/// needs every message, or a parallel edition's, which shows a
/// translation's gaps instead of failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// For the language's own PDF and HTML editions.
    Single,
    /// For the parallel editions the language is part of.
    Parallel,
}
