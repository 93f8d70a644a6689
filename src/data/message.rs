//! Message references in data: `{ msg = "id", args = { … } }`, the way
//! data asks for words instead of holding text.
//!
//! TOML and JSON both write a reference as a table with a `msg` key, so the
//! rule that turns such a table into a [`MessageRef`] (and what it may
//! hold) lives here, once, for both.

use indexmap::IndexMap;

use super::{Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems};

/// A reference from data to a message: `{ msg = "id", args = { … } }`.
#[derive(Debug, Clone)]
pub struct MessageRef {
    /// Message id.
    pub id: String,
    /// Attribute name, for `msg = "id.attr"`.
    pub attribute: Option<String>,
    /// Arguments, in file order.
    pub args: IndexMap<String, Arg>,
}

/// A message argument.
#[derive(Debug, Clone)]
pub struct Arg {
    pub value: ArgValue,
    /// Where it is written.
    pub location: Location,
}

/// The kinds of values an argument may have.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// An integer, kept exact to the last digit (formatted by the message's
    /// locale).
    Integer(i64),
    /// A number with a fraction (formatted by the message's locale).
    Number(f64),
    /// Text, shown literally.
    String(String),
    /// A date or date-time (formatted with `DATETIME`).
    Date(toml::value::Datetime),
}

impl ArgValue {
    /// The kind's name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            ArgValue::Integer(_) | ArgValue::Number(_) => "number",
            ArgValue::String(_) => "string",
            ArgValue::Date(_) => "date",
        }
    }
}

/// A table with a `msg` key is a message reference, one with a `chart`
/// key a chart; anything else stays a table. Mistakes in a reference are
/// reported and the rest of it kept.
pub(super) fn table_or_message(
    mut entries: IndexMap<String, Node>,
    location: &Location,
    problems: &mut Problems,
) -> Value {
    // `chart` names a kind: a table that holds a table under `chart` is data.
    let names_a_kind = entries
        .get("chart")
        .is_some_and(|node| matches!(node.value, Value::String(_)));
    if !entries.contains_key("msg") && names_a_kind {
        let table = entries.clone();
        return match super::chart_read::parse(entries, location, problems) {
            Some(chart) => Value::Chart(Box::new(chart)),
            None => Value::Table(table),
        };
    }
    let Some(msg) = entries.shift_remove("msg") else {
        return Value::Table(entries);
    };
    let Value::String(full_id) = &msg.value else {
        problems.push(
            Problem::error(Code::Data, "`msg` must be a message id (a string)")
                .at_location(Some(msg.location.clone()))
                .with_hint("write `{ msg = \"message-id\" }`"),
        );
        return Value::Table(entries);
    };
    let args_node = entries.shift_remove("args");
    for (key, node) in &entries {
        problems.push(
            Problem::error(Code::Data, format!("unexpected key `{key}` next to `msg`"))
                .at_location(Some(node.location.clone()))
                .with_hint(
                    "a message reference holds only `msg` and `args`; move other data out of it",
                ),
        );
    }
    let args = args_node.map_or_else(IndexMap::new, |node| message_args(node, problems));
    let (id, attribute) = match full_id.split_once('.') {
        Some((id, attribute)) => (id.to_owned(), Some(attribute.to_owned())),
        None => (full_id.clone(), None),
    };
    Value::Message(MessageRef {
        id,
        attribute,
        args,
    })
}

/// The arguments of a reference: a table of single values.
fn message_args(node: Node, problems: &mut Problems) -> IndexMap<String, Arg> {
    let mut args = IndexMap::new();
    let Value::Table(table) = node.value else {
        problems.push(
            Problem::error(Code::Data, "`args` must be a table")
                .at_location(Some(node.location))
                .with_hint("write `args = { name = value }`"),
        );
        return args;
    };
    for (name, node) in table {
        let value = match node.value {
            // Not `as f64`: above 2^53 that would change the digits.
            Value::Integer(i) => ArgValue::Integer(i),
            Value::Float(f) => ArgValue::Number(f),
            Value::String(s) => ArgValue::String(s),
            Value::Date(d) => ArgValue::Date(d),
            _ => {
                problems.push(
                    Problem::error(
                        Code::Data,
                        format!("argument `{name}` must be a number, a string or a date"),
                    )
                    .at_location(Some(node.location.clone()))
                    .with_hint(
                        "message arguments are single values; put lists and tables in the data instead",
                    ),
                );
                continue;
            }
        };
        let location = node.location;
        args.insert(name, Arg { value, location });
    }
    args
}
