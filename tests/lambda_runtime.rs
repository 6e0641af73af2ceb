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

fn function(port: u16) -> Killed {
    let child = Command::new(env!("CARGO_BIN_EXE_chartfn"))
        .env(
            "AWS_LAMBDA_RUNTIME_API",
            format!("http://127.0.0.1:{port}/.rt"),
        )
        .env("AWS_LAMBDA_FUNCTION_NAME", "_")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .env_remove("CHARTFN_BUCKET")
        .stdout(Stdio::null())
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
    let _function = function(port);

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
}
