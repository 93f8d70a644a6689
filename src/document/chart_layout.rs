//! A chart's geometry: every bar, line, dot, span and event in the plot's
//! own coordinates (0 to 1 across, 0 to 1 up), with the ticks of both axes
//! and where value labels go. It depends on the numbers only, so the
//! Spanish and the English chart are the same drawing with different
//! words; the template scales it to the space it has.

use serde::Serialize;

use super::chart_scale::{self, Scale, Tick};
use crate::data::chart::{Chart, ChartKind, Scalar};

/// The drawing, without words.
#[derive(Debug, Default)]
pub(crate) struct Geometry {
    /// The horizontal axis.
    pub x: AxisGeometry,
    /// The vertical axis.
    pub y: AxisGeometry,
    /// Bars (bar charts).
    pub bars: Vec<Bar>,
    /// Lines through points (line charts).
    pub lines: Vec<Line>,
    /// Points (line charts, range estimates, timeline events).
    pub dots: Vec<Dot>,
    /// Spans from a low to a high (range charts).
    pub spans: Vec<Bar>,
    /// Timeline events: the stem's position and its label's lane.
    pub events: Vec<EventMark>,
    /// Value labels: where, on which side, which number.
    pub labels: Vec<ValueLabel>,
    /// A timeline's label lanes.
    pub lanes: usize,
}

/// An axis: its ticks, and whether the plot draws a grid line at each.
#[derive(Debug, Default)]
pub(crate) struct AxisGeometry {
    /// Position and what the tick stands for.
    pub ticks: Vec<(f64, TickLabel)>,
    /// Grid lines across the plot at the ticks (the value axis).
    pub grid: bool,
}

/// What a tick's label writes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TickLabel {
    /// A value of the axis's scale.
    Value(Tick),
    /// A category's name.
    Category(usize),
}

/// A rectangle (or, for spans, a segment from (x0, y0) to (x1, y1)).
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct Bar {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    /// Which series (its colour).
    pub series: usize,
}

/// A line through points.
#[derive(Debug, Serialize)]
pub(crate) struct Line {
    pub series: usize,
    pub points: Vec<[f64; 2]>,
}

/// A point.
#[derive(Debug, Serialize)]
pub(crate) struct Dot {
    pub x: f64,
    pub y: f64,
    pub series: usize,
}

/// A timeline event: its stem, and its label's lane and extent.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EventMark {
    pub x: f64,
    /// 0 is the lane nearest the axis.
    pub lane: usize,
    /// The label's extent across the plot (0 to 1).
    pub from: f64,
    pub to: f64,
    /// Right: the label starts at the stem; left: it ends there; above:
    /// it is centred over it.
    pub side: Side,
}

/// Which side of its point a label sits on.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Side {
    Above,
    Below,
    Left,
    Right,
}

/// A value written beside its mark.
#[derive(Debug)]
pub(crate) struct ValueLabel {
    pub x: f64,
    pub y: f64,
    pub side: Side,
    pub value: f64,
}

/// Share of a category's band its bars fill.
const BAND_FILL: f64 = 0.7;
/// The most marks a chart labels with their values unless it says
/// otherwise (`value-labels`): beyond, labels crowd; the table has them all.
const MAX_LABELLED: usize = 24;
/// A timeline label's width (share of the plot's).
const LABEL_WIDTH: f64 = 0.3;
/// Room between two labels of a lane, and between a stem and a label.
const LANE_MARGIN: f64 = 0.01;

/// Lays out `chart`. The specification was checked when the data loaded;
/// what is still inconsistent (a series too short) is drawn as far as it goes.
pub(crate) fn layout(chart: &Chart) -> Geometry {
    match chart.kind {
        ChartKind::Bar => bars(chart),
        ChartKind::Line => lines(chart),
        ChartKind::Timeline => timeline(chart),
        ChartKind::Range => ranges(chart),
    }
}

fn number(s: Option<Scalar>) -> Option<f64> {
    match s {
        Some(Scalar::Number(n)) => Some(n),
        _ => None,
    }
}

/// The value axis's scale over `values`, from zero when `from_zero`.
fn value_scale(chart: &Chart, values: impl Iterator<Item = f64>, from_zero: bool) -> Scale {
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (low, high) = if low.is_finite() {
        (low, high)
    } else {
        (0.0, 1.0)
    };
    let axis = &chart.value_axis;
    chart_scale::numbers(
        low,
        high,
        from_zero.then_some(0.0),
        number(axis.min),
        number(axis.max),
    )
}

fn value_ticks(scale: &Scale) -> AxisGeometry {
    AxisGeometry {
        ticks: (scale.ticks.iter())
            .map(|t| (scale.at(t.value()), TickLabel::Value(t.clone())))
            .collect(),
        grid: true,
    }
}

/// Category `i` of `n`: its band's centre along the category axis (the
/// first category at the left, or at the top when `downwards`).
fn band_centre(i: usize, n: usize, downwards: bool) -> f64 {
    let centre = (i as f64 + 0.5) / n.max(1) as f64;
    if downwards { 1.0 - centre } else { centre }
}

fn category_ticks(n: usize, downwards: bool) -> AxisGeometry {
    AxisGeometry {
        ticks: (0..n)
            .map(|i| (band_centre(i, n, downwards), TickLabel::Category(i)))
            .collect(),
        grid: false,
    }
}

/// A bar chart's value scale: over the values, or over the piles' totals
/// up and down when stacked; from zero.
fn bar_scale(chart: &Chart) -> Scale {
    let n = chart.categories.len();
    let totals = |sign: f64| {
        (0..n).map(move |i| {
            (chart.series.iter())
                .filter_map(|s| s.values.get(i))
                .filter(|v| **v * sign > 0.0)
                .sum::<f64>()
        })
    };
    if chart.stacked {
        value_scale(chart, totals(1.0).chain(totals(-1.0)), true)
    } else {
        let values = chart.series.iter().flat_map(|s| s.values.iter().copied());
        value_scale(chart, values, true)
    }
}

fn bars(chart: &Chart) -> Geometry {
    let n = chart.categories.len();
    let m = chart.series.len().max(1);
    let scale = bar_scale(chart);
    let base = scale.at(0.0_f64.clamp(scale.min, scale.max));
    let band = 1.0 / n.max(1) as f64;
    let width = if chart.stacked {
        band * BAND_FILL
    } else {
        band * BAND_FILL / m as f64
    };
    let labels_on = (chart.value_labels).unwrap_or(!chart.stacked && n * m <= MAX_LABELLED);
    let mut geometry = Geometry::default();
    for i in 0..n {
        let start = band * i as f64 + band * (1.0 - BAND_FILL) / 2.0;
        let (mut up, mut down) = (0.0, 0.0);
        for (j, series) in chart.series.iter().enumerate() {
            let Some(&value) = series.values.get(i) else {
                continue;
            };
            let (from, to) = if chart.stacked {
                let pile = if value >= 0.0 { &mut up } else { &mut down };
                let from = *pile;
                *pile += value;
                (scale.at(from), scale.at(*pile))
            } else {
                (base, scale.at(value))
            };
            let along = if chart.stacked {
                start
            } else {
                start + width * j as f64
            };
            let (bar, label) = bar_mark(
                chart.horizontal,
                (along, along + width),
                (from, to),
                value,
                j,
            );
            geometry.bars.push(bar);
            if labels_on {
                geometry.labels.push(label);
            }
        }
    }
    let (values, categories) = (value_ticks(&scale), category_ticks(n, chart.horizontal));
    (geometry.x, geometry.y) = if chart.horizontal {
        (values, categories)
    } else {
        (categories, values)
    };
    geometry
}

/// One bar from `from` to `to` on the value scale, `band` across, and its
/// value's label at its end (past a negative bar's end, below or left).
fn bar_mark(
    horizontal: bool,
    (a0, a1): (f64, f64),
    (from, to): (f64, f64),
    value: f64,
    series: usize,
) -> (Bar, ValueLabel) {
    let (v0, v1) = (from.min(to), from.max(to));
    let side = match (horizontal, value < 0.0) {
        (false, false) => Side::Above,
        (false, true) => Side::Below,
        (true, false) => Side::Right,
        (true, true) => Side::Left,
    };
    let end = if value < 0.0 { v0 } else { v1 };
    if horizontal {
        // The first category at the top.
        let (y0, y1) = (1.0 - a1, 1.0 - a0);
        let label = ValueLabel {
            x: end,
            y: (y0 + y1) / 2.0,
            side,
            value,
        };
        (
            Bar {
                x0: v0,
                x1: v1,
                y0,
                y1,
                series,
            },
            label,
        )
    } else {
        let label = ValueLabel {
            x: (a0 + a1) / 2.0,
            y: end,
            side,
            value,
        };
        (
            Bar {
                x0: a0,
                x1: a1,
                y0: v0,
                y1: v1,
                series,
            },
            label,
        )
    }
}

/// A line chart's x scale: numbers, or dates as day numbers.
fn x_scale(chart: &Chart, positions: &[f64], dates: bool) -> Scale {
    let low = positions.iter().copied().fold(f64::INFINITY, f64::min);
    let high = positions.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (low, high) = if low.is_finite() {
        (low, high)
    } else {
        (0.0, 1.0)
    };
    let day = |s: Option<Scalar>| match s {
        Some(Scalar::Date(d)) => d.date.map(chart_scale::day_number),
        _ => None,
    };
    let axis = &chart.x_axis;
    if dates {
        chart_scale::dates(low as i64, high as i64, day(axis.min), day(axis.max))
    } else {
        // Positions are where the data is: the axis ends there, ticks inside.
        let mut scale = chart_scale::numbers(
            low,
            high,
            None,
            number(axis.min).or(Some(low)),
            number(axis.max).or(Some(high)),
        );
        if positions.iter().all(|p| p.fract() == 0.0) {
            scale.ticks.retain(|t| t.value().fract() == 0.0);
        }
        scale
    }
}

/// Where a line chart's `x` falls, as numbers (dates as day numbers).
pub(crate) fn positions(chart: &Chart) -> Vec<f64> {
    (chart.x.iter())
        .map(|x| match x {
            Scalar::Number(n) => *n,
            Scalar::Date(d) => d.date.map_or(0.0, |d| chart_scale::day_number(d) as f64),
        })
        .collect()
}

fn lines(chart: &Chart) -> Geometry {
    let xs = positions(chart);
    let dates = matches!(chart.x.first(), Some(Scalar::Date(_)));
    let x = x_scale(chart, &xs, dates);
    let y = value_scale(
        chart,
        chart.series.iter().flat_map(|s| s.values.iter().copied()),
        false,
    );
    let labels_on = chart.value_labels.unwrap_or(false);
    let mut geometry = Geometry::default();
    for (j, series) in chart.series.iter().enumerate() {
        let points: Vec<[f64; 2]> = (xs.iter().zip(&series.values))
            .map(|(px, py)| [x.at(*px), y.at(*py)])
            .collect();
        for (point, value) in points.iter().zip(&series.values) {
            geometry.dots.push(Dot {
                x: point[0],
                y: point[1],
                series: j,
            });
            if labels_on {
                geometry.labels.push(ValueLabel {
                    x: point[0],
                    y: point[1],
                    side: Side::Above,
                    value: *value,
                });
            }
        }
        geometry.lines.push(Line { series: j, points });
    }
    geometry.x = AxisGeometry {
        grid: false,
        ..value_ticks(&x)
    };
    geometry.y = value_ticks(&y);
    geometry
}

/// A timeline's scale over its events' dates.
pub(crate) fn timeline_scale(chart: &Chart) -> Scale {
    let days: Vec<f64> = (chart.events.iter())
        .filter_map(|e| e.date.date.map(|d| chart_scale::day_number(d) as f64))
        .collect();
    x_scale(chart, &days, true)
}

fn timeline(chart: &Chart) -> Geometry {
    let scale = timeline_scale(chart);
    let mut geometry = Geometry::default();
    let xs: Vec<f64> = (chart.events.iter())
        .map(|e| {
            e.date
                .date
                .map_or(0.0, |d| scale.at(chart_scale::day_number(d) as f64))
        })
        .collect();
    geometry.events = event_lanes(&xs);
    geometry.dots = xs
        .iter()
        .map(|&x| Dot {
            x,
            y: 0.0,
            series: 0,
        })
        .collect();
    geometry.lanes = geometry
        .events
        .iter()
        .map(|e| e.lane + 1)
        .max()
        .unwrap_or(1);
    geometry.x = AxisGeometry {
        grid: false,
        ..value_ticks(&scale)
    };
    geometry
}

/// Places each event's label in a lane above the axis, so that no two
/// labels of a lane overlap and no stem runs through a nearer lane's
/// label. Events are placed from the last to the first, each label
/// preferably to the right of its stem: earlier events then climb over
/// later ones like a staircase, their stems left of what they pass.
fn event_lanes(xs: &[f64]) -> Vec<EventMark> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|a, b| xs[*b].total_cmp(&xs[*a]));
    let mut placed: Vec<Option<EventMark>> = (0..xs.len()).map(|_| None).collect();
    for index in order {
        let x = xs[index];
        let candidates = [
            (x, x + LABEL_WIDTH, Side::Right),
            (x - LABEL_WIDTH, x, Side::Left),
            (
                (x - LABEL_WIDTH / 2.0).clamp(0.0, 1.0 - LABEL_WIDTH),
                0.0,
                Side::Above,
            ),
        ];
        let fits = |lane: usize, from: f64, to: f64| {
            placed.iter().flatten().all(|other| {
                let apart = to + LANE_MARGIN <= other.from || other.to + LANE_MARGIN <= from;
                let stem_clear =
                    |stem: f64, lane_of_stem: usize, from: f64, to: f64, lane_of_label: usize| {
                        lane_of_label >= lane_of_stem || stem < from || stem > to
                    };
                (other.lane != lane || apart)
                    && stem_clear(x, lane, other.from, other.to, other.lane)
                    && stem_clear(other.x, other.lane, from, to, lane)
            })
        };
        let mark = (0..xs.len().max(1))
            .find_map(|lane| {
                candidates.iter().find_map(|&(from, to, side)| {
                    let to = if side == Side::Above {
                        from + LABEL_WIDTH
                    } else {
                        to
                    };
                    (from >= 0.0 && to <= 1.0 && fits(lane, from, to)).then_some(EventMark {
                        x,
                        lane,
                        from,
                        to,
                        side,
                    })
                })
            })
            .unwrap_or(EventMark {
                x,
                lane: xs.len(),
                from: x.clamp(0.0, 1.0 - LABEL_WIDTH),
                to: 0.0,
                side: Side::Above,
            });
        let to = if mark.to == 0.0 {
            mark.from + LABEL_WIDTH
        } else {
            mark.to
        };
        placed[index] = Some(EventMark { to, ..mark });
    }
    placed.into_iter().flatten().collect()
}

fn ranges(chart: &Chart) -> Geometry {
    let n = chart.categories.len();
    let m = chart.series.len().max(1);
    let all = chart
        .series
        .iter()
        .flat_map(|s| s.low.iter().chain(&s.high).chain(&s.values).copied());
    let scale = value_scale(chart, all, true);
    let band = 1.0 / n.max(1) as f64;
    let labels_on = chart.value_labels.unwrap_or(n * m <= MAX_LABELLED);
    let mut geometry = Geometry::default();
    for i in 0..n {
        for (j, series) in chart.series.iter().enumerate() {
            let (Some(&low), Some(&high)) = (series.low.get(i), series.high.get(i)) else {
                continue;
            };
            let y = 1.0 - (band * i as f64 + band * (j as f64 + 0.5) / m as f64);
            let (x0, x1) = (scale.at(low), scale.at(high));
            geometry.spans.push(Bar {
                x0,
                x1,
                y0: y,
                y1: y,
                series: j,
            });
            if labels_on {
                // Below the ends: never into the category names at the side.
                geometry.labels.push(ValueLabel {
                    x: x0,
                    y,
                    side: Side::Below,
                    value: low,
                });
                geometry.labels.push(ValueLabel {
                    x: x1,
                    y,
                    side: Side::Below,
                    value: high,
                });
            }
            if let Some(&value) = series.values.get(i) {
                geometry.dots.push(Dot {
                    x: scale.at(value),
                    y,
                    series: j,
                });
                if labels_on {
                    geometry.labels.push(ValueLabel {
                        x: scale.at(value),
                        y,
                        side: Side::Above,
                        value,
                    });
                }
            }
        }
    }
    geometry.x = value_ticks(&scale);
    geometry.y = category_ticks(n, true);
    geometry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::chart::Series;

    fn chart(kind: ChartKind) -> Chart {
        let source = crate::diagnostic::Source::new("d.toml", "");
        Chart {
            kind,
            horizontal: false,
            stacked: false,
            value_labels: None,
            words: Default::default(),
            categories: Vec::new(),
            x: Vec::new(),
            series: Vec::new(),
            events: Vec::new(),
            value_axis: Default::default(),
            x_axis: Default::default(),
            csv: None,
            location: crate::diagnostic::Location::new(&source, 0..0),
        }
    }

    #[test]
    fn grouped_bars_share_a_band_and_grow_from_zero() {
        let mut c = chart(ChartKind::Bar);
        c.categories = vec![
            crate::data::chart::Label::Text("a".into()),
            crate::data::chart::Label::Text("b".into()),
        ];
        c.series = vec![
            Series {
                values: vec![1.0, 2.0],
                ..Series::default()
            },
            Series {
                values: vec![3.0, 4.0],
                ..Series::default()
            },
        ];
        let g = layout(&c);
        assert_eq!(g.bars.len(), 4);
        assert!(g.bars.iter().all(|b| b.y0 == 0.0 && b.y1 <= 1.0));
        assert!(g.bars[0].x1 <= g.bars[1].x0 + 1e-9, "side by side");
        assert!(
            g.bars[1].x1 <= 0.5,
            "the first band holds the first category's bars"
        );
        assert_eq!(g.labels.len(), 4);
        c.stacked = true;
        let g = layout(&c);
        assert_eq!(g.bars[1].y0, g.bars[0].y1, "piled");
        assert!(
            g.labels.is_empty(),
            "stacked bars are not labelled by default"
        );
    }

    #[test]
    fn close_events_take_different_lanes() {
        let mut c = chart(ChartKind::Timeline);
        let date = |s: &str| s.parse::<toml::value::Datetime>().expect("date");
        let label = || crate::data::chart::Label::Text("e".into());
        c.events = ["2022-02-28", "2022-03-02", "2022-09-15"]
            .into_iter()
            .map(|d| crate::data::chart::Event {
                date: date(d),
                label: label(),
            })
            .collect();
        let g = layout(&c);
        let lanes: Vec<usize> = g.events.iter().map(|e| e.lane).collect();
        assert_eq!(lanes, [1, 0, 0]);
        assert_eq!(g.lanes, 2);
        assert_eq!(
            g.events[2].side,
            Side::Left,
            "the last label ends at its stem"
        );
        // No stem runs through a nearer lane's label.
        for e in &g.events {
            for other in g.events.iter().filter(|o| o.lane < e.lane) {
                assert!(
                    e.x < other.from || e.x > other.to,
                    "{e:?} crosses {other:?}"
                );
            }
        }
    }
}
