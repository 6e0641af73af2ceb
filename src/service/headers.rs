//! Headers every reply carries, whatever made it: what a browser may do with the bytes.
//!
//! - `X-Content-Type-Options: nosniff` on every reply, so a browser never reinterprets an image
//!   or an error body as something it would run.
//! - SVG replies get `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'`:
//!   an SVG opened directly runs no script and loads nothing, even if a future bug let markup
//!   through into one.
//! - CORS, only for the origins in `CHARTFN_CORS_ORIGINS` (or `*`): the allowed origin is echoed
//!   with `Vary: Origin`, and preflight `OPTIONS` requests are answered here.

use http::{header, HeaderValue, Method, Request, Response, StatusCode};

/// The CSP of SVG replies.
pub const SVG_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// Adds the headers above to `reply`, made for `req`.
pub fn secure<B>(reply: &mut Response<Vec<u8>>, req: &Request<B>, cors_origins: &[String]) {
    let h = reply.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let is_svg = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("image/svg+xml"));
    if is_svg {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(SVG_POLICY),
        );
    }
    if let Some(origin) = allowed_origin(req, cors_origins) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.append(header::VARY, HeaderValue::from_static("Origin"));
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("ETag, X-Render-Ms, Server-Timing"),
        );
    }
}

/// The request's `Origin` when it is allowed (as the value to send back), else `None`.
fn allowed_origin<B>(req: &Request<B>, cors_origins: &[String]) -> Option<HeaderValue> {
    let origin = req.headers().get(header::ORIGIN)?;
    let text = origin.to_str().ok()?;
    cors_origins
        .iter()
        .any(|o| o == "*" || o.eq_ignore_ascii_case(text))
        .then(|| origin.clone())
}

/// The answer to a CORS preflight from an allowed origin, or `None` when this is not one.
pub fn preflight<B>(req: &Request<B>, cors_origins: &[String]) -> Option<Response<Vec<u8>>> {
    if req.method() != Method::OPTIONS {
        return None;
    }
    allowed_origin(req, cors_origins)?;
    Some(
        Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header(header::ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
            .header(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "content-type, accept, authorization, if-none-match, x-chartfn-budget-ms",
            )
            .header(header::ACCESS_CONTROL_MAX_AGE, "600")
            .body(Vec::new())
            .expect("a valid preflight reply"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(origin: Option<&str>, method: Method) -> Request<()> {
        let mut b = Request::builder().method(method).uri("/chart");
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        b.body(()).unwrap()
    }

    fn reply(content_type: &str) -> Response<Vec<u8>> {
        Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .body(Vec::new())
            .unwrap()
    }

    #[test]
    fn nosniff_everywhere_and_a_policy_on_svg() {
        for (ct, csp) in [
            ("image/png", false),
            ("image/svg+xml", true),
            ("application/json", false),
        ] {
            let mut r = reply(ct);
            secure(&mut r, &request(None, Method::GET), &[]);
            assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(
                r.headers().get(header::CONTENT_SECURITY_POLICY).is_some(),
                csp,
                "{ct}"
            );
            assert!(r
                .headers()
                .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
                .is_none());
        }
    }

    #[test]
    fn cors_only_for_listed_origins() {
        let allowed = vec!["https://app.example".to_owned()];
        let mut r = reply("image/png");
        secure(
            &mut r,
            &request(Some("https://app.example"), Method::GET),
            &allowed,
        );
        assert_eq!(
            r.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://app.example"
        );
        assert_eq!(r.headers()[header::VARY], "Origin");
        let mut r = reply("image/png");
        secure(
            &mut r,
            &request(Some("https://evil.example"), Method::GET),
            &allowed,
        );
        assert!(r
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none());
        assert!(preflight(
            &request(Some("https://evil.example"), Method::OPTIONS),
            &allowed
        )
        .is_none());
        let p = preflight(
            &request(Some("https://app.example"), Method::OPTIONS),
            &allowed,
        )
        .unwrap();
        assert_eq!(p.status(), StatusCode::NO_CONTENT);
        assert!(preflight(
            &request(Some("https://x"), Method::OPTIONS),
            &["*".to_owned()]
        )
        .is_some());
        assert!(preflight(&request(None, Method::OPTIONS), &["*".to_owned()]).is_none());
    }
}
