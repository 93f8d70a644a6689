//! Translation lock files: which source text each translation was made from.
//!
//! `locales/<lang>.lock` (one per translation language, kept in git) records,
//! for every translated message, the source text it was translated from and
//! a fingerprint of the translation. When the source text changes and the
//! translation does not, the translation is *stale*. No git history is
//! needed, so it works in any checkout.
//!
//! The file is TOML with one line per message, sorted by id: deterministic,
//! and two branches that touch different messages merge without conflict.
//!
//! ```toml
//! summary-title = { source = "Resumen", translation = "5d41402abc4b2a76" }
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostic::{Code, Problem, Result, Source};
use crate::files::write_atomically;
use crate::project::{Language, Project, decode_utf8};

/// What the lock remembers of one translated message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Record {
    /// The source text (normalized) the translation was made from.
    pub source: String,
    /// Fingerprint of the translation's text at that time.
    pub translation: String,
}

/// One language's lock file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// Records by message id, sorted.
    pub records: BTreeMap<String, Record>,
}

/// Where a language's lock file lives.
pub fn path(project: &Project, language: &Language) -> PathBuf {
    project
        .root
        .join("locales")
        .join(format!("{}.lock", language.tag))
}

/// The fingerprint of a translation's text recorded in the lock.
pub fn fingerprint(text: &str) -> String {
    crate::build::cache::fingerprint(text.as_bytes())
}

impl Lock {
    /// Reads a language's lock file; a missing file is an empty lock.
    pub fn load(project: &Project, language: &Language) -> Result<Self> {
        let path = path(project, language);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Problem::io("read", &path, &e).into()),
        };
        let display = path.strip_prefix(&project.root).unwrap_or(&path).to_owned();
        let text = decode_utf8(&display, bytes)?;
        Self::parse(&Source::new(display, text))
    }

    /// Parses lock file text.
    pub fn parse(source: &std::sync::Arc<Source>) -> Result<Self> {
        toml::from_str::<BTreeMap<String, Record>>(&source.text)
            .map(|records| Self { records })
            .map_err(|e| {
                Problem::error(Code::Lock, format!("invalid lock file: {}", e.message().trim_end()))
                    .at(source, e.span().unwrap_or(0..0))
                    .with_hint("lock files are written by `report l10n update`; restore it from git or run that command")
                    .into()
            })
    }

    /// The file's text: a header, then one sorted line per record.
    pub fn to_text(&self, language: &Language) -> String {
        let mut text = format!(
            "# Source texts the {language} translations were made from.\n\
             # Written by `report l10n update` and `report l10n accept`; commit it.\n"
        );
        for (id, record) in &self.records {
            let key = if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                id.clone()
            } else {
                basic_string(id)
            };
            text.push_str(&format!(
                "{key} = {{ source = {}, translation = {} }}\n",
                basic_string(&record.source),
                basic_string(&record.translation)
            ));
        }
        text
    }

    /// Writes the lock file (atomically).
    pub fn save(&self, project: &Project, language: &Language) -> Result<()> {
        write_atomically(&path(project, language), self.to_text(language).as_bytes())
    }
}

/// A TOML basic string on one line (newlines and controls escaped).
fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_sorted_one_line_per_message() -> Result<()> {
        let mut lock = Lock::default();
        lock.records.insert(
            "b".into(),
            Record {
                source: "Dos \"2\"\nlíneas".into(),
                translation: fingerprint("Two"),
            },
        );
        lock.records.insert(
            "a".into(),
            Record {
                source: "Uno".into(),
                translation: fingerprint("One"),
            },
        );
        let language = Language::parse("en").map_err(|e| Problem::error(Code::Usage, e))?;
        let text = lock.to_text(&language);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("a = { source = \"Uno\""));
        assert_eq!(Lock::parse(&Source::new("en.lock", text))?, lock);
        Ok(())
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }
}
