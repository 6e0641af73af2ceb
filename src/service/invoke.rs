//! Events that are not HTTP: S3 put notifications, S3 Batch Operations jobs, direct invocation.
//!
//! A direct invoke sends `{"spec": {...}, "delivery": "inline" | "url"}` (or a bare spec) and
//! gets JSON back: `content_type`, `base64` or `url`, `width`, `height`, `bytes`, `render_ms`.
//! A failure that retrying cannot fix (a bad spec) is answered with the SPEC.md error JSON;
//! the rest fail the invocation so that the caller (or Lambda) can retry.

use crate::error::{Error, ErrorCode, Result};
use crate::service::app::{App, Delivered, Delivery};
use crate::spec::validate;
use crate::Budget;

pub async fn handle(
    app: &App,
    event: &[u8],
    budget: Budget,
    request_id: &str,
) -> Result<serde_json::Value> {
    let value: serde_json::Value = match serde_json::from_slice(event) {
        Ok(v) => v,
        // Not a JSON value serde_json will build (too deep, say): say what is wrong with it
        // as a spec, exactly as `POST /chart` would.
        Err(e) => {
            let error = validate::parse_spec(event, &app.options.limits).err();
            return Ok(error
                .unwrap_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidJson,
                        format!("event is not valid JSON: {e}"),
                    )
                })
                .to_json());
        }
    };
    let is_batch_job =
        value.get("invocationSchemaVersion").is_some() && value.get("tasks").is_some();
    if is_s3_notification(&value) || is_batch_job {
        return s3_event(app, value, is_batch_job, budget, request_id).await;
    }
    let started = std::time::Instant::now();
    let budget_ms = budget.remaining().as_millis() as u64;
    let result = direct(app, event, value, budget).await;
    let outcome = match &result {
        Ok(_) => "ok",
        Err(e) => e.code.as_str(),
    };
    let reply = result.as_ref().ok();
    crate::service::telemetry::Record {
        request_id,
        source: "invoke",
        target: "direct",
        outcome,
        budget_ms,
        ms: crate::service::telemetry::ms_since(started),
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
        Err(e) if e.code.is_client_error() => Ok(e.to_json()),
        Err(e) => Err(e),
    }
}

/// `{"spec": …, "delivery": …}`. The spec stays raw text so that it is parsed exactly like an
/// HTTP body (duplicate keys, sizes and JSON Pointers included).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Invocation<'a> {
    #[serde(borrow)]
    spec: &'a serde_json::value::RawValue,
    #[serde(default)]
    delivery: Option<String>,
    /// The spec's language (`chartjs`, `quickchart`, …); detected when left out.
    #[serde(default)]
    dialect: Option<String>,
}

async fn direct(
    app: &App,
    event: &[u8],
    value: serde_json::Value,
    budget: Budget,
) -> Result<serde_json::Value> {
    let (limits, data) = (&app.options.limits, &app.options.data);
    let wrapped = value.get("spec").is_some();
    let (spec, delivery) = if wrapped {
        let inv: Invocation = serde_json::from_slice(event).map_err(|e| {
            Error::new(
                ErrorCode::InvalidSpec,
                format!("the invocation is not {{\"spec\": …, \"delivery\": …}}: {e}"),
            )
        })?;
        let delivery = match inv.delivery.as_deref() {
            None => Delivery::Auto,
            Some(s) => Delivery::parse(s).ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidSpec,
                    format!("delivery {s:?} is not auto, inline or url"),
                )
            })?,
        };
        let dialect = inv
            .dialect
            .as_deref()
            .map(|d| crate::dialect::Dialect::named(d, "dialect "))
            .transpose()?;
        let spec =
            crate::dialect::read_within(inv.spec.get().as_bytes(), dialect, limits, data, &budget)
                .map_err(in_spec)?;
        (spec, delivery)
    } else {
        (
            crate::dialect::read_within(event, None, limits, data, &budget)?,
            Delivery::Auto,
        )
    };
    let limit = crate::service::http::Source::HttpApi.inline_limit();
    let delivered = app
        .deliver(spec, delivery, limit, budget)
        .await
        .map_err(|e| if wrapped { in_spec(e) } else { e })?;
    Ok(match delivered {
        Delivered::Inline(image) => crate::service::http::inline_json(&image),
        Delivered::Stored(s) => crate::service::http::stored_json(&s),
    })
}

/// An S3 put notification or a Batch Operations job. A malformed event is answered, not
/// failed: retrying it cannot help.
async fn s3_event(
    app: &App,
    value: serde_json::Value,
    is_batch_job: bool,
    budget: Budget,
    request_id: &str,
) -> Result<serde_json::Value> {
    let shape = |e: serde_json::Error| {
        Error::new(
            ErrorCode::InvalidJson,
            format!("not a well-formed S3 event: {e}"),
        )
        .to_json()
    };
    enum Event {
        Job(crate::service::batch::BatchJobEvent),
        Put(aws_lambda_events::event::s3::S3Event),
    }
    let event = if is_batch_job {
        serde_json::from_value(value).map(Event::Job)
    } else {
        serde_json::from_value(value).map(Event::Put)
    };
    let event = match event {
        Ok(e) => e,
        Err(e) => return Ok(shape(e)),
    };
    let storage = app
        .storage
        .as_deref()
        .ok_or_else(|| Error::internal("no storage client"))?;
    let b = crate::service::batch::Batch {
        app,
        storage,
        request_id,
    };
    let budget = crate::service::batch::batch_budget(budget);
    match event {
        Event::Job(job) => {
            let reply = crate::service::batch::batch_operations(&b, job, budget).await;
            Ok(serde_json::to_value(reply).expect("batch replies serialize"))
        }
        Event::Put(put) => crate::service::batch::put_notification(&b, put, budget).await,
    }
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
