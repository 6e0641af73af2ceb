//! Panels sharing their axes (`share_x`, `share_y`): each numeric axis spans every panel's
//! data, so bars and points compare across panels; Vega-Lite's facets share theirs.

mod common;

use chartfn::{render_bytes, Budget, Options};
use serde_json::{json, Value};

/// The coloured (bar) pixels in the left and the right half of `spec`'s PNG.
fn bar_pixels(spec: &Value) -> (usize, usize) {
    let ((w, _), rgba) = common::rendered_pixels(spec);
    let mut halves = (0, 0);
    for (i, p) in rgba.chunks_exact(4).enumerate() {
        // The first palette colour, #1f77b4.
        if p[0] < 60 && p[1] > 90 && p[1] < 150 && p[2] > 150 {
            if (i as u32 % w) < w / 2 {
                halves.0 += 1;
            } else {
                halves.1 += 1;
            }
        }
    }
    halves
}

#[test]
fn shared_y_draws_every_panel_on_one_scale() {
    let mut spec = json!({"panels": [
        {"series": [{"type": "bar", "x": ["a"], "y": [1]}]},
        {"series": [{"type": "bar", "x": ["a"], "y": [10]}]}]});
    // Apart, each bar fills its own plot: about the same area.
    let (small, big) = bar_pixels(&spec);
    assert!(small * 10 > big * 8, "{small} vs {big}");
    // Shared, the first bar is a tenth of the second.
    spec["share_y"] = json!(true);
    let (small, big) = bar_pixels(&spec);
    assert!(small * 6 < big && small * 14 > big, "{small} vs {big}");
    // A panel's own bounds still win.
    spec["panels"][0]["y"] = json!({"max": 1});
    let (small, big) = bar_pixels(&spec);
    assert!(small * 10 > big * 8, "{small} vs {big}");
}

#[test]
fn sharing_needs_panels() {
    for key in ["share_x", "share_y"] {
        let mut spec = json!({"series": [{"type": "line", "y": [1, 2]}]});
        spec[key] = json!(true);
        let e = render_bytes(
            spec.to_string().as_bytes(),
            &Options::default(),
            &Budget::from_millis(20_000),
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some(format!("/{key}").as_str()));
    }
}

#[test]
fn vega_lite_facets_share_their_scales_unless_resolved_apart() {
    let rows: Vec<Value> = (0..4)
        .map(|i| json!({"f": i % 2, "x": i, "y": i * i}))
        .collect();
    let mut facet = json!({"data": {"values": rows}, "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"},
                     "column": {"field": "f"}}});
    let out = common::converted(&facet).unwrap();
    assert_eq!(
        (&out["share_x"], &out["share_y"]),
        (&json!(true), &json!(true))
    );
    facet["resolve"] = json!({"scale": {"y": "independent"}});
    let out = common::converted(&facet).unwrap();
    assert_eq!(out["share_x"], true);
    assert!(out.get("share_y").is_none());
    // Concatenated views keep their own scales, as in Vega-Lite.
    let view = json!({"mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                                    "y": {"field": "y", "type": "quantitative"}}});
    let concat = json!({"data": {"values": rows}, "hconcat": [view, view]});
    let out = common::converted(&concat).unwrap();
    assert!(out.get("share_x").is_none() && out.get("share_y").is_none());
}
