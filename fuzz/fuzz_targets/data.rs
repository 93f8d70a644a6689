//! Fuzzes the data loader, `report::data::parse_file`, as TOML (`d.toml`)
//! and as JSON (`d.json`): the same input is tried both ways, decoded the
//! way `Data::load` does (`decode_utf8`).
//!
//! Checks: no panic; an `Err` carries at least one error; every problem and
//! every node's location can be shown as `path:line:col`; a parsed table
//! yields its message references (`Data::message_refs`) and their Fluent
//! arguments (`resolve::fluent_args`, which escapes string arguments).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use report::fuzzing::data::{Data, Node, Value, parse_file};
use report::fuzzing::diagnostic::{Problems, Source};
use report::fuzzing::project::decode_utf8;

fn show_all(problems: &Problems) {
    assert!(!problems.is_empty(), "an Err must carry a problem");
    assert!(problems.has_errors(), "an Err must carry an error");
    for problem in problems {
        let _ = problem.to_string();
    }
}

fn walk(node: &Node) {
    let _ = node.location.display();
    match &node.value {
        Value::Array(items) => items.iter().for_each(walk),
        Value::Table(table) => table.values().for_each(walk),
        Value::Float(f) => assert!(f.is_finite(), "non-finite float {f}"),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    for name in ["d.toml", "d.json"] {
        let relative = Path::new(name);
        let text = match decode_utf8(relative, data.to_vec()) {
            Ok(text) => text,
            Err(problems) => return show_all(&problems),
        };
        let source = Source::new(relative, text);
        match parse_file(&source, relative) {
            Err(problems) => show_all(&problems),
            Ok(root) => {
                root.values().for_each(walk);
                let data = Data {
                    root,
                    ..Data::default()
                };
                for (reference, location) in data.message_refs() {
                    let _ = location.display();
                    let _ = report::fuzzing::data::fluent_args(reference);
                }
            }
        }
    }
});
