//! Dates as Vega-Lite data carries them (ISO strings, `Jan 1 2000`, `2015/01/01 01:00:00`,
//! epoch milliseconds) into ISO-8601 for chartfn, and the time units charts group them by.

use super::super::node::Node;
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::Value;

/// A date or date-time value as an ISO-8601 string (UTC), if it is one.
pub fn iso(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => {
            let ms = n.as_f64()?;
            if (1000.0..=9999.0).contains(&ms) && ms.fract() == 0.0 {
                // A bare year, as Vega reads `2004`.
                return Some(format!("{ms:.0}-01-01"));
            }
            let d = DateTime::from_timestamp_millis(ms as i64)?;
            Some(d.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string())
        }
        Value::String(s) => parse(s.trim()),
        _ => None,
    }
}

fn parse(s: &str) -> Option<String> {
    // Most data is ISO already (`2012-01-01`, `2000-01-01T08:00:00.000Z`): read by shape, with
    // no format search (chrono's format parser is slow per value, and rows are many).
    if let Some(iso) = iso_by_shape(s.strip_suffix('Z').unwrap_or(s)) {
        return Some(iso);
    }
    const DATE_TIMES: [&str; 6] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ];
    const DATES: [&str; 6] = [
        "%Y-%m-%d", "%Y/%m/%d", "%b %d %Y", "%B %d %Y", "%m/%d/%Y", "%d %b %Y",
    ];
    let s = s.strip_suffix('Z').unwrap_or(s);
    for f in DATE_TIMES {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    for f in DATES {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("{s}-01-01"));
    }
    None
}

/// `YYYY-MM-DD`, optionally followed by `T` (or a space) and `HH:MM`, `:SS` and a fraction.
fn iso_by_shape(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    NaiveDate::from_ymd_opt(y as i32, m, d)?;
    if b.len() == 10 {
        return Some(s.to_owned());
    }
    if !(b[10] == b'T' || b[10] == b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (h, mi) = (n(11..13)?, n(14..16)?);
    let sec = if b.len() >= 19 && b[16] == b':' {
        n(17..19)?
    } else {
        0
    };
    let rest = &b[if b.len() >= 19 && b[16] == b':' {
        19
    } else {
        16
    }..];
    if !(rest.is_empty() || (rest[0] == b'.' && rest[1..].iter().all(u8::is_ascii_digit))) {
        return None;
    }
    (h < 24 && mi < 60 && sec < 60).then(|| format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{sec:02}"))
}

/// The time units chartfn groups dates by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Year,
    YearMonth,
    YearMonthDate,
    Month,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Unit {
    pub fn read(node: &Node) -> Result<Option<Unit>> {
        let name = match node.value {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Object(o)) => o
                .get("unit")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            Some(_) => return Err(Error::spec(node.path(), "timeUnit must be a string")),
        };
        let name = name.strip_prefix("utc").unwrap_or(&name);
        Ok(Some(match name {
            "year" => Unit::Year,
            "yearmonth" => Unit::YearMonth,
            "yearmonthdate" => Unit::YearMonthDate,
            "month" => Unit::Month,
            other => {
                return Err(Error::unsupported(
                    node.path(),
                    format!("the time unit {other:?} is not computed (year, yearmonth, yearmonthdate and month are)"),
                ))
            }
        }))
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Year => "year",
            Unit::YearMonth => "year-month",
            Unit::YearMonthDate => "date",
            Unit::Month => "month",
        }
    }

    /// `month` repeats every year: its buckets are the twelve month names, not dates.
    pub fn is_cyclic(self) -> bool {
        self == Unit::Month
    }

    /// The bucket of an ISO date: its first instant (a date), or a month's name.
    pub fn bucket(self, iso: &str) -> Value {
        let (y, m, d) = (
            &iso[..4],
            iso.get(5..7).unwrap_or("01"),
            iso.get(8..10).unwrap_or("01"),
        );
        Value::String(match self {
            Unit::Year => format!("{y}-01-01"),
            Unit::YearMonth => format!("{y}-{m}-01"),
            Unit::YearMonthDate => format!("{y}-{m}-{d}"),
            Unit::Month => MONTHS[(m.parse::<usize>().unwrap_or(1).clamp(1, 12)) - 1].to_owned(),
        })
    }

    /// Sort key of a `month` bucket (its number), for ordering the twelve names.
    pub fn month_index(label: &str) -> Option<usize> {
        MONTHS.iter().position(|m| *m == label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_date_forms_vega_datasets_use() {
        assert_eq!(iso(&json!("2012-01-01")).as_deref(), Some("2012-01-01"));
        assert_eq!(iso(&json!("Jan 1 2000")).as_deref(), Some("2000-01-01"));
        assert_eq!(
            iso(&json!("2015/01/01 01:00:00")).as_deref(),
            Some("2015-01-01T01:00:00")
        );
        assert_eq!(
            iso(&json!("2010-06-10T12:00:00Z")).as_deref(),
            Some("2010-06-10T12:00:00")
        );
        assert_eq!(iso(&json!(2004)).as_deref(), Some("2004-01-01"));
        assert_eq!(iso(&json!(0)).as_deref(), Some("1970-01-01T00:00:00"));
        assert_eq!(iso(&json!("not a date")), None);
        assert_eq!(Unit::Month.bucket("2012-03-05"), json!("Mar"));
        assert_eq!(Unit::YearMonth.bucket("2012-03-05"), json!("2012-03-01"));
    }
}
