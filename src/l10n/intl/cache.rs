//! Per-thread memo of ICU4X formatters and plural rules.
//!
//! Building an ICU4X formatter costs far more than using one, and a report
//! formats thousands of values with a handful of styles. The memo is only a
//! cache: losing it changes nothing but speed, so it may be per thread.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::rc::Rc;
use std::thread::LocalKey;

use icu::datetime::DateTimeFormatter;
use icu::datetime::fieldsets::enums::CompositeDateTimeFieldSet;
use icu::decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu::plurals::PluralRules;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;

use super::date::DateKey;
use super::number_format::{CompactDisplay, CurrencyDisplay};

/// Formatters by what built them; `None` remembers that building failed.
pub(super) type Cache<K, V> = RefCell<HashMap<K, Option<Rc<V>>>>;

/// When a decimal formatter groups digits (`1,234`, `1234`).
pub(super) type UseGrouping = icu::decimal::options::GroupingStrategy;

/// Whether plural rules are for ordinals (`1st`) or cardinals (`1 vote`).
pub(super) type Ordinal = bool;

thread_local! {
    pub(super) static DATE_FORMATTERS: Cache<DateKey, DateTimeFormatter<CompositeDateTimeFieldSet>> =
        RefCell::new(HashMap::new());
    pub(super) static DECIMAL_FORMATTERS: Cache<(String, UseGrouping), DecimalFormatter> =
        RefCell::new(HashMap::new());
    pub(super) static PLURAL_RULES: Cache<(String, Ordinal), PluralRules> =
        RefCell::new(HashMap::new());
    pub(super) static PERCENT_FORMATTERS: Cache<String, PercentFormatter<DecimalFormatter>> =
        RefCell::new(HashMap::new());
    pub(super) static COMPACT_FORMATTERS: Cache<(String, CompactDisplay), CompactDecimalFormatter> =
        RefCell::new(HashMap::new());
    pub(super) static CURRENCY_FORMATTERS: Cache<CurrencyKey, CurrencyFormatter<DecimalFormatter>> =
        RefCell::new(HashMap::new());
    pub(super) static COMPACT_CURRENCY_FORMATTERS:
        Cache<(CurrencyKey, CompactDisplay), CurrencyFormatter<CompactDecimalFormatter>> =
        RefCell::new(HashMap::new());
}

/// What a currency formatter is built for: locale, ISO code, display, and
/// whether it is for accounting.
pub(super) type CurrencyKey = (String, String, CurrencyDisplay, bool);

/// Looks a formatter up in a per-thread cache, building it on first use.
pub(super) fn cached<K: Hash + Eq, V>(
    cache: &'static LocalKey<Cache<K, V>>,
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
