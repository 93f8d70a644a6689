//! Fuzzes `report.toml` parsing and validation: `Manifest::parse`.
//!
//! The input is the manifest's bytes, decoded the way `Project::load` does
//! (`decode_utf8`, which drops a BOM and reports bad UTF-8). The project root
//! is a temporary directory made once per process, holding the files and
//! directories the seed manifests name, so that valid seeds get past the
//! existence checks and mutations explore the rest.
//!
//! Checks: no panic; an `Err` carries at least one error; every problem can
//! be shown as `path:line:col` (which maps its span back to the text); an
//! `Ok` manifest keeps the invariants the rest of `report` relies on (the
//! source language leads `languages`, no language twice, tags canonical,
//! parallel pairs of two different listed languages, paths relative,
//! inside the root and existing).

#![no_main]

use std::fs;
use std::path::{Component, Path};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use report::fuzzing::diagnostic::{Problems, Source};
use report::fuzzing::project::{Language, MANIFEST_FILE, Manifest, decode_utf8};

struct Root {
    dir: tempfile::TempDir,
    // Kept alive so that `link.typ` points at a file outside the project.
    _outside: tempfile::TempDir,
}

fn root() -> &'static Path {
    static ROOT: OnceLock<Root> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        let p = dir.path();
        for lang in ["es", "en", "es-MX", "es-ES", "en-US", "fr", "de"] {
            fs::create_dir_all(p.join("locales").join(lang)).expect("locales");
        }
        for d in ["templates/lib", "data", "fonts"] {
            fs::create_dir_all(p.join(d)).expect("dir");
        }
        for f in [
            "templates/report.typ",
            "templates/main.typ",
            "templates/report.css",
            "data/report.toml",
            "data/cases.toml",
            "data/more.json",
            "data/d.toml",
            "data/facts.toml",
            "data/work.toml",
        ] {
            fs::write(p.join(f), "").expect("file");
        }
        let target = outside.path().join("outside.typ");
        fs::write(&target, "").expect("file");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&target, p.join("templates/link.typ")).expect("symlink");
        Root {
            dir,
            _outside: outside,
        }
    })
    .dir
    .path()
}

fn show_all(problems: &Problems) {
    assert!(!problems.is_empty(), "an Err must carry a problem");
    assert!(problems.has_errors(), "an Err must carry an error");
    for problem in problems {
        let _ = problem.to_string();
        if let Some(location) = &problem.location {
            let _ = location.display();
        }
    }
}

fn inside(root: &Path, relative: &Path, file: bool) {
    assert!(!relative.is_absolute(), "{relative:?} is absolute");
    assert!(
        !relative
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_))),
        "{relative:?} leaves the project"
    );
    let full = root.join(relative);
    assert!(
        if file { full.is_file() } else { full.is_dir() },
        "{relative:?} does not exist"
    );
    let (real, real_root) = (full.canonicalize(), root.canonicalize());
    if let (Ok(real), Ok(real_root)) = (real, real_root) {
        assert!(real.starts_with(real_root), "{relative:?} links outside");
    }
}

fuzz_target!(|data: &[u8]| {
    let root = root();
    let text = match decode_utf8(Path::new(MANIFEST_FILE), data.to_vec()) {
        Ok(text) => text,
        Err(problems) => return show_all(&problems),
    };
    let source = Source::new(MANIFEST_FILE, text);
    match Manifest::parse(&source, root) {
        Err(problems) => show_all(&problems),
        Ok(manifest) => {
            assert_eq!(
                manifest.languages.first(),
                Some(&manifest.source_language),
                "the source language must lead"
            );
            for (i, language) in manifest.languages.iter().enumerate() {
                assert!(
                    !manifest.languages[..i].contains(language),
                    "{language} listed twice"
                );
                assert_eq!(Language::parse(&language.tag).as_ref(), Ok(language));
                assert!(root.join("locales").join(&language.tag).is_dir());
            }
            for report::fuzzing::project::ParallelPair { left, right } in &manifest.parallel_pairs {
                assert_ne!(left, right, "a parallel pair of one language");
                assert!(manifest.languages.contains(left) && manifest.languages.contains(right));
            }
            inside(root, &manifest.template, true);
            for path in &manifest.data {
                inside(root, path, true);
            }
            if let Some(path) = &manifest.stylesheet {
                inside(root, path, true);
            }
            if let Some(path) = &manifest.fonts {
                inside(root, path, false);
            }
            assert!(
                manifest
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            );
            assert!(!manifest.name.is_empty() && !manifest.name.starts_with('.'));
            let _ = manifest.source.line_col(manifest.typst_span.start);
        }
    }
});
