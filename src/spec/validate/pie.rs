//! A pie (or donut) series: slice values, their labels and the hole.
//!
//! Separate because a pie has no axes: its values are shares of a whole (none negative, not all
//! zero), each slice takes a colour from the theme, and there are as many labels as slices.

use super::values::number;
use super::Validation;
use crate::error::{Error, Result};
use crate::spec::model::Pie;
use crate::spec::{Scalar, SeriesSpec};

impl Validation<'_> {
    /// The pie series `s`, at `sp`.
    pub(super) fn pie(&mut self, sp: &str, s: &SeriesSpec) -> Result<Pie> {
        let values = self.pie_values(sp, super::marks::flat_values(s.values.as_ref(), sp)?)?;
        let labels = self.pie_labels(sp, s.labels.as_ref(), values.len())?;
        let donut = match s.donut {
            Some(d) if !(d.is_finite() && (0.0..=0.95).contains(&d)) => {
                return Err(Error::spec(
                    format!("{sp}/donut"),
                    format!("must be between 0 and 0.95, found {d}"),
                ))
            }
            Some(d) => d,
            None => 0.0,
        };
        let colors = match self.slice_colors(sp, s, values.len())? {
            Some(c) => c,
            None => (0..values.len())
                .map(|i| self.theme.series_color(i))
                .collect(),
        };
        Ok(Pie {
            labels,
            values,
            colors,
            donut,
            data_labels: super::options::data_labels(
                sp,
                s.data_labels.as_ref(),
                s.kind,
                self.conventions.locale,
            )?,
            percentages: s.data_labels != Some(crate::spec::DataLabelsSpec::On(false)),
        })
    }

    /// The slice values: at least one, within the slice limit, none negative, not all zero.
    fn pie_values(&mut self, sp: &str, values: Option<&[Scalar]>) -> Result<Vec<f64>> {
        let values = values
            .ok_or_else(|| Error::spec(format!("{sp}/values"), "is required for pie series"))?;
        if values.is_empty() {
            return Err(Error::spec(
                format!("{sp}/values"),
                "must hold at least one value",
            ));
        }
        self.add_points(values.len(), &format!("{sp}/values"))?;
        if values.len() > self.limits.max_categories {
            return Err(Error::limit(
                Some(&format!("{sp}/values")),
                "pie slices",
                values.len(),
                self.limits.max_categories,
            ));
        }
        let mut nums = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let p = || format!("{sp}/values/{i}");
            let n = number(v, p)?;
            if n < 0.0 {
                return Err(Error::spec(
                    p(),
                    format!("pie values cannot be negative, found {n}"),
                ));
            }
            nums.push(n);
        }
        if nums.iter().sum::<f64>() <= 0.0 {
            return Err(Error::spec(
                format!("{sp}/values"),
                "pie values must not all be zero",
            ));
        }
        Ok(nums)
    }

    /// The slice labels as given (one per slice), or the slices numbered from 1.
    fn pie_labels(&self, sp: &str, labels: Option<&Vec<String>>, n: usize) -> Result<Vec<String>> {
        match labels {
            Some(l) if l.len() != n => Err(Error::spec(
                format!("{sp}/labels"),
                format!("has {} labels but values has {n}", l.len()),
            )),
            Some(l) => {
                for (i, t) in l.iter().enumerate() {
                    self.check_text(Some(t), &format!("{sp}/labels/{i}"))?;
                }
                Ok(l.clone())
            }
            None => Ok((1..=n).map(|i| i.to_string()).collect()),
        }
    }
}
