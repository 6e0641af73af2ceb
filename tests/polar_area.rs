//! Polar area charts (a pie with `radii`), end to end: bad fields are named by pointer, each
//! slice reaches as far as its radius says on the linear or square-root scale, and Chart.js's
//! `polarArea` and Vega-Lite's arc `radius` become such charts.

mod common;

use chartfn::{render_bytes, Budget, ErrorCode, Options};
use serde_json::{json, Value};

fn render(spec: &Value) -> chartfn::Result<chartfn::Rendered> {
    render_bytes(
        spec.to_string().as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
}

fn error_path(spec: Value) -> Option<String> {
    let e = render(&spec).expect_err(&spec.to_string());
    assert_eq!(e.code, ErrorCode::InvalidSpec, "{e:?}");
    e.path
}

#[test]
fn bad_radii_are_named_by_pointer() {
    let pie = |fields: Value| {
        let mut s = json!({"type": "pie", "labels": ["a", "b", "c"], "radii": [1, 2, 3]});
        for (k, v) in fields.as_object().unwrap() {
            s[k] = v.clone();
        }
        json!({ "series": [s] })
    };
    let cases = [
        (pie(json!({"radii": [1, -2, 3]})), "/series/0/radii/1"),
        (pie(json!({"radii": [1, "x", 3]})), "/series/0/radii/1"),
        (pie(json!({"radii": [[1], [2], [3]]})), "/series/0/radii/0"),
        (pie(json!({"radii": []})), "/series/0/radii"),
        // Angles and radii: one of each per slice.
        (pie(json!({"values": [1, 2]})), "/series/0/radii"),
        (pie(json!({"labels": ["a", "b"]})), "/series/0/labels"),
        (
            pie(json!({"radial_scale": "log"})),
            "/series/0/radial_scale",
        ),
    ];
    for (spec, path) in cases {
        assert_eq!(error_path(spec.clone()).as_deref(), Some(path), "{spec}");
    }
    // A radial scale belongs to a polar area chart.
    let plain = json!({"series": [{"type": "pie", "values": [1, 2], "radial_scale": "sqrt"}]});
    assert_eq!(error_path(plain).as_deref(), Some("/series/0/radial_scale"));
    // Its ends come from the panel's y: in order, and a square root starts at 0 or above.
    let mut bounded = pie(json!({}));
    bounded["y"] = json!({"min": 5, "max": 2});
    assert_eq!(error_path(bounded).as_deref(), Some("/y/max"));
    let mut negative = pie(json!({"radial_scale": "sqrt"}));
    negative["y"] = json!({"min": -1});
    assert_eq!(error_path(negative).as_deref(), Some("/y/min"));
}

/// The RGBA pixel at (`x`, `y`) of a 400 × 400 PNG.
fn pixel(rgba: &[u8], x: u32, y: u32) -> [u8; 4] {
    let i = ((y * 400 + x) * 4) as usize;
    rgba[i..i + 4].try_into().unwrap()
}

/// A red slice (right half) of radius 1 and a blue one (left half) of radius 4, alone in a
/// 400 × 400 image: the `pixel`s left and right of the centre at `distance`.
fn halves(scale: &str, distance: u32) -> ([u8; 4], [u8; 4]) {
    let spec = json!({"width": 400, "height": 400, "legend": {"position": "none"},
        "series": [{"type": "pie", "labels": ["r", "b"], "radii": [1, 4],
                    "colors": ["#ff0000", "#0000ff"], "radial_scale": scale}]});
    let ((w, h), rgba) = common::decode(&render(&spec).unwrap().bytes);
    assert_eq!((w, h), (400, 400));
    (
        pixel(&rgba, 200 - distance, 200),
        pixel(&rgba, 200 + distance, 200),
    )
}

#[test]
fn each_slice_reaches_its_radius_on_the_scale() {
    const RED: [u8; 4] = [255, 0, 0, 255];
    const BLUE: [u8; 4] = [0, 0, 255, 255];
    // The outer ring is at 4 (about 180 px from the centre); rings at 1, 2 and 3 lie about 45,
    // 90 and 135 px out, so 20, 60 and 110 px are clear of them.
    let (left, right) = halves("linear", 110);
    assert_eq!(left, BLUE, "the long slice reaches past 110 px");
    assert_ne!(right, RED, "the short slice stops near 45 px");
    let (_, right) = halves("linear", 20);
    assert_eq!(right, RED);
    let (_, right) = halves("linear", 60);
    assert_ne!(
        right, RED,
        "linear: a quarter of the value, a quarter of the length"
    );
    // On a square-root scale a quarter of the value is half the length (a quarter of the area).
    let (_, right) = halves("sqrt", 60);
    assert_eq!(right, RED, "sqrt: the short slice reaches about 90 px");
    let (_, right) = halves("sqrt", 110);
    assert_ne!(right, RED);
}

#[test]
fn chartjs_polar_area_becomes_a_pie_with_radii() {
    let config = json!({"type": "polarArea",
        "data": {"labels": ["a", "b", "c"], "datasets": [{"data": [11, 16, null]}]},
        "options": {"scales": {"r": {"max": 20}}}});
    let spec = common::converted(&config).unwrap();
    let series = &spec["series"][0];
    assert_eq!(series["type"], "pie");
    assert_eq!(series["radii"], json!([11.0, 16.0, 0.0]));
    assert!(series.get("values").is_none(), "equal angles: {series}");
    assert_eq!(spec["y"], json!({"max": 20.0}));
    assert!(render(&spec).is_ok());
    // Point labels shown on the radial scale: each slice's name at its edge.
    let named = json!({"type": "polarArea",
        "data": {"labels": ["a", "b"], "datasets": [{"data": [1, 2]}]},
        "options": {"scales": {"r": {"pointLabels": {"display": true, "centerPointLabels": true}}}}});
    let spec = common::converted(&named).unwrap();
    assert_eq!(
        spec["series"][0]["data_labels"],
        json!({"content": "label"})
    );
    assert!(render(&spec).is_ok());
}

#[test]
fn vega_lite_arc_radius_becomes_a_polar_area_chart() {
    let view = |radius: Value, mark: &str| {
        json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"k": "a", "v": 4, "r": 1}, {"k": "b", "v": 6, "r": 9},
                                {"k": "b", "v": 2, "r": 9}]},
            "mark": {"type": mark, "innerRadius": 10},
            "encoding": {"theta": {"field": "v", "type": "quantitative"},
                         "color": {"field": "k", "type": "nominal"},
                         "radius": radius}})
    };
    let spec = common::converted(&view(
        json!({"field": "r", "scale": {"type": "sqrt", "zero": true}}),
        "arc",
    ))
    .unwrap();
    let series = &spec["series"][0];
    assert_eq!(series["values"], json!([4.0, 8.0]));
    assert_eq!(series["radii"], json!([1.0, 9.0]));
    assert_eq!(series["radial_scale"], "sqrt");
    // The hole against Vega-Lite's outer radius: half of its default 300 × 300 view.
    assert_eq!(series["donut"], json!(10.0 / 150.0));
    // Vega-Lite does not round a radius scale: the outer ring is the largest radius.
    assert_eq!(spec["y"], json!({"max": 9.0}));
    assert!(render(&spec).is_ok());
    // A given domain is the scale's.
    let domain = common::converted(&view(
        json!({"field": "r", "scale": {"domain": [0, 20]}}),
        "arc",
    ))
    .unwrap();
    assert_eq!(domain["y"], json!({"min": 0.0, "max": 20.0}));
    assert!(domain["series"][0].get("radial_scale").is_none());
    // What is not drawn is refused at its place.
    let refused = [
        (
            view(json!({"field": "r", "scale": {"type": "log"}}), "arc"),
            "/encoding/radius/scale/type",
        ),
        (view(json!({"field": "r"}), "bar"), "/encoding/radius"),
        // Two rows of one colour with different radii are two arcs in Vega-Lite.
        (view(json!({"field": "v"}), "arc"), "/encoding/radius"),
    ];
    for (spec, path) in refused {
        let e = common::converted(&spec).expect_err(&spec.to_string());
        assert_eq!(e.code, ErrorCode::Unsupported, "{e:?}");
        assert_eq!(e.path.as_deref(), Some(path));
    }
}

#[test]
fn a_vega_lite_donut_hole_is_measured_against_the_views_outer_radius() {
    let donut = |extra: Value| {
        let mut spec = json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"k": "a", "v": 4}, {"k": "b", "v": 6}]},
            "mark": {"type": "arc", "innerRadius": 50},
            "encoding": {"theta": {"field": "v", "type": "quantitative"},
                         "color": {"field": "k", "type": "nominal"}}});
        for (key, value) in extra.as_object().unwrap() {
            match key.as_str() {
                "outerRadius" => spec["mark"][key] = value.clone(),
                _ => spec[key] = value.clone(),
            }
        }
        common::converted(&spec).unwrap()["series"][0]["donut"].clone()
    };
    // Vega-Lite's default view is 300 × 300: the outer radius 150, the hole a third across.
    assert_eq!(donut(json!({})), json!(50.0 / 150.0));
    // The view's smaller side sets the outer radius; a given one wins.
    assert_eq!(donut(json!({"width": 400, "height": 200})), json!(0.5));
    assert_eq!(donut(json!({"outerRadius": 80})), json!(50.0 / 80.0));
}

#[test]
fn a_vega_lite_pie_image_is_its_view_and_a_legend_sized_to_its_names() {
    let pie = |names: [&str; 2]| {
        let spec = json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"k": names[0], "v": 4}, {"k": names[1], "v": 6}]},
            "mark": "arc",
            "encoding": {"theta": {"field": "v", "type": "quantitative"},
                         "color": {"field": "k", "type": "nominal"}}});
        let spec = common::converted(&spec).unwrap();
        assert!(render(&spec).is_ok());
        spec["width"].as_u64().unwrap()
    };
    // No axes: the 300-pixel view, 20 of margins and a legend as wide as its names need.
    let short = pie(["a", "b"]);
    let long = pie(["a", "Sunny side of a pyramid"]);
    assert!((380..=400).contains(&short), "{short}");
    assert!(long > short + 100 && long <= 530, "{long}");
}
