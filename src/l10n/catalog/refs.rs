//! Following an entry's references: to the cycle a message falls into and
//! to the calls of functions the bundle does not have.
//!
//! fluent-bundle reports both while formatting with no word of where they
//! are ("cyclic reference", "unknown function `FOO()`"), and the message
//! asked for may only reach them through others. The catalog knows every
//! entry's references, functions and place, so it can say which entry is
//! at fault and where; and an unknown function is reported once, at its
//! call, when the catalog is built, so that `report check` finds it even in
//! a message nothing formats.

use std::collections::{BTreeSet, HashSet, VecDeque};

use super::{Catalog, Entry};
use crate::diagnostic::{Code, Location, Problem};
use crate::l10n::intl;

/// The functions an author may call, for hints (`PLURAL` is report's own).
const AUTHOR_FUNCTIONS: [&str; 2] = ["NUMBER", "DATETIME"];

impl Catalog {
    /// The keys of the entries `key` references (value and attributes).
    fn references(&self, key: &str) -> Vec<String> {
        self.entries.get(key).map_or_else(Vec::new, |entry| {
            entry
                .message_refs
                .iter()
                .cloned()
                .chain(entry.term_refs.iter().map(|t| format!("-{t}")))
                .collect()
        })
    }

    /// A cycle of references reachable from `key`: the keys along it, the
    /// first repeated at the end. Depth-first with an explicit stack, so a
    /// long chain of references costs no stack.
    pub(super) fn cycle_from(&self, key: &str) -> Option<Vec<String>> {
        let mut path: Vec<(String, Vec<String>)> = vec![(key.to_owned(), self.references(key))];
        let mut on_path: HashSet<String> = HashSet::from([key.to_owned()]);
        let mut done: HashSet<String> = HashSet::new();
        while let Some((_, pending)) = path.last_mut() {
            match pending.pop() {
                Some(next) if on_path.contains(&next) => {
                    let from = path.iter().position(|(k, _)| *k == next)?;
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|(k, _)| k.clone()).collect();
                    cycle.push(next);
                    return Some(cycle);
                }
                Some(next) if done.contains(&next) || !self.entries.contains_key(&next) => {}
                Some(next) => {
                    on_path.insert(next.clone());
                    let references = self.references(&next);
                    path.push((next, references));
                }
                None => {
                    let (finished, _) = path.pop()?;
                    on_path.remove(&finished);
                    done.insert(finished);
                }
            }
        }
        None
    }

    /// The sentence for a cycle met while formatting `id`: which entry
    /// contains itself, through which others, and where it is.
    pub(super) fn describe_cycle(&self, id: &str) -> String {
        let Some(cycle) = self.cycle_from(id) else {
            return "cyclic reference".to_owned();
        };
        let first = &cycle[0];
        let through: Vec<String> = cycle[1..cycle.len() - 1]
            .iter()
            .map(|k| format!("`{k}`"))
            .collect();
        let through = if through.is_empty() {
            String::new()
        } else {
            format!(" through {}", through.join(", "))
        };
        let at = self.entries[first].location.display();
        format!("`{first}` references itself{through} (defined at {at})")
    }

    /// The sentence for an unknown function met while formatting `id`:
    /// which entry calls it, and where.
    pub(super) fn describe_unknown_function(&self, id: &str, function: &str) -> String {
        match self.caller(id, function) {
            Some(entry) => format!(
                "`{function}()` is not a function (called in `{}` at {})",
                entry.key(),
                self.call_location(entry, function).display()
            ),
            None => format!("`{function}()` is not a function"),
        }
    }

    /// The first entry reachable from `key` (itself included) that calls
    /// `function`, breadth first.
    fn caller(&self, key: &str, function: &str) -> Option<&Entry> {
        let mut seen = BTreeSet::from([key.to_owned()]);
        let mut queue = VecDeque::from([key.to_owned()]);
        while let Some(next) = queue.pop_front() {
            let Some(entry) = self.entries.get(&next) else {
                continue;
            };
            if entry.functions.contains(function) {
                return Some(entry);
            }
            for reference in self.references(&next) {
                if seen.insert(reference.clone()) {
                    queue.push_back(reference);
                }
            }
        }
        None
    }

    /// Where `entry` calls `function` (`NAME(` or `NAME (`), or the entry.
    fn call_location(&self, entry: &Entry, function: &str) -> Location {
        let source = &self.files[entry.file];
        let start = entry.location.span.start.min(source.text.len());
        let end = entry.end.clamp(start, source.text.len());
        let text = &source.text[start..end];
        let found = text.match_indices(function).find(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + function.len()..].trim_start_matches(' ');
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && after.starts_with('(')
        });
        match found {
            Some((i, _)) => Location::new(source, start + i..start + i + function.len()),
            None => entry.location.clone(),
        }
    }

    /// Every call of a function the bundle does not have, at the call.
    pub(super) fn unknown_functions(&self) -> Vec<Problem> {
        let tag = &self.language.tag;
        let mut problems = Vec::new();
        for entry in self.entries.values() {
            let key = entry.key();
            for function in &entry.functions {
                if intl::FUNCTIONS.contains(&function.as_str()) {
                    continue;
                }
                let hint = match crate::suggest::closest(function, AUTHOR_FUNCTIONS) {
                    Some(best) => format!("did you mean `{best}()`?"),
                    None => "the functions are NUMBER() and DATETIME()".to_owned(),
                };
                problems.push(
                    Problem::error(
                        Code::UnknownFunction,
                        format!("`{key}` calls `{function}()`, which is not a function"),
                    )
                    .at_location(Some(self.call_location(entry, function)))
                    .with_label("unknown function")
                    .with_hint(hint)
                    .about(tag, &key),
                );
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Location};
    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn cycles_are_found_and_named_with_their_place() {
        let (catalog, _) = catalog_of(
            "en",
            "a = { b }\nb = x { -c }\n-c = { d }\nd = { b }\nok = { a.t }\n",
        );
        assert_eq!(
            catalog.cycle_from("a"),
            Some(vec!["b".into(), "-c".into(), "d".into(), "b".into()])
        );
        assert_eq!(catalog.cycle_from("ok"), catalog.cycle_from("a"));
        let formatted = catalog.format("a", None, None);
        assert_eq!(formatted.errors.len(), 1, "{formatted:?}");
        assert_eq!(formatted.errors[0].code, Code::CyclicReference);
        assert_eq!(
            formatted.errors[0].message,
            "`b` references itself through `-c`, `d` (defined at a.ftl:2:1)"
        );
    }

    #[test]
    fn unknown_functions_are_found_when_loading_and_when_formatting() {
        let (catalog, problems) =
            catalog_of("en", "a = { b }\nb = Total: { NUMBR(1) }\nc = { FOO() }\n");
        let found: Vec<(Code, String, String)> = problems
            .iter()
            .map(|p| {
                let at = p
                    .location
                    .as_ref()
                    .map(Location::display)
                    .unwrap_or_default();
                (p.code, p.message.clone(), at)
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    Code::UnknownFunction,
                    "`b` calls `NUMBR()`, which is not a function".to_owned(),
                    "a.ftl:2:14".to_owned()
                ),
                (
                    Code::UnknownFunction,
                    "`c` calls `FOO()`, which is not a function".to_owned(),
                    "a.ftl:3:7".to_owned()
                ),
            ]
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `NUMBER()`?")
        );
        let errors = catalog.format("a", None, None).errors;
        assert_eq!(errors[0].code, Code::UnknownFunction);
        assert_eq!(
            errors[0].message,
            "`NUMBR()` is not a function (called in `b` at a.ftl:2:14)"
        );
    }
}
