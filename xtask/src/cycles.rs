//! `cargo xtask cycles`: fails when folders of `src/` depend on each other
//! in a cycle, so that the layers of docs/architecture.md stay layers.
//!
//! A node is a folder of `src/` (`build`, `l10n/catalog`) or a file at the
//! top of `src/` (`files`, `interrupt`). A file depends on the modules its
//! code names (`crate::…`, `super::…`, `self::…`, and `use child::…`),
//! followed through `pub use` re-exports to the module that defines the
//! item. `pub use` lines themselves are not dependencies (they are how a
//! folder shows what it holds), and test code is left out. Every group of
//! nodes that reach each other is printed, with one place for each edge,
//! and the exit code is 1.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::lexer;

/// A module, as the path of names from the crate root.
type ModulePath = Vec<String>;

/// One `use` tree (or inline path) found in a file.
struct Reference {
    /// The path, from the crate root.
    path: ModulePath,
    /// Where it was written, for the report.
    line: usize,
    /// Whether it is a `pub use` (a re-export).
    reexport: bool,
}

/// One source file.
struct SourceFile {
    /// `src/…`, for the report.
    shown: String,
    /// The module it defines.
    module: ModulePath,
    references: Vec<Reference>,
}

/// Runs the check over `src` and prints what it finds; the exit code.
/// With `graph`, first prints which top-level folder depends on which
/// (the layers docs/architecture.md draws).
pub fn run(src: &Path, graph: bool) -> u8 {
    let files = read_files(src);
    let modules: BTreeSet<ModulePath> = files.iter().map(|f| f.module.clone()).collect();
    let reexports = reexports(&files);
    let mut edges: BTreeMap<(String, String), String> = BTreeMap::new();
    for file in &files {
        let from = node_of(src, &file.module);
        for reference in file.references.iter().filter(|r| !r.reexport) {
            let target = resolve(&reference.path, &modules, &reexports, 0);
            let to = node_of(src, &target);
            if to != from {
                edges
                    .entry((from.clone(), to))
                    .or_insert_with(|| format!("{}:{}", file.shown, reference.line));
            }
        }
    }
    if graph {
        print_layers(&edges);
    }
    let groups = strongly_connected(&edges);
    if groups.is_empty() {
        println!("no module cycles between folders ({} files)", files.len());
        return 0;
    }
    for group in &groups {
        println!(
            "cycle between folders: {}",
            group.iter().cloned().collect::<Vec<_>>().join(", ")
        );
        for ((from, to), at) in &edges {
            if group.contains(from) && group.contains(to) {
                println!("  {from} -> {to}  ({at})");
            }
        }
    }
    1
}

/// Each top-level folder (or file) of `src/` and those it depends on.
fn print_layers(edges: &BTreeMap<(String, String), String>) {
    let top = |node: &str| node.split('/').next().unwrap_or(node).to_owned();
    let mut layers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        let (from, to) = (top(from), top(to));
        if from != to {
            layers.entry(from).or_default().insert(to);
        }
    }
    for (from, to) in &layers {
        println!(
            "{from} -> {}",
            to.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
}

/// Every `.rs` file under `src`, with the modules it names.
fn read_files(src: &Path) -> Vec<SourceFile> {
    let paths = crate::sizes::rust_files(src);
    let texts: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|path| Some((path.clone(), fs::read_to_string(&path).ok()?)))
        .collect();
    let test_modules: BTreeSet<ModulePath> = texts
        .iter()
        .filter_map(|(path, text)| Some((module_of(src, path)?, text)))
        .flat_map(|(module, text)| {
            lexer::test_modules(&lexer::code_only(text))
                .into_iter()
                .map(move |name| [module.clone(), vec![name]].concat())
        })
        .collect();
    texts
        .into_iter()
        .filter_map(|(path, text)| {
            let module = module_of(src, &path)?;
            if test_modules.contains(&module) {
                return None;
            }
            let code = lexer::without_tests(&lexer::code_only(&text));
            let references = references(&code, &module, src);
            Some(SourceFile {
                shown: path
                    .strip_prefix(src.parent()?)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                module,
                references,
            })
        })
        .collect()
}

/// The module a file defines: `src/a/b.rs` and `src/a/b/mod.rs` are
/// `a::b`; `src/lib.rs` is the root. `src/main.rs` and `src/bin/` are not
/// part of the library.
fn module_of(src: &Path, path: &Path) -> Option<ModulePath> {
    let relative = path.strip_prefix(src).ok()?;
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    if parts.is_empty() && (last == "main.rs") || parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    match last.as_str() {
        "lib.rs" | "mod.rs" => {}
        other => parts.push(other.trim_end_matches(".rs").to_owned()),
    }
    Some(parts)
}

/// Whether `module` is one of the crate's modules (a file or a folder).
fn is_module(src: &Path, module: &[String]) -> bool {
    let base: PathBuf = module.iter().collect();
    let dir = src.join(&base);
    dir.join("mod.rs").is_file() || dir.with_extension("rs").is_file()
}

/// The node a module belongs to: its deepest folder, or the top-level
/// file it is.
fn node_of(src: &Path, module: &[String]) -> String {
    for len in (1..=module.len()).rev() {
        let base: PathBuf = module[..len].iter().collect();
        if src.join(&base).is_dir() {
            return module[..len].join("/");
        }
    }
    match module.first() {
        Some(first) => first.clone(),
        None => "lib".to_owned(),
    }
}

/// Every path `code` names from the crate: `crate::`, `super::` and
/// `self::` paths anywhere, and `use` trees that start with a child module.
fn references(code: &str, module: &ModulePath, src: &Path) -> Vec<Reference> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for (at, _) in code.match_indices("::") {
        // The first segment of the path this `::` belongs to.
        let start = code[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        if start > 1 && &code[start - 2..start] == "::" {
            continue;
        }
        if start > 0 && bytes[start - 1] == b'$' {
            continue;
        }
        // `pub(in crate::a)` names who may see an item, not a dependency.
        if code[..start].trim_end().ends_with("(in") {
            continue;
        }
        let first = &code[start..at];
        let base: Option<ModulePath> = match first {
            "crate" => Some(Vec::new()),
            "super" => Some(module[..module.len().saturating_sub(1)].to_vec()),
            "self" => Some(module.clone()),
            child
                if is_use_start(code, start)
                    && is_module(src, &[module.clone(), vec![child.to_owned()]].concat()) =>
            {
                Some([module.clone(), vec![child.to_owned()]].concat())
            }
            _ => None,
        };
        let Some(base) = base else { continue };
        let line = code[..at].matches('\n').count() + 1;
        let reexport = is_reexport(code, start);
        let mut paths = Vec::new();
        use_tree(&code[at + 2..], base, &mut paths);
        found.extend(paths.into_iter().map(|path| Reference {
            path,
            line,
            reexport,
        }));
    }
    found
}

/// Whether the path at `start` opens a `use` statement.
fn is_use_start(code: &str, start: usize) -> bool {
    code[..start].trim_end().ends_with("use")
}

/// Whether the path at `start` is in a `pub use` (or `pub(crate) use`).
fn is_reexport(code: &str, start: usize) -> bool {
    let statement_start = code[..start].rfind([';', '}', '{']).map_or(0, |i| i + 1);
    let head = code[statement_start..start].trim_start();
    head.starts_with("pub use")
        || head.starts_with("pub(crate) use")
        || head.starts_with("pub(super) use")
}

/// The paths a use tree names, after `base::` (`a::b`, `a::{b, c::d}`,
/// `a::*`); a `self` inside braces names the path so far.
fn use_tree(rest: &str, base: ModulePath, out: &mut Vec<ModulePath>) {
    let mut path = base;
    let mut rest = rest.trim_start();
    loop {
        if let Some(inner) = rest.strip_prefix('{') {
            for part in split_group(inner) {
                let part = part.trim();
                if part == "self" {
                    out.push(path.clone());
                } else if !part.is_empty() {
                    use_tree(part, path.clone(), out);
                }
            }
            return;
        }
        let name_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            out.push(path);
            return;
        }
        path.push(rest[..name_len].to_owned());
        let after = rest[name_len..].trim_start();
        match after.strip_prefix("::") {
            Some(more) => rest = more.trim_start(),
            None => {
                out.push(path);
                return;
            }
        }
    }
}

/// The comma-separated parts of a braced group (up to its closing brace).
fn split_group(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                parts.push(&inner[from..i]);
                return parts;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts
}

/// `(module, name) → path` for every `pub use` that names an item (a
/// rename `as` is followed to its original).
fn reexports(files: &[SourceFile]) -> BTreeMap<(ModulePath, String), ModulePath> {
    let mut map = BTreeMap::new();
    for file in files {
        for reference in file.references.iter().filter(|r| r.reexport) {
            if let Some(name) = reference.path.last() {
                map.insert((file.module.clone(), name.clone()), reference.path.clone());
            }
        }
    }
    map
}

/// The module that defines what `path` names: the modules along it are
/// followed, and a name a module re-exports leads to its original.
fn resolve(
    path: &ModulePath,
    modules: &BTreeSet<ModulePath>,
    reexports: &BTreeMap<(ModulePath, String), ModulePath>,
    depth: usize,
) -> ModulePath {
    let mut module = Vec::new();
    for name in path {
        let mut child = module.clone();
        child.push(name.clone());
        if modules.contains(&child) {
            module = child;
            continue;
        }
        let target = reexports.get(&(module.clone(), name.clone()));
        if let Some(target) = target.filter(|t| depth < 8 && *t != path) {
            return resolve(target, modules, reexports, depth + 1);
        }
        break;
    }
    module
}

/// The groups of two or more nodes that reach each other (Tarjan's
/// algorithm; the graph is small).
fn strongly_connected(edges: &BTreeMap<(String, String), String>) -> Vec<BTreeSet<String>> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from).or_default().push(to);
        graph.entry(to).or_default();
    }
    let mut state = Tarjan::default();
    let nodes: Vec<&str> = graph.keys().copied().collect();
    for node in nodes {
        if !state.index.contains_key(node) {
            state.visit(node, &graph);
        }
    }
    state.groups
}

#[derive(Default)]
struct Tarjan<'a> {
    next: usize,
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: BTreeSet<&'a str>,
    groups: Vec<BTreeSet<String>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, node: &'a str, graph: &BTreeMap<&'a str, Vec<&'a str>>) {
        self.index.insert(node, self.next);
        self.low.insert(node, self.next);
        self.next += 1;
        self.stack.push(node);
        self.on_stack.insert(node);
        for &next in &graph[node] {
            if !self.index.contains_key(next) {
                self.visit(next, graph);
                let low = self.low[node].min(self.low[next]);
                self.low.insert(node, low);
            } else if self.on_stack.contains(next) {
                let low = self.low[node].min(self.index[next]);
                self.low.insert(node, low);
            }
        }
        if self.low[node] == self.index[node] {
            let mut group = BTreeSet::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(member);
                group.insert(member.to_owned());
                if member == node {
                    break;
                }
            }
            if group.len() > 1 {
                self.groups.push(group);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(tree: &str) -> Vec<String> {
        let mut out = Vec::new();
        use_tree(tree, vec!["root".into()], &mut out);
        out.into_iter().map(|p| p.join("::")).collect()
    }

    #[test]
    fn use_trees_are_expanded() {
        assert_eq!(paths("a::b;"), ["root::a::b"]);
        assert_eq!(
            paths("{a, b::{c, self}, d::*};"),
            ["root::a", "root::b::c", "root::b", "root::d"]
        );
        assert_eq!(paths("a::B as C;"), ["root::a::B"]);
    }

    #[test]
    fn cycles_are_found() {
        let mut edges = BTreeMap::new();
        for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
            edges.insert((from.to_owned(), to.to_owned()), String::new());
        }
        let groups = strongly_connected(&edges);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3);
    }
}
