//! A cartesian panel: series plotted against x and y axes (line, scatter, bar, area,
//! histogram).
//!
//! This is the order of the work: the axis kinds are resolved for the panel (`axes`), each
//! series is read against them (`series`), then the axes are finished with the categories the
//! series named, and the legend is placed.

use super::axes::DataAxes;
use super::options::PointsOf;
use super::panel::{legend_place, PanelParts};
use super::style::opacity;
use super::{parse_color, Validation};
use crate::error::{Error, Result};
use crate::spec::color::Rgba;
use crate::spec::model::{
    AxisKind, Content, LegendPlace, Mark, Panel, Plot, PlotKind, SeriesOptions,
};
use crate::spec::{PieLabelContent, SeriesSpec, SeriesType};

impl Validation<'_> {
    pub(super) fn cartesian(&mut self, panel: &PanelParts) -> Result<Panel> {
        let horizontal = horizontal_panel(panel)?;
        let axes = DataAxes::resolve(panel, horizontal, self.conventions)?;
        let mut categories = axes.categories(self.limits)?;
        let mut plots = Vec::with_capacity(panel.series.len());
        let mut unnamed_palette_index = 0usize;
        for (i, s) in panel.series.iter().enumerate() {
            let sp = format!("{}/series/{i}", panel.path);
            let color = match s.kind {
                // v2: text series: labels in the theme's text colour unless given one
                SeriesType::Text if s.color.is_none() => self.theme.text,
                _ => self.series_color(s, &sp, &mut unnamed_palette_index)?,
            };
            let opacity = opacity(s.opacity, &format!("{sp}/opacity"))?;
            let kind = if s.kind == SeriesType::Histogram {
                self.histogram(&sp, s, opacity, &axes)?
            } else if super::marks::is_mark(s.kind) {
                self.mark(&sp, s, opacity, &axes, &mut categories)?
            } else {
                self.xy_plot(&sp, s, opacity, &axes, &mut categories)?
            };
            let options = self.plot_options(&sp, s, &kind)?;
            if matches!(axes.y_kind, AxisKind::Category(_)) {
                category_y_options(&sp, &options)?;
            }
            let says_value = options
                .data_labels
                .as_ref()
                .is_some_and(|l| l.content == PieLabelContent::Value);
            if s.kind == SeriesType::Bar && says_value && !axes.normalized(s.axis) {
                return Err(Error::spec(
                    format!("{sp}/data_labels/content"),
                    "`value` applies to bars on a normalized stack (`\"stack\": \"normalize\"` on the value axis); other bars' labels say their values already",
                ));
            }
            if horizontal && (options.step.is_some() || options.smooth) {
                let field = if options.smooth { "smooth" } else { "step" };
                return Err(Error::spec(
                    format!("{sp}/{field}"),
                    "a horizontal line is drawn straight between its points",
                ));
            }
            plots.push(Plot {
                name: s.name.clone(),
                color,
                kind,
                on_y2: super::y2::on_y2(s.axis),
                options,
            });
        }
        if categories.most() > self.limits.max_categories {
            return Err(Error::limit(
                Some(&format!("{}/series", panel.path)),
                "distinct categories",
                categories.most(),
                self.limits.max_categories,
            ));
        }
        let y2 = axes.y2.clone();
        let (x, y) = axes.finish(categories, self.conventions)?;
        let annotations = self.annotations(panel.path, panel.annotations, &x, &y, y2.as_ref())?;
        Ok(Panel {
            title: panel.title.cloned(),
            x,
            y,
            legend: cartesian_legend(panel, &plots),
            legend_reversed: panel.legend_reversed(),
            content: Content::Cartesian(plots),
            y2,
            annotations,
            caption: None,
            description: None,
        })
    }

    /// The v2 options of series `s` at `sp`, read against its points.
    fn plot_options(&mut self, sp: &str, s: &SeriesSpec, kind: &PlotKind) -> Result<SeriesOptions> {
        let (ys, opacity) = match kind {
            PlotKind::Line { ys, .. } => (ys, 1.0),
            PlotKind::Scatter { ys, opacity, .. }
            | PlotKind::Bar { ys, opacity, .. }
            | PlotKind::Area { ys, opacity, .. } => (ys, *opacity),
            // A band's edges may be smooth, as the lines beside it.
            PlotKind::Mark(Mark::Band { .. }) => {
                return Ok(SeriesOptions {
                    smooth: s.smooth == Some(true),
                    ..SeriesOptions::default()
                })
            }
            _ => return Ok(SeriesOptions::default()),
        };
        let pts = PointsOf { ys, opacity };
        self.series_options(sp, s, &pts)
    }

    /// The colour of series `s` at `sp`: as given, or the theme's next palette colour (counted
    /// by `palette_index` over the series without one).
    fn series_color(&self, s: &SeriesSpec, sp: &str, palette_index: &mut usize) -> Result<Rgba> {
        match &s.color {
            Some(c) => parse_color(c, &format!("{sp}/color")),
            None => {
                let c = self.theme.series_color(*palette_index);
                *palette_index += 1;
                Ok(c)
            }
        }
    }
}

/// Whether the panel is horizontal (categories down the y axis): if any series is, all must
/// be bars, boxes, lines or points marked `horizontal`.
fn horizontal_panel(panel: &PanelParts) -> Result<bool> {
    let series = panel.series;
    if !series.iter().any(|s| s.horizontal == Some(true)) {
        return Ok(false);
    }
    if let Some(i) = series.iter().position(|s| {
        !matches!(
            s.kind,
            SeriesType::Bar | SeriesType::Box | SeriesType::Line | SeriesType::Scatter
        ) || s.horizontal != Some(true)
    }) {
        return Err(Error::spec(
            format!("{}/series/{i}", panel.path),
            "a horizontal panel holds bars, boxes, lines and points only, each with `horizontal: true`",
        ));
    }
    Ok(true)
}

/// Points on a category y have no value to write or to err about: no `data_labels`, no `error`.
fn category_y_options(sp: &str, options: &SeriesOptions) -> Result<()> {
    super::refuse_given(
        sp,
        &[
            ("data_labels", options.data_labels.is_some()),
            ("error", options.error.is_some()),
        ],
        "a point on a category y axis has no value to write or to err about",
    )
}

/// The legend's place: as given, or the best place once two series have names.
fn cartesian_legend(panel: &PanelParts, plots: &[Plot]) -> Option<LegendPlace> {
    let named = plots.iter().filter(|p| p.name.is_some()).count();
    match panel.legend_position() {
        Some(p) => legend_place(p),
        None if named >= 2 => Some(LegendPlace::Best),
        None => None,
    }
}
