//! Numeric columns of the tables in Typst's HTML export, found so that
//! they can be right-aligned as the PDF sets them.
//!
//! Typst's HTML export writes a table's cells without their alignment. A
//! column whose body cells all read as figures (digits with their
//! separators, signs, a percent or currency sign, at most a three-letter
//! unit such as `US$` or `EUR`) is numeric; its cells, header included,
//! get `class="num"`, which report's own style right-aligns. One pass
//! reads the cells (lol_html, as the rest of the finishing), the next marks
//! them: a column is known only once its last row is read.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use lol_html::html_content::Element;
use lol_html::{EndTagHandler, HandlerResult, RewriteStrSettings, element, rewrite_str, text};

/// Where a cell is: its table (in document order) and its column.
type CellPlace = (usize, usize);

/// What the first pass reads of one cell.
struct Cell {
    place: CellPlace,
    header: bool,
    text: String,
}

/// Walks tables, rows and cells in document order, the same way in both
/// passes, so that a place means the same cell in each.
#[derive(Default)]
struct Walk {
    tables: usize,
    /// The tables open around the current element, innermost last, each
    /// with how many of its rows have begun.
    open: Vec<(usize, usize)>,
    column: usize,
}

impl Walk {
    fn table(&mut self) -> usize {
        self.tables += 1;
        self.open.push((self.tables - 1, 0));
        self.tables - 1
    }

    fn close_table(&mut self) {
        self.open.pop();
    }

    fn row(&mut self) {
        self.column = 0;
        if let Some((_, rows)) = self.open.last_mut() {
            *rows += 1;
        }
    }

    /// The place of a cell spanning `span` columns, whether it is in the
    /// table's first row, and the walk moved on.
    fn cell(&mut self, span: usize) -> Option<(CellPlace, bool)> {
        let (table, rows) = *self.open.last()?;
        let place = (table, self.column);
        self.column += span.max(1);
        Some((place, rows <= 1))
    }
}

/// Settings that walk `html`'s tables in document order and call
/// `on_cell` with each cell, its place and whether it is in its table's
/// first row: the same walk for both passes, so a place means the same
/// cell in each. With `focusable`, each table gets `tabindex="0"`: a table
/// wider than a phone scrolls sideways, and a keyboard must reach it.
fn walk_cells<'h>(
    focusable: bool,
    mut on_cell: impl FnMut(&mut Element<'_, '_>, CellPlace, bool) -> HandlerResult + 'h,
) -> RewriteStrSettings<'h, 'h> {
    let walk = Rc::new(RefCell::new(Walk::default()));
    let (w1, w2, w3) = (Rc::clone(&walk), Rc::clone(&walk), walk);
    RewriteStrSettings::new()
        .append_element_content_handler(element!("table", move |el| {
            w1.borrow_mut().table();
            if focusable {
                el.set_attribute("tabindex", "0")?;
            }
            let w = Rc::clone(&w1);
            if let Some(handlers) = el.end_tag_handlers() {
                let close: EndTagHandler<'static> = Box::new(move |_| {
                    w.borrow_mut().close_table();
                    Ok(())
                });
                handlers.push(close);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("tr", move |_| {
            w2.borrow_mut().row();
            Ok(())
        }))
        .append_element_content_handler(element!("td, th", move |el| {
            let span = span(el.get_attribute("colspan"));
            let cell = w3.borrow_mut().cell(span);
            match cell {
                Some((place, first_row)) => on_cell(el, place, first_row),
                None => Ok(()),
            }
        }))
}

/// The places of every cell in a numeric column of `html`'s tables.
pub(super) fn numeric_cells(html: &str) -> Result<BTreeSet<CellPlace>, String> {
    let cells: Rc<RefCell<Vec<Cell>>> = Rc::default();
    let (c1, c2) = (Rc::clone(&cells), Rc::clone(&cells));
    let settings = walk_cells(false, move |el, place, first_row| {
        c1.borrow_mut().push(Cell {
            place,
            // A first row is a header, marked as one or not.
            header: first_row || el.tag_name() == "th",
            text: String::new(),
        });
        Ok(())
    })
    .append_element_content_handler(text!("td, th", move |chunk| {
        if let Some(cell) = c2.borrow_mut().last_mut() {
            cell.text.push_str(chunk.as_str());
        }
        Ok(())
    }));
    rewrite_str(html, settings).map_err(|e| format!("failed to read Typst's HTML tables ({e})"))?;
    let cells = cells.take();
    Ok(numeric_columns(&cells))
}

/// Marks the cells at `places` with `class="num"` (added to any class),
/// and makes every table focusable.
pub(super) fn mark(html: &str, places: &BTreeSet<CellPlace>) -> Result<String, String> {
    if !html.contains("<table") {
        return Ok(html.to_owned());
    }
    let settings = walk_cells(true, |el, place, _| {
        if places.contains(&place) {
            let class = match el.get_attribute("class") {
                Some(class) => format!("{class} num"),
                None => "num".to_owned(),
            };
            el.set_attribute("class", &class)?;
        }
        Ok(())
    });
    rewrite_str(html, settings).map_err(|e| format!("failed to mark Typst's HTML tables ({e})"))
}

fn span(colspan: Option<String>) -> usize {
    colspan.and_then(|s| s.trim().parse().ok()).unwrap_or(1)
}

/// The places of the cells of every column whose body cells (at least one
/// with text) all read as figures; its header cells (`th`, and the first
/// row, which is a table's header whether or not Typst marks it) go with
/// it.
fn numeric_columns(cells: &[Cell]) -> BTreeSet<CellPlace> {
    let mut columns: std::collections::BTreeMap<CellPlace, bool> = Default::default();
    for cell in cells.iter().filter(|c| !c.header) {
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        let numeric = columns.entry(cell.place).or_insert(true);
        *numeric &= is_figure(text);
    }
    cells
        .iter()
        .map(|c| c.place)
        .filter(|place| columns.get(place) == Some(&true))
        .collect()
}

/// Whether a cell's text reads as a figure: a digit at least, otherwise
/// separators, signs, brackets, percent and currency signs, spaces, and at
/// most three letters (a unit or currency code: `US$`, `EUR`, `k`).
fn is_figure(text: &str) -> bool {
    let mut digits = 0;
    let mut letters = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        } else if !(c.is_whitespace() || ".,'’+-−–()%‰".contains(c) || CURRENCY_SIGNS.contains(c))
        {
            return false;
        }
    }
    digits > 0 && letters <= 3
}

/// The currency signs in use (the common ones of Unicode's `Sc`).
const CURRENCY_SIGNS: &str = "$€£¥₹₽₩₺₪฿₫₴₦₱₲₡¢";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_figures_and_words_and_dates_in_words_are_not() {
        for figure in [
            "1.234,50 US$",
            "48.750.000,00 US$",
            "12 %",
            "−3,5",
            "$1,200",
            "2022",
            "(4.5)",
            "1 200 €",
            "3.2k",
        ] {
            assert!(is_figure(figure), "{figure}");
        }
        for words in ["28 de febrero de 2022", "Cuba", "n. d.", "Votación", "—"] {
            assert!(!is_figure(words), "{words}");
        }
    }

    #[test]
    fn numeric_columns_get_the_class_header_included() {
        let html = "<table><thead><tr><th>País</th><th>Importe</th></tr></thead>\
                    <tbody><tr><td>Cuba</td><td>1.234,50 US$</td></tr>\
                    <tr><td>Chile</td><td>  </td></tr>\
                    <tr><td>Perú</td><td>12 %</td></tr></tbody></table>\
                    <table><tr><td>A</td><td>B</td><td>Σ</td></tr>\
                    <tr><td colspan=\"2\">Total</td><td>7</td></tr></table>";
        let places = numeric_cells(html).expect("read");
        assert_eq!(places, [(0, 1), (1, 2)].into_iter().collect());
        let marked = mark(html, &places).expect("marked");
        assert!(
            marked.contains("<th class=\"num\">Importe</th>"),
            "{marked}"
        );
        assert!(marked.contains("<td class=\"num\">12 %</td>"), "{marked}");
        assert!(marked.contains("<td>Cuba</td>"), "{marked}");
        assert!(marked.contains("<td class=\"num\">7</td>"), "{marked}");
        assert!(marked.contains("<td class=\"num\">Σ</td>"), "{marked}");
    }
}
