//! Numbers and dates outside messages: a chart's tick and value labels are
//! written as `NUMBER(value, options)` or `DATETIME(value, options)` would
//! write them in a message of the language, through the very functions a
//! message calls, so that a chart's "61,4 %" and the text's agree.

use fluent_bundle::{FluentArgs, FluentValue};
use intl_memoizer::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use super::date::{self, DateValue};
use super::locale::with_locale;
use super::number::{self, format_number};
use super::sink::{ErrorSink, Misuse};

/// Writes `value` (a number, or a [`DateValue`]) for `lang` with `options`,
/// as `NUMBER` (or `DATETIME` for a date) would; the options' misuse comes
/// back instead, every mistake at once.
pub(crate) fn format_with_options(
    lang: &LanguageIdentifier,
    value: FluentValue<'static>,
    options: &FluentArgs<'_>,
) -> Result<String, Vec<Misuse>> {
    let sink = ErrorSink::default();
    let is_date = matches!(&value, FluentValue::Custom(c) if c.as_ref().as_any().is::<DateValue>());
    let positional = [value];
    let result = if is_date {
        date::datetime_function(&positional, options, &sink)
    } else {
        number::number_function(&positional, options, &sink)
    };
    let misuse = sink.take();
    if !misuse.is_empty() {
        return Err(misuse);
    }
    let intls = IntlLangMemoizer::new(lang.clone());
    Ok(match result {
        FluentValue::Custom(custom) => custom.as_string(&intls).into_owned(),
        FluentValue::Number(n) => with_locale(&intls, |l| format_number(l, &n)).unwrap_or_default(),
        FluentValue::String(s) => s.into_owned(),
        _ => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(lang: &str, value: FluentValue<'static>, options: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in options {
            args.set(*name, FluentValue::from(*value));
        }
        format_with_options(&lang.parse().expect("tag"), value, &args).expect("formats")
    }

    #[test]
    fn numbers_and_dates_are_written_as_in_a_message() {
        assert_eq!(write("es", FluentValue::from(1500.0), &[]), "1500");
        assert_eq!(write("es", FluentValue::from(15000.0), &[]), "15.000");
        assert_eq!(write("en", FluentValue::from(15000.0), &[]), "15,000");
        assert_eq!(
            write(
                "es",
                FluentValue::from(0.614),
                &[("style", "percent"), ("maximumFractionDigits", "1")]
            ),
            "61,4\u{a0}%"
        );
        assert_eq!(
            write(
                "en",
                FluentValue::from(0.614),
                &[("style", "percent"), ("maximumFractionDigits", "1")]
            ),
            "61.4%"
        );
        let day: toml::value::Datetime = "2022-02-28".parse().expect("date");
        let date = || FluentValue::Custom(Box::new(DateValue::new(day)));
        assert_eq!(write("es", date(), &[("month", "short")]), "feb");
        assert_eq!(
            write(
                "en",
                date(),
                &[("day", "numeric"), ("month", "short"), ("year", "numeric")]
            ),
            "Feb 28, 2022"
        );
    }

    #[test]
    fn misuse_is_returned() {
        let mut args = FluentArgs::new();
        args.set("style", FluentValue::from("percentage"));
        let misuse =
            format_with_options(&"en".parse().expect("tag"), FluentValue::from(1.0), &args)
                .expect_err("an unknown style");
        assert!(!misuse.is_empty());
    }
}
