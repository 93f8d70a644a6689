//! BibTeX `@string` macros, measured before biblatex expands them.
//!
//! biblatex expands a macro each time a field uses it, by recursion: a
//! macro that uses itself (`@string{a = a}`) overflowed the stack and
//! aborted `report`, and macros that double (`@string{b = a # a}`, 27
//! times in 1.2 KB) expanded to 2²⁸ pieces (41 s, 1.2 GB). So the macros
//! form a graph, walked once ([`crate::graph`]): a use of a macro that
//! reaches a cycle, of a chain longer than [`MAX_DEPTH`], or uses that
//! expand past [`expansion_budget`] in all are errors at the field, and
//! biblatex never runs.
//!
//! biblatex also cuts each field, and each macro's value, into pieces (at
//! every `#`, brace and dollar sign, and where a macro's text goes) and
//! merges neighbouring pieces one by one, each merge moving all the pieces
//! after it: a field of N pieces costs N². A field may have at most
//! [`MAX_PIECES`]; a macro's pieces count, squared, in what it costs to
//! expand.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use biblatex::{Pair, RawBibliography, RawChunk};

use super::{MAX_DEPTH, MAX_PIECES, expansion_budget, thousands};
use crate::diagnostic::{Code, Problem, Problems, Source};

/// What a macro expands to, when it expands at all.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    /// What expanding it costs: its characters, one for each piece, and
    /// the square of its own pieces (their merging) over
    /// [`MERGE_PER_CHARACTER`].
    weight: u64,
    /// Braces and dollar signs, all through its expansion.
    groups: u64,
    /// The pieces biblatex merges at its own level: one for each piece of
    /// text and its braces and dollar signs, and those each macro it uses
    /// comes back with.
    pieces: u64,
    /// The most pieces of any value in its expansion, its own included.
    widest: u64,
    /// The longest chain of macros it goes through (itself included).
    depth: usize,
}

/// Why a macro does not expand.
#[derive(Debug, Clone)]
enum Broken {
    /// It reaches a cycle; these are the cycle's macros.
    Cycle(Vec<usize>),
}

/// The `@string` macros of a file.
pub(super) struct Macros<'s> {
    /// Each name's definition (the last one, as biblatex keeps).
    names: HashMap<&'s str, usize>,
    defined: Vec<&'s Pair<'s>>,
    sizes: Vec<Result<Size, Broken>>,
}

impl<'s> Macros<'s> {
    /// The macros of `raw`, each measured.
    pub(super) fn of(raw: &'s RawBibliography<'s>) -> Self {
        let mut names = HashMap::new();
        let mut defined: Vec<&Pair<'_>> = Vec::new();
        for pair in &raw.abbreviations {
            match names.get(pair.key.v) {
                Some(&node) => defined[node] = pair,
                None => {
                    names.insert(pair.key.v, defined.len());
                    defined.push(pair);
                }
            }
        }
        let mut macros = Macros {
            sizes: vec![Ok(Size::default()); defined.len()],
            names,
            defined,
        };
        macros.measure();
        macros
    }

    /// Every macro's size, the ones a macro uses first.
    fn measure(&mut self) {
        let successors: Vec<Vec<usize>> = (self.defined.iter())
            .map(|pair| {
                let uses = pair.value.v.iter().filter_map(|chunk| match chunk.v {
                    RawChunk::Abbreviation(name) => self.names.get(name).copied(),
                    RawChunk::Normal(_) => None,
                });
                uses.collect()
            })
            .collect();
        let components = crate::graph::components(&successors);
        let cyclic = crate::graph::cyclic(&successors, &components);
        for component in components {
            if component.iter().any(|&node| cyclic[node]) {
                for &node in &component {
                    self.sizes[node] = Err(Broken::Cycle(component.clone()));
                }
                continue;
            }
            for node in component {
                self.sizes[node] = self.size_of(&self.defined[node].value.v);
            }
        }
    }

    /// The size of a field (or a macro's value), from the sizes of the
    /// macros it uses.
    fn size_of(&self, field: &[biblatex::Spanned<RawChunk<'_>>]) -> Result<Size, Broken> {
        let mut size = Size::default();
        let mut deepest = 0;
        for chunk in field {
            let (weight, groups, pieces) = match chunk.v {
                RawChunk::Normal(text) => {
                    let groups = groups_in(text);
                    (text.len() as u64, groups, 1 + groups)
                }
                RawChunk::Abbreviation(name) => match self.names.get(name) {
                    Some(&node) => {
                        let used = self.sizes[node].clone()?;
                        deepest = deepest.max(used.depth);
                        // Merged, a macro's pieces alternate text and
                        // braced or mathematical text: at most one more
                        // than its braces and dollar signs.
                        let merged = used.pieces.min(used.groups.saturating_add(1));
                        size.widest = size.widest.max(used.widest);
                        (used.weight, used.groups, merged)
                    }
                    // A month (`jan`), or unknown: biblatex says so.
                    None => (9, 0, 1),
                },
            };
            size.weight = size.weight.saturating_add(1).saturating_add(weight);
            size.groups = size.groups.saturating_add(groups);
            size.pieces = size.pieces.saturating_add(pieces);
        }
        let merging = size.pieces.saturating_mul(size.pieces) / MERGE_PER_CHARACTER;
        size.weight = size.weight.saturating_add(merging);
        size.widest = size.widest.max(size.pieces);
        size.depth = deepest + 1;
        Ok(size)
    }

    /// Checks every field of every entry; returns what each entry weighs
    /// once expanded, or `None` when a field cannot be expanded (the
    /// problems say why).
    pub(super) fn check_fields(
        &self,
        source: &Arc<Source>,
        raw: &RawBibliography<'_>,
        problems: &mut Problems,
    ) -> Option<Vec<u64>> {
        let budget = expansion_budget(source.text.len());
        let mut total: u64 = 0;
        let mut over_budget = false;
        let mut blocked = false;
        let mut weights = Vec::with_capacity(raw.entries.len());
        for entry in &raw.entries {
            let key = entry.v.key.v;
            let mut weight: u64 = 0;
            for pair in &entry.v.fields {
                let field = Field {
                    source,
                    key,
                    name: pair.key.v,
                    span: pair.value.span.clone(),
                };
                let size = match self.size_of(&pair.value.v) {
                    Ok(size) => size,
                    Err(broken) => {
                        problems.push(self.broken(&field, &pair.value.v, &broken));
                        blocked = true;
                        continue;
                    }
                };
                // A field's own depth is one; the macros' chain is the rest.
                if size.depth > MAX_DEPTH + 1 {
                    problems.push(field.too_deep());
                    blocked = true;
                }
                if size.widest > MAX_PIECES {
                    problems.push(field.too_many_pieces(size.pieces));
                    blocked = true;
                }
                weight = weight.saturating_add(size.weight);
                total = total.saturating_add(size.weight);
                if total > budget && !over_budget {
                    over_budget = true;
                    problems.push(field.over_budget(budget));
                }
            }
            weights.push(weight);
        }
        (!blocked && !over_budget).then_some(weights)
    }

    /// The error for a field that uses a macro that reaches a cycle.
    fn broken(
        &self,
        field: &Field<'_>,
        chunks: &[biblatex::Spanned<RawChunk<'_>>],
        broken: &Broken,
    ) -> Problem {
        let Broken::Cycle(cycle) = broken;
        // The first macro of the field that does not expand.
        let (name, span) = chunks
            .iter()
            .find_map(|chunk| match chunk.v {
                RawChunk::Abbreviation(name) => (self.names.get(name))
                    .filter(|&&node| self.sizes[node].is_err())
                    .map(|_| (name, chunk.span.clone())),
                RawChunk::Normal(_) => None,
            })
            .unwrap_or(("?", field.span.clone()));
        let mut names: Vec<&str> = cycle.iter().map(|&n| self.defined[n].key.v).collect();
        names.sort_by_key(|n| self.names.get(n).copied());
        let others: Vec<String> = (names.iter())
            .filter(|&&n| n != name)
            .take(5)
            .map(|n| format!("`{n}`"))
            .collect();
        let how = if others.is_empty() {
            format!("the @string `{name}`, which uses itself")
        } else if names.contains(&name) {
            format!(
                "the @string `{name}`, which uses itself through {}",
                others.join(", ")
            )
        } else {
            format!(
                "the @string `{name}`, which leads to {}: macros that use themselves",
                others.join(", ")
            )
        };
        Problem::error(
            Code::Bibliography,
            format!("`{}` of the work `{}` uses {how}", field.name, field.key),
        )
        .at(field.source, span)
        .with_label("expands without end")
        .with_note("BibTeX replaces a macro by its value, and this one never stops; the reader (which Typst uses too) would overflow its stack")
        .with_hint("give each @string its text, without using itself")
    }
}

/// A field of an entry, for its problems.
struct Field<'a> {
    source: &'a Arc<Source>,
    key: &'a str,
    name: &'a str,
    span: Range<usize>,
}

impl Field<'_> {
    fn at(&self) -> Range<usize> {
        self.span.start..self.span.end.max(self.span.start + 1)
    }

    fn too_deep(&self) -> Problem {
        Problem::error(
            Code::TooDeep,
            format!(
                "`{}` of the work `{}` goes through @string macros more than {MAX_DEPTH} deep",
                self.name, self.key
            ),
        )
        .at(self.source, self.at())
        .with_note("the BibTeX reader (which Typst uses too) goes one level down for each macro a macro uses")
        .with_hint("define the @string with its text rather than through a chain of others")
    }

    /// A field, or a macro it uses, of more than [`MAX_PIECES`] pieces;
    /// the field's own are `pieces`.
    fn too_many_pieces(&self, pieces: u64) -> Problem {
        let message = if pieces > MAX_PIECES {
            format!(
                "`{}` of the work `{}` is cut into {} pieces by braces, dollar signs, `#` and @string macros; at most {} are read",
                self.name,
                self.key,
                thousands(pieces),
                thousands(MAX_PIECES),
            )
        } else {
            format!(
                "`{}` of the work `{}` uses an @string macro cut into more than {} pieces by braces, dollar signs and `#`",
                self.name,
                self.key,
                thousands(MAX_PIECES),
            )
        };
        Problem::error(Code::Bibliography, message)
        .at(self.source, self.at())
        .with_note("the BibTeX reader (which Typst uses too) takes time growing with the square of the pieces of a field")
        .with_hint("drop braces that protect nothing, and join text rather than pieces of it")
    }

    fn over_budget(&self, budget: u64) -> Problem {
        Problem::error(
            Code::Bibliography,
            format!(
                "the @string macros of the bibliography expand to more than {} characters and pieces (reached at `{}` of the work `{}`)",
                thousands(budget),
                self.name,
                self.key
            ),
        )
        .at(self.source, self.at())
        .with_note("each use of a macro is a copy of its text; macros that use others twice double with every level")
        .with_hint("give the @string macros their text rather than building it from other macros")
    }
}

/// How many merges of pieces cost as much as a character: a merge moves
/// a few dozen bytes, far less than the reading, converting and copying of
/// a character.
const MERGE_PER_CHARACTER: u64 = 128;

/// Braces and dollar signs of a piece of a field: each cuts it into one
/// more piece.
pub(super) fn groups_in(text: &str) -> u64 {
    text.bytes()
        .filter(|b| matches!(b, b'{' | b'}' | b'$'))
        .count() as u64
}
