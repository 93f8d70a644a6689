//! "Did you mean …?" suggestions for mistyped keys, ids and language tags.

/// The candidate closest to `wanted`, if it is close enough to be a likely
/// typo (Jaro–Winkler similarity of at least 0.8).
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
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
    }
}
