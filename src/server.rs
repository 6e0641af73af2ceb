//! `chartfn serve`: the HTTP routes on a local port, the same as the Lambda function serves.
//!
//! The budget comes from the `x-chartfn-budget-ms` request header (capped at the configured
//! default) or the default. Renders run on the bounded blocking pool of [`App`]. SIGTERM or
//! Ctrl-C stops accepting connections and lets requests in flight finish.

use crate::http::Source;
use crate::service::App;
use crate::Budget;
use axum::body::Bytes;
use axum::extract::State;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub const BUDGET_HEADER: &str = "x-chartfn-budget-ms";

async fn route(
    State(app): State<Arc<App>>,
    req: axum::extract::Request,
) -> axum::response::Response {
    let default = app.config.default_budget;
    let budget = req
        .headers()
        .get(BUDGET_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|ms| Duration::from_millis(ms).min(default))
        .unwrap_or(default);
    let budget = Budget::new(budget);
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
            return crate::http::error_reply(&e).map(axum::body::Body::from);
        }
    };
    let reply = crate::http::handle(
        &app,
        http::Request::from_parts(parts, bytes.to_vec()),
        Source::Local,
        budget,
    )
    .await;
    reply.map(axum::body::Body::from)
}

/// Serves until SIGTERM or Ctrl-C. Prints the bound address (useful with port 0).
pub async fn serve(app: Arc<App>, addr: SocketAddr) -> std::io::Result<()> {
    let router = axum::Router::new().fallback(route).with_state(app);
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
