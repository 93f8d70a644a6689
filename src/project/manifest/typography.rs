//! `[check.typography]` in report.toml: which typography rules
//! `report check` applies, and the quotes Spanish text uses.
//!
//! Every rule is on unless the table turns it off; the rules themselves
//! live in `check/typography.rs`.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Problem};

/// The typography rules `report check` applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypographyRules {
    /// Straight quotes (`"`, and `'` in English) where typographic ones belong.
    pub quotes: bool,
    /// The quotes Spanish text uses: `«»` (the default) or `“”`.
    pub spanish_quotes: [char; 2],
    /// `...` where `…` belongs.
    pub ellipsis: bool,
    /// Spanish: a no-break space between a number and `%`.
    pub percent_space: bool,
    /// Spanish: `¿…?` and `¡…!` in pairs.
    pub inverted_marks: bool,
    /// A space before `,`, `.`, `;`, `:`, `?`, `!` or `)`.
    pub space_before_punctuation: bool,
    /// Spanish: a thousands point in a four-digit number (`2.022`).
    pub four_digit_point: bool,
    /// English: two spaces in a row.
    pub double_space: bool,
}

impl Default for TypographyRules {
    fn default() -> Self {
        Self {
            quotes: true,
            spanish_quotes: ['«', '»'],
            ellipsis: true,
            percent_space: true,
            inverted_marks: true,
            space_before_punctuation: true,
            four_digit_point: true,
            double_space: true,
        }
    }
}

/// `[check]` as serde reads it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCheck {
    #[serde(default)]
    pub typography: RawTypography,
}

/// `[check.typography]` as serde reads it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawTypography {
    pub quotes: Option<bool>,
    pub spanish_quotes: Option<Spanned<String>>,
    pub ellipsis: Option<bool>,
    pub percent_space: Option<bool>,
    pub inverted_marks: Option<bool>,
    pub space_before_punctuation: Option<bool>,
    pub four_digit_point: Option<bool>,
    pub double_space: Option<bool>,
}

impl RawTypography {
    /// The rules, or the problem with `spanish-quotes` (with its span).
    pub(super) fn rules(&self) -> Result<TypographyRules, Box<(Problem, std::ops::Range<usize>)>> {
        let on = |value: Option<bool>| value.unwrap_or(true);
        let spanish_quotes = match &self.spanish_quotes {
            None => ['«', '»'],
            Some(quotes) => match quotes.get_ref().as_str() {
                "«»" => ['«', '»'],
                "“”" => ['“', '”'],
                other => {
                    let problem = Problem::error(
                        Code::Manifest,
                        format!("`spanish-quotes` cannot be \"{other}\""),
                    )
                    .with_hint("write \"«»\" (the default) or \"“”\"");
                    return Err(Box::new((problem, quotes.span())));
                }
            },
        };
        Ok(TypographyRules {
            quotes: on(self.quotes),
            spanish_quotes,
            ellipsis: on(self.ellipsis),
            percent_space: on(self.percent_space),
            inverted_marks: on(self.inverted_marks),
            space_before_punctuation: on(self.space_before_punctuation),
            four_digit_point: on(self.four_digit_point),
            double_space: on(self.double_space),
        })
    }
}
