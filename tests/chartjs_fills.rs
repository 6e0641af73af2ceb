//! Chart.js fills between datasets (the filler plugin's `'-1'`, `'+1'`, an index, `{value}`)
//! become bands under the lines, following hidden targets as `propagate` says; what a band
//! cannot draw is refused at the fill's path.

mod common;

use chartfn::{render_bytes, Budget, ErrorCode, Options};
use serde_json::{json, Value};

/// A line chart of `datasets` with the filler plugin's `propagate`, in Chart.js 4 (said by
/// `indexAxis`, which version 2 did not have: it fills lines unless told not to).
fn lines(datasets: Value, propagate: bool) -> Value {
    json!({"type": "line",
        "data": {"labels": ["a", "b", "c"], "datasets": datasets},
        "options": {"indexAxis": "x", "plugins": {"filler": {"propagate": propagate}}}})
}

fn types(spec: &Value) -> Vec<&str> {
    spec["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect()
}

#[test]
fn a_fill_to_the_previous_dataset_is_a_band_under_the_lines() {
    let config = lines(
        json!([
            {"label": "low", "data": [1, 2, 3], "borderColor": "#0000ff"},
            {"label": "high", "data": [4, 6, 5], "borderColor": "#ff0000",
             "backgroundColor": "rgba(255, 0, 0, 0.25)", "fill": "-1", "tension": 0.4},
            {"label": "goal", "data": [3, 3, 4], "fill": {"value": 2}}
        ]),
        true,
    );
    let spec = common::converted(&config).unwrap();
    assert_eq!(types(&spec), ["band", "band", "line", "line", "line"]);
    let band = &spec["series"][0];
    assert_eq!(band["lower"], json!([1.0, 2.0, 3.0]));
    assert_eq!(band["upper"], json!([4.0, 6.0, 5.0]));
    assert_eq!(band["color"], "rgba(255, 0, 0, 0.25)");
    assert_eq!(band["opacity"], json!(1.0));
    assert_eq!(
        band["smooth"],
        json!(true),
        "a curved line's fill follows the curve"
    );
    assert!(
        band.get("name").is_none(),
        "fills are not listed in the legend"
    );
    let to_value = &spec["series"][1];
    assert_eq!(to_value["lower"], json!([2.0, 2.0, 2.0]));
    // The goal line kept the palette colour it had before the bands were put first, and its
    // fill (no background colour) is that colour at half strength.
    let goal = &spec["series"][4];
    assert_eq!(goal["color"], to_value["color"]);
    assert_eq!(to_value["opacity"], json!(0.5));
    let image = render_bytes(
        config.to_string().as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
    .unwrap();
    assert!(image.bytes.starts_with(b"\x89PNG"));
}

#[test]
fn a_hidden_target_is_passed_over_only_when_fills_propagate() {
    let datasets = json!([
        {"data": [1, 1, 1]},
        {"data": [2, 2, 2], "hidden": true, "fill": "-1"},
        {"data": [3, 3, 3], "fill": 1}
    ]);
    let spec = common::converted(&lines(datasets.clone(), true)).unwrap();
    assert_eq!(types(&spec), ["band", "line", "line"]);
    assert_eq!(spec["series"][0]["lower"], json!([1.0, 1.0, 1.0]));
    let spec = common::converted(&lines(datasets, false)).unwrap();
    assert_eq!(types(&spec), ["line", "line"]);
}

#[test]
fn fills_a_band_cannot_draw_are_refused_at_their_path() {
    let two_colours = lines(
        json!([{"data": [1, 2, 3]},
               {"data": [2, 1, 4], "fill": {"target": "-1", "above": "red", "below": "blue"}}]),
        true,
    );
    let e = common::converted(&two_colours).unwrap_err();
    assert_eq!(e.code, ErrorCode::Unsupported);
    assert_eq!(e.path.as_deref(), Some("/data/datasets/1/fill/below"));
    // Scatter datasets at different x have no common edge to fill between.
    let apart = json!({"type": "scatter", "data": {"datasets": [
        {"data": [{"x": 1, "y": 1}, {"x": 2, "y": 2}], "showLine": true},
        {"data": [{"x": 5, "y": 1}, {"x": 6, "y": 2}], "showLine": true, "fill": "-1"}]}});
    let e = common::converted(&apart).unwrap_err();
    assert_eq!(e.code, ErrorCode::Unsupported);
    assert_eq!(e.path.as_deref(), Some("/data/datasets/1/fill"));
}
