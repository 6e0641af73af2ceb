//! Vega-Lite specs (versions 4 to 6, as Altair writes them) into chartfn specs.
//!
//! A single view (`mark` + `encoding`) or a `layer` of views over inline data becomes one
//! chartfn panel: `view` turns each mark into series (or annotations), `channel` reads
//! fields, types, aggregates, bins and time units, `data` the rows, `transform` filters and
//! computes them (expressions in the safe subset of `expr`; windows in `window`), `time` dates; `shapes` and
//! `ranges` build the marks that are not series of points. Facets (`facet`,
//! the `row` and `column` channels), concatenations and repeats become chartfn `panels`. Some
//! transforms and the channels chartfn does not draw are refused as `unsupported` at their JSON
//! Pointer, so a chart is never drawn wrong in silence.

mod arc;
mod axis;
mod category_y;
mod channel;
mod data;
mod expr;
mod filter;
mod first_seen;
pub(super) mod lean;
mod order;
mod ranges;
mod series;
mod shapes;
mod stack;
mod time;
mod transform;
mod view;
mod window;

use super::data_url::DataAccess;
use super::node::Node;
use super::Notes;
use crate::budget::Budget;
use crate::error::{Error, Result};
use data::{Row, Sources};
use serde_json::{json, Map, Value};

/// At most this many panels (chartfn's limit).
const MAX_PANELS: usize = 36;

/// One panel's worth of views, and its title.
struct Panel {
    title: Option<String>,
    parts: Vec<view::Parts>,
}

/// The chartfn spec for a Vega-Lite `spec`.
pub fn translate(
    mut spec: Value,
    access: &DataAccess,
    budget: &Budget,
    notes: &mut Notes,
) -> Result<Value> {
    // The top-level rows are moved out of the parsed spec, not copied: for a chart that carries
    // its data (Altair writes it into `datasets`), copying every row cost as much as parsing it.
    let own = data::take_root_rows(&mut spec);
    let root = Node::root(&spec, "");
    for key in ["params", "selection"] {
        if root.get(key).is_present() {
            notes.warn(
                root.get(key).path(),
                "interactive parameters are ignored: a static image has none",
            );
        }
    }
    for key in ["config", "autosize", "padding", "resolve"] {
        if root.get(key).is_present() {
            notes.warn(
                root.get(key).path(),
                "not honoured (chartfn lays out and styles the chart itself)",
            );
        }
    }
    let sources = Sources {
        datasets: root.get("datasets"),
        access,
        budget,
        read: Default::default(),
    };
    let rows = match own {
        Some(list) => Some(data::inline_rows(list, &root.get("data").get("format"))?),
        None => sources.rows(&root.get("data"))?,
    };
    let rows = match rows {
        Some(rows) => Some(transform::apply(&root.get("transform"), rows, &sources)?),
        None => None,
    };
    let (panels, cols) = compose(&root, rows, &sources, notes)?;
    Ok(assemble(&root, panels, cols))
}

/// The panels of a view, a facet or a concatenation, with the grid's column count.
fn compose(
    node: &Node,
    rows: Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<(Vec<Panel>, Option<usize>)> {
    for (key, vertical) in [("hconcat", false), ("vconcat", true), ("concat", false)] {
        let Some(list) = node.get(key).array() else {
            continue;
        };
        let mut panels = Vec::new();
        for i in 0..list.len() {
            let item = node.get(key).at(i);
            let text = mark_name(&item) == Some("text");
            if list.len() > 1 && text && !item.get("encoding").get("x").is_present() {
                // Vega-Lite gives such a column its own narrow width; chartfn's panels share
                // the image equally, which would set the column as wide as a chart.
                return Err(Error::unsupported(
                    item.get("encoding").path(),
                    "a column of text beside other views is not laid out (give it an x, or draw it alone)",
                ));
            }
            panels.push(one_panel(&item, &rows, sources, notes)?);
        }
        let cols = if vertical {
            1
        } else {
            node.get("columns")
                .f64()
                .map_or(panels.len(), |c| c as usize)
        };
        return Ok((panels, Some(cols.max(1))));
    }
    if node.get("repeat").is_present() {
        return repeat(node, &rows, sources, notes);
    }
    let rows = match rows {
        Some(rows) => rows,
        // Layers may each bring their own data.
        None if node.get("layer").is_present() => Vec::new(),
        None => {
            return Err(Error::spec(
                node.get("data").path(),
                "a Vega-Lite view needs data",
            ))
        }
    };
    // A facet: `facet` + `spec`, or a view's row/column/facet channel.
    let (facet, body, enc_owner) =
        if node.get("facet").is_present() && node.get("spec").is_present() {
            (Some(node.get("facet")), node.get("spec"), node.get("spec"))
        } else {
            let enc = node.get("encoding");
            let channel = ["facet", "column", "row"]
                .into_iter()
                .map(|k| enc.get(k))
                .find(Node::is_present);
            (channel, node.clone(), node.clone())
        };
    let Some(facet) = facet else {
        return Ok((
            vec![Panel {
                title: None,
                parts: views(node, &rows, sources, notes)?,
            }],
            None,
        ));
    };
    let field = facet
        .get("field")
        .str()
        .or(facet.get("column").get("field").str())
        .or(facet.get("row").get("field").str())
        .ok_or_else(|| {
            Error::unsupported(
                facet.path(),
                "a facet is drawn by one field (row or column)",
            )
        })?
        .to_owned();
    let by_row = facet.path().ends_with("/row") || facet.get("row").is_present();
    let mut values = distinct(
        rows.iter()
            .map(|r| r.get(&field).cloned().unwrap_or(Value::Null)),
    );
    sort_facets(&facet, &field, &rows, &mut values)?;
    if values.len() > MAX_PANELS {
        return Err(Error::unsupported(
            facet.path(),
            format!(
                "{} facets are more than the {MAX_PANELS} panels chartfn draws",
                values.len()
            ),
        ));
    }
    // The body's encoding without the facet channels.
    let mut body_value = body.value.cloned().unwrap_or(Value::Null);
    if let Some(enc) = body_value
        .get_mut("encoding")
        .and_then(Value::as_object_mut)
    {
        for k in ["facet", "column", "row"] {
            enc.remove(k);
        }
    }
    share_color_domain(&mut body_value, &rows);
    share_sorted_order(&mut body_value, enc_owner.path(), &rows, sources)?;
    let body_node = Node::root(&body_value, enc_owner.path());
    let mut panels = Vec::with_capacity(values.len());
    for v in &values {
        let subset: Vec<Row> = rows
            .iter()
            .filter(|r| r.get(&field).unwrap_or(&Value::Null) == v)
            .cloned()
            .collect();
        panels.push(Panel {
            title: Some(format!(
                "{field} = {}",
                super::node::text_of(v).unwrap_or_default()
            )),
            parts: views(&body_node, &subset, sources, notes)?,
        });
    }
    let cols = if by_row {
        1
    } else {
        node.get("columns")
            .f64()
            .or(facet.get("columns").f64())
            .map_or(values.len(), |c| c as usize)
    };
    Ok((panels, Some(cols.clamp(1, MAX_PANELS))))
}

/// One panel of a concatenation or repeat: the view at `item` over its own data, or else the
/// parent's `rows`, through its own transforms.
fn one_panel(
    item: &Node,
    rows: &Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Panel> {
    let own = sources.rows(&item.get("data"))?;
    let rows = match own.or_else(|| rows.clone()) {
        Some(r) => Some(transform::apply(&item.get("transform"), r, sources)?),
        None => None,
    };
    let (inner, _) = compose(item, rows, sources, notes)?;
    if inner.len() != 1 {
        return Err(Error::unsupported(
            item.path(),
            "nested compositions are not translated",
        ));
    }
    let mut p = inner.into_iter().next().expect("one panel");
    p.title = p
        .title
        .or(item.get("title").text())
        .or(item.get("title").get("text").text());
    Ok(p)
}

/// `repeat`: the `spec` once per field of the list (or per row × column field), each
/// `{"repeat": "repeat" | "row" | "column"}` in it replaced by that field; a panel each, in a
/// grid `columns` wide (a list), or as wide as the column fields.
fn repeat(
    node: &Node,
    rows: &Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<(Vec<Panel>, Option<usize>)> {
    let r = node.get("repeat");
    let fields = |n: &Node| -> Result<Vec<Value>> {
        match n.array() {
            Some(list) if list.iter().all(Value::is_string) => Ok(list.to_vec()),
            _ => Err(Error::unsupported(
                n.path(),
                "repeat takes a list of field names (or row and column lists)",
            )),
        }
    };
    let (combos, cols): (Vec<Vec<(&str, Value)>>, usize) = if r.array().is_some() {
        let list = fields(&r)?;
        let cols = node.get("columns").f64().map_or(list.len(), |c| c as usize);
        (
            list.into_iter().map(|f| vec![("repeat", f)]).collect(),
            cols,
        )
    } else if r.get("layer").is_present() {
        return Err(Error::unsupported(
            r.get("layer").path(),
            "a repeated layer is not translated (write the layers out)",
        ));
    } else {
        let row = match r.get("row").is_present() {
            true => fields(&r.get("row"))?,
            false => vec![Value::Null],
        };
        let column = match r.get("column").is_present() {
            true => fields(&r.get("column"))?,
            false => vec![Value::Null],
        };
        let mut combos = Vec::new();
        for rv in &row {
            for cv in &column {
                combos.push(vec![("row", rv.clone()), ("column", cv.clone())]);
            }
        }
        (combos, column.len())
    };
    if combos.len() > MAX_PANELS {
        return Err(Error::unsupported(
            r.path(),
            format!(
                "{} repeated views are more than the {MAX_PANELS} panels chartfn draws",
                combos.len()
            ),
        ));
    }
    let spec = node.get("spec");
    let mut panels = Vec::with_capacity(combos.len());
    for combo in &combos {
        let mut value = spec.value.cloned().unwrap_or(Value::Null);
        substitute_repeat(&mut value, combo);
        panels.push(one_panel(
            &Node::root(&value, spec.path()),
            rows,
            sources,
            notes,
        )?);
    }
    Ok((panels, Some(cols.clamp(1, MAX_PANELS))))
}

/// Replaces every `{"repeat": name}` in `v` by the field `combo` gives `name`.
fn substitute_repeat(v: &mut Value, combo: &[(&str, Value)]) {
    match v {
        Value::Object(o) => {
            if o.len() == 1 {
                if let Some(name) = o.get("repeat").and_then(Value::as_str) {
                    if let Some((_, field)) = combo.iter().find(|(n, _)| *n == name) {
                        *v = field.clone();
                        return;
                    }
                }
            }
            o.values_mut().for_each(|c| substitute_repeat(c, combo));
        }
        Value::Array(a) => a.iter_mut().for_each(|c| substitute_repeat(c, combo)),
        _ => {}
    }
}

/// Orders the facet values as the facet's `sort` says: ascending (the default), descending,
/// a list, or by a field's aggregate over each facet's rows.
fn sort_facets(facet: &Node, field: &str, rows: &[Row], values: &mut [Value]) -> Result<()> {
    let sort = facet.get("sort");
    values.sort_by(view::compare);
    match sort.value {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "ascending" => {}
        Some(Value::String(s)) if s == "descending" => values.reverse(),
        Some(Value::Array(list)) => {
            let rank = |v: &Value| {
                let t = super::node::text_of(v);
                list.iter()
                    .position(|l| super::node::text_of(l) == t)
                    .unwrap_or(usize::MAX)
            };
            values.sort_by_cached_key(rank);
        }
        Some(Value::Object(o)) => {
            let op = match o.get("op") {
                Some(_) => channel::Op::parse_name(&sort.get("op"))?,
                None => channel::Op::Sum,
            };
            let by = o.get("field").and_then(Value::as_str);
            let category = |r: &Row| r.get(field).cloned().unwrap_or(Value::Null);
            let keys = order::category_keys(&category, rows, op, &|r| {
                data::field_number(r, by)
            });
            let key = |v: &Value| keys.get(&v.to_string()).copied().unwrap_or(f64::NAN);
            let desc = o.get("order").and_then(Value::as_str) == Some("descending");
            values.sort_by(|a, b| {
                let order = key(a).total_cmp(&key(b));
                if desc {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        Some(_) => {
            return Err(Error::unsupported(
                sort.path(),
                "this facet sort is not computed (ascending, descending, a list or a field's aggregate are)",
            ))
        }
    }
    Ok(())
}

/// Gives a faceted view's color field its domain over all the rows (unless the spec gives one),
/// so that a value has the same colour in every panel, as in Vega-Lite.
fn share_color_domain(body: &mut Value, rows: &[Row]) {
    let Some(color) = body.get_mut("encoding").and_then(|e| e.get_mut("color")) else {
        return;
    };
    let Some(field) = color
        .get("field")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return;
    };
    if color.get("type").and_then(Value::as_str) == Some("quantitative")
        || color.pointer("/scale/domain").is_some()
    {
        return;
    }
    let mut values = distinct(
        rows.iter()
            .filter_map(|r| r.get(&field).filter(|v| !v.is_null()).cloned()),
    );
    values.sort_by(view::compare);
    if let Some(c) = color.as_object_mut() {
        let scale = c.entry("scale").or_insert_with(|| json!({}));
        if let Some(sc) = scale.as_object_mut() {
            sc.insert("domain".into(), Value::Array(values));
        }
    }
}

/// Gives a faceted view's category axis sorted by value (`"sort": "-x"`, by a field or an
/// aggregate) the order that sort makes over all the rows, as Vega-Lite's shared scale does:
/// each panel then lists its categories in the same order, not in its own.
fn share_sorted_order(body: &mut Value, path: &str, rows: &[Row], sources: &Sources) -> Result<()> {
    let by_value = |ch: &str| {
        body.pointer(&format!("/encoding/{ch}/sort"))
            .is_some_and(|s| match s {
                Value::String(s) => !matches!(s.as_str(), "ascending" | "descending"),
                Value::Object(_) => true,
                _ => false,
            })
    };
    let Some(channel) = ["x", "y"].into_iter().find(|ch| by_value(ch)) else {
        return Ok(());
    };
    // The whole data, translated once: its categories come out in the sorted order.
    let whole = views(
        &Node::root(body, path),
        rows,
        sources,
        &mut Notes::default(),
    )?;
    let order = distinct(
        whole
            .iter()
            .flat_map(|p| &p.series)
            .filter_map(|s| s.get("x").and_then(Value::as_array))
            .flatten()
            .filter(|v| v.is_string())
            .cloned(),
    );
    if let Some(sort) = body.pointer_mut(&format!("/encoding/{channel}/sort")) {
        *sort = Value::Array(order);
    }
    Ok(())
}

/// The distinct values, in first-seen order (a set beside the list keeps this linear).
pub(super) fn distinct(values: impl Iterator<Item = Value>) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    values.filter(|v| seen.insert(v.to_string())).collect()
}

/// A single view or a layer over `rows`, as chartfn parts: at least one that draws series
/// (rules and labels are drawn over other marks).
fn views(
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
fn mark_name<'a>(view: &Node<'a>) -> Option<&'a str> {
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
    view::translate(name, &mark, &encoding, rows, notes)
}

/// A panel's views as chartfn fields: axes, legend, series and annotations.
fn panel_fields(parts: Vec<view::Parts>) -> (Map<String, Value>, Option<&'static str>) {
    let mut out = Map::new();
    let (mut x, mut y) = (Map::new(), Map::new());
    let (mut series, mut annotations, mut legend) = (Vec::new(), Vec::new(), None);
    let (mut pie, mut heatmap) = (false, false);
    for p in parts {
        // The first layer's options win, but a scale kept off zero in any layer stays off (a
        // layer that says nothing takes zero by default).
        for (axis, given) in [(&mut x, p.x), (&mut y, p.y)] {
            for (k, v) in given {
                if k == "zero" && v == json!(false) {
                    axis.insert(k, v);
                } else {
                    axis.entry(k).or_insert(v);
                }
            }
        }
        pie |= p.series.iter().any(|s| s["type"] == "pie");
        heatmap |= p.series.iter().any(|s| s["type"] == "heatmap");
        series.extend(p.series);
        for mut a in p.annotations {
            // A label alone (a text layer) goes on the rule drawn at the same place, if any.
            if a.get("label_only").is_some() {
                if let Some(o) = a.as_object_mut() {
                    o.remove("label_only");
                }
                let same = |b: &Value| b["type"] == "line" && b["x"] == a["x"] && b["y"] == a["y"];
                if let Some(rule) = annotations
                    .iter_mut()
                    .find(|b| same(b) && b.get("label").is_none())
                {
                    rule["label"] = a["label"].clone();
                    continue;
                }
            }
            annotations.push(a);
        }
        legend = legend.or(p.legend);
    }
    if heatmap {
        // A heatmap's axes take their titles only (their categories are the cells').
        for (key, axis) in [("x", &x), ("y", &y)] {
            if let Some(label) = axis.get("label") {
                out.insert(key.into(), json!({ "label": label }));
            }
        }
    } else if pie {
        // A polar area chart's radial scale, when its domain is given.
        if !y.is_empty() {
            out.insert("y".into(), Value::Object(y));
        }
    } else {
        if !x.is_empty() {
            out.insert("x".into(), Value::Object(x));
        }
        if !y.is_empty() {
            out.insert("y".into(), Value::Object(y));
        }
        if !annotations.is_empty() {
            out.insert("annotations".into(), Value::Array(annotations));
        }
    }
    if let Some(l) = legend {
        out.insert("legend".into(), json!({"position": l}));
    } else if series.len() > 1 {
        out.insert("legend".into(), json!({"position": "none"}));
    }
    out.insert("series".into(), Value::Array(series));
    (out, legend)
}

/// The panels as one chartfn spec: one panel's fields at the top level, several as `panels`.
/// The categories of a single view's category axis: down the image (`down`: horizontal bars'
/// positions, a category y's names) or across it (a category x's).
fn category_count(f: &Map<String, Value>, down: bool) -> Option<usize> {
    let series = f.get("series")?.as_array()?;
    let horizontal = series.iter().any(|s| s["horizontal"] == json!(true));
    let axis = if down { "y" } else { "x" };
    let listed = f
        .get(axis)
        .and_then(|a| a.get("categories"))
        .and_then(Value::as_array);
    if let Some(list) = listed {
        return Some(list.len());
    }
    let field = match (down, horizontal) {
        (true, true) => "x",
        (true, false) if f.get("y").is_some_and(|a| a["type"] == "category") => "y",
        (false, false) if f.get("x").is_some_and(|a| a["type"] == "category") => "x",
        _ => return None,
    };
    let names = series
        .iter()
        .filter_map(|s| s.get(field)?.as_array())
        .flatten()
        .map(|v| v.to_string());
    Some(names.collect::<std::collections::HashSet<_>>().len()).filter(|&n| n > 0)
}

fn assemble(root: &Node, panels: Vec<Panel>, cols: Option<usize>) -> Value {
    let mut spec = Map::new();
    let n = panels.len().max(1);
    let mut legend_right = false;
    let mut fields: Vec<(Option<String>, Map<String, Value>)> = Vec::new();
    for p in panels {
        let (f, legend) = panel_fields(p.parts);
        legend_right |= legend == Some("right");
        fields.push((p.title, f));
    }
    // Vega-Lite sizes each plot (300×200 here by default); chartfn the whole image.
    let cols = cols.unwrap_or(1).min(n).max(1);
    let rows = n.div_ceil(cols);
    // A size in `step`s (pixels per category) counts the single view's categories.
    let size = |key: &str, default: f64, down: bool| {
        let given = root.get(key);
        let given = if given.is_present() {
            given
        } else {
            root.get("spec").get(key)
        };
        match (given.f64(), given.get("step").f64(), fields.as_slice()) {
            (Some(v), _, _) => v,
            (None, Some(step), [(_, f)]) => {
                category_count(f, down).map_or(default, |n| (step * n as f64).clamp(20.0, 5000.0))
            }
            _ => default,
        }
    };
    let w = size("width", 300.0, false);
    let h = size("height", 200.0, true);
    let extra_w = if legend_right { 230.0 } else { 120.0 };
    let width = cols as f64 * (w + extra_w);
    let height = rows as f64 * (h + 110.0) + if n > 1 { 20.0 * rows as f64 } else { 0.0 };
    spec.insert(
        "width".into(),
        json!(width.round().clamp(120.0, 6000.0) as u64),
    );
    spec.insert(
        "height".into(),
        json!(height.round().clamp(100.0, 6000.0) as u64),
    );
    let title = root.get("title");
    if let Some(t) = title.text().or(title.get("text").text()) {
        spec.insert("title".into(), json!(t));
    }
    if let Some(s) = title.get("subtitle").text() {
        spec.insert("subtitle".into(), json!(s));
    }
    if let Some(b) = root.get("background").str() {
        spec.insert("background".into(), json!(b));
    }
    if let Some(d) = root.get("description").str() {
        spec.insert("description".into(), json!(d));
    }
    if fields.len() == 1 {
        let (_, f) = fields.pop().expect("one panel");
        spec.extend(f);
    } else {
        spec.insert("grid".into(), json!({"rows": rows, "cols": cols}));
        let list: Vec<Value> = fields
            .into_iter()
            .map(|(t, mut f)| {
                if let Some(t) = t {
                    f.insert("title".into(), json!(t));
                }
                Value::Object(f)
            })
            .collect();
        spec.insert("panels".into(), Value::Array(list));
    }
    Value::Object(spec)
}
