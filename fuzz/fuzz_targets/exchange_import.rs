//! What the three translator-exchange targets (`xliff2`, `xliff1`, `po`)
//! share: a project made once per process, and the import of one fuzzed
//! file into it, checked.
//!
//! The project is the `exchange` test fixture (`tests/fixtures/exchange`:
//! English source, Spanish translation, plural and other selects, terms,
//! markup, a line break, a lock file) plus one file with a list and a
//! footnote in both languages. Each input is imported with `--dry-run`
//! (`exchange::import_source`): every read and check runs, up to and not
//! including writing files.
//!
//! Checks: no panic, overflow or hang; an `Err` carries at least one error,
//! and every problem can be shown as `path:line:col` with its span inside
//! the file it names; an `Ok` import is of the format fuzzed, changes only
//! messages the source has, and names only files under `locales/`; and
//! nothing under `locales/` is ever written.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use report::fuzzing::diagnostic::{Problems, Source};
use report::fuzzing::exchange::{ExchangeFormat, import_source};
use report::fuzzing::project::{Project, decode_utf8};

/// Messages the fixture lacks: a list and a footnote.
const EXTRA_EN: &str =
    "steps =\n    Three steps:\n\n    - vote\n    - count^[twice, by hand]\n    - publish\n";
const EXTRA_ES: &str =
    "steps =\n    Tres pasos:\n\n    - votar\n    - contar^[dos veces, a mano]\n    - publicar\n";

struct Fixture {
    dir: tempfile::TempDir,
    project: Project,
    /// Every file under `locales/` with its bytes, as made.
    locales: Vec<(PathBuf, Vec<u8>)>,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn files(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in fs::read_dir(dir).expect("read locales") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            let bytes = fs::read(&path).expect("read");
            out.push((path, bytes));
        }
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/exchange");
        copy_dir(&fixture, dir.path());
        fs::write(dir.path().join("locales/en/steps.ftl"), EXTRA_EN).expect("write");
        fs::write(dir.path().join("locales/es/steps.ftl"), EXTRA_ES).expect("write");
        let project = Project::load(dir.path()).expect("the fixture loads");
        let mut locales = Vec::new();
        files(&dir.path().join("locales"), &mut locales);
        locales.sort();
        Fixture {
            dir,
            project,
            locales,
        }
    })
}

fn show_all(problems: &Problems) {
    assert!(problems.has_errors(), "an Err must carry an error");
    for problem in problems {
        let _ = problem.to_string();
        if let Some(location) = &problem.location {
            assert!(
                location.span.start <= location.source.text.len(),
                "{problem}: span outside its file"
            );
            let _ = location.display();
        }
    }
}

/// Imports `data` (a file named `name`) as `format`, dry run, and checks
/// what came back. Inputs of another format are skipped.
pub fn run(data: &[u8], format: ExchangeFormat, name: &str) {
    let fixture = fixture();
    let text = match decode_utf8(Path::new(name), data.to_vec()) {
        Ok(text) => text,
        Err(problems) => return show_all(&problems),
    };
    if ExchangeFormat::detect(&text) != Some(format) {
        return;
    }
    match import_source(&fixture.project, Source::new(name, text), true) {
        Err(problems) => show_all(&problems),
        Ok(outcome) => {
            assert_eq!(outcome.format, format);
            assert_eq!(outcome.language.tag, "es");
            for path in &outcome.files {
                assert!(
                    path.starts_with("locales"),
                    "{path:?} is not under locales/"
                );
            }
            let mut seen = std::collections::HashSet::new();
            for key in &outcome.changed {
                assert!(seen.insert(key), "`{key}` changed twice");
            }
        }
    }
    let mut now = Vec::new();
    files(&fixture.dir.path().join("locales"), &mut now);
    now.sort();
    assert!(now == fixture.locales, "a dry run wrote under locales/");
}
