//! `cargo xtask`: project tasks that need more than cargo.
//!
//! - `cargo xtask test [ARGS…]`: installs the tools the tests read output
//!   with when they are missing ([`setup`]), then runs `cargo test ARGS…`.
//! - `cargo xtask setup`: only installs them.
//! - `cargo xtask cycles`: fails when folders of `src/` depend on each
//!   other in a cycle ([`cycles`]).
//! - `cargo xtask sizes`: fails on files, folders or functions past the
//!   size rules ([`sizes`]).

mod cycles;
mod lexer;
mod setup;
mod sizes;

use std::env;
use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = env::args_os().skip(1);
    let task = args.next();
    let rest: Vec<OsString> = args.collect();
    match task.as_deref().and_then(|t| t.to_str()) {
        Some("test") => match setup::install() {
            Ok(()) => setup::cargo_test(&rest),
            Err(code) => code,
        },
        Some("setup") => match setup::install() {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        Some("cycles") => {
            let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
            let graph = rest.iter().any(|a| a == "--graph");
            ExitCode::from(cycles::run(&src, graph))
        }
        Some("sizes") => {
            let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
            ExitCode::from(sizes::run(&src))
        }
        _ => {
            eprintln!(
                "usage: cargo xtask test [CARGO TEST ARGS…]   install the test tools, then run the tests\n       \
                 cargo xtask setup                        only install the test tools\n       \
                 cargo xtask cycles [--graph]             fail on module cycles between folders of src/\n       \
                 cargo xtask sizes                        fail on files and functions past the size rules"
            );
            ExitCode::from(2)
        }
    }
}
