//! The normalized chart: what [`crate::spec::validate`] makes of a spec and [`crate::render`] draws.
//!
//! Everything here is already checked and resolved: colours parsed, defaults applied, categories
//! and timestamps turned into numbers, one axis kind per axis. The renderer never sees a string
//! it has to interpret.

use crate::format::d3::NumberFormat;
use crate::format::locale::Locale;
use crate::format::strftime::TimeFormat;
use crate::format::zone::Zone;
use crate::spec::color::{Rgba, Theme};
use crate::spec::{Colormap, Format, LabelPosition, MarkerKind, PieLabelContent, StepMode};

// v2: new series types
mod marks;
pub use marks::{Mark, Radar, RadarSeries};

#[derive(Debug, Clone)]
pub struct Chart {
    /// Logical size; the image is `width*scale` × `height*scale` device pixels.
    pub width: u32,
    pub height: u32,
    pub scale: f64,
    pub format: Format,
    /// JPEG quality, 1 to 100.
    pub quality: u8,
    /// The family drawn first (checked against the registered fonts when rendering).
    pub font: Option<String>,
    pub missing_glyphs: crate::spec::MissingGlyphs,
    pub theme: Theme,
    pub background: Rgba,
    pub title: Option<String>,
    pub rows: u32,
    pub cols: u32,
    pub panels: Vec<Panel>,
    /// Whether the panels' numeric x and y axes span all the panels' data.
    pub share: (bool, bool),
    /// One legend for all the panels (matplotlib's `fig.legend`): where it goes (right or
    /// bottom, outside them) and whether it lists the series last first.
    pub figure_legend: Option<(LegendPlace, bool)>,
    // v2: subtitle, caption, sparkline, description (the palette is in `theme`), warnings
    pub subtitle: Option<String>,
    pub caption: Option<String>,
    /// No axes, ticks, grid, titles, legend or padding: the data fills the image.
    pub sparkline: bool,
    /// The spec's alt text; `None` means a generated summary (`crate::spec::summary`).
    pub description: Option<String>,
    /// Cosmetic options given but not honoured, one sentence each (`/title: …`).
    pub warnings: Vec<String>,
}

impl Chart {
    pub fn pixel_width(&self) -> u32 {
        (self.width as f64 * self.scale).round().max(1.0) as u32
    }
    pub fn pixel_height(&self) -> u32 {
        (self.height as f64 * self.scale).round().max(1.0) as u32
    }
}

#[derive(Debug, Clone)]
pub struct Panel {
    pub title: Option<String>,
    pub x: Axis,
    pub y: Axis,
    /// `None` when no legend is drawn.
    pub legend: Option<LegendPlace>,
    /// The legend's entries from the last series (or slice) to the first.
    pub legend_reversed: bool,
    pub content: Content,
    // v2: caption, description (of a panel of `panels`)
    pub caption: Option<String>,
    pub description: Option<String>,
    // v2: y2
    /// The second value axis, when a series is drawn against it.
    pub y2: Option<Axis>,
    // v2: annotations
    pub annotations: Vec<Annotation>,
}

// v2: annotations
/// An annotation, its positions in axis units (ms for time, index for categories).
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub kind: AnnotationKind,
    pub label: Option<String>,
    pub color: Rgba,
    pub opacity: f64,
    /// Drawn under the series (bands by default) or over them.
    pub below: bool,
    /// `y` is on the second value axis.
    pub on_y2: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationKind {
    /// A rule across the plot at `at` on the x axis (`vertical`) or the y axis.
    Line {
        vertical: bool,
        at: f64,
        width: f64,
        dash: Option<Vec<f64>>,
    },
    /// A shaded span from `from` to `to` on the x axis (`vertical`) or the y axis; with
    /// `across`, only that span of the y axis (a box bounded on both axes: the region of a
    /// scatter plot, Chart.js's box annotation, matplotlib's `Rectangle`).
    Band {
        vertical: bool,
        from: f64,
        to: f64,
        across: Option<(f64, f64)>,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        anchor: crate::spec::AnnotationAnchor,
    },
    /// A marker with a callout label (`label`), joined to it by a leader line if `arrow`.
    Point { x: f64, y: f64, arrow: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendPlace {
    Best,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    Right,
    Bottom,
}

#[derive(Debug, Clone)]
pub enum Content {
    Cartesian(Vec<Plot>),
    Heatmap(Heatmap),
    Pie(Pie),
    // v2: new series types
    Radar(Radar),
}

#[derive(Debug, Clone, PartialEq)]
pub enum AxisKind {
    Linear,
    Log,
    /// Values are epoch milliseconds, UTC.
    Time,
    /// Values are indices into the labels.
    Category(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Axis {
    pub label: Option<String>,
    pub kind: AxisKind,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub grid: bool,
    /// Runs top to bottom (the categories of a horizontal bar chart, first at the top).
    pub reversed: bool,
    // v2: axis options
    pub opts: AxisOptions,
    /// How the tick labels are written; every axis (a pie's and a heatmap's too) carries the
    /// chart's locale and time zone here.
    pub labels: TickLabels,
    /// Where the ticks go, if the spec says; else as many round ticks as fit.
    pub ticks: Option<TickChoice>,
}

// v2: axis options
/// The v2 axis options, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisOptions {
    /// `Some(true)` forces zero into the range, `Some(false)` fits the data even for bars.
    pub zero: Option<bool>,
    /// Drawn at the top (x) or right (y) instead of the bottom or left.
    pub far_side: bool,
    pub hidden: bool,
    /// Stacks sum to 1 and the axis is labelled in percent.
    pub normalize: bool,
    /// Stacked areas are centred on zero (`"stack": "center"`).
    pub center: bool,
    /// Tick-label angle in degrees (x axis), when given.
    pub label_angle: Option<f32>,
}

/// How an axis writes its tick labels: the chart's locale and zone, and the axis' format.
#[derive(Debug, Clone, PartialEq)]
pub struct TickLabels {
    pub locale: &'static Locale,
    pub zone: Zone,
    pub format: Option<AxisFormat>,
}

impl TickLabels {
    /// en-US, UTC, no format: the v1 labels.
    #[cfg(test)]
    pub fn plain() -> TickLabels {
        TickLabels {
            locale: crate::format::locale::DEFAULT,
            zone: Zone::Utc,
            format: None,
        }
    }
}

/// An axis' label format: d3-format for numbers, strftime for times.
#[derive(Debug, Clone, PartialEq)]
pub enum AxisFormat {
    Number(NumberFormat),
    Time(TimeFormat),
}

/// Ticks the spec chose.
#[derive(Debug, Clone, PartialEq)]
pub enum TickChoice {
    /// Exactly these, in axis units (numbers, epoch ms, category indices).
    Values(Vec<f64>),
    /// About this many round ones.
    Count(usize),
}

/// A series on x/y axes. Coordinates are in axis units (ms for time, index for categories);
/// `NaN` in `ys` is a gap.
#[derive(Debug, Clone)]
pub struct Plot {
    pub name: Option<String>,
    pub color: Rgba,
    pub kind: PlotKind,
    // v2: y2
    /// Drawn against the second value axis.
    pub on_y2: bool,
    // v2: series options
    pub options: SeriesOptions,
}

// v2: series options (error bars, data labels, colours, steps, smoothing, sizes, colour by value)
/// The version 2 options of a line, scatter, bar or area series, checked and resolved.
#[derive(Debug, Clone, Default)]
pub struct SeriesOptions {
    /// Per point: how far the bar reaches below and above the value (`NaN`: no bar).
    pub error: Option<ErrorBars>,
    pub data_labels: Option<DataLabels>,
    /// One colour per point or bar (opacity already applied).
    pub colors: Option<Vec<Rgba>>,
    pub step: Option<StepMode>,
    pub smooth: bool,
    /// Marker diameters in logical pixels, one per point.
    pub sizes: Option<Vec<f64>>,
    pub color_by: Option<ColorBy>,
}

impl DataLabels {
    /// `v` written as these labels write values.
    pub fn text(&self, v: f64) -> String {
        match &self.format {
            Some(f) => f.format(v, self.locale),
            None => crate::format::number::with_decimal_mark(
                crate::format::number::format_number(v),
                self.locale.decimal,
            ),
        }
    }
}

impl SeriesOptions {
    /// Marks drawn one at a time besides the series' own, for a series of `n` points: error
    /// bars, data labels, and points with their own colour or size (for the cost estimate).
    pub fn extra_marks(&self, n: usize) -> usize {
        let each = self.error.is_some() as usize
            + self.data_labels.is_some() as usize
            + (self.colors.is_some() || self.sizes.is_some() || self.color_by.is_some()) as usize;
        each * n
    }
}

/// Error bars as distances below and above each point's value.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBars {
    pub down: Vec<f64>,
    pub up: Vec<f64>,
}

/// Data labels: how values are written and where.
#[derive(Debug, Clone, PartialEq)]
pub struct DataLabels {
    /// How values are written (d3-format); `None`: the shortest form.
    pub format: Option<NumberFormat>,
    /// The chart's locale: decimal mark, grouping and currency of the values.
    pub locale: &'static Locale,
    pub position: LabelPosition,
    pub content: PieLabelContent,
    /// What the labels say instead of the drawn values, one per point: a normalized stack's
    /// own values, for `content: "value"` (set when the stack is normalized).
    pub values: Option<Vec<f64>>,
}

/// Points coloured by a number through a colormap.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorBy {
    /// One per point; `NaN` takes the series colour.
    pub values: Vec<f64>,
    pub colormap: Colormap,
    pub opacity: f64,
}

#[derive(Debug, Clone)]
pub enum PlotKind {
    Line {
        xs: Vec<f64>,
        ys: Vec<f64>,
        width: f64,
        dash: Option<Vec<f64>>,
        marker: Option<Marker>,
        /// Positions (categories) run down the screen's y axis, values along x.
        horizontal: bool,
    },
    Scatter {
        xs: Vec<f64>,
        ys: Vec<f64>,
        marker: Marker,
        opacity: f64,
        /// As for lines: categories down the y axis.
        horizontal: bool,
    },
    Bar {
        xs: Vec<f64>,
        ys: Vec<f64>,
        stack: Option<String>,
        horizontal: bool,
        opacity: f64,
        /// Where each bar starts (`ys` is where it ends); `None`: at zero.
        base: Option<Vec<f64>>,
        /// Over the other overlaid bars, in one place, rather than beside them.
        overlay: bool,
    },
    Area {
        xs: Vec<f64>,
        ys: Vec<f64>,
        stack: Option<String>,
        opacity: f64,
        width: f64,
    },
    Histogram {
        values: Vec<f64>,
        bins: Option<u32>,
        bin_width: Option<f64>,
        /// Explicit bin edges, increasing.
        edges: Option<Vec<f64>>,
        /// Heights already computed, one per bin of `edges` (then `values` is empty).
        counts: Option<Vec<f64>>,
        opacity: f64,
        /// Histograms with the same stack are stacked, bin on bin (matplotlib's `stacked=True`).
        stack: Option<String>,
    },
    // v2: new series types (band, box, candlestick, text)
    Mark(Mark),
}

impl PlotKind {
    pub fn point_count(&self) -> usize {
        match self {
            PlotKind::Line { xs, .. }
            | PlotKind::Scatter { xs, .. }
            | PlotKind::Bar { xs, .. }
            | PlotKind::Area { xs, .. } => xs.len(),
            PlotKind::Histogram { values, counts, .. } => {
                values.len() + counts.as_ref().map_or(0, Vec::len)
            }
            PlotKind::Mark(m) => m.point_count(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// Diameter in logical pixels.
    pub size: f64,
}

#[derive(Debug, Clone)]
pub struct Heatmap {
    /// Row-major; `NaN` is an empty cell. Row 0 is drawn at the top.
    pub z: Vec<Vec<f64>>,
    pub cols: usize,
    pub x_labels: Option<Vec<String>>,
    pub y_labels: Option<Vec<String>>,
    pub colormap: Colormap,
    // v2: series options
    /// Each cell's value written in it (an annotated heatmap).
    pub data_labels: Option<DataLabels>,
}

#[derive(Debug, Clone)]
pub struct Pie {
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    pub colors: Vec<Rgba>,
    pub donut: f64,
    // v2: series options
    pub data_labels: Option<DataLabels>,
    /// The version-1 percentages in the slices; `"data_labels": false` turns them off.
    pub percentages: bool,
    /// A polar area chart: how far each slice reaches; `None` for a plain pie.
    pub radial: Option<Radial>,
}

/// The radial scale of a polar area chart: one length per slice, read on rings from `min`
/// (at the hole's edge) to `max` (the outer ring).
#[derive(Debug, Clone)]
pub struct Radial {
    pub radii: Vec<f64>,
    pub sqrt: bool,
    /// The panel's `y.min` and `y.max`, when given.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub tick_labels: TickLabels,
}
