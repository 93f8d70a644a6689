//! One shape for "a value and the warnings found while making it".

use super::Problems;

/// A value and the warnings found while producing it (the shape of
/// typst-cli's `Warned<T>`): never an error. Work that can fail returns
/// `Result<Warned<T>, Problems>`, the errors (and the warnings found with
/// them) in the `Err`.
///
/// What is loaded best effort, keeping going past errors so that one run
/// reports every mistake (a catalog without its broken entries, the
/// workspace), holds its problems itself instead.
#[derive(Debug, Clone)]
#[must_use]
pub struct Warned<T> {
    /// What was produced.
    pub value: T,
    /// Everything worth telling about it; no errors.
    pub warnings: Problems,
}

impl<T> Warned<T> {
    /// A value with nothing to tell.
    pub fn clean(value: T) -> Self {
        Self {
            value,
            warnings: Problems::default(),
        }
    }

    /// A value with `problems` found while making it: the value and its
    /// warnings, or every problem when any is an error.
    pub fn checked(value: T, problems: Problems) -> Result<Self, Problems> {
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(Self {
                value,
                warnings: problems,
            })
        }
    }

    /// Moves the warnings into `sink` and returns the value.
    pub fn collect(self, sink: &mut Problems) -> T {
        sink.extend(self.warnings);
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Problem};

    #[test]
    fn errors_never_ride_in_a_warned_value() {
        let warning = Problem::warning(Code::Typography, "a straight quote");
        let error = Problem::error(Code::Syntax, "broken");
        let warned = Warned::checked(1, Problems::from(warning.clone())).expect("no error");
        assert_eq!(warned.warnings.len(), 1);
        let refused = Warned::checked(1, Problems::from(vec![warning, error])).expect_err("error");
        assert_eq!((refused.error_count(), refused.warning_count()), (1, 1));
    }
}
