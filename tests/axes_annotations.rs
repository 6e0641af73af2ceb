//! Version-2 axis options, the second value axis and annotations, end to end: bad specs get
//! `invalid_spec` with the JSON Pointer of the field, and what is drawn follows the rules
//! (a band outside the axis draws nothing; a point outside widens it; v1 output is untouched
//! by the defaults).

use chartfn::{render_bytes, Budget, ErrorCode, Options};

fn svg(spec: &str) -> String {
    let spec = spec.replacen('{', r#"{"format": "svg", "#, 1);
    let out = render_bytes(
        spec.as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
    .unwrap_or_else(|e| panic!("{spec}: {e:?}"));
    String::from_utf8(out.bytes).unwrap()
}

fn error(spec: &str) -> (ErrorCode, Option<String>) {
    let e = render_bytes(
        spec.as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
    .expect_err(spec);
    (e.code, e.path)
}

const LINE: &str = r#""series": [{"type": "line", "x": [1, 2, 3], "y": [4, 6, 5]}]"#;

#[test]
fn bad_fields_are_named_by_pointer() {
    let cases = [
        (r#"{"x": {"position": "left"}, SERIES}"#, "/x/position"),
        (r#"{"y": {"zero": "yes"}, SERIES}"#, "/y/zero"),
        (r#"{"x": {"stack": "normalize"}, SERIES}"#, "/x/stack"),
        (r#"{"y2": {"label": "unused"}, SERIES}"#, "/y2"),
        (
            r#"{SERIES, "annotations": [{"type": "line", "y": 1}, {"type": "band", "x": [1, "b"]}]}"#,
            "/annotations/1/x/1",
        ),
        (
            r#"{SERIES, "annotations": [{"type": "arrow", "x": 1}]}"#,
            "/annotations/0/type",
        ),
        // A box bounded on both axes takes a [from, to] pair on each.
        (
            r#"{SERIES, "annotations": [{"type": "band", "x": [1, 2], "y": 5}]}"#,
            "/annotations/0/y",
        ),
        (
            r#"{SERIES, "annotations": [{"type": "band", "x": [1, 2], "y": [4, "high"]}]}"#,
            "/annotations/0/y/1",
        ),
        (
            r#"{SERIES, "annotations": [{"type": "band", "x": 1, "y": [4, 5]}]}"#,
            "/annotations/0/x",
        ),
        (
            r#"{"panels": [{SERIES}, {SERIES, "annotations": [{"type": "text", "x": 1}]}]}"#,
            "/panels/1/annotations/0/y",
        ),
        (
            r#"{"panels": [{SERIES}], "annotations": []}"#,
            "/annotations",
        ),
    ];
    for (spec, path) in cases {
        let spec = spec.replace("SERIES", LINE);
        let (code, at) = error(&spec);
        assert_eq!(code, ErrorCode::InvalidSpec, "{spec}");
        assert_eq!(at.as_deref(), Some(path), "{spec}");
    }
}

/// The `<rect>` of the one band in `svg` as (x, y, width, height).
fn band_rect(svg: &str) -> [f64; 4] {
    let rect = svg
        .split("<rect ")
        .find(|r| r.contains("fill-opacity=\"0.15\""))
        .unwrap_or_else(|| panic!("no band in {svg}"));
    ["x", "y", "width", "height"].map(|a| {
        let at = rect.find(&format!(" {a}=\"")).map(|i| i + a.len() + 3);
        let v = &rect[at.unwrap_or_else(|| panic!("{a} in {rect}"))..];
        v[..v.find('"').unwrap()].parse().unwrap()
    })
}

#[test]
fn a_box_bounded_on_both_axes_covers_only_its_span_of_each() {
    let full = band_rect(&svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "band", "x": [1.5, 2.5]}}]}}"#
    )));
    let boxed = band_rect(&svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "band", "x": [1.5, 2.5], "y": [4.5, 5.5]}}]}}"#
    )));
    let rows = band_rect(&svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "band", "y": [4.5, 5.5]}}]}}"#
    )));
    // The columns of the x band, the rows of the y band.
    assert_eq!((boxed[0], boxed[2]), (full[0], full[2]));
    assert_eq!((boxed[1], boxed[3]), (rows[1], rows[3]));
    assert!(boxed[3] < full[3] / 2.0, "{boxed:?} within {full:?}");
    // Given the other way round, the same box.
    let swapped = band_rect(&svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "band", "x": [2.5, 1.5], "y": [5.5, 4.5]}}]}}"#
    )));
    assert_eq!(swapped, boxed);
    // On y2, its rows are read on y2, as a y2 band's are.
    let y2 = |band: &str| {
        band_rect(&svg(&format!(
            r#"{{"series": [{{"type": "line", "x": [1, 2, 3], "y": [4, 6, 5]}},
            {{"type": "line", "axis": "y2", "x": [1, 2, 3], "y": [400, 900, 500]}}],
            "annotations": [{{"type": "band", "axis": "y2", {band}}}]}}"#
        )))
    };
    let (on_y2, y2_rows) = (
        y2(r#""x": [1.5, 2.5], "y": [450, 550]"#),
        y2(r#""y": [450, 550]"#),
    );
    assert_eq!((on_y2[1], on_y2[3]), (y2_rows[1], y2_rows[3]));
    assert_ne!((on_y2[1], on_y2[3]), (boxed[1], boxed[3]));
}

#[test]
fn a_band_wholly_outside_draws_nothing() {
    let plain = svg(&format!("{{{LINE}}}"));
    let outside = svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "band", "x": [10, 20], "label": "later"}}]}}"#
    ));
    assert_eq!(plain, outside);
    let inside = svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "band", "x": [1.5, 20], "label": "later"}}]}}"#
    ));
    assert_ne!(plain, inside);
    assert!(inside.contains(">later<"));
}

#[test]
fn a_point_outside_widens_the_axis() {
    let plain = svg(&format!("{{{LINE}}}"));
    assert!(!plain.contains(">10<"));
    let widened = svg(&format!(
        r#"{{{LINE}, "annotations": [{{"type": "point", "x": 2, "y": 10, "label": "goal"}}]}}"#
    ));
    assert!(widened.contains(">10<"), "a tick at 10");
    assert!(widened.contains(">goal<"));
}

#[test]
fn defaults_change_nothing() {
    let plain = svg(&format!("{{{LINE}}}"));
    let spelled = svg(&format!(
        r#"{{"x": {{"reverse": false, "position": "bottom", "visible": true}},
            "y": {{"position": "left", "stack": "zero"}}, {LINE}, "annotations": []}}"#
    ));
    assert_eq!(plain, spelled);
}

#[test]
fn y2_gets_its_own_ticks_on_the_right() {
    let out = svg(r#"{"y2": {"label": "thousands"}, "series": [
            {"type": "line", "y": [1, 2, 3]},
            {"type": "line", "axis": "y2", "y": [1000, 3000, 2000]}]}"#);
    assert!(out.contains(">3000<") || out.contains(">3k<") || out.contains(">3,000<"));
    assert!(out.contains(">thousands<"));
}

// Where the v2 axis work meets the label formats and the new series types.

#[test]
fn y2_follows_its_format_ticks_and_the_locale() {
    let out = svg(r#"{"locale": "de-DE",
            "y2": {"format": "$,.0f", "ticks": [1000, 3000]},
            "series": [{"type": "line", "y": [1, 2]},
                       {"type": "line", "y": [500, 3500], "axis": "y2"}]}"#);
    assert!(
        out.contains("1.000\u{a0}€"),
        "y2 written in its format and locale"
    );
    assert!(out.contains("3.000\u{a0}€"));
    assert!(!out.contains("2.000\u{a0}€"), "only the ticks listed");
}

#[test]
fn a_normalized_axis_writes_percent_in_the_locale_or_its_format() {
    let bars = r#""series": [{"type": "bar", "stack": "s", "x": ["a", "b"], "y": [1, 3]},
                             {"type": "bar", "stack": "s", "x": ["a", "b"], "y": [3, 1]}]"#;
    let fr = svg(&format!(
        r#"{{"locale": "fr-FR", "y": {{"stack": "normalize"}}, {bars}}}"#
    ));
    assert!(fr.contains("100\u{202f}%"), "French percent sign");
    let fmt = svg(&format!(
        r#"{{"y": {{"stack": "normalize", "format": ".1%", "ticks": [0, 0.25, 1]}}, {bars}}}"#
    ));
    assert!(
        fmt.contains("25.0%") && fmt.contains("100.0%"),
        "format sees fractions"
    );
    assert!(!fmt.contains("50.0%"), "only the ticks listed");
}

#[test]
fn a_band_series_can_go_on_y2() {
    let spec = r#"{"series": [{"type": "line", "y": [1, 2, 3]},
                   {"type": "band", "lower": [100, 150, 200], "upper": [300, 350, 400], "axis": "y2"}],
                   "y2": {"label": "interval"}}"#;
    let out = svg(spec);
    assert!(out.contains("interval"));
    assert!(
        out.contains(">400<"),
        "y2 ticks reach the band's top: {out}"
    );
    let log = r#"{"series": [{"type": "line", "y": [1]},
                  {"type": "band", "lower": [-1], "upper": [2], "axis": "y2"}],
                  "y2": {"type": "log"}}"#;
    assert_eq!(error(log).1.as_deref(), Some("/series/1/lower/0"));
    let boxes = r#"{"series": [{"type": "box", "values": [[1, 2]], "axis": "y2"}]}"#;
    assert_eq!(error(boxes).1.as_deref(), Some("/series/0/axis"));
}

#[test]
fn radar_panels_take_no_annotations_y2_or_axis_options() {
    let radar = r#""series": [{"type": "radar", "labels": ["a", "b", "c"], "values": [1, 2, 3]}]"#;
    for (extra, path) in [
        (
            r#""annotations": [{"type": "line", "y": 1}]"#,
            "/annotations",
        ),
        (r#""y2": {}"#, "/y2"),
        (r#""y": {"reverse": true}"#, "/y"),
    ] {
        let spec = format!("{{{radar}, {extra}}}");
        let (code, at) = error(&spec);
        assert_eq!(code, ErrorCode::InvalidSpec, "{spec}");
        assert_eq!(at.as_deref(), Some(path), "{spec}");
    }
    // A box panel is cartesian: annotations name its categories.
    svg(
        r#"{"series": [{"type": "box", "x": ["a", "b"], "values": [[1, 2, 3], [2, 4, 6]]}],
            "annotations": [{"type": "band", "x": ["b", "b"]}, {"type": "line", "y": 2}]}"#,
    );
}

#[test]
fn a_sparkline_maps_y2_series_to_their_range_and_draws_annotations_without_words() {
    let out = svg(
        r#"{"width": 240, "height": 60, "sparkline": true, "series": [
        {"type": "line", "y": [3, 4, 3.5, 5, 4.8, 6.1]},
        {"type": "line", "axis": "y2", "y": [300, 100, 200, 150, 250, 120], "color": "red"}],
        "annotations": [{"type": "band", "x": [1, 2], "label": "campaign"},
            {"type": "point", "x": 3, "y": 5, "label": "peak"},
            {"type": "text", "x": 4, "y": 4, "text": "note"}]}"#,
    );
    let body = &out[out.find("</desc>").unwrap()..];
    assert!(!body.contains("<text"), "no words in a sparkline: {body}");
    assert!(body.contains("fill-opacity=\"0.15\""), "the band is drawn");
    assert!(body.contains("<circle"), "the callout's marker is drawn");
    // The y2 series spans the whole height: 300 at the top, 100 at the bottom.
    let red = body.lines().find(|l| l.contains("#ff0000")).unwrap();
    assert!(red.contains("M0.88 0.88L48.5 59.12"), "{red}");
}

/// On a category axis a band covers its end categories whole: `["b", "b"]` is the column of
/// "b" (it drew nothing before), `["b", "c"]` twice as wide.
#[test]
fn a_category_band_covers_its_end_categories_whole() {
    let line = r#""series": [{"type": "line", "x": ["a", "b", "c", "d"], "y": [4, 6, 5, 7]}]"#;
    let width = |band: &str| {
        band_rect(&svg(&format!(
            r#"{{{line}, "annotations": [{{"type": "band", "x": {band}}}]}}"#
        )))[2]
    };
    let (one, two) = (width(r#"["b", "b"]"#), width(r#"["b", "c"]"#));
    assert!(one > 50.0, "one category's column: {one}");
    assert!((two - 2.0 * one).abs() <= 1.0, "{two} is twice {one}");
}
