//! `report watch`: re-render on every change, optionally serving the HTML.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};

use crate::build::Rebuild;
use crate::cli::{GlobalArgs, OutputFormat, WatchArgs};
use crate::cmd::render::{locate, plan, render_and_report};
use crate::cmd::{Failure, load_project};
use crate::diagnostic::{Code, Problem};
use crate::project::{Format, MANIFEST_FILE, Project};
use crate::serve::Server;

/// Runs `report watch` until interrupted.
pub fn run(global: &GlobalArgs, args: &WatchArgs) -> Result<(), Failure> {
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
    let (sender, receiver) = mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(150), sender)
        .map_err(|e| Problem::error(Code::Watch, format!("failed to watch files ({e})")))?;
    let mut watched = vec![
        project.root.join(MANIFEST_FILE),
        project.root.join("locales"),
    ];
    for data in &project.manifest.data {
        watched.push(project.root.join(data));
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
    for path in &watched {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer.watcher().watch(path, mode).map_err(|e| {
            Problem::error(
                Code::Watch,
                format!("failed to watch `{}` ({e})", path.display()),
            )
        })?;
    }
    render(&project, &typst, args, global, server.as_ref());
    println!("watching for changes (Ctrl-C to stop)");
    let build = project.build_dir();
    while !crate::interrupt::interrupted() {
        let events = match receiver.recv_timeout(Duration::from_millis(200)) {
            Ok(Ok(events)) => events,
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // The build directory may be inside a watched one; its writes are ours.
        if events.iter().all(|e| ignored(&e.path, &build)) {
            continue;
        }
        match load_project(global) {
            Ok(reloaded) => project = reloaded,
            Err(failure) => {
                crate::output::emit(&failure.problems.0, global.color);
                continue;
            }
        }
        render(&project, &typst, args, global, server.as_ref());
    }
    Ok(())
}

fn ignored(path: &Path, build: &Path) -> bool {
    path.starts_with(build)
        || path.components().any(|c| c.as_os_str() == ".git")
        || path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with('~'))
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
            crate::output::emit(&failure.problems.0, global.color);
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
            crate::output::emit(&failure.problems.0, global.color);
            eprintln!("render failed; fix the errors above (still watching)");
        }
    }
}
