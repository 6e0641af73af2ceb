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
//! | `CHARTFN_SIGNING_KEYS` | `id:secret` pairs, comma-separated: `GET /chart` then needs a signed link (see `signing`) | none (links unsigned) |
//! | `CHARTFN_CORS_ORIGINS` | origins allowed to read replies from a browser, comma-separated, or `*` | none |
//! | `CHARTFN_INPUT_PREFIX` | spec objects under it are rendered (S3-triggered batch) | `specs/` |
//! | `CHARTFN_OUTPUT_PREFIX` | where those renders are written | `charts/` |
//! | `CHARTFN_OUTPUT_BUCKET` | bucket for those renders | the spec's bucket |
//! | `CHARTFN_MAX_SPEC_BYTES` | largest spec object read | the spec size limit |
//! | `CHARTFN_BATCH_CONCURRENCY` | records of one event rendered at once | `4` |
//! | `CHARTFN_PLAYGROUND` | `on` to serve the playground page at `GET /` (always on for `chartfn serve`) | `off` |
//! | `CHARTFN_DATA_ROOT` | folder a Vega-Lite `data.url` may name files in (e.g. a layer's `/opt/data`) | none |
//! | `CHARTFN_DATA_S3_PREFIXES` | `s3://bucket/prefix/` strings, comma-separated, a `data.url` may read under | none |
//! | `CHARTFN_FONT_DIR` | folder of extra fonts (CJK, emoji), registered at start-up (e.g. a layer's `/opt/fonts`) | none: the compiled-in fonts |
//!
//! Prefixes that overlap in one bucket are refused: every output would trigger the function
//! again.
//!
//! The S3 client itself follows the AWS defaults (`AWS_REGION`, `AWS_ENDPOINT_URL_S3` /
//! `AWS_ENDPOINT_URL`, credentials from the environment or the Lambda role).

use crate::service::signing::{parse_keys, SigningKey};
use crate::Format;
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
    /// Where S3-triggered renders read specs.
    pub input_prefix: String,
    /// Where S3-triggered renders write images.
    pub output_prefix: String,
    /// `None`: the spec's own bucket.
    pub output_bucket: Option<String>,
    pub max_spec_bytes: u64,
    /// Records of one event rendered at once.
    pub batch_concurrency: usize,
    /// Keys that sign `GET /chart` links; empty: links need no signature.
    pub signing_keys: Vec<SigningKey>,
    /// Browser origins allowed to read replies (`*` for any); empty: no CORS headers.
    pub cors_origins: Vec<String>,
    /// Folder a `data.url` may name files in; `None`: no local data is read.
    pub data_root: Option<std::path::PathBuf>,
    /// `s3://bucket/prefix/` a `data.url` may read under; empty: none.
    pub data_s3_prefixes: Vec<String>,
    /// Serve the playground page at `GET /`.
    pub playground: bool,
    /// The compiled-in fonts and those of `CHARTFN_FONT_DIR`.
    pub fonts: crate::FontLibrary,
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
            input_prefix: "specs/".into(),
            output_prefix: "charts/".into(),
            output_bucket: None,
            max_spec_bytes: crate::Limits::default().max_input_bytes as u64,
            batch_concurrency: 4,
            signing_keys: Vec::new(),
            cors_origins: Vec::new(),
            data_root: None,
            data_s3_prefixes: Vec::new(),
            playground: false,
            fonts: crate::FontLibrary::builtin(),
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
        c.read_delivery(&get)?;
        c.read_runtime(&get)?;
        c.read_batch(&get)?;
        c.read_access(&get)?;
        c.check_prefixes()?;
        Ok(c)
    }

    /// The bucket and links of images delivered by URL.
    fn read_delivery(&mut self, get: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(v) = get("CHARTFN_BUCKET") {
            self.bucket = Some(v);
        }
        if let Some(v) = get("CHARTFN_RENDER_PREFIX") {
            self.render_prefix = v;
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
            self.url_expires = Duration::from_secs(s);
        }
        if let Some(v) = get("CHARTFN_S3_PATH_STYLE") {
            self.s3_path_style =
                matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes");
        }
        Ok(())
    }

    /// Budgets, render threads and metrics.
    fn read_runtime(&mut self, get: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
        let ms = |k: &str, v: String| -> Result<Duration, String> {
            v.trim()
                .parse::<u64>()
                .map(Duration::from_millis)
                .map_err(|_| format!("{k} must be a whole number of milliseconds, found {v:?}"))
        };
        if let Some(v) = get("CHARTFN_DEADLINE_MARGIN_MS") {
            self.deadline_margin = ms("CHARTFN_DEADLINE_MARGIN_MS", v)?;
        }
        if let Some(v) = get("CHARTFN_DEFAULT_BUDGET_MS") {
            self.default_budget = ms("CHARTFN_DEFAULT_BUDGET_MS", v)?;
        }
        if let Some(v) = get("CHARTFN_RENDER_THREADS") {
            self.render_threads = v
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    format!("CHARTFN_RENDER_THREADS must be a positive number, found {v:?}")
                })?;
        }
        if let Some(v) = get("CHARTFN_METRICS") {
            self.metrics = match v.trim().to_ascii_lowercase().as_str() {
                "emf" | "on" | "true" | "1" => true,
                "off" | "none" | "false" | "0" => false,
                _ => return Err(format!("CHARTFN_METRICS must be emf or off, found {v:?}")),
            };
        }
        Ok(())
    }

    /// Where S3-triggered renders read and write, and how many at once.
    fn read_batch(&mut self, get: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(v) = get("CHARTFN_INPUT_PREFIX") {
            self.input_prefix = v;
        }
        if let Some(v) = get("CHARTFN_OUTPUT_PREFIX") {
            self.output_prefix = v;
        }
        self.output_bucket = get("CHARTFN_OUTPUT_BUCKET");
        if let Some(v) = get("CHARTFN_MAX_SPEC_BYTES") {
            self.max_spec_bytes = v.trim().parse().map_err(|_| {
                format!("CHARTFN_MAX_SPEC_BYTES must be a number of bytes, found {v:?}")
            })?;
        }
        if let Some(v) = get("CHARTFN_BATCH_CONCURRENCY") {
            self.batch_concurrency = v.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                format!("CHARTFN_BATCH_CONCURRENCY must be a positive number, found {v:?}")
            })?;
        }
        Ok(())
    }

    /// Who may call: link-signing keys and browser origins.
    fn read_access(&mut self, get: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(v) = get("CHARTFN_SIGNING_KEYS") {
            self.signing_keys = parse_keys(&v)?;
        }
        if let Some(v) = get("CHARTFN_PLAYGROUND") {
            self.playground = match v.trim() {
                "on" | "true" | "1" => true,
                "off" | "false" | "0" | "" => false,
                _ => return Err(format!("CHARTFN_PLAYGROUND must be on or off, found {v:?}")),
            };
        }
        if let Some(dir) = get("CHARTFN_FONT_DIR").filter(|v| !v.trim().is_empty()) {
            self.fonts = crate::FontLibrary::with_folder(std::path::Path::new(dir.trim()))
                .map_err(|e| format!("CHARTFN_FONT_DIR: {e}"))?;
        }
        self.data_root = get("CHARTFN_DATA_ROOT")
            .filter(|v| !v.trim().is_empty())
            .map(|v| v.trim().into());
        if let Some(v) = get("CHARTFN_DATA_S3_PREFIXES") {
            self.data_s3_prefixes = Vec::new();
            for p in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let bucket = p.strip_prefix("s3://").and_then(|r| r.split_once('/'));
                // A prefix matches as text: without the closing `/`, `prefix` would allow
                // `prefix-private/`.
                if bucket.is_none_or(|(b, _)| b.is_empty()) || !p.ends_with('/') {
                    return Err(format!(
                        "CHARTFN_DATA_S3_PREFIXES entries look like s3://bucket/prefix/ (ending in /), found {p:?}"
                    ));
                }
                self.data_s3_prefixes.push(p.to_owned());
            }
        }
        if let Some(v) = get("CHARTFN_CORS_ORIGINS") {
            self.cors_origins = v
                .split(',')
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect();
        }
        Ok(())
    }

    /// Refuses prefixes that overlap when outputs go to the source bucket: every image written
    /// would trigger the function again.
    pub fn check_prefixes(&self) -> Result<(), String> {
        let overlap = self.output_prefix.starts_with(&self.input_prefix)
            || self.input_prefix.starts_with(&self.output_prefix);
        if self.output_bucket.is_none() && overlap {
            return Err(format!(
                "CHARTFN_OUTPUT_PREFIX {:?} and CHARTFN_INPUT_PREFIX {:?} overlap in the same bucket: outputs would trigger the function again. Use disjoint prefixes or set CHARTFN_OUTPUT_BUCKET",
                self.output_prefix, self.input_prefix
            ));
        }
        Ok(())
    }

    /// The output key of a spec key, or `None` when the key is not a spec under the input
    /// prefix (`specs/a/b c.json` → `charts/a/b c.png`).
    pub fn output_key(&self, spec_key: &str, format: Format) -> Option<String> {
        let rel = spec_key.strip_prefix(&self.input_prefix)?;
        let stem = rel.strip_suffix(".json")?;
        if stem.is_empty() || stem.ends_with('/') {
            return None;
        }
        Some(format!(
            "{}{stem}.{}",
            self.output_prefix,
            format.extension()
        ))
    }

    /// Where the error report of a spec that cannot render is written.
    pub fn error_key(&self, spec_key: &str) -> Option<String> {
        let rel = spec_key.strip_prefix(&self.input_prefix)?;
        Some(format!(
            "{}{}.error.json",
            self.output_prefix,
            rel.strip_suffix(".json")?
        ))
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
            ("CHARTFN_DATA_ROOT", "/opt/data"),
            ("CHARTFN_PLAYGROUND", "on"),
            ("CHARTFN_DATA_S3_PREFIXES", "s3://a/shared/, s3://b/x/"),
        ]))
        .unwrap();
        assert_eq!(
            c.data_root.as_deref(),
            Some(std::path::Path::new("/opt/data"))
        );
        assert_eq!(c.data_s3_prefixes, ["s3://a/shared/", "s3://b/x/"]);
        assert!(c.playground);
        assert!(!Config::default().playground, "off unless asked for");
        for bad in ["https://a/x/", "s3://", "s3:///x", "a/x/", "s3://a/shared"] {
            let e = Config::from_lookup(move |k: &str| {
                (k == "CHARTFN_DATA_S3_PREFIXES").then(|| bad.to_owned())
            })
            .unwrap_err();
            assert!(e.contains("CHARTFN_DATA_S3_PREFIXES"), "{bad}: {e}");
        }
        // A font folder that cannot be read stops start-up; none keeps the compiled-in fonts.
        let e = Config::from_lookup(|k: &str| {
            (k == "CHARTFN_FONT_DIR").then(|| "/nonexistent/fonts".to_owned())
        })
        .unwrap_err();
        assert!(e.starts_with("CHARTFN_FONT_DIR: cannot read"), "{e}");
        assert_eq!(c.fonts, crate::FontLibrary::builtin());
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

    #[test]
    fn output_keys_keep_the_relative_path() {
        let l = Config::default();
        assert_eq!(
            l.output_key("specs/a/b c.json", Format::Png).as_deref(),
            Some("charts/a/b c.png")
        );
        assert_eq!(
            l.output_key("specs/x.json", Format::Svg).as_deref(),
            Some("charts/x.svg")
        );
        assert_eq!(
            l.error_key("specs/a/x.json").as_deref(),
            Some("charts/a/x.error.json")
        );
        assert_eq!(
            l.output_key("specs/x.json", Format::Webp).as_deref(),
            Some("charts/x.webp")
        );
        assert_eq!(
            l.output_key("specs/x.json", Format::Jpeg).as_deref(),
            Some("charts/x.jpg")
        );
        assert_eq!(
            l.output_key("specs/x.json", Format::Pdf).as_deref(),
            Some("charts/x.pdf")
        );
        assert_eq!(l.output_key("charts/x.json", Format::Png), None);
        assert_eq!(l.output_key("specs/x.txt", Format::Png), None);
        assert_eq!(l.output_key("specs/.json", Format::Png), None);
    }

    #[test]
    fn overlapping_prefixes_are_refused() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(Config::from_lookup(env(&[])).is_ok());
        let e = Config::from_lookup(env(&[("CHARTFN_OUTPUT_PREFIX", "specs/out/")])).unwrap_err();
        assert!(e.contains("overlap"), "{e}");
        assert!(
            Config::from_lookup(env(&[
                ("CHARTFN_INPUT_PREFIX", ""),
                ("CHARTFN_OUTPUT_PREFIX", "charts/")
            ]))
            .is_ok(),
            "empty means default"
        );
        assert!(Config::from_lookup(env(&[
            ("CHARTFN_OUTPUT_PREFIX", "specs/out/"),
            ("CHARTFN_OUTPUT_BUCKET", "other")
        ]))
        .is_ok());
    }
}
