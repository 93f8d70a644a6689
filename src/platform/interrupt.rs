//! Signals: Ctrl-C and SIGTERM set one process-wide flag that running work
//! polls; SIGXFSZ is caught so that a file-size limit becomes an error.
//!
//! The first signal sets the flag; Typst children are stopped, unfinished
//! files removed, and no new work starts. A second signal ends `report` at
//! once.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the user interrupts `report` (Ctrl-C, SIGTERM): running Typst
/// processes are stopped and no new ones start.
pub(crate) static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether `report` was interrupted.
pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst) || interrupted_here()
}

/// Work stopped by Ctrl-C or SIGTERM before it finished: nothing it
/// found so far may be taken for the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Interrupted;

/// `Err(Interrupted)` once `report` was interrupted: long loops (the
/// checks, per language and per entry; readers) ask, so that a signal stops
/// work of any size at once.
pub(crate) fn poll() -> Result<(), Interrupted> {
    if interrupted() {
        Err(Interrupted)
    } else {
        Ok(())
    }
}

#[cfg(test)]
thread_local! {
    /// An interrupt seen by one thread only: unit tests run side by side in
    /// one process, so a test interrupts its own thread, not the others.
    static INTERRUPTED_HERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn interrupted_here() -> bool {
    INTERRUPTED_HERE.with(std::cell::Cell::get)
}

#[cfg(not(test))]
fn interrupted_here() -> bool {
    false
}

/// Makes [`interrupted`] say `on` on this thread only (unit tests).
#[cfg(test)]
pub(crate) fn interrupt_this_thread(on: bool) {
    INTERRUPTED_HERE.with(|flag| flag.set(on));
}

/// Keeps a file-size limit (`ulimit -f`) from killing `report` silently:
/// with a handler for SIGXFSZ installed, a write past the limit fails with
/// an error that is reported like a full disk. (Children such as Typst get
/// the default action back when they start.)
pub(crate) fn catch_file_size_signal() {
    #[cfg(unix)]
    {
        let _ = signal_hook::flag::register(
            signal_hook::consts::SIGXFSZ,
            std::sync::Arc::new(AtomicBool::new(false)),
        );
    }
}

/// Installs the handler: the first Ctrl-C (or SIGTERM) sets the flag, a
/// second one exits with `exit_code` at once.
pub(crate) fn install_handler(exit_code: i32) {
    // Without a handler (e.g. one is already installed) the default
    // behaviour, ending the process, is still right.
    let _ = ctrlc::set_handler(move || {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(exit_code);
        }
    });
}
