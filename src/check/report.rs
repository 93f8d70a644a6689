//! What a check found: the findings in a stable order, and one summary of
//! translation progress per language.
//!
//! Commands never count findings themselves: [`Report`] answers how many
//! errors, warnings and infos there are, so `check`, `doctor` and the exit
//! codes agree.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Serialize;

use crate::check::compare::Counts;
use crate::diagnostic::{Code, Problem, Problems, Severity};
use crate::l10n::Catalog;
use crate::project::{Language, Project};

/// What a check found, and the figures per language.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Every finding, sorted by file and position.
    pub findings: Vec<Problem>,
    /// One summary per language, in manifest order (none for
    /// [`crate::check::Scope::Errors`]).
    pub summaries: Vec<Summary>,
    /// The typography fixes `report check --fix` may apply, one per
    /// finding that has one.
    pub fixes: Vec<crate::check::Fix>,
}

/// Translation progress and findings of one language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Summary {
    /// BCP 47 tag.
    pub language: String,
    /// Whether this is the source language.
    pub source: bool,
    /// Messages in the source language.
    pub messages: usize,
    /// Of those, how many this language has.
    pub translated: usize,
    /// Of those, how many it lacks.
    pub missing: usize,
    /// Messages this language has that the source does not.
    pub obsolete: usize,
    /// Translated messages identical to the source.
    pub unchanged: usize,
    /// `translated / messages`, in percent, rounded down to one decimal.
    pub percent: f64,
    /// Words in this language's messages and terms (as pocount counts them).
    pub words: usize,
    /// Words of the source messages this language lacks.
    pub missing_words: usize,
    /// Errors about this language.
    pub errors: usize,
    /// Warnings about this language.
    pub warnings: usize,
}

impl Report {
    /// The findings, sorted, without summaries.
    pub(crate) fn new(findings: Problems) -> Self {
        let mut findings = findings.into_vec();
        // Stable: findings at one place keep the order the checks found them
        // in. Keys borrow from the findings: nothing is allocated to sort.
        findings.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        Self {
            findings,
            summaries: Vec::new(),
            fixes: Vec::new(),
        }
    }

    /// The report with the typography fixes its findings carry.
    pub(super) fn with_fixes(mut self, fixes: Vec<crate::check::Fix>) -> Self {
        self.fixes = fixes;
        self
    }

    /// The findings, sorted, and a summary for each language of the project
    /// that has a catalog. `counts` holds each translation's comparison
    /// with the source; the source language counts as fully translated.
    pub(super) fn with_summaries(
        findings: Problems,
        project: &Project,
        catalogs: &IndexMap<String, Catalog>,
        counts: &BTreeMap<String, Counts>,
    ) -> Self {
        let mut report = Self::new(findings);
        let source_tag = &project.manifest.source_language.tag;
        let total = catalogs
            .get(source_tag)
            .map_or(0, |source| source.messages().count());
        report.summaries = project
            .manifest
            .languages
            .iter()
            .filter_map(|language| {
                let catalog = catalogs.get(&language.tag)?;
                let counts = counts.get(&language.tag).cloned().unwrap_or(Counts {
                    translated: total,
                    ..Counts::default()
                });
                Some(report.summary(language, catalog, total, &counts, source_tag))
            })
            .collect();
        report
    }

    fn summary(
        &self,
        language: &Language,
        catalog: &Catalog,
        total: usize,
        counts: &Counts,
        source_tag: &str,
    ) -> Summary {
        let about = |severity: Severity| {
            self.findings
                .iter()
                .filter(|f| f.severity == severity && f.language.as_deref() == Some(&language.tag))
                .count()
        };
        Summary {
            language: language.tag.clone(),
            source: language.tag == source_tag,
            messages: total,
            translated: counts.translated,
            missing: counts.missing,
            obsolete: counts.obsolete,
            unchanged: counts.unchanged,
            percent: percent(counts.translated, total),
            words: catalog.entries.values().map(|e| e.words).sum(),
            missing_words: counts.missing_words,
            errors: about(Severity::Error),
            warnings: about(Severity::Warning),
        }
    }

    /// Keeps only the findings and summaries about `languages`; findings
    /// about no language in particular (the manifest, the data) stay.
    pub(crate) fn retain_languages(&mut self, languages: &[Language]) {
        let keep = |tag: &str| languages.iter().any(|l| l.tag == tag);
        self.findings
            .retain(|f| f.language.as_deref().is_none_or(keep));
        self.summaries.retain(|s| keep(&s.language));
        self.fixes.retain(|fix| keep(&fix.language));
    }

    /// How many findings have this severity.
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Number of errors.
    pub(crate) fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub(crate) fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Number of infos (translations identical to their source).
    pub(crate) fn info_count(&self) -> usize {
        self.count(Severity::Info)
    }

    /// How many findings have this code.
    pub(crate) fn count_code(&self, code: Code) -> usize {
        self.findings.iter().filter(|f| f.code == code).count()
    }
}

/// `part / total` in percent, rounded down to one decimal (so 99.99% is
/// never shown as 100%); an empty source is complete.
fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        100.0
    } else {
        (part as f64 * 1000.0 / total as f64).floor() / 10.0
    }
}

/// Findings are listed by file and position, then language and code.
fn sort_key(problem: &Problem) -> (&Path, usize, &str, &'static str) {
    let (path, start) = match &problem.location {
        Some(location) => (location.source.path.as_path(), location.span.start),
        None => (Path::new(""), 0),
    };
    (
        path,
        start,
        problem.language.as_deref().unwrap_or_default(),
        problem.code.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down() {
        assert_eq!(percent(0, 0), 100.0);
        assert_eq!(percent(9999, 10000), 99.9);
        assert_eq!(percent(15, 17), 88.2);
    }

    #[test]
    fn counts_by_severity() {
        let info = Problem {
            severity: Severity::Info,
            ..Problem::warning(Code::Unchanged, "same")
        };
        let report = Report::new(Problems::from(vec![
            Problem::error(Code::Syntax, "a"),
            Problem::warning(Code::StaleTranslation, "b"),
            Problem::warning(Code::EmptyValue, "c"),
            info,
        ]));
        assert_eq!(report.error_count(), 1);
        assert_eq!(report.warning_count(), 2);
        assert_eq!(report.info_count(), 1);
        assert_eq!(report.count_code(Code::StaleTranslation), 1);
    }
}
