//! One Vega-Lite view — a mark, its encoding, its rows — as chartfn series and axes.
//!
//! Rows are grouped by the color field (one series per value, as Vega-Lite draws one mark
//! group per value), aggregated per position when a channel asks, ordered as Vega-Lite orders
//! them (categories ascending unless `sort` says otherwise, lines along x), and stacked where
//! Vega-Lite stacks (bars and areas split by a color field).

use super::super::node::Node;
use super::super::Notes;
use super::channel::{Channel, Kind, Op};
use super::data::Row;
use super::time::Unit;
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};
use std::cmp::Ordering;
use std::collections::HashMap;

/// What a view contributes to the chart.
#[derive(Default)]
pub struct Parts {
    pub series: Vec<Value>,
    pub x: Map<String, Value>,
    pub y: Map<String, Value>,
    pub legend: Option<&'static str>,
    pub annotations: Vec<Value>,
}

/// The encoding of a view.
pub struct Encoding<'a> {
    /// `xOffset` by the color field: bars side by side (grouped) instead of stacked.
    pub grouped: bool,
    pub x: Option<Channel<'a>>,
    pub y: Option<Channel<'a>>,
    pub color: Option<Channel<'a>>,
    pub size: Option<Channel<'a>>,
    pub theta: Option<Channel<'a>>,
    pub opacity: Option<Channel<'a>>,
}

/// Channels chartfn does not draw, refused where they would change the chart.
const REFUSED: [&str; 12] = [
    "x2",
    "y2",
    "yOffset",
    "shape",
    "detail",
    "text",
    "row",
    "column",
    "facet",
    "strokeDash",
    "order",
    "radius",
];

impl<'a> Encoding<'a> {
    pub fn read(enc: &Node<'a>, notes: &mut Notes) -> Result<Encoding<'a>> {
        if let Some(map) = enc.object() {
            for key in map.keys() {
                if REFUSED.contains(&key.as_str()) {
                    return Err(Error::unsupported(
                        enc.get(key).path(),
                        format!("the {key} channel is not drawn yet"),
                    ));
                }
                if matches!(
                    key.as_str(),
                    "tooltip" | "href" | "url" | "description" | "key"
                ) {
                    notes.warn(enc.get(key).path(), "interactive; a static image has none");
                }
            }
        }
        let color = match Channel::read(enc.get("color"))? {
            Some(c) => Some(c),
            None => Channel::read(enc.get("fill"))?.or(Channel::read(enc.get("stroke"))?),
        };
        let offset = Channel::read(enc.get("xOffset"))?;
        if let Some(o) = &offset {
            if o.field.is_none() || o.field != color.as_ref().and_then(|c| c.field.clone()) {
                return Err(Error::unsupported(
                    o.node.path(),
                    "xOffset is drawn by the color field (grouped bars); by another field it is not",
                ));
            }
        }
        Ok(Encoding {
            grouped: offset.is_some(),
            x: Channel::read(enc.get("x"))?,
            y: Channel::read(enc.get("y"))?,
            color,
            size: Channel::read(enc.get("size"))?,
            theta: Channel::read(enc.get("theta"))?,
            opacity: Channel::read(enc.get("opacity"))?,
        })
    }
}

/// Vega-Lite's default category colours (its `tableau10` scheme).
pub const TABLEAU10: [&str; 10] = [
    "#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6",
    "#9d755d", "#bab0ac",
];

/// Compares two data values the way Vega-Lite sorts a domain: numbers by value, month names
/// by month, other text by its characters.
fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&y.as_f64().unwrap_or(0.0)),
        (Value::String(x), Value::String(y)) => {
            match (Unit::month_index(x), Unit::month_index(y)) {
                (Some(i), Some(j)) => i.cmp(&j),
                _ => match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(p), Ok(q)) => p.total_cmp(&q),
                    _ => x.cmp(y),
                },
            }
        }
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        _ => Ordering::Equal,
    }
}

/// A group of rows under one color value.
struct Group {
    name: Option<String>,
    points: Vec<(Value, f64, f64)>,
}

/// The view's marks as chartfn parts.
pub fn translate(
    mark: &str,
    mark_node: &Node,
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    match mark {
        "bar" | "line" | "area" | "point" | "circle" | "square" | "tick" => {
            cartesian(mark, mark_node, enc, rows, notes)
        }
        "arc" => arc(mark_node, enc, rows),
        "rect" => heatmap(enc, rows),
        "boxplot" => boxplot(mark_node, enc, rows),
        "rule" => rule(enc, rows),
        other => Err(Error::unsupported(
            mark_node.path(),
            format!("the {other:?} mark is not drawn (bar, line, area, point, circle, square, tick, arc, rect, rule and boxplot are)"),
        )),
    }
}

/// Groups `rows` by the color field (in Vega-Lite's domain order), each point being
/// (position, value, size) through `index` and `value`.
fn groups(enc: &Encoding, index: &Channel, value: &Channel, rows: &[Row]) -> Vec<Group> {
    let by_color = enc.color.as_ref().filter(|c| c.field.is_some());
    let mut order: Vec<Value> = Vec::new();
    let mut map: HashMap<String, Group> = HashMap::new();
    for row in rows {
        let key = by_color.map_or(Value::Null, |c| c.position(row));
        let name = by_color.map(|_| super::super::node::text_of(&key).unwrap_or_default());
        let k = name.clone().unwrap_or_default();
        let size = enc
            .size
            .as_ref()
            .filter(|s| s.field.is_some())
            .map_or(f64::NAN, |s| s.number(row));
        map.entry(k)
            .or_insert_with(|| {
                order.push(key.clone());
                Group {
                    name,
                    points: Vec::new(),
                }
            })
            .points
            .push((index.position(row), value_of(value, row), size));
    }
    if let Some(c) = by_color.filter(|c| c.kind != Kind::Quantitative) {
        let domain: Vec<Value> = c
            .node
            .get("scale")
            .get("domain")
            .array()
            .cloned()
            .unwrap_or_default();
        let rank = |v: &Value| {
            domain
                .iter()
                .position(|d| super::super::node::text_of(d) == super::super::node::text_of(v))
        };
        order.sort_by(|a, b| match (rank(a), rank(b)) {
            (Some(i), Some(j)) => i.cmp(&j),
            _ => compare(a, b),
        });
    }
    order
        .into_iter()
        .filter_map(|k| map.remove(&super::super::node::text_of(&k).unwrap_or_default()))
        .collect()
}

/// The number a row gives a value channel (`count` counts it).
fn value_of(ch: &Channel, row: &Row) -> f64 {
    if ch.aggregate == Some(Op::Count) {
        1.0
    } else {
        ch.number(row)
    }
}

/// Aggregates a group's points per position with `op`, in first-seen order.
fn aggregate(points: Vec<(Value, f64, f64)>, op: Op) -> Vec<(Value, f64, f64)> {
    let mut order = Vec::new();
    let mut at: HashMap<String, (Vec<f64>, usize)> = HashMap::new();
    for (p, v, _) in points {
        let k = p.to_string();
        let e = at.entry(k).or_insert_with(|| {
            order.push(p.clone());
            (Vec::new(), 0)
        });
        e.1 += 1;
        if v.is_finite() {
            e.0.push(v);
        }
    }
    order
        .into_iter()
        .map(|p| {
            let (mut vals, n) = at.remove(&p.to_string()).unwrap_or_default();
            (p, op.apply(&mut vals, n), f64::NAN)
        })
        .collect()
}

/// Bars, lines, areas and points.
fn cartesian(
    mark: &str,
    mark_node: &Node,
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    let (Some(x), Some(y)) = (&enc.x, &enc.y) else {
        return Err(Error::unsupported(
            mark_node.path(),
            "a mark with only one of x and y is not drawn (give both)",
        ));
    };
    // Histograms: a binned field counted.
    if let Some(bins) = x.bin.filter(|_| mark == "bar") {
        return histogram(x, y, bins, enc, rows);
    }
    if x.bin.is_some() || y.bin.is_some() {
        return Err(Error::unsupported(
            if x.bin.is_some() {
                x.node.get("bin")
            } else {
                y.node.get("bin")
            }
            .path(),
            "binning is drawn for a bar's x only (a histogram)",
        ));
    }
    // The index channel is the discrete one (or x); bars lying along y are horizontal.
    let horizontal = mark == "bar" && y.discrete() && !x.discrete();
    let (index, value) = if horizontal { (y, x) } else { (x, y) };
    let mut parts = Parts::default();
    let series_type = match mark {
        "bar" => "bar",
        "line" => "line",
        "area" => "area",
        _ => "scatter",
    };
    let mut groups = groups(enc, index, value, rows);
    let op = value.aggregate;
    for g in &mut groups {
        let points = std::mem::take(&mut g.points);
        g.points = match op {
            Some(op) => aggregate(points, op),
            None => points,
        };
        g.points.retain(|(p, v, _)| !p.is_null() && v.is_finite());
        if matches!(mark, "line" | "area") || !index.discrete() {
            g.points.sort_by(|a, b| compare(&a.0, &b.0));
        }
    }
    sort_index(index, value, &mut groups)?;
    if !horizontal && y.discrete() && !x.discrete() {
        return Err(Error::unsupported(
            y.node.path(),
            "marks along a category y axis with a continuous x are drawn for bars only",
        ));
    }
    let stacked = matches!(mark, "bar" | "area")
        && !enc.grouped
        && enc.color.as_ref().is_some_and(|c| c.field.is_some());
    let stack_mode = value.node.get("stack");
    match stack_mode.value {
        Some(Value::Null) | Some(Value::Bool(false)) if stacked && mark == "bar" => {
            return Err(Error::unsupported(
                stack_mode.path(),
                "overlapping (unstacked) bars are not drawn; leave stack out, or use xOffset-free grouped bars",
            ))
        }
        Some(Value::String(s)) if s == "center" => {
            return Err(Error::unsupported(stack_mode.path(), "centred stacks (streamgraphs) are not drawn"))
        }
        _ => {}
    }
    let normalize = stack_mode.str() == Some("normalize");
    let names: Vec<Option<String>> = groups.iter().map(|g| g.name.clone()).collect();
    let colors = colours(enc, &names, notes)?;
    let size_max = groups
        .iter()
        .flat_map(|g| g.points.iter().map(|p| p.2))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    for (i, g) in groups.into_iter().enumerate() {
        let mut s = Map::new();
        s.insert("type".into(), json!(series_type));
        if let Some(n) = &g.name {
            s.insert("name".into(), json!(n));
        }
        if let Some(c) = colors.get(i) {
            s.insert("color".into(), json!(c));
        }
        if horizontal {
            s.insert("horizontal".into(), json!(true));
        }
        if stacked && stack_mode.value != Some(&Value::Null) {
            s.insert("stack".into(), json!("stack"));
        }
        s.insert(
            "x".into(),
            Value::Array(g.points.iter().map(|p| p.0.clone()).collect()),
        );
        s.insert(
            "y".into(),
            Value::Array(g.points.iter().map(|p| json!(p.1)).collect()),
        );
        if series_type == "scatter" {
            if enc.size.as_ref().is_some_and(|c| c.field.is_some()) {
                // Vega-Lite's size scale: areas from 0 (at 0) to 361 px² (at the largest value),
                // never under 9 px², as its default range.
                let top = size_max.max(f64::MIN_POSITIVE);
                s.insert(
                    "sizes".into(),
                    Value::Array(
                        g.points
                            .iter()
                            .map(|p| {
                                if p.2.is_finite() {
                                    json!((9.0 + 352.0 * (p.2 / top)).clamp(9.0, 361.0))
                                } else {
                                    Value::Null
                                }
                            })
                            .collect(),
                    ),
                );
            }
            let filled = mark_node.get("filled").bool().unwrap_or(mark != "point");
            if !filled {
                notes.warn(mark_node.path(), "hollow points are drawn filled");
            }
            s.insert(
                "marker".into(),
                json!(if mark == "square" { "square" } else { "circle" }),
            );
            if mark == "tick" {
                notes.warn(mark_node.path(), "ticks are drawn as points");
            }
        }
        if matches!(series_type, "line" | "area") {
            interpolate(mark_node, &mut s, notes)?;
            if mark_node.get("point").bool() == Some(true) {
                s.insert("marker".into(), json!("circle"));
            }
        }
        opacity(enc, mark_node, series_type, &mut s);
        parts.series.push(Value::Object(s));
    }
    let (xa, ya) = if horizontal {
        (value, index)
    } else {
        (index, value)
    };
    parts.x = axis(xa, mark)?;
    parts.y = axis(ya, mark)?;
    if normalize {
        let target = if horizontal {
            &mut parts.x
        } else {
            &mut parts.y
        };
        target.insert("stack".into(), json!("normalize"));
        target.remove("zero");
    }
    parts.legend = legend(enc);
    Ok(parts)
}

/// A line's `interpolate`: monotone curves and steps as chartfn draws them.
fn interpolate(mark: &Node, s: &mut Map<String, Value>, notes: &mut Notes) -> Result<()> {
    let i = mark.get("interpolate");
    match i.str() {
        None | Some("linear") | Some("linear-closed") => {}
        Some("monotone") => {
            s.insert("smooth".into(), json!(true));
        }
        Some("step") | Some("step-after") => {
            s.insert("step".into(), json!("after"));
        }
        Some("step-before") => {
            s.insert("step".into(), json!("before"));
        }
        Some(other @ ("basis" | "cardinal" | "natural" | "catmull-rom" | "bundle")) => {
            notes.warn(i.path(), &format!("{other:?} is drawn as a monotone curve"));
            s.insert("smooth".into(), json!(true));
        }
        Some(other) => {
            return Err(Error::unsupported(
                i.path(),
                format!("the {other:?} interpolation is not drawn"),
            ))
        }
    }
    Ok(())
}

/// Orders each group's points along a discrete index by `sort` (default: ascending).
fn sort_index(index: &Channel, value: &Channel, groups: &mut [Group]) -> Result<()> {
    if !index.discrete() {
        return Ok(());
    }
    let sort = index.node.get("sort");
    let by_value = |desc: bool, groups: &mut [Group]| {
        let mut totals: HashMap<String, f64> = HashMap::new();
        for g in groups.iter() {
            for (p, v, _) in &g.points {
                *totals.entry(p.to_string()).or_default() += v;
            }
        }
        for g in groups.iter_mut() {
            g.points.sort_by(|a, b| {
                let (ta, tb) = (totals[&a.0.to_string()], totals[&b.0.to_string()]);
                if desc {
                    tb.total_cmp(&ta)
                } else {
                    ta.total_cmp(&tb)
                }
            });
        }
    };
    let other = if index.node.path().ends_with("/x") {
        "y"
    } else {
        "x"
    };
    match sort.value {
        None => groups.iter_mut().for_each(|g| g.points.sort_by(|a, b| compare(&a.0, &b.0))),
        Some(Value::Null) => {}
        Some(Value::String(s)) if s == "ascending" => {
            groups.iter_mut().for_each(|g| g.points.sort_by(|a, b| compare(&a.0, &b.0)))
        }
        Some(Value::String(s)) if s == "descending" => {
            groups.iter_mut().for_each(|g| g.points.sort_by(|a, b| compare(&b.0, &a.0)))
        }
        Some(Value::String(s)) if s == other || s == &format!("-{other}") => by_value(s.starts_with('-'), groups),
        Some(Value::Object(o)) if o.get("field").and_then(Value::as_str) == value.field.as_deref()
            || o.get("encoding").and_then(Value::as_str) == Some(other) =>
        {
            by_value(o.get("order").and_then(Value::as_str) == Some("descending"), groups)
        }
        Some(Value::Array(list)) => {
            let rank = |p: &Value| list.iter().position(|v| super::super::node::text_of(v) == super::super::node::text_of(p)).unwrap_or(usize::MAX);
            groups.iter_mut().for_each(|g| g.points.sort_by_key(|a| rank(&a.0)));
        }
        Some(_) => {
            return Err(Error::unsupported(
                sort.path(),
                "this sort is not computed (ascending, descending, null, a list, or by the other axis' value are)",
            ))
        }
    }
    Ok(())
}

/// Series colours: a constant `color.value`, the color scale's `range` (matched to its
/// `domain` when given), or Vega-Lite's tableau10.
fn colours(enc: &Encoding, names: &[Option<String>], notes: &mut Notes) -> Result<Vec<String>> {
    let n = names.len();
    let Some(c) = &enc.color else {
        return Ok(vec![TABLEAU10[0].into(); n]);
    };
    if let Some(v) = c.value.as_ref().and_then(Value::as_str) {
        return Ok(vec![v.to_owned(); n]);
    }
    if c.kind == Kind::Quantitative {
        return Err(Error::unsupported(
            c.node.path(),
            "a quantitative color on this mark is not drawn (rect heatmaps and points by category are)",
        ));
    }
    let scale = c.node.get("scale");
    let domain: Vec<String> = scale
        .get("domain")
        .array()
        .map(|d| d.iter().filter_map(super::super::node::text_of).collect())
        .unwrap_or_default();
    let at = |i: usize, name: &Option<String>| {
        name.as_ref()
            .and_then(|n| domain.iter().position(|d| d == n))
            .unwrap_or(i)
    };
    if let Some(range) = scale.get("range").array() {
        let list: Vec<String> = range
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        if !list.is_empty() {
            return Ok(names
                .iter()
                .enumerate()
                .map(|(i, nm)| list[at(i, nm) % list.len()].clone())
                .collect());
        }
    }
    if scale.get("scheme").is_present() {
        notes.warn(
            scale.get("scheme").path(),
            "drawn in Vega-Lite's default colours (tableau10)",
        );
    }
    Ok(names
        .iter()
        .enumerate()
        .map(|(i, nm)| TABLEAU10[at(i, nm) % 10].to_owned())
        .collect())
}

/// A constant opacity (`opacity.value` or the mark's `opacity`).
fn opacity(enc: &Encoding, mark: &Node, series_type: &str, s: &mut Map<String, Value>) {
    let o = enc
        .opacity
        .as_ref()
        .and_then(|c| c.value.as_ref().and_then(Value::as_f64))
        .or(mark.get("opacity").f64())
        .or((series_type == "scatter" && mark.get("filled").bool() != Some(true)).then_some(0.7))
        .or((series_type == "area").then_some(0.7));
    if let Some(o) = o {
        if series_type != "line" {
            s.insert("opacity".into(), json!(o.clamp(0.0, 1.0)));
        }
    }
}

/// A color field's legend: at the right, as Vega-Lite puts it, unless `legend: null`.
fn legend(enc: &Encoding) -> Option<&'static str> {
    let c = enc.color.as_ref().filter(|c| c.field.is_some())?;
    Some(if c.node.get("legend").value == Some(&Value::Null) {
        "none"
    } else {
        "right"
    })
}

/// The chartfn axis for a channel: title, type, scale and axis options.
pub fn axis(ch: &Channel, mark: &str) -> Result<Map<String, Value>> {
    let mut a = Map::new();
    let axis = ch.node.get("axis");
    if axis.value == Some(&Value::Null) {
        a.insert("visible".into(), json!(false));
    }
    if let Some(t) = ch.title() {
        if axis.get("title").value != Some(&Value::Null) {
            a.insert("label".into(), json!(axis.get("title").text().unwrap_or(t)));
        }
    }
    if ch.discrete() {
        a.insert("type".into(), json!("category"));
    } else if ch.kind == Kind::Temporal {
        a.insert("type".into(), json!("time"));
    }
    let scale = ch.node.get("scale");
    match scale.get("type").str() {
        None | Some("linear") | Some("band") | Some("point") | Some("ordinal") | Some("time")
        | Some("utc") => {}
        Some("log") => {
            a.insert("type".into(), json!("log"));
        }
        Some(other) => {
            return Err(Error::unsupported(
                scale.get("type").path(),
                format!("the {other:?} scale is not drawn (linear, log, time, band and point are)"),
            ))
        }
    }
    let quantitative = ch.kind == Kind::Quantitative && scale.get("type").str() != Some("log");
    if let Some(d) = scale.get("domain").array().filter(|d| d.len() == 2) {
        if !ch.discrete() {
            let bound = |v: &Value| {
                if ch.kind == Kind::Temporal {
                    super::time::iso(v).map_or(v.clone(), Value::String)
                } else {
                    v.clone()
                }
            };
            a.insert("min".into(), bound(&d[0]));
            a.insert("max".into(), bound(&d[1]));
        }
    } else if quantitative && scale.get("zero").bool() != Some(false) && !matches!(mark, "rule") {
        // Vega-Lite's quantitative scales include zero unless told otherwise.
        a.insert("zero".into(), json!(true));
    }
    if scale.get("reverse").bool() == Some(true) {
        a.insert("reverse".into(), json!(true));
    }
    if let Some(f) = axis
        .get("format")
        .str()
        .filter(|_| ch.kind == Kind::Quantitative)
    {
        a.insert("format".into(), json!(f));
    }
    if let Some(angle) = axis.get("labelAngle").f64() {
        a.insert("label_angle".into(), json!(angle.abs().min(90.0)));
    }
    if let Some(g) = axis.get("grid").bool() {
        a.insert("grid".into(), json!(g));
    }
    match axis.get("orient").str() {
        Some("top") => {
            a.insert("position".into(), json!("top"));
        }
        Some("right") => {
            a.insert("position".into(), json!("right"));
        }
        _ => {}
    }
    if let Some(values) = axis.get("values").array().filter(|_| !ch.discrete()) {
        a.insert("ticks".into(), Value::Array(values.clone()));
    } else if let Some(n) = axis.get("tickCount").f64() {
        a.insert(
            "ticks".into(),
            json!({"count": n.clamp(1.0, 1000.0) as u64}),
        );
    }
    Ok(a)
}

/// `bar` over a binned x, counted: a histogram of the raw values.
fn histogram(x: &Channel, y: &Channel, bins: u32, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    if y.aggregate != Some(Op::Count) || enc.color.as_ref().is_some_and(|c| c.field.is_some()) {
        return Err(Error::unsupported(
            y.node.path(),
            "a binned bar is drawn when its other channel counts rows, with no color field",
        ));
    }
    let values: Vec<Value> = rows
        .iter()
        .map(|r| x.number(r))
        .filter(|v| v.is_finite())
        .map(|v| json!(v))
        .collect();
    let mut s = Map::new();
    s.insert("type".into(), json!("histogram"));
    s.insert("values".into(), Value::Array(values));
    s.insert("bins".into(), json!(bins.clamp(1, 1000)));
    if let Some(c) = enc.color.as_ref().and_then(|c| c.value.clone()) {
        s.insert("color".into(), c);
    } else {
        s.insert("color".into(), json!(TABLEAU10[0]));
    }
    let mut parts = Parts {
        series: vec![Value::Object(s)],
        ..Parts::default()
    };
    parts.x = axis(x, "bar")?;
    parts.x.remove("zero");
    parts.y = axis(y, "bar")?;
    Ok(parts)
}

/// `arc`: a pie (or donut) of theta by color.
fn arc(mark: &Node, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let (Some(theta), Some(color)) = (&enc.theta, &enc.color) else {
        return Err(Error::unsupported(
            mark.path(),
            "an arc is drawn as a pie: it needs theta and a color field",
        ));
    };
    let mut slices: Vec<(Value, Vec<f64>, usize)> = Vec::new();
    for row in rows {
        let key = color.position(row);
        let v = value_of(theta, row);
        match slices.iter_mut().find(|s| s.0 == key) {
            Some(s) => {
                s.1.push(v);
                s.2 += 1;
            }
            None => slices.push((key, vec![v], 1)),
        }
    }
    if color.node.get("sort").value.is_none() && theta.node.get("sort").value.is_none() {
        slices.sort_by(|a, b| compare(&a.0, &b.0));
    }
    let op = theta.aggregate.unwrap_or(Op::Sum);
    let values: Vec<f64> = slices
        .iter_mut()
        .map(|s| op.apply(&mut s.1, s.2).max(0.0))
        .collect();
    let mut s = Map::new();
    s.insert("type".into(), json!("pie"));
    s.insert("values".into(), json!(values));
    s.insert(
        "labels".into(),
        Value::Array(
            slices
                .iter()
                .map(|s| json!(super::super::node::text_of(&s.0).unwrap_or_default()))
                .collect(),
        ),
    );
    s.insert(
        "colors".into(),
        json!((0..values.len())
            .map(|i| TABLEAU10[i % 10])
            .collect::<Vec<_>>()),
    );
    if let Some(inner) = mark.get("innerRadius").f64() {
        let outer = mark.get("outerRadius").f64().unwrap_or(100.0).max(1.0);
        s.insert("donut".into(), json!((inner / outer).clamp(0.0, 0.95)));
    }
    s.insert("data_labels".into(), json!(false));
    Ok(Parts {
        series: vec![Value::Object(s)],
        legend: legend(enc),
        ..Parts::default()
    })
}

/// `rect` over two discrete channels, coloured by a quantity: a heatmap.
fn heatmap(enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let (Some(x), Some(y), Some(color)) = (&enc.x, &enc.y, &enc.color) else {
        return Err(Error::unsupported(
            "/mark",
            "a rect is drawn as a heatmap: it needs x, y and a color field",
        ));
    };
    if color.kind != Kind::Quantitative || x.bin.is_some() || y.bin.is_some() {
        return Err(Error::unsupported(
            color.node.path(),
            "a rect is drawn as a heatmap of a quantitative color over two discrete axes",
        ));
    }
    let (mut xs, mut ys): (Vec<Value>, Vec<Value>) = (Vec::new(), Vec::new());
    let mut cells: HashMap<(String, String), (Vec<f64>, usize)> = HashMap::new();
    for row in rows {
        let (px, py) = (x.position(row), y.position(row));
        if px.is_null() || py.is_null() {
            continue;
        }
        if !xs.contains(&px) {
            xs.push(px.clone());
        }
        if !ys.contains(&py) {
            ys.push(py.clone());
        }
        let e = cells.entry((px.to_string(), py.to_string())).or_default();
        e.1 += 1;
        let v = value_of(color, row);
        if v.is_finite() {
            e.0.push(v);
        }
    }
    xs.sort_by(compare);
    ys.sort_by(compare);
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
    let text = |v: &Value| json!(super::super::node::text_of(v).unwrap_or_default());
    let s = json!({
        "type": "heatmap",
        "x": xs.iter().map(text).collect::<Vec<_>>(),
        "y": ys.iter().map(text).collect::<Vec<_>>(),
        "z": z,
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

/// `boxplot`: a box per category of a quantity (Tukey whiskers, as chartfn draws by default).
fn boxplot(mark: &Node, enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let extent = mark.get("extent");
    if extent.is_present() && extent.f64() != Some(1.5) {
        return Err(Error::unsupported(
            extent.path(),
            "whiskers other than 1.5 IQR (Tukey's, chartfn's) are not drawn",
        ));
    }
    let (Some(x), Some(y)) = (&enc.x, &enc.y) else {
        return Err(Error::unsupported("/mark", "a boxplot needs x and y"));
    };
    let horizontal = y.discrete() && !x.discrete();
    let (cat, val) = if horizontal { (y, x) } else { (x, y) };
    let mut labels: Vec<Value> = Vec::new();
    let mut samples: Vec<Vec<f64>> = Vec::new();
    for row in rows {
        let (c, v) = (cat.position(row), val.number(row));
        if c.is_null() || !v.is_finite() {
            continue;
        }
        match labels.iter().position(|l| *l == c) {
            Some(i) => samples[i].push(v),
            None => {
                labels.push(c);
                samples.push(vec![v]);
            }
        }
    }
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| compare(&labels[a], &labels[b]));
    let s = json!({
        "type": "box",
        "x": order.iter().map(|&i| json!(super::super::node::text_of(&labels[i]).unwrap_or_default())).collect::<Vec<_>>(),
        "values": order.iter().map(|&i| json!(samples[i])).collect::<Vec<_>>(),
        "horizontal": horizontal,
        "color": TABLEAU10[0],
    });
    let mut parts = Parts {
        series: vec![s],
        ..Parts::default()
    };
    let (xa, ya) = if horizontal { (val, cat) } else { (cat, val) };
    parts.x = axis(xa, "boxplot")?;
    parts.y = axis(ya, "boxplot")?;
    parts.x.remove("zero");
    parts.y.remove("zero");
    Ok(parts)
}

/// `rule`: a horizontal or vertical line at a constant or an aggregate of the data (the mean
/// line layered over bars, say), as an annotation.
fn rule(enc: &Encoding, rows: &[Row]) -> Result<Parts> {
    let mut parts = Parts::default();
    for (ch, key) in [(&enc.y, "y"), (&enc.x, "x")] {
        let Some(ch) = ch else { continue };
        let other = if key == "y" { &enc.x } else { &enc.y };
        if other.is_some() {
            continue;
        }
        let at = if let Some(v) = &ch.value {
            v.clone()
        } else if let Some(op) = ch.aggregate {
            let mut vals: Vec<f64> = rows
                .iter()
                .map(|r| ch.number(r))
                .filter(|v| v.is_finite())
                .collect();
            json!(op.apply(&mut vals, rows.len()))
        } else {
            continue;
        };
        let mut a = json!({"type": "line", key: at});
        if let Some(c) = enc.color.as_ref().and_then(|c| c.value.clone()) {
            a["color"] = c;
        }
        parts.annotations.push(a);
    }
    if parts.annotations.is_empty() {
        return Err(Error::unsupported(
            "/mark",
            "a rule is drawn across the plot at a constant or an aggregate (give only x or only y)",
        ));
    }
    Ok(parts)
}
