//! Locale-correct numbers, money, percentages and dates for Fluent, backed by
//! ICU4X.
//!
//! fluent-rs prints `1234567.891` in every locale and has no `DATETIME`;
//! Typst has no decimal comma. This module gives every catalog:
//!
//! - `NUMBER($n, style: "decimal"|"percent"|"currency", currency: "USD",
//!   currencyDisplay: "symbol"|"code"|"name", minimumFractionDigits,
//!   maximumFractionDigits, useGrouping: "false", notation: "compact",
//!   compactDisplay: "long"|"short")`
//! - `DATETIME($d, dateStyle: "full"|"long"|"medium"|"short", timeStyle:
//!   "short"|"medium", month: "long"|"short"|"numeric", year: "numeric")`
//! - a formatter that prints any bare number or date the locale's way.
//!
//! Numbers stay Fluent numbers (so select expressions still pick CLDR plural
//! categories); compact numbers and dates are custom Fluent values. Fluent
//! functions cannot return errors, so misuse (a date given to `NUMBER`, an
//! unknown option) is recorded in a per-thread list that
//! [`take_errors`] hands to the catalog after each message.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::types::{
    FluentNumber, FluentNumberCurrencyDisplayStyle, FluentNumberOptions, FluentNumberStyle,
    FluentType,
};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use icu::datetime::DateTimeFormatter;
use icu::datetime::fieldsets::{
    self,
    enums::{CalendarPeriodFieldSet, CompositeDateTimeFieldSet, DateAndTimeFieldSet, DateFieldSet},
};
use icu::datetime::input::{Date, DateTime, Time};
use icu::decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu::decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use intl_memoizer::{IntlLangMemoizer, Memoizable};
use unic_langid::LanguageIdentifier;

thread_local! {
    static ERRORS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    // Building an ICU4X formatter costs far more than using one, and a
    // report formats thousands of values with a handful of styles.
    static DATE_FORMATTERS: Cache<DateKey, DateTimeFormatter<CompositeDateTimeFieldSet>> =
        RefCell::new(HashMap::new());
    static DECIMAL_FORMATTERS: Cache<(String, bool), DecimalFormatter> = RefCell::new(HashMap::new());
    static PLURAL_RULES: Cache<(String, bool), icu::plurals::PluralRules> = RefCell::new(HashMap::new());
}

/// Formatters by what built them; `None` remembers that building failed.
type Cache<K, V> = RefCell<HashMap<K, Option<Rc<V>>>>;

/// Locale, date style, time style, and whether the value has a time.
type DateKey = (String, DateStyle, Option<Length>, bool);

/// Looks a formatter up in a per-thread cache, building it on first use.
fn cached<K: std::hash::Hash + Eq, V>(
    cache: &'static std::thread::LocalKey<Cache<K, V>>,
    key: K,
    build: impl FnOnce() -> Option<V>,
) -> Option<Rc<V>> {
    if let Some(found) = cache.with(|c| c.borrow().get(&key).cloned()) {
        return found;
    }
    let built = build().map(Rc::new);
    cache.with(|c| c.borrow_mut().insert(key, built.clone()));
    built
}

fn record_error(message: String) {
    ERRORS.with(|errors| errors.borrow_mut().push(message));
}

/// The formatting errors recorded on this thread since the last call.
pub fn take_errors() -> Vec<String> {
    ERRORS.with(|errors| std::mem::take(&mut *errors.borrow_mut()))
}

/// Installs `NUMBER`, `DATETIME`, the plural selector and the locale-aware
/// formatter in a bundle for `lang`.
pub fn install(bundle: &mut FluentBundle<FluentResource>, lang: &LanguageIdentifier) {
    // Adding a function only fails for a duplicate name; these are the first.
    let _ = bundle.add_function("NUMBER", number_function);
    let _ = bundle.add_function("DATETIME", datetime_function);
    let locale = to_icu_locale(lang);
    let _ = bundle.add_function(
        PLURAL_FUNCTION,
        move |positional, _named| match positional {
            [FluentValue::Number(number)] => {
                FluentValue::String(plural_category(&locale, number).into())
            }
            [other] => other.clone(),
            _ => FluentValue::Error,
        },
    );
    bundle.set_formatter(Some(format_value));
}

/// The internal function that select expressions on numbers go through.
const PLURAL_FUNCTION: &str = "PLURAL";

/// The names of the functions [`install`] adds. fluent-bundle keeps
/// functions, messages and terms in one namespace, so these names cannot be
/// message or term ids.
pub const FUNCTIONS: [&str; 3] = ["NUMBER", "DATETIME", PLURAL_FUNCTION];

/// fluent-rs picks plural variants with an old copy of the CLDR rules (it
/// puts Spanish 1000000 in "other", where CLDR now says "many"). So every
/// select expression whose selector is a variable or a `NUMBER()` call, and
/// whose keys are all category names, selects on `PLURAL(selector)` instead:
/// a function that returns the ICU4X category name for numbers and passes
/// anything else through, so the match becomes a plain string comparison.
pub fn use_cldr_plurals(resource: &mut fluent_syntax::ast::Resource<&str>) {
    for entry in &mut resource.body {
        patterns_mut(entry).into_iter().for_each(wrap_pattern);
    }
}

/// Every pattern of an entry: a message's value and attributes, or a
/// term's; none for comments and junk.
pub fn patterns_mut<'a, 's>(
    entry: &'a mut fluent_syntax::ast::Entry<&'s str>,
) -> Vec<&'a mut fluent_syntax::ast::Pattern<&'s str>> {
    use fluent_syntax::ast::Entry;
    match entry {
        Entry::Message(message) => message
            .value
            .iter_mut()
            .chain(message.attributes.iter_mut().map(|a| &mut a.value))
            .collect(),
        Entry::Term(term) => std::iter::once(&mut term.value)
            .chain(term.attributes.iter_mut().map(|a| &mut a.value))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether an entry has a select expression that [`use_cldr_plurals`] rewrites.
pub fn needs_cldr_plurals(entry: &fluent_syntax::ast::Entry<&str>) -> bool {
    use fluent_syntax::ast::{
        Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
    };
    fn pattern(p: &Pattern<&str>) -> bool {
        p.elements.iter().any(|e| match e {
            PatternElement::Placeable { expression } => expression_needs(expression),
            PatternElement::TextElement { .. } => false,
        })
    }
    fn expression_needs(e: &Expression<&str>) -> bool {
        match e {
            Expression::Select { selector, variants } => {
                let numeric = match selector {
                    InlineExpression::VariableReference { .. } => true,
                    InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                    _ => false,
                };
                let named = variants
                    .iter()
                    .all(|v| matches!(v.key, VariantKey::Identifier { .. }));
                (numeric && named) || variants.iter().any(|v| pattern(&v.value))
            }
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                expression_needs(expression)
            }
            Expression::Inline(_) => false,
        }
    }
    match entry {
        Entry::Message(m) => {
            m.value.as_ref().is_some_and(pattern) || m.attributes.iter().any(|a| pattern(&a.value))
        }
        Entry::Term(t) => pattern(&t.value) || t.attributes.iter().any(|a| pattern(&a.value)),
        _ => false,
    }
}

fn wrap_pattern(pattern: &mut fluent_syntax::ast::Pattern<&str>) {
    use fluent_syntax::ast::PatternElement;
    for element in &mut pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            wrap_expression(expression);
        }
    }
}

fn wrap_expression(expression: &mut fluent_syntax::ast::Expression<&str>) {
    use fluent_syntax::ast::{CallArguments, Expression, Identifier, InlineExpression, VariantKey};
    match expression {
        Expression::Select { selector, variants } => {
            let numeric_selector = match selector {
                InlineExpression::VariableReference { .. } => true,
                InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                _ => false,
            };
            let named_keys = variants
                .iter()
                .all(|v| matches!(v.key, VariantKey::Identifier { .. }));
            if numeric_selector && named_keys {
                let inner =
                    std::mem::replace(selector, InlineExpression::StringLiteral { value: "" });
                *selector = InlineExpression::FunctionReference {
                    id: Identifier {
                        name: PLURAL_FUNCTION,
                    },
                    arguments: CallArguments {
                        positional: vec![inner],
                        named: Vec::new(),
                    },
                };
            }
            for variant in variants {
                wrap_pattern(&mut variant.value);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            wrap_expression(expression)
        }
        Expression::Inline(_) => {}
    }
}

/// The CLDR cardinal plural categories of a language, in CLDR order.
pub fn plural_categories(lang: &LanguageIdentifier) -> Vec<&'static str> {
    use icu::plurals::{PluralCategory, PluralRules};
    let Ok(rules) = PluralRules::try_new_cardinal((&to_icu_locale(lang)).into()) else {
        return vec!["other"];
    };
    rules
        .categories()
        .map(|category| match category {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        })
        .collect()
}

/// The CLDR plural category of a number in `locale` ("one", "many", …),
/// honouring the fraction digits its options make visible.
pub fn plural_category(locale: &Locale, number: &FluentNumber) -> &'static str {
    use fluent_bundle::types::FluentNumberType;
    use icu::plurals::{PluralCategory, PluralRules};
    let ordinal = number.options.r#type == FluentNumberType::Ordinal;
    let rules = cached(&PLURAL_RULES, (locale.to_string(), ordinal), || {
        if ordinal {
            PluralRules::try_new_ordinal(locale.into()).ok()
        } else {
            PluralRules::try_new_cardinal(locale.into()).ok()
        }
    });
    let Some(rules) = rules else { return "other" };
    let min = number.options.minimum_fraction_digits.unwrap_or(0);
    let max = number.options.maximum_fraction_digits.unwrap_or(3).max(min);
    match rules.category_for(&to_decimal(number.value, min, max)) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The locale a bundle formats for, memoized per bundle by Fluent.
struct IcuLocale(Locale);

impl Memoizable for IcuLocale {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _args: ()) -> Result<Self, ()> {
        Ok(IcuLocale(to_icu_locale(&lang)))
    }
}

/// Converts a Fluent language identifier to an ICU4X locale.
pub fn to_icu_locale(lang: &LanguageIdentifier) -> Locale {
    lang.to_string().parse().unwrap_or(Locale::UNKNOWN)
}

fn with_locale<R>(intls: &IntlLangMemoizer, f: impl FnOnce(&Locale) -> R) -> Option<R> {
    intls.with_try_get::<IcuLocale, _, _>((), |l| f(&l.0)).ok()
}

/// Fluent's formatter hook: every number that reaches text goes through ICU4X.
fn format_value(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(number) => with_locale(intls, |locale| format_number(locale, number)),
        _ => None,
    }
}

/// Formats a Fluent number with its options for `locale`.
pub fn format_number(locale: &Locale, number: &FluentNumber) -> String {
    let options = &number.options;
    let fraction = |default_max: usize| {
        let max = options
            .maximum_fraction_digits
            .unwrap_or(default_max.max(options.minimum_fraction_digits.unwrap_or(0)));
        let min = options.minimum_fraction_digits.unwrap_or(0).min(max);
        (min, max)
    };
    match options.style {
        FluentNumberStyle::Decimal => {
            let (min, max) = fraction(3);
            let mut decimal_options = DecimalFormatterOptions::default();
            if !options.use_grouping {
                decimal_options.grouping_strategy = Some(GroupingStrategy::Never);
            }
            let formatter = cached(
                &DECIMAL_FORMATTERS,
                (locale.to_string(), options.use_grouping),
                || DecimalFormatter::try_new(locale.into(), decimal_options).ok(),
            );
            match formatter {
                Some(formatter) => formatter
                    .format(&to_decimal(number.value, min, max))
                    .to_string(),
                None => number.as_string().into_owned(),
            }
        }
        FluentNumberStyle::Percent => {
            let (min, max) = fraction(0);
            let mut decimal = to_decimal(number.value * 100.0, min, max);
            decimal.absolute.trim_start();
            match PercentFormatter::try_new(locale.into(), Default::default()) {
                Ok(formatter) => formatter.format(&decimal).to_string(),
                Err(_) => format!("{}%", number.value * 100.0),
            }
        }
        FluentNumberStyle::Currency => {
            let code = options.currency.as_deref().unwrap_or("USD");
            let Ok(currency) = code.parse::<CurrencyType>() else {
                return number.as_string().into_owned();
            };
            let (min, max) = fraction(2);
            let decimal = to_decimal(number.value, min, max);
            let prefs = locale.into();
            let formatter = match options.currency_display {
                FluentNumberCurrencyDisplayStyle::Symbol => {
                    CurrencyFormatter::try_new_symbol(prefs, currency, Default::default())
                }
                FluentNumberCurrencyDisplayStyle::Code => {
                    CurrencyFormatter::try_new_code(prefs, currency, Default::default())
                }
                FluentNumberCurrencyDisplayStyle::Name => {
                    CurrencyFormatter::try_new_name(prefs, currency)
                }
            };
            match formatter {
                Ok(formatter) => formatter.format_fixed_decimal(&decimal).to_string(),
                Err(_) => format!("{} {code}", number.as_string()),
            }
        }
    }
}

/// Rounds half-even to at most `max` fraction digits, then pads to `min`.
fn to_decimal(value: f64, min: usize, max: usize) -> Decimal {
    let mut decimal = Decimal::try_from_f64(value, FloatPrecision::RoundTrip).unwrap_or_default();
    let max = i16::try_from(max.min(20)).unwrap_or(20);
    let min = i16::try_from(min.min(20)).unwrap_or(0);
    decimal.round(-max);
    decimal.absolute.trim_end();
    decimal.absolute.pad_end(-min);
    decimal
}

/// A number in compact notation ("322 millones"): a custom value, since
/// Fluent's number options have no notation.
#[derive(Debug, Clone, PartialEq)]
struct CompactNumber {
    value: f64,
    long: bool,
    currency: Option<String>,
}

impl CompactNumber {
    fn format(&self, locale: &Locale) -> String {
        let decimal =
            Decimal::try_from_f64(self.value, FloatPrecision::RoundTrip).unwrap_or_default();
        let text = match &self.currency {
            Some(code) => code.parse::<CurrencyType>().ok().and_then(|currency| {
                let formatter = if self.long {
                    CurrencyFormatter::try_new_compact_long_symbol(
                        locale.into(),
                        currency,
                        Default::default(),
                    )
                } else {
                    CurrencyFormatter::try_new_compact_symbol(
                        locale.into(),
                        currency,
                        Default::default(),
                    )
                };
                formatter
                    .ok()
                    .map(|f| f.format_fixed_decimal(&decimal).to_string())
            }),
            None => {
                let formatter = if self.long {
                    CompactDecimalFormatter::try_new_long(locale.into(), Default::default())
                } else {
                    CompactDecimalFormatter::try_new_short(locale.into(), Default::default())
                };
                formatter.ok().map(|f| f.format(&decimal).to_string())
            }
        };
        text.unwrap_or_else(|| self.value.to_string())
    }
}

impl FluentType for CompactNumber {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }
    fn as_string(&self, intls: &IntlLangMemoizer) -> Cow<'static, str> {
        with_locale(intls, |locale| self.format(locale))
            .unwrap_or_default()
            .into()
    }
    fn as_string_threadsafe(
        &self,
        intls: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        intls
            .with_try_get::<IcuLocale, _, _>((), |l| self.format(&l.0))
            .unwrap_or_default()
            .into()
    }
}

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
        let prefs = locale.into();
        let time = self
            .value
            .time
            .and_then(|t| Time::try_new(t.hour, t.minute, t.second.unwrap_or(0), 0).ok());
        let field_set: CompositeDateTimeFieldSet = match (self.date_style, self.time, time) {
            (style, Some(precision), Some(_)) => {
                let with_time = |set: fieldsets::YMD| match precision {
                    Length::Short => set.with_time_hm(),
                    _ => set.with_time_hms(),
                };
                let set = match style {
                    DateStyle::Medium => fieldsets::YMD::medium(),
                    DateStyle::Short => fieldsets::YMD::short(),
                    _ => fieldsets::YMD::long(),
                };
                CompositeDateTimeFieldSet::DateTime(DateAndTimeFieldSet::YMDT(with_time(set)))
            }
            (DateStyle::Full, _, _) => date_set(DateFieldSet::YMDE(fieldsets::YMDE::long())),
            (DateStyle::Long, _, _) => date_set(DateFieldSet::YMD(fieldsets::YMD::long())),
            (DateStyle::Medium, _, _) => date_set(DateFieldSet::YMD(fieldsets::YMD::medium())),
            (DateStyle::Short, _, _) => date_set(DateFieldSet::YMD(fieldsets::YMD::short())),
            (DateStyle::MonthYear(length), _, _) => {
                let set = match length {
                    Length::Long => fieldsets::YM::long(),
                    Length::Medium => fieldsets::YM::medium(),
                    Length::Short => fieldsets::YM::short(),
                };
                CompositeDateTimeFieldSet::CalendarPeriod(CalendarPeriodFieldSet::YM(set))
            }
            (DateStyle::Year, _, _) => CompositeDateTimeFieldSet::CalendarPeriod(
                CalendarPeriodFieldSet::Y(fieldsets::Y::long()),
            ),
        };
        let key = (
            locale.to_string(),
            self.date_style,
            self.time,
            time.is_some(),
        );
        let Some(formatter) = cached(&DATE_FORMATTERS, key, || {
            DateTimeFormatter::try_new(prefs, field_set).ok()
        }) else {
            return fallback();
        };
        match time {
            Some(time) => formatter.format(&DateTime { date, time }).to_string(),
            None => formatter
                .format(&DateTime {
                    date,
                    time: Time::start_of_day(),
                })
                .to_string(),
        }
    }
}

fn date_set(set: DateFieldSet) -> CompositeDateTimeFieldSet {
    CompositeDateTimeFieldSet::Date(set)
}

impl FluentType for DateValue {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }
    fn as_string(&self, intls: &IntlLangMemoizer) -> Cow<'static, str> {
        with_locale(intls, |locale| self.format(locale))
            .unwrap_or_default()
            .into()
    }
    fn as_string_threadsafe(
        &self,
        intls: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        intls
            .with_try_get::<IcuLocale, _, _>((), |l| self.format(&l.0))
            .unwrap_or_default()
            .into()
    }
}

fn string_option<'a>(named: &'a FluentArgs<'a>, key: &'a str) -> Option<&'a str> {
    match named.get(key) {
        Some(FluentValue::String(s)) => Some(s.as_ref()),
        _ => None,
    }
}

fn check_options(function: &str, named: &FluentArgs, allowed: &[(&str, &[&str])]) -> bool {
    let mut ok = true;
    for (key, value) in named.iter() {
        match allowed.iter().find(|(name, _)| *name == key) {
            None => {
                let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
                record_error(format!(
                    "{function}() has no option `{key}` (options: {})",
                    names.join(", ")
                ));
                ok = false;
            }
            Some((_, values)) if !values.is_empty() => {
                let text = match value {
                    FluentValue::String(s) => s.to_string(),
                    FluentValue::Number(n) => n.value.to_string(),
                    _ => String::new(),
                };
                if !values.contains(&text.as_str()) {
                    record_error(format!(
                        "{function}() option `{key}` cannot be \"{text}\" (use one of: {})",
                        values.join(", ")
                    ));
                    ok = false;
                }
            }
            Some(_) => {}
        }
    }
    ok
}

const NUMBER_OPTIONS: &[(&str, &[&str])] = &[
    ("style", &["decimal", "percent", "currency"]),
    ("currency", &[]),
    ("currencyDisplay", &["symbol", "code", "name"]),
    ("useGrouping", &["true", "false"]),
    ("minimumFractionDigits", &[]),
    ("maximumFractionDigits", &[]),
    ("minimumIntegerDigits", &[]),
    ("notation", &["standard", "compact"]),
    ("compactDisplay", &["long", "short"]),
    ("type", &["cardinal", "ordinal"]),
];

fn number_function<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let value = match positional {
        [FluentValue::Number(n)] => n.clone(),
        [FluentValue::String(s)] if s.trim().parse::<f64>().is_ok() => FluentNumber::new(
            s.trim().parse().unwrap_or_default(),
            FluentNumberOptions::default(),
        ),
        [FluentValue::Custom(c)] if c.as_ref().as_any().is::<DateValue>() => {
            record_error("NUMBER() was given a date; use DATETIME() for dates".to_owned());
            return FluentValue::Error;
        }
        [FluentValue::String(s)] => {
            record_error(format!("NUMBER() was given the text \"{s}\", not a number"));
            return FluentValue::Error;
        }
        [FluentValue::Error | FluentValue::None] => return FluentValue::Error,
        _ => {
            record_error("NUMBER() takes exactly one number".to_owned());
            return FluentValue::Error;
        }
    };
    if !check_options("NUMBER", named, NUMBER_OPTIONS) {
        return FluentValue::Error;
    }
    let mut options = value.options.clone();
    options.merge(named);
    if let Some(FluentValue::String(flag)) = named.get("useGrouping") {
        options.use_grouping = flag != "false";
    }
    if options.style == FluentNumberStyle::Currency && options.currency.is_none() {
        record_error(
            "NUMBER() with style: \"currency\" needs a currency, e.g. currency: \"USD\"".to_owned(),
        );
        return FluentValue::Error;
    }
    if let Some(code) = &options.currency
        && code.parse::<CurrencyType>().is_err()
    {
        record_error(format!("\"{code}\" is not an ISO 4217 currency code"));
        return FluentValue::Error;
    }
    if string_option(named, "notation") == Some("compact") {
        return FluentValue::Custom(Box::new(CompactNumber {
            value: value.value,
            long: string_option(named, "compactDisplay") != Some("short"),
            currency: (options.style == FluentNumberStyle::Currency)
                .then(|| options.currency.clone())
                .flatten(),
        }));
    }
    FluentValue::Number(FluentNumber::new(value.value, options))
}

const DATETIME_OPTIONS: &[(&str, &[&str])] = &[
    ("dateStyle", &["full", "long", "medium", "short"]),
    ("timeStyle", &["short", "medium"]),
    ("month", &["long", "short", "numeric", "2-digit"]),
    ("year", &["numeric", "2-digit"]),
];

fn datetime_function<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let date = match positional {
        [FluentValue::Custom(c)] => match c.as_ref().as_any().downcast_ref::<DateValue>() {
            Some(date) => date.clone(),
            None => {
                record_error("DATETIME() takes a date".to_owned());
                return FluentValue::Error;
            }
        },
        [FluentValue::String(s)] => match s.parse::<toml::value::Datetime>() {
            Ok(value) if value.date.is_some() => DateValue::new(value),
            _ => {
                record_error(format!("DATETIME() was given the text \"{s}\", not a date"));
                return FluentValue::Error;
            }
        },
        [FluentValue::Number(_)] => {
            record_error(
                "DATETIME() was given a number; give it a date such as 2022-02-28".to_owned(),
            );
            return FluentValue::Error;
        }
        [FluentValue::Error | FluentValue::None] => return FluentValue::Error,
        _ => {
            record_error("DATETIME() takes exactly one date".to_owned());
            return FluentValue::Error;
        }
    };
    if !check_options("DATETIME", named, DATETIME_OPTIONS) {
        return FluentValue::Error;
    }
    let month = string_option(named, "month");
    let year = string_option(named, "year");
    let date_style = match (string_option(named, "dateStyle"), month, year) {
        (Some("full"), _, _) => DateStyle::Full,
        (Some("long"), _, _) => DateStyle::Long,
        (Some("medium"), _, _) => DateStyle::Medium,
        (Some("short"), _, _) => DateStyle::Short,
        (_, Some("long"), _) => DateStyle::MonthYear(Length::Long),
        (_, Some("short"), _) => DateStyle::MonthYear(Length::Medium),
        (_, Some(_), _) => DateStyle::MonthYear(Length::Short),
        (_, None, Some(_)) => DateStyle::Year,
        _ => date.date_style,
    };
    let time = match string_option(named, "timeStyle") {
        Some("short") => Some(Length::Short),
        Some(_) => Some(Length::Medium),
        None => None,
    };
    if time.is_some() && date.value.time.is_none() {
        record_error(
            "DATETIME() was asked for a time, but the value is a date without one".to_owned(),
        );
    }
    FluentValue::Custom(Box::new(DateValue {
        value: date.value,
        date_style,
        time,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Problems, Source};
    use crate::l10n::Catalog;
    use crate::project::Language;

    fn format(
        tag: &str,
        ftl: &str,
        args: &[(&str, FluentValue<'static>)],
    ) -> (String, Vec<String>) {
        let mut problems = Problems::default();
        let language = Language::parse(tag).expect("tag");
        let catalog = Catalog::from_sources(
            language,
            vec![Source::new("t.ftl", format!("m = {ftl}\n"))],
            &mut problems,
        );
        assert!(problems.0.is_empty(), "{problems}");
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, v.clone());
        }
        catalog.format("m", None, Some(&fluent_args))
    }

    fn num(tag: &str, ftl: &str, n: f64) -> String {
        let (text, errors) = format(tag, ftl, &[("n", FluentValue::from(n))]);
        assert!(errors.is_empty(), "{errors:?}");
        text
    }

    fn date(tag: &str, ftl: &str, iso: &str) -> String {
        let value = DateValue::new(iso.parse().expect("date"));
        let (text, errors) = format(tag, ftl, &[("d", FluentValue::Custom(Box::new(value)))]);
        assert!(errors.is_empty(), "{errors:?}");
        text
    }

    #[test]
    fn decimal_numbers_follow_the_locale() {
        let f = "{ NUMBER($n, maximumFractionDigits: 1) }";
        assert_eq!(num("en", f, 1234567.891), "1,234,567.9");
        assert_eq!(num("es", f, 1234567.891), "1.234.567,9");
        assert_eq!(num("es-MX", f, 1234567.891), "1,234,567.9");
        assert_eq!(num("en", "{ $n }", 1234.0), "1,234");
        assert_eq!(num("es", "{ $n }", 1234.0), "1234");
        assert_eq!(num("es", "{ $n }", 12345.0), "12.345");
        assert_eq!(
            num("es", "{ NUMBER($n, minimumFractionDigits: 2) }", 0.5),
            "0,50"
        );
        assert_eq!(
            num("en", "{ NUMBER($n, useGrouping: \"false\") }", 1234567.0),
            "1234567"
        );
    }

    #[test]
    fn percent_currency_and_compact() {
        assert_eq!(num("en", "{ NUMBER($n, style: \"percent\") }", 0.25), "25%");
        assert_eq!(
            num("es", "{ NUMBER($n, style: \"percent\") }", 0.25),
            "25\u{a0}%"
        );
        let usd = "{ NUMBER($n, style: \"currency\", currency: \"USD\") }";
        assert_eq!(num("en", usd, 322_000_000.0), "$322,000,000.00");
        assert_eq!(num("es", usd, 322_000_000.0), "322.000.000,00\u{a0}US$");
        let compact = "{ NUMBER($n, notation: \"compact\") }";
        assert_eq!(num("en", compact, 322_000_000.0), "322 million");
        assert_eq!(num("es", compact, 322_000_000.0), "322 millones");
        let short = "{ NUMBER($n, notation: \"compact\", compactDisplay: \"short\") }";
        assert_eq!(num("en", short, 322_000_000.0), "322M");
        let money = "{ NUMBER($n, style: \"currency\", currency: \"USD\", notation: \"compact\") }";
        assert_eq!(num("en", money, 322_000_000.0), "$322 million");
        assert_eq!(num("es", money, 322_000_000.0), "322 millones\u{a0}US$");
    }

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
    fn plural_categories_come_from_cldr() {
        let f = "{ $n ->\n    [one] one\n    [many] many\n   *[other] other\n}";
        assert_eq!(num("es", f, 1.0), "one");
        assert_eq!(num("es", f, 1_000_000.0), "many");
        assert_eq!(num("es", f, 2.0), "other");
        assert_eq!(num("en", f, 2.0), "other");
        assert_eq!(num("en", f, 1.0), "one");
        assert_eq!(num("en", f, 1_000_000.0), "other");
        let visible =
            "{ NUMBER($n, minimumFractionDigits: 1) ->\n    [one] one\n   *[other] other\n}";
        assert_eq!(
            num("en", visible, 1.0),
            "other",
            "1.0 is not singular in English"
        );
        let exact = "{ $n ->\n    [0] none\n    [one] one\n   *[other] other\n}";
        assert_eq!(
            num("en", exact, 0.0),
            "none",
            "numeric keys keep Fluent's own matching"
        );
        let gender = "{ $g ->\n    [f] she\n   *[other] they\n}";
        let (text, _) = format("en", gender, &[("g", FluentValue::from("f"))]);
        assert_eq!(text, "she");
    }

    #[test]
    fn misuse_is_reported() {
        let value = DateValue::new("2022-02-28".parse().expect("date"));
        let (_, errors) = format(
            "en",
            "{ NUMBER($d) }",
            &[("d", FluentValue::Custom(Box::new(value)))],
        );
        assert_eq!(
            errors,
            ["NUMBER() was given a date; use DATETIME() for dates"]
        );
        let (_, errors) = format("en", "{ DATETIME($n) }", &[("n", FluentValue::from(3))]);
        assert!(
            errors[0].starts_with("DATETIME() was given a number"),
            "{errors:?}"
        );
        let (_, errors) = format(
            "en",
            "{ NUMBER($n, style: \"money\") }",
            &[("n", FluentValue::from(3))],
        );
        assert!(errors[0].contains("cannot be \"money\""), "{errors:?}");
    }
}
