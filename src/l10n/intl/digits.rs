//! Which digits a number shows: ECMA-402's digit options resolved
//! (`SetNumberFormatDigitOptions`) and applied (`FormatNumericToString`),
//! on a number's exact decimal digits.
//!
//! The defaults depend on the style (money shows its currency's minor
//! units, a share none, a plain number up to three) and on the notation (a
//! compact number keeps two significant digits, or its whole integer part);
//! fraction and significant digits may both be asked for, and then
//! `roundingPriority` decides. Rounding is half away from zero unless
//! `roundingMode` says otherwise.

use fixed_decimal::{Decimal, RoundingIncrement, SignedRoundingMode};

use super::number_format::{Notation, NumberFormat, RoundingPriority, Style};

/// How a number is rounded, from resolved options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rounding {
    Fraction,
    Significant,
    MorePrecision,
    LessPrecision,
}

/// Resolved digit options: every default filled in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Digits {
    rounding: Rounding,
    min_integer: i16,
    min_fraction: i16,
    max_fraction: i16,
    min_significant: i16,
    max_significant: i16,
    increment: u16,
    mode: SignedRoundingMode,
    strip_if_integer: bool,
}

impl NumberFormat {
    /// The digit options resolved for a currency with `currency_digits`
    /// minor units (ignored unless the style is money).
    pub(super) fn digits(&self, currency_digits: usize) -> Digits {
        let compact = self.notation == Notation::Compact;
        // Money defaults to its minor units in compact notation too, as
        // V8 (and so `@fluent/bundle` on Node) does; ECMA-402 2023 limits
        // that to standard notation.
        let (fraction_default_min, mut fraction_default_max) = match self.style {
            Style::Currency => (currency_digits, currency_digits),
            Style::Percent => (0, 0),
            _ => (0, 3),
        };
        if self.rounding_increment != 1 {
            fraction_default_max = fraction_default_min;
        }
        let has_significant =
            self.minimum_significant_digits.is_some() || self.maximum_significant_digits.is_some();
        let has_fraction =
            self.minimum_fraction_digits.is_some() || self.maximum_fraction_digits.is_some();
        let auto = self.rounding_priority == RoundingPriority::Auto;
        let need_significant = !auto || has_significant;
        let need_fraction = !auto || !(has_significant || (!has_fraction && compact));

        let (min_fraction, max_fraction) =
            match (self.minimum_fraction_digits, self.maximum_fraction_digits) {
                (Some(min), Some(max)) => (min, max),
                (Some(min), None) => (min, fraction_default_max.max(min)),
                (None, Some(max)) => (fraction_default_min.min(max), max),
                (None, None) => (fraction_default_min, fraction_default_max),
            };
        let min_significant = self.minimum_significant_digits.unwrap_or(1);
        let max_significant = self
            .maximum_significant_digits
            .unwrap_or(21)
            .max(min_significant);
        let mut digits = Digits {
            rounding: Rounding::Fraction,
            min_integer: small(self.minimum_integer_digits),
            min_fraction: small(min_fraction),
            max_fraction: small(max_fraction),
            min_significant: small(min_significant),
            max_significant: small(max_significant),
            increment: self.rounding_increment,
            mode: self.rounding_mode,
            strip_if_integer: self.strip_if_integer,
        };
        digits.rounding = match (need_significant, need_fraction, self.rounding_priority) {
            (false, false, _) => {
                // A compact number with no digit options: "1.2K", "12K".
                (digits.min_fraction, digits.max_fraction) = (0, 0);
                (digits.min_significant, digits.max_significant) = (1, 2);
                Rounding::MorePrecision
            }
            (true, _, RoundingPriority::Auto) => Rounding::Significant,
            (false, true, _) => Rounding::Fraction,
            (_, _, RoundingPriority::MorePrecision) => Rounding::MorePrecision,
            (_, _, RoundingPriority::LessPrecision) => Rounding::LessPrecision,
        };
        digits
    }
}

impl NumberFormat {
    /// The digits `Intl.PluralRules` would round to before choosing a
    /// category: these digit options on a plain number.
    pub(super) fn plural_digits(&self) -> Digits {
        let plain = NumberFormat {
            style: Style::Decimal,
            notation: Notation::Standard,
            ..self.clone()
        };
        plain.digits(0)
    }
}

/// Digit counts are at most 100 (checked when read).
fn small(count: usize) -> i16 {
    i16::try_from(count.min(100)).unwrap_or(100)
}

impl Digits {
    /// Whether these digits round to fraction digits only, as many at least
    /// as at most: what `roundingIncrement` needs.
    pub(super) fn rounds_fraction_to_fixed_digits(&self) -> bool {
        self.rounding == Rounding::Fraction && self.min_fraction == self.max_fraction
    }

    /// `decimal` rounded and padded as these options say.
    pub(super) fn apply(&self, decimal: &Decimal) -> Decimal {
        let mut rounded = match self.rounding {
            Rounding::Fraction => self.fixed(decimal).0,
            Rounding::Significant => self.precision(decimal).0,
            Rounding::MorePrecision | Rounding::LessPrecision => {
                let (significant, significant_magnitude) = self.precision(decimal);
                let (fixed, fixed_magnitude) = self.fixed(decimal);
                let significant_is_finer = significant_magnitude <= fixed_magnitude;
                if significant_is_finer == (self.rounding == Rounding::MorePrecision) {
                    significant
                } else {
                    fixed
                }
            }
        };
        if self.strip_if_integer && rounded.absolute.nonzero_magnitude_end() >= 0 {
            rounded.absolute.trim_end();
        }
        rounded.absolute.pad_start(self.min_integer);
        rounded
    }

    /// ToRawFixed: at most `max_fraction` digits (in steps of the
    /// increment), at least `min_fraction`; and the rounding magnitude.
    fn fixed(&self, decimal: &Decimal) -> (Decimal, i16) {
        let (factor, shift) = increment_parts(self.increment);
        let position = shift - self.max_fraction;
        let mut rounded = decimal.clone();
        rounded.round_with_mode_and_increment(position, self.mode, factor);
        rounded.absolute.trim_end();
        rounded.absolute.pad_end(-self.min_fraction);
        (rounded, -self.max_fraction)
    }

    /// ToRawPrecision: at most `max_significant` significant digits, at
    /// least `min_significant`; and the rounding magnitude.
    fn precision(&self, decimal: &Decimal) -> (Decimal, i16) {
        let mut rounded = decimal.clone();
        if rounded.absolute.is_zero() {
            rounded.absolute.trim_end();
            rounded.absolute.pad_end(1 - self.min_significant);
            return (rounded, 1 - self.max_significant);
        }
        let magnitude = rounded.absolute.nonzero_magnitude_start();
        rounded.round_with_mode(magnitude - self.max_significant + 1, self.mode);
        // Rounding may carry into a new digit (9.99 → 10.0).
        let magnitude = rounded.absolute.nonzero_magnitude_start();
        rounded.absolute.trim_end();
        rounded
            .absolute
            .pad_end((magnitude - self.min_significant + 1).min(0));
        (rounded, magnitude - self.max_significant + 1)
    }
}

/// An ECMA-402 rounding increment as ICU4X's (1, 2, 5 or 25) times a power
/// of ten.
fn increment_parts(increment: u16) -> (RoundingIncrement, i16) {
    let mut shift = 0;
    let mut factor = increment;
    while factor >= 10 && factor.is_multiple_of(10) {
        factor /= 10;
        shift += 1;
    }
    let factor = match factor {
        2 => RoundingIncrement::MultiplesOf2,
        5 => RoundingIncrement::MultiplesOf5,
        25 => RoundingIncrement::MultiplesOf25,
        _ => RoundingIncrement::MultiplesOf1,
    };
    (factor, shift)
}

#[cfg(test)]
mod tests {
    use super::super::testing::num;

    /// ECMA-402's digit options, on the examples its specification and
    /// MDN give.
    #[test]
    fn digit_options_follow_ecma_402() {
        let n =
            |options: &str, value: f64| num("en", &format!("{{ NUMBER($n, {options}) }}"), value);
        assert_eq!(
            n("maximumFractionDigits: 1", 0.25),
            "0.3",
            "half away from zero"
        );
        assert_eq!(
            n("maximumFractionDigits: 1, roundingMode: \"halfEven\"", 0.25),
            "0.2"
        );
        assert_eq!(n("minimumIntegerDigits: 3", 1.0), "001");
        assert_eq!(n("maximumSignificantDigits: 2", 1234.5), "1,200");
        assert_eq!(n("minimumSignificantDigits: 3", 1.0), "1.00");
        assert_eq!(
            n(
                "maximumSignificantDigits: 2, maximumFractionDigits: 2, roundingPriority: \"morePrecision\"",
                1.2345
            ),
            "1.23"
        );
        assert_eq!(
            n(
                "maximumSignificantDigits: 2, maximumFractionDigits: 2, roundingPriority: \"lessPrecision\"",
                1.2345
            ),
            "1.2"
        );
        assert_eq!(
            n(
                "roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2",
                1.23
            ),
            "1.25"
        );
        assert_eq!(
            n(
                "roundingIncrement: 25, maximumFractionDigits: 1, minimumFractionDigits: 1",
                7.0
            ),
            "7.5"
        );
        assert_eq!(
            n(
                "minimumFractionDigits: 2, trailingZeroDisplay: \"stripIfInteger\"",
                3.0
            ),
            "3"
        );
        assert_eq!(n("signDisplay: \"exceptZero\"", 0.0), "0");
        assert_eq!(n("signDisplay: \"always\"", 5.0), "+5");
    }
}
