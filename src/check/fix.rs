//! `report check --fix`: applies the typography findings' mechanical fixes
//! (quotes, ellipsis, no-break spaces) to the files they were found in.
//!
//! A file is rewritten only if it has a fix, and only if it still holds
//! the text the check read (an editor may have saved it since); it is
//! written whole to a temporary file and renamed over the old one, so a
//! failure leaves it as it was. Nothing but the fixed characters changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check::Fix;
use crate::diagnostic::{Code, Location, Problem, Problems};
use crate::files::write_atomically;

/// One change made to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// `path:line:column`, relative to the project.
    pub at: String,
    /// The text replaced.
    pub from: String,
    /// What replaced it.
    pub to: String,
}

/// Applies `fixes` under `root`; returns what changed, and the files that
/// could not be fixed.
pub fn apply(root: &Path, fixes: &[Fix]) -> (Vec<Applied>, Problems) {
    let mut by_file: BTreeMap<PathBuf, Vec<&Fix>> = BTreeMap::new();
    for fix in fixes {
        by_file
            .entry(fix.source.path.clone())
            .or_default()
            .push(fix);
    }
    let (mut applied, mut problems) = (Vec::new(), Problems::default());
    for (path, mut fixes) in by_file {
        let full = root.join(&path);
        let source = &fixes[0].source;
        match std::fs::read_to_string(&full) {
            Ok(current) if current == source.text => {}
            Ok(_) => {
                problems.push(
                    Problem::warning(
                        Code::Io,
                        format!("not fixed: {} changed since it was checked", path.display()),
                    )
                    .with_hint("run `report check --fix` again"),
                );
                continue;
            }
            Err(error) => {
                problems.push(Problem::io("read", &full, &error));
                continue;
            }
        }
        fixes.sort_by_key(|fix| fix.span.start);
        fixes.dedup_by(|later, earlier| {
            later.span.start < earlier.span.end.max(earlier.span.start + 1)
        });
        let mut text = source.text.clone();
        for fix in fixes.iter().rev() {
            text.replace_range(fix.span.clone(), &fix.replacement);
        }
        if let Err(error) = write_atomically(&full, text.as_bytes()) {
            problems.extend(error);
            continue;
        }
        applied.extend(fixes.iter().map(|fix| Applied {
            at: Location::new(&fix.source, fix.span.clone()).display(),
            from: source.text[fix.span.clone()].to_owned(),
            to: fix.replacement.clone(),
        }));
    }
    (applied, problems)
}
