//! [`Amount`]: a number's value kept exact on its way to text, and
//! [`NumberValue`], the Fluent value of a number with its [`NumberFormat`]
//! (what `NUMBER()` returns, and an integer too large for an `f64`).
//!
//! Fluent numbers are `f64`, which hold every integer only up to 2^53: the
//! data's `123456789012345678` would be written `123,456,789,012,345,680`.
//! So an integer from the data travels as an `i64` for as long as it must
//! (a [`NumberValue`] beyond 2^53, a Fluent number below, where both are
//! exact), and every number is turned into ICU4X's decimal from its exact
//! value: an integer's digits, or the shortest form of a float that reads
//! back as the same float. Scaling (percent) and rounding then work on those
//! digits, never on a float that could overflow or lose them.

use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::FluentValue;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use icu::locale::Locale;

use super::number::format_amount;
use super::number_format::NumberFormat;
use super::value::{LocalizedValue, localized_fluent_type};

/// The largest integer every smaller one of which an `f64` holds exactly.
const EXACT_IN_F64: u64 = 1 << 53;

/// A number's value as the data or the message gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Amount {
    /// A Fluent number (an `f64`).
    Float(f64),
    /// An integer from the data, exact to the last digit.
    Integer(i64),
}

impl Amount {
    /// Its exact digits, or `None` for infinity and NaN.
    pub(super) fn decimal(self) -> Option<Decimal> {
        match self {
            Amount::Integer(i) => Some(Decimal::from(i)),
            Amount::Float(f) => Decimal::try_from_f64(f, FloatPrecision::RoundTrip).ok(),
        }
    }

    /// The text of a value ICU4X cannot write (infinity, NaN), as
    /// `Intl.NumberFormat` writes it.
    pub(super) fn not_finite(self) -> String {
        match self {
            Amount::Float(f) if f.is_nan() => "NaN".to_owned(),
            Amount::Float(f) if f < 0.0 => "-∞".to_owned(),
            _ => "∞".to_owned(),
        }
    }

    /// The amount as a plain Fluent number when an `f64` holds it exactly
    /// (an integer beyond 2^53 does not).
    pub(super) fn exact_f64(self) -> Option<f64> {
        match self {
            Amount::Integer(i) if i.unsigned_abs() > EXACT_IN_F64 => None,
            // Exact: |i| <= 2^53.
            Amount::Integer(i) => Some(i as f64),
            Amount::Float(f) => Some(f),
        }
    }
}

/// The Fluent value of an integer from the data, exact however large: a
/// Fluent number whenever an `f64` holds it exactly, a [`NumberValue`]
/// otherwise.
pub(crate) fn integer_value(value: i64) -> FluentValue<'static> {
    let amount = Amount::Integer(value);
    match amount.exact_f64() {
        Some(f) => FluentValue::Number(FluentNumber::new(f, FluentNumberOptions::default())),
        None => FluentValue::Custom(Box::new(NumberValue {
            amount,
            format: NumberFormat::default(),
        })),
    }
}

/// A number with the format `NUMBER()` gave it, written from its own
/// digits.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NumberValue {
    pub amount: Amount,
    /// How to write it.
    pub format: NumberFormat,
}

impl LocalizedValue for NumberValue {
    fn format_in(&self, locale: &Locale) -> String {
        format_amount(locale, self.amount, &self.format)
    }
}

localized_fluent_type!(NumberValue);

#[cfg(test)]
mod tests {
    use fluent_bundle::FluentValue;

    use super::super::testing::format;
    use super::integer_value;

    fn int(tag: &str, ftl: &str, n: i64) -> String {
        let formatted = format(tag, ftl, &[("n", integer_value(n))]);
        assert!(formatted.errors.is_empty(), "{:?}", formatted.errors);
        formatted.text
    }

    #[test]
    fn integers_stay_exact_to_the_last_digit() {
        let big = 123_456_789_012_345_678;
        assert_eq!(int("en", "{ $n }", big), "123,456,789,012,345,678");
        assert_eq!(int("es", "{ $n }", big), "123.456.789.012.345.678");
        assert_eq!(
            int("en", "{ NUMBER($n) }", i64::MAX),
            "9,223,372,036,854,775,807"
        );
        assert_eq!(
            int("en", "{ NUMBER($n) }", i64::MIN),
            "-9,223,372,036,854,775,808"
        );
        assert_eq!(
            int("en", "{ NUMBER($n, minimumFractionDigits: 2) }", big),
            "123,456,789,012,345,678.00"
        );
        assert_eq!(
            int("en", "{ NUMBER($n, style: \"percent\") }", big),
            "12,345,678,901,234,567,800%"
        );
        assert_eq!(
            int(
                "en",
                "{ NUMBER($n, style: \"currency\", currency: \"USD\") }",
                big
            ),
            "$123,456,789,012,345,678.00"
        );
        // Small integers are Fluent numbers, exactly.
        assert!(matches!(integer_value(1234), FluentValue::Number(_)));
        assert_eq!(
            int("en", "{ $n }", 9_007_199_254_740_993),
            "9,007,199,254,740,993"
        );
    }

    #[test]
    fn large_integers_still_pick_plural_variants() {
        let votes = "{ $n ->\n    [one] one vote\n    [many] many votes\n   *[other] votes\n}";
        assert_eq!(int("es", votes, 123_456_789_012_000_000), "many votes");
        assert_eq!(int("en", votes, 123_456_789_012_345_678), "votes");
        let numbered = "{ NUMBER($n) ->\n    [one] one\n   *[other] other\n}";
        assert_eq!(int("en", numbered, i64::MAX), "other");
    }

    #[test]
    fn a_large_integer_is_still_no_date() {
        let errors = format("en", "{ DATETIME($n) }", &[("n", integer_value(i64::MAX))]).errors;
        assert_eq!(
            errors,
            ["DATETIME() was given a number; give it a date such as 2022-02-28"]
        );
    }
}
