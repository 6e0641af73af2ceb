//! Time zones: UTC or an IANA zone (`Europe/Berlin`), and the conversions between instants
//! (epoch milliseconds) and local calendar time that time ticks and labels need.
//!
//! Local time is not a fixed offset: a day is 23 or 25 hours long when daylight saving time
//! starts or ends, and some local times do not exist (the skipped hour) or exist twice (the
//! repeated one). [`Zone::instant`] settles both the way calendars do: a skipped time moves
//! forward by the gap, a repeated one takes its first occurrence.

use chrono::{Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};

/// Where local time is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Utc,
    Named(Tz),
}

/// A moment as a clock in some zone shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalTime {
    pub when: NaiveDateTime,
    /// The zone's abbreviation at that moment (`CET`, `CEST`, `EDT`; `UTC`).
    pub abbreviation: String,
}

impl Zone {
    /// `UTC` (any case) or an IANA name as the tz database spells it.
    pub fn named(name: &str) -> Option<Zone> {
        if name.eq_ignore_ascii_case("UTC") {
            return Some(Zone::Utc);
        }
        name.parse::<Tz>().ok().map(Zone::Named)
    }

    /// The local time at `ms` (epoch milliseconds); `None` outside chrono's range.
    pub fn local(&self, ms: f64) -> Option<LocalTime> {
        let utc = Utc.timestamp_millis_opt(ms.floor() as i64).single()?;
        Some(match self {
            Zone::Utc => LocalTime {
                when: utc.naive_utc(),
                abbreviation: "UTC".to_owned(),
            },
            Zone::Named(tz) => {
                let t = utc.with_timezone(tz);
                LocalTime {
                    when: t.naive_local(),
                    abbreviation: t.offset().abbreviation().unwrap_or("").to_owned(),
                }
            }
        })
    }

    /// The instant (epoch milliseconds) at which clocks in this zone show `when`. A time in
    /// the hour skipped when clocks go forward moves forward by the gap (02:30 becomes 03:30);
    /// a time shown twice when they go back is its first occurrence.
    pub fn instant(&self, when: NaiveDateTime) -> Option<f64> {
        let tz = match self {
            Zone::Utc => return Some(when.and_utc().timestamp_millis() as f64),
            Zone::Named(tz) => tz,
        };
        let local = tz.from_local_datetime(&when);
        if let Some(t) = local.earliest() {
            return Some(t.timestamp_millis() as f64);
        }
        // Skipped: read with the offset in force before the gap (no zone changes twice a day).
        let before = when.checked_sub_signed(Duration::days(1))?;
        let offset = tz.offset_from_utc_datetime(&before).fix();
        let utc = when.checked_sub_signed(Duration::seconds(offset.local_minus_utc() as i64))?;
        Some(utc.and_utc().timestamp_millis() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::date::parse_iso;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn names_are_utc_or_iana() {
        assert_eq!(Zone::named("UTC"), Some(Zone::Utc));
        assert_eq!(Zone::named("utc"), Some(Zone::Utc));
        assert!(matches!(Zone::named("Europe/Berlin"), Some(Zone::Named(_))));
        assert!(matches!(Zone::named("Etc/UTC"), Some(Zone::Named(_))));
        assert_eq!(Zone::named("Europe/Atlantis"), None);
        assert_eq!(Zone::named("CET+1"), None);
    }

    #[test]
    fn berlin_days_are_23_and_25_hours_at_the_changes() {
        let z = Zone::named("Europe/Berlin").unwrap();
        let hours = |d0: NaiveDateTime, d1: NaiveDateTime| {
            (z.instant(d1).unwrap() - z.instant(d0).unwrap()) / 3.6e6
        };
        assert_eq!(hours(at(2025, 3, 30, 0, 0), at(2025, 3, 31, 0, 0)), 23.0);
        assert_eq!(hours(at(2025, 10, 26, 0, 0), at(2025, 10, 27, 0, 0)), 25.0);
        assert_eq!(hours(at(2025, 6, 1, 0, 0), at(2025, 6, 2, 0, 0)), 24.0);
        assert_eq!(
            z.instant(at(2025, 3, 30, 0, 0)),
            parse_iso("2025-03-29T23:00:00Z")
        );
        // 02:30 is skipped: it reads as 03:30 CEST.
        assert_eq!(
            z.instant(at(2025, 3, 30, 2, 30)),
            parse_iso("2025-03-30T01:30:00Z")
        );
    }

    #[test]
    fn new_york_skipped_and_repeated_hours() {
        let z = Zone::named("America/New_York").unwrap();
        // 02:30 on 9 March 2025 does not exist: it reads as 03:30 EDT (07:30 UTC).
        assert_eq!(
            z.instant(at(2025, 3, 9, 2, 30)),
            parse_iso("2025-03-09T07:30:00Z")
        );
        // 01:30 on 2 November 2025 happens twice: the first (EDT, 05:30 UTC).
        assert_eq!(
            z.instant(at(2025, 11, 2, 1, 30)),
            parse_iso("2025-11-02T05:30:00Z")
        );
        let day = |d: u32, m: u32| z.instant(at(2025, m, d, 0, 0)).unwrap();
        assert_eq!((day(10, 3) - day(9, 3)) / 3.6e6, 23.0);
        assert_eq!((day(3, 11) - day(2, 11)) / 3.6e6, 25.0);
    }

    #[test]
    fn local_times_carry_the_abbreviation() {
        let z = Zone::named("Europe/Berlin").unwrap();
        let winter = z.local(parse_iso("2025-01-15T12:00:00Z").unwrap()).unwrap();
        assert_eq!(
            (winter.when, winter.abbreviation.as_str()),
            (at(2025, 1, 15, 13, 0), "CET")
        );
        let summer = z.local(parse_iso("2025-07-15T12:00:00Z").unwrap()).unwrap();
        assert_eq!(
            (summer.when, summer.abbreviation.as_str()),
            (at(2025, 7, 15, 14, 0), "CEST")
        );
        let utc = Zone::Utc.local(0.0).unwrap();
        assert_eq!(
            (utc.when, utc.abbreviation.as_str()),
            (at(1970, 1, 1, 0, 0), "UTC")
        );
        assert_eq!(Zone::Utc.local(1e20), None);
    }
}
