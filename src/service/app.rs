//! The service shared by every event source: renders on a bounded blocking pool and delivers
//! the image inline or through object storage.
//!
//! Renders are CPU-bound and run on tokio's blocking threads, at most `render_threads` at once,
//! so concurrent requests never stall the async runtime. The budget still stops each render by
//! itself; the pool only bounds how many run together.

use crate::dialect::data_url::{DataAccess, S3Fetch};
use crate::error::{Error, ErrorCode, Result};
use crate::service::config::Config;
use crate::service::storage::Storage;
use crate::spec::{ChartSpec, Format};
use crate::{Budget, Options, Rendered, RENDERER_VERSION};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::Semaphore;

/// Where `data.url` may read, from the configuration: the data folder, and the allowed S3
/// prefixes read through `storage`.
fn data_access(config: &Config, storage: Option<&Arc<dyn Storage>>) -> DataAccess {
    let s3 = match storage {
        Some(storage) if !config.data_s3_prefixes.is_empty() => {
            let storage = Arc::clone(storage);
            let fetch: Arc<S3Fetch> = Arc::new(move |bucket: &str, key: &str, max, wait| {
                fetch_blocking(&*storage, (bucket, key), max, wait)
            });
            Some(fetch)
        }
        _ => None,
    };
    DataAccess {
        root: config.data_root.clone(),
        s3_prefixes: config.data_s3_prefixes.clone(),
        s3,
        max_bytes: DataAccess::DEFAULT_MAX_BYTES,
    }
}

/// One S3 object, at most `max` bytes, read from a render thread. Translation is synchronous
/// (it runs inside the parse step, on the blocking pool or a request task), so the read blocks
/// this thread on the runtime that called it: `block_in_place` lets a worker thread do that
/// without stalling the others. The wait is bounded by the translation's budget, and the size
/// checked before (HEAD) and after (the body) reading.
fn fetch_blocking(
    storage: &dyn Storage,
    (bucket, key): (&str, &str),
    max: usize,
    wait: std::time::Duration,
) -> Result<Vec<u8>> {
    let handle = tokio::runtime::Handle::try_current()
        .map_err(|_| Error::internal("reading S3 data needs the service's runtime"))?;
    if handle.runtime_flavor() != tokio::runtime::RuntimeFlavor::MultiThread {
        return Err(Error::internal(
            "reading S3 data needs a multi-thread runtime",
        ));
    }
    let too_big = || {
        Error::new(
            ErrorCode::InvalidSpec,
            format!("data object s3://{bucket}/{key} is larger than {max} bytes"),
        )
    };
    let read = tokio::task::block_in_place(|| {
        handle.block_on(tokio::time::timeout(wait, async {
            let info = storage.head(bucket, key).await?.ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidSpec,
                    format!("no data object s3://{bucket}/{key}"),
                )
            })?;
            if info.size > max as u64 {
                return Err(too_big());
            }
            storage.get(bucket, key).await
        }))
    });
    let body = read.map_err(|_| {
        Error::new(
            ErrorCode::DeadlineExceeded,
            format!("reading s3://{bucket}/{key} took the rest of the budget"),
        )
    })??;
    // The object may have grown between HEAD and GET.
    if body.len() > max {
        return Err(too_big());
    }
    Ok(body)
}

/// How the caller wants the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Inline when it fits the source's limit, else through storage.
    Auto,
    Inline,
    Url,
}

impl Delivery {
    pub fn parse(s: &str) -> Option<Delivery> {
        match s {
            "auto" => Some(Delivery::Auto),
            "inline" => Some(Delivery::Inline),
            "url" => Some(Delivery::Url),
            _ => None,
        }
    }
}

/// A delivered image: the bytes, or where they are stored.
#[derive(Debug, Clone)]
pub enum Delivered {
    Inline(Rendered),
    Stored(Stored),
}

impl Delivered {
    /// `inline`, `url` (stored by this request) or `cached` (stored before).
    pub fn kind(&self) -> &'static str {
        match self {
            Delivered::Inline(_) => "inline",
            Delivered::Stored(s) if s.rendered.is_some() => "url",
            Delivered::Stored(_) => "cached",
        }
    }

    /// Drawing plus encoding time, when this request rendered.
    pub fn render_ms(&self) -> Option<f64> {
        match self {
            Delivered::Inline(i) => Some(i.draw_ms + i.encode_ms),
            Delivered::Stored(s) => s.rendered.map(|r| r.3),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub bucket: String,
    pub key: String,
    pub url: String,
    /// Seconds since the epoch.
    pub expires_at: u64,
    pub content_type: &'static str,
    /// `None` when the object already existed and nothing was rendered.
    pub rendered: Option<(u32, u32, usize, f64)>,
    // v2: accessibility and warnings, when rendered by this request
    pub alt: Option<String>,
    pub warnings: Vec<String>,
}

pub struct App {
    pub config: Config,
    pub options: Options,
    pub storage: Option<Arc<dyn Storage>>,
    pool: Arc<Semaphore>,
    /// Renders started, for tests and diagnostics (a refused request must not add to it).
    renders: AtomicU64,
}

impl App {
    pub fn new(config: Config, storage: Option<Arc<dyn Storage>>) -> App {
        let pool = Arc::new(Semaphore::new(config.render_threads.max(1)));
        let options = Options {
            data: data_access(&config, storage.as_ref()),
            fonts: config.fonts.clone(),
            ..Options::default()
        };
        App {
            config,
            options,
            storage,
            pool,
            renders: AtomicU64::new(0),
        }
    }

    /// How many renders this app has started.
    pub fn renders_started(&self) -> u64 {
        self.renders.load(Ordering::Relaxed)
    }

    /// Validates and renders on the blocking pool.
    pub async fn render(&self, spec: ChartSpec, budget: Budget) -> Result<Rendered> {
        budget.check("waiting for a render thread")?;
        let permit = tokio::time::timeout(budget.remaining(), self.pool.clone().acquire_owned())
            .await
            .map_err(|_| budget.expired("waiting for a render thread"))?
            .map_err(|_| Error::internal("render pool closed"))?;
        let options = self.options.clone();
        self.renders.fetch_add(1, Ordering::Relaxed);
        let job = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            // A busy machine may start this thread late: check before any work.
            budget.check("waiting for a render thread")?;
            crate::render_spec(&spec, &options, &budget)
        });
        job.await
            .unwrap_or_else(|e| Err(Error::internal(format!("render task failed: {e}"))))
    }

    /// The content address of a spec: same spec, renderer and format → same key and bytes.
    pub fn content_hash(spec: &ChartSpec) -> String {
        let mut h = Sha256::new();
        h.update(serde_json::to_vec(spec).expect("a parsed spec serializes"));
        h.update(RENDERER_VERSION.as_bytes());
        h.update(spec.format.unwrap_or_default().extension().as_bytes());
        let digest = h.finalize();
        digest.iter().take(20).map(|b| format!("{b:02x}")).collect()
    }

    pub fn render_key(&self, spec: &ChartSpec) -> String {
        format!(
            "{}{}.{}",
            self.config.render_prefix,
            App::content_hash(spec),
            spec.format.unwrap_or_default().extension()
        )
    }

    fn bucket(&self) -> Result<(&str, &Arc<dyn Storage>)> {
        match (&self.config.bucket, &self.storage) {
            (Some(b), Some(s)) => Ok((b.as_str(), s)),
            _ => Err(Error::new(
                ErrorCode::StorageError,
                "no bucket is configured (set CHARTFN_BUCKET) for delivery by URL",
            )),
        }
    }

    /// Renders (or finds) the image and delivers it as asked. `inline_limit` is the largest
    /// encoded image the source can return inline.
    pub async fn deliver(
        &self,
        spec: ChartSpec,
        delivery: Delivery,
        inline_limit: usize,
        budget: Budget,
    ) -> Result<Delivered> {
        // Large images are the ones likely stored already; the size fields say enough (the
        // render validates the whole spec anyway).
        let scale = spec.scale.unwrap_or(1.0);
        let pixels =
            spec.width.unwrap_or(800) as f64 * spec.height.unwrap_or(600) as f64 * scale * scale;
        let large_guess = pixels > 4_000_000.0;
        // Stored already? A repeat request costs a HEAD, not a render.
        if delivery == Delivery::Url
            || (delivery == Delivery::Auto && large_guess && self.bucket().is_ok())
        {
            let (bucket, storage) = self.bucket()?;
            let key = self.render_key(&spec);
            if storage.head(bucket, &key).await?.is_some() {
                return Ok(Delivered::Stored(
                    self.link(bucket, &key, spec.format.unwrap_or_default(), None)
                        .await?,
                ));
            }
        }
        let image = self.render(spec.clone(), budget).await?;
        let fits = image.bytes.len() <= inline_limit;
        match delivery {
            Delivery::Inline | Delivery::Auto if fits => Ok(Delivered::Inline(image)),
            Delivery::Inline => Err(too_large(image.bytes.len(), inline_limit, false)),
            Delivery::Auto if self.bucket().is_err() => {
                Err(too_large(image.bytes.len(), inline_limit, true))
            }
            Delivery::Auto | Delivery::Url => {
                let (bucket, storage) = self.bucket()?;
                let key = self.render_key(&spec);
                let mut meta = HashMap::new();
                meta.insert("renderer".to_owned(), RENDERER_VERSION.to_owned());
                let info = (
                    image.width,
                    image.height,
                    image.bytes.len(),
                    image.draw_ms + image.encode_ms,
                );
                let notes = (image.alt, image.warnings);
                storage
                    .put(bucket, &key, image.bytes, image.format.content_type(), meta)
                    .await?;
                let mut stored = self.link(bucket, &key, image.format, Some(info)).await?;
                (stored.alt, stored.warnings) = (Some(notes.0), notes.1);
                Ok(Delivered::Stored(stored))
            }
        }
    }

    async fn link(
        &self,
        bucket: &str,
        key: &str,
        format: Format,
        rendered: Option<(u32, u32, usize, f64)>,
    ) -> Result<Stored> {
        let storage = self
            .storage
            .as_ref()
            .ok_or_else(|| Error::internal("storage vanished"))?;
        let url = storage
            .presign_get(bucket, key, self.config.url_expires)
            .await?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Ok(Stored {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
            url,
            expires_at: now + self.config.url_expires.as_secs(),
            content_type: format.content_type(),
            rendered,
            alt: None,
            warnings: Vec::new(),
        })
    }
}

/// The storage to use: S3, configured from the environment (no network until first used).
pub async fn storage_for(config: &Config) -> Option<Arc<dyn Storage>> {
    Some(Arc::new(
        crate::service::storage::S3Storage::from_env(config).await,
    ))
}

fn too_large(bytes: usize, limit: usize, suggest_bucket: bool) -> Error {
    let hint = if suggest_bucket {
        "; configure CHARTFN_BUCKET to receive it as a link"
    } else {
        "; ask for delivery=url"
    };
    Error::new(ErrorCode::LimitExceeded, format!("the image is {bytes} bytes, over the {limit}-byte limit for an inline reply from this source{hint}"))
}
