//! The generated cases: every `NUMBER()` and `DATETIME()` option `report`
//! accepts, on values chosen for their edges (ties, zero, negatives,
//! fractions, millions, dates at year ends), plus cardinal and ordinal
//! selects, terms, attributes, message references and nested placeables.
//! Each case is one message; the suite formats it in every locale.

/// A message argument, typed the way report's data gives it.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A TOML float.
    Number(f64),
    /// A TOML integer.
    Integer(i64),
    /// A TOML local date.
    Date(&'static str),
    /// A TOML local date-time.
    DateTime(&'static str),
    /// A TOML string.
    String(&'static str),
}

/// One message to format.
#[derive(Debug, Clone)]
pub struct Case {
    /// The message id (`c0001`, …).
    pub id: String,
    /// The group it belongs to, for the summary and the known differences.
    pub family: &'static str,
    /// The message after `id = ` (may span lines, may hold attributes).
    pub body: String,
    /// The attribute to format instead of the value.
    pub attribute: Option<&'static str>,
    /// The arguments.
    pub args: Vec<(&'static str, Arg)>,
}

/// Terms every case may use.
pub const TERMS: &str = r#"-org = Center for a Free Cuba
    .short = CFC
    .gender = masculine
-votes = { $count ->
    [one] one vote
   *[other] { $count } votes
}
-state = { $case ->
   *[nominative] the state
    [genitive] of the state
}
shared = Shared { $n }
"#;

/// Numbers chosen for their edges: ties at every digit, zero, negatives,
/// tiny and huge magnitudes.
const NUMBERS: [f64; 21] = [
    0.0,
    1.0,
    -1.0,
    0.25,
    0.5,
    1.5,
    2.5,
    -2.5,
    0.125,
    1.005,
    1234.5678,
    -42.5,
    12345.0,
    1_234_567.891,
    322_000_000.0,
    0.001,
    0.0005,
    999.9995,
    7.0,
    1e21,
    -0.0004,
];

/// Option sets for `NUMBER()`, each tried on every number.
const NUMBER_OPTIONS: &[&str] = &[
    "",
    "maximumFractionDigits: 0",
    "maximumFractionDigits: 1",
    "maximumFractionDigits: 2",
    "minimumFractionDigits: 2",
    "minimumFractionDigits: 1, maximumFractionDigits: 3",
    "minimumIntegerDigits: 3",
    "minimumIntegerDigits: 2, minimumFractionDigits: 2",
    "maximumSignificantDigits: 2",
    "minimumSignificantDigits: 3",
    "minimumSignificantDigits: 2, maximumSignificantDigits: 4",
    "maximumSignificantDigits: 3, maximumFractionDigits: 1",
    "maximumSignificantDigits: 2, maximumFractionDigits: 2, roundingPriority: \"morePrecision\"",
    "maximumSignificantDigits: 2, maximumFractionDigits: 2, roundingPriority: \"lessPrecision\"",
    "useGrouping: \"always\"",
    "useGrouping: \"min2\"",
    "useGrouping: \"auto\"",
    "signDisplay: \"always\"",
    "signDisplay: \"exceptZero\"",
    "signDisplay: \"never\"",
    "signDisplay: \"negative\"",
    "roundingMode: \"floor\", maximumFractionDigits: 1",
    "roundingMode: \"ceil\", maximumFractionDigits: 1",
    "roundingMode: \"trunc\"",
    "roundingMode: \"expand\", maximumFractionDigits: 2",
    "roundingMode: \"halfEven\", maximumFractionDigits: 1",
    "roundingMode: \"halfTrunc\", maximumFractionDigits: 1",
    "roundingMode: \"halfFloor\", maximumFractionDigits: 2",
    "roundingMode: \"halfCeil\", maximumFractionDigits: 2",
    "roundingIncrement: 5, minimumFractionDigits: 2, maximumFractionDigits: 2",
    "roundingIncrement: 25, minimumFractionDigits: 1, maximumFractionDigits: 1",
    "roundingIncrement: 5",
    "roundingIncrement: 5, minimumFractionDigits: 2",
    "style: \"currency\", currency: \"USD\", roundingIncrement: 5",
    "trailingZeroDisplay: \"stripIfInteger\", minimumFractionDigits: 2",
    "style: \"percent\"",
    "style: \"percent\", maximumFractionDigits: 1",
    "style: \"percent\", signDisplay: \"exceptZero\"",
    "style: \"currency\", currency: \"USD\"",
    "style: \"currency\", currency: \"EUR\", currencyDisplay: \"code\"",
    "style: \"currency\", currency: \"MXN\", currencyDisplay: \"name\"",
    "style: \"currency\", currency: \"USD\", currencyDisplay: \"narrowSymbol\"",
    "style: \"currency\", currency: \"JPY\"",
    "style: \"currency\", currency: \"EUR\", maximumFractionDigits: 0",
    "notation: \"compact\", compactDisplay: \"short\"",
    "notation: \"compact\", compactDisplay: \"long\"",
    "notation: \"compact\", compactDisplay: \"short\", maximumFractionDigits: 1",
    "style: \"currency\", currency: \"USD\", notation: \"compact\", compactDisplay: \"short\"",
    "style: \"percent\", notation: \"compact\", compactDisplay: \"short\"",
    "style: \"currency\", currency: \"EUR\", notation: \"compact\", compactDisplay: \"long\", maximumFractionDigits: 1",
    "style: \"currency\", currency: \"USD\", currencySign: \"accounting\"",
    "style: \"currency\", currency: \"USD\", signDisplay: \"always\"",
    "style: \"currency\", currency: \"USD\", currencyDisplay: \"code\", minimumIntegerDigits: 4",
    "style: \"currency\", currency: \"USD\", currencyDisplay: \"name\", maximumFractionDigits: 0",
    "style: \"percent\", minimumIntegerDigits: 2, minimumFractionDigits: 1",
    "style: \"percent\", maximumSignificantDigits: 2",
    "notation: \"compact\", compactDisplay: \"long\", maximumSignificantDigits: 3",
    "notation: \"compact\", compactDisplay: \"short\", signDisplay: \"always\"",
    "notation: \"compact\", compactDisplay: \"short\", useGrouping: \"always\"",
    "minimumFractionDigits: 3, roundingPriority: \"morePrecision\"",
    "minimumSignificantDigits: 1, maximumFractionDigits: 0, roundingPriority: \"lessPrecision\"",
    "roundingIncrement: 50, minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: \"ceil\"",
    "maximumFractionDigits: 1, trailingZeroDisplay: \"stripIfInteger\"",
    "useGrouping: \"min2\", minimumIntegerDigits: 5",
    "useGrouping: \"true\"",
    "localeMatcher: \"lookup\", maximumFractionDigits: 1",
    // Documented differences (docs/conformance.md).
    "notation: \"compact\"",
    "useGrouping: \"false\"",
];

/// Integers as the data gives them (TOML integers).
const INTEGERS: [i64; 8] = [0, 1, 3, 21, 1000, 12345, 1_000_000, 9_007_199_254_740_991];

/// Option sets tried on the data's integers.
const INTEGER_OPTIONS: &[&str] = &[
    "",
    "minimumFractionDigits: 2",
    "style: \"percent\"",
    "style: \"currency\", currency: \"EUR\"",
    "notation: \"compact\", compactDisplay: \"short\"",
    "maximumSignificantDigits: 1",
];

/// Values for selects: the CLDR categories' edges in English and Spanish.
const PLURAL_VALUES: [f64; 12] = [
    0.0,
    1.0,
    2.0,
    3.0,
    5.0,
    11.0,
    21.0,
    23.0,
    101.0,
    1.5,
    1_000_000.0,
    2_000_000.0,
];

/// Selects, each tried on every plural value.
const SELECTS: &[&str] = &[
    "{ $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n} { $n }",
    "{ NUMBER($n, minimumFractionDigits: 1) ->\n    [one] one\n   *[other] other\n}",
    "{ NUMBER($n, type: \"ordinal\") ->\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}",
    "{ $n ->\n    [0] exactly zero\n    [1] exactly one\n    [one] one\n   *[other] other\n}",
    "{ NUMBER($n, maximumFractionDigits: 0) ->\n    [one] one\n   *[other] other\n}",
    "{ -votes(count: 1) }, { -votes(count: 2) }: { $n }",
    "{ NUMBER($n, maximumFractionDigits: 0) ->\n    [2] exactly two\n    [1.5] one and a half\n   *[other] { $n }\n}",
    "{ NUMBER($n, style: \"percent\") ->\n    [one] one\n    [many] many\n   *[other] other\n}",
    "{ NUMBER($n, minimumSignificantDigits: 2) ->\n    [one] one\n   *[other] other\n}",
];

/// Dates at year ends and a leap day; date-times at both ends of a day.
const DATES: [Arg; 11] = [
    Arg::Date("2022-02-28"),
    Arg::Date("2022-01-01"),
    Arg::Date("2021-12-31"),
    Arg::Date("2000-02-29"),
    Arg::Date("1999-12-31"),
    Arg::Date("1970-01-01"),
    Arg::Date("2038-01-19"),
    Arg::DateTime("2022-02-28T13:05:09.250"),
    Arg::DateTime("2022-01-01T00:00:00"),
    Arg::DateTime("2021-12-31T23:59:59"),
    Arg::DateTime("2024-07-04T09:30:00"),
];

/// Option sets for `DATETIME()` on any date.
const DATE_OPTIONS: &[&str] = &[
    "dateStyle: \"full\"",
    "dateStyle: \"long\"",
    "dateStyle: \"medium\"",
    "dateStyle: \"short\"",
    "year: \"numeric\", month: \"long\", day: \"numeric\"",
    "year: \"numeric\", month: \"short\", day: \"numeric\"",
    "year: \"numeric\", month: \"numeric\", day: \"numeric\"",
    "year: \"numeric\", month: \"2-digit\", day: \"2-digit\"",
    "year: \"2-digit\", month: \"2-digit\", day: \"2-digit\"",
    "weekday: \"long\", year: \"numeric\", month: \"long\", day: \"numeric\"",
    "weekday: \"short\", year: \"numeric\", month: \"short\", day: \"numeric\"",
    "weekday: \"long\", month: \"long\", day: \"numeric\"",
    "weekday: \"long\"",
    "weekday: \"short\"",
    "month: \"long\", day: \"numeric\"",
    "month: \"short\", day: \"numeric\"",
    "month: \"numeric\", day: \"numeric\"",
    "month: \"long\", year: \"numeric\"",
    "month: \"short\", year: \"numeric\"",
    "month: \"numeric\", year: \"numeric\"",
    "month: \"long\"",
    "month: \"short\"",
    "day: \"numeric\"",
    "year: \"numeric\"",
    "era: \"short\", year: \"numeric\"",
    "era: \"long\", year: \"numeric\", month: \"long\", day: \"numeric\"",
    "era: \"short\"",
    "weekday: \"long\", month: \"numeric\", day: \"numeric\"",
    "month: \"2-digit\", day: \"2-digit\"",
    "weekday: \"short\", day: \"numeric\"",
    "day: \"2-digit\"",
    // Documented difference (docs/conformance.md).
    "",
];

/// Option sets for `DATETIME()` on date-times only.
const TIME_OPTIONS: &[&str] = &[
    "timeStyle: \"short\"",
    "timeStyle: \"medium\"",
    "dateStyle: \"long\", timeStyle: \"short\"",
    "dateStyle: \"short\", timeStyle: \"medium\"",
    "dateStyle: \"full\", timeStyle: \"short\"",
    "hour: \"numeric\", minute: \"2-digit\"",
    "hour: \"numeric\", minute: \"2-digit\", second: \"2-digit\"",
    "hour: \"numeric\", minute: \"2-digit\", hour12: \"false\"",
    "hour: \"numeric\", minute: \"2-digit\", hour12: \"true\"",
    "hour: \"numeric\"",
    "year: \"numeric\", month: \"long\", day: \"numeric\", hour: \"numeric\", minute: \"2-digit\"",
    "hour: \"2-digit\", minute: \"2-digit\"",
    "hour: \"numeric\", minute: \"2-digit\", second: \"2-digit\", fractionalSecondDigits: 1",
    "hour: \"numeric\", minute: \"2-digit\", second: \"2-digit\", fractionalSecondDigits: 2",
    "hour: \"numeric\", minute: \"2-digit\", second: \"2-digit\", fractionalSecondDigits: 3",
    "hour: \"numeric\", minute: \"numeric\", formatMatcher: \"basic\", localeMatcher: \"lookup\"",
    "timeStyle: \"short\", hour12: \"true\"",
    "weekday: \"long\", day: \"numeric\", hour: \"numeric\", minute: \"2-digit\"",
];

/// Terms, attributes, references and nested placeables.
const STRUCTURE: &[(&str, Option<&str>)] = &[
    ("{ -org } counts { $n }", None),
    (
        "{ -org.gender ->\n    [masculine] he\n   *[other] they\n}",
        None,
    ),
    ("{ -state(case: \"genitive\") } { $n }", None),
    ("{ -state } { $n }", None),
    ("{ shared } and { $n }", None),
    ("{ { $n } }", None),
    ("{ { { NUMBER($n, maximumFractionDigits: 1) } } }", None),
    ("{ \"{\" }{ $n }{ \"}\" }", None),
    ("{ 1.50 } and { -1 } and { 0.0 }", None),
    ("{ NUMBER(1234.5) }", None),
    (
        "Value\n    .title = Title { $n }\n    .short = { NUMBER($n, maximumFractionDigits: 0) }",
        Some("title"),
    ),
    (
        "Value\n    .title = Title { $n }\n    .short = { NUMBER($n, maximumFractionDigits: 0) }",
        Some("short"),
    ),
    (
        "{ $n } of { -votes(count: 1) } and { -votes(count: 1000000) }",
        None,
    ),
    ("Text \\u00A0{ \"\\u0041\" } { $n }", None),
    (
        "{ NUMBER(-0.5) } { NUMBER(0.0001) } { NUMBER(-0.0001) }",
        None,
    ),
    (
        "{ -votes(count: 1000000) } { NUMBER($n, type: \"ordinal\") }",
        None,
    ),
];

/// Values tried in the structural cases.
const STRUCTURE_VALUES: [f64; 3] = [1.0, 2.5, 1_000_000.0];

/// Every case, numbered in order.
pub fn all() -> Vec<Case> {
    let mut cases = Cases::default();
    for options in NUMBER_OPTIONS {
        for n in NUMBERS {
            cases.push(
                "number",
                call("NUMBER", "n", options),
                None,
                ("n", Arg::Number(n)),
            );
        }
    }
    for options in INTEGER_OPTIONS {
        for i in INTEGERS {
            cases.push(
                "integer",
                call("NUMBER", "n", options),
                None,
                ("n", Arg::Integer(i)),
            );
        }
    }
    for select in SELECTS {
        for n in PLURAL_VALUES {
            cases.push("select", (*select).to_owned(), None, ("n", Arg::Number(n)));
        }
    }
    dates(&mut cases);
    for (body, attribute) in STRUCTURE {
        for n in STRUCTURE_VALUES {
            cases.push(
                "structure",
                (*body).to_owned(),
                *attribute,
                ("n", Arg::Number(n)),
            );
        }
    }
    let text = ("s", Arg::String("plain text"));
    cases.push("structure", "{ $s }".to_owned(), None, text);
    cases.0
}

/// The date and time cases.
fn dates(cases: &mut Cases) {
    for options in DATE_OPTIONS {
        for date in &DATES {
            cases.push(
                "date",
                call("DATETIME", "d", options),
                None,
                ("d", date.clone()),
            );
        }
    }
    for options in TIME_OPTIONS {
        for date in DATES.iter().filter(|d| matches!(d, Arg::DateTime(_))) {
            cases.push(
                "time",
                call("DATETIME", "d", options),
                None,
                ("d", date.clone()),
            );
        }
    }
    for date in &DATES {
        cases.push("bare-date", "{ $d }".to_owned(), None, ("d", date.clone()));
    }
}

/// Cases being numbered.
#[derive(Default)]
struct Cases(Vec<Case>);

impl Cases {
    fn push(
        &mut self,
        family: &'static str,
        body: String,
        attribute: Option<&'static str>,
        arg: (&'static str, Arg),
    ) {
        let id = format!("c{:04}", self.0.len());
        self.0.push(Case {
            id,
            family,
            body,
            attribute,
            args: vec![arg],
        });
    }
}

/// `{ FUNCTION($var, options) }`, or `{ FUNCTION($var) }` without options.
fn call(function: &str, var: &str, options: &str) -> String {
    if options.is_empty() {
        format!("{{ {function}(${var}) }}")
    } else {
        format!("{{ {function}(${var}, {options}) }}")
    }
}

/// The FTL resource holding the terms and every case.
pub fn resource(cases: &[Case]) -> String {
    let mut ftl = String::from(TERMS);
    for case in cases {
        ftl.push_str(&format!("{} = {}\n", case.id, case.body));
    }
    ftl
}

/// The TOML data file that asks for every case with its arguments.
pub fn data(cases: &[Case]) -> String {
    let mut toml = String::new();
    for case in cases {
        let msg = match case.attribute {
            Some(attribute) => format!("{}.{attribute}", case.id),
            None => case.id.clone(),
        };
        let args: Vec<String> = case
            .args
            .iter()
            .map(|(name, arg)| format!("{name} = {}", toml_value(arg)))
            .collect();
        toml.push_str(&format!(
            "{} = {{ msg = \"{msg}\", args = {{ {} }} }}\n",
            case.id,
            args.join(", ")
        ));
    }
    toml
}

fn toml_value(arg: &Arg) -> String {
    match arg {
        // Debug keeps a float a float: `1.0`, `1e21`.
        Arg::Number(n) => format!("{n:?}"),
        Arg::Integer(i) => i.to_string(),
        Arg::Date(d) | Arg::DateTime(d) => (*d).to_owned(),
        Arg::String(s) => format!("{s:?}"),
    }
}
