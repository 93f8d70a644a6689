//! `[print]` in `report.toml`: trim size, bleed, marks, page multiple,
//! facing margins, the output profile and the safe margin, each checked
//! where it is written (a located error with a hint) into
//! [`PrintSettings`].

use serde::Deserialize;
use toml::Spanned;

use super::checks::Checker;
use crate::diagnostic::Code;
use crate::project::ProjectPath;
use crate::project::print::settings::{
    DEFAULT_BLEED, DEFAULT_PAGE_MULTIPLE, DEFAULT_SAFE_MARGIN, FacingMargins, Length, NAMED_TRIMS,
    PrintSettings, ProfileSource, TrimError, TrimSize,
};
use crate::project::sandbox::ProjectFs;

/// `[print]` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawPrint {
    pub trim: Option<Spanned<String>>,
    pub bleed: Option<Spanned<String>>,
    pub marks: Option<bool>,
    pub page_multiple: Option<Spanned<i64>>,
    pub facing: Option<Spanned<RawFacing>>,
    pub profile: Option<Spanned<String>>,
    pub safe_margin: Option<Spanned<String>>,
}

/// `[print] facing = { inner = "20mm", outer = "14mm" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFacing {
    pub inner: Option<Spanned<String>>,
    pub outer: Option<Spanned<String>>,
}

/// The largest bleed accepted: printers ask for 3 to 5 mm; more is a typo.
const MAX_BLEED_MM: f64 = 25.0;

impl Checker<'_> {
    /// `[print]`, with defaults for what it does not say.
    pub(super) fn print(&mut self, raw: &RawPrint) -> PrintSettings {
        let defaults = PrintSettings::default();
        let trim = raw.trim.as_ref().and_then(|t| self.trim(t));
        let bleed = self.length(raw.bleed.as_ref(), "bleed", DEFAULT_BLEED);
        if bleed.in_mm() > MAX_BLEED_MM
            && let Some(at) = &raw.bleed
        {
            self.error(
                Code::Manifest,
                format!("a bleed of {bleed} is more than a printer trims away"),
                at,
                "printers ask for 3 to 5 mm (`bleed = \"3mm\"`)",
            );
        }
        let safe_margin = self.length(raw.safe_margin.as_ref(), "safe-margin", DEFAULT_SAFE_MARGIN);
        let trim = trim.unwrap_or(defaults.trim);
        let facing = raw.facing.as_ref().and_then(|f| self.facing(f, &trim));
        let page_multiple = match &raw.page_multiple {
            None => DEFAULT_PAGE_MULTIPLE,
            Some(n) => match u32::try_from(*n.get_ref()) {
                Ok(n @ 1..=64) => n,
                _ => {
                    self.error(
                        Code::Manifest,
                        format!("`page-multiple` must be from 1 to 64, not {}", n.get_ref()),
                        n,
                        "4 for a folded booklet, 2 for sheets printed on both sides, 1 for no blank pages",
                    );
                    DEFAULT_PAGE_MULTIPLE
                }
            },
        };
        let profile = match &raw.profile {
            None => ProfileSource::BuiltIn,
            Some(path) => self
                .profile(path)
                .map_or(ProfileSource::BuiltIn, ProfileSource::File),
        };
        PrintSettings {
            trim,
            bleed,
            marks: raw.marks.unwrap_or(defaults.marks),
            page_multiple,
            facing,
            profile,
            safe_margin,
        }
    }

    /// `facing = { inner = …, outer = … }`: both given, and leaving at
    /// least 2 cm of the page for text.
    fn facing(&mut self, facing: &Spanned<RawFacing>, trim: &TrimSize) -> Option<FacingMargins> {
        let raw = facing.get_ref();
        let (Some(inner), Some(outer)) = (&raw.inner, &raw.outer) else {
            self.error(
                Code::Manifest,
                "`facing` needs both `inner` and `outer`",
                facing,
                "write `facing = { inner = \"22mm\", outer = \"16mm\" }` (the inner margin is at the spine)",
            );
            return None;
        };
        let margins = FacingMargins {
            inner: self.length(Some(inner), "facing.inner", Length::mm(0.0)),
            outer: self.length(Some(outer), "facing.outer", Length::mm(0.0)),
        };
        let text = trim.width.in_mm() - margins.inner.in_mm() - margins.outer.in_mm();
        if text < 20.0 {
            self.error(
                Code::Manifest,
                format!(
                    "facing margins of {} and {} leave {:.0} mm of a {} page for text",
                    margins.inner,
                    margins.outer,
                    text.max(0.0),
                    trim.width
                ),
                facing,
                "the inner and outer margins together must leave at least 20 mm of the trim's width",
            );
            return None;
        }
        Some(margins)
    }

    fn trim(&mut self, trim: &Spanned<String>) -> Option<TrimSize> {
        let names = || NAMED_TRIMS.iter().map(|(name, ..)| *name);
        match TrimSize::parse(trim.get_ref()) {
            Ok(size) => Some(size),
            Err(error) => {
                let (message, hint) = match error {
                    TrimError::Unknown => (
                        format!("unknown trim size `{}`", trim.get_ref()),
                        crate::suggest::closest(trim.get_ref(), names()).map_or_else(
                            || {
                                format!(
                                    "use {} or a size such as \"170mm x 240mm\"",
                                    names().collect::<Vec<_>>().join(", ")
                                )
                            },
                            |best| {
                                format!(
                                    "did you mean \"{best}\"? (or a size such as \"170mm x 240mm\")"
                                )
                            },
                        ),
                    ),
                    TrimError::Side(e) => (
                        format!("trim size `{}`: a side {e}", trim.get_ref()),
                        "write both sides with units: \"170mm x 240mm\"".to_owned(),
                    ),
                    TrimError::TooSmall => (
                        format!("trim size `{}` is under 10 mm a side", trim.get_ref()),
                        "a printed page is at least 10 mm a side; check the numbers and units"
                            .to_owned(),
                    ),
                    TrimError::TooLarge => (
                        format!("trim size `{}` is over 5 m a side", trim.get_ref()),
                        "PDF pages stop at 5 m; check the units".to_owned(),
                    ),
                };
                self.error(Code::Manifest, message, trim, hint);
                None
            }
        }
    }

    fn length(&mut self, value: Option<&Spanned<String>>, key: &str, default: Length) -> Length {
        let Some(value) = value else { return default };
        Length::parse(value.get_ref()).unwrap_or_else(|e| {
            self.error(
                Code::Manifest,
                format!("`{key}` {e}: `{}`", value.get_ref()),
                value,
                "write a length of zero or more with its unit: \"3mm\", \"0.3cm\", \"0.125in\" or \"9pt\"",
            );
            default
        })
    }

    fn profile(&mut self, path: &Spanned<String>) -> Option<ProjectPath> {
        let file = self.file(path)?;
        let bytes = match ProjectFs::new(self.root()).read(&file) {
            Ok(bytes) => bytes,
            Err(found) => {
                let cause = found.iter().next().map(|p| p.message.clone());
                self.error(
                    Code::Manifest,
                    format!(
                        "failed to read the profile `{}` ({})",
                        path.get_ref(),
                        cause.unwrap_or_default()
                    ),
                    path,
                    "name an ICC profile file inside the project",
                );
                return None;
            }
        };
        match crate::project::print::profile::inspect(&bytes) {
            Ok(_) => Some(file),
            Err(what) => {
                self.error(
                    Code::Manifest,
                    format!("the profile `{}` {what}", path.get_ref()),
                    path,
                    "PDF/X needs the printer's CMYK output profile (ask the print shop for it), or leave `profile` out for the built-in CGATS TR 001 profile",
                );
                None
            }
        }
    }
}
