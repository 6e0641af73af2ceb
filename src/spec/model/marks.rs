//! v2: new series types — what band, box, candlestick, text and radar series become once
//! validated. Positions are in axis units like every [`super::Plot`]; `NaN` is a gap.

use crate::spec::color::Rgba;
use crate::spec::{CandleStyle, TextAnchor};

/// A cartesian series of one of the v2 types (held by [`super::PlotKind::Mark`]).
#[derive(Debug, Clone)]
pub enum Mark {
    /// The area between `lower` and `upper`, filled at `opacity`.
    Band {
        xs: Vec<f64>,
        lower: Vec<f64>,
        upper: Vec<f64>,
        opacity: f64,
    },
    /// One box per position, summarizing its samples (at least one each, all finite).
    Box {
        xs: Vec<f64>,
        samples: Vec<Vec<f64>>,
        horizontal: bool,
        /// How many interquartile ranges the whiskers may reach past the box (infinite: to
        /// the extremes, no outliers).
        whisker_iqr: f64,
    },
    /// Prices per period (`low ≤ open, close ≤ high`, checked).
    Candlestick {
        xs: Vec<f64>,
        open: Vec<f64>,
        high: Vec<f64>,
        low: Vec<f64>,
        close: Vec<f64>,
        style: CandleStyle,
        up: Rgba,
        down: Rgba,
    },
    /// A label at each point; an empty text (or a `NaN` coordinate) writes nothing.
    Text {
        xs: Vec<f64>,
        ys: Vec<f64>,
        texts: Vec<String>,
        anchor: TextAnchor,
        /// Font size in logical pixels.
        size: f64,
    },
}

impl Mark {
    /// The data values the mark holds (what the limits and the cost estimate count).
    pub fn point_count(&self) -> usize {
        match self {
            Mark::Band { xs, .. } => xs.len() * 2,
            Mark::Box { samples, .. } => samples.iter().map(Vec::len).sum(),
            Mark::Candlestick { xs, .. } => xs.len() * 4,
            Mark::Text { xs, .. } => xs.len(),
        }
    }

    /// Drawing work beyond reading the points, counted like stamped markers in the cost
    /// estimate: a label is a handful of glyphs, a candle a body and a wick, a box about ten
    /// primitives plus sorting its samples (and any of them may be an outlier marker).
    pub fn drawn_items(&self) -> usize {
        match self {
            Mark::Band { .. } => 0,
            Mark::Box { samples, .. } => samples.iter().map(|s| 10 + s.len()).sum(),
            Mark::Candlestick { xs, .. } => xs.len() * 2,
            Mark::Text { texts, .. } => texts.iter().map(|t| t.chars().count().min(64)).sum(),
        }
    }
}

/// A panel of radar series around shared spokes.
#[derive(Debug, Clone)]
pub struct Radar {
    /// The spokes, clockwise from twelve o'clock.
    pub labels: Vec<String>,
    pub series: Vec<RadarSeries>,
    /// The radial range as given (`y.min`, `y.max`); otherwise from 0 (or the smallest value,
    /// if negative) to a nice number above the largest.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// How the radial tick values are written (the chart's locale).
    pub tick_labels: super::TickLabels,
}

#[derive(Debug, Clone)]
pub struct RadarSeries {
    pub name: Option<String>,
    pub color: Rgba,
    /// One per spoke.
    pub values: Vec<f64>,
    pub fill: bool,
    pub opacity: f64,
    pub width: f64,
}
