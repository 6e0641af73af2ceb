//! Marks that run from one value to another: ranged bars (Gantt charts, floating bars), ranged
//! rules, candlesticks (a rule and a bar layered), and error bars and bands (`errorbar`,
//! `errorband`, summarised by their `extent` or given pre-aggregated). [`spans`] pairs the two
//! ends at each position for all of them and for ranged areas (`shapes::band`).

use super::super::node::Node;
use super::super::Notes;
use super::aggregate::aggregate;
use super::axis::axis;
use super::channel::value_of;
use super::channel::{Channel, Kind};
use super::data::Row;
use super::first_seen::FirstSeen;
use super::view::{compare, Encoding, Parts};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// From `from` to `to` at each position of `index`: per row, or per position when either end is
/// an aggregate (`min` to `max`, say); complete ones only, in the index's order.
pub(super) fn spans(
    index: &Channel,
    from: &Channel,
    to: &Channel,
    rows: &[Row],
) -> Result<Vec<(Value, f64, f64)>> {
    // Both ends per row, or both per position (each aggregate lists the positions in the order
    // the rows first name them, so the two lists pair up).
    if from.aggregate.is_some() != to.aggregate.is_some() {
        let plain = if from.aggregate.is_none() { from } else { to };
        return Err(Error::unsupported(
            plain.node.path(),
            "a range with one end aggregated is drawn only when the other end is too",
        ));
    }
    let ends = |ch: &Channel| -> Vec<(Value, f64, f64)> {
        let points = rows
            .iter()
            .map(|r| (index.position(r), value_of(ch, r), f64::NAN))
            .collect();
        match ch.aggregate {
            Some(op) => aggregate(points, op),
            None => points,
        }
    };
    let mut spans: Vec<(Value, f64, f64)> = ends(from)
        .into_iter()
        .zip(ends(to))
        .filter(|(a, b)| !a.0.is_null() && a.1.is_finite() && b.1.is_finite())
        .map(|(a, b)| (a.0, a.1, b.1))
        .collect();
    if index.node.get("sort").value != Some(&Value::Null) {
        spans.sort_by(|a, b| compare(&a.0, &b.0));
    }
    Ok(spans)
}

/// A rule (`y` to `y2`: low to high) layered with a bar (`y` to `y2`: open to close) at each
/// `x`: chartfn's candlestick series, coloured by whether a period closes above its open (what
/// the usual `open < close` colour condition says).
pub(super) fn candlestick(rule: &Node, bar: &Node, rows: &[Row]) -> Result<Parts> {
    let x = Channel::read(bar.get("x"))?
        .ok_or_else(|| Error::unsupported(bar.get("x").path(), "a candlestick needs an x"))?;
    let field = |n: &Node, ch: &str| n.get(ch).get("field").str().unwrap_or_default().to_owned();
    let (open, close) = (field(bar, "y"), field(bar, "y2"));
    let (a, b) = (field(rule, "y"), field(rule, "y2"));
    let mut candles: Vec<(Value, [f64; 4])> = rows
        .iter()
        .map(|r| {
            let n = |f: &str| super::data::field_number(r, Some(f));
            let (o, c, a, b) = (n(&open), n(&close), n(&a), n(&b));
            (
                x.position(r),
                [o, a.max(b).max(o).max(c), a.min(b).min(o).min(c), c],
            )
        })
        .filter(|(p, v)| !p.is_null() && v.iter().all(|n| n.is_finite()))
        .collect();
    candles.sort_by(|p, q| compare(&p.0, &q.0));
    let column = |k: usize| candles.iter().map(|c| c.1[k]).collect::<Vec<_>>();
    let mut parts = Parts::default();
    parts.series.push(json!({
        "type": "candlestick",
        "x": candles.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
        "open": column(0),
        "high": column(1),
        "low": column(2),
        "close": column(3),
    }));
    // The usual colour condition, `open < close` (rising) or `open > close`, gives the colours.
    let color = bar.get("color");
    let test = color
        .get("condition")
        .get("test")
        .str()
        .unwrap_or("")
        .replace(' ', "");
    let (cond, other) = (
        color.get("condition").get("value").str(),
        color.get("value").str(),
    );
    let rising = format!("datum.{open}<datum.{close}");
    let falling = format!("datum.{open}>datum.{close}");
    if let (Some(c), Some(o)) = (cond, other) {
        let (up, down) = if test == rising {
            (c, o)
        } else if test == falling {
            (o, c)
        } else {
            ("", "")
        };
        if !up.is_empty() {
            parts.series[0]["up_color"] = json!(up);
            parts.series[0]["down_color"] = json!(down);
        }
    }
    parts.x = axis(&x, "candlestick")?;
    let mut y = Map::new();
    if let Some(t) = bar
        .get("y")
        .get("axis")
        .get("title")
        .text()
        .or(bar.get("y").get("title").text())
    {
        y.insert("label".into(), json!(t));
    }
    parts.y = y;
    Ok(parts)
}

/// `bar` with `x2` (or `y2`): bars floating from one end to the other at each position of
/// the other channel — a Gantt chart along a category y, ranges along x.
pub(super) fn ranged_bars(mark: &Node, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let (index, from, to, horizontal) = match (&enc.x, &enc.x2, &enc.y, &enc.y2) {
        (Some(x), Some(x2), Some(y), None) => (y, x, x2, true),
        (Some(x), None, Some(y), Some(y2)) => (x, y, y2, false),
        _ => {
            return Err(Error::unsupported(
                mark.path(),
                "a ranged bar needs x and x2 along a y position, or y and y2 along an x",
            ))
        }
    };
    if from.kind != Kind::Quantitative || from.bin.is_some() || index.bin.is_some() {
        return Err(Error::unsupported(
            to.node.path(),
            "bars are drawn from one number to another at each position (not between dates or bin edges)",
        ));
    }
    enc.refuse_color_field("ranged bars split by a color field are not drawn")?;
    let spans = spans(index, from, to, rows)?;
    let mut parts = Parts::default();
    parts.series.push(json!({
        "type": "bar",
        "x": spans.iter().map(|s| s.0.clone()).collect::<Vec<_>>(),
        "base": spans.iter().map(|s| s.1).collect::<Vec<_>>(),
        "y": spans.iter().map(|s| s.2).collect::<Vec<_>>(),
        "horizontal": horizontal,
        "color": enc.constant_color(Some(mark)),
    }));
    parts.set_axes(index, from, horizontal, "bar")?;
    Ok(parts)
}

/// `rule` from `y` to `y2` at each `x` (a range per category: min to max, say), as whiskers
/// on invisible points.
pub(super) fn ranged_rule(
    x: &Channel,
    y: &Channel,
    y2: &Channel,
    enc: &Encoding,
    rows: &[Row],
) -> Result<Parts> {
    // A ranged rule's scale includes zero, as Vega-Lite's does (a rule across the plot's does not).
    whiskers((x, y, y2), false, (enc, None), rows, "ranged rule")
}

/// Whiskers from `from` to `to` at each position of `index` (along x, or along a category y
/// when `horizontal`), on invisible points: ranged rules and pre-aggregated error bars.
fn whiskers(
    (index, from, to): (&Channel, &Channel, &Channel),
    horizontal: bool,
    (enc, mark_node): (&Encoding, Option<&Node>),
    rows: &[Row],
    mark: &str,
) -> Result<Parts> {
    if from.discrete() {
        return Err(Error::unsupported(
            from.node.path(),
            "a range is drawn along a continuous axis",
        ));
    }
    let spans: Vec<(Value, f64, f64)> = spans(index, from, to, rows)?
        .into_iter()
        .map(|(p, a, b)| (p, a.min(b), a.max(b)))
        .collect();
    let colour = enc.constant_color(mark_node);
    let mut parts = Parts::default();
    parts.series.push(json!({
        "horizontal": horizontal,
        "type": "scatter",
        "x": spans.iter().map(|s| s.0.clone()).collect::<Vec<_>>(),
        "y": spans.iter().map(|s| (s.1 + s.2) / 2.0).collect::<Vec<_>>(),
        "error": {
            "lower": spans.iter().map(|s| s.1).collect::<Vec<_>>(),
            "upper": spans.iter().map(|s| s.2).collect::<Vec<_>>(),
        },
        "opacity": 0,
        "color": colour,
    }));
    parts.set_axes(index, from, horizontal, mark)?;
    Ok(parts)
}

/// How far an `errorbar` or `errorband` reaches, by its `extent`.
#[derive(Clone, Copy, PartialEq)]
enum Extent {
    /// Mean ± standard error (Vega-Lite's default).
    Stderr,
    /// Mean ± sample standard deviation.
    Stdev,
    /// Mean ± 1.96 standard errors: the normal approximation of the 95 % interval Vega-Lite
    /// bootstraps (a bootstrap would draw a different chart on every render).
    Ci,
    /// Median, first to third quartile.
    Iqr,
}

impl Extent {
    fn read(mark: &Node, notes: &mut Notes) -> Result<Extent> {
        let e = mark.get("extent");
        Ok(match e.str() {
            None | Some("stderr") => Extent::Stderr,
            Some("stdev") => Extent::Stdev,
            Some("iqr") => Extent::Iqr,
            Some("ci") => {
                notes.warn(
                    e.path(),
                    "the 95% interval is the normal approximation (mean ± 1.96 standard errors), \
                     not a bootstrap",
                );
                Extent::Ci
            }
            Some(other) => {
                return Err(Error::unsupported(
                    e.path(),
                    format!("the extent {other:?} is not computed (stderr, stdev, ci and iqr are)"),
                ))
            }
        })
    }

    /// (centre, low, high) of `values` (finite), `None` for none.
    fn of(self, values: &mut [f64]) -> Option<(f64, f64, f64)> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        if self == Extent::Iqr {
            values.sort_by(f64::total_cmp);
            let q = |p: f64| {
                // Linear interpolation between closest ranks (numpy's default, d3's quantile).
                let h = (n - 1) as f64 * p;
                let (i, f) = (h.floor() as usize, h.fract());
                values[i] + (values[(i + 1).min(n - 1)] - values[i]) * f
            };
            return Some((q(0.5), q(0.25), q(0.75)));
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let var = if n > 1 {
            values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64
        } else {
            0.0
        };
        let sd = var.sqrt();
        let reach = match self {
            Extent::Stdev => sd,
            Extent::Stderr => sd / (n as f64).sqrt(),
            _ => 1.96 * sd / (n as f64).sqrt(),
        };
        Some((mean, mean - reach, mean + reach))
    }
}

/// `errorbar` (whiskers at each position) and `errorband` (a band along a continuous x) over
/// a raw quantitative field, summarised per position by the mark's `extent`. An `errorband`
/// with only y (or only x) spans the plot as a shaded band.
pub(super) fn error_interval(
    mark: &str,
    mark_node: &Node,
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    enc.refuse_color_field(format!("an {mark} split by a color field is not drawn"))?;
    // Pre-aggregated: the ends are in the data (`x` to `x2`, or `y` to `y2`).
    if mark == "errorbar" {
        match (&enc.x, &enc.x2, &enc.y, &enc.y2) {
            (Some(x), Some(x2), Some(y), None) => {
                return whiskers((y, x, x2), true, (enc, Some(mark_node)), rows, mark)
            }
            (Some(x), None, Some(y), Some(y2)) => {
                return whiskers((x, y, y2), false, (enc, Some(mark_node)), rows, mark)
            }
            _ => {}
        }
    }
    let extent = Extent::read(mark_node, notes)?;
    let colour = enc.constant_color(Some(mark_node));
    let raw = |c: &Option<Channel>| {
        c.as_ref()
            .filter(|c| c.kind == Kind::Quantitative && c.aggregate.is_none() && c.field.is_some())
            .is_some()
    };
    let mut parts = Parts::default();
    // One channel only: the interval of the whole field, across the plot.
    if enc.x.is_none() || enc.y.is_none() {
        let (ch, key) = match (&enc.x, &enc.y) {
            (Some(x), None) if raw(&enc.x) => (x, "x"),
            (None, Some(y)) if raw(&enc.y) => (y, "y"),
            _ => {
                return Err(Error::unsupported(
                    mark_node.path(),
                    format!("an {mark} needs a quantitative field"),
                ))
            }
        };
        if mark != "errorband" {
            return Err(Error::unsupported(
                mark_node.path(),
                "an errorbar of a single field (no position) is not drawn",
            ));
        }
        let mut values: Vec<f64> = rows
            .iter()
            .map(|r| ch.number(r))
            .filter(|v| v.is_finite())
            .collect();
        if let Some((_, lo, hi)) = extent.of(&mut values) {
            parts
                .annotations
                .push(json!({"type": "band", key: [lo, hi], "color": colour, "opacity": 0.3}));
        }
        *(if key == "x" {
            &mut parts.x
        } else {
            &mut parts.y
        }) = axis(ch, "errorband")?;
        return Ok(parts);
    }
    let (x, y) = (enc.x.as_ref().expect("x"), enc.y.as_ref().expect("y"));
    let (index, value, horizontal) = match (raw(&enc.x), raw(&enc.y)) {
        (false, true) => (x, y, false),
        (true, false) => (y, x, true),
        _ => {
            return Err(Error::unsupported(
                mark_node.path(),
                format!("an {mark} needs one position channel and one raw quantitative field"),
            ))
        }
    };
    // The summary of each position's values, in the index's order.
    let mut seen = FirstSeen::new();
    for r in rows {
        let p = index.position(r);
        let v = value.number(r);
        if p.is_null() {
            continue;
        }
        let group = seen.group(p.to_string(), || (p, Vec::new()));
        if v.is_finite() {
            group.1.push(v);
        }
    }
    let mut groups: Vec<(Value, Vec<f64>)> = seen.into_groups();
    groups.sort_by(|a, b| compare(&a.0, &b.0));
    let summary: Vec<(Value, (f64, f64, f64))> = groups
        .into_iter()
        .filter_map(|(p, mut v)| extent.of(&mut v).map(|s| (p, s)))
        .collect();
    let positions: Vec<Value> = summary.iter().map(|s| s.0.clone()).collect();
    let column = |f: fn(&(f64, f64, f64)) -> f64| -> Vec<Value> {
        summary.iter().map(|s| json!(f(&s.1))).collect()
    };
    if mark == "errorbar" {
        // Whiskers only: the points they belong to are invisible (a layer draws its own).
        let mut s = json!({
            "type": "scatter",
            "x": positions,
            "y": column(|s| s.0),
            "error": {"lower": column(|s| s.1), "upper": column(|s| s.2)},
            "opacity": 0,
            "color": colour,
        });
        if horizontal {
            s["horizontal"] = json!(true);
        }
        parts.series.push(s);
    } else {
        if index.discrete() || horizontal {
            return Err(Error::unsupported(
                index.node.path(),
                "an errorband is drawn along a continuous x",
            ));
        }
        let opacity = mark_node
            .get("opacity")
            .f64()
            .unwrap_or(0.3)
            .clamp(0.0, 1.0);
        parts.series.push(json!({
            "type": "band",
            "x": positions,
            "lower": column(|s| s.1),
            "upper": column(|s| s.2),
            "color": colour,
            "opacity": opacity,
        }));
        if mark_node.get("borders").bool() == Some(true) {
            for edge in [column(|s| s.1), column(|s| s.2)] {
                parts.series.push(json!({
                    "type": "line", "x": positions, "y": edge, "color": colour, "width": 1,
                }));
            }
        }
    }
    parts.set_axes(index, value, horizontal, mark)?;
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::Extent;

    #[test]
    fn extents_summarise_as_vega_lite_defines_them() {
        let values = || vec![2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        // Mean 5; sample standard deviation √(32/7).
        let sd = (32.0f64 / 7.0).sqrt();
        let se = sd / 8f64.sqrt();
        let close = |a: (f64, f64, f64), b: (f64, f64, f64)| {
            assert!(
                (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12 && (a.2 - b.2).abs() < 1e-12,
                "{a:?} vs {b:?}"
            );
        };
        close(
            Extent::Stdev.of(&mut values()).unwrap(),
            (5.0, 5.0 - sd, 5.0 + sd),
        );
        close(
            Extent::Stderr.of(&mut values()).unwrap(),
            (5.0, 5.0 - se, 5.0 + se),
        );
        close(
            Extent::Ci.of(&mut values()).unwrap(),
            (5.0, 5.0 - 1.96 * se, 5.0 + 1.96 * se),
        );
        // numpy.percentile([2,4,4,4,5,5,7,9], [50, 25, 75]) = 4.5, 4.0, 5.5
        close(Extent::Iqr.of(&mut values()).unwrap(), (4.5, 4.0, 5.5));
        assert!(Extent::Stdev.of(&mut []).is_none());
        // One value: no spread.
        close(Extent::Stdev.of(&mut [3.0]).unwrap(), (3.0, 3.0, 3.0));
    }
}
