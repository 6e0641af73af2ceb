//! `text` marks: a label at each point, written as a chartfn `text` series, or a constant
//! text at a rule's position, which becomes that rule's label.

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::aggregate::aggregate;
use super::axis::axis;
use super::channel::{value_of, Channel, Kind};
use super::data::Row;
use super::order::Group;
use super::style::legend;
use super::view::{compare, Encoding, Parts};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// `text`: a label at each point (values written on a chart), as chartfn's text series.
pub(super) fn text(mark: &Node, enc: &Encoding, rows: &[Row], notes: &mut Notes) -> Result<Parts> {
    // A constant text at a constant x or y (a rule's label, `"x": "width"` for its end): the
    // label of the line annotation there (merged with the rule's when one is drawn there).
    if let (Some(words), None) = (mark.get("text").str(), &enc.text) {
        let at = |c: &Option<Channel>| c.as_ref().and_then(|c| c.value.clone());
        let line = match (at(&enc.x), at(&enc.y)) {
            (None, Some(y)) if enc.x.is_none() => Some(json!({"type": "line", "y": y})),
            (Some(x), None) if enc.y.is_none() => Some(json!({"type": "line", "x": x})),
            _ => None,
        };
        if let Some(mut line) = line {
            line["label"] = json!(words);
            line["label_only"] = json!(true);
            return Ok(Parts {
                annotations: vec![line],
                ..Parts::default()
            });
        }
    }
    let (Some(x), Some(y), Some(t)) = (&enc.x, &enc.y, &enc.text) else {
        return Err(Error::unsupported(
            mark.path(),
            "a text mark is drawn with x, y and text",
        ));
    };
    if y.discrete() || x.bin.is_some() {
        return Err(Error::unsupported(
            mark.path(),
            "text is drawn at a continuous y",
        ));
    }
    let value_text = |v: f64| {
        let f = t.node.get("format").str();
        match f {
            Some(f) if f.contains('%') => format!("{:.0}%", v * 100.0),
            _ if v.fract() == 0.0 => format!("{v:.0}"),
            _ => format!("{:.2}", v)
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_owned(),
        }
    };
    // A color field: one text series per value, coloured as Vega-Lite colours them.
    let by = enc.color.as_ref().filter(|c| c.field.is_some());
    if let (Some(c), Some(_)) = (by, y.aggregate) {
        return Err(Error::unsupported(
            c.node.path(),
            "labels of aggregates split by a color field are not drawn",
        ));
    }
    let key = |r: &Row| by.and_then(|c| text_of(&c.position(r)));
    let mut labels: Vec<(Value, f64, String)> = Vec::new();
    let mut keys: Vec<Option<String>> = Vec::new();
    if let Some(op) = y.aggregate {
        // Labels of aggregated marks say the aggregate (a bar's value on it).
        let group = Group {
            name: None,
            stack: None,
            points: rows
                .iter()
                .map(|r| (x.position(r), value_of(y, r), f64::NAN))
                .collect(),
        };
        for (p, v, _) in aggregate(group.points, op) {
            labels.push((p, v, value_text(v)));
            keys.push(None);
        }
    } else {
        for r in rows {
            let label = match (&t.field, &t.value) {
                (Some(_), _) if t.kind == Kind::Quantitative => value_text(t.number(r)),
                (Some(_), _) => t
                    .raw(r)
                    .and_then(super::super::node::text_of)
                    .unwrap_or_default(),
                (None, Some(v)) => text_of(v).unwrap_or_default(),
                _ => String::new(),
            };
            labels.push((x.position(r), y.number(r), label));
            keys.push(key(r));
        }
    }
    let kept: Vec<bool> = labels
        .iter()
        .map(|l| !l.0.is_null() && l.1.is_finite())
        .collect();
    let mut k = kept.iter();
    labels.retain(|_| *k.next().unwrap_or(&false));
    let mut k = kept.iter();
    keys.retain(|_| *k.next().unwrap_or(&false));
    let mut names: Vec<Option<String>> = Vec::new();
    for k in &keys {
        if !names.contains(k) {
            names.push(k.clone());
        }
    }
    names.sort_by(|a, b| compare(&json!(a), &json!(b)));
    let colours = match by {
        Some(_) => super::style::colours(enc, &names, notes)?,
        None => Vec::new(),
    };
    let mut series = Vec::new();
    for (g, name) in names.iter().enumerate() {
        let mine: Vec<&(Value, f64, String)> = labels
            .iter()
            .zip(&keys)
            .filter(|(_, k)| *k == name)
            .map(|(l, _)| l)
            .collect();
        let mut s = Map::new();
        s.insert("type".into(), json!("text"));
        if let Some(n) = name {
            s.insert("name".into(), json!(n));
        }
        s.insert(
            "x".into(),
            Value::Array(mine.iter().map(|l| l.0.clone()).collect()),
        );
        s.insert(
            "y".into(),
            Value::Array(mine.iter().map(|l| json!(l.1)).collect()),
        );
        s.insert(
            "text".into(),
            Value::Array(mine.iter().map(|l| json!(l.2)).collect()),
        );
        if let Some(a) = mark.get("align").str() {
            let anchor = match a {
                "left" => "start",
                "right" => "end",
                _ => "middle",
            };
            s.insert("anchor".into(), json!(anchor));
        }
        if let Some(c) = colours.get(g) {
            s.insert("color".into(), json!(c));
        } else if let Some(c) = enc.color.as_ref().and_then(|c| c.value.clone()) {
            s.insert("color".into(), c);
        }
        series.push(Value::Object(s));
    }
    let mut parts = Parts {
        series,
        legend: by.and_then(|_| legend(enc)),
        ..Parts::default()
    };
    parts.x = axis(x, "text")?;
    parts.y = axis(y, "text")?;
    Ok(parts)
}
