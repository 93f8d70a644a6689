//! Structured, language-neutral data: the TOML and JSON files named in
//! `report.toml`, loaded into one tree that remembers where every value came
//! from.
//!
//! Where data needs words it names a message instead of holding text:
//! `{ msg = "vote-hrc", args = { date = 2022-02-28 } }`. Such a table becomes
//! a [`Value::Message`] that the resolver later replaces, per language, with
//! the formatted message. Keeping positions lets every later problem (a
//! missing message, an argument of the wrong kind) point at the exact line.
//!
//! This file owns the merged [`Data`] and the choice of format per file;
//! the tree is in `node.rs`, message references in `message.rs`, and each
//! format's reader in `toml.rs` and `json.rs`.

pub(crate) mod bibliography;
pub(crate) mod chart;
mod chart_csv;
mod chart_read;
mod chart_rules;
mod json;
mod message;
pub(crate) mod node;
mod toml;

use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;

use crate::diagnostic::{Code, Location, Problem, Problems, Result, Source};
use crate::project::Project;

pub(crate) use message::{ArgValue, MessageRef};
pub(crate) use node::{Node, Value};

/// The merged data of a project.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Top-level keys of every data file, merged.
    pub root: IndexMap<String, Node>,
    /// The files the data names and report read with it (charts' CSV
    /// files), for `report watch`.
    pub named_files: Vec<crate::project::ProjectPath>,
}

impl Data {
    /// Loads every data file of the project; keys defined in two files are an error.
    pub fn load(project: &Project) -> Result<Self> {
        let mut data = Data::default();
        let mut problems = Problems::default();
        for relative in &project.manifest.data {
            // report.toml's checks refused links out when it was read; the
            // file is checked again as it is read.
            let text = match project.files.read_text(relative) {
                Ok(text) => text,
                Err(p) => {
                    problems.extend(p);
                    continue;
                }
            };
            let source = Source::new(relative, text);
            match parse_file(&source, relative) {
                Ok(mut table) => {
                    for node in table.values_mut() {
                        data.read_named_files(project, relative, node, &mut problems);
                    }
                    data.merge(table, &mut problems);
                }
                Err(p) => problems.extend(p),
            }
        }
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(data)
        }
    }

    /// Reads the CSV files the charts under `node` name (from the data
    /// file `named_in`) into them.
    fn read_named_files(
        &mut self,
        project: &Project,
        named_in: &crate::project::ProjectPath,
        node: &mut Node,
        problems: &mut Problems,
    ) {
        match &mut node.value {
            Value::Chart(chart) => {
                if let Some(path) = chart_csv::load(chart, project, named_in, problems) {
                    self.named_files.push(path);
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.read_named_files(project, named_in, item, problems);
                }
            }
            Value::Table(table) => {
                for item in table.values_mut() {
                    self.read_named_files(project, named_in, item, problems);
                }
            }
            _ => {}
        }
    }

    /// Adds one file's top-level keys; a key another file defined is
    /// reported and the first definition kept.
    fn merge(&mut self, table: IndexMap<String, Node>, problems: &mut Problems) {
        for (key, node) in table {
            if let Some(first) = self.root.get(&key) {
                problems.push(
                    Problem::error(
                        Code::Data,
                        format!("data key `{key}` is defined in two files"),
                    )
                    .at_location(Some(node.location.clone()))
                    .with_note(format!("first defined at {}", first.location.display()))
                    .with_hint("give each top-level key to one data file"),
                );
            } else {
                self.root.insert(key, node);
            }
        }
    }

    /// Every message reference in the data, in document order.
    pub fn message_refs(&self) -> Vec<(&MessageRef, &Location)> {
        fn walk<'a>(node: &'a Node, out: &mut Vec<(&'a MessageRef, &'a Location)>) {
            match &node.value {
                Value::Message(message) => out.push((message, &node.location)),
                Value::Chart(chart) => {
                    out.extend(chart.labels().into_iter().filter_map(|label| match label {
                        chart::Label::Message(message, location) => Some((message, location)),
                        chart::Label::Text(_) => None,
                    }))
                }
                Value::Array(items) => items.iter().for_each(|n| walk(n, out)),
                Value::Table(table) => table.values().for_each(|n| walk(n, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        self.root.values().for_each(|n| walk(n, &mut out));
        out
    }
}

impl Data {
    /// Every chart in the data, in document order.
    pub fn charts(&self) -> Vec<&chart::Chart> {
        fn walk<'a>(node: &'a Node, out: &mut Vec<&'a chart::Chart>) {
            match &node.value {
                Value::Chart(chart) => out.push(chart),
                Value::Array(items) => items.iter().for_each(|n| walk(n, out)),
                Value::Table(table) => table.values().for_each(|n| walk(n, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        self.root.values().for_each(|n| walk(n, &mut out));
        out
    }
}

/// Parses one data file's text (TOML or JSON, by `relative`'s extension)
/// into its top-level table.
pub fn parse_file(source: &Arc<Source>, relative: &Path) -> Result<IndexMap<String, Node>> {
    let mut problems = Problems::default();
    let root = match relative.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::parse(source, &mut problems)?,
        Some("json") => json::parse(source, &mut problems)?,
        _ => {
            return Err(Problem::error(
                Code::Data,
                format!(
                    "`{}` is neither a .toml nor a .json file",
                    relative.display()
                ),
            )
            .with_hint("data files must end in .toml or .json")
            .into());
        }
    };
    if problems.has_errors() {
        return Err(problems);
    }
    match root.value {
        Value::Table(table) => Ok(table),
        _ => Err(Problem::error(
            Code::Data,
            "a data file must hold a table (an object) at its top",
        )
        .at_location(Some(root.location))
        .into()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Parses `text` as the data file `name`.
    pub(crate) fn load(name: &str, text: &str) -> Result<IndexMap<String, Node>> {
        parse_file(&Source::new(name, text), Path::new(name))
    }

    #[test]
    fn only_toml_and_json_files_and_only_tables_at_the_top() {
        let problems = load("d.yaml", "a: 1\n").expect_err("must fail");
        assert_eq!(
            problems[0].message,
            "`d.yaml` is neither a .toml nor a .json file"
        );
        let problems = load("d.json", "[1, 2]").expect_err("must fail");
        assert_eq!(problems[0].code, Code::Data);
        assert_eq!(
            problems[0].location.as_ref().map(Location::display),
            Some("d.json:1:1".into())
        );
    }

    #[test]
    fn message_refs_are_found_everywhere_in_document_order() -> Result<()> {
        let root = load(
            "d.toml",
            "a = { msg = \"one\" }\n[t]\nlist = [{ msg = \"two\" }, 3]\n",
        )?;
        let data = Data {
            root,
            ..Data::default()
        };
        let ids: Vec<&str> = data
            .message_refs()
            .into_iter()
            .map(|(reference, _)| reference.id.as_str())
            .collect();
        assert_eq!(ids, ["one", "two"]);
        Ok(())
    }
}
