//! What the tests read output with — poppler, Chromium and a font,
//! Node.js and npm, xmllint, qpdf, Python with venv — installed with
//! `apt-get` when missing (as root, or through `sudo` when it needs no
//! password); when that cannot be done, the exact command to run is
//! printed and the exit code is 1.
//!
//! The tests install their own pinned npm and PyPI packages
//! (`@fluent/bundle`, translate-toolkit, pikepdf, …) and Typst; this is only
//! what a package manager must provide.

use std::env;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

/// One thing the tests need from the system, and the Debian package that
/// provides it.
struct Requirement {
    /// What it is, for messages.
    what: &'static str,
    /// The Debian package.
    package: &'static str,
    /// Whether it is there.
    present: fn() -> bool,
}

/// Everything the tests read output with, and what CI builds besides.
const REQUIREMENTS: [Requirement; 12] = [
    Requirement {
        what: "pdftotext, pdfinfo, pdffonts and pdftoppm",
        package: "poppler-utils",
        present: || on_path("pdftotext") && on_path("pdftoppm"),
    },
    Requirement {
        what: "headless Chromium",
        package: "chromium",
        present: || on_path("chromium"),
    },
    Requirement {
        what: "a font for Chromium to lay text out with",
        package: "fonts-liberation",
        present: || Path::new("/usr/share/fonts/truetype/liberation").is_dir(),
    },
    Requirement {
        what: "Node.js (the Fluent reference implementation, axe-core)",
        package: "nodejs",
        present: || on_path("node"),
    },
    Requirement {
        what: "npm",
        package: "npm",
        present: || on_path("npm"),
    },
    Requirement {
        what: "xmllint (XLIFF schema checks)",
        package: "libxml2-utils",
        present: || on_path("xmllint"),
    },
    Requirement {
        what: "qpdf (print editions)",
        package: "qpdf",
        present: || on_path("qpdf"),
    },
    Requirement {
        what: "Python 3 (translate-toolkit, pikepdf)",
        package: "python3",
        present: || on_path("python3"),
    },
    Requirement {
        what: "Python's venv and ensurepip",
        package: "python3-venv",
        present: || succeeds(Command::new("python3").args(["-c", "import venv, ensurepip"])),
    },
    Requirement {
        what: "pip",
        package: "python3-pip",
        present: || succeeds(Command::new("python3").args(["-m", "pip", "--version"])),
    },
    Requirement {
        what: "git (diff and history tests)",
        package: "git",
        present: || on_path("git"),
    },
    Requirement {
        what: "a C++ compiler (libFuzzer, built when CI checks the fuzz crate)",
        package: "g++",
        present: || on_path("c++") || on_path("g++"),
    },
];

/// Installs what is missing; `Err` with the exit code when it cannot.
pub fn install() -> Result<(), ExitCode> {
    let absent = missing();
    if absent.is_empty() {
        return Ok(());
    }
    let packages: Vec<&str> = absent.iter().map(|r| r.package).collect();
    eprintln!("xtask: the tests need what is not installed here:");
    for requirement in &absent {
        eprintln!("  {} (Debian: {})", requirement.what, requirement.package);
    }
    let Some(prefix) = installer() else {
        eprintln!(
            "xtask: cannot install them (not root, no password-less sudo, or no apt-get); install them with\n  \
             sudo apt-get update && sudo apt-get install -y --no-install-recommends {}\n\
             then run `cargo xtask test` again (or `cargo test` once they are there)",
            packages.join(" ")
        );
        return Err(ExitCode::FAILURE);
    };
    eprintln!("xtask: installing {} with apt-get…", packages.join(" "));
    let apt = |args: &[&str]| {
        let mut command = Command::new(prefix.first().copied().unwrap_or("apt-get"));
        command
            .args(prefix.iter().skip(1))
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    let installed = succeeds(apt(&["update", "-qq"]).stdout(Stdio::null()))
        && succeeds(
            apt(&["install", "-y", "-qq", "--no-install-recommends"])
                .args(&packages)
                .stdout(Stdio::null()),
        );
    let still: Vec<&str> = missing().iter().map(|r| r.package).collect();
    if !installed || !still.is_empty() {
        eprintln!(
            "xtask: apt-get could not install {}; install them yourself and run `cargo xtask test` again",
            still.join(" ")
        );
        return Err(ExitCode::FAILURE);
    }
    Ok(())
}

/// The requirements that are not met.
fn missing() -> Vec<&'static Requirement> {
    REQUIREMENTS.iter().filter(|r| !(r.present)()).collect()
}

/// How to run apt-get with the rights it needs: directly as root, through
/// `sudo` when it asks no password; `None` when neither can, or there is no
/// apt-get (not Debian).
fn installer() -> Option<Vec<&'static str>> {
    if !on_path("apt-get") {
        return None;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.status.success() && out.stdout.trim_ascii() == b"0");
    if root {
        Some(vec!["apt-get"])
    } else if on_path("sudo") && succeeds(Command::new("sudo").args(["-n", "true"])) {
        Some(vec!["sudo", "apt-get"])
    } else {
        None
    }
}

/// Runs `cargo test ARGS`, with its exit code.
pub fn cargo_test(args: &[OsString]) -> ExitCode {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new(cargo)
        .arg("test")
        .args(args)
        .current_dir(root)
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(u8::try_from(status.code().unwrap_or(1)).unwrap_or(1)),
        Err(e) => {
            eprintln!("xtask: failed to run `cargo test` ({e})");
            ExitCode::FAILURE
        }
    }
}

/// Whether `name` is an executable file on `PATH`.
fn on_path(name: &str) -> bool {
    env::var_os("PATH")
        .is_some_and(|paths| env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
}

/// Whether `command` runs and exits 0 (its output discarded).
fn succeeds(command: &mut Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
