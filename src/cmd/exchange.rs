//! `report l10n export` and `report l10n import`: the translator exchange
//! (`crate::exchange`), with arguments checked into a request first.

use crate::cli::{ExportArgs, ExportStatus, GlobalArgs, ImportArgs};
use crate::cmd::{Failure, translations};
use crate::diagnostic::{Code, Problem};
use crate::exchange::{self, ExchangeFormat, ExportRequest};
use crate::project::Project;
use crate::review::status::Status;

/// Runs `report l10n export`.
pub(super) fn export(
    global: &GlobalArgs,
    project: &Project,
    args: &ExportArgs,
) -> Result<(), Failure> {
    let request = export_request(project, args)?;
    let outcome = exchange::export(project, &request)?;
    if global.quiet {
        return Ok(());
    }
    match &outcome.path {
        Some(path) => println!(
            "{}: {} unit(s) from {} message(s), {} source word(s), {} → {}",
            path.display(),
            outcome.units,
            outcome.messages,
            outcome.words,
            project.manifest.source_language,
            request.language
        ),
        None => println!(
            "{}: nothing to export (no message has the status asked for); no file written",
            request.language
        ),
    }
    Ok(())
}

/// The export the arguments ask for, checked before anything is read.
fn export_request(project: &Project, args: &ExportArgs) -> Result<ExportRequest, Failure> {
    let tags: Vec<String> = args.lang.iter().cloned().collect();
    let mut targets = translations(project, &tags)?;
    if targets.len() != 1 {
        let names: Vec<String> = targets.iter().map(|l| l.tag.clone()).collect();
        return Err(Failure::usage(
            Problem::error(Code::Usage, "name the translation to export with --lang")
                .with_hint(format!("this project translates into {}", names.join(", "))),
        ));
    }
    let format = (args.format.map(ExchangeFormat::from))
        .or_else(|| args.output.as_deref().and_then(ExchangeFormat::from_path))
        .unwrap_or(ExchangeFormat::Xliff2);
    let statuses = if args.status.contains(&ExportStatus::All) {
        vec![
            Status::Ok,
            Status::Missing,
            Status::Stale,
            Status::Unchanged,
        ]
    } else {
        args.status
            .iter()
            .map(|s| match s {
                ExportStatus::Ok | ExportStatus::All => Status::Ok,
                ExportStatus::Missing => Status::Missing,
                ExportStatus::Stale => Status::Stale,
                ExportStatus::Unchanged => Status::Unchanged,
            })
            .collect()
    };
    Ok(ExportRequest {
        language: targets.remove(0),
        format,
        statuses,
        output: args.output.clone(),
    })
}

/// Runs `report l10n import`.
pub(super) fn import(
    global: &GlobalArgs,
    project: &Project,
    args: &ImportArgs,
) -> Result<(), Failure> {
    let outcome = exchange::import(project, &args.file, args.dry_run)?;
    if global.quiet {
        return Ok(());
    }
    let verb = if args.dry_run {
        "would change"
    } else {
        "changed"
    };
    println!(
        "{}: {} {} unit(s) read; {verb} {} message(s){}",
        args.file.display(),
        outcome.format.name(),
        outcome.units,
        outcome.changed.len(),
        if outcome.accepted.is_empty() {
            String::new()
        } else {
            format!(", accepted {}", outcome.accepted.len())
        }
    );
    for id in &outcome.changed {
        println!("  {} {id}", outcome.language);
    }
    for path in &outcome.files {
        println!(
            "  {} {}",
            if args.dry_run { "would write" } else { "wrote" },
            path.display()
        );
    }
    Ok(())
}
