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
//! entry location can be shown as `path:line:col`; `format` of a listed
//! message (or attribute) never answers "unknown message" / "has no …"
//! (see `known_round_trip_loss` for the known exception).

#![no_main]

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;
use libfuzzer_sys::fuzz_target;
use report::diagnostic::{Problems, Source};
use report::intl::DateValue;
use report::l10n::{Catalog, Entry};
use report::manifest::{Language, decode_utf8};
use report::markup;

const NUMBERS: [f64; 7] = [0.0, 1.0, 2.5, -1234567.891, 1_000_000.0, 1e21, 1e-7];

/// What survives fluent-syntax's own serialize-then-parse round trip, which
/// `Catalog::from_sources` relies on to build its bundle: per file, each
/// message id that comes back with its attribute names.
fn round_trip(sources: &[Arc<Source>]) -> Vec<HashMap<String, Vec<String>>> {
    sources
        .iter()
        .map(|source| {
            let mut resource = match fluent_syntax::parser::parse(source.text.as_str()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            report::intl::use_cldr_plurals(&mut resource);
            let text = fluent_syntax::serializer::serialize(&resource);
            let reparsed = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            reparsed
                .body
                .iter()
                .filter_map(|entry| match entry {
                    ast::Entry::Message(m) => Some((
                        m.id.name.to_owned(),
                        m.attributes.iter().map(|a| a.id.name.to_owned()).collect(),
                    )),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Known issue (fuzz/regressions/fluent/, docs/fuzzing.md): the catalog
/// lists every message fluent-syntax parsed, but the bundle holds what
/// survives a serialize-then-parse round trip, and fluent-syntax 0.12's
/// serializer writes some messages it cannot read back: a multi-line value
/// whose first line starts with `*`, `[` or `.` (`a = **b**` + a second
/// line), or a value that is a lone CR (`t =\r`). Such messages are
/// listed but `format` answers "unknown message". Until src/l10n.rs handles
/// this, the check below skips messages the round trip loses; set
/// REPORT_FUZZ_STRICT=1 to check them too.
fn known_round_trip_loss(
    survivors: &[HashMap<String, Vec<String>>],
    entry: &Entry,
    attribute: Option<&str>,
) -> bool {
    if std::env::var_os("REPORT_FUZZ_STRICT").is_some() {
        return false;
    }
    match survivors[entry.file].get(&entry.id) {
        None => true,
        Some(attributes) => attribute.is_some_and(|a| !attributes.iter().any(|b| b == a)),
    }
}

fn format_checked(
    catalog: &Catalog,
    survivors: &[HashMap<String, Vec<String>>],
    entry: &Entry,
    attribute: Option<&str>,
    args: Option<&FluentArgs>,
) {
    let id = entry.id.as_str();
    let (text, errors) = catalog.format(id, attribute, args);
    // `format`'s answers when the bundle lacks what the catalog lists.
    let lost = [
        format!("unknown message `{id}`"),
        format!("message `{id}` has no a value"),
        format!("message `{id}` has no attribute `.{}`", attribute.unwrap_or("")),
    ];
    let asked_for_listed = match attribute {
        None => entry.has_value,
        Some(a) => entry.attributes.iter().any(|b| b == a),
    };
    if asked_for_listed && errors.iter().any(|e| lost.contains(e)) {
        assert!(
            known_round_trip_loss(survivors, entry, attribute),
            "listed message `{id}` (attribute {attribute:?}) is missing from the bundle: {errors:?}"
        );
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
    let survivors = round_trip(&sources);
    let catalog = Catalog::from_sources(language, sources, &mut problems);

    for problem in &problems.0 {
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
            format_checked(&catalog, &survivors, entry, attribute, None);
        }
        if entry.own_variables.is_empty() && entry.variables.is_empty() {
            continue;
        }
        let names: Vec<&String> = entry.variables.union(&entry.own_variables).collect();
        let mut numbers = FluentArgs::new();
        let mut dates = FluentArgs::new();
        let mut strings = FluentArgs::new();
        for (i, name) in names.iter().enumerate() {
            numbers.set(name.as_str(), FluentValue::from(NUMBERS[(i + id.len()) % NUMBERS.len()]));
            dates.set(name.as_str(), FluentValue::Custom(Box::new(DateValue::new(date))));
            strings.set(name.as_str(), FluentValue::from(markup::escape("a *b* [c](d) \\")));
        }
        for &attribute in &targets {
            for args in [&numbers, &dates, &strings] {
                format_checked(&catalog, &survivors, entry, attribute, Some(args));
            }
        }
    }
});
