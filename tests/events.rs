//! Every file in `events/` through the real Lambda handler, checking what the caller gets:
//! status, headers, binary (base64) bodies, and images of the requested size.
//!
//! No bucket is configured here: events that need storage must fail cleanly (the S3 path is
//! tested against a real S3-compatible server in `tests/s3.rs`).

use chartfn::service::App;
use chartfn::service::Config;
use lambda_http::{Body, RequestExt};
use std::time::{SystemTime, UNIX_EPOCH};

mod common;

fn app() -> App {
    App::new(Config::default(), None)
}

fn ctx(deadline: u64) -> lambda_http::Context {
    let mut c = lambda_http::Context::default();
    c.deadline = deadline;
    c.request_id = "test".into();
    c
}

fn load(name: &str) -> lambda_http::Request {
    let path = format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    lambda_http::request::from_str(&text)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .with_lambda_context(ctx(now + 30_000))
}

struct Reply {
    status: u16,
    content_type: String,
    binary: bool,
    body: Vec<u8>,
    headers: http::HeaderMap,
}

async fn call(name: &str) -> Reply {
    let res = chartfn::service::lambda::handle(&app(), load(name))
        .await
        .unwrap_or_else(|e| panic!("{name}: invocation failed: {e}"));
    let (parts, body) = res.into_parts();
    let (binary, body) = match body {
        Body::Binary(b) => (true, b),
        Body::Text(t) => (false, t.into_bytes()),
        Body::Empty => (false, Vec::new()),
        _ => (false, Vec::new()),
    };
    let content_type = parts
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    Reply {
        status: parts.status.as_u16(),
        content_type,
        binary,
        body,
        headers: parts.headers,
    }
}

fn json(r: &Reply) -> serde_json::Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&r.body)))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    common::decode(bytes).0
}

/// A PNG reply: binary (so API Gateway and ALB send it base64-encoded), with its size.
fn assert_png(name: &str, r: &Reply, size: (u32, u32)) {
    assert_eq!(
        r.status,
        200,
        "{name}: {}",
        String::from_utf8_lossy(&r.body)
    );
    assert_eq!(r.content_type, "image/png", "{name}");
    assert!(
        r.binary,
        "{name}: images go out as binary bodies (isBase64Encoded)"
    );
    assert_eq!(png_size(&r.body), size, "{name}");
    assert_eq!(
        r.headers.get("content-length").unwrap().to_str().unwrap(),
        r.body.len().to_string(),
        "{name}"
    );
    assert!(
        r.headers.get("etag").is_some() && r.headers.get("x-render-ms").is_some(),
        "{name}"
    );
    assert!(r.headers.get("cache-control").is_some(), "{name}");
}

#[tokio::test]
async fn every_event_gets_the_right_reply() {
    let dir = format!("{}/events", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20);
    for name in &names {
        if name.starts_with("s3-") {
            // S3 events need a bucket with specs in it: tests/batch.rs feeds them to the handler
            // against a real S3-compatible server.
            continue;
        }
        if name == "direct-invoke-url.json" {
            // Storage failures are retryable: the invocation fails rather than answering.
            let err = chartfn::service::lambda::handle(&app(), load(name))
                .await
                .unwrap_err();
            assert!(err.to_string().contains("storage_error"), "{err}");
            continue;
        }
        let r = call(name).await;
        match name.trim_end_matches(".json") {
            "apigw-v1-post-base64"
            | "apigw-v1-post-plain"
            | "apigw-v2-post-base64"
            | "apigw-v2-post-plain"
            | "function-url-post"
            | "alb-post"
            | "apigw-v2-get-spec64" => assert_png(name, &r, (640, 400)),
            "apigw-v1-get-spec" | "alb-get-spec" | "function-url-get-spec" => {
                assert_png(name, &r, (320, 200))
            }
            "apigw-v2-get-spec" => assert_png(name, &r, (400, 300)),
            "apigw-v1-get-spec64-svg" => {
                assert_eq!(r.status, 200);
                assert_eq!(r.content_type, "image/svg+xml");
                assert!(String::from_utf8(r.body.clone())
                    .unwrap()
                    .starts_with("<svg"));
            }
            "apigw-v1-health" => {
                assert_eq!(r.status, 200);
                assert_eq!(json(&r)["ok"], true);
            }
            "apigw-v1-bad-json" => {
                assert_eq!(r.status, 400);
                assert_eq!(json(&r)["error"]["code"], "invalid_json");
            }
            "apigw-v2-bad-spec" => {
                assert_eq!(r.status, 400);
                assert_eq!(r.content_type, "application/json");
                let e = json(&r);
                assert_eq!(e["error"]["code"], "invalid_spec");
                assert_eq!(e["error"]["path"], "/series/0/y/1");
            }
            "apigw-v2-post-json-reply" => {
                assert_eq!(r.status, 200);
                let v = json(&r);
                assert_eq!(v["content_type"], "image/png");
                use base64::Engine;
                let png = base64::engine::general_purpose::STANDARD
                    .decode(v["base64"].as_str().unwrap())
                    .unwrap();
                assert_eq!(png_size(&png), (320, 200));
                assert_eq!(v["bytes"], png.len());
            }
            "apigw-v2-validate" => {
                assert_eq!(r.status, 200);
                let v = json(&r);
                assert_eq!(v["ok"], true);
                assert_eq!(v["cost"]["pixels"], 640 * 400);
            }
            "apigw-v2-schema" => {
                assert_eq!(r.status, 200);
                assert!(json(&r)["properties"]["series"].is_object());
            }
            "apigw-v2-not-found" => {
                assert_eq!(r.status, 404);
                assert_eq!(json(&r)["error"]["code"], "not_found");
            }
            "apigw-v2-delivery-url" => {
                assert_eq!(r.status, 502, "no bucket configured");
                assert_eq!(json(&r)["error"]["code"], "storage_error");
            }
            "alb-oversized" => {
                assert_eq!(r.status, 413, "too large for ALB and no bucket");
                let e = json(&r);
                assert_eq!(e["error"]["code"], "limit_exceeded");
                assert!(e["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("CHARTFN_BUCKET"));
            }
            "direct-invoke" => {
                let v = json(&r);
                assert_eq!(v["content_type"], "image/png", "{v}");
                assert_eq!(
                    (v["width"].as_u64(), v["height"].as_u64()),
                    (Some(640), Some(400))
                );
                assert!(v["render_ms"].as_f64().unwrap() > 0.0);
                use base64::Engine;
                let png = base64::engine::general_purpose::STANDARD
                    .decode(v["base64"].as_str().unwrap())
                    .unwrap();
                assert_eq!(png_size(&png), (640, 400));
            }
            "direct-invoke-bare-spec" => assert_eq!(json(&r)["width"], 320),
            "direct-invoke-bad-spec" => {
                let e = json(&r);
                assert_eq!(e["error"]["code"], "invalid_spec");
                assert_eq!(e["error"]["path"], "/spec/series/0/y/1");
            }
            other => panic!("no expectation for event {other}; add one"),
        }
    }
}

#[tokio::test]
async fn stale_request_times_do_not_expire_the_budget() {
    // The sample events carry request times from 2015–2020 and Lambda emulators hand out
    // deadlines in 1970: neither may turn into an expired budget.
    let text = std::fs::read_to_string(format!(
        "{}/events/apigw-v1-post-plain.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let req = lambda_http::request::from_str(&text)
        .unwrap()
        .with_lambda_context(ctx(600_000));
    let res = chartfn::service::lambda::handle(&app(), req).await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn an_imminent_deadline_gives_a_504_before_lambda_times_out() {
    let text = std::fs::read_to_string(format!(
        "{}/events/apigw-v2-post-plain.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    // 200 ms left, less the 300 ms margin: nothing left to render with.
    let req = lambda_http::request::from_str(&text)
        .unwrap()
        .with_lambda_context(ctx(now + 200));
    let res = chartfn::service::lambda::handle(&app(), req).await.unwrap();
    assert_eq!(res.status(), 504);
    let Body::Text(t) = res.body() else {
        panic!("JSON error body")
    };
    let v: serde_json::Value = serde_json::from_str(t).unwrap();
    assert_eq!(v["error"]["code"], "deadline_exceeded");
}

/// An event file, altered, through the guarded conversion and the handler: its error JSON.
async fn altered(
    name: &str,
    alter: impl FnOnce(&mut serde_json::Value),
) -> (u16, serde_json::Value) {
    let text =
        std::fs::read_to_string(format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut event: serde_json::Value = serde_json::from_str(&text).unwrap();
    alter(&mut event);
    let req = chartfn::service::lambda::request_from_event(event.to_string().as_bytes())
        .unwrap()
        .with_lambda_context(ctx(0));
    let res = chartfn::service::lambda::handle(&app(), req).await.unwrap();
    assert_eq!(
        res.headers()["x-content-type-options"],
        "nosniff",
        "every reply, guarded or not"
    );
    let v = match res.body() {
        Body::Text(t) => serde_json::from_str(t).unwrap(),
        _ => serde_json::Value::Null,
    };
    (res.status().as_u16(), v)
}

// Found by fuzzing: lambda_http panics converting these events; chartfn guards them.

#[tokio::test]
async fn a_body_marked_base64_that_is_not_gets_a_400_not_a_panic() {
    let (status, v) = altered("apigw-v2-post-base64.json", |e| {
        e["body"] = "not base64!".into()
    })
    .await;
    assert_eq!(status, 400);
    assert_eq!(v["error"]["code"], "invalid_json");
}

#[tokio::test]
async fn a_host_that_makes_no_url_gets_a_400_not_a_panic() {
    let (status, v) = altered("apigw-v1-post-plain.json", |e| {
        e["headers"]["Host"] = "123456:7890.execute-api.us-east-1.amazonaws.com".into();
        e["multiValueHeaders"]["Host"] = serde_json::json!(["123456:7890.example"]);
    })
    .await;
    assert_eq!(status, 400);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Host header or path"),
        "{v}"
    );
}

#[tokio::test]
async fn a_raw_query_with_characters_a_uri_cannot_hold_is_escaped_not_a_panic() {
    let (status, v) = altered("apigw-v2-get-spec.json", |e| {
        let q = e["rawQueryString"].as_str().unwrap().to_owned();
        e["rawQueryString"] = format!("{q}&note=<b>|{{x}}").into();
    })
    .await;
    assert_eq!(status, 200, "{v}");
}
