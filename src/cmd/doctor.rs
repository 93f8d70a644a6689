//! `report doctor`: what report sees, and what is misconfigured: which
//! Typst, the fonts it sees, the project and its editions, and translation
//! progress. Each section prints on its own and says whether it is healthy.

use std::process::Command;

use crate::build::{Plan, Request};
use crate::check::{self};
use crate::cli::{DoctorArgs, GlobalArgs};
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::Problems;
use crate::project::Project;
use crate::typst::{self, Locate, Typst};
use crate::workspace::Workspace;

/// Whether a section found something to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Health {
    Fine,
    NeedsFixing,
}

/// Runs `report doctor`. Exits 1 if anything needs fixing.
pub(super) fn run(global: &GlobalArgs, args: &DoctorArgs) -> Result<(), Failure> {
    let project = load_project(global);
    let requirement = project.as_ref().map_or_else(
        |_| semver::VersionReq::parse("0.15").unwrap_or(semver::VersionReq::STAR),
        |p| p.manifest.typst.clone(),
    );
    let found = typst::locate(&Locate {
        explicit: args.typst.path.as_deref(),
        requirement: &requirement,
        written_at: project.as_ref().ok().map(|p| p.manifest.typst_location()),
        install: false,
        quiet: true,
    });
    print_typst(&found);
    let project = match project {
        Ok(project) => project,
        Err(failure) => {
            println!("\nProject");
            for problem in &failure.problems {
                println!("  error    {problem}");
            }
            return Err(needs_fixing());
        }
    };
    let fonts = match &found {
        Ok(typst) => print_fonts(typst, &project),
        Err(_) => Health::Fine,
    };
    print_project(&project);
    let translations = print_translations(project);
    if fonts == Health::Fine && translations == Health::Fine {
        println!("\nEverything looks fine.");
        Ok(())
    } else {
        Err(needs_fixing())
    }
}

/// Exit code 1, with nothing more to print.
fn needs_fixing() -> Failure {
    Failure {
        problems: Problems::default(),
        code: EXIT_PROBLEMS,
    }
}

/// Which Typst `report` would use, or why there is none (it is installed on
/// first render, so none is not a failure).
fn print_typst(found: &Result<Typst, Problems>) {
    println!("Typst");
    match found {
        Ok(t) => println!(
            "  ok       Typst {} at {} ({})",
            t.version,
            t.path.display(),
            t.origin.describe()
        ),
        Err(problems) => {
            for problem in problems {
                println!("  missing  {}", problem.message);
            }
            println!(
                "           `report render` installs Typst {} into {} on first use",
                typst::PINNED_VERSION,
                typst::cache_dir()
                    .map(|d| d.join("typst").display().to_string())
                    .unwrap_or_default()
            );
        }
    }
}

/// The font families Typst sees for the project (its fonts only).
fn print_fonts(typst: &Typst, project: &Project) -> Health {
    println!("\nFonts Typst sees for this project");
    let mut command = Command::new(&typst.path);
    command.args(["fonts", "--ignore-system-fonts"]);
    if let Some(fonts) = &project.manifest.fonts {
        command.arg("--font-path").arg(project.root.join(fonts));
    }
    match command.output() {
        Ok(output) if output.status.success() => {
            for family in String::from_utf8_lossy(&output.stdout).lines() {
                println!("  {family}");
            }
            Health::Fine
        }
        _ => {
            println!("  error    `typst fonts` failed");
            Health::NeedsFixing
        }
    }
}

/// The manifest's settings and every edition with where it goes.
fn print_project(project: &Project) {
    let manifest = &project.manifest;
    println!("\nProject {}", project.root.display());
    println!("  name              {}", manifest.name);
    println!("  source language   {}", manifest.source_language);
    println!("  template          {}", manifest.template.display());
    for data in &manifest.data {
        println!("  data              {}", data.display());
    }
    println!("  PDF standards     {}", manifest.pdf_standards.join(", "));
    println!("\nEditions");
    // The editions a plain `report render` renders, in its order.
    let plan = Plan::new(project, &Request::default());
    for edition in plan.iter().flat_map(Plan::editions) {
        let tags = edition.languages();
        println!(
            "  {tags:<6} {:<5} build/{}",
            edition.format.name(),
            edition.path(&project.layout)
        );
    }
}

/// Progress per language, from the same check as `report check`; errors
/// need fixing, warnings are only counted.
fn print_translations(project: Project) -> Health {
    let last_read = crate::build::recorded_inputs(&project);
    let workspace = Workspace::load(project);
    let report = check::check(&workspace, &last_read);
    let (errors, warnings) = (report.error_count(), report.warning_count());
    println!("\nTranslations");
    for summary in &report.summaries {
        println!(
            "  {:<6} {:>5}/{:<5} messages ({:.1}%), {} error(s), {} warning(s)",
            summary.language,
            summary.translated,
            summary.messages,
            summary.percent,
            summary.errors,
            summary.warnings
        );
    }
    if errors > 0 || warnings > 0 {
        println!("  run `report check` for the {errors} error(s) and {warnings} warning(s)");
    }
    if errors > 0 {
        Health::NeedsFixing
    } else {
        Health::Fine
    }
}
