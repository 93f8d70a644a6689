//! What a print edition is made to: the trim size, the bleed, crop marks,
//! the page multiple of the binding, facing-page margins, the colour
//! profile of the press and the safe margin preflight keeps text inside.
//! Lengths are read from strings with units ("3mm", "0.125in") so that
//! `report.toml` says what a printer's spec sheet says.

use crate::project::ProjectPath;
use std::fmt;

/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;

/// A length in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Length(pub f64);

impl Length {
    /// `mm` millimetres.
    pub const fn mm(mm: f64) -> Self {
        Self(mm)
    }

    /// The length in millimetres.
    pub fn in_mm(self) -> f64 {
        self.0
    }

    /// The length in PDF points (1/72 in).
    pub fn in_pt(self) -> f64 {
        self.0 * PT_PER_MM
    }

    /// `pt` PDF points.
    pub fn pt(pt: f64) -> Self {
        Self(pt / PT_PER_MM)
    }

    /// Reads "3mm", "0.3 cm", "0.125in", "9pt"; a number needs a unit.
    pub fn parse(text: &str) -> Result<Self, LengthError> {
        let text = text.trim();
        // The unit is the run of letters at the end ("1e3mm" is 1e3 mm).
        let number = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let unit = &text[number.len()..];
        let value: f64 = number.trim().parse().map_err(|_| LengthError::NotALength)?;
        let per_mm = match unit.to_ascii_lowercase().as_str() {
            "mm" => 1.0,
            "cm" => 10.0,
            "in" => 25.4,
            "pt" => 1.0 / PT_PER_MM,
            "" => return Err(LengthError::NoUnit),
            _ => return Err(LengthError::UnknownUnit(unit.to_owned())),
        };
        if !value.is_finite() {
            return Err(LengthError::NotALength);
        }
        if value < 0.0 {
            return Err(LengthError::Negative);
        }
        Ok(Self(value * per_mm))
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = (self.0 * 100.0).round() / 100.0;
        write!(f, "{rounded} mm")
    }
}

/// Why a length could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LengthError {
    /// Not a number followed by a unit.
    NotALength,
    /// A number without a unit.
    NoUnit,
    /// A unit other than mm, cm, in and pt.
    UnknownUnit(String),
    /// Less than zero.
    Negative,
}

impl fmt::Display for LengthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LengthError::NotALength => f.write_str("is not a length"),
            LengthError::NoUnit => f.write_str("has no unit"),
            LengthError::UnknownUnit(unit) => write!(f, "has an unknown unit `{unit}`"),
            LengthError::Negative => f.write_str("is negative"),
        }
    }
}

/// The size of the finished, trimmed page.
#[derive(Debug, Clone, PartialEq)]
pub struct TrimSize {
    /// The name it was given (`A5`, `170mm x 240mm`).
    pub name: String,
    /// Width.
    pub width: Length,
    /// Height.
    pub height: Length,
}

/// The trim sizes known by name, in millimetres (ISO 216 and US sizes).
pub(crate) const NAMED_TRIMS: &[(&str, f64, f64)] = &[
    ("A3", 297.0, 420.0),
    ("A4", 210.0, 297.0),
    ("A5", 148.0, 210.0),
    ("A6", 105.0, 148.0),
    ("B5", 176.0, 250.0),
    ("letter", 215.9, 279.4),
    ("legal", 215.9, 355.6),
];

impl TrimSize {
    /// A named size (any case) or `<width> x <height>` with units.
    pub fn parse(text: &str) -> Result<Self, TrimError> {
        let trimmed = text.trim();
        if let Some((name, w, h)) = NAMED_TRIMS
            .iter()
            .find(|(name, ..)| name.eq_ignore_ascii_case(trimmed))
        {
            return Ok(Self {
                name: (*name).to_owned(),
                width: Length::mm(*w),
                height: Length::mm(*h),
            });
        }
        let Some((w, h)) = trimmed
            .split_once(" x ")
            .or_else(|| trimmed.split_once('×'))
            .or_else(|| {
                trimmed
                    .split_once('x')
                    .filter(|(w, _)| w.ends_with(char::is_alphabetic))
            })
        else {
            return Err(TrimError::Unknown);
        };
        let side = |t: &str| Length::parse(t).map_err(TrimError::Side);
        let (width, height) = (side(w)?, side(h)?);
        if width.in_mm() < 10.0 || height.in_mm() < 10.0 {
            return Err(TrimError::TooSmall);
        }
        if width.in_mm() > 5000.0 || height.in_mm() > 5000.0 {
            return Err(TrimError::TooLarge);
        }
        Ok(Self {
            name: trimmed.to_owned(),
            width,
            height,
        })
    }
}

/// Why a trim size could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrimError {
    /// Neither a known name nor `<width> x <height>`.
    Unknown,
    /// A side is not a length.
    Side(LengthError),
    /// Under 10 mm a side.
    TooSmall,
    /// Over 5 m a side (PDF pages stop at 200 in).
    TooLarge,
}

/// Inner and outer margins of facing pages (the inner one at the spine).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FacingMargins {
    /// The margin at the binding.
    pub inner: Length,
    /// The margin at the fore-edge.
    pub outer: Length,
}

/// Where the output intent's ICC profile comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    /// The CMYK profile `report` carries (CGATS TR 001, derived from a
    /// CC0 characterisation).
    BuiltIn,
    /// A printer's own profile, relative to the project root.
    File(ProjectPath),
}

/// Everything `[print]` says, with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintSettings {
    /// The finished page.
    pub trim: TrimSize,
    /// How far artwork may run past the trim.
    pub bleed: Length,
    /// Crop and registration marks and the slug line, outside the bleed.
    pub marks: bool,
    /// Blank pages are added at the end up to a multiple of this.
    pub page_multiple: u32,
    /// Facing-page margins; `None` keeps the template's.
    pub facing: Option<FacingMargins>,
    /// The output intent's profile.
    pub profile: ProfileSource,
    /// Preflight warns about text closer than this to the trim.
    pub safe_margin: Length,
}

/// The bleed when `[print] bleed` is not set.
pub(crate) const DEFAULT_BLEED: Length = Length::mm(3.0);
/// The safe margin when `[print] safe-margin` is not set.
pub(crate) const DEFAULT_SAFE_MARGIN: Length = Length::mm(5.0);
/// The page multiple when `[print] page-multiple` is not set: one sheet
/// folded for a booklet holds four pages.
pub(crate) const DEFAULT_PAGE_MULTIPLE: u32 = 4;
/// How far the marks area reaches past the bleed when marks are on: crop
/// marks, registration targets and the slug line live there.
pub(crate) const MARK_AREA: Length = Length::mm(12.0);

impl Default for PrintSettings {
    fn default() -> Self {
        Self {
            trim: TrimSize::parse("A4").expect("A4 is a named trim"),
            bleed: DEFAULT_BLEED,
            marks: true,
            page_multiple: DEFAULT_PAGE_MULTIPLE,
            facing: None,
            profile: ProfileSource::BuiltIn,
            safe_margin: DEFAULT_SAFE_MARGIN,
        }
    }
}

impl PrintSettings {
    /// The area for marks past the bleed on every side (none without marks).
    pub fn mark_area(&self) -> Length {
        if self.marks {
            MARK_AREA
        } else {
            Length::mm(0.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_need_a_known_unit_and_no_sign() {
        assert_eq!(Length::parse("3mm"), Ok(Length::mm(3.0)));
        assert_eq!(Length::parse(" 0.5 cm "), Ok(Length::mm(5.0)));
        assert!((Length::parse("0.125in").expect("inches").in_mm() - 3.175).abs() < 1e-9);
        assert!((Length::parse("72pt").expect("points").in_mm() - 25.4).abs() < 1e-9);
        assert_eq!(Length::parse("-3mm"), Err(LengthError::Negative));
        assert_eq!(
            Length::parse("3 parsecs"),
            Err(LengthError::UnknownUnit("parsecs".into()))
        );
        assert_eq!(Length::parse("3"), Err(LengthError::NoUnit));
        assert_eq!(Length::parse("mm"), Err(LengthError::NotALength));
        assert_eq!(Length::parse("1e1mm"), Ok(Length::mm(10.0)));
        assert_eq!(Length::parse("3MM"), Ok(Length::mm(3.0)));
        assert_eq!(Length::parse("nan mm"), Err(LengthError::NotALength));
        assert_eq!(Length::parse("inf mm"), Err(LengthError::NotALength));
    }

    #[test]
    fn trims_by_name_or_size() {
        let a5 = TrimSize::parse("a5").expect("named");
        assert_eq!(
            (a5.name.as_str(), a5.width, a5.height),
            ("A5", Length::mm(148.0), Length::mm(210.0))
        );
        let custom = TrimSize::parse("170mm x 240mm").expect("custom");
        assert_eq!(
            (custom.width, custom.height),
            (Length::mm(170.0), Length::mm(240.0))
        );
        let tight = TrimSize::parse("6inx9in").expect("no spaces");
        assert!((tight.height.in_mm() - 228.6).abs() < 1e-9);
        assert_eq!(TrimSize::parse("A7"), Err(TrimError::Unknown));
        assert_eq!(TrimSize::parse("1mm x 1mm"), Err(TrimError::TooSmall));
        assert_eq!(
            TrimSize::parse("170 x 240mm"),
            Err(TrimError::Side(LengthError::NoUnit))
        );
    }
}
