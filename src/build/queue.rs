//! The queue workers take editions from: longest first.
//!
//! With a few workers and editions of different lengths, starting the
//! longest ones first keeps the last worker from starting a long edition
//! while the others sit idle (the classic longest-processing-time rule).
//! How long an edition takes is estimated from its kind: a parallel PDF
//! sets two languages and has the most pages, a PDF is laid out and
//! embedded, an HTML page is only exported.

use std::collections::BinaryHeap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::Edition;
use crate::project::Format;

/// An edition waiting, with its place in the plan.
#[derive(Debug, PartialEq, Eq)]
struct Waiting {
    cost: u8,
    /// Negated queue order, so that among equals the first queued wins.
    order: std::cmp::Reverse<usize>,
    edition: Edition,
}

impl Ord for Waiting {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.cost, self.order).cmp(&(other.cost, other.order))
    }
}

impl PartialOrd for Waiting {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Default)]
struct State {
    waiting: BinaryHeap<Waiting>,
    closed: bool,
}

/// Editions to render, taken longest first by any number of workers.
#[derive(Default)]
pub(super) struct EditionQueue {
    state: Mutex<State>,
    ready: Condvar,
}

/// What a worker gets from the queue.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Next {
    /// An edition to render, with the order it was queued in.
    Edition(usize, Edition),
    /// Nothing yet: look at the interrupt flag and ask again.
    NotYet,
    /// The queue is closed and empty: the worker is done.
    Done,
}

impl EditionQueue {
    /// Adds an edition; `order` is its place in the plan.
    pub(super) fn push(&self, order: usize, edition: Edition) {
        if let Ok(mut state) = self.state.lock() {
            state.waiting.push(Waiting {
                cost: estimated_cost(&edition),
                order: std::cmp::Reverse(order),
                edition,
            });
        }
        self.ready.notify_one();
    }

    /// No more editions will come.
    pub(super) fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.closed = true;
        }
        self.ready.notify_all();
    }

    /// The longest edition waiting, waiting up to `patience` for one.
    pub(super) fn next(&self, patience: Duration) -> Next {
        let Ok(mut state) = self.state.lock() else {
            return Next::Done;
        };
        if state.waiting.is_empty() && !state.closed {
            match self.ready.wait_timeout(state, patience) {
                Ok((guard, _)) => state = guard,
                Err(_) => return Next::Done,
            }
        }
        match state.waiting.pop() {
            Some(waiting) => Next::Edition(waiting.order.0, waiting.edition),
            None if state.closed => Next::Done,
            None => Next::NotYet,
        }
    }

    /// Editions never taken (after an interrupt), in queue order.
    pub(super) fn leftovers(self) -> Vec<Edition> {
        let Ok(state) = self.state.into_inner() else {
            return Vec::new();
        };
        let mut waiting = state.waiting.into_vec();
        waiting.sort_by_key(|w| w.order.0);
        waiting.into_iter().map(|w| w.edition).collect()
    }
}

/// A rough rank of how long an edition takes to render.
fn estimated_cost(edition: &Edition) -> u8 {
    match (edition.partner.is_some(), edition.format) {
        (true, Format::Print) => 5,
        (true, Format::Pdf) => 4,
        (false, Format::Print) => 3,
        (false, Format::Pdf) => 2,
        (true, Format::Html) => 1,
        (false, Format::Html) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Language;

    fn edition(tag: &str, partner: Option<&str>, format: Format) -> Edition {
        Edition {
            language: Language::parse(tag).expect("tag"),
            partner: partner.map(|p| Language::parse(p).expect("tag")),
            format,
        }
    }

    #[test]
    fn longest_first_then_in_queue_order() {
        let queue = EditionQueue::default();
        queue.push(0, edition("es", None, Format::Html));
        queue.push(1, edition("es", None, Format::Pdf));
        queue.push(2, edition("en", None, Format::Pdf));
        queue.push(3, edition("es", Some("en"), Format::Html));
        queue.push(4, edition("es", Some("en"), Format::Pdf));
        queue.close();
        let mut taken = Vec::new();
        while let Next::Edition(order, edition) = queue.next(Duration::ZERO) {
            taken.push((order, edition.label()));
        }
        assert_eq!(
            taken,
            [
                (4, "es-en parallel pdf".to_owned()),
                (1, "es pdf".to_owned()),
                (2, "en pdf".to_owned()),
                (3, "es-en parallel html".to_owned()),
                (0, "es html".to_owned()),
            ]
        );
        assert_eq!(queue.next(Duration::ZERO), Next::Done);
    }

    #[test]
    fn an_open_empty_queue_asks_to_wait_and_keeps_what_was_not_taken() {
        let queue = EditionQueue::default();
        assert_eq!(queue.next(Duration::from_millis(1)), Next::NotYet);
        queue.push(0, edition("es", None, Format::Html));
        queue.push(1, edition("en", None, Format::Html));
        let labels: Vec<String> = queue.leftovers().iter().map(Edition::label).collect();
        assert_eq!(labels, ["es html", "en html"]);
    }
}
