//! A scan of Hayagriva YAML before anything parses it: how deep its
//! collections nest, where its top-level keys are, and what the escapes of
//! its double-quoted strings stand for.
//!
//! serde_yaml 0.9 (which Hayagriva, and so Typst, reads YAML with) runs
//! libyaml's scanner, through unsafe-libyaml, over the whole file before it
//! builds anything, and that scanner walks every open flow collection for
//! every token: a flow sequence nested 100,000 deep (200 KB) took 30 s. So
//! the scan here follows libyaml's scanner token by token (the same rules
//! for where a token starts, for comments, quoted, plain and block scalars,
//! simple keys and indentation) without its cost, and finds the first place
//! where collections, block or flow, nest deeper than [`MAX_DEPTH`]. It
//! never sees less nesting than libyaml: where libyaml would stop at an
//! error, the scan goes on, and only finds more.

mod scalars;

use std::ops::Range;

/// The deepest nesting of collections (mappings and sequences, block or
/// flow) a bibliography may have. A work nests three or four levels (the
/// file's mapping, the work, a parent, a list of names); serde_yaml itself
/// stops at 128.
pub(crate) const MAX_DEPTH: usize = 100;

/// How far (in bytes) a simple key may be from its `:`, as libyaml has it.
const SIMPLE_KEY_REACH: usize = 1024;

/// What the scan found.
#[derive(Debug, Default)]
pub(super) struct YamlScan {
    /// Where collections first nest deeper than [`MAX_DEPTH`]: the byte
    /// offset of the token that opens the collection one too deep.
    pub too_deep: Option<usize>,
    /// The deepest nesting seen (collections libyaml opens with a token;
    /// serde_yaml may count up to twice as many, with sequences that are
    /// not indented under their key and one-pair mappings in flow
    /// sequences, each directly inside one counted here).
    pub deepest: usize,
    /// The keys of the top-level mapping (at column 0), as written, with
    /// the span of each.
    pub keys: Vec<(String, Range<usize>)>,
    /// Escapes of double-quoted strings and the character each stands for.
    pub escapes: Vec<(Range<usize>, char)>,
}

/// Scans `text`.
pub(super) fn scan(text: &str) -> YamlScan {
    let mut scanner = Scanner {
        text: text.as_bytes(),
        pos: 0,
        line: 0,
        column: 0,
        flow_level: 0,
        simple_key_allowed: true,
        simple_keys: vec![SimpleKey::default()],
        indent: -1,
        indents: Vec::new(),
        found: YamlScan::default(),
    };
    scanner.run();
    scanner.found
}

/// A token that may turn out to be a key, once a `:` follows (libyaml's
/// `yaml_simple_key_t`, one per flow level).
#[derive(Debug, Clone, Copy, Default)]
struct SimpleKey {
    possible: bool,
    pos: usize,
    line: usize,
    column: usize,
    /// Where the token ends, once it is scanned (scalars only).
    end: usize,
}

struct Scanner<'t> {
    text: &'t [u8],
    /// Byte offset (libyaml's `mark.index`).
    pos: usize,
    line: usize,
    /// In characters.
    column: usize,
    flow_level: usize,
    simple_key_allowed: bool,
    simple_keys: Vec<SimpleKey>,
    /// The column of the innermost block collection, -1 outside any.
    indent: isize,
    indents: Vec<isize>,
    found: YamlScan,
}

impl Scanner<'_> {
    fn at(&self, ahead: usize) -> u8 {
        self.text.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn done(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// The end for libyaml: the end of the text, or a NUL (which libyaml
    /// refuses as a control character before it gets there).
    fn at_end(&self) -> bool {
        self.at(0) == 0
    }

    /// A line break at `ahead`: CR, LF, NEL, LS or PS; its width.
    fn break_at(&self, ahead: usize) -> Option<usize> {
        match (self.at(ahead), self.at(ahead + 1), self.at(ahead + 2)) {
            (b'\r' | b'\n', _, _) => Some(1),
            (0xC2, 0x85, _) => Some(2),
            (0xE2, 0x80, 0xA8 | 0xA9) => Some(3),
            _ => None,
        }
    }

    fn blank_at(&self, ahead: usize) -> bool {
        matches!(self.at(ahead), b' ' | b'\t')
    }

    /// Blank, a line break, or the end (libyaml's `IS_BLANKZ`; a NUL is its
    /// end of input).
    fn blankz_at(&self, ahead: usize) -> bool {
        self.blank_at(ahead) || self.break_at(ahead).is_some() || self.at(ahead) == 0
    }

    fn breakz_at(&self, ahead: usize) -> bool {
        self.break_at(ahead).is_some() || self.at(ahead) == 0
    }

    /// Moves over one character.
    fn skip(&mut self) {
        let width = match self.at(0) {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        self.pos = (self.pos + width).min(self.text.len());
        self.column += 1;
    }

    /// Moves over one line break (CR LF counts as one).
    fn skip_line(&mut self) {
        let width = if self.at(0) == b'\r' && self.at(1) == b'\n' {
            2
        } else {
            match self.break_at(0) {
                Some(width) => width,
                None => return,
            }
        };
        self.pos += width;
        self.column = 0;
        self.line += 1;
    }

    fn document_indicator(&self) -> bool {
        self.column == 0
            && (self.text[self.pos..].starts_with(b"---")
                || self.text[self.pos..].starts_with(b"..."))
            && self.blankz_at(3)
    }

    fn run(&mut self) {
        loop {
            self.skip_to_next_token();
            self.unroll_indent(self.column as isize);
            if self.done() {
                return;
            }
            if self.at_end() {
                self.skip();
                continue;
            }
            self.fetch();
        }
    }

    /// libyaml's `yaml_parser_fetch_next_token`, once the next token's
    /// start is reached.
    fn fetch(&mut self) {
        let c = self.at(0);
        if self.column == 0 && c == b'%' {
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            while !self.breakz_at(0) {
                self.skip();
            }
            self.skip_line();
        } else if self.document_indicator() {
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            self.pos += 3;
            self.column += 3;
        } else if matches!(c, b'[' | b'{') {
            self.save_simple_key();
            self.flow_level += 1;
            self.simple_keys.push(SimpleKey::default());
            self.deeper(self.pos);
            self.simple_key_allowed = true;
            self.skip();
        } else if matches!(c, b']' | b'}') {
            self.remove_simple_key();
            if self.flow_level > 0 {
                self.flow_level -= 1;
                self.simple_keys.pop();
            }
            self.simple_key_allowed = false;
            self.skip();
        } else if c == b',' {
            self.remove_simple_key();
            self.simple_key_allowed = true;
            self.skip();
        } else if c == b'-' && self.blankz_at(1) {
            self.roll_indent(self.column, self.pos);
            self.remove_simple_key();
            self.simple_key_allowed = true;
            self.skip();
        } else if c == b'?' && (self.flow_level > 0 || self.blankz_at(1)) {
            self.roll_indent(self.column, self.pos);
            self.remove_simple_key();
            self.simple_key_allowed = self.flow_level == 0;
            self.skip();
        } else if c == b':' && (self.flow_level > 0 || self.blankz_at(1)) {
            self.value();
        } else {
            self.fetch_node(c);
        }
    }

    /// A token that is (part of) a node: alias, anchor, tag or scalar.
    fn fetch_node(&mut self, c: u8) {
        match c {
            b'*' | b'&' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.skip();
                while self.at(0).is_ascii_alphanumeric() || matches!(self.at(0), b'_' | b'-') {
                    self.skip();
                }
            }
            b'!' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.tag();
            }
            b'|' | b'>' if self.flow_level == 0 => {
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.block_scalar();
            }
            b'\'' | b'"' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                let start = self.pos;
                self.quoted(c == b'\'');
                self.scalar_ends(start, self.pos);
            }
            _ if self.plain_starts(c) => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                let start = self.pos;
                let end = self.plain();
                self.scalar_ends(start, end);
            }
            // libyaml stops here ("found character that cannot start any
            // token"); the scan goes on.
            _ => self.skip(),
        }
    }

    fn plain_starts(&self, c: u8) -> bool {
        let indicator = self.blankz_at(0) || b"-?:,[]{}#&*!|>'\"%@`".contains(&c);
        !indicator
            || (c == b'-' && !self.blank_at(1))
            || (self.flow_level == 0 && matches!(c, b'?' | b':') && !self.blankz_at(1))
    }

    /// libyaml's `yaml_parser_scan_to_next_token`.
    fn skip_to_next_token(&mut self) {
        loop {
            if self.column == 0 && self.text[self.pos..].starts_with("\u{feff}".as_bytes()) {
                self.skip();
            }
            while self.at(0) == b' '
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.at(0) == b'\t')
            {
                self.skip();
            }
            if self.at(0) == b'#' {
                while !self.breakz_at(0) {
                    self.skip();
                }
            }
            if self.break_at(0).is_none() {
                return;
            }
            self.skip_line();
            if self.flow_level == 0 {
                self.simple_key_allowed = true;
            }
        }
    }

    /// Whether the innermost simple key is still possible here: libyaml
    /// drops one that is on an earlier line or too far back (checked
    /// lazily; the answer is the same at every token).
    fn simple_key_possible(&self) -> bool {
        self.simple_keys.last().is_some_and(|key| {
            key.possible && key.line == self.line && key.pos + SIMPLE_KEY_REACH >= self.pos
        })
    }

    fn save_simple_key(&mut self) {
        if self.simple_key_allowed
            && let Some(key) = self.simple_keys.last_mut()
        {
            *key = SimpleKey {
                possible: true,
                pos: self.pos,
                line: self.line,
                column: self.column,
                end: self.pos,
            };
        }
    }

    fn remove_simple_key(&mut self) {
        if let Some(key) = self.simple_keys.last_mut() {
            key.possible = false;
        }
    }

    /// A scalar from `start` to `end` was scanned: if it is the pending
    /// simple key, remember where it ends.
    fn scalar_ends(&mut self, start: usize, end: usize) {
        if let Some(key) = self.simple_keys.last_mut()
            && key.possible
            && key.pos == start
        {
            key.end = end;
        }
    }

    /// `:`, libyaml's `yaml_parser_fetch_value`.
    fn value(&mut self) {
        if self.simple_key_possible() {
            let key = self.simple_keys.last().copied().unwrap_or_default();
            if self.flow_level == 0 && key.column == 0 && key.end > key.pos {
                let written = String::from_utf8_lossy(&self.text[key.pos..key.end]);
                self.found.keys.push((unquote(&written), key.pos..key.end));
            }
            self.roll_indent(key.column, key.pos);
            if let Some(key) = self.simple_keys.last_mut() {
                key.possible = false;
            }
            self.simple_key_allowed = false;
        } else {
            self.roll_indent(self.column, self.pos);
            self.simple_key_allowed = self.flow_level == 0;
        }
        self.skip();
    }

    /// A block collection starts at `column`, if it is deeper than the
    /// current one (block context only).
    fn roll_indent(&mut self, column: usize, at: usize) {
        let column = column as isize;
        if self.flow_level == 0 && self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
            self.deeper(at);
        }
    }

    fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    /// One more collection is open: note the first that is one too deep.
    fn deeper(&mut self, at: usize) {
        let depth = self.indents.len() + self.flow_level;
        self.found.deepest = self.found.deepest.max(depth);
        if self.found.too_deep.is_none() && depth > MAX_DEPTH {
            self.found.too_deep = Some(at);
        }
    }
}

/// A key as serde_yaml reads it, for the simple forms: plain, or quoted
/// without escapes.
fn unquote(written: &str) -> String {
    let inner = |q: char| {
        written
            .strip_prefix(q)
            .and_then(|w| w.strip_suffix(q))
            .map(str::to_owned)
    };
    inner('\'')
        .map(|w| w.replace("''", "'"))
        .or_else(|| inner('"'))
        .unwrap_or_else(|| written.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How deep serde_yaml nests `text`'s values.
    fn value_depth(text: &str) -> usize {
        fn depth(value: &serde_yaml::Value) -> usize {
            match value {
                serde_yaml::Value::Sequence(items) => {
                    1 + items.iter().map(depth).max().unwrap_or(0)
                }
                serde_yaml::Value::Mapping(map) => {
                    1 + map
                        .iter()
                        .map(|(k, v)| depth(k).max(depth(v)))
                        .max()
                        .unwrap_or(0)
                }
                serde_yaml::Value::Tagged(tagged) => depth(&tagged.value),
                _ => 0,
            }
        }
        depth(&serde_yaml::from_str(text).expect(text))
    }

    #[test]
    fn nesting_is_counted_as_serde_yaml_nests() {
        for text in [
            "a: 1\n",
            "a:\n  b:\n    c: [1, [2, {d: e}]]\n",
            "- - - a\n  - b\n",
            "? [a, b]\n: {c: [d]}\n",
            "a: !!str x\nb: &x [1]\nc: *x\n",
            "a: {b: 'x[', c: \"]}\\\"\"}\n",
            "a:\n- b\n- [c]\n",
        ] {
            let found = scan(text);
            let depth = value_depth(text);
            assert!(
                found.deepest <= depth && depth <= 2 * found.deepest + 1,
                "{text:?}: {} against {depth}",
                found.deepest
            );
        }
        assert_eq!(scan("a:\n  b:\n    c: [1, [2, {d: e}]]\n").deepest, 6);
    }

    #[test]
    fn brackets_that_are_text_do_not_nest() {
        let many = |s: &str| s.repeat(MAX_DEPTH + 10);
        for text in [
            format!("a: \"{}\"\n", many("[")),
            format!("a: '{}'\n", many("{")),
            format!("a: text {}\n", many("[")),
            format!("a: x # {}\n", many("[")),
            format!("# {}\na: x\n", many("{")),
            format!("a: |\n  {}\n  {}\nb: x\n", many("["), many("{")),
            format!("a: >-\n  x\n\n  {}\n", many("[")),
            format!("a: x\n  {}\n", many("[")),
            format!("a: [\"{}\", '{}']\n", many("]"), many("[")),
            format!("a: !<tag:x,{}> b\n", many("[")),
        ] {
            let found = scan(&text);
            assert_eq!(found.too_deep, None, "{text}");
            assert!(found.deepest <= 2, "{text}: {}", found.deepest);
            // serde_yaml reads the brackets as text too.
            assert!(value_depth(&text) <= 2, "{text}");
        }
    }

    #[test]
    fn brackets_that_are_tokens_nest_however_they_follow_text() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // The top-level mapping is one level: 99 more fit, 100 do not.
        assert_eq!(
            scan(&format!("a: {}\n", deep(MAX_DEPTH - 1))).too_deep,
            None
        );
        let text = format!("a: {}\n", deep(MAX_DEPTH));
        assert_eq!(scan(&text).too_deep, Some(3 + MAX_DEPTH - 1));
        let texts = |n: usize| {
            [
                // A quote inside a plain scalar starts no string.
                format!("a: x\"\nb: {}\n", deep(n)),
                format!("a: [x\"y, {}]\n", deep(n)),
                // A block scalar ends where a line is indented less.
                format!("a: |\n  \"\nb: {}\n", deep(n)),
                // A comment needs no space after a flow indicator.
                format!("a: [#]\n {}]\n", deep(n)),
                // Quoted strings end, escapes and all.
                format!("a: \"x\\\"\" \nb: '''' \nc: {}\n", deep(n)),
                format!("{}\n", deep(n)),
                format!("a: {{b: {}}}\n", deep(n)),
            ]
        };
        for text in texts(MAX_DEPTH + 5) {
            assert!(scan(&text).too_deep.is_some(), "{text}");
        }
        // serde_yaml reads them as nested as the scan does.
        for text in texts(20) {
            assert!(value_depth(&text) >= 20, "{text}");
            assert!(scan(&text).deepest >= 20, "{text}");
        }
    }

    #[test]
    fn block_collections_nest_too() {
        let mappings: String = (0..=MAX_DEPTH)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let text = format!("{mappings}{}x\n", " ".repeat(MAX_DEPTH + 1));
        assert!(scan(&text).too_deep.is_some());
        let sequences = format!("{}a\n", "- ".repeat(MAX_DEPTH + 1));
        assert!(scan(&sequences).too_deep.is_some());
        let sequences = format!("{}a\n", "- ".repeat(MAX_DEPTH));
        assert_eq!(scan(&sequences).too_deep, None);
    }

    #[test]
    fn top_level_keys_and_escapes_are_where_they_are_written() {
        let text = "wsj:\n  title: \"A\\0B\\x01\\u0007 \\N\\U0001FFFE\\t\"\n'it''s':\n  title: x\n\"q\": {a: b}\n";
        let found = scan(text);
        let keys: Vec<(&str, &str)> = (found.keys.iter())
            .map(|(key, span)| (key.as_str(), &text[span.clone()]))
            .collect();
        assert_eq!(keys, [("wsj", "wsj"), ("it's", "'it''s'"), ("q", "\"q\"")]);
        let escapes: Vec<(&str, char)> = (found.escapes.iter())
            .map(|(span, c)| (&text[span.clone()], *c))
            .collect();
        assert_eq!(
            escapes,
            [
                ("\\0", '\0'),
                ("\\x01", '\u{1}'),
                ("\\u0007", '\u{7}'),
                ("\\N", '\u{85}'),
                ("\\U0001FFFE", '\u{1fffe}'),
            ]
        );
    }
}
