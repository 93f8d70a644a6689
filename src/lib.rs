//! `report` publishes one report as parallel editions in several languages,
//! as print-ready PDF and as HTML, from Project Fluent messages, structured
//! data and Typst templates.
//!
//! The library is the program: the binary only calls [`main`]. Its modules
//! are private (docs/architecture.md maps them); [`fuzzing`] is the one
//! public facade, for the fuzz targets in `fuzz/`.

mod build;
mod calendar;
mod check;
mod cli;
mod cmd;
mod data;
mod diagnostic;
mod document;
mod escape;
mod exchange;
mod graph;
mod init;
mod l10n;
mod output;
mod platform;
mod print;
mod project;
mod review;
mod serve;
mod suggest;
mod typst;
mod workspace;

pub use cmd::main;

/// What the fuzz targets (`fuzz/fuzz_targets/`) call: the readers of what
/// people write and of the files `report` is given, and the types their
/// results come in. Nothing else of the library is public.
pub mod fuzzing {
    /// Problems, and the sources they point into.
    pub mod diagnostic {
        pub use crate::diagnostic::code::Code;
        pub use crate::diagnostic::problem::{Problem, Problems, Severity};
        pub use crate::diagnostic::source::Source;
    }

    /// The project and its manifest.
    pub mod project {
        pub use crate::project::language::{Language, ParallelPair};
        pub use crate::project::manifest::Manifest;
        pub use crate::project::manifest::bibliography::BibliographyFormat;
        pub use crate::project::text::decode_utf8;
        pub use crate::project::{MANIFEST_FILE, Project};
    }

    /// Fluent catalogs and the values messages format.
    pub mod catalog {
        pub use crate::l10n::catalog::Catalog;
        pub use crate::l10n::catalog::entry::Entry;
        pub use crate::l10n::catalog::format::Formatted;
        pub use crate::l10n::intl::date::DateValue;
    }

    /// The inline markup of messages.
    pub mod markup {
        pub use crate::l10n::markup::{Citation, Span, escape, parse, plain_text};
    }

    /// Data files, and the Fluent arguments their message references make.
    pub mod data {
        pub use crate::data::node::{Node, Value};
        pub use crate::data::{Data, parse_file};
        pub use crate::document::resolve::fluent_args;
    }

    /// The bibliography reader (Hayagriva YAML and BibTeX, checks first).
    pub mod bibliography {
        pub use crate::data::bibliography::{Works, read, yaml_depth};
    }

    /// The translator exchange's import.
    pub mod exchange {
        pub use crate::exchange::ExchangeFormat;
        pub use crate::exchange::import::import_source;
    }

    /// Reading PDF files and preflighting them.
    pub mod pdf {
        pub use crate::print::pdf::{charged, open};
        pub use crate::print::preflight::*;
    }
}
