//! Hostile and malformed specs: each must give the documented error code and JSON Pointer,
//! never a panic, a hang or an image.

use chartfn::{render_bytes, Budget, ErrorCode, Limits, Options};
use ErrorCode::*;

fn line(extra: &str) -> String {
    format!(r#"{{"series": [{{"type": "line", "x": [1, 2, 3], "y": [1, 2, 3]{extra}}}]}}"#)
}

fn top(extra: &str) -> String {
    format!(r#"{{"series": [{{"type": "line", "y": [1, 2, 3]}}]{extra}}}"#)
}

fn series(s: &str) -> String {
    format!(r#"{{"series": [{s}]}}"#)
}

/// (name, spec, code, path)
fn cases() -> Vec<(&'static str, Vec<u8>, ErrorCode, Option<&'static str>)> {
    let deep = "[".repeat(300) + &"]".repeat(300);
    let deep_obj = format!(
        r#"{{"series": [{{"type": "line", "y": {}}}]}}"#,
        "[".repeat(200) + &"]".repeat(200)
    );
    let long = "x".repeat(501);
    let many_series = series(&vec![r#"{"type":"line","y":[1]}"#; 201].join(","));
    let many_panels = format!(
        r#"{{"panels": [{}]}}"#,
        vec![r#"{"series":[{"type":"line","y":[1]}]}"#; 37].join(",")
    );
    let s = |v: &str| v.as_bytes().to_vec();
    let o = |v: String| v.into_bytes();
    vec![
        // Malformed JSON.
        ("empty", s(""), InvalidJson, None),
        ("whitespace", s("  \n "), InvalidJson, None),
        ("open brace", s("{"), InvalidJson, None),
        ("close brace", s("}"), InvalidJson, None),
        ("open bracket", s("["), InvalidJson, None),
        ("missing value", s(r#"{"width": }"#), InvalidJson, None),
        ("bare word", s("nul"), InvalidJson, None),
        ("single quotes", s("{'width': 1}"), InvalidJson, None),
        (
            "trailing comma",
            s(r#"{"series": [1, 2,]}"#),
            InvalidJson,
            None,
        ),
        (
            "invalid utf-8",
            vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'],
            InvalidJson,
            None,
        ),
        (
            "lone surrogate",
            s(r#"{"title": "\uD800"}"#),
            InvalidJson,
            None,
        ),
        ("deep arrays", o(deep), InvalidSpec, Some("")),
        (
            "very deep arrays",
            o("[".repeat(100_000) + &"]".repeat(100_000)),
            InvalidSpec,
            Some(""),
        ),
        (
            "very deep unclosed",
            o("{\"series\": ".to_owned() + &"[".repeat(100_000)),
            InvalidJson,
            None,
        ),
        (
            "deep inside a series",
            o(deep_obj),
            InvalidSpec,
            Some("/series/0/y/0"),
        ),
        ("two documents", s("{} {}"), InvalidJson, None),
        ("truncated", o(line("")[..30].to_owned()), InvalidJson, None),
        (
            "NaN literal",
            s(r#"{"series": [{"type": "line", "y": [NaN]}]}"#),
            InvalidJson,
            None,
        ),
        (
            "Infinity literal",
            s(r#"{"series": [{"type": "line", "y": [Infinity]}]}"#),
            InvalidJson,
            None,
        ),
        ("comment", s("// hi\n{}"), InvalidJson, None),
        (
            "control character in string",
            s("{\"title\": \"a\u{1}b\"}"),
            InvalidJson,
            None,
        ),
        ("top-level array", s("[]"), InvalidSpec, Some("")),
        ("top-level string", s(r#""chart""#), InvalidSpec, Some("")),
        ("top-level number", s("42"), InvalidSpec, Some("")),
        ("top-level null", s("null"), InvalidSpec, Some("")),
        // Wrong types.
        // Fonts: a family's name, and what a missing glyph does.
        (
            "font as number",
            o(top(r#", "font": 12"#)),
            InvalidSpec,
            Some("/font"),
        ),
        (
            "font empty",
            o(top(r#", "font": "  ""#)),
            InvalidSpec,
            Some("/font"),
        ),
        (
            "font unknown",
            o(top(r#", "font": "Comic Sans MS""#)),
            InvalidSpec,
            Some("/font"),
        ),
        (
            "fonts as string",
            o(top(r#", "fonts": "error""#)),
            InvalidSpec,
            Some("/fonts"),
        ),
        (
            "fonts unknown field",
            o(top(r#", "fonts": {"fallback": []}"#)),
            InvalidSpec,
            Some("/fonts/fallback"),
        ),
        (
            "fonts.missing unknown",
            o(top(r#", "fonts": {"missing": "ignore"}"#)),
            InvalidSpec,
            Some("/fonts/missing"),
        ),
        (
            "width as string",
            o(top(r#", "width": "800""#)),
            InvalidSpec,
            Some("/width"),
        ),
        (
            "negative width",
            o(top(r#", "width": -1"#)),
            InvalidSpec,
            Some("/width"),
        ),
        (
            "fractional width",
            o(top(r#", "width": 1.5"#)),
            InvalidSpec,
            Some("/width"),
        ),
        (
            "height as bool",
            o(top(r#", "height": true"#)),
            InvalidSpec,
            Some("/height"),
        ),
        (
            "tiny width",
            o(top(r#", "width": 3"#)),
            InvalidSpec,
            Some("/width"),
        ),
        (
            "zero height",
            o(top(r#", "height": 0"#)),
            InvalidSpec,
            Some("/height"),
        ),
        (
            "scale as string",
            o(top(r#", "scale": "2""#)),
            InvalidSpec,
            Some("/scale"),
        ),
        (
            "zero scale",
            o(top(r#", "scale": 0"#)),
            InvalidSpec,
            Some("/scale"),
        ),
        (
            "negative scale",
            o(top(r#", "scale": -2"#)),
            InvalidSpec,
            Some("/scale"),
        ),
        (
            "unknown format",
            o(top(r#", "format": "gif""#)),
            InvalidSpec,
            Some("/format"),
        ),
        (
            "unknown theme",
            o(top(r#", "theme": "blue""#)),
            InvalidSpec,
            Some("/theme"),
        ),
        (
            "background number",
            o(top(r#", "background": 5"#)),
            InvalidSpec,
            Some("/background"),
        ),
        (
            "title number",
            o(top(r#", "title": 7"#)),
            InvalidSpec,
            Some("/title"),
        ),
        (
            "axis as string",
            o(top(r#", "x": "time""#)),
            InvalidSpec,
            Some("/x"),
        ),
        (
            "unknown axis type",
            o(top(r#", "x": {"type": "weird"}"#)),
            InvalidSpec,
            Some("/x/type"),
        ),
        (
            "axis min object",
            o(top(r#", "y": {"min": {}}"#)),
            InvalidSpec,
            Some("/y/min"),
        ),
        (
            "axis grid string",
            o(top(r#", "x": {"grid": "yes"}"#)),
            InvalidSpec,
            Some("/x/grid"),
        ),
        (
            "axis label number",
            o(top(r#", "x": {"label": 3}"#)),
            InvalidSpec,
            Some("/x/label"),
        ),
        (
            "legend string",
            o(top(r#", "legend": "top""#)),
            InvalidSpec,
            Some("/legend"),
        ),
        (
            "unknown legend position",
            o(top(r#", "legend": {"position": "middle"}"#)),
            InvalidSpec,
            Some("/legend/position"),
        ),
        (
            "series object",
            s(r#"{"series": {}}"#),
            InvalidSpec,
            Some("/series"),
        ),
        (
            "series of numbers",
            s(r#"{"series": [1]}"#),
            InvalidSpec,
            Some("/series/0"),
        ),
        (
            "series without type",
            s(r#"{"series": [{"y": [1]}]}"#),
            InvalidSpec,
            Some("/series/0"),
        ),
        (
            "unknown series type",
            o(series(r#"{"type": "sankey", "y": [1]}"#)),
            InvalidSpec,
            Some("/series/0/type"),
        ),
        (
            "name number",
            o(line(r#", "name": 5"#)),
            InvalidSpec,
            Some("/series/0/name"),
        ),
        (
            "color number",
            o(line(r#", "color": 5"#)),
            InvalidSpec,
            Some("/series/0/color"),
        ),
        (
            "x object",
            o(series(r#"{"type": "line", "x": {}, "y": [1]}"#)),
            InvalidSpec,
            Some("/series/0/x"),
        ),
        (
            "y string",
            o(series(r#"{"type": "line", "y": "abc"}"#)),
            InvalidSpec,
            Some("/series/0/y"),
        ),
        (
            "y element string",
            o(series(r#"{"type": "line", "y": [1, "abc"]}"#)),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "y element array",
            o(series(r#"{"type": "line", "y": [[1]]}"#)),
            InvalidSpec,
            Some("/series/0/y/0"),
        ),
        (
            "y element object",
            o(series(r#"{"type": "line", "y": [1, {}]}"#)),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "y element bool",
            o(series(r#"{"type": "line", "y": [true]}"#)),
            InvalidSpec,
            Some("/series/0/y/0"),
        ),
        (
            "width string",
            o(line(r#", "width": "thick""#)),
            InvalidSpec,
            Some("/series/0/width"),
        ),
        (
            "width zero",
            o(line(r#", "width": 0"#)),
            InvalidSpec,
            Some("/series/0/width"),
        ),
        (
            "width huge",
            o(line(r#", "width": 500"#)),
            InvalidSpec,
            Some("/series/0/width"),
        ),
        (
            "unknown dash",
            o(line(r#", "dash": "wavy""#)),
            InvalidSpec,
            Some("/series/0/dash"),
        ),
        (
            "odd dash pattern",
            o(line(r#", "dash": [4, 2, 1]"#)),
            InvalidSpec,
            Some("/series/0/dash"),
        ),
        (
            "negative dash",
            o(line(r#", "dash": [4, -2]"#)),
            InvalidSpec,
            Some("/series/0/dash/1"),
        ),
        (
            "empty dash",
            o(line(r#", "dash": []"#)),
            InvalidSpec,
            Some("/series/0/dash"),
        ),
        (
            "unknown marker",
            o(line(r#", "marker": "star""#)),
            InvalidSpec,
            Some("/series/0/marker"),
        ),
        (
            "negative size",
            o(line(r#", "size": -1"#)),
            InvalidSpec,
            Some("/series/0/size"),
        ),
        (
            "opacity above one",
            o(series(r#"{"type": "scatter", "y": [1], "opacity": 2}"#)),
            InvalidSpec,
            Some("/series/0/opacity"),
        ),
        (
            "opacity negative",
            o(series(r#"{"type": "bar", "y": [1], "opacity": -0.1}"#)),
            InvalidSpec,
            Some("/series/0/opacity"),
        ),
        (
            "stack number",
            o(series(r#"{"type": "bar", "y": [1], "stack": 5}"#)),
            InvalidSpec,
            Some("/series/0/stack"),
        ),
        (
            "horizontal string",
            o(series(r#"{"type": "bar", "y": [1], "horizontal": "yes"}"#)),
            InvalidSpec,
            Some("/series/0/horizontal"),
        ),
        (
            "negative bins",
            o(series(
                r#"{"type": "histogram", "values": [1], "bins": -1}"#,
            )),
            InvalidSpec,
            Some("/series/0/bins"),
        ),
        (
            "zero bins",
            o(series(r#"{"type": "histogram", "values": [1], "bins": 0}"#)),
            InvalidSpec,
            Some("/series/0/bins"),
        ),
        (
            "zero bin width",
            o(series(
                r#"{"type": "histogram", "values": [1], "bin_width": 0}"#,
            )),
            InvalidSpec,
            Some("/series/0/bin_width"),
        ),
        (
            "bins and bin width",
            o(series(
                r#"{"type": "histogram", "values": [1, 2], "bins": 3, "bin_width": 1}"#,
            )),
            InvalidSpec,
            Some("/series/0/bin_width"),
        ),
        (
            "histogram string value",
            o(series(r#"{"type": "histogram", "values": [1, "two"]}"#)),
            InvalidSpec,
            Some("/series/0/values/1"),
        ),
        (
            "z string",
            o(series(r#"{"type": "heatmap", "z": "x"}"#)),
            InvalidSpec,
            Some("/series/0/z"),
        ),
        (
            "z cell string",
            o(series(r#"{"type": "heatmap", "z": [[1, "a"]]}"#)),
            InvalidSpec,
            Some("/series/0/z/0/1"),
        ),
        (
            "unknown colormap",
            o(series(
                r#"{"type": "heatmap", "z": [[1]], "colormap": "rainbow"}"#,
            )),
            InvalidSpec,
            Some("/series/0/colormap"),
        ),
        (
            "labels number",
            o(series(r#"{"type": "pie", "values": [1], "labels": 5}"#)),
            InvalidSpec,
            Some("/series/0/labels"),
        ),
        (
            "donut too big",
            o(series(r#"{"type": "pie", "values": [1], "donut": 1.5}"#)),
            InvalidSpec,
            Some("/series/0/donut"),
        ),
        (
            "pie value string",
            o(series(r#"{"type": "pie", "values": [1, "x"]}"#)),
            InvalidSpec,
            Some("/series/0/values/1"),
        ),
        (
            "pie value null",
            o(series(r#"{"type": "pie", "values": [1, null]}"#)),
            InvalidSpec,
            Some("/series/0/values/1"),
        ),
        (
            "panels object",
            s(r#"{"panels": {}}"#),
            InvalidSpec,
            Some("/panels"),
        ),
        (
            "grid rows string",
            s(
                r#"{"panels": [{"series": [{"type": "line", "y": [1]}]}], "grid": {"rows": "1", "cols": 1}}"#,
            ),
            InvalidSpec,
            Some("/grid/rows"),
        ),
        // Unknown fields.
        (
            "unknown top-level field",
            o(top(r#", "colour": "red""#)),
            InvalidSpec,
            Some("/colour"),
        ),
        (
            "unknown series field",
            o(line(r#", "foo": 1"#)),
            InvalidSpec,
            Some("/series/0/foo"),
        ),
        (
            "unknown axis field",
            o(top(r#", "x": {"lable": "t"}"#)),
            InvalidSpec,
            Some("/x/lable"),
        ),
        (
            "unknown legend field",
            o(top(r#", "legend": {"pos": "best"}"#)),
            InvalidSpec,
            Some("/legend/pos"),
        ),
        (
            "unknown panel field",
            s(r#"{"panels": [{"series": [{"type": "line", "y": [1]}], "colour": 1}]}"#),
            InvalidSpec,
            Some("/panels/0/colour"),
        ),
        (
            "unknown grid field",
            s(
                r#"{"panels": [{"series": [{"type": "line", "y": [1]}]}], "grid": {"rows": 1, "cols": 1, "gap": 2}}"#,
            ),
            InvalidSpec,
            Some("/grid/gap"),
        ),
        (
            "duplicate field",
            s(r#"{"width": 100, "width": 200, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/width"),
        ),
        (
            "bins on a line",
            o(line(r#", "bins": 5"#)),
            InvalidSpec,
            Some("/series/0/bins"),
        ),
        (
            "dash on a scatter",
            o(series(r#"{"type": "scatter", "y": [1], "dash": "dashed"}"#)),
            InvalidSpec,
            Some("/series/0/dash"),
        ),
        (
            "marker on a bar",
            o(series(r#"{"type": "bar", "y": [1], "marker": "circle"}"#)),
            InvalidSpec,
            Some("/series/0/marker"),
        ),
        (
            "x on a pie",
            o(series(r#"{"type": "pie", "values": [1], "x": [1]}"#)),
            InvalidSpec,
            Some("/series/0/x"),
        ),
        (
            "x on a histogram",
            o(series(r#"{"type": "histogram", "values": [1], "x": [1]}"#)),
            InvalidSpec,
            Some("/series/0/x"),
        ),
        (
            "color on a heatmap",
            o(series(r#"{"type": "heatmap", "z": [[1]], "color": "red"}"#)),
            InvalidSpec,
            Some("/series/0/color"),
        ),
        (
            "z on a line",
            o(line(r#", "z": [[1]]"#)),
            InvalidSpec,
            Some("/series/0/z"),
        ),
        (
            "donut on a bar",
            o(series(r#"{"type": "bar", "y": [1], "donut": 0.5}"#)),
            InvalidSpec,
            Some("/series/0/donut"),
        ),
        // Mismatched lengths and missing data.
        (
            "x longer than y",
            o(series(r#"{"type": "line", "x": [1, 2, 3], "y": [1, 2]}"#)),
            InvalidSpec,
            Some("/series/0/y"),
        ),
        (
            "x shorter than y",
            o(series(r#"{"type": "scatter", "x": [1], "y": [1, 2]}"#)),
            InvalidSpec,
            Some("/series/0/y"),
        ),
        (
            "ragged heatmap",
            o(series(r#"{"type": "heatmap", "z": [[1, 2], [3]]}"#)),
            InvalidSpec,
            Some("/series/0/z/1"),
        ),
        (
            "heatmap x labels count",
            o(series(r#"{"type": "heatmap", "z": [[1, 2]], "x": ["a"]}"#)),
            InvalidSpec,
            Some("/series/0/x"),
        ),
        (
            "heatmap y labels count",
            o(series(
                r#"{"type": "heatmap", "z": [[1, 2]], "y": ["a", "b"]}"#,
            )),
            InvalidSpec,
            Some("/series/0/y"),
        ),
        (
            "pie labels count",
            o(series(
                r#"{"type": "pie", "values": [1, 2], "labels": ["a"]}"#,
            )),
            InvalidSpec,
            Some("/series/0/labels"),
        ),
        (
            "line without y",
            o(series(r#"{"type": "line", "x": [1]}"#)),
            InvalidSpec,
            Some("/series/0/y"),
        ),
        (
            "histogram without values",
            o(series(r#"{"type": "histogram"}"#)),
            InvalidSpec,
            Some("/series/0/values"),
        ),
        (
            "heatmap without z",
            o(series(r#"{"type": "heatmap"}"#)),
            InvalidSpec,
            Some("/series/0/z"),
        ),
        (
            "pie without values",
            o(series(r#"{"type": "pie"}"#)),
            InvalidSpec,
            Some("/series/0/values"),
        ),
        (
            "no series",
            s(r#"{"title": "t"}"#),
            InvalidSpec,
            Some("/series"),
        ),
        // Empty series.
        (
            "empty series list",
            s(r#"{"series": []}"#),
            InvalidSpec,
            Some("/series"),
        ),
        (
            "empty y",
            o(series(r#"{"type": "line", "y": []}"#)),
            InvalidSpec,
            Some("/series/0/y"),
        ),
        (
            "empty histogram",
            o(series(r#"{"type": "histogram", "values": []}"#)),
            InvalidSpec,
            Some("/series/0/values"),
        ),
        (
            "histogram of nulls",
            o(series(r#"{"type": "histogram", "values": [null, null]}"#)),
            InvalidSpec,
            Some("/series/0/values"),
        ),
        (
            "all-zero pie",
            o(series(r#"{"type": "pie", "values": [0, 0]}"#)),
            InvalidSpec,
            Some("/series/0/values"),
        ),
        (
            "empty pie",
            o(series(r#"{"type": "pie", "values": []}"#)),
            InvalidSpec,
            Some("/series/0/values"),
        ),
        (
            "empty heatmap",
            o(series(r#"{"type": "heatmap", "z": []}"#)),
            InvalidSpec,
            Some("/series/0/z"),
        ),
        (
            "empty heatmap row",
            o(series(r#"{"type": "heatmap", "z": [[]]}"#)),
            InvalidSpec,
            Some("/series/0/z"),
        ),
        (
            "empty panels",
            s(r#"{"panels": []}"#),
            InvalidSpec,
            Some("/panels"),
        ),
        (
            "empty panel",
            s(r#"{"panels": [{"series": []}]}"#),
            InvalidSpec,
            Some("/panels/0/series"),
        ),
        // Huge sizes.
        (
            "width over the side limit",
            o(top(r#", "width": 100000"#)),
            LimitExceeded,
            Some("/width"),
        ),
        (
            "height over the side limit",
            o(top(r#", "height": 20000"#)),
            LimitExceeded,
            Some("/height"),
        ),
        (
            "81 megapixels",
            o(top(r#", "width": 9000, "height": 9000"#)),
            LimitExceeded,
            Some("/width"),
        ),
        (
            "40 megapixels",
            o(top(r#", "width": 8000, "height": 5000"#)),
            LimitExceeded,
            Some("/width"),
        ),
        (
            "scale too large",
            o(top(r#", "scale": 10"#)),
            LimitExceeded,
            Some("/scale"),
        ),
        (
            "scale multiplies the side",
            o(top(r#", "width": 4000, "height": 3000, "scale": 3"#)),
            LimitExceeded,
            Some("/width"),
        ),
        (
            "width beyond u64",
            o(top(r#", "width": 1e30"#)),
            InvalidSpec,
            Some("/width"),
        ),
        (
            "too many series",
            o(many_series),
            LimitExceeded,
            Some("/series"),
        ),
        (
            "too many panels",
            o(many_panels),
            LimitExceeded,
            Some("/panels"),
        ),
        (
            "grid too large",
            s(
                r#"{"panels": [{"series": [{"type": "line", "y": [1]}]}], "grid": {"rows": 7, "cols": 7}}"#,
            ),
            LimitExceeded,
            Some("/grid"),
        ),
        (
            "long title",
            o(top(&format!(r#", "title": "{long}""#))),
            LimitExceeded,
            Some("/title"),
        ),
        (
            "long series name",
            o(line(&format!(r#", "name": "{long}""#))),
            LimitExceeded,
            Some("/series/0/name"),
        ),
        (
            "long axis label",
            o(top(&format!(r#", "y": {{"label": "{long}"}}"#))),
            LimitExceeded,
            Some("/y/label"),
        ),
        (
            "long category",
            o(series(&format!(
                r#"{{"type": "bar", "x": ["a", "{long}"], "y": [1, 2]}}"#
            ))),
            LimitExceeded,
            Some("/series/0/x/1"),
        ),
        (
            "long pie label",
            o(series(&format!(
                r#"{{"type": "pie", "values": [1], "labels": ["{long}"]}}"#
            ))),
            LimitExceeded,
            Some("/series/0/labels/0"),
        ),
        (
            "too many bins",
            o(series(
                r#"{"type": "histogram", "values": [1], "bins": 100000}"#,
            )),
            LimitExceeded,
            Some("/series/0/bins"),
        ),
        (
            "bin width too fine",
            o(series(
                r#"{"type": "histogram", "values": [0, 1000000], "bin_width": 0.001}"#,
            )),
            LimitExceeded,
            Some("/series/0/bin_width"),
        ),
        // Bad colours.
        (
            "bad hex background",
            o(top(r##", "background": "#ggg""##)),
            InvalidSpec,
            Some("/background"),
        ),
        (
            "five-digit hex",
            o(top(r##", "background": "#12345""##)),
            InvalidSpec,
            Some("/background"),
        ),
        (
            "unknown colour name",
            o(line(r#", "color": "blue-ish""#)),
            InvalidSpec,
            Some("/series/0/color"),
        ),
        (
            "short rgb()",
            o(line(r#", "color": "rgb(1, 2)""#)),
            InvalidSpec,
            Some("/series/0/color"),
        ),
        (
            "empty colour",
            o(line(r#", "color": """#)),
            InvalidSpec,
            Some("/series/0/color"),
        ),
        // Bad dates.
        (
            "bad date after a good one",
            o(series(
                r#"{"type": "line", "x": ["2025-01-01", "not a date"], "y": [1, 2]}"#,
            )),
            InvalidSpec,
            Some("/series/0/x/1"),
        ),
        (
            "month 13",
            o(series(r#"{"type": "line", "x": ["2025-13-01"], "y": [1]}"#)).pipe_time(),
            InvalidSpec,
            Some("/series/0/x/0"),
        ),
        (
            "day 45 on a time axis",
            s(
                r#"{"x": {"type": "time"}, "series": [{"type": "line", "x": ["2025-01-45"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/x/0"),
        ),
        (
            "epoch out of range",
            s(r#"{"x": {"type": "time"}, "series": [{"type": "line", "x": [1e20], "y": [1]}]}"#),
            InvalidSpec,
            Some("/series/0/x/0"),
        ),
        (
            "bad time min",
            s(
                r#"{"x": {"type": "time", "min": "yesterday"}, "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/min"),
        ),
        (
            "null date",
            s(r#"{"x": {"type": "time"}, "series": [{"type": "line", "x": [null], "y": [1]}]}"#),
            InvalidSpec,
            Some("/series/0/x/0"),
        ),
        // Log axes with non-positive values.
        (
            "zero on log y",
            s(r#"{"y": {"type": "log"}, "series": [{"type": "line", "y": [1, 0]}]}"#),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "negative on log y",
            s(r#"{"y": {"type": "log"}, "series": [{"type": "scatter", "y": [-1]}]}"#),
            InvalidSpec,
            Some("/series/0/y/0"),
        ),
        (
            "zero on log x",
            s(r#"{"x": {"type": "log"}, "series": [{"type": "line", "x": [0, 1], "y": [1, 2]}]}"#),
            InvalidSpec,
            Some("/series/0/x/0"),
        ),
        (
            "zero log min",
            s(r#"{"y": {"type": "log", "min": 0}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/min"),
        ),
        (
            "log histogram",
            s(r#"{"y": {"type": "log"}, "series": [{"type": "histogram", "values": [1]}]}"#),
            InvalidSpec,
            Some("/y/type"),
        ),
        // NaN-ish values.
        (
            "NaN string",
            o(series(r#"{"type": "line", "y": ["NaN"]}"#)),
            InvalidSpec,
            Some("/series/0/y/0"),
        ),
        (
            "Infinity string",
            o(series(r#"{"type": "line", "y": [1, "Infinity"]}"#)),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "huge magnitude",
            o(series(r#"{"type": "line", "y": [1e301]}"#)),
            InvalidSpec,
            Some("/series/0/y/0"),
        ),
        (
            "null bar",
            o(series(r#"{"type": "bar", "y": [1, null]}"#)),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "null x",
            o(series(r#"{"type": "line", "x": [1, null], "y": [1, 2]}"#)),
            InvalidSpec,
            Some("/series/0/x/1"),
        ),
        (
            "null category",
            o(series(r#"{"type": "bar", "x": [null, "b"], "y": [1, 2]}"#)),
            InvalidSpec,
            Some("/series/0/x/0"),
        ),
        (
            "string among numbers",
            o(series(r#"{"type": "line", "x": [1, "two"], "y": [1, 2]}"#)).pipe_linear(),
            InvalidSpec,
            Some("/series/0/x/1"),
        ),
        (
            "negative pie",
            o(series(r#"{"type": "pie", "values": [1, -1]}"#)),
            InvalidSpec,
            Some("/series/0/values/1"),
        ),
        // Structure.
        (
            "series and panels",
            s(
                r#"{"series": [{"type": "line", "y": [1]}], "panels": [{"series": [{"type": "line", "y": [1]}]}]}"#,
            ),
            InvalidSpec,
            Some("/series"),
        ),
        (
            "grid without panels",
            o(top(r#", "grid": {"rows": 1, "cols": 1}"#)),
            InvalidSpec,
            Some("/grid"),
        ),
        (
            "grid too small",
            s(
                r#"{"panels": [{"series": [{"type": "line", "y": [1]}]}, {"series": [{"type": "line", "y": [1]}]}], "grid": {"rows": 1, "cols": 1}}"#,
            ),
            InvalidSpec,
            Some("/grid"),
        ),
        (
            "zero grid",
            s(
                r#"{"panels": [{"series": [{"type": "line", "y": [1]}]}], "grid": {"rows": 0, "cols": 1}}"#,
            ),
            InvalidSpec,
            Some("/grid"),
        ),
        (
            "pie with a line",
            o(series(
                r#"{"type": "pie", "values": [1]}, {"type": "line", "y": [1]}"#,
            )),
            InvalidSpec,
            Some("/series"),
        ),
        (
            "heatmap with a line",
            o(series(
                r#"{"type": "line", "y": [1]}, {"type": "heatmap", "z": [[1]]}"#,
            )),
            InvalidSpec,
            Some("/series"),
        ),
        (
            "horizontal bar with a line",
            o(series(
                r#"{"type": "bar", "horizontal": true, "y": [1]}, {"type": "line", "y": [1]}"#,
            )),
            InvalidSpec,
            Some("/series/1"),
        ),
        (
            "histogram on a time axis",
            s(r#"{"x": {"type": "time"}, "series": [{"type": "histogram", "values": [1]}]}"#),
            InvalidSpec,
            Some("/x/type"),
        ),
        (
            "time value axis",
            s(r#"{"y": {"type": "time"}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/type"),
        ),
        (
            "value labels on bars that are not normalized",
            s(r#"{"series": [{"type": "bar", "y": [1], "data_labels": {"content": "value"}}]}"#),
            InvalidSpec,
            Some("/series/0/data_labels/content"),
        ),
        (
            "percent content on bars",
            s(
                r#"{"y": {"stack": "normalize"}, "series": [{"type": "bar", "y": [1], "data_labels": {"content": "percent"}}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/data_labels/content"),
        ),
        (
            "content on a line's labels",
            s(r#"{"series": [{"type": "line", "y": [1], "data_labels": {"content": "value"}}]}"#),
            InvalidSpec,
            Some("/series/0/data_labels/content"),
        ),
        (
            "bars on a category y axis",
            s(r#"{"y": {"type": "category"}, "series": [{"type": "bar", "y": ["a"]}]}"#),
            InvalidSpec,
            Some("/series/0/type"),
        ),
        (
            "area on a category y axis",
            s(
                r#"{"y": {"type": "category"}, "series": [{"type": "line", "y": ["a"]}, {"type": "area", "y": ["b"]}]}"#,
            ),
            InvalidSpec,
            Some("/series/1/type"),
        ),
        (
            "category y against y2",
            s(
                r#"{"y": {"type": "category"}, "y2": {}, "series": [{"type": "scatter", "y": ["a"], "axis": "y2"}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/axis"),
        ),
        (
            "null on a category y axis",
            s(r#"{"y": {"type": "category"}, "series": [{"type": "scatter", "y": ["a", null]}]}"#),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "data labels on a category y",
            s(
                r#"{"y": {"type": "category"}, "series": [{"type": "scatter", "y": ["a"], "data_labels": true}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/data_labels"),
        ),
        (
            "error bars on a category y",
            s(
                r#"{"y": {"type": "category"}, "series": [{"type": "line", "y": ["a"], "error": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/error"),
        ),
        (
            "normalized category y",
            s(
                r#"{"y": {"type": "category", "stack": "normalize"}, "series": [{"type": "line", "y": ["a"]}]}"#,
            ),
            InvalidSpec,
            Some("/y/stack"),
        ),
        (
            "zero on a category y",
            s(
                r#"{"y": {"type": "category", "zero": true}, "series": [{"type": "line", "y": ["a"]}]}"#,
            ),
            InvalidSpec,
            Some("/y/zero"),
        ),
        (
            "min on a category y",
            s(r#"{"y": {"type": "category", "min": 0}, "series": [{"type": "line", "y": ["a"]}]}"#),
            InvalidSpec,
            Some("/y/min"),
        ),
        (
            "a y value outside the listed categories",
            s(
                r#"{"y": {"type": "category", "categories": ["a", "b"]}, "series": [{"type": "scatter", "y": ["a", "c"]}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/y/1"),
        ),
        (
            "an x value outside the listed categories",
            s(
                r#"{"x": {"categories": ["a"]}, "series": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}]}"#,
            ),
            InvalidSpec,
            Some("/series/0/x/1"),
        ),
        (
            "categories on a linear axis",
            s(r#"{"y": {"categories": ["a"]}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/categories"),
        ),
        (
            "categories on a time axis",
            s(
                r#"{"x": {"type": "time", "categories": ["a"]}, "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/categories"),
        ),
        (
            "empty categories",
            s(
                r#"{"x": {"type": "category", "categories": []}, "series": [{"type": "bar", "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/categories"),
        ),
        (
            "a category listed twice",
            s(
                r#"{"x": {"categories": ["a", "b", "a"]}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/categories/2"),
        ),
        (
            "categories that are not text",
            s(
                r#"{"x": {"categories": ["a", 2]}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/categories/1"),
        ),
        (
            "categories on a pie",
            s(
                r#"{"x": {"categories": ["a"]}, "series": [{"type": "pie", "labels": ["a"], "values": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/categories"),
        ),
        (
            "categories on a heatmap",
            s(r#"{"y": {"categories": ["a"]}, "series": [{"type": "heatmap", "z": [[1]]}]}"#),
            InvalidSpec,
            Some("/y/categories"),
        ),
        (
            "min on a category axis",
            s(r#"{"x": {"min": 1}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#),
            InvalidSpec,
            Some("/x/min"),
        ),
        (
            "min above max",
            s(r#"{"y": {"min": 5, "max": 1}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/max"),
        ),
        (
            "min equals max",
            s(r#"{"x": {"min": 1, "max": 1}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/x/max"),
        ),
        (
            "scatter without marker",
            o(series(r#"{"type": "scatter", "y": [1], "marker": "none"}"#)),
            InvalidSpec,
            Some("/series/0/marker"),
        ),
        (
            "log heatmap axis",
            s(r#"{"x": {"type": "log"}, "series": [{"type": "heatmap", "z": [[1]]}]}"#),
            InvalidSpec,
            Some("/x"),
        ),
        (
            "top-level x with panels",
            s(r#"{"x": {"label": "t"}, "panels": [{"series": [{"type": "line", "y": [1]}]}]}"#),
            InvalidSpec,
            Some("/x"),
        ),
        (
            "long panel title",
            o(format!(
                r#"{{"panels": [{{"title": "{long}", "series": [{{"type": "line", "y": [1]}}]}}]}}"#
            )),
            LimitExceeded,
            Some("/panels/0/title"),
        ),
        (
            "error inside a panel",
            s(
                r#"{"panels": [{"series": [{"type": "line", "y": [1]}]}, {"series": [{"type": "line", "y": ["x"]}]}]}"#,
            ),
            InvalidSpec,
            Some("/panels/1/series/0/y/0"),
        ),
        (
            "legend for all the panels in a plot's corner",
            s(
                r#"{"legend": {"position": "best"}, "panels": [{"series": [{"type": "line", "y": [1]}]}]}"#,
            ),
            InvalidSpec,
            Some("/legend/position"),
        ),
        // v2: subtitle, caption, palette, sparkline, description.
        (
            "subtitle not text",
            o(top(r#", "subtitle": 3"#)),
            InvalidSpec,
            Some("/subtitle"),
        ),
        (
            "caption too long",
            o(top(&format!(r#", "caption": "{long}""#))),
            LimitExceeded,
            Some("/caption"),
        ),
        (
            "description too long",
            o(top(&format!(r#", "description": "{long}""#))),
            LimitExceeded,
            Some("/description"),
        ),
        (
            "unknown palette",
            o(top(r#", "palette": "rainbow""#)),
            InvalidSpec,
            Some("/palette"),
        ),
        (
            "empty palette",
            o(top(r#", "palette": []"#)),
            InvalidSpec,
            Some("/palette"),
        ),
        (
            "bad palette colour",
            o(top(r##", "palette": ["#fff", "nope"]"##)),
            InvalidSpec,
            Some("/palette/1"),
        ),
        (
            "palette colour not text",
            o(top(r#", "palette": ["red", 3]"#)),
            InvalidSpec,
            Some("/palette/1"),
        ),
        (
            "sparkline not bool",
            o(top(r#", "sparkline": "yes""#)),
            InvalidSpec,
            Some("/sparkline"),
        ),
        (
            "panel caption too long",
            o(format!(
                r#"{{"panels": [{{"caption": "{long}", "series": [{{"type": "line", "y": [1]}}]}}]}}"#
            )),
            LimitExceeded,
            Some("/panels/0/caption"),
        ),
        // Labels: locale, time zone, axis formats and ticks (v2).
        (
            "unknown locale",
            o(top(r#", "locale": "xx-XX""#)),
            InvalidSpec,
            Some("/locale"),
        ),
        (
            "locale not a string",
            o(top(r#", "locale": 5"#)),
            InvalidSpec,
            Some("/locale"),
        ),
        (
            "unknown time zone",
            o(top(r#", "timezone": "Mars/Olympus""#)),
            InvalidSpec,
            Some("/timezone"),
        ),
        (
            "bad number format",
            s(r#"{"y": {"format": ",.2q"}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/format"),
        ),
        (
            "bad date format",
            s(
                r#"{"x": {"format": "%Q"}, "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/format"),
        ),
        (
            "format on a category axis",
            s(r#"{"x": {"format": ",d"}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#),
            InvalidSpec,
            Some("/x/format"),
        ),
        (
            "format of horizontal bars' values",
            s(
                r#"{"x": {"format": "%Y"}, "series": [{"type": "bar", "horizontal": true, "x": ["a"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/format"),
        ),
        (
            "format in a panel",
            s(
                r#"{"panels": [{"y": {"format": "1000000f"}, "series": [{"type": "line", "y": [1]}]}]}"#,
            ),
            InvalidSpec,
            Some("/panels/0/y/format"),
        ),
        (
            "ticks not a list or count",
            s(r#"{"y": {"ticks": "many"}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/ticks"),
        ),
        (
            "tick count zero",
            s(r#"{"y": {"ticks": {"count": 0}}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/ticks/count"),
        ),
        (
            "tick count with a typo",
            s(r#"{"y": {"ticks": {"cuont": 5}}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/ticks/cuont"),
        ),
        (
            "tick value not a number",
            s(r#"{"y": {"ticks": [0, "ten"]}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/ticks/1"),
        ),
        (
            "tick value of an object",
            s(r#"{"y": {"ticks": [0, {}]}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/ticks/1"),
        ),
        (
            "log tick not positive",
            s(r#"{"y": {"type": "log", "ticks": [1, 0]}, "series": [{"type": "line", "y": [1]}]}"#),
            InvalidSpec,
            Some("/y/ticks/1"),
        ),
        (
            "time tick not a date",
            s(
                r#"{"x": {"ticks": ["2025-01-01", "soon"]}, "series": [{"type": "line", "x": ["2025-01-01"], "y": [1]}]}"#,
            ),
            InvalidSpec,
            Some("/x/ticks/1"),
        ),
        (
            "tick not a category",
            s(r#"{"x": {"ticks": ["b"]}, "series": [{"type": "bar", "x": ["a"], "y": [1]}]}"#),
            InvalidSpec,
            Some("/x/ticks/0"),
        ),
        (
            "too many ticks",
            o(format!(
                r#"{{"y": {{"ticks": [{}]}}, "series": [{{"type": "line", "y": [1]}}]}}"#,
                vec!["1"; 1001].join(",")
            )),
            LimitExceeded,
            Some("/y/ticks"),
        ),
        (
            "ticks on a heatmap axis",
            s(r#"{"x": {"ticks": {"count": 3}}, "series": [{"type": "heatmap", "z": [[1]]}]}"#),
            InvalidSpec,
            Some("/x"),
        ),
    ]
}

trait Pipe {
    fn pipe_time(self) -> Vec<u8>;
    fn pipe_linear(self) -> Vec<u8>;
}
impl Pipe for Vec<u8> {
    /// Declares the x axis a time axis.
    fn pipe_time(self) -> Vec<u8> {
        let s = String::from_utf8(self).unwrap();
        s.replacen("{\"series\"", "{\"x\": {\"type\": \"time\"}, \"series\"", 1)
            .into_bytes()
    }
    /// Declares the x axis linear.
    fn pipe_linear(self) -> Vec<u8> {
        let s = String::from_utf8(self).unwrap();
        s.replacen(
            "{\"series\"",
            "{\"x\": {\"type\": \"linear\"}, \"series\"",
            1,
        )
        .into_bytes()
    }
}

#[test]
fn every_bad_input_gets_its_code_and_path() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (name, spec, code, path) in &cases {
        let res = std::panic::catch_unwind(|| {
            render_bytes(spec, &Options::default(), &Budget::from_millis(10_000))
        });
        match res {
            Err(_) => failures.push(format!("{name}: panicked")),
            Ok(Ok(_)) => failures.push(format!("{name}: rendered an image")),
            Ok(Err(e)) => {
                if e.code != *code || e.path.as_deref() != *path {
                    failures.push(format!(
                        "{name}: got {:?} at {:?} ({}), want {code:?} at {path:?}",
                        e.code, e.path, e.message
                    ));
                }
                if e.message.is_empty() {
                    failures.push(format!("{name}: empty message"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn configured_limits_are_enforced_with_the_value_named() {
    let limits = Limits {
        max_points: 100,
        max_input_bytes: 2_000,
        ..Limits::default()
    };
    let opts = Options {
        limits,
        ..Options::default()
    };
    let ys = vec!["1"; 101].join(",");
    let e = render_bytes(
        series(&format!(r#"{{"type": "line", "y": [{ys}]}}"#)).as_bytes(),
        &opts,
        &Budget::from_millis(5_000),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.path.as_deref()),
        (LimitExceeded, Some("/series/0/y"))
    );
    assert!(
        e.message.contains("101") && e.message.contains("100"),
        "{}",
        e.message
    );
    let big = series(&format!(
        r#"{{"type": "line", "y": [{}]}}"#,
        vec!["1"; 1000].join(",")
    ));
    let e = render_bytes(big.as_bytes(), &opts, &Budget::from_millis(5_000)).unwrap_err();
    assert_eq!((e.code, e.path.as_deref()), (LimitExceeded, None));
    assert!(e.message.contains("2000"), "{}", e.message);
}

#[test]
fn error_json_has_the_spec_shape() {
    let e = render_bytes(
        series(r#"{"type": "line", "y": [1, "abc"]}"#).as_bytes(),
        &Options::default(),
        &Budget::from_millis(5_000),
    )
    .unwrap_err();
    let v = e.to_json();
    assert_eq!(v["error"]["code"], "invalid_spec");
    assert_eq!(v["error"]["path"], "/series/0/y/1");
    assert_eq!(
        v["error"]["message"],
        "series[0].y[1]: expected a number, found \"abc\""
    );
    assert_eq!(e.http_status(), 400);
}
