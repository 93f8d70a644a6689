//! Characters an edition cannot carry, in the messages of every language
//! and in the data's text, each pointed at where it is written.
//!
//! - `bad-character` (error): control characters other than tab, line
//!   feed, carriage return and form feed (the rest of C0, DEL and C1, such
//!   as NUL, BEL, ESC or the vertical tab a word processor pastes), and
//!   Unicode noncharacters. Typst's HTML export refuses them ("the
//!   character `"\u{b}"` cannot be encoded in HTML", located in the
//!   template), and the PDF standards refuse most of them as text no font
//!   can show.
//! - `missing-glyph`: characters no font given to Typst has ([`Fonts`]),
//!   when PDF editions are rendered: an error when they follow a PDF/A or
//!   PDF/UA standard (Typst then refuses the edition), else a warning (the
//!   character is a blank box). Whitespace and default-ignorable
//!   characters (joiners, variation selectors, …) need no glyph.

use std::collections::HashSet;

use icu::properties::CodePointSetData;
use icu::properties::props::DefaultIgnorableCodePoint;

use crate::check::fonts::Fonts;
use crate::check::patterns::{Patterns, Piece, offset_in, pieces};
use crate::check::{Interrupted, Scope, poll};
use crate::data::{ArgValue, Data, Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems, Severity};
use crate::l10n::Catalog;
use crate::project::unshowable::{Trouble, code_point, unshowable, unshowable_problem};
use crate::project::{Format, Project};

/// A character that no edition, or no PDF edition, can carry, and where.
struct Found {
    c: char,
    trouble: Trouble,
    at: Location,
}

/// The troubled characters of one message or value, each once, in the
/// order first met (a set, not a search of the list: a translation with
/// 80,000 distinct characters no font has took seconds).
#[derive(Default)]
struct FoundChars {
    list: Vec<Found>,
    seen: HashSet<char>,
}

/// Checks characters, with the fonts the PDF editions will have.
#[derive(Debug)]
pub(super) struct Characters {
    /// The fonts and how serious a missing glyph is, when PDF editions
    /// are rendered.
    glyphs: Option<(Fonts, Severity, String)>,
}

impl Characters {
    /// For `project`: glyphs are checked when its PDF editions are rendered
    /// by default; with [`Scope::Errors`], only when a missing glyph is an
    /// error.
    pub(super) fn new(project: &Project, scope: Scope) -> Self {
        let manifest = &project.manifest;
        // Screen PDFs follow `[pdf] standards`; a print edition has none
        // that refuses a missing glyph, but a blank box in print is worth a
        // warning all the same.
        let screen = manifest.formats.contains(&Format::Pdf) || manifest.parallel;
        let pdf = screen || manifest.formats.contains(&Format::Print);
        let strict: Vec<&str> = (manifest.pdf_standards.iter())
            .filter(|s| screen && (s.starts_with("a-") || s.starts_with("ua-")))
            .map(String::as_str)
            .collect();
        let severity = if strict.is_empty() {
            Severity::Warning
        } else {
            Severity::Error
        };
        let wanted = pdf && (scope == Scope::All || severity == Severity::Error);
        Self {
            glyphs: wanted.then(|| (Fonts::new(project), severity, strict.join(", "))),
        }
    }

    /// What is wrong with `c`, if anything.
    fn trouble(&mut self, c: char) -> Option<Trouble> {
        if let Some(trouble) = unshowable(c) {
            return Some(trouble);
        }
        let (fonts, _, _) = self.glyphs.as_mut()?;
        let needs_glyph =
            !c.is_whitespace() && !CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c);
        (needs_glyph && !fonts.covers(c)).then_some(Trouble::NoGlyph)
    }

    /// The troubled characters of `text`, each once, at its first place:
    /// `locate` turns a byte range of `text` into a location.
    fn scan(
        &mut self,
        text: &str,
        locate: impl Fn(usize, usize) -> Location,
        found: &mut FoundChars,
    ) {
        // Printable ASCII, tab and line ends are fine (and every font has
        // them): skip to the first other byte, if any.
        let plain = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\t' | b'\n' | b'\r');
        let Some(first) = text.as_bytes().iter().position(|b| !plain(b)) else {
            return;
        };
        for (index, c) in text[first..].char_indices() {
            let index = first + index;
            if c.is_ascii() && plain(&(c as u8)) {
                continue;
            }
            if found.seen.contains(&c) {
                continue;
            }
            if let Some(trouble) = self.trouble(c) {
                let at = locate(index, index + c.len_utf8());
                found.seen.insert(c);
                found.list.push(Found { c, trouble, at });
            }
        }
    }

    /// Every admitted entry of one language.
    pub(super) fn check_catalog(
        &mut self,
        catalog: &Catalog,
        entries: &[Option<Patterns<'_>>],
        findings: &mut Problems,
    ) -> Result<(), Interrupted> {
        let tag = &catalog.language.tag;
        for patterns in entries.iter().flatten() {
            poll()?;
            let mut found = FoundChars::default();
            for (_, pattern) in patterns.all() {
                pieces(pattern, &mut |piece| {
                    self.scan_piece(patterns, piece, &mut found)
                });
            }
            for found in found.list {
                let what = format!("`{}` in `{tag}`", patterns.key);
                findings.push(self.problem(&found, &what).about(tag, patterns.key));
            }
        }
        Ok(())
    }

    fn scan_piece(&mut self, patterns: &Patterns<'_>, piece: Piece<'_>, found: &mut FoundChars) {
        match piece {
            Piece::Text(text) => {
                let start = offset_in(patterns.parsed, text);
                let locate = |from: usize, to: usize| match start {
                    Some(start) => Location::new(patterns.source, start + from..start + to),
                    None => patterns.entry.location.clone(),
                };
                self.scan(text, locate, found);
            }
            Piece::Literal(raw) => {
                // An escape (`\u000B`) is not the character itself: point at the literal.
                let text = fluent_syntax::unicode::unescape_unicode_to_string(raw);
                self.scan(&text, |_, _| patterns.locate(raw), found);
            }
        }
    }

    /// Every string of the data: values, and message arguments.
    pub(super) fn check_data(
        &mut self,
        data: &Data,
        findings: &mut Problems,
    ) -> Result<(), Interrupted> {
        let mut strings = Vec::new();
        for node in data.root.values() {
            data_strings(node, &mut strings);
        }
        for (text, location) in strings {
            poll()?;
            let mut found = FoundChars::default();
            self.scan(
                text,
                |from, to| literal_or_value(location, text, from, to),
                &mut found,
            );
            for found in found.list {
                findings.push(self.problem(&found, "the data"));
            }
        }
        Ok(())
    }

    /// The finding for one character of `what` ("`id` in `es`", "the data").
    fn problem(&self, found: &Found, what: &str) -> Problem {
        let c = found.c;
        let problem = match found.trouble {
            Trouble::NoGlyph => self.no_glyph(what, c, &code_point(c)),
            trouble => unshowable_problem(what, c, trouble),
        };
        problem.at_location(Some(found.at.clone()))
    }

    fn no_glyph(&self, what: &str, c: char, code_point: &str) -> Problem {
        let (severity, standards) = match &self.glyphs {
            Some((_, severity, standards)) => (*severity, standards.as_str()),
            None => (Severity::Warning, ""),
        };
        let consequence = match severity {
            Severity::Error => {
                format!("the PDF standards ({standards}) refuse a PDF that lacks it")
            }
            _ => "the PDF would show a blank box".to_owned(),
        };
        Problem {
            severity,
            ..Problem::error(
                Code::MissingGlyph,
                format!("{what} has `{c}` ({code_point}), which no font of the PDF has; {consequence}"),
            )
        }
        .with_hint("put a font that has it in the project's fonts directory (`fonts/`, or `fonts` in report.toml), or write it another way")
    }
}

/// Every string of the data under `node`, with where it is written.
fn data_strings<'d>(node: &'d Node, out: &mut Vec<(&'d str, &'d Location)>) {
    match &node.value {
        Value::String(text) => out.push((text, &node.location)),
        Value::Array(items) => items.iter().for_each(|n| data_strings(n, out)),
        Value::Table(table) => table.values().for_each(|n| data_strings(n, out)),
        Value::Message(reference) => {
            for arg in reference.args.values() {
                if let ArgValue::String(text) = &arg.value {
                    out.push((text, &arg.location));
                }
            }
        }
        _ => {}
    }
}

/// The character `text[from..to]` where the data file has it as written,
/// else the whole value (it was written as an escape).
fn literal_or_value(value: &Location, text: &str, from: usize, to: usize) -> Location {
    let written = value.source.text.get(value.span.clone()).unwrap_or("");
    match written.find(&text[from..to]) {
        Some(at) => Location::new(
            &value.source,
            value.span.start + at..value.span.start + at + to - from,
        ),
        None => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::patterns;
    use crate::l10n::catalog::tests::catalog_of;

    fn characters(glyphs: Option<Severity>) -> Characters {
        Characters {
            glyphs: glyphs.map(|severity| {
                let fonts = Fonts::new_without_project();
                (fonts, severity, "a-2a".to_owned())
            }),
        }
    }

    fn found(text: &str, glyphs: Option<Severity>) -> Vec<(Code, Severity, String)> {
        let (catalog, _) = catalog_of("es", text);
        let trees = patterns::trees(&catalog).unwrap_or_default();
        let entries = patterns::index(&catalog, &trees);
        let mut findings = Problems::default();
        let mut characters = characters(glyphs);
        assert_eq!(
            characters.check_catalog(&catalog, &entries, &mut findings),
            Ok(())
        );
        findings
            .iter()
            .map(|f| {
                let at = f
                    .location
                    .as_ref()
                    .map(Location::display)
                    .unwrap_or_default();
                (f.code, f.severity, at)
            })
            .collect()
    }

    #[test]
    fn control_characters_and_noncharacters_are_found_where_they_are() {
        let text = "a = Hola\u{b} mundo\u{b}\u{0}\nb = { \"\\u0007\" } tab\tand\u{c}feed\n    .t = x\u{fffe}\nc = { $n ->\n    [one] \u{1b}\n   *[other] ok\n}\n";
        assert_eq!(
            found(text, None),
            [
                (Code::BadCharacter, Severity::Error, "a.ftl:1:9".to_owned()),
                (Code::BadCharacter, Severity::Error, "a.ftl:1:17".to_owned()),
                (Code::BadCharacter, Severity::Error, "a.ftl:2:8".to_owned()),
                (Code::BadCharacter, Severity::Error, "a.ftl:3:11".to_owned()),
                (Code::BadCharacter, Severity::Error, "a.ftl:5:11".to_owned()),
            ]
        );
    }

    #[test]
    fn each_of_many_distinct_characters_is_found_once() {
        let distinct: String = ('\u{4e00}'..='\u{9fff}').collect();
        let text = format!("a = {distinct} {distinct}\n");
        let errors = found(&text, Some(Severity::Error));
        assert_eq!(errors.len(), distinct.chars().count());
        assert_eq!(errors[1].2, "a.ftl:1:6");
    }

    #[test]
    fn characters_no_font_has_follow_the_pdf_standards() {
        let text = "a = Hola 😀, ¿qué tal? — ok\u{200d}\u{fe0f}\u{a0}\nb = 中文\n";
        let errors = found(text, Some(Severity::Error));
        assert_eq!(
            errors,
            [
                (Code::MissingGlyph, Severity::Error, "a.ftl:1:10".to_owned()),
                (Code::MissingGlyph, Severity::Error, "a.ftl:2:5".to_owned()),
                (Code::MissingGlyph, Severity::Error, "a.ftl:2:6".to_owned()),
            ]
        );
        assert_eq!(found(text, Some(Severity::Warning))[0].1, Severity::Warning);
        assert!(found(text, None).is_empty());
    }

    #[test]
    fn every_printable_ascii_character_has_a_glyph() {
        let mut fonts = Fonts::new_without_project();
        assert!((' '..='~').all(|c| fonts.covers(c)));
    }

    #[test]
    fn data_strings_point_at_the_character_or_at_the_value() -> crate::diagnostic::Result<()> {
        let toml =
            "a = \"x\\u000By\"\nb = \"z\u{85}\"\nc = { msg = \"m\", args = { s = \"\u{9f}\" } }\n";
        let data = Data {
            root: crate::data::tests::load("d.toml", toml)?,
            ..Data::default()
        };
        let mut findings = Problems::default();
        assert_eq!(characters(None).check_data(&data, &mut findings), Ok(()));
        let pointed: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.location.as_ref())
            .map(|l| &toml[l.span.clone()])
            .collect();
        // An escape is not the character: the whole value is pointed at.
        assert_eq!(pointed, ["\"x\\u000By\"", "\u{85}", "\u{9f}"]);
        Ok(())
    }
}
