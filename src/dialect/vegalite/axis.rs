//! A Vega-Lite channel's scale and axis as a chartfn axis.

use super::channel::{Channel, Kind};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// The chartfn axis for a channel: title, type, scale and axis options.
pub(super) fn axis(ch: &Channel, mark: &str) -> Result<Map<String, Value>> {
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
    } else if scale.get("zero").bool() == Some(false) {
        // Said outright, so that it wins over another layer's default (as Vega-Lite merges).
        a.insert("zero".into(), json!(false));
    } else if quantitative && !matches!(mark, "rule") {
        // Vega-Lite's quantitative scales include zero unless told otherwise.
        a.insert("zero".into(), json!(true));
    }
    if scale.get("reverse").bool() == Some(true) {
        a.insert("reverse".into(), json!(true));
    }
    // d3-format for numbers, d3-time-format (strftime's) for dates: chartfn reads both.
    if let Some(f) = axis
        .get("format")
        .str()
        .filter(|_| ch.kind == Kind::Quantitative || (ch.kind == Kind::Temporal && !ch.discrete()))
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
