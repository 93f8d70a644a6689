//! Translator exchange: a translation exported as XLIFF 2.1, XLIFF 1.2 or
//! PO for CAT tools, and imported back into the `.ftl` files.
//!
//! Fluent is never shown to a translator as Fluent: each message value,
//! attribute and select variant is a unit ([`units`]), placeables and
//! markup are protected codes ([`inline`]), and a plural select gets a unit
//! per CLDR category of the *target* language. An import ([`import`](mod@import)) reads
//! the file back, checks every unit against the current source (same
//! source text, same codes, every plural category), and only then rebuilds
//! the messages that changed ([`rebuild`]) and writes them into their files
//! in place ([`rewrite`]), keeping every other byte. Unchanged messages are
//! never rewritten, so an export imported as it is changes nothing.
//!
//! The formats are one file each: [`xliff2`], [`xliff1`], [`po`] (through
//! `rspolib`); [`xml`] is what the two XLIFF versions share.

pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod inline;
mod owned;
pub(crate) mod po;
pub(crate) mod rebuild;
pub(crate) mod rewrite;
pub(crate) mod units;
pub(crate) mod xliff1;
pub(crate) mod xliff2;
pub(crate) mod xml;

pub(crate) use export::{ExportRequest, export};
pub(crate) use import::import;
pub(crate) use inline::Inline;
pub(crate) use units::{Exchange, State};

/// The file formats translations are exchanged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeFormat {
    /// XLIFF 2.1 (the default).
    Xliff2,
    /// XLIFF 1.2, for older tools.
    Xliff1,
    /// GNU gettext PO.
    Po,
}

impl ExchangeFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExchangeFormat::Xliff2 | ExchangeFormat::Xliff1 => "xlf",
            ExchangeFormat::Po => "po",
        }
    }

    /// The name users know it by.
    pub fn name(self) -> &'static str {
        match self {
            ExchangeFormat::Xliff2 => "XLIFF 2.1",
            ExchangeFormat::Xliff1 => "XLIFF 1.2",
            ExchangeFormat::Po => "PO",
        }
    }

    /// The format of a file's text: XLIFF by its namespace, else PO.
    pub fn detect(text: &str) -> Option<Self> {
        let head: String = text.chars().take(4096).collect();
        if head.contains(xliff1::NAMESPACE) {
            Some(ExchangeFormat::Xliff1)
        } else if head.contains(xliff2::NAMESPACE) {
            Some(ExchangeFormat::Xliff2)
        } else if head.trim_start().starts_with('<') {
            None
        } else {
            Some(ExchangeFormat::Po)
        }
    }

    /// The format a file name asks for (`.po`; `.xlf`/`.xliff` is XLIFF 2.1).
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "po" | "pot" => Some(ExchangeFormat::Po),
            "xlf" | "xliff" => Some(ExchangeFormat::Xliff2),
            _ => None,
        }
    }

    /// Writes an exchange in this format.
    pub fn write(self, exchange: &Exchange) -> String {
        match self {
            ExchangeFormat::Xliff2 => xliff2::write(exchange),
            ExchangeFormat::Xliff1 => xliff1::write(exchange),
            ExchangeFormat::Po => po::write(exchange),
        }
    }

    /// Reads a file's units in this format.
    pub fn read(self, source: &crate::diagnostic::Source) -> Result<ImportedFile, xml::ReadError> {
        match self {
            ExchangeFormat::Xliff2 => xliff2::read(&source.text),
            ExchangeFormat::Xliff1 => xliff1::read(&source.text),
            ExchangeFormat::Po => po::read(source),
        }
    }
}

/// A unit's text as a file holds it.
#[derive(Debug, Clone)]
pub enum UnitText {
    /// Text and codes (XLIFF).
    Inline(Vec<Inline>),
    /// Fluent and markup as text, read against the source's codes (PO).
    Fluent(String),
}

/// One unit read from an exchange file.
#[derive(Debug, Clone)]
pub struct ImportedUnit {
    /// Its id.
    pub id: String,
    /// The source it was translated from.
    pub source: UnitText,
    /// The translation, if the file has one.
    pub target: Option<UnitText>,
    /// The state the file gives it.
    pub state: Option<State>,
    /// Where the unit starts in the file (byte offset).
    pub offset: usize,
}

/// An exchange file as read.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    /// Its format.
    pub format: ExchangeFormat,
    /// The source language it declares.
    pub source_language: Option<String>,
    /// The target language it declares.
    pub target_language: Option<String>,
    /// Its units, in file order.
    pub units: Vec<ImportedUnit>,
}

impl ImportedFile {
    /// An empty file of `format`.
    pub fn new(format: ExchangeFormat) -> Self {
        Self {
            format,
            source_language: None,
            target_language: None,
            units: Vec::new(),
        }
    }
}
