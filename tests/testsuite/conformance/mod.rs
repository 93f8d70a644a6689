//! Fluent conformance: every generated case is resolved by the real `report`
//! binary (data → message → text, as a report gets it) and by the reference
//! implementation, `@fluent/bundle` on Node, and the two texts are compared
//! string for string in en, en-GB, es, es-MX and es-419.
//!
//! A difference is either one `docs/conformance.md` explains (listed in
//! [`DIFFERENCES`], each seen at least once so the list cannot go stale) or
//! a failure once unexplained ones pass 0.5 % of the rest.

mod cases;
mod reference;

use std::collections::BTreeMap;

use cases::Case;

use crate::support::{Project, repo_root};

/// The locales every case is formatted in.
const LOCALES: [&str; 5] = ["en", "en-GB", "es", "es-MX", "es-419"];

/// A difference `docs/conformance.md` explains, under the heading whose
/// anchor is `anchor`, and whether it accounts for a case's two texts in a
/// locale (ours first).
struct Difference {
    anchor: &'static str,
    covers: fn(&Case, &str, &str, &str) -> bool,
}

/// Every difference report keeps on purpose, or through its locale data
/// or ICU4X, each explained in docs/conformance.md.
const DIFFERENCES: &[Difference] = &[
    // Deliberate.
    Difference {
        anchor: "compact-display",
        covers: |case, _, _, _| {
            case.body.contains("notation: \"compact\"") && !case.body.contains("compactDisplay")
        },
    },
    Difference {
        anchor: "boolean-text",
        covers: |case, _, _, _| {
            case.body.contains("useGrouping: \"false\"") || case.body.contains("hour12: \"false\"")
        },
    },
    Difference {
        anchor: "default-date",
        covers: |case, _, _, _| case.family == "bare-date" || case.body == "{ DATETIME($d) }",
    },
    Difference {
        anchor: "hour12-cycle",
        covers: |case, _, ours, theirs| {
            let midnight = |text: &str| unpadded_hours(&as_v8_time(text).replacen("12:", "00:", 1));
            case.body.contains("hour12: \"true\"") && midnight(ours) == midnight(theirs)
        },
    },
    Difference {
        anchor: "long-compact-money",
        covers: |case, _, _, _| {
            case.body.contains("currency: ")
                && case.body.contains("notation: \"compact\"")
                && !case.body.contains("compactDisplay: \"short\"")
        },
    },
    // Locale data and ICU4X.
    Difference {
        anchor: "spanish-ordinals",
        covers: |case, locale, ours, theirs| {
            locale.starts_with("es")
                && case.body.contains("type: \"ordinal\"")
                && (ours, theirs) == ("one", "other")
        },
    },
    Difference {
        anchor: "latin-american-currency-symbols",
        covers: |case, locale, ours, theirs| {
            case.body.contains("currency") && symbols_swapped(locale, ours, theirs)
        },
    },
    Difference {
        anchor: "narrow-space-in-times",
        covers: |_, _, ours, theirs| ours.contains('\u{202f}') && as_v8_time(ours) == theirs,
    },
    Difference {
        anchor: "hour-digits",
        covers: |case, _, ours, theirs| case.family == "time" && unpadded_hours(ours) == theirs,
    },
    Difference {
        anchor: "date-time-glue",
        covers: |case, _, ours, theirs| {
            let glued = ours.replace(" a las ", ", ").replace(" at ", ", ");
            case.family == "time" && as_v8_time(&glued) == unpadded_hours(theirs)
        },
    },
    Difference {
        anchor: "era-width",
        covers: |case, _, _, _| case.body.contains("era: \"long\""),
    },
    Difference {
        anchor: "currency-name-plural",
        covers: |case, _, ours, theirs| {
            case.body.contains("currencyDisplay: \"name\"")
                && ours.replace("dollars", "dollar") == theirs
        },
    },
    Difference {
        anchor: "numeric-date-fields",
        covers: |case, _, ours, theirs| {
            case.family == "date" && unpadded(ours, &['/', ' ']) == theirs
        },
    },
    Difference {
        anchor: "one-length",
        covers: |case, _, ours, theirs| {
            case.body.contains("weekday: \"long\"")
                && case.body.contains("month: \"numeric\"")
                && ours.len() < theirs.len()
        },
    },
    Difference {
        anchor: "two-digit-year",
        covers: |case, _, ours, theirs| {
            case.body.contains("year: \"2-digit\"")
                && ours.len() == theirs.len() + 2
                && ours.starts_with(&theirs[..theirs.len() - 2])
        },
    },
    Difference {
        anchor: "use-grouping-always",
        covers: |case, locale, ours, theirs| {
            locale == "es"
                && case.body.contains("useGrouping: \"always\"")
                && ours == theirs.replacen('.', "", 1)
        },
    },
    Difference {
        anchor: "compact-percent-spacing",
        covers: |case, _, ours, theirs| {
            case.body
                .contains("style: \"percent\", notation: \"compact\"")
                && ours.replace('%', "\u{a0}%") == theirs
        },
    },
];

/// Whether the two texts differ only in the currency's symbol where CLDR
/// 48 (the reference) and ICU4X's data disagree: `USD 1.50` / `US$1.50`.
fn symbols_swapped(locale: &str, ours: &str, theirs: &str) -> bool {
    let swaps = [
        ("US$", "USD\u{a0}"),
        ("JP¥", "JPY\u{a0}"),
        ("€", "EUR\u{a0}"),
    ];
    let latin_america = locale == "es-MX" || locale == "es-419";
    swaps.iter().any(|(symbol, code)| {
        (latin_america && ours.replace(symbol, code) == theirs)
            || ours.replace(symbol, code.trim_end_matches('\u{a0}')) == theirs
    })
}

/// A date or time with its two-digit fields that start with 0 and end
/// before one of `ends` (or the text's end) written with one digit: hours
/// (`09:05` → `9:05`) or day and month (`01/02/2022` → `1/2/2022`).
/// Minutes and seconds (after `:`) keep their two digits.
fn unpadded(text: &str, ends: &[char]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        let field_start =
            i == 0 || !(chars[i - 1].is_ascii_digit() || ":.,".contains(chars[i - 1]));
        let two_digits = chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 2).is_none_or(|next| ends.contains(next));
        if *c == '0' && field_start && two_digits {
            continue;
        }
        out.push(*c);
    }
    out
}

/// Hours unpadded.
fn unpadded_hours(text: &str) -> String {
    unpadded(text, &[':', ' ', '\u{202f}'])
}

/// A time as V8 writes it: ordinary spaces, hours unpadded.
fn as_v8_time(text: &str) -> String {
    unpadded_hours(&text.replace('\u{202f}', " "))
}

/// What one comparison found.
#[derive(Default)]
struct Tally {
    agree: usize,
    documented: BTreeMap<&'static str, usize>,
    unexplained: Vec<String>,
}

#[test]
fn report_formats_like_the_fluent_reference() {
    let cases = cases::all();
    let resource = cases::resource(&cases);
    let ours = resolve_with_report(&cases, &resource);
    let theirs = reference::format(&resource, &LOCALES, &cases);
    let tally = compare(&cases, &ours, &theirs);

    let total = cases.len() * LOCALES.len();
    let documented: usize = tally.documented.values().sum();
    let rest = total - documented;
    let agreement = tally.agree as f64 / rest as f64;
    eprintln!(
        "conformance: {} cases × {} locales = {total}; reference {}; documented differences {:?}; \
         agreement on the rest {}/{rest} = {:.2} %",
        cases.len(),
        LOCALES.len(),
        theirs.versions,
        tally.documented,
        tally.agree,
        agreement * 100.0
    );
    for line in &tally.unexplained {
        eprintln!("{line}");
    }
    assert!(
        total >= 1000,
        "the suite must cover 1,000 cases, has {total}"
    );
    assert!(
        agreement >= 0.995,
        "{} unexplained differences ({:.2} % agreement); see above",
        tally.unexplained.len(),
        agreement * 100.0
    );
    every_difference_is_documented_and_seen(&tally);
}

/// Each case in each locale: agreeing, explained, or not.
fn compare(cases: &[Case], ours: &serde_json::Value, theirs: &reference::Reference) -> Tally {
    let mut tally = Tally::default();
    for locale in LOCALES {
        for case in cases {
            let mine = ours[locale][&case.id]["plain"].as_str();
            let reference = theirs.text(locale, &case.id);
            let reference_errors = theirs.errors(locale, &case.id);
            let (a, b) = (mine.unwrap_or(""), reference.unwrap_or(""));
            if mine == reference && reference_errors.is_empty() {
                tally.agree += 1;
            } else if let Some(d) = DIFFERENCES.iter().find(|d| (d.covers)(case, locale, a, b)) {
                *tally.documented.entry(d.anchor).or_default() += 1;
            } else {
                tally.unexplained.push(format!(
                    "{locale} {} [{}] {}\n    report:    {mine:?}\n    reference: {reference:?} {reference_errors:?}",
                    case.id,
                    case.family,
                    case.body.replace('\n', "⏎")
                ));
            }
        }
    }
    tally
}

/// Every listed difference has its section in docs/conformance.md and
/// still occurs.
fn every_difference_is_documented_and_seen(tally: &Tally) {
    let docs = std::fs::read_to_string(repo_root().join("docs/conformance.md")).expect("docs");
    for difference in DIFFERENCES {
        assert!(
            docs.contains(&format!("id=\"{}\"", difference.anchor)),
            "docs/conformance.md does not explain `{}`",
            difference.anchor
        );
        assert!(
            tally.documented.contains_key(difference.anchor),
            "the documented difference `{}` no longer occurs: update docs/conformance.md",
            difference.anchor
        );
    }
}

/// Every case resolved by `report resolve` in a project with one language
/// per locale, each with the same messages: per locale, per case, its text.
fn resolve_with_report(cases: &[Case], resource: &str) -> serde_json::Value {
    let project = Project::empty();
    project.write(
        "report.toml",
        &format!(
            "[report]\nname = \"conformance\"\nsource-language = \"en\"\nlanguages = {LOCALES:?}\n\
             template = \"templates/main.typ\"\ndata = [\"data/cases.toml\"]\ntypst = \"0.15\"\n"
        ),
    );
    project.write("templates/main.typ", "#let unused = none\n");
    project.write("data/cases.toml", &cases::data(cases));
    for locale in LOCALES {
        project.write(&format!("locales/{locale}/cases.ftl"), resource);
    }
    project.report(&["resolve", "--quiet"]).success();
    let mut by_locale = serde_json::Map::new();
    for locale in LOCALES {
        let document: serde_json::Value =
            serde_json::from_str(&project.read(&format!("build/.report/{locale}.json")))
                .expect("resolve writes JSON");
        by_locale.insert(locale.to_owned(), document["data"].clone());
    }
    serde_json::Value::Object(by_locale)
}
