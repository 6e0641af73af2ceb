//! The HTTP routes, shared by every HTTP-shaped source (API Gateway REST and HTTP APIs, Function
//! URLs, ALB, the local server). Sources adapt their events to an `http::Request` and back; the
//! routing, negotiation and replies live here once.
//!
//! | route | does |
//! | --- | --- |
//! | `POST /chart` | renders the JSON body |
//! | `GET /chart?spec=…` / `?spec64=…` | renders a URL-encoded / base64url spec (for `<img src>`) |
//! | `POST /validate` | checks a spec: errors, or `{"ok": true, "cost": …}` |
//! | `GET /schema` | the spec's JSON Schema |
//! | `GET /health` | `{"ok": true, "version": …}` |
//!
//! `/chart` takes the query overrides `format`, `width`, `height`, `scale` and `delivery`
//! (`auto`, `inline`, `url`). Any path prefix (a REST API stage such as `/prod`) and doubled or
//! trailing slashes are ignored.

use crate::dialect::{self, Dialect};
use crate::error::{Error, ErrorCode, Result};
use crate::service::app::{App, Delivered, Delivery};
use crate::service::telemetry::{self, ReplyInfo};
use crate::service::{headers, signing};
use crate::spec::validate;
use crate::spec::{ChartSpec, Format};
use crate::Budget;
use base64::Engine;
use http::{header, HeaderValue, Method, Request, Response, StatusCode};
use std::time::Instant;

/// The largest encoded image a source can return inline. Lambda's synchronous payload is 6 MB
/// including base64 (4/3 growth) and the JSON envelope; ALB's is 1 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    RestApi,
    HttpApi,
    FunctionUrl,
    Alb,
    Local,
}

impl Source {
    pub fn inline_limit(self) -> usize {
        const ENVELOPE: usize = 16 * 1024;
        let payload = match self {
            Source::Alb => 1024 * 1024,
            Source::Local => return usize::MAX,
            _ => 6 * 1024 * 1024,
        };
        (payload - ENVELOPE) / 4 * 3
    }

    pub fn name(self) -> &'static str {
        match self {
            Source::RestApi => "apigw-rest",
            Source::HttpApi => "apigw-http",
            Source::FunctionUrl => "function-url",
            Source::Alb => "alb",
            Source::Local => "local",
        }
    }
}

/// A reply body: bytes, and whether they are binary (an image) or text.
pub type Reply = Response<Vec<u8>>;

/// The route: the last non-empty path segment, so stage prefixes and slashes do not matter.
fn route(path: &str) -> &str {
    path.split('/').rfind(|s| !s.is_empty()).unwrap_or("")
}

pub async fn handle(app: &App, mut req: Request<Vec<u8>>, source: Source, budget: Budget) -> Reply {
    let started = Instant::now();
    if let Some(reply) = headers::preflight(&req, &app.config.cors_origins) {
        return reply;
    }
    let reply = match (req.method(), route(req.uri().path())) {
        (&Method::GET | &Method::HEAD, "") if app.config.playground => Ok(crate::service::playground::reply()),
        (&Method::GET | &Method::HEAD, "health") => Ok(json(StatusCode::OK, &serde_json::json!({"ok": true, "version": crate::RENDERER_VERSION}))),
        (&Method::GET | &Method::HEAD, "schema") => Ok(json(StatusCode::OK, &crate::spec::json_schema())),
        (&Method::POST, "validate") => validate_route(app, &mut req, budget).await,
        (&Method::POST, "convert") => convert_route(app, &mut req, budget).await,
        (&Method::GET | &Method::POST, "chart") => chart(app, &mut req, source, budget, started).await,
        (_, "health" | "schema" | "validate" | "chart" | "convert") => Err(Error::new(ErrorCode::MethodNotAllowed, format!("{} is not allowed on {}", req.method(), req.uri().path()))),
        _ => Err(Error::new(ErrorCode::NotFound, format!("no route {}; try POST /chart, GET /chart?spec=…, POST /validate, POST /convert, GET /schema or GET /health", req.uri().path()))),
    };
    let mut reply = reply.unwrap_or_else(|e| error_reply(&e));
    if reply.extensions().get::<ReplyInfo>().is_none() {
        reply.extensions_mut().insert(ReplyInfo {
            outcome: "ok",
            ..ReplyInfo::default()
        });
    }
    if req.method() == Method::HEAD {
        reply.body_mut().clear();
    }
    headers::secure(&mut reply, &req, &app.config.cors_origins);
    reply
}

/// The SPEC.md error body with its status.
pub fn error_reply(e: &Error) -> Reply {
    let mut r = json(
        StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        &e.to_json(),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Also for the error replies made outside `handle` (malformed events, oversized bodies).
    r.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r.extensions_mut().insert(ReplyInfo {
        outcome: e.code.as_str(),
        ..ReplyInfo::default()
    });
    r
}

fn json(status: StatusCode, v: &serde_json::Value) -> Reply {
    let body = serde_json::to_vec(v).expect("JSON values serialize");
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .body(body)
        .expect("valid response")
}

fn query(req: &Request<Vec<u8>>) -> Vec<(String, String)> {
    req.uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

fn param<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The `dialect=` query parameter: the input's language, when not left to detection.
fn dialect_param(q: &[(String, String)]) -> Result<Option<Dialect>> {
    param(q, "dialect")
        .map(|d| Dialect::named(d, "dialect="))
        .transpose()
}

/// The spec of a request: the body of a POST, or of a GET `spec` / `spec64`, or QuickChart's
/// `c` / `chart` (a Chart.js config, JSON or JavaScript) — in any [`Dialect`].
fn spec_of(
    options: &crate::Options,
    method: &Method,
    body: &[u8],
    q: &[(String, String)],
    budget: &Budget,
) -> Result<ChartSpec> {
    let dialect = dialect_param(q)?;
    let (limits, data) = (&options.limits, &options.data);
    if method == Method::POST {
        return dialect::read_within(body, dialect, limits, data, budget);
    }
    if let Some(s) = param(q, "spec") {
        return dialect::read_within(s.as_bytes(), dialect, limits, data, budget);
    }
    if let Some(s) = param(q, "spec64") {
        let s = s.trim_end_matches('=');
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(s))
            .map_err(|e| {
                Error::new(
                    ErrorCode::InvalidJson,
                    format!("spec64 is not base64url: {e}"),
                )
            })?;
        return dialect::read_within(&bytes, dialect, limits, data, budget);
    }
    if let Some(config) = param(q, "c").or_else(|| param(q, "chart")) {
        limits.check_input_size(config.len())?;
        let lookup = |names: &[&str]| names.iter().find_map(|n| param(q, n).map(str::to_owned));
        return dialect::quickchart_query(config, &lookup, budget);
    }
    Err(Error::new(
        ErrorCode::InvalidJson,
        "GET /chart needs a `spec` (URL-encoded JSON) or `spec64` (base64url JSON) query \
         parameter, or QuickChart's `c` (a Chart.js config)",
    ))
}

/// Applies `format`, `width`, `height`, `scale` from the query; returns the delivery asked for.
fn apply_overrides(spec: &mut ChartSpec, q: &[(String, String)]) -> Result<Delivery> {
    let bad = |name: &str, v: &str, want: &str| {
        Error::spec(
            format!("/{name}"),
            format!("query parameter {name}={v:?} is not {want}"),
        )
    };
    if let Some(v) = param(q, "format") {
        spec.format =
            Some(Format::named(v).ok_or_else(|| bad("format", v, "png, svg, webp, jpeg or pdf"))?);
    }
    if let Some(v) = param(q, "quality") {
        spec.quality = Some(v.parse().map_err(|_| bad("quality", v, "a whole number"))?);
    }
    for (name, slot) in [("width", &mut spec.width), ("height", &mut spec.height)] {
        if let Some(v) = param(q, name) {
            *slot = Some(v.parse().map_err(|_| bad(name, v, "a whole number"))?);
        }
    }
    if let Some(v) = param(q, "scale") {
        spec.scale = Some(v.parse().map_err(|_| bad("scale", v, "a number"))?);
    }
    match param(q, "delivery") {
        None => Ok(Delivery::Auto),
        Some(v) => Delivery::parse(v).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidSpec,
                format!("query parameter delivery={v:?} is not auto, inline or url"),
            )
        }),
    }
}

/// Whether the client takes an image (browsers send `text/html,…,*/*`) or wants JSON.
fn wants_image(req: &Request<Vec<u8>>) -> bool {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let accept = accept.to_ascii_lowercase();
    accept.contains("image/") || accept.contains("*/*") || !accept.contains("application/json")
}

/// Runs the CPU work of a request (parsing, checking, hashing a spec) on the blocking pool, so
/// that the async workers stay free to fire other requests' deadlines on time.
async fn on_blocking_pool<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::internal(format!("spec task failed: {e}")))?
}

/// `POST /validate`: parses and checks the body within the budget, on the blocking pool.
async fn validate_route(app: &App, req: &mut Request<Vec<u8>>, budget: Budget) -> Result<Reply> {
    // The body is moved, not copied.
    let body = std::mem::take(req.body_mut());
    let (limits, data) = (app.options.limits.clone(), app.options.data.clone());
    let dialect = dialect_param(&query(req))?;
    let checked = on_blocking_pool(move || {
        let spec = dialect::read_within(&body, dialect, &limits, &data, &budget)?;
        let chart = validate::validate(&spec, &limits)?;
        let cost = crate::spec::limits::CostEstimate::of(&chart);
        // v2: the alt text the image would carry, and the warnings it would raise.
        let alt = crate::spec::summary::alt_text(&chart, &budget)?;
        Ok(serde_json::json!({
            "ok": true,
            "cost": cost,
            "width": chart.pixel_width(),
            "height": chart.pixel_height(),
            "format": spec.format.unwrap_or_default(),
            "alt": alt,
            "warnings": chart.warnings,
        }))
    })
    .await?;
    Ok(json(StatusCode::OK, &checked))
}

/// `POST /convert`: the chartfn spec a Chart.js config or QuickChart body becomes (a chartfn
/// spec stays itself), with the dialect found and the translation's warnings.
async fn convert_route(app: &App, req: &mut Request<Vec<u8>>, budget: Budget) -> Result<Reply> {
    let body = std::mem::take(req.body_mut());
    let (limits, data) = (app.options.limits.clone(), app.options.data.clone());
    let dialect = dialect_param(&query(req))?;
    let converted = on_blocking_pool(move || {
        let c = dialect::convert(&body, dialect, &limits, &data, &budget)?;
        Ok(serde_json::json!({
            "dialect": c.dialect.name(),
            "spec": c.spec,
            "warnings": c.spec.warnings,
        }))
    })
    .await?;
    Ok(json(StatusCode::OK, &converted))
}

/// `/chart`: parses, renders and delivers the spec, or answers 304 to a matching `If-None-Match`.
async fn chart(
    app: &App,
    req: &mut Request<Vec<u8>>,
    source: Source,
    budget: Budget,
    started: Instant,
) -> Result<Reply> {
    if req.method() == Method::GET {
        // Before any parsing: an unsigned or forged link costs a hash, nothing more.
        signing::verify(&app.config.signing_keys, "chart", &query(req), unix_now())?;
    }
    let (spec, delivery, etag) = prepare_chart(app, req, budget).await?;
    if wants_image(req) && delivery != Delivery::Url && etag_matches(req, &etag) {
        return Ok(not_modified(&etag));
    }
    let delivered = app
        .deliver(spec, delivery, source.inline_limit(), budget)
        .await?;
    let total_ms = crate::service::telemetry::ms_since(started);
    // QuickChart's `encoding=base64`: the image as base64 text (a data URL's payload).
    if param(&query(req), "encoding") == Some("base64") {
        if let Delivered::Inline(image) = &delivered {
            let body = base64::engine::general_purpose::STANDARD.encode(&image.bytes);
            return Ok(Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
                .header(header::CONTENT_LENGTH, body.len())
                .body(body.into_bytes())
                .expect("valid response"));
        }
    }
    Ok(chart_reply(req, delivered, &etag, total_ms))
}

/// The spec of a `/chart` request with the query's overrides, the delivery asked for and the
/// spec's ETag, worked out on the blocking pool. (The body is moved, not copied.)
async fn prepare_chart(
    app: &App,
    req: &mut Request<Vec<u8>>,
    budget: Budget,
) -> Result<(ChartSpec, Delivery, String)> {
    let q = query(req);
    let body = std::mem::take(req.body_mut());
    let (method, options) = (req.method().clone(), app.options.clone());
    on_blocking_pool(move || {
        let mut spec = spec_of(&options, &method, &body, &q, &budget)?;
        let delivery = apply_overrides(&mut spec, &q)?;
        let etag = format!("\"{}\"", App::content_hash(&spec));
        budget.check("hashing the spec")?;
        Ok((spec, delivery, etag))
    })
    .await
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
fn etag_matches(req: &Request<Vec<u8>>, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|inm| inm.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

fn not_modified(etag: &str) -> Reply {
    let mut r = Response::builder()
        .status(StatusCode::NOT_MODIFIED)
        .header(header::ETAG, etag)
        .body(Vec::new())
        .expect("valid");
    r.extensions_mut().insert(ReplyInfo {
        outcome: "ok",
        render_ms: None,
        delivery: Some("not_modified"),
    });
    r
}

/// The reply to a delivered `/chart`: the image, a redirect to it, or its JSON description.
fn chart_reply(req: &Request<Vec<u8>>, delivered: Delivered, etag: &str, total_ms: f64) -> Reply {
    let image_reply = wants_image(req);
    let info = ReplyInfo {
        outcome: "ok",
        render_ms: delivered.render_ms(),
        delivery: Some(delivered.kind()),
    };
    let mut reply = match delivered {
        Delivered::Inline(image) if image_reply => image_response(image, etag, total_ms),
        Delivered::Inline(image) => json(StatusCode::OK, &inline_json(&image)),
        Delivered::Stored(s) if req.method() == Method::GET && image_reply => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, &s.url)
            .header(header::CACHE_CONTROL, "no-store")
            .header(header::CONTENT_LENGTH, 0)
            .body(Vec::new())
            .expect("valid response"),
        Delivered::Stored(s) => json(StatusCode::OK, &stored_json(&s)),
    };
    reply.extensions_mut().insert(info);
    reply
}

/// An image as the reply body, cacheable under its ETag, with its render time.
fn image_response(image: crate::Rendered, etag: &str, total_ms: f64) -> Reply {
    let render_ms = image.draw_ms + image.encode_ms;
    let mut reply = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, image.content_type())
        .header(header::CONTENT_LENGTH, image.bytes.len())
        .header(header::ETAG, etag)
        .header(header::CACHE_CONTROL, "public, max-age=86400")
        .header("x-render-ms", format!("{render_ms:.1}"))
        .header(
            "server-timing",
            format!("render;dur={render_ms:.1}, total;dur={total_ms:.1}"),
        )
        .body(image.bytes)
        .expect("valid response");
    crate::service::warnings::add_header(&mut reply, &image.warnings);
    reply
}

/// The JSON form of an inline image (direct invoke, `Accept: application/json`).
pub fn inline_json(image: &crate::Rendered) -> serde_json::Value {
    serde_json::json!({
        "content_type": image.content_type(),
        "base64": base64::engine::general_purpose::STANDARD.encode(&image.bytes),
        "width": image.width,
        "height": image.height,
        "bytes": image.bytes.len(),
        "render_ms": ((image.draw_ms + image.encode_ms) * 10.0).round() / 10.0,
        "alt": image.alt,
        "warnings": image.warnings,
    })
}

/// The JSON form of a stored image.
pub fn stored_json(s: &crate::service::app::Stored) -> serde_json::Value {
    let mut v = serde_json::json!({
        "content_type": s.content_type,
        "url": s.url,
        "bucket": s.bucket,
        "key": s.key,
        "expires_at": s.expires_at,
        "cached": s.rendered.is_none(),
    });
    if let Some((w, h, bytes, ms)) = s.rendered {
        v["width"] = w.into();
        v["height"] = h.into();
        v["bytes"] = bytes.into();
        v["render_ms"] = ((ms * 10.0).round() / 10.0).into();
        v["alt"] = s.alt.clone().into();
        v["warnings"] = s.warnings.clone().into();
    }
    v
}

/// The telemetry record of a reply from [`handle`].
pub fn record<'a>(
    request_id: &'a str,
    source: &'a str,
    path: &'a str,
    budget_ms: u64,
    started: Instant,
    reply: &'a Reply,
) -> telemetry::Record<'a> {
    let info = reply.extensions().get::<ReplyInfo>();
    telemetry::Record {
        request_id,
        source,
        target: path,
        outcome: info.map_or("ok", |i| i.outcome),
        status: Some(reply.status().as_u16()),
        budget_ms,
        ms: crate::service::telemetry::ms_since(started),
        render_ms: info.and_then(|i| i.render_ms),
        bytes: reply.body().len(),
        delivery: info.and_then(|i| i.delivery),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_ignore_stages_and_slashes() {
        assert_eq!(route("/chart"), "chart");
        assert_eq!(route("/prod/chart"), "chart");
        assert_eq!(route("//chart//"), "chart");
        assert_eq!(route("/"), "");
    }

    #[test]
    fn inline_limits_leave_room_for_base64() {
        assert!(Source::HttpApi.inline_limit() * 4 / 3 < 6 * 1024 * 1024);
        assert!(Source::Alb.inline_limit() * 4 / 3 < 1024 * 1024);
        assert!(Source::Alb.inline_limit() > 700_000);
    }

    /// `/validate` parses within the budget: with none left it answers 504 instead of parsing.
    #[tokio::test]
    async fn validate_out_of_budget_answers_504() {
        let app = App::new(crate::service::Config::default(), None);
        let request = || {
            Request::post("/validate")
                .body(br#"{"series": [{"type": "line", "y": [1, 2]}]}"#.to_vec())
                .unwrap()
        };
        let body = |r: &Reply| serde_json::from_slice::<serde_json::Value>(r.body()).unwrap();
        let spent = Budget::new(std::time::Duration::ZERO);
        let reply = handle(&app, request(), Source::Local, spent).await;
        assert_eq!(reply.status(), StatusCode::GATEWAY_TIMEOUT);
        assert_eq!(body(&reply)["error"]["code"], "deadline_exceeded");
        let reply = handle(&app, request(), Source::Local, Budget::from_millis(10_000)).await;
        assert_eq!(reply.status(), StatusCode::OK);
        assert_eq!(body(&reply)["ok"], true);
    }

    #[test]
    fn negotiation() {
        let r = |accept: Option<&str>| {
            let mut b = Request::builder().uri("/chart");
            if let Some(a) = accept {
                b = b.header(header::ACCEPT, a);
            }
            wants_image(&b.body(Vec::new()).unwrap())
        };
        assert!(r(None));
        assert!(r(Some("image/png")));
        assert!(r(Some(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!r(Some("application/json")));
    }
}
