//! The service edges: thin adapters that turn an event into a render and the result into that
//! source's reply. None of them holds chart logic; they all call the same pure core.
//!
//! The flow is one way: `config` and `storage` at the bottom; `app` (renders on a bounded
//! blocking pool, delivers inline or through storage) on them; `telemetry` records outcomes;
//! `signing` checks signed links and `headers` adds what every reply carries; the sources on
//! top — `http` (the routes), `batch` (S3 records and Batch Operations), `invoke` (direct
//! invocations), `lambda` (the handler and the invocation budget), `server`
//! (`chartfn serve`) and `cli`; `playground` is the page `GET /` serves. `fuzz` holds the
//! properties the fuzz targets check.

pub mod app;
pub mod batch;
pub mod cli;
pub mod config;
pub mod fuzz;
pub mod headers;
pub mod http;
pub mod invoke;
pub mod lambda;
pub mod playground;
pub mod server;
pub mod signing;
pub mod storage;
pub mod telemetry;
pub mod warnings;

pub use app::App;
pub use config::Config;
