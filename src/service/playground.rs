//! The playground: one self-contained page at `GET /` (on `chartfn serve`, and on Lambda when
//! `CHARTFN_PLAYGROUND=on`) to try specs without curl — an editor, a preview re-rendered as you
//! type (through `POST /chart`), errors shown at their JSON Pointer, an example picker, the
//! dialect and format switches, "copy as URL" and "copy as curl", and the render time. Nothing
//! is loaded from elsewhere: the page, its script and the examples are in the binary.

use http::{header, HeaderValue, Response, StatusCode};

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The page, with `/*EXAMPLES*/` where the examples go.
const PAGE: &str = include_str!("playground.html");

/// One sample of each other dialect, after the chartfn examples.
const DIALECT_SAMPLES: [(&str, &str); 2] = [
    (
        "Chart.js: bar (QuickChart)",
        include_str!("../../tests/dialects/chartjs/01-qc-bar-basic.js"),
    ),
    (
        "Vega-Lite: bar",
        include_str!("../../tests/dialects/vega-lite/bar.vl.json"),
    ),
];

/// The page, examples filled in. Their JSON goes inside a `<script>` element, so `</` is
/// written `<\/` (the same string to JSON, and no way to close the element early).
pub fn page() -> String {
    let list: Vec<(&str, &str)> = EXAMPLES.iter().chain(&DIALECT_SAMPLES).copied().collect();
    let json = serde_json::to_string(&list)
        .expect("strings serialize")
        .replace("</", "<\\/");
    PAGE.replace("/*EXAMPLES*/", &json)
}

/// `GET /`: the page, with a policy that lets its own inline script and style run and fetch
/// only from this origin.
pub fn reply() -> Response<Vec<u8>> {
    let body = page().into_bytes();
    let mut r = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CONTENT_LENGTH, body.len())
        .body(body)
        .expect("valid response");
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             img-src blob:; connect-src 'self'",
        ),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_holds_every_example_and_no_outside_reference() {
        let page = page();
        assert!(!page.contains("/*EXAMPLES*/"));
        assert!(EXAMPLES.len() >= 30);
        let start = page
            .find(r#"type="application/json">"#)
            .expect("examples block");
        let end = page[start..].find("</script>").expect("closed") + start;
        let json = &page[start + r#"type="application/json">"#.len()..end];
        let list: Vec<(String, String)> = serde_json::from_str(json).expect("examples are JSON");
        assert_eq!(list.len(), EXAMPLES.len() + DIALECT_SAMPLES.len());
        assert!(list
            .iter()
            .any(|(n, s)| n == "line" && s.contains("series")));
        // Nothing from a CDN or another host.
        for needle in ["http://", "https://", "src=\"//", "@import"] {
            assert!(!PAGE.contains(needle), "the page references {needle}");
        }
    }
}
