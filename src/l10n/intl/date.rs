//! Dates: `DATETIME()` and [`DateValue`], a date (or date and time) from
//! the data, written the way the locale writes dates.
//!
//! Fluent has no dates of its own, so a date is a custom Fluent value that
//! carries its style and formats itself with ICU4X.

use fluent_bundle::{FluentArgs, FluentValue};
use icu::datetime::DateTimeFormatter;
use icu::datetime::fieldsets::{
    self,
    enums::{CalendarPeriodFieldSet, CompositeDateTimeFieldSet, DateAndTimeFieldSet, DateFieldSet},
};
use icu::datetime::input::{Date, DateTime, Time};
use icu::locale::Locale;

use super::amount::BigInteger;
use super::cache::{DATE_FORMATTERS, cached};
use super::options::{DATETIME_OPTIONS, Validity, check_options, string_option};
use super::sink::ErrorSink;
use super::value::{LocalizedValue, localized_fluent_type};

/// How a date is to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// "lunes, 28 de febrero de 2022"
    Full,
    /// "28 de febrero de 2022"
    Long,
    /// "28 feb 2022"
    Medium,
    /// "28/2/22"
    Short,
    /// "febrero de 2022" (a length for the month)
    MonthYear(Length),
    /// "2022"
    Year,
}

/// A field length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Length {
    /// Spelled out.
    Long,
    /// Abbreviated.
    Medium,
    /// Digits.
    Short,
}

/// A date or date-time value inside Fluent.
#[derive(Debug, Clone, PartialEq)]
pub struct DateValue {
    /// The date as written in the data.
    pub value: toml::value::Datetime,
    /// The date part's style.
    pub date_style: DateStyle,
    /// Whether to show the time, and with seconds.
    pub time: Option<Length>,
}

/// What a cached date formatter was built for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct DateKey {
    locale: String,
    date_style: DateStyle,
    time: Option<Length>,
    value_has_time: bool,
}

impl DateValue {
    /// A date with the default style (long, the way prose writes dates).
    pub fn new(value: toml::value::Datetime) -> Self {
        Self {
            value,
            date_style: DateStyle::Long,
            time: None,
        }
    }

    /// Formats the date for `locale`.
    pub fn format(&self, locale: &Locale) -> String {
        let fallback = || self.value.to_string();
        let Some(day) = self.value.date else {
            return fallback();
        };
        let Ok(date) = Date::try_new_iso(i32::from(day.year), day.month, day.day) else {
            return fallback();
        };
        let time = self
            .value
            .time
            .and_then(|t| Time::try_new(t.hour, t.minute, t.second.unwrap_or(0), 0).ok());
        let field_set = self.field_set(time.is_some());
        let key = DateKey {
            locale: locale.to_string(),
            date_style: self.date_style,
            time: self.time,
            value_has_time: time.is_some(),
        };
        let Some(formatter) = cached(&DATE_FORMATTERS, key, || {
            DateTimeFormatter::try_new(locale.into(), field_set).ok()
        }) else {
            return fallback();
        };
        let time = time.unwrap_or_else(Time::start_of_day);
        formatter.format(&DateTime { date, time }).to_string()
    }

    /// The ICU4X fields to write: a time only when asked for and the value
    /// has one.
    fn field_set(&self, value_has_time: bool) -> CompositeDateTimeFieldSet {
        if let (Some(precision), true) = (self.time, value_has_time) {
            let set = match self.date_style {
                DateStyle::Medium => fieldsets::YMD::medium(),
                DateStyle::Short => fieldsets::YMD::short(),
                _ => fieldsets::YMD::long(),
            };
            let set = match precision {
                Length::Short => set.with_time_hm(),
                _ => set.with_time_hms(),
            };
            return CompositeDateTimeFieldSet::DateTime(DateAndTimeFieldSet::YMDT(set));
        }
        match self.date_style {
            DateStyle::Full => date_set(DateFieldSet::YMDE(fieldsets::YMDE::long())),
            DateStyle::Long => date_set(DateFieldSet::YMD(fieldsets::YMD::long())),
            DateStyle::Medium => date_set(DateFieldSet::YMD(fieldsets::YMD::medium())),
            DateStyle::Short => date_set(DateFieldSet::YMD(fieldsets::YMD::short())),
            DateStyle::MonthYear(length) => {
                let set = match length {
                    Length::Long => fieldsets::YM::long(),
                    Length::Medium => fieldsets::YM::medium(),
                    Length::Short => fieldsets::YM::short(),
                };
                CompositeDateTimeFieldSet::CalendarPeriod(CalendarPeriodFieldSet::YM(set))
            }
            DateStyle::Year => CompositeDateTimeFieldSet::CalendarPeriod(
                CalendarPeriodFieldSet::Y(fieldsets::Y::long()),
            ),
        }
    }
}

fn date_set(set: DateFieldSet) -> CompositeDateTimeFieldSet {
    CompositeDateTimeFieldSet::Date(set)
}

impl LocalizedValue for DateValue {
    fn format_in(&self, locale: &Locale) -> String {
        self.format(locale)
    }
}

localized_fluent_type!(DateValue);

/// `DATETIME(date, options…)`: checks the argument and options (recording
/// misuse in `errors`) and returns the date with the style they ask for.
pub(super) fn datetime_function<'a>(
    positional: &[FluentValue<'a>],
    named: &FluentArgs,
    errors: &ErrorSink,
) -> FluentValue<'a> {
    let Some(date) = date_argument(positional, errors) else {
        return FluentValue::Error;
    };
    if check_options("DATETIME", named, DATETIME_OPTIONS, errors) == Validity::Invalid {
        return FluentValue::Error;
    }
    let time = match string_option(named, "timeStyle") {
        Some("short") => Some(Length::Short),
        Some(_) => Some(Length::Medium),
        None => None,
    };
    if time.is_some() && date.value.time.is_none() {
        errors.record("DATETIME() was asked for a time, but the value is a date without one");
    }
    FluentValue::Custom(Box::new(DateValue {
        value: date.value,
        date_style: date_style(named, date.date_style),
        time,
    }))
}

/// What `DATETIME()` says when given a number, however large.
const GIVEN_A_NUMBER: &str = "DATETIME() was given a number; give it a date such as 2022-02-28";

/// The one positional argument of `DATETIME()` as a date (ISO 8601 text
/// counts), or `None` after recording why it is not.
fn date_argument(positional: &[FluentValue<'_>], errors: &ErrorSink) -> Option<DateValue> {
    match positional {
        [FluentValue::Custom(c)] => {
            let any = c.as_ref().as_any();
            let date = any.downcast_ref::<DateValue>().cloned();
            if any.is::<BigInteger>() {
                errors.record(GIVEN_A_NUMBER);
            } else if date.is_none() {
                errors.record("DATETIME() takes a date");
            }
            date
        }
        [FluentValue::String(s)] => match s.parse::<toml::value::Datetime>() {
            Ok(value) if value.date.is_some() => Some(DateValue::new(value)),
            _ => {
                errors.record(format!("DATETIME() was given the text \"{s}\", not a date"));
                None
            }
        },
        [FluentValue::Number(_)] => {
            errors.record(GIVEN_A_NUMBER);
            None
        }
        // The failure was reported where the value was made.
        [FluentValue::Error | FluentValue::None] => None,
        _ => {
            errors.record("DATETIME() takes exactly one date");
            None
        }
    }
}

/// The date style the options ask for: `dateStyle` first, then `month`
/// (with or without `year`), then `year` alone; otherwise `default`.
fn date_style(named: &FluentArgs, default: DateStyle) -> DateStyle {
    let month = string_option(named, "month");
    let year = string_option(named, "year");
    match (string_option(named, "dateStyle"), month, year) {
        (Some("full"), _, _) => DateStyle::Full,
        (Some("long"), _, _) => DateStyle::Long,
        (Some("medium"), _, _) => DateStyle::Medium,
        (Some("short"), _, _) => DateStyle::Short,
        (_, Some("long"), _) => DateStyle::MonthYear(Length::Long),
        (_, Some("short"), _) => DateStyle::MonthYear(Length::Medium),
        (_, Some(_), _) => DateStyle::MonthYear(Length::Short),
        (_, None, Some(_)) => DateStyle::Year,
        _ => default,
    }
}

#[cfg(test)]
mod tests {
    use fluent_bundle::FluentValue;

    use super::super::testing::{date, format};

    #[test]
    fn dates_follow_the_locale() {
        let long = "{ DATETIME($d, dateStyle: \"long\") }";
        assert_eq!(date("en", long, "2022-02-28"), "February 28, 2022");
        assert_eq!(date("es", long, "2022-02-28"), "28 de febrero de 2022");
        assert_eq!(date("es", "{ $d }", "2022-02-28"), "28 de febrero de 2022");
        let month = "{ DATETIME($d, month: \"long\", year: \"numeric\") }";
        assert_eq!(date("en", month, "2022-02-28"), "February 2022");
        assert_eq!(date("es", month, "2022-02-28"), "febrero de 2022");
        assert_eq!(
            date("es", "{ DATETIME($d, dateStyle: \"full\") }", "2022-02-28"),
            "lunes, 28 de febrero de 2022"
        );
    }

    #[test]
    fn misuse_is_reported() {
        let errors = format("en", "{ DATETIME($n) }", &[("n", FluentValue::from(3))]).errors;
        assert!(
            errors[0]
                .message
                .starts_with("DATETIME() was given a number"),
            "{errors:?}"
        );
        let errors = format(
            "en",
            "{ DATETIME($d, timeStyle: \"short\") }",
            &[("d", FluentValue::from("2022-02-28"))],
        )
        .errors;
        assert_eq!(
            errors,
            ["DATETIME() was asked for a time, but the value is a date without one"]
        );
    }
}
