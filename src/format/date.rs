//! Dates as text: the ISO-8601 forms a spec may use, read into epoch milliseconds (UTC).

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// ±100,000 years is far beyond any chart and keeps chrono in range.
pub const MAX_EPOCH_MS: f64 = 3.0e15;

/// Parses `2025-01-31`, `2025-01`, `2025-01-31T12:00`, `2025-01-31 12:00:00.5`, with `Z` or an
/// offset (no zone means UTC) into epoch milliseconds.
pub fn parse_iso(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.len() < 7 || !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    // Data is read a value at a time, and chrono's format parser costs microseconds per
    // value: the common exact shapes are read by hand (the same results, tested), the rest
    // by chrono below.
    if let Some(ms) = by_shape(s) {
        return Some(ms);
    }
    parse_with_chrono(s)
}

/// `YYYY-MM-DD`, optionally `T` or a space and `HH:MM`, `:SS` and a fraction of 1 to 9
/// digits, optionally `Z`, in UTC; `None` for any other shape (left to chrono), and for
/// out-of-range fields (chrono refuses them too), except a leap second, left to chrono.
fn by_shape(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = b.get(r)?;
        t.iter()
            .all(u8::is_ascii_digit)
            .then(|| t.iter().fold(0, |n, &d| n * 10 + (d - b'0') as u32))
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    let rest = b[10..].strip_suffix(b"Z").unwrap_or(&b[10..]);
    if rest.is_empty() {
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis() as f64);
    }
    if !(rest[0] == b'T' || rest[0] == b' ') || rest.len() < 6 || rest[3] != b':' {
        return None;
    }
    let (h, m) = (digits(11..13)?, digits(14..16)?);
    let (sec, frac) = match &rest[6..] {
        [] => (0, &[][..]),
        [b':', s1, s2, tail @ ..] if s1.is_ascii_digit() && s2.is_ascii_digit() => {
            let sec = ((s1 - b'0') * 10 + (s2 - b'0')) as u32;
            match tail {
                [] => (sec, &[][..]),
                [b'.', f @ ..]
                    if (1..=9).contains(&f.len()) && f.iter().all(u8::is_ascii_digit) =>
                {
                    (sec, f)
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    if sec >= 60 {
        return None;
    }
    // Milliseconds: the first three fraction digits (chrono keeps nanoseconds, and
    // `timestamp_millis` truncates them the same way).
    let ms = (0..3).fold(0, |n, i| {
        n * 10 + frac.get(i).map_or(0, |&d| (d - b'0') as u32)
    });
    let t = date.and_hms_milli_opt(h, m, sec, ms)?;
    Some(t.and_utc().timestamp_millis() as f64)
}

/// [`parse_iso`] by chrono's parsers, for every form it takes.
fn parse_with_chrono(s: &str) -> Option<f64> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.timestamp_millis() as f64);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.timestamp_millis() as f64);
        }
    }
    let naive = s.trim_end_matches('Z');
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(naive, fmt) {
            return Some(dt.and_utc().timestamp_millis() as f64);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(naive, "%Y-%m-%d") {
        return Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis() as f64);
    }
    if naive.len() == 7 {
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{naive}-01"), "%Y-%m-%d") {
            return Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis() as f64);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        let day = parse_iso("2025-01-02").unwrap();
        assert_eq!(day, 1_735_776_000_000.0);
        assert_eq!(parse_iso("2025-01-02T00:00:00Z"), Some(day));
        assert_eq!(parse_iso("2025-01-02T01:00:00+01:00"), Some(day));
        assert_eq!(parse_iso("2025-01-02 00:00"), Some(day));
        assert_eq!(parse_iso("2025-01"), Some(1_735_689_600_000.0));
        assert_eq!(parse_iso("2025-13-01"), None);
        assert_eq!(parse_iso("hello"), None);
        assert_eq!(parse_iso("12345678"), None);
    }

    /// The hand-read shapes give exactly what chrono gives, and refuse what it refuses.
    #[test]
    fn shapes_read_by_hand_agree_with_chrono() {
        for s in [
            "2025-01-02",
            "2024-02-29",
            "2025-02-29",
            "2025-00-10",
            "2025-01-32",
            "2025-01-02T00:00",
            "2025-01-02 23:59",
            "2025-01-02T12:34:56",
            "2025-01-02T12:34:56Z",
            "2025-01-02T12:34:56.7",
            "2025-01-02T12:34:56.789",
            "2025-01-02T12:34:56.789999999Z",
            "2025-01-02 12:34:56.5",
            "2025-01-02T24:00",
            "2025-01-02T23:60",
            "2025-01-02T23:59:61",
            "1969-12-31T23:59:59.999",
            "0001-01-01",
            "9999-12-31T23:59:59",
        ] {
            let hand = by_shape(s);
            let chrono = parse_with_chrono(s);
            match hand {
                Some(_) => assert_eq!(hand, chrono, "{s}"),
                // Refused by hand: chrono refuses it too, or it is left to chrono.
                None => assert_eq!(parse_iso(s), chrono, "{s}"),
            }
        }
        // Every in-range shape is read by hand (the fast path is taken).
        assert!(by_shape("2025-01-02T12:34:56.789Z").is_some());
        assert!(by_shape("2025-01-02").is_some());
    }
}
