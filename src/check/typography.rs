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

use fluent_syntax::ast;
use linkify::LinkFinder;

use crate::check::patterns::{Pattern, Patterns, offset_in};
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Location, Problem, Problems, Source};
use crate::l10n::Catalog;
use crate::project::TypographyRules;

/// A mechanical correction: replace `span` of a file with `replacement`.
#[derive(Debug, Clone)]
pub(crate) struct Fix {
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
    findings: &mut Problems,
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
                attribute,
                tag,
                in_html_tag: false,
                quotes: Quotes::default(),
                marks: Marks::default(),
                last_closing_single: None,
                found: Vec::new(),
            };
            reader.pattern(pattern);
            if script == Script::Spanish && rules.inverted_marks {
                let marks = std::mem::take(&mut reader.marks);
                reader
                    .found
                    .extend(marks.unbalanced(patterns, &patterns.name(attribute), tag));
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
    attribute: Option<&'a str>,
    tag: &'a str,
    /// Inside `<…>`, which may go on after a placeable.
    in_html_tag: bool,
    /// Whether a straight double quote is open (`"{ -brand }"` spans pieces).
    quotes: Quotes,
    /// Spanish opening and closing marks counted so far.
    marks: Marks,
    /// [`last_closing_single`] of the piece being read, once asked for.
    last_closing_single: Option<Option<usize>>,
    found: Vec<(Problem, Option<Fix>)>,
}

impl Reader<'_, '_> {
    /// Reads a pattern's text; each variant of a select starts from the
    /// quotes open before the select (a quote opened in one variant is not
    /// closed in the next).
    fn pattern(&mut self, pattern: &Pattern<'_>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => self.piece(value),
                ast::PatternElement::Placeable { expression } => self.expression(expression),
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Select { variants, .. } => {
                let before = self.quotes;
                for variant in variants {
                    self.quotes = before;
                    self.pattern(&variant.value);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                self.expression(expression)
            }
            // A placeable's own text (a literal, a reference) is not the
            // translator's to fix here.
            ast::Expression::Inline(_) => {}
        }
    }

    /// Reads one piece. Every rule is about ASCII characters (quotes,
    /// points, `%`, spaces, digits), so the piece is read as bytes: a byte
    /// of a multi-byte character never equals one of them.
    fn piece(&mut self, text: &str) {
        let Some(base) = offset_in(self.patterns.parsed, text) else {
            return;
        };
        self.last_closing_single = None;
        let masked = masked(text);
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if self.in_html_tag {
                self.in_html_tag = b != b'>';
                continue;
            }
            let next = bytes.get(i + 1).copied();
            if b == b'<' && next.is_some_and(|n| n.is_ascii_alphabetic() || n == b'/') {
                self.in_html_tag = true;
                continue;
            }
            let interesting = matches!(b, b'"' | b'\'' | b'.' | b'%' | b' ' | b'?' | b'!' | 0xC2)
                || b.is_ascii_digit();
            if !interesting || (i > 0 && bytes[i - 1] == b'\\') {
                continue;
            }
            if masked.iter().any(|m| m.contains(&i)) {
                continue;
            }
            self.marks.count(b, next);
            self.byte_rules(text, i, base);
        }
    }

    /// Two spaces or more in a row (not a line's indentation, nor spaces
    /// before a line end), at `bytes[i]` (file offset `at`).
    fn double_space(&mut self, bytes: &[u8], i: usize, at: usize) {
        if (i > 0 && bytes[i - 1] == b' ') || self.at_line_start(at) {
            return;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b' ').count();
        if bytes.get(i + run).is_some_and(|&b| b != b'\n') {
            self.push(at..at + run, "two spaces in a row", None);
        }
    }

    /// Whether only blanks stand between the start of its line and `at`
    /// (an offset in the parsed file text).
    fn at_line_start(&self, at: usize) -> bool {
        let before = self.patterns.parsed.get(..at).unwrap_or_default();
        before
            .rfind('\n')
            .is_some_and(|newline| before[newline + 1..].trim().is_empty())
    }

    fn byte_rules(&mut self, text: &str, i: usize, base: usize) {
        let bytes = text.as_bytes();
        let at = base + i;
        let (rules, spanish) = (self.rules, self.script == Script::Spanish);
        let before = text[..i].chars().next_back();
        let next = bytes.get(i + 1).copied();
        match bytes[i] {
            b'"' if rules.quotes => {
                let after = text[i + 1..].chars().next();
                self.double_quote(at, before, after);
            }
            b'\'' if rules.quotes && !spanish => {
                let after = text[i + 1..].chars().next();
                let last_closing = *self
                    .last_closing_single
                    .get_or_insert_with(|| last_closing_single(text));
                let replacement = if single_opens(i, before, after, last_closing) {
                    '‘'
                } else {
                    '’'
                };
                self.push(
                    at..at + 1,
                    "straight apostrophe or quote; English uses ’ (and ‘ ’)",
                    Some(replacement.to_string()),
                );
            }
            b'.' if spanish && rules.ellipsis && dots(bytes, i) => {
                self.push(
                    at..at + 3,
                    "three points; Spanish uses the ellipsis …",
                    Some("…".into()),
                );
            }
            b'%' if spanish && rules.percent_space => self.percent(bytes, i, base),
            b' ' if rules.space_before_punctuation
                && closing(next)
                && !dots(bytes, i + 1)
                && !(next == Some(b'.')
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_alphanumeric)) =>
            {
                self.push(at..at + 1, "a space before closing punctuation", None);
            }
            b' ' if !spanish && rules.double_space && next == Some(b' ') => {
                self.double_space(bytes, i, at);
            }
            b'0'..=b'9' if spanish && rules.four_digit_point && four_digit_point(bytes, i) => {
                self.push(
                    at..at + 5,
                    "a thousands point in a four-digit number; Spanish writes 2022, 1000",
                    None,
                );
            }
            _ => {}
        }
    }

    /// A straight double quote: « » (or “ ”) in Spanish, “ ” in English,
    /// opening or closing as the text around it says.
    fn double_quote(&mut self, at: usize, before: Option<char>, after: Option<char>) {
        let spanish = self.script == Script::Spanish;
        let [open, close] = if spanish {
            self.rules.spanish_quotes
        } else {
            ['“', '”']
        };
        let replacement = if self.quotes.double_opens(before, after) {
            open
        } else {
            close
        };
        let language = if spanish { "Spanish" } else { "English" };
        let rule = format!("straight quote; {language} uses {open}{close}");
        self.push(at..at + 1, &rule, Some(replacement.to_string()));
    }

    /// `25%` or `25 %` (an ordinary space): Spanish wants `25 %`, with a
    /// no-break space.
    fn percent(&mut self, bytes: &[u8], i: usize, base: usize) {
        let digit = |j: Option<usize>| j.is_some_and(|j| bytes[j].is_ascii_digit());
        if digit(i.checked_sub(1)) {
            let at = base + i;
            self.push(
                at..at,
                "a number and % without a no-break space between them",
                Some("\u{a0}".into()),
            );
        } else if i >= 2 && bytes[i - 1] == b' ' && digit(Some(i - 2)) {
            let at = base + i - 1;
            self.push(
                at..at + 1,
                "an ordinary space between a number and %; use a no-break space",
                Some("\u{a0}".into()),
            );
        }
    }

    fn push(&mut self, span: Range<usize>, rule: &str, replacement: Option<String>) {
        let location = Location::new(self.patterns.source, span.clone());
        let name = self.patterns.name(self.attribute);
        let mut problem = Problem::warning(
            Code::Typography,
            format!("`{name}` in `{}`: {rule}", self.tag),
        )
        .at_location(Some(location))
        .about(self.tag, &name);
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

/// Whether a quote after `before` opens (after a space or an opening
/// bracket or mark).
fn opens(before: Option<char>) -> bool {
    before.is_some_and(|c| c.is_whitespace() || "([{¿¡—–-«“‘/".contains(c))
}

/// Whether the straight single quote at byte `i` opens a quotation (‘)
/// rather than being an apostrophe or a closing quote (’): after a space
/// or an opening mark, before a letter, with another quote later in the
/// piece that closes it. `{ -brand }'s`, `don't` and `'90s` are
/// apostrophes.
fn single_opens(
    i: usize,
    before: Option<char>,
    after: Option<char>,
    last_closing: Option<usize>,
) -> bool {
    let closed_later = last_closing.is_some_and(|last| last > i);
    opens(before) && after.is_some_and(char::is_alphabetic) && closed_later
}

/// The byte offset of the last straight single quote of `text` that can
/// close a quotation (no letter or digit after it), found once per piece:
/// asking, for each quote, whether one closes it later would read the
/// rest of the piece again each time.
fn last_closing_single(text: &str) -> Option<usize> {
    text.rmatch_indices('\'')
        .find(|(j, _)| {
            !text[j + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
        .map(|(j, _)| j)
}

/// Which straight double quotes of a message open and which close.
#[derive(Default, Clone, Copy)]
struct Quotes {
    open: bool,
}

impl Quotes {
    /// A quote opens unless one is open, or it follows a word and is
    /// followed by none (`said "no"` opens, `"no" to` closes even without
    /// an opening one before: `<b>"Save"</b>` opens after the tag).
    fn double_opens(&mut self, before: Option<char>, after: Option<char>) -> bool {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let closes_a_word = word(before) && !word(after);
        let opening = !self.open && !closes_a_word;
        self.open = opening;
        opening
    }
}

/// Whether `bytes[i..]` starts exactly three points (not two, not four).
fn dots(bytes: &[u8], i: usize) -> bool {
    let is_dot = |j: usize| bytes.get(j) == Some(&b'.');
    (0..3).all(|k| is_dot(i + k)) && !is_dot(i + 3) && (i == 0 || !is_dot(i - 1))
}

/// Whether `b` is punctuation that closes (no space goes before it).
fn closing(b: Option<u8>) -> bool {
    b.is_some_and(|b| b",.;:?!)".contains(&b))
}

/// `2.022` at `bytes[i]`: one digit, a point, three digits, and no digit or
/// separator on either side.
fn four_digit_point(bytes: &[u8], i: usize) -> bool {
    let at = |j: usize| bytes.get(j).copied();
    let digit = |j: usize| at(j).is_some_and(|b| b.is_ascii_digit());
    let starts = i == 0 || !(digit(i - 1) || matches!(at(i - 1), Some(b'.' | b',')));
    let ends = !(digit(i + 5) || (matches!(at(i + 5), Some(b'.' | b',')) && digit(i + 6)));
    starts && at(i + 1) == Some(b'.') && (2..5).all(|k| digit(i + k)) && ends
}

/// Byte ranges of a piece no rule reads: links, e-mail addresses and the
/// targets of markup links (`](…)`).
fn masked(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    if crate::check::parity::may_have_links(text) {
        ranges.extend(
            LinkFinder::new()
                .links(text)
                .map(|link| link.start()..link.end()),
        );
    }
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
    /// Counts the mark at byte `b` (`¿` and `¡` are `0xC2` and the next).
    fn count(&mut self, b: u8, next: Option<u8>) {
        match (b, next) {
            (0xC2, Some(0xBF)) => self.question.0 += 1,
            (0xC2, Some(0xA1)) => self.exclamation.0 += 1,
            (b'?', _) => self.question.1 += 1,
            (b'!', _) => self.exclamation.1 += 1,
            _ => {}
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
