//! Dates in a moment.js format (a time scale's `time.parser`, such as `MM/DD/YYYY HH:mm`),
//! read by turning the format into chrono's: the common tokens only, each named, so that a
//! day-first or month-first format is never guessed.

use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};

/// A `time.parser`, ready to read dates.
#[derive(Debug, Clone)]
pub struct DateParser {
    /// The same format in chrono's terms.
    chrono: String,
    /// Whether it reads a time of day, not only a date.
    timed: bool,
}

/// moment.js tokens and their chrono equivalents, longest first.
const TOKENS: [(&str, &str); 17] = [
    ("YYYY", "%Y"),
    ("MMMM", "%B"),
    ("MMM", "%b"),
    ("dddd", "%A"),
    ("ddd", "%a"),
    ("YY", "%y"),
    ("MM", "%m"),
    ("DD", "%d"),
    ("HH", "%H"),
    ("hh", "%I"),
    ("mm", "%M"),
    ("ss", "%S"),
    ("M", "%m"),
    ("D", "%d"),
    ("H", "%H"),
    ("h", "%I"),
    ("A", "%p"),
];

impl DateParser {
    /// The parser for the moment.js `format` written at `path`.
    pub fn from_moment(format: &str, path: &str) -> Result<DateParser> {
        let mut chrono = String::new();
        let mut rest = format;
        while let Some(c) = rest.chars().next() {
            if let Some((token, ours)) = TOKENS.iter().find(|(t, _)| rest.starts_with(t)) {
                chrono.push_str(ours);
                rest = &rest[token.len()..];
            } else if c.is_ascii_alphabetic() {
                return Err(Error::unsupported(
                    path,
                    format!("the moment.js token at {rest:?} is not read (YYYY, YY, MMMM, MMM, MM, M, DD, D, dddd, ddd, HH, H, hh, h, mm, ss and A are)"),
                ));
            } else {
                if c == '%' {
                    chrono.push('%');
                }
                chrono.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        let timed = ["%H", "%I", "%M", "%S"].iter().any(|t| chrono.contains(t));
        Ok(DateParser { chrono, timed })
    }

    /// `text` as an ISO-8601 date (or date-time), if it has the format.
    pub fn iso(&self, text: &str) -> Option<String> {
        let text = text.trim();
        if self.timed {
            NaiveDateTime::parse_from_str(text, &self.chrono)
                .ok()
                .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
        } else {
            NaiveDate::parse_from_str(text, &self.chrono)
                .ok()
                .map(|d| d.format("%Y-%m-%d").to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_moment_formats() {
        let p = DateParser::from_moment("MM/DD/YYYY HH:mm", "/p").unwrap();
        assert_eq!(
            p.iso("06/14/2020 09:08").as_deref(),
            Some("2020-06-14T09:08:00")
        );
        // Month first means month first: a day-first date does not read.
        assert_eq!(p.iso("14/06/2020 09:08"), None);
        let d = DateParser::from_moment("D MMM YYYY", "/p").unwrap();
        assert_eq!(d.iso("3 Feb 2021").as_deref(), Some("2021-02-03"));
        let h = DateParser::from_moment("YYYY-MM-DD hh:mm A", "/p").unwrap();
        assert_eq!(
            h.iso("2021-02-03 01:30 PM").as_deref(),
            Some("2021-02-03T13:30:00")
        );
        // A literal % stays literal.
        let pct = DateParser::from_moment("YYYY%MM", "/p").unwrap();
        assert_eq!(pct.iso("2021%02"), None, "no day: not a date");
        let e = DateParser::from_moment("X", "/options/p").unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/options/p"));
    }
}
