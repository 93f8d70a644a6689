//! Test helpers: format one message through a real catalog, the way every
//! function here is used.

use fluent_bundle::{FluentArgs, FluentValue};

use super::DateValue;
use crate::diagnostic::Source;
use crate::l10n::{Catalog, Formatted};
use crate::project::Language;

/// Formats `m = {ftl}` in a catalog for `tag` with `args`.
pub(super) fn format(tag: &str, ftl: &str, args: &[(&str, FluentValue<'static>)]) -> Formatted {
    let language = Language::parse(tag).expect("tag");
    let catalog =
        Catalog::from_sources(language, vec![Source::new("t.ftl", format!("m = {ftl}\n"))]);
    assert!(catalog.problems.is_empty(), "{}", catalog.problems);
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        fluent_args.set(*k, v.clone());
    }
    catalog.format("m", None, Some(&fluent_args))
}

/// The text of `m = {ftl}` with `$n` set to `n`; no errors allowed.
pub(super) fn num(tag: &str, ftl: &str, n: f64) -> String {
    let formatted = format(tag, ftl, &[("n", FluentValue::from(n))]);
    assert!(formatted.errors.is_empty(), "{:?}", formatted.errors);
    formatted.text
}

/// The text of `m = {ftl}` with `$d` set to the ISO date `iso`; no errors
/// allowed.
pub(super) fn date(tag: &str, ftl: &str, iso: &str) -> String {
    let value = DateValue::new(iso.parse().expect("date"));
    let formatted = format(tag, ftl, &[("d", FluentValue::Custom(Box::new(value)))]);
    assert!(formatted.errors.is_empty(), "{:?}", formatted.errors);
    formatted.text
}
