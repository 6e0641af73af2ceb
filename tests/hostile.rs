//! The hostile-input corpus, through every entry point. Each shared case (malformed, truncated
//! and oversized documents, odd encodings, extreme numbers and canvases, awkward text, dates and
//! data) goes through the core, `POST /chart` as an API Gateway event, a direct invoke, an S3
//! put notification and the CLI, and must give the same documented outcome everywhere: the
//! error code (with its HTTP status and JSON Pointer) or a correct image. Entry-specific cases
//! (routes and query parameters, invocation shapes, object keys, CLI arguments) follow.
//! Never a panic, a hang or a 5xx for a client's mistake.

use base64::Engine;
use chartfn::config::Config;
use chartfn::service::App;
use lambda_http::{Body, RequestExt};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

mod common;

/// What a case must give.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    /// An image of this size in device pixels.
    Image(u32, u32),
    /// An error with this code and, for spec errors, this JSON Pointer.
    Error(&'static str, Option<&'static str>),
}
use Want::*;

fn err(code: &'static str) -> Want {
    Error(code, None)
}
fn at(path: &'static str) -> Want {
    Error("invalid_spec", Some(path))
}
fn image() -> Want {
    Image(800, 600)
}

fn status_of(code: &str) -> u16 {
    match code {
        "invalid_json" | "invalid_spec" => 400,
        "limit_exceeded" => 413,
        "deadline_exceeded" => 504,
        "not_found" => 404,
        "method_not_allowed" => 405,
        "storage_error" => 502,
        other => panic!("unexpected code {other}"),
    }
}

fn line_with(fields: &str, y: &str) -> Vec<u8> {
    format!(r#"{{"series": [{{"type": "line", "y": {y}}}]{fields}}}"#).into_bytes()
}

fn titled(title: &str) -> Vec<u8> {
    format!(
        r#"{{"title": {}, "series": [{{"type": "line", "name": "s", "y": [1, 3, 2]}}]}}"#,
        serde_json::to_string(title).unwrap()
    )
    .into_bytes()
}

fn dated(x: &str) -> Vec<u8> {
    format!(r#"{{"x": {{"type": "time"}}, "series": [{{"type": "line", "x": {x}, "y": [1, 2]}}]}}"#)
        .into_bytes()
}

/// The cases every entry point must agree on.
fn shared_cases() -> Vec<(&'static str, Vec<u8>, Want)> {
    let s = |v: &str| v.as_bytes().to_vec();
    let example =
        std::fs::read(format!("{}/examples/line.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let half = example[..example.len() / 2].to_vec();
    let with_bom = [&b"\xEF\xBB\xBF"[..], &example].concat();
    let utf16: Vec<u8> = [0xFFu8, 0xFE]
        .into_iter()
        .chain(
            String::from_utf8(example.clone())
                .unwrap()
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    let ten_mb_points = {
        // ≈10 MB of JSON, 1.7 M points: under the input limit, over nothing else.
        let mut v = String::from(r#"{"series": [{"type": "line", "y": ["#);
        for i in 0..1_700_000u32 {
            v.push_str(&format!("{},", i % 997));
        }
        v.push_str("0]}]}");
        v.into_bytes()
    };
    let ten_mb_whitespace = [
        &b"{"[..],
        &vec![b' '; 10_000_000],
        br#""series": [{"type": "bar", "y": [3, 1, 2]}]}"#,
    ]
    .concat();
    let too_many_points = {
        let mut v = String::from(r#"{"series": [{"type": "histogram", "values": ["#);
        v.push_str(&"1,".repeat(5_000_000));
        v.push_str("1]}]}");
        v.into_bytes()
    };
    let over_input_limit = [
        &br#"{"title": ""#[..],
        &vec![b'a'; 21 * 1024 * 1024],
        br#""}"#,
    ]
    .concat();
    let series_n = |n: usize| {
        let one = r#"{"type": "line", "name": "s", "y": [1, 2]}"#;
        format!(r#"{{"series": [{}]}}"#, vec![one; n].join(",")).into_bytes()
    };
    let long = "W".repeat(500);
    let zalgo = format!("Z{}", "\u{0336}\u{0301}\u{0317}".repeat(133));
    let controls: String = (0u8..32).map(char::from).collect();
    vec![
        // Malformed, truncated, mis-encoded.
        ("empty body", s(""), err("invalid_json")),
        ("lone brace", s("{"), err("invalid_json")),
        ("truncated in half", half, err("invalid_json")),
        (
            "truncated in a string",
            s(r#"{"title": "abc"#),
            err("invalid_json"),
        ),
        (
            "truncated after a key",
            s(r#"{"series""#),
            err("invalid_json"),
        ),
        (
            "truncated number",
            s(r#"{"series": [{"type": "line", "y": [1, 2."#),
            err("invalid_json"),
        ),
        (
            "invalid utf-8 in a title",
            [&br#"{"title": ""#[..], b"\xC3\x28", br#"", "series": []}"#].concat(),
            err("invalid_json"),
        ),
        (
            "overlong utf-8",
            [&br#"{"title": ""#[..], b"\xC0\xAF", br#""}"#].concat(),
            err("invalid_json"),
        ),
        ("utf-8 byte-order mark", with_bom, image()),
        (
            "byte-order mark inside",
            s("{\u{FEFF}\"series\": []}"),
            err("invalid_json"),
        ),
        ("utf-16 document", utf16, err("invalid_json")),
        (
            "NUL after the document",
            [&example[..], b"\0"].concat(),
            err("invalid_json"),
        ),
        (
            "two documents",
            [&example[..], &example[..]].concat(),
            err("invalid_json"),
        ),
        (
            "deep nesting in a title",
            format!(r#"{{"title": {}}}"#, "[".repeat(5000) + &"]".repeat(5000)).into_bytes(),
            err("invalid_spec"),
        ),
        (
            "deep nesting unclosed",
            format!(
                r#"{{"series": [{{"type": "line", "y": {}"#,
                "[".repeat(50_000)
            )
            .into_bytes(),
            err("invalid_json"),
        ),
        (
            "deep objects",
            ("{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000)).into_bytes(),
            err("invalid_spec"),
        ),
        // Numbers.
        (
            "number beyond f64",
            line_with("", "[1, 1e400]"),
            err("invalid_json"),
        ),
        (
            "width beyond f64",
            line_with(r#", "width": 1e400"#, "[1, 2]"),
            err("invalid_json"),
        ),
        (
            "f64 extremes",
            line_with("", "[1.7976931348623157e308, -1.7976931348623157e308]"),
            at("/series/0/y/0"),
        ),
        (
            "the magnitude limit, both signs",
            line_with("", "[1e300, -1e300]"),
            image(),
        ),
        (
            "f64 after a number",
            line_with("", "[1, 1.7e308, 1.7e308]"),
            at("/series/0/y/1"),
        ),
        ("subnormals", line_with("", "[5e-324, 1e-320, 0]"), image()),
        (
            "thirty-digit integer",
            line_with("", "[123456789012345678901234567890, 1]"),
            image(),
        ),
        (
            "negative zero width",
            line_with(r#", "width": -0"#, "[1, 2]"),
            at("/width"),
        ),
        (
            "negative and positive zero",
            line_with("", "[-0.0, 0.0, -0]"),
            image(),
        ),
        (
            "span of 1e-15",
            line_with("", "[1, 1.000000000000001, 1.000000000000002]"),
            image(),
        ),
        (
            "x spanning f64",
            s(r#"{"series": [{"type": "scatter", "x": [0, 1e308], "y": [1, 2]}]}"#),
            at("/series/0/x/1"),
        ),
        (
            "x spanning the limit",
            s(r#"{"series": [{"type": "scatter", "x": [-1e300, 1e300], "y": [1, 2]}]}"#),
            image(),
        ),
        (
            "log axis over 600 decades",
            s(r#"{"y": {"type": "log"}, "series": [{"type": "line", "y": [1e-300, 1e300]}]}"#),
            image(),
        ),
        // Duplicate keys.
        (
            "duplicate top-level key",
            s(r#"{"width": 300, "width": 400, "series": [{"type": "line", "y": [1]}]}"#),
            at("/width"),
        ),
        (
            "duplicate series type",
            s(r#"{"series": [{"type": "line", "type": "bar", "y": [1]}]}"#),
            at("/series/0/type"),
        ),
        (
            "duplicate y",
            s(r#"{"series": [{"type": "line", "y": [1], "y": [2]}]}"#),
            at("/series/0/y"),
        ),
        // Sizes.
        ("10 MB of points", ten_mb_points, image()),
        ("10 MB of whitespace", ten_mb_whitespace, image()),
        (
            "5 M histogram samples and one",
            too_many_points,
            err("limit_exceeded"),
        ),
        ("21 MB title", over_input_limit, err("limit_exceeded")),
        (
            "100 megapixels",
            line_with(r#", "width": 10000, "height": 10000"#, "[1, 2]"),
            err("limit_exceeded"),
        ),
        (
            "30 megapixels",
            line_with(r#", "width": 6000, "height": 5000"#, "[1, 2]"),
            err("limit_exceeded"),
        ),
        (
            "64 megapixels by scale",
            line_with(r#", "width": 2000, "height": 2000, "scale": 4"#, "[1, 2]"),
            err("limit_exceeded"),
        ),
        (
            "one pixel high",
            line_with(r#", "width": 800, "height": 1"#, "[1, 2]"),
            at("/height"),
        ),
        ("2000 series", series_n(2000), err("limit_exceeded")),
        ("200 series in a legend", series_n(200), image()),
        // Text.
        ("500-character title", titled(&long), image()),
        (
            "501-character title",
            titled(&format!("{long}W")),
            err("limit_exceeded"),
        ),
        (
            "500-character series name",
            s(&format!(
                r#"{{"series": [{{"type": "line", "name": "{long}", "y": [1, 2]}}]}}"#
            )),
            image(),
        ),
        (
            "500-character category",
            s(&format!(
                r#"{{"series": [{{"type": "bar", "x": ["{long}", "b"], "y": [1, 2]}}]}}"#
            )),
            image(),
        ),
        ("control characters in a title", titled(&controls), image()),
        ("right-to-left override", titled("abc\u{202E}def"), image()),
        ("Hebrew title", titled("מכירות לפי חודש"), image()),
        ("Arabic title", titled("المبيعات حسب الشهر"), image()),
        (
            "Arabic categories",
            s(r#"{"series": [{"type": "bar", "x": ["يناير", "فبراير"], "y": [1, 2]}]}"#),
            image(),
        ),
        (
            "combining accents",
            titled(&"e\u{0301}".repeat(100)),
            image(),
        ),
        ("zalgo", titled(&zalgo), image()),
        ("astral plane", titled("📈 𝄞 growth"), image()),
        (
            "zero-width joiners",
            titled("a\u{200D}b\u{200B}c\u{2060}"),
            image(),
        ),
        (
            "escaped NUL in a name",
            s(r#"{"series": [{"type": "line", "name": "a\u0000b", "y": [1, 2]}]}"#),
            image(),
        ),
        // Dates.
        (
            "leap day",
            dated(r#"["2024-02-29", "2024-03-01"]"#),
            image(),
        ),
        (
            "no leap day",
            dated(r#"["2023-02-29", "2023-03-01"]"#),
            at("/series/0/x/0"),
        ),
        (
            "year zero",
            dated(r#"["0000-01-01", "0001-01-01"]"#),
            image(),
        ),
        (
            "year 9999",
            dated(r#"["9999-12-30", "9999-12-31T23:59:59Z"]"#),
            image(),
        ),
        (
            "hour 25",
            dated(r#"["2024-01-01T25:00:00Z", "2024-01-02"]"#),
            at("/series/0/x/0"),
        ),
        (
            "offsets",
            dated(r#"["2024-03-10T02:30:00-05:00", "2024-03-10T09:30:00+02:00"]"#),
            image(),
        ),
        ("before 1970", dated("[-86400000, 0]"), image()),
        (
            "strings and epoch ms",
            dated(r#"["2024-01-01", 1704153600000]"#),
            image(),
        ),
        (
            "one instant twice",
            dated(r#"["2024-01-01", "2024-01-01"]"#),
            image(),
        ),
        (
            "unsorted dates",
            dated(r#"["2024-06-01", "2024-01-01"]"#),
            image(),
        ),
        (
            "surrounding spaces",
            dated(r#"[" 2024-01-01 ", "2024-01-02"]"#),
            image(),
        ),
        (
            "a date in words",
            dated(r#"["January 1, 2024", "2024-01-02"]"#),
            at("/series/0/x/0"),
        ),
        (
            "a second past midnight of day 31",
            dated(r#"["2024-04-31T00:00:01Z", "2024-05-01"]"#),
            at("/series/0/x/0"),
        ),
        // Empty, single and constant data.
        ("single-point line", line_with("", "[42]"), image()),
        (
            "single-point scatter",
            s(r#"{"series": [{"type": "scatter", "x": [1], "y": [1]}]}"#),
            image(),
        ),
        (
            "single bar",
            s(r#"{"series": [{"type": "bar", "y": [0]}]}"#),
            image(),
        ),
        (
            "single-value histogram",
            s(r#"{"series": [{"type": "histogram", "values": [7]}]}"#),
            image(),
        ),
        (
            "1x1 heatmap",
            s(r#"{"series": [{"type": "heatmap", "z": [[1]]}]}"#),
            image(),
        ),
        (
            "one-slice pie",
            s(r#"{"series": [{"type": "pie", "values": [1]}]}"#),
            image(),
        ),
        (
            "line with gaps",
            line_with("", "[1, null, 3, null]"),
            image(),
        ),
        ("empty y", line_with("", "[]"), at("/series/0/y")),
        ("constant line", line_with("", "[5, 5, 5, 5]"), image()),
        ("constant zero", line_with("", "[0, 0, 0]"), image()),
        (
            "constant on a log axis",
            line_with(r#", "y": {"type": "log"}"#, "[10, 10]"),
            image(),
        ),
        (
            "constant histogram",
            s(r#"{"series": [{"type": "histogram", "values": [3, 3, 3, 3]}]}"#),
            image(),
        ),
        (
            "constant heatmap",
            s(r#"{"series": [{"type": "heatmap", "z": [[2, 2], [2, 2]]}]}"#),
            image(),
        ),
        (
            "constant x",
            s(r#"{"series": [{"type": "scatter", "x": [4, 4, 4], "y": [1, 2, 3]}]}"#),
            image(),
        ),
        (
            "stacked all zero",
            s(
                r#"{"series": [{"type": "area", "stack": "a", "y": [0, 0]}, {"type": "area", "stack": "a", "y": [0, 0]}]}"#,
            ),
            image(),
        ),
        // Log axes at zero.
        (
            "zero on a log axis",
            line_with(r#", "y": {"type": "log"}"#, "[1, 0, 2]"),
            at("/series/0/y/1"),
        ),
        (
            "log axis min zero",
            line_with(r#", "y": {"type": "log", "min": 0}"#, "[1, 2]"),
            at("/y/min"),
        ),
        (
            "log x at zero",
            s(
                r#"{"x": {"type": "log"}, "series": [{"type": "scatter", "x": [0, 1], "y": [1, 2]}]}"#,
            ),
            at("/series/0/x/0"),
        ),
        (
            "log bars",
            s(r#"{"y": {"type": "log"}, "series": [{"type": "bar", "y": [1, 10, 100]}]}"#),
            image(),
        ),
    ]
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// What an entry point gave.
#[derive(Debug)]
enum Got {
    Image(u32, u32),
    Error {
        code: String,
        path: Option<String>,
        status: Option<u16>,
    },
    /// The entry point cannot receive these bytes at all (the Lambda runtime only delivers
    /// JSON events).
    Undeliverable,
}

fn error_from_json(v: &serde_json::Value, status: Option<u16>) -> Got {
    Got::Error {
        code: v["error"]["code"].as_str().unwrap_or("?").to_owned(),
        path: v["error"]["path"].as_str().map(str::to_owned),
        status,
    }
}

fn check(entry: &str, name: &str, want: &Want, got: &Got, path_prefix: &str) -> Option<String> {
    let ok = match (want, got) {
        (_, Got::Undeliverable) => true,
        (Image(w, h), Got::Image(gw, gh)) => (w, h) == (gw, gh),
        (
            Error(code, path),
            Got::Error {
                code: c,
                path: p,
                status,
            },
        ) => {
            c == code
                && status.is_none_or(|s| s == status_of(code))
                && path.is_none_or(|want| p.as_deref() == Some(&format!("{path_prefix}{want}")))
        }
        _ => false,
    };
    (!ok).then(|| format!("{entry}: {name}: want {want:?}, got {got:?}"))
}

fn core(bytes: &[u8]) -> Got {
    match chartfn::render_bytes(
        bytes,
        &chartfn::Options::default(),
        &chartfn::Budget::from_millis(60_000),
    ) {
        Ok(img) => {
            let (size, _) = common::decode(&img.bytes);
            Got::Image(size.0, size.1)
        }
        Err(e) => Got::Error {
            code: e.code.as_str().to_owned(),
            status: Some(e.http_status()),
            path: e.path,
        },
    }
}

fn app() -> App {
    App::new(Config::default(), None)
}

fn ctx() -> lambda_http::Context {
    let mut c = lambda_http::Context::default();
    c.deadline = now_ms() + 60_000;
    c.request_id = "hostile".into();
    c
}

fn event_template(name: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn lambda_reply(app: &App, event: &serde_json::Value) -> (u16, String, Vec<u8>) {
    let req = chartfn::lambda::request_from_event(event.to_string().as_bytes())
        .unwrap()
        .with_lambda_context(ctx());
    let res = chartfn::lambda::handle(app, req).await.expect("an answer");
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = match res.into_body() {
        Body::Text(t) => t.into_bytes(),
        Body::Binary(b) => b,
        _ => Vec::new(),
    };
    (status, ct, body)
}

fn reply_to_got(status: u16, ct: &str, body: &[u8]) -> Got {
    assert!(
        status < 500 || status == 504,
        "a 5xx for a client's input: {status} {}",
        String::from_utf8_lossy(body)
    );
    if ct == "image/png" {
        let (size, _) = common::decode(body);
        return Got::Image(size.0, size.1);
    }
    let v: serde_json::Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)));
    error_from_json(&v, Some(status))
}

/// `POST /chart` through an HTTP API (v2) event; bytes that are not UTF-8 travel base64-encoded,
/// as API Gateway sends binary bodies.
async fn http_post(app: &App, bytes: &[u8]) -> Got {
    let mut e = event_template("apigw-v2-post-plain.json");
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            e["body"] = text.into();
            e["isBase64Encoded"] = false.into();
        }
        Err(_) => {
            e["body"] = base64::engine::general_purpose::STANDARD
                .encode(bytes)
                .into();
            e["isBase64Encoded"] = true.into();
        }
    }
    let (status, ct, body) = lambda_reply(app, &e).await;
    reply_to_got(status, &ct, &body)
}

/// A direct invoke with the spec as the whole payload, as the runtime hands it over.
async fn direct_invoke(app: &App, bytes: &[u8]) -> Got {
    let Ok(req) = chartfn::lambda::request_from_event(bytes) else {
        return Got::Undeliverable;
    };
    let res = chartfn::lambda::handle(app, req.with_lambda_context(ctx())).await;
    let res = match res {
        Ok(r) => r,
        Err(e) => {
            let v: serde_json::Value = serde_json::from_str(&e.to_string()).unwrap();
            return error_from_json(&v, None);
        }
    };
    let Body::Text(t) = res.body() else {
        panic!("direct invoke answers JSON")
    };
    let v: serde_json::Value = serde_json::from_str(t).unwrap();
    if v.get("error").is_some() {
        return error_from_json(&v, None);
    }
    let png = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    let (size, _) = common::decode(&png);
    Got::Image(size.0, size.1)
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "chartfn-hostile-{tag}-{}-{}",
        std::process::id(),
        now_ms()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s3_record(key: &str) -> serde_json::Value {
    let encoded: String = form_urlencoded::byte_serialize(key.as_bytes()).collect();
    serde_json::json!({
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2026-11-27T00:00:00.000Z", "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "EXAMPLE"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": "1", "x-amz-id-2": "2"},
        "s3": {"s3SchemaVersion": "1.0", "configurationId": "specs",
               "bucket": {"name": "local", "arn": "arn:aws:s3:::local"},
               "object": {"key": encoded, "size": 1, "eTag": "x", "sequencer": "1"}}
    })
}

fn s3_app(root: &Path) -> App {
    let storage: Arc<dyn chartfn::storage::Storage> =
        Arc::new(chartfn::storage::LocalStorage::new(root));
    App::new(Config::default(), Some(storage))
}

/// Sends a put notification for `keys` to the function; returns the invocation's reply.
async fn s3_notify(app: &App, keys: &[String]) -> Result<serde_json::Value, String> {
    let event =
        serde_json::json!({"Records": keys.iter().map(|k| s3_record(k)).collect::<Vec<_>>()});
    let req = chartfn::lambda::request_from_event(event.to_string().as_bytes())
        .unwrap()
        .with_lambda_context(ctx());
    match chartfn::lambda::handle(app, req).await {
        Ok(res) => {
            let Body::Text(t) = res.body() else {
                panic!("JSON reply")
            };
            Ok(serde_json::from_str(t).unwrap())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Every shared case as a spec object under `specs/`; what the function wrote for each.
async fn s3_batch(cases: &[(&'static str, Vec<u8>, Want)]) -> Vec<Got> {
    let root = temp_dir("s3");
    std::fs::create_dir_all(root.join("specs")).unwrap();
    let keys: Vec<String> = (0..cases.len())
        .map(|i| format!("specs/case {i}.json"))
        .collect();
    for (key, (_, bytes, _)) in keys.iter().zip(cases) {
        std::fs::write(root.join(key), bytes).unwrap();
    }
    let app = s3_app(&root);
    let reply = s3_notify(&app, &keys).await.expect("no retryable failure");
    assert_eq!(
        reply["records"].as_array().map(Vec::len),
        Some(cases.len()),
        "{reply}"
    );
    let got = (0..cases.len())
        .map(|i| {
            let png = root.join(format!("charts/case {i}.png"));
            let error = root.join(format!("charts/case {i}.error.json"));
            match (std::fs::read(&png), std::fs::read(&error)) {
                (Ok(bytes), Err(_)) => {
                    let (size, _) = common::decode(&bytes);
                    Got::Image(size.0, size.1)
                }
                (Err(_), Ok(e)) => error_from_json(&serde_json::from_slice(&e).unwrap(), None),
                other => panic!("case {i}: want exactly one output, got {other:?}"),
            }
        })
        .collect();
    let _ = std::fs::remove_dir_all(&root);
    got
}

fn cli(bytes: &[u8], args: &[&str]) -> Got {
    let out_dir = temp_dir("cli");
    let out = out_dir.join("out.png");
    let mut child = Command::new(env!("CARGO_BIN_EXE_chartfn"))
        .args(["render", "-", "-o"])
        .arg(&out)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let got = if output.status.success() {
        let (size, _) = common::decode(&std::fs::read(&out).unwrap());
        Got::Image(size.0, size.1)
    } else {
        assert_eq!(output.status.code(), Some(1), "client errors exit 1");
        assert!(!out.exists(), "no output file on failure");
        let v: serde_json::Value = serde_json::from_slice(&output.stderr)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
        error_from_json(&v, None)
    };
    let _ = std::fs::remove_dir_all(&out_dir);
    got
}

fn report(failures: Vec<String>, total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_cases_agree_across_core_http_invoke_s3_and_cli() {
    let cases = shared_cases();
    assert!(cases.len() >= 80, "{}", cases.len());
    let app = app();
    let mut failures = Vec::new();
    let mut runs = 0;
    for (name, bytes, want) in &cases {
        runs += 4;
        failures.extend(check("core", name, want, &core(bytes), ""));
        failures.extend(check("http", name, want, &http_post(&app, bytes).await, ""));
        failures.extend(check(
            "invoke",
            name,
            want,
            &direct_invoke(&app, bytes).await,
            "",
        ));
        let bytes = bytes.clone();
        let got = tokio::task::spawn_blocking(move || cli(&bytes, &[]))
            .await
            .unwrap();
        failures.extend(check("cli", name, want, &got, ""));
    }
    for ((name, _, want), got) in cases.iter().zip(s3_batch(&cases).await) {
        runs += 1;
        failures.extend(check("s3", name, want, &got, ""));
    }
    eprintln!("{runs} shared case runs");
    report(failures, runs);
}
