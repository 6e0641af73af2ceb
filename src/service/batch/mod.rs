//! S3-triggered rendering: the runner that turns one spec object into one output, shared by
//! put notifications (`s3_events`), S3 Batch Operations (`operations`) and `chartfn batch`.
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

mod operations;
mod s3_events;

pub use operations::{
    batch_operations, BatchJob, BatchJobEvent, BatchJobResponse, BatchResult, BatchTask,
};
pub use s3_events::{decode_key, put_notification};

use crate::error::{Error, ErrorCode};
use crate::service::app::App;
use crate::service::config::Config;
use crate::service::storage::Storage;
use crate::service::telemetry::ms_since;
use crate::spec::{ChartSpec, Format};
use crate::{Budget, RENDERER_VERSION};
use futures::stream::{self, StreamExt};
use serde::Serialize;
use std::collections::HashMap;
use std::time::{Duration, Instant};

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
    // v2: accessibility and warnings, when this record rendered an image
    /// The image's alt text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Cosmetic options of the spec that were not honoured.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Per-job overrides (S3 Batch Operations 2.0 `userArguments`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub output_prefix: Option<String>,
    pub format: Option<Format>,
}

/// Where one spec object is read and where its outputs go.
struct Item<'a> {
    bucket: &'a str,
    key: &'a str,
    out_bucket: &'a str,
    layout: &'a Config,
}

/// A spec object that exists: its size, its version, and the key of its error object.
struct Found<'a> {
    item: &'a Item<'a>,
    size: u64,
    spec_etag: String,
    error_key: String,
}

/// How rendering one object ends: the outcome, the output key and its size; or the error, with
/// the key of the error object written for it, if any.
type Ending = std::result::Result<(Outcome, String, usize, Notes), (Error, Option<String>)>;

/// v2: what a render says about its image (nothing when the image was not rendered now).
#[derive(Debug, Clone, Default)]
struct Notes {
    alt: Option<String>,
    warnings: Vec<String>,
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
            alt: None,
            warnings: Vec::new(),
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
        let item = Item {
            bucket,
            key,
            out_bucket: &out_bucket,
            layout,
        };
        let result = self.render_one(&item, budget, over).await;
        report.ms = ms_since(t0);
        match result {
            Ok((outcome, output, bytes, notes)) => {
                report.outcome = outcome;
                report.output = Some(output);
                report.bytes = bytes;
                report.alt = notes.alt;
                report.warnings = notes.warnings;
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

    /// Reads, checks, renders and stores one spec object that belongs to the input prefix.
    async fn render_one(&self, item: &Item<'_>, budget: Budget, over: &Overrides) -> Ending {
        let found = self.find_spec(item).await?;
        // Refuse oversized specs before reading them.
        if found.size > item.layout.max_spec_bytes {
            let e = Error::limit(
                None,
                "spec object size in bytes",
                found.size,
                item.layout.max_spec_bytes,
            );
            return Err(self.write_error(&found, e).await);
        }
        let spec = self.read_spec(&found, budget, over).await?;
        let format = spec.format.unwrap_or_default();
        let out_key = item
            .layout
            .output_key(item.key, format)
            .expect("checked above");
        // Idempotence: the same spec version already rendered by this renderer.
        if let Some(size) = self.rendered_before(&found, &out_key).await? {
            return Ok((Outcome::Unchanged, out_key, size, Notes::default()));
        }
        self.render_and_put(&found, spec, budget, out_key).await
    }

    /// HEADs the spec object: its size, its version, and where its error object would go.
    async fn find_spec<'a>(
        &self,
        item: &'a Item<'a>,
    ) -> std::result::Result<Found<'a>, (Error, Option<String>)> {
        let (bucket, key) = (item.bucket, item.key);
        let head = self
            .storage
            .head(bucket, key)
            .await
            .map_err(|e| (e, None))?
            .ok_or_else(|| {
                (
                    Error::new(
                        ErrorCode::NotFound,
                        format!("s3://{bucket}/{key} does not exist"),
                    ),
                    None,
                )
            })?;
        Ok(Found {
            item,
            size: head.size,
            spec_etag: head.etag.unwrap_or_default(),
            error_key: item.layout.error_key(key).unwrap_or_default(),
        })
    }

    /// GETs and parses the spec, with the job's format override applied.
    async fn read_spec(
        &self,
        found: &Found<'_>,
        budget: Budget,
        over: &Overrides,
    ) -> std::result::Result<ChartSpec, (Error, Option<String>)> {
        let item = found.item;
        let bytes = self
            .storage
            .get(item.bucket, item.key)
            .await
            .map_err(|e| (e, None))?;
        let options = &self.app.options;
        match crate::dialect::read_within(&bytes, None, &options.limits, &options.data, &budget) {
            Ok(mut spec) => {
                if let Some(f) = over.format {
                    spec.format = Some(f);
                }
                Ok(spec)
            }
            // Out of time is not the spec's fault: retried, no error object.
            Err(e) if e.code == ErrorCode::DeadlineExceeded => Err((e, None)),
            Err(e) => Err(self.write_error(found, e).await),
        }
    }

    /// The size of the output at `out_key` when it records this spec version and renderer.
    async fn rendered_before(
        &self,
        found: &Found<'_>,
        out_key: &str,
    ) -> std::result::Result<Option<usize>, (Error, Option<String>)> {
        let existing = self
            .storage
            .head(found.item.out_bucket, out_key)
            .await
            .map_err(|e| (e, Some(out_key.to_owned())))?;
        Ok(existing
            .filter(|o| {
                o.metadata.get("spec-etag") == Some(&found.spec_etag)
                    && o.metadata.get("renderer").map(String::as_str) == Some(RENDERER_VERSION)
            })
            .map(|o| o.size as usize))
    }

    /// Renders the spec and writes the image whole, by one PUT.
    async fn render_and_put(
        &self,
        found: &Found<'_>,
        spec: ChartSpec,
        budget: Budget,
        out_key: String,
    ) -> Ending {
        let image = match self.app.render(spec, budget).await {
            Ok(i) => i,
            Err(e) if e.code.is_client_error() => return Err(self.write_error(found, e).await),
            Err(e) => return Err((e, Some(out_key))),
        };
        let n = image.bytes.len();
        let notes = Notes {
            alt: Some(image.alt),
            warnings: image.warnings,
        };
        self.storage
            .put(
                found.item.out_bucket,
                &out_key,
                image.bytes,
                image.format.content_type(),
                metadata(&found.spec_etag),
            )
            .await
            .map_err(|e| (e, Some(out_key.clone())))?;
        Ok((Outcome::Rendered, out_key, n, notes))
    }

    /// Writes `name.error.json` for a spec that cannot render; returns the error to report.
    async fn write_error(&self, found: &Found<'_>, e: Error) -> (Error, Option<String>) {
        match self
            .storage
            .put(
                found.item.out_bucket,
                &found.error_key,
                e.to_json_string().into_bytes(),
                "application/json",
                metadata(&found.spec_etag),
            )
            .await
        {
            Ok(()) => (e, Some(found.error_key.clone())),
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

/// Budget for a whole batch invocation: what is left, less a little per item for the replies.
pub fn batch_budget(budget: Budget) -> Budget {
    Budget::new(budget.remaining().saturating_sub(Duration::from_millis(50)))
}
