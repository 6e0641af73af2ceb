//! v2: new series types — every check of band, box, candlestick, radar and text series names
//! its place with a JSON Pointer.

use super::{parse_spec, validate};
use crate::error::ErrorCode;
use crate::spec::limits::{CostEstimate, Limits};

/// The (code, path) that parsing or validating `spec` fails with.
fn failure(spec: &str) -> (ErrorCode, Option<String>) {
    let limits = Limits::default();
    let e = match parse_spec(spec.as_bytes(), &limits) {
        Err(e) => e,
        Ok(parsed) => validate(&parsed, &limits).expect_err(spec),
    };
    (e.code, e.path)
}

fn at(spec: &str) -> String {
    let (code, path) = failure(spec);
    assert_eq!(code, ErrorCode::InvalidSpec, "{spec}");
    path.unwrap_or_default()
}

fn one(s: &str) -> String {
    format!(r#"{{"series": [{s}]}}"#)
}

#[test]
fn band_errors_name_their_field() {
    let cases = [
        (r#"{"type": "band", "upper": [1, 2]}"#, "/series/0/lower"),
        (r#"{"type": "band", "lower": [1, 2]}"#, "/series/0/upper"),
        (
            r#"{"type": "band", "lower": [1, 2], "upper": [3]}"#,
            "/series/0/upper",
        ),
        (
            r#"{"type": "band", "x": [1], "lower": [1, 2], "upper": [3, 4]}"#,
            "/series/0/lower",
        ),
        (
            r#"{"type": "band", "lower": [1, "a"], "upper": [3, 4]}"#,
            "/series/0/lower/1",
        ),
        (
            r#"{"type": "band", "lower": [1], "upper": [3], "y": [1]}"#,
            "/series/0/y",
        ),
        (
            r#"{"type": "band", "lower": [1], "upper": [3], "opacity": 2}"#,
            "/series/0/opacity",
        ),
        (
            r#"{"type": "band", "lower": [], "upper": []}"#,
            "/series/0/lower",
        ),
    ];
    for (s, path) in cases {
        assert_eq!(at(&one(s)), path, "{s}");
    }
}

#[test]
fn box_errors_name_the_sample() {
    let cases = [
        (r#"{"type": "box", "x": ["a"]}"#, "/series/0/values"),
        (r#"{"type": "box", "values": [1, 2]}"#, "/series/0/values/0"),
        (r#"{"type": "box", "values": []}"#, "/series/0/values"),
        (
            r#"{"type": "box", "values": [[1], []]}"#,
            "/series/0/values/1",
        ),
        (
            r#"{"type": "box", "values": [[1], [null]]}"#,
            "/series/0/values/1",
        ),
        (
            r#"{"type": "box", "values": [[1], [2, 3, "x"]]}"#,
            "/series/0/values/1/2",
        ),
        (
            r#"{"type": "box", "x": ["a"], "values": [[1], [2]]}"#,
            "/series/0/values",
        ),
        (
            r#"{"type": "box", "values": [[1], 2]}"#,
            "/series/0/values/1",
        ),
    ];
    for (s, path) in cases {
        assert_eq!(at(&one(s)), path, "{s}");
    }
    let mixed =
        r#"{"type": "box", "horizontal": true, "values": [[1]]}, {"type": "line", "y": [1]}"#;
    assert_eq!(at(&one(mixed)), "/series/1");
    let log = r#"{"y": {"type": "log"}, "series": [{"type": "box", "values": [[1, 0]]}]}"#;
    assert_eq!(at(log), "/series/0/values/0/1");
}

#[test]
fn candlestick_prices_must_hang_together() {
    let c = |o: &str, h: &str, l: &str, c: &str, extra: &str| {
        one(&format!(
            r#"{{"type": "candlestick", "open": {o}, "high": {h}, "low": {l}, "close": {c}{extra}}}"#
        ))
    };
    assert_eq!(
        at(&c(
            "[1, 2, 3]",
            "[2, 3, 3.5]",
            "[0, 1, 2]",
            "[1.5, 2.5, 4]",
            ""
        )),
        "/series/0/high/2"
    );
    assert_eq!(
        at(&c("[1, 2]", "[2, 3]", "[1.5, 1]", "[1.8, 2.5]", "")),
        "/series/0/low/0"
    );
    assert_eq!(
        at(&c("[1, 2]", "[2, 3]", "[0, 1]", "[1.5]", "")),
        "/series/0/close"
    );
    assert_eq!(
        at(&c("[1, null]", "[2, 3]", "[0, 1]", "[1, 2]", "")),
        "/series/0/open/1"
    );
    assert_eq!(
        at(&c("[1]", "[2]", "[0]", "[1]", r#", "up_color": "nope""#)),
        "/series/0/up_color"
    );
    assert_eq!(
        at(&c("[1]", "[2]", "[0]", "[1]", r#", "x": [1, 2]"#)),
        "/series/0/open"
    );
    assert_eq!(
        at(&c("[1]", "[2]", "[0]", "[1]", r#", "color": "red""#)),
        "/series/0/color"
    );
    assert_eq!(
        at(&c("[1]", "[2]", "[0]", "[1]", r#", "style": "bars""#)),
        "/series/0/style"
    );
    assert_eq!(
        at(&one(
            r#"{"type": "candlestick", "open": [1], "high": [2], "low": [0]}"#
        )),
        "/series/0/close"
    );
    assert_eq!(at(&c("[]", "[]", "[]", "[]", "")), "/series/0/open");
}

#[test]
fn radar_panels_share_their_spokes() {
    let r = |rest: &str| {
        one(&format!(
            r#"{{"type": "radar", "labels": ["a", "b", "c"], "values": [1, 2, 3]}}{rest}"#
        ))
    };
    assert_eq!(at(&r(r#", {"type": "line", "y": [1]}"#)), "/series/1");
    assert_eq!(
        at(&r(r#", {"type": "radar", "values": [1, 2]}"#)),
        "/series/1/values"
    );
    assert_eq!(
        at(&r(
            r#", {"type": "radar", "labels": ["a", "b", "d"], "values": [1, 2, 3]}"#
        )),
        "/series/1/labels"
    );
    assert_eq!(
        at(&r(r#", {"type": "radar", "values": [1, "x", 3]}"#)),
        "/series/1/values/1"
    );
    assert_eq!(
        at(&r(r#", {"type": "radar", "values": [[1], [2], [3]]}"#)),
        "/series/1/values/0"
    );
    assert_eq!(
        at(&r(r#", {"type": "radar", "values": [1, 2, 3], "x": [1]}"#)),
        "/series/1/x"
    );
    assert_eq!(
        at(&one(r#"{"type": "radar", "values": [1, 2, 3]}"#)),
        "/series/0/labels"
    );
    assert_eq!(
        at(&one(
            r#"{"type": "radar", "labels": ["a", "b"], "values": [1, 2]}"#
        )),
        "/series/0/labels"
    );
    let bounds = r#"{"y": {"min": 5, "max": 1}, "series": [{"type": "radar", "labels": ["a", "b", "c"], "values": [1, 2, 3]}]}"#;
    assert_eq!(at(bounds), "/y/max");
    assert!(validate(
        &parse_spec(
            r(r#", {"type": "radar", "values": [3, 2, 1]}"#).as_bytes(),
            &Limits::default()
        )
        .unwrap(),
        &Limits::default()
    )
    .is_ok());
}

#[test]
fn text_errors_name_their_field() {
    let cases = [
        (r#"{"type": "text", "y": [1, 2]}"#, "/series/0/text"),
        (r#"{"type": "text", "text": ["a"]}"#, "/series/0/y"),
        (
            r#"{"type": "text", "y": [1, 2], "text": ["a"]}"#,
            "/series/0/text",
        ),
        (
            r#"{"type": "text", "y": [1], "text": ["a"], "size": 0}"#,
            "/series/0/size",
        ),
        (
            r#"{"type": "text", "y": [1], "text": ["a"], "anchor": "left"}"#,
            "/series/0/anchor",
        ),
        (
            r#"{"type": "text", "y": [1], "text": ["a"], "opacity": 1}"#,
            "/series/0/opacity",
        ),
        (r#"{"type": "text", "y": [], "text": []}"#, "/series/0/y"),
    ];
    for (s, path) in cases {
        assert_eq!(at(&one(s)), path, "{s}");
    }
    let long = format!(
        r#"{{"type": "text", "y": [1, 2], "text": ["a", "{}"]}}"#,
        "x".repeat(501)
    );
    let (code, path) = failure(&one(&long));
    assert_eq!(
        (code, path.as_deref()),
        (ErrorCode::LimitExceeded, Some("/series/0/text/1"))
    );
}

#[test]
fn nested_values_are_only_for_boxes() {
    assert_eq!(
        at(&one(r#"{"type": "histogram", "values": [[1, 2]]}"#)),
        "/series/0/values/0"
    );
    assert_eq!(
        at(&one(r#"{"type": "pie", "values": [[1, 2]]}"#)),
        "/series/0/values/0"
    );
}

#[test]
fn new_types_count_in_the_limits_and_the_estimate() {
    let limits = Limits {
        max_points: 7,
        ..Limits::default()
    };
    let spec = one(
        r#"{"type": "candlestick", "open": [1, 2], "high": [2, 3], "low": [0, 1], "close": [1, 2]}"#,
    );
    let e = validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_deref()),
        (ErrorCode::LimitExceeded, Some("/series/0/close"))
    );
    let spec = r#"{"panels": [
        {"series": [{"type": "box", "values": [[1, 2, 3], [4, 5]]}, {"type": "band", "lower": [1, 2], "upper": [2, 3]}]},
        {"series": [{"type": "radar", "labels": ["a", "b", "c"], "values": [1, 2, 3]}]},
        {"series": [{"type": "text", "y": [1, 2], "text": ["ab", "c"]}]}
    ]}"#;
    let chart = validate(
        &parse_spec(spec.as_bytes(), &Limits::default()).unwrap(),
        &Limits::default(),
    )
    .unwrap();
    let cost = CostEstimate::of(&chart);
    assert_eq!(cost.points, 5 + 4 + 3 + 2);
    assert_eq!(cost.series, 4);
}

#[test]
fn horizontal_panels_hold_horizontal_bars_boxes_lines_and_points() {
    let ok = r#"{"type": "scatter", "horizontal": true, "x": ["a", "b"], "y": [1, 2], "error": [1, 1]},
                {"type": "line", "horizontal": true, "x": ["a", "b"], "y": [2, 3]},
                {"type": "bar", "horizontal": true, "x": ["a", "b"], "y": [1, 1]}"#;
    assert!(validate(
        &parse_spec(one(ok).as_bytes(), &Limits::default()).unwrap(),
        &Limits::default()
    )
    .is_ok());
    let cases = [
        // Every series of the panel is horizontal, or none.
        (
            r#"{"type": "scatter", "horizontal": true, "x": ["a"], "y": [1]}, {"type": "line", "y": [1]}"#,
            "/series/1",
        ),
        (
            r#"{"type": "scatter", "horizontal": true, "x": ["a"], "y": [1]}, {"type": "area", "horizontal": true, "y": [1]}"#,
            "/series/1/horizontal",
        ),
        // A horizontal line is straight.
        (
            r#"{"type": "line", "horizontal": true, "x": ["a", "b"], "y": [1, 2], "smooth": true}"#,
            "/series/0/smooth",
        ),
        (
            r#"{"type": "line", "horizontal": true, "x": ["a", "b"], "y": [1, 2], "step": "after"}"#,
            "/series/0/step",
        ),
        (
            r#"{"type": "scatter", "horizontal": "yes", "x": ["a"], "y": [1]}"#,
            "/series/0/horizontal",
        ),
    ];
    for (s, path) in cases {
        assert_eq!(at(&one(s)), path, "{s}");
    }
}

#[test]
fn floating_bars_need_a_start_per_bar_and_no_stack() {
    let ok = r#"{"type": "bar", "x": ["a", "b"], "y": [3, 5], "base": [1, null]}"#;
    assert!(validate(
        &parse_spec(one(ok).as_bytes(), &Limits::default()).unwrap(),
        &Limits::default()
    )
    .is_ok());
    let cases = [
        (
            r#"{"type": "bar", "y": [3, 5], "base": [1]}"#,
            "/series/0/base",
        ),
        (
            r#"{"type": "bar", "y": [3, 5], "base": [1, "x"]}"#,
            "/series/0/base/1",
        ),
        (
            r#"{"type": "bar", "y": [3, 5], "base": 1}"#,
            "/series/0/base",
        ),
        (
            r#"{"type": "bar", "y": [3, 5], "base": [1, 2], "stack": "s"}"#,
            "/series/0/base",
        ),
        (
            r#"{"type": "line", "y": [3, 5], "base": [1, 2]}"#,
            "/series/0/base",
        ),
    ];
    for (s, path) in cases {
        assert_eq!(at(&one(s)), path, "{s}");
    }
    // On a log axis a start must be above zero.
    let log = r#"{"y": {"type": "log"}, "series": [{"type": "bar", "y": [3, 5], "base": [1, 0]}]}"#;
    assert_eq!(at(log), "/series/0/base/1");
}
