//! A cartesian panel's axes: their kinds (declared, or inferred from the x values) and bounds.
//!
//! Separate from the series because the axis kinds are decided for the whole panel before any
//! series is read (each series' values are read as the kind requires), and the axes are
//! finished after all are read (the category axis then knows its categories).

use super::axis_fields::{axis, value_axis_kind};
use super::axis_options;
use super::panel::PanelParts;
use super::values::Categories;
use crate::error::{Error, Result};
use crate::spec::model::{Axis, AxisKind, TickLabels};
use crate::spec::{AxisRef, AxisSpec, AxisType, Scalar, SeriesSpec, SeriesType};

/// A cartesian panel's axes in data terms: x holds the positions (numbers, dates or
/// categories), y the values. In a horizontal bar chart the data's x runs along the screen's y
/// axis, so each is written in the other spec field.
pub(super) struct DataAxes<'a> {
    /// The panel's JSON Pointer.
    pub path: &'a str,
    pub horizontal: bool,
    pub x_spec: Option<&'a AxisSpec>,
    pub y_spec: Option<&'a AxisSpec>,
    /// The spec field ("x" or "y") each axis is written in.
    pub x_field: &'static str,
    pub y_field: &'static str,
    /// A category kind holds no names yet: they are collected while the series are read.
    pub x_kind: AxisKind,
    pub y_kind: AxisKind,
    // v2: y2
    pub y2: Option<Axis>,
}

impl<'a> DataAxes<'a> {
    /// Resolves the kinds of `panel`'s axes, swapped for horizontal bars.
    pub fn resolve(
        panel: &PanelParts<'a>,
        horizontal: bool,
        conventions: &TickLabels,
    ) -> Result<Self> {
        let (x_spec, y_spec) = if horizontal {
            (panel.y, panel.x)
        } else {
            (panel.x, panel.y)
        };
        let (x_field, y_field) = if horizontal { ("y", "x") } else { ("x", "y") };
        let x_kind = infer_x_kind(panel.series, x_spec);
        // Histograms bin along a linear x; given positive `edges`, a log x too (log bins).
        for (i, s) in panel.series.iter().enumerate() {
            if s.kind != SeriesType::Histogram || x_kind == AxisKind::Linear {
                continue;
            }
            match (&s.edges, &x_kind) {
                (Some(e), AxisKind::Log) if e.iter().all(|&v| v > 0.0) => {}
                (Some(_), AxisKind::Log) => {
                    return Err(Error::spec(
                        format!("{}/series/{i}/edges", panel.path),
                        "a log x axis needs positive edges",
                    ))
                }
                _ => {
                    return Err(Error::spec(
                        format!("{}/{x_field}/type", panel.path),
                        "histograms need a linear x axis (or a log one, with `edges`)",
                    ))
                }
            }
        }
        let y_kind = value_axis_kind(y_spec, &format!("{}/{y_field}/type", panel.path))?;
        let y_opts = axis_options::options(panel.path, y_field, y_spec, &y_kind, true)?;
        let y_side = Axis {
            opts: y_opts,
            ..super::panel::hidden_axis(None, conventions)
        };
        let y2 = super::y2::y2_axis(panel, &y_side, horizontal, conventions)?;
        Ok(DataAxes {
            path: panel.path,
            horizontal,
            x_spec,
            y_spec,
            x_field,
            y_field,
            x_kind,
            y_kind,
            y2,
        })
    }

    // v2: y2
    /// The kind of the value axis a series written with `axis` is drawn against.
    pub fn value_kind(&self, axis: Option<AxisRef>) -> &AxisKind {
        match &self.y2 {
            Some(y2) if axis == Some(AxisRef::Y2) => &y2.kind,
            _ => &self.y_kind,
        }
    }

    /// The panel's screen axes (x, y), bounds checked, the category axis given `categories`,
    /// labels following the chart's `conventions`.
    pub fn finish(self, categories: Categories, conventions: &TickLabels) -> Result<(Axis, Axis)> {
        let x_kind = match self.x_kind {
            AxisKind::Category(_) => AxisKind::Category(categories.into_names()),
            k => k,
        };
        let mut data_x = axis(
            self.path,
            self.x_field,
            self.x_spec,
            x_kind,
            false,
            conventions,
        )?;
        let mut data_y = axis(
            self.path,
            self.y_field,
            self.y_spec,
            self.y_kind,
            true,
            conventions,
        )?;
        // Grid lines along the category axis only clutter a bar chart.
        if matches!(data_x.kind, AxisKind::Category(_))
            && self.x_spec.and_then(|a| a.grid).is_none()
        {
            data_x.grid = false;
        }
        data_x.reversed = self.horizontal;
        axis_options::apply(&mut data_x, self.x_spec);
        axis_options::apply(&mut data_y, self.y_spec);
        Ok(if self.horizontal {
            (data_y, data_x)
        } else {
            (data_x, data_y)
        })
    }
}

/// The x axis kind: as declared, or else time if the first text x value is a date, category if
/// it is not (or if every series is a bar without x values), linear otherwise.
fn infer_x_kind(series: &[SeriesSpec], spec: Option<&AxisSpec>) -> AxisKind {
    let first_string = series
        .iter()
        .flat_map(|s| s.x.iter().flatten())
        .find_map(|v| match v {
            Scalar::Str(t) => Some(t.as_str()),
            _ => None,
        });
    let all_bars_without_x = series
        .iter()
        .all(|s| matches!(s.kind, SeriesType::Bar | SeriesType::Box) && s.x.is_none());
    match spec.and_then(|a| a.kind) {
        Some(AxisType::Linear) => AxisKind::Linear,
        Some(AxisType::Log) => AxisKind::Log,
        Some(AxisType::Time) => AxisKind::Time,
        Some(AxisType::Category) => AxisKind::Category(Vec::new()),
        None => match first_string {
            Some(t) if crate::format::date::parse_iso(t).is_some() => AxisKind::Time,
            Some(_) => AxisKind::Category(Vec::new()),
            None if all_bars_without_x => AxisKind::Category(Vec::new()),
            None => AxisKind::Linear,
        },
    }
}
