//! # chartfn
//!
//! A chart-rendering function: a chart described in JSON in, a PNG or SVG out, within a time
//! budget that the renderer itself obeys. Built for AWS Lambda; runs the same as a CLI.
//!
//! The core is pure (no I/O, no async, no global state) and flows one way:
//!
//! ```text
//! bytes ─► spec::ChartSpec ─► validate ─► model::Chart ─► render(Budget) ─► encode ─► Rendered
//! ```
//!
//! Components, one concept each:
//!
//! - [`spec`]: the public input (SPEC.md) as serde types; the JSON Schema is generated from them.
//! - [`validate`]: parsing and checking, with a JSON Pointer in every error; normalizes into
//!   [`model`], the chart the renderer draws (axes resolved, categories and dates as numbers).
//! - [`limits`]: hard limits and the cost estimate that refuse a chart before drawing starts.
//! - [`budget`]: **the deadline**. A [`budget::Budget`] is checked per drawing primitive in
//!   [`draw::backend`], in data loops in `render`, and between row chunks in [`encode`].
//! - [`render`]: layout (ticks, labels, legend placement) and drawing through plotters.
//! - [`draw`]: surfaces behind one trait: the plotters backend adapter, an anti-aliased
//!   tiny-skia raster, deterministic SVG, and the embedded fonts.
//! - [`ticks`] and [`time`]: tick values and labels for numbers and dates.
//! - [`color`]: colour parsing, themes, colormaps.
//! - [`error`]: the one error type and its JSON shape.
//!
//! The edges, thin adapters around the core:
//!
//! - [`service`]: renders on a bounded blocking pool; delivers inline or through [`storage`]
//!   (a narrow trait, implemented on `aws-sdk-s3`).
//! - [`http`]: the routes (`/chart`, `/validate`, `/schema`, `/health`) for every HTTP source.
//! - [`lambda`]: the Lambda handler and the invocation budget (deadline − margin, capped by the
//!   API gateway's limit); [`invoke`] handles non-HTTP events (direct invoke).
//! - [`server`]: the same routes on a local port (`chartfn serve`).
//! - [`config`]: environment variables.
//! - [`fuzz`]: the properties the fuzz targets (`fuzz/`) and `tests/fuzz.rs` check.
//! - [`telemetry`]: one JSON log line and one CloudWatch EMF metrics line per request or record.
//!
//! The binary (`src/main.rs`) only wires these: the Lambda runtime when
//! `AWS_LAMBDA_RUNTIME_API` is set, the CLI ([`cli`]) otherwise.

pub mod batch;
pub mod budget;
pub mod cli;
pub mod color;
pub mod config;
pub mod draw;
pub mod encode;
pub mod error;
pub mod fuzz;
pub mod http;
pub mod invoke;
pub mod lambda;
pub mod limits;
pub mod model;
pub mod render;
pub mod server;
pub mod service;
pub mod spec;
pub mod storage;
pub mod telemetry;
pub mod ticks;
pub mod time;
pub mod validate;

pub use budget::Budget;
pub use error::{Error, ErrorCode, Result};
pub use limits::Limits;
pub use render::Rendered;
pub use spec::{ChartSpec, Format};

/// The renderer's version, recorded with outputs so caches and retries can tell renders apart.
pub const RENDERER_VERSION: &str = concat!("chartfn/", env!("CARGO_PKG_VERSION"));

/// Options every entry point can set.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// Overrides the spec's `format`.
    pub format: Option<Format>,
}

/// The whole pipeline: bytes → validated chart → image, within `budget`.
pub fn render_bytes(spec: &[u8], options: &Options, budget: &Budget) -> Result<Rendered> {
    let mut parsed = validate::parse_spec_within(spec, &options.limits, budget)?;
    if let Some(f) = options.format {
        parsed.format = Some(f);
    }
    render_spec(&parsed, options, budget)
}

/// Validates and renders an already-parsed spec.
pub fn render_spec(spec: &ChartSpec, options: &Options, budget: &Budget) -> Result<Rendered> {
    let chart = validate::validate(spec, &options.limits)?;
    budget.check("validating the spec")?;
    render::render(&chart, budget)
}
