//! Which characters the PDF editions can show: those that some font given
//! to Typst has a glyph for.
//!
//! `report` runs Typst with `--ignore-system-fonts`, so Typst has exactly
//! the fonts it embeds (Typst 0.15.1's: the `typst-assets` crate of the
//! same version ships those very files) and the project's fonts directory
//! (`--font-path`). Typst falls back from the template's font to any font
//! that has the character, so a character shows if any of them has it.
//! One that none has is a blank box in the PDF, and with a PDF/A or PDF/UA
//! standard an error that names neither file nor message:
//! `PDF/A-2a, PDF/UA-1 error: the text "😀" could not be displayed with
//! font "Libertinus Serif"`.
//!
//! What Typst's fonts cover is read at build time (build.rs) into ranges of
//! code points; the project's fonts are read here, with `ttf-parser`, the
//! first time a character is not in Typst's.

use crate::project::sandbox::ProjectFs;
use crate::project::{Project, ProjectPath};
use std::collections::HashSet;

/// How deep the fonts directory is searched.
const MAX_DEPTH: usize = 16;

/// The fonts Typst is given for a project.
#[derive(Debug)]
pub(super) struct Fonts {
    /// The project's fonts directory, if it has one, and how to read it.
    dir: Option<(ProjectFs, ProjectPath)>,
    /// What its fonts cover, read on first need.
    project: Option<Coverage>,
}

impl Fonts {
    /// The fonts Typst will have for `project`.
    pub(super) fn new(project: &Project) -> Self {
        Self {
            dir: (project.manifest.fonts.clone()).map(|dir| (project.files.clone(), dir)),
            project: None,
        }
    }

    /// Typst's own fonts only, for tests.
    #[cfg(test)]
    pub(crate) fn new_without_project() -> Self {
        Self {
            dir: None,
            project: None,
        }
    }

    /// Whether some font has a glyph for `c`. The project's fonts are read
    /// the first time Typst's own do not have a character.
    pub(super) fn covers(&mut self, c: char) -> bool {
        if in_typst_fonts(c) {
            return true;
        }
        let dir = self.dir.as_ref();
        self.project
            .get_or_insert_with(|| Coverage::of_dir(dir))
            .contains(c)
    }
}

include!(concat!(env!("OUT_DIR"), "/typst_fonts.rs"));

/// Whether one of the fonts Typst embeds has a glyph for `c`.
fn in_typst_fonts(c: char) -> bool {
    let code_point = u32::from(c);
    let after = TYPST_FONTS.partition_point(|&(first, _)| first <= code_point);
    after > 0 && TYPST_FONTS[after - 1].1 >= code_point
}

/// A set of code points: a bitmap for the Basic Multilingual Plane, where
/// almost every lookup lands, and a hash set beyond it.
#[derive(Debug)]
struct Coverage {
    bmp: Vec<u64>,
    astral: HashSet<u32>,
}

impl Default for Coverage {
    fn default() -> Self {
        Self {
            bmp: vec![0; 0x1_0000 / 64],
            astral: HashSet::new(),
        }
    }
}

impl Coverage {
    fn insert(&mut self, code_point: u32) {
        match self.bmp.get_mut(code_point as usize / 64) {
            Some(word) => *word |= 1 << (code_point % 64),
            None => _ = self.astral.insert(code_point),
        }
    }

    fn contains(&self, c: char) -> bool {
        let code_point = u32::from(c);
        match self.bmp.get(code_point as usize / 64) {
            Some(word) => word & (1 << (code_point % 64)) != 0,
            None => self.astral.contains(&code_point),
        }
    }

    /// Adds every character a font file (or each font of a collection)
    /// maps to a real glyph. A file that does not parse adds nothing, as
    /// Typst skips it.
    fn add_font(&mut self, data: &[u8]) {
        super::cmap::for_each_mapped_code_point(data, |code_point| self.insert(code_point));
    }

    /// What the fonts under `dir` cover (none when there is no directory).
    fn of_dir(dir: Option<&(ProjectFs, ProjectPath)>) -> Self {
        let mut coverage = Self::default();
        let Some((files, dir)) = dir else {
            return coverage;
        };
        let mut fonts = Vec::new();
        font_files(files, dir, 0, &mut fonts);
        for font in fonts {
            // Typst skips a font it cannot read, and so does this (a link
            // out of the project is refused elsewhere, and not read here).
            if let Ok(data) = files.read(&font) {
                coverage.add_font(&data);
            }
        }
        coverage
    }
}

/// The font files under `dir`, as Typst finds them with `--font-path`
/// (`.ttf`, `.otf`, `.ttc` and `.otc`, in any case, in any subdirectory).
fn font_files(files: &ProjectFs, dir: &ProjectPath, depth: usize, out: &mut Vec<ProjectPath>) {
    let Ok(entries) = files.list(dir) else {
        return;
    };
    for (path, kind) in entries {
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                font_files(files, &path, depth + 1, out);
            }
            continue;
        }
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["ttf", "otf", "ttc", "otc"].contains(&extension.to_ascii_lowercase().as_str()) {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typst_fonts_cover_latin_greek_and_math_but_not_emoji() {
        for c in ['a', 'ñ', '€', '’', '—', 'Ω', 'ж', '∑'] {
            assert!(in_typst_fonts(c), "{c:?}");
        }
        for c in ['😀', '中', '\u{0}'] {
            assert!(!in_typst_fonts(c), "{c:?}");
        }
    }

    /// The ranges made at build time are what reading Typst's fonts gives.
    #[test]
    fn the_build_time_ranges_are_typst_fonts_coverage() {
        let mut coverage = Coverage::default();
        for font in typst_assets::fonts() {
            coverage.add_font(font);
        }
        let mut covered = 0;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(in_typst_fonts(c), coverage.contains(c), "{c:?}");
            covered += usize::from(coverage.contains(c));
        }
        assert!(covered > 5_000, "{covered}");
    }

    #[test]
    fn the_project_fonts_are_read_when_needed() {
        use std::fs;
        let dir = tempfile::tempdir().expect("temp dir");
        let nested = dir.path().join("fonts/a/b");
        fs::create_dir_all(&nested).expect("dirs");
        // Any font will do: one of Typst's own, under a project name.
        let font = typst_assets::fonts().last().expect("a font");
        fs::write(nested.join("Mono.TTF"), font).expect("write font");
        fs::write(dir.path().join("fonts/notes.txt"), "not a font").expect("write");
        let project = (ProjectFs::new(dir.path()), ProjectPath::for_test("fonts"));
        let mut files = Vec::new();
        font_files(&project.0, &project.1, 0, &mut files);
        assert_eq!(files, [ProjectPath::for_test("fonts/a/b/Mono.TTF")]);
        let mut none = Coverage::default();
        none.add_font(b"not a font");
        assert!(!none.contains('a'));
        assert!(Coverage::of_dir(Some(&project)).contains('a'));
    }
}
