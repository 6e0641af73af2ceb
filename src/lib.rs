//! # chartfn
//!
//! A chart-rendering function: a chart described in JSON in, a PNG or SVG out, within a time
//! budget that the renderer itself obeys. Built for AWS Lambda; runs the same as a CLI.
//!
//! ```
//! use chartfn::{render_bytes, Budget, Options};
//! let spec = br#"{"series": [{"type": "line", "y": [1, 3, 2]}]}"#;
//! let image = render_bytes(spec, &Options::default(), &Budget::from_millis(5_000)).unwrap();
//! assert!(image.bytes.starts_with(b"\x89PNG"));
//! ```
//!
//! ## The core, and how it flows
//!
//! The core is pure (no I/O, no async) and flows one way:
//!
//! ```text
//! bytes ─► (dialect ─►) spec::ChartSpec ─► validate ─► model::Chart ─► render(Budget) ─► draw ─► encode ─► Rendered
//! ```
//!
//! Layers, lowest first; each imports only from those before it:
//!
//! - `error.rs`, `budget.rs`: the one error type, and **the deadline**. A [`Budget`] is checked
//!   per drawing primitive in `draw/backend.rs`, in data loops in `render/`, between row blocks
//!   in `draw/png/`, and by the edges before each stage.
//! - `format/`: numbers and dates as text (tick labels, ISO dates).
//! - `spec/`: the public input ([`spec`], whose JSON Schema is [`spec::json_schema`]); its
//!   validation into the normalized chart model (`spec/validate/`, every error with a JSON
//!   Pointer); the limits and cost estimate that refuse a chart before drawing; colours.
//! - `dialect/`: the languages users already write — Chart.js configs (JSON or JavaScript
//!   object literals, never evaluated), QuickChart requests and Vega-Lite — translated into a
//!   [`spec::ChartSpec`]; every entry point reads its input through
//!   [`dialect::read_within`], so a translated chart meets the same validation and budget.
//! - `draw/`: surfaces behind one `Canvas` trait — the plotters backend adapter, the
//!   anti-aliased raster (`draw/raster/`), deterministic SVG — the fonts (`fonts.rs`: the
//!   compiled-in faces and the font folder; `text.rs`: per-glyph fallback, bidi and shaping)
//!   and the encoders: PNG (`draw/png/`), WebP, JPEG, and PDF from the SVG (`pdf.rs`).
//! - `render/`: layout (`frame.rs` plot rectangles and scales, `axes.rs`, ticks, `legend.rs`)
//!   and drawing: `panel.rs` draws one panel, `geom/` prepares, maps and draws cartesian
//!   series, `pie.rs` and `heatmap.rs` the rest, all through plotters onto a canvas.
//!
//! `scripts/layers.py` checks this order and that no modules import each other in a cycle.
//!
//! The public API is this file: [`render_bytes`], [`render_spec`], [`Options`], [`Budget`],
//! [`Limits`], the [`spec`] types, [`dialect`], [`Rendered`] and [`Error`]. Everything else is
//! `pub(crate)`.
//!
//! ## The edges (`service/`, the `service` feature)
//!
//! Thin adapters, one per source, over the core: `app` (bounded render pool, inline or S3
//! delivery), `http` (the routes for every HTTP source), `lambda` and `invoke` (the Lambda
//! handler, the invocation budget, direct invokes), `batch` (S3 put notifications and Batch
//! Operations, `batch/`), `storage` (a narrow trait on `aws-sdk-s3`), `server` (`chartfn serve`), `cli`,
//! `config` (environment variables), `telemetry` (a JSON log line and an EMF metrics line per
//! request). The binary (`src/main.rs`) only wires these.
//!
//! **Why features, not a workspace.** The core and the edges are one crate, split by the
//! default `service` feature: `cargo test --no-default-features` builds and tests the core with
//! no tokio, aws-*, lambda_*, axum or hyper in its tree. A workspace would make every internal
//! the edges share with the core (the cost estimate, the content address, parsing within a
//! budget) public API of a second crate; one crate keeps them `pub(crate)`.
//!
//! **State.** Nothing global changes what is drawn. The one process-wide item is a pool of
//! spare pixel buffers (`draw/buffer.rs`) that a successful render hands back and the next one
//! takes; it changes speed, never pixels (tested).

pub(crate) mod budget;
pub mod dialect;
pub(crate) mod draw;
pub(crate) mod error;
pub(crate) mod format;
pub(crate) mod render;
pub mod spec;

#[cfg(feature = "service")]
pub mod service;

pub use budget::Budget;
pub use draw::fonts::FontLibrary;
pub use error::{Error, ErrorCode, Result};
pub use render::Rendered;
pub use spec::limits::Limits;
pub use spec::{ChartSpec, Format};

/// The renderer's version, recorded with outputs so caches and retries can tell renders apart.
pub const RENDERER_VERSION: &str = concat!("chartfn/", env!("CARGO_PKG_VERSION"));

/// Options every entry point can set.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// Overrides the spec's `format`.
    pub format: Option<Format>,
    /// The input's language; `None` detects it.
    pub dialect: Option<dialect::Dialect>,
    /// Where data named by URL (Vega-Lite's `data.url`) may be read; by default nowhere.
    pub data: dialect::data_url::DataAccess,
    /// The fonts text may be drawn with: the compiled-in ones, and a font folder's.
    pub fonts: FontLibrary,
}

/// Parses and checks the shape of a spec (not yet its meaning: see [`render_spec`]).
pub fn parse_spec(spec: &[u8], limits: &Limits) -> Result<ChartSpec> {
    spec::validate::parse_spec(spec, limits)
}

/// The whole pipeline: bytes (a chartfn spec, or a [`dialect`] it reads) → validated chart →
/// image, within `budget`.
pub fn render_bytes(spec: &[u8], options: &Options, budget: &Budget) -> Result<Rendered> {
    let mut parsed = dialect::read_within(
        spec,
        options.dialect,
        &options.limits,
        &options.data,
        budget,
    )?;
    if let Some(f) = options.format {
        parsed.format = Some(f);
    }
    render_spec(&parsed, options, budget)
}

/// Validates and renders an already-parsed spec.
pub fn render_spec(spec: &ChartSpec, options: &Options, budget: &Budget) -> Result<Rendered> {
    let chart = spec::validate::validate(spec, &options.limits)?;
    budget.check("validating the spec")?;
    render::render_with_fonts(&chart, &options.fonts, budget)
}
