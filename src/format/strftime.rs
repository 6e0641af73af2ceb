//! Date formats in strftime's notation (`%b %Y`, `%d.%m.`, `%H:%M`), with the month and day
//! names and AM/PM of a [`Locale`], padded as d3-time-format pads them.
//!
//! The directives: `%a %A` (short and full day name), `%b %B` (month name), `%d` (day of the
//! month, zero-padded), `%e` (space-padded), `%H` (hour 00–23), `%I` (01–12), `%j` (day of the
//! year), `%L` (milliseconds), `%m` (month number), `%M` (minute), `%p` (AM/PM), `%S`
//! (second), `%y %Y` (year, two or four digits), `%Z` (time zone abbreviation), `%%`. A flag
//! between `%` and the letter changes the padding: `-` none, `_` spaces, `0` zeros.

use super::locale::Locale;
use super::zone::LocalTime;
use chrono::{Datelike, Timelike};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ShortDay,
    Day,
    ShortMonth,
    Month,
    DayOfMonth,
    DayOfMonthSpaced,
    Hour24,
    Hour12,
    DayOfYear,
    Millisecond,
    MonthNumber,
    Minute,
    Period,
    Second,
    ShortYear,
    Year,
    ZoneName,
}

/// A padding flag: `-`, `_` or `0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pad {
    Default,
    Nothing,
    Spaces,
    Zeros,
}

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text(String),
    Field(Field, Pad),
}

/// A parsed date format.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeFormat {
    items: Vec<Item>,
}

const DIRECTIVES: &str = "%a %A %b %B %d %e %H %I %j %L %m %M %p %S %y %Y %Z %%";

fn field_of(c: char) -> Option<Field> {
    Some(match c {
        'a' => Field::ShortDay,
        'A' => Field::Day,
        'b' => Field::ShortMonth,
        'B' => Field::Month,
        'd' => Field::DayOfMonth,
        'e' => Field::DayOfMonthSpaced,
        'H' => Field::Hour24,
        'I' => Field::Hour12,
        'j' => Field::DayOfYear,
        'L' => Field::Millisecond,
        'm' => Field::MonthNumber,
        'M' => Field::Minute,
        'p' => Field::Period,
        'S' => Field::Second,
        'y' => Field::ShortYear,
        'Y' => Field::Year,
        'Z' => Field::ZoneName,
        _ => return None,
    })
}

impl TimeFormat {
    /// Parses a format; the error names the directive that is not understood.
    pub fn parse(spec: &str) -> Result<TimeFormat, String> {
        let mut items = Vec::new();
        let mut text = String::new();
        let mut chars = spec.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                text.push(c);
                continue;
            }
            let mut next = chars.next();
            let pad = match next {
                Some('-') => Pad::Nothing,
                Some('_') => Pad::Spaces,
                Some('0') => Pad::Zeros,
                _ => Pad::Default,
            };
            if pad != Pad::Default {
                next = chars.next();
            }
            match next {
                Some('%') if pad == Pad::Default => text.push('%'),
                Some(d) if field_of(d).is_some() => {
                    if !text.is_empty() {
                        items.push(Item::Text(std::mem::take(&mut text)));
                    }
                    items.push(Item::Field(field_of(d).unwrap_or(Field::Year), pad));
                }
                Some(d) => {
                    return Err(format!(
                        "%{d} is not a date format directive (use {DIRECTIVES})"
                    ))
                }
                None => return Err("ends in a lone %; write %% for a percent sign".to_owned()),
            }
        }
        if !text.is_empty() {
            items.push(Item::Text(text));
        }
        Ok(TimeFormat { items })
    }

    /// The finest time step the format tells apart, in milliseconds: a day for `%a %d`, a month
    /// for `%b %Y`, an hour for `%H`; 0 when it writes no date or time field.
    pub fn resolution_ms(&self) -> f64 {
        let step = |f: &Field| match f {
            Field::Millisecond => 1.0,
            Field::Second => 1e3,
            Field::Minute => 6e4,
            Field::Hour24 | Field::Hour12 | Field::Period => 3.6e6,
            Field::ShortDay | Field::Day | Field::DayOfMonth | Field::DayOfMonthSpaced => 8.64e7,
            Field::DayOfYear => 8.64e7,
            Field::ShortMonth | Field::Month | Field::MonthNumber => 2.6e9,
            Field::ShortYear | Field::Year => 3.1e10,
            Field::ZoneName => f64::INFINITY,
        };
        let finest = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Field(f, _) => Some(step(f)),
                Item::Text(_) => None,
            })
            .fold(f64::INFINITY, f64::min);
        if finest.is_finite() {
            finest
        } else {
            0.0
        }
    }

    /// `t` written in this format with `locale`'s names.
    pub fn format(&self, t: &LocalTime, locale: &Locale) -> String {
        let mut out = String::new();
        for item in &self.items {
            match item {
                Item::Text(s) => out.push_str(s),
                Item::Field(f, pad) => write_field(&mut out, *f, *pad, t, locale),
            }
        }
        out
    }
}

/// Appends `n` padded to `width` with `fill` (`pad` may override the fill, or drop it).
fn push_number(out: &mut String, n: i64, width: usize, fill: char, pad: Pad) {
    let fill = match pad {
        Pad::Default => fill,
        Pad::Nothing => {
            out.push_str(&n.to_string());
            return;
        }
        Pad::Spaces => ' ',
        Pad::Zeros => '0',
    };
    let digits = n.unsigned_abs().to_string();
    if n < 0 {
        out.push('-');
    }
    for _ in digits.len()..width {
        out.push(fill);
    }
    out.push_str(&digits);
}

fn write_field(out: &mut String, f: Field, pad: Pad, t: &LocalTime, locale: &Locale) {
    let w = &t.when;
    let weekday = w.weekday().num_days_from_sunday() as usize;
    let month = w.month0() as usize;
    let number =
        |out: &mut String, n: i64, width: usize, fill: char| push_number(out, n, width, fill, pad);
    match f {
        Field::ShortDay => out.push_str(locale.short_days[weekday]),
        Field::Day => out.push_str(locale.days[weekday]),
        Field::ShortMonth => out.push_str(locale.short_months[month]),
        Field::Month => out.push_str(locale.months[month]),
        Field::DayOfMonth => number(out, w.day() as i64, 2, '0'),
        Field::DayOfMonthSpaced => number(out, w.day() as i64, 2, ' '),
        Field::Hour24 => number(out, w.hour() as i64, 2, '0'),
        Field::Hour12 => {
            let h = w.hour() % 12;
            number(out, if h == 0 { 12 } else { h } as i64, 2, '0')
        }
        Field::DayOfYear => number(out, w.ordinal() as i64, 3, '0'),
        Field::Millisecond => number(out, (w.nanosecond() / 1_000_000).min(999) as i64, 3, '0'),
        Field::MonthNumber => number(out, month as i64 + 1, 2, '0'),
        Field::Minute => number(out, w.minute() as i64, 2, '0'),
        Field::Period => out.push_str(locale.periods[usize::from(w.hour() >= 12)]),
        Field::Second => number(out, w.second().min(59) as i64, 2, '0'),
        Field::ShortYear => number(out, w.year().rem_euclid(100) as i64, 2, '0'),
        Field::Year => number(out, w.year() as i64, 4, '0'),
        Field::ZoneName => out.push_str(&t.abbreviation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::date::parse_iso;
    use crate::format::zone::Zone;

    /// `iso` (UTC) in format `spec`, read in `zone` with `locale`.
    fn show(spec: &str, iso: &str, zone: &str, locale: &str) -> String {
        let t = Zone::named(zone)
            .unwrap()
            .local(parse_iso(iso).unwrap())
            .unwrap();
        TimeFormat::parse(spec)
            .unwrap()
            .format(&t, Locale::named(locale).unwrap())
    }

    fn us(spec: &str, iso: &str) -> String {
        show(spec, iso, "UTC", "en-US")
    }

    #[test]
    fn every_directive_in_english() {
        let t = "2025-03-05T14:07:09.042Z"; // a Wednesday
        assert_eq!(us("%a %A", t), "Wed Wednesday");
        assert_eq!(us("%b %B", t), "Mar March");
        assert_eq!(us("%d|%e|%-d|%_d", t), "05| 5|5| 5");
        assert_eq!(us("%H:%M:%S.%L", t), "14:07:09.042");
        assert_eq!(us("%I %p", t), "02 PM");
        assert_eq!(us("%I %p", "2025-03-05T00:30:00Z"), "12 AM");
        assert_eq!(us("%-I%p", "2025-03-05T12:30:00Z"), "12PM");
        assert_eq!(us("%j %m %y %Y", t), "064 03 25 2025");
        assert_eq!(us("%Z 100%%", t), "UTC 100%");
        assert_eq!(us("%0e", t), "05");
        assert_eq!(us("%Y", "0987-01-01"), "0987");
    }

    #[test]
    fn resolution_is_the_finest_field() {
        let r = |s: &str| TimeFormat::parse(s).unwrap().resolution_ms();
        assert_eq!(r("%a %-d %b"), 8.64e7);
        assert_eq!(r("%b %Y"), 2.6e9);
        assert_eq!(r("%Y"), 3.1e10);
        assert_eq!(r("%d %H:%M"), 6e4);
        assert_eq!(r("%Z"), 0.0);
        assert_eq!(r("week"), 0.0);
    }

    #[test]
    fn names_follow_the_locale() {
        let t = "2025-03-05T14:07:09Z";
        assert_eq!(
            show("%A %e %B %Y", t, "UTC", "fr-FR"),
            "mercredi  5 mars 2025"
        );
        assert_eq!(show("%a %d. %b", t, "UTC", "de-DE"), "Mi 05. Mrz");
        assert_eq!(show("%-d %B", t, "UTC", "de-DE"), "5 März");
        assert_eq!(show("%A %-d %B", t, "UTC", "ru-RU"), "среда 5 марта");
        assert_eq!(show("%b %Y", t, "UTC", "es-ES"), "mar 2025");
        assert_eq!(show("%-I %p", t, "UTC", "sv-SE"), "2 em");
        assert_eq!(show("%B", "2025-10-01", "UTC", "pl-PL"), "Październik");
    }

    #[test]
    fn zones_shift_the_clock_and_name_themselves() {
        let summer = "2025-07-01T12:00:00Z";
        assert_eq!(
            show("%H:%M %Z", summer, "Europe/Berlin", "de-DE"),
            "14:00 CEST"
        );
        assert_eq!(
            show("%H:%M %Z", summer, "America/New_York", "en-US"),
            "08:00 EDT"
        );
        let winter = "2025-01-01T03:00:00Z";
        assert_eq!(
            show("%d %b %H:%M %Z", winter, "America/New_York", "en-US"),
            "31 Dec 22:00 EST"
        );
    }

    #[test]
    fn unknown_directives_are_refused() {
        let e = TimeFormat::parse("%Y-%q").unwrap_err();
        assert!(e.starts_with("%q is not a date format directive"), "{e}");
        assert!(TimeFormat::parse("100%").is_err());
        assert!(TimeFormat::parse("%-%").is_err());
        assert!(TimeFormat::parse("week of %d").is_ok());
    }
}
