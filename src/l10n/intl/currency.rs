//! Money: a currency's minor units (CLDR's `currencyData`, from ICU4X's
//! data) and the locale's currency pattern around digits the options chose.
//!
//! ICU4X's currency formatter rounds every amount to the currency's minor
//! units and takes no digit options, while `NUMBER()` may ask for
//! `maximumFractionDigits: 0` or a minimum of integer digits. So the
//! formatter supplies the pattern (symbol, spacing, sign) and the digits are
//! written here and swapped in.

use std::rc::Rc;

use fixed_decimal::{Decimal, RoundingIncrement, SignedRoundingMode, UnsignedRoundingMode};
use icu::decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::options::{CurrencyFormatterOptions, CurrencyUsage};
use icu_experimental::dimension::provider::currency::fractions::{
    CurrencyFractionsV1, FractionInfo, Rounding,
};
use icu_provider::{DataPayload, DataProvider};

use super::cache::{COMPACT_CURRENCY_FORMATTERS, CURRENCY_FORMATTERS, cached};
use super::number::{digits_text, splice, unsigned};
use super::number_format::{CompactDisplay, CurrencyDisplay, Grouping, NumberFormat};

/// The minor units of a currency (2 for USD and EUR, 0 for JPY); 2 when
/// there is no currency or its data cannot be read.
pub(super) fn digits(code: Option<&str>) -> usize {
    code.and_then(fraction_info)
        .map_or(2, |info| usize::from(info.digits))
}

fn fraction_info(code: &str) -> Option<FractionInfo> {
    thread_local! {
        /// CLDR's currency fractions, loaded once per thread (the payload
        /// is not `Sync`).
        static FRACTIONS: Option<DataPayload<CurrencyFractionsV1>> =
            icu_experimental::provider::Baked
                .load(Default::default())
                .ok()
                .map(|response| response.payload);
    }
    let currency = code.parse::<CurrencyType>().ok()?;
    FRACTIONS.with(|fractions| Some(fractions.as_ref()?.get().resolve(currency)))
}

/// Money in `locale`: the currency pattern of `format` around `number`,
/// the digits of `rounded` as the options write them.
pub(super) fn format(
    locale: &Locale,
    rounded: &Decimal,
    number: &str,
    format: &NumberFormat,
) -> String {
    let code = format.currency.as_deref().unwrap_or("USD");
    let Some(formatter) = formatter(locale, code, format) else {
        return format!("{number} {code}");
    };
    let pattern = formatter.format_fixed_decimal(rounded).to_string();
    let written = digits_text(
        locale,
        &unsigned(&icu_precision(rounded, code)),
        Grouping::Auto,
    );
    splice(&pattern, &written, number)
}

/// ICU4X's currency formatter for `code` and the options' display.
fn formatter(
    locale: &Locale,
    code: &str,
    format: &NumberFormat,
) -> Option<Rc<CurrencyFormatter<DecimalFormatter>>> {
    let key = (
        locale.to_string(),
        code.to_owned(),
        format.currency_display,
        format.accounting,
    );
    cached(&CURRENCY_FORMATTERS, key, || build(locale, code, format))
}

fn build(
    locale: &Locale,
    code: &str,
    format: &NumberFormat,
) -> Option<CurrencyFormatter<DecimalFormatter>> {
    let currency = code.parse::<CurrencyType>().ok()?;
    let (prefs, options) = (locale.into(), usage(format));
    match format.currency_display {
        CurrencyDisplay::Symbol => CurrencyFormatter::try_new_symbol(prefs, currency, options),
        CurrencyDisplay::NarrowSymbol => {
            CurrencyFormatter::try_new_symbol_narrow(prefs, currency, options)
        }
        CurrencyDisplay::Code => CurrencyFormatter::try_new_code(prefs, currency, options),
        CurrencyDisplay::Name => CurrencyFormatter::try_new_name(prefs, currency),
    }
    .ok()
}

/// ICU4X's compact currency formatter for `code`, long or short, and the
/// options' display.
pub(super) fn compact_formatter(
    locale: &Locale,
    code: &str,
    format: &NumberFormat,
) -> Option<Rc<CurrencyFormatter<CompactDecimalFormatter>>> {
    let key = (
        (
            locale.to_string(),
            code.to_owned(),
            format.currency_display,
            format.accounting,
        ),
        format.compact_display,
    );
    cached(&COMPACT_CURRENCY_FORMATTERS, key, || {
        build_compact(locale, code, format)
    })
}

fn build_compact(
    locale: &Locale,
    code: &str,
    format: &NumberFormat,
) -> Option<CurrencyFormatter<CompactDecimalFormatter>> {
    let currency = code.parse::<CurrencyType>().ok()?;
    let (prefs, options) = (locale.into(), usage(format));
    let long = format.compact_display == CompactDisplay::Long;
    match (long, format.currency_display) {
        (false, CurrencyDisplay::Symbol) => {
            CurrencyFormatter::try_new_compact_symbol(prefs, currency, options)
        }
        (false, CurrencyDisplay::NarrowSymbol) => {
            CurrencyFormatter::try_new_compact_symbol_narrow(prefs, currency, options)
        }
        (false, CurrencyDisplay::Code) => {
            CurrencyFormatter::try_new_compact_code(prefs, currency, options)
        }
        (false, CurrencyDisplay::Name) => CurrencyFormatter::try_new_compact_name(prefs, currency),
        (true, CurrencyDisplay::Symbol) => {
            CurrencyFormatter::try_new_compact_long_symbol(prefs, currency, options)
        }
        (true, CurrencyDisplay::NarrowSymbol) => {
            CurrencyFormatter::try_new_compact_long_symbol_narrow(prefs, currency, options)
        }
        (true, CurrencyDisplay::Code) => {
            CurrencyFormatter::try_new_compact_long_code(prefs, currency, options)
        }
        (true, CurrencyDisplay::Name) => {
            CurrencyFormatter::try_new_compact_long_name(prefs, currency)
        }
    }
    .ok()
}

/// Standard or accounting (negative amounts in parentheses).
fn usage(format: &NumberFormat) -> CurrencyFormatterOptions {
    CurrencyFormatterOptions::from(if format.accounting {
        CurrencyUsage::Accounting
    } else {
        CurrencyUsage::Standard
    })
}

/// `value` rounded the way ICU4X's currency formatter rounds it before
/// writing: to the currency's minor units, half away from zero, in its
/// rounding steps.
pub(super) fn icu_precision(value: &Decimal, code: &str) -> Decimal {
    let info = fraction_info(code).unwrap_or_default();
    let precision = i16::from(info.digits);
    let (position, increment) = match info.rounding {
        Rounding::R50 => (1 - precision, RoundingIncrement::MultiplesOf5),
        Rounding::R20 => (1 - precision, RoundingIncrement::MultiplesOf2),
        Rounding::R5 => (-precision, RoundingIncrement::MultiplesOf5),
        _ => (-precision, RoundingIncrement::MultiplesOf1),
    };
    value.clone().rounded_with_mode_and_increment(
        position,
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
        increment,
    )
}
