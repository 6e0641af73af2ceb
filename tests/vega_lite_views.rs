//! Vega-Lite views translated whole: points over a binned x and y (a binned scatterplot: one
//! point per occupied cell at its centre, sized by its count, the axes spanning the bins), and a
//! layer with independent y scales (a dual-axis chart: the second layer on y2).

mod common;

use serde_json::json;

#[test]
fn binned_points_sit_at_their_cells_centres_sized_by_count() {
    let spec = json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": [{"a": 1, "b": 1}, {"a": 1.5, "b": 1.2}, {"a": 8, "b": 9},
                            {"a": 1.2, "b": 1.9}, {"a": 9.5, "b": 2}]},
        "mark": "circle",
        "encoding": {"x": {"field": "a", "type": "quantitative", "bin": true},
                     "y": {"field": "b", "type": "quantitative", "bin": true},
                     "size": {"aggregate": "count", "type": "quantitative"}}});
    let out = common::converted(&spec).unwrap();
    let s = &out["series"][0];
    assert_eq!(s["type"], "scatter");
    // Bins of 1: x from 1 to 10, y from 1 to 9 (the last bin holds its upper end); cells
    // (1, 1) ×3, (8, 8) ×1, (9, 2) ×1, in cell order.
    assert_eq!(s["x"], json!([1.5, 8.5, 9.5]));
    assert_eq!(s["y"], json!([1.5, 8.5, 2.5]));
    assert_eq!(
        s["sizes"],
        json!([361.0, 126.33333333333333, 126.33333333333333])
    );
    assert_eq!(
        (&out["x"]["min"], &out["x"]["max"]),
        (&json!(1.0), &json!(10.0))
    );
    // Split by a color field: refused where it is said.
    let mut coloured = spec.clone();
    coloured["encoding"]["color"] = json!({"field": "a", "type": "nominal"});
    let e = common::converted(&coloured).unwrap_err();
    assert_eq!(e.code, chartfn::ErrorCode::Unsupported);
    assert_eq!(e.path.as_deref(), Some("/encoding/color"));
}

#[test]
fn a_layer_with_independent_y_scales_draws_its_second_view_on_y2() {
    let layer = |n: usize| {
        let views: Vec<_> = (0..n)
            .map(|i| {
                json!({"mark": {"type": "line", "stroke": format!("#00000{i}")},
                            "encoding": {"y": {"field": format!("v{i}"), "type": "quantitative",
                                               "title": format!("V{i}")}}})
            })
            .collect();
        json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"m": "a", "v0": 1, "v1": 100, "v2": 5},
                                {"m": "b", "v0": 2, "v1": 300, "v2": 6}]},
            "encoding": {"x": {"field": "m", "type": "ordinal"}},
            "layer": views,
            "resolve": {"scale": {"y": "independent"}}})
    };
    let out = common::converted(&layer(2)).unwrap();
    assert_eq!(out["series"][0].get("axis"), None);
    assert_eq!(out["series"][1]["axis"], "y2");
    assert_eq!(
        out["series"][1]["color"], "#000001",
        "a line's stroke is its colour"
    );
    assert_eq!(out["y"]["label"], "V0");
    assert_eq!(out["y2"]["label"], "V1");
    // Three views share one y, and say so.
    let converted = common::convert(&layer(3)).unwrap();
    assert!(converted
        .spec
        .warnings
        .iter()
        .any(|w| w.contains("/resolve/scale/y")));
    let out = serde_json::to_value(converted.spec).unwrap();
    assert!(out.get("y2").is_none());
}
