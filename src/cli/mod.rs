//! Every command-line argument of `report`, in one place.
//!
//! The clap definition here is the single source of the help text, the shell
//! completions and the man page. Arguments are validated into a plan (see
//! [`crate::cmd`]) before any rendering starts.

// The doc comments below are also the `--help` texts, written for a
// terminal, not for rustdoc: `<lang>` is a placeholder, `[parallel]` a
// TOML table.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod values;

pub(crate) use values::{
    ColorArg, Deny, DiffFormat, EditionArg, ExchangeFormatArg, ExportStatus, LayoutArg,
    OutputFormat, PreflightDeny, StatusArg,
};

const EXAMPLES: &str = "\
Examples:
  report render                      render every edition (all languages, PDF and HTML)
  report render --lang es            only the Spanish editions, while writing
  report render --lang en --format pdf
  report completions bash > ~/.local/share/bash-completion/completions/report";

/// Publish one report as parallel editions in several languages, as PDF and
/// HTML, from Fluent messages, structured data and Typst templates.
#[derive(Debug, Parser)]
#[command(name = "report", version, about, long_about = None, after_help = EXAMPLES)]
#[command(propagate_version = true, arg_required_else_help = true)]
pub(crate) struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// The project directory (the one holding report.toml) [default: the
    /// nearest directory from here upwards that has one]
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "REPORT_PROJECT",
        hide_env_values = true
    )]
    pub project: Option<PathBuf>,
    /// When to color the output (NO_COLOR is respected by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more about what is happening: -v where Typst is, -vv the
    /// commands it runs
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Render editions: every language and format, in parallel
    #[command(after_help = "\
Each edition is written to build/<lang>/<name>.pdf or build/<lang>/index.html
through a temporary file, so a failed render never destroys the previous good
edition. One line per edition says where it went and how long it took.
Editions whose inputs (messages, data, templates and everything Typst read,
flags, Typst's version) did not change are left as they are; --force
renders them anyway.

Examples:
  report render                       every edition
  report render --lang es             Spanish only, PDF and HTML
  report render --lang es,en --format pdf
  report render --allow-missing       render untranslated messages in the source language")]
    Render(RenderArgs),
    /// Check every language for translation problems (for editors and CI)
    #[command(after_help = "\
Compares each translation with the source language, file by file, and the
data and templates with every language. Errors (exit 1): syntax errors,
duplicate ids, missing messages, terms and attributes, variables the source
does not have, unknown or cyclic references, data or templates naming
messages that do not exist or without the arguments they need. Warnings:
obsolete messages, dropped variables, references that differ from the
source, missing plural categories, empty and unused messages; figures,
links and markup that differ from the source; typography against each
language's rules ([check.typography] in report.toml); terms used against
locales/glossary.toml.

Examples:
  report check                       every language
  report check --lang en             one translation
  report check --fix                 fix quotes, `...` and no-break spaces in place
  report check --deny warnings       fail on warnings too (CI)
  report check --output-format json  one object per finding (see docs/check-json.md)")]
    Check(CheckArgs),
    /// Re-render on every change to messages, data, templates or report.toml
    #[command(after_help = "\
Renders once, then again whenever a file under locales/, data/, the
template's directory, fonts/ or report.toml changes (debounced). Only the
editions a change affects are rebuilt. A broken file shows its error and
watching goes on. With --serve, the HTML editions are served on localhost
and reload themselves after each render. Stop with Ctrl-C.

Examples:
  report watch --lang es                 the Spanish editions, while writing
  report watch --format html --serve     preview in a browser at http://127.0.0.1:8000
  report watch --serve 9000")]
    Watch(WatchArgs),
    /// Write the JSON document each language's template receives, and print
    /// where
    #[command(after_help = "\
The documents are what `render` passes to Typst (see docs/templates.md):
use them to write or debug a template, or to time resolution alone.

Examples:
  report resolve                 every language: build/.report/<lang>.json
  report resolve --lang en")]
    Resolve(ResolveArgs),
    /// Review translations: source beside translation, stale texts, and what
    /// changed between git revisions
    #[command(after_help = "\
Without --base: one row per message and translation language, with its
status (ok, missing, stale, unchanged, obsolete). A translation is stale when
its source text changed after it was translated (see `report l10n`); stale
rows show the old and new source with the changed words marked.

With --base REV: what changed from REV to --head (default: the working tree)
in every language, with word-level changes, and `needs-review` for every
translation whose source changed in the range while it did not.

Examples:
  report diff                                   review every translation
  report diff --lang en --status stale,missing  what an English editor must do
  report diff --id 'vote-*'                     messages whose id matches a glob
  report diff --base origin/main                what a pull request changes
  report diff --base origin/main --output-format markdown > comment.md
  report diff --output-format html > review.html  a standalone review page
  report diff --exit-code                       exit 1 on stale, missing or changed entries")]
    Diff(DiffArgs),
    /// Translations: add a language, record reviews in the lock files,
    /// exchange messages with translators (XLIFF, PO)
    #[command(
        subcommand,
        after_help = "\
`add` starts a translation language. A lock file (locales/<lang>.lock)
records, for every translated message, the source text it was made
from. When the source changes, the translation is stale until it is
updated or accepted (see `report diff`).

Translators who work in a CAT tool get the messages as XLIFF or PO
(`export`) and send them back (`import`): placeables and markup are
protected codes, plural variants follow the target language's CLDR
categories, and an import that would break a message writes nothing.

Examples:
  report l10n add fr                  a new translation language, ready to translate
  report l10n update --lang en        after translating: record the current sources
  report l10n accept --lang en title  a typo fix in the source needs no new translation
  report l10n export --lang en        build/l10n/es-en.xlf for a CAT tool
  report l10n import es-en.xlf        the translated file back into locales/en/"
    )]
    L10n(L10nCommand),
    /// Create a new report project that renders at once
    #[command(after_help = "\
Creates report.toml, locales/<lang>/report.ftl for every language, data,
a template with PDF and HTML branches, a stylesheet and a .gitignore.
Existing files are never overwritten.

Examples:
  report init my-report
  report init annual-2025 --languages es,en,fr --source es
  report init . --name informe-anual")]
    Init(InitArgs),
    /// Check print editions as a print shop would: PDF/X, fonts, image
    /// resolution, hairlines, text near the trim
    #[command(after_help = "\
Every print edition is preflighted when it is rendered; this command checks
them again, or any PDF you name. Errors (exit 1): not PDF/X (no GTS_PDFX
output intent with a CMYK profile, no version key, a page without TrimBox,
annotations), fonts not embedded. Warnings: raster images under 300 ppi at
their printed size (naming the image file when the project has one of that
size), lines thinner than 0.25 pt, text closer to the trim than
`[print] safe-margin`. Marks and the slug line outside the bleed are not
checked.

Examples:
  report preflight                              every PDF in build/print/
  report preflight build/print/annual.es.pdf
  report preflight --deny warnings              fail on warnings too (CI)
  report preflight --output-format json")]
    Preflight(PreflightArgs),
    /// Show what report sees: Typst, fonts, the project, and what is misconfigured
    #[command(after_help = "Example:\n  report doctor")]
    Doctor(DoctorArgs),
    /// Print a shell completion script to standard output
    #[command(after_help = "\
Examples:
  report completions bash > ~/.local/share/bash-completion/completions/report
  report completions zsh > ~/.zfunc/_report
  report completions fish > ~/.config/fish/completions/report.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output
    #[command(after_help = "Example:\n  report man > ~/.local/share/man/man1/report.1")]
    Man,
}

/// Which editions to render: shared by `render` and `watch`.
#[derive(Debug, Args)]
pub(crate) struct EditionArgs {
    /// Languages to render, comma-separated (BCP 47 tags from report.toml)
    /// [default: every language]
    #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,
    /// Formats to render, comma-separated [default: the `formats` of
    /// report.toml, else pdf,html]
    #[arg(short, long, value_delimiter = ',', value_enum, value_name = "FORMAT")]
    pub format: Vec<EditionArg>,
    /// How parallel PDFs set the two languages [default: `layout` in the
    /// [parallel] table of report.toml, else columns]
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub layout: Option<LayoutArg>,
    /// How many editions to render at once [default: the number of CPUs]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// Render messages a translation lacks in the source language, with a
    /// warning, instead of failing
    #[arg(long)]
    pub allow_missing: bool,
    /// Stop an edition whose Typst runs longer than this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub timeout: u64,
}

/// Arguments of `report render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Which editions.
    #[command(flatten)]
    pub editions: EditionArgs,
    /// Render every edition, even those whose inputs did not change
    #[arg(long)]
    pub force: bool,
    /// How to report what was rendered: lines for people, or one JSON
    /// document on standard output (see docs/render-json.md)
    #[arg(
        long = "output-format",
        visible_alias = "message-format",
        value_enum,
        default_value_t = OutputFormat::Human,
        value_name = "FORMAT"
    )]
    pub output_format: OutputFormat,
    /// Open the first edition rendered (the source language's PDF, else its
    /// HTML) with the system's viewer
    #[arg(long)]
    pub open: bool,
    /// How to find Typst.
    #[command(flatten)]
    pub typst: TypstArgs,
}

/// Arguments of `report doctor`.
#[derive(Debug, Args)]
pub(crate) struct DoctorArgs {
    /// How to find Typst.
    #[command(flatten)]
    pub typst: TypstArgs,
}

/// Arguments of `report watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Which editions.
    #[command(flatten)]
    pub editions: EditionArgs,
    /// Serve the HTML editions on 127.0.0.1 at this port (0: any free port),
    /// reloading pages after each render
    #[arg(long, value_name = "PORT", num_args = 0..=1, default_missing_value = "8000")]
    pub serve: Option<u16>,
    /// How to find Typst.
    #[command(flatten)]
    pub typst: TypstArgs,
}

/// Arguments of `report resolve`.
#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    /// Languages, comma-separated [default: every language]
    #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,
    /// Use the source language's text where a translation is missing
    #[arg(long)]
    pub allow_missing: bool,
}

/// Arguments of `report diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Translation languages to show, comma-separated [default: every translation]
    #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,
    /// Only rows with these statuses, comma-separated (without --base)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<StatusArg>,
    /// Only messages whose id matches this glob (`*` and `?`)
    #[arg(long, value_name = "GLOB")]
    pub id: Option<String>,
    /// Compare the messages at this git revision with --head
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The newer revision [default: the working tree]
    #[arg(long, value_name = "REV", requires = "base")]
    pub head: Option<String>,
    /// How to print the review: for a terminal, a Markdown table (pull
    /// request comments), one JSON document (docs/diff-json.md), or a
    /// standalone HTML page
    #[arg(
        long = "output-format",
        visible_alias = "format",
        value_enum,
        default_value_t = DiffFormat::Terminal,
        value_name = "FORMAT"
    )]
    pub format: DiffFormat,
    /// Exit with 1 if any entry is stale, missing or (with --base) changed
    #[arg(long)]
    pub exit_code: bool,
}

/// `report l10n` commands.
#[derive(Debug, Subcommand)]
pub(crate) enum L10nCommand {
    /// Add a translation language: report.toml, locales/<lang>/ shaped as
    /// the source's files, and its lock file
    #[command(after_help = "\
Adds the language to `languages` in report.toml (its comments and layout
kept), creates locales/<lang>/ with one file per source file holding the
source's group comments and no messages yet, and an empty lock file. Then
translate the messages there, or export them for a translator.

Examples:
  report l10n add fr
  report l10n add pt-BR && report l10n export --lang pt-BR")]
    Add {
        /// The language's BCP 47 tag (fr, pt-BR, es-MX)
        #[arg(value_name = "LANG")]
        lang: String,
    },
    /// Record every current translation as made from the current source
    /// (stale ones are left for review)
    #[command(
        after_help = "Run it after translating, and commit locales/<lang>.lock.\n\nExample:\n  report l10n update --lang en"
    )]
    Update {
        /// Translation languages, comma-separated [default: every translation]
        #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
        lang: Vec<String>,
    },
    /// Mark translations as reviewed against the current source, without
    /// changing them (e.g. after a typo fix in the source)
    #[command(
        after_help = "Examples:\n  report l10n accept --lang en summary-title   one message\n  report l10n accept                          every stale translation"
    )]
    Accept {
        /// Translation languages, comma-separated [default: every translation]
        #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
        lang: Vec<String>,
        /// Message ids [default: every stale translation]
        #[arg(value_name = "ID")]
        ids: Vec<String>,
    },
    /// Write one translation's messages as XLIFF or PO for a translator
    #[command(after_help = "\
One unit per message value, attribute and select variant (a plural select
gets a unit per CLDR category the target language needs). Placeables and
markup are inline codes (XLIFF <ph>/<pc>), or listed in a note (PO). Each
unit's state comes from the lock file: missing → initial, stale → needs
review (with the source it was made from), current → final.

Examples:
  report l10n export --lang en                      XLIFF 2.1, every message
  report l10n export --lang en --status missing,stale -o todo.xlf
  report l10n export --lang en --format po -o en.po")]
    Export(ExportArgs),
    /// Read a translated XLIFF or PO file back into the .ftl files
    #[command(after_help = "\
Every unit is checked first (same source text as now, the source's
placeables and markup each once, every plural category); one problem
refuses the whole import and nothing is written. Only messages whose
translation changed are rewritten, in place, keeping comments and layout;
they are recorded in the lock file. A stale unit marked final without a
change is accepted.

Examples:
  report l10n import build/l10n/es-en.xlf
  report l10n import en.po --dry-run       say what would change")]
    Import(ImportArgs),
}

/// Arguments of `report l10n export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The translation language [default: the project's only translation]
    #[arg(short, long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The file format [default: from the -o extension, else xliff]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ExchangeFormatArg>,
    /// Which messages, by review status, comma-separated
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "all",
        value_name = "STATUS"
    )]
    pub status: Vec<ExportStatus>,
    /// Where to write [default: build/l10n/<source>-<lang>.xlf or .po]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `report l10n import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The XLIFF 2.1, XLIFF 1.2 or PO file (its format is read from it)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check the file and say what would change, writing nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `report init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Where to create the project [default: the current directory]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Every edition's language, comma-separated (BCP 47 tags)
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "es,en",
        value_name = "LANGS"
    )]
    pub languages: Vec<String>,
    /// The language translations are made from [default: the first of --languages]
    #[arg(long, value_name = "LANG")]
    pub source: Option<String>,
    /// Slug for output file names [default: from the directory's name]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Arguments of `report check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Languages to report on, comma-separated [default: every language]
    #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,
    /// How the findings are printed.
    #[command(flatten)]
    pub output: FindingsOutput,
    /// Also exit with 1 for these kinds of findings
    #[arg(long, value_enum, value_name = "KIND")]
    pub deny: Vec<Deny>,
    /// Apply the mechanical typography fixes in place (straight quotes,
    /// `...`, no-break spaces before `%`), print each change, then check
    /// again; files with nothing to fix are not touched
    #[arg(long)]
    pub fix: bool,
}

/// How findings are printed: shared by `check` and `preflight`.
#[derive(Debug, Args)]
pub(crate) struct FindingsOutput {
    /// How to print the findings: for people, or one JSON document
    /// (docs/check-json.md)
    #[arg(
        long = "output-format",
        visible_alias = "format",
        value_enum,
        default_value_t = OutputFormat::Human,
        value_name = "FORMAT"
    )]
    pub format: OutputFormat,
}

/// Arguments of `report preflight`.
#[derive(Debug, Args)]
pub(crate) struct PreflightArgs {
    /// PDF files to check [default: every PDF in build/print/]
    #[arg(value_name = "PDF")]
    pub files: Vec<PathBuf>,
    /// How the findings are printed.
    #[command(flatten)]
    pub output: FindingsOutput,
    /// Also exit with 1 for these kinds of findings
    #[arg(long, value_enum, value_name = "KIND")]
    pub deny: Vec<PreflightDeny>,
}

/// How to find Typst.
#[derive(Debug, Args)]
pub(crate) struct TypstArgs {
    /// The typst executable to use [default: `typst` on PATH if its version
    /// fits report.toml, else a copy that report installs once in the user
    /// cache]
    #[arg(
        long = "typst",
        env = "REPORT_TYPST",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub path: Option<PathBuf>,
}

impl GlobalArgs {
    /// `--color`, in the output's terms.
    pub(crate) fn color(&self) -> crate::output::ColorChoice {
        self.color.into()
    }
}

/// The clap command, for completions, the man page and tests.
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_definition_is_consistent() {
        super::command().debug_assert();
    }
}
