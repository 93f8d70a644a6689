//! Fuzzes Fluent loading and resolution: `Catalog::from_sources` (which
//! parses, scans entries, reports syntax errors at their line, rewrites
//! plural selects with `intl::use_cldr_plurals`, re-serializes and builds
//! the bundle with the ICU4X functions), then `Catalog::format` of every
//! message value and attribute, and `markup::parse` of the result.
//!
//! The input is the text of up to four `.ftl` files separated by NUL bytes
//! (real files hold no NUL, so a seed is one plain `.ftl` file), each
//! decoded and newline-normalized as `Catalog::load` does. The language is
//! `es`.
//!
//! Every message is formatted without arguments (as `resolve` does for
//! argument-less messages, and as the issue asks), then, if it uses
//! variables, with every variable set to a number, to a date and to an
//! escaped string, the three kinds of argument data can give.
//!
//! Checks: no panic (and no stack overflow or time-out); every problem and
//! entry location can be shown as `path:line:col`; formatting never blames
//! the bundle for lacking a message, term or attribute that the catalog
//! lists ("unknown message", "unknown term", "has no attribute"). (Two
//! such losses were found and fixed: entries dropped by the serializer
//! round trip of the CLDR plural rewrite, and a message and a term of one
//! name; see fuzz/regressions/fluent/.)

#![no_main]

use std::path::Path;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use libfuzzer_sys::fuzz_target;
use report::fuzzing::catalog::DateValue;
use report::fuzzing::catalog::{Catalog, Entry, Formatted};
use report::fuzzing::diagnostic::{Problems, Source};
use report::fuzzing::markup;
use report::fuzzing::project::{Language, decode_utf8};

const NUMBERS: [f64; 7] = [0.0, 1.0, 2.5, -1234567.891, 1_000_000.0, 1e21, 1e-7];

fn has_attribute(catalog: &Catalog, key: &str, attribute: &str) -> bool {
    catalog
        .entries
        .get(key)
        .is_some_and(|e| e.attributes.iter().any(|a| a == attribute))
}

/// Formats and checks that no error blames on the bundle an entry the
/// catalog has: neither the message asked for nor one it references.
fn format_checked(
    catalog: &Catalog,
    entry: &Entry,
    attribute: Option<&str>,
    args: Option<&FluentArgs>,
) {
    let id = entry.id.as_str();
    let Formatted { text, errors } = catalog.format(id, attribute, args);
    for error in &errors {
        // (key in `catalog.entries`, attribute) that the error says is missing.
        let missing: Option<(String, Option<&str>)> = if let Some(name) = error
            .message
            .strip_prefix("unknown message `")
            .and_then(|r| r.strip_suffix('`'))
        {
            catalog.message(name).map(|_| (name.to_owned(), None))
        } else if let Some(name) = error
            .message
            .strip_prefix("unknown term `-")
            .and_then(|r| r.strip_suffix('`'))
        {
            let key = format!("-{name}");
            catalog.entries.contains_key(&key).then_some((key, None))
        } else if let Some((name, attr)) = error
            .message
            .strip_prefix("unknown attribute `")
            .and_then(|r| r.strip_suffix('`'))
            .and_then(|r| r.split_once('.'))
        {
            has_attribute(catalog, name, attr).then(|| (name.to_owned(), Some(attr)))
        } else if error.message == format!("message `{id}` has no value") && entry.has_value {
            Some((id.to_owned(), None))
        } else if let Some(attr) = attribute
            && error.message == format!("message `{id}` has no attribute `.{attr}`")
            && has_attribute(catalog, id, attr)
        {
            Some((id.to_owned(), Some(attr)))
        } else {
            None
        };
        if let Some((key, attr)) = missing {
            panic!(
                "formatting `{id}` (attribute {attribute:?}): the catalog lists `{key}` \
                 (attribute {attr:?}) but the bundle lacks it: {error}"
            );
        }
    }
    if let Ok(spans) = markup::parse(&text) {
        let _ = markup::plain_text(&spans);
    }
}

fuzz_target!(|data: &[u8]| {
    let language = Language::parse("es").expect("es is a valid tag");
    let mut problems = Problems::default();
    let mut sources: Vec<Arc<Source>> = Vec::new();
    for (i, bytes) in data.split(|&b| b == 0).take(4).enumerate() {
        let path = format!("locales/es/f{i}.ftl");
        match decode_utf8(Path::new(&path), bytes.to_vec()) {
            Ok(text) => {
                let text = if text.contains('\r') {
                    text.replace("\r\n", "\n")
                } else {
                    text
                };
                sources.push(Source::new(path, text));
            }
            Err(p) => problems.extend(p),
        }
    }
    let catalog = Catalog::from_sources(language, sources);
    problems.extend(catalog.problems.iter().cloned());

    for problem in &problems {
        let _ = problem.to_string();
    }
    for entry in catalog.entries.values() {
        let _ = entry.location.display();
        assert!(entry.file < catalog.files.len());
        let _ = catalog.relative_path(entry.file);
    }

    let date: toml::value::Datetime = "2024-02-29T10:30:00".parse().expect("date");
    for entry in catalog.messages() {
        let id = entry.id.as_str();
        let mut targets: Vec<Option<&str>> = Vec::new();
        if entry.has_value {
            targets.push(None);
        }
        targets.extend(entry.attributes.iter().map(|a| Some(a.as_str())));
        if targets.is_empty() {
            // A message always has a value or an attribute; ask anyway.
            targets.push(None);
        }
        for &attribute in &targets {
            format_checked(&catalog, entry, attribute, None);
        }
        if entry.own_variables.is_empty() && entry.variables.is_empty() {
            continue;
        }
        let names: Vec<&String> = entry.variables.union(&entry.own_variables).collect();
        let mut numbers = FluentArgs::new();
        let mut dates = FluentArgs::new();
        let mut strings = FluentArgs::new();
        for (i, name) in names.iter().enumerate() {
            numbers.set(
                name.as_str(),
                FluentValue::from(NUMBERS[(i + id.len()) % NUMBERS.len()]),
            );
            dates.set(
                name.as_str(),
                FluentValue::Custom(Box::new(DateValue::new(date))),
            );
            strings.set(
                name.as_str(),
                FluentValue::from(markup::escape("a *b* [c](d) \\")),
            );
        }
        for &attribute in &targets {
            for args in [&numbers, &dates, &strings] {
                format_checked(&catalog, entry, attribute, Some(args));
            }
        }
    }
});
