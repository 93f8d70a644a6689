//! The per-user cache `report` keeps outside any project: the pinned
//! Typst it installs, and what it learnt of each Typst binary's version.

use std::path::PathBuf;

use crate::diagnostic::{Code, Problem, Result};

/// The per-user cache directory: `REPORT_CACHE_DIR`, else the platform's
/// cache directory (`~/.cache/report` on Linux).
pub(crate) fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("REPORT_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|d| d.join("report")).ok_or_else(|| {
        Problem::error(
            Code::Typst,
            "failed to find a cache directory for the Typst install",
        )
        .with_hint("set REPORT_CACHE_DIR to a writable directory")
        .into()
    })
}
