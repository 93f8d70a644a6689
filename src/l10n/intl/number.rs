//! `NUMBER()` and every number that reaches text: decimal, percent and
//! currency formatting through ICU4X.
//!
//! fluent-rs writes numbers the same way in every locale; here the bundle's
//! formatter hook sends each one through ICU4X, with the options `NUMBER()`
//! gave it, from the number's exact digits ([`Amount`]). Compact notation is
//! a value of its own ([`super::compact`]).

use std::rc::Rc;

use fixed_decimal::Decimal;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};
use icu::decimal::DecimalFormatter;
use icu::decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use intl_memoizer::IntlLangMemoizer;

use super::amount::{Amount, NumberValue};
use super::cache::{DECIMAL_FORMATTERS, PERCENT_FORMATTERS, cached};
use super::compact;
use super::currency;
use super::date::DateValue;
use super::locale::with_locale;
use super::number_format::{Grouping, Notation, NumberFormat, Style};
use super::options::{NUMBER_OPTIONS, Validity, check_options};
use super::sink::ErrorSink;

/// `NUMBER(value, options…)`: checks the argument and options (recording
/// misuse in `errors`) and returns the number carrying its format.
pub(super) fn number_function<'a>(
    positional: &[FluentValue<'a>],
    named: &FluentArgs,
    errors: &ErrorSink,
) -> FluentValue<'a> {
    let Some((amount, mut format)) = number_argument(positional, errors) else {
        return FluentValue::Error;
    };
    // Both checks run, so that every mistake is reported at once.
    let names = check_options("NUMBER", named, NUMBER_OPTIONS, errors);
    let values = format.apply(named);
    if let Err(mistakes) = &values {
        mistakes.iter().for_each(|m| errors.push(m.clone()));
    }
    if names == Validity::Invalid || values.is_err() {
        return FluentValue::Error;
    }
    if format.style == Style::Currency && format.currency.is_none() {
        errors.record("NUMBER() with style: \"currency\" needs a currency, e.g. currency: \"USD\"");
        return FluentValue::Error;
    }
    if let Some(code) = &format.currency
        && code.parse::<CurrencyType>().is_err()
    {
        errors.record_option(
            "currency",
            format!("\"{code}\" is not an ISO 4217 currency code"),
        );
        return FluentValue::Error;
    }
    FluentValue::Custom(Box::new(NumberValue { amount, format }))
}

/// The one positional argument of `NUMBER()` as an amount with the format
/// it already carries (text that reads as a number counts), or `None` after
/// recording why it is not one.
fn number_argument(
    positional: &[FluentValue<'_>],
    errors: &ErrorSink,
) -> Option<(Amount, NumberFormat)> {
    match positional {
        [FluentValue::Number(n)] => Some((
            Amount::Float(n.value),
            NumberFormat::from_fluent(&n.options),
        )),
        [FluentValue::String(s)] => text_argument(s, errors),
        [FluentValue::Custom(c)] => {
            let any = c.as_ref().as_any();
            if let Some(number) = any.downcast_ref::<NumberValue>() {
                return Some((number.amount, number.format.clone()));
            }
            if any.is::<DateValue>() {
                errors.record("NUMBER() was given a date; use DATETIME() for dates");
            } else {
                errors.record("NUMBER() takes exactly one number");
            }
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

/// Text given to `NUMBER()`: an integer (kept exact) or a finite number.
fn text_argument(text: &str, errors: &ErrorSink) -> Option<(Amount, NumberFormat)> {
    let trimmed = text.trim();
    let amount = match (trimmed.parse::<i64>(), trimmed.parse::<f64>()) {
        (Ok(i), _) => Amount::Integer(i),
        (_, Ok(f)) if f.is_finite() => Amount::Float(f),
        (_, Ok(_)) => {
            errors.record(format!(
                "NUMBER() was given the text \"{text}\", which is not a finite number"
            ));
            return None;
        }
        _ => {
            errors.record(format!(
                "NUMBER() was given the text \"{text}\", not a number"
            ));
            return None;
        }
    };
    Some((amount, NumberFormat::default()))
}

/// Fluent's formatter hook: every number that reaches text goes through ICU4X.
pub(super) fn format_value(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(number) => with_locale(intls, |locale| format_number(locale, number)),
        _ => None,
    }
}

/// Formats a Fluent number with its options for `locale`.
pub(crate) fn format_number(locale: &Locale, number: &FluentNumber) -> String {
    format_amount(
        locale,
        Amount::Float(number.value),
        &NumberFormat::from_fluent(&number.options),
    )
}

/// Formats an amount in `format` for `locale`, from its exact digits.
pub(super) fn format_amount(locale: &Locale, amount: Amount, format: &NumberFormat) -> String {
    let Some(mut decimal) = amount.decimal() else {
        return amount.not_finite();
    };
    if format.style == Style::Percent {
        // Scaled on the digits: `value * 100.0` overflows to infinity for
        // values above f64::MAX / 100 and would print 0%.
        decimal.absolute.multiply_pow10(2);
    }
    if format.notation == Notation::Compact {
        return compact::format(locale, &decimal, format);
    }
    let currency_digits = currency::digits(format.currency.as_deref());
    let mut rounded = format.digits(currency_digits).apply(&decimal);
    rounded.apply_sign_display(format.sign);
    let number = digits_text(locale, &rounded, format.grouping.unwrap_or(Grouping::Auto));
    match format.style {
        Style::Decimal => number,
        Style::Percent => percent(locale, &rounded, &number),
        Style::Currency => currency::format(locale, &rounded, &number, format),
    }
}

/// A number's digits in `locale`, grouped as asked.
pub(super) fn digits_text(locale: &Locale, decimal: &Decimal, grouping: Grouping) -> String {
    let strategy = match grouping {
        Grouping::Auto => GroupingStrategy::Auto,
        Grouping::Always => GroupingStrategy::Always,
        Grouping::Min2 => GroupingStrategy::Min2,
        Grouping::Never => GroupingStrategy::Never,
    };
    let formatter = cached(&DECIMAL_FORMATTERS, (locale.to_string(), strategy), || {
        let mut options = DecimalFormatterOptions::default();
        options.grouping_strategy = Some(strategy);
        DecimalFormatter::try_new(locale.into(), options).ok()
    });
    match formatter {
        Some(formatter) => formatter.format(decimal).to_string(),
        None => decimal.to_string(),
    }
}

/// A share in the locale's percent pattern, its digits written as `number`.
fn percent(locale: &Locale, rounded: &Decimal, number: &str) -> String {
    match percent_formatter(locale) {
        Some(formatter) => {
            let pattern = formatter.format(rounded).to_string();
            splice(
                &pattern,
                &digits_text(locale, &unsigned(rounded), Grouping::Auto),
                number,
            )
        }
        None => format!("{number}%"),
    }
}

/// ICU4X's percent formatter for `locale`, built once per thread.
pub(super) fn percent_formatter(locale: &Locale) -> Option<Rc<PercentFormatter<DecimalFormatter>>> {
    cached(&PERCENT_FORMATTERS, locale.to_string(), || {
        PercentFormatter::try_new(locale.into(), Default::default()).ok()
    })
}

/// `decimal` without its sign.
pub(super) fn unsigned(decimal: &Decimal) -> Decimal {
    let mut absolute = decimal.clone();
    absolute.sign = fixed_decimal::Sign::None;
    absolute
}

/// `pattern` (a locale's text around `written`, the digits as ICU4X wrote
/// them) with those digits replaced by `number`, the digits as the
/// options ask (grouped, padded). ICU4X's percent and currency formatters
/// take no digit options; their patterns are right, so only the digits are
/// swapped.
pub(super) fn splice(pattern: &str, written: &str, number: &str) -> String {
    // The sign, and the direction marks right-to-left locales put around
    // it, are the pattern's.
    let number =
        number.trim_start_matches(['-', '+', '\u{2212}', '\u{200e}', '\u{200f}', '\u{61c}']);
    match pattern.rfind(written) {
        Some(at) => format!(
            "{}{number}{}",
            &pattern[..at],
            &pattern[at + written.len()..]
        ),
        None => pattern.to_owned(),
    }
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

    /// Percentages are scaled on the digits: 2e306 × 100 overflows an f64
    /// (it used to print `0%`).
    #[test]
    fn huge_percentages_keep_their_digits() {
        let percent = "{ NUMBER($n, style: \"percent\") }";
        let text = num("en", percent, 2e306);
        assert_eq!(text.replace(',', ""), format!("2{}%", "0".repeat(308)));
        assert_eq!(
            num("en", percent, f64::MAX).replace(',', ""),
            format!("17976931348623157{}%", "0".repeat(294))
        );
        assert_eq!(num("en", percent, -2e306).chars().next(), Some('-'));
        assert_eq!(num("en", percent, 1e-300), "0%");
    }

    #[test]
    fn text_numbers_must_be_finite_and_integers_stay_exact() {
        let text = |value: &str| {
            format(
                "en",
                "{ NUMBER($n) }",
                &[("n", FluentValue::from(value.to_owned()))],
            )
        };
        assert_eq!(text("123456789012345678").text, "123,456,789,012,345,678");
        assert_eq!(
            text("1e400").errors,
            ["NUMBER() was given the text \"1e400\", which is not a finite number"]
        );
        // A Fluent literal too long for an f64 is infinite, and says so.
        let literal = format!("{{ NUMBER({}) }}", "9".repeat(400));
        assert_eq!(format("en", &literal, &[]).text, "∞");
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
