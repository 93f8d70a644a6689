//! CLDR plural categories, and the rewrite that makes Fluent's select
//! expressions use them.
//!
//! fluent-rs picks plural variants with an old copy of the CLDR rules (it
//! puts Spanish 1000000 in "other", where CLDR now says "many"). So every
//! select expression whose selector is a variable or a `NUMBER()` call, and
//! whose keys are all identifiers, selects on `PLURAL(selector)` instead: a
//! function that returns the ICU4X category name for numbers and passes
//! anything else through, so the match becomes a plain string comparison.

use fluent_bundle::FluentValue;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions, FluentNumberType};
use fluent_syntax::ast::{
    CallArguments, Entry, Expression, Identifier, InlineExpression, Pattern, PatternElement,
    Resource, Variant, VariantKey,
};
use icu::locale::Locale;
use icu::plurals::{PluralCategory, PluralRules};
use unic_langid::LanguageIdentifier;

use super::amount::{Amount, BigInteger, round};
use super::cache::{PLURAL_RULES, cached};
use super::locale::to_icu_locale;

/// The internal function that select expressions on numbers go through.
pub(super) const PLURAL_FUNCTION: &str = "PLURAL";

/// The `PLURAL` function of a bundle for `lang`.
pub(super) fn plural_function(
    lang: &LanguageIdentifier,
) -> impl for<'a> Fn(&[FluentValue<'a>], &fluent_bundle::FluentArgs) -> FluentValue<'a>
+ Send
+ Sync
+ 'static {
    let locale = to_icu_locale(lang);
    move |positional, _named| match positional {
        [FluentValue::Number(number)] => {
            FluentValue::String(plural_category(&locale, number).into())
        }
        [FluentValue::Custom(custom)] => match custom.as_any().downcast_ref::<BigInteger>() {
            Some(big) => {
                let amount = Amount::Integer(big.value);
                FluentValue::String(category_of(&locale, amount, &big.options).into())
            }
            None => FluentValue::Custom(custom.duplicate()),
        },
        [other] => other.clone(),
        _ => FluentValue::Error,
    }
}

/// The CLDR cardinal plural categories of a language, in CLDR order.
pub fn plural_categories(lang: &LanguageIdentifier) -> Vec<&'static str> {
    let Ok(rules) = PluralRules::try_new_cardinal((&to_icu_locale(lang)).into()) else {
        return vec!["other"];
    };
    rules.categories().map(category_name).collect()
}

/// The CLDR plural category of a number in `locale` ("one", "many", …),
/// honouring the fraction digits its options make visible.
pub fn plural_category(locale: &Locale, number: &FluentNumber) -> &'static str {
    category_of(locale, Amount::Float(number.value), &number.options)
}

/// The CLDR plural category of an amount written with `options`.
fn category_of(locale: &Locale, amount: Amount, options: &FluentNumberOptions) -> &'static str {
    let ordinal = options.r#type == FluentNumberType::Ordinal;
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
    let min = options.minimum_fraction_digits.unwrap_or(0);
    let max = options.maximum_fraction_digits.unwrap_or(3).max(min);
    category_name(rules.category_for(&round(decimal, min, max)))
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

/// Whether [`use_cldr_plurals`] rewrites this select expression: a numeric
/// selector and only identifier keys (numeric keys keep Fluent's own exact
/// matching).
fn is_plural_select(selector: &InlineExpression<&str>, variants: &[Variant<&str>]) -> bool {
    is_numeric_selector(selector)
        && variants
            .iter()
            .all(|v| matches!(v.key, VariantKey::Identifier { .. }))
}

/// Rewrites every plural select of the resource to select on
/// `PLURAL(selector)`.
pub fn use_cldr_plurals(resource: &mut Resource<&str>) {
    for entry in &mut resource.body {
        patterns_mut(entry).into_iter().for_each(wrap_pattern);
    }
}

/// Every pattern of an entry: a message's value and attributes, or a
/// term's; none for comments and junk.
pub fn patterns_mut<'a, 's>(entry: &'a mut Entry<&'s str>) -> Vec<&'a mut Pattern<&'s str>> {
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
pub fn needs_cldr_plurals(entry: &Entry<&str>) -> bool {
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
}
