//! The small markup that messages may carry, parsed into spans.
//!
//! Messages are prose, and prose needs a little emphasis, the odd link, a
//! source for each claim and now and then a list. Rather than let
//! translators write Typst or HTML (which would be evaluated, and could
//! break or attack the edition), a message may use:
//!
//! - `**strong**` and `*emphasis*`
//! - `[link text](https://example.org)` (http, https and mailto only)
//! - `^[a footnote]` (which may hold emphasis, links and citations, not
//!   another note)
//! - `[@key]`, `[@key, p. 12]`, `[@a; @b]`: citations of the bibliography
//! - `\` at the end of a line for a line break
//! - a blank line for a new paragraph
//! - lines starting with `- ` (bullets) or `1. ` (numbers) for a list, in a
//!   message of more than one line; an item indented under another is
//!   nested in it
//! - `\` before any punctuation character to write it literally (`\*`, `\[`, `\\`)
//!
//! The text is parsed here, in Rust, into [`Span`]s that the templates render
//! as Typst content or HTML elements. Nothing is ever spliced into source code.
//! Markers that are not closed are kept as literal text. `inline.rs` reads a
//! paragraph's markup; `blocks.rs` splits a message into paragraphs and lists.

mod blocks;
mod inline;

use serde::Serialize;

/// The deepest markup may nest (`**[*x*](…)**` is three; a list in a list
/// item is one more). Spans are walked, serialized and dropped recursively,
/// so a message of thousands of nested links would overflow the stack; no
/// real text nests past a handful.
pub(crate) const MAX_NESTING: usize = 100;

/// A piece of rich text, as the templates receive it (JSON, tagged by `type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Span {
    /// Plain text, shown literally.
    Text {
        /// What is shown, escapes already undone.
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
    /// A footnote, marked where it stands (PDF: at the foot of the page;
    /// HTML: an endnote).
    Footnote {
        /// The note's text.
        children: Vec<Span>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered (`1. `) rather than bulleted (`- `).
        ordered: bool,
        /// The first item's number (1 for bullets).
        start: u32,
        /// Each item's content (a nested list is the last span of its item).
        items: Vec<Vec<Span>>,
    },
    /// Citations of bibliography entries (`[@a, p. 3; @b]`).
    Cite {
        /// Each work cited, in order.
        items: Vec<Citation>,
    },
    /// A line break within a paragraph.
    Linebreak,
    /// The end of a paragraph.
    Parbreak,
    /// A message the translation lacks, shown as a visible gap (parallel
    /// editions without --allow-missing).
    Gap {
        /// The missing message's id.
        id: String,
    },
}

/// One work cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Its key in the bibliography.
    pub key: String,
    /// Where in it (`p. 12`), if said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

/// The citation keys of spans, in order.
pub(crate) fn cited_keys(spans: &[Span]) -> Vec<&str> {
    let mut keys = Vec::new();
    collect_keys(spans, &mut keys);
    keys
}

fn collect_keys<'s>(spans: &'s [Span], keys: &mut Vec<&'s str>) {
    for span in spans {
        match span {
            Span::Cite { items } => keys.extend(items.iter().map(|c| c.key.as_str())),
            Span::Strong { children }
            | Span::Emph { children }
            | Span::Link { children, .. }
            | Span::Footnote { children } => collect_keys(children, keys),
            Span::List { items, .. } => items.iter().for_each(|item| collect_keys(item, keys)),
            Span::Text { .. } | Span::Linebreak | Span::Parbreak | Span::Gap { .. } => {}
        }
    }
}

/// Why a message's markup was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// Human-readable reason.
    pub message: String,
    /// What to do about it.
    pub hint: &'static str,
}

impl MarkupError {
    /// Markup nested deeper than [`MAX_NESTING`].
    pub(crate) fn too_deep(message: String) -> Self {
        Self {
            message,
            hint: "nest markup (links, emphasis, lists) less deeply; no text needs 100 levels",
        }
    }

    /// A link whose target is refused.
    pub(crate) fn link(message: String) -> Self {
        Self {
            message,
            hint: LINK_HINT,
        }
    }

    /// A citation that cannot be read.
    pub(crate) fn citation(message: String) -> Self {
        Self {
            message,
            hint: "cite as [@key] or [@key, p. 12], works separated by `;`; or escape the \
                   bracket as \\[",
        }
    }
}

/// What to do about a refused link.
pub(crate) const LINK_HINT: &str =
    "write the link as [text](https://…), or escape the bracket as \\[";

/// Parses a formatted message into spans.
pub fn parse(text: &str) -> Result<Vec<Span>, MarkupError> {
    blocks::parse(text, &mut Vec::new())
}

/// A marker [`parse`] kept as text because nothing closes it (`*` without
/// its closing `*`, `[` without `]`, `^[` without `]`): most often a
/// mistake, which the edition prints as the character itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unclosed {
    /// The marker: `*`, `**`, `[` or `^[`.
    pub marker: &'static str,
    /// The marker and the text after it (a short quotation, to find it).
    pub text: String,
}

/// The markers of `text` that nothing closes; none when it does not parse
/// (that is its own error).
pub(crate) fn unclosed(text: &str) -> Vec<Unclosed> {
    let mut found = Vec::new();
    match blocks::parse(text, &mut found) {
        Ok(_) => found,
        Err(_) => Vec::new(),
    }
}

/// Escapes text so that [`parse`] reads it as the same text, line ends
/// included (an exchange file's text written back into a message).
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            escaped.push('\n');
        }
        // A list marker at the start of a line is escaped too.
        let body = line.trim_end_matches('\r');
        let indent = body.len() - body.trim_start_matches([' ', '\t']).len();
        let marker = blocks::marker_end(&body[indent..]).map(|end| indent + end);
        for (at, c) in line.char_indices() {
            // An `@` first would make a citation of `[@…` when the text is a
            // link's label (`[{ $handle }](…)` with `@someone`).
            let starts_citation = c == '@' && index == 0 && at == 0;
            if matches!(c, '\\' | '*' | '[' | ']' | '^') || Some(at) == marker || starts_citation {
                escaped.push('\\');
            }
            escaped.push(c);
        }
    }
    escaped
}

/// Escapes a string argument (a value from the data, never markup) so
/// that [`parse`] shows it literally. An argument is a value inside a
/// sentence: its line ends become spaces, since a blank line in it would
/// end the message's own paragraph, and its markup with it.
pub(crate) fn escape_argument(text: &str) -> String {
    escape(&text.replace("\r\n", " ").replace(['\n', '\r'], " "))
}

/// The text of spans without markup: for PDF metadata, alt text, titles.
/// Footnotes are left out; list items are lines.
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
            Span::Footnote { .. } | Span::Cite { .. } => {}
            Span::List { items, .. } => {
                for item in items {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    collect_plain(item, out);
                }
            }
            Span::Linebreak => out.push('\n'),
            Span::Parbreak => out.push_str("\n\n"),
            Span::Gap { id } => out.push_str(&format!("[{id}]")),
        }
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
    fn unclosed_markers_are_named_with_the_text_after_them() {
        let found = unclosed("Las *juntas de agua comunitarias y **más");
        let markers: Vec<&str> = found.iter().map(|u| u.marker).collect();
        assert_eq!(markers, ["**", "*"]);
        assert_eq!(found[1].text, "*juntas de agua comunitarias y");
        assert!(unclosed("*bien* y **bien** y \\* y [a](https://x.org) ^[nota]").is_empty());
        assert_eq!(unclosed("ver [la fuente")[0].marker, "[");
        assert_eq!(unclosed("- uno\n- *dos")[0].text, "*dos");
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
    fn escape_round_trips_random_text_of_markup_characters() -> Result<(), MarkupError> {
        // A small deterministic generator: no dependency for one test.
        let alphabet = [
            '*', '[', ']', '(', ')', '^', '@', '\\', '-', '1', '.', ' ', 'a', ';', ',',
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..5_000 {
            let mut raw = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for step in 0..(state % 24) {
                let pick = (state >> (step % 50)) as usize % alphabet.len();
                raw.push(alphabet[pick]);
            }
            let parsed = parse(&escape(&raw))?;
            let expected = if raw.is_empty() {
                vec![]
            } else {
                vec![text(&raw)]
            };
            assert_eq!(parsed, expected, "{raw:?} → {:?}", escape(&raw));
        }
        Ok(())
    }

    #[test]
    fn escaped_text_is_a_links_label_even_when_it_starts_with_an_at() -> Result<(), MarkupError> {
        // Found by the markup fuzz target: `[@someone](…)` was a citation.
        for label in ["@someone", "@@a **b*", "a@b"] {
            let parsed = parse(&format!("[{}](https://example.org)", escape(label)))?;
            assert_eq!(
                parsed,
                vec![Span::Link {
                    href: "https://example.org".into(),
                    children: vec![text(label)]
                }],
                "{label}"
            );
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
    fn footnotes_hold_markup_and_stay_literal_when_open() -> Result<(), MarkupError> {
        assert_eq!(
            parse("claim^[By *WSJ*, [online](https://x.org).] more")?,
            vec![
                text("claim"),
                Span::Footnote {
                    children: vec![
                        text("By "),
                        Span::Emph {
                            children: vec![text("WSJ")]
                        },
                        text(", "),
                        Span::Link {
                            href: "https://x.org".into(),
                            children: vec![text("online")]
                        },
                        text("."),
                    ]
                },
                text(" more"),
            ]
        );
        assert_eq!(parse("a ^[b")?, vec![text("a ^[b")]);
        assert_eq!(parse("a ^[] b")?, vec![text("a ^[] b")]);
        assert_eq!(parse("2^3 [x]")?, vec![text("2^3 [x]")]);
        // A note in a note is text of the outer one.
        assert_eq!(
            parse("x^[a ^[b]]")?,
            vec![
                text("x"),
                Span::Footnote {
                    children: vec![text("a ^[b]")]
                }
            ]
        );
        // A paragraph break ends an open note: it is text.
        assert_eq!(
            parse("x^[a\n\nb]")?,
            vec![text("x^[a"), Span::Parbreak, text("b]")]
        );
        Ok(())
    }

    #[test]
    fn citations_with_locators_and_several_works() -> Result<(), MarkupError> {
        let cite = |items: &[(&str, Option<&str>)]| Span::Cite {
            items: items
                .iter()
                .map(|(key, locator)| Citation {
                    key: (*key).into(),
                    locator: locator.map(Into::into),
                })
                .collect(),
        };
        assert_eq!(
            parse("Votes [@un-2022] and men^[See [@wsj, p. 12; @cfc].]")?,
            vec![
                text("Votes "),
                cite(&[("un-2022", None)]),
                text(" and men"),
                Span::Footnote {
                    children: vec![
                        text("See "),
                        cite(&[("wsj", Some("p. 12")), ("cfc", None)]),
                        text("."),
                    ]
                },
            ]
        );
        // A link whose text starts with `@` is a link; `\[@` is text.
        assert_eq!(
            parse("[@cuba](https://x.org) \\[@a]")?,
            vec![
                Span::Link {
                    href: "https://x.org".into(),
                    children: vec![text("@cuba")]
                },
                text(" [@a]"),
            ]
        );
        assert_eq!(cited_keys(&parse("a [@x] ^[[@y, p. 2]]")?), ["x", "y"]);
        for (bad, says) in [
            ("[@]", "no citation key"),
            ("[@ key]", "no citation key"),
            ("[@a b]", "may hold only"),
            ("[@a; b]", "starts with `@key`"),
            ("[@{x}]", "may hold only"),
        ] {
            let error = parse(bad).expect_err(bad);
            assert!(error.message.contains(says), "{bad}: {}", error.message);
        }
        // Not closed on its line: text.
        assert_eq!(parse("[@a")?, vec![text("[@a")]);
        Ok(())
    }

    #[test]
    fn a_backslash_at_the_end_of_a_line_breaks_it() -> Result<(), MarkupError> {
        assert_eq!(
            parse("one\\\n   two\nthree")?,
            vec![text("one"), Span::Linebreak, text("two three")]
        );
        Ok(())
    }

    #[test]
    fn escaped_arguments_make_no_notes_lists_or_breaks() -> Result<(), MarkupError> {
        for raw in [
            "^[x]",
            "a\n- b\n- c",
            "x\n1. y\n2. z",
            "end\\\nnext",
            "x\r\n-\r\ny",
            "a\n\nb",
            "- lead",
        ] {
            let escaped = escape_argument(raw);
            assert_eq!(
                plain_text(&parse(&escaped)?),
                parse_plain(raw),
                "{raw:?} → {escaped:?}"
            );
            assert!(
                !format!("{:?}", parse(&escaped)?).contains("List")
                    && !format!("{:?}", parse(&escaped)?).contains("Footnote")
                    && !format!("{:?}", parse(&escaped)?).contains("Linebreak"),
                "{raw:?}"
            );
        }
        Ok(())
    }

    /// What a text says once its line ends are spaces.
    fn parse_plain(raw: &str) -> String {
        raw.replace("\r\n", " ").replace('\n', " ")
    }

    #[test]
    fn plain_text_drops_markup() -> Result<(), MarkupError> {
        assert_eq!(plain_text(&parse("a **b** [c](https://x)")?), "a b c");
        Ok(())
    }
}
