//! The messages templates use: found by reading every `.typ` file under the
//! template's directory for the helpers' calls with a literal id, then
//! checked against every language.
//!
//! Reading the text (not evaluating Typst) is enough because the helpers
//! take the id as a literal string in practice; an id built at run time
//! (`msg("part-" + str(n))`) is not a use, and Typst reports it if it is
//! wrong.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;

use crate::check::finding::{Suggestions, list_or_none};
use crate::check::{Interrupted, poll};
use crate::diagnostic::{Code, Location, Problem, Severity, Source};
use crate::l10n::Catalog;
use crate::project::Project;

/// A message id a template names, and where.
#[derive(Debug, Clone)]
pub struct TemplateUse {
    /// `id` or `id.attribute`.
    pub id: String,
    /// Where the id is written.
    pub location: Location,
}

/// How a helper is called, which decides what may stand before its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Callee {
    /// A function (`msg(`): a longer name ending the same way, or its own
    /// definition (`#let msg(id)`), is not a call.
    Function,
    /// A method (`messages.at(`): always called on something.
    Method,
}

/// Where the message id is among a helper's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdArgument {
    /// The first argument: `msg("id")`.
    First,
    /// After the document: `msg-of(d, "id")`, for parallel editions.
    AfterDocument,
}

/// A helper of templates/lib/report.typ that takes a message id.
struct Helper {
    /// The text that opens a call, up to and including `(`.
    opener: &'static str,
    callee: Callee,
    id: IdArgument,
}

/// The helpers whose calls name messages.
const HELPERS: [Helper; 5] = [
    Helper {
        opener: "msg(",
        callee: Callee::Function,
        id: IdArgument::First,
    },
    Helper {
        opener: "msg-text(",
        callee: Callee::Function,
        id: IdArgument::First,
    },
    Helper {
        opener: "messages.at(",
        callee: Callee::Method,
        id: IdArgument::First,
    },
    Helper {
        opener: "msg-of(",
        callee: Callee::Function,
        id: IdArgument::AfterDocument,
    },
    Helper {
        opener: "msg-text-of(",
        callee: Callee::Function,
        id: IdArgument::AfterDocument,
    },
];

/// Message ids the templates name: `msg("id")`, `msg-text("id")`,
/// `messages.at("id")`, `msg-of(d, "id")` and `msg-text-of(d, "id")` in
/// every `.typ` file under the template's directory, file by file in path
/// order. Files and directories that cannot be read are warnings.
pub fn template_messages(project: &Project, findings: &mut Vec<Problem>) -> Vec<TemplateUse> {
    let dir = project
        .manifest
        .template
        .parent()
        .map_or_else(|| project.root.clone(), |p| project.root.join(p));
    let mut files = Vec::new();
    collect_typ_files(&dir, &mut files, findings);
    let mut uses = Vec::new();
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            findings.push(Problem::warning(
                Code::Io,
                format!("failed to read `{}`", path.display()),
            ));
            continue;
        };
        let relative = path.strip_prefix(&project.root).unwrap_or(&path).to_owned();
        uses.extend(uses_in(&Source::new(relative, text)));
    }
    uses
}

/// Every `.typ` file under `dir`, sorted by path (each directory's entries
/// by name), like `.ftl` files are collected. A directory or entry that
/// cannot be read is a warning: the templates in it go unchecked, and
/// Typst will say more if it needs them.
fn collect_typ_files(dir: &Path, out: &mut Vec<PathBuf>, findings: &mut Vec<Problem>) {
    let unreadable = |error: &std::io::Error| Problem {
        severity: Severity::Warning,
        ..Problem::io("read directory", dir, error)
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            findings.push(unreadable(&error));
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(error) => findings.push(unreadable(&error)),
        }
    }
    paths.sort();
    for path in paths {
        // Follows symbolic links, as the templates' own imports do.
        if path.is_dir() {
            collect_typ_files(&path, out, findings);
        } else if path.extension().is_some_and(|e| e == "typ") {
            out.push(path);
        }
    }
}

/// The message ids one template file names, helper by helper.
fn uses_in(source: &Arc<Source>) -> Vec<TemplateUse> {
    let mut uses = Vec::new();
    for helper in &HELPERS {
        for (at, _) in source.text.match_indices(helper.opener) {
            if let Some(id) = call_id(&source.text, at, helper) {
                uses.push(TemplateUse {
                    id: source.text[id.clone()].to_owned(),
                    location: Location::new(source, id),
                });
            }
        }
    }
    uses
}

/// The byte range of the literal message id of the call to `helper` that
/// starts at `at`, if it is a call with a literal id.
fn call_id(text: &str, at: usize, helper: &Helper) -> Option<std::ops::Range<usize>> {
    let before = text[..at].chars().next_back();
    let part_of_a_name =
        before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
    if part_of_a_name && helper.callee == Callee::Function {
        return None;
    }
    let mut start = at + helper.opener.len();
    if helper.id == IdArgument::AfterDocument {
        // Skip the document argument: a name such as `d` or `doc`.
        let rest = &text[start..];
        let comma = rest.find(',')?;
        let is_name = rest[..comma]
            .trim()
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
        if !is_name {
            return None;
        }
        start += comma + 1;
    }
    let rest = &text[start..];
    let trimmed = rest.trim_start();
    let quoted = trimmed.strip_prefix('"')?;
    start += rest.len() - trimmed.len() + 1;
    let len = quoted.find('"')?;
    let id = &text[start..start + len];
    // `msg("part-" + str(n))` builds its id at run time; only a literal
    // that is the whole argument is a message id.
    let after = text[start + len + 1..].trim_start();
    let literal = after.starts_with([')', ','])
        && !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    literal.then_some(start..start + len)
}

/// Every message a template uses exists in every language (a translation's
/// gap is already a `missing-message`) and needs no arguments, which only
/// the data can give.
pub(super) fn check(
    uses: &[TemplateUse],
    catalogs: &IndexMap<String, Catalog>,
    source: &Catalog,
    findings: &mut Vec<Problem>,
) -> Result<(), Interrupted> {
    let mut suggestions = Suggestions::default();
    for template_use in uses {
        poll()?;
        for catalog in catalogs.values() {
            findings.extend(check_use(template_use, catalog, source, &mut suggestions));
        }
    }
    Ok(())
}

fn check_use(
    template_use: &TemplateUse,
    catalog: &Catalog,
    source: &Catalog,
    suggestions: &mut Suggestions,
) -> Option<Problem> {
    let tag = &catalog.language.tag;
    let (id, attribute) = match template_use.id.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (template_use.id.as_str(), None),
    };
    let entry = catalog.message(id).filter(|e| match attribute {
        Some(a) => e.attributes.iter().any(|x| x == a),
        None => e.has_value,
    });
    let in_source = source.message(id).is_some() && catalog.language != source.language;
    let problem = match entry {
        None if in_source => return None,
        None => Problem::error(
            Code::UnknownMessage,
            format!(
                "the template uses message `{}`, which `{tag}` does not have",
                template_use.id
            ),
        )
        .with_hint(suggestions.hint(id, || catalog.messages().map(|m| m.id.as_str()))),
        Some(entry) if !entry.variables.is_empty() => Problem::error(
            Code::MessageNeedsArguments,
            format!(
                "the template uses message `{}` directly, but in `{tag}` it needs {}",
                template_use.id,
                list_or_none(entry.variables.iter().map(|v| format!("`${v}`")))
            ),
        )
        .with_hint(
            "give it its arguments in the data (`{ msg = …, args = { … } }`) and use that node",
        ),
        Some(_) => return None,
    };
    Some(
        problem
            .at_location(Some(template_use.location.clone()))
            .about(tag, &template_use.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        uses_in(&Source::new("t.typ", text))
            .into_iter()
            .map(|u| u.id)
            .collect()
    }

    #[test]
    fn literal_ids_of_helper_calls() {
        assert_eq!(
            ids(r#"#msg("title") #msg-text( "a.b" ) #doc.messages.at("x") #msg-of(d, "y")"#),
            ["title", "a.b", "x", "y"]
        );
        assert!(ids(r#"#let msg(id) = id"#).is_empty());
        assert!(ids(r#"#my-msg("no") #msg("part-" + str(n))"#).is_empty());
        assert!(ids(r#"#msg-of(f(x), "no")"#).is_empty());
    }

    #[test]
    fn typ_files_are_sorted_and_unreadable_directories_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["b.typ", "a/z.typ", "a.typ", "c.txt"] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
            fs::write(path, "").expect("write");
        }
        let mut files = Vec::new();
        let mut findings = Vec::new();
        collect_typ_files(dir.path(), &mut files, &mut findings);
        let names: Vec<PathBuf> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap_or(f).to_owned())
            .collect();
        assert_eq!(names, ["a/z.typ", "a.typ", "b.typ"].map(PathBuf::from));
        assert!(findings.is_empty());

        collect_typ_files(&dir.path().join("gone"), &mut files, &mut findings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Io);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert!(
            findings[0].message.starts_with("failed to read directory"),
            "{}",
            findings[0].message
        );
    }
}
