//! `report.toml` as serde reads it: every value with its span, unknown
//! keys refused (with a "did you mean" hint).

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Problem, Problems, Result, Source};
use crate::project::MANIFEST_FILE;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawManifest {
    pub report: RawReport,
    #[serde(default)]
    pub pdf: RawPdf,
    #[serde(default)]
    pub parallel: RawParallel,
    #[serde(default)]
    pub check: super::typography::RawCheck,
    #[serde(default)]
    pub print: super::print::RawPrint,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParallel {
    pub pairs: Option<Vec<Spanned<Vec<Spanned<String>>>>>,
    pub layout: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawReport {
    pub name: Spanned<String>,
    pub source_language: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub template: Spanned<String>,
    #[serde(default)]
    pub data: Vec<Spanned<String>>,
    pub typst: Spanned<String>,
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub formats: Option<Vec<Spanned<String>>>,
    pub stylesheet: Option<Spanned<String>>,
    pub fonts: Option<Spanned<String>>,
    pub bibliography: Option<Spanned<String>>,
    pub citation_style: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPdf {
    pub standards: Option<Vec<Spanned<String>>>,
}

/// Reads the TOML; a syntax error, a wrong type or an unknown key is one
/// located problem with a hint.
pub(super) fn parse(source: &Arc<Source>) -> Result<RawManifest> {
    toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim_end().to_owned();
        let problem = Problem::error(
            Code::Manifest,
            format!("invalid `{MANIFEST_FILE}`: {message}"),
        )
        .at(source, span);
        let hint = match unknown_key_hint(&message) {
            Some(hint) => hint,
            None if message.starts_with("missing field") => {
                "the [report] table needs name, source-language, languages, template and typst"
                    .to_owned()
            }
            None => {
                "README.md (Project layout) shows every key of report.toml and its type".to_owned()
            }
        };
        Problems::from(problem.with_hint(hint))
    })
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a
/// "did you mean" hint.
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::suggest::closest(unknown, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("known keys: {}", candidates.join(", "))),
    }
}
