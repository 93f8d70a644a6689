//! A message's blocks: paragraphs (separated by blank lines) and lists.
//!
//! Lists are lines that start with `- ` (bullets) or a number and `. `
//! (`1. `, `12. `), in a message of more than one line: a one-line message
//! such as "1. Introduction" is a title, not a list. An item indented more
//! than the one before it is nested in it; a line that is no item continues
//! the item above. Text before the first item of a paragraph is a
//! paragraph of its own.

use super::{MAX_NESTING, MarkupError, Span, Unclosed, inline};

/// The most digits a list number may have (so "2022. " starts no list).
const MAX_NUMBER_DIGITS: usize = 3;

/// Parses a formatted message into spans: paragraphs, and lists where the
/// message has more than one line.
/// Markers never closed go to `unclosed`.
pub(super) fn parse(text: &str, unclosed: &mut Vec<Unclosed>) -> Result<Vec<Span>, MarkupError> {
    let multiline = text.trim().contains('\n');
    if !multiline || !text.lines().any(|l| item(l).is_some()) {
        return inline::parse(text, unclosed);
    }
    let mut spans = Vec::new();
    for paragraph in paragraphs(text) {
        if !spans.is_empty() {
            spans.push(Span::Parbreak);
        }
        spans.extend(paragraph_spans(&paragraph, unclosed)?);
    }
    Ok(spans)
}

/// The paragraphs of a text: runs of lines between blank lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut paragraphs = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(last) = paragraphs.last_mut() {
            last.push(line);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// One list item as written.
struct Item {
    indent: usize,
    ordered: bool,
    number: u32,
    text: String,
}

fn paragraph_spans(lines: &[&str], unclosed: &mut Vec<Unclosed>) -> Result<Vec<Span>, MarkupError> {
    let Some(first) = lines.iter().position(|l| item(l).is_some()) else {
        return inline::parse(&lines.join("\n"), unclosed);
    };
    let mut spans = Vec::new();
    if first > 0 {
        spans.extend(inline::parse(&lines[..first].join("\n"), unclosed)?);
        spans.push(Span::Parbreak);
    }
    let mut items: Vec<Item> = Vec::new();
    for line in &lines[first..] {
        match (item(line), items.last_mut()) {
            (Some(new), _) => items.push(new),
            (None, Some(last)) => {
                last.text.push('\n');
                last.text.push_str(line.trim_start());
            }
            (None, None) => {}
        }
    }
    spans.extend(lists(&items, 0, unclosed)?);
    Ok(spans)
}

/// Lists made of `items`: consecutive items of one kind at the first
/// item's indentation form a list; more indented ones nest in the item
/// above them.
fn lists(
    items: &[Item],
    depth: usize,
    unclosed: &mut Vec<Unclosed>,
) -> Result<Vec<Span>, MarkupError> {
    if depth > MAX_NESTING {
        return Err(MarkupError::too_deep(format!(
            "lists are nested more than {MAX_NESTING} deep"
        )));
    }
    let mut spans = Vec::new();
    let mut at = 0;
    while at < items.len() {
        let (base, ordered, start) = (items[at].indent, items[at].ordered, items[at].number);
        let mut list_items = Vec::new();
        while at < items.len() && items[at].indent <= base && items[at].ordered == ordered {
            let item = &items[at];
            at += 1;
            let children = at;
            while at < items.len() && items[at].indent > base {
                at += 1;
            }
            let mut content = inline::parse(&item.text, unclosed)?;
            if children < at {
                content.extend(lists(&items[children..at], depth + 1, unclosed)?);
            }
            list_items.push(content);
        }
        spans.push(Span::List {
            ordered,
            start: if ordered { start } else { 1 },
            items: list_items,
        });
    }
    Ok(spans)
}

/// A line's list item: its indentation, kind, number and text.
fn item(line: &str) -> Option<Item> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - body.len();
    let end = marker_end(body)?;
    let marker = &body[..=end];
    let ordered = marker.ends_with('.');
    let number = if ordered {
        marker.trim_end_matches('.').parse().ok()?
    } else {
        1
    };
    Some(Item {
        indent,
        ordered,
        number,
        text: body[end + 1..].trim_start().to_owned(),
    })
}

/// Where the list marker at the start of `body` ends (the index of its `-`
/// or `.`), when `body` starts with one followed by a space.
pub(super) fn marker_end(body: &str) -> Option<usize> {
    if body.starts_with("- ") || body == "-" {
        return Some(0);
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = &body[digits..];
    ((1..=MAX_NUMBER_DIGITS).contains(&digits) && (after.starts_with(". ") || after == "."))
        .then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Span>, MarkupError> {
        super::parse(text, &mut Vec::new())
    }

    fn text(t: &str) -> Span {
        Span::Text { text: t.into() }
    }

    #[test]
    fn bullets_numbers_and_nesting() -> Result<(), MarkupError> {
        let spans =
            parse("Votes:\n- first\n- second\n  with more\n  1. inner\n  2. *two*\n3. third")?;
        assert_eq!(
            spans,
            vec![
                text("Votes:"),
                Span::Parbreak,
                Span::List {
                    ordered: false,
                    start: 1,
                    items: vec![
                        vec![text("first")],
                        vec![
                            text("second with more"),
                            Span::List {
                                ordered: true,
                                start: 1,
                                items: vec![
                                    vec![text("inner")],
                                    vec![Span::Emph {
                                        children: vec![text("two")]
                                    }],
                                ],
                            },
                        ],
                    ],
                },
                Span::List {
                    ordered: true,
                    start: 3,
                    items: vec![vec![text("third")]],
                },
            ]
        );
        Ok(())
    }

    #[test]
    fn a_one_line_message_is_never_a_list() -> Result<(), MarkupError> {
        assert_eq!(parse("1. Introduction")?, vec![text("1. Introduction")]);
        assert_eq!(parse("- dash")?, vec![text("- dash")]);
        // Years and other numbers at a line start are no items.
        assert_eq!(parse("In\n2022. A year")?, vec![text("In 2022. A year")]);
        Ok(())
    }

    #[test]
    fn paragraphs_around_lists() -> Result<(), MarkupError> {
        let spans = parse("Intro\n\n- a\n- b\n\nAfter")?;
        assert_eq!(
            spans,
            vec![
                text("Intro"),
                Span::Parbreak,
                Span::List {
                    ordered: false,
                    start: 1,
                    items: vec![vec![text("a")], vec![text("b")]],
                },
                Span::Parbreak,
                text("After"),
            ]
        );
        Ok(())
    }
}
