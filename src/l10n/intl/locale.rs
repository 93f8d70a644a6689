//! The ICU4X locale of a bundle: Fluent speaks `unic_langid`, ICU4X speaks
//! `icu::locale`, and the conversion is memoized once per bundle.

use icu::locale::Locale;
use intl_memoizer::{IntlLangMemoizer, Memoizable, concurrent};
use unic_langid::LanguageIdentifier;

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
pub(crate) fn to_icu_locale(lang: &LanguageIdentifier) -> Locale {
    lang.to_string().parse().unwrap_or(Locale::UNKNOWN)
}

/// Runs `f` with the locale of the bundle that owns `intls`.
pub(super) fn with_locale<R>(intls: &IntlLangMemoizer, f: impl FnOnce(&Locale) -> R) -> Option<R> {
    intls.with_try_get::<IcuLocale, _, _>((), |l| f(&l.0)).ok()
}

/// [`with_locale`] for the thread-safe memoizer of concurrent bundles.
pub(super) fn with_locale_threadsafe<R>(
    intls: &concurrent::IntlLangMemoizer,
    f: impl FnOnce(&Locale) -> R,
) -> Option<R> {
    intls.with_try_get::<IcuLocale, _, _>((), |l| f(&l.0)).ok()
}
