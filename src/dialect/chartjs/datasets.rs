//! Chart.js datasets into chartfn series: numbers against `data.labels`, `{x, y}` points,
//! `{x, y, r}` bubbles, slices and radar polygons, with their colours, lines and markers.

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::context::{alpha, colour, data_array, data_labels, Context};
use super::scales::Role;
use super::Kind;
use super::{fills, round};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// `data.labels` as text (Chart.js writes numbers as they are and joins multi-line labels).
pub fn labels(node: &Node) -> Result<Option<Vec<String>>> {
    node.no_function("data.labels")?;
    let Some(list) = node.array() else {
        return Ok(None);
    };
    for i in 0..list.len() {
        node.at(i).no_function("a label")?;
    }
    Ok(Some(
        list.iter()
            .map(|v| text_of(v).unwrap_or_default())
            .collect(),
    ))
}

/// The series of `datasets`, in order.
pub fn series(datasets: &Node, ctx: &Context, notes: &mut Notes) -> Result<Vec<Value>> {
    let Some(list) = datasets.array() else {
        return Err(Error::spec(
            datasets.path(),
            "data.datasets must be an array",
        ));
    };
    if list.is_empty() {
        return Err(Error::spec(
            datasets.path(),
            "a chart needs at least one dataset",
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    // Where each dataset's series is in `out` (none when hidden), for fills between them.
    let mut drawn = vec![None; list.len()];
    for (i, place) in drawn.iter_mut().enumerate() {
        let d = datasets.at(i);
        if d.get("hidden").bool() == Some(true) {
            notes.warn(
                d.path(),
                "a hidden dataset is not drawn (nor listed in the legend)",
            );
            continue;
        }
        *place = Some(out.len());
        let kind = if d.get("type").is_present() {
            Kind::of(&d.get("type"))?
        } else {
            ctx.kind
        };
        match kind {
            Kind::Pie | Kind::Doughnut | Kind::PolarArea => {
                if i > 0 {
                    return Err(Error::unsupported(
                        d.path(),
                        "a second ring of a pie or doughnut is not drawn (chartfn draws one)",
                    ));
                }
                out.push(round::slices(&d, ctx, kind)?);
            }
            Kind::Radar => out.push(round::radar(&d, ctx)?),
            _ => out.push(cartesian(&d, ctx, kind, (i, list.len()), notes)?),
        }
    }
    if out.is_empty() {
        return Err(Error::spec(datasets.path(), "every dataset is hidden"));
    }
    stack_lines(&mut out);
    let drawn = fills::Drawn {
        datasets,
        drawn: &drawn,
        propagate: ctx.propagate,
        v2: ctx.v2,
    };
    fills::add_bands(&drawn, &mut out, notes)?;
    Ok(out)
}

/// Lines on a stacked axis: chartfn stacks bars and areas itself, but a stacked line is drawn
/// at the running total of the lines before it in its stack (point by point, as Chart.js does).
fn stack_lines(series: &mut [Value]) {
    let mut totals: std::collections::HashMap<(String, String), Vec<f64>> = Default::default();
    for s in series.iter_mut() {
        if s.get("type") != Some(&json!("line")) {
            continue;
        }
        let Some(Value::String(group)) = s.as_object_mut().and_then(|o| o.remove("stack")) else {
            continue;
        };
        let axis = s
            .get("axis")
            .and_then(Value::as_str)
            .unwrap_or("y")
            .to_owned();
        let total = totals.entry((axis, group)).or_default();
        if let Some(Value::Array(ys)) = s.get_mut("y") {
            total.resize(total.len().max(ys.len()), 0.0);
            for (y, t) in ys.iter_mut().zip(total.iter_mut()) {
                if let Some(v) = y.as_f64() {
                    *t += v;
                    *y = json!(*t);
                }
            }
        }
    }
}

/// The points of a dataset: `y` values and, when the data give them, `x` values.
struct Points {
    x: Option<Vec<Value>>,
    y: Vec<Value>,
    r: Option<Vec<Value>>,
    /// Floating bars' starts (`[start, end]` pairs); `null` for a plain value.
    base: Option<Vec<Value>>,
}

fn points(d: &Node, ctx: &Context) -> Result<Points> {
    let (data, list) = data_array(d)?;
    let mut p = Points {
        x: None,
        y: Vec::with_capacity(list.len()),
        r: None,
        base: None,
    };
    let objects = list.iter().any(Value::is_object);
    if objects {
        let (mut xs, mut rs) = (Vec::with_capacity(list.len()), Vec::new());
        for (i, v) in list.iter().enumerate() {
            let Some(o) = v.as_object() else {
                return Err(Error::spec(
                    data.at(i).path(),
                    "mixes {x, y} points with other values",
                ));
            };
            for key in ["x", "y", "r"] {
                data.at(i).get(key).no_function("a point's value")?;
            }
            let (x, y) = if ctx.horizontal {
                (o.get("y"), o.get("x"))
            } else {
                (o.get("x"), o.get("y"))
            };
            let x = match (x, ctx.axes.date_parser()) {
                // A date in the time scale's own format, as an ISO date.
                (Some(Value::String(text)), Some(parser)) => {
                    let iso = parser.iso(text).ok_or_else(|| {
                        Error::spec(
                            data.at(i).path(),
                            format!("{text:?} does not match the scale's time.parser"),
                        )
                    })?;
                    Value::String(iso)
                }
                (x, _) => x.cloned().unwrap_or(Value::Null),
            };
            xs.push(x);
            p.y.push(y.cloned().unwrap_or(Value::Null));
            rs.push(o.get("r").cloned().unwrap_or(Value::Null));
        }
        p.x = Some(xs);
        p.r = Some(rs);
        return Ok(p);
    }
    let floating = list.iter().any(Value::is_array);
    let mut starts = Vec::new();
    for (i, v) in list.iter().enumerate() {
        if floating && !v.is_array() {
            starts.push(Value::Null);
        }
        match v {
            Value::Number(_) | Value::Null => p.y.push(v.clone()),
            Value::String(s) => match s.trim().parse::<f64>() {
                Ok(n) => p.y.push(json!(n)),
                Err(_) => {
                    data.at(i).no_function("a data value")?;
                    return Err(Error::spec(
                        data.at(i).path(),
                        "a data value must be a number",
                    ));
                }
            },
            // A floating bar: `[start, end]`.
            Value::Array(pair) => match pair.as_slice() {
                [a, b] if a.is_number() && b.is_number() && ctx.kind == Kind::Bar => {
                    starts.push(a.clone());
                    p.y.push(b.clone());
                }
                _ => {
                    return Err(Error::unsupported(
                        data.at(i).path(),
                        "a value that is a list is drawn as a floating bar: [start, end] on a bar chart",
                    ))
                }
            },
            _ => {
                return Err(Error::spec(
                    data.at(i).path(),
                    "a data value must be a number",
                ))
            }
        }
    }
    if floating {
        p.base = Some(starts);
    }
    if let Some(labels) = &ctx.labels {
        // Chart.js draws as many points as there are labels.
        let n = labels.len().min(p.y.len());
        p.y.truncate(n);
        if let Some(b) = &mut p.base {
            b.truncate(n);
        }
        p.x = Some(labels[..n].iter().map(|l| json!(l)).collect());
    }
    Ok(p)
}

/// A bar, line, area, scatter or bubble series.
/// Dataset `d` (the `at.0`th of `at.1`) as a line, area, scatter or bar series.
fn cartesian(
    d: &Node,
    ctx: &Context,
    kind: Kind,
    at: (usize, usize),
    notes: &mut Notes,
) -> Result<Value> {
    let mut s = Map::new();
    let mut p = points(d, ctx)?;
    if let Some(name) = d.get("label").text() {
        s.insert("name".into(), json!(name));
    }
    let (bg, bg_list) = colour(&d.get("backgroundColor"), "backgroundColor")?;
    let (border, _) = colour(&d.get("borderColor"), "borderColor")?;
    let fill = d.get("fill");
    fill.no_function("fill")?;
    let filled = match fill.value {
        None | Some(Value::Null) => ctx.v2 && kind == Kind::Line,
        _ if fills::to_axis(&fill) => true,
        // Fills to another dataset or a value are bands (`fills`); an unknown mode fills nothing.
        Some(Value::Bool(false)) => false,
        _ => {
            if fills::target(&fill, at.0, at.1)?.is_none() {
                notes.warn(fill.path(), "a fill to no other dataset fills nothing");
            }
            false
        }
    };
    let series_type = match kind {
        Kind::Bar => "bar",
        Kind::Line if filled => "area",
        Kind::Line if d.get("showLine").bool() == Some(false) => "scatter",
        Kind::Line => "line",
        Kind::Scatter | Kind::Bubble if d.get("showLine").bool() == Some(true) => "line",
        _ => "scatter",
    };
    s.insert("type".into(), json!(series_type));
    if ctx.horizontal && series_type == "bar" {
        s.insert("horizontal".into(), json!(true));
    }
    // Colours: bars and points are filled with `backgroundColor`; lines drawn in `borderColor`.
    let line_like = matches!(series_type, "line" | "area");
    let main = if line_like {
        border.clone().or(bg.clone())
    } else {
        bg.clone().or(border.clone())
    };
    if let Some(c) = main {
        s.insert("color".into(), json!(c));
    }
    if !line_like {
        if let Some(list) = bg_list.filter(|l| l.len() > 1 && l.len() >= p.y.len()) {
            s.insert("colors".into(), json!(list[..p.y.len()]));
        }
    }
    if series_type == "area" {
        // Chart.js fills with the background colour as it is: opaque unless it has an alpha.
        if let Some(bg) = bg.as_deref() {
            s.insert(
                "opacity".into(),
                json!(alpha(bg).unwrap_or(1.0).clamp(0.0, 1.0)),
            );
        }
    }
    if line_like {
        line_style(d, ctx, &mut s, notes)?;
    }
    if matches!(series_type, "scatter") || (series_type == "line" && kind != Kind::Line) {
        if let Some(r) = d.get("pointRadius").f64().or(d.get("radius").f64()) {
            s.insert("size".into(), json!((2.0 * r).clamp(0.5, 100.0)));
        }
    }
    if kind == Kind::Bubble {
        if let Some(rs) = p.r.take() {
            let sizes: Vec<Value> = rs
                .iter()
                .map(|r| {
                    r.as_f64()
                        .map_or(Value::Null, |r| json!(std::f64::consts::PI * r * r))
                })
                .collect();
            s.insert("sizes".into(), Value::Array(sizes));
        }
    }
    // The value axis, and stacking on it.
    let axis_id = if ctx.horizontal {
        d.get("xAxisID")
    } else {
        d.get("yAxisID")
    };
    let role = ctx.axes.role(axis_id.str());
    if role == Role::Y2 && !ctx.horizontal {
        s.insert("axis".into(), json!("y2"));
    }
    if ctx.axes.stacked(role) && matches!(series_type, "bar" | "area" | "line") {
        let group = d.get("stack").text().unwrap_or_else(|| "stack".into());
        s.insert("stack".into(), json!(group));
    }
    if let Some(labels) = data_labels(d, ctx)? {
        s.insert("data_labels".into(), labels);
    }
    if d.get("spanGaps").bool() == Some(true) {
        let keep: Vec<bool> = p.y.iter().map(|v| !v.is_null()).collect();
        let mut k = keep.iter();
        p.y.retain(|_| *k.next().unwrap_or(&true));
        if let Some(x) = &mut p.x {
            let mut k = keep.iter();
            x.retain(|_| *k.next().unwrap_or(&true));
        }
    }
    if let Some(x) = p.x {
        s.insert("x".into(), Value::Array(x));
    }
    s.insert("y".into(), Value::Array(p.y));
    if let Some(base) = p.base {
        if s.contains_key("stack") || series_type != "bar" {
            return Err(Error::unsupported(
                d.get("data").path(),
                "[start, end] values are drawn as floating bars, unstacked",
            ));
        }
        s.insert("base".into(), Value::Array(base));
    }
    Ok(Value::Object(s))
}

/// Chart.js tensions from this up are drawn as chartfn's monotone curve; below it a line is
/// straight (a tension of 0.1 bends a line so little that straight is the closer picture).
const SMOOTH_FROM_TENSION: f64 = 0.25;

/// A line's width, dash, curve, steps and markers.
fn line_style(
    d: &Node,
    ctx: &Context,
    s: &mut Map<String, Value>,
    notes: &mut Notes,
) -> Result<()> {
    if let Some(w) = d.get("borderWidth").f64() {
        if w > 0.0 {
            s.insert("width".into(), json!(w.min(50.0)));
        }
    }
    let dash = d.get("borderDash");
    dash.no_function("borderDash")?;
    if let Some(list) = dash.array() {
        let mut on_off: Vec<f64> = list
            .iter()
            .filter_map(Value::as_f64)
            .filter(|v| *v > 0.0)
            .collect();
        if on_off.len() % 2 == 1 {
            on_off.extend(on_off.clone());
        }
        if (2..=16).contains(&on_off.len()) && s.get("type") == Some(&json!("line")) {
            s.insert("dash".into(), json!(on_off));
        }
    }
    let stepped = d.first_of(&["stepped", "steppedLine"]);
    let step = match stepped.value {
        Some(Value::Bool(true)) => Some("before"),
        Some(Value::String(m)) if m == "before" => Some("before"),
        Some(Value::String(m)) if m == "after" => Some("after"),
        Some(Value::String(m)) if m == "middle" => Some("middle"),
        _ => None,
    };
    let tension = d.first_of(&["tension", "lineTension"]);
    tension.no_function("tension")?;
    let curved = match tension.f64() {
        Some(t) => t >= SMOOTH_FROM_TENSION,
        // Chart.js 2 curves lines by default (lineTension 0.4); 3 and later draw them straight.
        None => ctx.v2 || d.get("cubicInterpolationMode").str() == Some("monotone"),
    };
    if let Some(step) = step {
        s.insert("step".into(), json!(step));
    } else if curved {
        s.insert("smooth".into(), json!(true));
    }
    if s.get("type") == Some(&json!("line")) {
        let radius = d.first_of(&["pointRadius", "radius"]);
        radius.no_function("pointRadius")?;
        if radius.array().is_some() {
            notes.warn(
                radius.path(),
                "per-point radii are drawn at the first one's size",
            );
        }
        let r = radius
            .f64()
            .or_else(|| radius.array().and_then(|a| a.first()?.as_f64()))
            .unwrap_or(3.0);
        let style = d.get("pointStyle");
        style.no_function("pointStyle")?;
        let marker = match style.value {
            Some(Value::Bool(false)) => "none",
            Some(Value::String(m)) => match m.as_str() {
                "rect" | "rectRounded" => "square",
                "rectRot" => "diamond",
                "triangle" => "triangle",
                "cross" | "crossRot" | "star" => "cross",
                "line" | "dash" => "none",
                _ => "circle",
            },
            _ => "circle",
        };
        if r > 0.0 && marker != "none" {
            s.insert("marker".into(), json!(marker));
            s.insert("size".into(), json!((2.0 * r).clamp(0.5, 100.0)));
        }
    }
    Ok(())
}
