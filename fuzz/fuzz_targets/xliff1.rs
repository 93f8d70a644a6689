//! Fuzzes `report l10n import` of a XLIFF 1.2 file: reading it into units and
//! every check, up to and not including writing files (see
//! `exchange_import.rs` for the project and the checks). Inputs that are
//! not XLIFF 1.2 (by `ExchangeFormat::detect`) are skipped.

#![no_main]

use libfuzzer_sys::fuzz_target;
use report::fuzzing::exchange::ExchangeFormat;

mod exchange_import;

fuzz_target!(|data: &[u8]| {
    exchange_import::run(data, ExchangeFormat::Xliff1, "f.xlf");
});
