//! Charts in the data: a table with a `chart` key is a chart's
//! specification — its kind, its numbers, and the messages that give it
//! words — written once for every language (docs/templates.md, "Figures").
//!
//! ```toml
//! [economy.oil-chart]
//! chart = "bar"
//! alt = { msg = "oil-chart-alt" }
//! categories = ["2021", "2022", "2023"]
//! series = [{ name = { msg = "oil-received" }, values = [1.2, 2.5, 3.1] }]
//! value-axis = { title = { msg = "oil-unit" }, format = { maximumFractionDigits = 1 } }
//! ```
//!
//! This file owns the specification's shape and every mistake that can be
//! seen without a language: an unknown kind or key, a value that is not a
//! number, series of different lengths, words given as text instead of a
//! message. Each is reported where it is written. Laying the chart out and
//! writing its labels per language is [`crate::document`]'s.

use indexmap::IndexMap;

use super::{MessageRef, Node, Value};
use crate::diagnostic::{Code, Location, Problem, Problems};

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Bars per category, one per series (grouped) or piled (stacked).
    Bar,
    /// One line per series over numbers or dates.
    Line,
    /// Dated events on a time axis.
    Timeline,
    /// An estimate between a low and a high, per category.
    Range,
}

impl ChartKind {
    const NAMES: [(&'static str, ChartKind); 4] = [
        ("bar", ChartKind::Bar),
        ("line", ChartKind::Line),
        ("timeline", ChartKind::Timeline),
        ("range", ChartKind::Range),
    ];

    /// The name the data writes (`chart = "bar"`).
    pub(crate) fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("bar", |(name, _)| name)
    }

    /// The keys a chart of this kind may hold besides the common ones.
    fn keys(self) -> &'static [&'static str] {
        match self {
            ChartKind::Bar => &[
                "categories",
                "series",
                "horizontal",
                "stacked",
                "value-labels",
            ],
            ChartKind::Line => &["x", "x-axis", "series", "value-labels"],
            ChartKind::Timeline => &["events", "x-axis"],
            ChartKind::Range => &["categories", "series", "value-labels"],
        }
    }
}

/// Keys every chart may hold.
const COMMON_KEYS: [&str; 7] = [
    "chart",
    "alt",
    "title",
    "caption",
    "source",
    "note",
    "value-axis",
];

/// Words of a chart: a message of each language, or (for category names
/// such as years or codes) text that is the same in every language.
#[derive(Debug, Clone)]
pub enum Label {
    /// A message, resolved per language.
    Message(MessageRef, Location),
    /// Text shown as written.
    Text(String),
}

/// A point on an axis: a number or a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// A number.
    Number(f64),
    /// A date (its time, if any, is ignored).
    Date(toml::value::Datetime),
}

/// `NUMBER` or `DATETIME` options for an axis's labels, as a message
/// would write them (`{ style = "percent", maximumFractionDigits = 1 }`).
#[derive(Debug, Clone, Default)]
pub struct FormatOptions {
    /// Option name and value, in file order.
    pub options: IndexMap<String, OptionValue>,
    /// Where each option is written.
    pub option_locations: IndexMap<String, Location>,
    /// Where the options are written.
    pub location: Option<Location>,
}

/// An option's value: Fluent options are text or numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// Text (`"percent"`).
    Text(String),
    /// A number (`1`).
    Number(f64),
}

/// An axis: its title, its extent, and how its labels are written.
#[derive(Debug, Clone, Default)]
pub struct Axis {
    /// The axis title.
    pub title: Option<Label>,
    /// The lowest value shown (otherwise from the data; bars start at 0).
    pub min: Option<Scalar>,
    /// The highest value shown.
    pub max: Option<Scalar>,
    /// How tick and value labels are written.
    pub format: FormatOptions,
}

/// One series: its name and values (`low` and `high` for a range chart,
/// with `values` the estimates, if any).
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// Its legend entry.
    pub name: Option<Label>,
    /// One value per category (or per `x`).
    pub values: Vec<f64>,
    /// A range chart's lows.
    pub low: Vec<f64>,
    /// A range chart's highs.
    pub high: Vec<f64>,
}

/// A dated event of a timeline.
#[derive(Debug, Clone)]
pub struct Event {
    /// When.
    pub date: toml::value::Datetime,
    /// What.
    pub label: Label,
}

/// The words of a chart, each a message of every language.
#[derive(Debug, Clone, Default)]
pub struct ChartWords {
    /// The text alternative: what the chart shows, for readers who cannot see it.
    pub alt: Option<Label>,
    /// A title above the chart.
    pub title: Option<Label>,
    /// The figure's caption.
    pub caption: Option<Label>,
    /// Where the numbers come from.
    pub source: Option<Label>,
    /// A note below the chart.
    pub note: Option<Label>,
}

/// A chart's specification, as the data writes it.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Its kind.
    pub kind: ChartKind,
    /// Bars drawn from the left instead of from the bottom.
    pub horizontal: bool,
    /// Series piled on each other instead of side by side.
    pub stacked: bool,
    /// Whether each value is written beside its mark (`None`: the kind's default).
    pub value_labels: Option<bool>,
    /// Its words.
    pub words: ChartWords,
    /// Category names (bar and range charts).
    pub categories: Vec<Label>,
    /// The positions of a line chart's values.
    pub x: Vec<Scalar>,
    /// The data series.
    pub series: Vec<Series>,
    /// A timeline's events.
    pub events: Vec<Event>,
    /// The axis of the values.
    pub value_axis: Axis,
    /// The axis of `x` (line charts) or of the dates (timelines).
    pub x_axis: Axis,
    /// Where the chart is written.
    pub location: Location,
}

impl Chart {
    /// Every message the chart names, with where it is named.
    pub(crate) fn labels(&self) -> Vec<&Label> {
        let words = &self.words;
        let mut out: Vec<&Label> = [
            &words.alt,
            &words.title,
            &words.caption,
            &words.source,
            &words.note,
            &self.value_axis.title,
            &self.x_axis.title,
        ]
        .into_iter()
        .flatten()
        .collect();
        out.extend(&self.categories);
        out.extend(self.series.iter().filter_map(|s| s.name.as_ref()));
        out.extend(self.events.iter().map(|e| &e.label));
        out
    }
}

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
    let chart = Chart {
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
        categories: read.categories(),
        x: read.x(),
        series: read.series(),
        events: read.events(),
        value_axis: read.axis("value-axis"),
        x_axis: read.axis("x-axis"),
        location: location.clone(),
    };
    super::chart_rules::check(&chart, &entries, problems);
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

    fn categories(&mut self) -> Vec<Label> {
        let Some(node) = self.entries.get("categories").cloned() else {
            return Vec::new();
        };
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

    fn x(&mut self) -> Vec<Scalar> {
        let Some(node) = self.entries.get("x").cloned() else {
            return Vec::new();
        };
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

    fn series(&mut self) -> Vec<Series> {
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
