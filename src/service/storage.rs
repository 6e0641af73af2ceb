//! Object storage: a narrow trait and its implementation on `aws-sdk-s3`.
//!
//! Tests run the same [`S3Storage`] against a real S3-compatible server on loopback; nothing
//! else in the crate talks to S3. SDK errors become `storage_error` here, at the boundary.

use crate::error::{Error, ErrorCode, Result};
use crate::service::config::Config;
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What `head` tells about an object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectInfo {
    pub size: u64,
    pub etag: Option<String>,
    pub content_type: Option<String>,
    pub metadata: HashMap<String, String>,
}

pub trait Storage: Send + Sync {
    /// `None` when the object does not exist.
    fn head<'a>(
        &'a self,
        bucket: &'a str,
        key: &'a str,
    ) -> BoxFuture<'a, Result<Option<ObjectInfo>>>;
    fn get<'a>(&'a self, bucket: &'a str, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>>>;
    /// Writes the whole object at once: S3 never shows a half-written object.
    fn put<'a>(
        &'a self,
        bucket: &'a str,
        key: &'a str,
        body: Vec<u8>,
        content_type: &'a str,
        metadata: HashMap<String, String>,
    ) -> BoxFuture<'a, Result<()>>;
    /// A URL that lets anyone GET the object until it expires.
    fn presign_get<'a>(
        &'a self,
        bucket: &'a str,
        key: &'a str,
        expires: Duration,
    ) -> BoxFuture<'a, Result<String>>;
    /// Every key under `prefix`, sorted.
    fn list<'a>(&'a self, bucket: &'a str, prefix: &'a str) -> BoxFuture<'a, Result<Vec<String>>>;
}

pub struct S3Storage {
    client: aws_sdk_s3::Client,
}

fn storage_error(what: &str, bucket: &str, key: &str, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::StorageError,
        format!("{what} s3://{bucket}/{key} failed: {e}"),
    )
}

/// The most useful text of an SDK error: the service's code and message, or the cause chain.
fn describe<E: ProvideErrorMetadata + std::error::Error + 'static>(
    e: &aws_sdk_s3::error::SdkError<E>,
) -> String {
    if let Some(service) = e.as_service_error() {
        if let Some(code) = service.code() {
            return format!("{code}: {}", service.message().unwrap_or(""));
        }
    }
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

impl S3Storage {
    /// A client from the AWS defaults, with short timeouts and few retries: a render's budget
    /// is seconds, so a storage outage must fail fast rather than hang.
    pub async fn from_env(config: &Config) -> S3Storage {
        let timeouts = aws_config::timeout::TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(2))
            .operation_attempt_timeout(Duration::from_secs(10))
            .operation_timeout(Duration::from_secs(20))
            .build();
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .timeout_config(timeouts)
            .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(2));
        if std::env::var_os("AWS_REGION").is_none()
            && std::env::var_os("AWS_DEFAULT_REGION").is_none()
        {
            loader = loader.region(aws_config::Region::new("us-east-1"));
        }
        let shared = loader.load().await;
        let s3 = aws_sdk_s3::config::Builder::from(&shared)
            .force_path_style(config.s3_path_style)
            .build();
        S3Storage {
            client: aws_sdk_s3::Client::from_conf(s3),
        }
    }

    pub fn from_client(client: aws_sdk_s3::Client) -> S3Storage {
        S3Storage { client }
    }
}

impl Storage for S3Storage {
    fn head<'a>(
        &'a self,
        bucket: &'a str,
        key: &'a str,
    ) -> BoxFuture<'a, Result<Option<ObjectInfo>>> {
        Box::pin(async move {
            match self
                .client
                .head_object()
                .bucket(bucket)
                .key(key)
                .send()
                .await
            {
                Ok(o) => Ok(Some(ObjectInfo {
                    size: o.content_length().unwrap_or(0).max(0) as u64,
                    etag: o.e_tag().map(str::to_owned),
                    content_type: o.content_type().map(str::to_owned),
                    metadata: o.metadata().cloned().unwrap_or_default(),
                })),
                Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(None),
                Err(e) if e.raw_response().is_some_and(|r| r.status().as_u16() == 404) => Ok(None),
                Err(e) => Err(storage_error("HEAD", bucket, key, describe(&e))),
            }
        })
    }

    fn get<'a>(&'a self, bucket: &'a str, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>>> {
        Box::pin(async move {
            let o = self
                .client
                .get_object()
                .bucket(bucket)
                .key(key)
                .send()
                .await
                .map_err(|e| storage_error("GET", bucket, key, describe(&e)))?;
            let body = o
                .body
                .collect()
                .await
                .map_err(|e| storage_error("GET", bucket, key, e))?;
            Ok(body.into_bytes().to_vec())
        })
    }

    fn put<'a>(
        &'a self,
        bucket: &'a str,
        key: &'a str,
        body: Vec<u8>,
        content_type: &'a str,
        metadata: HashMap<String, String>,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            self.client
                .put_object()
                .bucket(bucket)
                .key(key)
                .content_type(content_type)
                .set_metadata(Some(metadata))
                .body(ByteStream::from(body))
                .send()
                .await
                .map_err(|e| storage_error("PUT", bucket, key, describe(&e)))?;
            Ok(())
        })
    }

    fn list<'a>(&'a self, bucket: &'a str, prefix: &'a str) -> BoxFuture<'a, Result<Vec<String>>> {
        Box::pin(async move {
            let mut keys = Vec::new();
            let mut pages = self
                .client
                .list_objects_v2()
                .bucket(bucket)
                .prefix(prefix)
                .into_paginator()
                .send();
            while let Some(page) = pages.next().await {
                let page = page.map_err(|e| storage_error("LIST", bucket, prefix, describe(&e)))?;
                keys.extend(
                    page.contents()
                        .iter()
                        .filter_map(|o| o.key().map(str::to_owned)),
                );
            }
            keys.sort();
            Ok(keys)
        })
    }

    fn presign_get<'a>(
        &'a self,
        bucket: &'a str,
        key: &'a str,
        expires: Duration,
    ) -> BoxFuture<'a, Result<String>> {
        Box::pin(async move {
            let cfg = PresigningConfig::expires_in(expires)
                .map_err(|e| storage_error("presigning", bucket, key, e))?;
            let req = self
                .client
                .get_object()
                .bucket(bucket)
                .key(key)
                .presigned(cfg)
                .await
                .map_err(|e| storage_error("presigning", bucket, key, describe(&e)))?;
            Ok(req.uri().to_string())
        })
    }
}

/// A folder used as a bucket, for `chartfn batch DIR`: keys are relative paths, metadata lives
/// in `.chartfn-meta/` beside the files. Writes go to a temporary name and are renamed into
/// place, so a reader never sees half a file.
pub struct LocalStorage {
    root: std::path::PathBuf,
}

impl LocalStorage {
    pub fn new(root: impl Into<std::path::PathBuf>) -> LocalStorage {
        LocalStorage { root: root.into() }
    }

    fn path(&self, key: &str) -> Result<std::path::PathBuf> {
        if key.split('/').any(|p| p == "..") || key.starts_with('/') {
            return Err(Error::new(
                ErrorCode::InvalidSpec,
                format!("key {key:?} leaves the folder"),
            ));
        }
        Ok(self.root.join(key))
    }

    fn meta_path(&self, key: &str) -> std::path::PathBuf {
        self.root.join(".chartfn-meta").join(format!("{key}.json"))
    }
}

fn local_error(what: &str, key: &str, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::StorageError, format!("{what} {key} failed: {e}"))
}

fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

impl Storage for LocalStorage {
    fn head<'a>(
        &'a self,
        _bucket: &'a str,
        key: &'a str,
    ) -> BoxFuture<'a, Result<Option<ObjectInfo>>> {
        Box::pin(async move {
            let path = self.path(key)?;
            let Ok(m) = std::fs::metadata(&path) else {
                return Ok(None);
            };
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let metadata = std::fs::read(self.meta_path(key))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default();
            Ok(Some(ObjectInfo {
                size: m.len(),
                etag: Some(format!("{:x}-{:x}", m.len(), modified)),
                content_type: None,
                metadata,
            }))
        })
    }

    fn get<'a>(&'a self, _bucket: &'a str, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>>> {
        Box::pin(async move {
            std::fs::read(self.path(key)?).map_err(|e| local_error("reading", key, e))
        })
    }

    fn put<'a>(
        &'a self,
        _bucket: &'a str,
        key: &'a str,
        body: Vec<u8>,
        _content_type: &'a str,
        metadata: HashMap<String, String>,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            write_atomically(&self.path(key)?, &body)
                .map_err(|e| local_error("writing", key, e))?;
            let meta = serde_json::to_vec(&metadata).expect("metadata serializes");
            write_atomically(&self.meta_path(key), &meta)
                .map_err(|e| local_error("writing metadata of", key, e))
        })
    }

    fn presign_get<'a>(
        &'a self,
        _bucket: &'a str,
        key: &'a str,
        _expires: Duration,
    ) -> BoxFuture<'a, Result<String>> {
        Box::pin(async move { Ok(format!("file://{}", self.path(key)?.display())) })
    }

    fn list<'a>(&'a self, _bucket: &'a str, prefix: &'a str) -> BoxFuture<'a, Result<Vec<String>>> {
        Box::pin(async move {
            let mut keys = Vec::new();
            let mut stack = vec![self.root.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir)
                    .map_err(|e| local_error("listing", &dir.display().to_string(), e))?;
                for entry in entries.flatten() {
                    let p = entry.path();
                    if entry.file_name() == ".chartfn-meta" {
                        continue;
                    }
                    if p.is_dir() {
                        stack.push(p);
                    } else if let Ok(rel) = p.strip_prefix(&self.root) {
                        let key = rel
                            .to_string_lossy()
                            .replace(std::path::MAIN_SEPARATOR, "/");
                        if key.starts_with(prefix) {
                            keys.push(key);
                        }
                    }
                }
            }
            keys.sort();
            Ok(keys)
        })
    }
}
