//! The fonts of the web pages: Libertinus Serif, Typst's default text font
//! and so the PDFs', served with the pages so that they look like the PDFs
//! (a browser would otherwise fall back to a system serif).
//!
//! Its four faces (regular, bold, italic, bold italic; SIL Open Font
//! License, whose notice each file carries in its `name` table) are built
//! into `report` (see build.rs) and written to `build/fonts/` whenever web
//! pages are rendered; report's own style ([`super::html::BASE_STYLE`])
//! declares them with `@font-face`. Every page is one directory below
//! `build/` (`es/index.html`, `parallel/<name>.es-en.html`), so they are
//! at `../fonts/`.

use crate::diagnostic::Result;
use crate::project::Project;

/// One face: its file name and its bytes.
struct Face {
    file: &'static str,
    bytes: &'static [u8],
}

macro_rules! face {
    ($name:literal) => {
        Face {
            file: concat!($name, ".otf"),
            bytes: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".otf")),
        }
    };
}

const FACES: [Face; 4] = [
    face!("LibertinusSerif-Regular"),
    face!("LibertinusSerif-Bold"),
    face!("LibertinusSerif-Italic"),
    face!("LibertinusSerif-BoldItalic"),
];

/// The `@font-face` rules for the faces, as the pages reach them.
pub(crate) const FONT_FACES: &str = "\
@font-face { font-family: \"Libertinus Serif\"; src: url(\"../fonts/LibertinusSerif-Regular.otf\") format(\"opentype\"); font-weight: 400; font-style: normal; font-display: swap; }
@font-face { font-family: \"Libertinus Serif\"; src: url(\"../fonts/LibertinusSerif-Bold.otf\") format(\"opentype\"); font-weight: 700; font-style: normal; font-display: swap; }
@font-face { font-family: \"Libertinus Serif\"; src: url(\"../fonts/LibertinusSerif-Italic.otf\") format(\"opentype\"); font-weight: 400; font-style: italic; font-display: swap; }
@font-face { font-family: \"Libertinus Serif\"; src: url(\"../fonts/LibertinusSerif-BoldItalic.otf\") format(\"opentype\"); font-weight: 700; font-style: italic; font-display: swap; }
";

/// Writes the faces to `build/fonts/` (each only when it differs).
pub(crate) fn write(project: &Project) -> Result<()> {
    let dir = project.layout.fonts_dir();
    for face in &FACES {
        project
            .output
            .write_if_changed(&dir.join(face.file), face.bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_declared_and_carries_its_licence_notice() {
        for face in &FACES {
            assert!(FONT_FACES.contains(face.file), "{}", face.file);
            // The name table's licence description (UTF-16BE).
            let ofl: Vec<u8> = "Open Font License"
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect();
            assert!(
                face.bytes.windows(ofl.len()).any(|w| w == ofl.as_slice()),
                "{} carries no OFL notice",
                face.file
            );
        }
    }
}
