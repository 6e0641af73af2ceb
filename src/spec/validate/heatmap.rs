//! A heatmap panel: a grid of values (`z`), with optional row and column labels.
//!
//! Separate from the cartesian panels because its axes are not data axes: they are the rows and
//! columns of `z`, so only their `label` and `grid` may be given.

use super::panel::{hidden_axis, PanelParts};
use super::values::number;
use super::Validation;
use crate::error::{Error, Result};
use crate::spec::model::{Axis, Heatmap};
use crate::spec::{AxisSpec, AxisType, Scalar};

impl Validation<'_> {
    /// The heatmap of a panel whose only series is one, with its x and y axes.
    pub(super) fn heatmap(&mut self, panel: &PanelParts) -> Result<(Heatmap, Axis, Axis)> {
        let s = &panel.series[0];
        let sp = format!("{}/series/0", panel.path);
        let z = self.heatmap_cells(&sp, s.z.as_deref())?;
        let cols = z[0].len();
        let x_labels = self.heatmap_labels(&sp, "x", s.x.as_deref(), cols, "columns")?;
        let y_labels = self.heatmap_labels(&sp, "y", s.y.as_deref(), z.len(), "rows")?;
        for (name, a) in [("x", panel.x), ("y", panel.y)] {
            check_heatmap_axis(panel.path, name, a)?;
        }
        let heat = Heatmap {
            z,
            cols,
            x_labels,
            y_labels,
            colormap: s.colormap.unwrap_or_default(),
            data_labels: super::options::data_labels(
                &sp,
                s.data_labels.as_ref(),
                crate::spec::SeriesType::Heatmap,
                self.conventions.locale,
            )?,
        };
        let label = |a: Option<&AxisSpec>| a.and_then(|a| a.label.clone());
        Ok((
            heat,
            hidden_axis(label(panel.x), self.conventions),
            hidden_axis(label(panel.y), self.conventions),
        ))
    }

    /// `z` as rows of numbers, all as long as the first (null is a missing cell, NaN).
    fn heatmap_cells(&mut self, sp: &str, z: Option<&[Vec<Scalar>]>) -> Result<Vec<Vec<f64>>> {
        let z =
            z.ok_or_else(|| Error::spec(format!("{sp}/z"), "is required for heatmap series"))?;
        if z.is_empty() || z[0].is_empty() {
            return Err(Error::spec(
                format!("{sp}/z"),
                "must hold at least one row with at least one value",
            ));
        }
        let cols = z[0].len();
        let mut rows = Vec::with_capacity(z.len());
        for (r, row) in z.iter().enumerate() {
            if row.len() != cols {
                return Err(Error::spec(
                    format!("{sp}/z/{r}"),
                    format!(
                        "has {} values but row 0 has {cols}; rows must have the same length",
                        row.len()
                    ),
                ));
            }
            self.add_points(row.len(), &format!("{sp}/z/{r}"))?;
            let mut out = Vec::with_capacity(cols);
            for (c, v) in row.iter().enumerate() {
                out.push(match v {
                    Scalar::Null => f64::NAN,
                    v => number(v, || format!("{sp}/z/{r}/{c}"))?,
                });
            }
            rows.push(out);
        }
        Ok(rows)
    }

    /// The labels of the columns (`field` "x") or rows ("y"): one per column or row (`want`),
    /// numbers written as text.
    fn heatmap_labels(
        &self,
        sp: &str,
        field: &str,
        vals: Option<&[Scalar]>,
        want: usize,
        what: &str,
    ) -> Result<Option<Vec<String>>> {
        let Some(vals) = vals else { return Ok(None) };
        if vals.len() != want {
            return Err(Error::spec(
                format!("{sp}/{field}"),
                format!("has {} labels but z has {want} {what}", vals.len()),
            ));
        }
        let max = self.limits.max_text_chars;
        let label = |i: usize, v: &Scalar| match v {
            Scalar::Str(s) if s.chars().count() > max => Err(Error::limit(
                Some(&format!("{sp}/{field}/{i}")),
                "text length in characters",
                s.chars().count(),
                max,
            )),
            Scalar::Str(s) => Ok(s.clone()),
            Scalar::Num(n) => Ok(crate::format::number::format_number(*n)),
            Scalar::Null => Err(Error::spec(
                format!("{sp}/{field}/{i}"),
                "expected a label, found null",
            )),
        };
        vals.iter()
            .enumerate()
            .map(|(i, v)| label(i, v))
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }
}

/// A heatmap's axis (`name` in the panel at `base`) takes no type other than category, and no
/// bounds.
fn check_heatmap_axis(base: &str, name: &str, a: Option<&AxisSpec>) -> Result<()> {
    if let Some(a) = a {
        let numeric = a.min.is_some() || a.max.is_some() || a.format.is_some();
        if a.kind.is_some_and(|k| k != AxisType::Category)
            || numeric
            || a.ticks.is_some()
            || super::axis_options::any_set(a)
        {
            return Err(Error::spec(
                format!("{base}/{name}"),
                "a heatmap's axes are its rows and columns: only `label` and `grid` apply",
            ));
        }
    }
    Ok(())
}
