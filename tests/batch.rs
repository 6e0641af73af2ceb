//! S3-triggered rendering against a real S3-compatible server (s3s-fs) on 127.0.0.1: the S3
//! events in `events/` through the real handler, awkward key names, error objects, loop-proofing,
//! idempotent re-delivery, and outages in the middle of a batch.

use chartfn::service::storage::{S3Storage, Storage};
use chartfn::service::App;
use chartfn::service::Config;
use lambda_http::{Body, RequestExt};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

mod common;
use common::S3Server;

const BUCKET: &str = "example-bucket";
const KEYS: [&str; 4] = [
    "specs/weekly report.json",
    "specs/a+b.json",
    "specs/(draft).json",
    "specs/übersicht/график.json",
];

fn app(client: aws_sdk_s3::Client) -> App {
    let storage: Arc<dyn Storage> = Arc::new(S3Storage::from_client(client));
    App::new(Config::default(), Some(storage))
}

fn event_request(text: &str) -> lambda_http::Request {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let mut ctx = lambda_http::Context::default();
    ctx.deadline = now + 60_000;
    lambda_http::request::from_str(text)
        .unwrap()
        .with_lambda_context(ctx)
}

fn event(name: &str) -> String {
    std::fs::read_to_string(format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

async fn invoke(app: &App, text: &str) -> Result<serde_json::Value, String> {
    match chartfn::service::lambda::handle(app, event_request(text)).await {
        Ok(res) => match res.into_body() {
            Body::Text(t) => Ok(serde_json::from_str(&t).unwrap()),
            other => panic!("unexpected body {other:?}"),
        },
        Err(e) => Err(e.to_string()),
    }
}

async fn upload_specs(client: &aws_sdk_s3::Client) {
    let spec = std::fs::read(format!("{}/examples/bar.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for k in KEYS {
        client
            .put_object()
            .bucket(BUCKET)
            .key(k)
            .body(spec.clone().into())
            .send()
            .await
            .unwrap();
    }
    client
        .put_object()
        .bucket(BUCKET)
        .key("specs/bad.json")
        .body(br#"{"series": [{"type": "line", "y": ["x"]}]}"#.to_vec().into())
        .send()
        .await
        .unwrap();
}

/// The outcome of each record in a put-notification reply.
fn outcomes(reply: &serde_json::Value) -> Vec<String> {
    reply["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap().to_owned())
        .collect()
}

async fn head(
    client: &aws_sdk_s3::Client,
    key: &str,
) -> Option<aws_sdk_s3::operation::head_object::HeadObjectOutput> {
    client
        .head_object()
        .bucket(BUCKET)
        .key(key)
        .send()
        .await
        .ok()
}

async fn list(client: &aws_sdk_s3::Client, prefix: &str) -> Vec<String> {
    let out = client
        .list_objects_v2()
        .bucket(BUCKET)
        .prefix(prefix)
        .send()
        .await
        .unwrap();
    let mut keys: Vec<String> = out
        .contents()
        .iter()
        .filter_map(|o| o.key().map(str::to_owned))
        .collect();
    keys.sort();
    keys
}

#[tokio::test(flavor = "multi_thread")]
async fn put_events_render_awkward_keys_write_error_objects_and_are_idempotent() {
    let server = S3Server::start(&[BUCKET]);
    let client = server.client();
    upload_specs(&client).await;
    let app = app(server.client());

    let reply = invoke(&app, &event("s3-put.json"))
        .await
        .expect("no retryable failure");
    let records = reply["records"].as_array().unwrap();
    assert_eq!(records.len(), 5);
    for k in KEYS {
        let out = format!(
            "charts/{}.png",
            k.trim_start_matches("specs/").trim_end_matches(".json")
        );
        let h = head(&client, &out)
            .await
            .unwrap_or_else(|| panic!("{out} missing"));
        assert_eq!(h.content_type(), Some("image/png"), "{out}");
        let meta = h.metadata().unwrap();
        assert_eq!(
            meta.get("renderer").map(String::as_str),
            Some(chartfn::RENDERER_VERSION)
        );
        assert!(meta.get("spec-etag").is_some_and(|e| !e.is_empty()));
        let bytes = client
            .get_object()
            .bucket(BUCKET)
            .key(&out)
            .send()
            .await
            .unwrap()
            .body
            .collect()
            .await
            .unwrap()
            .into_bytes();
        assert_eq!(common::decode(&bytes).0, (800, 600));
    }
    // The bad spec: a readable error object next to where its image would be.
    let err = client
        .get_object()
        .bucket(BUCKET)
        .key("charts/bad.error.json")
        .send()
        .await
        .unwrap();
    assert_eq!(err.content_type(), Some("application/json"));
    let body: serde_json::Value =
        serde_json::from_slice(&err.body.collect().await.unwrap().into_bytes()).unwrap();
    assert_eq!(body["error"]["code"], "invalid_spec");
    assert_eq!(body["error"]["path"], "/series/0/y/0");
    assert!(head(&client, "charts/bad.png").await.is_none());
    let first = outcomes(&reply);
    assert_eq!(first.iter().filter(|o| *o == "rendered").count(), 4);
    assert_eq!(first.iter().filter(|o| *o == "invalid").count(), 1);

    // Re-delivered: nothing is rendered again.
    let before = head(&client, "charts/weekly report.png")
        .await
        .unwrap()
        .last_modified()
        .cloned();
    let reply = invoke(&app, &event("s3-put.json")).await.unwrap();
    let again = outcomes(&reply);
    assert_eq!(
        again.iter().filter(|o| *o == "unchanged").count(),
        4,
        "{again:?}"
    );
    assert_eq!(
        head(&client, "charts/weekly report.png")
            .await
            .unwrap()
            .last_modified()
            .cloned(),
        before
    );

    // An event for one of our own outputs does nothing: no loop.
    let all_before = list(&client, "").await;
    let reply = invoke(&app, &event("s3-put-output-key.json"))
        .await
        .unwrap();
    assert_eq!(reply["records"][0]["outcome"], "skipped");
    assert_eq!(list(&client, "").await, all_before);
}

#[tokio::test(flavor = "multi_thread")]
async fn batch_operations_schema_1_and_2() {
    let server = S3Server::start(&[BUCKET]);
    let client = server.client();
    upload_specs(&client).await;
    let app = app(server.client());

    let reply = invoke(&app, &event("s3-batch-1.0.json")).await.unwrap();
    assert_eq!(reply["invocationSchemaVersion"], "1.0");
    assert_eq!(reply["treatMissingKeysAs"], "PermanentFailure");
    assert_eq!(
        reply["invocationId"],
        "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"
    );
    let results = reply["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let code = |task: &str| {
        results.iter().find(|r| r["taskId"] == task).unwrap()["resultCode"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    use base64::Engine;
    let id = |i: usize| base64::engine::general_purpose::STANDARD.encode(format!("task-{i}"));
    for i in 0..4 {
        assert_eq!(code(&id(i)), "Succeeded");
    }
    assert_eq!(code(&id(4)), "PermanentFailure", "the bad spec");
    assert!(head(&client, "charts/(draft).png").await.is_some());

    // 2.0: userArguments move the output and switch to SVG; a missing key fails permanently.
    let reply = invoke(&app, &event("s3-batch-2.0.json")).await.unwrap();
    assert_eq!(reply["invocationSchemaVersion"], "2.0");
    let results = reply["results"].as_array().unwrap();
    let by_id = |i: usize| results.iter().find(|r| r["taskId"] == id(i)).unwrap();
    assert_eq!(by_id(0)["resultCode"], "Succeeded");
    assert_eq!(by_id(0)["resultString"], "batch-out/weekly report.svg");
    assert_eq!(by_id(1)["resultCode"], "Succeeded");
    assert_eq!(by_id(2)["resultCode"], "PermanentFailure");
    let svg = head(&client, "batch-out/a+b.svg").await.unwrap();
    assert_eq!(svg.content_type(), Some("image/svg+xml"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_outage_mid_batch_fails_the_invocation_and_a_retry_completes_it() {
    let mut server = S3Server::start(&[BUCKET]);
    let client = server.client();
    upload_specs(&client).await;
    let app = app(server.client());

    // Server gone: the invocation fails (Lambda retries it); Batch Operations gets
    // TemporaryFailure per task; no partial or empty outputs exist.
    server.stop();
    let err = invoke(&app, &event("s3-put.json")).await.unwrap_err();
    assert!(err.contains("will be retried"), "{err}");
    let reply = invoke(&app, &event("s3-batch-1.0.json")).await.unwrap();
    for r in reply["results"].as_array().unwrap() {
        assert_eq!(r["resultCode"], "TemporaryFailure", "{r}");
    }
    server.restart();
    assert!(
        list(&client, "charts/").await.is_empty(),
        "nothing half-written"
    );

    // Back: the retry completes every item.
    let reply = invoke(&app, &event("s3-put.json"))
        .await
        .expect("retry succeeds");
    let retried = outcomes(&reply);
    assert_eq!(
        retried.iter().filter(|o| *o == "rendered").count(),
        4,
        "{retried:?}"
    );
    assert_eq!(
        list(&client, "charts/").await.len(),
        5,
        "four images and one error object"
    );
}

#[test]
fn the_cli_batch_uses_the_standard_aws_environment() {
    let server = S3Server::start(&[BUCKET]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(upload_specs(&server.client()));
    let res = std::process::Command::new(env!("CARGO_BIN_EXE_chartfn"))
        .args(["batch", &format!("s3://{BUCKET}")])
        .env("AWS_ENDPOINT_URL_S3", server.endpoint())
        .env("AWS_ACCESS_KEY_ID", common::ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", common::SECRET_KEY)
        .env("AWS_REGION", "us-east-1")
        .env("CHARTFN_S3_PATH_STYLE", "true")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&res.stdout);
    assert_eq!(
        out.lines().count(),
        5,
        "{out}\n{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert_eq!(out.matches(r#""outcome":"rendered""#).count(), 4, "{out}");
    assert!(rt
        .block_on(head(&server.client(), "charts/übersicht/график.png"))
        .is_some());
}
