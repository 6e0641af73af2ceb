//! The options around the data: title and subtitle, the legend, and the annotation and
//! datalabels plugins. Version 2 keeps them under `options`, version 3+ under `options.plugins`.

use super::super::node::Node;
use super::super::Notes;
use super::scales::{Axes, Role};
use super::Kind;
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// `options.<name>` in version 2, `options.plugins.<name>` in 3+ (either is read).
fn plugin<'a>(options: &Node<'a>, name: &str, v2: bool) -> Node<'a> {
    let (first, second) = (options.get(name), options.get("plugins").get(name));
    match (v2, first.is_present(), second.is_present()) {
        (_, true, false) => first,
        (_, false, true) => second,
        (true, _, _) => first,
        (false, _, _) => second,
    }
}

/// `title` and `subtitle`, shown (as in Chart.js) only with `display: true`.
pub fn titles(options: &Node, v2: bool, spec: &mut Map<String, Value>) -> Result<()> {
    for (name, key) in [("title", "title"), ("subtitle", "subtitle")] {
        let t = plugin(options, name, v2);
        t.get("text").no_function("a title")?;
        if t.get("display").bool() == Some(true) {
            if let Some(text) = t.get("text").text().filter(|s| !s.is_empty()) {
                spec.insert(key.into(), json!(text));
            }
        }
    }
    Ok(())
}

/// The legend: hidden, at the bottom, at the right; anywhere else chartfn's best corner.
pub fn legend(
    options: &Node,
    v2: bool,
    kind: Kind,
    spec: &mut Map<String, Value>,
    notes: &mut Notes,
) -> Result<()> {
    let l = plugin(options, "legend", v2);
    let position = if l.get("display").bool() == Some(false) {
        Some("none")
    } else {
        match l.get("position").str() {
            Some("bottom") => Some("bottom"),
            Some("right") => Some("right"),
            Some(p @ ("top" | "left" | "chartArea")) => {
                notes.warn(
                    l.get("position").path(),
                    &format!("a legend at the {p} is drawn where it hides the least data (chartfn's \"best\")"),
                );
                (!kind.is_round()).then_some("best")
            }
            // Chart.js shows the legend by default, even for one dataset.
            _ => (!kind.is_round()).then_some("best"),
        }
    };
    let mut legend = Map::new();
    if let Some(p) = position {
        legend.insert("position".into(), json!(p));
    }
    // Entries last dataset first, as `reverse: true` lists them.
    if l.get("reverse").bool() == Some(true) && position != Some("none") {
        legend.insert("reverse".into(), json!(true));
    }
    if !legend.is_empty() {
        spec.insert("legend".into(), Value::Object(legend));
    }
    Ok(())
}

/// The filler plugin's `propagate` (Chart.js's default: true).
pub fn fill_propagates(options: &Node, v2: bool) -> bool {
    plugin(options, "filler", v2)
        .get("propagate")
        .bool()
        .unwrap_or(true)
}

/// The datalabels plugin's setting for every dataset: `None` when absent or hidden.
pub fn datalabels(options: &Node, v2: bool) -> Result<Option<Value>> {
    let d = plugin(options, "datalabels", v2);
    if !d.is_present() {
        return Ok(None);
    }
    d.get("formatter").no_function("a data label formatter")?;
    d.get("display").no_function("datalabels.display")?;
    if d.get("display").bool() == Some(false) || d.value == Some(&Value::Bool(false)) {
        return Ok(None);
    }
    Ok(Some(json!(true)))
}

/// The annotation plugin's lines, boxes, labels and points as chartfn annotations.
pub fn annotations(options: &Node, v2: bool, axes: &Axes, notes: &mut Notes) -> Result<Vec<Value>> {
    let list = plugin(options, "annotation", v2).get("annotations");
    let items: Vec<Node> = match list.value {
        Some(Value::Array(a)) => (0..a.len()).map(|i| list.at(i)).collect(),
        Some(Value::Object(o)) => o.keys().map(|k| list.get(k)).collect(),
        _ => return Ok(Vec::new()),
    };
    let mut out = Vec::with_capacity(items.len());
    for a in items {
        if let Some(v) = annotation(&a, axes, notes)? {
            out.push(v);
        }
    }
    Ok(out)
}

/// The text of an annotation's `label` (version 2 `enabled`, 3+ `display`), when shown.
fn label_text(a: &Node) -> Result<Option<String>> {
    let l = a.get("label");
    l.get("content").no_function("a label")?;
    let shown = l
        .get("enabled")
        .bool()
        .or(l.get("display").bool())
        .unwrap_or(true);
    Ok(shown
        .then(|| l.get("content").text())
        .flatten()
        .filter(|s| !s.is_empty()))
}

fn annotation(a: &Node, axes: &Axes, notes: &mut Notes) -> Result<Option<Value>> {
    let kind = a.get("type").str().unwrap_or("line");
    let mut out = Map::new();
    let colour = a
        .get("borderColor")
        .str()
        .or(a.get("backgroundColor").str());
    match kind {
        "line" => {
            let scale = a.get("scaleID").str();
            let (role, value) = match (scale, a.get("value").value) {
                (Some(id), Some(v)) => (axes.role_of_scale(id), v.clone()),
                _ => match (a.get("xMin").value, a.get("yMin").value) {
                    (Some(x), None) => (Some(Role::X), x.clone()),
                    (None, Some(y)) => (Some(Role::Y), y.clone()),
                    _ => {
                        return Err(Error::unsupported(
                            a.path(),
                            "a sloped line annotation is not drawn (a rule at one value is)",
                        ))
                    }
                },
            };
            let Some(role) = role else {
                return Err(Error::spec(
                    a.get("scaleID").path(),
                    "names no scale of the chart",
                ));
            };
            out.insert("type".into(), json!("line"));
            set_position(&mut out, role, axes.position(role, value));
            if let Some(w) = a.get("borderWidth").f64() {
                out.insert("width".into(), json!(w.clamp(0.1, 50.0)));
            }
            if a.get("borderDash").array().is_some_and(|d| !d.is_empty()) {
                out.insert("dash".into(), json!("dashed"));
            }
        }
        "box" => {
            // A box bounded on one axis is a band across the plot; on both, the region
            // between them. An edge left out (open to the chart's edge) is not drawn.
            let x = (a.get("xMin").value, a.get("xMax").value);
            let y = (a.get("yMin").value, a.get("yMax").value);
            let y_role = || {
                a.get("yScaleID")
                    .str()
                    .and_then(|id| axes.role_of_scale(id))
                    .unwrap_or(Role::Y)
            };
            let spans = match (x, y) {
                ((Some(f), Some(t)), (None, None)) => vec![(Role::X, f, t)],
                ((None, None), (Some(f), Some(t))) => vec![(y_role(), f, t)],
                ((Some(xf), Some(xt)), (Some(yf), Some(yt))) => {
                    vec![(Role::X, xf, xt), (y_role(), yf, yt)]
                }
                _ => {
                    return Err(Error::unsupported(
                        a.path(),
                        "a box open on one side is not drawn (give both xMin and xMax, both yMin and yMax, or all four)",
                    ))
                }
            };
            out.insert("type".into(), json!("band"));
            for (role, from, to) in spans {
                set_position(
                    &mut out,
                    role,
                    json!([
                        axes.position(role, from.clone()),
                        axes.position(role, to.clone())
                    ]),
                );
            }
            if let Some(c) = a.get("backgroundColor").str() {
                // Chart.js fills the box in exactly this colour, its alpha included, where a
                // chartfn band would shade its colour further.
                out.insert("color".into(), json!(c));
                out.insert("opacity".into(), json!(1));
            }
        }
        "label" | "point" => {
            let (Some(x), Some(y)) = (a.get("xValue").value, a.get("yValue").value) else {
                return Err(Error::unsupported(
                    a.path(),
                    "a label or point annotation needs xValue and yValue (positions in pixels are not drawn)",
                ));
            };
            // A label with a callout points at its place: chartfn's callout point.
            let callout = kind == "label" && a.get("callout").get("display").bool() == Some(true);
            let text = if kind == "label" {
                a.get("content").no_function("a label")?;
                a.get("content").text()
            } else {
                label_text(a)?
            };
            let is_text = kind == "label" && !callout;
            out.insert("type".into(), json!(if is_text { "text" } else { "point" }));
            out.insert("x".into(), axes.position(Role::X, x.clone()));
            out.insert("y".into(), axes.position(Role::Y, y.clone()));
            match (is_text, text) {
                (true, Some(t)) => {
                    out.insert("text".into(), json!(t));
                }
                (true, None) => return Ok(None),
                (false, Some(t)) => {
                    out.insert("label".into(), json!(t));
                }
                _ => {}
            }
            // A label's own colour is its text's (`color`); its background is not drawn.
            let ink = if kind == "label" {
                a.get("color").str()
            } else {
                colour
            };
            if let Some(c) = ink {
                out.insert("color".into(), json!(c));
            }
            return Ok(Some(Value::Object(out)));
        }
        other => {
            return Err(Error::unsupported(
                a.get("type").path(),
                format!("{other:?} annotations are not drawn (line, box, label and point are)"),
            ))
        }
    }
    if let Some(t) = label_text(a)? {
        out.insert("label".into(), json!(t));
    }
    if kind == "line" {
        if let Some(c) = colour {
            out.insert("color".into(), json!(c));
        }
    }
    let _ = notes;
    Ok(Some(Value::Object(out)))
}

/// `x` or `y` (with `axis: "y2"` for the second axis) of an annotation.
fn set_position(out: &mut Map<String, Value>, role: Role, value: Value) {
    match role {
        Role::X => {
            out.insert("x".into(), value);
        }
        Role::Y => {
            out.insert("y".into(), value);
        }
        Role::Y2 => {
            out.insert("y".into(), value);
            out.insert("axis".into(), json!("y2"));
        }
    }
}

/// Warnings for what a static chartfn image leaves out that a reader could notice: plugins it
/// does not have, and layout and font options. Interactive options (tooltips, hover,
/// animation, events) are ignored without a word: an image has none.
pub fn ignore_the_rest(root: &Node, notes: &mut Notes) {
    const KNOWN: [&str; 8] = [
        "title",
        "subtitle",
        "legend",
        "datalabels",
        "annotation",
        "tooltip",
        "tooltips",
        "filler",
    ];
    let options = root.get("options");
    let plugins = options.get("plugins");
    if let Some(map) = plugins.object() {
        for k in map.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
            notes.warn(plugins.get(k).path(), "this plugin is not drawn by chartfn");
        }
    }
    for key in [
        "layout",
        "font",
        "defaultFontSize",
        "defaultFontFamily",
        "elements",
    ] {
        if options.get(key).is_present() {
            notes.warn(
                options.get(key).path(),
                "not honoured (chartfn lays out and sets type itself)",
            );
        }
    }
}
