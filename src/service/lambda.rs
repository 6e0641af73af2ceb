//! The Lambda function: one handler for every event source, and the budget each invocation gets.
//!
//! `lambda_http` recognizes API Gateway (REST and HTTP APIs), Function URL and ALB events and
//! turns them into `http::Request`s, which go to [`crate::service::http`]. Anything else arrives as a
//! pass-through event, which [`crate::service::invoke`] dispatches (direct invoke, S3 events).

use crate::service::app::App;
use crate::service::http::Source;
use crate::Budget;
use base64::Engine;
use lambda_http::aws_lambda_events::alb::AlbTargetGroupRequest;
use lambda_http::aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest};
use lambda_http::request::{LambdaRequest, RequestContext};
use lambda_http::{Body, Request, RequestExt, Response};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// API Gateway closes the connection after this long, whatever the function does.
const REST_API_LIMIT_MS: u64 = 29_000;
const HTTP_API_LIMIT_MS: u64 = 30_000;
/// Lambda's own maximum timeout: a deadline further away is not plausible.
const MAX_INVOCATION_MS: u64 = 15 * 60 * 1000;

pub async fn run(app: Arc<App>) -> Result<(), lambda_http::Error> {
    use lambda_runtime::Service;
    let adapter = lambda_http::Adapter::from(lambda_http::service_fn(move |req: Request| {
        let app = app.clone();
        async move { handle(&app, req).await }
    }));
    lambda_runtime::run(lambda_runtime::service_fn(
        move |mut event: lambda_runtime::LambdaEvent<LambdaRequest>| {
            guard_event(&mut event.payload);
            adapter.clone().call(event)
        },
    ))
    .await
}

/// Marks a request whose event `lambda_http` could not have converted (see [`guard_event`]).
const MALFORMED_EVENT: &str = "x-chartfn-malformed-event";

/// `lambda_http` panics while converting some malformed events: a body marked base64-encoded
/// that is not base64, or a `Host` header or path that does not make a URL (found by fuzzing).
/// API Gateway and ALB do not send such events; a hand-made one can. The offending part is
/// dropped and the request marked, and [`handle`] answers it with a 400 instead of the
/// invocation failing.
pub fn guard_event(payload: &mut LambdaRequest) {
    let (encoded, body, headers) = match payload {
        LambdaRequest::ApiGatewayV1(r) => {
            guard_rest_api_target(r);
            (&mut r.is_base64_encoded, &mut r.body, &mut r.headers)
        }
        LambdaRequest::ApiGatewayV2(r) => {
            guard_http_api_target(r);
            (&mut r.is_base64_encoded, &mut r.body, &mut r.headers)
        }
        LambdaRequest::Alb(r) => {
            guard_alb_target(r);
            (&mut r.is_base64_encoded, &mut r.body, &mut r.headers)
        }
        _ => return,
    };
    let undecodable = body
        .as_deref()
        .is_some_and(|b| base64::engine::general_purpose::STANDARD.decode(b).is_err());
    if *encoded && undecodable {
        *encoded = false;
        *body = None;
        headers.insert(MALFORMED_EVENT, http::HeaderValue::from_static("base64"));
    }
}

/// A REST API event: a path that makes no URL goes to `/`, a query that makes no URI is dropped.
fn guard_rest_api_target(r: &mut ApiGatewayProxyRequest) {
    let path = with_stage(&r.request_context.stage, r.path.as_deref());
    if !makes_url(&r.headers, r.request_context.domain_name.as_deref(), &path) {
        r.request_context.domain_name = None;
        r.request_context.stage = None;
        r.path = Some("/".into());
        mark_target(&mut r.headers);
    }
    let path = with_stage(&r.request_context.stage, r.path.as_deref());
    let q = query_of(
        &r.multi_value_query_string_parameters,
        &r.query_string_parameters,
    );
    if !makes_uri(
        &r.headers,
        r.request_context.domain_name.as_deref(),
        &path,
        q.as_deref(),
    ) {
        r.multi_value_query_string_parameters = Default::default();
        r.query_string_parameters = Default::default();
        mark_target(&mut r.headers);
    }
}

/// An HTTP API or Function URL event: a path that makes no URL goes to `/`, a raw query that
/// makes no URI is percent-encoded, and dropped if that does not help.
fn guard_http_api_target(r: &mut ApiGatewayV2httpRequest) {
    let path = with_stage(&r.request_context.stage, r.raw_path.as_deref());
    if !makes_url(&r.headers, r.request_context.domain_name.as_deref(), &path) {
        r.request_context.domain_name = None;
        r.request_context.stage = None;
        r.raw_path = Some("/".into());
        mark_target(&mut r.headers);
    }
    // The raw query string is appended to the URI as it came: characters a URI cannot
    // hold (`<`, `>`, spaces…) are percent-encoded, as a browser would have sent them.
    let domain = r.request_context.domain_name.clone();
    let path = with_stage(&r.request_context.stage, r.raw_path.as_deref());
    let fits = |q: &str| makes_uri(&r.headers, domain.as_deref(), &path, Some(q));
    if let Some(q) = r.raw_query_string.take() {
        let q = if fits(&q) {
            Some(q)
        } else {
            Some(percent_encoding::utf8_percent_encode(&q, QUERY_ESCAPES).to_string())
                .filter(|q| fits(q))
        };
        // Still no URI (far too long, say): the query is dropped and the event refused.
        if q.is_none() {
            mark_target(&mut r.headers);
        }
        r.raw_query_string = q;
    }
}

/// An ALB event: a path that makes no URL goes to `/`, a query that makes no URI is dropped.
fn guard_alb_target(r: &mut AlbTargetGroupRequest) {
    if !makes_url(&r.headers, None, r.path.as_deref().unwrap_or("")) {
        r.path = Some("/".into());
        mark_target(&mut r.headers);
    }
    let q = query_of(
        &r.multi_value_query_string_parameters,
        &r.query_string_parameters,
    );
    if !makes_uri(
        &r.headers,
        None,
        r.path.as_deref().unwrap_or(""),
        q.as_deref(),
    ) {
        r.multi_value_query_string_parameters = Default::default();
        r.query_string_parameters = Default::default();
        mark_target(&mut r.headers);
    }
}

/// The path as `lambda_http` builds it: the API Gateway stage in front, unless told otherwise.
fn with_stage(stage: &Option<String>, path: Option<&str>) -> String {
    let path = path.unwrap_or("");
    match stage.as_deref() {
        _ if std::env::var_os("AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH").is_some() => path.into(),
        None | Some("$default") => path.into(),
        Some(stage) if path.starts_with(&format!("/{stage}/")) => path.into(),
        Some(stage) => format!("/{stage}{path}"),
    }
}

/// Whether `lambda_http` can build the request URI from the Host header (or the gateway's
/// domain name) and the path, as it does: through `url::Url`, then `http::Uri`.
fn makes_url(headers: &http::HeaderMap, domain: Option<&str>, path: &str) -> bool {
    makes_uri(headers, domain, path, None)
}

/// [`makes_url`] with a raw query string appended, as `lambda_http` does for HTTP APIs.
fn makes_uri(
    headers: &http::HeaderMap,
    domain: Option<&str>,
    path: &str,
    query: Option<&str>,
) -> bool {
    let host = match headers.get(http::header::HOST) {
        Some(h) => h.to_str().ok(),
        None => domain,
    };
    let text = match host {
        Some(host) => {
            let scheme = headers
                .get("x-forwarded-proto")
                .and_then(|s| s.to_str().ok())
                .unwrap_or("https");
            format!("{scheme}://{host}{path}")
        }
        None => format!("http://localhost{path}"),
    };
    let Ok(url) = url::Url::parse(&text) else {
        return false;
    };
    let mut uri = String::from(url);
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        uri.push('?');
        uri.push_str(q);
    }
    http::Uri::try_from(uri).is_ok()
}

/// The query string `lambda_http` appends for REST API and ALB events: the multi-value
/// parameters when there are any, else the single-value ones.
fn query_of(
    multi: &aws_lambda_events::query_map::QueryMap,
    single: &aws_lambda_events::query_map::QueryMap,
) -> Option<String> {
    let map = if !multi.is_empty() { multi } else { single };
    (!map.is_empty()).then(|| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(map.iter())
            .finish()
    })
}

/// What a URI's query cannot hold as is (besides controls and non-ASCII, always escaped).
const QUERY_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

fn mark_target(headers: &mut http::HeaderMap) {
    headers.remove(http::header::HOST);
    headers.remove("x-forwarded-proto");
    headers.insert(MALFORMED_EVENT, http::HeaderValue::from_static("target"));
}

/// An event as the runtime delivers it, made into a request the way `lambda_http` does, with
/// the event guarded (see [`guard_event`]).
pub fn request_from_event(json: &[u8]) -> Result<Request, serde_json::Error> {
    let mut payload: LambdaRequest = serde_json::from_slice(json)?;
    guard_event(&mut payload);
    Ok(payload.into())
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The render budget of an invocation: the time to the nearest real deadline (Lambda's, or the
/// API gateway's counted from the request time) minus the margin needed to send the reply.
/// A deadline or request time that is not plausible (emulators hand out deadlines in 1970,
/// sample events carry request times from years ago) is ignored; with none left, the configured
/// default applies. A budget is never negative: an expired one fails at once, with a clear error.
pub fn budget_ms(
    now_ms: u64,
    lambda_deadline_ms: u64,
    gateway: Option<(u64, u64)>,
    margin_ms: u64,
    default_ms: u64,
) -> u64 {
    let mut remaining: Option<u64> = None;
    if lambda_deadline_ms > now_ms && lambda_deadline_ms - now_ms <= MAX_INVOCATION_MS {
        remaining = Some(lambda_deadline_ms - now_ms);
    }
    if let Some((request_ms, limit_ms)) = gateway {
        // Plausible: sent within the gateway's limit before now (and not from the future).
        if request_ms <= now_ms + 5_000 && now_ms.saturating_sub(request_ms) < limit_ms {
            let left = (request_ms + limit_ms).saturating_sub(now_ms);
            remaining = Some(remaining.map_or(left, |r| r.min(left)));
        }
    }
    match remaining {
        Some(r) => r.saturating_sub(margin_ms),
        None => default_ms,
    }
}

/// Which source an HTTP event came from, and when the gateway received it.
fn source_of(req: &Request) -> (Source, Option<(u64, u64)>) {
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(c)) => (
            Source::RestApi,
            Some((c.request_time_epoch.max(0) as u64, REST_API_LIMIT_MS)),
        ),
        Some(RequestContext::ApiGatewayV2(c)) => {
            let url = c
                .domain_name
                .as_deref()
                .is_some_and(|d| d.contains(".lambda-url."));
            let source = if url {
                Source::FunctionUrl
            } else {
                Source::HttpApi
            };
            // Function URLs allow the whole Lambda timeout; HTTP APIs close after 30 s.
            (
                source,
                (!url).then_some((c.time_epoch.max(0) as u64, HTTP_API_LIMIT_MS)),
            )
        }
        Some(RequestContext::Alb(_)) => (Source::Alb, None),
        _ => (Source::Local, None),
    }
}

/// The handler, public so that tests feed it real events.
pub async fn handle(app: &App, req: Request) -> Result<Response<Body>, lambda_http::Error> {
    let deadline = req.lambda_context_ref().map(|c| c.deadline).unwrap_or(0);
    let request_id = req
        .lambda_context_ref()
        .map(|c| c.request_id.clone())
        .unwrap_or_default();
    let is_http = !matches!(
        req.request_context_ref(),
        None | Some(RequestContext::PassThrough)
    );
    let (source, gateway) = if is_http {
        source_of(&req)
    } else {
        (Source::Local, None)
    };
    let ms = budget_ms(
        now_ms(),
        deadline,
        gateway,
        app.config.deadline_margin.as_millis() as u64,
        app.config.default_budget.as_millis() as u64,
    );
    let budget = Budget::new(Duration::from_millis(ms));
    let (parts, body) = req.into_parts();
    let bytes = match body {
        Body::Empty => Vec::new(),
        Body::Text(t) => t.into_bytes(),
        Body::Binary(b) => b,
        _ => Vec::new(),
    };
    if !is_http {
        let reply = crate::service::invoke::handle(app, &bytes, budget, &request_id)
            .await
            .map_err(|e| lambda_http::Error::from(e.to_json_string()))?;
        return Ok(Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(Body::Text(reply.to_string()))?);
    }
    let started = std::time::Instant::now();
    let path = parts.uri.path().to_owned();
    let malformed = parts.headers.get(MALFORMED_EVENT).map(|v| v.as_bytes());
    let reply = if let Some(what) = malformed {
        crate::service::http::error_reply(&crate::Error::new(
            crate::ErrorCode::InvalidJson,
            if what == b"base64" {
                "the event's body is marked base64-encoded (isBase64Encoded) but is not base64"
            } else {
                "the event's Host header or path does not form a URL"
            },
        ))
    } else {
        crate::service::http::handle(app, http::Request::from_parts(parts, bytes), source, budget)
            .await
    };
    crate::service::http::record(&request_id, source.name(), &path, ms, started, &reply)
        .emit(app.config.metrics);
    let (parts, body) = reply.into_parts();
    let text = parts
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json") || ct.starts_with("text/"));
    let body = if body.is_empty() {
        Body::Empty
    } else if text {
        Body::Text(String::from_utf8(body).unwrap_or_default())
    } else {
        Body::Binary(body)
    };
    Ok(Response::from_parts(parts, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    #[test]
    fn lambda_deadline_minus_margin() {
        assert_eq!(budget_ms(NOW, NOW + 10_000, None, 300, 7_000), 9_700);
    }

    #[test]
    fn implausible_deadlines_fall_back_to_the_default() {
        // `cargo lambda watch` hands out 600000 ms since 1970.
        assert_eq!(budget_ms(NOW, 600_000, None, 300, 7_000), 7_000);
        assert_eq!(budget_ms(NOW, NOW + 3_600_000, None, 300, 7_000), 7_000);
        // Sample events carry request times from years ago.
        assert_eq!(
            budget_ms(NOW, 600_000, Some((1_428_582_896_000, 29_000)), 300, 7_000),
            7_000
        );
    }

    #[test]
    fn the_gateway_caps_the_budget() {
        // Received 20 s ago by a REST API: 9 s left before it gives up, less the margin.
        assert_eq!(
            budget_ms(NOW, NOW + 60_000, Some((NOW - 20_000, 29_000)), 300, 7_000),
            8_700
        );
        // The Lambda deadline is nearer.
        assert_eq!(
            budget_ms(NOW, NOW + 2_000, Some((NOW, 30_000)), 300, 7_000),
            1_700
        );
    }

    #[test]
    fn an_exhausted_deadline_is_zero_not_default() {
        assert_eq!(budget_ms(NOW, NOW + 100, None, 300, 7_000), 0);
    }
}
