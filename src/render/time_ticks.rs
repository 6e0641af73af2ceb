//! Calendar-aligned ticks for time axes (milliseconds to millennia) and their labels. Times are
//! epoch milliseconds; ticks fall on the calendar of the axis' time zone — local midnights,
//! month and year starts — so a day is 23 or 25 hours long where clocks change. Labels are
//! written in the axis' strftime format when it has one, else in one chosen for the tick unit,
//! with the locale's names.

use super::ticks::Ticks;
use crate::format::locale::Locale;
use crate::format::strftime::TimeFormat;
use crate::format::zone::Zone;
use crate::spec::model::{AxisFormat, TickLabels};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

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

    /// Whether the unit steps along the local calendar (hours and longer) rather than in
    /// elapsed time.
    fn is_calendar(self) -> bool {
        matches!(
            self,
            Unit::Hours(_) | Unit::Days(_) | Unit::Months(_) | Unit::Years(_)
        )
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

/// Calendar-aligned ticks between `lo` and `hi` (epoch ms), at most about `target`, labelled
/// as `text` says. A format that writes only dates ticks at least daily, one of months at least
/// monthly, and so on, so that no two labels read the same.
pub fn ticks(lo: f64, hi: f64, target: usize, text: &TickLabels) -> Ticks {
    let span = hi - lo;
    let finest = match &text.format {
        Some(AxisFormat::Time(f)) => f.resolution_ms() * 0.99,
        _ => 0.0,
    };
    let unit = UNITS
        .iter()
        .copied()
        .find(|u| u.approx_ms() >= finest && span / u.approx_ms() <= target.max(2) as f64)
        .unwrap_or(Unit::Years(10000));
    let zone = text.zone;
    let (Some(start), Some(_)) = (zone.local(lo), zone.local(hi)) else {
        return Ticks {
            values: vec![],
            labels: vec![],
        };
    };
    let values = if unit.is_calendar() {
        calendar_steps(align(start.when, unit), unit, (lo, hi), zone)
    } else {
        elapsed_steps(align(start.when, unit), unit, (lo, hi), zone)
    };
    let labels = label(&values, unit, span, text);
    Ticks { values, labels }
}

/// Ticks from local time `first` on, a calendar `unit` apart, that fall inside `range`: each
/// local time is read in `zone` (a skipped one moves forward; one that lands on the previous
/// tick's instant is dropped).
fn calendar_steps(first: NaiveDateTime, unit: Unit, range: (f64, f64), zone: Zone) -> Vec<f64> {
    let mut values: Vec<f64> = Vec::new();
    let mut t = first;
    for _ in 0..1000 {
        let Some(ms) = zone.instant(t) else { break };
        if ms > range.1 {
            break;
        }
        if ms >= range.0 && values.last().is_none_or(|&last| ms > last) {
            values.push(ms);
        }
        match step(t, unit) {
            Some(n) => t = n,
            None => break,
        }
    }
    values
}

/// Ticks from local time `first` on, a fixed span of elapsed time apart (seconds, minutes),
/// that fall inside `range`.
fn elapsed_steps(first: NaiveDateTime, unit: Unit, range: (f64, f64), zone: Zone) -> Vec<f64> {
    let mut values = Vec::new();
    let Some(mut ms) = zone.instant(first) else {
        return values;
    };
    let every = unit.approx_ms();
    for _ in 0..1000 {
        if ms > range.1 {
            break;
        }
        if ms >= range.0 {
            values.push(ms);
        }
        ms += every;
    }
    values
}

/// The last local time at or before `t` that starts a `unit` (weeks start on Monday).
fn align(t: NaiveDateTime, unit: Unit) -> NaiveDateTime {
    let d = t.date();
    let floor = |n: i64, m: i64| n - n.rem_euclid(m);
    let at = |date: NaiveDate, h: u32, mi: u32, s: u32| date.and_hms_opt(h, mi, s).unwrap_or(t);
    match unit {
        Unit::Millis(n) => {
            let ms = floor(t.and_utc().timestamp_millis(), n);
            chrono::DateTime::from_timestamp_millis(ms).map_or(t, |x| x.naive_utc())
        }
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

/// The local time one `unit` after `t` (hours and longer).
fn step(t: NaiveDateTime, unit: Unit) -> Option<NaiveDateTime> {
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

/// The label format for ticks a `unit` apart over `span` ms, when the axis gives none.
fn default_format(unit: Unit, span: f64, locale: &Locale) -> String {
    let day_month = locale.day_month;
    match unit {
        Unit::Years(_) => "%Y".to_owned(),
        Unit::Months(_) => "%b %Y".to_owned(),
        Unit::Days(_) if span < 3.0e10 => day_month.to_owned(),
        Unit::Days(_) => "%Y-%m-%d".to_owned(),
        Unit::Hours(_) | Unit::Minutes(_) if span <= 8.64e7 => "%H:%M".to_owned(),
        Unit::Hours(_) | Unit::Minutes(_) => format!("{day_month} %H:%M"),
        Unit::Seconds(_) => "%H:%M:%S".to_owned(),
        Unit::Millis(_) => "%H:%M:%S.%L".to_owned(),
    }
}

fn label(values: &[f64], unit: Unit, span: f64, text: &TickLabels) -> Vec<String> {
    let chosen;
    let format = match &text.format {
        Some(AxisFormat::Time(f)) => f,
        _ => {
            let spec = default_format(unit, span, text.locale);
            chosen = TimeFormat::parse(&spec).unwrap_or_else(|_| unreachable!("{spec}"));
            &chosen
        }
    };
    values
        .iter()
        .map(|&v| {
            text.zone
                .local(v)
                .map(|t| format.format(&t, text.locale))
                .unwrap_or_default()
        })
        .collect()
}

/// Labels for ticks the spec chose: in the axis' format, else in the format of the unit that
/// matches their closest spacing.
pub fn labels_for(values: &[f64], text: &TickLabels) -> Vec<String> {
    let gap = values
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .filter(|g| *g > 0.0)
        .fold(f64::INFINITY, f64::min);
    let span = values
        .iter()
        .fold(0f64, |m, v| m.max((v - values[0]).abs()));
    let unit = match gap.is_finite() {
        true => UNITS
            .iter()
            .rev()
            .copied()
            .find(|u| u.approx_ms() <= gap * 1.01),
        false => None,
    };
    let unit = unit.unwrap_or(Unit::Days(1));
    label(values, unit, span, text)
}

#[cfg(test)]
mod tests;
