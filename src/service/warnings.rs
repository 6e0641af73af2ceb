//! v2: warnings at the edges — cosmetic options a spec gave that the render did not honour
//! (`chartfn::Rendered::warnings`), passed on to the caller: a `warnings` array in JSON replies,
//! the `X-Chartfn-Warnings` header on image replies, one line each on the CLI's stderr.

use http::{HeaderValue, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// The header that lists an image reply's warnings.
pub const HEADER: &str = "x-chartfn-warnings";

/// Bytes escaped in the header: controls and non-ASCII (by `utf8_percent_encode` itself), and
/// the separator and escape characters, so that each warning reads back whole.
const ESCAPED: &AsciiSet = &CONTROLS.add(b',').add(b'%');

/// The header value: the warnings separated by `, `, each percent-encoded where it must be.
pub fn header_value(warnings: &[String]) -> Option<HeaderValue> {
    if warnings.is_empty() {
        return None;
    }
    let joined = warnings
        .iter()
        .map(|w| utf8_percent_encode(w, ESCAPED).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    HeaderValue::from_str(&joined).ok()
}

/// Adds [`HEADER`] to `reply` when there are warnings.
pub fn add_header<B>(reply: &mut Response<B>, warnings: &[String]) {
    if let Some(v) = header_value(warnings) {
        reply.headers_mut().insert(HEADER, v);
    }
}

/// The CLI's stderr lines: `warning: …`.
pub fn cli_lines(warnings: &[String]) -> Vec<String> {
    warnings.iter().map(|w| format!("warning: {w}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_lists_each_warning_once_and_reads_back() {
        assert!(header_value(&[]).is_none());
        let w = vec![
            "/title: not drawn in a sparkline".to_owned(),
            "a, b: 100% — ü".to_owned(),
        ];
        let v = header_value(&w).unwrap();
        let text = v.to_str().unwrap();
        assert_eq!(
            text,
            "/title: not drawn in a sparkline, a%2C b: 100%25 %E2%80%94 %C3%BC"
        );
        let back: Vec<String> = text
            .split(", ")
            .map(|p| {
                percent_encoding::percent_decode_str(p)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            })
            .collect();
        assert_eq!(back, w);
        let mut reply = Response::new(());
        add_header(&mut reply, &w);
        assert_eq!(reply.headers()[HEADER], v);
        assert_eq!(
            cli_lines(&w[..1]),
            ["warning: /title: not drawn in a sparkline"]
        );
    }

    const SPARK: &[u8] = br#"{"width": 160, "height": 40, "sparkline": true, "title": "t", "series": [{"type": "line", "y": [1, 3, 2]}]}"#;
    const TITLE_WARNING: &str = "/title: not drawn in a sparkline";

    fn app() -> crate::service::App {
        crate::service::App::new(crate::service::Config::default(), None)
    }

    async fn post(route: &str, accept: &str) -> crate::service::http::Reply {
        let req = http::Request::post(route)
            .header(http::header::ACCEPT, accept)
            .body(SPARK.to_vec())
            .unwrap();
        let budget = crate::Budget::from_millis(10_000);
        crate::service::http::handle(&app(), req, crate::service::http::Source::Local, budget).await
    }

    fn body(r: &crate::service::http::Reply) -> serde_json::Value {
        serde_json::from_slice(r.body()).unwrap()
    }

    #[tokio::test]
    async fn http_replies_carry_alt_and_warnings() {
        let image = post("/chart", "image/png").await;
        assert_eq!(image.status(), 200);
        assert_eq!(image.headers()[HEADER], TITLE_WARNING);
        let json = post("/chart", "application/json").await;
        let v = body(&json);
        assert_eq!(v["warnings"], serde_json::json!([TITLE_WARNING]));
        let alt = v["alt"].as_str().unwrap();
        assert!(alt.starts_with("Line chart \"t\": 1 series"), "{alt}");
        let checked = body(&post("/validate", "application/json").await);
        assert_eq!(checked["alt"], alt);
        assert_eq!(checked["warnings"], v["warnings"]);
        // No warnings: no header.
        let req = http::Request::post("/chart")
            .body(br#"{"series": [{"type": "line", "y": [1, 2]}]}"#.to_vec())
            .unwrap();
        let budget = crate::Budget::from_millis(10_000);
        let plain =
            crate::service::http::handle(&app(), req, crate::service::http::Source::Local, budget)
                .await;
        assert!(plain.headers().get(HEADER).is_none());
    }

    #[tokio::test]
    async fn direct_invokes_answer_with_alt_and_warnings() {
        let event = format!(r#"{{"spec": {}}}"#, std::str::from_utf8(SPARK).unwrap());
        let budget = crate::Budget::from_millis(10_000);
        let v = crate::service::invoke::handle(&app(), event.as_bytes(), budget, "test")
            .await
            .unwrap();
        assert_eq!(v["warnings"], serde_json::json!([TITLE_WARNING]));
        assert!(v["alt"].as_str().unwrap().starts_with("Line chart"));
    }

    /// Delivered by link: the JSON carries alt and warnings when this request rendered, and
    /// neither when the image was found stored (nothing rendered, nothing to say).
    #[tokio::test]
    async fn stored_replies_carry_them_only_when_rendered() {
        let root = std::env::temp_dir().join(format!("chartfn-warnings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let storage: std::sync::Arc<dyn crate::service::storage::Storage> =
            std::sync::Arc::new(crate::service::storage::LocalStorage::new(&root));
        let config = crate::service::Config {
            bucket: Some("b".to_owned()),
            ..crate::service::Config::default()
        };
        let app = crate::service::App::new(config, Some(storage));
        let reply = |v: &crate::service::app::Delivered| match v {
            crate::service::app::Delivered::Stored(s) => crate::service::http::stored_json(s),
            other => panic!("not stored: {other:?}"),
        };
        let spec = || crate::parse_spec(SPARK, &crate::Limits::default()).unwrap();
        let budget = crate::Budget::from_millis(10_000);
        let url = crate::service::app::Delivery::Url;
        let first = reply(&app.deliver(spec(), url, usize::MAX, budget).await.unwrap());
        assert_eq!(first["cached"], false);
        assert_eq!(first["warnings"], serde_json::json!([TITLE_WARNING]));
        assert!(first["alt"].as_str().unwrap().starts_with("Line chart"));
        let again = reply(&app.deliver(spec(), url, usize::MAX, budget).await.unwrap());
        assert_eq!(again["cached"], true);
        assert!(again.get("alt").is_none() && again.get("warnings").is_none());
        let _ = std::fs::remove_dir_all(&root);
    }
}
