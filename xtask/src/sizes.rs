//! `cargo xtask sizes`: the size rules of docs/architecture.md, checked —
//! no file of `src/` over 600 lines of non-test code, at most 10 files at
//! the top of `src/` (the rest live in folders that show the architecture),
//! no function over 80 lines.

use std::fs;
use std::path::{Path, PathBuf};

use crate::lexer::{code_only, item_end, test_modules};

const MAX_FILE_LINES: usize = 600;
const MAX_TOP_LEVEL_FILES: usize = 10;
const MAX_FN_LINES: usize = 80;

/// Prints every rule broken; 0 when none is, 1 otherwise.
pub fn run(src: &Path) -> u8 {
    let mut broken = Vec::new();
    let files = rust_files(src);
    let top_level = files.iter().filter(|f| f.parent() == Some(src)).count();
    if top_level > MAX_TOP_LEVEL_FILES {
        broken.push(format!(
            "src/ has {top_level} files at its top (at most {MAX_TOP_LEVEL_FILES}): move concepts into folders"
        ));
    }
    let tests = test_files(&files);
    for file in files.iter().filter(|f| !tests.contains(f)) {
        let Ok(text) = fs::read_to_string(file) else {
            broken.push(format!("{}: cannot be read", file.display()));
            continue;
        };
        let shown = file
            .strip_prefix(src.parent().unwrap_or(src))
            .unwrap_or(file);
        let code = code_only(&text);
        let lines = text.lines().count() - test_lines(&code);
        if lines > MAX_FILE_LINES {
            broken.push(format!(
                "{}: {lines} lines of non-test code (at most {MAX_FILE_LINES}): split it by concept",
                shown.display()
            ));
        }
        for (name, line, length) in long_functions(&code) {
            broken.push(format!(
                "{}:{line}: fn {name} is {length} lines (at most {MAX_FN_LINES}): give its steps names",
                shown.display()
            ));
        }
    }
    for problem in &broken {
        eprintln!("error: {problem}");
    }
    if broken.is_empty() {
        println!("sizes: {} files, none too long", files.len());
        0
    } else {
        1
    }
}

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The files that are test modules (`#[cfg(test)] mod tests;`).
fn test_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut tests = Vec::new();
    for file in files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        let dir = match file.file_stem().and_then(|s| s.to_str()) {
            Some("mod" | "lib" | "main") => file.parent().map(Path::to_owned),
            Some(stem) => file.parent().map(|p| p.join(stem)),
            None => None,
        };
        let Some(dir) = dir else { continue };
        for name in test_modules(&code_only(&text)) {
            tests.push(dir.join(format!("{name}.rs")));
            tests.push(dir.join(&name).join("mod.rs"));
        }
    }
    tests
}

/// How many lines the `#[cfg(test)]` items of `code` take.
fn test_lines(code: &str) -> usize {
    let mut lines = 0;
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        let item = &rest[at..];
        let end = item_end(item);
        lines += item[..end].matches('\n').count() + 1;
        rest = &item[end..];
    }
    lines
}

/// Each function body in `code` longer than the limit: its name, first
/// line (from 1) and length in lines, from `fn` to its closing brace.
fn long_functions(code: &str) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for (at, _) in code.match_indices("fn ") {
        let starts_word =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !starts_word {
            continue;
        }
        let rest = &code[at + 3..];
        let name_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let Some(open) = rest.find(['{', ';']) else {
            continue;
        };
        if rest.as_bytes()[open] == b';' {
            continue;
        }
        let end = block_end(&rest[open..]);
        let first = code[..at].matches('\n').count() + 1;
        let length = code[at..at + 3 + open + end].matches('\n').count() + 1;
        if length > MAX_FN_LINES {
            found.push((rest[..name_len].to_owned(), first, length));
        }
    }
    found
}

/// The length of the block `{…}` that `code` starts with, through its
/// matching `}` (comments and literals are already blanked).
fn block_end(code: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in code.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_functions_and_test_lines_are_measured() {
        let long = format!(
            "fn long() {{\n{}}}\nfn short() {{}}\n",
            "    x();\n".repeat(80)
        );
        assert_eq!(long_functions(&long), [("long".to_owned(), 1, 82)]);
        let code = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() {}\n}\n";
        assert_eq!(test_lines(code), 4);
    }
}
