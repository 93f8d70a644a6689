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
//! This file owns the specification's shape; `chart_read.rs` reads it from
//! the data with every mistake that can be seen without a language (an
//! unknown kind or key, a value that is not a number, words given as text
//! instead of a message), `chart_rules.rs` checks the rules between its
//! keys, `chart_csv.rs` reads a CSV file's numbers into it. Each mistake is
//! reported where it is written. Laying the chart out and writing its
//! labels per language is [`crate::document`]'s.

use indexmap::IndexMap;

use super::MessageRef;
use crate::diagnostic::Location;

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
    pub(super) const NAMES: [(&'static str, ChartKind); 4] = [
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
    pub(super) fn keys(self) -> &'static [&'static str] {
        match self {
            ChartKind::Bar => &[
                "categories",
                "series",
                "horizontal",
                "stacked",
                "value-labels",
                "csv",
            ],
            ChartKind::Line => &["x", "x-axis", "series", "value-labels", "csv"],
            ChartKind::Timeline => &["events", "x-axis"],
            ChartKind::Range => &["categories", "series", "value-labels", "csv"],
        }
    }
}

/// Keys every chart may hold.
pub(super) const COMMON_KEYS: [&str; 7] = [
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

/// Where a series' numbers are in the chart's CSV file: column names, each
/// with where the data names it.
#[derive(Debug, Clone, Default)]
pub struct SeriesColumns {
    /// The values' (or estimates') column.
    pub values: Option<(String, Location)>,
    /// A range chart's lows.
    pub low: Option<(String, Location)>,
    /// A range chart's highs.
    pub high: Option<(String, Location)>,
}

/// A CSV file holding a chart's numbers (`csv = "oil.csv"`): its first
/// row names the columns; `categories` (or `x`) and each series' `values`,
/// `low` and `high` name the columns to take.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// The file, as the data writes it (relative to the data file, or to
    /// the project root with a leading `/`).
    pub path: String,
    /// Where the data names it.
    pub location: Location,
    /// The column of category names (or of `x`), when the data names one.
    pub first: Option<(String, Location)>,
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
    /// Where they are in the chart's CSV file, when it has one.
    pub columns: SeriesColumns,
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
    /// The CSV file its numbers come from, if any.
    pub csv: Option<CsvTable>,
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
