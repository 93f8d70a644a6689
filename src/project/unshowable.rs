//! Characters no edition can show: control characters other than tab,
//! line feed, carriage return and form feed, and Unicode noncharacters.
//! PDF/A and PDF/UA refuse them and HTML cannot encode most, so `check`
//! refuses them wherever text comes from (messages, data, the
//! bibliography) and an import refuses to bring them in.

use crate::diagnostic::{Code, Problem};

/// What is wrong with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trouble {
    /// A control character other than tab, line feed, carriage return, form feed.
    Control,
    /// A Unicode noncharacter (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
    Noncharacter,
    /// No font has it.
    NoGlyph,
}

/// Why no edition can show `c`, if none can: a control character other
/// than tab, line feed, carriage return and form feed, or a noncharacter.
pub(crate) fn unshowable(c: char) -> Option<Trouble> {
    let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
    if control {
        return Some(Trouble::Control);
    }
    let code_point = u32::from(c);
    if (0xFDD0..=0xFDEF).contains(&code_point) || code_point & 0xFFFE == 0xFFFE {
        return Some(Trouble::Noncharacter);
    }
    None
}

/// The `bad-character` error for `c` in `what`, which has `trouble`
/// (a control character or a noncharacter), without its location.
pub(crate) fn unshowable_problem(what: &str, c: char, trouble: Trouble) -> Problem {
    let code_point = code_point(c);
    match trouble {
        Trouble::Noncharacter => Problem::error(
            Code::BadCharacter,
            format!("{what} has {code_point}, a Unicode noncharacter, which no edition can show"),
        )
        .with_hint("remove it; it is not text (often the sign of a file read in the wrong encoding)"),
        _ => Problem::error(
            Code::BadCharacter,
            format!("{what} has the control character {code_point}, which no edition can show"),
        )
        .with_hint("remove it: it is invisible, and often comes with text pasted from a word processor or a PDF"),
    }
}

/// `U+0041` for `A`.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}
