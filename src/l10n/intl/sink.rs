//! [`ErrorSink`]: where one catalog's Fluent functions report misuse.
//!
//! Fluent functions return a value, never an error, yet `NUMBER($date)` or
//! an unknown option must reach the author. Each catalog hands its own sink
//! to the functions it installs (fluent-bundle wants them `Send + Sync +
//! 'static`, hence the `Arc<Mutex<…>>`) and drains it after formatting, so
//! the errors of one catalog never show up in another's, whatever thread
//! formats them.

use std::sync::{Arc, Mutex, PoisonError};

/// One misuse of a function: what is wrong, and the named option it is
/// about, if it is about one (so that the finding can point at it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misuse {
    /// What went wrong, as a sentence.
    pub message: String,
    /// The option's name (`maximumFractionDigits`), if the misuse is one.
    pub option: Option<String>,
}

/// The formatting errors of one bundle's functions, shared by the functions
/// (which record) and the catalog (which takes them after each message).
#[derive(Debug, Clone, Default)]
pub(crate) struct ErrorSink(Arc<Mutex<Vec<Misuse>>>);

impl ErrorSink {
    /// Records one error, as a sentence.
    pub(crate) fn record(&self, message: impl Into<String>) {
        self.errors().push(Misuse {
            message: message.into(),
            option: None,
        });
    }

    /// Records one error about the named option `option`.
    pub(crate) fn record_option(&self, option: &str, message: impl Into<String>) {
        self.errors().push(Misuse {
            message: message.into(),
            option: Some(option.to_owned()),
        });
    }

    /// Records one misuse.
    pub(crate) fn push(&self, misuse: Misuse) {
        self.errors().push(misuse);
    }

    /// The errors recorded since the last call, oldest first.
    pub(crate) fn take(&self) -> Vec<Misuse> {
        std::mem::take(&mut *self.errors())
    }

    fn errors(&self) -> std::sync::MutexGuard<'_, Vec<Misuse>> {
        // A panic while recording leaves a list that is still a list.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorSink;

    #[test]
    fn clones_share_one_list_and_take_empties_it() {
        let sink = ErrorSink::default();
        let function_side = sink.clone();
        function_side.record("first");
        function_side.record(String::from("second"));
        let messages: Vec<String> = sink.take().into_iter().map(|m| m.message).collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(sink.take().is_empty());
    }

    #[test]
    fn separate_sinks_do_not_share() {
        let one = ErrorSink::default();
        let other = ErrorSink::default();
        one.record("only mine");
        assert!(other.take().is_empty());
        assert_eq!(one.take()[0].message, "only mine");
    }
}
