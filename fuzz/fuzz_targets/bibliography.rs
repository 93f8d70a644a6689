//! Fuzzes the bibliography reader, `report::data::bibliography::read`, as
//! Hayagriva YAML (`b.yml`) and as BibTeX (`b.bib`): the same input is
//! tried both ways, decoded the way `load` does (`decode_utf8`).
//!
//! Checks, beyond no panic, stack overflow, time-out or memory blow-up
//! (the checks before parsing are what keep Hayagriva's readers bounded):
//!
//! - without works, the problems hold an error; every problem can be shown
//!   as `path:line:col`;
//! - YAML: the works read one by one are the works
//!   `hayagriva::io::from_yaml_str` reads, and a file that does not parse
//!   for one does not parse for the other;
//! - YAML: the scan before reading never counts less nesting than serde_yaml
//!   builds (a `serde_yaml::Value` at most twice as deep as the scan
//!   counts, plus one).

#![no_main]

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use report::fuzzing::bibliography::{Works, read, yaml_depth};
use report::fuzzing::diagnostic::{Code, Problems, Source};
use report::fuzzing::project::{BibliographyFormat, decode_utf8};

fn show_all(problems: &Problems) {
    for problem in problems {
        let _ = problem.to_string();
        if let Some(location) = &problem.location {
            let _ = location.display();
        }
    }
}

/// How deep serde_yaml nests a value.
fn depth(value: &serde_yaml::Value) -> usize {
    match value {
        serde_yaml::Value::Sequence(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        serde_yaml::Value::Mapping(map) => {
            1 + map
                .iter()
                .map(|(k, v)| depth(k).max(depth(v)))
                .max()
                .unwrap_or(0)
        }
        serde_yaml::Value::Tagged(tagged) => depth(&tagged.value),
        _ => 0,
    }
}

/// The YAML checks on what `read` found.
fn against_serde_and_hayagriva(text: &str, works: Option<&Works>, problems: &Problems) {
    let deepest = yaml_depth(text);
    if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) {
        let built = depth(&value);
        assert!(
            built <= 2 * deepest + 1,
            "serde_yaml nests {built} deep, the scan counted {deepest}"
        );
    }
    if problems.iter().any(|p| p.code == Code::TooDeep) {
        // Refused before parsing: Hayagriva is not run on it.
        return;
    }
    let syntax = problems
        .iter()
        .any(|p| p.message.starts_with("the bibliography does not parse"));
    match (works, hayagriva::io::from_yaml_str(text)) {
        (Some(works), Ok(library)) => {
            let ours: BTreeSet<&str> = works.keys.iter().map(String::as_str).collect();
            let theirs: BTreeSet<&str> = library.keys().collect();
            assert_eq!(ours, theirs, "the works differ from Hayagriva's");
        }
        (Some(_), Err(e)) => panic!("read, but Hayagriva refuses it: {e}"),
        (None, Ok(_)) => assert!(
            !syntax,
            "refused as not parsing, but Hayagriva reads it: {:?}",
            problems
        ),
        (None, Err(_)) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    for (name, format) in [
        ("b.yml", BibliographyFormat::Hayagriva),
        ("b.bib", BibliographyFormat::Bibtex),
    ] {
        let relative = Path::new(name);
        let text = match decode_utf8(relative, data.to_vec()) {
            Ok(text) => text,
            Err(problems) => return show_all(&problems),
        };
        let source: Arc<Source> = Source::new(relative, text);
        let mut problems = Problems::default();
        let works = read(&source, format, &mut problems);
        show_all(&problems);
        if works.is_none() {
            assert!(
                problems.has_errors(),
                "no works and no error: {:?}",
                problems
            );
        }
        if format == BibliographyFormat::Hayagriva {
            against_serde_and_hayagriva(&source.text, works.as_ref(), &problems);
        }
    }
});
