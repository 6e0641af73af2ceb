//! `rect` over two discrete channels, or binned ones: a chartfn heatmap, its cells the mean
//! (or the encoding's aggregate) of the colour field, coloured by the scheme's colormap.

use super::super::node::{text_of, Node};
use super::channel::{value_of, Channel, Kind, Op};
use super::data::Row;
use super::view::{compare, Encoding, Parts};
use crate::error::{Error, Result};
use crate::format::number::format_number;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The chartfn colormap of a Vega-Lite color `scheme` (a name, or `{"name": …}`); Vega-Lite's
/// heatmap default, yellow-green-blue, when none is given.
fn colormap(scheme: &Node) -> Result<&'static str> {
    const SCHEMES: [(&str, &str); 11] = [
        ("yellowgreenblue", "ylgnbu"),
        ("viridis", "viridis"),
        ("magma", "magma"),
        ("inferno", "inferno"),
        ("plasma", "plasma"),
        ("cividis", "cividis"),
        ("turbo", "turbo"),
        ("greys", "greys"),
        ("blues", "blues"),
        ("reds", "reds"),
        ("redblue", "rdbu"),
    ];
    let name = scheme
        .str()
        .or(scheme.get("name").str())
        .unwrap_or("yellowgreenblue");
    SCHEMES
        .iter()
        .find(|(vl, _)| *vl == name)
        .map(|(_, ours)| *ours)
        .ok_or_else(|| {
            Error::unsupported(
                scheme.path(),
                format!("the color scheme {name:?} is not drawn (yellowgreenblue, viridis, magma, inferno, plasma, cividis, turbo, greys, blues, reds and redblue are)"),
            )
        })
}

/// `rect` over two discrete channels, coloured by a quantity: a heatmap.
pub(super) fn heatmap(enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let (Some(x), Some(y), Some(color)) = (&enc.x, &enc.y, &enc.color) else {
        return Err(Error::unsupported(
            "/mark",
            "a rect is drawn as a heatmap: it needs x, y and a color field",
        ));
    };
    if color.kind != Kind::Quantitative || [x, y].iter().any(|c| c.binned) {
        return Err(Error::unsupported(
            color.node.path(),
            "a rect is drawn as a heatmap of a quantitative color over two discrete or binned axes",
        ));
    }
    // Binned axes: every bin Vega's binning makes, empty ones too, named by their starts.
    let (x_bins, y_bins) = (CellBins::of(x, rows), CellBins::of(y, rows));
    let at = |ch: &Channel, bins: &Option<CellBins>, row: &Row| match bins {
        Some(b) => b.position(ch.number(row)),
        None => ch.position(row),
    };
    let mut cells: HashMap<(String, String), (Vec<f64>, usize)> = HashMap::new();
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for row in rows {
        let (px, py) = (at(x, &x_bins, row), at(y, &y_bins, row));
        if px.is_null() || py.is_null() {
            continue;
        }
        let e = cells.entry((px.to_string(), py.to_string())).or_default();
        e.1 += 1;
        let v = value_of(color, row);
        if v.is_finite() {
            e.0.push(v);
        }
        xs.push(px);
        ys.push(py);
    }
    let mut xs = super::first_seen::distinct(xs.into_iter());
    let mut ys = super::first_seen::distinct(ys.into_iter());
    xs.sort_by(compare);
    ys.sort_by(compare);
    if let Some(b) = &x_bins {
        xs = b.all();
    }
    if let Some(b) = &y_bins {
        // Rows run top down: the highest bin first, as a continuous y runs up.
        ys = b.all();
        ys.reverse();
    }
    let op = color.aggregate.unwrap_or(Op::Mean);
    let z: Vec<Value> = ys
        .iter()
        .map(|py| {
            Value::Array(
                xs.iter()
                    .map(
                        |px| match cells.get_mut(&(px.to_string(), py.to_string())) {
                            Some((vals, n)) => {
                                let v = op.apply(vals, *n);
                                if v.is_finite() {
                                    json!(v)
                                } else {
                                    Value::Null
                                }
                            }
                            None => Value::Null,
                        },
                    )
                    .collect(),
            )
        })
        .collect();
    let text = |v: &Value| json!(text_of(v).unwrap_or_default());
    let s = json!({
        "type": "heatmap",
        "x": xs.iter().map(text).collect::<Vec<_>>(),
        "y": ys.iter().map(text).collect::<Vec<_>>(),
        "z": z,
        "colormap": colormap(&color.node.get("scale").get("scheme"))?,
    });
    let mut parts = Parts {
        series: vec![s],
        ..Parts::default()
    };
    for (ch, out) in [(x, &mut parts.x), (y, &mut parts.y)] {
        if let Some(t) = ch.title() {
            out.insert("label".into(), json!(t));
        }
    }
    Ok(parts)
}

/// A binned heatmap axis: Vega's bins over the channel's values (its `maxbins`).
struct CellBins {
    start: f64,
    step: f64,
    count: usize,
}

impl CellBins {
    /// The bins of `ch` over `rows`, when it is binned and has values.
    fn of(ch: &Channel, rows: &[Row]) -> Option<CellBins> {
        let maxbins = ch.bin?;
        let (lo, hi) = rows
            .iter()
            .map(|r| ch.number(r))
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        if lo > hi {
            return None;
        }
        let (start, stop, step) = super::transform::nice_bins(lo, hi, maxbins as f64, None, true);
        let count = (((stop - start) / step).round() as usize).max(1);
        Some(CellBins { start, step, count })
    }

    /// The bin of `v` (the last bin holds its upper end), named by its start.
    fn position(&self, v: f64) -> Value {
        if !v.is_finite() {
            return Value::Null;
        }
        let i = ((v - self.start) / self.step)
            .floor()
            .clamp(0.0, (self.count - 1) as f64);
        self.name(i as usize)
    }

    fn name(&self, i: usize) -> Value {
        // Rounded to the step's decimals, so that 0.30000000000000004 is named 0.3.
        let v = self.start + i as f64 * self.step;
        let decimals = (-self.step.log10().floor()).max(0.0) as i32;
        let p = 10f64.powi(decimals);
        json!(format_number((v * p).round() / p))
    }

    fn all(&self) -> Vec<Value> {
        (0..self.count).map(|i| self.name(i)).collect()
    }
}
