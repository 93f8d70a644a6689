//! Writing rebuilt entries into a translation's `.ftl` files, in place.
//!
//! An entry that exists is replaced from its id to the end of its body
//! (its comment above it, and the blank lines and comments after it, stay);
//! a new entry goes where the source has it: after the closest entry before
//! it that the translation's file has, else before the closest one after
//! it, else at the end. A file the translation lacks, or one without any
//! entry yet (as `report l10n add` makes them: the source file's group
//! comments only), is written whole in the source file's layout: its
//! resource and group comments and blank lines where the source has them,
//! each translated entry in its place. Every other byte of every file
//! stays as it was.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use crate::l10n::Catalog;

/// A rebuilt entry to write.
#[derive(Debug, Clone)]
pub(crate) struct Rebuilt {
    /// Its key (`-brand` for a term).
    pub key: String,
    /// Its Fluent text (ends with a line end).
    pub text: String,
}

/// The changes to one file of the translation.
#[derive(Debug, Clone)]
pub(crate) struct FileChange {
    /// The path under `locales/<lang>/`.
    pub relative: PathBuf,
    /// The translation's file, if it has one (index in its catalog).
    pub file: Option<usize>,
    /// Replacements in the file's text (LF line ends).
    pub edits: Vec<(Range<usize>, String)>,
}

impl FileChange {
    /// The file's text after the change, from its text before.
    pub(crate) fn apply(&self, before: &str) -> String {
        let mut text = before.to_owned();
        let mut edits = self.edits.clone();
        edits.sort_by_key(|(range, _)| range.start);
        for (range, replacement) in edits.iter().rev() {
            text.replace_range(range.clone(), replacement);
        }
        text
    }
}

/// Where each rebuilt entry goes in `target`'s files.
pub(crate) fn plan(source: &Catalog, target: &Catalog, rebuilt: &[Rebuilt]) -> Vec<FileChange> {
    let mut plan = Plan::default();
    let mut fresh: BTreeMap<usize, Vec<&Rebuilt>> = BTreeMap::new();
    for entry in rebuilt {
        if let Some(file) = fresh_file(source, target, &entry.key) {
            fresh.entry(file).or_default().push(entry);
            continue;
        }
        match target.entries.get(&entry.key) {
            Some(existing) => {
                let text = &target.files[existing.file].text;
                let start = existing.location.span.start;
                let end = body_end(text, start, existing.end);
                let relative = target.relative_path(existing.file);
                change_for(&mut plan.changes, relative, Some(existing.file))
                    .edits
                    .push((start..end, entry.text.clone()));
            }
            None => plan.insert(source, target, entry),
        }
    }
    let mut changes = plan.finish(target);
    for (file, entries) in fresh {
        let relative = source.relative_path(file);
        let existing = (0..target.files.len()).find(|&f| target.relative_path(f) == relative);
        let before = existing.map_or(0, |f| target.files[f].text.len());
        changes.push(FileChange {
            relative,
            file: existing,
            edits: vec![(0..before, in_source_layout(source, file, &entries))],
        });
    }
    changes
}

/// The source file of the entry `key` when the translation's counterpart
/// of that file has no entry yet (or does not exist): such a file is
/// written whole, in the source's layout.
fn fresh_file(source: &Catalog, target: &Catalog, key: &str) -> Option<usize> {
    let file = source.entries.get(key)?.file;
    let relative = source.relative_path(file);
    let has_entries = (target.entries.values()).any(|e| target.relative_path(e.file) == relative);
    (!has_entries).then_some(file)
}

/// The source file `file` with each of its entries replaced by its
/// translation among `entries` (or left out), its resource and group
/// comments (`###`, `##`) and blank lines kept; the comments of entries,
/// in the source language, are not (runs of blank lines become one).
fn in_source_layout(source: &Catalog, file: usize, entries: &[&Rebuilt]) -> String {
    let text = &source.files[file].text;
    let mut own: Vec<(&String, &crate::l10n::Entry)> = (source.entries.iter())
        .filter(|(_, e)| e.file == file)
        .collect();
    own.sort_by_key(|(_, e)| e.location.span.start);
    let mut out = String::new();
    let mut at = 0;
    let keep_structure = |gap: &str, out: &mut String| {
        for line in gap.split_inclusive('\n') {
            if line.starts_with("##") || line.trim().is_empty() {
                out.push_str(line);
            }
        }
    };
    for (key, entry) in own {
        let start = entry.location.span.start;
        keep_structure(&text[at.min(start)..start], &mut out);
        if let Some(rebuilt) = entries.iter().find(|r| &r.key == key) {
            out.push_str(&rebuilt.text);
        }
        at = body_end(text, start, entry.end);
    }
    keep_structure(&text[at.min(text.len())..], &mut out);
    // One blank line at most between things, none at the start.
    let mut tidy = String::new();
    for line in out.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank && (tidy.is_empty() || tidy.ends_with("\n\n")) {
            continue;
        }
        tidy.push_str(if blank { "\n" } else { line });
    }
    while tidy.ends_with("\n\n") {
        tidy.pop();
    }
    tidy
}

/// Changes being gathered: replacements go straight in; insertions at one
/// offset and appended text are joined (in source order) first.
#[derive(Default)]
struct Plan {
    changes: BTreeMap<PathBuf, FileChange>,
    inserts: BTreeMap<(PathBuf, usize), String>,
    appended: BTreeMap<PathBuf, String>,
}

impl Plan {
    /// A new entry, where the source has it.
    fn insert(&mut self, source: &Catalog, target: &Catalog, entry: &Rebuilt) {
        let Some(source_entry) = source.entries.get(&entry.key) else {
            return;
        };
        let relative = source.relative_path(source_entry.file);
        let file = (0..target.files.len()).find(|&f| target.relative_path(f) == relative);
        change_for(&mut self.changes, relative.clone(), file);
        match file.and_then(|f| anchor(source, target, &entry.key, f)) {
            Some(Anchor::After(offset)) => self
                .inserts
                .entry((relative, offset))
                .or_default()
                .push_str(&format!("\n{}", entry.text)),
            Some(Anchor::Before(offset)) => self
                .inserts
                .entry((relative, offset))
                .or_default()
                .push_str(&format!("{}\n", entry.text)),
            None => {
                let tail = self.appended.entry(relative).or_default();
                if !tail.is_empty() {
                    tail.push('\n');
                }
                tail.push_str(&entry.text);
            }
        }
    }

    /// The changes, with the joined insertions and appended text.
    fn finish(mut self, target: &Catalog) -> Vec<FileChange> {
        for ((relative, offset), text) in self.inserts {
            if let Some(change) = self.changes.get_mut(&relative) {
                change.edits.push((offset..offset, text));
            }
        }
        for (relative, text) in self.appended {
            if let Some(change) = self.changes.get_mut(&relative) {
                let before = change.file.map_or("", |f| target.files[f].text.as_str());
                let lead = if before.is_empty() {
                    ""
                } else if before.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                let end = before.len();
                change.edits.push((end..end, format!("{lead}{text}")));
            }
        }
        self.changes.into_values().collect()
    }
}

fn change_for(
    changes: &mut BTreeMap<PathBuf, FileChange>,
    relative: PathBuf,
    file: Option<usize>,
) -> &mut FileChange {
    changes
        .entry(relative.clone())
        .or_insert_with(|| FileChange {
            relative,
            file,
            edits: Vec::new(),
        })
}

enum Anchor {
    After(usize),
    Before(usize),
}

/// Where a new entry goes in the translation's file `file`: after the
/// closest source entry before it that the file has, else before the
/// closest one after it.
fn anchor(source: &Catalog, target: &Catalog, key: &str, file: usize) -> Option<Anchor> {
    let source_file = source.entries.get(key)?.file;
    let keys: Vec<&String> = source
        .entries
        .iter()
        .filter(|(_, e)| e.file == source_file)
        .map(|(k, _)| k)
        .collect();
    let at = keys.iter().position(|k| *k == key)?;
    let in_file = |k: &str| target.entries.get(k).filter(|e| e.file == file);
    if let Some(before) = keys[..at].iter().rev().find_map(|k| in_file(k)) {
        let text = &target.files[file].text;
        return Some(Anchor::After(body_end(
            text,
            before.location.span.start,
            before.end,
        )));
    }
    keys[at + 1..].iter().find_map(|k| in_file(k)).map(|after| {
        let text = &target.files[file].text;
        Anchor::Before(comment_start(text, after.location.span.start))
    })
}

/// Where the body of the entry starting at `start` ends: after its last
/// line that belongs to it (indented, or a `}`, `[`, `*[` or `.` line),
/// before any blank lines and comments that follow.
pub(crate) fn body_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len());
    let mut offset = start;
    let mut body_end = start;
    for (index, line) in text[start..end].split_inclusive('\n').enumerate() {
        let next = offset + line.len();
        let continues =
            line.starts_with([' ', '\t', '}', '[', '*', '.']) && !line.trim().is_empty();
        if index == 0 || continues {
            body_end = next;
        } else if !line.trim().is_empty() {
            break;
        }
        offset = next;
    }
    body_end
}

/// The start of the `#` comment lines right above the entry at `start`.
fn comment_start(text: &str, start: usize) -> usize {
    let mut at = start;
    while at > 0 {
        let line_start = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..at];
        if line.starts_with("# ") || line == "#\n" {
            at = line_start;
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_ends_before_blank_lines_and_the_next_comment() {
        let text = "a = { $n ->\n    [one] x\n\n   *[other] y\n}\n\n# about b\nb = B\n";
        let end = body_end(text, 0, text.find("# about").unwrap_or(0));
        assert_eq!(
            &text[..end],
            "a = { $n ->\n    [one] x\n\n   *[other] y\n}\n"
        );
        assert_eq!(
            comment_start(text, text.find("b = ").unwrap_or(0)),
            text.find("# about").unwrap_or(0)
        );
    }
}
