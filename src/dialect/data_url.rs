//! Data a dialect names by URL (Vega-Lite's `data.url`), read only from places the operator
//! allowed: one local folder (`CHARTFN_DATA_ROOT`, e.g. a Lambda layer) and S3 prefixes
//! (`CHARTFN_DATA_S3_PREFIXES`). Nothing else is ever fetched — no `http(s)`, no `file:`, no
//! path that leaves the folder by `..` or a symbolic link — so a spec cannot make chartfn
//! request an internal address (server-side request forgery) or read its own files.
//!
//! Where a URL points is decided here from its text alone ([`DataAccess::locate`]) before
//! anything is read. Local files are read in place; S3 objects through the [`S3Fetch`] the
//! service supplies (the core knows no S3 client).

use crate::error::{Error, ErrorCode, Result};
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Reads one S3 object (`bucket`, `key`) to the end, blocking the calling thread for at most
/// the given time; at most `max_bytes` of it, else an error.
pub type S3Fetch = dyn Fn(&str, &str, usize, Duration) -> Result<Vec<u8>> + Send + Sync;

/// Where `data.url` may point. The default allows nothing: every URL is refused.
#[derive(Clone, Default)]
pub struct DataAccess {
    /// URLs that are relative paths resolve inside this folder.
    pub root: Option<PathBuf>,
    /// `s3://bucket/prefix` strings; an `s3://` URL must start with one of them.
    pub s3_prefixes: Vec<String>,
    /// Reads S3 objects; without it, `s3://` URLs are refused.
    pub s3: Option<Arc<S3Fetch>>,
    /// Largest data file read, in bytes.
    pub max_bytes: usize,
}

impl fmt::Debug for DataAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataAccess")
            .field("root", &self.root)
            .field("s3_prefixes", &self.s3_prefixes)
            .field("s3", &self.s3.is_some())
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

/// A URL's place, once it is known to be allowed.
#[derive(Debug, PartialEq)]
pub enum Location {
    File(PathBuf),
    S3 { bucket: String, key: String },
}

impl DataAccess {
    /// The largest data file read when none is configured: 20 MiB, the spec size limit.
    pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

    /// Access to the folder `root` only.
    pub fn folder(root: impl Into<PathBuf>) -> DataAccess {
        DataAccess {
            root: Some(root.into()),
            max_bytes: Self::DEFAULT_MAX_BYTES,
            ..DataAccess::default()
        }
    }

    /// Where `url` (written at `path` in the input) points, or why it may not be read.
    pub fn locate(&self, url: &str, path: &str) -> Result<Location> {
        let refuse = |why: &str| {
            Error::with_path(
                ErrorCode::Forbidden,
                path,
                format!("data URL {:?} is not read: {why}", shorten(url)),
            )
        };
        if let Some(rest) = url.strip_prefix("s3://") {
            if self.s3_prefixes.is_empty() || self.s3.is_none() {
                return Err(refuse("no S3 prefix is allowed (CHARTFN_DATA_S3_PREFIXES)"));
            }
            let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() || key.is_empty() || key.split('/').any(|s| s == ".." || s == ".")
            {
                return Err(refuse("an S3 URL needs a bucket and a plain key"));
            }
            if !self.s3_prefixes.iter().any(|p| url.starts_with(p.as_str())) {
                return Err(refuse(
                    "it is outside the allowed S3 prefixes (CHARTFN_DATA_S3_PREFIXES)",
                ));
            }
            return Ok(Location::S3 {
                bucket: bucket.to_owned(),
                key: key.to_owned(),
            });
        }
        // Anything with a scheme (`http:`, `file:`, `data:`) or a host (`//…`) is a fetch.
        let scheme = url.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        if scheme || url.starts_with("//") || url.starts_with('\\') {
            return Err(refuse(
                "only paths inside the data folder and allowed s3:// prefixes are read, never a \
                 network or file: URL",
            ));
        }
        let Some(root) = &self.root else {
            return Err(refuse("no data folder is configured (CHARTFN_DATA_ROOT)"));
        };
        let relative = Path::new(url);
        let plain = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if url.is_empty() || url.contains('\\') || url.contains('\0') || !plain {
            return Err(refuse(
                "a data path stays inside the data folder (no `..`, no absolute path)",
            ));
        }
        // A symbolic link inside the folder may still lead out of it: compare real paths.
        let root = root
            .canonicalize()
            .map_err(|e| Error::internal(format!("the data folder cannot be read: {e}")))?;
        let file = root.join(relative).canonicalize().map_err(|_| {
            Error::with_path(
                ErrorCode::InvalidSpec,
                path,
                format!("no data file {:?} in the data folder", shorten(url)),
            )
        })?;
        if !file.starts_with(&root) {
            return Err(refuse("it leads out of the data folder"));
        }
        Ok(Location::File(file))
    }

    /// The bytes at `url` (written at `path`), if it is allowed and no larger than the limit;
    /// an S3 read waits at most `wait`.
    pub fn read(&self, url: &str, path: &str, wait: Duration) -> Result<Vec<u8>> {
        let too_big = || {
            Error::with_path(
                ErrorCode::InvalidSpec,
                path,
                format!(
                    "data file {:?} is larger than {} bytes",
                    shorten(url),
                    self.max_bytes
                ),
            )
        };
        match self.locate(url, path)? {
            Location::File(file) => {
                use std::io::Read;
                let unreadable = |e: std::io::Error| {
                    Error::with_path(
                        ErrorCode::InvalidSpec,
                        path,
                        format!("data file {:?} cannot be read: {e}", shorten(url)),
                    )
                };
                // Opened once and checked on that handle: a regular file (not a pipe that
                // would block), read no further than the limit.
                let f = std::fs::File::open(&file).map_err(unreadable)?;
                if !f.metadata().map_err(unreadable)?.is_file() {
                    return Err(unreadable(std::io::Error::other("not a regular file")));
                }
                let mut bytes = Vec::new();
                f.take(self.max_bytes as u64 + 1)
                    .read_to_end(&mut bytes)
                    .map_err(unreadable)?;
                if bytes.len() > self.max_bytes {
                    return Err(too_big());
                }
                Ok(bytes)
            }
            Location::S3 { bucket, key } => {
                let fetch = self.s3.as_ref().expect("locate checked the fetcher");
                fetch(&bucket, &key, self.max_bytes, wait).map_err(|e| match e.code {
                    // A missing object is the spec's mistake; a storage failure is worth a retry.
                    ErrorCode::InvalidSpec => {
                        Error::with_path(ErrorCode::InvalidSpec, path, e.message)
                    }
                    _ => e,
                })
            }
        }
    }
}

/// A URL as an error message quotes it: at most 200 characters.
fn shorten(url: &str) -> &str {
    match url.char_indices().nth(200) {
        Some((i, _)) => &url[..i],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (PathBuf, DataAccess) {
        let dir = std::env::temp_dir().join(format!("chartfn-data-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.csv"), "x,y\n1,2\n").unwrap();
        (dir.clone(), DataAccess::folder(dir))
    }

    #[test]
    fn nothing_is_read_by_default() {
        let access = DataAccess::default();
        for url in [
            "data/cars.json",
            "s3://b/k.csv",
            "http://169.254.169.254/latest",
        ] {
            let e = access.locate(url, "/data/url").unwrap_err();
            assert_eq!(e.code, ErrorCode::Forbidden, "{url}");
            assert_eq!(e.path.as_deref(), Some("/data/url"));
        }
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        let (dir, access) = folder();
        assert_eq!(
            access.locate("sub/a.csv", "/data/url").unwrap(),
            Location::File(dir.canonicalize().unwrap().join("sub/a.csv"))
        );
        assert!(access.locate("./sub/a.csv", "/u").is_ok());
        for url in [
            "../etc/passwd",
            "sub/../../x",
            "/etc/passwd",
            "file:///etc/passwd",
            "http://169.254.169.254/latest/meta-data/",
            "https://example.com/data.csv",
            "//example.com/x",
            "\\\\server\\share",
            "data:text/csv,x",
            "",
        ] {
            let e = access.locate(url, "/data/url").unwrap_err();
            assert_eq!(e.code, ErrorCode::Forbidden, "{url}: {}", e.message);
        }
        // Inside, but missing: the spec's mistake.
        let e = access.locate("sub/none.csv", "/data/url").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidSpec);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let (dir, access) = folder();
        let link = dir.join("passwd");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
        let e = access.locate("passwd", "/data/url").unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);
    }

    #[test]
    fn s3_urls_need_an_allowed_prefix() {
        let fetch: Arc<S3Fetch> =
            Arc::new(|b: &str, k: &str, _, _| Ok(format!("{b}/{k}").into_bytes()));
        let access = DataAccess {
            s3_prefixes: vec!["s3://data-bucket/shared/".into()],
            s3: Some(fetch),
            max_bytes: 100,
            ..DataAccess::default()
        };
        assert_eq!(
            access
                .read(
                    "s3://data-bucket/shared/a.csv",
                    "/u",
                    Duration::from_secs(1)
                )
                .unwrap(),
            b"data-bucket/shared/a.csv"
        );
        for url in [
            "s3://data-bucket/other/a.csv",
            "s3://data-bucket/sharedx/a.csv",
            "s3://data-bucket/shared/../secret.csv",
            "s3://other/shared/a.csv",
            "s3://",
        ] {
            let e = access.read(url, "/u", Duration::from_secs(1)).unwrap_err();
            assert_eq!(e.code, ErrorCode::Forbidden, "{url}");
        }
    }
}
