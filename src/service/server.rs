//! `chartfn serve`: the HTTP routes on a local port, the same as the Lambda function serves.
//!
//! The budget comes from the `x-chartfn-budget-ms` request header (capped at the configured
//! default) or the default. Renders run on the bounded blocking pool of [`App`]. Each request is
//! logged as a JSON line on stderr ([`crate::service::telemetry`]). SIGTERM or Ctrl-C stops accepting
//! connections and lets requests in flight finish.

use crate::service::app::App;
use crate::service::http::Source;
use crate::Budget;
use axum::body::Bytes;
use axum::extract::State;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What every request handler shares.
#[derive(Clone)]
struct Shared {
    app: Arc<App>,
    /// Numbers the requests that bring no `x-request-id`.
    next_id: Arc<AtomicU64>,
}

pub const BUDGET_HEADER: &str = "x-chartfn-budget-ms";

async fn route(
    State(Shared { app, next_id }): State<Shared>,
    req: axum::extract::Request,
) -> axum::response::Response {
    let default = app.config.default_budget;
    let allowed = req
        .headers()
        .get(BUDGET_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|ms| Duration::from_millis(ms).min(default))
        .unwrap_or(default);
    let limit = app.options.limits.max_input_bytes;
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, limit + 1).await {
        Ok(b) => b,
        Err(_) => {
            let e = crate::Error::limit(
                None,
                "request body in bytes",
                format!("over {limit}"),
                limit,
            );
            return crate::service::http::error_reply(&e).map(axum::body::Body::from);
        }
    };
    // The budget is for the work, so it starts once the body has arrived (a Lambda event
    // arrives whole, too).
    let budget = Budget::new(allowed);
    let started = Instant::now();
    let request_id = parts
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| format!("local-{}", next_id.fetch_add(1, Ordering::Relaxed)));
    let path = parts.uri.path().to_owned();
    let reply = crate::service::http::handle(
        &app,
        http::Request::from_parts(parts, Vec::from(bytes)),
        Source::Local,
        budget,
    )
    .await;
    let budget_ms = budget.total().as_millis() as u64;
    crate::service::http::record(&request_id, "local", &path, budget_ms, started, &reply)
        .emit(app.config.metrics);
    reply.map(axum::body::Body::from)
}

/// Serves until SIGTERM or Ctrl-C. Prints the bound address (useful with port 0).
pub async fn serve(app: Arc<App>, addr: SocketAddr) -> std::io::Result<()> {
    let shared = Shared {
        app,
        next_id: Arc::new(AtomicU64::new(1)),
    };
    let router = axum::Router::new().fallback(route).with_state(shared);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("chartfn listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
