//! Compact numbers ("322 millones", "$322M"): `NUMBER(…, notation:
//! "compact")`.
//!
//! Fluent's number options have no notation, so a compact number is a custom
//! Fluent value that formats itself with ICU4X's compact formatters.

use fixed_decimal::Decimal;
use fluent_bundle::types::{FluentNumberOptions, FluentNumberStyle};
use icu::decimal::CompactDecimalFormatter;
use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;

use super::amount::{Amount, round};
use super::number::fraction_digits;
use super::value::{LocalizedValue, localized_fluent_type};

/// How the magnitude word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompactDisplay {
    /// "322 million"
    Long,
    /// "322M"
    Short,
}

/// A number in compact notation.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CompactNumber {
    /// The number.
    pub value: Amount,
    /// Long or short magnitude words.
    pub display: CompactDisplay,
    /// The ISO 4217 code, for money.
    pub currency: Option<String>,
    /// The fraction digits a plain `NUMBER()` with the same options would
    /// show at most.
    pub max_fraction_digits: usize,
}

impl CompactNumber {
    /// `value` in compact notation, with the currency and fraction digits of
    /// `options`.
    pub fn new(value: Amount, display: CompactDisplay, options: &FluentNumberOptions) -> Self {
        let currency = (options.style == FluentNumberStyle::Currency)
            .then(|| options.currency.clone())
            .flatten();
        let default_max = if currency.is_some() { 2 } else { 3 };
        Self {
            value,
            display,
            currency,
            max_fraction_digits: fraction_digits(options, default_max).max,
        }
    }

    fn format_money(&self, locale: &Locale, code: &str, decimal: &Decimal) -> Option<String> {
        let currency = code.parse::<CurrencyType>().ok()?;
        let formatter = match self.display {
            CompactDisplay::Long => CurrencyFormatter::try_new_compact_long_symbol(
                locale.into(),
                currency,
                Default::default(),
            ),
            CompactDisplay::Short => CurrencyFormatter::try_new_compact_symbol(
                locale.into(),
                currency,
                Default::default(),
            ),
        };
        formatter
            .ok()
            .map(|f| f.format_fixed_decimal(decimal).to_string())
    }

    fn format_plain(&self, locale: &Locale, decimal: &Decimal) -> Option<String> {
        let formatter = match self.display {
            CompactDisplay::Long => {
                CompactDecimalFormatter::try_new_long(locale.into(), Default::default())
            }
            CompactDisplay::Short => {
                CompactDecimalFormatter::try_new_short(locale.into(), Default::default())
            }
        };
        formatter.ok().map(|f| f.format(decimal).to_string())
    }
}

impl LocalizedValue for CompactNumber {
    fn format_in(&self, locale: &Locale) -> String {
        let Some(decimal) = self.value.decimal() else {
            return self.value.not_finite();
        };
        // ICU4X shows two significant digits of a number below 1 however
        // small (5e-324 as 0.000…0049, 330 characters); rounding first to the
        // fraction digits a plain NUMBER() shows makes both agree (`0`).
        let decimal = round(decimal, 0, self.max_fraction_digits);
        let text = match &self.currency {
            Some(code) => self.format_money(locale, code, &decimal),
            None => self.format_plain(locale, &decimal),
        };
        text.unwrap_or_else(|| decimal.to_string())
    }
}

localized_fluent_type!(CompactNumber);

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

    /// Below 1, a compact number shows what a plain one does, not every
    /// digit of a tiny float.
    #[test]
    fn tiny_compact_numbers_agree_with_plain_ones() {
        let compact = "{ NUMBER($n, notation: \"compact\") }";
        let plain = "{ NUMBER($n) }";
        for n in [5e-324, 1e-10, -1e-300, 0.0004] {
            assert_eq!(num("en", compact, n), num("en", plain, n), "{n}");
        }
        assert_eq!(num("en", compact, 5e-324), "0");
        assert_eq!(num("en", compact, 0.2222), "0.22");
        let money = "{ NUMBER($n, style: \"currency\", currency: \"USD\", notation: \"compact\") }";
        assert_eq!(num("en", money, 1e-9), "$0");
    }
}
