//! `NUMBER()` and every number that reaches text: decimal, percent and
//! currency formatting through ICU4X.
//!
//! fluent-rs writes numbers the same way in every locale; here the bundle's
//! formatter hook sends each one through ICU4X, with the options `NUMBER()`
//! gave it. Compact notation is a value of its own ([`super::compact`]).

use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::types::{
    FluentNumber, FluentNumberCurrencyDisplayStyle, FluentNumberOptions, FluentNumberStyle,
};
use fluent_bundle::{FluentArgs, FluentValue};
use icu::decimal::DecimalFormatter;
use icu::decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use intl_memoizer::IntlLangMemoizer;

use super::cache::{DECIMAL_FORMATTERS, cached};
use super::compact::{CompactDisplay, CompactNumber};
use super::date::DateValue;
use super::locale::with_locale;
use super::options::{NUMBER_OPTIONS, Validity, check_options, string_option};
use super::sink::ErrorSink;

/// `NUMBER(value, options…)`: checks the argument and options (recording
/// misuse in `errors`) and returns a Fluent number carrying the options, or
/// a compact number.
pub(super) fn number_function<'a>(
    positional: &[FluentValue<'a>],
    named: &FluentArgs,
    errors: &ErrorSink,
) -> FluentValue<'a> {
    let Some(value) = number_argument(positional, errors) else {
        return FluentValue::Error;
    };
    if check_options("NUMBER", named, NUMBER_OPTIONS, errors) == Validity::Invalid {
        return FluentValue::Error;
    }
    let mut options = value.options.clone();
    options.merge(named);
    if let Some(FluentValue::String(flag)) = named.get("useGrouping") {
        options.use_grouping = flag != "false";
    }
    if options.style == FluentNumberStyle::Currency && options.currency.is_none() {
        errors.record("NUMBER() with style: \"currency\" needs a currency, e.g. currency: \"USD\"");
        return FluentValue::Error;
    }
    if let Some(code) = &options.currency
        && code.parse::<CurrencyType>().is_err()
    {
        errors.record(format!("\"{code}\" is not an ISO 4217 currency code"));
        return FluentValue::Error;
    }
    if string_option(named, "notation") == Some("compact") {
        let display = match string_option(named, "compactDisplay") {
            Some("short") => CompactDisplay::Short,
            _ => CompactDisplay::Long,
        };
        return FluentValue::Custom(Box::new(CompactNumber {
            value: value.value,
            display,
            currency: (options.style == FluentNumberStyle::Currency)
                .then(|| options.currency.clone())
                .flatten(),
        }));
    }
    FluentValue::Number(FluentNumber::new(value.value, options))
}

/// The one positional argument of `NUMBER()` as a number (text that reads
/// as one counts), or `None` after recording why it is not.
fn number_argument(positional: &[FluentValue<'_>], errors: &ErrorSink) -> Option<FluentNumber> {
    match positional {
        [FluentValue::Number(n)] => Some(n.clone()),
        [FluentValue::String(s)] if s.trim().parse::<f64>().is_ok() => Some(FluentNumber::new(
            s.trim().parse().unwrap_or_default(),
            FluentNumberOptions::default(),
        )),
        [FluentValue::Custom(c)] if c.as_ref().as_any().is::<DateValue>() => {
            errors.record("NUMBER() was given a date; use DATETIME() for dates");
            None
        }
        [FluentValue::String(s)] => {
            errors.record(format!("NUMBER() was given the text \"{s}\", not a number"));
            None
        }
        // The failure was reported where the value was made.
        [FluentValue::Error | FluentValue::None] => None,
        _ => {
            errors.record("NUMBER() takes exactly one number");
            None
        }
    }
}

/// Fluent's formatter hook: every number that reaches text goes through ICU4X.
pub(super) fn format_value(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(number) => with_locale(intls, |locale| format_number(locale, number)),
        _ => None,
    }
}

/// Formats a Fluent number with its options for `locale`.
pub fn format_number(locale: &Locale, number: &FluentNumber) -> String {
    match number.options.style {
        FluentNumberStyle::Decimal => format_decimal(locale, number),
        FluentNumberStyle::Percent => format_percent(locale, number),
        FluentNumberStyle::Currency => format_currency(locale, number),
    }
}

/// The (minimum, maximum) fraction digits the options ask for, with
/// `default_max` when they do not say.
fn fraction_digits(options: &FluentNumberOptions, default_max: usize) -> FractionDigits {
    let max = options
        .maximum_fraction_digits
        .unwrap_or(default_max.max(options.minimum_fraction_digits.unwrap_or(0)));
    let min = options.minimum_fraction_digits.unwrap_or(0).min(max);
    FractionDigits { min, max }
}

/// How many fraction digits to show.
#[derive(Debug, Clone, Copy)]
struct FractionDigits {
    min: usize,
    max: usize,
}

fn format_decimal(locale: &Locale, number: &FluentNumber) -> String {
    let options = &number.options;
    let digits = fraction_digits(options, 3);
    let mut decimal_options = DecimalFormatterOptions::default();
    if !options.use_grouping {
        decimal_options.grouping_strategy = Some(GroupingStrategy::Never);
    }
    let formatter = cached(
        &DECIMAL_FORMATTERS,
        (locale.to_string(), options.use_grouping),
        || DecimalFormatter::try_new(locale.into(), decimal_options).ok(),
    );
    match formatter {
        Some(formatter) => formatter
            .format(&to_decimal(number.value, digits.min, digits.max))
            .to_string(),
        None => number.as_string().into_owned(),
    }
}

fn format_percent(locale: &Locale, number: &FluentNumber) -> String {
    let digits = fraction_digits(&number.options, 0);
    let mut decimal = to_decimal(number.value * 100.0, digits.min, digits.max);
    decimal.absolute.trim_start();
    match PercentFormatter::try_new(locale.into(), Default::default()) {
        Ok(formatter) => formatter.format(&decimal).to_string(),
        Err(_) => format!("{}%", number.value * 100.0),
    }
}

fn format_currency(locale: &Locale, number: &FluentNumber) -> String {
    let options = &number.options;
    let code = options.currency.as_deref().unwrap_or("USD");
    let Ok(currency) = code.parse::<CurrencyType>() else {
        return number.as_string().into_owned();
    };
    let digits = fraction_digits(options, 2);
    let decimal = to_decimal(number.value, digits.min, digits.max);
    let prefs = locale.into();
    let formatter = match options.currency_display {
        FluentNumberCurrencyDisplayStyle::Symbol => {
            CurrencyFormatter::try_new_symbol(prefs, currency, Default::default())
        }
        FluentNumberCurrencyDisplayStyle::Code => {
            CurrencyFormatter::try_new_code(prefs, currency, Default::default())
        }
        FluentNumberCurrencyDisplayStyle::Name => CurrencyFormatter::try_new_name(prefs, currency),
    };
    match formatter {
        Ok(formatter) => formatter.format_fixed_decimal(&decimal).to_string(),
        Err(_) => format!("{} {code}", number.as_string()),
    }
}

/// Rounds half-even to at most `max` fraction digits, then pads to `min`.
pub(super) fn to_decimal(value: f64, min: usize, max: usize) -> Decimal {
    let mut decimal = Decimal::try_from_f64(value, FloatPrecision::RoundTrip).unwrap_or_default();
    let max = i16::try_from(max.min(20)).unwrap_or(20);
    let min = i16::try_from(min.min(20)).unwrap_or(0);
    decimal.round(-max);
    decimal.absolute.trim_end();
    decimal.absolute.pad_end(-min);
    decimal
}

#[cfg(test)]
mod tests {
    use fluent_bundle::FluentValue;

    use super::super::testing::{format, num};
    use super::DateValue;

    #[test]
    fn decimal_numbers_follow_the_locale() {
        let f = "{ NUMBER($n, maximumFractionDigits: 1) }";
        assert_eq!(num("en", f, 1234567.891), "1,234,567.9");
        assert_eq!(num("es", f, 1234567.891), "1.234.567,9");
        assert_eq!(num("es-MX", f, 1234567.891), "1,234,567.9");
        assert_eq!(num("en", "{ $n }", 1234.0), "1,234");
        assert_eq!(num("es", "{ $n }", 1234.0), "1234");
        assert_eq!(num("es", "{ $n }", 12345.0), "12.345");
        assert_eq!(
            num("es", "{ NUMBER($n, minimumFractionDigits: 2) }", 0.5),
            "0,50"
        );
        assert_eq!(
            num("en", "{ NUMBER($n, useGrouping: \"false\") }", 1234567.0),
            "1234567"
        );
    }

    #[test]
    fn percent_and_currency() {
        assert_eq!(num("en", "{ NUMBER($n, style: \"percent\") }", 0.25), "25%");
        assert_eq!(
            num("es", "{ NUMBER($n, style: \"percent\") }", 0.25),
            "25\u{a0}%"
        );
        let usd = "{ NUMBER($n, style: \"currency\", currency: \"USD\") }";
        assert_eq!(num("en", usd, 322_000_000.0), "$322,000,000.00");
        assert_eq!(num("es", usd, 322_000_000.0), "322.000.000,00\u{a0}US$");
    }

    #[test]
    fn misuse_is_reported() {
        let value = DateValue::new("2022-02-28".parse().expect("date"));
        let errors = format(
            "en",
            "{ NUMBER($d) }",
            &[("d", FluentValue::Custom(Box::new(value)))],
        )
        .errors;
        assert_eq!(
            errors,
            ["NUMBER() was given a date; use DATETIME() for dates"]
        );
        let errors = format(
            "en",
            "{ NUMBER($n, style: \"currency\") }",
            &[("n", FluentValue::from(3))],
        )
        .errors;
        assert_eq!(
            errors,
            ["NUMBER() with style: \"currency\" needs a currency, e.g. currency: \"USD\""]
        );
    }
}
