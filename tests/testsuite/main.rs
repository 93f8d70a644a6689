//! Integration tests: the real `report` binary on fixture projects, with the
//! real Typst, checked through the real PDF and HTML it produces.

// The test modules share their helpers as `pub` items of one binary; the
// library's rule (`pub(crate)` unless part of its facade) is not theirs.
#![allow(unreachable_pub)]
// Tests read what `report` wrote with std::fs; the sandbox is the
// library's rule (clippy.toml), not theirs.
#![allow(clippy::disallowed_methods)]

mod support;

mod accessibility;
mod bad_input;
mod bibliography;
mod charts;
mod check;
mod check_scale;
mod cli;
mod conformance;
mod diagnostics;
mod diff;
mod errors;
mod exchange;
mod exchange_hostile;
mod formats;
mod hardening;
mod hostile;
mod html_layout;
mod incremental;
mod layout;
mod notes;
mod overprint;
mod parallel;
mod print;
mod quality;
mod render;
mod review_loop;
mod serve;
mod watch;
mod writes;
