//! The `chartfn` binary as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn chartfn() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chartfn"))
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Fails with the command's stderr unless it exited 0.
fn assert_succeeded(res: &std::process::Output) {
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chartfn-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn renders_a_file_to_png_and_svg() {
    let out = tmp("line.png");
    let st = chartfn()
        .args(["render", &example("line.json"), "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let out = tmp("line.svg");
    let st = chartfn()
        .args(["render", &example("line.json"), "--format", "svg", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));
}

#[test]
fn reads_stdin_and_writes_stdout() {
    let mut child = chartfn()
        .args(["render", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"series": [{"type": "bar", "y": [1, 2, 3]}]}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(&out.stdout[..4], b"\x89PNG");
}

#[test]
fn errors_are_json_on_stderr_with_nonzero_exit() {
    let out = tmp("never.png");
    let mut child = chartfn()
        .args(["render", "-", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"series": [{"type": "line", "y": ["abc"]}]}"#)
        .unwrap();
    let res = child.wait_with_output().unwrap();
    assert_eq!(res.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&res.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_spec");
    assert_eq!(err["error"]["path"], "/series/0/y/0");
    assert!(!out.exists(), "no output file on failure");
}

#[test]
fn missing_file_is_a_clear_error() {
    let res = chartfn()
        .args(["render", "/nonexistent/spec.json", "-o", "/tmp/x.png"])
        .output()
        .unwrap();
    assert!(!res.status.success());
    let err: serde_json::Value = serde_json::from_slice(&res.stderr).unwrap();
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/spec.json"));
}

#[test]
fn timeout_flag_sets_the_budget() {
    let mut spec =
        String::from(r#"{"width": 3000, "height": 3000, "series": [{"type": "scatter", "y": ["#);
    for i in 0..500_000 {
        spec.push_str(&format!("{},", i % 1000));
    }
    spec.pop();
    spec.push_str("]}]}");
    let path = tmp("big.json");
    std::fs::write(&path, spec).unwrap();
    let res = chartfn()
        .arg("render")
        .arg(&path)
        .args(["-o", "/dev/null", "--timeout-ms", "1"])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&res.stderr).unwrap();
    assert_eq!(err["error"]["code"], "deadline_exceeded");
}

#[test]
fn schema_prints_json_schema() {
    let res = chartfn().arg("schema").output().unwrap();
    assert!(res.status.success());
    let v: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert!(v["$schema"].as_str().unwrap().contains("json-schema.org"));
    assert!(v["properties"]["series"].is_object());
}

#[test]
fn bench_prints_one_json_line_per_spec() {
    let res = chartfn()
        .args([
            "bench",
            &example("bar.json"),
            &example("pie.json"),
            "--runs",
            "3",
            "--warmup",
            "1",
        ])
        .output()
        .unwrap();
    assert_succeeded(&res);
    let lines: Vec<serde_json::Value> = String::from_utf8(res.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["spec"], "bar.json");
    assert_eq!(lines[0]["runs"], 3);
    for key in ["median_ms", "p90_ms", "parse_ms", "bytes"] {
        assert!(lines[1][key].as_f64().unwrap() > 0.0, "{key}");
    }
}

#[test]
fn bench_times_for_at_least_its_window_after_warming_up_for_its_time() {
    let started = std::time::Instant::now();
    let res = chartfn()
        .args(["bench", &example("bar.json"), "--runs", "2"])
        .args(["--warmup", "0", "--warmup-ms", "150", "--window-ms", "400"])
        .output()
        .unwrap();
    assert_succeeded(&res);
    // Both spans were waited out (a bar chart renders in well under 200 ms, so the window
    // holds more than the two runs asked for, and the count says how many were timed).
    assert!(started.elapsed() >= std::time::Duration::from_millis(550));
    let line: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert!(line["runs"].as_u64().unwrap() > 2, "{line}");
}

#[test]
fn batch_renders_a_folder_and_reports_each_item() {
    let root = tmp("batch");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("specs/sub")).unwrap();
    std::fs::copy(example("bar.json"), root.join("specs/sub/a b.json")).unwrap();
    std::fs::write(root.join("specs/bad.json"), r#"{"series": 3}"#).unwrap();
    let res = chartfn().arg("batch").arg(&root).output().unwrap();
    assert_eq!(res.status.code(), Some(1), "one item failed");
    let lines: Vec<serde_json::Value> = String::from_utf8(res.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        &std::fs::read(root.join("charts/sub/a b.png")).unwrap()[..4],
        b"\x89PNG"
    );
    let err: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("charts/bad.error.json")).unwrap())
            .unwrap();
    assert_eq!(err["error"]["path"], "/series");
    // Again: nothing to render.
    let res = chartfn().arg("batch").arg(&root).output().unwrap();
    let again = String::from_utf8(res.stdout).unwrap();
    assert!(again.contains(r#""outcome":"unchanged""#), "{again}");
}

#[test]
fn overlapping_prefixes_are_refused_at_start_up() {
    let res = chartfn()
        .env("AWS_LAMBDA_RUNTIME_API", "http://127.0.0.1:9/.rt")
        .env("CHARTFN_INPUT_PREFIX", "specs/")
        .env("CHARTFN_OUTPUT_PREFIX", "specs/out/")
        .env_remove("CHARTFN_OUTPUT_BUCKET")
        .output()
        .unwrap();
    assert!(!res.status.success());
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(stderr.contains("overlap"), "{stderr}");
}

/// v2: warnings go to stderr, one line each; the image is still written. Batch lines carry
/// the alt text of what they rendered.
#[test]
fn warnings_are_printed_and_batch_lines_carry_alt_text() {
    let spec = tmp("spark.json");
    std::fs::write(
        &spec,
        r#"{"width": 160, "height": 40, "sparkline": true, "title": "t", "series": [{"type": "line", "y": [1, 3, 2]}]}"#,
    )
    .unwrap();
    let out = tmp("spark.png");
    let res = chartfn()
        .arg("render")
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(res.status.success());
    let stderr = String::from_utf8(res.stderr).unwrap();
    assert_eq!(stderr, "warning: /title: not drawn in a sparkline\n");
    assert!(std::fs::read(&out).unwrap().starts_with(b"\x89PNG"));

    let root = tmp("batch-alt");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("specs")).unwrap();
    std::fs::copy(&spec, root.join("specs/spark.json")).unwrap();
    let res = chartfn().arg("batch").arg(&root).output().unwrap();
    assert!(res.status.success());
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8(res.stdout).unwrap().trim()).unwrap();
    assert!(line["alt"]
        .as_str()
        .unwrap()
        .starts_with("Line chart \"t\""));
    assert_eq!(line["warnings"][0], "/title: not drawn in a sparkline");
}

/// `--data-root` (or `CHARTFN_DATA_ROOT`) lets a Vega-Lite `data.url` name files in a folder;
/// without it the URL is refused and nothing is written.
#[test]
fn data_root_lets_vega_lite_read_data_files() {
    let spec = format!(
        "{}/tests/dialects/vega-lite-url/point_2d.vl.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let root = format!("{}/tests/dialects", env!("CARGO_MANIFEST_DIR"));
    let out = tmp("cars.png");
    let st = chartfn()
        .args(["render", &spec, "--data-root", &root, "-o"])
        .arg(&out)
        .env_remove("CHARTFN_DATA_ROOT")
        .status()
        .unwrap();
    assert!(st.success());
    assert!(std::fs::read(&out).unwrap().starts_with(b"\x89PNG"));
    let via_env = tmp("cars-env.png");
    let st = chartfn()
        .args(["render", &spec, "-o"])
        .arg(&via_env)
        .env("CHARTFN_DATA_ROOT", &root)
        .status()
        .unwrap();
    assert!(st.success());
    let refused = tmp("cars-refused.png");
    let o = chartfn()
        .args(["render", &spec, "-o"])
        .arg(&refused)
        .env_remove("CHARTFN_DATA_ROOT")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("forbidden") && err.contains("data"), "{err}");
    assert!(!refused.exists());
}

/// `--format webp`, `--format jpeg` (or `jpg`) and `--format pdf` write those files.
#[test]
fn writes_webp_jpeg_and_pdf() {
    for (format, magic) in [
        ("pdf", &b"%PDF-"[..]),
        ("webp", &b"RIFF"[..]),
        ("jpeg", &b"\xFF\xD8\xFF"[..]),
        ("jpg", &b"\xFF\xD8\xFF"[..]),
    ] {
        let out = tmp(&format!("line.{format}"));
        let st = chartfn()
            .args(["render", &example("line.json"), "--format", format, "-o"])
            .arg(&out)
            .status()
            .unwrap();
        assert!(st.success(), "{format}");
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{format}");
    }
}

/// Without `--format`, the output file's extension names the format (over the spec's own);
/// `--format` names it over both; an extension that names none leaves the spec's.
#[test]
fn the_output_extension_names_the_format() {
    let spec = tmp("svg-spec.json");
    std::fs::write(
        &spec,
        r#"{"format": "svg", "series": [{"type": "line", "y": [1, 2]}]}"#,
    )
    .unwrap();
    let png = &b"\x89PNG"[..];
    for (name, flag, magic) in [
        ("by-ext.pdf", None, &b"%PDF-"[..]),
        ("by-ext.JPG", None, &b"\xFF\xD8\xFF"[..]),
        ("by-ext.png", None, png),
        ("by-flag.svg", Some("png"), png),
        ("by-spec.out", None, &b"<svg"[..]),
    ] {
        let out = tmp(name);
        let mut cmd = chartfn();
        cmd.arg("render").arg(&spec).arg("-o").arg(&out);
        if let Some(f) = flag {
            cmd.args(["--format", f]);
        }
        assert!(cmd.status().unwrap().success(), "{name}");
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{name}");
    }
}

/// `--font-dir` (or `CHARTFN_FONT_DIR`) adds a font folder; a folder without fonts is an error
/// before anything is drawn; a character no font has is a warning on stderr.
#[test]
fn font_dir_adds_fonts_and_missing_glyphs_are_warned() {
    let spec = tmp("cjk.json");
    std::fs::write(
        &spec,
        r#"{"title": "売上", "font": "Noto Sans CJK JP", "series": [{"type": "line", "y": [1, 2]}]}"#,
    )
    .unwrap();
    let out = tmp("cjk.png");
    let cjk = std::env::var_os("CHARTFN_TEST_CJK_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/chartfn-fonts/noto-cjk")
        });
    let o = chartfn()
        .args(["render", spec.to_str().unwrap(), "--font-dir"])
        .arg(&cjk)
        .arg("-o")
        .arg(&out)
        .env_remove("CHARTFN_FONT_DIR")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let empty = tmp("no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let o = chartfn()
        .args(["render", spec.to_str().unwrap(), "-o", "-"])
        .env("CHARTFN_FONT_DIR", &empty)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds no font"));
    // Without the folder the family is unknown; without `font` the title falls back to boxes.
    std::fs::write(
        &spec,
        r#"{"title": "売上", "series": [{"type": "line", "y": [1, 2]}]}"#,
    )
    .unwrap();
    let o = chartfn()
        .args(["render", spec.to_str().unwrap(), "-o"])
        .arg(&out)
        .env_remove("CHARTFN_FONT_DIR")
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: /fonts/missing") && err.contains("U+58F2"),
        "{err}"
    );
}

/// A reader that stops early (`chartfn convert x | head`) ends the output quietly: exit 0,
/// nothing on stderr (a `println!` panicked on the closed pipe).
#[test]
fn a_closed_stdout_is_not_a_panic() {
    let spec = format!(
        "{}/tests/dialects/vega-lite/stacked_area.vl.json",
        env!("CARGO_MANIFEST_DIR")
    );
    for args in [vec!["convert", spec.as_str()], vec!["schema"]] {
        let mut child = chartfn()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The read end closes before the child has read its input.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
