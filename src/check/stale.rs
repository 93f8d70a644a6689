//! Stale translations: the source text changed since the translation was
//! recorded in the translation lock, and the translation did not. The
//! review ([`crate::review::status`]) decides; this turns its stale rows
//! into warnings at the translation. A translation without a lock file
//! gets one warning instead: none of its messages can be told stale.

use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::Catalog;
use crate::project::Project;
use crate::review::status::{Status, review};
use crate::review::translation_lock::TranslationLock;

/// The source's change, word by word, marked as `report diff` marks it
/// without colour: a one-letter fix shows in `[-…-]{+…+}`.
fn changed_words(row: &crate::review::status::Row) -> String {
    let (was, now) = (
        row.previous_source.as_deref().unwrap_or(""),
        row.source.as_deref().unwrap_or(""),
    );
    crate::review::word_diff::marked(&crate::review::word_diff::word_diff(was, now))
}

/// Translations of `target` whose source changed since they were made.
pub(super) fn check(
    project: &Project,
    source: &Catalog,
    target: &Catalog,
    findings: &mut Problems,
) -> Result<(), Interrupted> {
    let tag = &target.language.tag;
    let lock = match TranslationLock::load(project, &target.language) {
        Ok(lock) => lock,
        Err(problems) => {
            // A broken lock file is about this language.
            findings.extend(problems.into_iter().map(|mut p| {
                p.language = Some(tag.clone());
                p
            }));
            return Ok(());
        }
    };
    if !lock.exists() && target.messages().next().is_some() {
        let mut problem = crate::review::translation_lock::missing_problem(&target.language);
        problem.language = Some(tag.clone());
        findings.push(problem);
    }
    for row in review(source, target, &lock) {
        poll()?;
        if row.status != Status::Stale {
            continue;
        }
        let Some(entry) = target.entries.get(&row.id) else {
            continue;
        };
        findings.push(
            Problem::warning(
                Code::StaleTranslation,
                format!("`{}` in `{tag}` was translated from an older source text", row.id),
            )
            .at_location(Some(entry.location.clone()))
            .about(tag, &row.id)
            .with_note(format!("source was: {}", row.previous_source.clone().unwrap_or_default()))
            .with_note(format!("source now: {}", row.source.clone().unwrap_or_default()))
            .with_note(format!("changed: {}", changed_words(&row)))
            .with_hint(format!(
                "update the translation, or run `report l10n accept --lang {tag} {}` if it needs no change",
                row.id
            )),
        );
    }
    Ok(())
}
