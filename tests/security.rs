//! Signed links and reply headers through the real HTTP handler (the one every source uses):
//! a valid link renders; any tampering is 403 `forbidden` before anything is rendered.

use chartfn::service::http::{handle, Reply, Source};
use chartfn::service::signing::{parse_keys, sign_url};
use chartfn::service::{App, Config};
use chartfn::Budget;
use http::{header, Request, StatusCode};
use std::process::Command;

const KEYS: &str = "k1:first-secret-0123456789,k2:second-secret-0123456789";
const SPEC: &str = r#"{"width": 320, "height": 200, "series": [{"type": "line", "y": [1, 3, 2]}]}"#;

fn app_with(keys: &str) -> App {
    let config = Config::from_lookup(|k| match k {
        "CHARTFN_SIGNING_KEYS" => Some(keys.to_owned()),
        "CHARTFN_CORS_ORIGINS" => Some("https://reports.example".to_owned()),
        _ => None,
    })
    .unwrap();
    App::new(config, None)
}

fn encoded_spec() -> String {
    form_urlencoded::byte_serialize(SPEC.as_bytes()).collect()
}

/// A URL signed with key `index` of [`KEYS`], with `kid` and an `exp` that far in the future.
fn signed(extra: &str, index: usize, exp: Option<u64>) -> String {
    let keys = parse_keys(KEYS).unwrap();
    let url = format!(
        "https://charts.example/prod/chart?spec={}{extra}",
        encoded_spec()
    );
    sign_url(&url, &keys[index], true, exp).unwrap()
}

async fn get(app: &App, url: &str) -> Reply {
    let path_and_query = url.split_once(".example").map_or(url, |(_, p)| p);
    let req = Request::get(path_and_query)
        .header(header::ORIGIN, "https://reports.example")
        .body(Vec::new())
        .unwrap();
    handle(app, req, Source::HttpApi, Budget::from_millis(10_000)).await
}

fn code(reply: &Reply) -> String {
    let v: serde_json::Value = serde_json::from_slice(reply.body()).unwrap();
    v["error"]["code"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn signed_links_render_and_tampered_ones_render_nothing() {
    let app = app_with(KEYS);
    let good = signed("&width=400", 0, Some(4_000_000_000));
    let reply = get(&app, &good).await;
    assert_eq!(
        reply.status(),
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(reply.body())
    );
    assert_eq!(reply.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(reply.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        reply.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://reports.example"
    );
    assert_eq!(app.renders_started(), 1);

    // The content-addressed ETag still answers 304 for a signed link.
    let etag = reply.headers()[header::ETAG].to_str().unwrap().to_owned();
    let path = good.split_once(".example").unwrap().1;
    let req = Request::get(path)
        .header(header::IF_NONE_MATCH, &etag)
        .body(Vec::new())
        .unwrap();
    let reply = handle(&app, req, Source::HttpApi, Budget::from_millis(10_000)).await;
    assert_eq!(reply.status(), StatusCode::NOT_MODIFIED);

    let tampered = [
        (
            "a changed parameter",
            good.replace("width=400", "width=401"),
        ),
        ("an added parameter", format!("{good}&height=900")),
        ("a wrong key id", good.replace("kid=k1", "kid=k2")),
        ("an unknown key id", good.replace("kid=k1", "kid=k9")),
        (
            "a removed signature",
            good.split("&sig=").next().unwrap().to_owned(),
        ),
        (
            "a changed exp",
            good.replace("exp=4000000000", "exp=4000000001"),
        ),
        ("an expired link", signed("", 0, Some(1_000_000_000))),
        ("a signature for another path", {
            let keys = parse_keys(KEYS).unwrap();
            let other = format!("https://charts.example/validate?spec={}", encoded_spec());
            let s = sign_url(&other, &keys[0], true, None).unwrap();
            s.replace("/validate?", "/chart?")
        }),
    ];
    for (what, url) in tampered {
        let reply = get(&app, &url).await;
        assert_eq!(reply.status(), StatusCode::FORBIDDEN, "{what}: {url}");
        assert_eq!(code(&reply), "forbidden", "{what}");
        assert_eq!(
            reply.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{what}"
        );
    }
    assert_eq!(app.renders_started(), 1, "no refused link rendered");
}

#[tokio::test]
async fn both_keys_sign_during_a_rotation() {
    let app = app_with(KEYS);
    for index in [0, 1] {
        let reply = get(&app, &signed("", index, None)).await;
        assert_eq!(reply.status(), StatusCode::OK, "key {index}");
    }
    // After the rotation only the new key is configured: old links stop working.
    let rotated = app_with("k2:second-secret-0123456789");
    let reply = get(&rotated, &signed("", 0, None)).await;
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
    assert_eq!(rotated.renders_started(), 0);
}

#[tokio::test]
async fn svg_replies_carry_a_content_security_policy() {
    let app = app_with(KEYS);
    let reply = get(&app, &signed("&format=svg", 0, None)).await;
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(reply.headers()[header::CONTENT_TYPE], "image/svg+xml");
    assert_eq!(
        reply.headers()[header::CONTENT_SECURITY_POLICY],
        "default-src 'none'; style-src 'unsafe-inline'"
    );
    assert_eq!(reply.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn post_is_not_signed_and_unsigned_get_works_without_keys() {
    // POST is authenticated by the gateway (AuthMode), not by link signatures.
    let app = app_with(KEYS);
    let req = Request::post("/chart")
        .body(SPEC.as_bytes().to_vec())
        .unwrap();
    let reply = handle(&app, req, Source::HttpApi, Budget::from_millis(10_000)).await;
    assert_eq!(reply.status(), StatusCode::OK);
    // Without keys, GET /chart is open, as before.
    let open = App::new(Config::default(), None);
    let reply = get(
        &open,
        &format!("https://charts.example/chart?spec={}", encoded_spec()),
    )
    .await;
    assert_eq!(reply.status(), StatusCode::OK);
}

#[tokio::test]
async fn chartfn_sign_round_trip() {
    let out = Command::new(env!("CARGO_BIN_EXE_chartfn"))
        .args(["sign", "--expires-in", "600", "--kid", "k2"])
        .arg(format!(
            "https://charts.example/chart?spec={}&format=svg",
            encoded_spec()
        ))
        .env("CHARTFN_SIGNING_KEYS", KEYS)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout).unwrap();
    let url = url.trim();
    assert!(
        url.contains("kid=k2") && url.contains("exp=") && url.contains("&sig="),
        "{url}"
    );
    let app = app_with(KEYS);
    let reply = get(&app, url).await;
    assert_eq!(
        reply.status(),
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(reply.body())
    );
    assert_eq!(reply.headers()[header::CONTENT_TYPE], "image/svg+xml");
    let reply = get(&app, &url.replace("format=svg", "format=png")).await;
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
}

/// The README's signing snippets (Python and JavaScript) make links chartfn accepts.
#[tokio::test]
async fn the_readme_snippets_sign_like_chartfn() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = |fence: &str| {
        let start = readme.find(fence).expect("the README has the snippet") + fence.len();
        readme[start..].split("```").next().unwrap().to_owned()
    };
    let url = format!(
        "https://charts.example/prod/chart?spec={}&width=300",
        encoded_spec()
    );
    let secret = "second-secret-0123456789";
    let python = format!(
        "{}\nprint(sign({url:?}, 'k2', {secret:?}, 600))",
        block("```python\n")
    );
    let javascript = format!(
        "{}\nconsole.log(sign({url:?}, 'k2', {secret:?}, 600));",
        block("```js\n")
    );
    let runs = [
        ("python3", vec!["-c".to_owned(), python]),
        (
            "node",
            vec![
                "--input-type=module".to_owned(),
                "-e".to_owned(),
                javascript,
            ],
        ),
    ];
    let app = app_with(KEYS);
    for (tool, args) in runs {
        let out = Command::new(tool)
            .args(&args)
            .output()
            .unwrap_or_else(|e| panic!("{tool} is needed to check the README's snippet: {e}"));
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let signed = String::from_utf8(out.stdout).unwrap();
        let reply = get(&app, signed.trim()).await;
        assert_eq!(
            reply.status(),
            StatusCode::OK,
            "{tool}: {signed} {}",
            String::from_utf8_lossy(reply.body())
        );
        let reply = get(&app, &signed.trim().replace("width=300", "width=301")).await;
        assert_eq!(reply.status(), StatusCode::FORBIDDEN, "{tool}");
    }
}
