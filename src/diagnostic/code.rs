//! The kinds of problem, each with the stable name that `--format json`,
//! `--deny` and the docs use (docs/check-json.md).

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// What kind of problem: a closed set, each with a stable name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The stable, machine-readable name, e.g. `missing-message`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // Messages (report check).
    /// Invalid Fluent; the entry is skipped.
    Syntax => "syntax",
    /// A select expression without a `*[default]` variant.
    NoDefaultVariant => "no-default-variant",
    /// An id defined twice, or a message and a term of one name.
    DuplicateId => "duplicate-id",
    /// An entry named like a built-in function.
    ReservedId => "reserved-id",
    /// A nesting deeper than report (and its Fluent parser) can handle.
    TooDeep => "too-deep",
    /// A language without any `.ftl` file.
    NoMessages => "no-messages",
    /// A source file with no counterpart in a translation, or a path in
    /// report.toml that does not exist.
    MissingFile => "missing-file",
    /// A source message the translation lacks.
    MissingMessage => "missing-message",
    /// A source term the translation lacks.
    MissingTerm => "missing-term",
    /// A source attribute the translation lacks.
    MissingAttribute => "missing-attribute",
    /// A message only the translation has.
    ObsoleteMessage => "obsolete-message",
    /// An attribute only the translation has.
    ObsoleteAttribute => "obsolete-attribute",
    /// A variable the source does not have.
    UnknownVariable => "unknown-variable",
    /// A source variable the translation does not use.
    DroppedVariable => "dropped-variable",
    /// References that differ from the source's.
    ReferenceMismatch => "reference-mismatch",
    /// A reference to a message or term the language does not have.
    UnknownReference => "unknown-reference",
    /// An entry that contains itself.
    CyclicReference => "cyclic-reference",
    /// A plural select without a CLDR category of the language.
    MissingPluralCategory => "missing-plural-category",
    /// A message whose text is empty.
    EmptyValue => "empty-value",
    /// A source message nothing uses.
    UnusedMessage => "unused-message",
    /// A translation identical to its source.
    Unchanged => "unchanged",
    /// A translation whose source changed since it was made.
    StaleTranslation => "stale-translation",
    /// A translation without a lock file: its stale messages cannot be told.
    MissingLock => "missing-lock",
    /// A Fluent function used wrongly (a date given to `NUMBER`, …).
    ArgumentKind => "argument-kind",
    /// A function Fluent does not know.
    UnknownFunction => "unknown-function",
    /// Inline markup that cannot be rendered (an unsafe link, …).
    Markup => "markup",
    /// Text no edition can carry (control characters, …).
    BadCharacter => "bad-character",
    /// A character no font given to Typst can show in the PDF editions.
    MissingGlyph => "missing-glyph",
    /// A message with more placeables than report resolves.
    TooManyPlaceables => "too-many-placeables",
    /// A figure in a translation's text the source lacks, or the reverse.
    NumberMismatch => "number-mismatch",
    /// Links or e-mail addresses that differ from the source's.
    LinkMismatch => "link-mismatch",
    /// Emphasis, strong text or links that differ in count from the source's.
    MarkupMismatch => "markup-mismatch",
    /// Typography the language's rules do not allow (straight quotes, `...`).
    Typography => "typography",
    /// A term used against the glossary (`locales/glossary.toml`).
    Terminology => "terminology",
    // Data and templates.
    /// The data or a template names a message a language lacks.
    UnknownMessage => "unknown-message",
    /// The data does not give a variable a message uses.
    MissingArgument => "missing-argument",
    /// A template uses a message that needs arguments.
    MessageNeedsArguments => "message-needs-arguments",
    /// A data value report cannot use.
    Data => "data",
    /// A chart whose specification report cannot draw.
    Chart => "chart",
    /// A data file that does not parse.
    DataSyntax => "data-syntax",
    /// A bibliography that does not parse, or a work without a title.
    Bibliography => "bibliography",
    /// A citation of a work the bibliography does not have (or of any work,
    /// without a bibliography).
    UnknownCitation => "unknown-citation",
    // The project.
    /// No report.toml here or above.
    NoProject => "no-project",
    /// A report.toml that is not valid.
    Manifest => "manifest",
    /// A path that leaves the project (or a link out of it).
    PathOutsideProject => "path-outside-project",
    /// A file that is not UTF-8.
    Encoding => "encoding",
    /// A file or directory that could not be read or written.
    Io => "io",
    /// A translation lock file that does not parse.
    Lock => "lock",
    /// The incremental cache could not be kept.
    Cache => "cache",
    /// A resolved document that could not be written.
    Json => "json",
    /// A web edition that could not be finished.
    Html => "html",
    // Typst.
    /// A template error or warning reported by Typst.
    Typst => "typst",
    /// Typst is not installed and cannot be.
    TypstMissing => "typst-missing",
    /// Typst's version does not fit report.toml.
    TypstVersion => "typst-version",
    /// The one-time install of Typst failed.
    TypstInstall => "typst-install",
    /// An edition whose Typst ran too long.
    Timeout => "timeout",
    /// Stopped by Ctrl-C or SIGTERM.
    Interrupted => "interrupted",
    /// Editions that failed.
    Render => "render",
    // Commands.
    /// A mistake on the command line.
    Usage => "usage",
    /// git could not answer.
    Git => "git",
    /// The file watcher failed.
    Watch => "watch",
    /// The preview server failed.
    Serve => "serve",
    /// `report init` could not create the project.
    Init => "init",
    /// A translation review could not be recorded.
    L10n => "l10n",
    /// Output that could not be produced in the requested format.
    Format => "format",
    // Translator exchange (`report l10n export` / `import`).
    /// An exchange file (XLIFF, PO) that cannot be read.
    ExchangeFile => "exchange-file",
    /// A unit whose id the current source does not have.
    UnknownUnit => "unknown-unit",
    /// A unit whose source changed since it was exported.
    StaleUnit => "stale-unit",
    /// A translation that drops, invents or breaks the source's codes, or
    /// leaves a plural category out.
    UnitMismatch => "unit-mismatch",
    // Print editions (`report preflight`, and every print edition).
    /// A print edition that could not be made PDF/X (a page not at the
    /// trim size, a PDF that does not read back).
    Pdfx => "pdfx",
    /// A font the PDF uses but does not carry.
    FontNotEmbedded => "font-not-embedded",
    /// A raster image under 300 ppi at the size it is printed.
    LowResolution => "low-resolution",
    /// A line thinner than 0.25 pt, which presses lose.
    ThinLine => "thin-line",
    /// Text closer to the trim than the safe margin.
    NearTrim => "near-trim",
    /// Print pages without the crop marks the project asks for.
    MissingMarks => "missing-marks",
    /// A template imports its own copy of report's template library, which
    /// report's fixes do not reach.
    LibraryCopy => "library-copy",
    /// A table wider than its column or page at its natural width: its cells
    /// run into each other (found when an edition overprints).
    TableOverflow => "table-overflow",
    /// Text set over other text on a page of a PDF edition (overset or
    /// overprinted text, in a print shop's words).
    TextOverlap => "text-overlap",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn names_are_unique_kebab_case() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert!(names.iter().all(|n| {
            n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }));
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
