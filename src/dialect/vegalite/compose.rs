//! Views into panels: a single view or layer is one panel; facets (`facet` + `spec`, the
//! `row`, `column` and `facet` channels) one per value, sorted and sharing their colours;
//! `repeat` one per field; `concat`, `hconcat` and `vconcat` one per view.

use super::super::node::{text_of, Node};
use super::super::Notes;
use super::data::{Row, Sources};
use super::first_seen::distinct;
use super::layer::{mark_name, views};
use super::{channel, data, order, transform, view, Panel, MAX_PANELS};
use crate::error::{Error, Result};
use serde_json::{json, Value};

/// The panels of a view, a facet or a concatenation, with the grid's column count.
/// A composition's panels, its columns (`None`: one panel), and whether the panels share their
/// x and y scales (a facet's do; a concatenation's and a repeat's are independent).
pub(super) struct Composed {
    pub panels: Vec<Panel>,
    pub cols: Option<usize>,
    pub share: (bool, bool),
    /// One legend for all the panels (a facet's colours are the same in every panel).
    pub one_legend: bool,
}

impl Composed {
    fn apart(panels: Vec<Panel>, cols: Option<usize>) -> Composed {
        Composed {
            panels,
            cols,
            share: (false, false),
            one_legend: false,
        }
    }
}

pub(super) fn compose(
    node: &Node,
    rows: Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Composed> {
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
            panels.extend(concatenated(&item, &rows, (key, vertical), sources, notes)?);
        }
        let cols = if vertical {
            1
        } else {
            node.get("columns")
                .f64()
                .map_or(panels.len(), |c| c as usize)
        };
        return Ok(Composed::apart(panels, Some(cols.max(1))));
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
        let mut parts = views(node, &rows, sources, notes)?;
        independent_y(node, &mut parts, notes);
        return Ok(Composed::apart(
            Vec::from([Panel { title: None, parts }]),
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
    // A facet by a time unit (`row: {field: "date", timeUnit: "year"}`): a panel per year.
    let field_node = [facet.clone(), facet.get("column"), facet.get("row")]
        .into_iter()
        .find(|n| n.get("field").is_present())
        .unwrap_or_else(|| facet.clone());
    let unit = super::time::Unit::read(&field_node.get("timeUnit"))?;
    let facet_value = |r: &Row| {
        let raw = r.get(&field).cloned().unwrap_or(Value::Null);
        match unit {
            Some(u) => super::time::iso(&raw).map_or(Value::Null, |d| u.bucket(&d)),
            None => raw,
        }
    };
    let mut values = distinct(rows.iter().map(facet_value));
    sort_facets(&facet, &facet_value, &rows, &mut values)?;
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
            .filter(|r| facet_value(r) == *v)
            .cloned()
            .collect();
        let name = match unit {
            Some(u) => u.label(v),
            None => text_of(v).unwrap_or_default(),
        };
        panels.push(Panel {
            title: Some(format!("{field} = {name}")),
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
    // Vega-Lite's facets share their scales unless `resolve` makes one independent.
    let resolve = node.get("resolve").get("scale");
    let shared = |axis: &str| resolve.get(axis).str() != Some("independent");
    Ok(Composed {
        panels,
        cols: Some(cols.clamp(1, MAX_PANELS)),
        share: (shared("x"), shared("y")),
        one_legend: node.get("resolve").get("legend").get("color").str() != Some("independent"),
    })
}

/// The panels of one item of an `hconcat` or `vconcat` (`key`): its own panel, or the panels of
/// a composition inside it that runs the same way (a facet by row in a `vconcat`, by column in
/// an `hconcat`), which then simply continue the line; other nestings are refused.
fn concatenated(
    item: &Node,
    rows: &Option<Vec<Row>>,
    (key, vertical): (&str, bool),
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Vec<Panel>> {
    let inner = composed(item, rows, sources, notes)?;
    let n = inner.panels.len();
    let in_line = if vertical {
        inner.cols == Some(1)
    } else {
        inner.cols == Some(n)
    };
    if n == 1 {
        return Ok(vec![titled(item, inner.panels)]);
    }
    if key == "concat" || !in_line {
        return Err(Error::unsupported(
            item.path(),
            "nested compositions are translated when they run the way the concatenation does (a row facet in a vconcat, a column facet in an hconcat)",
        ));
    }
    if item.get("title").is_present() {
        notes.warn(
            item.get("title").path(),
            "a title over a group of panels is not drawn",
        );
    }
    if inner.share != (false, false) {
        notes.warn(
            item.path(),
            "a facet inside a concatenation keeps a scale per panel",
        );
    }
    Ok(inner.panels)
}

/// The panels of the view or composition at `item`, over its own data or else the parent's
/// `rows`, through its own transforms.
fn composed(
    item: &Node,
    rows: &Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Composed> {
    let own = sources.rows(&item.get("data"))?;
    let rows = match own.or_else(|| rows.clone()) {
        Some(r) => Some(transform::apply(&item.get("transform"), r, sources)?),
        None => None,
    };
    compose(item, rows, sources, notes)
}

/// The one panel of `panels`, titled by `item`'s title unless it has its own.
fn titled(item: &Node, panels: Vec<Panel>) -> Panel {
    let mut p = panels.into_iter().next().expect("one panel");
    p.title = p
        .title
        .or(item.get("title").text())
        .or(item.get("title").get("text").text());
    p
}

/// One panel of a repeat: the view at `item` (a composition inside is refused).
fn one_panel(
    item: &Node,
    rows: &Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Panel> {
    let inner = composed(item, rows, sources, notes)?.panels;
    if inner.len() != 1 {
        return Err(Error::unsupported(
            item.path(),
            "nested compositions are not translated",
        ));
    }
    Ok(titled(item, inner))
}

/// `repeat`: the `spec` once per field of the list (or per row × column field), each
/// `{"repeat": "repeat" | "row" | "column"}` in it replaced by that field; a panel each, in a
/// grid `columns` wide (a list), or as wide as the column fields.
fn repeat(
    node: &Node,
    rows: &Option<Vec<Row>>,
    sources: &Sources,
    notes: &mut Notes,
) -> Result<Composed> {
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
    Ok(Composed::apart(panels, Some(cols.clamp(1, MAX_PANELS))))
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
fn sort_facets(
    facet: &Node,
    facet_value: &dyn Fn(&Row) -> Value,
    rows: &[Row],
    values: &mut [Value],
) -> Result<()> {
    let sort = facet.get("sort");
    values.sort_by(view::compare);
    match sort.value {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "ascending" => {}
        Some(Value::String(s)) if s == "descending" => values.reverse(),
        Some(Value::Array(list)) => {
            let rank = |v: &Value| {
                let t = text_of(v);
                list.iter()
                    .position(|l| text_of(l) == t)
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
            let keys = order::category_keys(facet_value, rows, op, &|r| {
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

/// A layer whose y scales are independent (`resolve: {scale: {y: "independent"}}`, Vega-Lite's
/// dual-axis chart): with two layers that draw series, the second is drawn against chartfn's
/// second value axis, on the right, its options there. Otherwise the scales are shared, with a
/// warning.
fn independent_y(node: &Node, parts: &mut [view::Parts], notes: &mut Notes) {
    let Some(resolve) = independent_y_scale(node) else {
        return;
    };
    let drawn: Vec<usize> = (0..parts.len())
        .filter(|&i| !parts[i].series.is_empty())
        .collect();
    let cartesian = |p: &view::Parts| {
        p.series.iter().all(|s| {
            matches!(
                s["type"].as_str(),
                Some("line" | "area" | "bar" | "scatter" | "band")
            ) && s.get("horizontal") != Some(&json!(true))
        })
    };
    match drawn[..] {
        [_, second] if parts.iter().all(cartesian) => {
            let p = &mut parts[second];
            for s in &mut p.series {
                s["axis"] = json!("y2");
            }
            p.y2 = Some(std::mem::take(&mut p.y));
        }
        _ => notes.warn(
            resolve.path(),
            "independent y scales are drawn for a layer of two views (the second on a right-hand axis); these share one",
        ),
    }
}

/// `node`'s `resolve.scale.y`, when it is `"independent"`.
fn independent_y_scale<'a>(node: &Node<'a>) -> Option<Node<'a>> {
    let y = node.get("resolve").get("scale").get("y");
    (y.str() == Some("independent")).then_some(y)
}

/// Whether `node` is a layer whose `resolve` asks for nothing but independent y scales: what
/// [`independent_y`] draws (or warns of itself), so not a `resolve` to call unhonoured.
pub(super) fn resolve_is_dual_axis(node: &Node) -> bool {
    let resolve = node.get("resolve");
    let only = |n: &Node| n.object().is_some_and(|m| m.len() == 1);
    node.get("layer").is_present()
        && only(&resolve)
        && only(&resolve.get("scale"))
        && independent_y_scale(node).is_some()
}
