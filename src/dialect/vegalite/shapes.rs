//! The marks that are not series of points: boxplots, rules (annotation lines), strips, ranged
//! areas (bands) and binned bars (histograms); heatmaps are in `heatmap`, text in `text`,
//! marks from one value to another in `ranges`.

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::axis::axis;
use super::channel::{value_of, Channel, Op};
use super::data::Row;
use super::first_seen::FirstSeen;
use super::ranges::{ranged_rule, spans};

use super::view::{compare, Encoding, Parts, TABLEAU10};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// `area` with `y2`: a band between two values at each x (an interval, a range).
pub(super) fn band(
    mark: &str,
    mark_node: &Node,
    x: &Channel,
    y: &Channel,
    y2: &Channel,
    enc: &Encoding,
    rows: &[Row],
) -> Result<Parts> {
    if mark != "area" {
        return Err(Error::unsupported(
            y2.node.path(),
            "y2 is drawn for an area (a band between two values) and for bars",
        ));
    }
    // Values, or aggregates per x (the day's lowest to highest, say).
    let points = spans(x, y2, y, rows)?;
    let mut s = Map::new();
    s.insert("type".into(), json!("band"));
    s.insert(
        "x".into(),
        Value::Array(points.iter().map(|p| p.0.clone()).collect()),
    );
    let num = |v: f64| if v.is_finite() { json!(v) } else { Value::Null };
    s.insert(
        "lower".into(),
        Value::Array(points.iter().map(|p| num(p.1.min(p.2))).collect()),
    );
    s.insert(
        "upper".into(),
        Value::Array(points.iter().map(|p| num(p.1.max(p.2))).collect()),
    );
    let colour = enc.constant_color(Some(mark_node));
    s.insert("color".into(), colour);
    let o = enc
        .opacity
        .as_ref()
        .and_then(|c| c.value.as_ref().and_then(Value::as_f64))
        .or(mark_node.get("opacity").f64())
        // Vega-Lite's areas are 0.7 opaque.
        .unwrap_or(0.7);
    s.insert("opacity".into(), json!(o.clamp(0.0, 1.0)));
    let mut parts = Parts {
        series: vec![Value::Object(s)],
        ..Parts::default()
    };
    parts.x = axis(x, "area")?;
    parts.y = axis(y, "area")?;
    parts.y.remove("zero");
    Ok(parts)
}

/// Points or ticks along x alone (a strip plot): a row of points, no y axis.
pub(super) fn strip(mark: &str, x: &Channel, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let xs: Vec<f64> = rows
        .iter()
        .map(|r| x.number(r))
        .filter(|v| v.is_finite())
        .collect();
    let colour = enc.constant_color(None);
    let mut parts = Parts::default();
    parts.series.push(json!({
        "type": "scatter",
        "x": xs,
        "y": vec![0.0; xs.len()],
        "color": colour,
        "opacity": if mark == "tick" { 0.7 } else { 1.0 },
        "marker": if mark == "square" { "square" } else { "circle" },
    }));
    parts.x = axis(x, mark)?;
    parts.y = serde_json::from_value(json!({"visible": false})).expect("an axis object");
    Ok(parts)
}

/// `bar` over a binned x, counted: a histogram of the raw values (split by a color field,
/// stacked histograms).
pub(super) fn histogram(
    x: &Channel,
    y: &Channel,
    bins: u32,
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    if y.aggregate != Some(Op::Count) {
        return Err(Error::unsupported(
            y.node.path(),
            "a binned bar is drawn when its other channel counts rows",
        ));
    }
    let values: Vec<f64> = rows
        .iter()
        .map(|r| x.number(r))
        .filter(|v| v.is_finite())
        .collect();
    // Vega's bins (nice steps over the data's extent), so the bars stand where Vega-Lite's do.
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let binning = if lo.is_finite() {
        let (start, stop, step) =
            super::transform::nice_bins(lo, hi, bins.clamp(1, 1000) as f64, None, true);
        let n = ((stop - start) / step).round().clamp(1.0, 1000.0) as usize;
        let edges: Vec<f64> = (0..=n).map(|k| start + k as f64 * step).collect();
        ("edges", json!(edges))
    } else {
        ("bins", json!(bins.clamp(1, 1000)))
    };
    let Some(by) = enc.color.as_ref().filter(|c| c.field.is_some()) else {
        let mut s = Map::new();
        s.insert("type".into(), json!("histogram"));
        s.insert(binning.0.into(), binning.1);
        s.insert("values".into(), json!(values));
        s.insert("color".into(), enc.constant_color(None));
        return histogram_parts(vec![Value::Object(s)], x, y);
    };
    // Split by a color field: a histogram per value over the same bins, stacked as Vega-Lite
    // stacks bars (the domain's last value at the bottom; the legend in the domain's order).
    let mut seen = FirstSeen::new();
    for r in rows {
        let key = by.position(r);
        let v = x.number(r);
        seen.group(by.label(&key), || (key, Vec::new())).1.push(v);
    }
    let mut groups: Vec<(Value, Vec<f64>)> = seen.into_groups();
    let order = super::order::domain_order(by);
    groups.sort_by(|a, b| order(&a.0, &b.0));
    let names: Vec<Option<String>> = groups.iter().map(|g| Some(by.label(&g.0))).collect();
    let colours = super::style::colours(enc, &names, notes)?;
    let mut series = Vec::with_capacity(groups.len());
    for ((_, values), (name, colour)) in groups.into_iter().zip(names.into_iter().zip(colours)) {
        let values: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
        series.push(json!({"type": "histogram", "name": name, "color": colour,
            binning.0: binning.1, "values": values, "stack": "stack"}));
    }
    series.reverse();
    let mut parts = histogram_parts(series, x, y)?;
    parts.legend = super::style::legend(enc);
    parts.legend_reversed = true;
    Ok(parts)
}

/// `bar` from `x` to `x2` over a continuous x with a value `y` (Vega-Lite's `bin: "binned"`, a
/// bin transform's start and end, log bins): a histogram of pre-binned heights. Rows of one bin
/// are aggregated as `y` says (summed without an aggregate); bins missing between others are
/// empty; overlapping bins are refused.
pub(super) fn prebinned(mark: &Node, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let (Some(x), Some(x2), Some(y)) = (&enc.x, &enc.x2, &enc.y) else {
        return Err(Error::unsupported(
            "/encoding",
            "binned bars need x, x2 and y",
        ));
    };
    enc.refuse_color_field(
        "binned bars split by a color field (stacked histograms) are not drawn",
    )?;
    let mut seen = FirstSeen::new();
    for row in rows {
        let (a, b) = (x.number(row), x2.number(row));
        if !(a.is_finite() && b.is_finite() && b > a) {
            continue;
        }
        let bin = seen.group((a.to_bits(), b.to_bits()), || ((a, b), Vec::new(), 0));
        bin.2 += 1;
        let v = value_of(y, row);
        if v.is_finite() {
            bin.1.push(v);
        }
    }
    let mut bins: Vec<((f64, f64), Vec<f64>, usize)> = seen.into_groups();
    if bins.is_empty() {
        return Err(Error::unsupported(
            x.node.path(),
            "no bin has a start before its end",
        ));
    }
    bins.sort_by(|p, q| p.0 .0.total_cmp(&q.0 .0));
    let op = y.aggregate.unwrap_or(Op::Sum);
    let (mut edges, mut counts) = (vec![bins[0].0 .0], Vec::new());
    for (k, ((a, b), mut vals, n)) in bins.into_iter().enumerate() {
        let last = *edges.last().unwrap_or(&a);
        if a < last {
            return Err(Error::unsupported(
                x2.node.path(),
                format!("bins overlap (one starts at {a} before another ends at {last})"),
            ));
        }
        if a > last && k > 0 {
            // A bin with no rows between two others: empty.
            counts.push(0.0);
            edges.push(a);
        }
        let h = op.apply(&mut vals, n);
        counts.push(if h.is_finite() { h.max(0.0) } else { 0.0 });
        edges.push(b);
    }
    let mut s = Map::new();
    s.insert("type".into(), json!("histogram"));
    s.insert("edges".into(), json!(edges));
    s.insert("counts".into(), json!(counts));
    s.insert("color".into(), enc.constant_color(Some(mark)));
    super::style::opacity(enc, mark, "histogram", &mut s);
    histogram_parts(vec![Value::Object(s)], x, y)
}

/// A histogram series with its axes: x without zero forced in (bins start where the data
/// does), y the heights.
fn histogram_parts(series: Vec<Value>, x: &Channel, y: &Channel) -> Result<Parts> {
    let mut parts = Parts {
        series,
        ..Parts::default()
    };
    parts.x = axis(x, "bar")?;
    parts.x.remove("zero");
    parts.y = axis(y, "bar")?;
    Ok(parts)
}

/// `boxplot`: a box per category of a quantity (Tukey whiskers, as chartfn draws by default).
pub(super) fn boxplot(mark: &Node, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    // `extent`: whiskers at that many interquartile ranges (1.5, Tukey's, by default), or
    // `"min-max"`: at the extremes, with no outliers.
    let extent = mark.get("extent");
    let whiskers = match (extent.f64(), extent.str()) {
        (None, None) if !extent.is_present() => None,
        (Some(k), _) if k.is_finite() && (0.0..=100.0).contains(&k) => Some(json!(k)),
        (_, Some("min-max")) => Some(json!("range")),
        _ => {
            return Err(Error::unsupported(
                extent.path(),
                "whiskers are an IQR multiple (0 to 100) or \"min-max\"",
            ))
        }
    };
    let mut parts = boxes_of(enc, rows)?;
    if let Some(w) = whiskers {
        for s in &mut parts.series {
            s["whiskers"] = w.clone();
        }
    }
    Ok(parts)
}

/// [`boxplot`]'s boxes, with chartfn's default whiskers.
fn boxes_of(enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let (x, y) = match (&enc.x, &enc.y) {
        (Some(x), Some(y)) => (x, y),
        // One box of the whole field, lying along the axis it is on.
        (Some(v), None) | (None, Some(v)) if !v.discrete() => {
            return one_box(v, enc.x.is_some(), rows)
        }
        _ => {
            return Err(Error::unsupported(
                "/mark",
                "a boxplot needs a quantitative field",
            ))
        }
    };
    let horizontal = y.discrete() && !x.discrete();
    let (cat, val) = if horizontal { (y, x) } else { (x, y) };
    let mut seen = FirstSeen::new();
    for row in rows {
        let (c, v) = (cat.position(row), val.number(row));
        if c.is_null() || !v.is_finite() {
            continue;
        }
        seen.group(c.to_string(), || (c, Vec::new())).1.push(v);
    }
    // The boxes in the category domain's order (a stable sort: equal labels stay first-seen).
    let mut boxes: Vec<(Value, Vec<f64>)> = seen.into_groups();
    boxes.sort_by(|a, b| compare(&a.0, &b.0));
    let s = json!({
        "type": "box",
        "x": boxes.iter().map(|b| json!(text_of(&b.0).unwrap_or_default())).collect::<Vec<_>>(),
        "values": boxes.iter().map(|b| json!(b.1)).collect::<Vec<_>>(),
        "horizontal": horizontal,
        "color": TABLEAU10[0],
    });
    let mut parts = Parts {
        series: vec![s],
        ..Parts::default()
    };
    parts.set_axes(cat, val, horizontal, "boxplot")?;
    parts.x.remove("zero");
    parts.y.remove("zero");
    Ok(parts)
}

/// A box of every value of `v` (lying along x when `along_x`), with no category axis.
fn one_box(v: &Channel, along_x: bool, rows: &[Row]) -> Result<Parts> {
    let values: Vec<f64> = rows
        .iter()
        .map(|r| v.number(r))
        .filter(|n| n.is_finite())
        .collect();
    let mut parts = Parts::default();
    parts.series.push(json!({
        "type": "box",
        "x": [""],
        "values": [values],
        "horizontal": along_x,
        "color": TABLEAU10[0],
    }));
    let value_axis = axis(v, "boxplot")?;
    let hidden = serde_json::from_value(json!({"visible": false})).expect("an axis object");
    (parts.x, parts.y) = if along_x {
        (value_axis, hidden)
    } else {
        (hidden, value_axis)
    };
    parts.x.remove("zero");
    parts.y.remove("zero");
    Ok(parts)
}

/// `rule`: a horizontal or vertical line at a constant or an aggregate of the data (the mean
/// line layered over bars, say), as an annotation.
pub(super) fn rule(enc: &Encoding, rows: &[Row], notes: &mut Notes) -> Result<Parts> {
    if let (Some(x), Some(y), Some(y2)) = (&enc.x, &enc.y, &enc.y2) {
        return ranged_rule(x, y, y2, enc, rows);
    }
    let mut parts = Parts::default();
    // A color field: a rule per value, at its own rows' aggregate, labelled with the value.
    let by = enc.color.as_ref().filter(|c| c.field.is_some());
    let groups: Vec<(Option<String>, Vec<&Row>)> = match by {
        Some(c) => {
            // Each row's value read once, the rows gathered under it in one pass (first seen
            // first, then sorted).
            let mut seen = FirstSeen::new();
            for r in rows {
                let v = c.position(r);
                if v.is_null() {
                    continue;
                }
                seen.group(v.to_string(), || (v, Vec::new())).1.push(r);
            }
            let mut groups: Vec<(Value, Vec<&Row>)> = seen.into_groups();
            groups.sort_by(|a, b| compare(&a.0, &b.0));
            groups
                .into_iter()
                .map(|(v, mine)| (text_of(&v), mine))
                .collect()
        }
        None => vec![(None, rows.iter().collect())],
    };
    let names: Vec<Option<String>> = groups.iter().map(|g| g.0.clone()).collect();
    let colors = match by {
        Some(_) => super::style::colours(enc, &names, notes)?,
        None => Vec::new(),
    };
    for (ch, key) in [(&enc.y, "y"), (&enc.x, "x")] {
        let Some(ch) = ch else { continue };
        let other = if key == "y" { &enc.x } else { &enc.y };
        if other.is_some() {
            continue;
        }
        for (g, (name, mine)) in groups.iter().enumerate() {
            let at = if let Some(v) = &ch.value {
                v.clone()
            } else if let Some(op) = ch.aggregate {
                let mut vals: Vec<f64> = mine
                    .iter()
                    .map(|r| ch.number(r))
                    .filter(|v| v.is_finite())
                    .collect();
                json!(op.apply(&mut vals, mine.len()))
            } else {
                continue;
            };
            let mut a = json!({"type": "line", key: at});
            if let Some(c) = enc.color.as_ref().and_then(|c| c.value.clone()) {
                a["color"] = c;
            }
            if let (Some(c), Some(n)) = (colors.get(g), name) {
                a["color"] = json!(c);
                a["label"] = json!(n);
            }
            parts.annotations.push(a);
        }
        if ch.field.is_none() {
            continue;
        }
        // An aggregated field's axis (its title): what a chart of rules alone is labelled by.
        let axis = super::axis::axis(ch, "rule")?;
        if key == "y" {
            parts.y = axis;
        } else {
            parts.x = axis;
        }
    }
    if parts.annotations.is_empty() {
        return Err(Error::unsupported(
            "/mark",
            "a rule is drawn across the plot at a constant or an aggregate (give only x or only y)",
        ));
    }
    Ok(parts)
}

/// A chart of rules alone: each rule becomes a line across the whole plot (from one end of a
/// hidden axis to the other), named by its label for the legend. `None` when a part holds
/// anything but plain rules.
pub(super) fn rules_as_lines(parts: &[Parts]) -> Option<Parts> {
    let mut out = Parts::default();
    for p in parts {
        for a in &p.annotations {
            if a["type"] != "line" || a.get("label_only").is_some() {
                return None;
            }
            let (key, other, at) = match (a.get("y"), a.get("x")) {
                (Some(y), None) => ("y", "x", y),
                (None, Some(x)) => ("x", "y", x),
                _ => return None,
            };
            let mut s = Map::new();
            s.insert("type".into(), json!("line"));
            if let Some(n) = a.get("label") {
                s.insert("name".into(), n.clone());
                out.legend = Some("right");
            }
            if let Some(c) = a.get("color") {
                s.insert("color".into(), c.clone());
            }
            s.insert(other.into(), json!([0, 1]));
            s.insert(key.into(), json!([at, at]));
            out.series.push(Value::Object(s));
        }
        for (k, v) in p.x.iter() {
            out.x.entry(k.clone()).or_insert(v.clone());
        }
        for (k, v) in p.y.iter() {
            out.y.entry(k.clone()).or_insert(v.clone());
        }
    }
    let hidden = json!({"visible": false, "grid": false, "min": 0, "max": 1});
    let Value::Object(hidden) = hidden else {
        return None;
    };
    let vertical = out
        .series
        .first()
        .is_some_and(|s| s.get("y") == Some(&json!([0, 1])));
    let value = if vertical {
        out.y = hidden;
        &mut out.x
    } else {
        out.x = hidden;
        &mut out.y
    };
    // The scale of rules alone starts at zero, as Vega-Lite's quantitative scales do.
    if !["zero", "min", "max", "type"]
        .iter()
        .any(|k| value.contains_key(*k))
    {
        value.insert("zero".into(), json!(true));
    }
    (!out.series.is_empty()).then_some(out)
}
