//! Delivery through S3, against a real S3-compatible server on 127.0.0.1 that verifies SigV4
//! signatures (s3s-fs): uploads with the right content type, presigned URLs that fetch the same
//! bytes, content-addressed keys that skip repeated renders, and clean failures when the server
//! is down.

use chartfn::service::storage::{S3Storage, Storage};
use chartfn::service::App;
use chartfn::service::Config;
use lambda_http::{Body, RequestExt};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

mod common;
use common::S3Server;

const BUCKET: &str = "charts";

fn app(endpoint_client: aws_sdk_s3::Client) -> App {
    let config = Config {
        bucket: Some(BUCKET.into()),
        s3_path_style: true,
        ..Config::default()
    };
    let storage: Arc<dyn Storage> = Arc::new(S3Storage::from_client(endpoint_client));
    App::new(config, Some(storage))
}

fn event(name: &str) -> lambda_http::Request {
    event_with(name, |_| {})
}

/// The event fixture `name`, changed by `change`, with a deadline 30 s away.
fn event_with(name: &str, change: impl FnOnce(&mut serde_json::Value)) -> lambda_http::Request {
    let text =
        std::fs::read_to_string(format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut e: serde_json::Value = serde_json::from_str(&text).unwrap();
    change(&mut e);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let mut ctx = lambda_http::Context::default();
    ctx.deadline = now + 30_000;
    lambda_http::request::from_str(&e.to_string())
        .unwrap()
        .with_lambda_context(ctx)
}

fn body_json(b: &Body) -> serde_json::Value {
    match b {
        Body::Text(t) => serde_json::from_str(t).unwrap(),
        other => panic!("expected a JSON body, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn large_images_go_to_s3_and_presigned_urls_serve_them() {
    let server = S3Server::start(&[BUCKET]);
    let app = app(server.client());

    // Too large for ALB's 1 MB: uploaded, answered with a link (POST → JSON).
    let res = chartfn::service::lambda::handle(&app, event("alb-oversized.json"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v = body_json(res.body());
    assert_eq!(v["cached"], false, "{v}");
    assert_eq!(v["bucket"], BUCKET);
    let key = v["key"].as_str().unwrap().to_owned();
    assert!(
        key.starts_with("renders/") && key.ends_with(".png"),
        "{key}"
    );
    assert!(v["bytes"].as_u64().unwrap() > 1_000_000, "{v}");
    assert!(
        v["expires_at"].as_u64().unwrap()
            > SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs()
    );

    // The object is there, whole, with its content type…
    let head = server
        .client()
        .head_object()
        .bucket(BUCKET)
        .key(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(head.content_type(), Some("image/png"));
    assert_eq!(head.content_length(), Some(v["bytes"].as_i64().unwrap()));
    let stored = server
        .client()
        .get_object()
        .bucket(BUCKET)
        .key(&key)
        .send()
        .await
        .unwrap()
        .body
        .collect()
        .await
        .unwrap()
        .into_bytes();

    // …and the presigned URL, fetched over plain HTTP, returns the same bytes.
    let url = v["url"].as_str().unwrap().to_owned();
    let fetched = tokio::task::spawn_blocking(move || common::http_get(&url))
        .await
        .unwrap();
    assert_eq!(fetched.0, 200);
    assert_eq!(fetched.2, stored.to_vec());
    assert_eq!(common::decode(&fetched.2).0, (3000, 3000));

    // A tampered signature is refused by the server (it really checks SigV4).
    let good = v["url"].as_str().unwrap();
    let at = good.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let flipped = if &good[at..at + 1] == "0" { "1" } else { "0" };
    let bad = format!("{}{flipped}{}", &good[..at], &good[at + 1..]);
    let refused = tokio::task::spawn_blocking(move || common::http_get(&bad))
        .await
        .unwrap();
    assert_eq!(refused.0, 403);

    // The same request again: found by its content address, not rendered again.
    let t0 = Instant::now();
    let res = chartfn::service::lambda::handle(&app, event("alb-oversized.json"))
        .await
        .unwrap();
    let v2 = body_json(res.body());
    assert_eq!(v2["cached"], true, "{v2}");
    assert_eq!(v2["key"], key.as_str());
    assert!(v2.get("render_ms").is_none());
    let _ = t0;
}

#[tokio::test(flavor = "multi_thread")]
async fn delivery_url_redirects_gets_and_answers_posts_and_direct_invokes() {
    let server = S3Server::start(&[BUCKET]);
    let app = app(server.client());

    // POST with ?delivery=url → JSON link.
    let res = chartfn::service::lambda::handle(&app, event("apigw-v2-delivery-url.json"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v = body_json(res.body());
    assert!(
        v["url"].as_str().unwrap().starts_with(&server.endpoint()),
        "{v}"
    );

    // GET with delivery=url → 303 to the presigned URL (for <img src>).
    let req = event_with("apigw-v2-get-spec.json", |e| {
        e["rawQueryString"] =
            format!("{}&delivery=url", e["rawQueryString"].as_str().unwrap()).into();
    });
    let res = chartfn::service::lambda::handle(&app, req).await.unwrap();
    assert_eq!(res.status(), 303);
    let location = res
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let fetched = tokio::task::spawn_blocking(move || common::http_get(&location))
        .await
        .unwrap();
    assert_eq!(fetched.0, 200);
    assert_eq!(common::decode(&fetched.2).0, (400, 300));
    assert_eq!(
        common::header(&fetched.1, "content-type"),
        Some("image/png")
    );

    // Direct invoke with delivery "url".
    let res = chartfn::service::lambda::handle(&app, event("direct-invoke-url.json"))
        .await
        .unwrap();
    let v = body_json(res.body());
    assert!(
        v["url"].as_str().is_some() && v["key"].as_str().unwrap().ends_with(".png"),
        "{v}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_down_is_a_clean_error_not_a_hang() {
    let mut server = S3Server::start(&[BUCKET]);
    let app = app(server.client());
    server.stop();
    let t0 = Instant::now();
    let res = chartfn::service::lambda::handle(&app, event("apigw-v2-delivery-url.json"))
        .await
        .unwrap();
    assert!(
        matches!(res.status().as_u16(), 502 | 503),
        "{}",
        res.status()
    );
    let v = body_json(res.body());
    assert_eq!(v["error"]["code"], "storage_error", "{v}");
    assert!(
        t0.elapsed() < Duration::from_secs(15),
        "took {:?}",
        t0.elapsed()
    );
    // And back: the same request succeeds once the server returns.
    server.restart();
    let res = chartfn::service::lambda::handle(&app, event("apigw-v2-delivery-url.json"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// A Vega-Lite `data.url` under an allowed `s3://` prefix is read from S3 (through the same
/// signed client), one outside it is refused (403) without a request, a missing object is the
/// spec's mistake (400), and with no prefix configured nothing is read.
#[tokio::test(flavor = "multi_thread")]
async fn vega_lite_data_is_read_from_allowed_s3_prefixes_only() {
    let server = S3Server::start(&[BUCKET, "data"]);
    let client = server.client();
    let csv = std::fs::read(format!(
        "{}/tests/dialects/data/stocks.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for key in ["shared/stocks.csv", "private/stocks.csv"] {
        client
            .put_object()
            .bucket("data")
            .key(key)
            .body(csv.clone().into())
            .send()
            .await
            .unwrap();
    }
    let storage: Arc<dyn Storage> = Arc::new(S3Storage::from_client(client));
    let config = |prefixes: &[&str]| Config {
        bucket: Some(BUCKET.into()),
        s3_path_style: true,
        data_s3_prefixes: prefixes.iter().map(|p| p.to_string()).collect(),
        ..Config::default()
    };
    let allowed = App::new(config(&["s3://data/shared/"]), Some(storage.clone()));
    let closed = App::new(config(&[]), Some(storage));

    let request = |url: &str| {
        let spec = serde_json::json!({
            "data": {"url": url},
            "mark": "line",
            "encoding": {
                "x": {"field": "date", "type": "temporal"},
                "y": {"field": "price", "type": "quantitative"},
                "color": {"field": "symbol", "type": "nominal"}
            }
        });
        event_with("apigw-v2-post-plain.json", |e| {
            e["body"] = spec.to_string().into();
            e["headers"]["accept"] = "application/json".into();
        })
    };
    let handle = chartfn::service::lambda::handle;
    let res = handle(&allowed, request("s3://data/shared/stocks.csv"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.body());
    let v = body_json(res.body());
    assert!(v["alt"].as_str().unwrap().contains("AAPL"), "{v}");

    for (app, url, status) in [
        (&allowed, "s3://data/private/stocks.csv", 403),
        (&allowed, "s3://data/shared/../private/stocks.csv", 403),
        (&allowed, "s3://data/shared/none.csv", 400),
        (&allowed, "http://127.0.0.1:1/stocks.csv", 403),
        (&closed, "s3://data/shared/stocks.csv", 403),
    ] {
        let res = handle(app, request(url)).await.unwrap();
        assert_eq!(res.status(), status, "{url}: {:?}", res.body());
        let v = body_json(res.body());
        assert_eq!(v["error"]["path"], "/data/url", "{url}: {v}");
    }
}
