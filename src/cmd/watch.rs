//! `report watch`: render, then render again after every edit of the
//! sources, optionally serving the HTML editions with live reload.

use std::path::PathBuf;
use std::time::Duration;

use crate::build::Rebuild;
use crate::cli::{GlobalArgs, OutputFormat, WatchArgs};
use crate::cmd::render::{locate, plan, render_and_report};
use crate::cmd::{Failure, load_project};
use crate::platform::watcher::{SourceWatcher, Wait};
use crate::project::{Format, MANIFEST_FILE, Project};
use crate::serve::Server;

/// Runs `report watch` until interrupted.
pub(super) fn run(global: &GlobalArgs, args: &WatchArgs) -> Result<(), Failure> {
    let mut project = load_project(global)?;
    let typst = locate(global, &project, &args.typst)?;
    let server = match args.serve {
        Some(port) => {
            let source = &project.manifest.languages[0];
            let index = project.layout.edition(source, None, Format::Html);
            let server = Server::start(project.build_dir(), port, index)?;
            println!("serving the HTML editions at http://{}/", server.address);
            Some(server)
        }
        None => None,
    };
    let mut paths = watched_paths(&project);
    let mut watcher = SourceWatcher::new(&paths, &project.build_dir())?;
    render(&project, &typst, args, global, server.as_ref());
    println!("watching for changes (Ctrl-C to stop)");
    while !crate::platform::interrupt::interrupted() {
        match watcher.wait(Duration::from_millis(200)) {
            Wait::Quiet => continue,
            Wait::Closed => break,
            Wait::Edited(_) => {}
        }
        match load_project(global) {
            Ok(reloaded) => project = reloaded,
            Err(failure) => {
                crate::output::emit(&failure.problems, global.color());
                continue;
            }
        }
        // The edit may name new files (a chart's CSV file, a data file in
        // the manifest): watch what the project reads now.
        let now = watched_paths(&project);
        if now != paths {
            match SourceWatcher::new(&now, &project.build_dir()) {
                Ok(rewatched) => (watcher, paths) = (rewatched, now),
                Err(problems) => crate::output::emit(&problems, global.color()),
            }
        }
        render(&project, &typst, args, global, server.as_ref());
    }
    Ok(())
}

/// What a render reads: the manifest, every language's messages, the data
/// (and the CSV files its charts name), the template's directory, the
/// fonts, the bibliography and a print profile of the project's own.
fn watched_paths(project: &Project) -> Vec<PathBuf> {
    let mut watched = vec![
        project.root.join(MANIFEST_FILE),
        project.layout.locales_dir(),
    ];
    watched.extend(project.manifest.data.iter().map(|d| project.root.join(d)));
    // Data that does not load names no file yet; its own file is watched.
    if let Ok(data) = crate::data::Data::load(project) {
        watched.extend(
            data.named_files
                .iter()
                .map(|f| project.root.join(f.as_path())),
        );
    }
    let template_dir = project
        .manifest
        .template
        .parent()
        .map_or_else(|| project.root.clone(), |d| project.root.join(d));
    watched.push(template_dir);
    if let Some(fonts) = &project.manifest.fonts {
        watched.push(project.root.join(fonts));
    }
    if let Some(bibliography) = &project.manifest.bibliography {
        watched.push(project.root.join(&bibliography.path));
    }
    if let crate::project::print::ProfileSource::File(profile) = &project.manifest.print.profile {
        watched.push(project.root.join(profile));
    }
    watched
}

fn render(
    project: &Project,
    typst: &crate::typst::Typst,
    args: &WatchArgs,
    global: &GlobalArgs,
    server: Option<&Server>,
) {
    let plan = match plan(project, &args.editions, Rebuild::Changed, global) {
        Ok(plan) => plan,
        Err(failure) => {
            crate::output::emit(&failure.problems, global.color());
            return;
        }
    };
    let started = std::time::Instant::now();
    let result = render_and_report(project, typst, &plan, global, OutputFormat::Human);
    // Pages reload before the line below is printed, so whoever reads it
    // finds the new version served.
    if let Some(server) = server {
        server.bump();
    }
    match result {
        Ok(_) => {
            if !global.quiet {
                println!("rendered in {:.2}s", started.elapsed().as_secs_f64());
            }
        }
        Err(failure) => {
            crate::output::emit(&failure.problems, global.color());
            eprintln!("render failed; fix the errors above (still watching)");
        }
    }
}
