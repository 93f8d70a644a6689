//! Comparing two readings of unit content: text merged and blanks read
//! as a reader sees them ([`canonical`]), codes by what they stand for
//! ([`by_identity`]).

use super::{CodeDef, Codes, Inline};

/// Merges neighbouring text and drops empty text, so that two readings of
/// the same content compare equal however their text was split.
pub(crate) fn tidy(inline: Vec<Inline>) -> Vec<Inline> {
    let pairs_tidied = inline.into_iter().map(|piece| match piece {
        Inline::Pair { id, children } => Inline::Pair {
            id,
            children: tidy(children),
        },
        other => other,
    });
    merge_text(pairs_tidied.collect())
}

/// [`tidy`] for content whose pairs are tidy already: only its own text
/// is merged, without walking the pairs again.
pub(crate) fn merge_text(inline: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inline.len());
    for piece in inline {
        match piece {
            Inline::Text(text) if text.is_empty() => {}
            Inline::Text(text) => match out.last_mut() {
                Some(Inline::Text(last)) => last.push_str(&text),
                _ => out.push(Inline::Text(text)),
            },
            other => out.push(other),
        }
    }
    out
}

/// The size of content: its text's bytes, and one for each code.
pub(crate) fn size(inline: &[Inline]) -> usize {
    inline
        .iter()
        .map(|piece| match piece {
            Inline::Text(text) => text.len(),
            Inline::Code(_) => 1,
            Inline::Pair { children, .. } => 1 + size(children),
        })
        .sum()
}

/// The text of content with every code written as `{id}`, for messages
/// and the `pocount`-style word counts.
pub(crate) fn plain(inline: &[Inline]) -> String {
    let mut out = String::new();
    for piece in inline {
        match piece {
            Inline::Text(text) => out.push_str(text),
            Inline::Code(_) => {}
            Inline::Pair { children, .. } => out.push_str(&plain(children)),
        }
    }
    out
}

/// Content with each code id replaced by what it stands for, so that two
/// readings compare equal when they say the same, whatever ids they use
/// (`{ $n } and { $n }` read in either order).
pub(crate) fn by_identity(inline: &[Inline], codes: &Codes) -> Vec<Inline> {
    let name = |id: &str| {
        codes
            .get(id)
            .map_or_else(|| format!("unknown {id}"), CodeDef::identity)
    };
    inline
        .iter()
        .map(|piece| match piece {
            Inline::Text(text) => Inline::Text(text.clone()),
            Inline::Code(id) => Inline::Code(name(id)),
            Inline::Pair { id, children } => Inline::Pair {
                id: name(id),
                children: by_identity(children, codes),
            },
        })
        .collect()
}

/// Content as the reader sees it, for comparing two readings: runs of
/// blanks are one space, a blank line stays a paragraph break, and blanks
/// next to a line break, a paragraph break or the ends are dropped (markup
/// and typesetting treat them so; tools let translators type them).
pub(crate) fn canonical(inline: &[Inline], codes: &Codes) -> Vec<Inline> {
    let is_break = |piece: Option<&Inline>| match piece {
        Some(Inline::Code(id)) => matches!(codes.get(id), Some(CodeDef::Linebreak)),
        None => true,
        _ => false,
    };
    let tidied = tidy(inline.to_vec());
    let mut out = Vec::with_capacity(tidied.len());
    for (index, piece) in tidied.iter().enumerate() {
        match piece {
            Inline::Text(text) => {
                let mut text = blanks_as_read(text);
                if is_break(index.checked_sub(1).and_then(|i| tidied.get(i)))
                    || text.starts_with("\n\n")
                {
                    text = text.trim_start_matches(' ').to_owned();
                }
                if is_break(tidied.get(index + 1)) {
                    text = text.trim_end_matches(' ').to_owned();
                }
                out.push(Inline::Text(text));
            }
            Inline::Pair { id, children } => out.push(Inline::Pair {
                id: id.clone(),
                children: canonical(children, codes),
            }),
            code => out.push(code.clone()),
        }
    }
    tidy(out)
}

/// Runs of blanks: a blank line is `\n\n`, any other run one space; no
/// space around a paragraph break.
fn blanks_as_read(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |out: &mut String, run: &mut String| {
        if !run.is_empty() {
            if run.matches('\n').count() > 1 {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push_str("\n\n");
            } else {
                out.push(' ');
            }
            run.clear();
        }
    };
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
        } else {
            let paragraph = run.matches('\n').count() > 1;
            flush(&mut out, &mut run);
            if !(paragraph && c == ' ') {
                out.push(c);
            }
        }
    }
    flush(&mut out, &mut run);
    out
}

/// Content as a reader sees it, codes by what they stand for: two readings
/// that say the same compare equal ([`canonical`], [`by_identity`]).
pub(crate) fn as_seen(inline: &[Inline], codes: &Codes) -> Vec<Inline> {
    by_identity(&canonical(inline, codes), codes)
}

/// Whether content has no text and no code.
pub(crate) fn is_empty(inline: &[Inline]) -> bool {
    inline
        .iter()
        .all(|p| matches!(p, Inline::Text(t) if t.trim().is_empty()))
}
