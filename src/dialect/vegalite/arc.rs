//! `arc`: a pie (or donut) of theta by color; with a `radius` channel, a polar area chart
//! whose slices reach out as far as their radius field says.

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::channel::{value_of, Channel, Op};
use super::data::Row;
use super::first_seen::FirstSeen;
use super::style::legend;
use super::view::{compare, Encoding, Parts, TABLEAU10};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// One slice as the rows give it: its category, theta and radius values, row count and
/// smallest `order` value.
struct Slice {
    key: Value,
    theta: Vec<f64>,
    radius: Vec<f64>,
    rows: usize,
    order: Value,
}

/// An arc view as a pie series.
pub(super) fn arc(
    (view, mark): (&Node, &Node),
    enc: &Encoding,
    rows: &[Row],
    notes: &mut Notes,
) -> Result<Parts> {
    let (Some(theta), Some(color)) = (&enc.theta, &enc.color) else {
        return Err(Error::unsupported(
            mark.path(),
            "an arc is drawn as a pie: it needs theta and a color field",
        ));
    };
    let mut seen = FirstSeen::new();
    let order = enc.order.as_ref().and_then(|o| o.field.as_ref().map(|_| o));
    for row in rows {
        let key = color.position(row);
        let slice = seen.group(key.to_string(), || Slice {
            key,
            theta: Vec::new(),
            radius: Vec::new(),
            rows: 0,
            order: Value::Null,
        });
        slice.theta.push(value_of(theta, row));
        if let Some(r) = &enc.radius {
            slice.radius.push(value_of(r, row));
        }
        slice.rows += 1;
        if let Some(o) = order {
            let ov = o.position(row);
            if slice.order.is_null() || compare(&ov, &slice.order) == std::cmp::Ordering::Less {
                slice.order = ov;
            }
        }
    }
    let mut slices: Vec<Slice> = seen.into_groups();
    // Colours follow the color scale's domain (its sorted categories), whatever order the
    // slices are drawn in.
    let mut domain: Vec<Value> = slices.iter().map(|s| s.key.clone()).collect();
    domain.sort_by(compare);
    let names: Vec<Option<String>> = domain.iter().map(text_of).collect();
    let palette = super::style::colours(enc, &names, notes)?;
    if order.is_some() {
        // The order channel: slices stacked by that field, ascending.
        slices.sort_by(|a, b| compare(&a.order, &b.order));
    } else if color.node.get("sort").value.is_none() && theta.node.get("sort").value.is_none() {
        slices.sort_by(|a, b| compare(&a.key, &b.key));
    }
    if theta.node.get("scale").get("range").is_present() {
        notes.warn(
            theta.node.get("scale").get("range").path(),
            "the pie starts at 12 o'clock (a theta range's start angle is not honoured)",
        );
    }
    let op = theta.aggregate.unwrap_or(Op::Sum);
    let values: Vec<f64> = slices
        .iter_mut()
        .map(|s| op.apply(&mut s.theta, s.rows).max(0.0))
        .collect();
    let mut s = Map::new();
    s.insert("type".into(), json!("pie"));
    s.insert("values".into(), json!(values));
    s.insert(
        "labels".into(),
        Value::Array(
            slices
                .iter()
                .map(|s| json!(text_of(&s.key).unwrap_or_default()))
                .collect(),
        ),
    );
    let colour_of = |key: &Value| {
        let i = domain.iter().position(|d| d == key).unwrap_or(0);
        palette
            .get(i)
            .cloned()
            .unwrap_or_else(|| TABLEAU10[i % 10].to_owned())
    };
    s.insert(
        "colors".into(),
        json!(slices.iter().map(|s| colour_of(&s.key)).collect::<Vec<_>>()),
    );
    let outer = mark
        .get("outerRadius")
        .f64()
        .unwrap_or_else(|| default_outer_radius(view))
        .max(1.0);
    let mut y = Map::new();
    let mut hole = mark.get("innerRadius").f64();
    if let Some(radius) = &enc.radius {
        let min = radial(radius, &mut slices, &mut s, &mut y)?;
        hole = hole.or(min);
    }
    if let Some(inner) = hole {
        s.insert("donut".into(), json!((inner / outer).clamp(0.0, 0.95)));
    }
    s.insert("data_labels".into(), json!(false));
    Ok(Parts {
        series: vec![Value::Object(s)],
        legend: legend(enc),
        y,
        ..Parts::default()
    })
}

/// Vega-Lite's outer radius when the mark gives none: half the view's smaller side, the view
/// being as wide and high as it says or else Vega-Lite 5's default, 300 × 300 (an
/// `innerRadius` of 50 then leaves a hole a third across, as Vega-Lite draws it).
fn default_outer_radius(view: &Node) -> f64 {
    const VIEW: f64 = 300.0;
    let side = |key: &str| view.get(key).f64().filter(|v| *v > 0.0).unwrap_or(VIEW);
    side("width").min(side("height")) / 2.0
}

/// The radius channel: each slice's radius (`radii`), the scale's type (`radial_scale`) and
/// domain (the panel's `y.min`, `y.max`); returns the scale's `rangeMin`, the radius of the
/// value 0, which chartfn draws as the hole.
fn radial(
    radius: &Channel,
    slices: &mut [Slice],
    s: &mut Map<String, Value>,
    y: &mut Map<String, Value>,
) -> Result<Option<f64>> {
    let mut radii = Vec::with_capacity(slices.len());
    for slice in slices.iter_mut() {
        let r = match radius.aggregate {
            Some(op) => op.apply(&mut slice.radius, slice.rows),
            None if slice.radius.windows(2).all(|w| w[0] == w[1]) => slice.radius[0],
            None => {
                return Err(Error::unsupported(
                    radius.node.path(),
                    "rows that share a slice's color differ in radius: give the radius an aggregate (one slice per color is drawn)",
                ))
            }
        };
        radii.push(if r.is_finite() { r.max(0.0) } else { 0.0 });
    }
    s.insert("radii".into(), json!(radii));
    let scale = radius.node.get("scale");
    match scale.get("type").str() {
        None | Some("linear") => {}
        Some("sqrt") => {
            s.insert("radial_scale".into(), json!("sqrt"));
        }
        Some(other) => {
            return Err(Error::unsupported(
                scale.get("type").path(),
                format!("a {other:?} radius scale is not drawn (linear and sqrt are)"),
            ))
        }
    }
    let domain = scale.get("domain");
    if let (Some(lo), Some(hi)) = (domain.at(0).f64(), domain.at(1).f64()) {
        y.insert("min".into(), json!(lo));
        y.insert("max".into(), json!(hi));
    } else if domain.is_present() {
        return Err(Error::unsupported(
            domain.path(),
            "a radius domain is drawn when it is two numbers",
        ));
    } else {
        // Vega-Lite rounds only position scales: the outer ring is the largest radius.
        let most = radii.iter().copied().fold(0.0, f64::max);
        if most > 0.0 {
            y.insert("max".into(), json!(most));
        }
        let least = radii.iter().copied().fold(f64::INFINITY, f64::min);
        if scale.get("zero").bool() == Some(false) && least < most {
            y.insert("min".into(), json!(least));
        }
    }
    Ok(scale.get("rangeMin").f64())
}
