//! Data from JSON, with the exact place of every value.
//!
//! serde_json checks the syntax (and bounds the nesting, so nothing below
//! can recurse too deep) but keeps no positions; so the text, known to be
//! valid, is then read again here, value by value, each [`Node`] spanning
//! exactly the text of its value, as TOML's reader does. Reading the text
//! rather than serde's tree also keeps integers exact (a digit string too
//! large for 64 bits is an error, not a rounded float) and sees a key
//! written twice. JSON has no dates: a date is written
//! `{ "$date": "2022-02-28" }`.

use std::ops::Range;
use std::sync::Arc;

use indexmap::IndexMap;

use super::message::table_or_message;
use super::node::number_problem;
use super::{Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems, Result, Source};

/// Parses a JSON file into its root node; a syntax error stops it, other
/// mistakes are added to `problems`.
pub(super) fn parse(source: &Arc<Source>, problems: &mut Problems) -> Result<Node> {
    // Into a tree, not `IgnoredAny`: only building one checks the nesting
    // (128 levels) and the range of numbers.
    serde_json::from_str::<serde_json::Value>(&source.text).map_err(|e| {
        let offset = source.offset_of(e.line(), e.column());
        Problems::from(
            Problem::error(Code::DataSyntax, format!("invalid JSON: {e}"))
                .at(source, offset..offset + 1)
                .with_hint("check for a missing comma, quote or bracket near here"),
        )
    })?;
    let mut reader = Reader {
        source,
        bytes: source.text.as_bytes(),
        at: 0,
        problems,
    };
    Ok(reader.value())
}

/// Reads the values of a JSON text that serde_json has found valid, in
/// document order, keeping where each one is written.
struct Reader<'a> {
    source: &'a Arc<Source>,
    bytes: &'a [u8],
    at: usize,
    problems: &'a mut Problems,
}

impl Reader<'_> {
    /// The value at the cursor (after any blanks), spanning its text.
    fn value(&mut self) -> Node {
        self.skip_blank();
        let start = self.at;
        let value = match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => Value::Array(self.array()),
            Some(b'"') => Value::String(self.string()),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => {
                let value = self.literal("null", Value::Bool(false));
                self.problems.push(
                    Problem::error(Code::Data, "`null` is not a data value")
                        .at_location(Some(self.location(start..self.at)))
                        .with_hint("leave the key out instead"),
                );
                value
            }
            _ => self.number(),
        };
        Node {
            value,
            location: self.location(start..self.at),
        }
    }

    /// An object: a date, a message reference or a table. A key written
    /// twice is reported and its first value kept, as TOML does.
    fn object(&mut self) -> Value {
        let start = self.at;
        self.at += 1; // {
        let mut entries: IndexMap<String, Node> = IndexMap::new();
        while self.next_item(b'}') {
            let key_start = self.at;
            let key = self.string();
            let key_location = self.location(key_start..self.at);
            self.skip_blank();
            self.at += 1; // :
            let node = self.value();
            match entries.get(&key) {
                Some(first) => self.problems.push(
                    Problem::error(Code::Data, format!("key `{key}` is written twice"))
                        .at_location(Some(key_location))
                        .with_note(format!("first written at {}", first.location.display()))
                        .with_hint("remove one of them; only the first is used"),
                ),
                None => {
                    entries.insert(key, node);
                }
            }
        }
        if entries.len() == 1
            && let Some(Node {
                value: Value::String(text),
                location,
            }) = entries.get("$date")
        {
            return date(text, location, self.problems);
        }
        let location = self.location(start..self.at);
        table_or_message(entries, &location, self.problems)
    }

    fn array(&mut self) -> Vec<Node> {
        self.at += 1; // [
        let mut items = Vec::new();
        while self.next_item(b']') {
            items.push(self.value());
        }
        items
    }

    /// Moves past blanks and a separating comma; false (after moving past
    /// `close`) at the end of the object or array.
    fn next_item(&mut self, close: u8) -> bool {
        self.skip_blank();
        if self.peek() == Some(b',') {
            self.at += 1;
            self.skip_blank();
        }
        match self.peek() {
            Some(b) if b == close => {
                self.at += 1;
                false
            }
            Some(_) => true,
            None => false,
        }
    }

    /// A string literal, decoded.
    fn string(&mut self) -> String {
        let start = self.at;
        self.at += 1; // "
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'\\' => self.at += 1,
                b'"' => break,
                _ => {}
            }
        }
        let token = self.source.text.get(start..self.at).unwrap_or_default();
        serde_json::from_str(token).unwrap_or_default()
    }

    /// A number: an integer must fit in 64 bits, as TOML's must.
    fn number(&mut self) -> Value {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        {
            self.at += 1;
        }
        let token = self.source.text.get(start..self.at).unwrap_or_default();
        let integer = !token.contains(['.', 'e', 'E']);
        match (integer, token.parse::<i64>(), token.parse::<f64>()) {
            (true, Ok(i), _) => Value::Integer(i),
            (false, _, Ok(f)) if f.is_finite() => Value::Float(f),
            _ => {
                let location = self.location(start..self.at);
                self.problems.push(number_problem(&location, token));
                Value::Integer(0)
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Value {
        self.at += word.len();
        value
    }

    fn skip_blank(&mut self) {
        while self
            .peek()
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn location(&self, span: Range<usize>) -> Location {
        Location::new(self.source, span)
    }
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
    use crate::data::tests::load;
    use crate::data::{Node, Value};
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
        // Values are placed where they are written, not at their keys.
        assert_eq!(data["a"].location.display(), "d.json:2:8");
        Ok(())
    }

    /// Every value's span is exactly its text, whatever the spacing, and a
    /// key's name inside an earlier string does not mislead.
    #[test]
    fn values_are_located_exactly() -> Result<()> {
        let text = "{\"s\": \"n\", \"n\" :\n\t[1 , {\"k\": true}],\"t\":{\"a\":-2.5e3}}";
        let data = load("d.json", text)?;
        let spanned = |node: &Node| &text[node.location.span.clone()];
        assert_eq!(spanned(&data["s"]), "\"n\"");
        assert_eq!(spanned(&data["n"]), "[1 , {\"k\": true}]");
        let Value::Array(items) = &data["n"].value else {
            panic!("array")
        };
        assert_eq!(spanned(&items[0]), "1");
        assert_eq!(spanned(&items[1]), "{\"k\": true}");
        let Value::Table(table) = &data["t"].value else {
            panic!("table")
        };
        assert_eq!(spanned(&table["a"]), "-2.5e3");
        assert!(matches!(table["a"].value, Value::Float(f) if f == -2500.0));
        Ok(())
    }

    #[test]
    fn a_non_scalar_argument_is_shown_at_its_value() {
        let text = "{\"count\": {\"msg\": \"count\", \"args\": {\"n\": [1]}}}";
        let problems = load("d.json", text).expect_err("must fail");
        let location = problems[0].location.clone().expect("located");
        assert_eq!(&text[location.span], "[1]");
    }

    #[test]
    fn integers_must_fit_in_64_bits_and_keys_be_unique() {
        let problems =
            load("d.json", "{\"big\": 9223372036854775808, \"big\": 1}").expect_err("must fail");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`9223372036854775808` is not a usable number",
                "key `big` is written twice"
            ]
        );
        let data = load("d.json", "{\"max\": 9223372036854775807}").expect("loads");
        assert!(matches!(data["max"].value, Value::Integer(i64::MAX)));
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let problems = load("d.json", "{\n  \"a\": 1,\n}").expect_err("must fail");
        assert_eq!(
            problems[0].location.as_ref().map(Location::display),
            Some("d.json:3:1".into())
        );
    }

    #[test]
    fn nulls_and_bad_dates_are_reported() {
        let problems =
            load("d.json", "{\"a\": null, \"d\": {\"$date\": \"soon\"}}").expect_err("must fail");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`null` is not a data value",
                "`soon` is not an ISO 8601 date"
            ]
        );
    }
}
