//! Every sample renders; pictures are compared with committed goldens: SVG exactly (it is
//! deterministic: fonts are embedded and nothing depends on the host), PNG by a perceptual
//! threshold, never byte for byte.
//!
//! After an intended change of look, regenerate with `CHARTFN_UPDATE_GOLDEN=1 cargo test --test
//! render`, look at the new files, and commit them.

use chartfn::{render_bytes, Budget, Format, Options};
use std::path::{Path, PathBuf};

fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
    v.sort();
    assert!(v.len() >= 7, "one sample per chart type");
    v
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn updating() -> bool {
    std::env::var_os("CHARTFN_UPDATE_GOLDEN").is_some()
}

fn render(spec: &Path, format: Format) -> chartfn::Rendered {
    let bytes = std::fs::read(spec).unwrap();
    let opts = Options {
        format: Some(format),
        ..Options::default()
    };
    render_bytes(&bytes, &opts, &Budget::from_millis(60_000))
        .unwrap_or_else(|e| panic!("{}: {e}", spec.display()))
}

mod common;

/// Decodes a PNG into RGBA8 (whatever its colour type).
pub fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let ((w, h), rgba) = common::decode(png_bytes);
    (w, h, rgba)
}

/// The share of 2×2 blocks that may differ visibly from the golden.
const MAX_VISIBLE_SHARE: f64 = 0.002;

/// A just noticeable colour step: 6 % of the largest YIQ distance (black to white is 100 %), as
/// pixelmatch measures it. A luminance change alone must be about 6 % of full scale to count.
const JUST_NOTICEABLE: f64 = 0.06;

/// pixelmatch's squared YIQ distance between black and white: what [`JUST_NOTICEABLE`] is of.
const MAX_YIQ_DELTA: f64 = 35215.0;

/// A perceptual distance: the share of 2×2 blocks whose colour differs by more than a just
/// noticeable step. Colours are compared in YIQ with pixelmatch's weights: luma and both chroma
/// axes count, so a hue change of equal luminance (red to green) is seen, while anti-aliasing or
/// rounding changes stay far below the threshold. Pixels are composited over white first.
fn visible_difference(a: &[u8], b: &[u8], w: u32, h: u32) -> f64 {
    let limit = JUST_NOTICEABLE * JUST_NOTICEABLE * MAX_YIQ_DELTA;
    let (mut differing, mut blocks) = (0usize, 0usize);
    for by in (0..h - 1).step_by(2) {
        for bx in (0..w - 1).step_by(2) {
            if yiq_delta(block_yiq(a, w, bx, by), block_yiq(b, w, bx, by)) > limit {
                differing += 1;
            }
            blocks += 1;
        }
    }
    differing as f64 / blocks as f64
}

/// Whether two RGBA images of `w`×`h` look the same: few blocks differ visibly.
fn looks_the_same(a: &[u8], b: &[u8], w: u32, h: u32) -> bool {
    visible_difference(a, b, w, h) <= MAX_VISIBLE_SHARE
}

/// The mean colour of the 2×2 block at (`bx`, `by`), over white, in YIQ.
fn block_yiq(p: &[u8], w: u32, bx: u32, by: u32) -> [f64; 3] {
    let mut sum = [0.0; 3];
    for (x, y) in [(bx, by), (bx + 1, by), (bx, by + 1), (bx + 1, by + 1)] {
        let i = ((y * w + x) * 4) as usize;
        let alpha = p[i + 3] as f64 / 255.0;
        for (c, s) in sum.iter_mut().enumerate() {
            *s += 255.0 - (255.0 - p[i + c] as f64) * alpha;
        }
    }
    yiq(sum.map(|s| s / 4.0))
}

/// RGB to YIQ (NTSC luma and chroma), the coefficients pixelmatch uses.
fn yiq([r, g, b]: [f64; 3]) -> [f64; 3] {
    [
        r * 0.29889531 + g * 0.58662247 + b * 0.11448223,
        r * 0.59597799 - g * 0.27417610 - b * 0.32180189,
        r * 0.21147017 - g * 0.52261711 + b * 0.31114694,
    ]
}

/// pixelmatch's squared perceptual distance between two YIQ colours.
fn yiq_delta(a: [f64; 3], b: [f64; 3]) -> f64 {
    let d = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
    0.5053 * d[0] * d[0] + 0.299 * d[1] * d[1] + 0.1957 * d[2] * d[2]
}

#[test]
fn every_sample_renders_a_png_of_its_size() {
    for spec in samples() {
        let img = render(&spec, Format::Png);
        let (w, h, rgba) = decode(&img.bytes);
        assert_eq!((w, h), (img.width, img.height), "{}", spec.display());
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&spec).unwrap()).unwrap();
        let want = (
            v["width"].as_u64().unwrap_or(800) as u32,
            v["height"].as_u64().unwrap_or(600) as u32,
        );
        assert_eq!((w, h), want, "{}", spec.display());
        // Not blank: a chart has ink of several colours.
        let distinct: std::collections::HashSet<&[u8]> = rgba.chunks_exact(4).collect();
        assert!(distinct.len() > 10, "{} looks blank", spec.display());
    }
}

#[test]
fn svg_matches_golden_exactly() {
    let mut mismatches = Vec::new();
    for spec in samples() {
        let name = format!("{}.svg", spec.file_stem().unwrap().to_string_lossy());
        let svg = String::from_utf8(render(&spec, Format::Svg).bytes).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        let path = golden(&name);
        if updating() {
            std::fs::write(&path, &svg).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing golden {name}; run with CHARTFN_UPDATE_GOLDEN=1"));
        if svg != want {
            mismatches.push(name);
        }
    }
    assert!(
        mismatches.is_empty(),
        "SVG differs from golden: {mismatches:?}"
    );
}

#[test]
fn svg_is_deterministic() {
    let spec = &samples()[0];
    assert_eq!(
        render(spec, Format::Svg).bytes,
        render(spec, Format::Svg).bytes
    );
}

#[test]
fn png_matches_golden_perceptually() {
    let mut failures = Vec::new();
    for spec in samples() {
        let name = format!("{}.png", spec.file_stem().unwrap().to_string_lossy());
        let img = render(&spec, Format::Png);
        let path = golden(&name);
        if updating() {
            std::fs::write(&path, &img.bytes).unwrap();
            continue;
        }
        let want = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("missing golden {name}; run with CHARTFN_UPDATE_GOLDEN=1"));
        let (w, h, a) = decode(&img.bytes);
        let (gw, gh, b) = decode(&want);
        if (w, h) != (gw, gh) {
            failures.push(format!("{name}: size {w}×{h}, golden {gw}×{gh}"));
            continue;
        }
        let d = visible_difference(&a, &b, w, h);
        if !looks_the_same(&a, &b, w, h) {
            failures.push(format!(
                "{name}: {:.3}% of blocks differ visibly",
                d * 100.0
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn the_perceptual_check_can_fail() {
    let spec = &samples()[0];
    let (w, h, a) = decode(&render(spec, Format::Png).bytes);
    let mut b = a.clone();
    // Paint a 40×40 black square: a visible change.
    for y in 100..140 {
        for x in 100..140 {
            let i = ((y * w + x) * 4) as usize;
            b[i..i + 3].copy_from_slice(&[0, 0, 0]);
        }
    }
    assert!(!looks_the_same(&a, &b, w, h));
    assert_eq!(visible_difference(&a, &a, w, h), 0.0);
}

/// Rec. 709 luma, the luminance a grey-only comparison would see.
fn luma([r, g, b]: [u8; 3]) -> f64 {
    0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64
}

/// A red and a green of equal Rec. 709 luma (54.357 and 54.355).
const RED: [u8; 3] = [255, 0, 2];
const GREEN: [u8; 3] = [0, 76, 0];

#[test]
fn the_perceptual_check_sees_red_and_green_of_equal_luminance() {
    assert!((luma(RED) - luma(GREEN)).abs() < 0.01);
    // Stripes of red and green on white, and the same with red and green swapped.
    let (w, h) = (64u32, 64u32);
    let stripes = |first: [u8; 3], second: [u8; 3]| -> Vec<u8> {
        (0..w * h)
            .flat_map(|i| {
                let [r, g, b] = match (i % w) / 8 % 3 {
                    0 => first,
                    1 => second,
                    _ => [255, 255, 255],
                };
                [r, g, b, 255]
            })
            .collect()
    };
    let (a, b) = (stripes(RED, GREEN), stripes(GREEN, RED));
    assert!(!looks_the_same(&a, &b, w, h), "a red-green swap passed");
    // A chart whose bars turn from that red to that green.
    let bars = |color: [u8; 3]| {
        let hex = format!("#{:02x}{:02x}{:02x}", color[0], color[1], color[2]);
        let spec = format!(
            r#"{{"width": 200, "height": 150, "series": [{{"type": "bar", "y": [3, 5, 4], "color": "{hex}"}}]}}"#
        );
        let opts = Options {
            format: Some(Format::Png),
            ..Options::default()
        };
        let img = render_bytes(spec.as_bytes(), &opts, &Budget::from_millis(10_000)).unwrap();
        decode(&img.bytes)
    };
    let ((w, h, red), (_, _, green)) = (bars(RED), bars(GREEN));
    assert!(
        !looks_the_same(&red, &green, w, h),
        "red bars look like green ones"
    );
}

#[test]
fn one_level_noise_looks_the_same() {
    let spec = &samples()[0];
    let (w, h, a) = decode(&render(spec, Format::Png).bytes);
    // Every colour channel one level up or down (a fixed pseudo-random pattern).
    let mut state = 0x2545_f491_u32;
    let b: Vec<u8> = a
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if i % 4 == 3 {
                return v;
            }
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            if state & 1 == 0 {
                v.saturating_add(1)
            } else {
                v.saturating_sub(1)
            }
        })
        .collect();
    assert_ne!(a, b);
    assert!(looks_the_same(&a, &b, w, h));
    assert_eq!(visible_difference(&a, &b, w, h), 0.0);
}

#[test]
fn scale_multiplies_device_pixels() {
    let spec = br#"{"width": 300, "height": 200, "scale": 2, "series": [{"type": "line", "y": [1, 3, 2]}]}"#;
    let img = render_bytes(spec, &Options::default(), &Budget::from_millis(10_000)).unwrap();
    assert_eq!(decode(&img.bytes).0, 600);
    assert_eq!(decode(&img.bytes).1, 400);
}

#[test]
fn transparent_background_keeps_alpha() {
    let spec = br#"{"width": 200, "height": 100, "background": "transparent", "series": [{"type": "bar", "y": [1, 2]}]}"#;
    let img = render_bytes(spec, &Options::default(), &Budget::from_millis(10_000)).unwrap();
    let (_, _, rgba) = decode(&img.bytes);
    assert_eq!(rgba[3], 0, "the corner is transparent");
    assert!(
        rgba.chunks_exact(4).any(|p| p[3] == 255),
        "the bars are opaque"
    );
}

#[test]
fn tiny_and_edge_case_charts_render() {
    let specs = [
        r#"{"series": [{"type": "line", "y": [5]}]}"#,
        r#"{"series": [{"type": "line", "y": [3, 3, 3]}]}"#,
        r#"{"series": [{"type": "scatter", "x": [0], "y": [0]}]}"#,
        r#"{"series": [{"type": "line", "y": [null, null]}]}"#,
        r#"{"series": [{"type": "bar", "y": [0, 0]}]}"#,
        r#"{"series": [{"type": "bar", "y": [-3, 2, -1]}]}"#,
        r#"{"series": [{"type": "histogram", "values": [7, 7, 7]}]}"#,
        r#"{"series": [{"type": "heatmap", "z": [[null]]}]}"#,
        r#"{"series": [{"type": "pie", "values": [1, 0, 0]}]}"#,
        r#"{"width": 32, "height": 32, "title": "a very long title on a tiny chart", "series": [{"type": "line", "y": [1, 2]}]}"#,
        r#"{"x": {"min": 2, "max": 3}, "y": {"min": 0, "max": 1}, "series": [{"type": "line", "x": [0, 10], "y": [-5, 5]}]}"#,
        r#"{"y": {"type": "log"}, "series": [{"type": "line", "y": [1e-10, 1e10]}]}"#,
        r#"{"series": [{"type": "line", "x": ["2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z"], "y": [1, 2]}]}"#,
        r#"{"series": [{"type": "line", "x": ["1900-01-01", "2100-01-01"], "y": [1, 2]}]}"#,
        r#"{"series": [{"type": "line", "name": "مرحبا שלום", "y": [1, 2]}, {"type": "line", "name": "e\u0301\u0301\u0301", "y": [2, 1]}]}"#,
        r#"{"series": [{"type": "bar", "x": ["a\u0000b", "\t", " "], "y": [1, 2, 3]}]}"#,
        r#"{"series": [{"type": "line", "y": [1e-300, 1e300]}]}"#,
        r#"{"series": [{"type": "area", "y": [1, null, 3], "stack": "s"}, {"type": "area", "y": [1, 2, 3], "stack": "s"}]}"#,
    ];
    for s in specs {
        for format in [Format::Png, Format::Svg] {
            let opts = Options {
                format: Some(format),
                ..Options::default()
            };
            render_bytes(s.as_bytes(), &opts, &Budget::from_millis(30_000))
                .unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    }
}

#[test]
fn schema_is_generated_and_names_every_series_type() {
    let schema = chartfn::spec::json_schema();
    let text = schema.to_string();
    for t in [
        "line",
        "scatter",
        "bar",
        "area",
        "histogram",
        "heatmap",
        "pie",
        "panels",
        "legend",
    ] {
        assert!(text.contains(&format!("\"{t}\"")), "schema lacks {t}");
    }
    assert_eq!(schema["additionalProperties"], false);
}

/// Big renders reuse the pixel buffers and stroke masks of earlier ones (left dirty on
/// purpose): a chart drawn after others comes out byte for byte as before.
#[test]
fn big_renders_do_not_depend_on_earlier_ones() {
    let big = |name: &str| -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        let mut spec: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        // 2400×1800: every buffer is above the size that is reused.
        spec["width"] = 2400.into();
        spec["height"] = 1800.into();
        let bytes = serde_json::to_vec(&spec).unwrap();
        let opts = Options {
            format: Some(Format::Png),
            ..Options::default()
        };
        render_bytes(&bytes, &opts, &Budget::from_millis(60_000))
            .unwrap()
            .bytes
    };
    let first = big("line.json");
    let others = [big("scatter.json"), big("heatmap.json"), big("area.json")];
    assert!(others.iter().all(|o| o != &first));
    assert!(
        big("line.json") == first,
        "line chart changed after other big renders"
    );
    assert!(big("scatter.json") == others[0], "scatter changed");
}

/// Every format decodes at the chart's size: PNG, WebP (lossless: the PNG's very pixels), JPEG
/// (at its quality, a transparent chart flattened onto the theme's background); a quality out
/// of range is an error at `/quality`.
/// PDF keeps text as text: `pdftotext` (poppler) reads the title, a non-Latin subtitle and the
/// tick labels back; the fonts are embedded; the page is the chart's logical size in points
/// (96 pixels to the inch, whatever the `scale`); the alt text is the document's subject.
#[test]
fn pdf_is_vector_with_searchable_text() {
    let spec = r#"{"title": "Revenue by quarter", "subtitle": "Umsatz – Выручка ≥ 5 %",
        "width": 640, "height": 400, "scale": 2, "format": "pdf",
        "y": {"label": "revenue", "format": "$,.0f"},
        "series": [{"type": "bar", "name": "2025", "x": ["Q1", "Q2", "Q3", "Q4"],
                    "y": [1200, 2400, 1800, 3000]}]}"#;
    let budget = || Budget::from_millis(20_000);
    let pdf = render_bytes(spec.as_bytes(), &Options::default(), &budget()).unwrap();
    assert_eq!(pdf.format.content_type(), "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let dir = std::env::temp_dir().join(format!("chartfn-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("chart.pdf");
    std::fs::write(&file, &pdf.bytes).unwrap();
    let run = |tool: &str, args: &[&str]| -> String {
        let out = std::process::Command::new(common::tool(tool))
            .args(args)
            .arg(&file)
            .args(if tool == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("pdftotext", &[]);
    for word in [
        "Revenue by quarter",
        "Umsatz",
        "Выручка",
        "revenue",
        "Q1",
        "Q4",
        "$3,000",
        "$1,000",
    ] {
        assert!(
            text.contains(word),
            "{word:?} not found in the PDF's text:\n{text}"
        );
    }
    let info = run("pdfinfo", &[]);
    assert!(info.contains("Page size:       480 x 300 pts"), "{info}");
    assert!(
        info.contains("Title:           Revenue by quarter"),
        "{info}"
    );
    assert!(info.contains("Subject:         Bar chart"), "{info}");
    let fonts = run("pdffonts", &[]);
    let embedded = fonts
        .lines()
        .filter(|l| l.contains("DejaVuSans") && l.contains(" yes yes "))
        .count();
    assert!(
        embedded >= 2,
        "regular and bold embedded and subset:\n{fonts}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_raster_format_decodes_at_the_charts_size() {
    let spec = std::fs::read(format!("{}/examples/line.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let render = |format: Format, extra: &str| {
        let mut v: serde_json::Value = serde_json::from_slice(&spec).unwrap();
        v["width"] = 320.into();
        v["height"] = 200.into();
        if !extra.is_empty() {
            let more: serde_json::Value = serde_json::from_str(extra).unwrap();
            for (k, val) in more.as_object().unwrap() {
                v[k] = val.clone();
            }
        }
        let options = Options {
            format: Some(format),
            ..Options::default()
        };
        render_bytes(
            v.to_string().as_bytes(),
            &options,
            &Budget::from_millis(20_000),
        )
    };
    let png = render(Format::Png, "").unwrap();
    let (size, png_pixels) = common::decode(&png.bytes);
    assert_eq!(size, (320, 200));

    let webp = render(Format::Webp, "").unwrap();
    assert_eq!(webp.format.content_type(), "image/webp");
    let mut d = image_webp::WebPDecoder::new(std::io::Cursor::new(&webp.bytes)).unwrap();
    assert_eq!(d.dimensions(), (320, 200));
    let mut pixels = vec![0; d.output_buffer_size().unwrap()];
    d.read_image(&mut pixels).unwrap();
    let channels = pixels.len() / (320 * 200);
    let rgba: Vec<u8> = pixels
        .chunks_exact(channels)
        .flat_map(|p| [p[0], p[1], p[2], if channels == 4 { p[3] } else { 255 }])
        .collect();
    // The PNG may give a few rare anti-aliasing mixtures their nearest palette colour; WebP
    // keeps every pixel exact.
    let differing = rgba
        .chunks_exact(4)
        .zip(png_pixels.chunks_exact(4))
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        differing <= 64,
        "{differing} pixels differ between WebP and PNG"
    );

    for (extra, quality) in [
        ("", 90),
        (r#"{"quality": 40, "background": "transparent"}"#, 40),
    ] {
        let jpeg = render(Format::Jpeg, extra).unwrap();
        assert_eq!(jpeg.format.content_type(), "image/jpeg");
        let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(&jpeg.bytes));
        let px = d.decode().unwrap();
        let info = d.info().unwrap();
        assert_eq!((info.width, info.height), (320, 200), "quality {quality}");
        // The top-left corner is background: white, also where the chart is transparent.
        assert!(
            px[..3].iter().all(|&c| c > 245),
            "quality {quality}: {:?}",
            &px[..3]
        );
    }
    let low = render(Format::Jpeg, r#"{"quality": 20}"#)
        .unwrap()
        .bytes
        .len();
    let high = render(Format::Jpeg, r#"{"quality": 95}"#)
        .unwrap()
        .bytes
        .len();
    assert!(
        low < high,
        "quality 20 writes {low} bytes, 95 writes {high}"
    );

    for bad in ["0", "101", "\"high\""] {
        let e = render(Format::Jpeg, &format!(r#"{{"quality": {bad}}}"#)).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/quality"), "{bad}: {e:?}");
    }
}

/// An area's `width` is the line along its top; 0 leaves the fill alone (as Vega-Lite and
/// matplotlib's `fill_between` draw areas). Other series keep a line of some width.
#[test]
fn an_area_of_width_0_has_no_line_along_its_top() {
    let area = |width: &str| {
        format!(
            r##"{{"background": "#ffffff", "series": [{{"type": "area", "color": "#ff0000",
                "y": [1, 3, 2, 4]{width}}}]}}"##
        )
    };
    // Full red only where the line is: the fill is at 0.35 over white.
    let full_red = |spec: &str| {
        let (_, rgba) = common::rendered_pixels(&serde_json::from_str(spec).unwrap());
        rgba.chunks_exact(4)
            .filter(|p| p[0] > 230 && p[1] < 60 && p[2] < 60)
            .count()
    };
    assert!(full_red(&area("")) > 100);
    assert_eq!(full_red(&area(r#", "width": 0"#)), 0);
    let line = r#"{"series": [{"type": "line", "y": [1, 2], "width": 0}]}"#;
    let opts = Options::default();
    let Err(err) = render_bytes(line.as_bytes(), &opts, &Budget::from_millis(9_000)) else {
        panic!("a line of width 0 is refused");
    };
    assert_eq!(err.path.as_deref(), Some("/series/0/width"), "{err:?}");
}
