//! report's template library, shipped with `report` itself: templates
//! import `/build/.report/report-0.1.0.typ` instead of keeping a copy, so
//! that upgrading `report` brings the library's fixes to every project.
//!
//! The library (`src/document/library.typ` in this repository) is compiled
//! into `report` and written under the project's `build/.report/` before
//! any edition renders (and by `report resolve`), beside the documents it
//! reads. It is a project file there, not a Typst package: a package
//! cannot read the project's files, and the library reads the resolved
//! documents by path. It is written under every version of its line up to
//! its own (`report-0.1.0.typ` … `report-0.1.<patch>.typ`), so a template
//! that asks for an earlier patch gets this one: a patch only fixes.
//! Unchanged files are not rewritten (Typst's watch and the cache would
//! see a change).

use crate::diagnostic::Result;
use crate::project::Project;

/// The library's source, as this `report` ships it: the units and text
/// (`library.typ`), then the charts (`library_chart.typ`).
pub(crate) const LIBRARY: &str = concat!(
    include_str!("library.typ"),
    include_str!("library_chart.typ")
);

/// The library's version: `report`'s own.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Writes the library under every version of its line up to this one.
pub(crate) fn write(project: &Project) -> Result<()> {
    for version in line_versions(VERSION) {
        let path = project.layout.library(&version);
        project.output.write_if_changed(&path, LIBRARY.as_bytes())?;
    }
    Ok(())
}

/// `0.1.0` … `X.Y.Z`: the versions of `version`'s line up to it.
fn line_versions(version: &str) -> Vec<String> {
    let mut parts = version.splitn(3, '.');
    let (major, minor) = (parts.next().unwrap_or("0"), parts.next().unwrap_or("0"));
    let patch: u32 = parts
        .next()
        .and_then(|p| p.split(['-', '+']).next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    (0..=patch)
        .map(|p| format!("{major}.{minor}.{p}"))
        .collect()
}

/// Whether `text` (a template file) is a copy of report's library: it
/// reads report's document input and defines the unit layouts.
pub(crate) fn is_copy(text: &str) -> bool {
    text.contains("sys.inputs.at(\"report-data\")") && text.contains("#let render-units(")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_line_is_every_patch_up_to_this_one() {
        assert_eq!(line_versions("0.1.0"), ["0.1.0"]);
        assert_eq!(line_versions("1.4.2"), ["1.4.0", "1.4.1", "1.4.2"]);
        assert_eq!(line_versions("2.0.1-beta.1"), ["2.0.0", "2.0.1"]);
    }

    #[test]
    fn the_sample_and_the_starter_template_import_this_version() {
        let import = format!(
            "#import \"{}\"",
            crate::project::BuildLayout::library_for_typst(VERSION)
        );
        for (name, template) in [
            (
                "templates/report.typ",
                include_str!("../../templates/report.typ"),
            ),
            (
                "src/init/template.typ",
                include_str!("../init/template.typ"),
            ),
        ] {
            assert!(template.contains(&import), "{name} does not {import}");
        }
    }

    #[test]
    fn the_shipped_library_is_recognised_as_one() {
        assert!(is_copy(LIBRARY));
        assert!(!is_copy(
            "#import \"/build/.report/report-0.1.0.typ\": doc\n"
        ));
    }
}
