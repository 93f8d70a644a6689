//! A chart's scales: where a number or a date falls on an axis, and which
//! "nice" ticks the axis shows (0, 500, 1,000… or every month). Computed
//! from the numbers alone, so every language's chart has the same ticks
//! and the same geometry; only the labels differ.

use crate::calendar::CivilDate;

/// A linear scale from `min..max` onto `0..1`, with its ticks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scale {
    /// The value at 0.
    pub min: f64,
    /// The value at 1.
    pub max: f64,
    /// The ticks' values, in order.
    pub ticks: Vec<Tick>,
}

/// A tick: its value and what the label writes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tick {
    /// A number, rounded to the step's digits.
    Number(f64),
    /// A date (days since 1970-01-01), labelled at `unit`.
    Date(i64, DateUnit),
}

impl Tick {
    /// The tick's position on its scale's value line.
    pub(crate) fn value(&self) -> f64 {
        match self {
            Tick::Number(n) => *n,
            Tick::Date(days, _) => *days as f64,
        }
    }
}

/// What a date tick stands for, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateUnit {
    /// A day ("28 feb").
    Day,
    /// A month ("feb").
    Month,
    /// A year ("2022").
    Year,
}

impl Scale {
    /// Where `value` falls, from 0 (min) to 1 (max).
    pub(crate) fn at(&self, value: f64) -> f64 {
        if self.max == self.min {
            return 0.5;
        }
        (value - self.min) / (self.max - self.min)
    }
}

/// The most ticks a number axis aims for.
const TARGET_TICKS: f64 = 5.0;

/// A scale over `low..high` (widened to hold `include`, such as the zero a
/// bar grows from) with round ticks at both ends; `fixed_min`/`fixed_max`
/// (an axis's `min` and `max`) are kept as given.
pub(crate) fn numbers(
    low: f64,
    high: f64,
    include: Option<f64>,
    fixed_min: Option<f64>,
    fixed_max: Option<f64>,
) -> Scale {
    let (mut low, mut high) = (low.min(high), low.max(high));
    if let Some(value) = include {
        low = low.min(value);
        high = high.max(value);
    }
    low = fixed_min.unwrap_or(low);
    high = fixed_max.unwrap_or(high);
    if low == high {
        let pad = if low == 0.0 { 1.0 } else { low.abs() / 10.0 };
        (low, high) = (
            low - pad * f64::from(u8::from(fixed_min.is_none())),
            high + pad,
        );
    }
    let step = nice_step((high - low) / TARGET_TICKS);
    let first = (low / step).floor();
    let last = (high / step).ceil();
    let min = fixed_min.unwrap_or(first * step);
    let max = fixed_max.unwrap_or(last * step);
    let decimals = decimals_of(step);
    let ticks = (first as i64..=last as i64)
        .map(|i| round_to(i as f64 * step, decimals))
        .filter(|t| *t >= min - step * 1e-9 && *t <= max + step * 1e-9)
        .map(Tick::Number)
        .collect();
    Scale { min, max, ticks }
}

/// 1, 2, 2.5 or 5 times a power of ten, the nearest to `rough`
/// (Heckbert's "nice numbers").
fn nice_step(rough: f64) -> f64 {
    if !(rough.is_finite() && rough > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(rough.log10().floor());
    let fraction = rough / power;
    let nice = [(1.5, 1.0), (2.25, 2.0), (3.5, 2.5), (7.5, 5.0)]
        .into_iter()
        .find(|(below, _)| fraction < *below)
        .map_or(10.0, |(_, nice)| nice);
    nice * power
}

/// The digits after the point a step needs (2.5 → 1, 0.05 → 2, 500 → 0).
fn decimals_of(step: f64) -> usize {
    (0..12)
        .find(|d| {
            let scaled = step * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(12) as usize
}

/// `value` rounded to `decimals` digits, so a tick is `0.3`, not
/// `0.30000000000000004`.
fn round_to(value: f64, decimals: usize) -> f64 {
    format!("{value:.decimals$}").parse().unwrap_or(value)
}

/// Days since 1970-01-01 of a date.
pub(crate) fn day_number(date: toml::value::Date) -> i64 {
    CivilDate {
        year: i64::from(date.year),
        month: i64::from(date.month),
        day: i64::from(date.day),
    }
    .days_since_epoch()
}

/// The date of a day number.
pub(crate) fn date_of(days: i64) -> toml::value::Date {
    let civil = CivilDate::from_days_since_epoch(days);
    toml::value::Date {
        year: u16::try_from(civil.year).unwrap_or(0),
        month: u8::try_from(civil.month).unwrap_or(1),
        day: u8::try_from(civil.day).unwrap_or(1),
    }
}

/// A time scale from `low` to `high` (day numbers): whole months or years
/// at its ends when none are given, ticks at the first of months (every
/// 1, 2, 3 or 6) or of years, or at days for a span of weeks.
pub(crate) fn dates(low: i64, high: i64, fixed_min: Option<i64>, fixed_max: Option<i64>) -> Scale {
    let (low, high) = (low.min(high), low.max(high).max(low.min(high) + 1));
    let span = high - low;
    let (ticks, unit) = if span <= 45 {
        let step = if span <= 10 { 1 } else { 7 };
        ((low..=high).step_by(step).collect(), DateUnit::Day)
    } else if span <= 3 * 366 {
        let months = span / 30;
        let step = [1, 2, 3, 6]
            .into_iter()
            .find(|s| months / s <= 12)
            .unwrap_or(6);
        (month_starts(low, high, step), DateUnit::Month)
    } else {
        let years = span / 365;
        let step = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|s| years / s <= 10)
            .unwrap_or(100);
        (year_starts(low, high, step), DateUnit::Year)
    };
    let min = fixed_min.unwrap_or_else(|| ticks.first().copied().unwrap_or(low).min(low));
    let max = fixed_max.unwrap_or_else(|| ticks.last().copied().unwrap_or(high).max(high));
    let ticks = ticks
        .into_iter()
        .filter(|t| *t >= min && *t <= max)
        .map(|t| Tick::Date(t, unit))
        .collect();
    Scale {
        min: min as f64,
        max: max as f64,
        ticks,
    }
}

/// The first of every `step`-th month from the one holding `low` to the
/// first month starting at or after `high`.
fn month_starts(low: i64, high: i64, step: i64) -> Vec<i64> {
    let start = CivilDate::from_days_since_epoch(low);
    let mut index = start.year * 12 + (start.month - 1);
    index -= index.rem_euclid(step);
    let mut out = Vec::new();
    loop {
        let day = CivilDate {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) + 1,
            day: 1,
        }
        .days_since_epoch();
        out.push(day);
        if day >= high {
            return out;
        }
        index += step;
    }
}

/// The first of January of every `step`-th year around `low..high`.
fn year_starts(low: i64, high: i64, step: i64) -> Vec<i64> {
    let first = CivilDate::from_days_since_epoch(low).year;
    let mut year = first - first.rem_euclid(step);
    let mut out = Vec::new();
    loop {
        let day = CivilDate {
            year,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        out.push(day);
        if day >= high {
            return out;
        }
        year += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(scale: &Scale) -> Vec<f64> {
        scale.ticks.iter().map(Tick::value).collect()
    }

    #[test]
    fn number_ticks_are_round_and_hold_the_data() {
        let scale = numbers(400.0, 3000.0, Some(0.0), None, None);
        assert_eq!(
            values(&scale),
            [0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0, 3000.0]
        );
        assert_eq!((scale.min, scale.max), (0.0, 3000.0));
        let scale = numbers(0.1, 0.7, Some(0.0), None, None);
        assert_eq!(values(&scale), [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        let scale = numbers(-3.0, 7.0, None, None, None);
        assert_eq!(values(&scale), [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
        let scale = numbers(0.0, 1.0, None, Some(0.0), Some(1.0));
        assert_eq!(values(&scale), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(scale.at(0.25), 0.25);
        let scale = numbers(5.0, 5.0, None, None, None);
        assert!(scale.min < 5.0 && scale.max > 5.0);
    }

    #[test]
    fn date_ticks_fall_on_months_or_years() {
        let day = |y, m, d| {
            day_number(toml::value::Date {
                year: y,
                month: m,
                day: d,
            })
        };
        let scale = dates(day(2022, 2, 28), day(2022, 9, 15), None, None);
        let ticks: Vec<_> = scale
            .ticks
            .iter()
            .map(|t| match t {
                Tick::Date(d, unit) => (date_of(*d).month, *unit),
                Tick::Number(_) => (0, DateUnit::Day),
            })
            .collect();
        assert_eq!(ticks.first(), Some(&(2, DateUnit::Month)));
        assert_eq!(ticks.last(), Some(&(10, DateUnit::Month)));
        assert_eq!(scale.min, day(2022, 2, 1) as f64);
        let scale = dates(day(2000, 5, 1), day(2024, 1, 1), None, None);
        assert!(
            scale
                .ticks
                .iter()
                .all(|t| matches!(t, Tick::Date(_, DateUnit::Year)))
        );
        assert_eq!(
            date_of(day(2024, 2, 29)),
            toml::value::Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
    }
}
