//! Chart.js configs (versions 2, 3 and 4, as sent to QuickChart) into chartfn specs.
//!
//! A config is `{type, data: {labels, datasets}, options}`. Each dataset becomes a series
//! (`datasets`); the scales become `x`, `y` and `y2` (`scales`); titles, the legend and the
//! annotation and datalabels plugins become their chartfn fields (`plugins`). Version 2 and
//! version 3+ spell many options differently (`xAxes` or `scales.x`, `options.title` or
//! `options.plugins.title`, `lineTension` or `tension`); both are read, and the version decides
//! only the defaults that differ (a v2 line is curved unless `lineTension: 0`).

mod context;
mod datasets;
mod fills;
mod moment;
mod plugins;
mod round;
mod scales;

use super::node::Node;
use super::Notes;
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// What the caller knows beyond the config: the image size and background (QuickChart's
/// parameters, or its defaults), and the Chart.js major version when it was given.
#[derive(Debug, Clone)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub device_pixel_ratio: f64,
    pub background: Option<String>,
    pub version: Option<u32>,
}

impl Default for Frame {
    /// QuickChart's defaults: 500×300 at a device pixel ratio of 2, transparent.
    fn default() -> Frame {
        Frame {
            width: 500.0,
            height: 300.0,
            device_pixel_ratio: 2.0,
            background: None,
            version: None,
        }
    }
}

/// Chart.js 4's default dataset colours, in order.
const CHARTJS_COLORS: [&str; 7] = [
    "#36a2eb", "#ff6384", "#ff9f40", "#ffcd56", "#4bc0c0", "#9966ff", "#c9cbcf",
];

/// Chart.js chart types, by the name a config (or a dataset) gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Bar,
    Line,
    Scatter,
    Bubble,
    Pie,
    Doughnut,
    PolarArea,
    Radar,
}

impl Kind {
    /// Whether the chart is drawn round a centre, with no x or y axis.
    fn is_round(self) -> bool {
        matches!(
            self,
            Kind::Pie | Kind::Doughnut | Kind::PolarArea | Kind::Radar
        )
    }

    fn of(node: &Node) -> Result<Kind> {
        node.no_function("the chart type")?;
        Ok(match node.str() {
            Some("bar") | Some("horizontalBar") => Kind::Bar,
            Some("line") => Kind::Line,
            Some("scatter") => Kind::Scatter,
            Some("bubble") => Kind::Bubble,
            Some("pie") => Kind::Pie,
            Some("doughnut") => Kind::Doughnut,
            Some("radar") => Kind::Radar,
            Some("polarArea") => Kind::PolarArea,
            Some(other @ ("sankey" | "treemap" | "matrix" | "funnel" | "gauge"
            | "radialGauge" | "violin" | "boxplot" | "wordCloud" | "outlabeledPie"
            | "progressBar" | "barStacked" | "sparkline" | "choropleth" | "bubbleMap")) => {
                return Err(Error::unsupported(
                    node.path(),
                    format!("chart type {other:?} is not drawn by chartfn (it draws bar, line, scatter, bubble, pie, doughnut, polarArea and radar)"),
                ))
            }
            Some(other) => {
                return Err(Error::spec(
                    node.path(),
                    format!("{other:?} is not a Chart.js chart type"),
                ))
            }
            None => return Err(Error::spec(node.path(), "the chart type must be a string")),
        })
    }
}

/// Whether the config is written for Chart.js 2 (whose defaults differ: curved, filled lines).
/// Said by QuickChart's `version`; else shown by options only one version has; else version 2,
/// QuickChart's default (2.9.4), so that a config renders as QuickChart draws it.
fn is_v2(config: &Node, frame: &Frame) -> bool {
    if let Some(v) = frame.version {
        return v <= 2;
    }
    let options = config.get("options");
    let scales = options.get("scales");
    let plugins = options.get("plugins");
    let v3_only = options.get("indexAxis").is_present()
        || ["title", "subtitle", "legend", "annotation", "tooltip"]
            .iter()
            .any(|k| plugins.get(k).is_present())
        || scales
            .object()
            .is_some_and(|m| m.keys().any(|k| k != "xAxes" && k != "yAxes"));
    !v3_only
}

/// The chartfn spec for a Chart.js `config` found at `path`.
pub fn translate(config: &Value, path: &str, frame: &Frame, notes: &mut Notes) -> Result<Value> {
    let root = Node::root(config, path);
    if root.object().is_none() {
        return Err(Error::spec(path, "a Chart.js config must be an object"));
    }
    let kind = Kind::of(&root.get("type"))?;
    let v2 = is_v2(&root, frame);
    let horizontal = root.get("type").str() == Some("horizontalBar")
        || root.get("options").get("indexAxis").str() == Some("y");
    let mut axes = scales::Axes::read(&root.get("options"), v2, horizontal, notes)?;
    let mut labels = datasets::labels(&root.get("data").get("labels"))?;
    if let (Some(parser), Some(list)) = (axes.date_parser(), labels.as_mut()) {
        // Labels in the time scale's own format become ISO dates.
        let at = root.get("data").get("labels");
        for (i, l) in list.iter_mut().enumerate() {
            *l = parser.iso(l).ok_or_else(|| {
                Error::spec(
                    at.at(i).path(),
                    format!("{l:?} does not match the scale's time.parser"),
                )
            })?;
        }
    }
    axes.labels = labels
        .clone()
        .filter(|_| matches!(kind, Kind::Bar | Kind::Line));
    let ctx = context::Context {
        kind,
        v2,
        horizontal,
        axes: &axes,
        labels,
        datalabels: plugins::datalabels(&root.get("options"), v2)?,
        propagate: plugins::fill_propagates(&root.get("options"), v2),
        point_labels: scales::point_labels(&root.get("options"), v2),
    };
    let series = datasets::series(&root.get("data").get("datasets"), &ctx, notes)?;

    let mut spec = Map::new();
    spec.insert("width".into(), json!(frame.width.round().max(32.0) as u64));
    spec.insert(
        "height".into(),
        json!(frame.height.round().max(32.0) as u64),
    );
    spec.insert("scale".into(), json!(frame.device_pixel_ratio));
    spec.insert(
        "background".into(),
        json!(frame
            .background
            .clone()
            .unwrap_or_else(|| "transparent".into())),
    );
    if !v2 {
        // Chart.js 3 and 4 colour datasets that set no colour from this list (v4's colors
        // plugin); version 2 leaves them grey, which QuickChart users never keep.
        spec.insert("palette".into(), json!(CHARTJS_COLORS));
    }
    plugins::titles(&root.get("options"), v2, &mut spec)?;
    plugins::legend(&root.get("options"), v2, kind, &mut spec, notes)?;
    if !kind.is_round() {
        axes.write(&mut spec, &series);
        let annotations = plugins::annotations(&root.get("options"), v2, &axes, notes)?;
        if !annotations.is_empty() {
            spec.insert("annotations".into(), Value::Array(annotations));
        }
    } else if let Some(range) = axes.radial_range() {
        spec.insert("y".into(), range);
    }
    spec.insert("series".into(), Value::Array(series));
    plugins::ignore_the_rest(&root, notes);
    Ok(Value::Object(spec))
}
