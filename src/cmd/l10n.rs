//! `report l10n update` and `report l10n accept`: recording in each
//! translation lock what the translations were made from. `export` and
//! `import` (the translator exchange) are in `cmd/exchange.rs`.

use crate::cli::{GlobalArgs, L10nCommand};
use crate::cmd::{Failure, load_project, translations};
use crate::diagnostic::Problems;
use crate::l10n::Catalog;
use crate::platform::files::{Durability, Transaction};
use crate::project::{Language, Project};
use crate::review::translation_lock::{self, AcceptScope, TranslationLock, Updated};

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
        L10nCommand::Add { lang } => return add(global, &project, lang),
        L10nCommand::Export(args) => return super::exchange::export(global, &project, args),
        L10nCommand::Import(args) => return super::exchange::import(global, &project, args),
    };
    let targets = translations(&project, tags)?;
    let (said, problems) = record_locks(&project, targets, action)?;
    if !global.quiet {
        said.iter().for_each(|message| println!("{message}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

/// `report l10n add`: every file the new language needs, written together
/// (none if one cannot be), then the next step.
fn add(global: &GlobalArgs, project: &Project, tag: &str) -> Result<(), Failure> {
    // A usage mistake (not a tag, already a language) exits 2.
    let planned = crate::review::new_language::plan(project, tag)?;
    let mut files = Transaction::new(&project.output, Durability::Flush);
    for (path, text) in &planned.files {
        files.stage(path, text.as_bytes())?;
    }
    files.commit()?;
    if !global.quiet {
        let language = &planned.language;
        println!(
            "added `{language}` to report.toml; created locales/{language}/ ({} file(s) shaped as the source's) and {}",
            planned.message_files,
            translation_lock::display_path(language).display()
        );
        println!(
            "next: translate the messages in locales/{language}/ (report check --lang {language} lists them),
      or give a translator the file of: report l10n export --lang {language}"
        );
    }
    Ok(())
}

/// `report l10n update` for every translation of a project that was just
/// made (`report init`): its lock files, so that a translation is
/// known stale from the first change of its source. Returns the files.
pub(super) fn lock_every_translation(project: &Project) -> Result<Vec<String>, Failure> {
    let targets = translations(project, &[])?;
    let (_, problems) = record_locks(project, targets.clone(), Action::Update)?;
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(targets
        .iter()
        .map(|l| translation_lock::display_path(l).display().to_string())
        .collect())
}

/// Records `action` in the locks of `targets`, written together at the
/// end (none if `report` was interrupted). A language that cannot be
/// recorded does not stop the others (its problems come back); a lock that
/// cannot be read stops everything. Returns what to say per language.
fn record_locks(
    project: &Project,
    targets: Vec<Language>,
    action: Action<'_>,
) -> Result<(Vec<String>, Problems), Failure> {
    let source = load_clean(project, &project.manifest.source_language)?;
    let mut problems = Problems::default();
    let mut locks = Transaction::new(&project.output, Durability::Flush);
    let mut said = Vec::new();
    for language in targets {
        let target = match load_clean(project, &language) {
            Ok(target) => target,
            Err(failure) => {
                problems.extend(failure.problems);
                continue;
            }
        };
        let mut lock = TranslationLock::load(project, &language)?;
        match record(&language, &source, &target, &mut lock, action) {
            Ok(message) => said.push(message),
            Err(found) => {
                problems.extend(found);
                continue;
            }
        }
        lock.stage(&mut locks, project, &language)?;
    }
    locks.commit()?;
    Ok((said, problems))
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
            let created = !lock.exists();
            let updated = lock.update(source, target);
            updated_message(language, &updated, created)
        }
        Action::Accept(scope) => match lock.accept(source, target, scope)? {
            accepted if accepted.is_empty() => format!("{language}: nothing stale to accept"),
            accepted => format!("{language}: accepted {}", accepted.join(", ")),
        },
    })
}

/// What `update` did to a language's lock: what it recorded, kept and
/// dropped, and the stale translations it left for review, with the
/// command that records them once reviewed.
fn updated_message(language: &Language, updated: &Updated, created: bool) -> String {
    let path = translation_lock::display_path(language);
    let mut message = format!(
        "{}: {}{} record(s) written, {} already current, {} dropped",
        path.display(),
        if created { "created; " } else { "" },
        updated.recorded,
        updated.kept,
        updated.dropped
    );
    if !updated.stale.is_empty() {
        message.push_str(&format!(
            "\n  not recorded: {} stale translation(s), their source changed since they were made: {}\n  \
             review them, then: report l10n accept --lang {language} {}",
            updated.stale.len(),
            updated.stale.join(", "),
            updated.stale.join(" ")
        ));
    }
    message
}

/// Loads a catalog, failing on its errors (a lock must not record broken text).
fn load_clean(project: &Project, language: &Language) -> Result<Catalog, Failure> {
    Ok(Catalog::load_clean(project, language)?.value)
}
