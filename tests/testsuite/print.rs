//! Print editions read back with real tools: `pdfinfo -box` per page,
//! pikepdf (qpdf) for the PDF/X structure, LittleCMS (Pillow's ImageCms) on
//! the embedded output profile, `pdffonts`, and pages rasterised by
//! `pdftoppm` to see where ink falls; preflight's findings on a fixture
//! built to have them; located errors for bad `[print]` settings.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{Project, pdf_fonts, pdf_info, python_venv, repo_root};

const ES: &str = "build/print/print-fixture.es.pdf";
const EN: &str = "build/print/print-fixture.en.pdf";

/// Points per millimetre.
const PT: f64 = 72.0 / 25.4;
/// A5 with 3 mm of bleed and 12 mm of marks on each side, in points.
const TRIM: (f64, f64) = (148.0 * PT, 210.0 * PT);
const BLEED: f64 = 3.0 * PT;
const MARKS: f64 = 12.0 * PT;

/// The `print` fixture (with report's own template library).
fn print_project() -> Project {
    Project::fixture("print")
}

/// The fixture rendered.
fn rendered() -> (Project, String) {
    let project = print_project();
    let run = project.report(&["render"]).success();
    (project, run.stderr)
}

/// pikepdf and Pillow, pinned in tests/print/requirements.txt.
fn pdfx_report(path: &Path) -> Value {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let python =
        PYTHON.get_or_init(|| python_venv("print-clients", "tests/print/requirements.txt"));
    let output = Command::new(python)
        .arg(repo_root().join("tests/print/pdfx.py"))
        .arg(path)
        .output()
        .expect("run pdfx.py");
    assert!(
        output.status.success(),
        "pdfx.py failed on {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("pdfx.py prints JSON")
}

/// `pdfinfo -box` for every page: each box of each page, in points.
fn page_boxes(path: &Path, pages: usize) -> Vec<std::collections::HashMap<String, [f64; 4]>> {
    let output = Command::new("pdfinfo")
        .args(["-box", "-f", "1", "-l", &pages.to_string()])
        .arg(path)
        .output()
        .expect("pdfinfo");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut boxes = vec![std::collections::HashMap::new(); pages];
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("Page") else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let (Some(number), Some(name)) = (words.next(), words.next()) else {
            continue;
        };
        let Some(name) = name.strip_suffix(':').filter(|n| n.ends_with("Box")) else {
            continue;
        };
        let numbers: Vec<f64> = words.filter_map(|w| w.parse().ok()).collect();
        let page: usize = number.parse().expect("page number");
        boxes[page - 1].insert(name.to_owned(), numbers.try_into().expect("four numbers"));
    }
    boxes
}

#[track_caller]
fn assert_box(found: [f64; 4], expected: [f64; 4], what: &str) {
    for (f, e) in found.iter().zip(expected) {
        assert!(
            (f - e).abs() < 0.02,
            "{what}: {found:?}, expected {expected:?}"
        );
    }
}

#[test]
fn print_editions_have_the_boxes_the_page_multiple_and_the_pdfx_keys() {
    let (project, _) = rendered();
    for pdf in [ES, EN] {
        let path = project.path(pdf);
        let info = pdf_info(&path);
        let pages: usize = info["Pages"].parse().expect("page count");
        assert_eq!(pages, 4, "3 pages of content padded to page-multiple 4");
        assert_eq!(info["PDF version"], "1.6");
        let media = [
            0.0,
            0.0,
            TRIM.0 + 2.0 * (BLEED + MARKS),
            TRIM.1 + 2.0 * (BLEED + MARKS),
        ];
        let margin = BLEED + MARKS;
        for (n, page) in page_boxes(&path, pages).into_iter().enumerate() {
            let what = |b: &str| format!("{pdf} page {} {b}", n + 1);
            assert_box(page["MediaBox"], media, &what("MediaBox"));
            assert_box(
                page["TrimBox"],
                [margin, margin, margin + TRIM.0, margin + TRIM.1],
                &what("TrimBox"),
            );
            assert_box(
                page["BleedBox"],
                [MARKS, MARKS, media[2] - MARKS, media[3] - MARKS],
                &what("BleedBox"),
            );
        }
        let fonts = pdf_fonts(&path);
        assert!(!fonts.is_empty());
        assert!(fonts.iter().all(|(_, embedded)| *embedded), "{fonts:?}");

        let report = pdfx_report(&path);
        assert_eq!(report["version"], "1.6");
        let intents = report["intents"].as_array().expect("intents");
        assert_eq!(intents.len(), 1, "{report}");
        let intent = &intents[0];
        assert_eq!(intent["S"], "/GTS_PDFX");
        assert_eq!(intent["OutputConditionIdentifier"], "CGATS TR 001");
        assert_eq!(intent["RegistryName"], "http://www.color.org");
        assert_eq!(intent["N"], 4);
        // LittleCMS reads the embedded profile as a CMYK output profile
        // and maps paper white to no ink.
        let profile = &intent["profile"];
        assert_eq!(profile["class"], "prtr", "{profile}");
        assert_eq!(profile["space"], "CMYK");
        assert_eq!(profile["cmyk"]["white"], serde_json::json!([0, 0, 0, 0]));
        let black: u64 = profile["cmyk"]["black"]
            .as_array()
            .expect("black")
            .iter()
            .filter_map(Value::as_u64)
            .sum();
        assert!(black <= 255 * 3, "total ink of black ≤ 300 %: {profile}");
        assert_eq!(report["info"]["GTS_PDFXVersion"], "PDF/X-4");
        assert_eq!(report["info"]["Trapped"], "/False");
        assert_eq!(report["info"]["ModDate"], report["info"]["CreationDate"]);
        assert_eq!(report["xmp"]["pdfx_version"], "PDF/X-4");
        assert_eq!(report["xmp"]["trapped"], "False");
        assert!(
            report["xmp"]["document_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("uuid:"))
        );
        assert_eq!(report["annotations"], 0);
        // PDF/X-4 with a CMYK intent: no device RGB anywhere (Typst's colours
        // are ICC-based; the marks are CMYK).
        let spaces = report["device_spaces"].as_array().expect("spaces");
        assert!(!spaces.iter().any(|s| s == "DeviceRGB"), "{spaces:?}");
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    let es = pdfx_report(&project.path(ES));
    assert_eq!(es["info"]["Title"], "Informe de prueba");
    assert_eq!(es["xmp"]["language"], serde_json::json!(["es"]));
}

/// A page rasterised at 72 dpi (one pixel a point), grey, top row first.
struct Raster {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Raster {
    fn of(path: &Path, page: usize, dir: &Path) -> Self {
        let prefix = dir.join(format!("page-{page}"));
        let status = Command::new("pdftoppm")
            .args([
                "-gray",
                "-r",
                "72",
                "-singlefile",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
            ])
            .arg(path)
            .arg(&prefix)
            .status()
            .expect("pdftoppm");
        assert!(status.success());
        let data = fs::read(prefix.with_extension("pgm")).expect("read pgm");
        // "P5\n<w> <h>\n255\n" then the pixels.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while data[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !data[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
        }
        let (width, height) = (
            fields[1].parse().expect("width"),
            fields[2].parse().expect("height"),
        );
        Self {
            width,
            height,
            pixels: data[at + 1..].to_vec(),
        }
    }

    /// Whether there is ink at PDF point (x, y) (y from the bottom).
    fn inked(&self, x: f64, y: f64) -> bool {
        let (col, row) = (
            x.round() as usize,
            (self.height as f64 - y).round() as usize,
        );
        col < self.width && row < self.height && self.pixels[row * self.width + col] < 200
    }

    /// Inked pixels inside the box `[x0 y0 x1 y1]` (PDF points).
    fn ink_in(&self, b: [f64; 4]) -> usize {
        let mut count = 0;
        let mut y = b[1];
        while y < b[3] {
            let mut x = b[0];
            while x < b[2] {
                count += usize::from(self.inked(x, y));
                x += 1.0;
            }
            y += 1.0;
        }
        count
    }
}

#[test]
fn marks_and_slug_lie_outside_the_bleed_and_the_cover_runs_into_it() {
    let (project, _) = rendered();
    let path = project.path(ES);
    let dir = tempfile::tempdir().expect("tempdir");
    let (w, h) = (
        TRIM.0 + 2.0 * (BLEED + MARKS),
        TRIM.1 + 2.0 * (BLEED + MARKS),
    );
    let trim = [
        BLEED + MARKS,
        BLEED + MARKS,
        w - BLEED - MARKS,
        h - BLEED - MARKS,
    ];
    let bleed = [MARKS, MARKS, w - MARKS, h - MARKS];

    // A text page: no ink between the trim and the bleed edge (nothing of
    // the page runs out); outside the bleed only the marks and the slug.
    let text_page = Raster::of(&path, 2, dir.path());
    assert!(
        text_page.width.abs_diff(w.round() as usize) <= 1
            && text_page.height.abs_diff(h.round() as usize) <= 1,
        "the page is the media box"
    );
    let band = |outer: [f64; 4], inner: [f64; 4]| {
        // The four strips between two nested boxes, 1.5 pt clear of each.
        [
            [
                outer[0] + 1.5,
                outer[1] + 1.5,
                inner[0] - 1.5,
                outer[3] - 1.5,
            ],
            [
                inner[2] + 1.5,
                outer[1] + 1.5,
                outer[2] - 1.5,
                outer[3] - 1.5,
            ],
            [inner[0], outer[1] + 1.5, inner[2], inner[1] - 1.5],
            [inner[0], inner[3] + 1.5, inner[2], outer[3] - 1.5],
        ]
    };
    for strip in band(bleed, trim) {
        assert_eq!(
            text_page.ink_in(strip),
            0,
            "ink in the bleed of a text page at {strip:?}"
        );
    }
    // Crop marks at each corner: horizontal and vertical lines in the mark
    // area, lined up with the trim's edges.
    for (x, y, sx, sy) in [
        (trim[0], trim[1], -1.0, -1.0),
        (trim[2], trim[1], 1.0, -1.0),
        (trim[0], trim[3], -1.0, 1.0),
        (trim[2], trim[3], 1.0, 1.0),
    ] {
        let horizontal = [x + sx * (BLEED + 2.0 * PT), y];
        let vertical = [x, y + sy * (BLEED + 2.0 * PT)];
        assert!(
            (-1..=1).any(|d| text_page.inked(horizontal[0], horizontal[1] + f64::from(d))),
            "no crop mark along the trim's edge near ({x:.0}, {y:.0})"
        );
        assert!(
            (-1..=1).any(|d| text_page.inked(vertical[0] + f64::from(d), vertical[1])),
            "no crop mark along the trim's side near ({x:.0}, {y:.0})"
        );
        // The corner itself, inside the bleed, stays clean.
        assert!(!text_page.inked(x + sx * BLEED / 2.0, y + sy * BLEED / 2.0));
    }
    // Ink outside the bleed exists only in the mark area, and there is some.
    let outside: usize = band([0.0, 0.0, w, h], bleed)
        .iter()
        .map(|s| text_page.ink_in(*s))
        .sum();
    assert!(outside > 40, "marks and slug: {outside} inked pixels");
    // The slug line: report, language, date and page, under the trim.
    let bbox = Command::new("pdftotext")
        .args(["-bbox", "-f", "2", "-l", "2"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext -bbox");
    let html = String::from_utf8_lossy(&bbox.stdout);
    let slug = html
        .lines()
        .find(|l| l.contains(">print-fixture<"))
        .expect("the slug names the report");
    let y_max: f64 = slug
        .split("yMax=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|v| v.parse().ok())
        .expect("yMax");
    assert!(
        y_max > h - trim[1] + BLEED,
        "slug at {y_max}, below the trim and its bleed"
    );
    assert!(
        html.contains(">2024-03-05<") && html.contains(">es<"),
        "{html}"
    );

    // The cover: its colour fills the bleed on every side and stops there.
    let cover = Raster::of(&path, 1, dir.path());
    for (x, y) in [
        (w / 4.0, MARKS + BLEED / 2.0),
        (w / 4.0, h - MARKS - BLEED / 2.0),
        (MARKS + BLEED / 2.0, h / 4.0),
        (w - MARKS - BLEED / 2.0, h / 4.0),
    ] {
        assert!(
            cover.inked(x, y),
            "the cover's colour reaches the bleed at ({x:.0}, {y:.0})"
        );
    }
    for (x, y) in [
        (w / 4.0, MARKS - 3.0),
        (w / 4.0, h - MARKS + 3.0),
        (MARKS - 3.0, h / 4.0),
        (w - MARKS + 3.0, h / 4.0),
    ] {
        assert!(
            !cover.inked(x, y),
            "the cover's colour runs past the bleed at ({x:.0}, {y:.0})"
        );
    }
}

#[test]
fn preflight_finds_the_low_resolution_image_the_hairline_and_text_near_the_trim() {
    let (project, stderr) = rendered();
    for (code, text) in [
        (
            "warning[low-resolution]",
            "build/print/print-fixture.es.pdf: page 3: the image `figures/lowres.png` is 25 ppi at its printed size (a press needs 300)",
        ),
        (
            "warning[thin-line]",
            "build/print/print-fixture.es.pdf: page 3: 1 line thinner than 0.25 pt (thinnest 0.100 pt)",
        ),
        (
            "warning[near-trim]",
            "build/print/print-fixture.es.pdf: page 3: 1 line of text within 5.0 mm of the trim",
        ),
    ] {
        assert!(
            stderr.contains(&format!("{code}: {text}")),
            "{code} {text}\n{stderr}"
        );
    }
    assert!(
        stderr.contains("use a file of at least 709 × 473 px"),
        "{stderr}"
    );
    // Nothing on the clean pages: the findings are page 3's only.
    assert!(
        !stderr.contains("page 1:") && !stderr.contains("page 2:"),
        "{stderr}"
    );

    // `report preflight` finds the same, as check's JSON; warnings alone
    // exit 0, unless denied.
    let run = project
        .report(&["preflight", "--output-format", "json"])
        .success();
    let json: Value = serde_json::from_str(&run.stdout).expect("json");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "low-resolution").count(),
        2,
        "one per edition: {codes:?}"
    );
    for code in ["thin-line", "near-trim"] {
        assert!(codes.contains(&code), "{codes:?}");
    }
    project
        .report(&["preflight", "--deny", "warnings"])
        .failure(1);
    let one = project.report(&["preflight", EN]).success();
    assert!(
        one.stderr
            .contains("preflight: 1 file(s), 0 error(s), 3 warning(s)"),
        "{}",
        one.stderr
    );

    // The screen PDF is not PDF/X, and preflight says why.
    let screen = Project::fixture("minimal");
    screen.report(&["render", "--format", "pdf"]).success();
    let pdf = fs::read_dir(screen.path("build"))
        .expect("build")
        .flatten()
        .flat_map(|d| fs::read_dir(d.path()).into_iter().flatten().flatten())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a screen PDF");
    let refused = screen
        .report(&["preflight", pdf.to_str().expect("utf-8 path")])
        .failure(1);
    for expected in [
        "error[pdfx]",
        "there is no GTS_PDFX output intent",
        "no TrimBox on page",
    ] {
        assert!(
            refused.stderr.contains(expected),
            "{expected}\n{}",
            refused.stderr
        );
    }
}

#[test]
fn the_sample_renders_its_print_editions_clean() {
    let project = Project::sample();
    let run = project
        .report(&["render", "--format", "print,parallel"])
        .success();
    for (pdf, language) in [
        (
            "build/print/cuba-putin-ally.es.pdf",
            "Cuba, el aliado preferido de Putin",
        ),
        (
            "build/print/cuba-putin-ally.en.pdf",
            "Cuba, Putin’s preferred ally",
        ),
        (
            "build/print/cuba-putin-ally.es-en.pdf",
            "Cuba, Putin’s preferred ally",
        ),
    ] {
        let path = project.path(pdf);
        let info = pdf_info(&path);
        let pages: usize = info["Pages"].parse().expect("pages");
        assert_eq!(pages % 4, 0, "{pdf}: {pages} pages");
        assert!(crate::support::pdf_text(&path).contains(language), "{pdf}");
        let first = &page_boxes(&path, 1)[0];
        let trim = first["TrimBox"];
        assert!(
            ((trim[2] - trim[0]) / PT - 170.0).abs() < 0.05,
            "{pdf}: {trim:?}"
        );
        assert!(
            ((trim[3] - trim[1]) / PT - 240.0).abs() < 0.05,
            "{pdf}: {trim:?}"
        );
    }
    assert!(
        !run.stderr.contains("warning["),
        "the sample preflights clean:\n{}",
        run.stderr
    );
    // Facing pages in print: Spanish on the left-hand (even) pages.
    let spread =
        crate::support::pdf_page_text(&project.path("build/print/cuba-putin-ally.es-en.pdf"), 4);
    assert!(spread.contains("Resumen"), "{spread}");
    let right =
        crate::support::pdf_page_text(&project.path("build/print/cuba-putin-ally.es-en.pdf"), 5);
    assert!(right.contains("Summary"), "{right}");
    project
        .report(&["preflight", "--deny", "warnings"])
        .success();
}

#[test]
fn print_editions_are_the_same_bytes_every_time() {
    let (project, _) = rendered();
    let first = project.bytes(ES);
    project.report(&["render", "--force"]).success();
    assert!(
        first == project.bytes(ES),
        "a second render changed the bytes"
    );
}

#[test]
fn bad_print_settings_are_located_errors_with_hints() {
    let cases = [
        (
            "trim = \"A5\"",
            "trim = \"A7\"",
            "unknown trim size `A7`",
            "use A3, A4, A5, A6, B5, letter, legal or a size such as",
        ),
        (
            "bleed = \"3mm\"",
            "bleed = \"-3mm\"",
            "`bleed` is negative: `-3mm`",
            "with its unit",
        ),
        (
            "bleed = \"3mm\"",
            "bleed = \"3 parsecs\"",
            "`bleed` has an unknown unit `parsecs`",
            "\"3mm\"",
        ),
        (
            "bleed = \"3mm\"",
            "bleed = \"30mm\"",
            "more than a printer trims away",
            "3 to 5 mm",
        ),
        (
            "trim = \"A5\"",
            "trim = \"170 x 240mm\"",
            "a side has no unit",
            "\"170mm x 240mm\"",
        ),
        (
            "facing = { inner = \"20mm\", outer = \"12mm\" }",
            "facing = { inner = \"20mm\" }",
            "`facing` needs both `inner` and `outer`",
            "the inner margin is at the spine",
        ),
        (
            "facing = { inner = \"20mm\", outer = \"12mm\" }",
            "facing = { inner = \"70mm\", outer = \"70mm\" }",
            "leave 8 mm of a 148 mm page for text",
            "at least 20 mm",
        ),
        (
            "trim = \"A5\"",
            "trim = \"0.1in x 0.1in\"",
            "is under 10 mm a side",
            "check the numbers and units",
        ),
        (
            "page-multiple = 4",
            "page-multiple = 0",
            "`page-multiple` must be from 1 to 64",
            "folded booklet",
        ),
        (
            "trim = \"A5\"",
            "trim = \"A5\"\nprofile = \"profiles/press.icc\"",
            "`profiles/press.icc` does not exist",
            "relative to the directory",
        ),
    ];
    for (from, to, message, hint) in cases {
        let project = print_project();
        project.replace("report.toml", from, to);
        let run = project.report(&["render"]).failure(1);
        assert!(
            run.stderr.contains(message),
            "{to}: {message}\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(hint), "{to}: {hint}\n{}", run.stderr);
        let key = to.lines().last().unwrap_or_default();
        let line = project
            .read("report.toml")
            .lines()
            .position(|l| l == key)
            .map(|i| i + 1)
            .expect("the changed line");
        assert!(
            run.stderr.contains(&format!("report.toml:{line}:")),
            "{to}: located at line {line}\n{}",
            run.stderr
        );
        assert!(
            !project.path("build/print").exists(),
            "{to}: nothing rendered"
        );
    }
    // A profile that is not a CMYK output profile.
    let project = print_project();
    let mut rgb = built_in_profile();
    rgb[16..20].copy_from_slice(b"RGB ");
    use_profile(&project, "profiles/screen.icc", &rgb);
    let run = project.report(&["render"]).failure(1);
    assert!(
        run.stderr
            .contains("the profile `profiles/screen.icc` describes RGB colour, not CMYK"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("report.toml:15:11"), "{}", run.stderr);
}

/// The profile `report` carries.
fn built_in_profile() -> Vec<u8> {
    fs::read(repo_root().join("assets/icc/report-cmyk.icc")).expect("profile")
}

/// Writes `bytes` to `path` in the project and names it in `[print]`.
fn use_profile(project: &Project, path: &str, bytes: &[u8]) {
    fs::create_dir_all(project.path(path).parent().expect("a directory")).expect("dir");
    fs::write(project.path(path), bytes).expect("write the profile");
    project.replace(
        "report.toml",
        "trim = \"A5\"",
        &format!("trim = \"A5\"\nprofile = \"{path}\""),
    );
}

#[test]
fn a_printers_own_profile_is_embedded_as_it_is() {
    let project = print_project();
    let mut profile = built_in_profile();
    // The same tables under another description: a stand-in for a print
    // shop's profile.
    let at = profile
        .windows(10)
        .position(|w| w == b"report CMY")
        .expect("description");
    profile[at..at + 10].copy_from_slice(b"Press 2026");
    use_profile(&project, "profiles/press.icc", &profile);
    project.report(&["render"]).success();
    let report = pdfx_report(&project.path(ES));
    let intent = &report["intents"][0];
    assert!(
        intent["OutputConditionIdentifier"]
            .as_str()
            .is_some_and(|c| c.starts_with("Press 2026")),
        "{intent}"
    );
    assert_eq!(intent["profile_bytes"], profile.len());
}

#[test]
fn a_failed_pdfx_step_leaves_the_previous_edition_as_it_was() {
    let (project, _) = rendered();
    let before = project.bytes(ES);
    // A template that sets its own A4 pages: Typst's PDF is not at the trim
    // size, so it cannot be made PDF/X.
    project.replace(
        "templates/main.typ",
        "#set page(..page-setup(paper: \"a4\", margin: (x: 2cm, y: 2.5cm)))",
        "#set page(paper: \"a4\")\n#msg(\"body\")",
    );
    let run = project.report(&["render", "--lang", "es"]).failure(1);
    assert!(
        run.stderr
            .contains("error[pdfx]: failed to make the print edition PDF/X"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("not the print page of 178.0 × 240.0 mm"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("page-setup(...)"), "{}", run.stderr);
    assert!(
        before == project.bytes(ES),
        "the previous edition is untouched"
    );
    let leftovers: Vec<_> = fs::read_dir(project.path("build/print"))
        .expect("print dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn without_marks_the_sheet_is_the_page_and_its_bleed() {
    let project = print_project();
    project.replace(
        "report.toml",
        "page-multiple = 4",
        "page-multiple = 2\nmarks = false\ntrim = \"6in x 9in\"",
    );
    project.replace("report.toml", "trim = \"A5\"\n", "");
    project.report(&["render", "--lang", "en"]).success();
    let path = project.path(EN);
    let info = pdf_info(&path);
    assert_eq!(info["Pages"], "4", "3 pages padded to a multiple of 2");
    let (w, h) = (6.0 * 72.0, 9.0 * 72.0);
    let page = &page_boxes(&path, 1)[0];
    assert_box(
        page["MediaBox"],
        [0.0, 0.0, w + 2.0 * BLEED, h + 2.0 * BLEED],
        "MediaBox",
    );
    assert_box(page["BleedBox"], page["MediaBox"], "BleedBox");
    assert_box(
        page["TrimBox"],
        [BLEED, BLEED, BLEED + w, BLEED + h],
        "TrimBox",
    );
    // No marks, no slug: nothing outside the trim of a text page.
    let dir = tempfile::tempdir().expect("tempdir");
    let text_page = Raster::of(&path, 2, dir.path());
    let outside = [
        [0.0, 0.0, BLEED - 1.0, h + 2.0 * BLEED],
        [w + BLEED + 1.0, 0.0, w + 2.0 * BLEED, h + 2.0 * BLEED],
        [0.0, 0.0, w + 2.0 * BLEED, BLEED - 1.0],
        [0.0, h + BLEED + 1.0, w + 2.0 * BLEED, h + 2.0 * BLEED],
    ];
    for strip in outside {
        assert_eq!(text_page.ink_in(strip), 0, "ink at {strip:?}");
    }
    assert!(!crate::support::pdf_page_text(&path, 2).contains("print-fixture"));
}

#[test]
fn preflight_refuses_encrypted_and_damaged_files_and_names_images_from_any_directory() {
    let (project, _) = rendered();
    let edition = project.path(ES);
    let encrypted = project.path("locked.pdf");
    let status = Command::new("qpdf")
        .args(["--encrypt", "", "owner", "256", "--"])
        .arg(&edition)
        .arg(&encrypted)
        .status()
        .expect("qpdf");
    assert!(status.success());
    let run = project.report(&["preflight", "locked.pdf"]).failure(1);
    assert!(
        run.stderr
            .contains("error[pdfx]: locked.pdf: the file is encrypted, which PDF/X does not allow"),
        "{}",
        run.stderr
    );
    let bytes = project.bytes(ES);
    fs::write(project.path("cut.pdf"), &bytes[..bytes.len() * 9 / 10]).expect("write");
    let run = project.report(&["preflight", "cut.pdf"]).failure(1);
    assert!(
        run.stderr.contains("cut.pdf: the file is damaged"),
        "{}",
        run.stderr
    );
    // Given from inside build/, the edition's image is still named.
    let output = crate::support::report_command()
        .current_dir(project.path("build/print"))
        .args(["preflight", "print-fixture.es.pdf"])
        .output()
        .expect("report preflight");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("build/print/print-fixture.es.pdf: page 3: the image `figures/lowres.png`"),
        "{stderr}"
    );
}

#[test]
fn a_page_with_its_own_foreground_is_counted_and_reported_without_marks() {
    let project = print_project();
    project.replace(
        "templates/main.typ",
        "// Page 2: text well inside the margins, nothing else.\n#msg(\"body\")",
        "// Page 2: text well inside the margins, nothing else.\n#page(foreground: place(top + right, [FG]))[#msg(\"body\")]",
    );
    let run = project.report(&["render", "--lang", "es"]).success();
    assert_eq!(
        pdf_info(&project.path(ES))["Pages"],
        "4",
        "the page still counts"
    );
    assert!(
        run.stderr.contains(
            "warning[missing-marks]: build/print/print-fixture.es.pdf: no crop marks on page 2"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("print-foreground()"), "{}", run.stderr);
    // Composed with the helper, the marks are back.
    project.replace(
        "templates/main.typ",
        "#page(foreground: place(top + right, [FG]))",
        "#page(foreground: { print-foreground(); place(top + right, [FG]) })",
    );
    project.replace(
        "templates/main.typ",
        "page-setup, setup",
        "page-setup, print-foreground, setup",
    );
    let run = project.report(&["render", "--lang", "es"]).success();
    assert!(!run.stderr.contains("missing-marks"), "{}", run.stderr);
}

/// `pdf` with an incremental update appending `body` as object 999999.
fn with_object(pdf: &[u8], body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf);
    let after = |key: &str| {
        text.rfind(key)
            .map(|i| text[i + key.len()..].trim_start())
            .expect(key)
    };
    let reference = |key: &str| after(key).split('R').next().expect(key).trim().to_owned();
    let (root, info) = (reference("/Root"), reference("/Info"));
    let prev = after("startxref")
        .split_whitespace()
        .next()
        .expect("offset")
        .to_owned();
    let mut out = pdf.to_vec();
    out.push(b'\n');
    let at = out.len();
    out.extend_from_slice(b"999999 0 obj\n");
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f\r\n999999 1\n{at:010} 00000 n\r\ntrailer\n<< /Size 1000000 /Root {root} R /Info {info} R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

/// `report preflight FILE` in `project` with at most `kib` KiB of address
/// space: its exit code (`None` when a signal ended it) and stderr.
fn preflight_limited(project: &Project, file: &str, kib: u64) -> (Option<i32>, String) {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {kib} && exec \"$REPORT_BIN\" preflight \"$0\""
        ))
        .arg(file)
        .current_dir(project.path(""))
        .env("REPORT_BIN", env!("CARGO_BIN_EXE_report"))
        .env("NO_COLOR", "1")
        .env_remove("REPORT_PROJECT")
        .output()
        .expect("sh");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_file_built_to_exhaust_memory_is_refused_and_editions_read_under_the_same_limit() {
    // An edition plus one array of six million zeros: 12 MB that lopdf
    // would parse into more than a gigabyte (it aborted under this limit).
    const LIMIT_KIB: u64 = 1 << 20;
    let (project, _) = rendered();
    let array = format!("[{}]", "0 ".repeat(6_000_000));
    let hostile = with_object(&project.bytes(ES), array.as_bytes());
    fs::write(project.path("hostile.pdf"), &hostile).expect("write");
    let (code, stderr) = preflight_limited(&project, "hostile.pdf", LIMIT_KIB);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[pdfx]: hostile.pdf: the file holds more PDF values than preflight reads for its size")
            && stderr.contains("object 999999 0")
            && stderr.contains("hint: "),
        "{stderr}"
    );
    // The same update with a small array is read, and the edition's
    // findings are as before.
    let small = with_object(&project.bytes(ES), b"[0 0 0]");
    fs::write(project.path("small.pdf"), &small).expect("write");
    for file in [ES, "small.pdf"] {
        let (code, stderr) = preflight_limited(&project, file, LIMIT_KIB);
        assert_eq!(code, Some(0), "{file}: {stderr}");
        assert!(
            stderr.contains("preflight: 1 file(s), 0 error(s)"),
            "{file}: {stderr}"
        );
    }
}
