//! A chart as one language's document holds it: the geometry
//! ([`super::chart_layout`], the same in every language) with every word
//! from that language's messages and every number and date written by the
//! language's `NUMBER`/`DATETIME` ([`crate::l10n::intl`]), plus the chart's
//! data as a table. The library's `chart()` draws it (docs/templates.md).

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::chart_layout::{self, Bar, Dot, Geometry, Line, Side, TickLabel};
use super::chart_scale::{self, DateUnit, Tick};
use super::resolve::Text;
use crate::data::chart::{Chart, ChartKind, FormatOptions, Label, OptionValue, Scalar};
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::intl::{self, DateValue};

/// A chart, resolved for one language.
#[derive(Debug, Serialize)]
pub(crate) struct ResolvedChart {
    /// The kind (`bar`, `line`, `timeline`, `range`).
    pub chart: &'static str,
    /// Whether the categories run down the side.
    pub horizontal: bool,
    /// The text alternative.
    pub alt: Text,
    pub title: Option<Text>,
    pub caption: Option<Text>,
    pub source: Option<Text>,
    pub note: Option<Text>,
    /// The horizontal and vertical axes.
    pub x: AxisOut,
    pub y: AxisOut,
    /// One entry per named series (none for a single unnamed one).
    pub legend: Vec<LegendEntry>,
    pub bars: Vec<Bar>,
    pub lines: Vec<Line>,
    pub dots: Vec<Dot>,
    pub spans: Vec<Bar>,
    pub events: Vec<EventOut>,
    pub labels: Vec<LabelOut>,
    pub lanes: usize,
    /// The chart's data, for the web page's table and screen readers.
    pub table: TableOut,
}

/// An axis with its labels written.
#[derive(Debug, Serialize, Default)]
pub(crate) struct AxisOut {
    pub title: Option<Text>,
    pub ticks: Vec<TickOut>,
    pub grid: bool,
}

/// A tick: where (0 to 1) and its label.
#[derive(Debug, Serialize)]
pub(crate) struct TickOut {
    pub at: f64,
    pub label: String,
}

/// A legend entry: the series' name and its colour's index.
#[derive(Debug, Serialize)]
pub(crate) struct LegendEntry {
    pub name: Text,
    pub series: usize,
}

/// A timeline event, placed and worded.
#[derive(Debug, Serialize)]
pub(crate) struct EventOut {
    #[serde(flatten)]
    pub mark: super::chart_layout::EventMark,
    pub date: String,
    pub label: Text,
}

/// A value label, written.
#[derive(Debug, Serialize)]
pub(crate) struct LabelOut {
    pub x: f64,
    pub y: f64,
    pub side: Side,
    pub text: String,
}

/// The chart's data as a table: a header row, then one row per category.
#[derive(Debug, Serialize)]
pub(crate) struct TableOut {
    /// The name of the disclosure that holds it ("Datos", "Data").
    pub summary: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What resolving a chart needs from the resolver.
pub(crate) struct ChartContext<'a> {
    /// The language the labels are written in.
    pub lang: &'a LanguageIdentifier,
    /// The name of the data table's disclosure in that language.
    pub data_label: String,
    /// Problems (misused format options) go here.
    pub problems: &'a mut Problems,
}

/// Resolves `chart` for one language; `words` gives each label's text.
pub(crate) fn resolve(
    chart: &Chart,
    context: ChartContext<'_>,
    words: &mut dyn FnMut(&Label) -> Text,
) -> ResolvedChart {
    let geometry = chart_layout::layout(chart);
    let mut writer = Writer {
        lang: context.lang,
        problems: context.problems,
        reported: Vec::new(),
    };
    let categories: Vec<Text> = chart.categories.iter().map(&mut *words).collect();
    let (x, y) = axes(chart, &geometry, &mut writer, &categories, words);
    let legend = if chart.series.len() > 1 {
        (chart.series.iter().enumerate())
            .filter_map(|(i, s)| {
                s.name.as_ref().map(|n| LegendEntry {
                    name: words(n),
                    series: i,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let events = (chart.events.iter().zip(&geometry.events))
        .map(|(event, mark)| EventOut {
            mark: mark.clone(),
            date: writer.date(
                event.date,
                &FormatOptions::default(),
                &[("day", "numeric"), ("month", "short")],
            ),
            label: words(&event.label),
        })
        .collect();
    let labels = (geometry.labels.iter())
        .map(|l| LabelOut {
            x: l.x,
            y: l.y,
            side: l.side,
            text: writer.number(l.value, &chart.value_axis.format),
        })
        .collect();
    let table = table(chart, &categories, &mut writer, context.data_label, words);
    let alt = optional(words, &chart.words.alt).unwrap_or_else(Text::empty);
    let Geometry {
        bars,
        lines,
        dots,
        spans,
        lanes,
        ..
    } = geometry;
    ResolvedChart {
        chart: chart.kind.name(),
        horizontal: categories_down_the_side(chart.kind, chart.horizontal),
        title: optional(words, &chart.words.title),
        caption: optional(words, &chart.words.caption),
        source: optional(words, &chart.words.source),
        note: optional(words, &chart.words.note),
        alt,
        x,
        y,
        legend,
        bars,
        lines,
        dots,
        spans,
        events,
        labels,
        lanes,
        table,
    }
}

/// Whether the categories run down the side (horizontal bars, ranges),
/// with the values across.
fn categories_down_the_side(kind: ChartKind, horizontal: bool) -> bool {
    match kind {
        ChartKind::Bar => horizontal,
        ChartKind::Range => true,
        ChartKind::Line | ChartKind::Timeline => false,
    }
}

/// The horizontal and vertical axes, worded: the value axis's title and
/// format go across or up as the chart lies; categories are named.
fn axes(
    chart: &Chart,
    geometry: &Geometry,
    writer: &mut Writer<'_>,
    categories: &[Text],
    words: &mut dyn FnMut(&Label) -> Text,
) -> (AxisOut, AxisOut) {
    let sideways = categories_down_the_side(chart.kind, chart.horizontal);
    let (x_axis, value) = (&chart.x_axis, &chart.value_axis);
    let across = if sideways { value } else { x_axis };
    let y_title = if sideways { &None } else { &value.title };
    let x = AxisOut {
        title: optional(words, &across.title),
        ticks: writer.ticks(&geometry.x.ticks, &across.format, categories),
        grid: geometry.x.grid,
    };
    let y = AxisOut {
        title: optional(words, y_title),
        ticks: writer.ticks(&geometry.y.ticks, &value.format, categories),
        grid: geometry.y.grid,
    };
    (x, y)
}

/// What resolving `chart` for `language` would refuse (its `format`
/// options misused), for `report check`: the words are the messages',
/// which check checks as every reference of the data.
pub(crate) fn format_problems(chart: &Chart, lang: &LanguageIdentifier) -> Problems {
    let mut problems = Problems::default();
    let context = ChartContext {
        lang,
        data_label: String::new(),
        problems: &mut problems,
    };
    resolve(chart, context, &mut |_| Text::empty());
    problems
}

/// A label's text, when the chart has that label.
fn optional(words: &mut dyn FnMut(&Label) -> Text, label: &Option<Label>) -> Option<Text> {
    label.as_ref().map(words)
}

/// The chart's data as rows of written values.
fn table(
    chart: &Chart,
    categories: &[Text],
    writer: &mut Writer<'_>,
    summary: String,
    words: &mut dyn FnMut(&Label) -> Text,
) -> TableOut {
    let title = |label: &Option<Label>, words: &mut dyn FnMut(&Label) -> Text| {
        label.as_ref().map_or_else(String::new, |l| words(l).plain)
    };
    let first = match chart.kind {
        ChartKind::Line | ChartKind::Timeline => title(&chart.x_axis.title, words),
        ChartKind::Bar | ChartKind::Range => String::new(),
    };
    let mut header = vec![first];
    let long_date = [("dateStyle", "medium")];
    let format = &chart.value_axis.format;
    let rows = match chart.kind {
        ChartKind::Timeline => {
            header.push(String::new());
            (chart.events.iter())
                .map(|e| {
                    vec![
                        writer.date(e.date, &chart.x_axis.format, &long_date),
                        words(&e.label).plain,
                    ]
                })
                .collect()
        }
        _ => {
            for series in &chart.series {
                header.push(match &series.name {
                    Some(name) => words(name).plain,
                    None => title(&chart.value_axis.title, words),
                });
            }
            let firsts: Vec<String> = if chart.kind == ChartKind::Line {
                (chart.x.iter())
                    .map(|x| match x {
                        Scalar::Number(n) => {
                            writer.number_with(*n, &chart.x_axis.format, &year_like(&chart.x))
                        }
                        Scalar::Date(d) => writer.date(*d, &FormatOptions::default(), &long_date),
                    })
                    .collect()
            } else {
                categories.iter().map(|c| c.plain.clone()).collect()
            };
            (firsts.into_iter().enumerate())
                .map(|(i, first)| {
                    let mut row = vec![first];
                    for series in &chart.series {
                        row.push(cell(chart.kind, series, i, writer, format));
                    }
                    row
                })
                .collect()
        }
    };
    TableOut {
        summary,
        header,
        rows,
    }
}

/// One series' value at `i`, written; a range as "low–high", with its
/// estimate first when there is one.
fn cell(
    kind: ChartKind,
    series: &crate::data::chart::Series,
    i: usize,
    writer: &mut Writer<'_>,
    format: &FormatOptions,
) -> String {
    let mut write = |v: Option<&f64>| v.map_or_else(String::new, |v| writer.number(*v, format));
    if kind != ChartKind::Range {
        return write(series.values.get(i));
    }
    let span = format!("{}–{}", write(series.low.get(i)), write(series.high.get(i)));
    match series.values.get(i) {
        Some(value) => format!("{} ({span})", write(Some(value))),
        None => span,
    }
}

/// Whole numbers that read as years (1000–2999) are written without
/// grouping ("2022", not "2.022"), unless the axis says otherwise.
fn year_like(x: &[Scalar]) -> Vec<(&'static str, &'static str)> {
    let years = !x.is_empty()
        && x.iter().all(
            |x| matches!(x, Scalar::Number(n) if n.fract() == 0.0 && (1000.0..3000.0).contains(n)),
        );
    if years {
        vec![("useGrouping", "false")]
    } else {
        Vec::new()
    }
}

/// Writes numbers and dates in one language, reporting misused options
/// once per place they are written.
struct Writer<'a> {
    lang: &'a LanguageIdentifier,
    problems: &'a mut Problems,
    reported: Vec<String>,
}

impl Writer<'_> {
    fn ticks(
        &mut self,
        ticks: &[(f64, TickLabel)],
        format: &FormatOptions,
        categories: &[Text],
    ) -> Vec<TickOut> {
        let years = ticks.iter().all(|(_, t)| matches!(t, TickLabel::Value(Tick::Number(n)) if n.fract() == 0.0 && (1000.0..3000.0).contains(n)));
        let defaults: &[(&str, &str)] = if years {
            &[("useGrouping", "false")]
        } else {
            &[]
        };
        let spans_years = ticks.iter().filter(|(_, t)| matches!(t, TickLabel::Value(Tick::Date(d, DateUnit::Month)) if chart_scale::date_of(*d).month == 1)).count() > 0;
        (ticks.iter())
            .map(|(at, tick)| {
                let label = match tick {
                    TickLabel::Category(i) => categories
                        .get(*i)
                        .map(|c| c.plain.clone())
                        .unwrap_or_default(),
                    TickLabel::Value(Tick::Number(n)) => self.number_with(*n, format, defaults),
                    TickLabel::Value(Tick::Date(days, unit)) => {
                        let date = chart_scale::date_of(*days);
                        let defaults: &[(&str, &str)] = match unit {
                            DateUnit::Day => &[("day", "numeric"), ("month", "short")],
                            DateUnit::Month if spans_years && date.month == 1 => {
                                &[("month", "short"), ("year", "numeric")]
                            }
                            DateUnit::Month => &[("month", "short")],
                            DateUnit::Year => &[("year", "numeric")],
                        };
                        let value = toml::value::Datetime {
                            date: Some(date),
                            time: None,
                            offset: None,
                        };
                        self.date(value, format, defaults)
                    }
                };
                TickOut { at: *at, label }
            })
            .collect()
    }

    fn number(&mut self, value: f64, format: &FormatOptions) -> String {
        self.number_with(value, format, &[])
    }

    fn number_with(
        &mut self,
        value: f64,
        format: &FormatOptions,
        defaults: &[(&str, &str)],
    ) -> String {
        let exact = if value.fract() == 0.0 && value.abs() < 9e15 {
            intl::integer_value(value as i64)
        } else {
            FluentValue::from(value)
        };
        self.write(exact, format, defaults)
            .unwrap_or_else(|| value.to_string())
    }

    fn date(
        &mut self,
        value: toml::value::Datetime,
        format: &FormatOptions,
        defaults: &[(&str, &str)],
    ) -> String {
        let custom = FluentValue::Custom(Box::new(DateValue::new(value)));
        self.write(custom, format, defaults)
            .unwrap_or_else(|| value.to_string())
    }

    /// `value` written with the axis's options (or `defaults` when it has none).
    fn write(
        &mut self,
        value: FluentValue<'static>,
        format: &FormatOptions,
        defaults: &[(&str, &str)],
    ) -> Option<String> {
        let mut args = FluentArgs::new();
        if format.options.is_empty() {
            for (name, option) in defaults {
                args.set(*name, FluentValue::from(*option));
            }
        }
        for (name, option) in &format.options {
            match option {
                OptionValue::Text(text) => args.set(name.clone(), FluentValue::from(text.clone())),
                OptionValue::Number(n) => args.set(name.clone(), FluentValue::from(*n)),
            }
        }
        match intl::format_with_options(self.lang, value, &args) {
            Ok(text) => Some(text),
            Err(misuse) => {
                for m in misuse {
                    // At the option itself when the misuse is one option's.
                    let location = (m.option.as_ref())
                        .and_then(|o| format.option_locations.get(o))
                        .or(format.location.as_ref());
                    let key = format!("{:?}:{}", location.map(|l| l.span.clone()), m.message);
                    if self.reported.contains(&key) {
                        continue;
                    }
                    self.reported.push(key);
                    self.problems.push(
                        Problem::error(Code::Chart, format!("a chart's format: {}", m.message))
                            .at_location(location.cloned())
                            .with_hint("`format` takes the options of NUMBER (numbers) or DATETIME (dates), as a message writes them"),
                    );
                }
                None
            }
        }
    }
}
