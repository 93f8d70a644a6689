//! "Did you mean …?" suggestions for mistyped keys, ids and language tags.

/// The longest text a suggestion is looked for (in bytes): a typo is in a
/// name or an id, and comparing a megabyte-long one with every candidate
/// would take seconds.
const MAX_WANTED: usize = 256;

/// The candidate closest to `wanted`, if it is close enough to be a likely
/// typo (Jaro–Winkler similarity of at least 0.8).
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if wanted.len() > MAX_WANTED {
        return None;
    }
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(wanted, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_the_likely_typo() {
        assert_eq!(closest("nmae", ["name", "template", "data"]), Some("name"));
        assert_eq!(
            closest("report-titel", ["report-title", "summary"]),
            Some("report-title")
        );
        assert_eq!(closest("zzz", ["name", "template"]), None);
        let long = format!("name{}", "x".repeat(super::MAX_WANTED));
        assert_eq!(closest(&long, ["name"]), None);
    }
}
