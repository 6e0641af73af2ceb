//! The generated alt text, one test per chart type.

use super::*;
use crate::spec::validate::{parse_spec, validate};
use crate::Limits;

fn summarize(json: &str) -> String {
    let limits = Limits::default();
    let chart = validate(&parse_spec(json.as_bytes(), &limits).unwrap(), &limits).unwrap();
    let budget = Budget::from_millis(10_000);
    let text = alt_text(&chart, &budget).unwrap();
    assert_eq!(text, alt_text(&chart, &budget).unwrap(), "deterministic");
    text
}

#[test]
fn line_charts_name_series_and_date_ranges() {
    let names = ["MSFT", "AMZN", "IBM", "GOOG", "AAPL"];
    let series: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"{{"type": "line", "name": "{n}", "x": ["2000-01-01", "2010-03-01"], "y": [{}, {}]}}"#,
                5.968 + i as f64,
                707.0 - i as f64
            )
        })
        .collect();
    let spec = format!(
        r#"{{"title": "Stock prices 2000–2010", "x": {{"label": "date"}}, "y": {{"label": "price (USD)"}}, "series": [{}]}}"#,
        series.join(",")
    );
    assert_eq!(
        summarize(&spec),
        "Line chart \"Stock prices 2000–2010\": 5 series (MSFT, AMZN, IBM, GOOG, AAPL); \
         x: date, Jan 2000 to Mar 2010; y: price (USD), 5.97 to 707."
    );
}

#[test]
fn scatter_and_mixed_charts() {
    assert_eq!(
        summarize(r#"{"series": [{"type": "scatter", "x": [0.5, 12345.6], "y": [-2, 0.012345]}]}"#),
        "Scatter plot: 1 series; x: 0.5 to 12,346; y: \u{2212}2 to 0.0123."
    );
    assert_eq!(
        summarize(
            r#"{"series": [{"type": "line", "y": [1, 2]}, {"type": "scatter", "y": [3, 4]}, {"type": "area", "y": [0, 1]}]}"#
        ),
        "Line, scatter and area chart: 3 series; x: 0 to 1; y: 0 to 4."
    );
}

#[test]
fn bar_charts_list_their_categories() {
    assert_eq!(
        summarize(
            r#"{"title": "Sales", "series": [{"type": "bar", "name": "2025", "x": ["N", "S", "E"], "y": [3, 5, 4]}]}"#
        ),
        "Bar chart \"Sales\": 1 series (2025); x: 3 categories (N, S, E); y: 3 to 5."
    );
    let many: Vec<String> = (1..=12).map(|m| format!("\"m{m}\"")).collect();
    let spec = format!(
        r#"{{"x": {{"label": "sales"}}, "series": [{{"type": "bar", "horizontal": true, "x": [{}], "y": [{}]}}]}}"#,
        many.join(","),
        (1..=12)
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(
        summarize(&spec),
        "Horizontal bar chart: 1 series; y: 12 categories, m1 to m12; x: sales, 1 to 12."
    );
}

#[test]
fn area_histogram_heatmap_and_pie() {
    assert_eq!(
        summarize(
            r#"{"series": [{"type": "area", "name": "a", "x": ["2025-01-01T00:00", "2025-01-01T06:00"], "y": [1, 2]}, {"type": "area", "name": "b", "x": ["2025-01-01T00:00", "2025-01-01T06:00"], "y": [2, 3]}]}"#
        ),
        "Area chart: 2 series (a, b); x: 1 Jan 2025 00:00 to 1 Jan 2025 06:00; y: 1 to 3."
    );
    assert_eq!(
        summarize(
            r#"{"x": {"label": "age"}, "series": [{"type": "histogram", "values": [18, 20, 64, null, 1200]}]}"#
        ),
        "Histogram: 4 values; x: age, 18 to 1200; y: count."
    );
    assert_eq!(
        summarize(
            r#"{"title": "Load", "y": {"label": "day"}, "series": [{"type": "heatmap", "y": ["Mon", "Tue"], "z": [[0.1, 2, 3], [4, 5, null]]}]}"#
        ),
        "Heatmap \"Load\": 2 × 3 cells; rows: day, 2 categories (Mon, Tue); columns: 3 columns; values 0.1 to 5."
    );
    assert_eq!(
        summarize(
            r#"{"series": [{"type": "pie", "labels": ["A", "B", "C"], "values": [1, 1, 2], "donut": 0.5}]}"#
        ),
        "Donut chart: 3 slices (A 25%, B 25%, C 50%)."
    );
    assert_eq!(
        summarize(
            r#"{"title": "Wind", "series": [{"type": "pie", "labels": ["N", "E", "S", "W"], "radii": [4, 1.5, 2, 7]}]}"#
        ),
        "Polar area chart \"Wind\": 4 slices (N 4, E 1.5, S 2, W 7)."
    );
}

#[test]
fn panels_are_summarized_one_by_one() {
    assert_eq!(
        summarize(
            r#"{"title": "Dashboard", "panels": [
                {"title": "Revenue", "series": [{"type": "line", "y": [1, 2]}]},
                {"series": [{"type": "pie", "values": [1, 3]}]}]}"#
        ),
        "Chart \"Dashboard\" of 2 panels. Panel 1: line chart \"Revenue\": 1 series; x: 0 to 1; \
         y: 1 to 2. Panel 2: pie chart: 2 slices (1 25%, 2 75%)."
    );
}

#[test]
fn a_panel_description_replaces_its_sentence() {
    assert_eq!(
        summarize(
            r#"{"panels": [
                {"description": "Revenue rose", "series": [{"type": "line", "y": [1, 2]}]},
                {"series": [{"type": "bar", "y": [3, 4]}]}]}"#
        ),
        "Chart of 2 panels. Panel 1: Revenue rose. Panel 2: bar chart: 1 series; \
         x: 2 categories (1, 2); y: 3 to 4."
    );
}

#[test]
fn a_description_replaces_the_summary() {
    assert_eq!(
        summarize(
            r#"{"description": "Sales doubled.", "series": [{"type": "line", "y": [1, 2]}]}"#
        ),
        "Sales doubled."
    );
}

#[test]
fn an_empty_chart_says_so_and_many_names_are_counted() {
    assert_eq!(
        summarize(r#"{"series": [{"type": "line", "y": [null, null]}]}"#),
        "Line chart: 1 series; x: 0 to 1; y: no data."
    );
    let series: Vec<String> = (0..10)
        .map(|i| format!(r#"{{"type": "line", "name": "s{i}", "y": [1]}}"#))
        .collect();
    let text = summarize(&format!(r#"{{"series": [{}]}}"#, series.join(",")));
    assert!(
        text.contains("(s0, s1, s2, s3, s4, s5, s6, s7, and 2 more)"),
        "{text}"
    );
}

#[test]
fn the_v2_series_types_are_summarized_too() {
    assert_eq!(
        summarize(
            r#"{"series": [{"type": "box", "name": "a", "x": ["p", "q"], "values": [[1, 2, 3], [4, 5, 60]]}]}"#
        ),
        "Box plot: 1 series (a); x: 2 categories (p, q); y: 1 to 60."
    );
    assert_eq!(
        summarize(
            r#"{"series": [{"type": "candlestick", "x": ["2025-03-03", "2025-03-28"], "open": [100, 101], "high": [115, 104], "low": [91, 99], "close": [101, 103]}]}"#
        ),
        "Candlestick chart: 1 series; x: 3 Mar 2025 to 28 Mar 2025; y: 91 to 115."
    );
    assert_eq!(
        summarize(
            r#"{"series": [{"type": "band", "x": [0, 1], "lower": [1, 2], "upper": [3, 4]}, {"type": "line", "x": [0, 1], "y": [2, 3]}]}"#
        ),
        "Band and line chart: 2 series; x: 0 to 1; y: 1 to 4."
    );
    assert_eq!(
        summarize(
            r#"{"title": "R", "series": [{"type": "radar", "name": "A", "labels": ["s", "t", "u"], "values": [1, 5, 3]}]}"#
        ),
        "Radar chart \"R\": 1 series (A); 3 spokes (s, t, u); values 1 to 5."
    );
}

#[test]
fn dates_are_read_on_the_charts_clock() {
    assert_eq!(
        summarize(
            r#"{"timezone": "America/New_York", "series": [{"type": "line", "x": ["2025-01-01T12:00:00Z", "2025-01-01T20:00:00Z"], "y": [1, 2]}]}"#
        ),
        "Line chart: 1 series; x: 1 Jan 2025 07:00 to 1 Jan 2025 15:00; y: 1 to 2."
    );
}

#[test]
fn numbers_keep_three_significant_digits_and_group_large_ones() {
    assert_eq!(number(5.968), "5.97");
    assert_eq!(number(707.2), "707");
    assert_eq!(number(9999.4), "9999");
    assert_eq!(number(2_100_000.0), "2,100,000");
    assert_eq!(number(-178_600.0), "\u{2212}178,600");
    assert_eq!(number(1e20), "1e20");
    assert_eq!(number(0.000123456), "0.000123");
}

#[test]
fn y2_is_named_with_its_own_range() {
    let spec = r#"{"y": {"label": "rain (mm)"}, "y2": {"label": "temperature (°C)"}, "series": [
        {"type": "bar", "name": "rain", "x": ["Jan", "Feb"], "y": [80, 60]},
        {"type": "line", "name": "temp", "x": ["Jan", "Feb"], "y": [3, 5], "axis": "y2"}]}"#;
    let text = summarize(spec);
    assert!(text.contains("y: rain (mm), 60 to 80"), "{text}");
    assert!(text.ends_with("; y2: temperature (°C), 3 to 5."), "{text}");
}
