//! Vega-Lite specs (versions 4 to 6, as Altair writes them) into chartfn specs.
//!
//! `lean` reads a document's inline rows with only the fields the spec names, into `row`s
//! (fields in a vector, names shared between rows); `data` gives a view its rows (inline,
//! named datasets, allowed files), `transform` filters and computes them
//! (expressions in the safe subset of `expr`; windows in `window`, stacks in `stack`), `time`
//! reads dates. `compose` turns views into panels (facets, repeats, concatenations) and
//! `layer` a view or a layer into parts; `view` holds a view's encoding as `channel` reads it
//! (fields, types, aggregates, bins, time units), and `marks` hands each mark to its builder:
//! `series`, `category_y`, `arc`, `heatmap`, `text`, `shapes` or `ranges` (positions
//! aggregated by `aggregate`), with `axis` and
//! `order` for their axes and category orders, `style` for how series look (colours, with
//! `schemes` for named colour schemes, opacity, markers, legends), and `first_seen` grouping
//! rows as Vega-Lite orders an unsorted domain. Transforms and channels chartfn does not draw
//! are refused as `unsupported` at their JSON Pointer, so a chart is never drawn wrong in
//! silence.

mod aggregate;
mod arc;
mod axis;
mod category_y;
mod channel;
mod compose;
mod data;
mod expr;
mod filter;
mod first_seen;
mod heatmap;
mod layer;
pub(super) mod lean;
mod marks;
mod order;
mod ranges;
mod row;
mod schemes;
mod series;
mod shapes;
mod stack;
mod style;
mod text;
mod time;
mod transform;
mod view;
mod window;

use super::data_url::DataAccess;
use super::node::Node;
use super::Notes;
use crate::budget::Budget;
use crate::error::Result;
use compose::compose;
use data::Sources;
pub use row::Row;
use serde_json::{json, Map, Value};

/// At most this many panels (chartfn's limit).
const MAX_PANELS: usize = 36;

/// One panel's worth of views, and its title.
struct Panel {
    title: Option<String>,
    parts: Vec<view::Parts>,
}

/// The chartfn spec for a Vega-Lite `spec`; `own` holds its top-level view's inline rows when
/// the lean reading ([`lean`]) took them out of it.
pub fn translate(
    mut spec: Value,
    own: Option<Vec<Row>>,
    access: &DataAccess,
    budget: &Budget,
    notes: &mut Notes,
) -> Result<Value> {
    // The top-level rows are moved out of the parsed spec, not copied: for a chart that carries
    // its data (Altair writes it into `datasets`), copying every row cost as much as parsing it.
    let own = own.or_else(|| data::take_root_rows(&mut spec).map(data::moved_rows));
    let root = Node::root(&spec, "");
    for key in ["params", "selection"] {
        if root.get(key).is_present() {
            notes.warn(
                root.get(key).path(),
                "interactive parameters are ignored: a static image has none",
            );
        }
    }
    for key in ["config", "autosize", "padding", "resolve"] {
        // A layer's independent y scales are drawn on two axes (`compose`).
        let dual = key == "resolve" && compose::resolve_is_dual_axis(&root);
        if root.get(key).is_present() && !dual {
            notes.warn(
                root.get(key).path(),
                "not honoured (chartfn lays out and styles the chart itself)",
            );
        }
    }
    let sources = Sources {
        datasets: root.get("datasets"),
        access,
        budget,
        read: Default::default(),
    };
    let rows = match own {
        Some(list) => Some(data::inline_rows(list, &root.get("data").get("format"))?),
        None => sources.rows(&root.get("data"))?,
    };
    let rows = match rows {
        Some(rows) => Some(transform::apply(&root.get("transform"), rows, &sources)?),
        None => None,
    };
    Ok(assemble(&root, compose(&root, rows, &sources, notes)?))
}

/// A panel's views as chartfn fields: axes, legend, series and annotations.
fn panel_fields(parts: Vec<view::Parts>) -> (Map<String, Value>, Option<&'static str>) {
    let mut out = Map::new();
    let (mut x, mut y, mut y2) = (Map::new(), Map::new(), None);
    let (mut series, mut annotations, mut legend) = (Vec::new(), Vec::new(), None);
    let (mut pie, mut heatmap) = (false, false);
    // The legend reads in the colour domain's order: reversed where one part alone names
    // series and lists them bottom of the stack first.
    let named = |p: &view::Parts| p.series.iter().any(|s| s.get("name").is_some());
    let reversed = matches!(
        parts.iter().filter(|p| named(p)).collect::<Vec<_>>()[..],
        [p] if p.legend_reversed
    );
    for p in parts {
        // The first layer's options win, but a scale kept off zero in any layer stays off (a
        // layer that says nothing takes zero by default).
        for (axis, given) in [(&mut x, p.x), (&mut y, p.y)] {
            for (k, v) in given {
                if k == "zero" && v == json!(false) {
                    axis.insert(k, v);
                } else {
                    axis.entry(k).or_insert(v);
                }
            }
        }
        if p.y2.is_some() {
            y2 = p.y2;
        }
        pie |= p.series.iter().any(|s| s["type"] == "pie");
        heatmap |= p.series.iter().any(|s| s["type"] == "heatmap");
        series.extend(p.series);
        for mut a in p.annotations {
            // A label alone (a text layer) goes on the rule drawn at the same place, if any.
            if a.get("label_only").is_some() {
                if let Some(o) = a.as_object_mut() {
                    o.remove("label_only");
                }
                let same = |b: &Value| b["type"] == "line" && b["x"] == a["x"] && b["y"] == a["y"];
                if let Some(rule) = annotations
                    .iter_mut()
                    .find(|b| same(b) && b.get("label").is_none())
                {
                    rule["label"] = a["label"].clone();
                    continue;
                }
            }
            annotations.push(a);
        }
        legend = legend.or(p.legend);
    }
    if heatmap {
        // A heatmap's axes take their titles only (their categories are the cells').
        for (key, axis) in [("x", &x), ("y", &y)] {
            if let Some(label) = axis.get("label") {
                out.insert(key.into(), json!({ "label": label }));
            }
        }
    } else if pie {
        // A polar area chart's radial scale, when its domain is given.
        if !y.is_empty() {
            out.insert("y".into(), Value::Object(y));
        }
        if let Some(y2) = y2 {
            out.insert("y2".into(), Value::Object(y2));
        }
    } else {
        if !x.is_empty() {
            out.insert("x".into(), Value::Object(x));
        }
        if !y.is_empty() {
            out.insert("y".into(), Value::Object(y));
        }
        if let Some(y2) = y2 {
            out.insert("y2".into(), Value::Object(y2));
        }
        if !annotations.is_empty() {
            out.insert("annotations".into(), Value::Array(annotations));
        }
    }
    if let Some(l) = legend {
        out.insert("legend".into(), json!({"position": l}));
        if reversed {
            out["legend"]["reverse"] = json!(true);
        }
    } else if series.len() > 1 {
        out.insert("legend".into(), json!({"position": "none"}));
    }
    out.insert("series".into(), Value::Array(series));
    (out, legend)
}

/// Room beside each view, in pixels: Vega-Lite sizes a view, chartfn the whole image. An axis's
/// labels and title take 120, a right legend 110 more. A pie has no axis (20 for the margins)
/// and its legend is sized to its slices' names (a swatch and padding 66, about 5.2 pixels a
/// character at the legend's size): a fixed allowance left a donut of six one-digit slices with
/// its legend adrift in 160 empty pixels.
fn room_beside(fields: &[(Option<String>, Map<String, Value>)], legend_right: bool) -> f64 {
    let series = || {
        fields
            .iter()
            .filter_map(|(_, f)| f.get("series")?.as_array())
            .flatten()
    };
    let pies = series().next().is_some() && series().all(|s| s["type"] == "pie");
    match (pies, legend_right) {
        (false, false) => 120.0,
        (false, true) => 230.0,
        (true, false) => 20.0,
        (true, true) => {
            let longest = series()
                .filter_map(|s| s["labels"].as_array())
                .flatten()
                .filter_map(Value::as_str)
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            20.0 + (66.0 + 5.2 * longest as f64).min(210.0)
        }
    }
}

/// The panels as one chartfn spec: one panel's fields at the top level, several as `panels`.
/// The categories of a single view's category axis: down the image (`down`: horizontal bars'
/// positions, a category y's names) or across it (a category x's).
fn category_count(f: &Map<String, Value>, down: bool) -> Option<usize> {
    let series = f.get("series")?.as_array()?;
    let horizontal = series.iter().any(|s| s["horizontal"] == json!(true));
    let axis = if down { "y" } else { "x" };
    let listed = f
        .get(axis)
        .and_then(|a| a.get("categories"))
        .and_then(Value::as_array);
    if let Some(list) = listed {
        return Some(list.len());
    }
    let field = match (down, horizontal) {
        (true, true) => "x",
        (true, false) if f.get("y").is_some_and(|a| a["type"] == "category") => "y",
        (false, false) if f.get("x").is_some_and(|a| a["type"] == "category") => "x",
        _ => return None,
    };
    let names = series
        .iter()
        .filter_map(|s| s.get(field)?.as_array())
        .flatten()
        .map(|v| v.to_string());
    Some(names.collect::<std::collections::HashSet<_>>().len()).filter(|&n| n > 0)
}

fn assemble(root: &Node, composed: compose::Composed) -> Value {
    let compose::Composed {
        panels,
        cols,
        share,
        one_legend,
    } = composed;
    let mut spec = Map::new();
    let n = panels.len().max(1);
    let mut legend_right = false;
    let mut fields: Vec<(Option<String>, Map<String, Value>)> = Vec::new();
    for p in panels {
        let (f, legend) = panel_fields(p.parts);
        legend_right |= legend == Some("right");
        fields.push((p.title, f));
    }
    // A facet's panels share one legend, at the right of them all (as Vega-Lite draws it).
    let figure_legend = if one_legend && fields.len() > 1 && legend_right {
        let first = fields.iter().find_map(|(_, f)| f.get("legend").cloned());
        for (_, f) in &mut fields {
            f.remove("legend");
        }
        first
    } else {
        None
    };
    // Vega-Lite sizes each plot (300×200 here by default); chartfn the whole image.
    let cols = cols.unwrap_or(1).min(n).max(1);
    let rows = n.div_ceil(cols);
    // A size in `step`s (pixels per category) counts the single view's categories.
    let size = |key: &str, default: f64, down: bool| {
        let given = root.get(key);
        let given = if given.is_present() {
            given
        } else {
            root.get("spec").get(key)
        };
        // Concatenated views each give their own: the largest stands for all (chartfn's cells
        // are equal).
        let items = ["vconcat", "hconcat", "concat"]
            .into_iter()
            .filter_map(|k| root.get(k).value.and_then(Value::as_array))
            .flatten()
            .filter_map(|v| v.get(key).and_then(Value::as_f64));
        let given = match items.fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v)))) {
            Some(v) if !given.is_present() => return v,
            _ => given,
        };
        match (given.f64(), given.get("step").f64(), fields.as_slice()) {
            (Some(v), _, _) => v,
            (None, Some(step), [(_, f)]) => {
                category_count(f, down).map_or(default, |n| (step * n as f64).clamp(20.0, 5000.0))
            }
            _ => default,
        }
    };
    let w = size("width", 300.0, false);
    let h = size("height", 200.0, true);
    let extra_w = room_beside(&fields, legend_right && figure_legend.is_none());
    let width = cols as f64 * (w + extra_w) + if figure_legend.is_some() { 110.0 } else { 0.0 };
    let height = rows as f64 * (h + 110.0) + if n > 1 { 20.0 * rows as f64 } else { 0.0 };
    spec.insert(
        "width".into(),
        json!(width.round().clamp(120.0, 6000.0) as u64),
    );
    spec.insert(
        "height".into(),
        json!(height.round().clamp(100.0, 6000.0) as u64),
    );
    let title = root.get("title");
    if let Some(t) = title.text().or(title.get("text").text()) {
        spec.insert("title".into(), json!(t));
    }
    if let Some(s) = title.get("subtitle").text() {
        spec.insert("subtitle".into(), json!(s));
    }
    if let Some(b) = root.get("background").str() {
        spec.insert("background".into(), json!(b));
    }
    if let Some(d) = root.get("description").str() {
        spec.insert("description".into(), json!(d));
    }
    if fields.len() == 1 {
        let (_, f) = fields.pop().expect("one panel");
        spec.extend(f);
    } else {
        spec.insert("grid".into(), json!({"rows": rows, "cols": cols}));
        if let Some(l) = figure_legend {
            spec.insert("legend".into(), l);
        }
        for (key, shared) in [("share_x", share.0), ("share_y", share.1)] {
            if shared {
                spec.insert(key.into(), json!(true));
            }
        }
        let list: Vec<Value> = fields
            .into_iter()
            .map(|(t, mut f)| {
                if let Some(t) = t {
                    f.insert("title".into(), json!(t));
                }
                Value::Object(f)
            })
            .collect();
        spec.insert("panels".into(), Value::Array(list));
    }
    Value::Object(spec)
}
