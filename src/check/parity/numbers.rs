//! Figures: a number in a translation's text that its source lacks, or the
//! reverse — the worst mistake a reader of a report can find.
//!
//! Figures are compared as values, each read the way its own language
//! writes numbers: "3.000" in Spanish is 3000, as "3,000" is in English,
//! and "25 %" is "25%". A run of digits with separators that fits neither
//! the language's grouping nor its decimal mark (a version, "1.2.3") is
//! compared as written. Dates and times split into their numbers
//! ("28/2/2022" and "2/28/2022" agree). Numbers inside links and e-mail
//! addresses are the links' (`links.rs`); numbers in placeables are the
//! data's.

use crate::check::parity::{Finding, Mismatch, Pair};
use crate::diagnostic::Code;
use crate::l10n::intl::format_number;
use crate::project::Language;

/// How a language writes a number's group and decimal separators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::check) struct Separators {
    group: char,
    decimal: char,
}

impl Separators {
    /// The separators ICU4X writes for `language` ("1.234.567,5" in es).
    pub(crate) fn of(language: &Language) -> Self {
        let locale = crate::l10n::intl::to_icu_locale(&language.id);
        let number = fluent_bundle::types::FluentNumber::new(
            1_234_567.5,
            fluent_bundle::types::FluentNumberOptions::default(),
        );
        let written = format_number(&locale, &number);
        let mut marks = written.chars().filter(|c| !c.is_ascii_digit());
        let group = marks.next().unwrap_or(',');
        let decimal = written
            .chars()
            .rev()
            .find(|c| !c.is_ascii_digit())
            .unwrap_or('.');
        Self { group, decimal }
    }
}

/// The figures' finding for a pair, if they differ.
pub(super) fn compare<'a>(
    pair: &Pair<'a, '_>,
    (source, target): (&Separators, &Separators),
) -> Option<Finding<'a>> {
    let theirs = figures(&pair.source.pieces, source);
    let ours = figures(&pair.translation.pieces, target);
    let mut mismatch = Mismatch::between(&values(&theirs), &values(&ours))?;
    // "1 year" may well be "un año": a small figure spelled out counts.
    mismatch
        .missing
        .retain(|value| !spelled_out(value, &pair.translation.pieces));
    mismatch
        .extra
        .retain(|value| !spelled_out(value, &pair.source.pieces));
    if mismatch.missing.is_empty() && mismatch.extra.is_empty() {
        return None;
    }
    let first_extra = mismatch
        .extra
        .first()
        .and_then(|value| ours.iter().find(|f| &f.value == value))
        .map(|f| &pair.translation.pieces[f.piece][f.at..f.at + f.written.len()]);
    Some(Finding {
        code: Code::NumberMismatch,
        message: mismatch.describe("figure"),
        hint: "check the figure against the source; figures are safest in the data \
               (`{ $n }`), where no translation can change them",
        at: pair.locate_part(first_extra),
        source_text: pair.source.default(),
        translation_text: pair.translation.default(),
    })
}

/// A number as written, where (piece, byte offset), and as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Figure {
    written: String,
    piece: usize,
    at: usize,
    value: String,
}

fn values(figures: &[Figure]) -> Vec<String> {
    let mut values: Vec<String> = figures.iter().map(|f| f.value.clone()).collect();
    values.sort();
    values.dedup();
    values
}

/// Every figure in the pieces, links and e-mail addresses left out.
fn figures(pieces: &[&str], separators: &Separators) -> Vec<Figure> {
    let mut found = Vec::new();
    for (piece, text) in pieces.iter().enumerate() {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let text = super::links::without_links(text);
        for (at, written) in tokens(&text) {
            found.push(Figure {
                value: value(&written, separators),
                written,
                piece,
                at,
            });
        }
    }
    found
}

/// Small numbers as English and Spanish write them in words, by value.
const NUMBER_WORDS: [(&str, &[&str]); 12] = [
    ("1", &["one", "a", "an", "un", "uno", "una"]),
    ("2", &["two", "dos"]),
    ("3", &["three", "tres"]),
    ("4", &["four", "cuatro"]),
    ("5", &["five", "cinco"]),
    ("6", &["six", "seis"]),
    ("7", &["seven", "siete"]),
    ("8", &["eight", "ocho"]),
    ("9", &["nine", "nueve"]),
    ("10", &["ten", "diez"]),
    ("11", &["eleven", "once"]),
    ("12", &["twelve", "doce"]),
];

/// Whether the figure `value` is written in words in the pieces.
fn spelled_out(value: &str, pieces: &[&str]) -> bool {
    let Some((_, words)) = NUMBER_WORDS.iter().find(|(n, _)| *n == value) else {
        return false;
    };
    pieces.iter().any(|piece| {
        piece
            .split(|c: char| !c.is_alphabetic())
            .any(|word| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
    })
}

/// Whether the separator at `chars[i]` joins two parts of one number: a
/// point or comma before a digit; a space or apostrophe only before a
/// group of exactly three digits ("25 000", not "2022 25").
fn joins(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    let group_before = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    match chars[i] {
        '.' | ',' => digit(i + 1),
        _ => group_before <= 3 && (1..=3).all(|k| digit(i + k)) && !digit(i + 4),
    }
}

/// Whether `c` may sit between the digits of one number.
fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}' | '\'' | ' ')
}

/// Runs of digits with separators between them ("1.234,5"), each a token;
/// a separator not followed by a digit ends the number ("1." is "1").
/// Digits after letters (`H2O`, `x86`, `v1.2`) are names, not figures;
/// letters after digits are units (`25MB`, `1st`).
fn tokens(text: &str) -> Vec<(usize, String)> {
    let indexed: Vec<(usize, char)> = text.char_indices().collect();
    let chars: Vec<char> = indexed.iter().map(|&(_, c)| c).collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit() || (is_separator(chars[i]) && joins(&chars, i)))
        {
            i += 1;
        }
        let glued = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic());
        if !glued(start.checked_sub(1).and_then(|p| chars.get(p))) {
            tokens.push((indexed[start].0, chars[start..i].iter().collect::<String>()));
        }
    }
    tokens
}

/// The value of a token in a language's format, as a canonical decimal
/// ("3000", "1.5"), or the token itself when it is no number of that
/// language (a version, "1.2.3").
fn value(token: &str, separators: &Separators) -> String {
    let marks: Vec<char> = token.chars().filter(|c| !c.is_ascii_digit()).collect();
    let groups: Vec<&str> = token.split(|c: char| !c.is_ascii_digit()).collect();
    let grouping = |groups: &[&str]| {
        groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
    };
    let is_group = |c: char| c == separators.group || c == ' ' || c == '\u{a0}' || c == '\u{202f}';
    match marks.as_slice() {
        [] => canonical(token, ""),
        // Only group marks: 3.000 (es), 3,000 (en), 3 000.
        _ if marks.iter().all(|&c| is_group(c)) && grouping(&groups) => {
            canonical(&groups.concat(), "")
        }
        // One mark that is not a grouping: a decimal, in this language's
        // way or the other's ("1.5" in Spanish prose is one and a half).
        [_] => canonical(groups[0], groups[1]),
        // Groups and then the language's decimal mark: 1.234,5 (es).
        _ if marks[..marks.len() - 1].iter().all(|&c| is_group(c))
            && marks[marks.len() - 1] == separators.decimal
            && grouping(&groups[..groups.len() - 1]) =>
        {
            canonical(
                &groups[..groups.len() - 1].concat(),
                groups[groups.len() - 1],
            )
        }
        _ => token.to_owned(),
    }
}

/// "007", "500" → "7.5": no leading zeros, no trailing fraction zeros.
fn canonical(integer: &str, fraction: &str) -> String {
    let integer = integer.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    if fraction.is_empty() {
        integer.to_owned()
    } else {
        format!("{integer}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ES: Separators = Separators {
        group: '.',
        decimal: ',',
    };
    const EN: Separators = Separators {
        group: ',',
        decimal: '.',
    };

    fn read(text: &str, separators: &Separators) -> Vec<String> {
        values(&figures(&[text], separators))
    }

    #[test]
    fn figures_are_read_in_each_languages_format() {
        assert_eq!(read("3.000 votos", &ES), read("3,000 votes", &EN));
        assert_eq!(read("el 25 %", &ES), read("25% of", &EN));
        assert_eq!(read("1.234,5 t", &ES), ["1234.5"]);
        assert_eq!(read("1,234.5 t", &EN), ["1234.5"]);
        assert_eq!(read("versión 1.5", &ES), ["1.5"]);
        assert_eq!(read("3.000", &EN), ["3"]);
        assert_eq!(read("v1.2.3 and 2.0.1", &EN), ["2.0.1"], "v1.2.3 is a name");
    }

    #[test]
    fn names_dates_and_links_are_not_misread() {
        assert!(read("H2O and x86", &EN).is_empty());
        assert_eq!(read("25MB, the 1st", &EN), ["1", "25"]);
        assert_eq!(read("28/2/2022", &ES), read("2/28/2022", &EN));
        assert_eq!(read("1.º y 3.ª", &ES), ["1", "3"]);
        assert_eq!(read("in 2022 25 countries", &EN), ["2022", "25"]);
        assert_eq!(read("En 2022 150 países", &ES), ["150", "2022"]);
        assert_eq!(read("25 000 t", &ES), ["25000"]);
        assert!(read("see https://example.org/2022/report", &EN).is_empty());
        assert_eq!(read("Unidad 29155", &ES), read("Unit 29155", &EN));
    }
}
