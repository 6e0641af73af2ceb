//! A view's marks as chartfn parts: a single view, or a `layer` of views sharing (and
//! overriding) an encoding, where a text layer over bars, cells or slices becomes their data
//! labels and a rule under a bar becomes a candlestick's wick.

use super::super::node::Node;
use super::super::Notes;
use super::data::{Row, Sources};
use super::{marks, ranges, shapes, transform, view};
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// A single view or a layer over `rows`, as chartfn parts: at least one that draws series
/// (rules and labels are drawn over other marks).
pub(super) fn views(
    node: &Node,
    rows: &[Row],
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Vec<view::Parts>> {
    let parts = layer_views(node, rows, sources, notes)?;
    if parts.iter().all(|p| p.series.is_empty()) {
        if let Some(lines) = shapes::rules_as_lines(&parts) {
            return Ok(vec![lines]);
        }
        return Err(Error::unsupported(
            node.path(),
            "a chart of rules alone is not drawn (rules are drawn over other marks)",
        ));
    }
    Ok(parts)
}

/// [`views`] without the check: a nested layer may hold only a rule and its label.
fn layer_views(
    node: &Node,
    rows: &[Row],
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Vec<view::Parts>> {
    let mut parts = Vec::new();
    if let Some(layers) = node.get("layer").array() {
        let base_enc = node.get("encoding").object().cloned().unwrap_or_default();
        let encodings: Vec<Value> = (0..layers.len())
            .map(|i| merged_encoding(&base_enc, &node.get("layer").at(i)))
            .collect();
        let layer_at = |i: usize| node.get("layer").at(i);
        // Text layers that write the bars' own values become the bars' data labels.
        let labels: Vec<Option<Value>> = (0..layers.len())
            .map(|b| {
                (0..layers.len()).find_map(|t| {
                    let (view, text) = (&layer_at(b), &layer_at(t));
                    let (ve, te) = (&encodings[b], &encodings[t]);
                    bar_labels(view, ve, text, te)
                        .or_else(|| cell_labels(view, ve, text, te))
                        .or_else(|| slice_labels(view, ve, text, te))
                })
            })
            .collect();
        // A rule from low to high under a bar from open to close, at the same x: candlesticks.
        let candles = (0..layers.len()).find_map(|r| {
            (0..layers.len())
                .find(|&b| is_candle_pair(&layer_at(r), &encodings[r], &layer_at(b), &encodings[b]))
                .map(|b| (r, b))
        });
        if let Some((r, b)) = candles {
            let enc_path = layer_at(b).get("encoding").path().to_owned();
            parts.push(ranges::candlestick(
                &Node::root(&encodings[r], &enc_path),
                &Node::root(&encodings[b], &enc_path),
                rows,
            )?);
        }
        for i in 0..layers.len() {
            let layer = layer_at(i);
            if labels.iter().flatten().any(|l| l["from"] == json!(i))
                || candles.is_some_and(|(r, b)| i == r || i == b)
            {
                continue;
            }
            let rows = match sources.rows(&layer.get("data"))? {
                Some(rows) => rows,
                None => rows.to_vec(),
            };
            let rows = transform::apply(&layer.get("transform"), rows, sources)?;
            if layer.get("layer").is_present() {
                // A nested layer: its views over this layer's rows, under the merged encoding.
                let mut inner = layer.value.cloned().unwrap_or(Value::Null);
                inner["encoding"] = encodings[i].clone();
                for key in ["data", "transform"] {
                    if let Some(o) = inner.as_object_mut() {
                        o.remove(key);
                    }
                }
                parts.extend(layer_views(
                    &Node::root(&inner, layer.path()),
                    &rows,
                    sources,
                    notes,
                )?);
                continue;
            }
            let enc_path = layer.get("encoding").path().to_owned();
            let mut p = single(&layer, &Node::root(&encodings[i], &enc_path), &rows, notes)?;
            if let Some(l) = &labels[i] {
                for s in &mut p.series {
                    s["data_labels"] = l["labels"].clone();
                }
                let from = layer_at(l["from"].as_u64().unwrap_or(0) as usize);
                if from.get("encoding").get("color").is_present()
                    || from.get("mark").get("color").is_present()
                {
                    notes.warn(
                        from.get("encoding").get("color").path(),
                        "the labels' colour is chosen per cell or bar for contrast, not taken from the text layer",
                    );
                }
            }
            parts.push(p);
        }
    } else {
        parts.push(single(node, &node.get("encoding"), rows, notes)?);
    }
    // Vega-Lite draws bars of two layers over each other; chartfn would set them side by side.
    let bar_layers = parts
        .iter()
        .filter(|p| p.series.iter().any(|s| s["type"] == "bar"))
        .count();
    if bar_layers > 1 {
        return Err(Error::unsupported(
            node.get("layer").path(),
            "bars of two layers at the same positions are drawn over each other in Vega-Lite; overlaid bars are not drawn (one layer's bars, stacked or grouped by color, are)",
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
            node.get("layer").path(),
            "horizontal bars or boxes layered with other marks are not drawn",
        ));
    }
    Ok(parts)
}

/// A layer's encoding: the parent's channels, those the layer also gives merged with the
/// layer's properties winning (the parent's `type` or `axis` stays with the layer's `field`),
/// as Vega-Lite merges them.
fn merged_encoding(base: &Map<String, Value>, layer: &Node) -> Value {
    let mut enc = base.clone();
    for (k, v) in layer.get("encoding").object().into_iter().flatten() {
        match (enc.get_mut(k), v) {
            (Some(Value::Object(base)), Value::Object(own)) => {
                base.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            _ => {
                enc.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(enc)
}

/// Whether `rule` (y to y2) and `bar` (y to y2) over the same x field, with no data or
/// transform of their own, are a candlestick chart's wicks and bodies.
fn is_candle_pair(rule: &Node, rule_enc: &Value, bar: &Node, bar_enc: &Value) -> bool {
    let own = |n: &Node| n.get("data").is_present() || n.get("transform").is_present();
    let field = |enc: &Value, ch: &str| {
        enc.pointer(&format!("/{ch}/field"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    mark_name(rule) == Some("rule")
        && mark_name(bar) == Some("bar")
        && !own(rule)
        && !own(bar)
        && field(rule_enc, "x").is_some()
        && field(rule_enc, "x") == field(bar_enc, "x")
        && ["y", "y2"]
            .iter()
            .all(|ch| field(rule_enc, ch).is_some() && field(bar_enc, ch).is_some())
}

/// The name of a view's mark (`"bar"`, or `{"type": "bar"}`).
pub(super) fn mark_name<'a>(view: &Node<'a>) -> Option<&'a str> {
    let mark = view.get("mark");
    mark.str().or(mark.get("type").str())
}

/// `Some` when `view` is a `mark` and `text` a text mark with no data or transform of its own:
/// a text layer that may write `view`'s labels.
fn text_over(view: &Node, mark: &str, text: &Node) -> Option<()> {
    let own = text.get("data").is_present() || text.get("transform").is_present();
    (mark_name(view)? == mark && mark_name(text)? == "text" && !own).then_some(())
}

/// The labels a text layer becomes: `{"from": its layer index, "labels": labels}`, with the
/// text's `format`.
fn labels_from(text: &Node, text_enc: &Value, mut labels: Value) -> Option<Value> {
    if let Some(f) = text_enc.pointer("/text/format").and_then(Value::as_str) {
        labels["format"] = json!(f);
    }
    let index = text.path().rsplit('/').next()?.parse::<usize>().ok()?;
    Some(json!({"from": index, "labels": labels}))
}

/// When the text layer (`text`, encoded `text_enc`) writes the values of the bar layer (`bar`)
/// on its bars — the same x and y fields, its text the bars' value field, no data or
/// transform of its own — the bars' `data_labels` (`{"from": text layer index, "labels": …}`).
fn bar_labels(bar: &Node, bar_enc: &Value, text: &Node, text_enc: &Value) -> Option<Value> {
    text_over(bar, "bar", text)?;
    let field = |enc: &Value, ch: &str| enc.pointer(&format!("/{ch}/field")).cloned();
    if field(bar_enc, "x")? != field(text_enc, "x")?
        || field(bar_enc, "y")? != field(text_enc, "y")?
    {
        return None;
    }
    // The value channel: the quantitative (or aggregated) one.
    let quantitative = |ch: &str| {
        bar_enc.pointer(&format!("/{ch}/type")) == Some(&json!("quantitative"))
            || bar_enc.pointer(&format!("/{ch}/aggregate")).is_some()
    };
    let value = if quantitative("x") && !quantitative("y") {
        "x"
    } else {
        "y"
    };
    let same = |key: &str| {
        bar_enc.pointer(&format!("/{value}/{key}")) == text_enc.pointer(&format!("/text/{key}"))
    };
    if !same("field") || !same("aggregate") {
        return None;
    }
    // On a normalized stack the text writes each bar's value (not its share), in its middle.
    let normalized = bar_enc.pointer(&format!("/{value}/stack")) == Some(&json!("normalize"));
    let color = text.get("mark").get("color").str().unwrap_or("");
    let inside = matches!(color, "white" | "#fff" | "#ffffff");
    let labels = if normalized {
        json!({"content": "value", "position": "center"})
    } else {
        json!({"position": if inside { "inside" } else { "outside" }})
    };
    labels_from(text, text_enc, labels)
}

/// When the text layer writes the values of a rect layer drawn as a heatmap — the same x and y
/// fields, its text the rect's colour field (and aggregate), no data or transform of its own —
/// the heatmap's `data_labels` (an annotated heatmap), as [`bar_labels`] does for bars.
fn cell_labels(rect: &Node, rect_enc: &Value, text: &Node, text_enc: &Value) -> Option<Value> {
    text_over(rect, "rect", text)?;
    let at = |enc: &Value, p: &str| enc.pointer(p).cloned();
    for ch in ["x", "y"] {
        let f = format!("/{ch}/field");
        if at(rect_enc, &f)? != at(text_enc, &f)? {
            return None;
        }
    }
    if at(rect_enc, "/color/field") != at(text_enc, "/text/field")
        || at(rect_enc, "/color/aggregate") != at(text_enc, "/text/aggregate")
        || (at(rect_enc, "/color/field").is_none() && at(rect_enc, "/color/aggregate").is_none())
    {
        return None;
    }
    labels_from(text, text_enc, json!({}))
}

/// When the text layer writes each slice's category (the colour field) or value (the theta
/// field) on an arc layer's pie — the same theta, no data or transform of its own — the pie's
/// `data_labels`: outside when the text's `radius` lies beyond the arc's `outerRadius`.
fn slice_labels(arc: &Node, arc_enc: &Value, text: &Node, text_enc: &Value) -> Option<Value> {
    text_over(arc, "arc", text)?;
    let at = |enc: &Value, p: &str| enc.pointer(p).cloned();
    if at(arc_enc, "/theta/field")? != at(text_enc, "/theta/field")? {
        return None;
    }
    let written = at(text_enc, "/text/field")?;
    let content = if Some(&written) == at(arc_enc, "/color/field").as_ref() {
        "label"
    } else if Some(&written) == at(arc_enc, "/theta/field").as_ref() {
        "value"
    } else {
        return None;
    };
    let outer = arc.get("mark").get("outerRadius").f64();
    let radius = text.get("mark").get("radius").f64();
    // Past the outer radius, or (on a polar area chart) offset outwards from each slice's own.
    let offset = text.get("mark").get("radiusOffset").f64().unwrap_or(0.0);
    let outside = matches!((radius, outer), (Some(r), Some(o)) if r > o) || offset > 0.0;
    let labels =
        json!({"content": content, "position": if outside { "outside" } else { "inside" }});
    labels_from(text, text_enc, labels)
}

/// One view: its mark and encoding over `rows`.
fn single(view_node: &Node, enc: &Node, rows: &[Row], notes: &mut Notes) -> Result<view::Parts> {
    let mark = view_node.get("mark");
    let name = mark
        .str()
        .or(mark.get("type").str())
        .ok_or_else(|| Error::unsupported(mark.path(), "a view needs a mark (or a layer)"))?;
    let encoding = view::Encoding::read(enc, notes)?;
    marks::translate(name, (view_node, &mark), &encoding, rows, notes)
}
