//! Typography, per language, as `[check.typography]` in report.toml turns
//! the rules on and off (`project/manifest/typography.rs`).
//!
//! Spanish: straight quotes where « » (or “ ”) belong, `...` for `…`, a
//! number and `%` without a no-break space between them, `¿…?` and `¡…!`
//! out of pairs, a space before closing punctuation, a thousands point in a
//! four-digit number. English: straight quotes and apostrophes, two spaces
//! in a row, a space before punctuation.
//!
//! Only the text a translator wrote is read: never a placeable, a link or
//! e-mail address, a markup link's target, an HTML tag (`<a href="…">`,
//! which Mozilla's catalogs carry, even across placeables), or a character
//! escaped with `\`. The quote, ellipsis and no-break-space findings carry a [`Fix`],
//! which `report check --fix` applies.

use std::ops::Range;
use std::sync::Arc;

use linkify::LinkFinder;

use crate::check::patterns::{Patterns, Piece, offset_in, pieces};
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Location, Problem, Source};
use crate::l10n::Catalog;
use crate::project::TypographyRules;

/// A mechanical correction: replace `span` of a file with `replacement`.
#[derive(Debug, Clone)]
pub struct Fix {
    /// The language of the text it fixes.
    pub language: String,
    /// The file, as loaded.
    pub source: Arc<Source>,
    /// The bytes to replace (empty to insert).
    pub span: Range<usize>,
    /// What goes there.
    pub replacement: String,
}

/// The languages with rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Spanish,
    English,
}

/// Checks every text piece of `catalog`'s entries; findings with a fix
/// also add the fix to `fixes`.
pub(super) fn check(
    catalog: &Catalog,
    entries: &[Option<Patterns<'_>>],
    rules: &TypographyRules,
    findings: &mut Vec<Problem>,
    fixes: &mut Vec<Fix>,
) -> Result<(), Interrupted> {
    let script = match catalog.language.id.language.as_str() {
        "es" => Script::Spanish,
        "en" => Script::English,
        _ => return Ok(()),
    };
    let tag = &catalog.language.tag;
    for patterns in entries.iter().flatten() {
        poll()?;
        for (attribute, pattern) in patterns.all() {
            let mut reader = Reader {
                rules,
                script,
                patterns,
                name: patterns.name(attribute),
                tag,
                in_html_tag: false,
                quotes: Quotes::default(),
                found: Vec::new(),
            };
            let mut marks = Marks::default();
            pieces(pattern, &mut |piece| {
                if let Piece::Text(text) = piece {
                    reader.piece(text);
                    marks.count(text);
                }
            });
            if script == Script::Spanish && rules.inverted_marks {
                reader
                    .found
                    .extend(marks.unbalanced(patterns, &reader.name, tag));
            }
            for (problem, fix) in reader.found {
                findings.push(problem);
                fixes.extend(fix);
            }
        }
    }
    Ok(())
}

/// Reads the pieces of one message or attribute.
struct Reader<'a, 'c> {
    rules: &'a TypographyRules,
    script: Script,
    patterns: &'a Patterns<'c>,
    name: String,
    tag: &'a str,
    /// Inside `<…>`, which may go on after a placeable.
    in_html_tag: bool,
    /// Whether a straight double quote is open (`"{ -brand }"` spans pieces).
    quotes: Quotes,
    found: Vec<(Problem, Option<Fix>)>,
}

impl Reader<'_, '_> {
    fn piece(&mut self, text: &str) {
        let Some(base) = offset_in(self.patterns.parsed, text) else {
            return;
        };
        let masked = masked(text);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (i, &(at, c)) in chars.iter().enumerate() {
            let after = chars.get(i + 1).map(|&(_, c)| c);
            if self.in_html_tag {
                self.in_html_tag = c != '>';
                continue;
            }
            if c == '<' && after.is_some_and(|a| a.is_ascii_alphabetic() || a == '/') {
                self.in_html_tag = true;
                continue;
            }
            if masked.iter().any(|m| m.contains(&at)) || escaped(&chars, i) {
                continue;
            }
            let before = i.checked_sub(1).map(|p| chars[p].1);
            self.char_rules(&chars, i, base, (before, c, after));
        }
    }

    fn char_rules(
        &mut self,
        chars: &[(usize, char)],
        i: usize,
        base: usize,
        (before, c, after): (Option<char>, char, Option<char>),
    ) {
        let at = base + chars[i].0;
        let (rules, spanish) = (self.rules, self.script == Script::Spanish);
        match c {
            '"' if rules.quotes => {
                let opening = self.quotes.double_opens(before);
                let replacement = match (spanish, opening) {
                    (true, true) => self.rules.spanish_quotes[0],
                    (true, false) => self.rules.spanish_quotes[1],
                    (false, true) => '“',
                    (false, false) => '”',
                };
                let rule = if spanish {
                    format!(
                        "straight quote; Spanish uses {}{}",
                        rules.spanish_quotes[0], rules.spanish_quotes[1]
                    )
                } else {
                    "straight quote; English uses “ ”".to_owned()
                };
                self.push(at..at + 1, &rule, Some(replacement.to_string()));
            }
            '\'' if rules.quotes && !spanish => {
                let letters = before.is_some_and(char::is_alphanumeric);
                let replacement = if letters || !opens(before) {
                    '’'
                } else {
                    '‘'
                };
                self.push(
                    at..at + 1,
                    "straight apostrophe or quote; English uses ’ (and ‘ ’)",
                    Some(replacement.to_string()),
                );
            }
            '.' if spanish && rules.ellipsis && dots(chars, i) => {
                self.push(
                    at..at + 3,
                    "three points; Spanish uses the ellipsis …",
                    Some("…".into()),
                );
            }
            '%' if spanish && rules.percent_space => self.percent(chars, i, base),
            ' ' if rules.space_before_punctuation && closing(after) && !dots(chars, i + 1) => {
                self.push(at..at + 1, "a space before closing punctuation", None);
            }
            ' ' if !spanish && rules.double_space && after == Some(' ') && before != Some(' ') => {
                let end = chars[i..].iter().take_while(|&&(_, c)| c == ' ').count();
                if chars.get(i + end).is_some_and(|&(_, c)| c != '\n') {
                    self.push(at..at + end, "two spaces in a row", None);
                }
            }
            d if spanish
                && rules.four_digit_point
                && d.is_ascii_digit()
                && four_digit_point(chars, i) =>
            {
                self.push(
                    at..at + 5,
                    "a thousands point in a four-digit number; Spanish writes 2022, 1000",
                    None,
                );
            }
            _ => {}
        }
    }

    /// `25%` or `25 %` (an ordinary space): Spanish wants `25 %`, with a
    /// no-break space.
    fn percent(&mut self, chars: &[(usize, char)], i: usize, base: usize) {
        let before = i.checked_sub(1).map(|p| chars[p]);
        let two_before = i.checked_sub(2).map(|p| chars[p].1);
        match before {
            Some((_, d)) if d.is_ascii_digit() => {
                let at = base + chars[i].0;
                self.push(
                    at..at,
                    "a number and % without a no-break space between them",
                    Some("\u{a0}".into()),
                );
            }
            Some((space_at, ' ')) if two_before.is_some_and(|c| c.is_ascii_digit()) => {
                let at = base + space_at;
                self.push(
                    at..at + 1,
                    "an ordinary space between a number and %; use a no-break space",
                    Some("\u{a0}".into()),
                );
            }
            _ => {}
        }
    }

    fn push(&mut self, span: Range<usize>, rule: &str, replacement: Option<String>) {
        let location = Location::new(self.patterns.source, span.clone());
        let mut problem = Problem::warning(
            Code::Typography,
            format!("`{}` in `{}`: {rule}", self.name, self.tag),
        )
        .at_location(Some(location))
        .about(self.tag, &self.name);
        problem = match &replacement {
            Some(with) => problem.with_hint(format!(
                "write `{}`; `report check --fix` does it",
                with.replace('\u{a0}', "\\u{a0}")
            )),
            None => problem.with_hint("fix the text, or turn the rule off in [check.typography]"),
        };
        let fix = replacement.map(|replacement| Fix {
            language: self.tag.to_owned(),
            source: Arc::clone(self.patterns.source),
            span,
            replacement,
        });
        self.found.push((problem, fix));
    }
}

/// Whether a quote after `before` opens (at the start, after a space or
/// an opening bracket or mark).
fn opens(before: Option<char>) -> bool {
    before.is_none_or(|c| c.is_whitespace() || "([{¿¡—–-«“‘/".contains(c))
}

/// Which straight double quotes of a piece open and which close.
#[derive(Default)]
struct Quotes {
    open: bool,
}

impl Quotes {
    fn double_opens(&mut self, before: Option<char>) -> bool {
        let opening = !self.open && opens(before);
        self.open = opening;
        opening
    }
}

/// Whether `chars[i..]` starts exactly three points (not two, not four).
fn dots(chars: &[(usize, char)], i: usize) -> bool {
    let is_dot = |j: usize| chars.get(j).is_some_and(|&(_, c)| c == '.');
    (0..3).all(|k| is_dot(i + k)) && !is_dot(i + 3) && (i == 0 || !is_dot(i - 1))
}

/// Whether `c` is punctuation that closes (no space goes before it).
fn closing(c: Option<char>) -> bool {
    c.is_some_and(|c| ",.;:?!)".contains(c))
}

/// `2.022` at `chars[i]`: one digit, a point, three digits, and no digit or
/// separator on either side.
fn four_digit_point(chars: &[(usize, char)], i: usize) -> bool {
    let c = |j: usize| chars.get(j).map(|&(_, c)| c);
    let digit = |j: usize| c(j).is_some_and(|c| c.is_ascii_digit());
    let starts = i == 0 || !(digit(i - 1) || matches!(c(i - 1), Some('.' | ',')));
    let ends = !(digit(i + 5) || (matches!(c(i + 5), Some('.' | ',')) && digit(i + 6)));
    starts && c(i + 1) == Some('.') && (2..5).all(|k| digit(i + k)) && ends
}

/// Whether `chars[i]` follows a `\` (markup's escape).
fn escaped(chars: &[(usize, char)], i: usize) -> bool {
    i > 0 && chars[i - 1].1 == '\\'
}

/// Byte ranges of a piece no rule reads: links, e-mail addresses and the
/// targets of markup links (`](…)`).
fn masked(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = LinkFinder::new()
        .links(text)
        .map(|link| link.start()..link.end())
        .collect();
    let mut from = 0;
    while let Some(found) = text[from..].find("](") {
        let start = from + found;
        let end = text[start..]
            .find(')')
            .map_or(text.len(), |e| start + e + 1);
        ranges.push(start..end);
        from = end;
    }
    ranges
}

/// Counts of Spanish opening and closing marks in one message or attribute.
#[derive(Default)]
struct Marks {
    question: (usize, usize),
    exclamation: (usize, usize),
}

impl Marks {
    fn count(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '¿' => self.question.0 += 1,
                '?' => self.question.1 += 1,
                '¡' => self.exclamation.0 += 1,
                '!' => self.exclamation.1 += 1,
                _ => {}
            }
        }
    }

    fn unbalanced(
        &self,
        patterns: &Patterns<'_>,
        name: &str,
        tag: &str,
    ) -> Vec<(Problem, Option<Fix>)> {
        let mut found = Vec::new();
        for ((open, close), (opening, closing)) in
            [(self.question, ('¿', '?')), (self.exclamation, ('¡', '!'))]
        {
            if open != close {
                let problem = Problem::warning(
                    Code::Typography,
                    format!(
                        "`{name}` in `{tag}`: {open} `{opening}` but {close} `{closing}`; \
                         Spanish opens what it closes"
                    ),
                )
                .at_location(Some(patterns.entry.location.clone()))
                .about(tag, name)
                .with_hint(format!(
                    "write `{opening}…{closing}` around the whole question or exclamation"
                ));
                found.push((problem, None));
            }
        }
        found
    }
}
