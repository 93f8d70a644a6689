//! Writing XLIFF: escaping, units grouped by select, and inline content
//! as each dialect spells its codes.

use super::super::inline::{CodeDef, Codes, Inline, MarkupKind};
use super::super::units::Unit;
use crate::escape::{is_xml_char, push_xml, xml_attribute as attribute};

/// Writes a file's units at `indent`, the variants of each select inside a
/// group (`open` writes its start tag, `close` its end tag, one level in).
pub(crate) fn write_grouped(
    out: &mut String,
    units: &[Unit],
    indent: &str,
    open: impl Fn(&Unit) -> String,
    close: &str,
    write_unit: impl Fn(&mut String, &Unit, &str),
) {
    let inner = format!("{indent}  ");
    let mut group: Option<&str> = None;
    for unit in units {
        if group != unit.group.as_deref() {
            if group.is_some() {
                out.push_str(&format!("{indent}{close}\n"));
            }
            if unit.group.is_some() {
                out.push_str(&format!("{indent}{}\n", open(unit)));
            }
            group = unit.group.as_deref();
        }
        write_unit(out, unit, if group.is_some() { &inner } else { indent });
    }
    if group.is_some() {
        out.push_str(&format!("{indent}{close}\n"));
    }
}

/// Writes inline content in a dialect: `codes` says what each id shows.
pub(crate) fn write_inline(out: &mut String, inline: &[Inline], codes: &Codes, version2: bool) {
    for piece in inline {
        match piece {
            Inline::Text(value) => write_text(out, value, version2),
            Inline::Code(id) => write_code(out, id, codes, version2),
            Inline::Pair { id, children } => {
                write_pair_start(out, id, codes, version2);
                write_inline(out, children, codes, version2);
                out.push_str(if version2 { "</pc>" } else { "</g>" });
            }
        }
    }
}

/// Text; a character XML cannot hold is a `<cp>` (2.x) or U+FFFD (1.2).
fn write_text(out: &mut String, value: &str, version2: bool) {
    for c in value.chars() {
        if is_xml_char(c) {
            push_xml(out, c, false);
        } else if version2 {
            out.push_str(&format!("<cp hex=\"{:04X}\"/>", u32::from(c)));
        } else {
            out.push('\u{FFFD}');
        }
    }
}

fn write_code(out: &mut String, id: &str, codes: &Codes, version2: bool) {
    let shown = codes.get(id).map(CodeDef::display).unwrap_or_default();
    if version2 {
        out.push_str(&format!(
            "<ph id=\"{}\" disp=\"{}\" equiv=\"{}\"/>",
            attribute(id),
            attribute(&shown),
            attribute(&shown)
        ));
    } else {
        // `<x/>` (a code without native data) keeps the placeable out of
        // word counts, as XLIFF 2's `<ph/>` does.
        out.push_str(&format!(
            "<x id=\"{}\" ctype=\"x-fluent-placeable\" equiv-text=\"{}\"/>",
            attribute(id),
            attribute(&shown)
        ));
    }
}

fn write_pair_start(out: &mut String, id: &str, codes: &Codes, version2: bool) {
    let (kind, open, close) = match codes.get(id) {
        Some(CodeDef::Markup { kind, open, close }) => (Some(*kind), open.as_str(), close.as_str()),
        _ => (None, "", ""),
    };
    if !version2 {
        let ctype = match kind {
            Some(MarkupKind::Strong) => "bold",
            Some(MarkupKind::Emph) => "italic",
            Some(MarkupKind::Link) | None => "link",
            Some(MarkupKind::Footnote) => "x-footnote",
        };
        out.push_str(&format!("<g id=\"{}\" ctype=\"{ctype}\">", attribute(id)));
        return;
    }
    let kind = match kind {
        Some(MarkupKind::Strong) => " type=\"fmt\" subType=\"xlf:b\"",
        Some(MarkupKind::Emph) => " type=\"fmt\" subType=\"xlf:i\"",
        Some(MarkupKind::Link) => " type=\"link\"",
        Some(MarkupKind::Footnote) => " type=\"other\" subType=\"report:footnote\"",
        None => "",
    };
    out.push_str(&format!(
        "<pc id=\"{}\"{kind} dispStart=\"{}\" dispEnd=\"{}\" equivStart=\"{}\" equivEnd=\"{}\">",
        attribute(id),
        attribute(open),
        attribute(close),
        attribute(open),
        attribute(close)
    ));
}
