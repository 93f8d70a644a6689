//! The `report` binary: everything lives in the library.

/// mimalloc rather than the system allocator: loading and checking a
/// catalog makes millions of small allocations, on several threads, and
/// glibc's spent a fifth of a check's instructions on them (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(report::main());
}
