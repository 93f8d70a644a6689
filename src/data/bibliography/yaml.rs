//! Hayagriva YAML: scanned first (`yaml_scan`: nesting, keys, escapes),
//! then read as Hayagriva reads it, but in linear time.
//!
//! Hayagriva's reader (`hayagriva::io::from_yaml_str`) checks each key
//! against every key before it, so 100,000 works took 34 s (10,000: 0.5 s).
//! Here serde_yaml reads the top-level mapping and hands each work, alone,
//! to Hayagriva's own `Library` reader; keys are checked against a hash
//! set. The works, the errors and where serde_yaml places them are the
//! same (the `bibliography` fuzz target compares the two readers).

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use hayagriva::Library;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};

use super::characters::{self, Unshowable, unshowable_in};
use super::yaml_scan::{self, MAX_DEPTH};
use super::{Located, syntax_error};
use crate::diagnostic::{Code, Problem, Problems, Source};
use crate::project::unshowable::unshowable as trouble_of;

/// Checks a Hayagriva YAML file and reads it, when it is within bounds.
pub(super) fn read(source: &Arc<Source>, problems: &mut Problems) -> (Option<Library>, Located) {
    let text = &source.text;
    let scan = yaml_scan::scan(text);
    let located = locate(text, &scan.keys);
    unshowable(source, &scan, problems);
    if let Some(at) = scan.too_deep {
        problems.push(too_deep(source, at));
        return (None, located);
    }
    match parse(text) {
        Ok(library) => (Some(library), located),
        Err(e) => {
            let at = e
                .location()
                .map_or(0, |l| source.offset_of(l.line(), l.column()));
            problems.push(syntax_error(source, at..at + 1, &e.to_string()));
            (None, located)
        }
    }
}

/// Reads the works as `hayagriva::io::from_yaml_str` does.
pub(super) fn parse(text: &str) -> Result<Library, serde_yaml::Error> {
    serde_yaml::Deserializer::from_str(text).deserialize_map(ByWork)
}

/// Each key's place, and its entry: up to the next key of the top-level
/// mapping.
fn locate(text: &str, keys: &[(String, Range<usize>)]) -> Located {
    let mut located = Located::default();
    for (i, (key, span)) in keys.iter().enumerate() {
        let end = keys.get(i + 1).map_or(text.len(), |(_, next)| next.start);
        located
            .works
            .entry(key.clone())
            .or_insert((span.clone(), span.start..end));
    }
    located
}

/// Control characters and noncharacters, written or escaped (`"\0"`,
/// `"\x01"`), each once per work, named by the work they are in.
fn unshowable(source: &Arc<Source>, scan: &yaml_scan::YamlScan, problems: &mut Problems) {
    let text = &source.text;
    let mut found = unshowable_in(text, 0..text.len());
    for (at, c) in &scan.escapes {
        if let Some(trouble) = trouble_of(*c) {
            found.push(Unshowable {
                at: at.clone(),
                c: *c,
                trouble,
            });
        }
    }
    found.sort_by_key(|f| f.at.start);
    let mut seen = HashSet::new();
    for f in found {
        // The work whose key comes last before the character.
        let work = scan
            .keys
            .partition_point(|(_, key)| key.start <= f.at.start);
        if !seen.insert((work, f.c)) {
            continue;
        }
        let what = match work.checked_sub(1).and_then(|i| scan.keys.get(i)) {
            Some((key, _)) => format!("the work `{key}`"),
            None => "the bibliography".to_owned(),
        };
        problems.push(characters::problem(source, &what, &f));
    }
}

fn too_deep(source: &Arc<Source>, at: usize) -> Problem {
    let end = source.text[at..]
        .chars()
        .next()
        .map_or(at, |c| at + c.len_utf8());
    Problem::error(
        Code::TooDeep,
        format!("the bibliography nests mappings and lists more than {MAX_DEPTH} deep"),
    )
    .at(source, at..end.max(at + 1).min(source.text.len()))
    .with_label(format!("more than {MAX_DEPTH} deep here"))
    .with_note(
        "the YAML reader (serde_yaml, which Typst uses too) slows down with every level: \
         a list nested 100,000 deep took 30 s",
    )
    .with_hint("flatten it: a work needs a few levels (its fields, a parent, a list of names)")
}

/// The top-level mapping, one work at a time.
struct ByWork;

impl<'de> Visitor<'de> for ByWork {
    type Value = Library;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // Hayagriva's words, so that errors read the same.
        formatter.write_str("a map between cite keys and entries")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Library, A::Error> {
        let mut seen = HashSet::new();
        let mut works = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key {key}")));
            }
            works.extend(map.next_value_seed(OneWork(&key))?);
        }
        Ok(works.into_iter().collect())
    }
}

/// One work's value, read by Hayagriva's `Library` reader as a mapping
/// that holds only it.
struct OneWork<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for OneWork<'_> {
    type Value = Library;

    fn deserialize<D: Deserializer<'de>>(self, value: D) -> Result<Library, D::Error> {
        serde::Deserialize::deserialize(Single { key: self.0, value })
    }
}

/// A mapping of one key to a value still to be read.
struct Single<'k, D> {
    key: &'k str,
    value: D,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Single<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        visitor.visit_map(SingleAccess {
            key: Some(self.key),
            value: Some(self.value),
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SingleAccess<'k, D> {
    key: Option<&'k str>,
    value: Option<D>,
}

impl<'de, D: Deserializer<'de>> MapAccess<'de> for SingleAccess<'_, D> {
    type Error = D::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, D::Error> {
        match self.key.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, D::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a work's value was read twice")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(self.key.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn works_read_one_by_one_are_hayagrivas_works() {
        let text = "a:\n  type: article\n  title: A\n  parent:\n    type: periodical\n    title: P\nb:\n  type: book\n  title: B\n  author: [\"Doe, Jane\"]\n";
        let ours = parse(text).expect("reads");
        let theirs = hayagriva::io::from_yaml_str(text).expect("reads");
        assert_eq!(ours, theirs);
        for broken in [
            "a:\n  type: article\n  title: A\na:\n  type: book\n  title: B\n",
            "a:\n  title: A\n",
            "- a\n- b\n",
            "a: [\n",
        ] {
            let ours = parse(broken).expect_err(broken).to_string();
            let theirs = hayagriva::io::from_yaml_str(broken)
                .expect_err(broken)
                .to_string();
            assert_eq!(ours, theirs, "{broken}");
        }
    }
}
