//! How labels read: the chart's `locale` and `timezone`, and each axis' `format` and `ticks`.
//!
//! Separate from the axis bounds because these decide the text of the labels, not the range:
//! a format string is parsed here once (an error names the field), and tick values are read as
//! the axis reads data (numbers, dates, category names).

use super::truncate;
use super::values::{date_x, number};
use crate::error::{Error, Result};
use crate::format::d3::NumberFormat;
use crate::format::locale::{self, Locale};
use crate::format::strftime::TimeFormat;
use crate::format::zone::Zone;
use crate::spec::model::{AxisFormat, AxisKind, TickChoice, TickLabels};
use crate::spec::{AxisSpec, Scalar, TicksSpec};

/// At most this many explicit tick values, or ticks asked for by count, per axis.
pub(super) const MAX_TICKS: usize = 1000;

/// The chart's `locale` (default en-US).
pub(super) fn chart_locale(name: Option<&str>) -> Result<&'static Locale> {
    let Some(name) = name else {
        return Ok(locale::DEFAULT);
    };
    Locale::named(name).ok_or_else(|| {
        Error::spec(
            "/locale",
            format!(
                "{:?} is not a supported locale (use one of {})",
                truncate(name),
                Locale::names()
            ),
        )
    })
}

/// The chart's `timezone` (default UTC).
pub(super) fn chart_zone(name: Option<&str>) -> Result<Zone> {
    let Some(name) = name else {
        return Ok(Zone::Utc);
    };
    Zone::named(name).ok_or_else(|| {
        Error::spec(
            "/timezone",
            format!(
                "{:?} is not a time zone (use UTC or an IANA name such as Europe/Berlin)",
                truncate(name)
            ),
        )
    })
}

/// The label format and ticks of an axis of `kind` written as `spec` at `path` (its JSON
/// Pointer), in the chart's `conventions` (locale and zone, no format).
pub(super) fn axis_labels(
    spec: Option<&AxisSpec>,
    kind: &AxisKind,
    path: &str,
    conventions: &TickLabels,
) -> Result<(TickLabels, Option<TickChoice>)> {
    let format = match spec.and_then(|a| a.format.as_deref()) {
        Some(f) => Some(axis_format(f, kind, &format!("{path}/format"))?),
        None => None,
    };
    let ticks = match spec.and_then(|a| a.ticks.as_ref()) {
        Some(t) => Some(tick_choice(t, kind, &format!("{path}/ticks"))?),
        None => None,
    };
    let labels = TickLabels {
        format,
        ..conventions.clone()
    };
    Ok((labels, ticks))
}

/// A format string, parsed for the axis kind: strftime on time axes, d3-format on numbers.
fn axis_format(text: &str, kind: &AxisKind, path: &str) -> Result<AxisFormat> {
    let bad = |what: &str, why: String| {
        Error::spec(
            path,
            format!("{:?} is not a {what} format: {why}", truncate(text)),
        )
    };
    match kind {
        AxisKind::Time => TimeFormat::parse(text)
            .map(AxisFormat::Time)
            .map_err(|e| bad("date", e)),
        AxisKind::Linear | AxisKind::Log => NumberFormat::parse(text)
            .map(AxisFormat::Number)
            .map_err(|e| bad("number", e)),
        AxisKind::Category(_) => Err(Error::spec(
            path,
            "a category axis takes no format: its labels are the category names",
        )),
    }
}

/// `ticks` as written: a count, or values read as the axis reads its data.
fn tick_choice(ticks: &TicksSpec, kind: &AxisKind, path: &str) -> Result<TickChoice> {
    let values = match ticks {
        TicksSpec::Count(c) => {
            let n = c.count as usize;
            if n == 0 || n > MAX_TICKS {
                return Err(Error::spec(
                    format!("{path}/count"),
                    format!("must be from 1 to {MAX_TICKS}, found {n}"),
                ));
            }
            return Ok(TickChoice::Count(n));
        }
        TicksSpec::Values(v) => v,
    };
    if values.len() > MAX_TICKS {
        return Err(Error::limit(
            Some(path),
            "tick values",
            values.len(),
            MAX_TICKS,
        ));
    }
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        let p = || format!("{path}/{i}");
        out.push(match kind {
            AxisKind::Linear => number(v, p)?,
            AxisKind::Log => positive(v, p)?,
            AxisKind::Time => date_x(v, p)?,
            AxisKind::Category(names) => category_index(v, names, p)?,
        });
    }
    Ok(TickChoice::Values(out))
}

/// A tick on a log axis: a positive number.
fn positive(v: &Scalar, p: impl Fn() -> String) -> Result<f64> {
    let n = number(v, &p)?;
    if n <= 0.0 {
        return Err(Error::spec(
            p(),
            format!("a log axis needs positive ticks, found {n}"),
        ));
    }
    Ok(n)
}

/// A tick on a category axis: one of its categories, by name (a number names the category
/// written as that number).
fn category_index(v: &Scalar, names: &[String], p: impl Fn() -> String) -> Result<f64> {
    let name = match v {
        Scalar::Str(s) => s.clone(),
        Scalar::Num(n) => crate::format::number::format_number(*n),
        Scalar::Null => return Err(Error::spec(p(), "expected a category name, found null")),
    };
    names
        .iter()
        .position(|c| *c == name)
        .map(|i| i as f64)
        .ok_or_else(|| {
            Error::spec(
                p(),
                format!("{:?} is not one of the axis' categories", truncate(&name)),
            )
        })
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorCode;
    use crate::format::zone::Zone;
    use crate::spec::limits::Limits;
    use crate::spec::model::{AxisFormat, Chart, TickChoice};
    use crate::spec::validate::{parse_spec, validate};

    fn chart(spec: &str) -> Chart {
        let limits = Limits::default();
        validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits).unwrap()
    }

    /// The path and message validating `spec` fails with.
    fn refusal(spec: &str) -> (String, String) {
        let limits = Limits::default();
        let e = validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidSpec, "{}", e.message);
        (e.path.unwrap_or_default(), e.message)
    }

    #[test]
    fn every_axis_carries_the_charts_locale_and_zone() {
        let c = chart(
            r#"{"locale": "de_DE", "timezone": "Europe/Berlin", "panels": [
                {"series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]},
                {"series": [{"type": "pie", "values": [1]}]}]}"#,
        );
        for p in &c.panels {
            for a in [&p.x, &p.y] {
                assert_eq!(a.labels.locale.name, "de-DE");
                assert_eq!(Some(a.labels.zone), Zone::named("Europe/Berlin"));
            }
        }
        let c = chart(r#"{"series": [{"type": "line", "y": [1]}]}"#);
        assert_eq!(c.panels[0].y.labels.locale.name, "en-US");
        assert_eq!(c.panels[0].y.labels.zone, Zone::Utc);
    }

    #[test]
    fn formats_are_read_by_axis_kind() {
        let c = chart(
            r#"{"x": {"format": "%b %Y"}, "y": {"format": "$,.2f"},
                "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
        );
        assert!(matches!(
            c.panels[0].x.labels.format,
            Some(AxisFormat::Time(_))
        ));
        assert!(matches!(
            c.panels[0].y.labels.format,
            Some(AxisFormat::Number(_))
        ));
        let (path, msg) =
            refusal(r#"{"y": {"format": ",.2q"}, "series": [{"type": "line", "y": [1]}]}"#);
        assert_eq!(path, "/y/format");
        assert!(
            msg.contains("\",.2q\" is not a number format: 'q' is not"),
            "{msg}"
        );
        let (path, msg) = refusal(
            r#"{"x": {"format": "%Q"}, "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
        );
        assert_eq!(path, "/x/format");
        assert!(
            msg.contains("\"%Q\" is not a date format: %Q is not"),
            "{msg}"
        );
    }

    #[test]
    fn ticks_are_read_like_the_axis_data() {
        let c = chart(
            r#"{"x": {"ticks": ["2025-01-01", 1735776000000]}, "y": {"ticks": {"count": 3}},
                "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
        );
        let day = 1_735_689_600_000.0;
        assert_eq!(
            c.panels[0].x.ticks,
            Some(TickChoice::Values(vec![day, day + 8.64e7]))
        );
        assert_eq!(c.panels[0].y.ticks, Some(TickChoice::Count(3)));
        let c = chart(
            r#"{"x": {"ticks": ["c", "a"]}, "series": [{"type": "bar", "x": ["a", "b", "c"], "y": [1, 2, 3]}]}"#,
        );
        assert_eq!(
            c.panels[0].x.ticks,
            Some(TickChoice::Values(vec![2.0, 0.0]))
        );
        let (path, msg) = refusal(
            r#"{"x": {"ticks": ["d"]}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#,
        );
        assert_eq!(path, "/x/ticks/0");
        assert!(
            msg.ends_with("\"d\" is not one of the axis' categories"),
            "{msg}"
        );
    }

    #[test]
    fn names_are_listed_when_wrong() {
        let (path, msg) = refusal(r#"{"locale": "de", "series": [{"type": "line", "y": [1]}]}"#);
        assert_eq!(path, "/locale");
        assert!(msg.contains("en-US, en-GB, de-DE, fr-FR"), "{msg}");
        let (path, msg) =
            refusal(r#"{"timezone": "CEST", "series": [{"type": "line", "y": [1]}]}"#);
        assert_eq!(path, "/timezone");
        assert!(msg.contains("IANA name"), "{msg}");
    }
}
