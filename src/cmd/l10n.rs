//! `report l10n update` and `report l10n accept`: recording in each
//! translation lock what the translations were made from. `export` and
//! `import` (the translator exchange) are in `cmd/exchange.rs`.

use crate::cli::{GlobalArgs, L10nCommand};
use crate::cmd::{Failure, load_project, translations};
use crate::diagnostic::Problems;
use crate::l10n::Catalog;
use crate::platform::files::{Durability, Transaction};
use crate::project::{Language, Project};
use crate::review::translation_lock::{self, AcceptScope, TranslationLock};

/// What to record in each lock.
#[derive(Debug, Clone, Copy)]
enum Action<'a> {
    /// `update`: every current translation that is not stale.
    Update,
    /// `accept`: stale translations, reviewed.
    Accept(AcceptScope<'a>),
}

/// Runs a `report l10n` command.
pub(super) fn run(global: &GlobalArgs, command: &L10nCommand) -> Result<(), Failure> {
    let project = load_project(global)?;
    let (tags, action) = match command {
        L10nCommand::Update { lang } => (lang, Action::Update),
        L10nCommand::Accept { lang, ids } => (lang, Action::Accept(AcceptScope::from_ids(ids))),
        L10nCommand::Export(args) => return super::exchange::export(global, &project, args),
        L10nCommand::Import(args) => return super::exchange::import(global, &project, args),
    };
    let targets = translations(&project, tags)?;
    let source = load_clean(&project, &project.manifest.source_language)?;
    // A language that cannot be recorded does not stop the others; a lock
    // that cannot be read stops everything. Every lock is written at the
    // end, together, and none if `report` was interrupted.
    let mut problems = Problems::default();
    let mut locks = Transaction::new(&project.output, Durability::Flush);
    let mut said = Vec::new();
    for language in targets {
        let target = match load_clean(&project, &language) {
            Ok(target) => target,
            Err(failure) => {
                problems.extend(failure.problems);
                continue;
            }
        };
        let mut lock = TranslationLock::load(&project, &language)?;
        match record(&language, &source, &target, &mut lock, action) {
            Ok(message) => said.push(message),
            Err(found) => {
                problems.extend(found);
                continue;
            }
        }
        lock.stage(&mut locks, &project, &language)?;
    }
    locks.commit()?;
    if !global.quiet {
        said.iter().for_each(|message| println!("{message}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

/// Records one language's translations and says what changed.
fn record(
    language: &Language,
    source: &Catalog,
    target: &Catalog,
    lock: &mut TranslationLock,
    action: Action<'_>,
) -> Result<String, Problems> {
    Ok(match action {
        Action::Update => {
            let changed = lock.update(source, target);
            format!(
                "{}: {changed} record(s) updated",
                translation_lock::display_path(language).display()
            )
        }
        Action::Accept(scope) => match lock.accept(source, target, scope)? {
            accepted if accepted.is_empty() => format!("{language}: nothing stale to accept"),
            accepted => format!("{language}: accepted {}", accepted.join(", ")),
        },
    })
}

/// Loads a catalog, failing on its errors (a lock must not record broken text).
fn load_clean(project: &Project, language: &Language) -> Result<Catalog, Failure> {
    Ok(Catalog::load_clean(project, language)?.value)
}
