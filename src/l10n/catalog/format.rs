//! [`Catalog::format`]: one message (or attribute) written out, with every
//! problem met on the way as a sentence.
//!
//! Problems come from two places: fluent-bundle's resolver (a missing
//! variable, an unknown reference) and the catalog's own functions
//! (`NUMBER` given a date), which cannot return errors and so record them in
//! the catalog's [`ErrorSink`](crate::l10n::intl::ErrorSink). Both are
//! gathered here, so callers never have to drain anything, and each keeps
//! its kind ([`FormatError::code`]): a cycle is a `cyclic-reference` and an
//! unknown function an `unknown-function`, wherever they are reported.

use std::fmt;

use fluent_bundle::FluentArgs;
use fluent_bundle::FluentError;
use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;

use super::Catalog;
use crate::diagnostic::Code;

/// A formatted message: its text and what went wrong while writing it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Formatted {
    /// The text, with placeables that failed shown as Fluent shows them
    /// (`{$name}`, `{NUMBER()}`).
    pub text: String,
    /// Every problem met, in the order met; empty when the text is right.
    pub errors: Vec<FormatError>,
}

/// One problem met while formatting a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Its kind: `argument-kind` for a function given the wrong value,
    /// `cyclic-reference`, `unknown-function`, `unknown-reference`,
    /// `missing-argument`, … so that whoever reports it keeps the kind.
    pub code: Code,
    /// What went wrong, as a sentence that says where when it is not in
    /// the message asked for (the entry of a cycle, the call of an unknown
    /// function).
    pub message: String,
    /// The named option of `NUMBER()` or `DATETIME()` the error is about
    /// (`maximumFractionDigits`), so that a finding can point at it.
    pub option: Option<String>,
}

impl FormatError {
    fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            option: None,
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Compares the sentence only, which is what tests and callers that match
/// on the text care about.
impl PartialEq<&str> for FormatError {
    fn eq(&self, other: &&str) -> bool {
        self.message == *other
    }
}

impl Formatted {
    fn failed(error: FormatError) -> Self {
        Self {
            text: String::new(),
            errors: vec![error],
        }
    }
}

impl Catalog {
    /// Formats a message's value, or one of its attributes, with `args`.
    pub fn format(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Formatted {
        let Some(message) = self.bundle.get_message(id) else {
            return Formatted::failed(FormatError::new(
                Code::UnknownMessage,
                format!("unknown message `{id}`"),
            ));
        };
        let pattern = match attribute {
            None => message.value(),
            Some(name) => message.get_attribute(name).map(|a| a.value()),
        };
        let Some(pattern) = pattern else {
            let what =
                attribute.map_or_else(|| "value".to_owned(), |a| format!("attribute `.{a}`"));
            return Formatted::failed(FormatError::new(
                Code::UnknownMessage,
                format!("message `{id}` has no {what}"),
            ));
        };
        // Only a format that unwound part-way could have left errors behind.
        let _ = self.errors.take();
        let mut fluent_errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, args, &mut fluent_errors)
            .into_owned();
        let mut errors: Vec<FormatError> = fluent_errors
            .iter()
            .map(|e| self.describe_fluent_error(id, e))
            .collect();
        // The functions' own errors: a value of the wrong kind, a bad option.
        errors.extend(self.errors.take().into_iter().map(|misuse| FormatError {
            code: Code::ArgumentKind,
            message: misuse.message,
            option: misuse.option,
        }));
        Formatted { text, errors }
    }

    /// fluent-bundle's error met while formatting `id`, in report's words.
    fn describe_fluent_error(&self, id: &str, error: &FluentError) -> FormatError {
        let FluentError::ResolverError(error) = error else {
            return FormatError::new(Code::ArgumentKind, error.to_string());
        };
        match error {
            ResolverError::Reference(ReferenceKind::Function { id: function }) => FormatError::new(
                Code::UnknownFunction,
                self.describe_unknown_function(id, function),
            ),
            ResolverError::Reference(kind) => describe_reference(kind),
            ResolverError::Cyclic => {
                FormatError::new(Code::CyclicReference, self.describe_cycle(id))
            }
            ResolverError::MissingDefault => FormatError::new(
                Code::NoDefaultVariant,
                "select expression has no default variant",
            ),
            ResolverError::NoValue(id) => {
                FormatError::new(Code::UnknownReference, format!("`{id}` has no value"))
            }
            ResolverError::TooManyPlaceables => FormatError::new(
                Code::TooManyPlaceables,
                "too many placeables (more than 100)",
            ),
        }
    }
}

fn describe_reference(kind: &ReferenceKind) -> FormatError {
    let (code, message) = match kind {
        ReferenceKind::Variable { id } => (
            Code::MissingArgument,
            format!("no value for variable `${id}`"),
        ),
        ReferenceKind::Message {
            id,
            attribute: None,
        } => (Code::UnknownReference, format!("unknown message `{id}`")),
        ReferenceKind::Message {
            id,
            attribute: Some(a),
        } => (
            Code::UnknownReference,
            format!("unknown attribute `{id}.{a}`"),
        ),
        ReferenceKind::Term {
            id,
            attribute: None,
        } => (Code::UnknownReference, format!("unknown term `-{id}`")),
        ReferenceKind::Term {
            id,
            attribute: Some(a),
        } => (
            Code::UnknownReference,
            format!("unknown term attribute `-{id}.{a}`"),
        ),
        ReferenceKind::Function { id } => {
            (Code::UnknownFunction, format!("unknown function `{id}()`"))
        }
    };
    FormatError::new(code, message)
}

#[cfg(test)]
mod tests {
    use fluent_bundle::{FluentArgs, FluentValue};

    use crate::l10n::catalog::tests::catalog_of;

    #[test]
    fn no_bidi_isolation_marks() {
        let (catalog, problems) = catalog_of("en", "hi = Hello { $name }!\n");
        assert!(problems.is_empty());
        let mut args = FluentArgs::new();
        args.set("name", "Ana");
        let formatted = catalog.format("hi", None, Some(&args));
        assert_eq!(formatted.text, "Hello Ana!");
        assert!(formatted.errors.is_empty());
    }

    #[test]
    fn missing_messages_attributes_and_variables_are_sentences() {
        let (catalog, _) = catalog_of(
            "en",
            "hi = Hello { $name }!\n    .title = T\nonly =\n    .a = A\n",
        );
        assert_eq!(
            catalog.format("nope", None, None).errors,
            ["unknown message `nope`"]
        );
        assert_eq!(
            catalog.format("hi", Some("x"), None).errors,
            ["message `hi` has no attribute `.x`"]
        );
        assert_eq!(
            catalog.format("only", None, None).errors,
            ["message `only` has no value"]
        );
        let formatted = catalog.format("hi", None, None);
        assert_eq!(formatted.text, "Hello {$name}!");
        assert_eq!(formatted.errors, ["no value for variable `$name`"]);
    }

    /// Each catalog has its own error sink: errors of one never show up in
    /// another, even when both format on one thread and one never drains.
    #[test]
    fn function_errors_belong_to_their_catalog() {
        let (numbers, _) = catalog_of("en", "n = { NUMBER($x) }\n");
        let (plain, _) = catalog_of("en", "p = plain\n");
        let mut args = FluentArgs::new();
        args.set("x", FluentValue::from("not a number"));
        let expected = ["NUMBER() was given the text \"not a number\", not a number"];
        // A sink left full (as by a format that never finished) ...
        numbers.errors.record("left behind");
        // ... is not seen by another catalog ...
        assert!(plain.format("p", None, None).errors.is_empty());
        // ... and is cleared before its own catalog formats again.
        assert_eq!(numbers.format("n", None, Some(&args)).errors, expected);
        assert!(plain.format("p", None, None).errors.is_empty());
        assert_eq!(numbers.format("n", None, Some(&args)).errors, expected);
        assert!(numbers.errors.take().is_empty(), "format drains its sink");
    }
}
