//! One shape for "a value and the problems found while making it".

use super::Problems;

/// A value and every problem found while producing it (the shape of
/// typst-cli's `Warned<T>`).
///
/// Loading keeps going past errors so that one run reports every mistake:
/// the value is then a best effort (a catalog without its broken entries),
/// and `problems` holds the errors as well as the warnings. Callers decide
/// with [`Warned::into_result`] whether errors stop them.
#[derive(Debug, Clone)]
#[must_use]
pub struct Warned<T> {
    /// What was produced.
    pub value: T,
    /// Everything worth telling about it, errors included.
    pub problems: Problems,
}

impl<T> Warned<T> {
    /// A value with the problems found.
    pub fn new(value: T, problems: Problems) -> Self {
        Self { value, problems }
    }

    /// Moves the problems into `sink` and returns the value.
    pub fn collect(self, sink: &mut Problems) -> T {
        sink.extend(self.problems);
        self.value
    }

    /// The value and its warnings, or every problem if any is an error.
    pub fn into_result(self) -> Result<Warned<T>, Problems> {
        if self.problems.has_errors() {
            Err(self.problems)
        } else {
            Ok(self)
        }
    }
}
