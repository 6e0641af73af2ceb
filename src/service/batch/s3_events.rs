//! S3 put notifications: every record of the event goes through the [`Batch`] runner, and the
//! invocation fails (so that Lambda retries it) when a record failed in a way a retry can fix.
//! Also how S3 writes object keys into events, which Batch Operations shares.

use super::{Batch, ItemReport, Outcome, Overrides};
use crate::error::{Error, ErrorCode, Result};
use crate::Budget;

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
                alt: None,
                warnings: Vec::new(),
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
