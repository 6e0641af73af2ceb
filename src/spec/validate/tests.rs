//! Error messages and JSON Pointers the other suites do not pin word for word: the limits on
//! categories and pie slices, heatmap labels, and the order in which checks report.

use super::{parse_spec, validate};
use crate::error::ErrorCode;
use crate::spec::limits::Limits;

/// The (code, path, message) that validating `spec` under `limits` fails with.
fn failure(spec: &str, limits: &Limits) -> (ErrorCode, Option<String>, String) {
    let parsed = parse_spec(spec.as_bytes(), limits).expect("the spec parses");
    let e = validate(&parsed, limits).expect_err("the spec is refused");
    (e.code, e.path, e.message)
}

fn invalid(path: &str, message: &str) -> (ErrorCode, Option<String>, String) {
    (
        ErrorCode::InvalidSpec,
        Some(path.to_owned()),
        message.to_owned(),
    )
}

fn over_limit(path: &str, message: &str) -> (ErrorCode, Option<String>, String) {
    (
        ErrorCode::LimitExceeded,
        Some(path.to_owned()),
        message.to_owned(),
    )
}

#[test]
fn distinct_categories_are_counted_over_the_whole_panel() {
    let limits = Limits {
        max_categories: 3,
        ..Limits::default()
    };
    let spec = r#"{"panels": [{"series": [
        {"type": "bar", "x": ["a", "b"], "y": [1, 2]},
        {"type": "bar", "x": ["b", "c", "d"], "y": [1, 2, 3]}
    ]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        over_limit(
            "/panels/0/series",
            "distinct categories is 4, over the limit of 3"
        )
    );
}

#[test]
fn pie_slices_are_limited() {
    let limits = Limits {
        max_categories: 2,
        ..Limits::default()
    };
    let spec = r#"{"series": [{"type": "pie", "values": [1, 2, 3]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        over_limit("/series/0/values", "pie slices is 3, over the limit of 2")
    );
}

#[test]
fn heatmap_labels_are_checked_one_by_one() {
    let limits = Limits::default();
    let null_label = r#"{"series": [{"type": "heatmap", "z": [[1, 2]], "x": ["a", null]}]}"#;
    assert_eq!(
        failure(null_label, &limits),
        invalid(
            "/series/0/x/1",
            "series[0].x[1]: expected a label, found null"
        )
    );
    let few_rows = r#"{"series": [{"type": "heatmap", "z": [[1], [2]], "y": ["a"]}]}"#;
    assert_eq!(
        failure(few_rows, &limits),
        invalid("/series/0/y", "series[0].y: has 1 labels but z has 2 rows")
    );
}

#[test]
fn a_panel_reports_its_first_problem_in_reading_order() {
    let limits = Limits::default();
    // The colour of series 0 is read before its data, and series 0 before series 1.
    let spec = r#"{"series": [
        {"type": "line", "color": "nope", "y": [null]},
        {"type": "bar", "y": [null]}
    ]}"#;
    assert_eq!(
        failure(spec, &limits),
        invalid(
            "/series/0/color",
            "series[0].color: \"nope\" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS name or transparent)"
        )
    );
    // The x axis kind is checked before the value axis kind.
    let spec = r#"{"x": {"type": "log"}, "y": {"type": "time"},
        "series": [{"type": "histogram", "values": [1]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        invalid(
            "/x/type",
            "x.type: histograms need a linear x axis (or a log one, with `edges`)"
        )
    );
    // Horizontal bars read their categories from the spec's y axis.
    let spec = r#"{"y": {"min": 0},
        "series": [{"type": "bar", "horizontal": true, "x": ["a"], "y": [1]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        invalid("/y/min", "y.min: a category axis has no min or max")
    );
}

#[test]
fn x_values_are_read_as_the_axis_kind_requires() {
    let limits = Limits::default();
    let spec = r#"{"x": {"type": "time"},
        "series": [{"type": "line", "x": ["2025-01-01", "soon"], "y": [1, 2]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        invalid(
            "/series/0/x/1",
            "series[0].x[1]: expected an ISO-8601 date or date-time (e.g. 2025-01-31 or 2025-01-31T12:00:00Z), found \"soon\""
        )
    );
    let spec = r#"{"x": {"type": "log"},
        "series": [{"type": "line", "x": [1, 0], "y": [1, 2]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        invalid(
            "/series/0/x/1",
            "series[0].x[1]: a log axis needs positive values, found 0"
        )
    );
}

#[test]
fn a_huge_grid_is_a_limit_not_an_overflow() {
    let limits = Limits::default();
    let spec = br#"{"grid": {"rows": 65536, "cols": 65536},
            "panels": [{"series": [{"type": "line", "y": [1, 2]}]}]}"#;
    let e = validate(&parse_spec(spec, &limits).unwrap(), &limits).unwrap_err();
    assert_eq!(e.code, crate::ErrorCode::LimitExceeded, "{e}");
    assert!(e.message.contains("4294967296"), "{}", e.message);
}

/// A category y axis: names numbered in order of first appearance over the panel (or as
/// `categories` lists them, a listed one without data keeping its place), first at the top,
/// no grid unless asked; lines, points and text read their `y` as names.
#[test]
fn a_category_y_numbers_names_in_order_and_runs_from_the_top() {
    use crate::spec::model::{AxisKind, Content, PlotKind};
    let chart = |spec: &str| {
        let limits = Limits::default();
        validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits).unwrap()
    };
    let c = chart(
        r#"{"y": {"type": "category"}, "series": [
            {"type": "scatter", "x": [1, 2, 3], "y": ["b", "a", "b"]},
            {"type": "line", "x": [1, 2], "y": ["c", 7]},
            {"type": "text", "x": [1], "y": ["a"], "text": ["here"]}
        ]}"#,
    );
    let p = &c.panels[0];
    assert_eq!(
        p.y.kind,
        AxisKind::Category(vec!["b".into(), "a".into(), "c".into(), "7".into()])
    );
    assert!(p.y.reversed && !p.y.grid);
    let Content::Cartesian(plots) = &p.content else {
        panic!("cartesian")
    };
    let PlotKind::Scatter { ys, .. } = &plots[0].kind else {
        panic!("scatter")
    };
    assert_eq!(ys, &vec![0.0, 1.0, 0.0]);
    let PlotKind::Line { ys, .. } = &plots[1].kind else {
        panic!("line")
    };
    assert_eq!(ys, &vec![2.0, 3.0]);

    let listed = chart(
        r#"{"x": {"categories": ["z", "y", "x"]}, "y": {"type": "category", "categories": ["lo", "mid", "hi"], "reverse": true, "grid": true},
            "series": [{"type": "scatter", "x": ["x", "z"], "y": ["hi", "lo"]}]}"#,
    );
    let p = &listed.panels[0];
    assert_eq!(
        p.x.kind,
        AxisKind::Category(vec!["z".into(), "y".into(), "x".into()])
    );
    assert_eq!(
        p.y.kind,
        AxisKind::Category(vec!["lo".into(), "mid".into(), "hi".into()])
    );
    // `reverse` turns the categories upwards; a grid asked for is kept.
    assert!(!p.y.reversed && p.y.grid);
    let Content::Cartesian(plots) = &p.content else {
        panic!("cartesian")
    };
    let PlotKind::Scatter { xs, ys, .. } = &plots[0].kind else {
        panic!("scatter")
    };
    assert_eq!((xs, ys), (&vec![2.0, 0.0], &vec![2.0, 0.0]));
}

#[test]
fn listed_categories_are_limited_and_named_in_errors() {
    let limits = Limits {
        max_categories: 2,
        ..Limits::default()
    };
    let spec = r#"{"x": {"categories": ["a", "b", "c"]}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#;
    assert_eq!(
        failure(spec, &limits),
        over_limit("/x/categories", "categories is 3, over the limit of 2")
    );
    let spec = r#"{"y": {"type": "category", "categories": ["Mon", "Tue"]}, "series": [{"type": "scatter", "y": ["Mon", "Sun"]}]}"#;
    assert_eq!(
        failure(spec, &Limits::default()),
        invalid(
            "/series/0/y/1",
            "series[0].y[1]: \"Sun\" is not one of the axis' categories (Mon, Tue)"
        )
    );
}
