//! v2: what an image says about itself — alt text in SVG and PNG, `Rendered::alt` and
//! `Rendered::warnings` — and how subtitle, caption, palette and sparkline change the picture.

use chartfn::{render_bytes, Budget, Format, Options};

mod common;

fn render(spec: &str, format: Format) -> chartfn::Rendered {
    let opts = Options {
        format: Some(format),
        ..Options::default()
    };
    render_bytes(spec.as_bytes(), &opts, &Budget::from_millis(30_000))
        .unwrap_or_else(|e| panic!("{spec}: {e}"))
}

const BARS: &str = r#"{"width": 300, "height": 200, "title": "A <b> & \"c\"", "series": [{"type": "bar", "name": "n", "x": ["p", "q"], "y": [1, 2]}]}"#;

#[test]
fn svg_is_labelled_by_its_title_and_description() {
    let img = render(BARS, Format::Svg);
    let svg = String::from_utf8(img.bytes).unwrap();
    let root = &svg[..svg.find('>').unwrap()];
    assert!(root.contains(r#" role="img""#), "{root}");
    let ids = root.split("aria-labelledby=\"").nth(1).unwrap();
    let ids: Vec<&str> = ids[..ids.find('"').unwrap()].split(' ').collect();
    assert_eq!(ids.len(), 2);
    assert!(svg.contains(&format!(
        "<title id=\"{}\">A &lt;b&gt; &amp; &quot;c&quot;</title>",
        ids[0]
    )));
    let desc = format!(
        "<desc id=\"{}\">Bar chart &quot;A &lt;b&gt; &amp; &quot;c&quot;&quot;: 1 series (n); x: 2 categories (p, q); y: 1 to 2.</desc>",
        ids[1]
    );
    assert!(svg.contains(&desc), "{svg}");
    assert_eq!(
        img.alt,
        "Bar chart \"A <b> & \"c\"\": 1 series (n); x: 2 categories (p, q); y: 1 to 2."
    );
    // Before anything drawn, so that assistive technology finds it first.
    assert!(svg.find("<desc").unwrap() < svg.find("<rect").unwrap());
}

/// Keyword and text of each of a PNG's text chunks of one kind.
type Texts = Vec<(String, String)>;

/// The PNG's text chunks, as the png crate's decoder reads them: (tEXt, iTXt).
fn png_texts(bytes: &[u8]) -> (Texts, Texts) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    let latin1 = info
        .uncompressed_latin1_text
        .iter()
        .map(|c| (c.keyword.clone(), c.text.clone()))
        .collect();
    let utf8 = info
        .utf8_text
        .iter()
        .map(|c| (c.keyword.clone(), c.get_text().unwrap()))
        .collect();
    (latin1, utf8)
}

#[test]
fn png_carries_the_alt_text_as_a_description_chunk() {
    let img = render(BARS, Format::Png);
    let (latin1, utf8) = png_texts(&img.bytes);
    assert_eq!(latin1, [("Description".to_owned(), img.alt.clone())]);
    assert!(utf8.is_empty());
    // Text beyond Latin-1 goes into an iTXt chunk (UTF-8), under the same keyword.
    let spec = r#"{"width": 200, "height": 120, "description": "Umsatz – 2025 (€)", "series": [{"type": "line", "y": [1, 2]}]}"#;
    let img = render(spec, Format::Png);
    assert_eq!(img.alt, "Umsatz – 2025 (€)");
    let (latin1, utf8) = png_texts(&img.bytes);
    assert!(latin1.is_empty());
    assert_eq!(utf8, [("Description".to_owned(), img.alt.clone())]);
    // The pixels decode as before.
    let ((w, h), _) = common::decode(&img.bytes);
    assert_eq!((w, h), (200, 120));
}

#[test]
fn warnings_travel_with_the_image() {
    let spec = r#"{"width": 160, "height": 40, "sparkline": true, "title": "t", "series": [{"type": "line", "y": [1, 3, 2]}]}"#;
    for format in [Format::Png, Format::Svg] {
        let img = render(spec, format);
        assert_eq!(img.warnings, ["/title: not drawn in a sparkline"]);
    }
    assert!(render(BARS, Format::Png).warnings.is_empty());
}

/// Rows (top to bottom) of an RGBA image that hold a pixel unlike the top-left one.
fn inked_rows(bytes: &[u8]) -> Vec<u32> {
    let ((w, h), rgba) = common::decode(bytes);
    let bg = &rgba[..4];
    (0..h)
        .filter(|&y| {
            (0..w).any(|x| {
                let i = ((y * w + x) * 4) as usize;
                &rgba[i..i + 4] != bg
            })
        })
        .collect()
}

#[test]
fn a_sparkline_fills_the_image() {
    let spec = r#"{"width": 160, "height": 40, "sparkline": true, "series": [{"type": "bar", "y": [3, 1, 4, 1, 5]}]}"#;
    let img = render(spec, Format::Png);
    let ((w, h), rgba) = common::decode(&img.bytes);
    let at = |x: u32, y: u32| &rgba[((y * w + x) * 4) as usize..][..3];
    // The tallest bar reaches the top and every bar the bottom: no axes, no padding (five
    // category slots of 32 pixels, a bar in the middle of each).
    assert_ne!(at(144, 0), [255, 255, 255], "the tallest bar is cut short");
    for x in [16, w / 2, w - 16] {
        assert_ne!(
            at(x, h - 1),
            [255, 255, 255],
            "no bar at the bottom at x={x}"
        );
    }
    // And without `sparkline` the same chart has margins.
    let framed = render(&spec.replace(r#""sparkline": true, "#, ""), Format::Png);
    let ((w, h), rgba) = common::decode(&framed.bytes);
    assert_eq!(&rgba[((h - 1) * w * 4) as usize..][..3], [255, 255, 255]);
}

#[test]
fn subtitle_and_caption_take_room_of_their_own() {
    let base =
        r#""width": 400, "height": 300, "title": "T", "series": [{"type": "line", "y": [1, 2]}]"#;
    let plain = inked_rows(&render(&format!("{{{base}}}"), Format::Png).bytes);
    let with = inked_rows(
        &render(
            &format!(r#"{{{base}, "subtitle": "S", "caption": "Source: ONS"}}"#),
            Format::Png,
        )
        .bytes,
    );
    // The caption's ink reaches lower than anything on the plain chart.
    assert!(
        with.last() > plain.last(),
        "{:?} vs {:?}",
        with.last(),
        plain.last()
    );
    let svg = String::from_utf8(
        render(
            &format!(r#"{{{base}, "subtitle": "S", "caption": "Source: ONS"}}"#),
            Format::Svg,
        )
        .bytes,
    )
    .unwrap();
    let y_of = |text: &str| -> f64 {
        let at = svg.find(&format!(">{text}</text>")).unwrap();
        let open = svg[..at].rfind("<text x=").unwrap();
        let y = svg[open..].split("y=\"").nth(1).unwrap();
        y[..y.find('"').unwrap()].parse().unwrap()
    };
    assert!(y_of("T") < y_of("S"), "subtitle under the title");
    assert!(y_of("Source: ONS") > 280.0, "caption at the bottom");
}

#[test]
fn a_palette_colours_the_series() {
    let spec = r#"{"width": 200, "height": 120, "palette": "okabe-ito", "series": [{"type": "line", "y": [1, 2]}, {"type": "line", "y": [2, 1]}]}"#;
    let svg = String::from_utf8(render(spec, Format::Svg).bytes).unwrap();
    assert!(
        svg.contains(r##"stroke="#e69f00""##),
        "first Okabe–Ito colour"
    );
    assert!(
        svg.contains(r##"stroke="#56b4e9""##),
        "second Okabe–Ito colour"
    );
    let listed = spec.replace(r#""okabe-ito""#, r##"["#123456"]"##);
    let svg = String::from_utf8(render(&listed, Format::Svg).bytes).unwrap();
    assert_eq!(
        svg.matches(r##"stroke="#123456""##).count(),
        2,
        "wraps around"
    );
}

#[test]
fn a_panel_caption_sits_under_its_panel() {
    let spec = r#"{"width": 600, "height": 300, "caption": "Source: both", "panels": [
        {"title": "A", "caption": "Source: left", "series": [{"type": "line", "y": [1, 2]}]},
        {"title": "B", "series": [{"type": "bar", "y": [1, 2]}]}]}"#;
    let svg = String::from_utf8(render(spec, Format::Svg).bytes).unwrap();
    let at = |text: &str| -> (f64, f64) {
        let end = svg.find(&format!(">{text}</text>")).unwrap();
        let open = svg[..end].rfind("<text x=").unwrap();
        let num = |attr: &str| -> f64 {
            let v = svg[open..].split(&format!("{attr}=\"")).nth(1).unwrap();
            v[..v.find('"').unwrap()].parse().unwrap()
        };
        (num("x"), num("y"))
    };
    let (left_x, left_y) = at("Source: left");
    let (_, chart_y) = at("Source: both");
    assert!(left_x < 300.0, "in the left panel");
    assert!(left_y < chart_y, "above the chart's caption");
    assert!(left_y > 250.0, "at the bottom of its panel");
}

#[test]
fn every_panel_kind_draws_as_a_sparkline() {
    let spec = r#"{"width": 320, "height": 160, "sparkline": true, "panels": [
        {"series": [{"type": "radar", "labels": ["a", "b", "c", "d"], "values": [4, 1, 3, 2], "fill": true}]},
        {"series": [{"type": "box", "x": ["p", "q"], "values": [[1, 2, 3, 9], [2, 4, 5, 6]]}]},
        {"series": [{"type": "candlestick", "x": ["2025-03-03", "2025-03-04"], "open": [1, 2], "high": [3, 4], "low": [0, 1], "close": [2, 3]}]},
        {"series": [{"type": "band", "x": [0, 1, 2], "lower": [1, 2, 1], "upper": [3, 4, 3]}]}]}"#;
    for format in [Format::Png, Format::Svg] {
        let img = render(spec, format);
        assert!(img.warnings.is_empty());
        assert!(
            img.alt
                .starts_with("Chart of 4 panels. Panel 1: radar chart"),
            "{}",
            img.alt
        );
    }
    let svg = String::from_utf8(render(spec, Format::Svg).bytes).unwrap();
    assert!(!svg.contains("<text"), "a sparkline writes no text: {svg}");
}
