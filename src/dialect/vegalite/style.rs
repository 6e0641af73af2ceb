//! How a view's series look, shared by the mark builders: colours (the scale's range, a
//! categorical scheme, else tableau10), opacity (Vega-Lite's defaults), point markers and their
//! sizes, a line's interpolation, and whether a color field's legend is drawn.

use super::super::node::Node;
use super::super::Notes;
use super::channel::Kind;
use super::view::{Encoding, TABLEAU10};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// A line's `interpolate`: monotone curves and steps as chartfn draws them.
pub(super) fn interpolate(
    mark: &Node,
    s: &mut Map<String, Value>,
    notes: &mut Notes,
) -> Result<()> {
    let i = mark.get("interpolate");
    match i.str() {
        None | Some("linear") | Some("linear-closed") => {}
        Some("monotone") => {
            s.insert("smooth".into(), json!(true));
        }
        Some("step") | Some("step-after") => {
            s.insert("step".into(), json!("after"));
        }
        Some("step-before") => {
            s.insert("step".into(), json!("before"));
        }
        Some(other @ ("basis" | "cardinal" | "natural" | "catmull-rom" | "bundle")) => {
            notes.warn(i.path(), &format!("{other:?} is drawn as a monotone curve"));
            s.insert("smooth".into(), json!(true));
        }
        Some(other) => {
            return Err(Error::unsupported(
                i.path(),
                format!("the {other:?} interpolation is not drawn"),
            ))
        }
    }
    Ok(())
}

/// Vega-Lite's default size range for points, in px².
pub(super) const SIZE_RANGE: (f64, f64) = (9.0, 361.0);

/// A point's area in px² on Vega-Lite's size scale: from `range.0` at zero (and below) to
/// `range.1` at `top`, the largest value; `null` without a value.
pub(super) fn size_area(v: f64, top: f64, range: (f64, f64)) -> Value {
    if v.is_finite() {
        json!(range.0 + (range.1 - range.0) * (v / top).max(0.0))
    } else {
        Value::Null
    }
}

/// Series colours: a constant `color.value`, the color scale's `range` (matched to its
/// `domain` when given), or Vega-Lite's tableau10.
pub(super) fn colours(
    enc: &Encoding,
    names: &[Option<String>],
    notes: &mut Notes,
) -> Result<Vec<String>> {
    let n = names.len();
    let Some(c) = &enc.color else {
        return Ok(vec![TABLEAU10[0].into(); n]);
    };
    if let Some(v) = c.value.as_ref().and_then(Value::as_str) {
        return Ok(vec![v.to_owned(); n]);
    }
    if c.kind == Kind::Quantitative {
        return Err(Error::unsupported(
            c.node.path(),
            "a quantitative color on this mark is not drawn (rect heatmaps and points by category are)",
        ));
    }
    let scale = c.node.get("scale");
    let domain: Vec<String> = scale
        .get("domain")
        .array()
        .map(|d| d.iter().filter_map(super::super::node::text_of).collect())
        .unwrap_or_default();
    let at = |i: usize, name: &Option<String>| {
        name.as_ref()
            .and_then(|n| domain.iter().position(|d| d == n))
            .unwrap_or(i)
    };
    if let Some(range) = scale.get("range").array() {
        let list: Vec<String> = range
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        if !list.is_empty() {
            return Ok(names
                .iter()
                .enumerate()
                .map(|(i, nm)| list[at(i, nm) % list.len()].clone())
                .collect());
        }
    }
    let scheme = scale.get("scheme");
    let name = scheme.str().or(scheme.get("name").str());
    let list = match name.and_then(super::schemes::categorical) {
        Some(list) => list,
        None => {
            if scheme.is_present() {
                notes.warn(
                    scheme.path(),
                    "drawn in Vega-Lite's default colours (tableau10): of the schemes, the categorical ones are drawn (category10, category20, tableau20, set1, dark2, paired, …)",
                );
            }
            &TABLEAU10
        }
    };
    Ok(names
        .iter()
        .enumerate()
        .map(|(i, nm)| list[at(i, nm) % list.len()].to_owned())
        .collect())
}

/// A point mark's `marker`: `shape`, drawn open where the mark is not `filled` (a `point`, unless
/// it says `filled: true`, as in Vega-Lite), at Vega-Lite's size (30 px², and its 2-pixel stroke
/// round it: 8 pixels across) unless a size field gives `sizes`.
pub(super) fn point_marker(mark_node: &Node, mark: &str, shape: &str, s: &mut Map<String, Value>) {
    let filled = mark_node.get("filled").bool().unwrap_or(mark != "point");
    if filled || shape == "cross" {
        s.insert("marker".into(), json!(shape));
        return;
    }
    s.insert("marker".into(), json!(format!("{shape}-open")));
    if !s.contains_key("sizes") {
        s.insert("size".into(), json!(8));
    }
}

/// A constant opacity (`opacity.value` or the mark's `opacity`), else Vega-Lite's default:
/// 0.7 for points, circles and squares, 1 for other marks (an area is filled opaque, where
/// chartfn's default is a light 0.35).
pub(super) fn opacity(enc: &Encoding, mark: &Node, series_type: &str, s: &mut Map<String, Value>) {
    let o = enc
        .opacity
        .as_ref()
        .and_then(|c| c.value.as_ref().and_then(Value::as_f64))
        .or(mark.get("opacity").f64())
        .or((series_type == "scatter" && mark.get("filled").bool() != Some(true)).then_some(0.7))
        .or((series_type == "area").then_some(1.0));
    if let Some(o) = o {
        if series_type != "line" {
            s.insert("opacity".into(), json!(o.clamp(0.0, 1.0)));
        }
    }
}

/// A color field's legend: at the right, as Vega-Lite puts it, unless `legend: null`.
pub(super) fn legend(enc: &Encoding) -> Option<&'static str> {
    let c = enc
        .color
        .as_ref()
        .filter(|c| c.field.is_some())
        .or(enc.split.as_ref().filter(|_| enc.dashed))?;
    Some(if c.node.get("legend").value == Some(&Value::Null) {
        "none"
    } else {
        "right"
    })
}
