//! Translation QA: everything wrong or suspicious in every language.
//!
//! Stricter than Mozilla's compare-locales, which misses a dropped or renamed
//! `$variable`. Each translation is compared with the source language file by
//! file (`locales/es/a.ftl` against `locales/en/a.ftl`), then the data and
//! templates are checked against every language. Findings are
//! [`Problem`]s with a stable `code`, the language and the id they are
//! about, so `report check --format json` can be read by other tools.
//!
//! One file per kind of check: `compare` (a translation against its
//! source), `references`, `plurals`, `empty`, `stale`, `data`, [`templates`]
//! and `unused`; [`report`] holds what comes out. This file only decides
//! which checks run.
//!
//! Codes, errors: `syntax`, `no-default-variant`, `duplicate-id`,
//! `missing-file`, `missing-message`, `missing-term`, `missing-attribute`,
//! `unknown-variable`, `unknown-reference`, `cyclic-reference`,
//! `unknown-message`, `missing-argument`, `argument-kind`,
//! `message-needs-arguments`. Warnings: `obsolete-message`,
//! `obsolete-attribute`, `dropped-variable`, `reference-mismatch`,
//! `missing-plural-category`, `empty-value`, `unused-message`,
//! `stale-translation`. Info:
//! `unchanged`.

mod compare;
mod data;
mod empty;
mod finding;
mod plurals;
mod references;
pub mod report;
mod stale;
pub mod templates;
mod unused;

use std::collections::BTreeMap;

use crate::build::resolve::LANGUAGE_NAME_MESSAGE;
use crate::diagnostic::{Problem, Problems};
use crate::workspace::Workspace;

pub use report::{Report, Summary};
pub use templates::{TemplateUse, template_messages};

use compare::Counts;

/// Messages `report` itself reads (the language's name, the switcher's
/// label): they count as used, and a translation may have them in any file.
const BUILTIN_MESSAGES: [&str; 2] = [LANGUAGE_NAME_MESSAGE, "language-switcher"];

/// What to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything (`report check`).
    All,
    /// Only what can be an error: what `render` needs to refuse a language.
    Errors,
}

/// Checks the whole project: catalogs (already loaded, with the problems
/// loading found) and, when it loaded, the data.
pub fn check(workspace: &Workspace, load_problems: Problems, scope: Scope) -> Report {
    let mut findings = load_problems.0;
    let counts = check_catalogs(workspace, scope, &mut findings);
    check_uses(workspace, scope, &mut findings);
    match scope {
        Scope::All => {
            Report::with_summaries(findings, &workspace.project, &workspace.catalogs, &counts)
        }
        Scope::Errors => Report::new(findings),
    }
}

/// Each language on its own, and each translation against the source.
/// Returns each translation's counts, by tag.
fn check_catalogs(
    workspace: &Workspace,
    scope: Scope,
    findings: &mut Vec<Problem>,
) -> BTreeMap<String, Counts> {
    let source = workspace.source_catalog();
    let mut per_language = BTreeMap::new();
    for catalog in workspace.catalogs.values() {
        references::check(catalog, findings);
        if scope == Scope::All {
            plurals::check(catalog, findings);
            empty::check(catalog, findings);
        }
        let Some(source) = source.filter(|s| s.language != catalog.language) else {
            continue;
        };
        per_language.insert(
            catalog.language.tag.clone(),
            compare::compare(source, catalog, scope, findings),
        );
        if scope == Scope::All {
            stale::check(&workspace.project, source, catalog, findings);
        }
    }
    per_language
}

/// The messages the data and the templates use exist, with the arguments
/// they need; with [`Scope::All`], source messages nothing uses.
fn check_uses(workspace: &Workspace, scope: Scope, findings: &mut Vec<Problem>) {
    let Some(source) = workspace.source_catalog() else {
        return;
    };
    let catalogs = &workspace.catalogs;
    let templates = template_messages(&workspace.project, findings);
    if let Some(data) = &workspace.data {
        data::check(data, catalogs, source, findings);
    }
    templates::check(&templates, catalogs, source, findings);
    if scope == Scope::All {
        unused::check(
            source,
            workspace.data.as_ref(),
            &templates,
            catalogs,
            findings,
        );
    }
}
