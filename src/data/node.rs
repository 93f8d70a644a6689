//! [`Node`] and [`Value`]: the data tree, each value with the place it is
//! written, whichever format it came from.

use indexmap::IndexMap;

use super::MessageRef;
use crate::diagnostic::{Code, Location, Problem};

/// A value of the data tree, with its location.
#[derive(Debug, Clone)]
pub struct Node {
    /// A table, a list, a message reference or a scalar.
    pub value: Value,
    /// Where it is written.
    pub location: Location,
}

/// The kinds of data values.
#[derive(Debug, Clone)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A finite floating-point number.
    Float(f64),
    /// Text that is not a message (names, URLs, identifiers).
    String(String),
    /// A date, or date and time.
    Date(toml::value::Datetime),
    /// A list.
    Array(Vec<Node>),
    /// A table, keys in file order.
    Table(IndexMap<String, Node>),
    /// Words: a message to resolve per language.
    Message(MessageRef),
    /// A chart: a table with a `chart` key (`chart.rs`).
    Chart(Box<super::chart::Chart>),
}

/// A number the format can write but report cannot use (infinite, NaN, or
/// too large for 64 bits).
pub(super) fn number_problem(location: &Location, text: &str) -> Problem {
    Problem::error(Code::Data, format!("`{text}` is not a usable number"))
        .at_location(Some(location.clone()))
        .with_hint("numbers must be finite and fit in 64 bits")
}
