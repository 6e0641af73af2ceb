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
}
