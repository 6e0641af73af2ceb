//! One series of a cartesian panel: its data read against the panel's axes, and its style.
//!
//! Separate from the panel-level work in `cartesian`: each function here reads one series
//! (a histogram's samples and bins, or the x and y values of a line, scatter, bar or area).

use super::axes::DataAxes;
use super::style::{dash_pattern, line_marker, line_width, marker_size, scatter_marker};
use super::values::{number, Categories};
use super::Validation;
use crate::error::{Error, Result};
use crate::spec::model::{AxisKind, PlotKind};
use crate::spec::{Scalar, SeriesSpec, SeriesType};

impl Validation<'_> {
    /// The histogram series `s` at `sp`: its samples (nulls skipped) and its binning.
    pub(super) fn histogram(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        opacity: Option<f64>,
        axes: &DataAxes,
    ) -> Result<PlotKind> {
        if axes.y_kind == AxisKind::Log {
            return Err(Error::spec(
                format!("{}/y/type", axes.path),
                "histograms need a linear y axis",
            ));
        }
        let edges = self.histogram_edges(sp, s)?;
        if let Some(counts) = &s.counts {
            // Binned elsewhere: the edges and one height per bin, nothing to count.
            let Some(edges) = edges else {
                return Err(Error::spec(
                    format!("{sp}/edges"),
                    "is required with `counts` (one more edge than counts)",
                ));
            };
            super::refuse_given(
                sp,
                &[
                    ("values", s.values.is_some()),
                    ("bins", s.bins.is_some()),
                    ("bin_width", s.bin_width.is_some()),
                ],
                "does not go with `counts`: the data is binned already",
            )?;
            if counts.len() + 1 != edges.len() {
                return Err(Error::spec(
                    format!("{sp}/counts"),
                    format!(
                        "has {} heights for {} edges; give one more edge than counts",
                        counts.len(),
                        edges.len()
                    ),
                ));
            }
            self.add_points(counts.len(), &format!("{sp}/counts"))?;
            if let Some(j) = counts.iter().position(|c| !(c.is_finite() && *c >= 0.0)) {
                return Err(Error::spec(
                    format!("{sp}/counts/{j}"),
                    format!("must be a number of at least 0, found {}", counts[j]),
                ));
            }
            return Ok(PlotKind::Histogram {
                values: Vec::new(),
                bins: None,
                bin_width: None,
                edges: Some(edges),
                counts: Some(counts.clone()),
                opacity: opacity.unwrap_or(1.0),
                stack: s.stack.clone(),
            });
        }
        let values =
            self.histogram_samples(sp, super::marks::flat_values(s.values.as_ref(), sp)?)?;
        if edges.is_some() {
            super::refuse_given(
                sp,
                &[
                    ("bins", s.bins.is_some()),
                    ("bin_width", s.bin_width.is_some()),
                ],
                "give `edges`, `bins` or `bin_width`, only one",
            )?;
        } else {
            self.check_bins(sp, s, &values)?;
        }
        Ok(PlotKind::Histogram {
            values,
            bins: s.bins,
            bin_width: s.bin_width,
            edges,
            counts: None,
            opacity: opacity.unwrap_or(1.0),
            stack: s.stack.clone(),
        })
    }

    /// `edges`: at least two finite numbers, strictly increasing, within the bin limit.
    fn histogram_edges(&self, sp: &str, s: &SeriesSpec) -> Result<Option<Vec<f64>>> {
        let Some(edges) = &s.edges else {
            return Ok(None);
        };
        let path = format!("{sp}/edges");
        if edges.len() < 2 {
            return Err(Error::spec(path, "needs at least two edges (one bin)"));
        }
        if edges.len() - 1 > self.limits.max_bins as usize {
            return Err(Error::limit(
                Some(&path),
                "bins",
                edges.len() - 1,
                self.limits.max_bins,
            ));
        }
        for (j, w) in edges.windows(2).enumerate() {
            if !(w[0].is_finite() && w[1].is_finite() && w[1] > w[0]) {
                return Err(Error::spec(
                    format!("{path}/{}", j + 1),
                    format!("edges must increase, found {} after {}", w[1], w[0]),
                ));
            }
        }
        Ok(Some(edges.clone()))
    }

    /// A histogram's samples: the numbers of `values`, at least one.
    fn histogram_samples(&mut self, sp: &str, values: Option<&[Scalar]>) -> Result<Vec<f64>> {
        let values = values.ok_or_else(|| {
            Error::spec(format!("{sp}/values"), "is required for histogram series")
        })?;
        self.add_points(values.len(), &format!("{sp}/values"))?;
        let mut nums = Vec::with_capacity(values.len());
        for (j, v) in values.iter().enumerate() {
            match v {
                Scalar::Null => {}
                _ => nums.push(number(v, || format!("{sp}/values/{j}"))?),
            }
        }
        if nums.is_empty() {
            return Err(Error::spec(
                format!("{sp}/values"),
                "must hold at least one number",
            ));
        }
        Ok(nums)
    }

    /// `bins` or `bin_width` (not both), within the bin limit.
    fn check_bins(&self, sp: &str, s: &SeriesSpec, samples: &[f64]) -> Result<()> {
        if let Some(b) = s.bins {
            if b == 0 {
                return Err(Error::spec(format!("{sp}/bins"), "must be at least 1"));
            }
            if b > self.limits.max_bins {
                return Err(Error::limit(
                    Some(&format!("{sp}/bins")),
                    "bins",
                    b,
                    self.limits.max_bins,
                ));
            }
            if s.bin_width.is_some() {
                return Err(Error::spec(
                    format!("{sp}/bin_width"),
                    "give either `bins` or `bin_width`, not both",
                ));
            }
        }
        match s.bin_width {
            Some(w) => self.check_bin_width(sp, w, samples),
            None => Ok(()),
        }
    }

    /// A positive bin width that cuts the samples' range into no more bins than the limit.
    fn check_bin_width(&self, sp: &str, w: f64, samples: &[f64]) -> Result<()> {
        if !(w.is_finite() && w > 0.0) {
            return Err(Error::spec(
                format!("{sp}/bin_width"),
                format!("must be a positive number, found {w}"),
            ));
        }
        let (lo, hi) = samples
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let n = ((hi - lo) / w).ceil();
        if n > self.limits.max_bins as f64 {
            return Err(Error::limit(
                Some(&format!("{sp}/bin_width")),
                "bins implied by bin_width",
                n,
                self.limits.max_bins,
            ));
        }
        Ok(())
    }

    /// The line, scatter, bar or area series `s` at `sp`.
    pub(super) fn xy_plot(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        opacity: Option<f64>,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<PlotKind> {
        let (xs, ys) = self.xy_values(sp, s, axes, categories)?;
        // An area may have no line along its top (matplotlib's `fill_between`, Vega-Lite's
        // areas): width 0.
        let width = match (s.kind, s.width) {
            (SeriesType::Area, Some(0.0)) => 0.0,
            _ => line_width(s.width, sp)?,
        };
        let size = marker_size(s.size, sp)?;
        Ok(match s.kind {
            SeriesType::Line => PlotKind::Line {
                xs,
                ys,
                width,
                dash: dash_pattern(s.dash.as_ref(), &format!("{sp}/dash"))?,
                marker: line_marker(s.marker, size),
                horizontal: axes.horizontal,
            },
            SeriesType::Scatter => PlotKind::Scatter {
                xs,
                ys,
                marker: scatter_marker(s.marker, size, sp)?,
                opacity: opacity.unwrap_or(1.0),
                horizontal: axes.horizontal,
            },
            SeriesType::Bar => {
                PlotKind::Bar {
                    base: self.bar_base(sp, s, ys.len(), axes)?,
                    overlay: match (s.overlay, &s.stack) {
                        (Some(true), Some(_)) => return Err(Error::spec(
                            format!("{sp}/overlay"),
                            "overlaid bars are not stacked: give `overlay` or `stack`, not both",
                        )),
                        (o, _) => o.unwrap_or(false),
                    },
                    xs,
                    ys,
                    stack: s.stack.clone(),
                    horizontal: axes.horizontal,
                    opacity: opacity.unwrap_or(1.0),
                }
            }
            SeriesType::Area => PlotKind::Area {
                xs,
                ys,
                stack: s.stack.clone(),
                opacity: opacity.unwrap_or(0.35),
                width,
            },
            _ => unreachable!("pie, heatmap and histogram are handled above"),
        })
    }

    /// A bar series' `base`: a start per bar (`null`: zero), as many as `y`; not with `stack`,
    /// whose bars start on the one below.
    fn bar_base(
        &self,
        sp: &str,
        s: &SeriesSpec,
        n: usize,
        axes: &DataAxes,
    ) -> Result<Option<Vec<f64>>> {
        let Some(base) = &s.base else {
            return Ok(None);
        };
        if s.stack.is_some() {
            return Err(Error::spec(
                format!("{sp}/base"),
                "a bar with a base is not stacked: give `base` or `stack`, not both",
            ));
        }
        super::marks::same_length(sp, "base", base.len(), n, "y")?;
        let log = matches!(axes.value_kind(s.axis), AxisKind::Log);
        let mut starts = super::marks::numbers(sp, "base", base, true, log)?;
        for v in &mut starts {
            if v.is_nan() {
                *v = 0.0;
            }
        }
        Ok(Some(starts))
    }

    /// The x positions and y values of series `s`: y is required, x as long as y if given.
    fn xy_values(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<(Vec<f64>, Vec<f64>)> {
        let y = s.y.as_deref().ok_or_else(|| {
            Error::spec(
                format!("{sp}/y"),
                format!("is required for {} series", s.kind.as_str()),
            )
        })?;
        self.add_points(y.len(), &format!("{sp}/y"))?;
        if y.is_empty() {
            return Err(Error::spec(
                format!("{sp}/y"),
                "must hold at least one value",
            ));
        }
        let xs = match &s.x {
            Some(x) if x.len() != y.len() => {
                return Err(Error::spec(
                    format!("{sp}/y"),
                    format!(
                        "has {} values but x has {}; they must have the same length",
                        y.len(),
                        x.len()
                    ),
                ))
            }
            Some(x) => self.x_values(sp, x, &axes.x_kind, categories)?,
            None => self.default_x(sp, y.len(), &axes.x_kind, categories)?,
        };
        let y_kind = match &axes.y2 {
            Some(y2) if super::y2::on_y2(s.axis) => &y2.kind,
            _ => &axes.y_kind,
        };
        let ys = match y_kind {
            AxisKind::Category(_) => self.category_positions(sp, "y", y, &mut categories.y)?,
            _ => y_values(sp, s.kind, y, y_kind)?,
        };
        Ok((xs, ys))
    }

    /// The x positions of a series without x values: its `n` points numbered from 0, or
    /// categories named 1, 2, 3… on a category axis.
    pub(super) fn default_x(
        &self,
        sp: &str,
        n: usize,
        kind: &AxisKind,
        categories: &mut Categories,
    ) -> Result<Vec<f64>> {
        match kind {
            AxisKind::Category(_) => {
                // Unlabelled bars on a category axis: number them 1, 2, 3…
                let labels: Vec<Scalar> = (1..=n).map(|k| Scalar::Str(k.to_string())).collect();
                self.x_values(sp, &labels, kind, categories)
            }
            _ => Ok((0..n).map(|k| k as f64).collect()),
        }
    }
}

/// The y values of a series of `kind` at `sp` on a value axis of `y_kind`: null is a gap where
/// the series type can show one; positive on a log axis.
fn y_values(sp: &str, kind: SeriesType, y: &[Scalar], y_kind: &AxisKind) -> Result<Vec<f64>> {
    let allow_null = matches!(
        kind,
        SeriesType::Line | SeriesType::Scatter | SeriesType::Area
    );
    let log = *y_kind == AxisKind::Log;
    let mut ys = Vec::with_capacity(y.len());
    for (j, v) in y.iter().enumerate() {
        let p = || format!("{sp}/y/{j}");
        let n = match v {
            Scalar::Null if allow_null => f64::NAN,
            Scalar::Null => {
                return Err(Error::spec(
                    p(),
                    format!(
                        "expected a number, found null ({} series have no gaps)",
                        kind.as_str()
                    ),
                ))
            }
            _ => number(v, p)?,
        };
        super::values::positive_on_log(n, log, &p)?;
        ys.push(n);
    }
    Ok(ys)
}
