//! Text in every script a report needs: the compiled-in faces draw Arabic, Hebrew, Devanagari
//! and Thai with no missing glyph in every format; a CJK title needs the font folder (Debian's
//! Noto Sans CJK, which scripts/test.sh fetches) and without it is drawn as boxes with a
//! warning — or refused, when the spec says `"fonts": {"missing": "error"}`.

use chartfn::{render_bytes, Budget, ErrorCode, FontLibrary, Format, Options};
use std::path::PathBuf;

mod common;

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `spec` with `"fonts": {"missing": "error"}` added.
fn strict(spec: &[u8]) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(spec).unwrap();
    v["fonts"] = serde_json::json!({"missing": "error"});
    v.to_string().into_bytes()
}

fn render(spec: &[u8], format: Format, fonts: &FontLibrary) -> chartfn::Result<chartfn::Rendered> {
    let options = Options {
        format: Some(format),
        fonts: fonts.clone(),
        ..Options::default()
    };
    render_bytes(spec, &options, &Budget::from_millis(20_000))
}

/// Debian's Noto Sans CJK (regular), fetched by scripts/test.sh.
fn cjk_folder() -> PathBuf {
    let dir = std::env::var_os("CHARTFN_TEST_CJK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/chartfn-fonts/noto-cjk")
        });
    assert!(
        dir.join("NotoSansCJK-Regular.ttc").is_file(),
        "no Noto Sans CJK in {}; run scripts/test.sh (or .ci/run), which fetches it",
        dir.display()
    );
    dir
}

fn pdf_text(bytes: &[u8], name: &str) -> String {
    let file =
        std::env::temp_dir().join(format!("chartfn-fonts-{}-{name}.pdf", std::process::id()));
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new(common::tool("pdftotext"))
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn arabic_hebrew_devanagari_and_thai_need_no_font_folder() {
    let spec = strict(&example("world-scripts.json"));
    let builtin = FontLibrary::builtin();
    for format in [Format::Png, Format::Svg, Format::Pdf, Format::Webp] {
        let r = render(&spec, format, &builtin)
            .unwrap_or_else(|e| panic!("{format:?}: a glyph is missing: {e}"));
        assert!(r.warnings.is_empty(), "{format:?}: {:?}", r.warnings);
        if format == Format::Svg {
            let svg = String::from_utf8(r.bytes.clone()).unwrap();
            // Each script is written with the family that has it.
            for family in [
                "Noto Sans Arabic",
                "Noto Sans Hebrew",
                "Noto Sans Devanagari",
                "Noto Sans Thai",
            ] {
                assert!(
                    svg.contains(&format!("font-family=\"'{family}'\"")),
                    "{family}"
                );
            }
        }
        if format == Format::Pdf {
            let text = pdf_text(&r.bytes, "scripts");
            for word in ["Sales by city", "المدينة", "מכירות", "Berlin"] {
                assert!(
                    text.contains(word),
                    "{word:?} not in the PDF's text:\n{text}"
                );
            }
        }
    }
}

/// Mixed scripts and markup characters in every text, some turned 45°, as PDF: the page is
/// written (no internal error) and its text is still there.
#[test]
fn mixed_scripts_at_an_angle_make_a_pdf() {
    let t = r#"—<&>"'123(مبيعاتΩμέγαक्षत्रSalesשלוםΩμέγα—"#;
    let spec = serde_json::json!({
        "title": t, "x": {"label_angle": 45}, "y": {"label": t},
        "series": [{"type": "bar", "name": t, "x": [t, "क्षत्र", "b"], "y": [1, 2, 3]}]
    });
    let r = render(
        spec.to_string().as_bytes(),
        Format::Pdf,
        &FontLibrary::builtin(),
    )
    .unwrap();
    let text = pdf_text(&r.bytes, "mixed");
    assert!(
        text.contains("Sales") && text.contains("מולש") || text.contains("שלום"),
        "{text}"
    );
}

#[test]
fn a_cjk_title_needs_the_font_folder() {
    let spec = r#"{"title": "月間売上 · 月度销售额 · 월간 매출", "width": 480, "height": 300,
        "series": [{"type": "bar", "x": ["一月", "二月", "三月"], "y": [120, 150, 170]}]}"#
        .as_bytes();

    // Without the folder: drawn as boxes, and the warning names the characters.
    let builtin = FontLibrary::builtin();
    let boxes = render(spec, Format::Png, &builtin).unwrap();
    assert_eq!(boxes.warnings.len(), 1, "{:?}", boxes.warnings);
    let w = &boxes.warnings[0];
    assert!(
        w.starts_with("/fonts/missing: ") && w.contains("売 (U+58F2)") && w.contains("매 (U+B9E4)"),
        "{w}"
    );
    let e = render(&strict(spec), Format::Png, &builtin).unwrap_err();
    assert_eq!(e.code, ErrorCode::Unsupported);
    assert_eq!(e.path.as_deref(), Some("/fonts/missing"));
    let svg = render(spec, Format::Svg, &builtin).unwrap();
    assert_eq!(
        svg.warnings, boxes.warnings,
        "SVG reports the same characters"
    );

    // With the folder: every glyph found, in the raster, the SVG and the PDF.
    let folder = FontLibrary::with_folder(&cjk_folder()).unwrap();
    assert!(folder.family("Noto Sans CJK SC").is_some());
    let drawn = render(&strict(spec), Format::Png, &folder).unwrap();
    assert!(drawn.warnings.is_empty(), "{:?}", drawn.warnings);
    let (size, with) = common::decode(&drawn.bytes);
    let (_, without) = common::decode(&boxes.bytes);
    assert_eq!(size, (480, 300));
    assert_ne!(with, without, "the glyphs replace the boxes");
    let pdf = render(&strict(spec), Format::Pdf, &folder).unwrap();
    let text = pdf_text(&pdf.bytes, "cjk");
    assert!(text.contains("月間売上") && text.contains("二月"), "{text}");
}

#[test]
fn font_names_a_registered_family() {
    let spec = |family: &str| {
        format!(
            r#"{{"title": "売上 Sales", "font": "{family}", "series": [{{"type": "line", "y": [1, 2]}}]}}"#
        )
    };
    let builtin = FontLibrary::builtin();
    let e = render(spec("Noto Sans CJK JP").as_bytes(), Format::Png, &builtin).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidSpec);
    assert_eq!(e.path.as_deref(), Some("/font"));
    assert!(
        e.message
            .contains("registered: DejaVu Sans, Noto Sans Arabic"),
        "{}",
        e.message
    );
    // A compiled-in family may lead; what it lacks falls back.
    let hebrew = render(spec("noto sans hebrew").as_bytes(), Format::Svg, &builtin).unwrap();
    assert!(String::from_utf8(hebrew.bytes)
        .unwrap()
        .contains("font-family=\"'Noto Sans Hebrew', Verdana"));
    let folder = FontLibrary::with_folder(&cjk_folder()).unwrap();
    let cjk = render(spec("Noto Sans CJK JP").as_bytes(), Format::Png, &folder).unwrap();
    assert!(cjk.warnings.is_empty(), "{:?}", cjk.warnings);
    // An empty name is a mistake, not the default.
    let e = render(spec(" ").as_bytes(), Format::Png, &builtin).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("/font"));
}
