//! One panel: the checks every panel gets, and which kind of panel it is.
//!
//! Series fields are checked against their type here, before any data is read, so a field
//! that does not apply is named as such rather than silently ignored. A pie or a heatmap stands
//! alone in its panel; every other series type goes on cartesian axes.

use super::Validation;
use crate::error::{Error, Result};
use crate::spec::model::{Axis, AxisKind, Content, LegendPlace, Panel, TickLabels};
use crate::spec::{AnnotationSpec, AxisSpec, LegendPosition, LegendSpec, SeriesSpec, SeriesType};

/// One panel as written, wherever it came from: an entry of `panels`, or the top-level fields
/// of a single-panel chart.
pub(super) struct PanelParts<'a> {
    /// The JSON Pointer of the panel ("" at the top level); every error path starts with it.
    pub path: &'a str,
    pub title: Option<&'a String>,
    pub x: Option<&'a AxisSpec>,
    pub y: Option<&'a AxisSpec>,
    pub legend: Option<&'a LegendSpec>,
    pub series: &'a [SeriesSpec],
    // v2: y2
    pub y2: Option<&'a AxisSpec>,
    // v2: annotations
    pub annotations: Option<&'a [AnnotationSpec]>,
}

impl PanelParts<'_> {
    /// Where the legend goes, as written.
    pub fn legend_position(&self) -> Option<LegendPosition> {
        self.legend.and_then(|l| l.position)
    }

    /// Whether the legend lists the series last first.
    pub fn legend_reversed(&self) -> bool {
        self.legend.and_then(|l| l.reverse).unwrap_or(false)
    }

    /// A radial scale's ends as the panel's `y.min` and `y.max` give them (radar, polar area).
    pub fn radial_bounds(&self) -> Result<(Option<f64>, Option<f64>)> {
        let base = self.path;
        let bound = |b: Option<&crate::spec::Scalar>, field: &str| -> Result<Option<f64>> {
            match b {
                None | Some(crate::spec::Scalar::Null) => Ok(None),
                Some(v) => super::values::number(v, || format!("{base}/y/{field}")).map(Some),
            }
        };
        let min = bound(self.y.and_then(|a| a.min.as_ref()), "min")?;
        let max = bound(self.y.and_then(|a| a.max.as_ref()), "max")?;
        if let (Some(a), Some(b)) = (min, max) {
            if a >= b {
                return Err(Error::spec(
                    format!("{base}/y/max"),
                    "must be greater than min",
                ));
            }
        }
        Ok((min, max))
    }

    /// Whether the panel holds a series of `kind`, which must then be its only series.
    fn lone(&self, kind: SeriesType) -> Result<bool> {
        match self.series.iter().position(|s| s.kind == kind) {
            Some(_) if self.series.len() > 1 => Err(Error::spec(
                format!("{}/series", self.path),
                format!(
                    "a {} series must be alone in its panel (use `panels` to combine charts)",
                    kind.as_str()
                ),
            )),
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }
}

impl Validation<'_> {
    pub(super) fn panel(&mut self, panel: &PanelParts) -> Result<Panel> {
        let base = panel.path;
        if panel.series.is_empty() {
            return Err(Error::spec(
                format!("{base}/series"),
                "must hold at least one series",
            ));
        }
        self.add_series(panel.series.len(), &format!("{base}/series"))?;
        for (i, s) in panel.series.iter().enumerate() {
            let sp = format!("{base}/series/{i}");
            refuse_foreign_fields(s, &sp)?;
            self.check_text(s.name.as_deref(), &format!("{sp}/name"))?;
        }
        for (axis, spec) in [("x", panel.x), ("y", panel.y), ("y2", panel.y2)] {
            if let Some(a) = spec {
                self.check_text(a.label.as_deref(), &format!("{base}/{axis}/label"))?;
                self.check_text(a.format.as_deref(), &format!("{base}/{axis}/format"))?;
            }
        }
        for (axis, spec) in [("x", panel.x), ("y", panel.y), ("y2", panel.y2)] {
            if spec.is_some_and(|a| a.categories.is_some())
                && (axis == "y2" || !is_cartesian(panel.series))
            {
                return Err(Error::spec(
                    format!("{base}/{axis}/categories"),
                    "lists the categories of a category x or y axis (a pie's, a heatmap's or \
                     y2's are not)",
                ));
            }
        }
        if panel.y2.is_some() && !is_cartesian(panel.series) {
            return Err(Error::spec(
                format!("{base}/y2"),
                "a second value axis applies to charts with x and y axes",
            ));
        }
        if panel.annotations.is_some() && !is_cartesian(panel.series) {
            return Err(Error::spec(
                format!("{base}/annotations"),
                "annotations apply to charts with x and y axes, not to pies, radars or heatmaps",
            ));
        }
        // v2: new series types
        if panel.series.iter().any(|s| s.kind == SeriesType::Radar) {
            return self.radar_panel(panel);
        }
        if panel.lone(SeriesType::Pie)? {
            return self.pie_panel(panel);
        }
        if panel.lone(SeriesType::Heatmap)? {
            let (heat, x, y) = self.heatmap(panel)?;
            return Ok(Panel {
                title: panel.title.cloned(),
                x,
                y,
                legend: None,
                legend_reversed: false,
                content: Content::Heatmap(heat),
                y2: None,
                annotations: Vec::new(),
                caption: None,
                description: None,
            });
        }
        self.cartesian(panel)
    }

    /// A panel of one pie: no axes (a polar area chart reads its radial scale's ends from `y`),
    /// and a legend on the right unless placed otherwise.
    fn pie_panel(&mut self, panel: &PanelParts) -> Result<Panel> {
        let hidden = |label| hidden_axis(label, self.conventions);
        let mut pie = self.pie(&format!("{}/series/0", panel.path), &panel.series[0])?;
        if let Some(radial) = pie.radial.as_mut() {
            (radial.min, radial.max) = panel.radial_bounds()?;
            if radial.sqrt && radial.min.is_some_and(|m| m < 0.0) {
                return Err(Error::spec(
                    format!("{}/y/min", panel.path),
                    "a square-root radial scale starts at 0 or above",
                ));
            }
        }
        let legend = match panel.legend_position() {
            None => Some(LegendPlace::Right),
            Some(p) => legend_place(p),
        };
        Ok(Panel {
            title: panel.title.cloned(),
            x: hidden(None),
            y: hidden(None),
            legend,
            legend_reversed: panel.legend_reversed(),
            content: Content::Pie(pie),
            y2: None,
            annotations: Vec::new(),
            caption: None,
            description: None,
        })
    }
}

/// Whether the panel's series go on x and y axes (no pie, radar or heatmap among them).
fn is_cartesian(series: &[SeriesSpec]) -> bool {
    !series.iter().any(|s| {
        matches!(
            s.kind,
            SeriesType::Pie | SeriesType::Heatmap | SeriesType::Radar
        )
    })
}

/// An axis that is not drawn as one (a pie's, a heatmap's), with only its `label` kept; its
/// numbers (a heatmap's colour bar) follow the chart's `conventions`.
pub(super) fn hidden_axis(label: Option<String>, conventions: &TickLabels) -> Axis {
    Axis {
        label,
        kind: AxisKind::Linear,
        min: None,
        max: None,
        grid: false,
        reversed: false,
        opts: Default::default(),
        labels: conventions.clone(),
        ticks: None,
    }
}

/// The legend's place, or `None` for no legend.
pub(super) fn legend_place(p: LegendPosition) -> Option<LegendPlace> {
    Some(match p {
        LegendPosition::Best => LegendPlace::Best,
        LegendPosition::TopRight => LegendPlace::TopRight,
        LegendPosition::TopLeft => LegendPlace::TopLeft,
        LegendPosition::BottomRight => LegendPlace::BottomRight,
        LegendPosition::BottomLeft => LegendPlace::BottomLeft,
        LegendPosition::Right => LegendPlace::Right,
        LegendPosition::Bottom => LegendPlace::Bottom,
        LegendPosition::None => return None,
    })
}

/// An error at the first field of `s` that its series type does not take.
fn refuse_foreign_fields(s: &SeriesSpec, sp: &str) -> Result<()> {
    let allowed =
        |f: &&str| allowed_fields(s.kind).contains(f) || v2_option_fields(s.kind).contains(f);
    if let Some(f) = present_fields(s).into_iter().find(|f| !allowed(f)) {
        return Err(Error::spec(
            format!("{sp}/{f}"),
            format!("`{f}` does not apply to {} series", s.kind.as_str()),
        ));
    }
    Ok(())
}

/// Fields each series type may carry (besides `type`), those of version 2 options aside.
fn allowed_fields(kind: SeriesType) -> &'static [&'static str] {
    match kind {
        SeriesType::Line => &[
            "name",
            "color",
            "x",
            "y",
            "width",
            "dash",
            "marker",
            "size",
            "horizontal",
        ],
        SeriesType::Scatter => &[
            "name",
            "color",
            "x",
            "y",
            "marker",
            "size",
            "opacity",
            "horizontal",
        ],
        SeriesType::Bar => &[
            "name",
            "color",
            "x",
            "y",
            "stack",
            "horizontal",
            "opacity",
            "base",
            "overlay",
        ],
        SeriesType::Area => &["name", "color", "x", "y", "stack", "opacity", "width"],
        SeriesType::Histogram => &[
            "name",
            "color",
            "values",
            "bins",
            "bin_width",
            "edges",
            "counts",
            "opacity",
            "stack",
        ],
        SeriesType::Heatmap => &["name", "x", "y", "z", "colormap"],
        SeriesType::Pie => &["name", "labels", "values", "donut", "radii", "radial_scale"],
        // v2: new series types
        SeriesType::Band => &["name", "color", "x", "lower", "upper", "opacity"],
        SeriesType::Box => &["name", "color", "x", "values", "horizontal", "whiskers"],
        SeriesType::Candlestick => &[
            "name",
            "x",
            "open",
            "high",
            "low",
            "close",
            "style",
            "up_color",
            "down_color",
        ],
        SeriesType::Radar => &[
            "name", "color", "labels", "values", "fill", "opacity", "width",
        ],
        SeriesType::Text => &["name", "color", "x", "y", "text", "anchor", "size"],
    }
}

/// The version 2 options each series type may carry: `axis` (y2) and the series options (error
/// bars, data labels, colours, steps, smoothing, sizes, colour by value).
fn v2_option_fields(kind: SeriesType) -> &'static [&'static str] {
    match kind {
        SeriesType::Line => &["axis", "error", "data_labels", "step", "smooth"],
        SeriesType::Scatter => &[
            "axis",
            "error",
            "data_labels",
            "colors",
            "sizes",
            "values_color",
            "colormap",
        ],
        SeriesType::Bar => &["axis", "error", "data_labels", "colors"],
        SeriesType::Area => &["axis", "data_labels", "smooth"],
        SeriesType::Pie => &["data_labels", "colors"],
        SeriesType::Heatmap => &["data_labels"],
        SeriesType::Band => &["axis", "smooth"],
        _ => &[],
    }
}

/// The fields `s` carries, in the order they are reported.
fn present_fields(s: &SeriesSpec) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut add = |name: &'static str, present: bool| {
        if present {
            out.push(name)
        }
    };
    add("name", s.name.is_some());
    add("color", s.color.is_some());
    add("x", s.x.is_some());
    add("y", s.y.is_some());
    add("width", s.width.is_some());
    add("dash", s.dash.is_some());
    add("marker", s.marker.is_some());
    add("size", s.size.is_some());
    add("opacity", s.opacity.is_some());
    add("stack", s.stack.is_some());
    add("horizontal", s.horizontal.is_some());
    add("base", s.base.is_some());
    add("overlay", s.overlay.is_some());
    add("values", s.values.is_some());
    add("bins", s.bins.is_some());
    add("bin_width", s.bin_width.is_some());
    add("edges", s.edges.is_some());
    add("counts", s.counts.is_some());
    add("whiskers", s.whiskers.is_some());
    add("z", s.z.is_some());
    add("colormap", s.colormap.is_some());
    add("labels", s.labels.is_some());
    add("donut", s.donut.is_some());
    add("radii", s.radii.is_some());
    add("radial_scale", s.radial_scale.is_some());
    add("axis", s.axis.is_some());
    // v2: series options
    add("error", s.error.is_some());
    add("data_labels", s.data_labels.is_some());
    add("colors", s.colors.is_some());
    add("step", s.step.is_some());
    add("smooth", s.smooth.is_some());
    add("sizes", s.sizes.is_some());
    add("values_color", s.values_color.is_some());
    // v2: new series types
    add("lower", s.lower.is_some());
    add("upper", s.upper.is_some());
    add("open", s.open.is_some());
    add("high", s.high.is_some());
    add("low", s.low.is_some());
    add("close", s.close.is_some());
    add("style", s.style.is_some());
    add("up_color", s.up_color.is_some());
    add("down_color", s.down_color.is_some());
    add("fill", s.fill.is_some());
    add("text", s.text.is_some());
    add("anchor", s.anchor.is_some());
    out
}
