//! `chartfn serve`: the same routes as the function, over real HTTP on 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chartfn"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env_remove("CHARTFN_BUCKET")
            .env("CHARTFN_DEFAULT_BUDGET_MS", "20000")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line.trim().rsplit(' ').next().unwrap().to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "{line}");
        Server { child, base }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn routes_replies_and_shutdown() {
    let mut s = Server::start();
    let spec = std::fs::read(format!("{}/examples/line.json", env!("CARGO_MANIFEST_DIR"))).unwrap();

    let (status, headers, body) = common::http_request(
        "POST",
        &format!("{}/chart", s.base),
        &[("content-type", "application/json")],
        &spec,
    );
    assert_eq!(status, 200);
    assert_eq!(common::header(&headers, "content-type"), Some("image/png"));
    assert_eq!(
        common::header(&headers, "content-length").unwrap(),
        body.len().to_string()
    );
    let etag = common::header(&headers, "etag").unwrap().to_owned();
    assert_eq!(common::decode(&body).0, (800, 600));

    // Conditional request: same spec, same ETag, nothing to send.
    let (status, _, body) = common::http_request(
        "POST",
        &format!("{}/chart", s.base),
        &[("if-none-match", &etag)],
        &spec,
    );
    assert_eq!((status, body.len()), (304, 0));

    // GET with a URL-encoded spec, a stage-like prefix and doubled slashes.
    let q: String =
        form_urlencoded::byte_serialize(br#"{"series":[{"type":"bar","y":[1,2,3]}]}"#).collect();
    let (status, _, body) = common::http_get(&format!(
        "{}/prod//chart/?spec={q}&width=300&height=200",
        s.base
    ));
    assert_eq!(status, 200);
    assert_eq!(common::decode(&body).0, (300, 200));

    // JSON when asked for JSON.
    let (status, headers, body) = common::http_request(
        "POST",
        &format!("{}/chart?format=svg", s.base),
        &[("accept", "application/json")],
        &spec,
    );
    assert_eq!(status, 200);
    assert_eq!(
        common::header(&headers, "content-type"),
        Some("application/json")
    );
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["content_type"], "image/svg+xml");

    let (status, _, body) = common::http_get(&format!("{}/health", s.base));
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["ok"],
        true
    );
    let (status, _, _) = common::http_get(&format!("{}/schema", s.base));
    assert_eq!(status, 200);
    let (status, _, body) = common::http_request(
        "POST",
        &format!("{}/validate", s.base),
        &[],
        br#"{"series": [{"type": "pie", "values": [1, -2]}]}"#,
    );
    assert_eq!(status, 400);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["error"]["path"],
        "/series/0/values/1"
    );
    let (status, _, _) = common::http_get(&format!("{}/nope", s.base));
    assert_eq!(status, 404);
    let (status, _, _) = common::http_request("DELETE", &format!("{}/chart", s.base), &[], b"");
    assert_eq!(status, 405);

    // A budget from the request header: a heavy chart with 1 ms gets a 504 JSON error.
    let mut heavy =
        String::from(r#"{"width": 3000, "height": 3000, "series": [{"type": "scatter", "y": ["#);
    heavy.push_str(
        &(0..200_000)
            .map(|i| (i % 997).to_string())
            .collect::<Vec<_>>()
            .join(","),
    );
    heavy.push_str("]}]}");
    let (status, _, body) = common::http_request(
        "POST",
        &format!("{}/chart", s.base),
        &[("x-chartfn-budget-ms", "1")],
        heavy.as_bytes(),
    );
    assert_eq!(status, 504, "{}", String::from_utf8_lossy(&body));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["error"]["code"],
        "deadline_exceeded"
    );

    // Concurrent requests all succeed (renders run on the bounded pool).
    let base = s.base.clone();
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (base, spec) = (base.clone(), spec.clone());
            std::thread::spawn(move || {
                common::http_request("POST", &format!("{base}/chart"), &[], &spec).0
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 200);
    }

    // SIGTERM: a graceful exit.
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let t0 = Instant::now();
    loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            assert!(st.success(), "exit status {st}");
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// QuickChart's API on `chartfn serve`: `GET /chart?c=` with a JavaScript config and the short
/// parameter names, and `POST /convert` showing the chartfn spec a config becomes.
#[test]
fn quickchart_urls_and_convert() {
    let s = Server::start();
    let config = "{type:'bar',data:{labels:['Q1','Q2'],datasets:[{label:'Users',data:[50,60]}]}}";
    let c: String = form_urlencoded::byte_serialize(config.as_bytes()).collect();
    let (status, headers, body) = common::http_get(&format!(
        "{}/chart?c={c}&w=300&h=150&devicePixelRatio=1&bkg=white",
        s.base
    ));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(common::header(&headers, "content-type"), Some("image/png"));
    assert_eq!(common::decode(&body).0, (300, 150));
    // QuickChart's `f` and chartfn's `format` (with `quality`) ask for WebP and JPEG.
    for (query, content_type, magic) in [
        ("f=webp", "image/webp", &b"RIFF"[..]),
        ("format=jpeg&quality=70", "image/jpeg", &b"\xFF\xD8\xFF"[..]),
    ] {
        let (status, headers, body) =
            common::http_get(&format!("{}/chart?c={c}&w=300&h=150&{query}", s.base));
        assert_eq!(status, 200, "{query}: {}", String::from_utf8_lossy(&body));
        assert_eq!(common::header(&headers, "content-type"), Some(content_type));
        assert!(body.starts_with(magic), "{query}");
    }
    // The same as base64 text, as QuickChart's encoding=base64.
    let (status, headers, text) = common::http_get(&format!(
        "{}/chart?c={c}&w=300&h=150&devicePixelRatio=1&bkg=white&encoding=base64",
        s.base
    ));
    assert_eq!(status, 200);
    assert!(common::header(&headers, "content-type")
        .unwrap()
        .starts_with("text/plain"));
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&text)
        .unwrap();
    assert_eq!(decoded, body);

    // A callback is refused where it is, as JSON with its path.
    let bad: String = form_urlencoded::byte_serialize(
        b"{type:'bar',data:{datasets:[{data:[1]}]},options:{plugins:{datalabels:{formatter:(v)=>v+'%'}}}}",
    )
    .collect();
    let (status, _, body) = common::http_get(&format!("{}/chart?c={bad}", s.base));
    assert_eq!(status, 400);
    let err: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(err["error"]["code"], "unsupported");
    assert_eq!(
        err["error"]["path"],
        "/options/plugins/datalabels/formatter"
    );

    let (status, _, body) = common::http_request(
        "POST",
        &format!("{}/convert", s.base),
        &[("content-type", "application/json")],
        config.as_bytes(),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["dialect"], "chartjs");
    assert_eq!(v["spec"]["series"][0]["type"], "bar");
    assert_eq!(v["spec"]["series"][0]["x"], serde_json::json!(["Q1", "Q2"]));
}

/// `GET /` on `chartfn serve`: the playground page, self-contained (its examples inside, a
/// policy that lets nothing else load), and the routes it calls answer as it expects.
#[test]
fn serves_the_playground() {
    let s = Server::start();
    let (status, headers, body) = common::http_get(&format!("{}/", s.base));
    assert_eq!(status, 200);
    assert_eq!(
        common::header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = common::header(&headers, "content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    let page = String::from_utf8(body).unwrap();
    for part in [
        "id=\"spec\"",
        "id=\"preview\"",
        "id=\"example\"",
        "Copy as curl",
        "\"line\"",
        "Vega-Lite: bar",
    ] {
        assert!(page.contains(part), "the page lacks {part}");
    }
}
