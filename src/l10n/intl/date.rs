//! Dates: `DATETIME()` and [`DateValue`], a date (or date and time) from
//! the data, written the way the locale writes dates.
//!
//! Fluent has no dates of its own, so a date is a custom Fluent value that
//! carries its [`DateFormat`] and formats itself with ICU4X. The options
//! are ECMA-402's (`Intl.DateTimeFormat`), read into ICU4X's field sets:
//! `dateStyle` and `timeStyle`, or the fields one by one (`weekday`, `era`,
//! `year`, `month`, `day`, `hour`, `minute`, `second`,
//! `fractionalSecondDigits`, `hour12`). ICU4X writes all of a date's
//! fields at one length, so the length comes from the month (or the
//! weekday); docs/conformance.md lists what that changes.

use fluent_bundle::{FluentArgs, FluentValue};
use icu::datetime::fieldsets::builder::{DateFields, FieldSetBuilder};
use icu::datetime::fieldsets::enums::CompositeDateTimeFieldSet;
use icu::datetime::input::{Date, DateTime, Time};
use icu::datetime::options::{Alignment, SubsecondDigits, TimePrecision, YearStyle};
use icu::datetime::{DateTimeFormatter, DateTimeFormatterPreferences};
use icu::locale::Locale;
use icu::locale::preferences::extensions::unicode::keywords::HourCycle;

pub(crate) use icu::datetime::options::Length;

use super::amount::NumberValue;
use super::cache::{DATE_FORMATTERS, cached};
use super::options::{DATETIME_OPTIONS, Validity, check_options, string_option};
use super::sink::ErrorSink;
use super::value::{LocalizedValue, localized_fluent_type};

/// Which date fields are written (ICU4X's combinations).
// Named as ICU4X's `DateFields`, which they map to one to one.
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateParts {
    /// "28"
    D,
    /// "February 28"
    MD,
    /// "February 28, 2022"
    YMD,
    /// "28 Monday"
    DE,
    /// "Monday, February 28"
    MDE,
    /// "Monday, February 28, 2022"
    YMDE,
    /// "Monday"
    E,
    /// "February"
    M,
    /// "February 2022"
    YM,
    /// "2022"
    Y,
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateFormat {
    /// The date fields, or none (a time alone).
    pub date: Option<DateParts>,
    /// Spelled out, abbreviated or digits.
    pub length: Length,
    /// Full year, two digits where the locale abbreviates, or with era.
    pub year: YearStyle,
    /// Month and day padded to two digits.
    pub two_digit: bool,
    /// The time fields, if any.
    pub time: Option<TimePrecision>,
    /// A 12-hour (`Some(true)`) or 24-hour clock; `None`: the locale's.
    pub hour12: Option<bool>,
}

impl DateFormat {
    /// The way prose writes a date: "28 de febrero de 2022".
    pub const LONG: DateFormat = DateFormat {
        date: Some(DateParts::YMD),
        length: Length::Long,
        year: YearStyle::Full,
        two_digit: false,
        time: None,
        hour12: None,
    };
}

/// A date or date-time value inside Fluent.
#[derive(Debug, Clone, PartialEq)]
pub struct DateValue {
    /// The date as written in the data.
    pub value: toml::value::Datetime,
    /// How to write it.
    pub format: DateFormat,
}

/// What a cached date formatter was built for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct DateKey {
    locale: String,
    format: DateFormat,
    value_has_time: bool,
}

impl DateValue {
    /// A date with the default format (long, the way prose writes dates).
    pub fn new(value: toml::value::Datetime) -> Self {
        Self {
            value,
            format: DateFormat::LONG,
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
        let time = self.value.time.and_then(|t| {
            Time::try_new(
                t.hour,
                t.minute,
                t.second.unwrap_or(0),
                t.nanosecond.unwrap_or(0),
            )
            .ok()
        });
        let key = DateKey {
            locale: locale.to_string(),
            format: self.format,
            value_has_time: time.is_some(),
        };
        let Some(formatter) = cached(&DATE_FORMATTERS, key, || {
            let field_set = field_set(&self.format, time.is_some()).ok()?;
            let mut prefs = DateTimeFormatterPreferences::from(locale);
            prefs.hour_cycle = self.format.hour12.map(|twelve| {
                if twelve {
                    HourCycle::H12
                } else {
                    HourCycle::H23
                }
            });
            DateTimeFormatter::try_new(prefs, field_set).ok()
        }) else {
            return fallback();
        };
        let time = time.unwrap_or_else(Time::start_of_day);
        formatter.format(&DateTime { date, time }).to_string()
    }
}

/// The ICU4X field set of a format; a time only when the value has one.
fn field_set(
    format: &DateFormat,
    value_has_time: bool,
) -> Result<CompositeDateTimeFieldSet, String> {
    let mut builder = FieldSetBuilder::default();
    builder.date_fields = format.date.map(|parts| match parts {
        DateParts::D => DateFields::D,
        DateParts::MD => DateFields::MD,
        DateParts::YMD => DateFields::YMD,
        DateParts::DE => DateFields::DE,
        DateParts::MDE => DateFields::MDE,
        DateParts::YMDE => DateFields::YMDE,
        DateParts::E => DateFields::E,
        DateParts::M => DateFields::M,
        DateParts::YM => DateFields::YM,
        DateParts::Y => DateFields::Y,
    });
    builder.time_precision = format.time.filter(|_| value_has_time);
    if builder.date_fields.is_none() && builder.time_precision.is_none() {
        builder.date_fields = Some(DateFields::YMD);
    }
    builder.length = Some(format.length);
    let has_year = matches!(
        format.date,
        Some(DateParts::YMD | DateParts::YMDE | DateParts::YM | DateParts::Y)
    );
    builder.year_style = has_year.then_some(format.year);
    builder.alignment = format.two_digit.then_some(Alignment::Column);
    builder
        .build_composite_datetime()
        .map_err(|e| format!("DATETIME() cannot write these fields together ({e})"))
}

impl LocalizedValue for DateValue {
    fn format_in(&self, locale: &Locale) -> String {
        self.format(locale)
    }
}

localized_fluent_type!(DateValue);

/// `DATETIME(date, options…)`: checks the argument and options (recording
/// misuse in `errors`) and returns the date with the format they ask for.
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
    let has_time = date.value.time.is_some();
    let format = match date_format(named, date.format) {
        Ok(format) => format,
        Err(error) => {
            errors.record(error);
            return FluentValue::Error;
        }
    };
    if format.time.is_some() && !has_time {
        errors.record("DATETIME() was asked for a time, but the value is a date without one");
    }
    if let Err(error) = field_set(&format, has_time) {
        errors.record(error);
        return FluentValue::Error;
    }
    FluentValue::Custom(Box::new(DateValue {
        value: date.value,
        format,
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
            if any.is::<NumberValue>() {
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

/// The field options (everything but the two styles).
const FIELD_OPTIONS: [&str; 9] = [
    "weekday",
    "era",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "fractionalSecondDigits",
];

/// The format the options ask for: the styles, or the fields one by one;
/// with neither, `default` (the value's own).
fn date_format(named: &FluentArgs, default: DateFormat) -> Result<DateFormat, String> {
    let date_style = string_option(named, "dateStyle");
    let time_style = string_option(named, "timeStyle");
    let has_fields = FIELD_OPTIONS.iter().any(|name| named.get(*name).is_some());
    let hour12 = match string_option(named, "hour12") {
        Some(text) => Some(text == "true"),
        None => default.hour12,
    };
    if (date_style.is_some() || time_style.is_some()) && has_fields {
        return Err(
            "DATETIME() takes dateStyle and timeStyle, or fields such as month and \
                    year, not both"
                .to_owned(),
        );
    }
    if let Some(style @ ("full" | "long")) = time_style {
        return Err(format!(
            "DATETIME() timeStyle \"{style}\" writes a time zone, and dates in the data carry \
             none; use \"medium\" or \"short\""
        ));
    }
    if date_style.is_some() || time_style.is_some() {
        let mut format = styles(date_style, time_style);
        format.hour12 = hour12;
        return Ok(format);
    }
    if !has_fields {
        return Ok(DateFormat { hour12, ..default });
    }
    let mut format = fields(named)?;
    format.hour12 = hour12;
    Ok(format)
}

/// `dateStyle` and `timeStyle`.
fn styles(date_style: Option<&str>, time_style: Option<&str>) -> DateFormat {
    let (date, length, year) = match date_style {
        Some("full") => (Some(DateParts::YMDE), Length::Long, YearStyle::Full),
        Some("long") => (Some(DateParts::YMD), Length::Long, YearStyle::Full),
        Some("medium") => (Some(DateParts::YMD), Length::Medium, YearStyle::Full),
        Some(_) => (Some(DateParts::YMD), Length::Short, YearStyle::Auto),
        None => (None, Length::Medium, YearStyle::Full),
    };
    let time = time_style.map(|style| match style {
        "short" => TimePrecision::Minute,
        _ => TimePrecision::Second,
    });
    DateFormat {
        date,
        length,
        year,
        two_digit: false,
        time,
        hour12: None,
    }
}

/// The fields one by one, as ICU4X can combine them.
fn fields(named: &FluentArgs) -> Result<DateFormat, String> {
    let get = |name| string_option(named, name);
    // An era alone asks for the default date with its era, as in ECMA-402.
    let era_alone = get("era").is_some()
        && ["weekday", "year", "month", "day"]
            .iter()
            .all(|name| get(name).is_none());
    let parts = (
        get("weekday").is_some(),
        get("year").is_some() || get("era").is_some(),
        get("month").is_some() || era_alone,
        get("day").is_some() || era_alone,
    );
    let date = match parts {
        (false, false, false, false) => None,
        (false, false, false, true) => Some(DateParts::D),
        (false, false, true, true) => Some(DateParts::MD),
        (false, true, true, true) => Some(DateParts::YMD),
        (true, false, false, true) => Some(DateParts::DE),
        (true, false, true, true) => Some(DateParts::MDE),
        (true, true, true, true) => Some(DateParts::YMDE),
        (true, false, false, false) => Some(DateParts::E),
        (false, false, true, false) => Some(DateParts::M),
        (false, true, true, false) => Some(DateParts::YM),
        (false, true, false, false) => Some(DateParts::Y),
        _ => {
            return Err(
                "DATETIME() cannot write these date fields together: with a day, \
                        give the month too; with a weekday, give a day"
                    .to_owned(),
            );
        }
    };
    let length = match (get("month"), get("weekday")) {
        (Some("long"), _) | (None, Some("long")) => Length::Long,
        (Some("short"), _) | (None, Some("short")) => Length::Medium,
        _ => Length::Short,
    };
    let year = match (get("era"), get("year")) {
        (Some(_), _) => YearStyle::WithEra,
        (None, Some("2-digit")) => YearStyle::Auto,
        _ => YearStyle::Full,
    };
    let time = time_precision(named)?;
    if time.is_some() && matches!(date, Some(DateParts::E)) {
        // ICU4X 2.4 writes "Tuesday 9:5" for this field set, and panics on
        // some locales' data for the hour alone.
        return Err(
            "DATETIME() cannot write a weekday and a time without the day; \
                    add day: \"numeric\""
                .to_owned(),
        );
    }
    Ok(DateFormat {
        date,
        length,
        year,
        two_digit: get("month") == Some("2-digit")
            || get("day") == Some("2-digit")
            || get("hour") == Some("2-digit"),
        time,
        hour12: None,
    })
}

/// The time fields: `hour`, then `minute`, `second` and the fraction,
/// each needing the one before.
fn time_precision(named: &FluentArgs) -> Result<Option<TimePrecision>, String> {
    let get = |name| string_option(named, name);
    if get("hour").is_none() && (get("minute").is_some() || get("second").is_some()) {
        return Err("DATETIME() writes minutes and seconds after the hour; \
                    add hour: \"numeric\""
            .to_owned());
    }
    Ok(
        match (
            get("hour"),
            get("minute"),
            get("second"),
            named.get("fractionalSecondDigits"),
        ) {
            (_, _, _, Some(digits)) => Some(TimePrecision::Subsecond(subsecond(digits)?)),
            (_, _, Some(_), None) => Some(TimePrecision::Second),
            (_, Some(_), None, None) => Some(TimePrecision::Minute),
            (Some(_), None, None, None) => Some(TimePrecision::Hour),
            _ => None,
        },
    )
}

/// `fractionalSecondDigits`: 1, 2 or 3.
fn subsecond(value: &FluentValue) -> Result<SubsecondDigits, String> {
    let digits = match value {
        FluentValue::Number(n) => n.value.to_string(),
        FluentValue::String(s) => s.to_string(),
        _ => String::new(),
    };
    match digits.as_str() {
        "1" => Ok(SubsecondDigits::S1),
        "2" => Ok(SubsecondDigits::S2),
        "3" => Ok(SubsecondDigits::S3),
        _ => Err(format!(
            "DATETIME() option `fractionalSecondDigits` cannot be \"{digits}\" (use one of: 1, 2, 3)"
        )),
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

    #[test]
    fn fields_combine_as_ecma_402_writes_them() {
        let d = "2022-02-28T09:05:09";
        let field = |options: &str| date("en", &format!("{{ DATETIME($d, {options}) }}"), d);
        assert_eq!(field("weekday: \"long\""), "Monday");
        assert_eq!(field("month: \"long\", day: \"numeric\""), "February 28");
        assert_eq!(
            field("year: \"numeric\", month: \"numeric\", day: \"numeric\""),
            "2/28/2022"
        );
        assert_eq!(
            field("hour: \"2-digit\", minute: \"2-digit\""),
            "09:05\u{202f}AM"
        );
        assert_eq!(
            field("hour: \"numeric\", minute: \"2-digit\", hour12: \"false\""),
            "09:05"
        );
        assert_eq!(
            date(
                "es",
                "{ DATETIME($d, weekday: \"long\", month: \"long\", day: \"numeric\") }",
                d
            ),
            "lunes, 28 de febrero"
        );
    }

    /// Combinations ICU4X cannot write (or writes wrong) are refused with
    /// what to do instead, never written half right.
    #[test]
    fn impossible_field_combinations_are_refused() {
        let d = [("d", FluentValue::from("2022-02-28T09:05:09"))];
        let errors = |options: &str| {
            format("en", &format!("{{ DATETIME($d, {options}) }}"), &d)
                .errors
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            errors("weekday: \"long\", hour: \"numeric\""),
            ["DATETIME() cannot write a weekday and a time without the day; add day: \"numeric\""]
        );
        assert_eq!(
            errors("minute: \"2-digit\""),
            ["DATETIME() writes minutes and seconds after the hour; add hour: \"numeric\""]
        );
        assert!(
            errors("year: \"numeric\", day: \"numeric\"")[0]
                .contains("cannot write these date fields")
        );
        assert!(errors("month: \"narrow\"")[0].contains("cannot be \"narrow\""));
        assert!(errors("dateStyle: \"long\", month: \"long\"")[0].contains("not both"));
        assert!(errors("timeStyle: \"full\"")[0].contains("writes a time zone"));
    }
}
