//! Bars, lines, areas and points: rows grouped by the color field (one series per value, as
//! Vega-Lite draws one mark group per value), aggregated per position when a channel asks,
//! ordered as Vega-Lite orders them (categories ascending unless `sort` says otherwise, lines
//! along x), and stacked where Vega-Lite stacks (bars and areas split by a color field).

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::aggregate::aggregate;
use super::channel::{value_of, Channel, Kind};
use super::data::Row;
use super::first_seen::{Distinct, FirstSeen};
use super::order::{align_categories, domain_order, sort_index, Group, Point};
use super::style::{colours, interpolate, legend, opacity, point_marker, size_area, SIZE_RANGE};
use super::view::{compare, sort_by_value, Encoding, Parts};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Groups `rows` by the color field (in Vega-Lite's domain order) — with stacks side by side,
/// by the offset field first (in its domain order), then by color within each — each point
/// being (position, value, size) through `index` and `value`; with them, every position the
/// index gives a row, distinct and in first-seen order (categories without a value included).
fn groups(
    enc: &Encoding,
    index: &Channel,
    value: &Channel,
    rows: &[Row],
) -> (Vec<Group>, Vec<Value>) {
    let by_color = enc
        .color
        .as_ref()
        .filter(|c| c.field.is_some())
        .or(enc.split.as_ref());
    let stack_by = enc.stack_by.as_ref();
    let size = enc.size.as_ref().filter(|s| s.field.is_some());
    let (mut colours, mut stacks) = (Keys::new(by_color), Keys::new(stack_by));
    let mut positions = Distinct::default();
    // Looked up once per row: foldhash, as in `FirstSeen`.
    let mut map: HashMap<(usize, usize), Vec<Point>, foldhash::fast::RandomState> =
        HashMap::default();
    for row in rows {
        let at = (stacks.of(row, text), colours.of(row, |c, key| c.label(key)));
        let position = index.position(row);
        if !position.is_null() {
            positions.note(&position);
        }
        let size = size.map_or(f64::NAN, |s| s.number(row));
        map.entry(at)
            .or_default()
            .push((position, value_of(value, row), size));
    }
    // Each in its domain order, then the groups in those orders.
    let (colour_order, stack_order) = (colours.ordered(), stacks.ordered());
    let mut out = Vec::with_capacity(map.len());
    for (s, stack) in &stack_order {
        for (c, name) in &colour_order {
            if let Some(points) = map.remove(&(*s, *c)) {
                out.push(Group {
                    name: by_color.map(|_| name.clone()),
                    stack: stack_by.map(|_| stack.clone()),
                    points,
                });
            }
        }
    }
    (out, positions.values)
}

/// Whether `s` stands for JavaScript in a config (its text is no label).
fn is_marker(s: &str) -> bool {
    s == super::super::js_literal::FUNCTION || s == super::super::js_literal::CODE
}

/// A discrete key's text, as a stack is named.
fn text(_: &Channel, key: &Value) -> String {
    text_of(key).unwrap_or_default()
}

/// The distinct keys a channel gives rows, in first-seen order, each with the value it places
/// rows at and its text; without a channel, one key (0) for every row.
struct Keys<'c, 'n> {
    channel: Option<&'c Channel<'n>>,
    seen: FirstSeen<String, (Value, String)>,
}

impl<'c, 'n> Keys<'c, 'n> {
    fn new(channel: Option<&'c Channel<'n>>) -> Self {
        Keys {
            channel,
            seen: FirstSeen::new(),
        }
    }

    /// The number of `row`'s key (named by `name`), noting it if new. A field of text that is
    /// its own key (a discrete field without a time unit, not a JavaScript marker) is looked up
    /// as it is, without a copy.
    fn of(&mut self, row: &Row, name: impl Fn(&Channel, &Value) -> String) -> usize {
        let Some(ch) = self.channel else { return 0 };
        let own_text = ch.time_unit.is_none() && matches!(ch.kind, Kind::Nominal | Kind::Ordinal);
        if let (true, Some(Value::String(s))) = (own_text, ch.raw(row)) {
            if let Some(i) = self.seen.find(s.as_str()).filter(|_| !is_marker(s)) {
                return i;
            }
        }
        let key = ch.position(row);
        let text = name(ch, &key);
        self.seen.index(text.clone(), || (key, text))
    }

    /// Each key's number and text, in the channel's domain order (quantitative keys as seen).
    fn ordered(self) -> Vec<(usize, String)> {
        let Some(ch) = self.channel else {
            return vec![(0, String::new())];
        };
        let mut keys: Vec<(usize, (Value, String))> =
            self.seen.into_groups().into_iter().enumerate().collect();
        if ch.kind != Kind::Quantitative {
            let order = domain_order(ch);
            keys.sort_by(|a, b| order(&a.1 .0, &b.1 .0));
        }
        keys.into_iter().map(|(i, (_, text))| (i, text)).collect()
    }
}

/// Bars, lines, areas and points.
pub(super) fn cartesian(
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
    if let Some(c) = enc
        .color
        .as_ref()
        .filter(|c| c.kind == Kind::Quantitative && c.field.is_some())
    {
        return coloured_by_value(mark, mark_node, x, y, c, enc, rows);
    }
    let by_order;
    let rows = match enc.order.as_ref().filter(|o| o.field.is_some()) {
        Some(o) => {
            by_order = in_order(o, mark, x, y, rows)?;
            &by_order[..]
        }
        None => rows,
    };
    // The index channel is the discrete one (or x); bars, points and lines along a category y
    // are horizontal (their values then lie along a quantitative x).
    let horizontal = mark != "area" && y.discrete() && !x.discrete();
    if horizontal && mark != "bar" && x.kind != Kind::Quantitative {
        return Err(Error::unsupported(
            x.node.path(),
            "marks along a category y axis are drawn over a quantitative x (not a time axis)",
        ));
    }
    let (index, value) = if horizontal { (y, x) } else { (x, y) };
    let mut parts = Parts::default();
    let series_type = match mark {
        "bar" => "bar",
        "line" => "line",
        "area" => "area",
        _ => "scatter",
    };
    let (mut groups, positions) = groups(enc, index, value, rows);
    let op = value.aggregate;
    for g in &mut groups {
        let points = std::mem::take(&mut g.points);
        g.points = match op {
            Some(op) => aggregate(points, op),
            None => points,
        };
        g.points.retain(|(p, v, _)| !p.is_null() && v.is_finite());
        // Along the index, unless an `order` field says how the line runs.
        if enc.order.is_none() && (matches!(mark, "line" | "area") || !index.discrete()) {
            sort_by_value(&mut g.points, |p| &p.0, false);
        }
    }
    sort_index(index, value, rows, &mut groups)?;
    if index.discrete() && groups.len() > 1 && mark == "bar" {
        align_categories(index, value, rows, positions, &mut groups)?;
    }
    if !horizontal && y.discrete() {
        return Err(Error::unsupported(
            y.node.path(),
            "marks along a category y axis are drawn over a continuous x only (not a heatmap \
             of two category axes: use rect)",
        ));
    }
    let split = matches!(mark, "bar" | "area")
        && !enc.grouped
        && (enc.color.as_ref().is_some_and(|c| c.field.is_some()) || enc.stack_by.is_some());
    let stack_mode = value.node.get("stack");
    // `stack: null` (or false): bars and areas drawn over each other, in the domain's order.
    let unstacked = matches!(
        stack_mode.value,
        Some(Value::Null) | Some(Value::Bool(false))
    );
    if let (true, Some(o)) = (unstacked, enc.stack_by.as_ref()) {
        return Err(Error::unsupported(
            o.node.path(),
            "stacks side by side are stacked: leave `stack` as it is, or the offset out",
        ));
    }
    let stacked = split && !unstacked;
    let overlaid = split && unstacked && mark == "bar";
    // Areas centred on zero (a streamgraph) are chartfn's centred stack; bars are not centred.
    let centred = stack_mode.str() == Some("center");
    if centred && mark != "area" {
        return Err(Error::unsupported(
            stack_mode.path(),
            "a centred stack is drawn for areas (a streamgraph), not for bars",
        ));
    }
    let normalize = stack_mode.str() == Some("normalize");
    let names: Vec<Option<String>> = groups.iter().map(|g| g.name.clone()).collect();
    // Stacks side by side repeat the colour names: each name's colour is the one it has alone.
    let mut distinct: Vec<Option<String>> = Vec::new();
    for n in &names {
        if !distinct.contains(n) {
            distinct.push(n.clone());
        }
    }
    let by_name = colours(enc, &distinct, notes)?;
    let mut colors: Vec<String> = names
        .iter()
        .map(|n| by_name[distinct.iter().position(|d| d == n).unwrap_or(0)].clone())
        .collect();
    // The mark's own colour, when no channel sets one (a line's is its `stroke`).
    let colour = mark_node.get("color");
    // A gradient fill (`{gradient, stops}`): chartfn fills in one colour, its last stop's (the
    // strong end, which the line along the top takes too), lighter than an opaque fill.
    let gradient = colour.get("stops").array().and_then(|stops| {
        stops
            .iter()
            .filter_map(|s| s.get("color")?.as_str())
            .next_back()
    });
    if gradient.is_some() {
        notes.warn(
            colour.path(),
            "a gradient is drawn in its last stop's colour at 40 % opacity",
        );
    }
    let own = match mark {
        "line" => mark_node.get("stroke").str().or(colour.str()),
        _ => colour.str().or(gradient),
    };
    if let (None, Some(c)) = (&enc.color, own) {
        colors.iter_mut().for_each(|k| *k = c.to_owned());
    }
    let size_max = groups
        .iter()
        .flat_map(|g| g.points.iter().map(|p| p.2))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let mut ordered: Vec<(usize, Group)> = groups.into_iter().enumerate().collect();
    if stacked && !horizontal {
        // Vega-Lite stacks the last color value at the bottom of a column (the legend's order
        // top down), but the first at the left of a row: chartfn stacks in series order. Stacks
        // side by side keep their order.
        parts.legend_reversed = true;
        let mut first = HashMap::new();
        for (i, g) in &ordered {
            first.entry(g.stack.clone()).or_insert(*i);
        }
        ordered.sort_by_key(|(i, g)| (first[&g.stack], std::cmp::Reverse(*i)));
    }
    // Each colour named once (the legend lists it once), on its first series.
    let mut named_yet = std::collections::HashSet::new();
    for (i, mut g) in ordered {
        let mut s = Map::new();
        s.insert("type".into(), json!(series_type));
        let named = enc.color.as_ref().is_some_and(|c| c.field.is_some()) || enc.dashed;
        if let Some(n) = g
            .name
            .as_ref()
            .filter(|n| named && named_yet.insert(n.to_string()))
        {
            s.insert("name".into(), json!(n));
        }
        if let Some(c) = colors.get(i) {
            s.insert("color".into(), json!(c));
        }
        if horizontal {
            s.insert("horizontal".into(), json!(true));
        }
        if stacked {
            s.insert("stack".into(), json!(g.stack.as_deref().unwrap_or("stack")));
        }
        if overlaid {
            s.insert("overlay".into(), json!(true));
        }
        s.insert(
            "x".into(),
            // Moved, not copied: only the sizes below read the points again.
            Value::Array(
                g.points
                    .iter_mut()
                    .map(|p| std::mem::take(&mut p.0))
                    .collect(),
            ),
        );
        s.insert(
            "y".into(),
            Value::Array(g.points.iter().map(|p| json!(p.1)).collect()),
        );
        if series_type == "scatter" {
            if enc.size.as_ref().is_some_and(|c| c.field.is_some()) {
                // Vega-Lite's size scale over its default range (9 to 361 px²).
                let top = size_max.max(f64::MIN_POSITIVE);
                let sizes = g.points.iter().map(|p| size_area(p.2, top, SIZE_RANGE));
                s.insert("sizes".into(), sizes.collect());
            }
            // Vega-Lite's shape order, in the markers chartfn has.
            const SHAPES: [&str; 5] = ["circle", "square", "triangle", "cross", "diamond"];
            let shape = if enc.shaped {
                SHAPES[i % SHAPES.len()]
            } else if mark == "square" {
                "square"
            } else {
                "circle"
            };
            point_marker(mark_node, mark, shape, &mut s);
            if mark == "tick" {
                notes.warn(mark_node.path(), "ticks are drawn as points");
            }
        }
        if enc.dashed && series_type == "line" {
            const DASHES: [&str; 4] = ["solid", "dashed", "dotted", "dashdot"];
            s.insert("dash".into(), json!(DASHES[i % DASHES.len()]));
        }
        if horizontal && series_type == "line" {
            let i = mark_node.get("interpolate");
            if !matches!(i.str(), None | Some("linear")) {
                return Err(Error::unsupported(
                    i.path(),
                    "a line along a category y axis is drawn straight",
                ));
            }
        }
        // Vega-Lite fills an area without an outline, unless its `line` asks for one.
        let outlined = mark_node
            .get("line")
            .value
            .is_some_and(|l| l.is_object() || l == true);
        if series_type == "area" && !outlined {
            s.insert("width".into(), json!(0));
        }
        if matches!(series_type, "line" | "area") {
            interpolate(mark_node, &mut s, notes)?;
            if mark_node.get("point").bool() == Some(true) {
                s.insert("marker".into(), json!("circle"));
            }
        }
        opacity(enc, mark_node, series_type, &mut s);
        let opacity_given = enc.opacity.is_some() || mark_node.get("opacity").is_present();
        if gradient.is_some() && enc.color.is_none() && !opacity_given {
            s.insert("opacity".into(), json!(0.4));
        }
        parts.series.push(Value::Object(s));
    }
    parts.set_axes(index, value, horizontal, mark)?;
    if normalize || centred {
        let target = if horizontal {
            &mut parts.x
        } else {
            &mut parts.y
        };
        target.insert("stack".into(), json!(stack_mode.str()));
        target.remove("zero");
    }
    parts.legend = legend(enc);
    Ok(parts)
}

/// Points coloured by a quantity: one scatter series whose `values_color` picks each point's
/// colour from a colormap (Vega-Lite's default ramp is blues), with a colour bar.
fn coloured_by_value(
    mark: &str,
    mark_node: &Node,
    x: &Channel,
    y: &Channel,
    color: &Channel,
    enc: &Encoding,
    rows: &[Row],
) -> Result<Parts> {
    if !matches!(mark, "point" | "circle" | "square" | "tick")
        || x.discrete()
        || y.discrete()
        || x.aggregate.is_some()
        || y.aggregate.is_some()
        || enc.size.as_ref().is_some_and(|s| s.field.is_some())
    {
        return Err(Error::unsupported(
            color.node.path(),
            "a quantitative color is drawn on points over two continuous axes (and on rect heatmaps)",
        ));
    }
    let scale = color.node.get("scale");
    for key in ["domainMid", "domain", "range", "reverse", "type"] {
        if scale.get(key).is_present() {
            return Err(Error::unsupported(
                scale.get(key).path(),
                "a quantitative color on points is drawn over the data's range with a named scheme only",
            ));
        }
    }
    let points: Vec<(Value, f64, f64)> = rows
        .iter()
        .map(|r| (x.position(r), y.number(r), color.number(r)))
        .filter(|p| !p.0.is_null() && p.1.is_finite())
        .collect();
    let scheme = scale.get("scheme");
    if scheme.is_present() && scheme.str().is_none() {
        return Err(Error::unsupported(
            scheme.path(),
            "a color scheme is drawn by its name",
        ));
    }
    let colormap = match scheme.str() {
        None => "blues",
        Some(
            s @ ("viridis" | "magma" | "inferno" | "plasma" | "cividis" | "turbo" | "greys"
            | "blues" | "reds"),
        ) => s,
        Some(other) => {
            return Err(Error::unsupported(
                color.node.get("scale").get("scheme").path(),
                format!("the color scheme {other:?} is not drawn on points"),
            ))
        }
    };
    let mut s = Map::new();
    s.insert("type".into(), json!("scatter"));
    s.insert(
        "x".into(),
        Value::Array(points.iter().map(|p| p.0.clone()).collect()),
    );
    s.insert(
        "y".into(),
        Value::Array(points.iter().map(|p| json!(p.1)).collect()),
    );
    s.insert(
        "values_color".into(),
        Value::Array(
            points
                .iter()
                .map(|p| {
                    if p.2.is_finite() {
                        json!(p.2)
                    } else {
                        Value::Null
                    }
                })
                .collect(),
        ),
    );
    s.insert("colormap".into(), json!(colormap));
    s.insert(
        "marker".into(),
        json!(if mark == "square" { "square" } else { "circle" }),
    );
    if let Some(t) = color.title() {
        s.insert("name".into(), json!(t));
    }
    opacity(enc, mark_node, "scatter", &mut s);
    let mut parts = Parts::default();
    parts.series.push(Value::Object(s));
    parts.set_axes(x, y, false, mark)?;
    Ok(parts)
}

/// The rows in the order of the `order` field, for a line over two continuous axes that runs
/// in that order (a connected scatterplot: a path through time).
fn in_order(
    order: &Channel,
    mark: &str,
    x: &Channel,
    y: &Channel,
    rows: &[Row],
) -> Result<Vec<Row>> {
    if !matches!(mark, "line" | "point" | "circle" | "square") || x.discrete() || y.discrete() {
        return Err(Error::unsupported(
            order.node.path(),
            "the order channel is drawn for a line over two continuous axes (a connected scatterplot)",
        ));
    }
    let desc = order.node.get("sort").str() == Some("descending");
    let mut keyed: Vec<(Value, &Row)> = rows
        .iter()
        .map(|r| (order.raw(r).cloned().unwrap_or(Value::Null), r))
        .collect();
    keyed.sort_by(|a, b| {
        let o = compare(&a.0, &b.0);
        if desc {
            o.reverse()
        } else {
            o
        }
    });
    Ok(keyed.into_iter().map(|(_, r)| r.clone()).collect())
}
