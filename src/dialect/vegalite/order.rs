//! The order of a view's categories and colour values, as Vega-Lite sorts them: a discrete
//! channel's `sort` (ascending, descending, a list, by a field's aggregate or by the other
//! channel), one category order over every bar series, and a color scale's `domain` order.

use super::super::node::text_of;
use super::channel::{value_of, Channel, Op};
use super::data::{field_number, Row};
use super::view::{compare, sort_by_value};
use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::HashMap;

/// A row placed: its position along the index, its value and its size (`NaN` when none).
pub(super) type Point = (Value, f64, f64);

/// A group of rows under one color value.
pub(super) struct Group {
    pub name: Option<String>,
    /// The stack the group's bars are in, when stacks stand side by side (`xOffset` by a field
    /// other than color).
    pub stack: Option<String>,
    pub points: Vec<Point>,
}

/// Gives every bar series each category of the index, in the one order `sort` makes over all of
/// them, a missing one as zero (no bar): chartfn orders categories as the series first name them, and
/// a first series without some categories (snow, only in winter) would otherwise move those
/// to the end of the axis.
pub(super) fn align_categories(
    index: &Channel,
    value: &Channel,
    rows: &[Row],
    positions: Vec<Value>,
    groups: &mut [Group],
) -> Result<()> {
    let order = ordered_categories(index, value, rows, positions)?;
    for g in groups.iter_mut() {
        // A category may hold several bars of one series (no aggregate): all are kept.
        let mut at: HashMap<String, Vec<(Value, f64, f64)>> = HashMap::new();
        for p in g.points.drain(..) {
            at.entry(p.0.to_string()).or_default().push(p);
        }
        g.points = order
            .iter()
            .flat_map(|c| {
                at.remove(&c.to_string())
                    .unwrap_or_else(|| vec![(c.clone(), 0.0, f64::NAN)])
            })
            .collect();
    }
    Ok(())
}

/// Vega-Lite's order of a color field's values: those its scale's `domain` lists first, in
/// that order, the others ascending.
pub(super) fn domain_order(c: &Channel) -> impl Fn(&Value, &Value) -> std::cmp::Ordering {
    let domain = c
        .node
        .get("scale")
        .get("domain")
        .array()
        .cloned()
        .unwrap_or_default();
    move |a, b| {
        let rank = |v: &Value| domain.iter().position(|d| text_of(d) == text_of(v));
        match (rank(a), rank(b)) {
            (Some(i), Some(j)) => i.cmp(&j),
            _ => compare(a, b),
        }
    }
}

/// Every category of the discrete channel `index` over `rows` (first seen first, what `sort:
/// null` keeps), in the order its `sort` gives; `value` is the other channel, for a sort by it.
pub(super) fn category_order(index: &Channel, value: &Channel, rows: &[Row]) -> Result<Vec<Value>> {
    let all = super::first_seen::distinct(
        rows.iter()
            .map(|r| index.position(r))
            .filter(|p| !p.is_null()),
    );
    ordered_categories(index, value, rows, all)
}

/// [`category_order`] of the distinct positions `all` (in first-seen order), found already.
fn ordered_categories(
    index: &Channel,
    value: &Channel,
    rows: &[Row],
    all: Vec<Value>,
) -> Result<Vec<Value>> {
    let mut union = [Group {
        name: None,
        stack: None,
        points: all.into_iter().map(|c| (c, 0.0, f64::NAN)).collect(),
    }];
    sort_index(index, value, rows, &mut union)?;
    let [union] = union;
    Ok(union.points.into_iter().map(|p| p.0).collect())
}

/// Orders each group's points along a discrete index by `sort` (default: ascending).
pub(super) fn sort_index(
    index: &Channel,
    value: &Channel,
    rows: &[Row],
    groups: &mut [Group],
) -> Result<()> {
    if !index.discrete() {
        return Ok(());
    }
    let sort = index.node.get("sort");
    let by_key = |desc: bool, keys: HashMap<String, f64>, groups: &mut [Group]| {
        for g in groups.iter_mut() {
            // Each point's key looked up once, not in every comparison.
            let mut keyed: Vec<(f64, (Value, f64, f64))> = g
                .points
                .drain(..)
                .map(|p| (keys.get(&p.0.to_string()).copied().unwrap_or(f64::NAN), p))
                .collect();
            keyed.sort_by(|a, b| {
                if desc {
                    b.0.total_cmp(&a.0)
                } else {
                    a.0.total_cmp(&b.0)
                }
            });
            g.points = keyed.into_iter().map(|(_, p)| p).collect();
        }
    };
    let ascending = |groups: &mut [Group]| {
        groups
            .iter_mut()
            .for_each(|g| sort_by_value(&mut g.points, |p| &p.0, false))
    };
    let other = if index.node.path().ends_with("/x") {
        "y"
    } else {
        "x"
    };
    match sort.value {
        None => ascending(groups),
        Some(Value::Null) => {}
        Some(Value::String(s)) if s == "ascending" => ascending(groups),
        Some(Value::String(s)) if s == "descending" => groups
            .iter_mut()
            .for_each(|g| sort_by_value(&mut g.points, |p| &p.0, true)),
        // By the other channel: its aggregate over each category's rows (all colours together).
        Some(Value::String(s)) if s == other || s == &format!("-{other}") => {
            let op = value.aggregate.unwrap_or(Op::Sum);
            let keys = category_keys(&|r| index.position(r), rows, op, &|r| value_of(value, r));
            by_key(s.starts_with('-'), keys, groups)
        }
        Some(Value::Object(o)) if o.get("encoding").and_then(Value::as_str) == Some(other) => {
            let op = value.aggregate.unwrap_or(Op::Sum);
            let keys = category_keys(&|r| index.position(r), rows, op, &|r| value_of(value, r));
            by_key(o.get("order").and_then(Value::as_str) == Some("descending"), keys, groups)
        }
        // By a field's aggregate (`op`, default sum) over each category's rows.
        Some(Value::Object(o)) if o.contains_key("field") || o.contains_key("op") => {
            let op = match o.get("op") {
                Some(_) => Op::parse_name(&sort.get("op"))?,
                None => Op::Sum,
            };
            let field = o.get("field").and_then(Value::as_str).unwrap_or_default();
            let keys = category_keys(&|r| index.position(r), rows, op, &|r| field_number(r, Some(field)));
            by_key(o.get("order").and_then(Value::as_str) == Some("descending"), keys, groups)
        }
        Some(Value::Array(list)) => {
            // Day and month names match case-insensitively on their first three letters, as
            // Vega-Lite matches `["mon", "tue", …]` to a day time unit's "Monday".
            let calendar = index.time_unit.is_some();
            let same = |a: &str, b: &str| {
                a == b
                    || (calendar
                        && a.len() >= 3
                        && b.len() >= 3
                        && a.is_char_boundary(3)
                        && b.is_char_boundary(3)
                        && a[..3].eq_ignore_ascii_case(&b[..3]))
            };
            let rank = |p: &Value| {
                let p = text_of(p).unwrap_or_default();
                list.iter()
                    .position(|v| same(&text_of(v).unwrap_or_default(), &p))
                    .unwrap_or(usize::MAX)
            };
            // Ranked once per point (a list search), not in every comparison.
            groups
                .iter_mut()
                .for_each(|g| g.points.sort_by_cached_key(|a| rank(&a.0)));
        }
        Some(_) => {
            return Err(Error::unsupported(
                sort.path(),
                "this sort is not computed (ascending, descending, null, a list, by a field's aggregate or by the other axis' value are)",
            ))
        }
    }
    Ok(())
}

/// Per category (`category` of a row, as its value prints), `op` over `number` of its rows.
pub(super) fn category_keys(
    category: &dyn Fn(&Row) -> Value,
    rows: &[Row],
    op: Op,
    number: &dyn Fn(&Row) -> f64,
) -> HashMap<String, f64> {
    let mut values: HashMap<String, (Vec<f64>, usize)> = HashMap::new();
    for r in rows {
        let e = values.entry(category(r).to_string()).or_default();
        e.1 += 1;
        let v = number(r);
        if v.is_finite() {
            e.0.push(v);
        }
    }
    values
        .into_iter()
        .map(|(k, (mut vals, n))| (k, op.apply(&mut vals, n)))
        .collect()
}
