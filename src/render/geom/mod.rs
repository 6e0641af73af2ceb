//! Series → geometry: what a chart's series become before they are drawn.
//!
//! Preparation ([`mod@prepare`]: stacking, grouping bars, binning histograms) happens before
//! layout because the axis ranges depend on it ([`extent`]). Mapping to pixels ([`map`]) clips
//! to the plot area and decimates long lines to at most four points per pixel column, so a
//! line's cost is O(width), not O(points); [`draw`] paints the shapes, and [`stack`] opaque
//! stacks of areas, from their base up.

mod draw;
mod extent;
mod map;
mod prepare;
mod stack;
// v2: series options
mod curve;
pub mod errors;
mod extras;
mod points;
// v2: new series types
mod box_plot;
mod candles;
mod clip;
mod marks;
pub use box_plot::BoxStats;
pub use marks::MarkGeom;

pub use draw::draw_shape;
pub use extent::{extents, Extent};
pub use map::{path_runs, Runs};
pub use prepare::prepare;
pub use stack::{draw_stack, stack_end};
// v2: series options
pub use extras::{Anchor, LabelItem, Marks};

use crate::budget::{Budget, CHECK_EVERY_ITEMS};
use crate::error::Result;
use crate::spec::color::Rgba;
use crate::spec::model::Marker;

/// How a series appears in the legend.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    Line {
        width: f64,
        dash: Option<Vec<f64>>,
        marker: Option<Marker>,
    },
    Marker(Marker),
    Patch,
}

/// A shape's geometry in data space.
#[derive(Debug, Clone)]
pub enum Geom {
    /// A polyline; NaN coordinates split it.
    Path {
        pts: Vec<(f64, f64)>,
        width: f64,
        dash: Option<Vec<f64>>,
        marker: Option<Marker>,
    },
    Points {
        pts: Vec<(f64, f64)>,
        marker: Marker,
    },
    /// Screen-oriented rectangles `[x0, x1, y0, y1]`.
    Rects {
        rects: Vec<[f64; 4]>,
        gap: bool,
        horizontal: bool,
        /// Bars that start where their data says (a `base`), not at zero: zero is then not
        /// their baseline.
        floating: bool,
    },
    /// A filled band between `lo` and `hi` along `xs`, outlined along `hi`.
    Band {
        xs: Vec<f64>,
        lo: Vec<f64>,
        hi: Vec<f64>,
        width: f64,
    },
    // v2: new series types (band, box, candlestick, text)
    Mark(MarkGeom),
}

/// A prepared series: its geometry, its colours and how the legend shows it.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: Option<String>,
    pub color: Rgba,
    pub fill: Rgba,
    pub swatch: Swatch,
    pub geom: Geom,
    // v2: series options
    pub marks: Marks,
}

/// Checks the budget every [`CHECK_EVERY_ITEMS`]-th item `i` of a data loop.
fn check(budget: &Budget, i: usize, during: &str) -> Result<()> {
    if i.is_multiple_of(CHECK_EVERY_ITEMS) {
        budget.check(during)?;
    }
    Ok(())
}

/// Points to copy between two budget checks.
const CHUNK: usize = 1 << 16;

// v2: series options
/// The error bars and kept line markers of `s`, drawn over it; bar whiskers take `ink`.
pub fn draw_marks<C: crate::draw::Canvas>(
    p: &crate::render::paint::Painter<C>,
    s: &Shape,
    frame: &crate::render::frame::Frame,
    ink: Rgba,
    k: f32,
) -> Result<()> {
    let color = if matches!(s.geom, Geom::Rects { .. }) {
        ink
    } else {
        s.color
    };
    errors::draw(p, s, color, frame, k)?;
    points::draw_line_markers(p, s, frame, k)
}
