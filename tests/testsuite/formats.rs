//! Locale-correct figures and injection-proof text, checked in the rendered
//! PDF and HTML of the `formats` fixture (en, es, es-MX).

use std::collections::HashMap;

use crate::support::{Project, pdf_text};

/// Renders the fixture once and returns, per language, each case's text as
/// the PDF shows it (`key: text` lines) and the HTML edition.
fn rendered() -> (Project, HashMap<&'static str, HashMap<String, String>>) {
    let project = Project::fixture("formats");
    project.report(&["render"]).success();
    let mut cases = HashMap::new();
    for lang in ["en", "es", "es-MX"] {
        let text = pdf_text(&project.path(&format!("build/{lang}/formats.pdf")));
        let lines = text
            .lines()
            .filter_map(|line| line.split_once(": "))
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        cases.insert(lang, lines);
    }
    (project, cases)
}

#[test]
fn numbers_money_percentages_and_dates_follow_each_locale() {
    let (_project, cases) = rendered();
    // pdftotext shows CLDR's no-break spaces as plain spaces.
    let expected: &[(&str, [&str; 3])] = &[
        ("decimal", ["1,234,567.9", "1.234.567,9", "1,234,567.9"]),
        ("bare-4", ["1,234", "1234", "1,234"]),
        ("bare-5", ["12,345", "12.345", "12,345"]),
        ("percent", ["25%", "25 %", "25%"]),
        (
            "currency",
            ["$322,000,000.00", "322.000.000,00 US$", "US$322,000,000.00"],
        ),
        ("compact", ["322 million", "322 millones", "322 millones"]),
        (
            "compact-currency",
            ["$322 million", "322 millones US$", "US$322 millones"],
        ),
        (
            "date-long",
            [
                "February 28, 2022",
                "28 de febrero de 2022",
                "28 de febrero de 2022",
            ],
        ),
        (
            "month-year",
            ["February 2022", "febrero de 2022", "febrero de 2022"],
        ),
        (
            "date-bare",
            ["March 2, 2022", "2 de marzo de 2022", "2 de marzo de 2022"],
        ),
        ("plural-1", ["one", "one", "one"]),
        ("plural-2", ["other", "other", "other"]),
        ("plural-1000000", ["other", "many", "many"]),
        (
            "json-date",
            [
                "September 15, 2022",
                "15 de septiembre de 2022",
                "15 de septiembre de 2022",
            ],
        ),
        ("json-number", ["2.8", "2,8", "2.8"]),
    ];
    let mut failures = Vec::new();
    for (key, values) in expected {
        for (lang, want) in ["en", "es", "es-MX"].iter().zip(values) {
            let got = cases[lang].get(*key).map(String::as_str);
            if got != Some(*want) {
                failures.push(format!("{lang} {key}: expected {want:?}, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn figures_keep_cldr_spaces_in_the_html_text() {
    let (project, _) = rendered();
    let es = project.read("build/es/index.html");
    assert!(
        es.contains("25\u{a0}%"),
        "percent sign needs a no-break space"
    );
    assert!(es.contains("322.000.000,00\u{a0}US$"));
    assert!(es.contains("28 de febrero de 2022"));
}

#[test]
fn messages_and_data_cannot_run_typst_code() {
    let (_project, cases) = rendered();
    for lang in ["en", "es", "es-MX"] {
        let case = |key: &str| cases[lang].get(key).cloned().unwrap_or_default();
        assert_eq!(
            case("literal-code"),
            "#read(\"/etc/passwd\") #panic(\"x\") $x^2$ @label"
        );
        assert_eq!(
            case("inject-code"),
            "#read(\"/etc/passwd\") #panic(\"x\") $x^2$ @label <label> = not a heading"
        );
        assert_eq!(
            case("literal-html"),
            r#"<script>alert(1)</script> **not strong** [no](https://x) \back\slash\ "q""#,
            "data strings are never markup"
        );
        assert_eq!(
            case("inject-html"),
            r#"<script>alert(1)</script> <b>bold?</b> &amp; back\slash "double" 'single'"#
        );
        assert_eq!(case("markup"), "strong emph link *escaped*");
    }
}

#[test]
fn messages_and_data_cannot_inject_html() {
    let (project, _) = rendered();
    for lang in ["en", "es", "es-MX"] {
        let html = project.read(&format!("build/{lang}/index.html"));
        assert!(
            !html.contains("<script>"),
            "{lang}: a script element was injected"
        );
        assert!(!html.contains("<b>"), "{lang}: raw HTML was injected");
        // Typst escapes `<` (enough to keep text text); `>` may stay as is.
        assert!(
            html.contains("&lt;script>alert(1)&lt;/script>"),
            "{lang}: {html}"
        );
        assert!(
            html.contains("&amp;amp;"),
            "{lang}: an entity was not escaped"
        );
        assert!(html.contains(r"back\slash"));
        assert!(
            html.contains("#read(\"/etc/passwd\")")
                || html.contains("#read(&quot;/etc/passwd&quot;)")
        );
        assert!(html.contains("<strong>strong</strong>") && html.contains("<em>emph</em>"));
        assert!(
            html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\">link</a>"),
            "{lang}: {html}"
        );
        assert!(
            html.contains("**not strong**"),
            "{lang}: data text was read as markup"
        );
    }
}

#[test]
fn unsafe_link_targets_are_refused_naming_the_message() {
    let project = Project::fixture("formats");
    project.write(
        "locales/es/extra.ftl",
        "bad-link = [clic](javascript:alert(1))\n",
    );
    let run = project
        .report(&["render", "--lang", "es", "--format", "html"])
        .failure(1);
    assert!(
        run.stderr.contains("message `bad-link` (es)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("javascript:alert(1)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("locales/es/extra.ftl:1:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_date_given_to_number_is_an_error_at_the_data() {
    let project = Project::fixture("formats");
    project.write(
        "data/cases.toml",
        "[cases]\nwrong = { msg = \"decimal\", args = { n = 2022-02-28 } }\n",
    );
    let run = project
        .report(&["render", "--lang", "en", "--format", "pdf"])
        .failure(1);
    assert!(
        run.stderr
            .contains("NUMBER() was given a date; use DATETIME() for dates"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("data/cases.toml:2:9"), "{}", run.stderr);
}
