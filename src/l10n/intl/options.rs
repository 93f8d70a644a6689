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

/// The options of `NUMBER()`: every option of ECMA-402's
/// `Intl.NumberFormat` but those in [`NUMBER_REFUSED`]. Their values are
/// checked where they are read (`number_format.rs`).
pub(super) const NUMBER_OPTIONS: &[OptionSpec] = &[
    option("style", &[]),
    option("currency", &[]),
    option("currencyDisplay", &[]),
    option("currencySign", &[]),
    option("useGrouping", &[]),
    option("minimumIntegerDigits", &[]),
    option("minimumFractionDigits", &[]),
    option("maximumFractionDigits", &[]),
    option("minimumSignificantDigits", &[]),
    option("maximumSignificantDigits", &[]),
    option("roundingPriority", &[]),
    option("roundingIncrement", &[]),
    option("roundingMode", &[]),
    option("trailingZeroDisplay", &[]),
    option("notation", &[]),
    option("compactDisplay", &[]),
    option("signDisplay", &[]),
    option("localeMatcher", &["lookup", "best fit"]),
    option("type", &[]),
];

/// ECMA-402 options `NUMBER()` refuses, and why (docs/conformance.md).
pub(super) const NUMBER_REFUSED: &[(&str, &str)] = &[
    (
        "unit",
        "units (style: \"unit\") are not supported: write the unit in the message text",
    ),
    (
        "unitDisplay",
        "units (style: \"unit\") are not supported: write the unit in the message text",
    ),
    (
        "numberingSystem",
        "an edition writes its language's own digits; set a numbering system with the \
         language tag (e.g. `ar-u-nu-latn`) instead",
    ),
];

/// The options of `DATETIME()`.
pub(super) const DATETIME_OPTIONS: &[OptionSpec] = &[
    option("dateStyle", &["full", "long", "medium", "short"]),
    // "full" and "long" are refused in `date.rs`, with the reason.
    option("timeStyle", &["full", "long", "medium", "short"]),
    // No "narrow": ICU4X's field sets have no narrow length.
    option("weekday", &["long", "short"]),
    option("era", &["long", "short"]),
    option("year", &["numeric", "2-digit"]),
    option("month", &["long", "short", "numeric", "2-digit"]),
    option("day", &["numeric", "2-digit"]),
    option("hour", &["numeric", "2-digit"]),
    option("minute", &["numeric", "2-digit"]),
    option("second", &["numeric", "2-digit"]),
    option("fractionalSecondDigits", &[]),
    option("hour12", &["true", "false"]),
    option("localeMatcher", &["lookup", "best fit"]),
    option("formatMatcher", &["basic", "best fit"]),
];

/// ECMA-402 options `DATETIME()` refuses, and why (docs/conformance.md).
pub(super) const DATETIME_REFUSED: &[(&str, &str)] = &[
    (
        "timeZoneName",
        "dates in the data carry no time zone; write the zone in the message text",
    ),
    (
        "timeZone",
        "dates in the data carry no time zone; convert them before they reach the data",
    ),
    (
        "dayPeriod",
        "flexible day periods (\"in the afternoon\") are not supported; use hour12: \"true\"",
    ),
    ("hourCycle", "use hour12: \"true\" or \"false\""),
    (
        "calendar",
        "set the calendar with the language tag (e.g. `es-u-ca-buddhist`)",
    ),
    (
        "numberingSystem",
        "set a numbering system with the language tag (e.g. `ar-u-nu-latn`)",
    ),
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
        if let Some((_, reason)) = refused(function).iter().find(|(name, _)| *name == key) {
            errors.record_option(key, format!("{function}() does not take `{key}`: {reason}"));
            validity = Validity::Invalid;
            continue;
        }
        match allowed.iter().find(|spec| spec.name == key) {
            None => {
                let names: Vec<&str> = allowed.iter().map(|spec| spec.name).collect();
                errors.record_option(
                    key,
                    format!(
                        "{function}() has no option `{key}` (options: {})",
                        names.join(", ")
                    ),
                );
                validity = Validity::Invalid;
            }
            Some(spec) if !spec.values.is_empty() => {
                let text = match value {
                    FluentValue::String(s) => s.to_string(),
                    FluentValue::Number(n) => n.value.to_string(),
                    _ => String::new(),
                };
                if !spec.values.contains(&text.as_str()) {
                    errors.record_option(
                        key,
                        format!(
                            "{function}() option `{key}` cannot be \"{text}\" (use one of: {})",
                            spec.values.join(", ")
                        ),
                    );
                    validity = Validity::Invalid;
                }
            }
            Some(_) => {}
        }
    }
    validity
}

/// The ECMA-402 options a function refuses on purpose, with the reason.
fn refused(function: &str) -> &'static [(&'static str, &'static str)] {
    match function {
        "NUMBER" => NUMBER_REFUSED,
        "DATETIME" => DATETIME_REFUSED,
        _ => &[],
    }
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
            "{ DATETIME($n, weekdays: \"long\") }",
            &[("n", FluentValue::from("2022-02-28"))],
        )
        .errors;
        assert!(
            errors[0].message.starts_with(
                "DATETIME() has no option `weekdays` (options: dateStyle, timeStyle, weekday,"
            ),
            "{errors:?}"
        );
    }

    /// ECMA-402 options report leaves out say why, and what to do instead.
    #[test]
    fn refused_options_give_their_reason() {
        let date = [("d", FluentValue::from("2022-02-28T10:00:00"))];
        let errors = format("en", "{ DATETIME($d, timeZoneName: \"short\") }", &date).errors;
        assert_eq!(
            errors,
            [
                "DATETIME() does not take `timeZoneName`: dates in the data carry no time zone; \
              write the zone in the message text"
            ]
        );
        let errors = format(
            "en",
            "{ NUMBER($n, style: \"unit\", unit: \"meter\") }",
            &[("n", FluentValue::from(3))],
        )
        .errors;
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].message.contains("does not take `unit`"),
            "{errors:?}"
        );
        assert!(
            errors[1].message.contains("cannot be \"unit\""),
            "{errors:?}"
        );
    }
}
