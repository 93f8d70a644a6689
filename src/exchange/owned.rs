//! Fluent syntax trees that own their text.
//!
//! A catalog's trees borrow from its files (`Pattern<&str>`); an import
//! builds new messages out of pieces of the source's tree and the
//! translator's text, so it needs trees of `String`s, which fluent-syntax's
//! serializer writes back as Fluent.

use fluent_syntax::ast::{
    CallArguments, Expression, Identifier, InlineExpression, NamedArgument, Pattern,
    PatternElement, Variant, VariantKey,
};

/// An owned copy of a pattern.
pub(super) fn pattern(pattern: &Pattern<&str>) -> Pattern<String> {
    Pattern {
        elements: pattern.elements.iter().map(element).collect(),
    }
}

fn element(element: &PatternElement<&str>) -> PatternElement<String> {
    match element {
        PatternElement::TextElement { value } => PatternElement::TextElement {
            value: (*value).to_owned(),
        },
        PatternElement::Placeable { expression: e } => PatternElement::Placeable {
            expression: expression(e),
        },
    }
}

/// An owned copy of an expression.
pub(super) fn expression(expression: &Expression<&str>) -> Expression<String> {
    match expression {
        Expression::Inline(e) => Expression::Inline(inline(e)),
        Expression::Select { selector, variants } => Expression::Select {
            selector: inline(selector),
            variants: variants.iter().map(variant).collect(),
        },
    }
}

fn variant(variant: &Variant<&str>) -> Variant<String> {
    Variant {
        key: key(&variant.key),
        value: pattern(&variant.value),
        default: variant.default,
    }
}

/// An owned copy of a variant key.
pub(super) fn key(key: &VariantKey<&str>) -> VariantKey<String> {
    match key {
        VariantKey::Identifier { name } => VariantKey::Identifier {
            name: (*name).to_owned(),
        },
        VariantKey::NumberLiteral { value } => VariantKey::NumberLiteral {
            value: (*value).to_owned(),
        },
    }
}

/// An owned copy of an inline expression.
pub(super) fn inline(inline_expression: &InlineExpression<&str>) -> InlineExpression<String> {
    match inline_expression {
        InlineExpression::StringLiteral { value } => InlineExpression::StringLiteral {
            value: (*value).to_owned(),
        },
        InlineExpression::NumberLiteral { value } => InlineExpression::NumberLiteral {
            value: (*value).to_owned(),
        },
        InlineExpression::FunctionReference { id, arguments } => {
            InlineExpression::FunctionReference {
                id: identifier(id),
                arguments: call_arguments(arguments),
            }
        }
        InlineExpression::MessageReference { id, attribute } => {
            InlineExpression::MessageReference {
                id: identifier(id),
                attribute: attribute.as_ref().map(identifier),
            }
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => InlineExpression::TermReference {
            id: identifier(id),
            attribute: attribute.as_ref().map(identifier),
            arguments: arguments.as_ref().map(call_arguments),
        },
        InlineExpression::VariableReference { id } => {
            InlineExpression::VariableReference { id: identifier(id) }
        }
        InlineExpression::Placeable { expression: e } => InlineExpression::Placeable {
            expression: Box::new(expression(e)),
        },
    }
}

fn identifier(id: &Identifier<&str>) -> Identifier<String> {
    Identifier {
        name: id.name.to_owned(),
    }
}

fn call_arguments(arguments: &CallArguments<&str>) -> CallArguments<String> {
    CallArguments {
        positional: arguments.positional.iter().map(inline).collect(),
        named: arguments
            .named
            .iter()
            .map(|n: &NamedArgument<&str>| NamedArgument {
                name: identifier(&n.name),
                value: inline(&n.value),
            })
            .collect(),
    }
}
