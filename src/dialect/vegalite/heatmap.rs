//! Cells of two channels: a `rect` over two discrete channels, or binned ones, as a chartfn
//! heatmap (its cells the mean, or the encoding's aggregate, of the colour field, coloured by the
//! scheme's colormap); and points over a binned x and y as a binned scatterplot (one point per
//! occupied cell, sized by its count).

use super::super::node::{text_of, Node};
use super::axis::axis;
use super::channel::{value_of, Channel, Kind, Op};
use super::data::Row;
use super::first_seen::FirstSeen;
use super::style::{opacity, point_marker, size_area, SIZE_RANGE};
use super::view::{compare, Encoding, Parts};
use crate::error::{Error, Result};
use crate::format::number::format_number;
use serde_json::{json, Map, Value};
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

/// Points, circles or squares over a binned `x` and a binned `y` (Vega's bins): one point at
/// the centre of each occupied cell, sized by its rows' count (or the `size` channel's
/// aggregate) over Vega-Lite's size range, as Vega-Lite draws a binned scatterplot.
pub(super) fn binned_points(
    (mark, mark_node): (&str, &Node),
    (x, y): (&Channel, &Channel),
    enc: &Encoding,
    rows: &[Row],
) -> Result<Parts> {
    enc.refuse_color_field("binned points split by a color field are not drawn")?;
    let (Some(xb), Some(yb)) = (CellBins::of(x, rows), CellBins::of(y, rows)) else {
        return Err(Error::unsupported(
            x.node.path(),
            "binned points need numbers on x and y",
        ));
    };
    let size = enc.size.as_ref();
    let op = size.and_then(|s| s.aggregate).unwrap_or(Op::Count);
    let mut cells = FirstSeen::new();
    for row in rows {
        let (Some(i), Some(j)) = (xb.index(x.number(row)), yb.index(y.number(row))) else {
            continue;
        };
        let v = size
            .filter(|s| s.field.is_some())
            .map_or(1.0, |s| s.number(row));
        let cell = cells.group((i, j), || ((i, j), Vec::new(), 0));
        cell.2 += 1;
        if v.is_finite() {
            cell.1.push(v);
        }
    }
    let mut cells: Vec<((usize, usize), Vec<f64>, usize)> = cells.into_groups();
    cells.sort_by_key(|c| c.0);
    let values: Vec<f64> = cells.iter_mut().map(|c| op.apply(&mut c.1, c.2)).collect();
    let top = values.iter().copied().fold(f64::MIN_POSITIVE, f64::max);
    let centre = |b: &CellBins, i: usize| b.start + (i as f64 + 0.5) * b.step;
    let mut s = Map::new();
    s.insert("type".into(), json!("scatter"));
    s.insert(
        "x".into(),
        cells.iter().map(|c| json!(centre(&xb, c.0 .0))).collect(),
    );
    s.insert(
        "y".into(),
        cells.iter().map(|c| json!(centre(&yb, c.0 .1))).collect(),
    );
    if size.is_some() {
        let sizes = values.iter().map(|&v| size_area(v, top, SIZE_RANGE));
        s.insert("sizes".into(), sizes.collect());
    }
    s.insert("color".into(), enc.constant_color(Some(mark_node)));
    let shape = if mark == "square" { "square" } else { "circle" };
    point_marker(mark_node, mark, shape, &mut s);
    opacity(enc, mark_node, "scatter", &mut s);
    let mut parts = Parts {
        series: vec![Value::Object(s)],
        ..Parts::default()
    };
    parts.x = axis(x, mark)?;
    parts.y = axis(y, mark)?;
    // The axes span the bins, as Vega-Lite's do.
    for (a, b) in [(&mut parts.x, &xb), (&mut parts.y, &yb)] {
        a.insert("min".into(), json!(b.start));
        a.insert("max".into(), json!(b.start + b.count as f64 * b.step));
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
        self.index(v).map_or(Value::Null, |i| self.name(i))
    }

    /// The index of `v`'s bin (the last bin holds its upper end); `None` for no number.
    fn index(&self, v: f64) -> Option<usize> {
        let i = ((v - self.start) / self.step)
            .floor()
            .clamp(0.0, (self.count - 1) as f64);
        v.is_finite().then_some(i as usize)
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
