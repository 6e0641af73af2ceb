//! Time ticks: v1's labels unchanged in UTC and English, calendar steps in time zones across
//! the daylight-saving changes, localized labels.

use super::*;
use crate::format::date::parse_iso;
use chrono::{DateTime, Utc};

fn iso(s: &str) -> f64 {
    parse_iso(s).unwrap()
}

fn in_zone(zone: &str, locale: &str) -> TickLabels {
    TickLabels {
        locale: Locale::named(locale).unwrap(),
        zone: Zone::named(zone).unwrap(),
        format: None,
    }
}

fn utc() -> TickLabels {
    TickLabels::plain()
}

/// Hours between consecutive ticks.
fn gaps_in_hours(values: &[f64]) -> Vec<f64> {
    values.windows(2).map(|w| (w[1] - w[0]) / 3.6e6).collect()
}

#[test]
fn monthly_ticks_read_as_months() {
    let t = ticks(iso("2025-01-01"), iso("2025-12-31"), 6, &utc());
    assert_eq!(t.labels[0], "Jan 2025");
    assert!(t.labels.len() <= 7, "{:?}", t.labels);
}

#[test]
fn hourly_ticks_in_one_day() {
    let t = ticks(iso("2025-01-01T00:00"), iso("2025-01-01T12:00"), 4, &utc());
    assert_eq!(t.labels, vec!["00:00", "03:00", "06:00", "09:00", "12:00"]);
}

#[test]
fn english_utc_labels_are_chronos_v1_labels() {
    // v1 wrote these with chrono's strftime; the locale-aware formats must say the same.
    let pairs = [
        ("%Y", "%Y"),
        ("%b %Y", "%b %Y"),
        ("%b %-d", "%b %-d"),
        ("%Y-%m-%d", "%Y-%m-%d"),
        ("%H:%M", "%H:%M"),
        ("%b %-d %H:%M", "%b %-d %H:%M"),
        ("%H:%M:%S", "%H:%M:%S"),
        ("%H:%M:%S.%L", "%H:%M:%S%.3f"),
    ];
    let mut ms = -2.0e12;
    while ms < 4.0e12 {
        let t = Zone::Utc.local(ms).unwrap();
        let chrono_time = DateTime::<Utc>::from_timestamp_millis(ms as i64).unwrap();
        for (ours, v1) in pairs {
            let f = TimeFormat::parse(ours).unwrap();
            let want = chrono_time.format(v1).to_string();
            assert_eq!(
                f.format(&t, crate::format::locale::DEFAULT),
                want,
                "{ours} at {ms}"
            );
        }
        ms += 9_876_543_211.0;
    }
}

#[test]
fn berlin_days_start_at_local_midnight_across_both_changes() {
    let text = in_zone("Europe/Berlin", "de-DE");
    let spring = ticks(iso("2025-03-28T12:00Z"), iso("2025-04-01T12:00Z"), 5, &text);
    assert_eq!(spring.labels, ["29. Mrz", "30. Mrz", "31. Mrz", "1. Apr"]);
    assert_eq!(
        gaps_in_hours(&spring.values),
        [24.0, 23.0, 24.0],
        "30 March is short"
    );
    assert_eq!(spring.values[0], iso("2025-03-28T23:00Z"));
    let autumn = ticks(iso("2025-10-24T12:00Z"), iso("2025-10-28T12:00Z"), 5, &text);
    assert_eq!(autumn.labels, ["25. Okt", "26. Okt", "27. Okt", "28. Okt"]);
    assert_eq!(gaps_in_hours(&autumn.values), [24.0, 25.0, 24.0]);
}

#[test]
fn new_york_days_and_hours_across_both_changes() {
    let text = in_zone("America/New_York", "en-US");
    let spring = ticks(iso("2025-03-07T12:00Z"), iso("2025-03-11T12:00Z"), 5, &text);
    assert_eq!(spring.labels, ["Mar 8", "Mar 9", "Mar 10", "Mar 11"]);
    assert_eq!(gaps_in_hours(&spring.values), [24.0, 23.0, 24.0]);
    let autumn = ticks(iso("2025-10-31T12:00Z"), iso("2025-11-04T12:00Z"), 5, &text);
    assert_eq!(autumn.labels, ["Nov 1", "Nov 2", "Nov 3", "Nov 4"]);
    assert_eq!(gaps_in_hours(&autumn.values), [24.0, 25.0, 24.0]);
    // Six-hourly ticks stay on the local clock: 00, 06, 12, 18 on the short day too.
    let day = ticks(iso("2025-03-09T05:00Z"), iso("2025-03-10T04:00Z"), 4, &text);
    assert_eq!(day.labels, ["00:00", "06:00", "12:00", "18:00", "00:00"]);
    assert_eq!(gaps_in_hours(&day.values), [5.0, 6.0, 6.0, 6.0]);
    // Hourly ticks over the skipped hour: 01:00, then 03:00 (02:00 does not exist).
    let hours = ticks(iso("2025-03-09T05:30Z"), iso("2025-03-09T08:30Z"), 3, &text);
    assert_eq!(hours.labels, ["01:00", "03:00", "04:00"]);
}

#[test]
fn months_start_at_local_midnight() {
    let text = in_zone("Europe/Berlin", "fr-FR");
    let t = ticks(iso("2025-01-15"), iso("2025-05-15"), 5, &text);
    assert_eq!(
        t.labels,
        ["févr. 2025", "mars 2025", "avr. 2025", "mai 2025"]
    );
    assert_eq!(t.values[0], iso("2025-01-31T23:00Z"));
    assert_eq!(
        t.values[2],
        iso("2025-03-31T22:00Z"),
        "April starts in summer time"
    );
}

#[test]
fn formats_write_local_time() {
    let text = TickLabels {
        format: Some(AxisFormat::Time(TimeFormat::parse("%a %H:%M %Z").unwrap())),
        ..in_zone("America/New_York", "en-US")
    };
    let t = ticks(iso("2025-07-04T12:00Z"), iso("2025-07-04T18:00Z"), 2, &text);
    assert_eq!(
        t.labels,
        ["Fri 09:00 EDT", "Fri 12:00 EDT"],
        "local hours divisible by 3"
    );
}

#[test]
fn a_date_format_ticks_no_finer_than_it_writes() {
    let text = TickLabels {
        format: Some(AxisFormat::Time(TimeFormat::parse("%a %-d %b").unwrap())),
        ..in_zone("America/New_York", "en-US")
    };
    let t = ticks(
        iso("2025-03-07T06:00Z"),
        iso("2025-03-11T18:00Z"),
        10,
        &text,
    );
    assert_eq!(
        t.labels,
        ["Sat 8 Mar", "Sun 9 Mar", "Mon 10 Mar", "Tue 11 Mar"]
    );
}

#[test]
fn chosen_ticks_are_labelled_by_their_spacing() {
    let days = [iso("2025-03-01"), iso("2025-03-08"), iso("2025-03-15")];
    assert_eq!(labels_for(&days, &utc()), ["Mar 1", "Mar 8", "Mar 15"]);
    let years = [iso("2000-01-01"), iso("2010-01-01")];
    assert_eq!(labels_for(&years, &utc()), ["2000", "2010"]);
    assert_eq!(labels_for(&[iso("2000-06-01")], &utc()), ["Jun 1"]);
}
