//! Where entries are in a file's text, and an entry's text in normal form.
//!
//! fluent-syntax's AST keeps no positions, yet every problem about an entry
//! should point at it; and lock files record what an entry says, not how it
//! is laid out. Both are read straight off the text here.

use std::collections::HashMap;

/// The starts of the entries of one file, handed out in file order.
pub(super) struct EntryStarts<'t> {
    /// Byte offsets of each id's definitions; an id defined twice has two.
    by_key: HashMap<&'t str, Vec<usize>>,
    /// How many definitions of each key were handed out.
    taken: HashMap<String, usize>,
    /// Every entry start, ascending.
    sorted: Vec<usize>,
    /// The length of the text, where the last entry ends.
    len: usize,
}

impl<'t> EntryStarts<'t> {
    /// Finds the entries of `text`: Fluent entries start in column 1, so a
    /// line that starts with an identifier (or `-identifier`) and `=` is an
    /// entry.
    pub(super) fn new(text: &'t str) -> Self {
        let by_key = entry_positions(text);
        let mut sorted: Vec<usize> = by_key.values().flatten().copied().collect();
        sorted.sort_unstable();
        Self {
            by_key,
            taken: HashMap::new(),
            sorted,
            len: text.len(),
        }
    }

    /// The same, with entries ending where the next entry of `original`
    /// starts: the file as written, where an entry refused before parsing
    /// (blanked out of the parsed text) still ends the one before it, whose
    /// text would otherwise run on through it (and look changed).
    pub(super) fn bounded_by(mut self, original: &str) -> Self {
        let mut sorted: Vec<usize> = entry_positions(original)
            .values()
            .flatten()
            .copied()
            .collect();
        sorted.sort_unstable();
        self.sorted = sorted;
        self
    }

    /// The offset of the next definition of `key` (0 if the text has no
    /// more): the parser yields entries in file order, so the n-th entry of
    /// a key is its n-th definition.
    pub(super) fn next(&mut self, key: &str) -> usize {
        let taken = self.taken.entry(key.to_owned()).or_default();
        let offset = self
            .by_key
            .get(key)
            .and_then(|offsets| offsets.get(*taken))
            .copied()
            .unwrap_or(0);
        *taken += 1;
        offset
    }

    /// Where the entry that starts at `offset` ends: at the next entry's
    /// start, or at the end of the text.
    pub(super) fn end_of(&self, offset: usize) -> usize {
        self.sorted
            .get(self.sorted.partition_point(|&p| p <= offset))
            .copied()
            .unwrap_or(self.len)
    }
}

/// Byte offsets of entry ids, in file order. An id defined twice has two
/// offsets.
fn entry_positions(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_prefix('-').unwrap_or(line);
        let id_len = if body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            line.len() - body.len()
                + body
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
                    .count()
        } else {
            0
        };
        let rest = line[id_len..].trim_start_matches([' ', '\t']);
        if id_len > 0 && rest.starts_with('=') {
            positions.entry(&line[..id_len]).or_default().push(offset);
        }
        offset += line.len();
    }
    positions
}

/// The entry's value and attributes as written, without the id, comments
/// or layout: equal for a translation that was left as the source, and
/// what lock files record. `raw` runs from the id to the next entry.
pub(super) fn normalize_entry(raw: &str, key: &str) -> String {
    let body = raw.strip_prefix(key).unwrap_or(raw).trim_start();
    let body = body.strip_prefix('=').unwrap_or(body);
    let mut normal = String::with_capacity(body.len());
    for line in body.lines() {
        if line.trim_start().starts_with('#') && !line.starts_with(' ') {
            continue;
        }
        for word in line.split_whitespace() {
            if !normal.is_empty() {
                normal.push(' ');
            }
            normal.push_str(word);
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::{EntryStarts, normalize_entry};

    #[test]
    fn starts_are_handed_out_per_definition_and_end_at_the_next() {
        let text = "a = 1\n# note\n-t = 2\n    .x = y\na = 3\n";
        let mut starts = EntryStarts::new(text);
        assert_eq!(starts.next("a"), 0);
        assert_eq!(starts.next("-t"), 13);
        assert_eq!(starts.next("a"), 31);
        assert_eq!(starts.next("a"), 0, "no third definition");
        assert_eq!(starts.end_of(0), 13);
        assert_eq!(starts.end_of(31), text.len());
    }

    #[test]
    fn normal_form_drops_layout_and_comments() {
        let raw = "a =\n    uno\n      dos\n# comment\n\n";
        assert_eq!(normalize_entry(raw, "a"), "uno dos");
    }
}
