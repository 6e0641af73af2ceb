//! Marks at the categories of a discrete y over any x: a punchcard (categories on both axes),
//! events by category over time, ranks over matchdays, a bump chart, and text written down a
//! column of categories. chartfn draws these on a category y axis (`"y": {"type":
//! "category", "categories": [...]}`, lines, points and text only), its categories in the
//! order Vega-Lite's `sort` gives, first at the top.
//!
//! Points along a category y over a quantitative x stay dot plots (horizontal series, in
//! `series`), where values along x are what the chart compares.

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::channel::{value_of, Channel, Kind, Op};
use super::data::Row;
use super::order::{category_order, domain_order};
use super::style::{colours, interpolate, legend, opacity, point_marker, size_area, SIZE_RANGE};
use super::view::{compare, Encoding, Parts};
use crate::error::{Error, Result};
use crate::format::number::format_number;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Whether a view of `mark` with channels `x` and `y` is drawn here: points or lines whose y
/// is discrete while x is discrete or a time, or that run in an `order` (a bump chart).
pub(super) fn applies(mark: &str, x: &Channel, y: &Channel, enc: &Encoding) -> bool {
    matches!(mark, "point" | "circle" | "square" | "tick" | "line")
        && y.discrete()
        && (x.discrete()
            || x.kind == Kind::Temporal
            || enc.order.as_ref().is_some_and(|o| o.field.is_some()))
}

/// A point of a group: where it stands (x as chartfn reads it, y's category), its size, and
/// the key it runs in along a line.
struct Point {
    x: Value,
    y: String,
    size: f64,
    order: Value,
}

/// Points or lines at y's categories, one series per color value.
pub(super) fn marks(
    mark: &str,
    mark_node: &Node,
    x: &Channel,
    y: &Channel,
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    for ch in [x, y] {
        if ch.bin.is_some() {
            return Err(Error::unsupported(
                ch.node.get("bin").path(),
                "binning is drawn for a bar's x only (a histogram) or a rect's x and y (a heatmap)",
            ));
        }
        if ch.aggregate.is_some() {
            return Err(Error::unsupported(
                ch.node.get("aggregate").path(),
                "marks at categories on a category y are not aggregated along x or y (size, color or text can be)",
            ));
        }
    }
    if mark == "line" {
        let i = mark_node.get("interpolate");
        if matches!(i.str(), Some(s) if s != "linear" && s != "monotone") {
            return Err(Error::unsupported(
                i.path(),
                "a line between categories is drawn straight or monotone",
            ));
        }
    }
    if let Some(c) = enc
        .color
        .as_ref()
        .filter(|c| c.field.is_some() && c.kind == Kind::Quantitative)
    {
        return Err(Error::unsupported(
            c.node.path(),
            "points at categories are coloured by a category, not by a quantity",
        ));
    }
    let size = enc.size.as_ref().filter(|s| s.field.is_some());
    let by_color = enc
        .color
        .as_ref()
        .filter(|c| c.field.is_some())
        .or(enc.split.as_ref());
    let order = enc.order.as_ref().filter(|o| o.field.is_some());
    let mut groups = group_points(rows, x, y, by_color, size, order);
    for g in &mut groups {
        if mark == "line" || order.is_some() {
            let desc = order.is_some_and(|o| o.node.get("sort").str() == Some("descending"));
            g.1.sort_by(|a, b| {
                let o = match order {
                    Some(_) => compare(&a.order, &b.order),
                    None => compare(&a.x, &b.x),
                };
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
        }
    }
    let names: Vec<Option<String>> = groups.iter().map(|g| g.0.clone()).collect();
    let mut colors = colours(enc, &names, notes)?;
    if let (None, Some(c)) = (&enc.color, mark_node.get("color").str()) {
        colors.iter_mut().for_each(|k| *k = c.to_owned());
    }
    let area = size_range(size);
    let top = groups
        .iter()
        .flat_map(|g| g.1.iter().map(|p| p.size))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let series_type = if mark == "line" { "line" } else { "scatter" };
    let mut parts = Parts::default();
    for (i, (name, points)) in groups.iter().enumerate() {
        let mut s = Map::new();
        s.insert("type".into(), json!(series_type));
        if let Some(n) = name.as_ref().filter(|_| by_color.is_some()) {
            s.insert("name".into(), json!(n));
        }
        if let Some(c) = colors.get(i) {
            s.insert("color".into(), json!(c));
        }
        s.insert("x".into(), points.iter().map(|p| p.x.clone()).collect());
        s.insert("y".into(), points.iter().map(|p| json!(p.y)).collect());
        if series_type == "scatter" {
            if size.is_some() {
                let sizes = points.iter().map(|p| size_area(p.size, top, area));
                s.insert("sizes".into(), sizes.collect());
            }
            let shape = if mark == "square" { "square" } else { "circle" };
            point_marker(mark_node, mark, shape, &mut s);
            if mark == "tick" {
                notes.warn(mark_node.path(), "ticks are drawn as points");
            }
        } else {
            interpolate(mark_node, &mut s, notes)?;
            if mark_node.get("point").bool() == Some(true) {
                s.insert("marker".into(), json!("circle"));
            }
        }
        opacity(enc, mark_node, series_type, &mut s);
        parts.series.push(Value::Object(s));
    }
    parts.x = super::axis::axis(x, mark)?;
    parts.y = super::axis::axis(y, mark)?;
    parts
        .y
        .insert("categories".into(), json!(categories(y, Some(x), rows)?));
    if x.discrete() {
        parts
            .x
            .insert("categories".into(), json!(categories(x, Some(y), rows)?));
    }
    parts.legend = legend(enc);
    Ok(parts)
}

/// Rows as points grouped by the color field (in the rows' order of first appearance, then
/// Vega-Lite's domain order); with a `size` aggregate, one point per category pair.
fn group_points(
    rows: &[Row],
    x: &Channel,
    y: &Channel,
    by_color: Option<&Channel>,
    size: Option<&Channel>,
    order: Option<&Channel>,
) -> Vec<(Option<String>, Vec<Point>)> {
    let mut groups: Vec<(Option<String>, Vec<Point>)> = Vec::new();
    let mut at: HashMap<Option<String>, usize> = HashMap::new();
    // Per group and category pair: the point's index, and its sizes to aggregate.
    let mut pooled: HashMap<(usize, String, String), (usize, Pool)> = HashMap::new();
    let aggregate = size.and_then(|s| s.aggregate);
    for row in rows {
        let (px, py) = (x.position(row), y.position(row));
        if px.is_null() || py.is_null() {
            continue;
        }
        let name = by_color.and_then(|c| text_of(&c.position(row)));
        let g = *at.entry(name.clone()).or_insert_with(|| {
            groups.push((name, Vec::new()));
            groups.len() - 1
        });
        let v = size.map_or(f64::NAN, |s| value_of(s, row));
        let point = Point {
            y: label(&py),
            size: v,
            order: order
                .and_then(|o| o.raw(row).cloned())
                .unwrap_or(Value::Null),
            x: px,
        };
        if aggregate.is_none() {
            groups[g].1.push(point);
            continue;
        }
        let key = (g, point.x.to_string(), point.y.clone());
        pooled
            .entry(key)
            .or_insert_with(|| {
                groups[g].1.push(point);
                (groups[g].1.len() - 1, Pool::default())
            })
            .1
            .add(v);
    }
    if let Some(op) = aggregate {
        for ((g, ..), (i, mut pool)) in pooled {
            groups[g].1[i].size = pool.apply(op);
        }
    }
    if let Some(c) = by_color.filter(|c| c.kind != Kind::Quantitative) {
        let order = domain_order(c);
        groups.sort_by(|a, b| order(&json!(a.0), &json!(b.0)));
    }
    groups
}

/// The rows of one cell, for an aggregate: their finite values, and how many there were.
#[derive(Default)]
struct Pool {
    values: Vec<f64>,
    rows: usize,
}

impl Pool {
    fn add(&mut self, v: f64) {
        self.rows += 1;
        if v.is_finite() {
            self.values.push(v);
        }
    }

    fn apply(&mut self, op: Op) -> f64 {
        op.apply(&mut self.values, self.rows)
    }
}

/// The area range of the size scale in px²: Vega-Lite's `scale.range` or `rangeMin` /
/// `rangeMax`, else its default for points (9 to 361).
fn size_range(size: Option<&Channel>) -> (f64, f64) {
    let Some(scale) = size.map(|s| s.node.get("scale")) else {
        return SIZE_RANGE;
    };
    let range = scale.get("range").array().filter(|r| r.len() == 2);
    let lo = range
        .and_then(|r| r[0].as_f64())
        .or(scale.get("rangeMin").f64())
        .unwrap_or(SIZE_RANGE.0);
    let hi = range
        .and_then(|r| r[1].as_f64())
        .or(scale.get("rangeMax").f64())
        .unwrap_or(SIZE_RANGE.1);
    (lo.max(0.0), hi.max(lo.max(0.0)))
}

/// A category's name as chartfn writes it: text as is, numbers in their shortest form.
fn label(v: &Value) -> String {
    match v {
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format_number),
        other => text_of(other).unwrap_or_default(),
    }
}

/// The categories of discrete channel `ch`, in the order its `sort` gives (ascending by
/// default), named as [`label`] names them.
fn categories(ch: &Channel, other: Option<&Channel>, rows: &[Row]) -> Result<Vec<String>> {
    let order = category_order(ch, other.unwrap_or(ch), rows)?;
    Ok(order.iter().map(label).collect())
}

/// Text at y's categories: at x's categories, at a time or number along x, or in one column
/// when there is no x (a table's column of values: `text_format`, a population pyramid's
/// ages). An aggregated text (`mean` of a field) is one label per category pair.
pub(super) fn text(mark: &Node, enc: &Encoding, rows: &[Row], notes: &mut Notes) -> Result<Parts> {
    let (Some(y), Some(t)) = (&enc.y, &enc.text) else {
        return Err(Error::unsupported(
            mark.path(),
            "a text mark is drawn with y and text",
        ));
    };
    if enc.color.as_ref().is_some_and(|c| c.field.is_some()) {
        return Err(Error::unsupported(
            enc.color.as_ref().map_or(mark.path(), |c| c.node.path()),
            "text down a category column is written in one colour",
        ));
    }
    let x = enc.x.as_ref();
    if let Some(a) = x
        .and_then(|x| x.aggregate.map(|_| x))
        .or(y.aggregate.map(|_| y))
    {
        return Err(Error::unsupported(
            a.node.get("aggregate").path(),
            "text at categories is aggregated through its text channel, not along x or y",
        ));
    }
    let format = match t.node.get("format").str() {
        Some(f) if t.kind == Kind::Quantitative || t.aggregate.is_some() => Some(
            crate::format::d3::NumberFormat::parse(f)
                .map_err(|e| Error::unsupported(t.node.get("format").path(), e))?,
        ),
        _ => None,
    };
    let write = |v: f64| match &format {
        Some(f) => f.format(v, crate::format::locale::DEFAULT),
        None => format_number(v),
    };
    // One label per (x, y) position: each row's, or the aggregate of its rows.
    struct Label {
        x: Value,
        y: String,
        pool: Pool,
        words: String,
    }
    let mut labels: Vec<Label> = Vec::new();
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for row in rows {
        let px = x.map_or(json!(0), |x| x.position(row));
        let py = y.position(row);
        if px.is_null() || py.is_null() {
            continue;
        }
        let py = label(&py);
        let words = match (&t.field, &t.value) {
            (Some(_), _) if t.aggregate.is_some() => String::new(),
            (Some(_), _) if t.kind == Kind::Quantitative => write(t.number(row)),
            (Some(_), _) => t.raw(row).and_then(text_of).unwrap_or_default(),
            (None, Some(v)) => text_of(v).unwrap_or_default(),
            _ => String::new(),
        };
        let label = Label {
            x: px,
            y: py,
            pool: Pool::default(),
            words,
        };
        if t.aggregate.is_none() {
            labels.push(label);
            continue;
        }
        let i = *at
            .entry((label.x.to_string(), label.y.clone()))
            .or_insert_with(|| {
                labels.push(label);
                labels.len() - 1
            });
        labels[i].pool.add(value_of(t, row));
    }
    if let Some(op) = t.aggregate {
        for l in &mut labels {
            l.words = write(l.pool.apply(op));
        }
    }
    let mut s = Map::new();
    s.insert("type".into(), json!("text"));
    s.insert("x".into(), labels.iter().map(|l| l.x.clone()).collect());
    s.insert("y".into(), labels.iter().map(|l| json!(l.y)).collect());
    s.insert(
        "text".into(),
        labels.iter().map(|l| json!(l.words)).collect(),
    );
    let anchor = match mark.get("align").str() {
        Some("left") => "start",
        Some("right") => "end",
        _ => "middle",
    };
    s.insert("anchor".into(), json!(anchor));
    if let Some(c) = mark.get("color").str() {
        s.insert("color".into(), json!(c));
    }
    if mark.get("fontSize").is_present() || mark.get("font").is_present() {
        notes.warn(
            mark.path(),
            "text is written at chartfn's label size and font",
        );
    }
    let mut parts = Parts::default();
    parts.series.push(Value::Object(s));
    parts.x = match x {
        Some(x) => super::axis::axis(x, "text")?,
        None => {
            // No x: one column, centred, on an axis nobody sees.
            let mut a = Map::new();
            a.insert("visible".into(), json!(false));
            a.insert("grid".into(), json!(false));
            a
        }
    };
    parts.y = super::axis::axis(y, "text")?;
    parts
        .y
        .insert("categories".into(), json!(categories(y, x, rows)?));
    if let Some(x) = x.filter(|x| x.discrete()) {
        parts
            .x
            .insert("categories".into(), json!(categories(x, Some(y), rows)?));
    }
    Ok(parts)
}
