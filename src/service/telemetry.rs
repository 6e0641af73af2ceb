//! What each request and batch record reports: one JSON log line through `tracing`, and, when
//! enabled, one CloudWatch Embedded Metric Format (EMF) line, so a deployed function can be
//! graphed and alarmed on (render time, outcome, bytes) without extra code or API calls.
//!
//! The edges ([`crate::service::lambda`], [`crate::service::server`], [`crate::service::batch`]) build a [`Record`] when
//! they finish an event and call [`Record::emit`]. The HTTP routes attach what only they know
//! (render time, delivery, error code) to the reply as a [`ReplyInfo`] extension.

use serde_json::json;
use std::io::Write;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The EMF namespace of chartfn's metrics.
pub const NAMESPACE: &str = "chartfn";

/// Attached to an HTTP reply by the routes, read by the edge that logs the request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplyInfo {
    /// `ok`, or the error code of the reply.
    pub outcome: &'static str,
    /// Drawing plus encoding, when something was rendered.
    pub render_ms: Option<f64>,
    /// `inline`, `url` (stored now) or `cached` (stored before; nothing rendered).
    pub delivery: Option<&'static str>,
}

/// One finished request or batch record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record<'a> {
    pub request_id: &'a str,
    /// Where it came from: `apigw-http`, `alb`, `local`, `invoke`, `s3`, `batch-operations`…
    pub source: &'a str,
    /// The route (`/chart`) or object key.
    pub target: &'a str,
    /// `ok`, an error code, or a batch outcome (`rendered`, `unchanged`, `invalid`…).
    pub outcome: &'a str,
    pub status: Option<u16>,
    pub budget_ms: u64,
    /// Wall time of the whole request or record.
    pub ms: f64,
    pub render_ms: Option<f64>,
    pub bytes: usize,
    /// `inline`, `url`, `cached`, `not_modified`; for a batch record, the output key.
    pub delivery: Option<&'a str>,
}

impl Record<'_> {
    /// Logs the record and, with `metrics`, writes its EMF line to stdout (CloudWatch Logs
    /// extracts the metrics from it; the line must stand alone, so it bypasses `tracing`).
    pub fn emit(&self, metrics: bool) {
        tracing::info!(
            request_id = self.request_id,
            source = self.source,
            target = self.target,
            outcome = self.outcome,
            status = self.status,
            budget_ms = self.budget_ms,
            ms = self.ms,
            render_ms = self.render_ms,
            bytes = self.bytes,
            delivery = self.delivery,
            "done"
        );
        if metrics {
            let line = self.emf(now_ms()).to_string();
            let mut out = std::io::stdout().lock();
            // A metrics line that cannot be written must not fail the request.
            let _ = writeln!(out, "{line}");
        }
    }

    /// The EMF document: `Requests` (count), `Ms`, `RenderMs` and `Bytes`, by `Source` and by
    /// `Source` × `Outcome`, with the request id and target as searchable properties.
    pub fn emf(&self, timestamp_ms: u64) -> serde_json::Value {
        let mut metrics = vec![
            json!({"Name": "Requests", "Unit": "Count"}),
            json!({"Name": "Ms", "Unit": "Milliseconds"}),
            json!({"Name": "Bytes", "Unit": "Bytes"}),
        ];
        let mut doc = json!({
            "_aws": {
                "Timestamp": timestamp_ms,
                "CloudWatchMetrics": [],
            },
            "Source": self.source,
            "Outcome": self.outcome,
            "Requests": 1,
            "Ms": round1(self.ms),
            "Bytes": self.bytes,
            "BudgetMs": self.budget_ms,
            "request_id": self.request_id,
            "target": self.target,
        });
        if let Some(r) = self.render_ms {
            metrics.push(json!({"Name": "RenderMs", "Unit": "Milliseconds"}));
            doc["RenderMs"] = round1(r).into();
        }
        if let Some(s) = self.status {
            doc["status"] = s.into();
        }
        if let Some(d) = self.delivery {
            doc["delivery"] = d.into();
        }
        doc["_aws"]["CloudWatchMetrics"] = json!([{
            "Namespace": NAMESPACE,
            "Dimensions": [["Source"], ["Source", "Outcome"]],
            "Metrics": metrics,
        }]);
        doc
    }
}

/// Milliseconds since `t`, to a tenth: the one clock reading replies, logs and reports show.
pub fn ms_since(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 1e4).round() / 10.0
}

fn round1(ms: f64) -> f64 {
    (ms * 10.0).round() / 10.0
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emf_document_follows_the_specification() {
        let r = Record {
            request_id: "abc",
            source: "apigw-http",
            target: "/chart",
            outcome: "ok",
            status: Some(200),
            budget_ms: 9_700,
            ms: 12.345,
            render_ms: Some(4.04),
            bytes: 2_048,
            delivery: Some("inline"),
        };
        let d = r.emf(1_800_000_000_000);
        let directive = &d["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(d["_aws"]["Timestamp"], 1_800_000_000_000u64);
        assert_eq!(directive["Namespace"], "chartfn");
        // Every dimension and every metric a directive names must be a member of the root.
        for set in directive["Dimensions"].as_array().unwrap() {
            for dim in set.as_array().unwrap() {
                assert!(d[dim.as_str().unwrap()].is_string(), "dimension {dim}");
            }
        }
        let names: Vec<&str> = directive["Metrics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Requests", "Ms", "Bytes", "RenderMs"]);
        for n in names {
            assert!(d[n].is_number(), "metric {n}");
        }
        assert_eq!(d["Ms"], 12.3);
        assert_eq!(d["RenderMs"], 4.0);
        assert_eq!(d["request_id"], "abc");
    }

    #[test]
    fn no_render_time_no_render_metric() {
        let r = Record {
            source: "local",
            outcome: "invalid_spec",
            ..Record::default()
        };
        let d = r.emf(0);
        let metrics = d["_aws"]["CloudWatchMetrics"][0]["Metrics"]
            .as_array()
            .unwrap();
        assert!(metrics.iter().all(|m| m["Name"] != "RenderMs"));
        assert!(d.get("RenderMs").is_none());
        assert_eq!(d["Outcome"], "invalid_spec");
    }
}
