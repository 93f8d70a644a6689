//! CLDR plural categories, and the rewrite that makes Fluent's select
//! expressions use them.
//!
//! fluent-rs picks plural variants with an old copy of the CLDR rules (it
//! puts Spanish 1000000 in "other", where CLDR now says "many"), and knows
//! nothing of the numbers `NUMBER()` returns here. So every select
//! expression whose selector is a variable or a `NUMBER()` call selects on
//! `PLURAL(selector, "1", …)` instead: a function that returns, for a
//! number, the key of the numeric variant it equals (Fluent's exact match
//! comes first) or else its ICU4X category name, and passes anything else
//! through, so the match becomes a plain string comparison. Numeric keys
//! become identifiers for that (`[1]` → `[report-number-1]`).

use fluent_bundle::FluentValue;
use fluent_syntax::ast::{
    CallArguments, Entry, Expression, Identifier, InlineExpression, Pattern, PatternElement,
    Resource, Variant, VariantKey,
};
use icu::locale::Locale;
use icu::plurals::{PluralCategory, PluralRules};
use unic_langid::LanguageIdentifier;

use super::amount::{Amount, NumberValue};
use super::cache::{PLURAL_RULES, cached};
use super::locale::to_icu_locale;
use super::number_format::NumberFormat;

/// The internal function that select expressions on numbers go through.
pub(super) const PLURAL_FUNCTION: &str = "PLURAL";

/// What a numeric variant key becomes: an identifier no CLDR category and
/// no message author's key uses.
const NUMBER_KEY_PREFIX: &str = "report-number-";

/// The `PLURAL` function of a bundle for `lang`: `PLURAL(selector, numeric
/// keys…)`.
pub(super) fn plural_function(
    lang: &LanguageIdentifier,
) -> impl for<'a> Fn(&[FluentValue<'a>], &fluent_bundle::FluentArgs) -> FluentValue<'a>
+ Send
+ Sync
+ 'static {
    let locale = to_icu_locale(lang);
    move |positional, _named| {
        let Some((selector, keys)) = positional.split_first() else {
            return FluentValue::Error;
        };
        let (amount, format) = match selector {
            FluentValue::Number(number) => (
                Amount::Float(number.value),
                NumberFormat::from_fluent(&number.options),
            ),
            FluentValue::Custom(custom) => match custom.as_any().downcast_ref::<NumberValue>() {
                Some(number) => (number.amount, number.format.clone()),
                None => return FluentValue::Custom(custom.duplicate()),
            },
            // Text that looks like a rewritten key must not match one.
            FluentValue::String(text) if text.starts_with(NUMBER_KEY_PREFIX) => {
                return FluentValue::String(format!("\u{0}{text}").into());
            }
            other => return other.clone(),
        };
        if let Some(key) = exact_key(amount, keys) {
            return FluentValue::String(key.into());
        }
        FluentValue::String(category_of(&locale, amount, &format).into())
    }
}

/// The rewritten key of the numeric variant `amount` equals, as Fluent
/// compares them (by value: `[1.0]` matches 1).
fn exact_key(amount: Amount, keys: &[FluentValue]) -> Option<String> {
    let value = match amount {
        Amount::Float(f) => f,
        Amount::Integer(i) => i as f64,
    };
    keys.iter().find_map(|key| match key {
        FluentValue::String(literal) if literal.parse::<f64>().ok() == Some(value) => {
            Some(number_key(literal))
        }
        _ => None,
    })
}

/// `name`, kept for the life of the program: the rewritten syntax tree
/// borrows its identifiers, and the distinct numeric keys of all catalogs
/// are few.
fn interned(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = names.get(name.as_str()) {
        return found;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.insert(leaked);
    leaked
}

/// The identifier a numeric variant key is rewritten to.
fn number_key(literal: &str) -> String {
    format!("{NUMBER_KEY_PREFIX}{}", literal.replace('.', "_"))
}

/// The CLDR cardinal plural categories of a language, in CLDR order.
pub(crate) fn plural_categories(lang: &LanguageIdentifier) -> Vec<&'static str> {
    let Ok(rules) = PluralRules::try_new_cardinal((&to_icu_locale(lang)).into()) else {
        return vec!["other"];
    };
    rules.categories().map(category_name).collect()
}

/// The CLDR ordinal plural categories of a language, in CLDR order.
pub(crate) fn ordinal_categories(lang: &LanguageIdentifier) -> Vec<&'static str> {
    let Ok(rules) = PluralRules::try_new_ordinal((&to_icu_locale(lang)).into()) else {
        return vec!["other"];
    };
    rules.categories().map(category_name).collect()
}

/// The CLDR plural category of an amount written with `format`: as
/// `Intl.PluralRules` does, on the number rounded by its digit options
/// (those of a plain number: money and shares are not scaled or rounded to
/// minor units for this).
fn category_of(locale: &Locale, amount: Amount, format: &NumberFormat) -> &'static str {
    let ordinal = format.ordinal;
    let rules = cached(&PLURAL_RULES, (locale.to_string(), ordinal), || {
        if ordinal {
            PluralRules::try_new_ordinal(locale.into()).ok()
        } else {
            PluralRules::try_new_cardinal(locale.into()).ok()
        }
    });
    let (Some(rules), Some(decimal)) = (rules, amount.decimal()) else {
        return "other";
    };
    let rounded = format.plural_digits().apply(&decimal);
    category_name(rules.category_for(&rounded))
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Whether a selector is a number as far as plurals go: a variable (which
/// may hold one) or a `NUMBER()` call.
pub(crate) fn is_numeric_selector(selector: &InlineExpression<&str>) -> bool {
    match selector {
        InlineExpression::VariableReference { .. } => true,
        InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
        _ => false,
    }
}

/// Whether [`use_cldr_plurals`] rewrites this select expression: one with
/// a numeric selector.
fn is_plural_select(selector: &InlineExpression<&str>, _variants: &[Variant<&str>]) -> bool {
    is_numeric_selector(selector)
}

/// Rewrites every plural select of the resource to select on
/// `PLURAL(selector)`.
pub(crate) fn use_cldr_plurals(resource: &mut Resource<&str>) {
    for entry in &mut resource.body {
        patterns_mut(entry).into_iter().for_each(wrap_pattern);
    }
}

/// Every pattern of an entry: a message's value and attributes, or a
/// term's; none for comments and junk.
pub(crate) fn patterns_mut<'a, 's>(entry: &'a mut Entry<&'s str>) -> Vec<&'a mut Pattern<&'s str>> {
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
pub(crate) fn needs_cldr_plurals(entry: &Entry<&str>) -> bool {
    fn pattern(p: &Pattern<&str>) -> bool {
        p.elements.iter().any(|e| match e {
            PatternElement::Placeable { expression } => expression_needs(expression),
            PatternElement::TextElement { .. } => false,
        })
    }
    fn expression_needs(e: &Expression<&str>) -> bool {
        match e {
            Expression::Select { selector, variants } => {
                is_plural_select(selector, variants) || variants.iter().any(|v| pattern(&v.value))
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

fn wrap_pattern(pattern: &mut Pattern<&str>) {
    for element in &mut pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            wrap_expression(expression);
        }
    }
}

fn wrap_expression(expression: &mut Expression<&str>) {
    match expression {
        Expression::Select { selector, variants } => {
            if is_plural_select(selector, variants) {
                let inner =
                    std::mem::replace(selector, InlineExpression::StringLiteral { value: "" });
                let mut positional = vec![inner];
                for variant in variants.iter_mut() {
                    if let VariantKey::NumberLiteral { value } = variant.key {
                        positional.push(InlineExpression::StringLiteral { value });
                        variant.key = VariantKey::Identifier {
                            name: interned(number_key(value)),
                        };
                    }
                }
                *selector = InlineExpression::FunctionReference {
                    id: Identifier {
                        name: PLURAL_FUNCTION,
                    },
                    arguments: CallArguments {
                        positional,
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

#[cfg(test)]
mod tests {
    use fluent_bundle::FluentValue;

    use super::super::testing::{format, num};

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
        let text = format("en", gender, &[("g", FluentValue::from("f"))]).text;
        assert_eq!(text, "she");
    }

    #[test]
    fn categories_of_a_language_in_cldr_order() {
        let es = "es".parse().expect("tag");
        assert_eq!(super::plural_categories(&es), ["one", "many", "other"]);
    }

    /// Numeric keys match a number exactly, before its category, even
    /// when `NUMBER()` formats it; text that looks like a rewritten key does
    /// not match one.
    #[test]
    fn numeric_keys_match_first() {
        let select = "{ NUMBER($n, maximumFractionDigits: 0) ->\n    [1.5] one and a half\n    [one] one\n   *[other] other { $n }\n}";
        assert_eq!(num("en", select, 1.5), "one and a half");
        assert_eq!(num("en", select, 1.0), "one");
        let plain = "{ $n ->\n    [1.5] one and a half\n   *[other] other { $n }\n}";
        let text = format(
            "en",
            plain,
            &[("n", FluentValue::from("report-number-1_5"))],
        );
        assert!(text.errors.is_empty(), "{:?}", text.errors);
        assert_eq!(text.text, "other report-number-1_5");
    }
}
