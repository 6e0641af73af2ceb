//! The hostile-input corpus, through every entry point. Each shared case (malformed, truncated
//! and oversized documents, odd encodings, extreme numbers and canvases, awkward text, dates and
//! data) goes through the core, `POST /chart` as an API Gateway event, a direct invoke, an S3
//! put notification and the CLI, and must give the same documented outcome everywhere: the
//! error code (with its HTTP status and JSON Pointer) or a correct image. Entry-specific cases
//! (routes and query parameters, invocation shapes, object keys, CLI arguments) follow.
//! Never a panic, a hang or a 5xx for a client's mistake.

use base64::Engine;
use chartfn::service::App;
use chartfn::service::Config;
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
    let req = chartfn::service::lambda::request_from_event(event.to_string().as_bytes())
        .unwrap()
        .with_lambda_context(ctx());
    let res = chartfn::service::lambda::handle(app, req)
        .await
        .expect("an answer");
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
    let Ok(req) = chartfn::service::lambda::request_from_event(bytes) else {
        return Got::Undeliverable;
    };
    let res = chartfn::service::lambda::handle(app, req.with_lambda_context(ctx())).await;
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
    let storage: Arc<dyn chartfn::service::storage::Storage> =
        Arc::new(chartfn::service::storage::LocalStorage::new(root));
    App::new(Config::default(), Some(storage))
}

/// Sends a put notification for `keys` to the function; returns the invocation's reply.
async fn s3_notify(app: &App, keys: &[String]) -> Result<serde_json::Value, String> {
    let event =
        serde_json::json!({"Records": keys.iter().map(|k| s3_record(k)).collect::<Vec<_>>()});
    let req = chartfn::service::lambda::request_from_event(event.to_string().as_bytes())
        .unwrap()
        .with_lambda_context(ctx());
    match chartfn::service::lambda::handle(app, req).await {
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

const GOOD: &str = r#"{"width": 320, "height": 200, "series": [{"type": "line", "y": [1, 3, 2]}]}"#;

fn pct(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// (name, method, target, headers, body, status, error code or content type)
type Route = (
    &'static str,
    &'static str,
    String,
    Vec<(&'static str, &'static str)>,
    Vec<u8>,
    u16,
    &'static str,
);

fn route_cases() -> Vec<Route> {
    let g = pct(GOOD);
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(GOOD);
    let b64_std = base64::engine::general_purpose::STANDARD.encode(GOOD);
    let q = |extra: &str| format!("/chart?spec={g}{extra}");
    let none = Vec::new;
    let good = || GOOD.as_bytes().to_vec();
    let json = vec![("accept", "application/json")];
    vec![
        (
            "no spec parameter",
            "GET",
            "/chart".into(),
            none(),
            vec![],
            400,
            "invalid_json",
        ),
        (
            "spec not JSON",
            "GET",
            "/chart?spec=%7B".into(),
            none(),
            vec![],
            400,
            "invalid_json",
        ),
        (
            "spec64 not base64",
            "GET",
            "/chart?spec64=!!!".into(),
            none(),
            vec![],
            400,
            "invalid_json",
        ),
        (
            "spec64 base64url",
            "GET",
            format!("/chart?spec64={b64}"),
            none(),
            vec![],
            200,
            "image/png",
        ),
        (
            "spec64 standard base64",
            "GET",
            format!("/chart?spec64={}", pct(&b64_std)),
            none(),
            vec![],
            200,
            "image/png",
        ),
        (
            "spec64 of garbage bytes",
            "GET",
            "/chart?spec64=_-_-".into(),
            none(),
            vec![],
            400,
            "invalid_json",
        ),
        (
            "format gif",
            "GET",
            q("&format=gif"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "format svg",
            "GET",
            q("&format=svg"),
            none(),
            vec![],
            200,
            "image/svg+xml",
        ),
        (
            "width not a number",
            "GET",
            q("&width=abc"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "width negative",
            "GET",
            q("&width=-5"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "width beyond u32",
            "GET",
            q("&width=99999999999"),
            none(),
            vec![],
            413,
            "limit_exceeded",
        ),
        (
            "width over the side limit",
            "GET",
            q("&width=100000"),
            none(),
            vec![],
            413,
            "limit_exceeded",
        ),
        (
            "height zero",
            "GET",
            q("&height=0"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "scale NaN",
            "GET",
            q("&scale=NaN"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "scale infinite",
            "GET",
            q("&scale=inf"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "scale tiny",
            "GET",
            q("&scale=1e-9"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "scale 2",
            "GET",
            q("&scale=2"),
            none(),
            vec![],
            200,
            "image/png",
        ),
        (
            "delivery bogus",
            "GET",
            q("&delivery=bogus"),
            none(),
            vec![],
            400,
            "invalid_spec",
        ),
        (
            "delivery url without a bucket",
            "GET",
            q("&delivery=url"),
            none(),
            vec![],
            502,
            "storage_error",
        ),
        (
            "repeated width",
            "GET",
            q("&width=100&width=300"),
            none(),
            vec![],
            200,
            "image/png",
        ),
        (
            "broken percent escape",
            "GET",
            "/chart?spec=%zz%7B".into(),
            none(),
            vec![],
            400,
            "invalid_json",
        ),
        (
            "empty POST body",
            "POST",
            "/chart".into(),
            none(),
            vec![],
            400,
            "invalid_json",
        ),
        (
            "POST, JSON wanted",
            "POST",
            "/chart".into(),
            json.clone(),
            good(),
            200,
            "application/json",
        ),
        (
            "POST as text/plain",
            "POST",
            "/chart".into(),
            vec![("content-type", "text/plain")],
            good(),
            200,
            "image/png",
        ),
        (
            "If-None-Match *",
            "POST",
            "/chart".into(),
            vec![("if-none-match", "*")],
            good(),
            304,
            "",
        ),
        (
            "PUT /chart",
            "PUT",
            "/chart".into(),
            none(),
            good(),
            405,
            "method_not_allowed",
        ),
        (
            "DELETE /schema",
            "DELETE",
            "/schema".into(),
            none(),
            vec![],
            405,
            "method_not_allowed",
        ),
        (
            "GET /validate",
            "GET",
            "/validate".into(),
            none(),
            vec![],
            405,
            "method_not_allowed",
        ),
        (
            "unknown route",
            "GET",
            "/nope".into(),
            none(),
            vec![],
            404,
            "not_found",
        ),
        ("root", "GET", "/".into(), none(), vec![], 404, "not_found"),
        (
            "stage prefix",
            "GET",
            "/prod/health".into(),
            none(),
            vec![],
            200,
            "application/json",
        ),
        (
            "HEAD /health",
            "HEAD",
            "/health".into(),
            none(),
            vec![],
            200,
            "application/json",
        ),
        (
            "doubled slashes",
            "POST",
            "//chart//".into(),
            none(),
            good(),
            200,
            "image/png",
        ),
        (
            "validate bad",
            "POST",
            "/validate".into(),
            none(),
            b"{\"series\": 1}".to_vec(),
            400,
            "invalid_spec",
        ),
        (
            "validate 100 MP",
            "POST",
            "/validate".into(),
            none(),
            br#"{"width": 10000, "height": 10000, "series": [{"type": "line", "y": [1]}]}"#
                .to_vec(),
            413,
            "limit_exceeded",
        ),
        (
            "validate good",
            "POST",
            "/validate".into(),
            none(),
            good(),
            200,
            "application/json",
        ),
        (
            "schema",
            "GET",
            "/schema".into(),
            none(),
            vec![],
            200,
            "application/json",
        ),
        (
            "long GET spec",
            "GET",
            format!(
                "/chart?spec={}",
                pct(&format!(
                    r#"{{"series": [{{"type": "line", "y": [{}1]}}]}}"#,
                    "2,".repeat(3000)
                ))
            ),
            none(),
            vec![],
            200,
            "image/png",
        ),
        (
            "binary body",
            "POST",
            "/chart".into(),
            none(),
            vec![0x89, b'P', b'N', b'G', 0, 0xff],
            400,
            "invalid_json",
        ),
    ]
}

#[tokio::test]
async fn routes_and_query_parameters() {
    let app = app();
    let mut failures = Vec::new();
    let cases = route_cases();
    for (name, method, target, headers, body, status, what) in &cases {
        let mut req = http::Request::builder()
            .method(*method)
            .uri(target.as_str());
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(body.clone()).unwrap();
        let reply = chartfn::service::http::handle(
            &app,
            req,
            chartfn::service::http::Source::HttpApi,
            chartfn::Budget::from_millis(30_000),
        )
        .await;
        let got_status = reply.status().as_u16();
        let ct = reply
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let ok = if *status >= 400 {
            let v: serde_json::Value = serde_json::from_slice(reply.body()).unwrap_or_default();
            got_status == *status && v["error"]["code"] == *what && ct == "application/json"
        } else {
            got_status == *status && ct == *what
        };
        if !ok {
            failures.push(format!(
                "{name}: want {status} {what}, got {got_status} {ct} {}",
                String::from_utf8_lossy(&reply.body()[..reply.body().len().min(200)])
            ));
        }
    }
    report(failures, cases.len());
}

#[tokio::test]
async fn direct_invocation_shapes() {
    let app = app();
    let cases: Vec<(&str, String, Result<&str, &str>)> = vec![
        ("wrapped", format!(r#"{{"spec": {GOOD}}}"#), Ok("image/png")),
        (
            "wrapped, inline",
            format!(r#"{{"spec": {GOOD}, "delivery": "inline"}}"#),
            Ok("image/png"),
        ),
        (
            "bogus delivery",
            format!(r#"{{"spec": {GOOD}, "delivery": "bogus"}}"#),
            Err("invalid_spec"),
        ),
        (
            "numeric delivery",
            format!(r#"{{"spec": {GOOD}, "delivery": 5}}"#),
            Err("invalid_spec"),
        ),
        (
            "extra field",
            format!(r#"{{"spec": {GOOD}, "extra": 1}}"#),
            Err("invalid_spec"),
        ),
        (
            "duplicate spec",
            format!(r#"{{"spec": {GOOD}, "spec": {GOOD}}}"#),
            Err("invalid_spec"),
        ),
        (
            "spec a string",
            r#"{"spec": "a string"}"#.into(),
            Err("invalid_spec"),
        ),
        ("spec null", r#"{"spec": null}"#.into(), Err("invalid_spec")),
        (
            "spec bad inside",
            r#"{"spec": {"series": [{"type": "line", "y": [1, "x"]}]}}"#.into(),
            Err("invalid_spec"),
        ),
        ("array", "[]".into(), Err("invalid_spec")),
        ("number", "42".into(), Err("invalid_spec")),
        ("string", r#""text""#.into(), Err("invalid_spec")),
        ("null", "null".into(), Err("invalid_spec")),
        (
            "empty Records",
            r#"{"Records": []}"#.into(),
            Err("invalid_spec"),
        ),
        (
            "SQS records",
            r#"{"Records": [{"eventSource": "aws:sqs", "body": "{}"}]}"#.into(),
            Err("invalid_spec"),
        ),
        (
            "malformed batch job",
            r#"{"invocationSchemaVersion": "1.0", "tasks": "x"}"#.into(),
            Err("invalid_json"),
        ),
        (
            "malformed S3 event",
            r#"{"Records": [{"eventSource": "aws:s3", "s3": 5}]}"#.into(),
            Err("invalid_json"),
        ),
        (
            "delivery url without a bucket",
            format!(r#"{{"spec": {GOOD}, "delivery": "url"}}"#),
            Err("storage_error"),
        ),
    ];
    let mut failures = Vec::new();
    for (name, event, want) in &cases {
        let req = chartfn::service::lambda::request_from_event(event.as_bytes())
            .unwrap()
            .with_lambda_context(ctx());
        let got = match chartfn::service::lambda::handle(&app, req).await {
            Ok(res) => {
                let Body::Text(t) = res.body() else {
                    panic!("{name}: JSON reply")
                };
                let v: serde_json::Value = serde_json::from_str(t).unwrap();
                match v["error"]["code"].as_str() {
                    Some(code) => Err(code.to_owned()),
                    None => Ok(v["content_type"].as_str().unwrap_or("?").to_owned()),
                }
            }
            // Failed invocations (retryable) carry the error JSON.
            Err(e) => {
                let v: serde_json::Value = serde_json::from_str(&e.to_string()).unwrap();
                Err(v["error"]["code"].as_str().unwrap().to_owned())
            }
        };
        let same = match (want, &got) {
            (Ok(a), Ok(b)) | (Err(a), Err(b)) => a == b,
            _ => false,
        };
        if !same {
            failures.push(format!("{name}: want {want:?}, got {got:?}"));
        }
    }
    report(failures, cases.len());
}

#[tokio::test]
async fn awkward_s3_records() {
    let root = temp_dir("s3-keys");
    let w = |key: &str, bytes: &[u8]| {
        let p = root.join(key);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    w("specs/notes.txt", GOOD.as_bytes());
    w("specs/empty.json", b"");
    w("specs/a b+c.json", GOOD.as_bytes());
    w("specs/deep/er/still.json", GOOD.as_bytes());
    w("charts/looped.json", GOOD.as_bytes());
    w("specs/.json", GOOD.as_bytes());
    let huge = [
        &br#"{"title": ""#[..],
        &vec![b'a'; 21 * 1024 * 1024],
        br#""}"#,
    ]
    .concat();
    w("specs/huge.json", &huge);
    let app = s3_app(&root);
    let cases: Vec<(&str, &str, &str)> = vec![
        ("specs/notes.txt", "skipped", ""),
        ("charts/looped.json", "skipped", ""),
        ("specs/ghost.json", "missing", ""),
        ("specs/empty.json", "invalid", "charts/empty.error.json"),
        ("specs/huge.json", "invalid", "charts/huge.error.json"),
        ("specs/a b+c.json", "rendered", "charts/a b+c.png"),
        (
            "specs/deep/er/still.json",
            "rendered",
            "charts/deep/er/still.png",
        ),
        ("specs/.json", "skipped", ""),
        ("specs/dir/", "skipped", ""),
        ("specs/../../escape.json", "invalid", ""),
        ("other/specs/x.json", "skipped", ""),
    ];
    let keys: Vec<String> = cases.iter().map(|c| c.0.to_owned()).collect();
    let reply = s3_notify(&app, &keys).await.expect("nothing retryable");
    let records = reply["records"].as_array().unwrap();
    let mut failures = Vec::new();
    for (key, outcome, output) in &cases {
        let r = records.iter().find(|r| r["key"] == *key);
        let Some(r) = r else {
            failures.push(format!("{key}: no record"));
            continue;
        };
        if r["outcome"] != *outcome {
            failures.push(format!("{key}: want {outcome}, got {r}"));
        }
        if !output.is_empty() && !root.join(output).exists() {
            failures.push(format!("{key}: {output} was not written"));
        }
    }
    // A key that is not UTF-8 once decoded is reported, not mangled.
    let mut bad = s3_record("x");
    bad["s3"]["object"]["key"] = "specs/%FF.json".into();
    let event = serde_json::json!({ "Records": [bad] });
    let req = chartfn::service::lambda::request_from_event(event.to_string().as_bytes())
        .unwrap()
        .with_lambda_context(ctx());
    let res = chartfn::service::lambda::handle(&app, req).await.unwrap();
    let Body::Text(t) = res.body() else { panic!() };
    let v: serde_json::Value = serde_json::from_str(t).unwrap();
    assert_eq!(v["records"][0]["outcome"], "invalid", "{v}");
    // Nothing escaped the folder.
    assert!(!root.parent().unwrap().join("escape.error.json").exists());
    let _ = std::fs::remove_dir_all(&root);
    report(failures, cases.len() + 1);
}

#[test]
fn cli_arguments_and_files() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_chartfn"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let code_of = |o: &std::process::Output| -> String {
        serde_json::from_slice::<serde_json::Value>(&o.stderr)
            .map(|v| v["error"]["code"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    };
    let dir = temp_dir("cli-args");
    let spec = dir.join("good.json");
    std::fs::write(&spec, GOOD).unwrap();
    let spec = spec.to_str().unwrap();
    let out = dir.join("out.png");
    let out = out.to_str().unwrap();
    let cases: Vec<(&str, Vec<&str>, i32, &str)> = vec![
        (
            "missing file",
            vec!["render", "/no/such/spec.json", "-o", out],
            1,
            "invalid_json",
        ),
        (
            "a directory",
            vec!["render", "/tmp", "-o", out],
            1,
            "invalid_json",
        ),
        (
            "empty stdin",
            vec!["render", "-", "-o", out],
            1,
            "invalid_json",
        ),
        (
            "format gif",
            vec!["render", spec, "--format", "gif", "-o", out],
            2,
            "",
        ),
        (
            "zero budget",
            vec!["render", spec, "--timeout-ms", "0", "-o", out],
            1,
            "deadline_exceeded",
        ),
        (
            "unwritable output",
            vec!["render", spec, "-o", "/no/such/dir/x.png"],
            2,
            "internal",
        ),
        ("no arguments", vec!["render"], 2, ""),
        ("unknown command", vec!["paint"], 2, ""),
        (
            "bench a missing spec",
            vec!["bench", "/no/such.json", "--runs", "1"],
            1,
            "invalid_json",
        ),
        ("good render", vec!["render", spec, "-o", out], 0, ""),
        ("schema", vec!["schema"], 0, ""),
    ];
    let mut failures = Vec::new();
    for (name, args, code, error) in &cases {
        let o = run(args);
        let got = o.status.code().unwrap_or(-1);
        if got != *code || (!error.is_empty() && code_of(&o) != *error) {
            failures.push(format!(
                "{name}: want exit {code} {error}, got {got} {}",
                String::from_utf8_lossy(&o.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    report(failures, cases.len());
}
