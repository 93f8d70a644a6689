//! The reference implementation: `@fluent/bundle` (pinned in
//! `tests/conformance/package.json`) on Node, installed once per target
//! directory with `npm ci` under a file lock, and fed every case as JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::cases::{Arg, Case};
use crate::support::npm_package;

/// The files the reference needs, copied next to its `node_modules`.
const FILES: [&str; 3] = ["package.json", "package-lock.json", "reference.mjs"];

/// What the reference printed: its versions and, per locale, per case, the
/// text (or `None` when it gave none) and its errors.
pub struct Reference {
    pub versions: Value,
    pub results: Value,
}

impl Reference {
    /// The reference's text for a case in a locale.
    pub fn text(&self, locale: &str, id: &str) -> Option<&str> {
        self.results[locale][id]["text"].as_str()
    }

    /// The reference's errors for a case in a locale.
    pub fn errors(&self, locale: &str, id: &str) -> Vec<String> {
        self.results[locale][id]["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Formats every case in every locale with `@fluent/bundle`.
pub fn format(resource: &str, locales: &[&str], cases: &[Case]) -> Reference {
    let dir = install();
    let input = json!({
        "resource": resource,
        "locales": locales,
        "cases": cases.iter().map(case_json).collect::<Vec<_>>(),
    });
    let mut child = node()
        .arg("reference.mjs")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    // The reference reads all its input before writing, so writing first
    // cannot deadlock on a full pipe.
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(input.to_string().as_bytes())
        .expect("write cases to node");
    drop(stdin);
    let output = child.wait_with_output().expect("run node");
    assert!(
        output.status.success(),
        "the reference failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).expect("reference prints JSON");
    Reference {
        versions: printed["versions"].clone(),
        results: printed["results"].clone(),
    }
}

fn case_json(case: &Case) -> Value {
    let args: serde_json::Map<String, Value> = case
        .args
        .iter()
        .map(|(name, arg)| {
            let (kind, value) = match arg {
                Arg::Number(n) => ("number", json!(n)),
                Arg::Integer(i) => ("integer", json!(i.to_string())),
                Arg::Date(d) => ("date", json!(d)),
                Arg::DateTime(d) => ("datetime", json!(d)),
                Arg::String(s) => ("string", json!(s)),
            };
            ((*name).to_owned(), json!({ "type": kind, "value": value }))
        })
        .collect();
    json!({ "id": case.id, "attribute": case.attribute, "args": args })
}

/// `node`, or a panic that says how to get it.
fn node() -> Command {
    if Command::new("node").arg("--version").output().is_err() {
        panic!(
            "the Fluent conformance tests need Node.js and npm: apt-get install nodejs npm (or run `cargo xtask test`, which installs what the tests need)"
        );
    }
    Command::new("node")
}

/// The directory holding the reference with its `node_modules`, installed
/// by `npm ci` from the pinned lock file the first time (see
/// [`npm_package`]).
fn install() -> PathBuf {
    npm_package(
        "conformance-reference",
        "tests/conformance",
        &FILES,
        "@fluent/bundle",
    )
}
