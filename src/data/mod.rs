//! Structured, language-neutral data: the TOML and JSON files named in
//! `report.toml`, loaded into one tree that remembers where every value came
//! from.
//!
//! Where data needs words it names a message instead of holding text:
//! `{ msg = "vote-hrc", args = { date = 2022-02-28 } }`. Such a table becomes
//! a [`Value::Message`] that the resolver later replaces, per language, with
//! the formatted message. Keeping positions lets every later problem (a
//! missing message, an argument of the wrong kind) point at the exact line.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Location, Problem, Problems, Result, Source};
use crate::project::{Project, decode_utf8};

/// A value of the data tree, with its location.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
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
}

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
    /// The value.
    pub value: ArgValue,
    /// Where it is written.
    pub location: Location,
}

/// The kinds of values an argument may have.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// A number (formatted by the message's locale).
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
            ArgValue::Number(_) => "number",
            ArgValue::String(_) => "string",
            ArgValue::Date(_) => "date",
        }
    }
}

/// The merged data of a project.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Top-level keys of every data file, merged.
    pub root: IndexMap<String, Node>,
}

impl Data {
    /// Loads every data file of the project; keys defined in two files are an error.
    pub fn load(project: &Project) -> Result<Self> {
        let mut data = Data::default();
        let mut problems = Problems::default();
        for relative in &project.manifest.data {
            let path = project.root.join(relative);
            let text = match fs::read(&path)
                .map_err(|e| Problems::from(Problem::io("read", &path, &e)))
                .and_then(|bytes| decode_utf8(relative, bytes))
            {
                Ok(text) => text,
                Err(p) => {
                    problems.extend(p);
                    continue;
                }
            };
            let source = Source::new(relative, text);
            match parse_file(&source, relative) {
                Ok(table) => {
                    for (key, node) in table {
                        if let Some(first) = data.root.get(&key) {
                            problems.push(
                                Problem::error(
                                    Code::Data,
                                    format!("data key `{key}` is defined in two files"),
                                )
                                .at_location(Some(node.location.clone()))
                                .with_note(format!("first defined at {}", first.location.display()))
                                .with_hint("give each top-level key to one data file"),
                            );
                        } else {
                            data.root.insert(key, node);
                        }
                    }
                }
                Err(p) => problems.extend(p),
            }
        }
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(data)
        }
    }

    /// Every message reference in the data, in document order.
    pub fn message_refs(&self) -> Vec<(&MessageRef, &Location)> {
        fn walk<'a>(node: &'a Node, out: &mut Vec<(&'a MessageRef, &'a Location)>) {
            match &node.value {
                Value::Message(message) => out.push((message, &node.location)),
                Value::Array(items) => items.iter().for_each(|n| walk(n, out)),
                Value::Table(table) => table.values().for_each(|n| walk(n, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        self.root.values().for_each(|n| walk(n, &mut out));
        out
    }
}

/// Parses one data file's text (TOML or JSON, by `relative`'s extension)
/// into its top-level table.
pub fn parse_file(source: &Arc<Source>, relative: &Path) -> Result<IndexMap<String, Node>> {
    let mut problems = Problems::default();
    let root = match relative.extension().and_then(|e| e.to_str()) {
        Some("toml") => {
            let table = DeTable::parse(&source.text).map_err(|e| {
                Problems::from(
                    Problem::error(
                        Code::DataSyntax,
                        format!("invalid TOML: {}", e.message().trim_end()),
                    )
                    .at(source, e.span().unwrap_or(0..0))
                    .with_hint("see https://toml.io for the syntax"),
                )
            })?;
            let span = table.span();
            let value = toml::Spanned::new(span, DeValue::Table(table.into_inner()));
            from_toml(source, &value, &mut problems)
        }
        Some("json") => {
            let value: serde_json::Value = serde_json::from_str(&source.text).map_err(|e| {
                let offset = source.offset_of(e.line(), e.column());
                Problems::from(
                    Problem::error(Code::DataSyntax, format!("invalid JSON: {e}"))
                        .at(source, offset..offset + 1)
                        .with_hint("check for a missing comma, quote or bracket near here"),
                )
            })?;
            let mut cursor = JsonCursor { source, offset: 0 };
            from_json(&mut cursor, &value, &mut problems)
        }
        _ => {
            return Err(Problem::error(
                Code::Data,
                format!(
                    "`{}` is neither a .toml nor a .json file",
                    relative.display()
                ),
            )
            .with_hint("data files must end in .toml or .json")
            .into());
        }
    };
    if problems.has_errors() {
        return Err(problems);
    }
    match root.value {
        Value::Table(table) => Ok(table),
        _ => Err(Problem::error(
            Code::Data,
            "a data file must hold a table (an object) at its top",
        )
        .at_location(Some(root.location))
        .into()),
    }
}

fn from_toml(
    source: &Arc<Source>,
    value: &toml::Spanned<DeValue<'_>>,
    problems: &mut Problems,
) -> Node {
    let location = Location::new(source, value.span());
    let value = match value.get_ref() {
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Datetime(d) => Value::Date(*d),
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) => Value::Integer(n),
            Err(_) => {
                problems.push(number_problem(&location, i.as_str()));
                Value::Integer(0)
            }
        },
        DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
            Ok(n) if n.is_finite() => Value::Float(n),
            _ => {
                problems.push(number_problem(&location, f.as_str()));
                Value::Float(0.0)
            }
        },
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| from_toml(source, item, problems))
                .collect(),
        ),
        DeValue::Table(table) => {
            let entries: IndexMap<String, Node> = table
                .iter()
                .map(|(key, value)| {
                    (
                        key.get_ref().to_string(),
                        from_toml(source, value, problems),
                    )
                })
                .collect();
            table_or_message(entries, &location, problems)
        }
    };
    Node { value, location }
}

fn number_problem(location: &Location, text: &str) -> Problem {
    Problem::error(Code::Data, format!("`{text}` is not a usable number"))
        .at_location(Some(location.clone()))
        .with_hint("numbers must be finite and fit in 64 bits")
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
        serde_json::Value::Object(object) => {
            let mut entries = IndexMap::new();
            for (key, value) in object {
                let key_location = cursor.key(key);
                let mut node = from_json(cursor, value, problems);
                if !matches!(
                    node.value,
                    Value::Table(_) | Value::Array(_) | Value::Message(_)
                ) {
                    node.location = key_location;
                }
                entries.insert(key.clone(), node);
            }
            // A JSON date is written `{ "$date": "2022-02-28" }`: JSON has no dates.
            if entries.len() == 1
                && let Some(Node {
                    value: Value::String(text),
                    location,
                }) = entries.get("$date")
            {
                match text.parse::<toml::value::Datetime>() {
                    Ok(date) => Value::Date(date),
                    Err(_) => {
                        problems.push(
                            Problem::error(Code::Data, format!("`{text}` is not an ISO 8601 date"))
                                .at_location(Some(location.clone()))
                                .with_hint(
                                    "write dates as \"2022-02-28\" or \"2022-02-28T10:30:00Z\"",
                                ),
                        );
                        Value::String(text.clone())
                    }
                }
            } else {
                table_or_message(entries, &location, problems)
            }
        }
    };
    Node { value, location }
}

/// A table with a `msg` key is a message reference; anything else stays a table.
fn table_or_message(
    mut entries: IndexMap<String, Node>,
    location: &Location,
    problems: &mut Problems,
) -> Value {
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
    let mut args = IndexMap::new();
    match args_node.map(|n| (n.value, n.location)) {
        None => {}
        Some((Value::Table(table), _)) => {
            for (name, node) in table {
                let value = match node.value {
                    Value::Integer(i) => ArgValue::Number(i as f64),
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
                            .with_hint("message arguments are single values; put lists and tables in the data instead"),
                        );
                        continue;
                    }
                };
                args.insert(
                    name,
                    Arg {
                        value,
                        location: node.location,
                    },
                );
            }
        }
        Some((_, location)) => problems.push(
            Problem::error(Code::Data, "`args` must be a table")
                .at_location(Some(location))
                .with_hint("write `args = { name = value }`"),
        ),
    }
    let (id, attribute) = match full_id.split_once('.') {
        Some((id, attribute)) => (id.to_owned(), Some(attribute.to_owned())),
        None => (full_id.clone(), None),
    };
    let _ = location;
    Value::Message(MessageRef {
        id,
        attribute,
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, text: &str) -> Result<IndexMap<String, Node>> {
        parse_file(&Source::new(name, text), Path::new(name))
    }

    #[test]
    fn toml_message_references_keep_their_place() -> Result<()> {
        let data = load(
            "d.toml",
            "[votes]\nfirst = { msg = \"vote\", args = { date = 2022-02-28, n = 3 } }\n",
        )?;
        let Value::Table(votes) = &data["votes"].value else {
            panic!("table")
        };
        let node = &votes["first"];
        let Value::Message(message) = &node.value else {
            panic!("message")
        };
        assert_eq!(message.id, "vote");
        assert_eq!(message.args["n"].value, ArgValue::Number(3.0));
        assert_eq!(message.args["date"].value.kind(), "date");
        assert_eq!(node.location.display(), "d.toml:2:9");
        Ok(())
    }

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
    fn bad_values_are_errors_with_positions() {
        let problems =
            load("d.toml", "x = inf\ny = { msg = \"m\", extra = 1 }\n").expect_err("must fail");
        let found: Vec<_> = problems
            .0
            .iter()
            .map(|p| {
                (
                    p.location
                        .as_ref()
                        .map(Location::display)
                        .unwrap_or_default(),
                    p.message.clone(),
                )
            })
            .collect();
        assert_eq!(found[0].0, "d.toml:1:5");
        assert!(found[0].1.contains("not a usable number"));
        assert!(found[1].1.contains("unexpected key `extra`"));
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let problems = load("d.json", "{\n  \"a\": 1,\n}").expect_err("must fail");
        assert_eq!(
            problems.0[0].location.as_ref().map(Location::display),
            Some("d.json:3:1".into())
        );
        let problems = load("d.toml", "a = 1\nb = \n").expect_err("must fail");
        assert_eq!(problems.0[0].code, Code::DataSyntax);
    }
}
