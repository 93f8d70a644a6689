//! The report's bibliography, as Typst will read it: the works it holds by
//! key, read with the Hayagriva version Typst 0.15.1 uses, so that a file
//! `report check` accepts is one Typst accepts. A file that does not parse
//! is an error at its line and column; a work without a title (which no
//! citation style can show) is an error at its key.
//!
//! Typst reads the same file again when it compiles, and the readers it
//! uses recurse and slow down on hostile input: an `@string` or
//! `crossref` that refers to itself overflowed the stack, 27 doubling
//! `@string` macros (1.2 KB) took 41 s and 1.2 GB, a flow sequence nested
//! 100,000 deep took 30 s. So the file is checked first, in time linear in
//! its size, and Hayagriva only runs on a file within bounds; a file out of
//! them is a located error, which makes `render` refuse the project before
//! Typst runs. What is checked where:
//!
//! - `bibtex.rs`: BibTeX, through biblatex's raw parser (which does not
//!   recurse): braces nested at most [`MAX_DEPTH`] deep; `macros.rs`:
//!   `@string` macros without cycles, chains at most [`MAX_DEPTH`] long,
//!   expanding within [`expansion_budget`], at most [`MAX_PIECES`] pieces
//!   to a field; `crossref.rs`: cycles, chains and copies of `crossref`
//!   and `xdata`.
//! - `yaml_scan.rs`: YAML nested at most [`MAX_DEPTH`] deep, found by
//!   following libyaml's scanner; `yaml.rs` reads the works one by one, as
//!   Hayagriva does but in linear time.
//! - `characters.rs`: control characters and noncharacters, which no
//!   edition can show; `links.rs`: links other than http, https and
//!   mailto, which the editions would publish.
//!
//! `load` reads on a thread of its own, so that an interrupt stops
//! `report` at once however long the file takes.

mod bibtex;
mod characters;
mod crossref;
mod links;
mod macros;
mod yaml;
mod yaml_scan;

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use hayagriva::Library;

use crate::diagnostic::{Code, Problem, Problems, Source};
use crate::platform::interrupt::Interrupted;
use crate::project::{BibliographyFormat, Project};

pub(crate) use yaml_scan::MAX_DEPTH;

/// The most pieces one BibTeX field may be cut into (by braces, dollar
/// signs, `#` and `@string` macros). biblatex merges them one by one, in
/// time growing with the square of their number; a real title has a few
/// dozen.
pub(crate) const MAX_PIECES: u64 = 1_000;

/// How much (in characters, plus one for each piece) `@string` macros, or
/// `crossref` and `xdata`, may copy into the works of a file of `len`
/// bytes: four times the file, and 1 MiB more. Real files copy far less (a
/// journal's name into each of its articles, a volume into each of its
/// chapters); every character copied is one more for Typst to set, too.
pub(crate) fn expansion_budget(len: usize) -> u64 {
    (1 << 20) + 4 * len as u64
}

/// The stack of the thread that reads the bibliography: the readers
/// recurse once per level of nesting, which the checks bound to
/// [`MAX_DEPTH`]; this leaves a wide margin.
const READER_STACK: usize = 64 << 20;

/// The works of the bibliography.
#[derive(Debug, Clone)]
pub struct Works {
    /// Every key.
    pub keys: BTreeSet<String>,
    /// The file (for messages: its path as written in report.toml).
    pub source: Arc<Source>,
}

/// Reads the bibliography `report.toml` names: `None` without one, or when
/// it cannot be read; what is wrong with it goes to `problems`. `Err` when
/// `report` is interrupted while it reads.
pub(crate) fn load(
    project: &Project,
    problems: &mut Problems,
) -> Result<Option<Works>, Interrupted> {
    let Some(bibliography) = &project.manifest.bibliography else {
        return Ok(None);
    };
    let relative = &bibliography.path;
    // Through the sandbox: a bibliography that links out of the project is
    // refused unread.
    let text = match project.files.read_text(relative) {
        Ok(text) => text,
        Err(found) => {
            problems.extend(found);
            return Ok(None);
        }
    };
    let source = Source::new(relative, text);
    read_interruptibly(source, bibliography.format, problems)
}

/// [`read`] on a thread of its own, waited for until it is done or
/// `report` is interrupted (the thread is then left to the end of the
/// process).
fn read_interruptibly(
    source: Arc<Source>,
    format: BibliographyFormat,
    problems: &mut Problems,
) -> Result<Option<Works>, Interrupted> {
    let (sender, receiver) = mpsc::channel();
    let reading = Arc::clone(&source);
    let spawned = std::thread::Builder::new()
        .name("bibliography".to_owned())
        .stack_size(READER_STACK)
        .spawn(move || {
            let mut found = Problems::default();
            let works = read(&reading, format, &mut found);
            let _ = sender.send((works, found));
        });
    if spawned.is_err() {
        return Ok(read(&source, format, problems));
    }
    loop {
        if crate::platform::interrupt::interrupted() {
            return Err(Interrupted);
        }
        match receiver.recv_timeout(Duration::from_millis(50)) {
            Ok((works, found)) => {
                problems.extend(found);
                return Ok(works);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // The reader panicked: say so rather than take `report` down.
                let problem = Problem::error(
                    Code::Bibliography,
                    "the bibliography could not be read: its reader failed",
                )
                .at(&source, 0..source.text.len().min(1))
                .with_hint("please report this file to report's authors");
                problems.push(problem);
                return Ok(None);
            }
        }
    }
}

/// Reads a bibliography's text in `format`: checks, then Hayagriva, then
/// what Hayagriva read (titles, links). Without works when the file is out
/// of bounds or does not parse; what is wrong goes to `problems`.
pub fn read(
    source: &Arc<Source>,
    format: BibliographyFormat,
    problems: &mut Problems,
) -> Option<Works> {
    let (library, located) = match format {
        BibliographyFormat::Hayagriva => yaml::read(source, problems),
        BibliographyFormat::Bibtex => bibtex::read(source, problems),
    };
    let library = library?;
    untitled(&library, source, &located, problems);
    links::check(&library, source, &located, problems);
    let keys = library.keys().map(str::to_owned).collect();
    let works = Works {
        keys,
        source: Arc::clone(source),
    };
    Some(works)
}

/// How deep `text` nests YAML collections, as the scan before reading
/// counts them; serde_yaml nests its values at most twice as deep, plus one
/// (the `bibliography` fuzz target holds it to that).
pub fn yaml_depth(text: &str) -> usize {
    yaml_scan::scan(text).deepest
}

/// Where each work is written: its key, and its whole entry.
#[derive(Debug, Default)]
struct Located {
    works: HashMap<String, (Range<usize>, Range<usize>)>,
}

impl Located {
    /// Where `key` is written, else the start of the file.
    fn key(&self, key: &str) -> Range<usize> {
        self.works.get(key).map_or(0..1, |(key, _)| key.clone())
    }

    /// The entry of `key`, if it is known.
    fn entry(&self, key: &str) -> Option<Range<usize>> {
        self.works.get(key).map(|(_, entry)| entry.clone())
    }
}

/// A work without a title is an error at its key.
fn untitled(library: &Library, source: &Arc<Source>, located: &Located, problems: &mut Problems) {
    for entry in library.iter().filter(|e| e.title().is_none()) {
        problems.push(
            Problem::error(
                Code::Bibliography,
                format!("the work `{}` has no title", entry.key()),
            )
            .at(source, located.key(entry.key()))
            .with_label("no `title`")
            .with_hint("give every work a title: citation styles show it in the list of sources"),
        );
    }
}

/// A syntax error of the bibliography at `span`.
fn syntax_error(source: &Arc<Source>, span: Range<usize>, message: &str) -> Problem {
    let end = span.end.max(span.start + 1).min(source.text.len().max(1));
    Problem::error(
        Code::Bibliography,
        format!("the bibliography does not parse: {}", message.trim_end()),
    )
    .at(source, span.start.min(end)..end)
    .with_hint("Typst reads Hayagriva YAML (.yml) and BibTeX (.bib); see hayagriva's file format")
}

/// `n` with thousands separated by commas, for messages.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
