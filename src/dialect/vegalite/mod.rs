//! Vega-Lite specs (versions 4 to 6, as Altair writes them) into chartfn specs.
//!
//! A single view (`mark` + `encoding`) or a `layer` of views over inline data becomes one
//! chartfn panel: `view` turns each mark into series (or annotations), `channel` reads
//! fields, types, aggregates, bins and time units, `data` the rows, `transform` filters and
//! computes them (expressions in the safe subset of `expr`), `time` dates. Facets,
//! repeats and concatenations, most transforms and the channels chartfn does not draw are
//! refused as `unsupported` at their JSON Pointer, so a chart is never drawn wrong in silence.

mod channel;
mod data;
mod expr;
mod time;
mod transform;
mod view;

use super::node::Node;
use super::Notes;
use crate::error::{Error, Result};
use data::Row;
use serde_json::{json, Map, Value};

/// Compositions that become several panels (not translated yet).
const COMPOSITIONS: [&str; 5] = ["facet", "repeat", "concat", "hconcat", "vconcat"];

/// The chartfn spec for a Vega-Lite `spec`.
pub fn translate(spec: &Value, notes: &mut Notes) -> Result<Value> {
    let root = Node::root(spec, "");
    for key in COMPOSITIONS {
        if root.get(key).is_present() {
            return Err(Error::unsupported(
                root.get(key).path(),
                format!("{key} (several views in one chart) is not translated yet; a single view or a layer is"),
            ));
        }
    }
    for key in ["params", "selection"] {
        if root.get(key).is_present() {
            notes.warn(
                root.get(key).path(),
                "interactive parameters are ignored: a static image has none",
            );
        }
    }
    for key in ["config", "autosize", "padding"] {
        if root.get(key).is_present() {
            notes.warn(
                root.get(key).path(),
                "not honoured (chartfn lays out and styles the chart itself)",
            );
        }
    }
    let datasets = root.get("datasets");
    let base_rows = data::rows(&root.get("data"), &datasets)?;
    let base_rows = match base_rows {
        Some(rows) => Some(transform::apply(&root.get("transform"), rows)?),
        None => None,
    };
    let mut parts = Vec::new();
    if let Some(layers) = root.get("layer").array() {
        let base_enc = root.get("encoding").object().cloned().unwrap_or_default();
        for i in 0..layers.len() {
            let layer = root.get("layer").at(i);
            if layer.get("layer").is_present() {
                return Err(Error::unsupported(
                    layer.get("layer").path(),
                    "nested layers are not translated yet",
                ));
            }
            let mut enc = base_enc.clone();
            if let Some(own) = layer.get("encoding").object() {
                enc.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            let enc = Value::Object(enc);
            let rows = match data::rows(&layer.get("data"), &datasets)? {
                Some(rows) => rows,
                None => base_rows
                    .clone()
                    .ok_or_else(|| Error::spec(layer.path(), "a layer needs data"))?,
            };
            let rows = transform::apply(&layer.get("transform"), rows)?;
            let enc_path = layer.get("encoding").path().to_owned();
            parts.push(single(&layer, &Node::root(&enc, &enc_path), &rows, notes)?);
        }
    } else {
        let rows = base_rows.ok_or_else(|| Error::spec("/data", "a Vega-Lite spec needs data"))?;
        parts.push(single(&root, &root.get("encoding"), &rows, notes)?);
    }
    if parts.iter().all(|p| p.series.is_empty()) {
        return Err(Error::unsupported(
            "",
            "a chart of rules alone is not drawn (rules are drawn over other marks)",
        ));
    }
    let horizontal = |p: &view::Parts| {
        p.series
            .iter()
            .any(|s| s["horizontal"] == Value::Bool(true))
    };
    if parts.iter().any(horizontal) && parts.iter().any(|p| !p.series.is_empty() && !horizontal(p))
    {
        return Err(Error::unsupported(
            "/layer",
            "horizontal bars or boxes layered with other marks are not drawn",
        ));
    }
    Ok(assemble(&root, parts))
}

/// One view: its mark and encoding over `rows`.
fn single(view_node: &Node, enc: &Node, rows: &[Row], notes: &mut Notes) -> Result<view::Parts> {
    let mark = view_node.get("mark");
    let name = mark
        .str()
        .or(mark.get("type").str())
        .ok_or_else(|| Error::unsupported(mark.path(), "a view needs a mark (or a layer)"))?;
    let encoding = view::Encoding::read(enc, notes)?;
    view::translate(name, &mark, &encoding, rows, notes)
}

/// The views' parts as one chartfn spec.
fn assemble(root: &Node, parts: Vec<view::Parts>) -> Value {
    let mut spec = Map::new();
    let (mut x, mut y) = (Map::new(), Map::new());
    let (mut series, mut annotations, mut legend) = (Vec::new(), Vec::new(), None);
    let mut pie_or_heatmap = false;
    for p in parts {
        for (k, v) in p.x {
            x.entry(k).or_insert(v);
        }
        for (k, v) in p.y {
            y.entry(k).or_insert(v);
        }
        pie_or_heatmap |= p
            .series
            .iter()
            .any(|s| matches!(s["type"].as_str(), Some("pie" | "heatmap")));
        series.extend(p.series);
        annotations.extend(p.annotations);
        legend = legend.or(p.legend);
    }
    // Vega-Lite sizes the plot (default 300×200 here); chartfn the whole image.
    let w = root.get("width").f64().unwrap_or(300.0);
    let h = root.get("height").f64().unwrap_or(200.0);
    let extra_w = if legend == Some("right") {
        230.0
    } else {
        120.0
    };
    spec.insert(
        "width".into(),
        json!((w + extra_w).round().clamp(120.0, 4000.0) as u64),
    );
    spec.insert(
        "height".into(),
        json!((h + 110.0).round().clamp(100.0, 4000.0) as u64),
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
    if !pie_or_heatmap {
        if !x.is_empty() {
            spec.insert("x".into(), Value::Object(x));
        }
        if !y.is_empty() {
            spec.insert("y".into(), Value::Object(y));
        }
        if !annotations.is_empty() {
            spec.insert("annotations".into(), Value::Array(annotations));
        }
    }
    if let Some(l) = legend {
        spec.insert("legend".into(), json!({"position": l}));
    } else if series.len() > 1 {
        spec.insert("legend".into(), json!({"position": "none"}));
    }
    spec.insert("series".into(), Value::Array(series));
    Value::Object(spec)
}
