//! Chart.js scales into chartfn's `x`, `y` and `y2`: version 2's `xAxes`/`yAxes` arrays and
//! version 3+'s `scales` keyed by id are read into one model first.

use super::super::node::Node;
use super::super::Notes;
use super::moment::DateParser;
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// What a scale id stands for in chartfn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    X,
    Y,
    Y2,
}

impl Role {
    fn key(self) -> &'static str {
        match self {
            Role::X => "x",
            Role::Y => "y",
            Role::Y2 => "y2",
        }
    }
}

/// One scale, as much of it as chartfn draws.
#[derive(Debug, Default)]
pub struct Scale {
    id: String,
    /// chartfn's axis type, when the config names one.
    kind: Option<&'static str>,
    label: Option<String>,
    min: Option<Value>,
    max: Option<Value>,
    suggested: (Option<f64>, Option<f64>),
    zero: bool,
    /// `stacked` as given (`None`: not said).
    pub stacked: Option<bool>,
    grid: Option<bool>,
    visible: Option<bool>,
    reverse: bool,
    position: Option<String>,
    /// The format its dates are written in (`time.parser`).
    parser: Option<DateParser>,
}

/// The scales of a config by role.
#[derive(Debug, Default)]
pub struct Axes {
    x: Scale,
    y: Scale,
    y2: Option<Scale>,
    /// The radial scale of a radar (`scales.r`, v2 `scale`): its `min` and `max`.
    radial: (Option<f64>, Option<f64>),
    /// `data.labels` when the index axis lists them (a category axis, as in Chart.js).
    pub labels: Option<Vec<String>>,
    horizontal: bool,
}

/// chartfn's axis type for a Chart.js scale `type`.
fn axis_kind(node: &Node) -> Result<Option<&'static str>> {
    node.no_function("a scale type")?;
    Ok(match node.str() {
        None => None,
        Some("linear") => Some("linear"),
        Some("logarithmic") => Some("log"),
        Some("time") | Some("timeseries") => Some("time"),
        Some("category") => Some("category"),
        Some(other) => {
            return Err(Error::unsupported(
                node.path(),
                format!(
                "scale type {other:?} is not drawn (linear, logarithmic, time and category are)"
            ),
            ))
        }
    })
}

/// A `min`/`max`: numbers stay numbers; strings (dates on a time axis) stay strings.
fn bound(node: &Node) -> Result<Option<Value>> {
    node.no_function("a scale bound")?;
    Ok(match node.value {
        Some(v @ (Value::Number(_) | Value::String(_))) => Some(v.clone()),
        _ => None,
    })
}

/// A `time.parser`: the moment.js format the scale's dates are written in (a function, which
/// would have to run, is refused).
fn time_parser(s: &Node) -> Result<Option<DateParser>> {
    let parser = s.get("time").get("parser");
    parser.no_function("time.parser")?;
    match parser.value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(f)) => DateParser::from_moment(f, parser.path()).map(Some),
        Some(_) => Err(Error::spec(
            parser.path(),
            "time.parser must be a moment.js format",
        )),
    }
}

/// What a scale's ticks may hold that chartfn refuses (a label callback) or notes (a step it
/// does not follow).
fn refuse_or_note(ticks: &Node, notes: &mut Notes) -> Result<()> {
    ticks.get("callback").no_function("a tick label callback")?;
    if ticks.get("stepSize").is_present() {
        notes.warn(
            ticks.get("stepSize").path(),
            "not honoured; ticks are chosen to fit",
        );
    }
    Ok(())
}

impl Scale {
    /// A version 3+ scale (`options.scales.<id>`).
    fn v3(id: &str, s: &Node, notes: &mut Notes) -> Result<Scale> {
        let ticks = s.get("ticks");
        refuse_or_note(&ticks, notes)?;
        let title = s.get("title");
        Ok(Scale {
            parser: time_parser(s)?,
            id: id.to_owned(),
            kind: axis_kind(&s.get("type"))?,
            // As in Chart.js, a title shows only with `display: true`.
            label: (title.get("display").bool() == Some(true))
                .then(|| title.get("text").text())
                .flatten(),
            min: bound(&s.get("min"))?,
            max: bound(&s.get("max"))?,
            suggested: (s.get("suggestedMin").f64(), s.get("suggestedMax").f64()),
            zero: s.get("beginAtZero").bool() == Some(true),
            stacked: s.get("stacked").bool(),
            grid: s.get("grid").get("display").bool(),
            visible: s.get("display").bool(),
            reverse: s.get("reverse").bool() == Some(true),
            position: s.get("position").str().map(str::to_owned),
        })
    }

    /// A version 2 scale (an element of `xAxes` or `yAxes`).
    fn v2(default_id: &str, s: &Node, notes: &mut Notes) -> Result<Scale> {
        let ticks = s.get("ticks");
        refuse_or_note(&ticks, notes)?;
        let label = s.get("scaleLabel");
        Ok(Scale {
            parser: time_parser(s)?,
            id: s.get("id").str().unwrap_or(default_id).to_owned(),
            kind: axis_kind(&s.get("type"))?,
            label: (label.get("display").bool() == Some(true))
                .then(|| label.get("labelString").text())
                .flatten(),
            min: bound(&ticks.get("min"))?,
            max: bound(&ticks.get("max"))?,
            suggested: (
                ticks.get("suggestedMin").f64(),
                ticks.get("suggestedMax").f64(),
            ),
            zero: ticks.get("beginAtZero").bool() == Some(true),
            stacked: s.get("stacked").bool(),
            grid: s.get("gridLines").get("display").bool(),
            visible: s.get("display").bool(),
            reverse: ticks.get("reverse").bool() == Some(true),
            position: s.get("position").str().map(str::to_owned),
        })
    }

    /// The chartfn axis object; `values` are the numbers drawn against it (for the suggested
    /// bounds, which only ever widen the range).
    fn axis(&self, category: bool, values: &[f64]) -> Value {
        let mut a = Map::new();
        if let Some(l) = &self.label {
            a.insert("label".into(), json!(l));
        }
        let kind = self.kind.or(category.then_some("category"));
        if let Some(k) = kind {
            a.insert("type".into(), json!(k));
        }
        let numeric = !matches!(kind, Some("category") | Some("time"));
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = self.min.clone().or_else(|| {
            let s = self.suggested.0?;
            (numeric && s < lo).then(|| json!(s))
        });
        let max = self.max.clone().or_else(|| {
            let s = self.suggested.1?;
            (numeric && s > hi).then(|| json!(s))
        });
        if let Some(m) = min {
            a.insert("min".into(), m);
        }
        if let Some(m) = max {
            a.insert("max".into(), m);
        }
        if self.zero && numeric && kind != Some("log") {
            a.insert("zero".into(), json!(true));
        }
        if let Some(g) = self.grid {
            a.insert("grid".into(), json!(g));
        }
        if self.visible == Some(false) {
            a.insert("visible".into(), json!(false));
        }
        if self.reverse {
            a.insert("reverse".into(), json!(true));
        }
        Value::Object(a)
    }
}

impl Axes {
    /// The format the index axis' dates are written in, when its scale names one.
    pub fn date_parser(&self) -> Option<&DateParser> {
        if self.horizontal {
            self.y.parser.as_ref()
        } else {
            self.x.parser.as_ref()
        }
    }

    /// The scales of `options`, v2 or v3+.
    pub fn read(options: &Node, v2: bool, horizontal: bool, notes: &mut Notes) -> Result<Axes> {
        let mut axes = Axes {
            horizontal,
            ..Axes::default()
        };
        let scales = options.get("scales");
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        if v2 || scales.get("xAxes").is_present() || scales.get("yAxes").is_present() {
            for (list, out, id) in [
                ("xAxes", &mut xs, "x-axis-0"),
                ("yAxes", &mut ys, "y-axis-0"),
            ] {
                let arr = scales.get(list);
                for i in 0..arr.array().map_or(0, Vec::len) {
                    let n = arr.at(i);
                    out.push((
                        n.path().to_owned(),
                        Scale::v2(&format!("{id}-{i}"), &n, notes)?,
                    ));
                }
            }
            // v2 default ids are `x-axis-0` and `y-axis-0`.
            for (list, id) in [(&mut xs, "x-axis-0"), (&mut ys, "y-axis-0")] {
                if let Some((_, s)) = list.first_mut() {
                    if s.id.ends_with("-0-0") {
                        s.id = id.to_owned();
                    }
                }
            }
            let r = options.get("scale").get("ticks");
            axes.radial = (r.get("min").f64(), r.get("max").f64());
        } else if let Some(map) = scales.object() {
            for id in map.keys() {
                let n = scales.get(id);
                let axis = n.get("axis").str().map(str::to_owned).unwrap_or_else(|| {
                    match n.get("position").str() {
                        Some("top") | Some("bottom") => "x".into(),
                        Some("left") | Some("right") => "y".into(),
                        _ => id.chars().next().map(String::from).unwrap_or_default(),
                    }
                });
                match axis.as_str() {
                    "x" => xs.push((n.path().to_owned(), Scale::v3(id, &n, notes)?)),
                    "y" => ys.push((n.path().to_owned(), Scale::v3(id, &n, notes)?)),
                    "r" => {
                        axes.radial = (
                            n.get("min").f64().or(n.get("suggestedMin").f64()),
                            n.get("max").f64().or(n.get("suggestedMax").f64()),
                        )
                    }
                    _ => notes.warn(n.path(), "a scale that is neither x nor y is not drawn"),
                }
            }
        }
        // The value axis of a horizontal bar chart is x: a second x scale would be its y2,
        // which chartfn does not draw on horizontal bars.
        if xs.len() > 1 {
            return Err(Error::unsupported(
                &xs[1].0,
                "a second x scale is not drawn (chartfn has one x axis)",
            ));
        }
        if ys.len() > 2 {
            return Err(Error::unsupported(
                &ys[2].0,
                "a third y scale is not drawn (chartfn has y and y2)",
            ));
        }
        let mut ys = ys.into_iter();
        axes.x = xs.pop().map(|(_, s)| s).unwrap_or(Scale {
            id: "x".into(),
            ..Scale::default()
        });
        axes.y = ys.next().map(|(_, s)| s).unwrap_or(Scale {
            id: "y".into(),
            ..Scale::default()
        });
        axes.y2 = ys.next().map(|(_, s)| s);
        // A y scale on the right, beside one on the left, is the second axis.
        if axes.y.position.as_deref() == Some("right") {
            if let Some(other) = &mut axes.y2 {
                std::mem::swap(&mut axes.y, other);
            }
        }
        Ok(axes)
    }

    /// The role of the scale a dataset names with `yAxisID` (or `xAxisID`).
    pub fn role(&self, id: Option<&str>) -> Role {
        match id {
            Some(id) if self.y2.as_ref().is_some_and(|s| s.id == id) => Role::Y2,
            Some(id) if self.x.id == id => Role::X,
            _ => Role::Y,
        }
    }

    /// A position on the axis `role` as chartfn reads it: on a category axis Chart.js also
    /// takes a label's index (`2`, or `2.5` between two), which becomes that label (rounded).
    pub fn position(&self, role: Role, value: Value) -> Value {
        let index_role = if self.horizontal { Role::Y } else { Role::X };
        match (&self.labels, value.as_f64()) {
            (Some(labels), Some(i)) if role == index_role && !labels.is_empty() => {
                let k = (i.round().max(0.0) as usize).min(labels.len() - 1);
                json!(labels[k])
            }
            _ => value,
        }
    }

    /// The role a scale id given by an annotation (`scaleID`, `xScaleID`) stands for.
    pub fn role_of_scale(&self, id: &str) -> Option<Role> {
        if self.x.id == id || id.starts_with('x') {
            Some(Role::X)
        } else if self.y2.as_ref().is_some_and(|s| s.id == id) {
            Some(Role::Y2)
        } else if self.y.id == id || id.starts_with('y') {
            Some(Role::Y)
        } else {
            None
        }
    }

    /// Whether series drawn against the value axis `role` stack: that scale says so, or the
    /// index scale does and the value scale does not say otherwise (as in Chart.js).
    pub fn stacked(&self, role: Role) -> bool {
        let index = if self.horizontal { &self.y } else { &self.x };
        let value = match role {
            Role::Y2 => self.y2.as_ref(),
            _ if self.horizontal => Some(&self.x),
            _ => Some(&self.y),
        };
        match value.and_then(|s| s.stacked) {
            Some(s) => s,
            None => index.stacked == Some(true),
        }
    }

    /// Writes `x`, `y` and `y2` into `spec`, given the translated `series`.
    pub fn write(&self, spec: &mut Map<String, Value>, series: &[Value]) {
        let values = |axis: &str| -> Vec<f64> {
            series
                .iter()
                .filter(|s| s.get("axis").and_then(Value::as_str).unwrap_or("y") == axis)
                .flat_map(|s| s.get("y").and_then(Value::as_array).into_iter().flatten())
                .filter_map(Value::as_f64)
                .collect()
        };
        // The index axis is x, or y for horizontal bars; it is a category axis when it lists
        // `data.labels`, as in Chart.js.
        let (x_cat, y_cat) = if self.horizontal {
            (false, self.labels.is_some())
        } else {
            (self.labels.is_some(), false)
        };
        let x_values = if self.horizontal {
            values("y")
        } else {
            Vec::new()
        };
        let y_values = if self.horizontal {
            Vec::new()
        } else {
            values("y")
        };
        for (role, scale, cat, vals) in [
            (Role::X, &self.x, x_cat, &x_values),
            (Role::Y, &self.y, y_cat, &y_values),
        ] {
            let mut a = scale.axis(cat, vals);
            if role == Role::X && scale.position.as_deref() == Some("top") {
                a["position"] = json!("top");
            }
            if role == Role::Y && scale.position.as_deref() == Some("right") && self.y2.is_none() {
                a["position"] = json!("right");
            }
            if a.as_object().is_some_and(|o| !o.is_empty()) {
                spec.insert(role.key().into(), a);
            }
        }
        if let Some(s) = &self.y2 {
            if series
                .iter()
                .any(|s| s.get("axis").and_then(Value::as_str) == Some("y2"))
            {
                spec.insert("y2".into(), s.axis(false, &values("y2")));
            }
        }
    }

    /// A radar's `y` (its radial scale), when the config bounds it.
    pub fn radial_range(&self) -> Option<Value> {
        let mut a = Map::new();
        if let Some(m) = self.radial.0 {
            a.insert("min".into(), json!(m));
        }
        if let Some(m) = self.radial.1 {
            a.insert("max".into(), json!(m));
        }
        (!a.is_empty()).then_some(Value::Object(a))
    }
}

/// Whether the radial scale shows its point labels: v3+ `scales.r.pointLabels.display`, v2
/// `scale.pointLabels.display` (a polar area chart hides them unless told).
pub fn point_labels(options: &Node, v2: bool) -> bool {
    let r = if v2 {
        options.get("scale")
    } else {
        options.get("scales").get("r")
    };
    r.get("pointLabels").get("display").bool() == Some(true)
}
