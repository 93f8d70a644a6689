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
    /// Parses a BCP 47 tag.
    pub fn parse(tag: &str) -> std::result::Result<Self, String> {
        let id: LanguageIdentifier = tag
            .parse()
            .map_err(|e| format!("`{tag}` is not a BCP 47 language tag ({e})"))?;
        let canonical = id.to_string();
        if canonical != tag {
            return Err(format!(
                "`{tag}` is not written in canonical form (expected `{canonical}`)"
            ));
        }
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
