//! The filler plugin's fills between datasets: `fill: '-1'` or `'+2'` (relative), an index
//! (absolute), `{value: N}`, or `{target: …}` with one colour. Each becomes a chartfn `band`
//! from the target's line (or the value) to the dataset's own, in the dataset's background
//! colour, drawn under every line as Chart.js draws fills before datasets. Fills to the axis
//! (`true`, `'origin'`, `'start'`, `'end'`, `'stack'`) make the dataset an area instead
//! (`datasets::cartesian`).

use super::super::node::Node;
use super::super::Notes;
use crate::error::{Error, Result};
use crate::spec::color::Theme;
use crate::spec::ThemeName;
use serde_json::{json, Map, Value};

/// What a dataset's fill reaches to, besides the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// Another dataset, by its index in `data.datasets`.
    Dataset(usize),
    /// A constant value on the dataset's value axis.
    Value(f64),
}

/// What `fill` of dataset `i` (of `n`) fills to: `None` for no fill, a fill to the axis, or
/// a target that does not exist (Chart.js then fills nothing). A fill coloured differently
/// above and below its target is refused.
pub fn target(fill: &Node, i: usize, n: usize) -> Result<Option<Target>> {
    if fill.object().is_some() {
        if let Some(v) = fill.get("value").f64() {
            return Ok(Some(Target::Value(v)));
        }
        let (above, below) = (fill.get("above"), fill.get("below"));
        if above.is_present() && below.is_present() && above.value != below.value {
            return Err(Error::unsupported(
                below.path(),
                "a fill coloured differently above and below its target is not drawn",
            ));
        }
        return target(&fill.get("target"), i, n);
    }
    let index = match fill.value {
        Some(Value::Number(k)) => k.as_f64().filter(|k| k.fract() == 0.0),
        Some(Value::String(s)) => {
            let k = s.trim().parse::<f64>().ok().filter(|k| k.fract() == 0.0);
            match s.trim().chars().next() {
                // Relative to the dataset: '-1' the one before, '+1' the one after.
                Some('-' | '+') => k.map(|k| i as f64 + k),
                _ => k,
            }
        }
        _ => None,
    };
    Ok(index
        .filter(|&t| t >= 0.0 && t < n as f64 && t != i as f64)
        .map(|t| Target::Dataset(t as usize)))
}

/// Whether `fill` fills to the axis: `true`, `'origin'`, `'start'`, `'end'`, `'stack'`.
pub fn to_axis(fill: &Node) -> bool {
    match fill.value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(m)) => matches!(m.as_str(), "origin" | "start" | "end" | "stack"),
        _ => false,
    }
}

/// The datasets as translated: `drawn[i]` is the index in `series` of dataset `i` (`None`
/// when it is hidden or drew nothing).
pub struct Drawn<'a> {
    pub datasets: &'a Node<'a>,
    pub drawn: &'a [Option<usize>],
    /// `plugins.filler.propagate`: a fill to a hidden dataset goes on to that dataset's target.
    pub propagate: bool,
    pub v2: bool,
}

/// The bands of the datasets that fill to another dataset or a value, put first in `series`
/// (under the lines); the series without a colour are given their palette colour first, so
/// that the bands do not shift it.
pub fn add_bands(d: &Drawn, series: &mut Vec<Value>, notes: &mut Notes) -> Result<()> {
    let n = d.drawn.len();
    let mut fills = Vec::new();
    for (i, at) in d.drawn.iter().enumerate() {
        let Some(at) = *at else { continue };
        let fill = d.datasets.at(i).get("fill");
        let Some(first) = target(&fill, i, n)? else {
            continue;
        };
        if let Some(to) = resolve(d, first, notes, &fill)? {
            fills.push((i, at, to, fill));
        }
    }
    if fills.is_empty() {
        return Ok(());
    }
    fix_palette_colours(series, d.v2);
    let mut bands = Vec::with_capacity(fills.len());
    for (i, at, to, fill) in fills {
        bands.push(band(d, i, &series[at], to, series, &fill)?);
    }
    series.splice(0..0, bands);
    Ok(())
}

/// Where a fill ends once hidden datasets are passed over: Chart.js goes on to a hidden
/// target's own target (if `propagate`), to the axis at 0 for one that fills to its origin.
fn resolve(d: &Drawn, first: Target, notes: &mut Notes, fill: &Node) -> Result<Option<Target>> {
    let n = d.drawn.len();
    let mut to = first;
    let mut seen = vec![false; n];
    while let Target::Dataset(j) = to {
        if d.drawn[j].is_some() {
            return Ok(Some(to));
        }
        if !d.propagate || seen[j] {
            return Ok(None);
        }
        seen[j] = true;
        let next = d.datasets.at(j).get("fill");
        to = match target(&next, j, n)? {
            Some(t) => t,
            None if matches!(next.value, Some(Value::Bool(true)))
                || next.str() == Some("origin") =>
            {
                Target::Value(0.0)
            }
            None => {
                notes.warn(
                    fill.path(),
                    "the fill's hidden target fills no other dataset: nothing is filled",
                );
                return Ok(None);
            }
        };
    }
    Ok(Some(to))
}

/// The band from `to` up to dataset `i`'s line `line`.
fn band(
    d: &Drawn,
    i: usize,
    line: &Value,
    to: Target,
    series: &[Value],
    fill: &Node,
) -> Result<Value> {
    let ys = line
        .get("y")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let lower = match to {
        Target::Value(v) => vec![json!(v); ys.len()],
        Target::Dataset(j) => {
            let other = &series[d.drawn[j].expect("resolved to a drawn dataset")];
            if other.get("x") != line.get("x") || other.get("axis") != line.get("axis") {
                return Err(Error::unsupported(
                    fill.path(),
                    "a fill between datasets is drawn when both have the same x values, on the same y axis",
                ));
            }
            let theirs = other.get("y").and_then(Value::as_array);
            (0..ys.len())
                .map(|k| {
                    theirs
                        .and_then(|t| t.get(k))
                        .cloned()
                        .unwrap_or(Value::Null)
                })
                .collect()
        }
    };
    let mut b = Map::new();
    b.insert("type".into(), json!("band"));
    if let Some(x) = line.get("x") {
        b.insert("x".into(), x.clone());
    }
    b.insert("lower".into(), Value::Array(lower));
    b.insert("upper".into(), Value::Array(ys));
    // Chart.js fills with the background colour as it is, alpha included (the band's opacity
    // multiplies it); without one, the line's colour at half strength (version 3's colors
    // plugin) or a faint grey (version 2).
    let dataset = d.datasets.at(i);
    let (colour, opacity): (_, f64) = match dataset.get("backgroundColor").str() {
        Some(bg) => (Some(json!(bg)), 1.0),
        None if d.v2 => (Some(json!("#000000")), 0.1),
        None => (line.get("color").cloned(), 0.5),
    };
    if let Some(c) = colour {
        b.insert("color".into(), c);
    }
    b.insert("opacity".into(), json!(opacity));
    for key in ["smooth", "axis"] {
        if let Some(v) = line.get(key) {
            b.insert(key.into(), v.clone());
        }
    }
    Ok(Value::Object(b))
}

/// Gives each series without a colour the one chartfn would give it (the next colour of the
/// palette: Chart.js's for version 3 and 4, the light theme's for version 2).
fn fix_palette_colours(series: &mut [Value], v2: bool) {
    let theme = Theme::named(ThemeName::Light);
    let mut k = 0;
    for s in series.iter_mut() {
        let Some(o) = s.as_object_mut() else { continue };
        if o.contains_key("color") {
            continue;
        }
        let colour = if v2 {
            let c = theme.series_color(k);
            format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
        } else {
            super::CHARTJS_COLORS[k % super::CHARTJS_COLORS.len()].to_owned()
        };
        o.insert("color".into(), json!(colour));
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(fill: Value, i: usize) -> Option<Target> {
        let holder = json!({ "fill": fill });
        let root = Node::root(&holder, "");
        target(&root.get("fill"), i, 5).unwrap()
    }

    #[test]
    fn reads_relative_absolute_and_value_targets() {
        assert_eq!(of(json!("-1"), 2), Some(Target::Dataset(1)));
        assert_eq!(of(json!("+2"), 2), Some(Target::Dataset(4)));
        assert_eq!(of(json!(0), 2), Some(Target::Dataset(0)));
        assert_eq!(of(json!("3"), 2), Some(Target::Dataset(3)));
        assert_eq!(of(json!({"value": 35}), 2), Some(Target::Value(35.0)));
        assert_eq!(
            of(json!({"target": "-1", "above": "red"}), 2),
            Some(Target::Dataset(1))
        );
        // Itself, out of range, fractions and axis fills are not fills between datasets.
        for none in [
            json!(2),
            json!("+3"),
            json!("-3"),
            json!(1.5),
            json!("origin"),
            json!(true),
        ] {
            assert_eq!(of(none.clone(), 2), None, "{none}");
        }
    }
}
