//! `report resolve`: write the JSON document each language's template
//! receives, and print where.

use crate::build::{self, BuildLock, MissingTranslations, Plan, Request};
use crate::cli::{GlobalArgs, ResolveArgs};
use crate::cmd::{Failure, load_project};
use crate::project::Format;

/// Runs `report resolve`.
pub(super) fn run(global: &GlobalArgs, args: &ResolveArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    // The documents `render` would write, made by the same plan; a project
    // whose editions are all parallel still gets its single documents.
    let request = Request {
        languages: args.lang.clone(),
        missing: MissingTranslations::from_flag(args.allow_missing),
        ..Request::default()
    };
    let mut plan = Plan::new(&project, &request).map_err(Failure::usage)?;
    if plan.formats.is_empty() {
        plan.formats.push(Format::Pdf);
    }
    let _lock = BuildLock::acquire(&project.layout, &project.output, || {
        eprintln!(
            "waiting for another report process to finish with {}…",
            project.build_dir().display()
        );
    })?;
    let prepared = build::prepare(&project, &plan);
    let (errors, warnings) = prepared.outcome.problems.split();
    if !global.quiet {
        crate::output::emit(&warnings, global.color());
    }
    // Single documents first, then parallel ones, as before.
    let mut documents = prepared.documents;
    documents.sort_by_key(|d| d.kind != crate::project::DocumentKind::Single);
    for document in &documents {
        let path = &document.path;
        println!(
            "{}",
            path.strip_prefix(&project.root).unwrap_or(path).display()
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}
