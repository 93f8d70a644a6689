//! The named options `NUMBER` and `DATETIME` accept, and their validation.
//!
//! Fluent passes any option through; an option the function ignores (a typo,
//! a value it does not know) would silently format the default way, so every
//! option is checked against a table and misuse is reported.

use fluent_bundle::{FluentArgs, FluentValue};

use super::ErrorSink;

/// One option: its name, and the values it may take (empty: any value).
pub(super) struct OptionSpec {
    /// The option's name, as written in the message.
    pub name: &'static str,
    /// Allowed values; empty when the option takes any value (a number, a
    /// currency code).
    pub values: &'static [&'static str],
}

const fn option(name: &'static str, values: &'static [&'static str]) -> OptionSpec {
    OptionSpec { name, values }
}

/// The options of `NUMBER()`.
pub(super) const NUMBER_OPTIONS: &[OptionSpec] = &[
    option("style", &["decimal", "percent", "currency"]),
    option("currency", &[]),
    option("currencyDisplay", &["symbol", "code", "name"]),
    option("useGrouping", &["true", "false"]),
    option("minimumFractionDigits", &[]),
    option("maximumFractionDigits", &[]),
    option("minimumIntegerDigits", &[]),
    option("notation", &["standard", "compact"]),
    option("compactDisplay", &["long", "short"]),
    option("type", &["cardinal", "ordinal"]),
];

/// The options of `DATETIME()`.
pub(super) const DATETIME_OPTIONS: &[OptionSpec] = &[
    option("dateStyle", &["full", "long", "medium", "short"]),
    option("timeStyle", &["short", "medium"]),
    option("month", &["long", "short", "numeric", "2-digit"]),
    option("year", &["numeric", "2-digit"]),
];

/// Whether the options are valid for the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Validity {
    /// Every option is known and has an allowed value.
    Valid,
    /// At least one is not; each was recorded in the sink.
    Invalid,
}

/// Checks every named option against `allowed`, recording each mistake.
pub(super) fn check_options(
    function: &str,
    named: &FluentArgs,
    allowed: &[OptionSpec],
    errors: &ErrorSink,
) -> Validity {
    let mut validity = Validity::Valid;
    for (key, value) in named.iter() {
        match allowed.iter().find(|spec| spec.name == key) {
            None => {
                let names: Vec<&str> = allowed.iter().map(|spec| spec.name).collect();
                errors.record(format!(
                    "{function}() has no option `{key}` (options: {})",
                    names.join(", ")
                ));
                validity = Validity::Invalid;
            }
            Some(spec) if !spec.values.is_empty() => {
                let text = match value {
                    FluentValue::String(s) => s.to_string(),
                    FluentValue::Number(n) => n.value.to_string(),
                    _ => String::new(),
                };
                if !spec.values.contains(&text.as_str()) {
                    errors.record(format!(
                        "{function}() option `{key}` cannot be \"{text}\" (use one of: {})",
                        spec.values.join(", ")
                    ));
                    validity = Validity::Invalid;
                }
            }
            Some(_) => {}
        }
    }
    validity
}

/// A named option given as text, if it is.
pub(super) fn string_option<'a>(named: &'a FluentArgs<'a>, key: &'a str) -> Option<&'a str> {
    match named.get(key) {
        Some(FluentValue::String(s)) => Some(s.as_ref()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use fluent_bundle::FluentValue;

    use super::super::testing::format;

    #[test]
    fn unknown_options_and_values_are_reported() {
        let errors = format(
            "en",
            "{ NUMBER($n, style: \"money\") }",
            &[("n", FluentValue::from(3))],
        )
        .errors;
        assert!(
            errors[0].message.contains("cannot be \"money\""),
            "{errors:?}"
        );
        let errors = format(
            "en",
            "{ DATETIME($n, weekday: \"long\") }",
            &[("n", FluentValue::from("2022-02-28"))],
        )
        .errors;
        assert_eq!(
            errors,
            ["DATETIME() has no option `weekday` (options: dateStyle, timeStyle, month, year)"]
        );
    }
}
