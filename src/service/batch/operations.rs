//! S3 Batch Operations (invocation schema 1.0 and 2.0): a job's tasks go through the [`Batch`]
//! runner and each gets a result code Batch Operations understands (`Succeeded`,
//! `PermanentFailure`, or `TemporaryFailure` to be retried). The event types are our own:
//! `aws_lambda_events` lacks schema 2.0.

use super::{decode_key, Batch, ItemReport, Outcome, Overrides};
use crate::spec::Format;
use crate::Budget;
use futures::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// Runs a Batch Operations job's tasks through the runner, at most `batch_concurrency` at once.
pub async fn batch_operations(
    b: &Batch<'_>,
    event: BatchJobEvent,
    budget: Budget,
) -> BatchJobResponse {
    let (over, bad_format) = overrides_of(&event.job.user_arguments);
    let (mut results, work) = triage(&event.tasks, bad_format.as_deref());
    let reports = stream::iter(work)
        .map(|(id, bucket, key)| {
            let over = &over;
            async move { (id, b.process(&bucket, &key, budget, over).await) }
        })
        .buffer_unordered(b.app.config.batch_concurrency.max(1))
        .collect::<Vec<_>>()
        .await;
    results.extend(
        reports
            .into_iter()
            .map(|(task_id, r)| result_of(task_id, &r)),
    );
    BatchJobResponse {
        invocation_schema_version: event.invocation_schema_version,
        treat_missing_keys_as: "PermanentFailure".into(),
        invocation_id: event.invocation_id,
        results,
    }
}

/// The job's overrides from its `userArguments`, and its `format` when that is not one chartfn
/// writes (png, svg, webp, jpeg), which fails every task.
fn overrides_of(args: &HashMap<String, String>) -> (Overrides, Option<String>) {
    let over = Overrides {
        output_prefix: args.get("outputPrefix").cloned(),
        format: args.get("format").and_then(|f| Format::named(f)),
    };
    let bad_format = args
        .get("format")
        .filter(|f| over.format.is_none() && !f.is_empty())
        .cloned();
    (over, bad_format)
}

/// A task to process: its id, bucket and decoded key.
type Work = (String, String, String);

/// Sorts the tasks into those to process and the results of those that cannot be.
fn triage(tasks: &[BatchTask], bad_format: Option<&str>) -> (Vec<BatchResult>, Vec<Work>) {
    let mut results = Vec::with_capacity(tasks.len());
    let mut work = Vec::new();
    for t in tasks {
        let fail = |code: &str, msg: String| BatchResult {
            task_id: t.task_id.clone(),
            result_code: code.into(),
            result_string: msg,
        };
        if let Some(f) = bad_format {
            results.push(fail(
                "PermanentFailure",
                format!("userArguments.format {f:?} is not png, svg, webp or jpeg"),
            ));
            continue;
        }
        match (t.bucket(), decode_key(&t.s3_key)) {
            (Some(bucket), Ok(key)) => work.push((t.task_id.clone(), bucket, key)),
            (None, _) => results.push(fail("PermanentFailure", "task names no bucket".into())),
            (_, Err(e)) => results.push(fail("PermanentFailure", e.message)),
        }
    }
    (results, work)
}

/// A processed task's result: what to retry, what not, and where the output went.
fn result_of(task_id: String, r: &ItemReport) -> BatchResult {
    let error_json = || {
        r.error
            .as_ref()
            .map(|e| e.to_json_string())
            .unwrap_or_default()
    };
    let (code, text) = match r.outcome {
        Outcome::Rendered | Outcome::Unchanged => {
            ("Succeeded", r.output.clone().unwrap_or_default())
        }
        Outcome::Skipped => (
            "PermanentFailure",
            format!("{} is not a spec under the input prefix", r.key),
        ),
        Outcome::Invalid | Outcome::Missing => ("PermanentFailure", error_json()),
        Outcome::Failed => ("TemporaryFailure", error_json()),
    };
    BatchResult {
        task_id,
        result_code: code.into(),
        result_string: text,
    }
}
