//! Locale-correct numbers, money, percentages and dates for Fluent, backed by
//! ICU4X.
//!
//! fluent-rs prints `1234567.891` in every locale and has no `DATETIME`;
//! Typst has no decimal comma. This module gives every catalog:
//!
//! - `NUMBER($n, style: "decimal"|"percent"|"currency", currency: "USD",
//!   currencyDisplay: "symbol"|"code"|"name", minimumFractionDigits,
//!   maximumFractionDigits, useGrouping: "false", notation: "compact",
//!   compactDisplay: "long"|"short")` (`number.rs`, `compact.rs`)
//! - `DATETIME($d, dateStyle: "full"|"long"|"medium"|"short", timeStyle:
//!   "short"|"medium", month: "long"|"short"|"numeric", year: "numeric")`
//!   (`date.rs`)
//! - select expressions that pick CLDR plural categories (`plural.rs`)
//! - a formatter that prints any bare number or date the locale's way.
//!
//! Numbers stay Fluent numbers (so select expressions still pick CLDR plural
//! categories); compact numbers and dates are custom Fluent values
//! (`value.rs`). Fluent functions cannot return errors, so misuse (a date
//! given to `NUMBER`, an unknown option) goes to the [`ErrorSink`] that
//! [`install`] wires into one catalog's functions.
//!
//! Numbers are written from their exact digits, and integers from the data
//! stay exact however large (`amount.rs`).
//!
//! This file owns what joins the parts to a bundle: which functions exist and
//! how they are installed. `options.rs` checks the functions' options,
//! `locale.rs` finds a bundle's ICU4X locale, `cache.rs` keeps built
//! formatters, `sink.rs` is the [`ErrorSink`].

mod amount;
mod cache;
mod compact;
mod currency;
pub(crate) mod date;
mod digits;
mod locale;
mod number;
mod number_format;
mod options;
mod plural;
mod sink;
mod standalone;
mod value;

#[cfg(test)]
mod testing;

use fluent_bundle::{FluentBundle, FluentResource};
use unic_langid::LanguageIdentifier;

pub(crate) use amount::integer_value;
pub(crate) use date::DateValue;
pub(crate) use locale::to_icu_locale;
pub(crate) use number::format_number;
pub(crate) use plural::{
    needs_cldr_plurals, ordinal_categories, patterns_mut, plural_categories, use_cldr_plurals,
};
pub(crate) use sink::ErrorSink;
pub(crate) use standalone::format_with_options;

pub(crate) use plural::is_numeric_selector;

/// The names of the functions [`install`] adds. fluent-bundle keeps
/// functions, messages and terms in one namespace, so these names cannot be
/// message or term ids.
pub(crate) const FUNCTIONS: [&str; 3] = ["NUMBER", "DATETIME", plural::PLURAL_FUNCTION];

/// Installs `NUMBER`, `DATETIME`, the plural selector and the locale-aware
/// formatter in a bundle for `lang`. Misuse of the functions goes to
/// `errors`, which should belong to this bundle alone so that its owner
/// hears only of its own messages.
pub(crate) fn install(
    bundle: &mut FluentBundle<std::sync::Arc<FluentResource>>,
    lang: &LanguageIdentifier,
    errors: &ErrorSink,
) {
    // Adding a function only fails for a duplicate name; these are the first.
    let sink = errors.clone();
    let _ = bundle.add_function("NUMBER", move |positional, named| {
        number::number_function(positional, named, &sink)
    });
    let sink = errors.clone();
    let _ = bundle.add_function("DATETIME", move |positional, named| {
        date::datetime_function(positional, named, &sink)
    });
    let _ = bundle.add_function(plural::PLURAL_FUNCTION, plural::plural_function(lang));
    bundle.set_formatter(Some(number::format_value));
}
