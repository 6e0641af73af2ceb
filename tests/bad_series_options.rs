//! The v2 series options (error bars, data labels, colours, steps, smoothing, sizes, colour by
//! value): every bad value gets `invalid_spec` with the JSON Pointer of the offending item, and
//! the good forms render.

use chartfn::{render_bytes, Budget, ErrorCode, Options};

fn series(s: &str) -> String {
    format!(r#"{{"series": [{s}]}}"#)
}

fn render(spec: &str) -> chartfn::Result<chartfn::Rendered> {
    render_bytes(
        spec.as_bytes(),
        &Options::default(),
        &Budget::from_millis(20_000),
    )
}

/// (name, spec, path of the `invalid_spec` error)
fn cases() -> Vec<(&'static str, String, &'static str)> {
    let line = |extra: &str| {
        series(&format!(
            r#"{{"type": "line", "x": [1, 2, 3], "y": [1, 2, 3]{extra}}}"#
        ))
    };
    let scatter = |extra: &str| {
        series(&format!(
            r#"{{"type": "scatter", "x": [1, 2, 3], "y": [1, 2, 3]{extra}}}"#
        ))
    };
    let bar = |extra: &str| {
        series(&format!(
            r#"{{"type": "bar", "x": ["a", "b"], "y": [1, 2]{extra}}}"#
        ))
    };
    let pie = |extra: &str| series(&format!(r#"{{"type": "pie", "values": [1, 2]{extra}}}"#));
    let heatmap = |extra: &str| {
        series(&format!(
            r#"{{"type": "heatmap", "z": [[1, 2], [3, 4]]{extra}}}"#
        ))
    };
    let hist = |fields: &str| series(&format!(r#"{{"type": "histogram", {fields}}}"#));
    vec![
        (
            "negative whiskers",
            series(r#"{"type": "box", "values": [[1, 2, 3]], "whiskers": -1}"#),
            "/series/0/whiskers",
        ),
        (
            "whiskers by an unknown name",
            series(r#"{"type": "box", "values": [[1, 2, 3]], "whiskers": "minmax"}"#),
            "/series/0/whiskers",
        ),
        (
            "whiskers on a bar",
            series(r#"{"type": "bar", "y": [1], "whiskers": 2}"#),
            "/series/0/whiskers",
        ),
        (
            "counts without edges",
            hist(r#""counts": [1, 2]"#),
            "/series/0/edges",
        ),
        (
            "counts and edges differ",
            hist(r#""edges": [0, 1, 2], "counts": [1, 2, 3]"#),
            "/series/0/counts",
        ),
        (
            "negative count",
            hist(r#""edges": [0, 1, 2], "counts": [1, -2]"#),
            "/series/0/counts/1",
        ),
        (
            "counts with values",
            hist(r#""edges": [0, 1], "counts": [1], "values": [0.5]"#),
            "/series/0/values",
        ),
        (
            "edges going down",
            hist(r#""values": [1, 2], "edges": [0, 2, 1]"#),
            "/series/0/edges/2",
        ),
        (
            "one edge",
            hist(r#""values": [1, 2], "edges": [0]"#),
            "/series/0/edges",
        ),
        (
            "edges and bins",
            hist(r#""values": [1, 2], "edges": [0, 1, 2], "bins": 4"#),
            "/series/0/bins",
        ),
        (
            "heatmap label above its cell",
            heatmap(r#", "data_labels": {"position": "above"}"#),
            "/series/0/data_labels/position",
        ),
        (
            "heatmap label format",
            heatmap(r#", "data_labels": {"format": ".2q"}"#),
            "/series/0/data_labels/format",
        ),
        (
            "heatmap label content",
            heatmap(r#", "data_labels": {"content": "value"}"#),
            "/series/0/data_labels/content",
        ),
        (
            "heatmap labels as text",
            heatmap(r#", "data_labels": "yes""#),
            "/series/0/data_labels",
        ),
        (
            "negative error",
            line(r#", "error": [1, -2, 1]"#),
            "/series/0/error/1",
        ),
        (
            "negative error for all",
            line(r#", "error": -1"#),
            "/series/0/error",
        ),
        (
            "short error",
            line(r#", "error": [1, 2]"#),
            "/series/0/error",
        ),
        (
            "text error",
            line(r#", "error": [1, "a", 1]"#),
            "/series/0/error/1",
        ),
        (
            "bounds crossed",
            line(r#", "error": {"lower": [0, 3, 0], "upper": [2, 1, 4]}"#),
            "/series/0/error/lower/1",
        ),
        (
            "short bounds",
            line(r#", "error": {"lower": [0, 1], "upper": [2, 3, 4]}"#),
            "/series/0/error/lower",
        ),
        (
            "unknown bound",
            line(r#", "error": {"low": [0, 1, 2], "upper": [2, 3, 4]}"#),
            "/series/0/error",
        ),
        (
            "error on area",
            series(r#"{"type": "area", "y": [1, 2], "error": 1}"#),
            "/series/0/error",
        ),
        ("error on pie", pie(r#", "error": 1"#), "/series/0/error"),
        (
            "bad colour",
            bar(r#", "colors": ["red", "nope"]"#),
            "/series/0/colors/1",
        ),
        (
            "short colours",
            bar(r#", "colors": ["red"]"#),
            "/series/0/colors",
        ),
        (
            "short pie colours",
            pie(r#", "colors": ["red"]"#),
            "/series/0/colors",
        ),
        (
            "colours on line",
            line(r#", "colors": ["red", "red", "red"]"#),
            "/series/0/colors",
        ),
        (
            "step on scatter",
            scatter(r#", "step": "after""#),
            "/series/0/step",
        ),
        (
            "unknown step",
            line(r#", "step": "sideways""#),
            "/series/0/step",
        ),
        (
            "step and smooth",
            line(r#", "step": "after", "smooth": true"#),
            "/series/0/smooth",
        ),
        (
            "smooth on bar",
            bar(r#", "smooth": true"#),
            "/series/0/smooth",
        ),
        (
            "negative size",
            scatter(r#", "sizes": [10, -1, 10]"#),
            "/series/0/sizes/1",
        ),
        (
            "huge size",
            scatter(r#", "sizes": [10, 1e6, 10]"#),
            "/series/0/sizes/1",
        ),
        (
            "short sizes",
            scatter(r#", "sizes": [10]"#),
            "/series/0/sizes",
        ),
        (
            "sizes on line",
            line(r#", "sizes": [1, 2, 3]"#),
            "/series/0/sizes",
        ),
        (
            "text colour value",
            scatter(r#", "values_color": [1, "x", 3]"#),
            "/series/0/values_color/1",
        ),
        (
            "no colour values",
            scatter(r#", "values_color": [null, null, null]"#),
            "/series/0/values_color",
        ),
        (
            "colors and values_color",
            scatter(r#", "colors": ["red", "red", "red"], "values_color": [1, 2, 3]"#),
            "/series/0/values_color",
        ),
        (
            "colormap alone",
            scatter(r#", "colormap": "magma""#),
            "/series/0/colormap",
        ),
        (
            "bar label above",
            bar(r#", "data_labels": {"position": "above"}"#),
            "/series/0/data_labels/position",
        ),
        (
            "point label inside",
            line(r#", "data_labels": {"position": "inside"}"#),
            "/series/0/data_labels/position",
        ),
        (
            "pie label center",
            pie(r#", "data_labels": {"position": "center"}"#),
            "/series/0/data_labels/position",
        ),
        (
            "content off pie",
            bar(r#", "data_labels": {"content": "value"}"#),
            "/series/0/data_labels/content",
        ),
        (
            "bad format",
            bar(r#", "data_labels": {"format": "%d"}"#),
            "/series/0/data_labels/format",
        ),
        (
            "labels as text",
            bar(r#", "data_labels": "yes""#),
            "/series/0/data_labels",
        ),
        (
            "unknown label option",
            bar(r#", "data_labels": {"colour": "red"}"#),
            "/series/0/data_labels",
        ),
        (
            "histogram labels",
            series(r#"{"type": "histogram", "values": [1, 2], "data_labels": true}"#),
            "/series/0/data_labels",
        ),
    ]
}

#[test]
fn every_bad_option_is_invalid_spec_at_its_path() {
    let mut failures = Vec::new();
    for (name, spec, path) in cases() {
        match render(&spec) {
            Ok(_) => failures.push(format!("{name}: rendered an image")),
            Err(e) if e.code != ErrorCode::InvalidSpec || e.path.as_deref() != Some(path) => {
                failures.push(format!(
                    "{name}: got {:?} at {:?} ({}), want invalid_spec at {path}",
                    e.code, e.path, e.message
                ))
            }
            Err(e) if e.message.is_empty() => failures.push(format!("{name}: empty message")),
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_good_form_renders_in_both_formats() {
    let specs = [
        series(
            r#"{"type": "line", "y": [1, null, 3, 2], "error": [0.5, null, 1, 0.2], "smooth": true, "marker": "circle", "data_labels": true}"#,
        ),
        series(
            r#"{"type": "line", "y": [1, 3, 2], "step": "middle", "data_labels": {"position": "below", "format": ".1f"}}"#,
        ),
        series(
            r##"{"type": "bar", "x": ["a", "b"], "y": [-1, 2], "error": {"lower": [-1.5, 1], "upper": [-0.5, 3]}, "colors": ["#f00", "teal"], "data_labels": {"position": "center"}}"##,
        ),
        series(
            r#"{"type": "bar", "horizontal": true, "x": ["a", "b"], "y": [3, 2], "error": 0.5, "data_labels": {"position": "inside"}}"#,
        ),
        series(
            r#"{"type": "area", "y": [1, 3, 2], "smooth": true, "data_labels": {"position": "above"}}"#,
        ),
        series(
            r#"{"type": "scatter", "x": [1, 2, 3], "y": [1, null, 3], "sizes": [10, null, 30], "values_color": [1, null, 3], "colormap": "viridis"}"#,
        ),
        series(
            r#"{"type": "pie", "labels": ["a", "b", "c"], "values": [70, 25, 5], "donut": 0.5, "colors": ["red", "green", "blue"], "data_labels": {"content": "value", "format": ",.0f"}}"#,
        ),
        series(
            r#"{"type": "pie", "values": [1, 0, 1], "data_labels": {"position": "inside", "content": "label+percent"}}"#,
        ),
        r#"{"y": {"type": "log"}, "series": [{"type": "line", "y": [1, 10, 100], "error": 5}]}"#
            .to_owned(),
        r#"{"locale": "de-DE", "series": [{"type": "bar", "y": [1234.5, 99], "data_labels": {"format": "$,.2f"}}]}"#
            .to_owned(),
    ];
    for spec in &specs {
        for format in ["png", "svg"] {
            let with = spec.replacen('{', &format!(r#"{{"format": "{format}", "#), 1);
            if let Err(e) = render(&with) {
                panic!("{with}: {e}");
            }
        }
    }
}
