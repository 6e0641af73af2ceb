//! The properties the fuzzers check, one function per target. Each takes arbitrary bytes and
//! panics only when chartfn breaks a promise: a panic or an `internal` error where input was to
//! blame, a 5xx for a client's mistake, an error without its JSON Pointer, a key decoder that
//! loses or invents characters.
//!
//! `fuzz/` runs them under libFuzzer (`cargo +nightly fuzz run spec_render`); `tests/fuzz.rs`
//! replays the committed corpus and a bounded burst of mutations through them on stable, so CI
//! checks the same properties in seconds.

use crate::error::ErrorCode;
use crate::service::app::App;
use crate::service::http::Source;
use crate::{Budget, Limits, Options};
use std::time::Duration;

/// Small enough that a fuzzer runs hundreds of inputs a second, large enough to reach every
/// series type and layout path.
fn fuzz_limits() -> Limits {
    Limits {
        max_pixels: 600_000,
        max_points: 200_000,
        ..Limits::default()
    }
}

const BUDGET: Duration = Duration::from_millis(100);

/// Spec JSON → validate → render (PNG or SVG, as the spec asks) with a small budget.
pub fn spec_render(data: &[u8]) {
    let options = Options {
        limits: fuzz_limits(),
        ..Options::default()
    };
    match crate::render_bytes(data, &options, &Budget::new(BUDGET)) {
        Ok(image) => {
            assert!(image.width > 0 && image.height > 0);
            match image.format {
                crate::Format::Png => assert!(image.bytes.starts_with(b"\x89PNG\r\n\x1a\n")),
                crate::Format::Svg => assert!(image.bytes.starts_with(b"<svg")),
                crate::Format::Webp => assert!(image.bytes.starts_with(b"RIFF")),
                crate::Format::Jpeg => assert!(image.bytes.starts_with(b"\xFF\xD8")),
                crate::Format::Pdf => assert!(image.bytes.starts_with(b"%PDF-")),
            }
        }
        Err(e) => {
            assert_ne!(
                e.code,
                ErrorCode::Internal,
                "input caused an internal error: {e}"
            );
            if e.code == ErrorCode::InvalidSpec {
                let path = e.path.as_deref().expect("invalid_spec names a path");
                assert!(
                    path.is_empty() || path.starts_with('/'),
                    "bad pointer {path:?}"
                );
            }
            // The error JSON is what callers parse: it must always serialize.
            let v: serde_json::Value = serde_json::from_str(&e.to_json_string()).unwrap();
            assert_eq!(v["error"]["code"], e.code.as_str());
        }
    }
}

/// Lambda event JSON (any HTTP-shaped source, or a direct invoke) through the real handler;
/// bytes that are not an event are read as a raw request (`METHOD /path?query\nbody`) and sent
/// to the routes. A client's input never yields a 500, and error replies are the JSON shape.
pub fn http_event(data: &[u8]) {
    let config = crate::service::config::Config {
        default_budget: BUDGET,
        ..crate::service::config::Config::default()
    };
    // S3 events read from an empty folder: every record is missing, nothing is written.
    let empty = std::env::temp_dir().join("chartfn-fuzz-no-such-folder");
    let storage: std::sync::Arc<dyn crate::service::storage::Storage> =
        std::sync::Arc::new(crate::service::storage::LocalStorage::new(empty));
    let mut app = App::new(config, Some(storage));
    app.options.limits = fuzz_limits();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        if let Ok(req) = crate::service::lambda::request_from_event(data) {
            let mut ctx = lambda_http::Context::default();
            ctx.deadline = 0;
            ctx.request_id = "fuzz".into();
            let req = lambda_http::RequestExt::with_lambda_context(req, ctx);
            match crate::service::lambda::handle(&app, req).await {
                Ok(res) => {
                    let status = res.status().as_u16();
                    assert!(status_is_acceptable(status), "status {status}");
                }
                // Only retryable failures fail an invocation (storage, deadline).
                Err(e) => {
                    let s = e.to_string();
                    assert!(
                        s.contains("storage_error") || s.contains("deadline_exceeded"),
                        "invocation failed: {s}"
                    );
                }
            }
            return;
        }
        let (head, body) = match data.iter().position(|b| *b == b'\n') {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (data, &[][..]),
        };
        let head = String::from_utf8_lossy(head);
        let mut words = head.split(' ');
        let method = words.next().unwrap_or("GET");
        let target = words.next().unwrap_or("/");
        let Ok(req) = http::Request::builder()
            .method(method)
            .uri(target)
            .body(body.to_vec())
        else {
            return; // not an HTTP request a gateway would deliver
        };
        let reply =
            crate::service::http::handle(&app, req, Source::HttpApi, Budget::new(BUDGET)).await;
        let status = reply.status().as_u16();
        assert!(status_is_acceptable(status), "status {status}");
        let json = reply
            .headers()
            .get(http::header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if status >= 400 {
            assert!(json, "errors are JSON");
            let v: serde_json::Value = serde_json::from_slice(reply.body()).expect("error JSON");
            assert!(v["error"]["code"].is_string(), "{v}");
        }
    });
}

/// 502 (no bucket for `delivery=url`) and 504 (budget) are the server-side outcomes a request
/// may legitimately meet; every other 5xx is a bug.
fn status_is_acceptable(status: u16) -> bool {
    status < 500 || status == 502 || status == 504
}

/// The S3 key decoder: never panics; what S3 encodes decodes back exactly; a decoded key maps
/// to outputs only under the output prefix, never under the input prefix (the loop guard).
pub fn s3_key(data: &[u8]) {
    let layout = crate::service::config::Config::default();
    if let Ok(raw) = std::str::from_utf8(data) {
        if let Ok(key) = crate::service::batch::decode_key(raw) {
            for out in [
                layout.output_key(&key, crate::Format::Png),
                layout.error_key(&key),
            ]
            .into_iter()
            .flatten()
            {
                assert!(out.starts_with(&layout.output_prefix), "{out:?}");
                assert!(!out.starts_with(&layout.input_prefix), "{out:?}");
            }
        }
        // S3 writes keys into events form-encoded (space as `+`, the rest percent-encoded).
        let encoded: String = form_urlencoded::byte_serialize(raw.as_bytes()).collect();
        assert_eq!(
            crate::service::batch::decode_key(&encoded).expect("an encoded key decodes"),
            raw,
            "round trip of {encoded:?}"
        );
    } else {
        // Keys that are not UTF-8 once decoded are reported, not mangled.
        let encoded: String = form_urlencoded::byte_serialize(data).collect();
        assert!(crate::service::batch::decode_key(&encoded).is_err());
    }
}
