//! [`NumberFormat`]: how `NUMBER()` writes a number, built from its options
//! the way ECMA-402's `Intl.NumberFormat` reads them, so that a message
//! means what it means in fluent.js (see `docs/conformance.md`).
//!
//! Every option is read into a typed field here, once; the digits rules
//! live in `digits.rs` and the writing in `number.rs`.

use fixed_decimal::{SignDisplay, SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::types::{
    FluentNumberCurrencyDisplayStyle, FluentNumberOptions, FluentNumberStyle, FluentNumberType,
};
use fluent_bundle::{FluentArgs, FluentValue};

use super::sink::Misuse;

/// What a number is: a plain number, a share, or money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// `1,234.5`
    Decimal,
    /// `25%`
    Percent,
    /// `$1,234.50`
    Currency,
}

/// How money names its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum CurrencyDisplay {
    /// `US$` (`$` where the locale's currency is the dollar)
    Symbol,
    /// `$` everywhere
    NarrowSymbol,
    /// `USD`
    Code,
    /// `US dollars`
    Name,
}

/// How the magnitude word of a compact number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum CompactDisplay {
    /// "322 million"
    Long,
    /// "322M"
    Short,
}

/// Standard or compact notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Notation {
    /// Every digit: `322,000,000`.
    Standard,
    /// A magnitude word: `322M`, `322 million`.
    Compact,
}

/// When digits are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Grouping {
    /// As the locale prefers (Spanish leaves four digits ungrouped).
    Auto,
    /// Always.
    Always,
    /// Only when a group would have at least two digits.
    Min2,
    /// Never.
    Never,
}

/// Which rounding wins when both fraction and significant digits are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RoundingPriority {
    /// Significant digits win.
    Auto,
    /// Whichever keeps more digits.
    MorePrecision,
    /// Whichever keeps fewer digits.
    LessPrecision,
}

/// Everything `NUMBER()` can say about writing a number.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NumberFormat {
    pub(super) style: Style,
    pub(super) currency: Option<String>,
    pub(super) currency_display: CurrencyDisplay,
    pub(super) accounting: bool,
    pub(super) notation: Notation,
    /// Long unless the message says otherwise: report's default, where
    /// ECMA-402's is short (docs/conformance.md, "compact-display").
    pub(super) compact_display: CompactDisplay,
    /// `None`: the notation's default (`Auto`; `Min2` when compact).
    pub(super) grouping: Option<Grouping>,
    pub(super) sign: SignDisplay,
    pub(super) rounding_mode: SignedRoundingMode,
    pub(super) rounding_increment: u16,
    pub(super) rounding_priority: RoundingPriority,
    pub(super) strip_if_integer: bool,
    pub(super) minimum_integer_digits: usize,
    pub(super) minimum_fraction_digits: Option<usize>,
    pub(super) maximum_fraction_digits: Option<usize>,
    pub(super) minimum_significant_digits: Option<usize>,
    pub(super) maximum_significant_digits: Option<usize>,
    pub(super) ordinal: bool,
}

impl Default for NumberFormat {
    fn default() -> Self {
        Self {
            style: Style::Decimal,
            currency: None,
            currency_display: CurrencyDisplay::Symbol,
            accounting: false,
            notation: Notation::Standard,
            compact_display: CompactDisplay::Long,
            grouping: None,
            sign: SignDisplay::Auto,
            rounding_mode: SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
            rounding_increment: 1,
            rounding_priority: RoundingPriority::Auto,
            strip_if_integer: false,
            minimum_integer_digits: 1,
            minimum_fraction_digits: None,
            maximum_fraction_digits: None,
            minimum_significant_digits: None,
            maximum_significant_digits: None,
            ordinal: false,
        }
    }
}

/// The increments ECMA-402 allows for `roundingIncrement`.
pub(super) const ROUNDING_INCREMENTS: [u16; 15] = [
    1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000,
];

impl NumberFormat {
    /// The format a Fluent number already carries (a number literal such as
    /// `1.50` keeps its two fraction digits).
    pub(super) fn from_fluent(options: &FluentNumberOptions) -> Self {
        Self {
            style: match options.style {
                FluentNumberStyle::Decimal => Style::Decimal,
                FluentNumberStyle::Percent => Style::Percent,
                FluentNumberStyle::Currency => Style::Currency,
            },
            currency: options.currency.clone(),
            currency_display: match options.currency_display {
                FluentNumberCurrencyDisplayStyle::Symbol => CurrencyDisplay::Symbol,
                FluentNumberCurrencyDisplayStyle::Code => CurrencyDisplay::Code,
                FluentNumberCurrencyDisplayStyle::Name => CurrencyDisplay::Name,
            },
            grouping: (!options.use_grouping).then_some(Grouping::Never),
            minimum_integer_digits: options.minimum_integer_digits.unwrap_or(1),
            minimum_fraction_digits: options.minimum_fraction_digits,
            maximum_fraction_digits: options.maximum_fraction_digits,
            minimum_significant_digits: options.minimum_significant_digits,
            maximum_significant_digits: options.maximum_significant_digits,
            ordinal: options.r#type == FluentNumberType::Ordinal,
            ..Self::default()
        }
    }

    /// Sets each option of `named` (whose names `options.rs` checked);
    /// every value that does not fit is an error.
    pub(super) fn apply(&mut self, named: &FluentArgs) -> Result<(), Vec<Misuse>> {
        let mut errors: Vec<Misuse> = named
            .iter()
            .filter_map(|(key, value)| {
                self.set(key, value).err().map(|message| Misuse {
                    message,
                    option: Some(key.to_owned()),
                })
            })
            .collect();
        if errors.is_empty()
            && let Err(message) = self.check_digits()
        {
            errors.push(Misuse {
                message,
                option: None,
            });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn set(&mut self, key: &str, value: &FluentValue) -> Result<(), String> {
        let text = || option_text(value);
        let digits = |min, max| digit_option(key, value, min, max);
        match key {
            "style" => self.style = pick(key, &text(), STYLES)?,
            "currency" => self.currency = Some(text().to_ascii_uppercase()),
            "currencyDisplay" => self.currency_display = pick(key, &text(), CURRENCY_DISPLAYS)?,
            "currencySign" => self.accounting = pick(key, &text(), CURRENCY_SIGNS)?,
            "notation" => self.notation = pick(key, &text(), NOTATIONS)?,
            "compactDisplay" => self.compact_display = pick(key, &text(), COMPACT_DISPLAYS)?,
            "useGrouping" => self.grouping = Some(pick(key, &text(), GROUPINGS)?),
            "signDisplay" => self.sign = pick(key, &text(), SIGN_DISPLAYS)?,
            "roundingMode" => self.rounding_mode = pick(key, &text(), ROUNDING_MODES)?,
            "roundingPriority" => self.rounding_priority = pick(key, &text(), PRIORITIES)?,
            "trailingZeroDisplay" => self.strip_if_integer = pick(key, &text(), TRAILING_ZEROS)?,
            "roundingIncrement" => self.rounding_increment = increment_option(value)?,
            "minimumIntegerDigits" => self.minimum_integer_digits = digits(1, 21)?,
            "minimumFractionDigits" => self.minimum_fraction_digits = Some(digits(0, 100)?),
            "maximumFractionDigits" => self.maximum_fraction_digits = Some(digits(0, 100)?),
            "minimumSignificantDigits" => self.minimum_significant_digits = Some(digits(1, 21)?),
            "maximumSignificantDigits" => self.maximum_significant_digits = Some(digits(1, 21)?),
            "type" => self.ordinal = pick(key, &text(), PLURAL_TYPES)?,
            // `localeMatcher` picks among requested locales; an edition has one.
            _ => {}
        }
        Ok(())
    }

    /// ECMA-402's range checks between options.
    fn check_digits(&self) -> Result<(), String> {
        if let (Some(min), Some(max)) = (self.minimum_fraction_digits, self.maximum_fraction_digits)
            && min > max
        {
            return Err(format!(
                "minimumFractionDigits ({min}) is larger than maximumFractionDigits ({max})"
            ));
        }
        if let (Some(min), Some(max)) = (
            self.minimum_significant_digits,
            self.maximum_significant_digits,
        ) && min > max
        {
            return Err(format!(
                "minimumSignificantDigits ({min}) is larger than maximumSignificantDigits ({max})"
            ));
        }
        if self.rounding_increment != 1 {
            let significant = self.minimum_significant_digits.is_some()
                || self.maximum_significant_digits.is_some();
            let digits = self.digits(super::currency::digits(self.currency.as_deref()));
            if significant
                || self.rounding_priority != RoundingPriority::Auto
                || !digits.rounds_fraction_to_fixed_digits()
            {
                return Err(
                    "roundingIncrement rounds a fixed number of fraction digits: give no \
                     significant digits or roundingPriority, and make minimumFractionDigits \
                     and maximumFractionDigits equal (or leave them to the style's defaults)"
                        .to_owned(),
                );
            }
        }
        Ok(())
    }
}

/// An option's allowed texts and what each means.
type Choices<T> = &'static [(&'static str, T)];

const STYLES: Choices<Style> = &[
    ("decimal", Style::Decimal),
    ("percent", Style::Percent),
    ("currency", Style::Currency),
];
const CURRENCY_DISPLAYS: Choices<CurrencyDisplay> = &[
    ("symbol", CurrencyDisplay::Symbol),
    ("narrowSymbol", CurrencyDisplay::NarrowSymbol),
    ("code", CurrencyDisplay::Code),
    ("name", CurrencyDisplay::Name),
];
const CURRENCY_SIGNS: Choices<bool> = &[("standard", false), ("accounting", true)];
const NOTATIONS: Choices<Notation> = &[
    ("standard", Notation::Standard),
    ("compact", Notation::Compact),
];
const COMPACT_DISPLAYS: Choices<CompactDisplay> = &[
    ("long", CompactDisplay::Long),
    ("short", CompactDisplay::Short),
];
/// `"true"` and `"false"` mean what they say (docs/conformance.md,
/// "use-grouping-false").
const GROUPINGS: Choices<Grouping> = &[
    ("auto", Grouping::Auto),
    ("always", Grouping::Always),
    ("min2", Grouping::Min2),
    ("true", Grouping::Always),
    ("false", Grouping::Never),
];
const SIGN_DISPLAYS: Choices<SignDisplay> = &[
    ("auto", SignDisplay::Auto),
    ("always", SignDisplay::Always),
    ("exceptZero", SignDisplay::ExceptZero),
    ("negative", SignDisplay::Negative),
    ("never", SignDisplay::Never),
];
const ROUNDING_MODES: Choices<SignedRoundingMode> = &[
    ("ceil", SignedRoundingMode::Ceil),
    ("floor", SignedRoundingMode::Floor),
    (
        "expand",
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::Expand),
    ),
    (
        "trunc",
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::Trunc),
    ),
    ("halfCeil", SignedRoundingMode::HalfCeil),
    ("halfFloor", SignedRoundingMode::HalfFloor),
    (
        "halfExpand",
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
    ),
    (
        "halfTrunc",
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfTrunc),
    ),
    (
        "halfEven",
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfEven),
    ),
];
const PRIORITIES: Choices<RoundingPriority> = &[
    ("auto", RoundingPriority::Auto),
    ("morePrecision", RoundingPriority::MorePrecision),
    ("lessPrecision", RoundingPriority::LessPrecision),
];
const TRAILING_ZEROS: Choices<bool> = &[("auto", false), ("stripIfInteger", true)];
const PLURAL_TYPES: Choices<bool> = &[("cardinal", false), ("ordinal", true)];

/// The meaning of `text` among an option's choices.
fn pick<T: Copy>(key: &str, text: &str, choices: Choices<T>) -> Result<T, String> {
    choices
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
            format!(
                "NUMBER() option `{key}` cannot be \"{text}\" (use one of: {})",
                names.join(", ")
            )
        })
}

/// An option value as text (a number literal as its digits).
fn option_text(value: &FluentValue) -> String {
    match value {
        FluentValue::String(s) => s.to_string(),
        FluentValue::Number(n) => n.value.to_string(),
        _ => String::new(),
    }
}

/// A count of digits between `min` and `max`, given as a number or text.
fn digit_option(key: &str, value: &FluentValue, min: usize, max: usize) -> Result<usize, String> {
    let number = match value {
        FluentValue::Number(n) => Some(n.value),
        FluentValue::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match number {
        Some(n) if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 => Ok(n as usize),
        _ => Err(format!(
            "NUMBER() option `{key}` must be a whole number from {min} to {max}, not \"{}\"",
            option_text(value)
        )),
    }
}

/// `roundingIncrement`: one of ECMA-402's increments.
fn increment_option(value: &FluentValue) -> Result<u16, String> {
    let text = option_text(value);
    text.parse::<u16>()
        .ok()
        .filter(|n| ROUNDING_INCREMENTS.contains(n))
        .ok_or_else(|| {
            let allowed: Vec<String> = ROUNDING_INCREMENTS.iter().map(u16::to_string).collect();
            format!(
                "NUMBER() option `roundingIncrement` cannot be \"{text}\" (use one of: {})",
                allowed.join(", ")
            )
        })
}
