//! Open markers (`circle-open`, …): drawn as their outline only, in PNG and SVG, the same size
//! as the filled marker; Vega-Lite's default `point` becomes them; unknown ones are refused.

mod common;

use chartfn::{render_bytes, Budget, ErrorCode, Format, Options};
use serde_json::{json, Value};

fn render(spec: &Value, format: Format) -> chartfn::Result<chartfn::Rendered> {
    let opts = Options {
        format: Some(format),
        ..Options::default()
    };
    render_bytes(
        spec.to_string().as_bytes(),
        &opts,
        &Budget::from_millis(20_000),
    )
}

/// One red marker of `marker`, 40 pixels across, alone in the middle of the plot.
fn one_marker(marker: &str) -> Value {
    json!({"width": 300, "height": 300, "x": {"min": -1, "max": 1}, "y": {"min": -1, "max": 1},
        "series": [{"type": "scatter", "x": [0], "y": [0], "marker": marker, "size": 40,
                    "color": "#ff0000"}]})
}

/// The red pixels of a PNG: its width and their (x, y).
fn red_pixels(spec: &Value) -> (u32, Vec<(u32, u32)>) {
    let img = render(spec, Format::Png).unwrap();
    let ((w, _), rgba) = common::decode(&img.bytes);
    let red = rgba
        .chunks_exact(4)
        .enumerate()
        .filter(|(_, p)| p[0] > 200 && p[1] < 90 && p[2] < 90)
        .map(|(i, _)| (i as u32 % w, i as u32 / w))
        .collect();
    (w, red)
}

/// The bounding box (x0, y0, x1, y1) of `pixels`.
fn bounds(pixels: &[(u32, u32)]) -> (u32, u32, u32, u32) {
    let xs = pixels.iter().map(|p| p.0);
    let ys = pixels.iter().map(|p| p.1);
    (
        xs.clone().min().unwrap(),
        ys.clone().min().unwrap(),
        xs.max().unwrap(),
        ys.max().unwrap(),
    )
}

#[test]
fn an_open_marker_is_its_filled_markers_outline() {
    for shape in ["circle", "square", "triangle", "diamond"] {
        let (_, filled) = red_pixels(&one_marker(shape));
        let (_, open) = red_pixels(&one_marker(&format!("{shape}-open")));
        let (f, o) = (bounds(&filled), bounds(&open));
        // The same footprint, give or take the anti-aliased edge and the mitred corners.
        for (a, b) in [(f.0, o.0), (f.1, o.1), (f.2, o.2), (f.3, o.3)] {
            assert!(a.abs_diff(b) <= 3, "{shape}: filled {f:?}, open {o:?}");
        }
        // Empty inside: the middle of the box is not red, and most of the filled marker's
        // pixels are not drawn.
        let middle = (
            (o.0 + o.2) / 2,
            (o.1 + o.3) / 2 + if shape == "triangle" { 4 } else { 0 },
        );
        assert!(!open.contains(&middle), "{shape}: {middle:?} is filled");
        assert!(
            filled.contains(&middle),
            "{shape}: {middle:?} is empty when filled"
        );
        assert!(
            open.len() * 2 < filled.len(),
            "{shape}: {} of {} pixels",
            open.len(),
            filled.len()
        );
    }
}

#[test]
fn svg_strokes_an_open_marker_and_fills_nothing() {
    let svg = |marker: &str| {
        let img = render(&one_marker(marker), Format::Svg).unwrap();
        String::from_utf8(img.bytes).unwrap()
    };
    // 40 across: a 2-pixel stroke (at most 2) through a circle of radius (40 - 2) / 2.
    let circle = svg("circle-open");
    assert!(
        circle.contains(r##"r="19" fill="none" stroke="#ff0000" stroke-width="2""##),
        "{circle}"
    );
    let square = svg("square-open");
    assert!(
        square
            .contains(r##"fill="none" stroke="#ff0000" stroke-width="2" stroke-linejoin="miter""##),
        "{square}"
    );
    assert!(!svg("square").contains(r##"fill="none" stroke="#ff0000""##));
}

#[test]
fn markers_without_an_open_form_are_refused_by_pointer() {
    for marker in ["cross-open", "none-open", "open"] {
        let e = render(&one_marker(marker), Format::Png).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidSpec, "{marker}: {e:?}");
        assert_eq!(e.path.as_deref(), Some("/series/0/marker"), "{marker}");
    }
    // A line takes open markers too.
    let line = json!({"series": [{"type": "line", "y": [1, 3, 2], "marker": "diamond-open"}]});
    render(&line, Format::Png).unwrap();
}

#[test]
fn vega_lite_points_are_open_unless_filled() {
    let view = |mark: Value, encoding: Value| {
        json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"a": 1, "b": 2, "c": "p"}, {"a": 2, "b": 1, "c": "q"}]},
            "mark": mark,
            "encoding": encoding})
    };
    let xy = json!({"x": {"field": "a", "type": "quantitative"},
                    "y": {"field": "b", "type": "quantitative"}});
    let marker = |mark: Value| {
        let out = common::converted(&view(mark, xy.clone())).unwrap();
        let s = &out["series"][0];
        (s["marker"].clone(), s.get("size").cloned())
    };
    // Vega-Lite's point is hollow: its 30 px² and 2-pixel stroke, 8 pixels across.
    assert_eq!(
        marker(json!("point")),
        (json!("circle-open"), Some(json!(8.0)))
    );
    assert_eq!(marker(json!({"type": "point", "filled": true})).0, "circle");
    assert_eq!(marker(json!("circle")), (json!("circle"), None));
    assert_eq!(marker(json!("square")).0, "square");
    assert_eq!(
        marker(json!({"type": "square", "filled": false})).0,
        "square-open"
    );
    // Shapes by the colour field: open in Vega-Lite's order; a cross is lines already.
    let mut shaped = xy.clone();
    shaped["color"] = json!({"field": "c", "type": "nominal"});
    shaped["shape"] = json!({"field": "c", "type": "nominal"});
    let mut rows = Vec::new();
    for (i, c) in ["p", "q", "r", "s", "t"].iter().enumerate() {
        rows.push(json!({"a": i, "b": i, "c": c}));
    }
    let mut spec = view(json!("point"), shaped);
    spec["data"]["values"] = Value::Array(rows);
    let out = common::converted(&spec).unwrap();
    let markers: Vec<&Value> = out["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["marker"])
        .collect();
    assert_eq!(
        markers,
        [
            "circle-open",
            "square-open",
            "triangle-open",
            "cross",
            "diamond-open"
        ]
    );
    // Sized by a field: the sizes stand, with no single size beside them.
    let mut sized = xy;
    sized["size"] = json!({"field": "b", "type": "quantitative"});
    let out = common::converted(&view(json!("point"), sized)).unwrap();
    assert!(out["series"][0].get("sizes").is_some());
    assert!(out["series"][0].get("size").is_none());
}
