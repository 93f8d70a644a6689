//! Links and e-mail addresses: a translation must point where its source
//! points. Both the addresses written in the text (found by `linkify`) and
//! the targets of markup links (`[text](https://…)`) count; a `mailto:`
//! link is its address. E-mail addresses are compared by their domain
//! (its last two labels): a translation may translate an example's name
//! (`yourname@example.com`, `tunombre@example.com`), not send mail
//! elsewhere.

use linkify::{LinkFinder, LinkKind};

use crate::check::parity::{Finding, Mismatch, Pair};
use crate::diagnostic::Code;

/// The links' finding for a pair, if they differ.
pub(super) fn compare<'a>(pair: &Pair<'a, '_>) -> Option<Finding<'a>> {
    let theirs = links(&pair.source.pieces);
    let ours = links(&pair.translation.pieces);
    let keys = |found: &[(String, String)]| {
        let mut keys: Vec<String> = found.iter().map(|(key, _)| key.clone()).collect();
        keys.dedup();
        keys
    };
    let mut mismatch = Mismatch::between(&keys(&theirs), &keys(&ours))?;
    // Name each one as written (`yourname@example.com`, not its domain).
    let shown = |key: &String, found: &[(String, String)]| {
        (found.iter())
            .find(|(k, _)| k == key)
            .map_or_else(|| key.clone(), |(_, written)| written.clone())
    };
    mismatch.missing = mismatch.missing.iter().map(|k| shown(k, &theirs)).collect();
    mismatch.extra = mismatch.extra.iter().map(|k| shown(k, &ours)).collect();
    let first_extra = mismatch.extra.first().map(String::as_str);
    Some(Finding {
        code: Code::LinkMismatch,
        message: mismatch.describe("link"),
        hint: "a translation links where its source does; if the page has a version in \
               this language, that is a deliberate change: update the source too",
        at: pair.locate(first_extra),
        source_text: pair.source.default(),
        translation_text: pair.translation.default(),
    })
}

/// Every link and e-mail address in the pieces, as (what is compared, as
/// written), sorted by the first.
fn links(pieces: &[&str]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = pieces
        .iter()
        .filter(|piece| may_have_links(piece))
        .flat_map(|piece| {
            finder().links(piece).map(|link| {
                let written = link
                    .as_str()
                    .trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
                let key = match link.kind() {
                    LinkKind::Email => address(written),
                    _ => written
                        .strip_prefix("mailto:")
                        .map_or_else(|| written.to_owned(), address),
                };
                (key, written.to_owned())
            })
        })
        .collect();
    found.sort();
    found
}

/// Whether `text` can hold a link (linkify wants a scheme, `https:` or
/// `mailto:`) or an address (`@`) at all: one pass over the bytes, where
/// linkify would read every character, and most text has neither.
pub(in crate::check) fn may_have_links(text: &str) -> bool {
    text.bytes().any(|b| b == b'@' || b == b':')
}

fn finder() -> LinkFinder {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url, LinkKind::Email]);
    finder
}

/// A link as compared: `mailto:` dropped, so that a markup link to an
/// address and the address written out agree.
fn address(link: &str) -> String {
    let link = link.strip_prefix("mailto:").unwrap_or(link);
    match link.rsplit_once('@') {
        Some((_, domain)) => {
            let domain = domain.trim_end_matches(|c: char| !c.is_alphanumeric());
            let labels: Vec<&str> = domain.rsplitn(3, '.').collect();
            let registrable = match labels.as_slice() {
                [top, second, ..] => format!("{second}.{top}"),
                _ => domain.to_owned(),
            };
            format!("@{}", registrable.to_lowercase())
        }
        None => link.to_owned(),
    }
}

/// `text` with every link and e-mail address blanked out (same length in
/// bytes, so offsets still point into `text`), so that the figures inside
/// them are not read as figures.
pub(super) fn without_links(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_have_links(text) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for link in finder().links(text) {
        out.push_str(&text[last..link.start()]);
        out.extend(std::iter::repeat_n(' ', link.as_str().len()));
        last = link.end();
    }
    out.push_str(&text[last..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_addresses_are_found_in_text_and_markup() {
        let keys =
            |text: &str| -> Vec<String> { links(&[text]).into_iter().map(|(k, _)| k).collect() };
        assert_eq!(
            keys("see [the report](https://example.org/r) or write to a@example.org"),
            ["@example.org", "https://example.org/r"]
        );
        assert_eq!(keys("[write](mailto:a@example.org)"), ["@example.org"]);
        assert_eq!(
            keys("“shop@custom.mozmail.com”"),
            keys("tienda@dominio.mozmail.com")
        );
        assert_eq!(links(&["“shop@x.org”"])[0].1, "shop@x.org");
        assert_ne!(
            keys("https://mastodon.social/@Alice"),
            keys("https://evil.example/@alice")
        );
        let blanked = without_links("2022: https://x.org/2021");
        assert_eq!(blanked.trim_end(), "2022:");
        assert_eq!(
            blanked.chars().count(),
            "2022: https://x.org/2021".chars().count()
        );
    }
}
