//! The `report` binary: everything lives in the library.

fn main() {
    std::process::exit(report::cmd::main());
}
