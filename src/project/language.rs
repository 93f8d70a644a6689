//! Edition languages: BCP 47 tags checked once, when the manifest is read.

use unic_langid::LanguageIdentifier;

/// One edition language: its BCP 47 tag and the parsed identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language {
    /// The tag as written (also the name of its `locales/` directory).
    pub tag: String,
    /// The parsed identifier.
    pub id: LanguageIdentifier,
}

impl Language {
    /// Whether the language is written right to left (its script's
    /// direction, as unic-langid knows it: Arabic, Hebrew, Persian, Urdu…).
    pub fn is_rtl(&self) -> bool {
        self.id.character_direction() == unic_langid::CharacterDirection::RTL
    }

    /// Parses a BCP 47 tag, extensions (`-u-nu-latn`, `-x-pirate`)
    /// included. The tag must be written in canonical form, since it also
    /// names the language's directory and its files.
    pub fn parse(tag: &str) -> std::result::Result<Self, String> {
        let locale = icu::locale::Locale::try_from_str(tag).map_err(|e| {
            // A tag written the POSIX way (`pt_BR`) is close enough to say
            // what it should be.
            match tag.parse::<LanguageIdentifier>() {
                Ok(id) => format!("`{tag}` is not written in canonical form (expected `{id}`)"),
                Err(_) => format!("`{tag}` is not a BCP 47 language tag ({e})"),
            }
        })?;
        let canonical = locale.to_string();
        if canonical != tag {
            return Err(format!(
                "`{tag}` is not written in canonical form (expected `{canonical}`)"
            ));
        }
        // Fluent identifies languages without extensions.
        let id: LanguageIdentifier = locale
            .id
            .to_string()
            .parse()
            .map_err(|e| format!("`{tag}` is not a language Fluent knows ({e})"))?;
        Ok(Self {
            tag: tag.to_owned(),
            id,
        })
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.tag)
    }
}

/// Two languages set side by side in a parallel edition, left column first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParallelPair {
    /// The left column (or left-hand pages).
    pub left: Language,
    /// The right column (or right-hand pages).
    pub right: Language,
}

impl ParallelPair {
    /// Whether `language` is one of the pair.
    pub fn contains(&self, language: &Language) -> bool {
        &self.left == language || &self.right == language
    }

    /// Both languages, left first.
    pub fn languages(&self) -> [&Language; 2] {
        [&self.left, &self.right]
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn tags_with_extensions_are_languages() {
        for tag in [
            "es",
            "es-MX",
            "es-419",
            "en-x-pirate",
            "es-u-nu-latn",
            "sr-Latn-RS",
        ] {
            let language = Language::parse(tag).unwrap_or_else(|e| panic!("{tag}: {e}"));
            assert_eq!(language.tag, tag);
        }
        assert_eq!(
            Language::parse("en-x-pirate").map(|l| l.id.to_string()),
            Ok("en".to_owned())
        );
        assert!(Language::parse("xx_YY!").is_err());
        assert_eq!(
            Language::parse("EN-us"),
            Err("`EN-us` is not written in canonical form (expected `en-US`)".to_owned())
        );
    }
}
