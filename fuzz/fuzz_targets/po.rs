//! Fuzzes `report l10n import` of a PO file: reading it into units and
//! every check, up to and not including writing files (see
//! `exchange_import.rs` for the project and the checks). Inputs that are
//! not PO (by `ExchangeFormat::detect`) are skipped.

#![no_main]

use libfuzzer_sys::fuzz_target;
use report::fuzzing::exchange::ExchangeFormat;

mod exchange_import;

fuzz_target!(|data: &[u8]| {
    exchange_import::run(data, ExchangeFormat::Po, "f.po");
});
