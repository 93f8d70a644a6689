//! Reading a chart's specification from the data (`chart.rs` has its
//! shape): each key of the kind it should be, every mistake reported where
//! it is written, with a hint; what is readable is kept, so one run tells
//! every mistake.

use indexmap::IndexMap;

use super::chart::{
    Axis, COMMON_KEYS, Chart, ChartKind, ChartWords, CsvTable, Event, FormatOptions, Label,
    OptionValue, Scalar, Series,
};
use super::{Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems};

/// Reads a table holding `chart = "…"` into a chart, reporting every
/// mistake; `None` when the kind itself cannot be read.
pub(super) fn parse(
    mut entries: IndexMap<String, Node>,
    location: &Location,
    problems: &mut Problems,
) -> Option<Chart> {
    let kind_node = entries.shift_remove("chart")?;
    let kind = chart_kind(&kind_node, problems)?;
    for (key, node) in &entries {
        if !COMMON_KEYS.contains(&key.as_str()) && !kind.keys().contains(&key.as_str()) {
            let known: Vec<&str> = COMMON_KEYS[1..]
                .iter()
                .chain(kind.keys())
                .copied()
                .collect();
            let hint = match crate::suggest::closest(key, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("a {} chart takes {}", kind.name(), known.join(", ")),
            };
            problems.push(
                Problem::error(
                    Code::Chart,
                    format!("a {} chart has no key `{key}`", kind.name()),
                )
                .at_location(Some(node.location.clone()))
                .with_hint(hint),
            );
        }
    }
    let mut read = Reader {
        entries: &mut entries,
        problems,
    };
    let csv = read.csv();
    let mut chart = Chart {
        kind,
        horizontal: read.flag("horizontal"),
        stacked: read.flag("stacked"),
        value_labels: read.optional_flag("value-labels"),
        words: ChartWords {
            alt: read.words("alt"),
            title: read.words("title"),
            caption: read.words("caption"),
            source: read.words("source"),
            note: read.words("note"),
        },
        categories: read.categories(csv.is_some()),
        x: read.x(csv.is_some()),
        series: read.series(csv.is_some()),
        events: read.events(),
        value_axis: read.axis("value-axis"),
        x_axis: read.axis("x-axis"),
        location: location.clone(),
        csv: csv.map(|(path, location)| CsvTable {
            path,
            location,
            first: None,
        }),
    };
    if let Some(table) = &mut chart.csv {
        // The column that names the categories (or gives `x`).
        let key = if kind == ChartKind::Line {
            "x"
        } else {
            "categories"
        };
        if let Some(Node {
            value: Value::String(column),
            location,
        }) = entries.get(key)
        {
            table.first = Some((column.clone(), location.clone()));
        }
    } else {
        // A CSV file's chart is checked once its numbers are read
        // (`chart_csv.rs`).
        super::chart_rules::check(&chart, &entries, problems);
    }
    Some(chart)
}

fn chart_kind(node: &Node, problems: &mut Problems) -> Option<ChartKind> {
    let names = ChartKind::NAMES.map(|(name, _)| name);
    let found = match &node.value {
        Value::String(name) => ChartKind::NAMES
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, kind)| *kind),
        _ => None,
    };
    if found.is_none() {
        problems.push(
            Problem::error(Code::Chart, "`chart` must name a kind of chart")
                .at_location(Some(node.location.clone()))
                .with_hint(format!(
                    "write one of: {}",
                    names.map(|n| format!("\"{n}\"")).join(", ")
                )),
        );
    }
    found
}

/// Takes the chart's keys one by one, reporting values of the wrong kind.
struct Reader<'a> {
    entries: &'a mut IndexMap<String, Node>,
    problems: &'a mut Problems,
}

impl Reader<'_> {
    fn error(&mut self, node: &Node, message: String, hint: &str) {
        self.problems.push(
            Problem::error(Code::Chart, message)
                .at_location(Some(node.location.clone()))
                .with_hint(hint),
        );
    }

    fn optional_flag(&mut self, key: &str) -> Option<bool> {
        let node = self.entries.get(key)?.clone();
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.error(
                    &node,
                    format!("`{key}` must be true or false"),
                    "write `true` or `false`",
                );
                None
            }
        }
    }

    fn flag(&mut self, key: &str) -> bool {
        self.optional_flag(key).unwrap_or(false)
    }

    fn words(&mut self, key: &str) -> Option<Label> {
        let node = self.entries.get(key)?.clone();
        self.message_label(&node, key)
    }

    /// Words that must come from the messages: a `{ msg = … }`.
    fn message_label(&mut self, node: &Node, what: &str) -> Option<Label> {
        match &node.value {
            Value::Message(reference) => {
                Some(Label::Message(reference.clone(), node.location.clone()))
            }
            _ => {
                self.error(
                    node,
                    format!(
                        "the chart's `{what}` must be a message, so that each language has its own"
                    ),
                    "write `{ msg = \"message-id\" }` and add the message to every language",
                );
                None
            }
        }
    }

    /// `csv = "file.csv"`, with where it is written.
    fn csv(&mut self) -> Option<(String, Location)> {
        let node = self.entries.get("csv")?.clone();
        match &node.value {
            Value::String(path) if !path.is_empty() => Some((path.clone(), node.location.clone())),
            _ => {
                self.error(&node, "`csv` must name a CSV file".into(), "write `csv = \"figures.csv\"` (beside this data file) or `csv = \"/data/figures.csv\"` (from the project root)");
                None
            }
        }
    }

    fn categories(&mut self, from_csv: bool) -> Vec<Label> {
        let Some(node) = self.entries.get("categories").cloned() else {
            return Vec::new();
        };
        if from_csv && matches!(node.value, Value::String(_)) {
            return Vec::new();
        }
        let Value::Array(items) = &node.value else {
            self.error(
                &node,
                "`categories` must be a list".into(),
                "write `categories = [{ msg = \"…\" }, \"2024\"]`",
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match &item.value {
                Value::String(text) => Some(Label::Text(text.clone())),
                Value::Integer(i) => Some(Label::Text(i.to_string())),
                _ => self.message_label(item, "category"),
            })
            .collect()
    }

    fn x(&mut self, from_csv: bool) -> Vec<Scalar> {
        let Some(node) = self.entries.get("x").cloned() else {
            return Vec::new();
        };
        if from_csv && matches!(node.value, Value::String(_)) {
            return Vec::new();
        }
        let Value::Array(items) = &node.value else {
            self.error(
                &node,
                "`x` must be a list of numbers or dates".into(),
                "write `x = [2020, 2021]` or `x = [2024-01-31, …]`",
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.scalar(item, "x"))
            .collect()
    }

    fn scalar(&mut self, node: &Node, what: &str) -> Option<Scalar> {
        match &node.value {
            Value::Integer(i) => Some(Scalar::Number(*i as f64)),
            Value::Float(f) => Some(Scalar::Number(*f)),
            Value::Date(d) if d.date.is_some() => Some(Scalar::Date(*d)),
            _ => {
                self.error(
                    node,
                    format!("a value of `{what}` is not a number or a date"),
                    "write numbers without quotes (`1.5`) and dates as TOML dates (`2022-02-28`)",
                );
                None
            }
        }
    }

    fn numbers(&mut self, node: &Node, what: &str) -> Vec<f64> {
        let Value::Array(items) = &node.value else {
            self.error(
                node,
                format!("`{what}` must be a list of numbers"),
                "write `[1, 2.5, 3]`",
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.value {
                Value::Integer(i) => out.push(i as f64),
                Value::Float(f) => out.push(f),
                _ => {
                    self.error(
                        item,
                        format!("a value of `{what}` is not a number"),
                        "write numbers without quotes: `1.5`, not `\"1.5\"`",
                    );
                    // Kept as a number so that lengths still line up.
                    out.push(0.0);
                }
            }
        }
        out
    }

    fn series(&mut self, from_csv: bool) -> Vec<Series> {
        let Some(node) = self.entries.get("series").cloned() else {
            return Vec::new();
        };
        let Value::Array(items) = &node.value else {
            self.error(
                &node,
                "`series` must be a list of tables".into(),
                "write `series = [{ name = { msg = \"…\" }, values = [1, 2] }]`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Value::Table(table) = &item.value else {
                self.error(
                    item,
                    "a series must be a table".into(),
                    "write `{ name = { msg = \"…\" }, values = [1, 2] }`",
                );
                continue;
            };
            let mut series = Series::default();
            for (key, value) in table {
                // With a CSV file, a series names its columns.
                if let (true, Value::String(column)) = (from_csv, &value.value) {
                    let named = Some((column.clone(), value.location.clone()));
                    match key.as_str() {
                        "values" => series.columns.values = named,
                        "low" => series.columns.low = named,
                        "high" => series.columns.high = named,
                        _ => {}
                    }
                    if matches!(key.as_str(), "values" | "low" | "high") {
                        continue;
                    }
                }
                match key.as_str() {
                    "name" => series.name = self.message_label(value, "series name"),
                    "values" => series.values = self.numbers(value, "values"),
                    "low" => series.low = self.numbers(value, "low"),
                    "high" => series.high = self.numbers(value, "high"),
                    _ => self.error(
                        value,
                        format!("a series has no key `{key}`"),
                        "a series holds `name`, `values`, and for a range chart `low` and `high`",
                    ),
                }
            }
            out.push(series);
        }
        out
    }

    fn events(&mut self) -> Vec<Event> {
        let Some(node) = self.entries.get("events").cloned() else {
            return Vec::new();
        };
        let Value::Array(items) = &node.value else {
            self.error(
                &node,
                "`events` must be a list of tables".into(),
                "write `events = [{ date = 2022-02-28, label = { msg = \"…\" } }]`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let (date, label) = match &item.value {
                Value::Table(table) => (table.get("date"), table.get("label")),
                _ => (None, None),
            };
            let date = match date.map(|d| &d.value) {
                Some(Value::Date(d)) if d.date.is_some() => Some(*d),
                _ => {
                    self.error(
                        date.unwrap_or(item),
                        "an event needs a `date`".into(),
                        "write `{ date = 2022-02-28, label = { msg = \"…\" } }`",
                    );
                    None
                }
            };
            let label = match label {
                Some(label) => self.message_label(label, "event label"),
                None => {
                    self.error(
                        item,
                        "an event needs a `label`".into(),
                        "write `label = { msg = \"…\" }`",
                    );
                    None
                }
            };
            if let (Some(date), Some(label)) = (date, label) {
                out.push(Event { date, label });
            }
        }
        out
    }

    fn axis(&mut self, key: &str) -> Axis {
        let Some(node) = self.entries.get(key).cloned() else {
            return Axis::default();
        };
        let Value::Table(table) = &node.value else {
            self.error(
                &node,
                format!("`{key}` must be a table"),
                "write `{ title = { msg = \"…\" }, min = 0, format = { style = \"percent\" } }`",
            );
            return Axis::default();
        };
        let mut axis = Axis::default();
        for (name, value) in table {
            match name.as_str() {
                "title" => axis.title = self.message_label(value, "axis title"),
                "min" => axis.min = self.scalar(value, "min"),
                "max" => axis.max = self.scalar(value, "max"),
                "format" => axis.format = self.format(value),
                _ => self.error(
                    value,
                    format!("an axis has no key `{name}`"),
                    "an axis holds `title`, `min`, `max` and `format`",
                ),
            }
        }
        axis
    }

    fn format(&mut self, node: &Node) -> FormatOptions {
        let mut format = FormatOptions {
            location: Some(node.location.clone()),
            ..FormatOptions::default()
        };
        let Value::Table(table) = &node.value else {
            self.error(
                node,
                "`format` must be a table of NUMBER or DATETIME options".into(),
                "write `format = { style = \"percent\" }` or `format = { month = \"short\" }`",
            );
            return format;
        };
        for (name, value) in table {
            let option = match &value.value {
                Value::String(text) => OptionValue::Text(text.clone()),
                Value::Integer(i) => OptionValue::Number(*i as f64),
                Value::Float(f) => OptionValue::Number(*f),
                Value::Bool(b) => OptionValue::Text(b.to_string()),
                _ => {
                    self.error(value, format!("option `{name}` must be text or a number"), "write options as a message would: `style = \"percent\"`, `maximumFractionDigits = 1`");
                    continue;
                }
            };
            format.options.insert(name.clone(), option);
            format
                .option_locations
                .insert(name.clone(), value.location.clone());
        }
        format
    }
}

#[cfg(test)]
mod tests {
    use crate::data::Value;
    use crate::data::chart::{ChartKind, Label, Scalar};
    use crate::data::tests::load;

    #[test]
    fn a_chart_reads_the_same_from_json_as_from_toml() {
        let json = r#"{ "c": { "chart": "line", "alt": { "msg": "alt" },
            "x": [{ "$date": "2022-01-31" }, { "$date": "2022-02-28" }],
            "series": [{ "values": [1, 2.5] }],
            "value-axis": { "format": { "style": "percent" } } } }"#;
        let root = load("d.json", json).expect("a chart");
        let Value::Chart(chart) = &root["c"].value else {
            panic!("not a chart: {:?}", root["c"].value)
        };
        assert_eq!(chart.kind, ChartKind::Line);
        assert!(matches!(chart.x[1], Scalar::Date(_)));
        assert_eq!(chart.series[0].values, [1.0, 2.5]);
        assert!(matches!(&chart.words.alt, Some(Label::Message(m, _)) if m.id == "alt"));
        assert_eq!(chart.value_axis.format.options.len(), 1);
    }

    #[test]
    fn a_table_holding_a_table_under_chart_is_data() {
        let root = load("d.toml", "[a.chart]\nx = 1\n").expect("data");
        assert!(matches!(root["a"].value, Value::Table(_)));
    }

    #[test]
    fn every_mistake_of_a_chart_is_told_at_once() {
        let text = "[c]\nchart = \"bar\"\ncategories = [\"a\", 2]\nseries = [{ values = [1, \"x\"] }, { values = [1] }]\ntitle = \"words\"\n";
        let problems = load("d.toml", text).expect_err("mistakes");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        for expected in [
            "a value of `values` is not a number",
            "the chart's `title` must be a message, so that each language has its own",
            "the bar chart has no text alternative (`alt`)",
            "series 2 has 1 `values` for 2 `categories`",
            "a chart with several series needs a `name` for each (its legend entry)",
        ] {
            assert!(
                messages.contains(&expected),
                "no {expected:?} in {messages:?}"
            );
        }
    }
}
