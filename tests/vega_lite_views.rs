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

#[test]
fn an_offset_by_another_field_stands_stacks_side_by_side() {
    let rows: Vec<_> = [
        ("a", "x", "p", 1),
        ("a", "x", "q", 2),
        ("a", "y", "p", 3),
        ("b", "x", "q", 4),
        ("b", "y", "p", 5),
        ("b", "y", "q", 6),
    ]
    .iter()
    .map(|(c, o, k, v)| json!({"cat": c, "origin": o, "kind": k, "v": v}))
    .collect();
    let spec = json!({"data": {"values": rows}, "mark": "bar",
        "encoding": {"x": {"field": "cat", "type": "nominal"},
                     "xOffset": {"field": "origin", "type": "nominal"},
                     "y": {"field": "v", "type": "quantitative", "aggregate": "sum"},
                     "color": {"field": "kind", "type": "nominal",
                               "scale": {"scheme": "category20"}}}});
    let out = common::converted(&spec).unwrap();
    let series = out["series"].as_array().unwrap();
    let seen: Vec<_> = series
        .iter()
        .map(|s| {
            (
                s["stack"].as_str().unwrap(),
                s["color"].as_str().unwrap(),
                s.get("name").and_then(|n| n.as_str()),
                s["y"].clone(),
            )
        })
        .collect();
    // One stack per origin, side by side in its order; in each, the last colour at the bottom
    // (first in series order), as Vega-Lite stacks; each colour named once, for the legend, and
    // coloured from the scheme (category20: blue, light blue) whatever stack it is in.
    assert_eq!(
        seen,
        [
            ("x", "#aec7e8", Some("q"), json!([2.0, 4.0])),
            ("x", "#1f77b4", Some("p"), json!([1.0, 0.0])),
            ("y", "#aec7e8", None, json!([0.0, 6.0])),
            ("y", "#1f77b4", None, json!([3.0, 5.0])),
        ]
    );
    // On marks other than bars, such an offset is refused where it is written.
    let mut points = spec.clone();
    points["mark"] = json!("point");
    let e = common::converted(&points).unwrap_err();
    assert_eq!(e.code, chartfn::ErrorCode::Unsupported);
    assert_eq!(e.path.as_deref(), Some("/encoding/xOffset"));
    // The stacks render.
    chartfn::render_bytes(
        spec.to_string().as_bytes(),
        &chartfn::Options::default(),
        &chartfn::Budget::from_millis(20_000),
    )
    .unwrap();
}

#[test]
fn colours_follow_categorical_schemes_and_dated_names_read_as_their_unit() {
    let spec = json!({"data": {"values": [
            {"d": "2001-03-04", "v": 1}, {"d": "2002-05-06", "v": 2}, {"d": "2002-07-08", "v": 3}]},
        "mark": "line",
        "encoding": {"x": {"field": "d", "type": "temporal"},
                     "y": {"field": "v", "type": "quantitative"},
                     "color": {"field": "d", "timeUnit": "year", "type": "nominal",
                               "scale": {"scheme": "dark2"}}}});
    let out = common::converted(&spec).unwrap();
    let names: Vec<_> = out["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].clone(), s["color"].clone()))
        .collect();
    assert_eq!(
        names,
        [
            (json!("2001"), json!("#1b9e77")),
            (json!("2002"), json!("#d95f02"))
        ]
    );
    // A continuous scheme on categories is still drawn in tableau10, and says so.
    let mut sequential = spec.clone();
    sequential["encoding"]["color"]["scale"]["scheme"] = json!("blues");
    let converted = common::convert(&sequential).unwrap();
    assert!(converted
        .spec
        .warnings
        .iter()
        .any(|w| w.starts_with("/encoding/color/scale/scheme")));
}

#[test]
fn areas_are_opaque_and_a_gradient_is_its_last_stop_lighter() {
    let area = |mark: serde_json::Value| {
        let spec = json!({"data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}]},
            "mark": mark,
            "encoding": {"x": {"field": "a", "type": "quantitative"},
                         "y": {"field": "b", "type": "quantitative"}}});
        common::converted(&spec).unwrap()["series"][0].clone()
    };
    // Vega-Lite fills an area opaque (chartfn's own default is 0.35).
    assert_eq!(area(json!("area"))["opacity"], json!(1.0));
    assert_eq!(
        area(json!({"type": "area", "opacity": 0.5}))["opacity"],
        json!(0.5)
    );
    let gradient = area(json!({"type": "area", "color": {"gradient": "linear",
        "stops": [{"offset": 0, "color": "white"}, {"offset": 1, "color": "darkgreen"}]}}));
    assert_eq!(
        (&gradient["color"], &gradient["opacity"]),
        (&json!("darkgreen"), &json!(0.4))
    );
}

#[test]
fn binned_bars_split_by_colour_are_stacked_histograms() {
    let rows: Vec<_> = [(1.0, "p"), (2.0, "q"), (2.5, "p"), (7.0, "q"), (7.5, "q")]
        .iter()
        .map(|(v, k)| json!({"v": v, "k": k}))
        .collect();
    let spec = json!({"data": {"values": rows}, "mark": "bar",
        "encoding": {"x": {"field": "v", "type": "quantitative", "bin": true},
                     "y": {"aggregate": "count", "type": "quantitative"},
                     "color": {"field": "k", "type": "nominal"}}});
    let out = common::converted(&spec).unwrap();
    let series = out["series"].as_array().unwrap();
    // One histogram per colour over the same bins, stacked, the last value at the bottom; the
    // legend in the domain's order.
    let seen: Vec<_> = series
        .iter()
        .map(|s| {
            (
                s["type"].clone(),
                s["name"].clone(),
                s["stack"].clone(),
                s["values"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                json!("histogram"),
                json!("q"),
                json!("stack"),
                json!([2.0, 7.0, 7.5])
            ),
            (
                json!("histogram"),
                json!("p"),
                json!("stack"),
                json!([1.0, 2.5])
            )
        ]
    );
    assert_eq!(series[0]["edges"], series[1]["edges"]);
    assert_eq!(out["legend"]["reverse"], true);
    chartfn::render_bytes(
        serde_json::to_string(&out).unwrap().as_bytes(),
        &chartfn::Options::default(),
        &chartfn::Budget::from_millis(20_000),
    )
    .unwrap();
}

#[test]
fn a_facet_by_a_time_unit_has_a_panel_per_unit() {
    let rows: Vec<_> = [
        "2001-01-05",
        "2001-06-05",
        "2002-03-01",
        "2002-09-01",
        "2002-12-01",
    ]
    .iter()
    .enumerate()
    .map(|(i, d)| json!({"d": d, "v": i}))
    .collect();
    let spec = json!({"data": {"values": rows}, "mark": "point",
        "encoding": {"x": {"field": "d", "type": "temporal"},
                     "y": {"field": "v", "type": "quantitative"},
                     "row": {"field": "d", "timeUnit": "year"}}});
    let out = common::converted(&spec).unwrap();
    let panels: Vec<_> = out["panels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["title"].clone(), p["series"][0]["y"].clone()))
        .collect();
    assert_eq!(
        panels,
        [
            (json!("d = 2001"), json!([0.0, 1.0])),
            (json!("d = 2002"), json!([2.0, 3.0, 4.0]))
        ]
    );
}

#[test]
fn a_facet_running_the_way_of_its_concatenation_continues_it() {
    let rows: Vec<_> = (0..6)
        .map(|i| json!({"g": i % 3, "x": i, "y": i}))
        .collect();
    let view = json!({"mark": "line", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                                   "y": {"field": "y", "type": "quantitative"}}});
    let mut by_row = view.clone();
    by_row["encoding"]["row"] = json!({"field": "g"});
    let spec = json!({"data": {"values": rows}, "vconcat": [by_row, view]});
    let out = common::converted(&spec).unwrap();
    // Three facet panels, then the plain view, in one column.
    assert_eq!(out["panels"].as_array().unwrap().len(), 4);
    assert_eq!(out["grid"]["cols"], 1);
    assert_eq!(out["panels"][2]["title"], "g = 2");
    // Across an hconcat, a facet by row would be a grid in a row: refused where it is.
    let mut across = spec.clone();
    across["hconcat"] = across["vconcat"].take();
    across.as_object_mut().unwrap().remove("vconcat");
    let e = common::converted(&across).unwrap_err();
    assert_eq!(e.code, chartfn::ErrorCode::Unsupported);
    assert_eq!(e.path.as_deref(), Some("/hconcat/0"));
}

/// Vega-Lite fills an area without an outline; `line` (true or an object) asks for one.
#[test]
fn areas_have_no_outline_unless_their_line_asks() {
    let area = |mark: serde_json::Value| {
        serde_json::json!({"data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}]},
            "mark": mark,
            "encoding": {"x": {"field": "a", "type": "quantitative"},
                         "y": {"field": "b", "type": "quantitative"}}})
    };
    let width = |mark| common::converted(&area(mark)).unwrap()["series"][0]["width"].clone();
    assert_eq!(width(serde_json::json!("area")), 0.0);
    assert_eq!(
        width(serde_json::json!({"type": "area", "line": false})),
        0.0
    );
    assert!(width(serde_json::json!({"type": "area", "line": true})).is_null());
    assert!(width(serde_json::json!({"type": "area", "line": {"color": "red"}})).is_null());
}

/// `stack: "center"` on areas is a centred stack (a streamgraph); bars are not centred.
#[test]
fn centred_areas_are_a_streamgraph_and_centred_bars_are_refused() {
    let view = |mark: &str| {
        serde_json::json!({"data": {"values": [{"a": 1, "b": 2, "c": "p"}, {"a": 1, "b": 3, "c": "q"}]},
            "mark": mark,
            "encoding": {"x": {"field": "a", "type": "quantitative"},
                         "y": {"field": "b", "type": "quantitative", "stack": "center"},
                         "color": {"field": "c", "type": "nominal"}}})
    };
    let out = common::converted(&view("area")).unwrap();
    assert_eq!(out["y"]["stack"], "center");
    assert_eq!(out["series"][0]["stack"], out["series"][1]["stack"]);
    let err = common::converted(&view("bar")).unwrap_err();
    assert_eq!(err.path.as_deref(), Some("/encoding/y/stack"), "{err:?}");
}
