//! Fuzzes the inline markup parser, `report::l10n::markup::parse`.
//!
//! The input is any UTF-8 text (a formatted message). Checks:
//!
//! - `parse` never panics, and `plain_text` works on what it returns;
//! - the spans are in normal form: no empty text, no two text spans side by
//!   side, no empty strong/emphasis, no trailing or doubled paragraph break,
//!   paragraph breaks only at the top level, every link target is
//!   http(s) or mailto, no empty footnote, list or citation, every cited
//!   work has a key;
//! - `escape` round-trips: for text `s` without `\n` or `\r` (which the
//!   parser turns into spaces and paragraph breaks, and which `escape`
//!   leaves alone), `parse(&escape(s)) == [Text { text: s }]` (nothing for
//!   empty `s`), and escaped text keeps its meaning inside `**…**` and
//!   inside a link's text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use report::fuzzing::markup::{Span, escape, parse, plain_text};

fn text(s: &str) -> Span {
    Span::Text { text: s.to_owned() }
}

fn check_normal(spans: &[Span], top: bool) {
    for (i, span) in spans.iter().enumerate() {
        match span {
            Span::Text { text } => {
                assert!(!text.is_empty(), "empty text span in {spans:?}");
                if i > 0 {
                    assert!(
                        !matches!(spans[i - 1], Span::Text { .. }),
                        "adjacent text spans in {spans:?}"
                    );
                }
            }
            Span::Strong { children } | Span::Emph { children } => {
                assert!(!children.is_empty(), "empty strong/emph in {spans:?}");
                check_normal(children, false);
            }
            Span::Link { href, children } => {
                let lower = href.to_ascii_lowercase();
                assert!(
                    ["https://", "http://", "mailto:"]
                        .iter()
                        .any(|s| lower.starts_with(s) && lower.len() > s.len()),
                    "link to {href:?} was let through"
                );
                assert!(!href.contains(char::is_whitespace));
                check_normal(children, false);
            }
            Span::Footnote { children } => {
                assert!(!children.is_empty(), "empty footnote in {spans:?}");
                check_normal(children, false);
            }
            Span::List { items, .. } => {
                assert!(!items.is_empty(), "empty list in {spans:?}");
                for item in items {
                    check_normal(item, false);
                }
            }
            Span::Cite { items } => {
                assert!(!items.is_empty(), "citation of nothing in {spans:?}");
                for cited in items {
                    assert!(!cited.key.is_empty(), "citation without a key in {spans:?}");
                    assert!(
                        cited.locator.as_ref().is_none_or(|l| !l.is_empty()),
                        "empty locator in {spans:?}"
                    );
                }
            }
            Span::Linebreak => {}
            Span::Gap { .. } => panic!("parse made a gap, which only resolve makes: {spans:?}"),
            Span::Parbreak => {
                assert!(top, "paragraph break inside a span: {spans:?}");
                assert!(i + 1 < spans.len(), "trailing paragraph break: {spans:?}");
                assert!(
                    i == 0 || spans[i - 1] != Span::Parbreak,
                    "doubled paragraph break: {spans:?}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };

    if let Ok(spans) = parse(s) {
        check_normal(&spans, true);
        let _ = plain_text(&spans);
    }

    if !s.contains(['\n', '\r']) {
        let escaped = escape(s);
        let expected = if s.is_empty() { vec![] } else { vec![text(s)] };
        assert_eq!(parse(&escaped), Ok(expected), "escape round trip of {s:?}");
        if !s.is_empty() {
            assert_eq!(
                parse(&format!("**{escaped}**")),
                Ok(vec![Span::Strong {
                    children: vec![text(s)]
                }]),
                "escaped text inside ** of {s:?}"
            );
            assert_eq!(
                parse(&format!("[{escaped}](https://example.org)")),
                Ok(vec![Span::Link {
                    href: "https://example.org".into(),
                    children: vec![text(s)]
                }]),
                "escaped text as link text of {s:?}"
            );
        }
    }
});
