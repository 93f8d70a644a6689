//! Data from JSON, with the position of every value.
//!
//! serde_json keeps no positions, so they are found again in the text (see
//! [`JsonCursor`]). JSON has no dates: a date is written
//! `{ "$date": "2022-02-28" }`.

use std::sync::Arc;

use indexmap::IndexMap;

use super::message::table_or_message;
use super::node::number_problem;
use super::{Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems, Result, Source};

/// Parses a JSON file into its root node; a syntax error stops it, other
/// mistakes are added to `problems`.
pub(super) fn parse(source: &Arc<Source>, problems: &mut Problems) -> Result<Node> {
    let value: serde_json::Value = serde_json::from_str(&source.text).map_err(|e| {
        let offset = source.offset_of(e.line(), e.column());
        Problems::from(
            Problem::error(Code::DataSyntax, format!("invalid JSON: {e}"))
                .at(source, offset..offset + 1)
                .with_hint("check for a missing comma, quote or bracket near here"),
        )
    })?;
    let mut cursor = JsonCursor { source, offset: 0 };
    Ok(from_json(&mut cursor, &value, problems))
}

/// Finds the positions of JSON values, which serde_json does not keep: the
/// tree is walked in document order, so each key is the next occurrence of
/// its quoted name after the previous one.
struct JsonCursor<'a> {
    source: &'a Arc<Source>,
    offset: usize,
}

impl JsonCursor<'_> {
    fn key(&mut self, key: &str) -> Location {
        let quoted = serde_json::to_string(key).unwrap_or_default();
        if let Some(found) = self.source.text[self.offset..].find(&quoted) {
            self.offset += found;
        }
        let location = Location::new(self.source, self.offset..self.offset + quoted.len());
        self.offset += quoted.len().min(self.source.text.len() - self.offset);
        location
    }

    fn here(&self) -> Location {
        Location::new(self.source, self.offset..self.offset + 1)
    }
}

fn from_json(
    cursor: &mut JsonCursor<'_>,
    value: &serde_json::Value,
    problems: &mut Problems,
) -> Node {
    let location = cursor.here();
    let value = match value {
        serde_json::Value::Null => {
            problems.push(
                Problem::error(Code::Data, "`null` is not a data value")
                    .at_location(Some(location.clone()))
                    .with_hint("leave the key out instead"),
            );
            Value::Bool(false)
        }
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Integer(i),
            (None, Some(f)) if f.is_finite() => Value::Float(f),
            _ => {
                problems.push(number_problem(&location, &n.to_string()));
                Value::Float(0.0)
            }
        },
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| from_json(cursor, item, problems))
                .collect(),
        ),
        serde_json::Value::Object(object) => from_object(cursor, object, problems),
    };
    Node { value, location }
}

/// An object: a date, a message reference or a table.
fn from_object(
    cursor: &mut JsonCursor<'_>,
    object: &serde_json::Map<String, serde_json::Value>,
    problems: &mut Problems,
) -> Value {
    let mut entries = IndexMap::new();
    for (key, value) in object {
        let key_location = cursor.key(key);
        let mut node = from_json(cursor, value, problems);
        // The cursor finds keys, not values: a single value is shown at
        // its key.
        if !matches!(
            node.value,
            Value::Table(_) | Value::Array(_) | Value::Message(_)
        ) {
            node.location = key_location;
        }
        entries.insert(key.clone(), node);
    }
    if entries.len() == 1
        && let Some(Node {
            value: Value::String(text),
            location,
        }) = entries.get("$date")
    {
        return date(text, location, problems);
    }
    table_or_message(entries, problems)
}

/// The value of `{ "$date": text }`: a date, or the text if it is not one.
fn date(text: &str, location: &Location, problems: &mut Problems) -> Value {
    match text.parse::<toml::value::Datetime>() {
        Ok(date) => Value::Date(date),
        Err(_) => {
            problems.push(
                Problem::error(Code::Data, format!("`{text}` is not an ISO 8601 date"))
                    .at_location(Some(location.clone()))
                    .with_hint("write dates as \"2022-02-28\" or \"2022-02-28T10:30:00Z\""),
            );
            Value::String(text.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::data::Value;
    use crate::data::tests::load;
    use crate::diagnostic::{Location, Result};

    #[test]
    fn json_dates_and_positions() -> Result<()> {
        let data = load(
            "d.json",
            "{\n  \"a\": 1,\n  \"b\": { \"msg\": \"x.title\", \"args\": { \"d\": { \"$date\": \"2022-03-02\" } } }\n}",
        )?;
        let Value::Message(message) = &data["b"].value else {
            panic!("message")
        };
        assert_eq!(message.attribute.as_deref(), Some("title"));
        assert_eq!(message.args["d"].value.kind(), "date");
        assert_eq!(data["a"].location.display(), "d.json:2:3");
        Ok(())
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let problems = load("d.json", "{\n  \"a\": 1,\n}").expect_err("must fail");
        assert_eq!(
            problems.0[0].location.as_ref().map(Location::display),
            Some("d.json:3:1".into())
        );
    }

    #[test]
    fn nulls_and_bad_dates_are_reported() {
        let problems =
            load("d.json", "{\"a\": null, \"d\": {\"$date\": \"soon\"}}").expect_err("must fail");
        let messages: Vec<&str> = problems.0.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`null` is not a data value",
                "`soon` is not an ISO 8601 date"
            ]
        );
    }
}
