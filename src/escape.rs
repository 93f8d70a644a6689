//! Escaping text for XML and HTML, in one place: the translator exchange
//! (XLIFF), the print editions' XMP packet, the finished web pages and
//! `report diff`'s HTML page all write text through it, so no text from a
//! message or a data file is ever read as markup.

/// Text escaped for XML element content: `&`, `<`, `>`, and `\r` as a
/// character reference (XML would otherwise turn it into a line feed).
pub(crate) fn xml_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    value.chars().for_each(|c| push_xml(&mut out, c, false));
    out
}

/// Text escaped for an XML attribute value in double quotes: also `"`,
/// and line ends and tabs as references (attribute normalization would
/// turn them into spaces).
pub(crate) fn xml_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    value.chars().for_each(|c| push_xml(&mut out, c, true));
    out
}

/// Appends one character, escaped for XML content or an attribute.
pub(crate) fn push_xml(out: &mut String, c: char, in_attribute: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '\r' => out.push_str("&#13;"),
        '"' if in_attribute => out.push_str("&quot;"),
        '\n' if in_attribute => out.push_str("&#10;"),
        '\t' if in_attribute => out.push_str("&#9;"),
        c => out.push(c),
    }
}

/// Whether XML 1.0 can hold a character at all.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text escaped for HTML, safe both as content and as an attribute value
/// in single or double quotes.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_never_survive() {
        let hostile = "<a href=\"x\" onclick='y'>&\r\n\t</a>";
        assert_eq!(
            xml_text(hostile),
            "&lt;a href=\"x\" onclick='y'&gt;&amp;&#13;\n\t&lt;/a&gt;"
        );
        assert_eq!(
            xml_attribute(hostile),
            "&lt;a href=&quot;x&quot; onclick='y'&gt;&amp;&#13;&#10;&#9;&lt;/a&gt;"
        );
        assert_eq!(
            html(hostile),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;\r\n\t&lt;/a&gt;"
        );
        assert!(!is_xml_char('\u{0}') && !is_xml_char('\u{FFFE}') && is_xml_char('ñ'));
    }
}
