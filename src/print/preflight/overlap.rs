//! Overprinted text: glyphs set over other glyphs on one page — what a
//! print shop's preflight calls overset or overprinted text, and what a
//! template does when two boxes claim one place (a `place`d box over a
//! paragraph, a block taller than the room its page gives it).
//!
//! Each run of text (one show operator) has a core box: from its baseline
//! up half an em, where the ink of lower-case letters lies. Lines of one
//! paragraph are an em or more apart and words of one line follow each
//! other, so two cores that meet by more than a sliver are two texts on top
//! of each other. Runs are compared in a sweep down the page (only runs
//! whose cores share height are compared) within a budget, so a hostile
//! page of a million runs stacked in one place costs a bounded time.
//!
//! Runs narrower than a third of an em are not compared: a mark the font
//! sets over its letter (an Arabic vowel, a hamza, an accent Typst
//! positions on its own) overlaps that letter by design, and a stray glyph
//! is not what this check is for — overprinted text is words over words.

use lopdf::Document;

use super::Finding;
use super::content::{PageContent, TextRun};

/// How many pairs of runs one page may compare.
const MAX_COMPARISONS: usize = 4_000_000;

/// What overlaps on one page: how many pairs of runs, and the first pair
/// (indexes into the page's runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Overlaps {
    pub count: usize,
    pub first: (usize, usize),
}

/// The runs of `runs` set over each other (see the module); `None` when
/// none are.
pub(super) fn find(runs: &[TextRun]) -> Option<Overlaps> {
    let mut order: Vec<usize> = (0..runs.len())
        .filter(|&i| runs[i].upright && !runs[i].codes.is_empty())
        .filter(|&i| width(&runs[i]) > 0.5_f64.max(MIN_EMS * em(&runs[i])))
        .collect();
    // Top of the page first: by the core's upper edge, descending.
    order.sort_by(|&a, &b| runs[b].core[3].total_cmp(&runs[a].core[3]));
    let mut found: Option<Overlaps> = None;
    let mut budget = MAX_COMPARISONS;
    for (at, &i) in order.iter().enumerate() {
        for &j in &order[at + 1..] {
            // Later runs start no higher; once one's top is below this
            // run's bottom, so are all the rest.
            if runs[j].core[3] <= runs[i].core[1] {
                break;
            }
            if budget == 0 {
                return found;
            }
            budget -= 1;
            if overprint(&runs[i], &runs[j]) {
                let pair = (i.min(j), i.max(j));
                match &mut found {
                    Some(overlaps) => overlaps.count += 1,
                    None => {
                        found = Some(Overlaps {
                            count: 1,
                            first: pair,
                        })
                    }
                }
            }
        }
    }
    found
}

/// The narrowest run compared, in ems of its font size.
const MIN_EMS: f64 = 1.0 / 3.0;

fn width(run: &TextRun) -> f64 {
    run.core[2] - run.core[0]
}

/// A run's font size on the page: its core is half an em high.
fn em(run: &TextRun) -> f64 {
    2.0 * (run.core[3] - run.core[1])
}

/// Whether two runs' cores meet by more than a sliver: across, more than
/// a point and a quarter of the narrower; down, more than a third of the
/// lower core (kerning and a raised note marker stay under that).
fn overprint(a: &TextRun, b: &TextRun) -> bool {
    let across = a.core[2].min(b.core[2]) - a.core[0].max(b.core[0]);
    let down = a.core[3].min(b.core[3]) - a.core[1].max(b.core[1]);
    let height = (a.core[3] - a.core[1]).min(b.core[3] - b.core[1]);
    across > 1.0_f64.max(0.25 * width(a).min(width(b))) && down > height / 3.0
}

/// The finding of a page whose text overprints, quoting the first pair.
pub(super) fn finding(doc: &Document, content: &PageContent) -> Option<Finding> {
    let overlaps = find(&content.text)?;
    // The run drawn later is the one on top.
    let (under, over) = overlaps.first;
    Some(Finding::TextOverlap {
        count: overlaps.count,
        texts: (
            text_of(doc, &content.text[over]),
            text_of(doc, &content.text[under]),
        ),
    })
}

/// The text of a run, as its font's `ToUnicode` map reads it (a short
/// quotation for a problem; `…` when it cannot be read).
pub(super) fn text_of(doc: &Document, run: &TextRun) -> String {
    let font = run.font.and_then(|id| doc.get_dictionary(id).ok());
    let text = font
        .and_then(|font| font.get_font_encoding_with_limit(doc, 1 << 20).ok())
        .and_then(|encoding| Document::decode_text(&encoding, &run.codes).ok())
        .unwrap_or_default();
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    let text = text.trim();
    const MAX_CHARS: usize = 40;
    match text.char_indices().nth(MAX_CHARS) {
        _ if text.is_empty() => "…".to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f64, y: f64, width: f64, size: f64) -> TextRun {
        TextRun {
            bounds: [x, y - 0.25 * size, x + width, y + 0.8 * size],
            core: [x, y, x + width, y + 0.5 * size],
            upright: true,
            font: None,
            codes: b"text".to_vec(),
        }
    }

    #[test]
    fn lines_words_and_note_markers_do_not_overprint_but_stacked_lines_do() {
        // Two lines 12 pt apart at 10 pt, two words on a line, a raised
        // note marker right after a word, a word kerned into the next by
        // half a point: none overprint.
        let page = [
            run(72.0, 700.0, 200.0, 10.0),
            run(72.0, 688.0, 200.0, 10.0),
            run(300.0, 700.0, 40.0, 10.0),
            run(340.0, 704.0, 3.0, 6.0),
            run(343.5, 700.0, 30.0, 10.0),
        ];
        assert_eq!(find(&page), None);
        // A paragraph set over another, 3 pt lower.
        let mut stacked = page.to_vec();
        stacked.push(run(80.0, 697.0, 150.0, 10.0));
        assert_eq!(
            find(&stacked),
            Some(Overlaps {
                count: 1,
                first: (0, 5)
            })
        );
    }

    #[test]
    fn a_mark_set_over_its_letter_is_not_overprinting() {
        // "كتب" then a damma (2 pt wide at 11 pt) moved back over its teh,
        // as Typst sets Arabic vowels; and a word set over that word.
        let word = run(282.9, 615.4, 20.2, 11.0);
        let mark = run(301.0, 614.6, 2.1, 11.0);
        assert_eq!(find(&[word.clone(), mark]), None);
        let over = run(285.0, 615.0, 18.0, 11.0);
        assert!(find(&[word, over]).is_some());
    }

    #[test]
    fn a_page_of_runs_in_one_place_costs_a_bounded_time() {
        let page: Vec<TextRun> = (0..5_000).map(|_| run(72.0, 700.0, 100.0, 10.0)).collect();
        let found = find(&page).expect("overlaps");
        assert!(found.count <= MAX_COMPARISONS);
    }
}
