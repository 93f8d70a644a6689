//! Inline markup: strong, emphasis, links, footnotes, line breaks and
//! escapes within one paragraph (or list item), read by a stack of open
//! markers; a marker never closed is put back as the text it was.

use super::{Citation, MAX_NESTING, MarkupError, Span, Unclosed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Strong,
    Emph,
    LinkText,
    Footnote,
}

impl Marker {
    fn literal(self) -> &'static str {
        match self {
            Marker::Strong => "**",
            Marker::Emph => "*",
            Marker::LinkText => "[",
            Marker::Footnote => "^[",
        }
    }
}

struct Frame {
    marker: Option<Marker>,
    children: Vec<Span>,
}

struct Builder {
    stack: Vec<Frame>,
    /// Markers put back as text, with the text that followed them.
    unclosed: Vec<Unclosed>,
}

impl Builder {
    fn top(&mut self) -> &mut Vec<Span> {
        // The root frame is never popped, so the stack is never empty.
        &mut self.stack.last_mut().expect("root frame").children
    }

    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let top = self.top();
        if let Some(Span::Text { text: last }) = top.last_mut() {
            last.push_str(text);
        } else {
            top.push(Span::Text {
                text: text.to_owned(),
            });
        }
    }

    fn push_span(&mut self, span: Span) {
        match span {
            Span::Text { text } => self.push_text(&text),
            other => self.top().push(other),
        }
    }

    fn is_open(&self, marker: Marker) -> bool {
        self.stack.iter().any(|f| f.marker == Some(marker))
    }

    /// The innermost open marker that a `]` closes (link text or a note).
    fn innermost_bracket(&self) -> Option<Marker> {
        self.stack
            .iter()
            .rev()
            .filter_map(|f| f.marker)
            .find(|m| matches!(m, Marker::LinkText | Marker::Footnote))
    }

    /// Pops the top frame, keeping its marker as literal text (it was never closed).
    fn abandon_top(&mut self) {
        let frame = self.stack.pop().expect("non-root frame");
        if let Some(marker) = frame.marker {
            self.push_text(marker.literal());
            let after = match frame.children.first() {
                Some(Span::Text { text }) => text.chars().take(30).collect::<String>(),
                _ => String::new(),
            };
            self.unclosed.push(Unclosed {
                marker: marker.literal(),
                text: format!("{}{}", marker.literal(), after.trim_end()),
            });
        }
        for span in frame.children {
            self.push_span(span);
        }
    }

    /// Closes the innermost frame with `marker`, abandoning frames opened after it.
    fn close(&mut self, marker: Marker) -> Vec<Span> {
        while self.stack.last().and_then(|f| f.marker) != Some(marker) {
            self.abandon_top();
        }
        self.stack.pop().expect("open frame").children
    }

    /// Opens a frame for `marker`, unless that would nest deeper than
    /// [`MAX_NESTING`].
    fn open(&mut self, marker: Marker) -> Result<(), MarkupError> {
        // The root frame is not markup.
        if self.stack.len() > MAX_NESTING {
            return Err(MarkupError::too_deep(format!(
                "markup is nested more than {MAX_NESTING} deep (links inside links, …)"
            )));
        }
        self.stack.push(Frame {
            marker: Some(marker),
            children: Vec::new(),
        });
        Ok(())
    }

    fn toggle(&mut self, marker: Marker) -> Result<(), MarkupError> {
        if self.is_open(marker) {
            let children = self.close(marker);
            if children.is_empty() {
                // `****` is not a strong nothing; keep what was written.
                self.push_text(marker.literal());
                self.push_text(marker.literal());
            } else {
                self.push_span(match marker {
                    Marker::Strong => Span::Strong { children },
                    _ => Span::Emph { children },
                });
            }
        } else {
            self.open(marker)?;
        }
        Ok(())
    }
}

/// Parses a paragraph's inline markup into spans; markers never closed
/// go to `unclosed`.
pub(super) fn parse(text: &str, unclosed: &mut Vec<Unclosed>) -> Result<Vec<Span>, MarkupError> {
    let mut builder = Builder {
        stack: vec![Frame {
            marker: None,
            children: Vec::new(),
        }],
        unclosed: Vec::new(),
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = match c {
            '\\' => builder.escape(rest),
            '*' if rest.starts_with("**") => {
                builder.toggle(Marker::Strong)?;
                &rest[2..]
            }
            '*' => {
                builder.toggle(Marker::Emph)?;
                &rest[1..]
            }
            '^' if rest.starts_with("^[") && !builder.is_open(Marker::Footnote) => {
                builder.open(Marker::Footnote)?;
                &rest[2..]
            }
            '[' => match citation(rest)? {
                Some((span, after)) => {
                    builder.push_span(span);
                    after
                }
                None => {
                    builder.open(Marker::LinkText)?;
                    &rest[1..]
                }
            },
            ']' if builder.innermost_bracket() == Some(Marker::Footnote) => {
                builder.close_footnote(rest)
            }
            ']' if builder.innermost_bracket() == Some(Marker::LinkText) => {
                builder.close_link(rest)?
            }
            '\n' | '\r' => builder.line_break(rest),
            _ => {
                let end = rest
                    .find(['\\', '*', '[', ']', '^', '\n', '\r'])
                    .unwrap_or(rest.len())
                    .max(c.len_utf8());
                builder.push_text(&rest[..end]);
                &rest[end..]
            }
        };
    }
    while builder.stack.len() > 1 {
        builder.abandon_top();
    }
    let mut spans = builder.stack.pop().map(|f| f.children).unwrap_or_default();
    if spans.last() == Some(&Span::Parbreak) {
        spans.pop();
    }
    unclosed.append(&mut builder.unclosed);
    Ok(spans)
}

impl Builder {
    /// Reads `\` and what follows it at the start of `rest`: a literal
    /// punctuation character, or a line break at the end of a line;
    /// returns the rest.
    fn escape<'t>(&mut self, rest: &'t str) -> &'t str {
        let after = &rest[1..];
        let after_line = after
            .strip_prefix("\r\n")
            .or_else(|| after.strip_prefix('\n'));
        if let Some(next_line) = after_line {
            self.push_span(Span::Linebreak);
            return next_line.trim_start_matches([' ', '\t']);
        }
        let mut chars = rest.chars();
        chars.next();
        match chars.next() {
            Some(next) if next.is_ascii_punctuation() => {
                self.push_text(&next.to_string());
                &rest[1 + next.len_utf8()..]
            }
            _ => {
                self.push_text("\\");
                &rest[1..]
            }
        }
    }

    /// Reads the `]` at the start of `rest` that closes a footnote; returns
    /// the rest. An empty note (`^[]`) is text.
    fn close_footnote<'t>(&mut self, rest: &'t str) -> &'t str {
        let children = self.close(Marker::Footnote);
        if children.is_empty() {
            self.push_text("^[]");
        } else {
            self.push_span(Span::Footnote { children });
        }
        &rest[1..]
    }

    /// Reads the `]` at the start of `rest` that closes link text; returns
    /// the rest.
    fn close_link<'t>(&mut self, rest: &'t str) -> Result<&'t str, MarkupError> {
        let children = self.close(Marker::LinkText);
        match link_target(&rest[1..]) {
            Some((href, after)) => {
                check_href(href)?;
                self.push_span(Span::Link {
                    href: href.to_owned(),
                    children,
                });
                Ok(after)
            }
            None => {
                // `[text]` without a target is just bracketed text.
                self.push_text("[");
                for span in children {
                    self.push_span(span);
                }
                self.push_text("]");
                Ok(&rest[1..])
            }
        }
    }

    /// Reads the line end at the start of `rest`: a space, or a paragraph
    /// break after a blank line; returns the rest.
    fn line_break<'t>(&mut self, rest: &'t str) -> &'t str {
        let trimmed = rest.trim_start_matches([' ', '\t', '\r']);
        let after_first = trimmed.strip_prefix('\n').unwrap_or(trimmed);
        let after_blank = after_first.trim_start_matches([' ', '\t', '\r']);
        if after_blank.starts_with('\n') {
            // A blank line ends the paragraph; extra blank lines add nothing.
            while self.stack.len() > 1 {
                self.abandon_top();
            }
            self.push_span(Span::Parbreak);
            after_blank.trim_start_matches(['\n', '\r', ' ', '\t'])
        } else {
            self.push_text(" ");
            after_first
        }
    }
}

/// Reads a citation (`[@key]`, `[@key, p. 12]`, `[@a; @b]`) at the start
/// of `rest`; `None` when `rest` holds none (no `[@`, no closing `]`, or a
/// link such as `[@name](https://…)`), an error when it is malformed.
fn citation(rest: &str) -> Result<Option<(Span, &str)>, MarkupError> {
    if !rest.starts_with("[@") {
        return Ok(None);
    }
    let Some(end) = rest
        .find([']', '\n'])
        .filter(|&e| rest[e..].starts_with(']'))
    else {
        return Ok(None);
    };
    let after = &rest[end + 1..];
    if after.starts_with('(') {
        return Ok(None);
    }
    let written = &rest[..=end];
    let items = rest[1..end]
        .split(';')
        .map(|part| cited(part.trim(), written))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some((Span::Cite { items }, after)))
}

/// One `@key, locator` of a citation.
fn cited(part: &str, written: &str) -> Result<Citation, MarkupError> {
    let refused = MarkupError::citation;
    let Some(body) = part.strip_prefix('@') else {
        return Err(refused(format!(
            "`{written}`: each work cited starts with `@key` (separate them with `;`)"
        )));
    };
    // The key follows `@` at once.
    let (key, locator) = match body.split_once(',') {
        Some((key, locator)) => (key.trim_end(), Some(locator.trim())),
        None => (body.trim_end(), None),
    };
    let key = if key.starts_with(char::is_whitespace) {
        ""
    } else {
        key
    };
    if key.is_empty() {
        return Err(refused(format!(
            "`{written}` has no citation key after `@`"
        )));
    }
    let allowed = |c: char| c.is_alphanumeric() || "_-:./+".contains(c);
    if !key.starts_with(char::is_alphanumeric) || !key.chars().all(allowed) {
        return Err(refused(format!(
            "citation key `{key}` in `{written}` may hold only letters, digits and `_ - : . / +`"
        )));
    }
    Ok(Citation {
        key: key.to_owned(),
        locator: locator.filter(|l| !l.is_empty()).map(str::to_owned),
    })
}

/// The longest link target read, in characters.
const MAX_TARGET: usize = 4096;

/// Reads `(target)` right after a link's closing bracket.
fn link_target(after_bracket: &str) -> Option<(&str, &str)> {
    let inner = after_bracket.strip_prefix('(')?;
    // Parentheses inside a URL are balanced (Wikipedia's `Foo_(bar)`). A
    // target has no blanks and a bounded length, so the search stops there
    // (else text of many `[a](` would be read in quadratic time).
    let mut depth = 0usize;
    let end = inner
        .char_indices()
        .take(MAX_TARGET)
        .take_while(|(_, c)| !c.is_whitespace())
        .find_map(|(i, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(i),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        })?;
    let href = &inner[..end];
    if href.is_empty() || href.contains(char::is_whitespace) {
        return None;
    }
    Some((href, &inner[end + 1..]))
}

fn check_href(href: &str) -> Result<(), MarkupError> {
    let lower = href.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    if allowed {
        Ok(())
    } else {
        Err(MarkupError::link(format!(
            "link target `{href}` is not allowed: links must start with https://, http:// or mailto:"
        )))
    }
}
