//! `report check --fix`: applies the typography findings' mechanical fixes
//! (quotes, ellipsis, no-break spaces) to the files they were found in.
//!
//! A file is rewritten only if it has a fix, and only if it still holds
//! the text the check read (an editor may have saved it since); it is
//! written whole to a temporary file and renamed over the old one, so a
//! failure leaves it as it was. Nothing but the fixed characters changes:
//! the check read the file without its byte-order mark and with CRLF line
//! ends made LF, so each fix is moved back onto the bytes on disk, which
//! keep both.

use std::collections::BTreeMap;

use crate::check::Fix;
use crate::diagnostic::{Code, Location, Problem, Problems, Warned};
use crate::platform::files::{Durability, Transaction};
use crate::project::{Project, ProjectPath, edit_raw};

/// One change made to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Applied {
    /// `path:line:column`, relative to the project.
    pub at: String,
    /// The text replaced.
    pub from: String,
    /// What replaced it.
    pub to: String,
}

/// Applies `fixes` to the files of `project`; returns what changed, with a
/// warning for each file that changed since it was checked (left as it
/// is). Every fixed file is written at the end, together; none when one
/// cannot be, or `report` was interrupted.
pub(crate) fn apply(project: &Project, fixes: &[Fix]) -> Result<Warned<Vec<Applied>>, Problems> {
    let mut by_file: BTreeMap<ProjectPath, Vec<&Fix>> = BTreeMap::new();
    for fix in fixes {
        // Fixes are found in the project's own files, read by the sandbox.
        let Some(path) = ProjectPath::of_source(&fix.source) else {
            continue;
        };
        by_file.entry(path).or_default().push(fix);
    }
    let (mut applied, mut problems) = (Vec::new(), Problems::default());
    let mut transaction = Transaction::new(&project.output, Durability::Flush);
    for (path, fixes) in by_file {
        match fixed(project, &path, fixes) {
            Ok(Some((text, changes))) => {
                // A linked file is written where it really is (renaming over
                // the link would replace the link with a copy).
                let target = project
                    .files
                    .inside(&path)
                    .unwrap_or_else(|_| project.root.join(&path));
                match transaction.stage(&target, text.as_bytes()) {
                    Ok(()) => applied.extend(changes),
                    Err(error) => problems.extend(error),
                }
            }
            Ok(None) => problems.push(
                Problem::warning(
                    Code::Io,
                    format!("not fixed: {} changed since it was checked", path.display()),
                )
                .with_hint("run `report check --fix` again"),
            ),
            Err(error) => problems.extend(error),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    transaction.commit()?;
    Warned::checked(applied, problems)
}

/// The fixed text of the file at `path`, and the changes made; `None` when
/// the file changed since the check read it.
fn fixed(
    project: &Project,
    path: &ProjectPath,
    mut fixes: Vec<&Fix>,
) -> Result<Option<(String, Vec<Applied>)>, Problems> {
    let source = &fixes[0].source;
    let raw = String::from_utf8(project.files.read(path)?).unwrap_or_default();
    fixes.sort_by_key(|fix| fix.span.start);
    fixes
        .dedup_by(|later, earlier| later.span.start < earlier.span.end.max(earlier.span.start + 1));
    let edits = fixes
        .iter()
        .map(|fix| (fix.span.clone(), fix.replacement.clone()))
        .collect();
    // The check read the file without its byte order mark, with LF line
    // ends (`decode_utf8`, `normalize_newlines`).
    let Some(text) = edit_raw(&raw, &source.text, edits) else {
        return Ok(None);
    };
    let changes = fixes
        .iter()
        .map(|fix| Applied {
            at: Location::new(&fix.source, fix.span.clone()).display(),
            from: source.text[fix.span.clone()].to_owned(),
            to: fix.replacement.clone(),
        })
        .collect();
    Ok(Some((text, changes)))
}

#[cfg(test)]
mod tests {
    use crate::project::text::LineEnds;

    #[test]
    fn offsets_map_back_onto_crlf_text() {
        let raw = "a = 1\r\nb = \"x\"\r\n";
        let ends = LineEnds::of(raw);
        assert_eq!(ends.normalized, "a = 1\nb = \"x\"\n");
        let quote = ends.normalized.find('"').expect("quote");
        assert_eq!(&raw[ends.original(quote..quote + 1)], "\"");
    }
}
