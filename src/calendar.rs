//! Calendar arithmetic on the proleptic Gregorian calendar: days since the
//! Unix epoch to a civil date and back (Howard Hinnant's algorithms), for
//! the PDF creation date and `report init`'s "today". Small enough not to
//! need a date crate.

/// A civil date: year, month (1–12), day (1–31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CivilDate {
    /// The year (proleptic Gregorian).
    pub year: i64,
    /// The month, 1 to 12.
    pub month: i64,
    /// The day of the month, 1 to 31.
    pub day: i64,
}

impl CivilDate {
    /// Days since 1970-01-01.
    pub(crate) fn days_since_epoch(self) -> i64 {
        let year = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_index = (self.month + 9) % 12;
        let day_of_year = (153 * month_index + 2) / 5 + self.day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub(crate) fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        Self {
            year: year_of_era + era * 400 + i64::from(month <= 2),
            month,
            day,
        }
    }

    /// A TOML date (as report.toml writes it).
    pub(crate) fn from_toml(date: toml::value::Date) -> Self {
        Self {
            year: i64::from(date.year),
            month: i64::from(date.month),
            day: i64::from(date.day),
        }
    }

    /// Today, in UTC.
    pub(crate) fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::CivilDate;

    fn date(year: i64, month: i64, day: i64) -> CivilDate {
        CivilDate { year, month, day }
    }

    #[test]
    fn days_since_the_epoch_both_ways() {
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2024, 4, 3).days_since_epoch() * 86_400, 1_712_102_400);
        assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(CivilDate::from_days_since_epoch(0), date(1970, 1, 1));
        assert_eq!(CivilDate::from_days_since_epoch(19_828), date(2024, 4, 15));
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_828, 2_932_896] {
            let civil = CivilDate::from_days_since_epoch(days);
            assert_eq!(civil.days_since_epoch(), days, "{civil:?}");
        }
    }
}
