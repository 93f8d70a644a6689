//! A chart's numbers from a CSV file the data names (`csv = "oil.csv"`):
//! the file is read through the project's sandbox, its first row names the
//! columns, and the chart's `categories` (or `x`) and each series' `values`,
//! `low` and `high` name the columns to take. Every mistake is located: a
//! column the file lacks where the data names it (with the columns it
//! has), a cell that is not a number (or a date) where the file has it.

use std::sync::Arc;

use super::chart::{Chart, ChartKind, Label, Scalar};
use crate::diagnostic::{Code, Location, Problem, Problems, Source};
use crate::project::{Project, ProjectPath};

/// Reads the CSV file `chart` names (from the data file `named_in`)
/// through the project's sandbox into the chart. Returns the file's path
/// when the chart names one inside the project, read or not, so that
/// `report watch` watches it.
pub(super) fn load(
    chart: &mut Chart,
    project: &Project,
    named_in: &ProjectPath,
    problems: &mut Problems,
) -> Option<ProjectPath> {
    let csv = chart.csv.clone()?;
    let refused = |cause: &str| {
        Problem::error(
            Code::Chart,
            format!("the chart's CSV file `{}` cannot be read ({cause})", csv.path),
        )
        .at_location(Some(csv.location.clone()))
        .with_hint(
            "name a CSV file inside the project: beside this data file, or from the root with a leading `/`",
        )
    };
    let Some(path) = named_in.named_by_data(&csv.path) else {
        problems.push(refused("it is outside the project"));
        return None;
    };
    match project.files.read_text(&path) {
        Ok(text) => fill(chart, &Source::new(path.as_path(), text), problems),
        // A link out of the project is told as the sandbox tells it;
        // anything else where the data names the file.
        Err(p) if p.iter().any(|p| p.code == Code::PathOutsideProject) => problems.extend(p),
        Err(p) => {
            let cause = p
                .iter()
                .next()
                .map_or_else(String::new, |p| p.message.clone());
            problems.push(refused(&cause));
        }
    }
    Some(path)
}

/// The file's columns: header names and, per column, each cell with where
/// it is.
struct Table {
    headers: Vec<String>,
    columns: Vec<Vec<(String, Location)>>,
}

/// Reads `text` (the CSV file `source`) into `chart`, reporting what does
/// not fit, then checks the chart's rules as a chart written in the data is.
fn fill(chart: &mut Chart, source: &Arc<Source>, problems: &mut Problems) {
    let Some(table) = read(source, problems) else {
        return;
    };
    let Some(csv) = chart.csv.clone() else {
        return;
    };
    let mut missing = false;
    let mut column = |name: &(String, Location), problems: &mut Problems| {
        let index = table.headers.iter().position(|h| h == &name.0);
        if index.is_none() {
            missing = true;
            let hint =
                match crate::suggest::closest(&name.0, table.headers.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("its columns are: {}", table.headers.join(", ")),
                };
            problems.push(
                Problem::error(
                    Code::Chart,
                    format!("`{}` has no column `{}`", csv.path, name.0),
                )
                .at_location(Some(name.1.clone()))
                .with_hint(hint),
            );
        }
        index.map(|i| &table.columns[i])
    };
    // The first column names the categories (or gives `x`) unless the data
    // names another.
    let first = match &csv.first {
        Some(name) => column(name, problems),
        None => table.columns.first(),
    };
    if let Some(cells) = first {
        if chart.kind == ChartKind::Line {
            chart.x = cells
                .iter()
                .filter_map(|(text, at)| scalar(text, at, problems))
                .collect();
        } else {
            chart.categories = cells
                .iter()
                .map(|(text, _)| Label::Text(text.clone()))
                .collect();
        }
    }
    for series in &mut chart.series {
        let columns = series.columns.clone();
        for (named, into) in [
            (&columns.values, &mut series.values),
            (&columns.low, &mut series.low),
            (&columns.high, &mut series.high),
        ] {
            if let Some(cells) = named.as_ref().and_then(|name| column(name, problems)) {
                *into = cells
                    .iter()
                    .map(|(text, at)| number(text, at, problems))
                    .collect();
            }
        }
    }
    // A series without its column is already told; its length is not
    // another mistake.
    if !missing {
        super::chart_rules::check(chart, &indexmap::IndexMap::new(), problems);
    }
}

/// The file's header row and columns; `None` (reported) when it cannot be
/// read as CSV or has no header.
fn read(source: &Arc<Source>, problems: &mut Problems) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(source.text.as_bytes());
    let at = |byte: u64, len: usize| {
        let start = usize::try_from(byte).unwrap_or(0).min(source.text.len());
        Location::new(source, start..(start + len).min(source.text.len()))
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_owned()).collect(),
        Err(error) => {
            problems.push(csv_problem(&error, source, &at));
            return None;
        }
    };
    if headers.iter().all(String::is_empty) {
        problems.push(
            Problem::error(Code::Chart, "the CSV file has no header row")
                .at_location(Some(at(0, 0)))
                .with_hint("the first row names the columns: `year,exports,imports`"),
        );
        return None;
    }
    let mut columns: Vec<Vec<(String, Location)>> = vec![Vec::new(); headers.len()];
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push(csv_problem(&error, source, &at));
                return None;
            }
        };
        let start = record.position().map_or(0, csv::Position::byte);
        for (i, cell) in record.iter().enumerate() {
            // A record keeps its fields without the commas between them
            // (and without quotes): the field's place in the line is its
            // place in the record plus the commas before it.
            let offset = (record.range(i).map_or(0, |r| r.start) + i) as u64;
            columns[i].push((cell.trim().to_owned(), at(start + offset, cell.len())));
        }
    }
    Some(Table { headers, columns })
}

/// A CSV reading error at its place in the file.
fn csv_problem(
    error: &csv::Error,
    source: &Arc<Source>,
    at: &dyn Fn(u64, usize) -> Location,
) -> Problem {
    let byte = error.position().map_or(0, csv::Position::byte);
    let hint = match error.kind() {
        csv::ErrorKind::UnequalLengths { .. } => {
            "give every row as many cells as the header row has columns"
        }
        csv::ErrorKind::Utf8 { .. } => "save the file as UTF-8",
        _ => "write the file as CSV: comma-separated cells, a header row first",
    };
    let what = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!(
                "a row of `{}` has {len} cell(s) where the header has {expected_len}",
                source.path.display()
            )
        }
        _ => format!(
            "`{}` cannot be read as CSV ({error})",
            source.path.display()
        ),
    };
    Problem::error(Code::Chart, what)
        .at_location(Some(at(byte, 0)))
        .with_hint(hint)
}

/// A cell that must be a number (`1234.5`; no grouping, a point for the
/// decimals, as data files write numbers).
fn number(text: &str, at: &Location, problems: &mut Problems) -> f64 {
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => n,
        _ => {
            problems.push(
                Problem::error(Code::Chart, format!("the cell `{text}` is not a number"))
                    .at_location(Some(at.clone()))
                    .with_hint("write numbers as data files do: `1234.5`, without grouping or units (each language's form is report's job)"),
            );
            0.0
        }
    }
}

/// A line chart's `x` cell: a number, or a date (`2022-02-28`).
fn scalar(text: &str, at: &Location, problems: &mut Problems) -> Option<Scalar> {
    if let Ok(n) = text.parse::<f64>()
        && n.is_finite()
    {
        return Some(Scalar::Number(n));
    }
    match text.parse::<toml::value::Datetime>() {
        Ok(date) if date.date.is_some() => Some(Scalar::Date(date)),
        _ => {
            problems.push(
                Problem::error(
                    Code::Chart,
                    format!("the cell `{text}` is neither a number nor a date"),
                )
                .at_location(Some(at.clone()))
                .with_hint("write `x` as numbers (`2021`) or dates (`2022-02-28`)"),
            );
            None
        }
    }
}
