//! One Vega-Lite view — a mark, its encoding, its rows — as chartfn series and axes: the
//! encoding read, and each mark handed to the module that draws its kind (`series` for bars,
//! lines, areas and points; `shapes` for the others; `axis` for the axes).

use super::super::node::Node;
use super::super::Notes;
use super::channel::Channel;
use super::time::Unit;
use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::cmp::Ordering;

/// What a view contributes to the chart.
#[derive(Default)]
pub struct Parts {
    pub series: Vec<Value>,
    pub x: Map<String, Value>,
    pub y: Map<String, Value>,
    /// The second value axis's options, for a layer drawn against it (`resolve` independent).
    pub y2: Option<Map<String, Value>>,
    pub legend: Option<&'static str>,
    /// The series are in the reverse of the legend's order (a column's stack, bottom first).
    pub legend_reversed: bool,
    pub annotations: Vec<Value>,
}

impl Encoding<'_> {
    /// For marks not drawn split by colour: `unsupported` with `why` at the color channel when
    /// it colours by a field.
    pub fn refuse_color_field(&self, why: impl Into<String>) -> Result<()> {
        match self.color.as_ref().filter(|c| c.field.is_some()) {
            Some(c) => Err(Error::unsupported(c.node.path(), why)),
            None => Ok(()),
        }
    }

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
    /// `xOffset` (or `yOffset`) by another field: a stack of bars (by color) for each of its
    /// values, the stacks side by side.
    pub stack_by: Option<Channel<'a>>,
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
    pub(super) fn channels_mut(&mut self) -> [&mut Option<Channel<'a>>; 12] {
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
            &mut self.stack_by,
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
        // Bars side by side within a category (xOffset, or yOffset for horizontal bars): by
        // the color field, one bar each; by another, one stack each.
        let (mut offset, mut stack_by) = (None, None);
        for key in ["xOffset", "yOffset"] {
            let Some(o) = Channel::read(enc.get(key))? else {
                continue;
            };
            if o.field.is_none() {
                return Err(Error::unsupported(
                    o.node.path(),
                    format!("{key} is drawn by a field (grouped bars); a constant offset is not"),
                ));
            }
            if o.field == color.as_ref().and_then(|c| c.field.clone()) {
                offset = Some(o);
            } else {
                stack_by = Some(o);
            }
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
            stack_by,
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
    compare_keys(&sort_key(a), &sort_key(b))
}

/// Sorts `items` by [`compare`] of their `value`s (descending when `descending`), stably, as
/// `sort_by` would; each value's place in the order is found once, not at every comparison
/// (parsing a date's text as a number each time was most of sorting a time series).
pub fn sort_by_value<T>(items: &mut Vec<T>, value: impl Fn(&T) -> &Value, descending: bool) {
    let order: Vec<usize> = {
        let keys: Vec<_> = items.iter().map(|t| sort_key(value(t))).collect();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| {
            if descending {
                compare_keys(&keys[b], &keys[a])
            } else {
                compare_keys(&keys[a], &keys[b])
            }
        });
        order
    };
    let mut taken: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// Two places in [`compare`]'s order (see [`sort_key`]), compared.
fn compare_keys(ka: &(u8, f64, &str), kb: &(u8, f64, &str)) -> Ordering {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorting_by_value_orders_as_sort_by_compare_does() {
        let values = [
            json!("2001-02-03"),
            json!(3),
            json!("Mar"),
            json!("b"),
            json!(null),
            json!("10"),
            json!("Jan"),
            json!(true),
            json!(-1.5),
            json!("2000-12-31"),
            json!("a"),
            json!(3),
            json!("3"),
            json!([1]),
        ];
        // Payloads tell equal values apart: the sort must keep their order (stable).
        let items: Vec<(Value, usize)> = values.iter().cloned().zip(0..).collect();
        for descending in [false, true] {
            let mut expected = items.clone();
            expected.sort_by(|a, b| {
                if descending {
                    compare(&b.0, &a.0)
                } else {
                    compare(&a.0, &b.0)
                }
            });
            let mut got = items.clone();
            sort_by_value(&mut got, |t| &t.0, descending);
            assert_eq!(got, expected, "descending: {descending}");
        }
    }
}
