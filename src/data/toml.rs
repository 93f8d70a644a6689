//! Data from TOML, with the span of every value.
//!
//! toml's `DeTable` keeps spans, so each [`Node`] points at the exact text
//! it came from; numbers are read from their source text so that one too
//! large for 64 bits is reported rather than rounded.

use std::sync::Arc;

use ::toml::Spanned;
use ::toml::de::{DeTable, DeValue};
use indexmap::IndexMap;

use super::message::table_or_message;
use super::node::number_problem;
use super::{Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems, Result, Source};

/// Parses a TOML file into its root node (a table); a syntax error stops
/// it, other mistakes are added to `problems`.
pub(super) fn parse(source: &Arc<Source>, problems: &mut Problems) -> Result<Node> {
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
    let value = Spanned::new(span, DeValue::Table(table.into_inner()));
    Ok(from_toml(source, &value, problems))
}

fn from_toml(source: &Arc<Source>, value: &Spanned<DeValue<'_>>, problems: &mut Problems) -> Node {
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

#[cfg(test)]
mod tests {
    use crate::data::tests::load;
    use crate::data::{ArgValue, Value};
    use crate::diagnostic::{Code, Location, Result};

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
        assert_eq!(message.args["n"].value, ArgValue::Integer(3));
        assert_eq!(message.args["date"].value.kind(), "date");
        assert_eq!(node.location.display(), "d.toml:2:9");
        Ok(())
    }

    #[test]
    fn bad_values_are_errors_with_positions() {
        let problems =
            load("d.toml", "x = inf\ny = { msg = \"m\", extra = 1 }\n").expect_err("must fail");
        let found: Vec<_> = problems
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
    fn syntax_errors_are_data_syntax() {
        let problems = load("d.toml", "a = 1\nb = \n").expect_err("must fail");
        assert_eq!(problems[0].code, Code::DataSyntax);
    }
}
