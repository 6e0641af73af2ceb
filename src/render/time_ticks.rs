//! Calendar-aligned ticks for time axes (seconds to years) and their labels. Times are epoch
//! milliseconds, UTC; parsing is in [`crate::format::date`].

use super::ticks::Ticks;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Millis(i64),
    Seconds(i64),
    Minutes(i64),
    Hours(i64),
    Days(i64),
    Months(i64),
    Years(i64),
}

impl Unit {
    fn approx_ms(self) -> f64 {
        match self {
            Unit::Millis(n) => n as f64,
            Unit::Seconds(n) => n as f64 * 1e3,
            Unit::Minutes(n) => n as f64 * 6e4,
            Unit::Hours(n) => n as f64 * 3.6e6,
            Unit::Days(n) => n as f64 * 8.64e7,
            Unit::Months(n) => n as f64 * 2.63e9,
            Unit::Years(n) => n as f64 * 3.156e10,
        }
    }
}

const UNITS: &[Unit] = &[
    Unit::Millis(1),
    Unit::Millis(2),
    Unit::Millis(5),
    Unit::Millis(10),
    Unit::Millis(20),
    Unit::Millis(50),
    Unit::Millis(100),
    Unit::Millis(200),
    Unit::Millis(500),
    Unit::Seconds(1),
    Unit::Seconds(2),
    Unit::Seconds(5),
    Unit::Seconds(10),
    Unit::Seconds(15),
    Unit::Seconds(30),
    Unit::Minutes(1),
    Unit::Minutes(2),
    Unit::Minutes(5),
    Unit::Minutes(10),
    Unit::Minutes(15),
    Unit::Minutes(30),
    Unit::Hours(1),
    Unit::Hours(2),
    Unit::Hours(3),
    Unit::Hours(6),
    Unit::Hours(12),
    Unit::Days(1),
    Unit::Days(2),
    Unit::Days(7),
    Unit::Days(14),
    Unit::Months(1),
    Unit::Months(2),
    Unit::Months(3),
    Unit::Months(6),
    Unit::Years(1),
    Unit::Years(2),
    Unit::Years(5),
    Unit::Years(10),
    Unit::Years(20),
    Unit::Years(25),
    Unit::Years(50),
    Unit::Years(100),
    Unit::Years(200),
    Unit::Years(500),
    Unit::Years(1000),
    Unit::Years(10000),
];

fn to_dt(ms: f64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms as i64).single()
}

/// Calendar-aligned ticks between `lo` and `hi` (epoch ms), at most about `target`.
pub fn ticks(lo: f64, hi: f64, target: usize) -> Ticks {
    let span = hi - lo;
    let unit = UNITS
        .iter()
        .copied()
        .find(|u| span / u.approx_ms() <= target.max(2) as f64)
        .unwrap_or(Unit::Years(10000));
    let (Some(start), Some(_)) = (to_dt(lo), to_dt(hi)) else {
        return Ticks {
            values: vec![],
            labels: vec![],
        };
    };
    let mut t = align(start, unit);
    let mut values = Vec::new();
    let mut guard = 0;
    while guard < 1000 {
        guard += 1;
        let ms = t.timestamp_millis() as f64;
        if ms > hi {
            break;
        }
        if ms >= lo {
            values.push(ms);
        }
        match step(t, unit) {
            Some(n) => t = n,
            None => break,
        }
    }
    let labels = label(&values, unit, span);
    Ticks { values, labels }
}

fn align(t: DateTime<Utc>, unit: Unit) -> DateTime<Utc> {
    let d = t.date_naive();
    let floor = |n: i64, m: i64| n - n.rem_euclid(m);
    let at = |date: NaiveDate, h: u32, mi: u32, s: u32| {
        date.and_hms_opt(h, mi, s).map(|x| x.and_utc()).unwrap_or(t)
    };
    match unit {
        Unit::Millis(n) => Utc
            .timestamp_millis_opt(floor(t.timestamp_millis(), n))
            .single()
            .unwrap_or(t),
        Unit::Seconds(n) => at(d, t.hour(), t.minute(), floor(t.second() as i64, n) as u32),
        Unit::Minutes(n) => at(d, t.hour(), floor(t.minute() as i64, n) as u32, 0),
        Unit::Hours(n) => at(d, floor(t.hour() as i64, n) as u32, 0, 0),
        Unit::Days(7) | Unit::Days(14) => {
            let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
            at(monday, 0, 0, 0)
        }
        Unit::Days(_) => at(d, 0, 0, 0),
        Unit::Months(n) => {
            let m0 = floor(d.month0() as i64, n) as u32;
            at(
                NaiveDate::from_ymd_opt(d.year(), m0 + 1, 1).unwrap_or(d),
                0,
                0,
                0,
            )
        }
        Unit::Years(n) => {
            let y = floor(d.year() as i64, n) as i32;
            at(NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(d), 0, 0, 0)
        }
    }
}

fn step(t: DateTime<Utc>, unit: Unit) -> Option<DateTime<Utc>> {
    match unit {
        Unit::Millis(n) => t.checked_add_signed(Duration::milliseconds(n)),
        Unit::Seconds(n) => t.checked_add_signed(Duration::seconds(n)),
        Unit::Minutes(n) => t.checked_add_signed(Duration::minutes(n)),
        Unit::Hours(n) => t.checked_add_signed(Duration::hours(n)),
        Unit::Days(n) => t.checked_add_signed(Duration::days(n)),
        Unit::Months(n) => t.checked_add_months(chrono::Months::new(n as u32)),
        Unit::Years(n) => t.checked_add_months(chrono::Months::new(n as u32 * 12)),
    }
}

fn label(values: &[f64], unit: Unit, span: f64) -> Vec<String> {
    let fmt = match unit {
        Unit::Years(_) => "%Y",
        Unit::Months(_) => "%b %Y",
        Unit::Days(_) if span < 3.0e10 => "%b %-d",
        Unit::Days(_) => "%Y-%m-%d",
        Unit::Hours(_) | Unit::Minutes(_) if span <= 8.64e7 => "%H:%M",
        Unit::Hours(_) | Unit::Minutes(_) => "%b %-d %H:%M",
        Unit::Seconds(_) => "%H:%M:%S",
        Unit::Millis(_) => "%H:%M:%S%.3f",
    };
    values
        .iter()
        .map(|&v| {
            to_dt(v)
                .map(|d| d.format(fmt).to_string())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::date::parse_iso;

    #[test]
    fn monthly_ticks_read_as_months() {
        let t = ticks(
            parse_iso("2025-01-01").unwrap(),
            parse_iso("2025-12-31").unwrap(),
            6,
        );
        assert_eq!(t.labels[0], "Jan 2025");
        assert!(t.labels.len() <= 7, "{:?}", t.labels);
    }

    #[test]
    fn hourly_ticks_in_one_day() {
        let t = ticks(
            parse_iso("2025-01-01T00:00").unwrap(),
            parse_iso("2025-01-01T12:00").unwrap(),
            4,
        );
        assert_eq!(t.labels, vec!["00:00", "03:00", "06:00", "09:00", "12:00"]);
    }
}
