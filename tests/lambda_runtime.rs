//! End to end: the built `chartfn` binary against the Lambda Runtime API as `cargo lambda`
//! emulates it, on 127.0.0.1. Events go in through the invoke endpoint and the Function URL
//! endpoint, exactly as the Lambda service would hand them over; what comes back is checked as
//! API Gateway and clients would see it.

use base64::Engine;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod common;

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn emulator(port: u16) -> Killed {
    let child = Command::new(common::tool("cargo-lambda"))
        .args([
            "lambda",
            "watch",
            "--only-lambda-apis",
            "-A",
            "127.0.0.1",
            "-P",
            &port.to_string(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cargo lambda starts");
    let guard = Killed(child);
    assert!(
        common::wait_for_port(port, Duration::from_secs(30)),
        "cargo lambda watch did not listen on {port}"
    );
    guard
}

/// The function, its stdout (logs and metrics, as CloudWatch Logs would get them) to `log`.
fn function(port: u16, log: &std::path::Path) -> Killed {
    let stdout = std::fs::File::create(log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_chartfn"))
        .env(
            "AWS_LAMBDA_RUNTIME_API",
            format!("http://127.0.0.1:{port}/.rt"),
        )
        .env("AWS_LAMBDA_FUNCTION_NAME", "_")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .env_remove("CHARTFN_BUCKET")
        .env_remove("CHARTFN_METRICS")
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .expect("chartfn starts");
    Killed(child)
}

fn invoke(port: u16, event: &str) -> serde_json::Value {
    let body = std::fs::read(format!("{}/events/{event}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let url = format!("http://127.0.0.1:{port}/2015-03-31/functions/_/invocations");
    let (status, _, reply) =
        common::http_request("POST", &url, &[("content-type", "application/json")], &body);
    assert_eq!(status, 200, "{event}: {}", String::from_utf8_lossy(&reply));
    serde_json::from_slice(&reply)
        .unwrap_or_else(|e| panic!("{event}: {e}: {}", String::from_utf8_lossy(&reply)))
}

#[test]
fn the_binary_serves_events_through_the_runtime_api() {
    let port = common::free_port();
    let _emulator = emulator(port);
    let log =
        std::env::temp_dir().join(format!("chartfn-lambda-{}-{port}.log", std::process::id()));
    let function = function(port, &log);

    // An HTTP API (v2) event: the reply is the proxy response, the PNG base64-encoded.
    let v = invoke(port, "apigw-v2-post-base64.json");
    assert_eq!(v["statusCode"], 200, "{v}");
    assert_eq!(v["isBase64Encoded"], true);
    assert_eq!(v["headers"]["content-type"], "image/png");
    let png = base64::engine::general_purpose::STANDARD
        .decode(v["body"].as_str().unwrap())
        .unwrap();
    assert_eq!(common::decode(&png).0, (640, 400));

    // A bad spec: a 400 with the JSON error, as text, not base64.
    let v = invoke(port, "apigw-v2-bad-spec.json");
    assert_eq!(v["statusCode"], 400);
    let e: serde_json::Value = serde_json::from_str(v["body"].as_str().unwrap()).unwrap();
    assert_eq!(e["error"]["path"], "/series/0/y/1");

    // ALB wants a status description.
    let v = invoke(port, "alb-post.json");
    assert_eq!(v["statusCode"], 200);
    assert_eq!(v["statusDescription"], "200 OK");
    assert_eq!(v["isBase64Encoded"], true);

    // A direct invoke: JSON with the image inline.
    let v = invoke(port, "direct-invoke.json");
    assert_eq!(v["content_type"], "image/png", "{v}");
    let png = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(common::decode(&png).0, (640, 400));

    // The Function URL endpoint: a plain HTTP request in, the PNG out.
    let spec = std::fs::read(format!("{}/examples/bar.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let url = format!("http://127.0.0.1:{port}/lambda-url/_/chart");
    let (status, headers, body) =
        common::http_request("POST", &url, &[("content-type", "application/json")], &spec);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(common::header(&headers, "content-type"), Some("image/png"));
    assert_eq!(common::decode(&body).0, (800, 600));

    // Every line the function printed is JSON: a log line per event, and an EMF document that
    // CloudWatch turns into metrics.
    drop(function);
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_file(&log);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let logs: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["fields"]["message"] == "done")
        .collect();
    let emf: Vec<&serde_json::Value> = lines.iter().filter(|l| l.get("_aws").is_some()).collect();
    assert_eq!(logs.len(), 5, "{text}");
    assert_eq!(emf.len(), 5, "{text}");
    for l in &logs {
        let f = &l["fields"];
        assert!(!f["request_id"].as_str().unwrap().is_empty(), "{l}");
        assert!(f["budget_ms"].as_u64().unwrap() > 0, "{l}");
    }
    let bad = emf
        .iter()
        .find(|d| d["Outcome"] == "invalid_spec")
        .expect("the bad spec is counted");
    assert_eq!(bad["Source"], "apigw-http");
    assert_eq!(bad["status"], 400);
    let direct = emf.iter().find(|d| d["Source"] == "invoke").unwrap();
    assert_eq!(direct["Outcome"], "ok");
    assert_eq!(direct["delivery"], "inline");
    assert!(direct["RenderMs"].as_f64().unwrap() > 0.0);
    assert!(emf.iter().any(|d| d["Source"] == "alb"));
    // cargo lambda hands the Function URL request over as an HTTP API event.
    let last = emf.last().unwrap();
    assert_eq!(last["target"], "/chart");
    assert!(last["Bytes"].as_u64().unwrap() > 1000);
}
