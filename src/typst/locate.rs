//! Finding a Typst that fits the project: `--typst PATH` or `REPORT_TYPST`,
//! then `PATH`, then the per-user cache; else, if allowed, the one-time
//! install of the pinned version.

use std::path::{Path, PathBuf};

use super::cache::cache_dir;
use super::install::install;
use super::version::version_of;
use super::{Origin, PINNED_VERSION, Typst};
use crate::diagnostic::{Code, Location, Problem, Problems, Result};

/// How to look for Typst.
#[derive(Debug, Clone)]
pub(crate) struct Locate<'a> {
    /// `--typst` / `REPORT_TYPST`.
    pub explicit: Option<&'a Path>,
    /// The versions the project accepts.
    pub requirement: &'a semver::VersionReq,
    /// Where report.toml writes them (`typst = "0.15"`), for errors.
    pub written_at: Option<Location>,
    /// Whether a missing Typst may be installed.
    pub install: bool,
    /// Whether to say what is happening on stderr.
    pub quiet: bool,
}

/// Finds (or installs) a Typst binary that satisfies the project's requirement.
pub(crate) fn locate(options: &Locate<'_>) -> Result<Typst> {
    if let Some(given) = options.explicit {
        return explicit(given, options.requirement).map_err(|p| at_requirement(p, options));
    }
    if let Some(found) = on_search_path(options.requirement) {
        return Ok(found);
    }
    pinned_version(options.requirement).map_err(|p| at_requirement(p, options))?;
    let cache = cache_dir()?.join("typst");
    let binary = cached_binary(&cache);
    if let Ok(version) = version_of(&binary) {
        return Ok(found(binary, version, Origin::Cache));
    }
    if !options.install {
        return Err(Problem::error(Code::TypstMissing, "Typst was not found")
            .with_hint("run `report render` once to install it, or pass --typst PATH")
            .into());
    }
    install(&cache, &binary, options.quiet)?;
    let version = version_of(&binary).map_err(|p| Problems::from(*p))?;
    Ok(found(binary, version, Origin::Installed))
}

fn found(path: PathBuf, version: semver::Version, origin: Origin) -> Typst {
    Typst {
        path,
        version,
        origin,
    }
}

/// A version mismatch shown at the requirement in report.toml.
fn at_requirement(mut problems: Problems, options: &Locate<'_>) -> Problems {
    for problem in problems.iter_mut() {
        if problem.code == Code::TypstVersion && problem.location.is_none() {
            problem.location = options.written_at.clone();
        }
    }
    problems
}

/// `--typst PATH` / `REPORT_TYPST`: used as given, or an error that says so.
fn explicit(given: &Path, requirement: &semver::VersionReq) -> Result<Typst> {
    // A bare name is looked up on PATH; anything else is a path from here.
    let path = if given.components().count() > 1 || given.exists() {
        std::path::absolute(given).unwrap_or_else(|_| given.to_owned())
    } else {
        given.to_owned()
    };
    let version = version_of(&path).map_err(|problem| {
        Problems::from((*problem).with_hint(
            "fix --typst / REPORT_TYPST, or leave both unset to let report find or install Typst",
        ))
    })?;
    if !requirement.matches(&version) {
        return Err(Problem::error(
            Code::TypstVersion,
            format!(
                "`{}` is Typst {version}, but report.toml asks for {requirement}",
                given.display(),
            ),
        )
        .with_hint(format!(
            "point --typst at Typst {requirement} or change `typst` in report.toml"
        ))
        .into());
    }
    Ok(found(path, version, Origin::Explicit))
}

/// A `typst` on `PATH` whose version fits.
fn on_search_path(requirement: &semver::VersionReq) -> Option<Typst> {
    let path = find_on_path("typst")?;
    let version = version_of(&path).ok()?;
    requirement
        .matches(&version)
        .then(|| found(path, version, Origin::SearchPath))
}

/// The version report can install, if the project accepts it.
fn pinned_version(requirement: &semver::VersionReq) -> Result<semver::Version> {
    let pinned = semver::Version::parse(PINNED_VERSION).expect("valid pinned version");
    if requirement.matches(&pinned) {
        return Ok(pinned);
    }
    Err(Problem::error(
        Code::TypstVersion,
        format!(
            "no Typst matching {requirement} was found, and report can only install {PINNED_VERSION}"
        ),
    )
    .with_hint(
        "install a matching Typst and pass it with --typst, or set `typst = \"0.15\"` in report.toml",
    )
    .into())
}

/// Where the install puts the pinned binary: `<cache>/<version>/bin/typst`.
fn cached_binary(cache: &Path) -> PathBuf {
    cache
        .join(PINNED_VERSION)
        .join("bin")
        .join(format!("typst{}", std::env::consts::EXE_SUFFIX))
}

/// The first `name` (with the platform's executable suffix) on `PATH`.
fn find_on_path(name: &str) -> Option<PathBuf> {
    let exe = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(&exe))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_version_is_refused_when_the_project_wants_another() {
        let old = semver::VersionReq::parse("=0.14.2").expect("requirement");
        let problems = pinned_version(&old).expect_err("0.15.1 does not fit =0.14.2");
        assert_eq!(problems[0].code, Code::TypstVersion);
        let current = semver::VersionReq::parse("0.15").expect("requirement");
        assert_eq!(
            pinned_version(&current).expect("fits").to_string(),
            PINNED_VERSION
        );
    }

    #[test]
    fn the_cached_binary_lives_under_the_pinned_version() {
        let binary = cached_binary(Path::new("/cache/typst"));
        assert!(binary.starts_with(Path::new("/cache/typst").join(PINNED_VERSION).join("bin")));
    }
}
