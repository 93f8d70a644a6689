//! `bibliography` and `citation-style` in `report.toml`: the works the
//! report cites (one language-neutral file, Hayagriva YAML or BibTeX, which
//! every edition formats in its own language) and the CSL style, one of
//! those Typst ships.

use crate::project::ProjectPath;

use hayagriva::archive::ArchivedStyle;
use toml::Spanned;

use super::checks::Checker;
use crate::diagnostic::Code;

/// The style used when `citation-style` is not set: author–date citations
/// with a reference list, the usual choice of reports in the social
/// sciences.
pub(crate) const DEFAULT_CITATION_STYLE: &str = "chicago-author-date";

/// The report's bibliography.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bibliography {
    /// The file, relative to the project root.
    pub path: ProjectPath,
    /// Its format, from the extension.
    pub format: BibliographyFormat,
    /// A CSL style name Typst ships (`chicago-author-date`).
    pub style: String,
}

/// The formats of a bibliography file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BibliographyFormat {
    /// Hayagriva YAML (`.yml`, `.yaml`).
    Hayagriva,
    /// BibLaTeX or BibTeX (`.bib`).
    Bibtex,
}

impl Checker<'_> {
    /// The bibliography and its style; a style without a bibliography, a
    /// file of another kind or an unknown style is an error.
    pub(super) fn bibliography(
        &mut self,
        path: Option<&Spanned<String>>,
        style: Option<&Spanned<String>>,
    ) -> Option<Bibliography> {
        let Some(path) = path else {
            if let Some(style) = style {
                self.error(
                    Code::Manifest,
                    "`citation-style` is set, but there is no `bibliography`",
                    style,
                    "add `bibliography = \"data/sources.yml\"` (or .bib), or remove `citation-style`",
                );
            }
            return None;
        };
        let file = self.file(path)?;
        let format = match file.extension().and_then(|e| e.to_str()) {
            Some("yml" | "yaml") => BibliographyFormat::Hayagriva,
            Some("bib") => BibliographyFormat::Bibtex,
            _ => {
                self.error(
                    Code::Manifest,
                    format!(
                        "`{}` is not a bibliography file Typst reads",
                        path.get_ref()
                    ),
                    path,
                    "use Hayagriva YAML (.yml, .yaml) or BibTeX (.bib)",
                );
                return None;
            }
        };
        let style = match style {
            None => DEFAULT_CITATION_STYLE.to_owned(),
            Some(style) if ArchivedStyle::by_name(style.get_ref()).is_some() => {
                style.get_ref().clone()
            }
            Some(style) => {
                let names = ArchivedStyle::all()
                    .iter()
                    .flat_map(|s| s.names().iter().copied());
                let hint = crate::suggest::closest(style.get_ref(), names).map_or_else(
                    || "use a style Typst ships, such as \"chicago-author-date\", \"apa\" or \"chicago-notes\"".to_owned(),
                    |best| format!("did you mean \"{best}\"?"),
                );
                self.error(
                    Code::Manifest,
                    format!("unknown citation style `{}`", style.get_ref()),
                    style,
                    hint,
                );
                return None;
            }
        };
        Some(Bibliography {
            path: file,
            format,
            style,
        })
    }
}
