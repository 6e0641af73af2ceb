//! Overlaid bars (`overlay: true`): drawn over each other in one place, the full width of it,
//! rather than side by side; Vega-Lite's `stack: null` bars become them.

mod common;

use chartfn::{render_bytes, Budget, Options};
use serde_json::{json, Value};

/// The columns of `spec`'s PNG holding a pixel of `rgb` (within a few levels).
fn columns_of(spec: &Value, rgb: [u8; 3]) -> Vec<u32> {
    let ((w, _), rgba) = common::rendered_pixels(spec);
    let mut cols: Vec<u32> = rgba
        .chunks_exact(4)
        .enumerate()
        .filter(|(_, p)| (0..3).all(|c| p[c].abs_diff(rgb[c]) < 4))
        .map(|(i, _)| i as u32 % w)
        .collect();
    cols.sort_unstable();
    cols.dedup();
    cols
}

#[test]
fn overlaid_bars_share_their_place() {
    let bars = |overlay: bool| {
        json!({"series": [
            {"type": "bar", "x": ["a"], "y": [2], "color": "#ff0000", "overlay": overlay},
            {"type": "bar", "x": ["a"], "y": [1], "color": "#0000ff", "overlay": overlay}]})
    };
    let (red, blue) = (
        columns_of(&bars(true), [255, 0, 0]),
        columns_of(&bars(true), [0, 0, 255]),
    );
    // The taller red bar shows above the blue one, across the same columns.
    assert!(
        !blue.is_empty() && blue.len() + 2 >= red.len(),
        "{red:?} {blue:?}"
    );
    assert!(blue.iter().all(|c| red.contains(c)), "{red:?} {blue:?}");
    // Side by side, they share no column.
    let (red, blue) = (
        columns_of(&bars(false), [255, 0, 0]),
        columns_of(&bars(false), [0, 0, 255]),
    );
    assert!(blue.iter().all(|c| !red.contains(c)), "{red:?} {blue:?}");
    // Overlaid bars are not stacked.
    let mut both = bars(true);
    both["series"][0]["stack"] = json!("s");
    let e = render_bytes(
        both.to_string().as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
    .unwrap_err();
    assert_eq!(e.path.as_deref(), Some("/series/0/overlay"));
}

#[test]
fn vega_lite_unstacked_bars_are_overlaid() {
    let spec = json!({"data": {"values": [{"c": "a", "k": "p", "v": 1}, {"c": "a", "k": "q", "v": 2}]},
        "mark": "bar",
        "encoding": {"x": {"field": "c", "type": "nominal"},
                     "y": {"field": "v", "type": "quantitative", "stack": null},
                     "color": {"field": "k", "type": "nominal"}}});
    let out = common::converted(&spec).unwrap();
    for s in out["series"].as_array().unwrap() {
        assert_eq!(s["overlay"], true, "{s}");
        assert!(s.get("stack").is_none(), "{s}");
    }
    // In the domain's order, the legend as it is.
    assert_eq!(out["series"][0]["name"], "p");
    assert!(out["legend"].get("reverse").is_none());
}
