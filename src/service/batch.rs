//! S3-triggered rendering: put notifications, S3 Batch Operations, and `chartfn batch`.
//!
//! A spec object under the input prefix is rendered to the output prefix, keeping its relative
//! path (`specs/a/b c.json` → `charts/a/b c.png`). The rules that keep this correct under S3's
//! and Lambda's at-least-once, concurrent delivery:
//!
//! - **Loop-proof**: outputs never land under the input prefix; keys outside it are skipped;
//!   a configuration whose prefixes overlap in one bucket is refused at start-up.
//! - **Idempotent**: an output whose metadata records the spec's ETag and this renderer version
//!   is not rendered again, so re-delivered events and retries cost a HEAD.
//! - **Nothing lost**: a spec that cannot render gets `name.error.json` next to where its image
//!   would be and is not retried (`PermanentFailure`); a transient failure (deadline, storage)
//!   fails the invocation (`TemporaryFailure`) so Lambda or Batch Operations retry it. Objects are
//!   written whole by one PUT, so a failure never leaves half an output.

use crate::error::{Error, ErrorCode, Result};
use crate::service::app::App;
use crate::service::config::Config;
use crate::service::storage::Storage;
use crate::service::telemetry::ms_since;
use crate::spec::validate;
use crate::spec::Format;
use crate::{Budget, RENDERER_VERSION};
use futures::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Decodes an object key as S3 writes it into events: `+` is a space, then percent-decoding.
/// (`aws_lambda_events`' `url_decoded_key` is never filled in.)
pub fn decode_key(raw: &str) -> Result<String> {
    let plus = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8()
        .map(|k| k.into_owned())
        .map_err(|_| {
            Error::new(
                ErrorCode::InvalidSpec,
                format!("object key {raw:?} is not valid UTF-8 once decoded"),
            )
        })
}

/// What happened to one spec object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Rendered,
    /// The output is already there for this spec version and renderer.
    Unchanged,
    /// Not a spec under the input prefix (an output, a stray object): nothing to do.
    Skipped,
    /// The spec cannot render; its `.error.json` was written. Retrying will not help.
    Invalid,
    /// The spec object is gone (deleted since the event). Retrying will not help.
    Missing,
    /// Deadline or storage trouble: retrying may help.
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Rendered => "rendered",
            Outcome::Unchanged => "unchanged",
            Outcome::Skipped => "skipped",
            Outcome::Invalid => "invalid",
            Outcome::Missing => "missing",
            Outcome::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    pub bucket: String,
    pub key: String,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
    pub ms: f64,
    pub bytes: usize,
}

/// Per-job overrides (S3 Batch Operations 2.0 `userArguments`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub output_prefix: Option<String>,
    pub format: Option<Format>,
}

pub struct Batch<'a> {
    pub app: &'a App,
    pub storage: &'a dyn Storage,
    /// The invocation's request id, logged with every record.
    pub request_id: &'a str,
}

impl Batch<'_> {
    /// Renders one spec object. Never panics; every path ends in a report.
    pub async fn process(
        &self,
        bucket: &str,
        key: &str,
        budget: Budget,
        over: &Overrides,
    ) -> ItemReport {
        let t0 = Instant::now();
        let budget_ms = budget.remaining().as_millis() as u64;
        let overridden;
        let layout = match &over.output_prefix {
            Some(p) => {
                overridden = Config {
                    output_prefix: p.clone(),
                    ..self.app.config.clone()
                };
                &overridden
            }
            None => &self.app.config,
        };
        let mut report = ItemReport {
            bucket: bucket.into(),
            key: key.into(),
            outcome: Outcome::Skipped,
            output: None,
            error: None,
            ms: 0.0,
            bytes: 0,
        };
        let out_bucket = layout
            .output_bucket
            .clone()
            .unwrap_or_else(|| bucket.to_owned());
        // Loop guard, per record: never read what this function writes.
        let is_ours = out_bucket == bucket && key.starts_with(&layout.output_prefix);
        if is_ours
            || layout.output_key(key, Format::Png).is_none()
            || layout.check_prefixes().is_err() && out_bucket == bucket
        {
            report.ms = ms_since(t0);
            self.log(&report, budget_ms);
            return report;
        }
        let result = self
            .render_one(bucket, key, &out_bucket, layout, budget, over)
            .await;
        report.ms = ms_since(t0);
        match result {
            Ok((outcome, output, bytes)) => {
                report.outcome = outcome;
                report.output = Some(output);
                report.bytes = bytes;
            }
            Err((e, output)) => {
                report.outcome = match e.code {
                    ErrorCode::NotFound => Outcome::Missing,
                    _ if e.code.is_client_error() => Outcome::Invalid,
                    _ => Outcome::Failed,
                };
                report.output = output;
                report.error = Some(e);
            }
        }
        self.log(&report, budget_ms);
        report
    }

    fn log(&self, r: &ItemReport, budget_ms: u64) {
        let target = format!("s3://{}/{}", r.bucket, r.key);
        crate::service::telemetry::Record {
            request_id: self.request_id,
            source: "s3",
            target: &target,
            outcome: r.outcome.as_str(),
            budget_ms,
            ms: r.ms,
            bytes: r.bytes,
            delivery: r.output.as_deref(),
            ..Default::default()
        }
        .emit(self.app.config.metrics);
    }

    async fn render_one(
        &self,
        bucket: &str,
        key: &str,
        out_bucket: &str,
        layout: &Config,
        budget: Budget,
        over: &Overrides,
    ) -> std::result::Result<(Outcome, String, usize), (Error, Option<String>)> {
        let no_out = |e: Error| (e, None);
        let head = self
            .storage
            .head(bucket, key)
            .await
            .map_err(no_out)?
            .ok_or_else(|| {
                (
                    Error::new(
                        ErrorCode::NotFound,
                        format!("s3://{bucket}/{key} does not exist"),
                    ),
                    None,
                )
            })?;
        let spec_etag = head.etag.clone().unwrap_or_default();
        let error_key = layout.error_key(key).unwrap_or_default();
        // Refuse oversized specs before reading them.
        if head.size > layout.max_spec_bytes {
            let e = Error::limit(
                None,
                "spec object size in bytes",
                head.size,
                layout.max_spec_bytes,
            );
            return Err(self
                .write_error(out_bucket, &error_key, &spec_etag, e)
                .await);
        }
        let bytes = self.storage.get(bucket, key).await.map_err(no_out)?;
        let spec =
            validate::parse_spec_within(&bytes, &self.app.options.limits, &budget).map(|mut s| {
                if let Some(f) = over.format {
                    s.format = Some(f);
                }
                s
            });
        let spec = match spec {
            Ok(s) => s,
            // Out of time is not the spec's fault: retried, no error object.
            Err(e) if e.code == ErrorCode::DeadlineExceeded => return Err((e, None)),
            Err(e) => {
                return Err(self
                    .write_error(out_bucket, &error_key, &spec_etag, e)
                    .await)
            }
        };
        let format = spec.format.unwrap_or_default();
        let out_key = layout.output_key(key, format).expect("checked above");
        // Idempotence: the same spec version already rendered by this renderer.
        if let Some(existing) = self
            .storage
            .head(out_bucket, &out_key)
            .await
            .map_err(|e| (e, Some(out_key.clone())))?
        {
            if existing.metadata.get("spec-etag") == Some(&spec_etag)
                && existing.metadata.get("renderer").map(String::as_str) == Some(RENDERER_VERSION)
            {
                return Ok((Outcome::Unchanged, out_key, existing.size as usize));
            }
        }
        let image = match self.app.render(spec, budget).await {
            Ok(i) => i,
            Err(e) if e.code.is_client_error() => {
                return Err(self
                    .write_error(out_bucket, &error_key, &spec_etag, e)
                    .await)
            }
            Err(e) => return Err((e, Some(out_key))),
        };
        let n = image.bytes.len();
        self.storage
            .put(
                out_bucket,
                &out_key,
                image.bytes,
                image.format.content_type(),
                metadata(&spec_etag),
            )
            .await
            .map_err(|e| (e, Some(out_key.clone())))?;
        Ok((Outcome::Rendered, out_key, n))
    }

    /// Writes `name.error.json` for a spec that cannot render; returns the error to report.
    async fn write_error(
        &self,
        out_bucket: &str,
        error_key: &str,
        spec_etag: &str,
        e: Error,
    ) -> (Error, Option<String>) {
        match self
            .storage
            .put(
                out_bucket,
                error_key,
                e.to_json_string().into_bytes(),
                "application/json",
                metadata(spec_etag),
            )
            .await
        {
            Ok(()) => (e, Some(error_key.to_owned())),
            // Could not even write the error: make it a retryable failure.
            Err(storage) => (storage, None),
        }
    }

    /// Processes many objects concurrently (bounded), each with what is left of `budget`.
    pub async fn process_all(
        &self,
        items: Vec<(String, String)>,
        budget: Budget,
        over: &Overrides,
    ) -> Vec<ItemReport> {
        stream::iter(items)
            .map(|(b, k)| async move { self.process(&b, &k, budget, over).await })
            .buffer_unordered(self.app.config.batch_concurrency.max(1))
            .collect()
            .await
    }
}

fn metadata(spec_etag: &str) -> HashMap<String, String> {
    HashMap::from([
        ("spec-etag".to_owned(), spec_etag.to_owned()),
        ("renderer".to_owned(), RENDERER_VERSION.to_owned()),
    ])
}

// ---- S3 Batch Operations (schema 1.0 and 2.0). Our own types: aws_lambda_events lacks 2.0.

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchJobEvent {
    pub invocation_schema_version: String,
    pub invocation_id: String,
    #[serde(default)]
    pub job: BatchJob,
    pub tasks: Vec<BatchTask>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchJob {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub user_arguments: HashMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchTask {
    pub task_id: String,
    pub s3_key: String,
    #[serde(default)]
    pub s3_version_id: Option<String>,
    /// Schema 1.0.
    #[serde(default)]
    pub s3_bucket_arn: Option<String>,
    /// Schema 2.0.
    #[serde(default)]
    pub s3_bucket: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BatchJobResponse {
    pub invocation_schema_version: String,
    pub treat_missing_keys_as: String,
    pub invocation_id: String,
    pub results: Vec<BatchResult>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BatchResult {
    pub task_id: String,
    pub result_code: String,
    pub result_string: String,
}

impl BatchTask {
    fn bucket(&self) -> Option<String> {
        self.s3_bucket.clone().or_else(|| {
            self.s3_bucket_arn
                .as_ref()
                .map(|a| a.rsplit(':').next().unwrap_or(a).to_owned())
        })
    }
}

pub async fn batch_operations(
    b: &Batch<'_>,
    event: BatchJobEvent,
    budget: Budget,
) -> BatchJobResponse {
    let args = &event.job.user_arguments;
    let over = Overrides {
        output_prefix: args.get("outputPrefix").cloned(),
        format: args.get("format").and_then(|f| match f.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }),
    };
    let bad_format = args
        .get("format")
        .filter(|f| over.format.is_none() && !f.is_empty())
        .cloned();
    let mut results = Vec::with_capacity(event.tasks.len());
    let mut work = Vec::new();
    for t in &event.tasks {
        let fail = |code: &str, msg: String| BatchResult {
            task_id: t.task_id.clone(),
            result_code: code.into(),
            result_string: msg,
        };
        if let Some(f) = &bad_format {
            results.push(fail(
                "PermanentFailure",
                format!("userArguments.format {f:?} is not png or svg"),
            ));
            continue;
        }
        match (t.bucket(), decode_key(&t.s3_key)) {
            (Some(bucket), Ok(key)) => work.push((t.task_id.clone(), bucket, key)),
            (None, _) => results.push(fail("PermanentFailure", "task names no bucket".into())),
            (_, Err(e)) => results.push(fail("PermanentFailure", e.message)),
        }
    }
    let reports = stream::iter(work)
        .map(|(id, bucket, key)| {
            let over = &over;
            async move { (id, b.process(&bucket, &key, budget, over).await) }
        })
        .buffer_unordered(b.app.config.batch_concurrency.max(1))
        .collect::<Vec<_>>()
        .await;
    for (task_id, r) in reports {
        let (code, text) = match r.outcome {
            Outcome::Rendered | Outcome::Unchanged => {
                ("Succeeded", r.output.clone().unwrap_or_default())
            }
            Outcome::Skipped => (
                "PermanentFailure",
                format!("{} is not a spec under the input prefix", r.key),
            ),
            Outcome::Invalid | Outcome::Missing => (
                "PermanentFailure",
                r.error
                    .as_ref()
                    .map(|e| e.to_json_string())
                    .unwrap_or_default(),
            ),
            Outcome::Failed => (
                "TemporaryFailure",
                r.error
                    .as_ref()
                    .map(|e| e.to_json_string())
                    .unwrap_or_default(),
            ),
        };
        results.push(BatchResult {
            task_id,
            result_code: code.into(),
            result_string: text,
        });
    }
    BatchJobResponse {
        invocation_schema_version: event.invocation_schema_version,
        treat_missing_keys_as: "PermanentFailure".into(),
        invocation_id: event.invocation_id,
        results,
    }
}

/// An S3 put notification: every record processed; the invocation fails (so Lambda retries it)
/// if any record failed in a way a retry can fix.
pub async fn put_notification(
    b: &Batch<'_>,
    event: aws_lambda_events::event::s3::S3Event,
    budget: Budget,
) -> Result<serde_json::Value> {
    let mut items = Vec::new();
    let mut reports = Vec::new();
    for r in &event.records {
        let bucket = r.s3.bucket.name.clone().unwrap_or_default();
        let raw = r.s3.object.key.clone().unwrap_or_default();
        match decode_key(&raw) {
            Ok(k) => items.push((bucket, k)),
            Err(e) => reports.push(ItemReport {
                bucket,
                key: raw,
                outcome: Outcome::Invalid,
                output: None,
                error: Some(e),
                ms: 0.0,
                bytes: 0,
            }),
        }
    }
    reports.extend(b.process_all(items, budget, &Overrides::default()).await);
    let failed: Vec<&ItemReport> = reports
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .collect();
    if !failed.is_empty() {
        let keys: Vec<String> = failed
            .iter()
            .map(|r| {
                format!(
                    "s3://{}/{}: {}",
                    r.bucket,
                    r.key,
                    r.error.as_ref().map(|e| e.message.as_str()).unwrap_or("")
                )
            })
            .collect();
        return Err(Error::new(
            ErrorCode::StorageError,
            format!(
                "{} of {} records failed and will be retried: {}",
                failed.len(),
                reports.len(),
                keys.join("; ")
            ),
        ));
    }
    Ok(serde_json::json!({ "records": reports }))
}

/// Budget for a whole batch invocation: what is left, less a little per item for the replies.
pub fn batch_budget(budget: Budget) -> Budget {
    Budget::new(budget.remaining().saturating_sub(Duration::from_millis(50)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_decode_like_s3_encodes_them() {
        assert_eq!(decode_key("specs/a+b+c.json").unwrap(), "specs/a b c.json");
        assert_eq!(
            decode_key("specs/plus%2Bsign.json").unwrap(),
            "specs/plus+sign.json"
        );
        assert_eq!(
            decode_key("specs/%28paren%29.json").unwrap(),
            "specs/(paren).json"
        );
        assert_eq!(
            decode_key("specs/%C3%BCber/%D0%B6.json").unwrap(),
            "specs/über/ж.json"
        );
        assert!(decode_key("specs/%FF.json").is_err());
    }
}
