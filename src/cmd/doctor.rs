//! `report doctor`: what report sees, and what is misconfigured.

use std::process::Command;

use crate::cli::{DoctorArgs, GlobalArgs};
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::{Problems, Severity, Warned};
use crate::typst::{self, Locate};
use crate::workspace::Workspace;

/// Runs `report doctor`. Exits 1 if anything needs fixing.
pub fn run(global: &GlobalArgs, args: &DoctorArgs) -> Result<(), Failure> {
    let mut healthy = true;
    let project = load_project(global);
    let requirement = project.as_ref().map_or_else(
        |_| semver::VersionReq::parse("0.15").unwrap_or(semver::VersionReq::STAR),
        |p| p.manifest.typst.clone(),
    );
    println!("Typst");
    let found = typst::locate(&Locate {
        explicit: args.typst.path.as_deref(),
        requirement: &requirement,
        install: false,
        quiet: true,
    });
    match &found {
        Ok(t) => println!(
            "  ok       Typst {} at {} ({})",
            t.version,
            t.path.display(),
            t.origin.describe()
        ),
        Err(problems) => {
            for problem in &problems.0 {
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
    let project = match project {
        Ok(project) => project,
        Err(failure) => {
            println!("\nProject");
            for problem in &failure.problems.0 {
                println!("  error    {problem}");
            }
            return Err(Failure {
                problems: Problems::default(),
                code: EXIT_PROBLEMS,
            });
        }
    };
    if let Ok(t) = &found {
        println!("\nFonts Typst sees for this project");
        let mut command = Command::new(&t.path);
        command.args(["fonts", "--ignore-system-fonts"]);
        if let Some(fonts) = &project.manifest.fonts {
            command.arg("--font-path").arg(project.root.join(fonts));
        }
        match command.output() {
            Ok(output) if output.status.success() => {
                for family in String::from_utf8_lossy(&output.stdout).lines() {
                    println!("  {family}");
                }
            }
            _ => {
                healthy = false;
                println!("  error    `typst fonts` failed");
            }
        }
    }
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
    for language in &manifest.languages {
        for format in &manifest.formats {
            println!(
                "  {:<6} {:<4}  build/{}",
                language.tag,
                format.name(),
                project.layout.edition(language, None, *format)
            );
        }
    }
    let Warned {
        value: workspace,
        problems: load_problems,
    } = Workspace::load(project);
    let report = crate::check::check(&workspace, load_problems, crate::check::Scope::All);
    let errors = report.findings.iter().filter(|f| f.is_error()).count();
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
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
        healthy = false;
    }
    if healthy {
        println!("\nEverything looks fine.");
        Ok(())
    } else {
        Err(Failure {
            problems: Problems::default(),
            code: EXIT_PROBLEMS,
        })
    }
}
