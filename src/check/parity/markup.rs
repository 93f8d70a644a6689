//! Markup parity: a translation keeps its source's emphasis, strong text,
//! links, footnotes, list items, line breaks and paragraphs, as many of
//! each. Counted on the default variant
//! of each select (a translation may need more plural variants than its
//! source); link targets are compared by `links.rs`. Markup that does not
//! parse is the `markup` check's.

use crate::check::parity::{Finding, Pair};
use crate::diagnostic::Code;
use crate::l10n::markup::{self, Span};

/// How many of each kind of markup a text has.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Counts {
    /// The keys cited, sorted.
    citations: Vec<String>,
    strong: usize,
    emphasis: usize,
    links: usize,
    footnotes: usize,
    list_items: usize,
    line_breaks: usize,
    paragraphs: usize,
}

/// The markup's finding for a pair, if the counts differ.
pub(super) fn compare<'a>(pair: &Pair<'a, '_>) -> Option<Finding<'a>> {
    // Without `*`, `[` or a line break in any piece there is no markup.
    let marked = |pieces: &[&str]| pieces.iter().any(|p| p.contains(['*', '[', '\n', '\\']));
    if !marked(&pair.source.pieces) && !marked(&pair.translation.pieces) {
        return None;
    }
    let theirs = counts(pair.source.default())?;
    let ours = counts(pair.translation.default())?;
    if theirs == ours {
        return None;
    }
    if theirs.citations != ours.citations {
        return Some(citation_finding(pair, &theirs, &ours));
    }
    let kinds = [
        ("strong", theirs.strong, ours.strong),
        ("emphasis", theirs.emphasis, ours.emphasis),
        ("link", theirs.links, ours.links),
        ("footnote", theirs.footnotes, ours.footnotes),
        ("list item", theirs.list_items, ours.list_items),
        ("line break", theirs.line_breaks, ours.line_breaks),
        ("paragraph break", theirs.paragraphs, ours.paragraphs),
    ];
    let differences: Vec<String> = kinds
        .iter()
        .filter(|(_, source, translation)| source != translation)
        .map(|(kind, source, translation)| {
            format!("{translation} {kind} where the source has {source}")
        })
        .collect();
    Some(Finding {
        code: Code::MarkupMismatch,
        message: format!("the translation has {}", differences.join(", ")),
        hint: "mark the same words as the source does (`*emphasis*`, `**strong**`, \
               `[text](url)`, `^[note]`, `- ` or `1. ` list items, `\\` line breaks, \
               a blank line between paragraphs)",
        at: pair.locate(None),
        source_text: pair.source.default(),
        translation_text: pair.translation.default(),
    })
}

/// The finding for a translation that cites other works than its source.
fn citation_finding<'a>(pair: &Pair<'a, '_>, theirs: &Counts, ours: &Counts) -> Finding<'a> {
    let keys = |c: &Counts| {
        if c.citations.is_empty() {
            "nothing".to_owned()
        } else {
            c.citations
                .iter()
                .map(|k| format!("@{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    Finding {
        code: Code::MarkupMismatch,
        message: format!(
            "the translation cites {} where the source cites {}",
            keys(ours),
            keys(theirs)
        ),
        hint: "cite the same works as the source (`[@key]`); a locator such as `p. 12` may be translated",
        at: pair.locate(None),
        source_text: pair.source.default(),
        translation_text: pair.translation.default(),
    }
}

/// The markup of a text, or `None` when it does not parse.
fn counts(text: &str) -> Option<Counts> {
    // Without `*`, `[`, a backslash or a line end there is no markup to count.
    if !(text.contains(['*', '[', '\\', '\n'])) {
        return Some(Counts::default());
    }
    let spans = markup::parse(text).ok()?;
    let mut counts = Counts::default();
    count(&spans, &mut counts);
    counts.citations = markup::cited_keys(&spans)
        .into_iter()
        .map(str::to_owned)
        .collect();
    counts.citations.sort();
    Some(counts)
}

fn count(spans: &[Span], counts: &mut Counts) {
    for span in spans {
        match span {
            Span::Strong { children } => {
                counts.strong += 1;
                count(children, counts);
            }
            Span::Emph { children } => {
                counts.emphasis += 1;
                count(children, counts);
            }
            Span::Link { children, .. } => {
                counts.links += 1;
                count(children, counts);
            }
            Span::Footnote { children } => {
                counts.footnotes += 1;
                count(children, counts);
            }
            Span::List { items, .. } => {
                for item in items {
                    counts.list_items += 1;
                    count(item, counts);
                }
            }
            Span::Linebreak => counts.line_breaks += 1,
            Span::Parbreak => counts.paragraphs += 1,
            Span::Text { .. } | Span::Gap { .. } | Span::Cite { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::counts;

    #[test]
    fn markup_is_counted() {
        let found = counts("*a* **b** [c](https://x.org)\n\nd").expect("parses");
        assert_eq!(
            (found.emphasis, found.strong, found.links, found.paragraphs),
            (1, 1, 1, 1)
        );
    }
}
