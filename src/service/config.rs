//! Configuration of the function and the local server, from environment variables.
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `CHARTFN_BUCKET` | bucket for images too large to return inline (and `delivery=url`) | none |
//! | `CHARTFN_RENDER_PREFIX` | key prefix of those images | `renders/` |
//! | `CHARTFN_URL_EXPIRES_S` | lifetime of presigned links, seconds | `3600` |
//! | `CHARTFN_DEADLINE_MARGIN_MS` | time kept back from Lambda's deadline to send the reply | `300` |
//! | `CHARTFN_DEFAULT_BUDGET_MS` | budget when no plausible deadline is known (local, emulators) | `10000` |
//! | `CHARTFN_S3_PATH_STYLE` | `true` for path-style S3 addressing (local S3-compatible servers) | `false` |
//! | `CHARTFN_RENDER_THREADS` | renders running at once | available cores |
//! | `CHARTFN_METRICS` | `emf` to print CloudWatch EMF metric lines, `off` for none | `emf` on Lambda, else `off` |
//!
//! The S3 client itself follows the AWS defaults (`AWS_REGION`, `AWS_ENDPOINT_URL_S3` /
//! `AWS_ENDPOINT_URL`, credentials from the environment or the Lambda role).

use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub bucket: Option<String>,
    pub render_prefix: String,
    pub url_expires: Duration,
    pub deadline_margin: Duration,
    pub default_budget: Duration,
    pub s3_path_style: bool,
    pub render_threads: usize,
    /// Print a CloudWatch Embedded Metric Format line per request and record.
    pub metrics: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bucket: None,
            render_prefix: "renders/".to_owned(),
            url_expires: Duration::from_secs(3600),
            deadline_margin: Duration::from_millis(300),
            default_budget: Duration::from_millis(10_000),
            s3_path_style: false,
            render_threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            metrics: false,
        }
    }
}

impl Config {
    /// Reads the variables above; unset or empty ones keep their defaults.
    pub fn from_env() -> Result<Config, String> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let mut c = Config::default();
        let get = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        let ms = |k: &str, v: String| -> Result<Duration, String> {
            v.trim()
                .parse::<u64>()
                .map(Duration::from_millis)
                .map_err(|_| format!("{k} must be a whole number of milliseconds, found {v:?}"))
        };
        if let Some(v) = get("CHARTFN_BUCKET") {
            c.bucket = Some(v);
        }
        if let Some(v) = get("CHARTFN_RENDER_PREFIX") {
            c.render_prefix = v;
        }
        if let Some(v) = get("CHARTFN_URL_EXPIRES_S") {
            let s = v
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("CHARTFN_URL_EXPIRES_S must be whole seconds, found {v:?}"))?;
            if !(1..=604_800).contains(&s) {
                return Err(format!(
                    "CHARTFN_URL_EXPIRES_S must be between 1 and 604800 (7 days), found {s}"
                ));
            }
            c.url_expires = Duration::from_secs(s);
        }
        if let Some(v) = get("CHARTFN_DEADLINE_MARGIN_MS") {
            c.deadline_margin = ms("CHARTFN_DEADLINE_MARGIN_MS", v)?;
        }
        if let Some(v) = get("CHARTFN_DEFAULT_BUDGET_MS") {
            c.default_budget = ms("CHARTFN_DEFAULT_BUDGET_MS", v)?;
        }
        if let Some(v) = get("CHARTFN_S3_PATH_STYLE") {
            c.s3_path_style =
                matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = get("CHARTFN_RENDER_THREADS") {
            c.render_threads = v
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    format!("CHARTFN_RENDER_THREADS must be a positive number, found {v:?}")
                })?;
        }
        if let Some(v) = get("CHARTFN_METRICS") {
            c.metrics = match v.trim().to_ascii_lowercase().as_str() {
                "emf" | "on" | "true" | "1" => true,
                "off" | "none" | "false" | "0" => false,
                _ => return Err(format!("CHARTFN_METRICS must be emf or off, found {v:?}")),
            };
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_validates() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let c = Config::from_lookup(env(&[
            ("CHARTFN_BUCKET", "b"),
            ("CHARTFN_DEADLINE_MARGIN_MS", "500"),
            ("CHARTFN_S3_PATH_STYLE", "true"),
        ]))
        .unwrap();
        assert_eq!(c.bucket.as_deref(), Some("b"));
        assert_eq!(c.deadline_margin, Duration::from_millis(500));
        assert!(c.s3_path_style);
        assert_eq!(c.render_prefix, "renders/");
        assert!(
            Config::from_lookup(env(&[("CHARTFN_DEFAULT_BUDGET_MS", "soon")]))
                .unwrap_err()
                .contains("CHARTFN_DEFAULT_BUDGET_MS")
        );
        assert!(Config::from_lookup(env(&[("CHARTFN_URL_EXPIRES_S", "0")])).is_err());
        assert_eq!(
            Config::from_lookup(env(&[("CHARTFN_BUCKET", " ")]))
                .unwrap()
                .bucket,
            None
        );
    }
}
