//! v2: new series types — a radar panel: radar series only, sharing their spokes. The first
//! series with `labels` names the spokes; any other that gives labels must give the same ones,
//! and every series has one value per spoke.

use super::marks::{flat_values, numbers, required};
use super::panel::{legend_place, PanelParts};
use super::style::{line_width, opacity};
use super::{parse_color, Validation};
use crate::error::{Error, Result};
use crate::spec::model::{Content, LegendPlace, Panel, Radar, RadarSeries};
use crate::spec::{SeriesSpec, SeriesType};

/// A radar polygon's fill opacity when none is given.
const RADAR_OPACITY: f64 = 0.25;

impl Validation<'_> {
    /// A panel of radar series (an error at the first series of another type).
    pub(super) fn radar_panel(&mut self, panel: &PanelParts) -> Result<Panel> {
        let base = panel.path;
        if let Some(i) = panel
            .series
            .iter()
            .position(|s| s.kind != SeriesType::Radar)
        {
            return Err(Error::spec(
                format!("{base}/series/{i}"),
                "a radar panel holds only radar series (use `panels` to combine charts)",
            ));
        }
        // v2: axis options — a radar has no x or y axis line to reverse, move or hide.
        for (name, spec) in [("x", panel.x), ("y", panel.y)] {
            if spec.is_some_and(super::axis_options::any_set) {
                return Err(Error::spec(
                    format!("{base}/{name}"),
                    "a radar has no x or y axis: `reverse`, `zero`, `position`, `visible`, \
                     `stack` and `label_angle` do not apply",
                ));
            }
        }
        let labels = self.spokes(panel)?;
        let mut series = Vec::with_capacity(panel.series.len());
        for (i, s) in panel.series.iter().enumerate() {
            series.push(self.radar_series(&format!("{base}/series/{i}"), s, i, labels.len())?);
        }
        let (min, max) = panel.radial_bounds()?;
        let named = series.iter().any(|s| s.name.is_some());
        let legend = match panel.legend_position() {
            None if named => Some(LegendPlace::Right),
            None => None,
            Some(p) => legend_place(p),
        };
        Ok(Panel {
            title: panel.title.cloned(),
            x: super::panel::hidden_axis(None, self.conventions),
            y: super::panel::hidden_axis(None, self.conventions),
            legend,
            legend_reversed: panel.legend_reversed(),
            content: Content::Radar(Radar {
                labels,
                series,
                min,
                max,
                tick_labels: self.conventions.clone(),
            }),
            y2: None,
            annotations: Vec::new(),
            caption: None,
            description: None,
        })
    }

    /// The spokes: the first `labels` given, which every other `labels` must repeat.
    fn spokes(&self, panel: &PanelParts) -> Result<Vec<String>> {
        let mut spokes: Option<&Vec<String>> = None;
        for (i, s) in panel.series.iter().enumerate() {
            let sp = format!("{}/series/{i}", panel.path);
            match (&s.labels, spokes) {
                (Some(l), None) => {
                    for (j, t) in l.iter().enumerate() {
                        self.check_text(Some(t), &format!("{sp}/labels/{j}"))?;
                    }
                    if l.len() < 3 {
                        return Err(Error::spec(
                            format!("{sp}/labels"),
                            format!("a radar needs at least 3 spokes, found {}", l.len()),
                        ));
                    }
                    if l.len() > self.limits.max_categories {
                        return Err(Error::limit(
                            Some(&format!("{sp}/labels")),
                            "radar spokes",
                            l.len(),
                            self.limits.max_categories,
                        ));
                    }
                    spokes = Some(l);
                }
                (Some(l), Some(first)) if l != first => return Err(Error::spec(
                    format!("{sp}/labels"),
                    "radar series in one panel share their spokes: give the same labels or none",
                )),
                _ => {}
            }
        }
        spokes.cloned().ok_or_else(|| {
            Error::spec(
                format!("{}/series/0/labels", panel.path),
                "is required for radar series (the spokes)",
            )
        })
    }

    fn radar_series(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        i: usize,
        spokes: usize,
    ) -> Result<RadarSeries> {
        let values = required(flat_values(s.values.as_ref(), sp)?, sp, "values", s.kind)?;
        if values.len() != spokes {
            return Err(Error::spec(
                format!("{sp}/values"),
                format!(
                    "has {} values but there are {spokes} spokes (labels)",
                    values.len()
                ),
            ));
        }
        self.add_points(values.len(), &format!("{sp}/values"))?;
        let color = match &s.color {
            Some(c) => parse_color(c, &format!("{sp}/color"))?,
            None => self.theme.series_color(i),
        };
        Ok(RadarSeries {
            name: s.name.clone(),
            color,
            values: numbers(sp, "values", values, false, false)?,
            fill: s.fill.unwrap_or(true),
            opacity: opacity(s.opacity, &format!("{sp}/opacity"))?.unwrap_or(RADAR_OPACITY),
            width: line_width(s.width, sp)?,
        })
    }
}
