//! The chart spec (version 2, which keeps every version 1 spec valid): the serde types of the
//! public input, described for users in `docs/spec.md`.
//!
//! These types only describe the *shape* of a spec; [`crate::spec::validate`] checks its meaning and
//! turns it into the normalized [`crate::spec::model::Chart`] the renderer draws. Unknown fields are
//! rejected everywhere so that a typo is an error, not a silently ignored option. The JSON Schema
//! (`chartfn schema`, `GET /schema`) is generated from these types, so it cannot drift.

use super::input_style::{Colormap, DashStyle, MarkerKind};
use super::scalar::Scalar;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
// v2: series options
use super::input_series::{DataLabelsSpec, ErrorSpec, StepMode};
// v2: new series types
use super::input_annotations::{AnnotationSpec, AxisRef};
use super::input_marks::{CandleStyle, RadialScale, TextAnchor, Values};
// v2: axis options
use super::input_axis::{AxisPosition, StackMode, TicksSpec};

/// A whole chart: one panel (top-level `x`, `y`, `series`, `legend`) or several (`panels` + `grid`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Logical width in pixels (default 800).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u64>,
    /// Logical height in pixels (default 600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u64>,
    /// Device pixel ratio: the PNG is `width*scale` × `height*scale` pixels (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// JPEG quality, 1 to 100 (default 90); other formats are lossless and ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<u64>,
    /// The font family drawn first: a registered family (the compiled-in `DejaVu Sans`, `Noto
    /// Sans Arabic`, `Noto Sans Hebrew`, `Noto Sans Devanagari`, `Noto Sans Thai`, or one from
    /// the font folder). Characters it lacks fall back to the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// What a character no registered font has does to the render.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fonts: Option<FontsSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeName>,
    /// CSS colour (`#rgb`, `#rrggbb`, `#rrggbbaa`, a name) or `transparent`; default: the theme's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<AxisSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<AxisSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<LegendSpec>,
    /// The series, drawn in order. Required unless `panels` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Vec<SeriesSpec>>,
    /// Several charts in one image, laid out by `grid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panels: Option<Vec<PanelSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridSpec>,
    /// The panels' numeric x axes span the data of all of them (matplotlib's `sharex`), so that
    /// positions compare across panels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_x: Option<bool>,
    /// The panels' numeric y axes span the data of all of them (`sharey`; Vega-Lite's facets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_y: Option<bool>,
    // v2: y2
    /// A second value axis, at the right; series choose it with `axis: "y2"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y2: Option<AxisSpec>,
    // v2: annotations
    /// Lines, bands, texts and callout points in data coordinates (single-panel charts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<AnnotationSpec>>,
    // v2: subtitle, caption, palette, sparkline, description (accessibility)
    /// A second, lighter line under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// A small line under the plot, e.g. `"Source: ONS"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The series colours: a named palette or a list of CSS colours (default `tab10`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub palette: Option<PaletteSpec>,
    /// `true`: no axes, ticks, grid, titles, legend or padding; the data fills the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sparkline: Option<bool>,
    /// Alt text (SVG `<title>`/`<desc>`, PNG `Description`, `alt` in JSON replies); generated
    /// from the chart when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Number and date conventions of the labels: `en-US` (default), `en-GB`, `de-DE`, `fr-FR`,
    /// `es-ES`, `it-IT`, `pt-BR`, `nl-NL`, `sv-SE`, `pl-PL` or `ru-RU` — decimal and group
    /// separators, the currency symbol, month and day names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The time zone time axes are read in: `UTC` (default) or an IANA name such as
    /// `Europe/Berlin`. Time ticks fall on local midnights and month starts; labels show local time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Warnings from translating another dialect into this spec (see `crate::dialect`); not
    /// part of the JSON spec.
    #[serde(skip)]
    #[schemars(skip)]
    pub warnings: Vec<String>,
    /// The dialect this spec was translated from (its name), if any: errors found while
    /// checking it then say that their path is in the translated spec.
    #[serde(skip)]
    #[schemars(skip)]
    pub translated_from: Option<&'static str>,
}

/// v2: a series palette, by name or as a list of CSS colours (used in order, then again).
/// Deserialized in `spec/palette.rs`, to name the palettes in its errors.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum PaletteSpec {
    Named(PaletteName),
    Colors(Vec<String>),
}

/// v2: the named palettes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PaletteName {
    /// matplotlib's default (the v1 palette).
    Tab10,
    /// Okabe & Ito (2008), safe for colour-blind readers.
    OkabeIto,
    /// Tableau 10 (2016).
    Tableau10,
    /// ColorBrewer Set2 (matplotlib's `Set2`).
    Set2,
    /// ColorBrewer Dark2.
    Dark2,
    /// ColorBrewer Paired.
    Paired,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Png,
    Svg,
    /// Lossless WebP.
    Webp,
    /// JPEG at the spec's `quality`; transparency flattened onto the theme's background.
    #[serde(alias = "jpg")]
    Jpeg,
    /// One vector page, text kept as text with the fonts embedded.
    Pdf,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Svg => "image/svg+xml",
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Pdf => "application/pdf",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Pdf => "pdf",
        }
    }

    /// The format a name (`png`, `svg`, `webp`, `jpeg`, `jpg` or `pdf`) gives, for query parameters
    /// and file extensions.
    pub fn named(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "png" => Format::Png,
            "svg" => Format::Svg,
            "webp" => Format::Webp,
            "jpeg" | "jpg" => Format::Jpeg,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }
}

/// A box series' `whiskers`: an IQR multiple, or `"range"`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum WhiskersSpec {
    Iqr(f64),
    Named(String),
}

/// `fonts`: what happens to characters no registered font has.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontsSpec {
    /// `warn` (the default): drawn as empty boxes and named in a warning; `error`: the render
    /// fails with `unsupported`, naming them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<MissingGlyphs>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MissingGlyphs {
    #[default]
    Warn,
    Error,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

/// One axis. Its type is inferred from the data when not given.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AxisSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<AxisType>,
    /// Lower end: a number, or for time axes an ISO-8601 string or epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Scalar>,
    /// Draw grid lines at the ticks (default true for the value axis).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<bool>,
    // v2: axis options (reverse, zero, position, visible, stack)
    /// `true` flips the axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverse: Option<bool>,
    /// `true` forces zero into the domain; `false` fits the domain to the data (default: true
    /// for the value axis of bar, area and histogram, else false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero: Option<bool>,
    /// `bottom`/`top` for x, `left`/`right` for y.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<AxisPosition>,
    /// `false` hides the axis line, ticks and labels and reclaims their space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// On a value axis: `zero` (stacks from zero), `normalize` (every stack sums to 100 %) or
    /// `center` (stacked areas centred on zero: a streamgraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<StackMode>,
    /// x tick-label rotation in degrees, 0 to 90 (default: level, 45 when they would collide).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_angle: Option<f64>,
    /// How tick labels are written. Numbers: d3-format's mini-language
    /// `[[fill]align][sign][symbol][0][width][,][.precision][~][type]` (`",.0f"`, `"$,.2f"`,
    /// `".0%"`, `"~s"`). Time axes: strftime (`"%b %Y"`, `"%H:%M"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Where the ticks go: a list of values (numbers, dates or categories, like the axis) to tick
    /// exactly, or `{"count": N}` for about N round ticks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticks: Option<TicksSpec>,
    /// A category axis' categories in the order they are drawn (else in order of first
    /// appearance); every value on the axis must be one of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AxisType {
    Linear,
    Log,
    Time,
    Category,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegendSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<LegendPosition>,
    /// Entries in the reverse of series order: a legend that reads down as a stack of bars or
    /// areas does (its last series on top).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverse: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegendPosition {
    Best,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    Right,
    Bottom,
    None,
}

/// A panel of a multi-chart image: the top-level chart fields plus its own title.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanelSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<AxisSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<AxisSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<LegendSpec>,
    #[serde(default)]
    pub series: Vec<SeriesSpec>,
    // v2: y2
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y2: Option<AxisSpec>,
    // v2: annotations
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<AnnotationSpec>>,
    // v2: caption, description
    /// A small line under this panel, e.g. its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// This panel's alt text, used in the chart's summary in place of the generated one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    pub rows: u32,
    pub cols: u32,
}

/// One series. The fields a series may carry depend on its `type` (SPEC.md › Series types);
/// a field that its type does not use is an error, not ignored.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    #[serde(rename = "type")]
    pub kind: SeriesType,
    /// Shown in the legend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// x values (line, scatter, bar, area) or column labels (heatmap): numbers, strings or ISO dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<Vec<Scalar>>,
    /// y values (numbers, `null` for a gap in a line) or row labels (heatmap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Vec<Scalar>>,
    /// Line width in logical pixels (line, area outline; an area of width 0 has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dash: Option<DashStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<MarkerKind>,
    /// Marker diameter in logical pixels (scatter, line markers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// Fill opacity from 0 to 1 (scatter, area, bar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opacity: Option<f64>,
    /// Bars (or areas) with the same `stack` value stack on each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// Bars drawn over the other overlaid bars at the same x, each the full width of the place,
    /// instead of beside them (matplotlib's `bar` called twice at the same x).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<bool>,
    /// Bars grow from the left instead of from the bottom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizontal: Option<bool>,
    /// Box: how far the whiskers reach — a multiple of the interquartile range (1.5, Tukey's),
    /// or `"range"`: the smallest and largest samples, with no outliers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whiskers: Option<WhiskersSpec>,
    /// Histogram: the samples.  Pie: the slice values.  Radar: one value per spoke.  Box: one
    /// array of numbers per category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Values>,
    /// Histogram: number of bins (default 10 ... chosen by the Freedman–Diaconis rule when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bins: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin_width: Option<f64>,
    /// Histogram: the bin edges, increasing (one more than the bins) — to bin `values`, or to
    /// draw `counts` already binned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edges: Option<Vec<f64>>,
    /// Histogram: the height of each bin between `edges` (counts, frequencies, densities), for
    /// data binned elsewhere; instead of `values`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Vec<f64>>,
    /// Heatmap: rows of numbers (`null` for an empty cell), first row drawn at the top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub z: Option<Vec<Vec<Scalar>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colormap: Option<Colormap>,
    /// Pie: one label per value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// Pie: inner radius as a fraction of the outer radius (0 to 0.95).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donut: Option<f64>,
    /// Pie: how far each slice reaches from the centre, on a radial scale with rings — a polar
    /// area chart (Nightingale rose); `values` then sets only the slices' angles (equal when
    /// left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radii: Option<Values>,
    /// Pie with `radii`: `linear` (default: the length is proportional to the value) or `sqrt`
    /// (the area is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radial_scale: Option<RadialScale>,
    // v2: y2
    /// The value axis the series is drawn against: `y` (default) or `y2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<AxisRef>,
    // v2: series options (error bars, data labels, colours, steps, smoothing, sizes, colour by value)
    /// Error bars along the value axis (line, scatter, bar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorSpec>,
    /// Values written on the marks (bar, line, scatter, area, pie).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_labels: Option<DataLabelsSpec>,
    /// One colour per point, bar or slice (bar, scatter, pie); overrides `color`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colors: Option<Vec<String>>,
    /// A step line (line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepMode>,
    /// Monotone cubic interpolation (line, area).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smooth: Option<bool>,
    /// Marker area per point in square pixels (scatter): a bubble chart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizes: Option<Vec<Scalar>>,
    /// A number per point that picks its colour from `colormap` (scatter), shown in a colour bar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values_color: Option<Vec<Scalar>>,
    /// Bar: where each bar starts (its `y` is where it ends), instead of zero: floating bars,
    /// ranges, Gantt and waterfall charts (`null`: from zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Vec<Scalar>>,
    // v2: new series types (band, box, candlestick, radar, text)
    /// Band: the lower edge at each x (`null` for a gap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<Vec<Scalar>>,
    /// Band: the upper edge at each x (`null` for a gap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<Vec<Scalar>>,
    /// Candlestick: the opening price of each period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<Vec<Scalar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<Vec<Scalar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<Vec<Scalar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close: Option<Vec<Scalar>>,
    /// Candlestick: `candlestick` (default) or `ohlc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<CandleStyle>,
    /// Candlestick: the colour of periods that close at or above their open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_color: Option<String>,
    /// Candlestick: the colour of periods that close below their open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub down_color: Option<String>,
    /// Radar: fill the polygon (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<bool>,
    /// Text: the label at each point (`null` for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Vec<Scalar>>,
    /// Text: which end of the label sits at its point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<TextAnchor>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeriesType {
    #[default]
    Line,
    Scatter,
    Bar,
    Area,
    Histogram,
    Heatmap,
    Pie,
    // v2: new series types
    Band,
    Box,
    Candlestick,
    Radar,
    Text,
}

impl SeriesType {
    pub fn as_str(self) -> &'static str {
        match self {
            SeriesType::Line => "line",
            SeriesType::Scatter => "scatter",
            SeriesType::Bar => "bar",
            SeriesType::Area => "area",
            SeriesType::Histogram => "histogram",
            SeriesType::Heatmap => "heatmap",
            SeriesType::Pie => "pie",
            // v2: new series types
            SeriesType::Band => "band",
            SeriesType::Box => "box",
            SeriesType::Candlestick => "candlestick",
            SeriesType::Radar => "radar",
            SeriesType::Text => "text",
        }
    }
}

/// The JSON Schema of the spec, generated from these types.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(ChartSpec);
    let mut v = serde_json::to_value(schema).expect("schema serializes");
    v["$id"] = "https://chartfn.dev/schema/v2.json".into();
    v["title"] = "chartfn chart spec v2".into();
    v
}
