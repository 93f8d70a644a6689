//! Just enough of Rust's lexical structure to find module paths in code:
//! comments, string and character literals are blanked out (so that a
//! `crate::` in a doc comment or a message is not a dependency), and test
//! items (`#[cfg(test)]`) are cut, since tests may reach anywhere.

/// `text` with comments, string and character literals replaced by spaces
/// (line breaks kept, so line numbers still hold).
pub fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let skipped = if c == '/' && next == Some('/') {
            skip_line_comment(&chars, i)
        } else if c == '/' && next == Some('*') {
            skip_block_comment(&chars, i)
        } else if c == '"' {
            skip_string(&chars, i + 1)
        } else if (c == 'r' || c == 'b') && starts_raw_string(&chars, i) && !ident_before(&chars, i)
        {
            skip_raw_string(&chars, i)
        } else if c == 'b' && next == Some('"') && !ident_before(&chars, i) {
            skip_string(&chars, i + 2)
        } else if c == '\'' {
            skip_char_literal(&chars, i)
        } else {
            None
        };
        match skipped {
            Some(end) => {
                blank(&chars[i..end], &mut out);
                i = end;
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `code` (already [`code_only`]) without the items marked `#[cfg(test)]`.
pub fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let end = item_end(item);
        blank(&item[..end].chars().collect::<Vec<_>>(), &mut out);
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The names of the modules `code` declares for tests only
/// (`#[cfg(test)] mod name;`): their files are test code.
pub fn test_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices("#[cfg(test)]") {
        let item = code[at + "#[cfg(test)]".len()..].trim_start();
        let item = item
            .strip_prefix("pub(crate)")
            .or_else(|| item.strip_prefix("pub"))
            .unwrap_or(item);
        let Some(rest) = item.trim_start().strip_prefix("mod ") else {
            continue;
        };
        let name_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if rest[name_len..].trim_start().starts_with(';') {
            names.push(rest[..name_len].to_owned());
        }
    }
    names
}

/// The length of the item starting at `item` (an attribute, then up to the
/// first `;` before any `{`, or through the matching `}`).
pub fn item_end(item: &str) -> usize {
    let mut depth = 0usize;
    let attribute = item.find(']').map_or(0, |i| i + 1);
    for (i, c) in item[attribute..].char_indices() {
        match c {
            ';' if depth == 0 => return attribute + i + 1,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return attribute + i + 1;
                }
            }
            _ => {}
        }
    }
    item.len()
}

fn blank(skipped: &[char], out: &mut String) {
    for c in skipped {
        out.push(if *c == '\n' { '\n' } else { ' ' });
    }
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

fn skip_line_comment(chars: &[char], i: usize) -> Option<usize> {
    Some(
        chars[i..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(chars.len(), |p| i + p),
    )
}

fn skip_block_comment(chars: &[char], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < chars.len() {
        if chars[j] == '/' && chars[j + 1] == '*' {
            depth += 1;
            j += 2;
        } else if chars[j] == '*' && chars[j + 1] == '/' {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return Some(j);
            }
        } else {
            j += 1;
        }
    }
    Some(chars.len())
}

/// From just after the opening quote to just after the closing one.
fn skip_string(chars: &[char], mut j: usize) -> Option<usize> {
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    Some(chars.len())
}

fn starts_raw_string(chars: &[char], i: usize) -> bool {
    let mut j = i;
    if chars[j] == 'b' {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return false;
    }
    j += 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

fn skip_raw_string(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while chars[j] != 'r' {
        j += 1;
    }
    j += 1;
    let mut hashes = 0;
    while chars[j] == '#' {
        hashes += 1;
        j += 1;
    }
    j += 1;
    while j < chars.len() {
        if chars[j] == '"'
            && chars[j + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == '#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(chars.len())
}

/// A character literal (`'a'`, `'\n'`, `'\u{1F600}'`); `None` for a
/// lifetime (`'a`).
fn skip_char_literal(chars: &[char], i: usize) -> Option<usize> {
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), _) => {
            let close = chars[i + 2..].iter().position(|c| *c == '\'')?;
            Some(i + 2 + close + 1)
        }
        (Some(_), Some('\'')) => Some(i + 3),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_comments_are_blanked() {
        let code = code_only(
            "use crate::a; // crate::b\nlet s = \"crate::c\"; let r = r#\"crate::d\"#; /* crate::e */ let c = '\"'; fn f<'a>() { crate::g::h() }",
        );
        assert!(code.contains("crate::a"));
        assert!(code.contains("crate::g::h"));
        for hidden in ["crate::b", "crate::c", "crate::d", "crate::e"] {
            assert!(!code.contains(hidden), "{hidden} in {code}");
        }
        assert_eq!(code.lines().count(), 2);
    }

    #[test]
    fn test_items_are_cut() {
        let code = without_tests(
            "use crate::a;\n#[cfg(test)]\nuse crate::b;\nfn x() {}\n#[cfg(test)]\nmod tests {\n    use crate::c;\n    fn t() { {} }\n}\nuse crate::d;\n",
        );
        assert!(code.contains("crate::a") && code.contains("crate::d"));
        assert!(!code.contains("crate::b") && !code.contains("crate::c"));
    }
}
