//! Terminology: `locales/glossary.toml`, the terms a report must write one
//! way in each language.
//!
//! ```toml
//! [[term]]
//! es = "Programa Mundial de Alimentos"
//! en = "World Food Programme"
//! forbidden = { en = ["World Food Program"] }
//!
//! [[term]]
//! keep = "GRU"        # a name written the same in every language
//! ```
//!
//! A translation whose source has a term but which lacks the term's form
//! (read with the figures and links, in `parity`)
//! in its own language, or lacks a name to keep, is reported; so is a
//! forbidden form in any language's text. Terms are matched as whole words,
//! ignoring case (names to keep: exactly). A language key is a tag of the
//! project (`es-MX`) or its language (`es`, for every Spanish).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::text::{Text, one_line};
use crate::check::patterns::{Patterns, Piece, pieces};
use crate::diagnostic::{Code, Problem, Problems, Source};
use crate::l10n::Catalog;
use crate::platform::interrupt::{Interrupted, poll};
use crate::project::{BuildLayout, Language, Project, decode_utf8};

/// Where the glossary lives, as problems name it.
const GLOSSARY_FILE: &str = "locales/glossary.toml";

/// The project's glossary.
#[derive(Debug, Default)]
pub(in crate::check) struct Glossary {
    terms: Vec<Term>,
}

/// One term.
#[derive(Debug)]
struct Term {
    /// Its form per language key (`es`, `en`, `es-MX`).
    forms: BTreeMap<String, String>,
    /// A name written the same in every language.
    keep: Option<String>,
    /// Forms not to use, per language key.
    forbidden: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    term: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
struct RawTerm {
    keep: Option<String>,
    #[serde(default)]
    forbidden: BTreeMap<String, Vec<String>>,
    #[serde(flatten)]
    forms: BTreeMap<String, String>,
}

impl Glossary {
    /// The project's glossary (empty when it has none); what is wrong with
    /// the file goes to `problems`, and a term that is wrong is left out.
    pub(crate) fn load(project: &Project, problems: &mut Problems) -> Self {
        // Through the sandbox: a glossary that links out of the project is
        // refused unread, so none of its lines can reach a diagnostic.
        let text = match project.files.read_optional(&BuildLayout::glossary()) {
            Ok(None) => return Self::default(),
            Ok(Some(bytes)) => decode_utf8(Path::new(GLOSSARY_FILE), bytes),
            Err(found) => Err(found),
        };
        let text = match text {
            Ok(text) => text,
            Err(found) => {
                problems.extend(found);
                return Self::default();
            }
        };
        let source = Source::new(GLOSSARY_FILE, text);
        match toml::from_str::<RawGlossary>(&source.text) {
            Ok(raw) => Self::from_raw(raw, &source, &project.manifest.languages, problems),
            Err(e) => {
                problems.push(
                    Problem::error(
                        Code::Terminology,
                        format!("invalid `{GLOSSARY_FILE}`: {}", e.message().trim_end()),
                    )
                    .at(&source, e.span().unwrap_or(0..0))
                    .with_hint(
                        "each [[term]] holds a form per language (`es = \"…\"`), or `keep = \"…\"`, \
                         and `forbidden = { es = [\"…\"] }`",
                    ),
                );
                Self::default()
            }
        }
    }

    fn from_raw(
        raw: RawGlossary,
        source: &Arc<Source>,
        languages: &[Language],
        problems: &mut Problems,
    ) -> Self {
        let known = |key: &str| {
            languages
                .iter()
                .any(|l| l.tag == key || l.id.language.as_str() == key)
        };
        let mut terms = Vec::new();
        for term in raw.term {
            let span = term.span();
            let term = term.into_inner();
            let keys = term.forms.keys().chain(term.forbidden.keys());
            if let Some(unknown) = keys.into_iter().find(|key| !known(key)) {
                problems.push(
                    Problem::error(
                        Code::Terminology,
                        format!("`{GLOSSARY_FILE}`: `{unknown}` is not a language of the report"),
                    )
                    .at(source, span)
                    .with_hint("use a tag from report.toml's `languages`, or its language (`es`)"),
                );
                continue;
            }
            terms.push(Term {
                forms: term.forms,
                keep: term.keep,
                forbidden: term.forbidden,
            });
        }
        Self { terms }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

impl Term {
    /// The term's form in `language`: its tag's, else its language's.
    fn form(&self, language: &Language) -> Option<&str> {
        (self.forms.get(&language.tag))
            .or_else(|| self.forms.get(language.id.language.as_str()))
            .map(String::as_str)
    }

    fn forbidden(&self, language: &Language) -> impl Iterator<Item = &String> {
        let tag = self.forbidden.get(&language.tag).into_iter().flatten();
        let primary = (self.forbidden.get(language.id.language.as_str()))
            .filter(|_| language.tag != language.id.language.as_str())
            .into_iter()
            .flatten();
        tag.chain(primary)
    }
}

/// Forbidden forms anywhere in `catalog`'s text.
pub(in crate::check) fn check_forbidden(
    glossary: &Glossary,
    catalog: &Catalog,
    entries: &[Option<Patterns<'_>>],
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let language = &catalog.language;
    for patterns in entries.iter().flatten() {
        poll()?;
        for (attribute, pattern) in patterns.all() {
            pieces(pattern, &mut |piece| {
                let (Piece::Text(text) | Piece::Literal(text)) = piece;
                let words = Words::new(text);
                for term in &glossary.terms {
                    for form in term.forbidden(language) {
                        if let Some(range) = words.find(form, false) {
                            let name = patterns.name(attribute);
                            let preferred = term.form(language).or(term.keep.as_deref());
                            let found = text.get(range).filter(|f| !f.is_empty()).unwrap_or(form);
                            findings.push(forbidden(patterns, &name, language, found, preferred));
                        }
                    }
                }
            });
        }
    }
    Ok(())
}

fn forbidden(
    patterns: &Patterns<'_>,
    name: &str,
    language: &Language,
    found: &str,
    preferred: Option<&str>,
) -> Problem {
    let tag = &language.tag;
    Problem::warning(
        Code::Terminology,
        format!("`{name}` in `{tag}`: `{found}` is a form the glossary forbids"),
    )
    .at_location(Some(patterns.locate(found)))
    .about(tag, name)
    .with_hint(match preferred {
        Some(preferred) => format!("write `{preferred}` ({GLOSSARY_FILE})"),
        None => format!("see {GLOSSARY_FILE}"),
    })
}

/// The terms a translated message or attribute (`ours`) lacks where its
/// source (`theirs`) has them.
pub(in crate::check) fn lacking_terms(
    glossary: &Glossary,
    (from, to): (&Language, &Language),
    (patterns, attribute): (&Patterns<'_>, Option<&str>),
    (theirs, ours): (&Text<'_>, &Text<'_>),
    findings: &mut Problems,
) {
    let (theirs, ours) = (theirs.pieces.join("\u{FFFC}"), ours.pieces.join("\u{FFFC}"));
    let (in_theirs, in_ours) = (Words::new(&theirs), Words::new(&ours));
    for term in &glossary.terms {
        let wanted = match (&term.keep, term.form(from), term.form(to)) {
            (Some(name), _, _) => {
                (in_theirs.find(name, true)).map(|_| (name.as_str(), name.as_str(), true))
            }
            (None, Some(s), Some(t)) => in_theirs.find(s, false).map(|_| (s, t, false)),
            _ => None,
        };
        let Some((source_form, form, exact)) = wanted else {
            continue;
        };
        if in_ours.find(form, exact).is_none() {
            let name = patterns.name(attribute);
            findings.push(
                lacking(patterns, &name, to, source_form, form, exact)
                    .with_note(format!("source ({}): {}", from.tag, one_line(&theirs)))
                    .with_note(format!("translation ({}): {}", to.tag, one_line(&ours))),
            );
        }
    }
}

fn lacking(
    patterns: &Patterns<'_>,
    name: &str,
    language: &Language,
    source_form: &str,
    form: &str,
    keep: bool,
) -> Problem {
    let tag = &language.tag;
    let message = if keep {
        format!(
            "`{name}` in `{tag}`: the source names `{form}`, a name the glossary keeps in every language, and the translation does not"
        )
    } else {
        format!(
            "`{name}` in `{tag}`: the source has `{source_form}`, which the glossary translates as `{form}`, and the translation does not"
        )
    };
    Problem::warning(Code::Terminology, message)
        .at_location(Some(patterns.entry.location.clone()))
        .about(tag, name)
        .with_hint(format!("write `{form}`, or change {GLOSSARY_FILE}"))
}

/// A text made ready for finding whole words in it, with or without case;
/// lower-cased once, however many terms are looked for.
struct Words<'t> {
    text: &'t str,
    lowered: String,
    /// For each byte of `lowered`, where its character is in `text`:
    /// lower-casing may change a character's length in bytes ("İ", "ẞ").
    origin: Vec<usize>,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Self {
        let mut lowered = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            for lower in c.to_lowercase() {
                let before = lowered.len();
                lowered.push(lower);
                origin.extend(std::iter::repeat_n(at, lowered.len() - before));
            }
        }
        Self {
            text,
            lowered,
            origin,
        }
    }

    /// Where `word` is as a whole word (not inside a longer one), ignoring
    /// case unless `exact`.
    fn find(&self, word: &str, exact: bool) -> Option<Range<usize>> {
        if word.is_empty() {
            return None;
        }
        if exact {
            return find_whole(self.text, word);
        }
        let found = find_whole(&self.lowered, &word.to_lowercase())?;
        let start = self.origin[found.start];
        let end = (self.origin.get(found.end).copied()).unwrap_or(self.text.len());
        Some(start..end)
    }
}

/// `needle` in `haystack` as a whole word.
fn find_whole(haystack: &str, needle: &str) -> Option<Range<usize>> {
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    haystack.match_indices(needle).find_map(|(at, _)| {
        let end = at + needle.len();
        let before = haystack[..at].chars().next_back();
        let after = haystack[end..].chars().next();
        (!word_char(before) && !word_char(after)).then_some(at..end)
    })
}

#[cfg(test)]
mod tests {
    use super::Words;

    fn find_word(text: &str, word: &str, exact: bool) -> Option<std::ops::Range<usize>> {
        Words::new(text).find(word, exact)
    }

    #[test]
    fn terms_match_as_whole_words() {
        assert_eq!(find_word("the GRU unit", "GRU", true), Some(4..7));
        assert_eq!(find_word("GRUESO", "GRU", true), None);
        assert_eq!(
            find_word(
                "el Programa Mundial de Alimentos",
                "programa mundial de alimentos",
                false
            ),
            Some(3..32)
        );
        assert_eq!(find_word("the gru", "GRU", true), None);
        let text = "La ẞ Constantinopla y la İ.";
        let found = find_word(text, "constantinopla", false).expect("found");
        assert_eq!(&text[found], "Constantinopla");
    }
}
