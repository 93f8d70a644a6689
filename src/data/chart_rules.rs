//! What makes a chart's specification whole: the rules between its keys
//! (a text alternative, data for its kind, series as long as their
//! categories, lows below highs), checked once the keys are read.

use indexmap::IndexMap;

use super::Node;
use super::chart::{Chart, ChartKind, Scalar};
use crate::diagnostic::{Code, Location, Problem, Problems};

/// The most series a chart may have: one colour each from the palette
/// (docs/templates.md, "Figures").
pub(crate) const MAX_SERIES: usize = 8;

/// Reports every broken rule of `chart`; `entries` are its keys, for
/// locations.
pub(super) fn check(chart: &Chart, entries: &IndexMap<String, Node>, problems: &mut Problems) {
    let at = |key: &str| {
        entries
            .get(key)
            .map_or_else(|| chart.location.clone(), |n| n.location.clone())
    };
    let mut error = |location: Location, message: String, hint: &str| {
        problems.push(
            Problem::error(Code::Chart, message)
                .at_location(Some(location))
                .with_hint(hint),
        );
    };
    let kind = chart.kind.name();
    if chart.words.alt.is_none() && !entries.contains_key("alt") {
        error(
            chart.location.clone(),
            format!("the {kind} chart has no text alternative (`alt`)"),
            "add `alt = { msg = \"…\" }`: a sentence per language saying what the chart shows",
        );
    }
    kind_data(chart, entries, &at, &mut error);
    series_rules(chart, entries, &at, &mut error);
    extent(chart, &at, &mut error);
}

/// The data its kind draws: categories, `x` or events, each series as long.
fn kind_data(
    chart: &Chart,
    entries: &IndexMap<String, Node>,
    at: &impl Fn(&str) -> Location,
    error: &mut impl FnMut(Location, String, &str),
) {
    let kind = chart.kind.name();
    match chart.kind {
        ChartKind::Bar | ChartKind::Range => {
            if chart.categories.is_empty() && !entries.contains_key("categories") {
                error(
                    chart.location.clone(),
                    format!("the {kind} chart has no `categories`"),
                    "add `categories = [\"…\", …]`: one name per bar",
                );
            }
            lengths(
                chart,
                chart.categories.len(),
                "categories",
                &at("series"),
                error,
            );
        }
        ChartKind::Line => {
            if chart.x.is_empty() && !entries.contains_key("x") {
                error(
                    chart.location.clone(),
                    "the line chart has no `x`".into(),
                    "add `x = [2020, 2021, …]` (numbers or dates): where each value is",
                );
            }
            let dates = (chart.x.iter())
                .filter(|x| matches!(x, Scalar::Date(_)))
                .count();
            if dates != 0 && dates != chart.x.len() {
                error(
                    at("x"),
                    "`x` mixes numbers and dates".into(),
                    "write every position as a number, or every one as a date",
                );
            }
            lengths(chart, chart.x.len(), "x", &at("series"), error);
        }
        ChartKind::Timeline => {
            if chart.events.is_empty() && !entries.contains_key("events") {
                error(
                    chart.location.clone(),
                    "the timeline has no `events`".into(),
                    "add `events = [{ date = 2022-02-28, label = { msg = \"…\" } }]`",
                );
            }
        }
    }
}

/// Series there, at most as many as colours, each named when several.
fn series_rules(
    chart: &Chart,
    entries: &IndexMap<String, Node>,
    at: &impl Fn(&str) -> Location,
    error: &mut impl FnMut(Location, String, &str),
) {
    let kind = chart.kind.name();
    if chart.kind != ChartKind::Timeline
        && chart.series.is_empty()
        && !entries.contains_key("series")
    {
        error(
            chart.location.clone(),
            format!("the {kind} chart has no `series`"),
            "add `series = [{ name = { msg = \"…\" }, values = [1, 2] }]`",
        );
    }
    if chart.series.len() > MAX_SERIES {
        error(
            at("series"),
            format!(
                "the chart has {} series; at most {MAX_SERIES} can be told apart",
                chart.series.len()
            ),
            "split it into several charts, or group the smallest series",
        );
    }
    if chart.series.len() > 1 && chart.series.iter().any(|s| s.name.is_none()) {
        error(
            at("series"),
            "a chart with several series needs a `name` for each (its legend entry)".into(),
            "add `name = { msg = \"…\" }` to every series",
        );
    }
}

/// Every series as long as the categories (or `x`), with what its kind needs.
fn lengths(
    chart: &Chart,
    expected: usize,
    what: &str,
    at: &Location,
    error: &mut impl FnMut(Location, String, &str),
) {
    for (index, series) in chart.series.iter().enumerate() {
        let number = index + 1;
        let lists: Vec<(&str, usize)> = if chart.kind == ChartKind::Range {
            if series.low.is_empty() || series.high.is_empty() {
                error(
                    at.clone(),
                    format!("series {number} of the range chart needs `low` and `high`"),
                    "write `low = [400]` and `high = [3000]` (and `values` for the estimates, if any)",
                );
            }
            for (low, high) in series.low.iter().zip(&series.high) {
                if low > high {
                    error(
                        at.clone(),
                        format!("series {number} has a low ({low}) above its high ({high})"),
                        "swap them, or check the data",
                    );
                }
            }
            [
                ("low", series.low.len()),
                ("high", series.high.len()),
                ("values", series.values.len()),
            ]
            .into_iter()
            .filter(|(name, len)| *name != "values" || *len > 0)
            .collect()
        } else {
            vec![("values", series.values.len())]
        };
        for (name, len) in lists {
            if len != expected && expected > 0 {
                error(
                    at.clone(),
                    format!("series {number} has {len} `{name}` for {expected} `{what}`"),
                    &format!("give one value per entry of `{what}`, in the same order"),
                );
            }
        }
    }
}

/// `min` below `max`, of the kind the axis shows.
fn extent(
    chart: &Chart,
    at: &impl Fn(&str) -> Location,
    error: &mut impl FnMut(Location, String, &str),
) {
    for (key, axis) in [("value-axis", &chart.value_axis), ("x-axis", &chart.x_axis)] {
        let numbers = |s: Option<Scalar>| match s {
            Some(Scalar::Number(n)) => Some(n),
            _ => None,
        };
        if let (Some(min), Some(max)) = (numbers(axis.min), numbers(axis.max))
            && min >= max
        {
            error(
                at(key),
                format!("`{key}` has `min` ({min}) at or above `max` ({max})"),
                "make `min` smaller than `max`, or leave them out to fit the data",
            );
        }
        if key == "value-axis"
            && matches!(axis.min, Some(Scalar::Date(_))) | matches!(axis.max, Some(Scalar::Date(_)))
        {
            error(
                at(key),
                "the value axis shows numbers, not dates".into(),
                "write `min` and `max` as numbers",
            );
        }
    }
}
