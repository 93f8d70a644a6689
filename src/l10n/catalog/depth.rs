//! Refusing entries nested too deep, before anything parses them.
//!
//! fluent-syntax's parser recurses once per placeable (`{ { … } }`), call
//! (`F(F(…))`) and select it enters, and so do fluent-bundle's resolver and
//! report's own walks over the syntax tree: a message nested 12,000 deep (72
//! KB of text) overflows the stack and aborts the process. So every file is
//! read once, linearly and without recursion, and each entry that nests
//! deeper than [`MAX_DEPTH`] is found; the caller blanks it out so that the
//! parser never sees it, and the rest of the file still loads.
//!
//! The scan follows the parser closely enough never to see less nesting than
//! the parser would: strings are only strings inside placeables, comments
//! only at the top level, and where the parser may either go on with an
//! entry or start a new one (a line that starts with a letter while a
//! placeable is open), both readings are followed.

use std::ops::Range;

/// The deepest nesting of placeables, calls and selects an entry may have.
/// Real messages nest two or three levels (a select inside a placeable,
/// `NUMBER()` inside it); 100 is far above any of them and far below what
/// overflows a stack (several thousand levels on an 8 MiB main thread, fewer
/// on a 2 MiB worker thread).
pub(crate) const MAX_DEPTH: usize = 100;

/// How many readings of one stretch of text are followed at once. A real
/// file needs one or two; more means text built to confuse the scan, which
/// is refused like text nested too deep.
const MAX_READINGS: usize = 32;

/// An entry nested deeper than [`MAX_DEPTH`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TooDeep {
    /// Where the entry starts.
    pub entry: usize,
    /// The text to leave out: whole lines, from the entry (or an earlier
    /// line the parser may have read it with) to the next line where the
    /// parser starts afresh.
    pub skipped: Range<usize>,
}

/// The entries of `text` nested deeper than [`MAX_DEPTH`], in file order.
pub(crate) fn too_deep(text: &str) -> Vec<TooDeep> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        readings: Vec::new(),
        checkpoint: 0,
        found: Vec::new(),
    };
    scan.run();
    scan.found
}

/// `text` with every byte in `ranges` but line feeds turned into spaces:
/// the parser sees blank lines there, and every offset and line number
/// stays as it was.
pub(super) fn blank_out(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for byte in &mut bytes[range] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Whole lines are blanked, so no character is cut in half; a lossy
    // conversion keeps this total all the same.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What encloses the text being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Frame {
    /// A placeable, `{ … }`: an expression.
    Brace,
    /// A call's arguments, `F( … )`: expressions.
    Paren,
    /// The variants of a select (`->`): text, as at the top level.
    Select,
}

/// The kind of token being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lexeme {
    /// Syntax or text.
    Code,
    /// A comment line, `# …`.
    Comment,
    /// A string literal, `"…"`.
    String,
    /// The character after a `\` in a string literal.
    Escape,
}

/// One way the parser may be reading the text: what encloses the current
/// byte, and where the entry being read starts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    stack: Vec<Frame>,
    lexeme: Lexeme,
    entry: usize,
}

/// What a byte does to a reading.
enum Step {
    /// The reading goes on.
    Alive,
    /// The parser would report a syntax error here and skip to the next
    /// entry, which [`Scan::line_start`] reads afresh.
    Dead,
    /// The reading nests deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl Reading {
    fn top_level(entry: usize) -> Self {
        Self {
            stack: Vec::new(),
            lexeme: Lexeme::Code,
            entry,
        }
    }

    /// What the first byte of a line, `first` at `at`, means to this
    /// reading; false when the parser would have failed here. Only the top
    /// level is told apart: a line in column 1 ends the entry's text, unless
    /// it opens a placeable (`{`) or an attribute (`.`), and starts a new
    /// entry, a comment, or junk the parser skips. Inside a placeable, a
    /// call or a select (even a variant key) lines go on.
    fn line_start(&mut self, first: u8, at: usize) -> bool {
        if self.stack.is_empty() {
            match first {
                b'#' => self.lexeme = Lexeme::Comment,
                b'{' | b'.' | b' ' | b'\n' | b'\r' => {}
                _ if starts_entry(first) => self.entry = at,
                _ => return false,
            }
        }
        true
    }

    /// Reads one byte; `next` is the byte after it.
    fn step(&mut self, byte: u8, next: Option<u8>) -> Step {
        match (self.lexeme, byte) {
            (Lexeme::Code, _) => return self.code(byte, next),
            (Lexeme::Comment | Lexeme::String | Lexeme::Escape, b'\n') => {
                // A comment ends with its line; a string must not.
                if self.lexeme != Lexeme::Comment {
                    return Step::Dead;
                }
                self.lexeme = Lexeme::Code;
            }
            (Lexeme::String, b'\\') => self.lexeme = Lexeme::Escape,
            (Lexeme::String, b'"') => self.lexeme = Lexeme::Code,
            (Lexeme::Escape, _) => self.lexeme = Lexeme::String,
            (Lexeme::Comment | Lexeme::String, _) => {}
        }
        Step::Alive
    }

    /// Reads one byte of syntax or text.
    fn code(&mut self, byte: u8, next: Option<u8>) -> Step {
        let in_expression = matches!(self.stack.last(), Some(Frame::Brace | Frame::Paren));
        let frame = match (self.stack.last(), byte) {
            (_, b'{') => Frame::Brace,
            (Some(_), b'(') if in_expression => Frame::Paren,
            (Some(Frame::Brace), b'-') if next == Some(b'>') => Frame::Select,
            (Some(_), b'"') if in_expression => {
                self.lexeme = Lexeme::String;
                return Step::Alive;
            }
            (Some(Frame::Brace), b'}') | (Some(Frame::Paren), b')') => {
                self.stack.pop();
                return Step::Alive;
            }
            (Some(Frame::Select), b'}') => {
                // The variants end, and with them their placeable.
                self.stack.truncate(self.stack.len().saturating_sub(2));
                return Step::Alive;
            }
            (None, b'}') | (Some(Frame::Brace), b')') | (Some(Frame::Paren), b'}') => {
                return Step::Dead;
            }
            _ => return Step::Alive,
        };
        self.stack.push(frame);
        if self.stack.len() > MAX_DEPTH {
            Step::TooDeep
        } else {
            Step::Alive
        }
    }
}

/// Whether a line that starts with `byte` may start an entry (or a comment):
/// where fluent-syntax's parser starts again after an error.
fn starts_entry(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'-' || byte == b'#'
}

/// The scan of one file.
struct Scan<'t> {
    bytes: &'t [u8],
    /// Every way the parser may be reading the current byte; empty while it
    /// skips junk.
    readings: Vec<Reading>,
    /// The last entry start where the parser could only be starting that
    /// entry: what is refused starts here at the earliest.
    checkpoint: usize,
    found: Vec<TooDeep>,
}

impl Scan<'_> {
    fn run(&mut self) {
        let mut at = 0;
        while at < self.bytes.len() {
            if (at == 0 || self.bytes[at - 1] == b'\n') && self.line_start(at) {
                self.refuse(at);
                at = self.next_entry_start(at);
                continue;
            }
            let plain = self.plain_text(at);
            if plain > 0 {
                at += plain;
                continue;
            }
            let next = self.bytes.get(at + 1).copied();
            let mut deepest = false;
            let byte = self.bytes[at];
            self.readings.retain_mut(|r| match r.step(byte, next) {
                Step::Alive => true,
                Step::Dead => false,
                Step::TooDeep => {
                    deepest = true;
                    true
                }
            });
            if deepest {
                self.refuse(at);
                at = self.next_entry_start(at);
                continue;
            }
            at += 1;
        }
    }

    /// How many bytes from `at` on cannot change anything: most of a file
    /// is text outside placeables, read by a single reading, where only
    /// braces and line ends matter.
    fn plain_text(&self, at: usize) -> usize {
        match self.readings.as_slice() {
            [only] if only.stack.is_empty() && only.lexeme == Lexeme::Code => self.bytes[at..]
                .iter()
                .position(|b| matches!(b, b'{' | b'}' | b'\n'))
                .unwrap_or(self.bytes.len() - at),
            _ => 0,
        }
    }

    /// Reads the start of a line; true when it leaves more readings than
    /// the scan follows.
    fn line_start(&mut self, at: usize) -> bool {
        let first = self.bytes[at];
        self.readings.retain_mut(|r| r.line_start(first, at));
        if starts_entry(first) && !self.readings.iter().any(|r| r.stack.is_empty()) {
            // The parser may have failed on the way here and start afresh.
            let mut fresh = Reading::top_level(at);
            fresh.line_start(first, at);
            self.readings.push(fresh);
        }
        // Readings that agree on everything but where their entry started
        // read the rest alike; the earliest start is kept.
        self.readings
            .sort_by(|a, b| (&a.stack, a.lexeme, a.entry).cmp(&(&b.stack, b.lexeme, b.entry)));
        self.readings
            .dedup_by(|later, kept| later.stack == kept.stack && later.lexeme == kept.lexeme);
        if starts_entry(first) && self.readings.len() == 1 && self.readings[0].stack.is_empty() {
            self.checkpoint = at;
        }
        self.readings.len() > MAX_READINGS
    }

    /// Records the refusal of the entry of the deepest reading at `at`.
    fn refuse(&mut self, at: usize) {
        let entry = self
            .readings
            .iter()
            .max_by_key(|r| r.stack.len())
            .map_or(self.checkpoint, |r| r.entry);
        let end = self.next_entry_start(at);
        self.found.push(TooDeep {
            entry,
            skipped: self.checkpoint.min(entry)..end,
        });
        // Nothing is left of the refused text: the parser starts afresh at
        // `end`, as a new reading there will.
        self.readings.clear();
    }

    /// The start of the first line after `at` where an entry may start, or
    /// the end of the text.
    fn next_entry_start(&self, at: usize) -> usize {
        let mut line = at;
        loop {
            match self.bytes[line..].iter().position(|&b| b == b'\n') {
                Some(newline) => line += newline + 1,
                None => return self.bytes.len(),
            }
            if self.bytes.get(line).copied().is_some_and(starts_entry) {
                return line;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}\"a\"{}", "{ ".repeat(depth), " }".repeat(depth))
    }

    fn refused(text: &str) -> Vec<(usize, Range<usize>)> {
        too_deep(text)
            .into_iter()
            .map(|t| (t.entry, t.skipped))
            .collect()
    }

    #[test]
    fn real_messages_pass() {
        let text = "# a comment { { {\n\
                    a = { $n ->\n    [one] { NUMBER($n, style: \"percent\") }\n   *[other] { -t(x: \"{{{{\") }\n}\n\
                    b = { \"}}}\" } and { \"\\\"{{\" } { \"\\\\\" }\n\
                    c = text with \"quotes\" and ( parens\n    .attr = { c }\n";
        assert!(refused(text).is_empty());
        assert!(refused(&format!("x = {}\n", nested(MAX_DEPTH))).is_empty());
    }

    #[test]
    fn deep_placeables_calls_and_selects_are_found() {
        let deep = format!("ok = 1\nx = {}\nlater = 2\n", nested(MAX_DEPTH + 1));
        let later = deep.find("later").unwrap_or_default();
        assert_eq!(refused(&deep), [(7, 7..later)]);
        let calls = format!(
            "x = {{ {}1{} }}\n",
            "F(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert_eq!(refused(&calls).len(), 1);
        let select = "{ $n ->\n *[o] ".repeat(MAX_DEPTH / 2 + 1);
        assert_eq!(refused(&format!("x = {select}\n")).len(), 1);
    }

    /// Strings hide braces only inside placeables: in text, a quote is a
    /// quote and the braces after it still nest.
    #[test]
    fn quotes_in_text_hide_nothing() {
        let text = format!("x = \"{}\n", "{ ".repeat(MAX_DEPTH + 1));
        assert_eq!(refused(&text).len(), 1);
        let variant = format!("x = {{ $n ->\n *[o] \"{}\n", "{ ".repeat(MAX_DEPTH));
        assert_eq!(refused(&variant).len(), 1);
    }

    /// A line in column 1 inside an open placeable is read both as more of
    /// the placeable and as a new entry, so nesting spread over such lines
    /// is found whichever way the parser reads it.
    #[test]
    fn nesting_across_lines_in_column_one_is_found() {
        let lines = "a, { F(\n".repeat(MAX_DEPTH / 2 + 1);
        let found = refused(&format!("x = {{ F(\n{lines}y = ok\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        // A broken entry does not hide a deep one after it.
        let after_junk = format!("x = {{ \"open\ny = {{ {}\n", "{ ".repeat(MAX_DEPTH));
        assert_eq!(refused(&after_junk).len(), 1);
    }

    #[test]
    fn blanking_keeps_offsets_and_lines() {
        let text = "a = 1\nb = { { é } }\nc = 3\n";
        let blank = blank_out(text, std::iter::once(6..20));
        assert_eq!(blank.len(), text.len());
        assert_eq!(blank.lines().count(), text.lines().count());
        assert!(blank.ends_with("\nc = 3\n"));
    }
}
