//! A cartesian panel's axes: their kinds (declared, or inferred from the x values) and bounds.
//!
//! Separate from the series because the axis kinds are decided for the whole panel before any
//! series is read (each series' values are read as the kind requires), and the axes are
//! finished after all are read (the category axis then knows its categories).

use super::axis_fields::{axis, value_axis_kind};
use super::axis_options;
use super::panel::PanelParts;
use super::values::{Categories, CategoryNames};
use crate::error::{Error, Result};
use crate::spec::limits::Limits;
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
    /// The value axis's `"stack": "normalize"`, as its options read it.
    pub y_normalized: bool,
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
        let y_kind = if !horizontal && y_spec.and_then(|a| a.kind) == Some(AxisType::Category) {
            category_y(panel)?
        } else {
            value_axis_kind(y_spec, &format!("{}/{y_field}/type", panel.path))?
        };
        let y_opts = axis_options::options(panel.path, y_field, y_spec, &y_kind, true)?;
        let y_normalized = y_opts.normalize;
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
            y_normalized,
            y2,
        })
    }

    /// Whether the value axis a series written with `axis` is drawn against is normalized
    /// (`"stack": "normalize"`).
    pub fn normalized(&self, axis: Option<AxisRef>) -> bool {
        match &self.y2 {
            Some(y2) if axis == Some(AxisRef::Y2) => y2.opts.normalize,
            _ => self.y_normalized,
        }
    }

    // v2: y2
    /// The kind of the value axis a series written with `axis` is drawn against.
    pub fn value_kind(&self, axis: Option<AxisRef>) -> &AxisKind {
        match &self.y2 {
            Some(y2) if axis == Some(AxisRef::Y2) => &y2.kind,
            _ => &self.y_kind,
        }
    }

    /// The categories the panel's category axes list, in order (`categories`); else none yet,
    /// to be numbered as the series name them. A list on any other axis is an error.
    pub fn categories(&self, limits: &Limits) -> Result<Categories> {
        let mut out = Categories::default();
        for (spec, field, kind, names) in [
            (self.x_spec, self.x_field, &self.x_kind, &mut out.x),
            (self.y_spec, self.y_field, &self.y_kind, &mut out.y),
        ] {
            let Some(list) = spec.and_then(|a| a.categories.as_ref()) else {
                continue;
            };
            let path = format!("{}/{field}/categories", self.path);
            if !matches!(kind, AxisKind::Category(_)) {
                return Err(Error::spec(
                    path,
                    "only a category axis lists its categories",
                ));
            }
            *names = CategoryNames::listed(list, &path, limits)?;
        }
        Ok(out)
    }

    /// The panel's screen axes (x, y), bounds checked, the category axes given `categories`,
    /// labels following the chart's `conventions`.
    pub fn finish(self, categories: Categories, conventions: &TickLabels) -> Result<(Axis, Axis)> {
        let x_kind = match self.x_kind {
            AxisKind::Category(_) => AxisKind::Category(categories.x.into_names()),
            k => k,
        };
        let y_kind = match self.y_kind {
            AxisKind::Category(_) => AxisKind::Category(categories.y.into_names()),
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
            y_kind,
            true,
            conventions,
        )?;
        // Grid lines along a category axis only clutter the chart.
        for (axis, spec) in [(&mut data_x, self.x_spec), (&mut data_y, self.y_spec)] {
            if matches!(axis.kind, AxisKind::Category(_)) && spec.and_then(|a| a.grid).is_none() {
                axis.grid = false;
            }
        }
        // Categories down the screen run from the top, as a table's rows and Vega-Lite's do.
        data_x.reversed = self.horizontal;
        data_y.reversed = matches!(data_y.kind, AxisKind::Category(_));
        axis_options::apply(&mut data_x, self.x_spec);
        axis_options::apply(&mut data_y, self.y_spec);
        Ok(if self.horizontal {
            (data_y, data_x)
        } else {
            (data_x, data_y)
        })
    }
}

/// A category y axis (points, lines and text at categories on both axes, or over numbers or
/// dates): only for those series, none of them on y2. Its categories are collected later.
fn category_y(panel: &PanelParts) -> Result<AxisKind> {
    for (i, s) in panel.series.iter().enumerate() {
        let sp = format!("{}/series/{i}", panel.path);
        if !matches!(
            s.kind,
            SeriesType::Line | SeriesType::Scatter | SeriesType::Text
        ) {
            return Err(Error::spec(
                format!("{sp}/type"),
                "a category y axis holds lines, points and text (bars along categories are \
                 horizontal bars: `horizontal: true`)",
            ));
        }
        if s.axis == Some(AxisRef::Y2) {
            return Err(Error::spec(
                format!("{sp}/axis"),
                "a series on a category y axis cannot be drawn against y2",
            ));
        }
    }
    Ok(AxisKind::Category(Vec::new()))
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
