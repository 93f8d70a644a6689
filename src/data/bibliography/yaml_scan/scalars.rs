//! The scalars and tags of the scan: quoted strings (with the escapes of
//! double-quoted ones, recorded for the characters check), plain scalars,
//! block scalars (`|`, `>`) and tags — each skipped by libyaml's rules, so
//! that brackets inside them are text, not nesting.

use super::Scanner;

impl Scanner<'_> {
    /// A tag: `!<verbatim>`, or `!`, `!handle!` or `!!` and a suffix.
    pub(super) fn tag(&mut self) {
        let verbatim = self.at(1) == b'<';
        self.skip();
        if verbatim {
            self.skip();
        }
        let uri = |c: u8, verbatim: bool| {
            c.is_ascii_alphanumeric()
                || b"_-;/?:@&=+$.%!~*'()".contains(&c)
                || (verbatim && b",[]".contains(&c))
        };
        while uri(self.at(0), verbatim) {
            self.skip();
        }
        if verbatim && self.at(0) == b'>' {
            self.skip();
        }
    }

    /// A single- or double-quoted scalar, from its opening quote to past
    /// its closing one; double-quoted escapes are noted.
    pub(super) fn quoted(&mut self, single: bool) {
        let quote = if single { b'\'' } else { b'"' };
        self.skip();
        loop {
            if self.document_indicator() || self.at_end() {
                return;
            }
            while !self.blankz_at(0) {
                if single && self.at(0) == b'\'' && self.at(1) == b'\'' {
                    self.skip();
                    self.skip();
                } else if self.at(0) == quote {
                    break;
                } else if !single && self.at(0) == b'\\' && self.break_at(1).is_some() {
                    self.skip();
                    self.skip_line();
                    break;
                } else if !single && self.at(0) == b'\\' {
                    self.escape();
                } else {
                    self.skip();
                }
            }
            if self.at(0) == quote {
                self.skip();
                return;
            }
            while self.blank_at(0) || self.break_at(0).is_some() {
                if self.blank_at(0) {
                    self.skip();
                } else {
                    self.skip_line();
                }
            }
        }
    }

    /// A backslash escape of a double-quoted scalar.
    fn escape(&mut self) {
        let start = self.pos;
        let digits = match self.at(1) {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => 0,
        };
        let decoded = match self.at(1) {
            b'0' => Some('\0'),
            b'a' => Some('\u{7}'),
            b'b' => Some('\u{8}'),
            b'v' => Some('\u{b}'),
            b'e' => Some('\u{1b}'),
            b'N' => Some('\u{85}'),
            _ if digits > 0 => {
                let hex = self.text.get(self.pos + 2..self.pos + 2 + digits);
                hex.and_then(|h| std::str::from_utf8(h).ok())
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
            }
            _ => None,
        };
        self.skip();
        self.skip();
        if let Some(c) = decoded {
            for _ in 0..digits {
                self.skip();
            }
            self.found.escapes.push((start..self.pos, c));
        }
    }

    /// A plain scalar (libyaml's `yaml_parser_scan_plain_scalar`); returns
    /// where its text ends (it also takes the blanks and line breaks after
    /// it).
    pub(super) fn plain(&mut self) -> usize {
        let indent = self.indent + 1;
        let mut end = self.pos;
        let mut leading_blanks = false;
        loop {
            if self.document_indicator() || self.at(0) == b'#' {
                break;
            }
            while !self.blankz_at(0) {
                let c = self.at(0);
                let value = c == b':' && self.blankz_at(1);
                let flow_indicator = self.flow_level > 0 && b",[]{}".contains(&c);
                // In a flow, `:` before an indicator is an error for
                // libyaml: it stops there, and so may the scalar.
                let bad_colon = self.flow_level > 0 && c == b':' && b",?[]{}".contains(&self.at(1));
                if value || flow_indicator || bad_colon {
                    break;
                }
                leading_blanks = false;
                self.skip();
                end = self.pos;
            }
            if !(self.blank_at(0) || self.break_at(0).is_some()) {
                break;
            }
            while self.blank_at(0) || self.break_at(0).is_some() {
                if self.blank_at(0) {
                    self.skip();
                } else {
                    self.skip_line();
                    leading_blanks = true;
                }
            }
            if self.flow_level == 0 && (self.column as isize) < indent {
                break;
            }
        }
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        end
    }

    /// A literal (`|`) or folded (`>`) block scalar: its header, then every
    /// line indented at least as much as its first.
    pub(super) fn block_scalar(&mut self) {
        self.skip();
        // libyaml refuses a `0` indentation indicator, and anything after
        // the header on its line: it stops there, and so does the scan.
        let mut digit = None;
        if matches!(self.at(0), b'+' | b'-') {
            self.skip();
            if self.at(0).is_ascii_digit() {
                digit = Some(self.at(0) - b'0');
                self.skip();
            }
        } else if self.at(0).is_ascii_digit() {
            digit = Some(self.at(0) - b'0');
            self.skip();
            if matches!(self.at(0), b'+' | b'-') {
                self.skip();
            }
        }
        while self.blank_at(0) {
            self.skip();
        }
        if self.at(0) == b'#' {
            while !self.breakz_at(0) {
                self.skip();
            }
        }
        if !self.breakz_at(0) || digit == Some(0) {
            return;
        }
        let increment = isize::from(digit.unwrap_or(0));
        self.skip_line();
        let mut indent = 0;
        if increment != 0 {
            indent = if self.indent >= 0 {
                self.indent + increment
            } else {
                increment
            };
        }
        self.block_breaks(&mut indent);
        while self.column as isize == indent && !self.at_end() {
            while !self.breakz_at(0) {
                self.skip();
            }
            if self.at_end() {
                break;
            }
            self.skip_line();
            self.block_breaks(&mut indent);
        }
    }

    /// The empty lines and indentation of a block scalar
    /// (`yaml_parser_scan_block_scalar_breaks`); settles its indentation
    /// when no indicator gave it.
    fn block_breaks(&mut self, indent: &mut isize) {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || (self.column as isize) < *indent) && self.at(0) == b' ' {
                self.skip();
            }
            max_indent = max_indent.max(self.column as isize);
            if (*indent == 0 || (self.column as isize) < *indent) && self.at(0) == b'\t' {
                break;
            }
            if self.break_at(0).is_none() {
                break;
            }
            self.skip_line();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
    }
}
