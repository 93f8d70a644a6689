//! Links a bibliography would publish, limited as links in messages are
//! (`l10n::markup`): http, https and mailto.
//!
//! Citation styles turn a work's `url` into a link (`<a href>` in the HTML
//! editions, a URI action in the PDFs), taken from the work or any of its
//! parents; `url: "javascript:…"` passed `report check` and was published
//! as a script. A DOI, PMID or PMCID becomes a link too, but always under
//! an `https://` prefix the style adds, so only `url` is checked.

use std::sync::Arc;

use hayagriva::{Entry, Library};

use super::Located;
use crate::diagnostic::{Code, Problem, Problems, Source};

/// The schemes a link may have.
const ALLOWED: [&str; 3] = ["https", "http", "mailto"];

/// Every work's `url`, and its parents', has an allowed scheme; one error
/// per work, at its first link refused.
pub(super) fn check(
    library: &Library,
    source: &Arc<Source>,
    located: &Located,
    problems: &mut Problems,
) {
    for work in library.iter() {
        // A work's parents nest as deep as the file does (bounded by the
        // reader): walked with a stack of their own.
        let mut pending: Vec<&Entry> = vec![work];
        while let Some(entry) = pending.pop() {
            if let Some(url) = entry.url()
                && !ALLOWED.contains(&url.value.scheme())
            {
                problems.push(refused(source, located, work.key(), url.value.as_str()));
                break;
            }
            pending.extend(entry.parents().iter().rev());
        }
    }
}

fn refused(source: &Arc<Source>, located: &Located, key: &str, url: &str) -> Problem {
    let shown: String = url.chars().take(60).collect();
    let shown = if shown.len() < url.len() {
        format!("{shown}…")
    } else {
        shown
    };
    Problem::error(
        Code::Bibliography,
        format!(
            "the work `{key}` links to `{shown}`: links must start with https://, http:// or mailto:"
        ),
    )
    .at(source, written(source, located, key, url))
    .with_label("not an http(s) or mailto link")
    .with_note("the editions would publish it as a link readers can follow (`javascript:` runs a script)")
    .with_hint("give the work's web address (https://…), or remove the `url`")
}

/// Where the link is written in the work's entry (its scheme, as written,
/// in any case), else the work's key.
fn written(
    source: &Arc<Source>,
    located: &Located,
    key: &str,
    url: &str,
) -> std::ops::Range<usize> {
    let scheme = format!("{}:", url.split(':').next().unwrap_or(url));
    let found = located.entry(key).and_then(|entry| {
        // Schemes are ASCII, and lowercase in `url`: the entry is searched
        // once, lowercased (the same length, so offsets hold).
        let text = source.text.get(entry.clone())?.to_ascii_lowercase();
        let at = text.find(&scheme)?;
        Some(entry.start + at..entry.start + at + scheme.len())
    });
    found.unwrap_or_else(|| located.key(key))
}
