//! The datasets of charts drawn round a centre: a pie's, doughnut's or polar area chart's one
//! dataset (slices), and a radar's polygons.

use super::super::node::Node;
use super::context::{alpha, colour, data_array, data_labels, Context};
use super::Kind;
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// The one dataset of a pie, doughnut or polar area chart (a pie whose slices' radii are the
/// data, their angles equal).
pub(super) fn slices(d: &Node, ctx: &Context, kind: Kind) -> Result<Value> {
    let (data, list) = data_array(d)?;
    let mut values = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        match v.as_f64() {
            Some(n) => values.push(json!(n.max(0.0))),
            None if v.is_null() => values.push(json!(0)),
            None => {
                return Err(Error::spec(
                    data.at(i).path(),
                    "a slice value must be a number",
                ))
            }
        }
    }
    let mut s = Map::new();
    s.insert("type".into(), json!("pie"));
    if let Some(name) = d.get("label").text() {
        s.insert("name".into(), json!(name));
    }
    let field = if kind == Kind::PolarArea {
        "radii"
    } else {
        "values"
    };
    s.insert(field.into(), json!(values));
    if let Some(labels) = &ctx.labels {
        let mut l: Vec<String> = labels.iter().take(values.len()).cloned().collect();
        while l.len() < values.len() {
            l.push(String::new());
        }
        s.insert("labels".into(), json!(l));
    }
    let (_, list) = colour(&d.get("backgroundColor"), "backgroundColor")?;
    if let Some(list) = list.filter(|l| l.len() >= values.len()) {
        s.insert("colors".into(), json!(list[..values.len()]));
    }
    if kind == Kind::Doughnut {
        s.insert("donut".into(), json!(0.5));
    }
    // Chart.js writes nothing on slices unless the datalabels plugin is on, or (a polar area
    // chart) its radial scale shows the point labels: each slice's name at its edge.
    let names = kind == Kind::PolarArea && ctx.point_labels;
    let fallback = if names {
        json!({"content": "label"})
    } else {
        json!(false)
    };
    let labels = data_labels(d, ctx)?.unwrap_or(fallback);
    s.insert("data_labels".into(), labels);
    Ok(Value::Object(s))
}

/// A radar dataset: one polygon over `data.labels`.
pub(super) fn radar(d: &Node, ctx: &Context) -> Result<Value> {
    let (_, list) = data_array(d)?;
    let mut s = Map::new();
    s.insert("type".into(), json!("radar"));
    if let Some(name) = d.get("label").text() {
        s.insert("name".into(), json!(name));
    }
    let labels = ctx.labels.clone().unwrap_or_default();
    s.insert("labels".into(), json!(labels));
    let values: Vec<Value> = list
        .iter()
        .take(labels.len())
        .map(|v| if v.is_number() { v.clone() } else { json!(0) })
        .collect();
    s.insert("values".into(), Value::Array(values));
    let (bg, _) = colour(&d.get("backgroundColor"), "backgroundColor")?;
    let (border, _) = colour(&d.get("borderColor"), "borderColor")?;
    if let Some(c) = border.or(bg.clone()) {
        s.insert("color".into(), json!(c));
    }
    let fill = match d.get("fill").bool() {
        Some(f) => f,
        None => ctx.v2,
    };
    s.insert("fill".into(), json!(fill));
    if let Some(a) = bg.as_deref().and_then(alpha) {
        s.insert("opacity".into(), json!(a.clamp(0.0, 1.0)));
    }
    Ok(Value::Object(s))
}
