//! Events that are not HTTP: S3 put notifications, S3 Batch Operations jobs, direct invocation.
//!
//! A direct invoke sends `{"spec": {...}, "delivery": "inline" | "url"}` (or a bare spec) and
//! gets JSON back: `content_type`, `base64` or `url`, `width`, `height`, `bytes`, `render_ms`.
//! A failure that retrying cannot fix (a bad spec) is answered with the SPEC.md error JSON;
//! the rest fail the invocation so that the caller (or Lambda) can retry.

use crate::error::{Error, ErrorCode, Result};
use crate::service::{App, Delivered, Delivery};
use crate::{validate, Budget};

pub async fn handle(
    app: &App,
    event: &[u8],
    budget: Budget,
    request_id: &str,
) -> Result<serde_json::Value> {
    let value: serde_json::Value = match serde_json::from_slice(event) {
        Ok(v) => v,
        Err(e) => {
            return Ok(Error::new(
                ErrorCode::InvalidJson,
                format!("event is not valid JSON: {e}"),
            )
            .to_json())
        }
    };
    let is_batch_job =
        value.get("invocationSchemaVersion").is_some() && value.get("tasks").is_some();
    if is_s3_notification(&value) || is_batch_job {
        let storage = app
            .storage
            .as_deref()
            .ok_or_else(|| Error::internal("no storage client"))?;
        let b = crate::batch::Batch {
            app,
            storage,
            layout: app.layout.clone(),
            request_id,
        };
        let budget = crate::batch::batch_budget(budget);
        let shape = |e: serde_json::Error| {
            Error::new(
                ErrorCode::InvalidJson,
                format!("not a well-formed S3 event: {e}"),
            )
        };
        if is_batch_job {
            let job = serde_json::from_value(value).map_err(shape)?;
            let reply = crate::batch::batch_operations(&b, job, budget).await;
            return Ok(serde_json::to_value(reply).expect("batch replies serialize"));
        }
        return crate::batch::put_notification(
            &b,
            serde_json::from_value(value).map_err(shape)?,
            budget,
        )
        .await;
    }
    let started = std::time::Instant::now();
    let budget_ms = budget.remaining().as_millis() as u64;
    let result = direct(app, value, budget).await;
    let outcome = match &result {
        Ok(_) => "ok",
        Err(e) => e.code.as_str(),
    };
    let reply = result.as_ref().ok();
    crate::telemetry::Record {
        request_id,
        source: "invoke",
        target: "direct",
        outcome,
        budget_ms,
        ms: crate::service::ms_since(started),
        render_ms: reply.and_then(|v| v["render_ms"].as_f64()),
        bytes: reply.and_then(|v| v["bytes"].as_u64()).unwrap_or(0) as usize,
        delivery: reply.map(|v| match (v.get("url"), v["cached"].as_bool()) {
            (None, _) => "inline",
            (Some(_), Some(true)) => "cached",
            (Some(_), _) => "url",
        }),
        ..Default::default()
    }
    .emit(app.config.metrics);
    match result {
        Ok(v) => Ok(v),
        Err(e)
            if matches!(
                e.code,
                ErrorCode::InvalidJson | ErrorCode::InvalidSpec | ErrorCode::LimitExceeded
            ) =>
        {
            Ok(e.to_json())
        }
        Err(e) => Err(e),
    }
}

async fn direct(app: &App, value: serde_json::Value, budget: Budget) -> Result<serde_json::Value> {
    let wrapped = value.get("spec").is_some();
    let (spec, delivery) = match value {
        serde_json::Value::Object(mut m) if m.contains_key("spec") => {
            let delivery = match m.remove("delivery") {
                None | Some(serde_json::Value::Null) => Delivery::Auto,
                Some(serde_json::Value::String(s)) => Delivery::parse(&s).ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidSpec,
                        format!("delivery {s:?} is not auto, inline or url"),
                    )
                })?,
                Some(other) => {
                    return Err(Error::new(
                        ErrorCode::InvalidSpec,
                        format!("delivery must be a string, found {other}"),
                    ))
                }
            };
            if let Some(k) = m.keys().find(|k| *k != "spec") {
                return Err(Error::new(
                    ErrorCode::InvalidSpec,
                    format!("unknown field `{k}` in the invocation (expected spec, delivery)"),
                ));
            }
            let spec = m.remove("spec").unwrap_or_default();
            (validate::spec_from_value(spec).map_err(in_spec)?, delivery)
        }
        other => (validate::spec_from_value(other)?, Delivery::Auto),
    };
    let limit = crate::http::Source::HttpApi.inline_limit();
    let delivered = app
        .deliver(spec, delivery, limit, budget)
        .await
        .map_err(|e| if wrapped { in_spec(e) } else { e })?;
    Ok(match delivered {
        Delivered::Inline(image) => crate::http::inline_json(&image),
        Delivered::Stored(s) => crate::http::stored_json(&s),
    })
}

fn is_s3_notification(v: &serde_json::Value) -> bool {
    v.get("Records")
        .and_then(|r| r.as_array())
        .is_some_and(|r| {
            !r.is_empty()
                && r.iter()
                    .all(|x| x.get("eventSource").and_then(|s| s.as_str()) == Some("aws:s3"))
        })
}

/// Errors inside `{"spec": …}` point into the spec, under `/spec`.
fn in_spec(mut e: Error) -> Error {
    if let Some(p) = &e.path {
        e.path = Some(format!("/spec{p}"));
    }
    e
}
