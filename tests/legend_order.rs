//! The legend's order — series order, or with `legend.reverse` last first (a stack read from
//! the top; Vega-Lite's stacked columns and Chart.js's `legend.reverse` ask for it) — and one
//! legend for all the panels (a top-level `legend` beside `panels`; Vega-Lite's facets).

mod common;

use chartfn::{render_bytes, Budget, Format, Options};
use serde_json::{json, Value};

/// `spec` drawn as SVG.
fn svg_of(spec: &Value) -> String {
    let opts = Options {
        format: Some(Format::Svg),
        ..Options::default()
    };
    let img = render_bytes(
        spec.to_string().as_bytes(),
        &opts,
        &Budget::from_millis(20_000),
    )
    .unwrap();
    String::from_utf8(img.bytes).unwrap()
}

/// Where `spec` is refused.
fn error_path(spec: &Value) -> Option<String> {
    render_bytes(
        spec.to_string().as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
    .unwrap_err()
    .path
}

/// The names `spec`'s SVG legend writes, top to bottom.
fn legend_names(spec: &Value, names: &[&str]) -> Vec<String> {
    let svg = svg_of(spec);
    let mut found: Vec<(f64, String)> = names
        .iter()
        .map(|n| {
            let end = svg
                .find(&format!(">{n}</text>"))
                .unwrap_or_else(|| panic!("{n} not in {svg}"));
            let start = svg[..end].rfind("<text").unwrap();
            let y = svg[start..end].split("y=\"").nth(1).unwrap();
            (y[..y.find('"').unwrap()].parse().unwrap(), n.to_string())
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn reverse_lists_the_last_series_first() {
    let mut spec = json!({"legend": {"position": "right"}, "series": [
        {"type": "bar", "name": "alpha", "stack": "s", "x": ["a", "b"], "y": [1, 2]},
        {"type": "bar", "name": "beta", "stack": "s", "x": ["a", "b"], "y": [2, 1]}]});
    assert_eq!(legend_names(&spec, &["alpha", "beta"]), ["alpha", "beta"]);
    spec["legend"]["reverse"] = json!(true);
    assert_eq!(legend_names(&spec, &["alpha", "beta"]), ["beta", "alpha"]);
    // A pie's slices too.
    let pie = json!({"legend": {"reverse": true}, "series": [
        {"type": "pie", "labels": ["gamma", "delta"], "values": [1, 2]}]});
    assert_eq!(legend_names(&pie, &["gamma", "delta"]), ["delta", "gamma"]);
    // Not a boolean: named by pointer.
    let bad = json!({"legend": {"reverse": "yes"}, "series": [{"type": "line", "y": [1, 2]}]});
    assert_eq!(error_path(&bad).as_deref(), Some("/legend/reverse"));
}

#[test]
fn vega_lite_stacked_columns_list_colours_in_domain_order() {
    let view = |encoding: Value| {
        json!({"data": {"values": [{"c": "a", "k": "p", "v": 1}, {"c": "a", "k": "q", "v": 2}]},
            "mark": "bar", "encoding": encoding})
    };
    let xy = json!({"x": {"field": "c", "type": "nominal"},
                    "y": {"field": "v", "type": "quantitative"},
                    "color": {"field": "k", "type": "nominal"}});
    // Stacked: the series bottom first (q, p), the legend in the domain's order (p, q).
    let stacked = common::converted(&view(xy.clone())).unwrap();
    assert_eq!(stacked["series"][0]["name"], "q");
    assert_eq!(stacked["legend"]["reverse"], true);
    assert_eq!(legend_names(&stacked, &["p", "q"]), ["p", "q"], "{stacked}");
    // Grouped bars are in the domain's order already.
    let mut grouped = xy.clone();
    grouped["xOffset"] = json!({"field": "k", "type": "nominal"});
    let grouped = common::converted(&view(grouped)).unwrap();
    assert!(grouped["legend"].get("reverse").is_none(), "{grouped}");
    // Horizontal stacks run first colour first, left to right.
    let mut across = xy;
    across["x"] = json!({"field": "v", "type": "quantitative"});
    across["y"] = json!({"field": "c", "type": "nominal"});
    let across = common::converted(&view(across)).unwrap();
    assert!(across["legend"].get("reverse").is_none(), "{across}");
}

#[test]
fn chartjs_legend_reverse_is_kept() {
    let config = json!({"type": "bar", "data": {"labels": ["a"], "datasets": [
            {"label": "one", "data": [1]}, {"label": "two", "data": [2]}]},
        "options": {"plugins": {"legend": {"reverse": true}}}});
    let out = common::converted(&config).unwrap();
    assert_eq!(out["legend"]["reverse"], true);
    assert_eq!(legend_names(&out, &["one", "two"]), ["two", "one"]);
}

/// How many times `text` is written in `spec`'s SVG.
fn times_written(spec: &Value, text: &str) -> usize {
    svg_of(spec).matches(&format!(">{text}</text>")).count()
}

#[test]
fn a_top_level_legend_is_one_for_all_the_panels() {
    let panel = json!({"series": [
        {"type": "line", "name": "alpha", "y": [1, 2]},
        {"type": "line", "name": "beta", "y": [2, 1]}]});
    let mut spec = json!({"panels": [panel, panel, panel]});
    // Each panel its own legend by default.
    assert_eq!(times_written(&spec, "alpha"), 3);
    spec["legend"] = json!({"position": "right"});
    assert_eq!(times_written(&spec, "alpha"), 1);
    assert_eq!(legend_names(&spec, &["alpha", "beta"]), ["alpha", "beta"]);
    spec["legend"]["reverse"] = json!(true);
    assert_eq!(legend_names(&spec, &["alpha", "beta"]), ["beta", "alpha"]);
    // A panel that asks for its own keeps it; "none" draws none anywhere else.
    spec["legend"] = json!({"position": "none"});
    spec["panels"][1]["legend"] = json!({"position": "top-left"});
    assert_eq!(times_written(&spec, "alpha"), 1);
    // A corner belongs to a panel's plot, not to the grid.
    spec["legend"] = json!({"position": "top-left"});
    assert_eq!(error_path(&spec).as_deref(), Some("/legend/position"));
}

#[test]
fn vega_lite_facets_have_one_legend() {
    let rows: Vec<Value> = (0..6)
        .map(|i| {
            let k = ["p", "q", "r"][i % 3];
            json!({"f": i % 2, "k": k, "x": i, "y": i})
        })
        .collect();
    let facet = json!({"data": {"values": rows}, "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"},
                     "color": {"field": "k", "type": "nominal"},
                     "column": {"field": "f"}}});
    let out = common::converted(&facet).unwrap();
    assert_eq!(out["legend"]["position"], "right");
    assert!(out["panels"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p.get("legend").is_none()));
    assert_eq!(times_written(&out, "q"), 1);
}
