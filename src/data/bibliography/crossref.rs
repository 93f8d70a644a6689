//! BibTeX `crossref` and `xdata`, measured before biblatex follows them.
//!
//! biblatex fills a work in from the works its `crossref` and `xdata`
//! name, each first filled in from its own, by recursion and copy: an entry
//! with `crossref = {itself}` overflowed the stack and aborted `report`,
//! and a chain of N entries costs N² copies. So the references form a
//! graph, walked once ([`crate::graph`]): a work that reaches a cycle, a
//! chain longer than [`MAX_DEPTH`], or copies past [`expansion_budget`] in
//! all are errors, and biblatex never runs.
//!
//! The keys the fields name are read by biblatex itself, from a copy of the
//! file that keeps only `ids`, `crossref` and `xdata` (renamed, so that it
//! does not follow them): macros, braces and aliases resolve exactly as
//! they will. The `@string` macros are checked first (`macros.rs`), so this
//! reading is bounded.

use std::collections::HashMap;
use std::sync::Arc;

use biblatex::{Bibliography, Pair, RawBibliography, RawEntry, Spanned};

use super::{MAX_DEPTH, expansion_budget, thousands};
use crate::diagnostic::{Code, Problem, Problems, Source};

/// The renamed fields: no field of biblatex's has these names.
const CROSSREF: &str = "report-crossref";
const XDATA: &str = "report-xdata";

/// Checks the cross-references of `raw`, whose entries weigh `weights`
/// once their macros are expanded; `true` when biblatex must not follow
/// them (the problems say why).
pub(super) fn check(
    source: &Arc<Source>,
    raw: &RawBibliography<'_>,
    weights: &[u64],
    problems: &mut Problems,
) -> bool {
    let refers = |pair: &Pair<'_>| {
        pair.key.v.eq_ignore_ascii_case("crossref") || pair.key.v.eq_ignore_ascii_case("xdata")
    };
    if !raw.entries.iter().any(|e| e.v.fields.iter().any(refers)) {
        return false;
    }
    let Some(successors) = references(raw) else {
        // biblatex refuses the file before it follows any reference, and
        // will say why.
        return false;
    };
    let (reach, broken) = reaches(&successors, weights);
    let mut blocked = false;
    let budget = expansion_budget(source.text.len());
    let mut total: u64 = 0;
    for (node, entry) in raw.entries.iter().enumerate() {
        let at = reference_span(&entry.v);
        if let Some(cycle) = broken[node] {
            problems.push(cycle_problem(source, raw, node, cycle, at.clone()));
            blocked = true;
            continue;
        }
        if reach[node].depth > MAX_DEPTH {
            problems.push(
                Problem::error(
                    Code::TooDeep,
                    format!(
                        "the work `{}` takes its fields through a chain of more than {MAX_DEPTH} `crossref` and `xdata`",
                        entry.v.key.v
                    ),
                )
                .at(source, at.clone())
                .with_note("the BibTeX reader (which Typst uses too) goes one level down for each")
                .with_hint("refer to the work that has the fields, not to one that refers on"),
            );
            blocked = true;
        }
        total = total.saturating_add(reach[node].weight);
        if total > budget && !blocked {
            problems.push(
                Problem::error(
                    Code::Bibliography,
                    format!(
                        "`crossref` and `xdata` copy more than {} characters in all (reached at the work `{}`)",
                        thousands(budget),
                        entry.v.key.v
                    ),
                )
                .at(source, at)
                .with_note("a work is copied, with everything it takes from others, into each work that refers to it")
                .with_hint("refer to fewer works, or write the shared fields out"),
            );
            blocked = true;
        }
    }
    blocked
}

/// How far each work's references go, and for a work in or behind a
/// cycle, a work of that cycle (components come dependencies first, so
/// each work's successors are measured before it).
fn reaches(successors: &[Vec<usize>], weights: &[u64]) -> (Vec<Reach>, Vec<Option<usize>>) {
    let components = crate::graph::components(successors);
    let cyclic = crate::graph::cyclic(successors, &components);
    let mut reach = vec![Reach::default(); successors.len()];
    let mut broken = vec![None::<usize>; successors.len()];
    for component in &components {
        if component.iter().any(|&node| cyclic[node]) {
            for &node in component {
                broken[node] = Some(node);
            }
            continue;
        }
        for &node in component {
            let next = &successors[node];
            broken[node] = next.iter().find_map(|&n| broken[n]);
            let mut own = Reach::default();
            for &n in next {
                own.depth = own.depth.max(reach[n].depth + 1);
                own.weight = (own.weight)
                    .saturating_add(weights.get(n).copied().unwrap_or(0))
                    .saturating_add(reach[n].weight);
            }
            reach[node] = own;
        }
    }
    (reach, broken)
}

/// How far a work's references go: the longest chain, and what copying
/// them all costs.
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    depth: usize,
    weight: u64,
}

/// Each entry's references (`crossref` first, then `xdata`, repeats kept),
/// as indices of entries, or `None` when biblatex refuses the file before
/// following them.
fn references<'s>(raw: &RawBibliography<'s>) -> Option<Vec<Vec<usize>>> {
    let renamed = |pair: &Pair<'s>| -> Option<Pair<'s>> {
        let name = pair.key.v;
        let to = if name.eq_ignore_ascii_case("crossref") {
            CROSSREF
        } else if name.eq_ignore_ascii_case("xdata") {
            XDATA
        } else if name.eq_ignore_ascii_case("ids") {
            "ids"
        } else {
            return None;
        };
        Some(Pair::new(
            Spanned::new(to, pair.key.span.clone()),
            pair.value.clone(),
        ))
    };
    let kept = RawBibliography {
        preamble: String::new(),
        entries: (raw.entries.iter())
            .map(|entry| {
                let fields = entry.v.fields.iter().filter_map(renamed).collect();
                let kept = RawEntry {
                    key: entry.v.key.clone(),
                    kind: entry.v.kind.clone(),
                    fields,
                };
                Spanned::new(kept, entry.span.clone())
            })
            .collect(),
        abbreviations: raw.abbreviations.clone(),
    };
    let bibliography = Bibliography::from_raw(kept).ok()?;
    let index: HashMap<&str, usize> = (bibliography.iter().enumerate())
        .map(|(i, entry)| (entry.key.as_str(), i))
        .collect();
    let node = |key: &str| {
        let entry = bibliography.get(key)?;
        index.get(entry.key.as_str()).copied()
    };
    let successors = bibliography
        .iter()
        .map(|entry| {
            let crossref = entry.get_as::<String>(CROSSREF).ok();
            let xdata = entry.get_as::<Vec<String>>(XDATA).unwrap_or_default();
            (crossref.iter().chain(&xdata))
                .filter_map(|key| node(key))
                .collect()
        })
        .collect();
    Some(successors)
}

/// Where an entry's references are written: its `crossref` or `xdata`
/// field, else its key.
fn reference_span(entry: &RawEntry<'_>) -> std::ops::Range<usize> {
    entry
        .fields
        .iter()
        .find(|pair| {
            pair.key.v.eq_ignore_ascii_case("crossref") || pair.key.v.eq_ignore_ascii_case("xdata")
        })
        .map_or(entry.key.span.clone(), |pair| pair.value.span.clone())
}

fn cycle_problem(
    source: &Arc<Source>,
    raw: &RawBibliography<'_>,
    node: usize,
    cycle: usize,
    at: std::ops::Range<usize>,
) -> Problem {
    let key = raw.entries[node].v.key.v;
    let message = if node == cycle {
        format!("the work `{key}` takes its fields from itself, through `crossref` or `xdata`")
    } else {
        let other = raw.entries[cycle].v.key.v;
        format!(
            "the work `{key}` takes its fields from `{other}`, which takes its own from itself, through `crossref` or `xdata`"
        )
    };
    Problem::error(Code::Bibliography, message)
        .at(source, at.start..at.end.max(at.start + 1))
        .with_label("refers back to itself")
        .with_note("the BibTeX reader (which Typst uses too) would follow the references without end and overflow its stack")
        .with_hint("a `crossref` or `xdata` names another work, one that does not refer back")
}
