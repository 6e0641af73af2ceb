//! v2: new series types — whole renders of band, box, candlestick, radar and text series in
//! their variants (both formats, deterministic SVG).

use crate::budget::Budget;
use crate::{render_bytes, Options};

fn render(spec: &str, format: crate::Format) -> Vec<u8> {
    let options = Options {
        format: Some(format),
        ..Options::default()
    };
    render_bytes(spec.as_bytes(), &options, &Budget::from_millis(20_000))
        .unwrap_or_else(|e| panic!("{spec}: {e:?}"))
        .bytes
}

const VARIANTS: [&str; 6] = [
    r#"{"series": [{"type": "box", "horizontal": true, "x": ["a", "b"], "values": [[1, 2, 3, 4, 20], [2, 3, 3, 5]]},
                   {"type": "bar", "horizontal": true, "x": ["a", "b"], "y": [2, 3], "opacity": 0.3}]}"#,
    r#"{"theme": "dark", "series": [{"type": "candlestick", "style": "ohlc", "x": ["Q1", "Q2", "Q3"],
        "open": [1, 2, 3], "high": [2.5, 3, 3.5], "low": [0.5, 1, 2], "close": [2, 1.5, 3.2]}]}"#,
    r#"{"y": {"type": "log"}, "series": [{"type": "box", "values": [[1, 10, 100], [5, 50, 500, 5000]]},
        {"type": "text", "x": ["1", "2"], "y": [200, 9000], "text": ["small", 42], "anchor": "end", "size": 10}]}"#,
    r#"{"x": {"min": 2, "max": 4}, "series": [{"type": "band", "x": [0, 1, 2, 3, 4, 5], "lower": [0, 1, 1, null, 2, 2], "upper": [1, 2, 3, 4, 5, 6]},
        {"type": "text", "x": [0, 3], "y": [1, 1], "text": ["outside", "inside"]}]}"#,
    r#"{"legend": {"position": "bottom"}, "series": [{"type": "radar", "name": "A", "labels": ["north", "east", "south", "west", "up"], "values": [-2, 3, 5, 1, 4], "width": 3}]}"#,
    r##"{"panels": [{"series": [{"type": "radar", "labels": ["a", "b", "c"], "values": [1, 2, 3], "fill": false}]},
        {"series": [{"type": "candlestick", "x": ["2025-01-01", "2025-01-02"], "open": [1, 2], "high": [2, 2], "low": [1, 1], "close": [2, 1], "up_color": "navy", "down_color": "#f0f"}]}],
        "grid": {"rows": 1, "cols": 2}}"##,
];

#[test]
fn every_variant_renders_and_svg_is_deterministic() {
    for spec in VARIANTS {
        let png = render(spec, crate::Format::Png);
        assert!(png.starts_with(b"\x89PNG"), "{spec}");
        let svg = render(spec, crate::Format::Svg);
        assert_eq!(svg, render(spec, crate::Format::Svg), "{spec}");
    }
}
