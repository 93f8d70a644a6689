//! Fuzzes preflight's PDF reader: `report::print::preflight::preflight` on
//! the input as a file's bytes (what `report preflight FILE` runs after
//! reading the file), with crop marks expected, then the findings as
//! problems; and `report::print::pdf::open` against what its scan charged.
//!
//! Checks: no panic, stack overflow, time-out or memory blow-up; a refused
//! file says what is wrong and what to do; every finding is on a page the
//! document has (or 0, the whole file); and lopdf never builds more values
//! and dictionary keys than the scan before it charged to the file's budget
//! (the bound that keeps memory proportional to the file's size).

#![no_main]

use libfuzzer_sys::fuzz_target;
use lopdf::{Document, Object};
use report::fuzzing::pdf::{
    ImageNames, Limits, MIN_LINE_PT, MIN_PPI, PreflightError, preflight, problems,
};
use report::fuzzing::pdf::{charged, open};

/// Every value and key lopdf built, walked without recursion.
fn values(doc: &Document) -> u64 {
    let mut count = 0u64;
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    while let Some(object) = stack.pop() {
        count += 1;
        match object {
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(dict) => {
                count += dict.len() as u64;
                stack.extend(dict.iter().map(|(_, v)| v));
            }
            Object::Stream(stream) => {
                count += stream.dict.len() as u64;
                stack.extend(stream.dict.iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
    count
}

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits {
        min_ppi: MIN_PPI,
        min_line: MIN_LINE_PT,
        safe_margin: 5.0 * 72.0 / 25.4,
        expect_marks: true,
    };
    match preflight(bytes, &limits, &ImageNames::default()) {
        Ok(findings) => {
            let pages = open(bytes).map(|d| d.get_pages().len()).unwrap_or(0);
            for finding in &findings {
                assert!(
                    finding.page as usize <= pages,
                    "{finding:?} of {pages} pages"
                );
            }
            for problem in &problems(&findings, "f.pdf", &limits) {
                let _ = problem.to_string();
            }
        }
        Err(PreflightError::Unreadable(why)) => {
            assert!(!why.what.is_empty() && !why.hint.is_empty(), "{why:?}");
        }
        Err(PreflightError::Interrupted) => panic!("interrupted with no signal"),
    }
    if let Ok(doc) = open(bytes) {
        let built = values(&doc);
        let charged = charged(bytes).expect("opened, so charged");
        assert!(
            built <= charged,
            "lopdf built {built} values, the scan charged {charged}"
        );
    }
});
