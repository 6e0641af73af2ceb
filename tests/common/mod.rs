//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// Decodes a PNG into ((width, height), RGBA8), whatever its colour type.
pub fn decode(png_bytes: &[u8]) -> ((u32, u32), Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(png_bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    ((info.width, info.height), rgba)
}

/// `spec` rendered as a PNG with the default options, decoded: ((width, height), RGBA8).
pub fn rendered_pixels(spec: &serde_json::Value) -> ((u32, u32), Vec<u8>) {
    let img = chartfn::render_bytes(
        spec.to_string().as_bytes(),
        &chartfn::Options::default(),
        &chartfn::Budget::from_millis(20_000),
    )
    .unwrap_or_else(|e| panic!("{spec}: {e}"));
    decode(&img.bytes)
}

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits (at most `limit`) until something listens on `port`.
pub fn wait_for_port(port: u16, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Finds a tool on PATH or in ~/.cargo/bin.
pub fn tool(name: &str) -> std::path::PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .chain(
            std::env::var_os("HOME")
                .map(|h| std::path::PathBuf::from(h).join(".cargo/bin").join(name)),
        );
    for c in candidates {
        if c.is_file() {
            return c;
        }
    }
    panic!("{name} is not installed; run scripts/test.sh (or .ci/run), which installs it")
}

pub const ACCESS_KEY: &str = "chartfn-test-key";
pub const SECRET_KEY: &str = "chartfn-test-secret-0123456789";

/// An S3-compatible server (s3s-fs, which verifies SigV4 signatures) on 127.0.0.1, with the
/// given buckets; stopped when dropped.
pub struct S3Server {
    pub port: u16,
    pub root: std::path::PathBuf,
    child: Option<Child>,
}

impl S3Server {
    pub fn start(buckets: &[&str]) -> S3Server {
        let root =
            std::env::temp_dir().join(format!("chartfn-s3-{}-{}", std::process::id(), free_port()));
        for b in buckets {
            std::fs::create_dir_all(root.join(b)).unwrap();
        }
        let mut server = S3Server {
            port: free_port(),
            root,
            child: None,
        };
        server.restart();
        server
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port with the same data.
    pub fn restart(&mut self) {
        self.stop();
        let child = Command::new(tool("s3s-fs"))
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &self.port.to_string(),
                "--access-key",
                ACCESS_KEY,
                "--secret-key",
                SECRET_KEY,
            ])
            .arg(&self.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("s3s-fs starts");
        self.child = Some(child);
        assert!(
            wait_for_port(self.port, Duration::from_secs(10)),
            "s3s-fs did not start"
        );
    }

    /// An S3 client for this server, the way the function builds one but with explicit settings.
    #[cfg(feature = "service")]
    pub fn client(&self) -> aws_sdk_s3::Client {
        client_for(&self.endpoint())
    }
}

#[cfg(feature = "service")]
pub fn client_for(endpoint: &str) -> aws_sdk_s3::Client {
    let conf = aws_sdk_s3::config::Builder::new()
        .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(aws_sdk_s3::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_s3::config::Credentials::new(
            ACCESS_KEY, SECRET_KEY, None, None, "test",
        ))
        .force_path_style(true)
        .timeout_config(
            aws_sdk_s3::config::timeout::TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2))
                .operation_timeout(Duration::from_secs(10))
                .build(),
        )
        .retry_config(aws_sdk_s3::config::retry::RetryConfig::standard().with_max_attempts(2))
        .build();
    aws_sdk_s3::Client::from_conf(conf)
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A minimal HTTP/1.1 GET (the tests fetch presigned URLs from loopback only).
pub fn http_get(url: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    http_request("GET", url, &[], b"")
}

pub fn http_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".to_owned()));
    assert!(
        host.starts_with("127.0.0.1:") || host.starts_with("localhost:"),
        "tests only talk to loopback: {host}"
    );
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    (status, headers, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(
            std::str::from_utf8(&b[..line_end])
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap();
        b = &b[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size + 2..];
    }
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Another dialect's input (`spec`) converted with no data folder and a generous budget.
pub fn convert(spec: &serde_json::Value) -> chartfn::Result<chartfn::dialect::Converted> {
    chartfn::dialect::convert(
        spec.to_string().as_bytes(),
        None,
        &chartfn::Limits::default(),
        &Default::default(),
        &chartfn::Budget::from_millis(20_000),
    )
}

/// The chartfn spec another dialect's input (`spec`) translates to, as JSON.
pub fn converted(spec: &serde_json::Value) -> chartfn::Result<serde_json::Value> {
    Ok(serde_json::to_value(convert(spec)?.spec).unwrap())
}
