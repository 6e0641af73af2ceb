//! One Vega-Lite view — a mark, its encoding, its rows — as chartfn series and axes: the
//! encoding read, and each mark handed to the module that draws its kind (`series` for bars,
//! lines, areas and points; `shapes` for the others; `axis` for the axes).

use super::super::node::Node;
use super::super::Notes;
use super::channel::{Channel, Kind, Op};
use super::data::Row;
use super::first_seen::FirstSeen;
use super::time::Unit;
use super::{arc, category_y, ranges, series, shapes};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};
use std::cmp::Ordering;

/// What a view contributes to the chart.
#[derive(Default)]
pub struct Parts {
    pub series: Vec<Value>,
    pub x: Map<String, Value>,
    pub y: Map<String, Value>,
    pub legend: Option<&'static str>,
    pub annotations: Vec<Value>,
}

impl Encoding<'_> {
    /// The one colour of marks not coloured by a field: `color.value`, else the mark's own
    /// `color` (when `mark` is given), else Vega-Lite's first category colour.
    pub fn constant_color(&self, mark: Option<&Node>) -> Value {
        self.color
            .as_ref()
            .and_then(|c| c.value.clone())
            .or_else(|| mark.and_then(|m| m.get("color").value.cloned()))
            .unwrap_or_else(|| Value::String(TABLEAU10[0].into()))
    }
}

impl Parts {
    /// The axes of a view whose `index` channel runs along x, or down y when `horizontal`.
    pub fn set_axes(
        &mut self,
        index: &Channel,
        value: &Channel,
        horizontal: bool,
        mark: &str,
    ) -> Result<()> {
        let (xa, ya) = if horizontal {
            (value, index)
        } else {
            (index, value)
        };
        self.x = super::axis::axis(xa, mark)?;
        self.y = super::axis::axis(ya, mark)?;
        Ok(())
    }
}

/// The encoding of a view.
#[derive(Clone)]
pub struct Encoding<'a> {
    /// `xOffset` by the color field: bars side by side (grouped) instead of stacked.
    pub grouped: bool,
    pub x: Option<Channel<'a>>,
    /// The other end of a ranged area or bar (`y2`): a band, or bars floating from `y` to it.
    pub y2: Option<Channel<'a>>,
    /// The other end of a ranged bar along x (`x2`): bars from `x` to it (a Gantt chart).
    pub x2: Option<Channel<'a>>,
    pub text: Option<Channel<'a>>,
    /// A field that splits the marks into series besides color: `strokeDash` (each series its
    /// own dash) or `detail` (no visible difference, as in Vega-Lite).
    pub split: Option<Channel<'a>>,
    pub dashed: bool,
    pub y: Option<Channel<'a>>,
    pub color: Option<Channel<'a>>,
    pub size: Option<Channel<'a>>,
    pub theta: Option<Channel<'a>>,
    /// How far each arc reaches: a polar area chart.
    pub radius: Option<Channel<'a>>,
    pub opacity: Option<Channel<'a>>,
    /// The order a line connects its points in (a connected scatterplot).
    pub order: Option<Channel<'a>>,
    /// Points shaped by the color field: a marker per series.
    pub shaped: bool,
}

impl<'a> Encoding<'a> {
    /// The channels that carry a field or a constant (not the flags beside them).
    fn channels_mut(&mut self) -> [&mut Option<Channel<'a>>; 11] {
        [
            &mut self.x,
            &mut self.y,
            &mut self.x2,
            &mut self.y2,
            &mut self.text,
            &mut self.color,
            &mut self.size,
            &mut self.opacity,
            &mut self.theta,
            &mut self.radius,
            &mut self.split,
        ]
    }
}

/// Channels chartfn does not draw, refused where they would change the chart.
const REFUSED: [&str; 5] = ["angle", "xError", "yError", "xError2", "yError2"];

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
        // Bars side by side within a category (xOffset, or yOffset for horizontal bars).
        let mut offset = None;
        for key in ["xOffset", "yOffset"] {
            let Some(o) = Channel::read(enc.get(key))? else {
                continue;
            };
            if o.field.is_none() || o.field != color.as_ref().and_then(|c| c.field.clone()) {
                return Err(Error::unsupported(
                    o.node.path(),
                    format!("{key} is drawn by the color field (grouped bars); by another field it is not"),
                ));
            }
            offset = Some(o);
        }
        let shape = Channel::read(enc.get("shape"))?;
        let shaped = match &shape {
            None => false,
            Some(s) if s.field.is_some() && s.field == color.as_ref().and_then(|c| c.field.clone()) => {
                true
            }
            Some(s) => {
                return Err(Error::unsupported(
                    s.node.path(),
                    "shape is drawn by the color field (a marker per series); by another field or a constant it is not",
                ))
            }
        };
        let dash = Channel::read(enc.get("strokeDash"))?.filter(|c| c.field.is_some());
        let detail = Channel::read(enc.get("detail"))?.filter(|c| c.field.is_some());
        let color_field = color.as_ref().and_then(|c| c.field.clone());
        let mut split = None;
        for ch in [dash.clone(), detail].into_iter().flatten() {
            if color_field.is_some() && ch.field != color_field {
                return Err(Error::unsupported(
                    ch.node.path(),
                    "splitting marks by a second field besides color is not drawn (the same field as color is)",
                ));
            }
            split = split.or(Some(ch));
        }
        Ok(Encoding {
            split: if color_field.is_some() { None } else { split },
            dashed: dash.is_some(),
            grouped: offset.is_some(),
            x: Channel::read(enc.get("x"))?,
            y2: Channel::read(enc.get("y2"))?,
            x2: Channel::read(enc.get("x2"))?,
            text: Channel::read(enc.get("text"))?,
            y: Channel::read(enc.get("y"))?,
            color,
            size: Channel::read(enc.get("size"))?,
            theta: Channel::read(enc.get("theta"))?,
            radius: Channel::read(enc.get("radius"))?,
            opacity: Channel::read(enc.get("opacity"))?,
            order: Channel::read(enc.get("order"))?,
            shaped,
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
pub fn compare(a: &Value, b: &Value) -> Ordering {
    let (ka, kb) = (sort_key(a), sort_key(b));
    ka.0.cmp(&kb.0)
        .then(ka.1.total_cmp(&kb.1))
        .then_with(|| ka.2.cmp(kb.2))
}

/// A value's place in [`compare`]'s order — (class, number, text), compared in that order — so
/// that the order is total (a sort may panic on one that is not): numbers and numeric text by
/// value, then month and weekday names in calendar order, then other text, then booleans,
/// other values, and nulls last.
fn sort_key(v: &Value) -> (u8, f64, &str) {
    match v {
        Value::Number(n) => (0, n.as_f64().unwrap_or(0.0), ""),
        Value::String(s) => match (s.parse::<f64>(), Unit::month_index(s)) {
            (Ok(n), _) => (0, n, ""),
            (_, Some(i)) => (1, i as f64, ""),
            _ => (2, 0.0, s.as_str()),
        },
        Value::Bool(b) => (3, *b as u8 as f64, ""),
        Value::Null => (5, 0.0, ""),
        _ => (4, 0.0, ""),
    }
}

/// The member whose `by` is largest (smallest), in Vega-Lite's order of values; rows without
/// it are passed over.
fn extreme<'r>(members: &[&'r Row], by: &str, max: bool) -> Option<&'r Row> {
    let key = |r: &&&'r Row| r.get(by).unwrap_or(&Value::Null);
    let valid = members.iter().filter(|r| !key(r).is_null());
    let best = if max {
        valid.max_by(|a, b| compare(key(a), key(b)))
    } else {
        valid.min_by(|a, b| compare(key(a), key(b)))
    };
    best.copied()
}

/// With an `argmax`/`argmin` channel: one row per group of the view's plain fields, each
/// channel's value taken at the group's extreme row (argmax, argmin) or aggregated (`max` of a
/// date, say), and an encoding that reads those rows as they are. `None` without such a channel.
fn reduce_args<'a>(enc: &Encoding<'a>, rows: &[Row]) -> Option<(Encoding<'a>, Vec<Row>)> {
    let mut out = enc.clone();
    let channels: Vec<Channel> = out
        .channels_mut()
        .into_iter()
        .flatten()
        .map(|c| c.clone())
        .collect();
    if !channels.iter().any(|c| c.arg.is_some()) {
        return None;
    }
    let plain: Vec<&Channel> = channels
        .iter()
        .filter(|c| c.arg.is_none() && c.aggregate.is_none() && c.field.is_some())
        .collect();
    // The groups in first-seen order, found by their plain fields' values.
    let mut seen = FirstSeen::new();
    for row in rows {
        let key: Vec<Value> = plain.iter().map(|c| c.position(row)).collect();
        seen.group(Value::Array(key).to_string(), Vec::new)
            .push(row);
    }
    let groups: Vec<Vec<&Row>> = seen.into_groups();
    let mut reduced = Vec::with_capacity(groups.len());
    for members in &groups {
        let mut row = members[0].clone();
        for c in &channels {
            let Some(field) = &c.field else { continue };
            let v = match (&c.arg, c.aggregate) {
                (Some((max, by)), _) => {
                    extreme(members, by, *max).and_then(|r| r.get(field).cloned())
                }
                (None, Some(op @ (Op::Min | Op::Max))) => {
                    extreme(members, field, op == Op::Max).and_then(|r| r.get(field).cloned())
                }
                (None, Some(op)) => {
                    let mut vals: Vec<f64> = members
                        .iter()
                        .map(|r| c.number(r))
                        .filter(|v| v.is_finite())
                        .collect();
                    Some(op.apply(&mut vals, members.len()))
                        .filter(|v| v.is_finite())
                        .map(|v| json!(v))
                }
                (None, None) => continue,
            };
            row.insert(field.clone(), v.unwrap_or(Value::Null));
        }
        reduced.push(row);
    }
    for c in out.channels_mut().into_iter().flatten() {
        c.arg = None;
        c.aggregate = None;
    }
    Some((out, reduced))
}

/// The view's marks as chartfn parts.
pub fn translate(
    mark: &str,
    mark_node: &Node,
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    if let Some((enc, rows)) = reduce_args(enc, rows) {
        return translate(mark, mark_node, &enc, &rows, notes);
    }
    if let Some(o) = enc.order.as_ref().filter(|o| o.field.is_some()) {
        if !matches!(mark, "line" | "point" | "circle" | "square" | "arc") {
            return Err(Error::unsupported(
                o.node.path(),
                "the order channel is drawn for a line over two continuous axes (a connected scatterplot) and for pie slices",
            ));
        }
    }
    if let Some(r) = enc.radius.as_ref().filter(|_| mark != "arc") {
        return Err(Error::unsupported(
            r.node.path(),
            "the radius channel is drawn for arcs (a polar area chart)",
        ));
    }
    if let Some(x2) = enc
        .x2
        .as_ref()
        .filter(|_| !matches!(mark, "bar" | "errorbar"))
    {
        return Err(Error::unsupported(
            x2.node.path(),
            "x2 is drawn for bars (from x to x2: a Gantt chart) and error bars",
        ));
    }
    match mark {
        // Bars from x to x2 over a continuous x: bins counted elsewhere.
        "bar" if enc.x2.is_some()
            && enc.y2.is_none()
            && enc.x.as_ref().is_some_and(|x| x.binned || !x.discrete())
            && enc.y.as_ref().is_some_and(|y| !y.discrete()) =>
        {
            shapes::prebinned(mark_node, enc, rows)
        }
        "bar" if enc.x2.is_some() || enc.y2.is_some() => ranges::ranged_bars(mark_node, enc, rows),
        "bar" | "line" | "area" | "point" | "circle" | "square" | "tick" => {
            match (&enc.x, &enc.y, &enc.y2) {
                // A ranged area: a band.
                (Some(x), Some(y), Some(y2)) => shapes::band(mark, mark_node, x, y, y2, enc, rows),
                // Histograms: a binned field counted.
                (Some(x), Some(y), None) if mark == "bar" && x.bin.is_some() => {
                    shapes::histogram(x, y, x.bin.unwrap_or(10), enc, rows)
                }
                // Marks along one continuous axis: a strip.
                (Some(x), None, None) if mark != "bar" && !x.discrete() && x.field.is_some() => {
                    shapes::strip(mark, x, enc, rows)
                }
                // Points and lines at the categories of a discrete y.
                (Some(x), Some(y), None) if category_y::applies(mark, x, y, enc) => {
                    category_y::marks(mark, mark_node, x, y, enc, rows, notes)
                }
                _ => series::cartesian(mark, mark_node, enc, rows, notes),
            }
        }
        "arc" => arc::arc(mark_node, enc, rows, notes),
        "rect" => shapes::heatmap(enc, rows),
        "boxplot" => shapes::boxplot(mark_node, enc, rows),
        "errorbar" | "errorband" => ranges::error_interval(mark, mark_node, enc, rows, notes),
        "rule" => shapes::rule(enc, rows, notes),
        // Text down a column of categories (nothing or categories or times along x).
        "text"
            if enc.y.as_ref().is_some_and(|y| y.discrete())
                && enc.x.as_ref().is_none_or(|x| x.discrete() || x.kind == Kind::Temporal)
                && enc.text.is_some() =>
        {
            category_y::text(mark_node, enc, rows, notes)
        }
        "text" => shapes::text(mark_node, enc, rows, notes),
        other => Err(Error::unsupported(
            mark_node.path(),
            format!("the {other:?} mark is not drawn (bar, line, area, point, circle, square, tick, arc, rect, rule, text, boxplot, errorbar and errorband are)"),
        )),
    }
}
