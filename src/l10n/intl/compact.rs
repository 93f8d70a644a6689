//! Compact numbers ("322 millones", "$322M"): `NUMBER(…, notation:
//! "compact")`.
//!
//! Fluent's number options have no notation, so a compact number is a custom
//! Fluent value that formats itself with ICU4X's compact formatters.

use fixed_decimal::{Decimal, FloatPrecision};
use icu::decimal::CompactDecimalFormatter;
use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;

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
    pub value: f64,
    /// Long or short magnitude words.
    pub display: CompactDisplay,
    /// The ISO 4217 code, for money.
    pub currency: Option<String>,
}

impl CompactNumber {
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
        let decimal =
            Decimal::try_from_f64(self.value, FloatPrecision::RoundTrip).unwrap_or_default();
        let text = match &self.currency {
            Some(code) => self.format_money(locale, code, &decimal),
            None => self.format_plain(locale, &decimal),
        };
        text.unwrap_or_else(|| self.value.to_string())
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
}
