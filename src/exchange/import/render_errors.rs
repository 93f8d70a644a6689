//! What `report render` would refuse in the translation as the import
//! leaves it: an import never writes a language that render then refuses.
//!
//! The codes of a unit are checked one by one ([`super::codes`]), but a
//! translation can also bring in what only the whole language shows: a
//! control character (XLIFF `<cp hex="1B"/>`, a PO `\a`), a noncharacter, a
//! character no font has where the PDF standards need one. So the same
//! error checks render runs (`check::readiness`: its refusals, not the
//! missing translations render leaves to the resolver) run on the
//! translation before and after the import, and an error found after that
//! was not there before refuses the import. An error the translation
//! already had, word for word, does not: an import that fixes it or leaves
//! it alone goes in (the error is `report check`'s to report).

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;

use super::super::ImportedFile;
use crate::check;
use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::l10n::Catalog;
use crate::workspace::Workspace;

/// `changed`, the translation as the import would leave it, if it has no
/// error that render refuses and `workspace` (the project as it is) does
/// not have already; else every such error, located at its unit in `file`.
pub(super) fn refuse_new_errors(
    workspace: &Workspace,
    changed: Catalog,
    file: &ImportedFile,
    at: &Arc<Source>,
) -> Result<Catalog> {
    let tag = changed.language.tag.clone();
    let Some(source) = workspace.source_catalog() else {
        return Ok(changed);
    };
    let mut before = counted(errors(workspace, &tag)?);
    // The source catalog, read again: a catalog cannot be copied (its
    // Fluent bundle is not `Clone`), and the check needs both.
    let source = Catalog::from_sources(source.language.clone(), source.files.clone());
    let after = Workspace {
        project: workspace.project.clone(),
        catalogs: IndexMap::from([
            (source.language.tag.clone(), source),
            (tag.clone(), changed),
        ]),
        data: workspace.data.clone(),
        problems: Problems::default(),
    };
    let mut problems = Problems::default();
    let units = Units::of(file);
    for finding in errors(&after, &tag)? {
        match before.get_mut(&key(&finding)) {
            Some(count) if *count > 0 => *count -= 1,
            _ => problems.push(units.locate(finding, at)),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut catalogs = after.catalogs;
    Ok(catalogs
        .swap_remove(&tag)
        .expect("the changed catalog was put in"))
}

/// The errors render would refuse language `tag` for.
fn errors(workspace: &Workspace, tag: &str) -> Result<Vec<Problem>> {
    // What the templates read is not the import's business.
    let Ok(readiness) = check::readiness(workspace, &[]) else {
        return Err(super::interrupted().into());
    };
    Ok((readiness.refusals.into_iter())
        .filter(|f| f.language.as_deref() == Some(tag))
        .collect())
}

/// What makes two findings the same error: where they are in the `.ftl`
/// file moves with the import, what they say does not.
type Key = (Code, Option<String>, String);

fn key(finding: &Problem) -> Key {
    (finding.code, finding.id.clone(), finding.message.clone())
}

/// How many times each error is found.
fn counted(findings: Vec<Problem>) -> HashMap<Key, usize> {
    let mut counts = HashMap::new();
    for finding in &findings {
        *counts.entry(key(finding)).or_default() += 1;
    }
    counts
}

/// The units of the imported file: where each is, by id, and the first of
/// each message.
struct Units<'f> {
    by_id: HashMap<&'f str, usize>,
    first_of_entry: HashMap<&'f str, (&'f str, usize)>,
}

impl<'f> Units<'f> {
    fn of(file: &'f ImportedFile) -> Self {
        let mut units = Self {
            by_id: HashMap::new(),
            first_of_entry: HashMap::new(),
        };
        for unit in &file.units {
            units.by_id.entry(&unit.id).or_insert(unit.offset);
            (units.first_of_entry.entry(entry_of(&unit.id)))
                .or_insert((unit.id.as_str(), unit.offset));
        }
        units
    }

    /// A finding about the translation after the import, told as a
    /// problem of the imported file: at the unit it is about (the unit of
    /// that id, or else the first unit of its message), or, when no unit
    /// of the file is (a message that uses a changed one), without a place,
    /// since the `.ftl` text it was found in is not written.
    fn locate(&self, finding: Problem, at: &Arc<Source>) -> Problem {
        let id = finding.id.clone().unwrap_or_default();
        let unit = (self
            .by_id
            .get(id.as_str())
            .map(|offset| (id.as_str(), *offset)))
        .or_else(|| self.first_of_entry.get(entry_of(&id)).copied());
        let note = "`report render` refuses a language with this error; nothing was written";
        let problem = match unit {
            Some((unit, offset)) => Problem {
                message: format!("unit `{unit}`: {}", finding.message),
                location: None,
                notes: Vec::new(),
                ..finding
            }
            .at(at, offset..offset + 1),
            None => Problem {
                message: format!("after the import, {}", finding.message),
                location: None,
                notes: Vec::new(),
                ..finding
            },
        };
        problem.with_note(note)
    }
}

/// The message or term a unit id or a finding's id is about: `title` of
/// `title.alt`, `votes:one` or `intro:2:other`.
fn entry_of(id: &str) -> &str {
    id.split(['.', ':']).next().unwrap_or(id)
}
