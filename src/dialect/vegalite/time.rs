//! Dates as Vega-Lite data carries them (ISO strings, `Jan 1 2000`, `2015/01/01 01:00:00`,
//! epoch milliseconds) into ISO-8601 for chartfn, and the time units charts group them by.

use super::super::node::Node;
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::Value;
use std::borrow::Cow;

/// A date or date-time value as an ISO-8601 string (UTC), if it is one.
pub fn iso(v: &Value) -> Option<String> {
    iso_text(v).map(Cow::into_owned)
}

/// [`iso`], a date already written `YYYY-MM-DD` borrowed as it is (bucketed once per row, it
/// needs no copy).
pub fn iso_text(v: &Value) -> Option<Cow<'_, str>> {
    if let Value::String(s) = v {
        let s = s.trim();
        if (s.len() == 10 || written_in_utc(s)) && crate::format::date::parse_iso(s).is_some() {
            // Already as `iso_date_time` would write it: its first 19 characters.
            return Some(Cow::Borrowed(&s[..s.len().min(19)]));
        }
    }
    let owned = match v {
        Value::Number(n) => {
            let ms = n.as_f64()?;
            if (1000.0..=9999.0).contains(&ms) && ms.fract() == 0.0 {
                // A bare year, as Vega reads `2004`.
                return Some(Cow::Owned(format!("{ms:.0}-01-01")));
            }
            from_ms(ms)
        }
        Value::String(s) => parse(s.trim()),
        _ => None,
    };
    owned.map(Cow::Owned)
}

/// `s` is shaped `YYYY-MM-DDTHH:MM:SS`, then at most a millisecond fraction and `Z`: a UTC
/// date-time whose first 19 characters are its ISO text (given it parses; a finer fraction
/// could round across a second, an offset moves the hour).
fn written_in_utc(s: &str) -> bool {
    let b = s.as_bytes();
    // A leap second (`:60`) is left to chrono, which moves it to the next minute.
    if b.len() < 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[17] > b'5' {
        return false;
    }
    let rest = b[19..].strip_suffix(b"Z").unwrap_or(&b[19..]);
    match rest {
        [] => true,
        [b'.', digits @ ..] => {
            (1..=3).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// Epoch milliseconds as an ISO date-time (UTC).
fn from_ms(ms: f64) -> Option<String> {
    let d = DateTime::from_timestamp_millis(ms as i64)?;
    Some(iso_date_time(d.naive_utc()))
}

/// `d` as `%Y-%m-%dT%H:%M:%S`, written directly for four-digit years (once per row of a
/// dataset, where parsing the strftime pattern, or even `format!`, cost more than the rest).
fn iso_date_time(d: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    if !(0..=9999).contains(&d.year()) {
        return d.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let mut out = iso_date(d.date());
    for (sep, n) in [('T', d.hour()), (':', d.minute()), (':', d.second())] {
        out.push(sep);
        push_digits(&mut out, n, 2);
    }
    out
}

/// `d` as `%Y-%m-%d`, written directly as [`iso_date_time`] is.
fn iso_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    if !(0..=9999).contains(&d.year()) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut out = String::with_capacity(19);
    push_digits(&mut out, d.year() as u32, 4);
    for n in [d.month(), d.day()] {
        out.push('-');
        push_digits(&mut out, n, 2);
    }
    out
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for k in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
    }
}

fn parse(s: &str) -> Option<String> {
    // ISO-8601, as chartfn reads dates everywhere (a date stays a date).
    if let Some(ms) = crate::format::date::parse_iso(s) {
        return if s.len() == 10 {
            Some(s.to_owned())
        } else {
            from_ms(ms)
        };
    }
    // The other forms vega-datasets use, tried only where the string has the shape they need
    // (chrono reads a pattern afresh on every call: for a dataset's every row, trying them all
    // cost more than the rest of the translation).
    const DATE_TIMES: [&str; 2] = ["%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"];
    const SLASHED_DATES: [&str; 2] = ["%Y/%m/%d", "%m/%d/%Y"];
    const MONTH_FIRST: [&str; 2] = ["%b %d %Y", "%B %d %Y"];
    const DAY_FIRST: [&str; 1] = ["%d %b %Y"];
    let slashed = s.contains('/');
    if slashed && s.contains(':') {
        for f in DATE_TIMES {
            if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
                return Some(iso_date_time(d));
            }
        }
    }
    if let Some(d) = month_first(s) {
        return Some(iso_date(d));
    }
    let dates: &[&str] = match s.bytes().next() {
        _ if slashed => &SLASHED_DATES,
        Some(b) if b.is_ascii_alphabetic() => &MONTH_FIRST,
        Some(b) if b.is_ascii_digit() => &DAY_FIRST,
        _ => &[],
    };
    for f in dates {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(iso_date(d));
        }
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("{s}-01-01"));
    }
    None
}

/// The time units chartfn groups dates by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Year,
    YearMonth,
    YearMonthDate,
    Month,
    /// Month and day in one year (Vega-Lite's 2012, a leap year): seasons compared across
    /// years, on a time axis.
    MonthDate,
    /// The day of the month, 1 to 31.
    Date,
    /// The day of the week, Sun to Sat.
    Day,
    /// The hour of the day, 0 to 23.
    Hours,
    /// Q1 to Q4.
    Quarter,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

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
            "monthdate" => Unit::MonthDate,
            "date" => Unit::Date,
            "day" => Unit::Day,
            "hours" => Unit::Hours,
            "quarter" => Unit::Quarter,
            other => {
                return Err(Error::unsupported(
                    node.path(),
                    format!("the time unit {other:?} is not computed (year, yearmonth, yearmonthdate, month, monthdate, date, day, hours and quarter are)"),
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
            Unit::MonthDate => "month-date",
            Unit::Date => "day of month",
            Unit::Day => "weekday",
            Unit::Hours => "hour",
            Unit::Quarter => "quarter",
        }
    }

    /// Units that repeat (every year, month, week or day): their buckets are names or numbers
    /// on a category axis, not dates.
    pub fn is_cyclic(self) -> bool {
        matches!(
            self,
            Unit::Month | Unit::Date | Unit::Day | Unit::Hours | Unit::Quarter
        )
    }

    /// The bucket of an ISO date: its first instant (a date), or a month's name.
    pub fn bucket(self, iso: &str) -> Value {
        let (y, m, d) = (
            &iso[..4],
            iso.get(5..7).unwrap_or("01"),
            iso.get(8..10).unwrap_or("01"),
        );
        // Pushed into a string of its final size, not `format!`ted nor `concat`enated: once
        // per row.
        let date = |parts: &[&str]| {
            let mut s = String::with_capacity(10);
            parts.iter().for_each(|p| s.push_str(p));
            s
        };
        Value::String(match self {
            Unit::Year => date(&[y, "-01-01"]),
            Unit::YearMonth => date(&[y, "-", m, "-01"]),
            Unit::YearMonthDate => date(&[y, "-", m, "-", d]),
            Unit::Month => MONTHS[month_number(m) - 1].to_owned(),
            Unit::MonthDate => ["2012-", m, "-", d].concat(),
            Unit::Date => d.trim_start_matches('0').to_owned(),
            Unit::Day => {
                let weekday = NaiveDate::parse_from_str(&iso[..10.min(iso.len())], "%Y-%m-%d")
                    .map(|date| chrono::Datelike::weekday(&date).num_days_from_sunday())
                    .unwrap_or(0);
                WEEKDAYS[weekday as usize].to_owned()
            }
            Unit::Hours => iso
                .get(11..13)
                .map_or(0, |h| h.parse::<u32>().unwrap_or(0))
                .to_string(),
            Unit::Quarter => format!("Q{}", (month_number(m) - 1) / 3 + 1),
        })
    }

    /// A bucket (from [`Unit::bucket`]) as a legend writes it, in Vega-Lite's formats: `1970`,
    /// `Jan 1970`, `Jan 01, 1970`, `Jan 01`; cyclic units' buckets are already names.
    pub fn label(self, bucket: &Value) -> String {
        let text = super::super::node::text_of(bucket).unwrap_or_default();
        let (Some(y), Some(m), Some(d)) = (text.get(..4), text.get(5..7), text.get(8..10)) else {
            return text;
        };
        let month = MONTHS[month_number(m) - 1];
        match self {
            Unit::Year => y.to_owned(),
            Unit::YearMonth => format!("{month} {y}"),
            Unit::YearMonthDate => format!("{month} {d}, {y}"),
            Unit::MonthDate => format!("{month} {d}"),
            _ => text,
        }
    }

    /// Sort key of a cyclic name (a month's or a weekday's), for ordering them as the calendar
    /// does; `None` for other text.
    pub fn month_index(label: &str) -> Option<usize> {
        MONTHS
            .iter()
            .position(|m| *m == label)
            .or_else(|| WEEKDAYS.iter().position(|d| *d == label))
    }
}

/// `Jan 1 2000` or `January 1 2000` (stocks.csv's dates, one per row), read without chrono's
/// pattern parser: a month name (as chrono's `Month` reads it: short or long, any case), one
/// space, a day of one or two digits, one space, a four-digit year. Anything else is left to
/// chrono's `%b %d %Y` and `%B %d %Y`, which read these the same.
fn month_first(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split(' ');
    let (name, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |t: &str, lens: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (lens.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())?
    };
    let (day, year) = (digits(day, 1..=2)?, digits(year, 4..=4)? as i32);
    if parts.next().is_some() {
        return None;
    }
    let month = name.parse::<chrono::Month>().ok()?;
    NaiveDate::from_ymd_opt(year, month.number_from_month(), day)
}

/// A month's number (1 to 12) from its two digits.
fn month_number(m: &str) -> usize {
    m.parse::<usize>().unwrap_or(1).clamp(1, 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_date_times_are_borrowed_as_parsing_would_write_them() {
        for s in [
            "2000-01-01T08:00:00.000Z",
            "2000-01-01T08:00:00",
            "2000-01-01T08:00:00Z",
            "2000-01-01T08:00:00.5",
            "1969-12-31T23:59:59.999Z",
            "2000-02-30T08:00:00Z",
            "2000-01-01T08:00:00+05:00",
            "2000-01-01T08:00:00.123456Z",
            "2016-12-31T23:59:60Z",
        ] {
            let value = Value::String(s.into());
            let text = iso_text(&value);
            assert_eq!(text.as_deref(), parse(s).as_deref(), "{s}");
            let borrowed = matches!(text, Some(Cow::Borrowed(_)));
            assert_eq!(borrowed, written_in_utc(s) && text.is_some(), "{s}");
        }
    }

    #[test]
    fn date_times_are_written_as_strftime_writes_them() {
        for ms in [
            0.0,
            951_782_400_123.0,
            -62_135_596_800_000.0,
            253_402_300_799_000.0,
        ] {
            let d = DateTime::from_timestamp_millis(ms as i64)
                .unwrap()
                .naive_utc();
            assert_eq!(iso_date_time(d), d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
        let far = NaiveDate::from_ymd_opt(12_345, 6, 7)
            .unwrap()
            .and_hms_opt(1, 2, 3)
            .unwrap();
        assert_eq!(
            iso_date_time(far),
            far.format("%Y-%m-%dT%H:%M:%S").to_string()
        );
    }
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
        // Each pattern is tried only on strings of its shape.
        let read = |s: &str| iso(&Value::String(s.into()));
        for (given, iso) in [
            ("2000/02/29 13:45:07", "2000-02-29T13:45:07"),
            ("2000/02/29 13:45", "2000-02-29T13:45:00"),
            ("2000/02/29", "2000-02-29"),
            ("02/29/2000", "2000-02-29"),
            ("Feb 29 2000", "2000-02-29"),
            ("February 29 2000", "2000-02-29"),
            ("29 Feb 2000", "2000-02-29"),
            ("2000-02-29", "2000-02-29"),
            ("1999", "1999-01-01"),
        ] {
            assert_eq!(read(given).as_deref(), Some(iso), "{given}");
        }
        // The month-first reader gives what chrono's patterns give.
        for s in [
            "Jan 1 2000",
            "jan 01 2000",
            "SEPTEMBER 9 1999",
            "May 31 2010",
            "Feb 29 2001",
            "Sept 1 2000",
            "Janu 1 2000",
            "Jan  1 2000",
            "Jan 1 20000",
            "Jan 123 2000",
            "Jan 1 2000 ",
            "Mar 0 2000",
            "Dec 31 0099",
            "Jan +1 2000",
            "Jan 1 -200",
        ] {
            let chrono = ["%b %d %Y", "%B %d %Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s.trim(), f).ok());
            if let Some(d) = month_first(s) {
                assert_eq!(Some(d), chrono, "{s}");
            }
            assert_eq!(read(s), chrono.map(iso_date), "{s}");
        }
        for not_a_date in [
            "Feb 30 2000",
            "2000/13/01",
            "29 Febx 2000",
            "",
            "/",
            "x 1 2",
        ] {
            assert_eq!(read(not_a_date), None, "{not_a_date}");
        }
        let far = NaiveDate::from_ymd_opt(12_345, 6, 7).unwrap();
        assert_eq!(iso_date(far), far.format("%Y-%m-%d").to_string());
        assert_eq!(Unit::Month.bucket("2012-03-05"), json!("Mar"));
        assert_eq!(Unit::YearMonth.bucket("2012-03-05"), json!("2012-03-01"));
        for (unit, label) in [
            (Unit::Year, "2012"),
            (Unit::YearMonth, "Mar 2012"),
            (Unit::YearMonthDate, "Mar 05, 2012"),
            (Unit::MonthDate, "Mar 05"),
            (Unit::Month, "Mar"),
            (Unit::Quarter, "Q1"),
        ] {
            assert_eq!(unit.label(&unit.bucket("2012-03-05")), label);
        }
    }
}
