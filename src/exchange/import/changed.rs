//! The changed messages rebuilt as Fluent, and read back as units to make
//! sure each holds exactly what was imported before anything is written.

use std::collections::HashMap;

use fluent_syntax::ast;

use super::super::inline::{self, Codes, Inline};
use super::super::rebuild;
use super::super::rewrite::Rebuilt;
use super::super::units::{EntryTree, Exchange, Walker, entry_trees};
use super::check::Checked;
use crate::diagnostic::{Code, Problem, Result};
use crate::l10n::Catalog;

/// What rebuilding the changed entries needs, gathered once: the source's
/// trees, and each changed unit's imported target and codes (with its
/// markup reading).
pub(super) struct Changed<'a> {
    trees: HashMap<String, EntryTree<'a>>,
    targets: HashMap<String, Vec<Inline>>,
    codes: HashMap<String, (Codes, bool)>,
}

impl<'a> Changed<'a> {
    pub(super) fn new(source: &'a Catalog, current: &Exchange, checked: &Checked) -> Self {
        let mut targets = HashMap::new();
        let mut codes = HashMap::new();
        for unit in current
            .units()
            .filter(|u| checked.changed.contains(&u.entry))
        {
            if let Some(Some(target)) = checked.targets.get(&unit.id) {
                targets.insert(unit.id.clone(), target.clone());
            }
            codes.insert(unit.id.clone(), (unit.codes(), unit.raw_markup()));
        }
        Self {
            trees: entry_trees(source),
            targets,
            codes,
        }
    }

    /// The changed entries rebuilt as Fluent, in source order (fewer when
    /// `report` is interrupted: the caller stops before using them).
    pub(super) fn rebuild(
        &self,
        walker: &Walker,
        source: &Catalog,
        checked: &Checked,
    ) -> Vec<Rebuilt> {
        source
            .entries
            .keys()
            .filter(|key| checked.changed.contains(*key))
            .take_while(|_| !crate::platform::interrupt::interrupted())
            .filter_map(|key| {
                let tree = self.trees.get(key)?;
                Some(Rebuilt {
                    key: key.clone(),
                    text: rebuild::entry_text(walker, key, *tree, &self.targets, &self.codes),
                })
            })
            .collect()
    }

    /// Reads each rebuilt entry back as units: each must hold exactly the
    /// translation it was built from, or the import stops (a bug, but one
    /// that must never reach a file).
    pub(super) fn verify(&self, walker: &Walker, rebuilt: &[Rebuilt]) -> Result<()> {
        for entry in rebuilt {
            if crate::platform::interrupt::interrupted() {
                return Err(super::interrupted().into());
            }
            if let Some(unit) = self.first_difference(walker, entry) {
                return Err(Problem::error(
                    Code::ExchangeFile,
                    format!(
                        "`{}` (unit `{unit}`) would not read back as imported; nothing was written",
                        entry.key
                    ),
                )
                .with_note(format!("rebuilt as: {}", entry.text.trim_end()))
                .with_hint("this is a bug in report: please report it with the file you imported")
                .into());
            }
        }
        Ok(())
    }

    /// The first unit of a rebuilt entry that does not read back as it was
    /// imported (the entry's key when the text does not even parse).
    fn first_difference(&self, walker: &Walker, entry: &Rebuilt) -> Option<String> {
        let resource = fluent_syntax::parser::parse(entry.text.as_str()).ok();
        let written = resource.as_ref().and_then(|r| match r.body.first() {
            Some(ast::Entry::Message(m)) => Some(EntryTree::Message(m)),
            Some(ast::Entry::Term(t)) => Some(EntryTree::Term(t)),
            _ => None,
        });
        let (Some(source_tree), Some(written)) = (self.trees.get(&entry.key), written) else {
            return Some(entry.key.clone());
        };
        let empty = Codes::default();
        walker
            .units_of(&entry.key, source_tree, Some(&written))
            .into_iter()
            .find(|unit| {
                let imported_codes = self.codes.get(&unit.id).map_or(&empty, |(codes, _)| codes);
                let wanted = self
                    .targets
                    .get(&unit.id)
                    .map(|w| inline::as_seen(w, imported_codes));
                let read_back = unit
                    .target
                    .as_ref()
                    .map(|t| inline::as_seen(&t.inline, &unit.codes()));
                read_back != wanted
            })
            .map(|unit| unit.id)
    }
}
