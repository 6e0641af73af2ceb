//! Each view's mark built by the module that draws it, chosen by the mark's name and its
//! channels (bars, lines and points by `series` or `category_y`, ranges by `ranges`, pies by
//! `arc`, text by `text`, the rest by `shapes`); `argmax`/`argmin` channels reduce the rows
//! first.

use super::super::node::Node;
use super::super::Notes;
use super::channel::{Channel, Kind, Op};
use super::data::Row;
use super::first_seen::FirstSeen;
use super::view::{compare, Encoding, Parts};
use super::{arc, category_y, heatmap, ranges, series, shapes, text};
use crate::error::{Error, Result};
use serde_json::{json, Value};

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
    (view, mark_node): (&Node, &Node),
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    if let Some((enc, rows)) = reduce_args(enc, rows) {
        return translate(mark, (view, mark_node), &enc, &rows, notes);
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
    if let Some(o) = enc.stack_by.as_ref().filter(|_| {
        mark != "bar"
            || enc.x2.is_some()
            || enc.y2.is_some()
            || [&enc.x, &enc.y]
                .iter()
                .any(|c| c.as_ref().is_some_and(|c| c.bin.is_some()))
            || enc
                .color
                .as_ref()
                .is_some_and(|c| c.kind == Kind::Quantitative)
    }) {
        return Err(Error::unsupported(
            o.node.path(),
            "an offset by a field other than color is drawn for bars (stacks side by side); \
             on other marks, the offset is drawn by the color field only",
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
                    shapes::histogram(x, y, x.bin.unwrap_or(10), enc, rows, notes)
                }
                // Points over a binned x and y: a binned scatterplot.
                (Some(x), Some(y), None)
                    if matches!(mark, "point" | "circle" | "square")
                        && x.bin.is_some()
                        && y.bin.is_some() =>
                {
                    heatmap::binned_points((mark, mark_node), (x, y), enc, rows)
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
        "arc" => arc::arc((view, mark_node), enc, rows, notes),
        "rect" => heatmap::heatmap(enc, rows),
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
        "text" => text::text(mark_node, enc, rows, notes),
        other => Err(Error::unsupported(
            mark_node.path(),
            format!("the {other:?} mark is not drawn (bar, line, area, point, circle, square, tick, arc, rect, rule, text, boxplot, errorbar and errorband are)"),
        )),
    }
}
