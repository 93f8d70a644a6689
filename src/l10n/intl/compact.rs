//! Compact numbers ("322 millones", "$322M"): `NUMBER(…, notation:
//! "compact")`, rounded the way ECMA-402 rounds them.
//!
//! ECMA-402 first picks the magnitude word from the number's magnitude,
//! then rounds the significand (two significant digits or the whole
//! integer part, unless digit options say otherwise), and picks again if
//! rounding carried into the next word (999,950 → "1M", not "1000K").
//! ICU4X's compact formatter rounds on its own, so the significand is
//! rounded here and written with [`CompactDecimalFormatter::format_with_exponent`];
//! percent and currency patterns are put around it.

use std::rc::Rc;

use fixed_decimal::Decimal;
use icu::decimal::CompactDecimalFormatter;
use icu::locale::Locale;

use super::cache::{COMPACT_FORMATTERS, cached};
use super::currency;
use super::digits::Digits;
use super::number::{digits_text, percent_formatter, splice, unsigned};
use super::number_format::{CompactDisplay, Grouping, NumberFormat, Style};

/// `decimal` (a share already scaled to per cent) in compact notation.
pub(super) fn format(locale: &Locale, decimal: &Decimal, format: &NumberFormat) -> String {
    let Some(formatter) = compact_formatter(locale, format.compact_display) else {
        return decimal.to_string();
    };
    let digits = format.digits(currency::digits(format.currency.as_deref()));
    let (mut significand, exponent) = significand(&formatter, decimal, &digits);
    significand.apply_sign_display(format.sign);
    let grouping = format.grouping.unwrap_or(Grouping::Min2);
    let number = digits_text(locale, &significand, grouping);
    match format.style {
        Style::Currency => money(locale, &significand, exponent, &number, format),
        _ => {
            let Ok(written) = formatter.format_with_exponent(&significand, exponent) else {
                return decimal.to_string();
            };
            // ICU4X groups a compact number's digits only from five on.
            let icu_digits = digits_text(locale, &unsigned(&significand), Grouping::Min2);
            let text = splice(&written.to_string(), &icu_digits, &number);
            if format.style == Style::Percent {
                percent_around(locale, &significand, &text)
            } else {
                text
            }
        }
    }
}

fn compact_formatter(
    locale: &Locale,
    display: CompactDisplay,
) -> Option<Rc<CompactDecimalFormatter>> {
    cached(&COMPACT_FORMATTERS, (locale.to_string(), display), || {
        build(locale, display)
    })
}

fn build(locale: &Locale, display: CompactDisplay) -> Option<CompactDecimalFormatter> {
    match display {
        CompactDisplay::Long => {
            CompactDecimalFormatter::try_new_long(locale.into(), Default::default())
        }
        CompactDisplay::Short => {
            CompactDecimalFormatter::try_new_short(locale.into(), Default::default())
        }
    }
    .ok()
}

/// ECMA-402's ComputeExponent: the significand, rounded, and the power of
/// ten its magnitude word stands for.
fn significand(
    formatter: &CompactDecimalFormatter,
    decimal: &Decimal,
    digits: &Digits,
) -> (Decimal, u8) {
    if decimal.absolute.is_zero() {
        return (digits.apply(decimal), 0);
    }
    let magnitude = decimal.absolute.nonzero_magnitude_start();
    let scaled = |exponent: u8| {
        let mut scaled = decimal.clone();
        scaled.multiply_pow10(-i16::from(exponent));
        digits.apply(&scaled)
    };
    let exponent = formatter.compact_exponent_for_magnitude(magnitude);
    let rounded = scaled(exponent);
    if rounded.absolute.is_zero() {
        return (rounded, exponent);
    }
    let carried = rounded.absolute.nonzero_magnitude_start() + i16::from(exponent);
    let next = formatter.compact_exponent_for_magnitude(carried);
    if carried > magnitude && next != exponent {
        (scaled(next), next)
    } else {
        (rounded, exponent)
    }
}

/// The locale's percent pattern around a compact number.
fn percent_around(locale: &Locale, significand: &Decimal, text: &str) -> String {
    match percent_formatter(locale) {
        Some(formatter) => {
            let pattern = formatter.format(significand).to_string();
            let icu_digits = digits_text(locale, &unsigned(significand), Grouping::Auto);
            splice(&pattern, &icu_digits, text)
        }
        None => format!("{text}%"),
    }
}

/// Compact money: ICU4X's compact currency pattern, with the significand
/// as the options round it.
fn money(
    locale: &Locale,
    significand: &Decimal,
    exponent: u8,
    number: &str,
    format: &NumberFormat,
) -> String {
    let code = format.currency.as_deref().unwrap_or("USD");
    let mut value = significand.clone();
    value.multiply_pow10(i16::from(exponent));
    let Some(formatter) = currency::compact_formatter(locale, code, format) else {
        return format!("{number} {code}");
    };
    let pattern = formatter.format_fixed_decimal(&value).to_string();
    let written = icu_compact_significand(locale, &currency::icu_precision(&value, code), format);
    splice(&pattern, &written, number)
}

/// The significand ICU4X's compact formatter writes for `value`: the
/// integer part when it has two digits or more, else two significant digits
/// (half to even), as it rounds them.
fn icu_compact_significand(locale: &Locale, value: &Decimal, format: &NumberFormat) -> String {
    let Some(formatter) = compact_formatter(locale, format.compact_display) else {
        return String::new();
    };
    let magnitude = value.absolute.nonzero_magnitude_start();
    let exponent = i16::from(formatter.compact_exponent_for_magnitude(magnitude));
    let rounding = if magnitude > exponent {
        exponent
    } else {
        magnitude - 1
    };
    let mut significand = unsigned(value).rounded(rounding);
    significand.multiply_pow10(-exponent);
    significand.absolute.trim_end();
    digits_text(locale, &significand, Grouping::Min2)
}

#[cfg(test)]
mod tests {
    use super::super::testing::num;

    #[test]
    fn compact_numbers_and_money() {
        let compact = "{ NUMBER($n, notation: \"compact\") }";
        assert_eq!(num("en", compact, 322_000_000.0), "322 million");
        assert_eq!(num("es", compact, 322_000_000.0), "322 millones");
        let short = "{ NUMBER($n, notation: \"compact\", compactDisplay: \"short\") }";
        assert_eq!(num("en", short, 322_000_000.0), "322M");
        let money = "{ NUMBER($n, style: \"currency\", currency: \"USD\", notation: \"compact\") }";
        assert_eq!(num("en", money, 322_000_000.0), "$322 million");
        assert_eq!(num("es", money, 322_000_000.0), "322 millones\u{a0}US$");
    }

    /// ECMA-402's compact rounding: the whole integer part from two digits
    /// up, else two significant digits; the magnitude word chosen again when
    /// rounding carries into the next one.
    #[test]
    fn compact_numbers_round_like_ecma_402() {
        let short = "{ NUMBER($n, notation: \"compact\", compactDisplay: \"short\") }";
        assert_eq!(num("en", short, 1234.0), "1.2K");
        assert_eq!(num("en", short, 12345.0), "12K");
        assert_eq!(num("en", short, -42.5), "-43");
        assert_eq!(num("en", short, 999_999.0), "1M");
        assert_eq!(num("en", short, 0.2222), "0.22");
        assert_eq!(num("en", short, 0.0004), "0.0004");
        let digits = "{ NUMBER($n, notation: \"compact\", compactDisplay: \"short\", \
                      maximumFractionDigits: 2) }";
        assert_eq!(num("en", digits, 1_234_567.0), "1.23M");
        // Four digits before the word: grouped only when asked.
        assert_eq!(num("en", short, 1.234e15), "1234T");
        let always = "{ NUMBER($n, notation: \"compact\", compactDisplay: \"short\", \
                      useGrouping: \"always\") }";
        assert_eq!(num("en", always, 1.234e15), "1,234T");
        let money = "{ NUMBER($n, style: \"currency\", currency: \"USD\", notation: \"compact\", \
                     compactDisplay: \"short\") }";
        assert_eq!(num("en", money, 1.234e15), "$1234T");
    }
}
