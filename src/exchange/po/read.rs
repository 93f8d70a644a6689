//! Reading a PO file back, in one pass over its lines, in time linear in
//! its size, with the line and column of every problem.
//!
//! report writes PO with `rspolib`, but does not read it with it: rspolib
//! 0.1.2 copies the whole string read so far at every continuation line
//! (`handle_mc` in its `poparser.rs` ends with `msgstr =
//! Some(msgstr.to_string())`, and so do msgctxt, msgid_plural and the
//! previous msgid), and every comment and header line copies the comment
//! so far (`handle_tc`, `handle_gc`, `handle_he`): a msgstr split into
//! 500,000 lines took 40 s, a million over three minutes, with no way to
//! stop it. It also reads `\v` and `\f` as U+0011 and U+0012, refuses `\a`,
//! and panics on some malformed files. This reader takes what an import
//! needs (msgctxt, msgid, msgstr, the `fuzzy` flag, obsolete entries to
//! skip, and the header's `Language` and `X-Source-Language`), checks the
//! structure as it goes, and polls for interrupts.

use super::super::units::State;
use super::super::xml::{ReadError, poll};
use super::super::{ExchangeFormat, ImportedFile, ImportedUnit, UnitText};
use crate::diagnostic::Source;

/// How many lines are read between two polls for an interrupt.
const POLL_EVERY: usize = 4096;

/// Reads a PO file's entries as units.
pub(crate) fn read(source: &Source) -> Result<ImportedFile, ReadError> {
    let mut reader = Reader::new();
    let mut offset = 0;
    for (index, line) in source.text.split_inclusive('\n').enumerate() {
        if index % POLL_EVERY == 0 {
            poll(offset)?;
        }
        reader.line(offset, line.trim_end_matches(['\n', '\r']))?;
        offset += line.len();
    }
    reader.finish_entry()?;
    Ok(reader.file)
}

/// Where an entry is while its lines are read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    #[default]
    Nothing,
    Context,
    Id,
    Plural,
    Translation,
}

/// The entry being read.
#[derive(Debug, Default)]
struct Entry {
    /// Where its first line (a comment or a keyword) starts.
    start: Option<usize>,
    context: Option<String>,
    id: String,
    plural: bool,
    translation: String,
    fuzzy: bool,
    /// The field that continuation lines go on.
    field: Field,
}

/// The string a keyword opened.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Field {
    #[default]
    None,
    Context,
    Id,
    Translation,
    /// `msgid_plural` or `msgstr[n]`: read (and checked) but not kept,
    /// since an entry with plural forms is refused.
    Ignored,
}

struct Reader {
    file: ImportedFile,
    entry: Entry,
    seen: Seen,
    /// Where the last keyword line starts.
    keyword_at: usize,
    /// The header has been read.
    header: bool,
}

impl Reader {
    fn new() -> Self {
        Self {
            file: ImportedFile::new(ExchangeFormat::Po),
            entry: Entry::default(),
            seen: Seen::Nothing,
            keyword_at: 0,
            header: false,
        }
    }

    /// One line (without its line end) that starts at byte `at`.
    fn line(&mut self, at: usize, line: &str) -> Result<(), ReadError> {
        let trimmed = line.trim_start();
        let at_trimmed = at + line.len() - trimmed.len();
        if trimmed.is_empty() {
            return Ok(());
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            return self.comment(at_trimmed, comment);
        }
        if trimmed.starts_with('"') {
            if self.seen == Seen::Nothing {
                return Err(invalid(at_trimmed, "a string that belongs to no keyword"));
            }
            return self.string(at_trimmed, trimmed);
        }
        let (keyword, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        let next = next_keyword(self.seen, keyword).map_err(|m| invalid(at_trimmed, &m))?;
        if matches!(next, Seen::Context | Seen::Id) && self.seen == Seen::Translation {
            self.finish_entry()?;
        }
        self.entry.start.get_or_insert(at);
        self.seen = next;
        self.keyword_at = at;
        self.entry.field = match keyword {
            "msgctxt" => {
                self.entry.context = Some(String::new());
                Field::Context
            }
            "msgid" => Field::Id,
            "msgid_plural" => {
                self.entry.plural = true;
                Field::Ignored
            }
            "msgstr" => Field::Translation,
            _ => Field::Ignored,
        };
        let value = rest.trim_start();
        self.string(at_trimmed + trimmed.len() - value.len(), value.trim_end())
    }

    /// A comment line (after its `#`).
    fn comment(&mut self, at: usize, comment: &str) -> Result<(), ReadError> {
        // An obsolete entry (`#~ msgid …`) is skipped whole: the comments
        // and flags before it are its own.
        if let Some(obsolete) = comment.strip_prefix('~') {
            let keyword = obsolete.trim_start().starts_with("msg");
            if keyword && self.seen == Seen::Nothing {
                self.entry = Entry::default();
            }
            return Ok(());
        }
        if self.seen != Seen::Nothing && self.seen < Seen::Translation {
            return Err(invalid(self.keyword_at, "an entry has no msgstr"));
        }
        if self.seen == Seen::Translation {
            self.finish_entry()?;
        }
        self.entry.start.get_or_insert(at);
        if let Some(flags) = comment.strip_prefix(',') {
            self.entry.fuzzy |= flags.split(',').any(|flag| flag.trim() == "fuzzy");
        }
        Ok(())
    }

    /// A quoted string at `at`, added to the field its keyword opened.
    fn string(&mut self, at: usize, quoted: &str) -> Result<(), ReadError> {
        let target = match self.entry.field {
            Field::Context => self.entry.context.as_mut(),
            Field::Id => Some(&mut self.entry.id),
            Field::Translation => Some(&mut self.entry.translation),
            Field::None | Field::Ignored => None,
        };
        let mut ignored = String::new();
        unquote(at, quoted, target.unwrap_or(&mut ignored))
    }

    /// The entry read so far becomes a unit (or the header).
    fn finish_entry(&mut self) -> Result<(), ReadError> {
        if self.seen != Seen::Nothing && self.seen < Seen::Translation {
            return Err(invalid(self.keyword_at, "an entry has no msgstr"));
        }
        let entry = std::mem::take(&mut self.entry);
        let seen = std::mem::replace(&mut self.seen, Seen::Nothing);
        if seen == Seen::Nothing {
            return Ok(());
        }
        let offset = entry.start.unwrap_or(self.keyword_at);
        if !self.header && entry.context.is_none() && entry.id.is_empty() {
            self.header = true;
            self.file.target_language = header_field(&entry.translation, "Language");
            self.file.source_language = header_field(&entry.translation, "X-Source-Language");
            return Ok(());
        }
        let id = entry.context.ok_or_else(|| {
            ReadError::at(offset, "an entry has no msgctxt (the unit id report wrote)")
        })?;
        if entry.plural {
            return Err(ReadError::at(
                offset,
                format!("`{id}` has plural forms; report writes one entry per variant"),
            ));
        }
        let target = Some(entry.translation).filter(|t| !t.is_empty());
        let state = match (&target, entry.fuzzy) {
            (None, _) => State::Initial,
            (Some(_), true) => State::NeedsReview,
            (Some(_), false) => State::Final,
        };
        self.file.units.push(ImportedUnit {
            id,
            source: UnitText::Fluent(entry.id),
            target: target.map(UnitText::Fluent),
            state: Some(state),
            offset,
        });
        Ok(())
    }
}

/// A header field's value (`Language: es` in the header's msgstr).
fn header_field(header: &str, name: &str) -> Option<String> {
    header
        .lines()
        .filter_map(|line| line.split_once(": "))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// A structure error at `at`.
fn invalid(at: usize, message: &str) -> ReadError {
    ReadError::at(at, format!("not a valid PO file: {message}"))
        .with_hint("a PO entry is comments, then msgctxt, msgid and msgstr, each a string in double quotes; export the file again if a tool broke it")
}

/// Where an entry is after `keyword`, from where it was; an error when the
/// keyword is unknown or out of place.
fn next_keyword(seen: Seen, keyword: &str) -> Result<Seen, String> {
    let next = match keyword {
        "msgctxt" => Seen::Context,
        "msgid" => Seen::Id,
        "msgid_plural" => Seen::Plural,
        k if k == "msgstr" || (k.starts_with("msgstr[") && k.ends_with(']')) => Seen::Translation,
        _ => {
            let shown: String = keyword.chars().take(30).collect();
            return Err(format!("`{shown}` is not a PO keyword"));
        }
    };
    // After a translation, msgctxt or msgid starts the next entry.
    let starts_entry = matches!(next, Seen::Context | Seen::Id) && seen == Seen::Translation;
    let in_order = starts_entry
        || next > seen
            && (next != Seen::Translation || seen >= Seen::Id)
            && (next != Seen::Plural || seen == Seen::Id)
        || next == Seen::Translation && seen == Seen::Translation && keyword != "msgstr";
    if in_order {
        Ok(next)
    } else {
        Err(format!(
            "`{keyword}` is out of place (a second one, or before msgid)"
        ))
    }
}

/// Appends the text of the quoted PO string `quoted` (which starts at byte
/// `at`) to `out`, escapes read as gettext reads them: `\n`, `\t`, `\r`,
/// `\a`, `\b`, `\f`, `\v`, `\\`, `\"`, and bytes in octal (`\033`) or hex
/// (`\x1b`), which must make UTF-8.
fn unquote(at: usize, quoted: &str, out: &mut String) -> Result<(), ReadError> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or_else(|| invalid(at, "a string is not in double quotes"))?;
    let mut rest = inner;
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(stop) = rest.find(['\\', '"']) {
        let here = at + 1 + (inner.len() - rest.len()) + stop;
        out.push_str(&rest[..stop]);
        if rest[stop..].starts_with('"') {
            return Err(invalid(here, "a string has an unescaped `\"`"));
        }
        let escape = &rest[stop + 1..];
        let Some(c) = escape.chars().next() else {
            return Err(invalid(here, "a string ends with a lone `\\`"));
        };
        let (byte_escape, len) = match c {
            '0'..='7' => {
                let digits = escape.bytes().take(3).take_while(u8::is_ascii_digit);
                let digits = digits.take_while(|b| *b < b'8').count();
                (u32::from_str_radix(&escape[..digits], 8).ok(), digits)
            }
            'x' => {
                let digits = escape[1..]
                    .bytes()
                    .take(2)
                    .take_while(u8::is_ascii_hexdigit);
                let digits = digits.count();
                (
                    u32::from_str_radix(&escape[1..=digits], 16).ok(),
                    digits + 1,
                )
            }
            _ => (None, c.len_utf8()),
        };
        match byte_escape {
            Some(byte) => bytes.push(u8::try_from(byte).unwrap_or(u8::MAX)),
            None => {
                flush_bytes(here, &mut bytes, out)?;
                out.push(
                    named_escape(c)
                        .ok_or_else(|| invalid(here, &format!("`\\{c}` is not a PO escape")))?,
                );
            }
        }
        rest = &escape[len..];
        if !rest.starts_with('\\') {
            flush_bytes(here, &mut bytes, out)?;
        }
    }
    out.push_str(rest);
    Ok(())
}

/// Bytes written as octal or hex escapes, decoded as UTF-8.
fn flush_bytes(at: usize, bytes: &mut Vec<u8>, out: &mut String) -> Result<(), ReadError> {
    if bytes.is_empty() {
        return Ok(());
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| invalid(at, "escaped bytes (`\\ooo`, `\\xhh`) that are not UTF-8"))?;
    out.push_str(text);
    bytes.clear();
    Ok(())
}

/// The character a named escape (`\n`, …) stands for.
fn named_escape(c: char) -> Option<char> {
    Some(match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'v' => '\u{b}',
        '\\' => '\\',
        '"' => '"',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<ImportedFile, ReadError> {
        read(&Source::new("t.po", text))
    }

    /// (line, message) of the error reading `text`.
    fn error(text: &str) -> (usize, String) {
        let error = read_text(text).expect_err(text);
        let line = text[..error.offset].matches('\n').count() + 1;
        (line, error.message)
    }

    #[test]
    fn entries_are_units_and_the_header_gives_the_languages() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\n#. note\n#: main.ftl#a\nmsgctxt \"a\"\nmsgid \"A\"\nmsgstr \"B\"\n\"b\"\n\n#, fuzzy\nmsgctxt \"c\"\nmsgid \"C\"\nmsgstr \"D\"\n\n#, fuzzy\n#~ msgctxt \"old\"\n#~ msgid \"O\"\n#~ msgstr \"P\"\n\nmsgctxt \"e\"\nmsgid \"E\"\nmsgstr \"\"\n";
        let file = read_text(text).expect("reads");
        assert_eq!(file.target_language.as_deref(), Some("es"));
        assert_eq!(file.source_language.as_deref(), Some("en"));
        let units: Vec<(&str, Option<&str>, Option<State>, usize)> = (file.units.iter())
            .map(|u| {
                let target = match &u.target {
                    Some(UnitText::Fluent(t)) => Some(t.as_str()),
                    _ => None,
                };
                let line = text[..u.offset].matches('\n').count() + 1;
                (u.id.as_str(), target, u.state, line)
            })
            .collect();
        assert_eq!(
            units,
            [
                ("a", Some("Bb"), Some(State::Final), 6),
                ("c", Some("D"), Some(State::NeedsReview), 13),
                ("e", None, Some(State::Initial), 23),
            ]
        );
    }

    #[test]
    fn escapes_are_read_as_gettext_reads_them() {
        let text = "msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"\\a\\b\\f\\v\\t\\n\\r\\\\\\\" \\033\\x1B \\303\\251\\xc3\\xa9\"\n";
        let file = read_text(text).expect("reads");
        let Some(UnitText::Fluent(target)) = &file.units[0].target else {
            panic!("no target");
        };
        assert_eq!(target, "\u{7}\u{8}\u{c}\u{b}\t\n\r\\\" \u{1b}\u{1b} éé");
    }

    #[test]
    fn the_structure_is_checked_with_the_line_of_the_problem() {
        let cases = [
            (
                "msgid \"A\"\nmsgstr \"B\"\nmsgstr \"C\"\n",
                3,
                "out of place",
            ),
            ("msgid \"A\"\n\n", 1, "no msgstr"),
            ("msgid \"A\"\n#. c\nmsgstr \"B\"\n", 1, "no msgstr"),
            ("msgid \"A\nmsgstr \"B\"\n", 1, "not in double quotes"),
            ("msgid \"A\"B\"\nmsgstr \"\"\n", 1, "unescaped"),
            ("msgstr \"B\"\n", 1, "out of place"),
            ("\"orphan\"\n", 1, "belongs to no keyword"),
            ("msgidx \"A\"\n", 1, "not a PO keyword"),
            ("msgid \"A\\\"\nmsgstr \"\"\n", 1, "lone `\\`"),
            (
                "msgid \"A\\q\"\nmsgstr \"\"\n",
                1,
                "`\\q` is not a PO escape",
            ),
            ("msgid \"\\xff\"\nmsgstr \"\"\n", 1, "not UTF-8"),
            ("msgid \"A\"\nmsgstr \"\"\n\"x\" \"y\"\n", 3, "unescaped"),
            (
                "msgctxt \"a\"\nmsgid \"A\"\nmsgid_plural \"As\"\nmsgstr[0] \"\"\n",
                1,
                "plural forms",
            ),
            ("msgid \"A\"\nmsgstr \"B\"\n", 1, "no msgctxt"),
        ];
        for (text, line, message) in cases {
            let (at, said) = error(text);
            assert_eq!(at, line, "{text:?}: {said}");
            assert!(said.contains(message), "{text:?}: {said}");
        }
    }

    #[test]
    fn an_interrupt_stops_the_reading() {
        let text =
            "msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"\"\n".to_owned() + &"\"a\"\n".repeat(10_000);
        crate::platform::interrupt::interrupt_this_thread(true);
        let result = read_text(&text);
        crate::platform::interrupt::interrupt_this_thread(false);
        assert!(result.expect_err("interrupted").interrupted);
        assert!(read_text(&text).is_ok());
    }
}
