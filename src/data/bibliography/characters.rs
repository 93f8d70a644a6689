//! Characters no edition can show in a bibliography: control characters
//! (NUL, U+0001, ESC, …) and noncharacters, refused as `check` refuses them
//! in messages and data (`project::unshowable`). Typst puts a work's title
//! and names in the list of works, where PDF/A and PDF/UA refuse them and
//! HTML cannot encode most; without this check `report check` passed such
//! a file and `render` failed on it.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Problem, Source};
use crate::project::unshowable::{Trouble, unshowable, unshowable_problem};

/// A character no edition can show, where it is written.
#[derive(Debug, Clone)]
pub(super) struct Unshowable {
    /// Its bytes (or those of the escape that stands for it).
    pub at: Range<usize>,
    pub c: char,
    pub trouble: Trouble,
}

/// The characters of `text[range]` no edition can show, each with its
/// place.
pub(super) fn unshowable_in(text: &str, range: Range<usize>) -> Vec<Unshowable> {
    let Some(part) = text.get(range.clone()) else {
        return Vec::new();
    };
    // Printable ASCII and line ends need no look: skip to the first other
    // byte, if any.
    let plain = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\t' | b'\n' | b'\r');
    let Some(first) = part.bytes().position(|b| !plain(&b)) else {
        return Vec::new();
    };
    part[first..]
        .char_indices()
        .filter_map(|(i, c)| {
            let trouble = unshowable(c)?;
            let at = range.start + first + i;
            Some(Unshowable {
                at: at..at + c.len_utf8(),
                c,
                trouble,
            })
        })
        .collect()
}

/// `found`, each distinct character once.
pub(super) fn distinct(found: Vec<Unshowable>) -> Vec<Unshowable> {
    let mut seen: Vec<char> = Vec::new();
    found
        .into_iter()
        .filter(|f| {
            // Few distinct characters are unshowable (C0, DEL, C1 and 66
            // noncharacters), so this list stays short.
            let new = !seen.contains(&f.c);
            if new {
                seen.push(f.c);
            }
            new
        })
        .collect()
}

/// The `bad-character` error for `found` in `what` ("the work `wsj`").
pub(super) fn problem(source: &Arc<Source>, what: &str, found: &Unshowable) -> Problem {
    unshowable_problem(what, found.c, found.trouble).at(source, found.at.clone())
}
