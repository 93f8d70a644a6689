//! Custom Fluent values that format themselves per locale (dates, compact
//! numbers): one [`FluentType`](fluent_bundle::types::FluentType)
//! implementation for all of them.
//!
//! fluent-bundle asks a custom value for its text through the bundle's
//! memoizer; every such value here only needs the bundle's ICU4X locale, so
//! the plumbing lives once, in [`localized_fluent_type!`], and each value
//! says only how it looks in a locale ([`LocalizedValue`]).

use icu::locale::Locale;

/// A value whose text depends only on the locale it is written in.
pub(super) trait LocalizedValue {
    /// The value's text in `locale`.
    fn format_in(&self, locale: &Locale) -> String;
}

/// Implements `FluentType` for types that are [`LocalizedValue`] and
/// `Clone + Debug + PartialEq + Send + 'static`. (A blanket implementation
/// is not allowed: `FluentType` is fluent-bundle's trait.)
macro_rules! localized_fluent_type {
    ($($type:ty),+ $(,)?) => {$(
        impl ::fluent_bundle::types::FluentType for $type {
            fn duplicate(&self) -> Box<dyn ::fluent_bundle::types::FluentType + Send> {
                Box::new(self.clone())
            }
            fn as_string(
                &self,
                intls: &::intl_memoizer::IntlLangMemoizer,
            ) -> ::std::borrow::Cow<'static, str> {
                $crate::l10n::intl::locale::with_locale(intls, |locale| {
                    $crate::l10n::intl::value::LocalizedValue::format_in(self, locale)
                })
                .unwrap_or_default()
                .into()
            }
            fn as_string_threadsafe(
                &self,
                intls: &::intl_memoizer::concurrent::IntlLangMemoizer,
            ) -> ::std::borrow::Cow<'static, str> {
                $crate::l10n::intl::locale::with_locale_threadsafe(intls, |locale| {
                    $crate::l10n::intl::value::LocalizedValue::format_in(self, locale)
                })
                .unwrap_or_default()
                .into()
            }
        }
    )+};
}

pub(super) use localized_fluent_type;
