//! `report l10n update` and `report l10n accept`: keeping the lock files.

use crate::cli::{GlobalArgs, L10nCommand};
use crate::cmd::{Failure, languages, load_project};
use crate::diagnostic::{Code, Problem, Problems};
use crate::l10n::Catalog;
use crate::l10n::lock::{self, Lock};
use crate::l10n::review;
use crate::project::{Language, Project};

/// Runs a `report l10n` command.
pub fn run(global: &GlobalArgs, command: &L10nCommand) -> Result<(), Failure> {
    let project = load_project(global)?;
    let (tags, ids) = match command {
        L10nCommand::Update { lang } => (lang, None),
        L10nCommand::Accept { lang, ids } => (lang, Some(ids)),
    };
    let targets = translations(&project, tags)?;
    let source = load_clean(&project, &project.manifest.source_language)?;
    let mut problems = Problems::default();
    for language in targets {
        let target = match load_clean(&project, &language) {
            Ok(target) => target,
            Err(failure) => {
                problems.extend(failure.problems);
                continue;
            }
        };
        let mut lock = Lock::load(&project, &language)?;
        let message = match ids {
            None => {
                let changed = review::update_lock(&source, &target, &mut lock);
                format!(
                    "{}: {changed} record(s) updated",
                    lock::path(&project, &language)
                        .strip_prefix(&project.root)
                        .unwrap_or(&lock::path(&project, &language))
                        .display()
                )
            }
            Some(ids) => match review::accept(&source, &target, &mut lock, ids) {
                Ok(accepted) if accepted.is_empty() => {
                    format!("{language}: nothing stale to accept")
                }
                Ok(accepted) => format!("{language}: accepted {}", accepted.join(", ")),
                Err(found) => {
                    problems.extend(found);
                    continue;
                }
            },
        };
        lock.save(&project, &language)?;
        if !global.quiet {
            println!("{message}");
        }
    }
    if problems.0.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

/// The translation languages named by `--lang` (every one by default).
pub fn translations(project: &Project, tags: &[String]) -> Result<Vec<Language>, Failure> {
    let source = &project.manifest.source_language;
    let chosen = languages(project, tags)?;
    if !tags.is_empty() && chosen.contains(source) {
        return Err(Failure::usage(
            Problem::error(
                Code::Usage,
                format!("`{source}` is the source language; it has no translation to review"),
            )
            .with_hint("name translation languages with --lang"),
        ));
    }
    Ok(chosen.into_iter().filter(|l| l != source).collect())
}

/// Loads a catalog, failing on its errors (a lock must not record broken text).
pub fn load_clean(project: &Project, language: &Language) -> Result<Catalog, Failure> {
    Ok(Catalog::load(project, language).into_result()?.value)
}
