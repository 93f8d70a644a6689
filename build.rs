//! Build script: the characters that the fonts Typst embeds can show.
//!
//! `report check` finds characters that no font of the PDF editions has
//! (src/check/fonts.rs). `report` runs Typst 0.15.1 without system fonts, so
//! those fonts are Typst's own, which the `typst-assets` crate of the same
//! version ships. Rather than carry their 10 MB in the binary, their `cmap`
//! tables are read here, once, into sorted ranges of code points (a few
//! kilobytes), written to `$OUT_DIR/typst_fonts.rs`.
//!
//! The four faces of Libertinus Serif (Typst's default text font, under the
//! SIL Open Font License) are also copied to `$OUT_DIR`: `report` serves
//! them with its web pages, so that they look like the PDFs.

use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "src/check/cmap.rs"]
mod cmap;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/check/cmap.rs");
    let mut code_points = Vec::new();
    for font in typst_assets::fonts() {
        cmap::for_each_mapped_code_point(font, |code_point| code_points.push(code_point));
    }
    code_points.sort_unstable();
    code_points.dedup();
    let mut out = String::from(
        "/// The code points Typst's embedded fonts map to a glyph: sorted,\n\
         /// disjoint, inclusive ranges (made by build.rs from typst-assets).\n\
         pub(super) const TYPST_FONTS: &[(u32, u32)] = &[\n",
    );
    for (first, last) in ranges(&code_points) {
        let _ = writeln!(out, "    (0x{first:X}, 0x{last:X}),");
    }
    out.push_str("];\n");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("typst_fonts.rs"), out).expect("write typst_fonts.rs");
    // typst-assets 0.15.1 (pinned) lists Libertinus Serif's faces first.
    let faces = ["Regular", "Bold", "Italic", "BoldItalic"];
    for (face, font) in faces.iter().zip(typst_assets::fonts()) {
        let name = format!("LibertinusSerif-{face}");
        assert!(
            font.windows(name.len()).any(|w| w == name.as_bytes()),
            "typst-assets no longer lists {name} here"
        );
        std::fs::write(dir.join(format!("{name}.otf")), font).expect("write a font");
    }
}

/// Sorted, distinct code points as inclusive ranges of consecutive ones.
fn ranges(code_points: &[u32]) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &code_point in code_points {
        match ranges.last_mut() {
            Some((_, last)) if *last + 1 == code_point => *last = code_point,
            _ => ranges.push((code_point, code_point)),
        }
    }
    ranges
}
