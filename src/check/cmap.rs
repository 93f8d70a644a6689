//! Which characters a font file can show: every code point its Unicode
//! `cmap` subtables map to a real glyph (not `.notdef`), in each font of a
//! collection. One reading for the build script (Typst's own fonts, see
//! build.rs) and for `report check` (the project's fonts), so both agree.

/// Calls `visit` with every code point `data` (a font file) maps to a
/// glyph; a file that does not parse yields nothing, as Typst skips it.
pub(super) fn for_each_mapped_code_point(data: &[u8], mut visit: impl FnMut(u32)) {
    let faces = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    for index in 0..faces {
        let Ok(face) = ttf_parser::Face::parse(data, index) else {
            continue;
        };
        let Some(cmap) = face.tables().cmap else {
            continue;
        };
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|code_point| {
                if subtable.glyph_index(code_point).is_some_and(|g| g.0 != 0) {
                    visit(code_point);
                }
            });
        }
    }
}
