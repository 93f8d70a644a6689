//! The small inline markup that messages may carry, parsed into spans.
//!
//! Messages are prose, and prose needs a little emphasis and the odd link.
//! Rather than let translators write Typst or HTML (which would be evaluated,
//! and could break or attack the edition), a message may use:
//!
//! - `**strong**` and `*emphasis*`
//! - `[link text](https://example.org)` (http, https and mailto only)
//! - a blank line for a new paragraph
//! - `\` before any punctuation character to write it literally (`\*`, `\[`, `\\`)
//!
//! The text is parsed here, in Rust, into [`Span`]s that the templates render
//! as Typst content or HTML elements. Nothing is ever spliced into source code.
//! Markers that are not closed are kept as literal text.

use serde::Serialize;

/// The deepest markup may nest (`**[*x*](…)**` is three). Spans are walked,
/// serialized and dropped recursively, so a message of thousands of nested
/// links would overflow the stack; no real text nests past a handful.
pub const MAX_NESTING: usize = 100;

/// A piece of rich text, as the templates receive it (JSON, tagged by `type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Span {
    /// Plain text, shown literally.
    Text {
        /// The characters.
        text: String,
    },
    /// Strong importance, usually bold.
    Strong {
        /// What is strong.
        children: Vec<Span>,
    },
    /// Emphasis, usually italic.
    Emph {
        /// What is emphasised.
        children: Vec<Span>,
    },
    /// A hyperlink.
    Link {
        /// Target: an http(s) or mailto URL.
        href: String,
        /// The link text.
        children: Vec<Span>,
    },
    /// The end of a paragraph.
    Parbreak,
    /// A message the translation lacks, shown as a visible gap (parallel
    /// editions without --allow-missing).
    Gap {
        /// The missing message's id.
        id: String,
    },
}

/// Why a message's markup was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// Human-readable reason.
    pub message: String,
}

/// Escapes text so that [`parse`] shows it literally: used for string
/// arguments, which come from data and are never markup.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '[' | ']') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The text of spans without markup: for PDF metadata, alt text, titles.
pub fn plain_text(spans: &[Span]) -> String {
    let mut out = String::new();
    collect_plain(spans, &mut out);
    out
}

fn collect_plain(spans: &[Span], out: &mut String) {
    for span in spans {
        match span {
            Span::Text { text } => out.push_str(text),
            Span::Strong { children } | Span::Emph { children } | Span::Link { children, .. } => {
                collect_plain(children, out);
            }
            Span::Parbreak => out.push_str("\n\n"),
            Span::Gap { id } => out.push_str(&format!("[{id}]")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Strong,
    Emph,
    LinkText,
}

impl Marker {
    fn literal(self) -> &'static str {
        match self {
            Marker::Strong => "**",
            Marker::Emph => "*",
            Marker::LinkText => "[",
        }
    }
}

struct Frame {
    marker: Option<Marker>,
    children: Vec<Span>,
}

struct Builder {
    stack: Vec<Frame>,
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

    /// Pops the top frame, keeping its marker as literal text (it was never closed).
    fn abandon_top(&mut self) {
        let frame = self.stack.pop().expect("non-root frame");
        if let Some(marker) = frame.marker {
            self.push_text(marker.literal());
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
            return Err(MarkupError {
                message: format!(
                    "markup is nested more than {MAX_NESTING} deep (links inside links, …)"
                ),
            });
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

/// Parses a formatted message into spans.
pub fn parse(text: &str) -> Result<Vec<Span>, MarkupError> {
    let mut builder = Builder {
        stack: vec![Frame {
            marker: None,
            children: Vec::new(),
        }],
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
            '[' => {
                builder.open(Marker::LinkText)?;
                &rest[1..]
            }
            ']' if builder.is_open(Marker::LinkText) => builder.close_link(rest)?,
            '\n' | '\r' => builder.line_break(rest),
            _ => {
                let end = rest
                    .find(['\\', '*', '[', ']', '\n', '\r'])
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
    Ok(spans)
}

impl Builder {
    /// Reads `\` and what follows it at the start of `rest`; returns the rest.
    fn escape<'t>(&mut self, rest: &'t str) -> &'t str {
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

/// Reads `(target)` right after a link's closing bracket.
fn link_target(after_bracket: &str) -> Option<(&str, &str)> {
    let inner = after_bracket.strip_prefix('(')?;
    // Parentheses inside a URL are balanced (Wikipedia's `Foo_(bar)`).
    let mut depth = 0usize;
    let end = inner.char_indices().find_map(|(i, c)| match c {
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
        Err(MarkupError {
            message: format!(
                "link target `{href}` is not allowed: links must start with https://, http:// or mailto:"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Span {
        Span::Text { text: t.into() }
    }

    #[test]
    fn strong_emphasis_and_links() -> Result<(), MarkupError> {
        let spans = parse("a **b** *c* [d](https://x.org/a_(b)) e")?;
        assert_eq!(
            spans,
            vec![
                text("a "),
                Span::Strong {
                    children: vec![text("b")]
                },
                text(" "),
                Span::Emph {
                    children: vec![text("c")]
                },
                text(" "),
                Span::Link {
                    href: "https://x.org/a_(b)".into(),
                    children: vec![text("d")]
                },
                text(" e"),
            ]
        );
        Ok(())
    }

    #[test]
    fn nested_markup() -> Result<(), MarkupError> {
        let spans = parse("**[*x*](mailto:a@b.org)**")?;
        assert_eq!(
            spans,
            vec![Span::Strong {
                children: vec![Span::Link {
                    href: "mailto:a@b.org".into(),
                    children: vec![Span::Emph {
                        children: vec![text("x")]
                    }],
                }]
            }]
        );
        Ok(())
    }

    #[test]
    fn escapes_and_unclosed_markers_stay_literal() -> Result<(), MarkupError> {
        assert_eq!(
            parse(r"2 \* 3 = 6 \[x\] \\ \é")?,
            vec![text(r"2 * 3 = 6 [x] \ \é")]
        );
        assert_eq!(parse("a * b")?, vec![text("a * b")]);
        assert_eq!(
            parse("**a *b**")?,
            vec![Span::Strong {
                children: vec![text("a *b")]
            }]
        );
        assert_eq!(parse("[not a link] (x)")?, vec![text("[not a link] (x)")]);
        assert_eq!(parse("****")?, vec![text("****")]);
        Ok(())
    }

    #[test]
    fn escape_round_trips_any_text() -> Result<(), MarkupError> {
        for raw in [
            "*a*",
            "**b**",
            "[c](https://d)",
            r"\e",
            "#panic(\"x\")",
            "<b>",
        ] {
            assert_eq!(parse(&escape(raw))?, vec![text(raw)], "{raw}");
        }
        Ok(())
    }

    #[test]
    fn blank_lines_make_paragraphs() -> Result<(), MarkupError> {
        assert_eq!(
            parse("one\ntwo\n\n\nthree")?,
            vec![text("one two"), Span::Parbreak, text("three")]
        );
        Ok(())
    }

    #[test]
    fn dangerous_link_targets_are_refused() {
        for href in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "/relative",
        ] {
            let error = parse(&format!("[x]({href})")).expect_err(href);
            assert!(error.message.contains(href), "{}", error.message);
        }
    }

    #[test]
    fn nesting_is_bounded() -> Result<(), MarkupError> {
        let nested = |n: usize| format!("{}x{}", "[".repeat(n), "](https://a.org)".repeat(n));
        let spans = parse(&nested(MAX_NESTING))?;
        assert_eq!(plain_text(&spans), "x");
        let error = parse(&nested(100_000)).expect_err("too deep");
        assert!(
            error.message.contains("nested more than 100 deep"),
            "{}",
            error.message
        );
        Ok(())
    }

    #[test]
    fn plain_text_drops_markup() -> Result<(), MarkupError> {
        assert_eq!(plain_text(&parse("a **b** [c](https://x)")?), "a b c");
        Ok(())
    }
}
