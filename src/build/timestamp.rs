//! The PDF creation date, which makes editions byte-reproducible:
//! `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else
//! the manifest's publication date at midnight UTC.

use crate::calendar::CivilDate;
use crate::project::Project;

/// Seconds since the Unix epoch to stamp PDFs with, if any.
pub(super) fn creation_timestamp(project: &Project) -> Option<i64> {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return Some(epoch);
    }
    let date = project.manifest.date?;
    Some(CivilDate::from_toml(date).days_since_epoch() * 86_400)
}
