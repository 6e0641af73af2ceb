//! v2: new series types — a box series: one array of samples per category, summarized into
//! quartiles when drawn. Here the samples are read: numbers (`null` skipped), at least one per
//! box, positive on a log value axis.

use super::axes::DataAxes;
use super::marks::{numbers, required};
use super::values::Categories;
use super::Validation;
use crate::error::{Error, Result};
use crate::spec::model::{AxisKind, Mark};
use crate::spec::{Scalar, SeriesSpec, Values};

impl Validation<'_> {
    pub(super) fn box_series(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<Mark> {
        let values = required(s.values.as_ref(), sp, "values", s.kind)?;
        let groups: &[Vec<Scalar>] = match values {
            Values::Nested(g) => g,
            Values::Flat(f) if f.is_empty() => &[],
            Values::Flat(_) => {
                return Err(Error::spec(
                    format!("{sp}/values/0"),
                    "expected an array of numbers (a box series takes one array per category)",
                ))
            }
        };
        if groups.is_empty() {
            return Err(Error::spec(
                format!("{sp}/values"),
                "must hold at least one array of numbers",
            ));
        }
        let total = groups.iter().map(Vec::len).sum();
        self.add_points(total, &format!("{sp}/values"))?;
        let xs = self.mark_x(sp, s.x.as_ref(), groups.len(), "values", axes, categories)?;
        let log = axes.y_kind == AxisKind::Log;
        let mut samples = Vec::with_capacity(groups.len());
        for (i, g) in groups.iter().enumerate() {
            let field = format!("values/{i}");
            let nums: Vec<f64> = numbers(sp, &field, g, true, log)?
                .into_iter()
                .filter(|v| !v.is_nan())
                .collect();
            if nums.is_empty() {
                return Err(Error::spec(
                    format!("{sp}/{field}"),
                    "must hold at least one number",
                ));
            }
            samples.push(nums);
        }
        let whisker_iqr = match &s.whiskers {
            None => 1.5,
            Some(crate::spec::WhiskersSpec::Iqr(k)) if k.is_finite() && *k >= 0.0 && *k <= 100.0 => *k,
            Some(crate::spec::WhiskersSpec::Named(n)) if n == "range" => f64::INFINITY,
            Some(other) => {
                return Err(Error::spec(
                    format!("{sp}/whiskers"),
                    format!("must be a multiple of the interquartile range (0 to 100) or \"range\", found {}", match other {
                        crate::spec::WhiskersSpec::Iqr(k) => k.to_string(),
                        crate::spec::WhiskersSpec::Named(n) => format!("{n:?}"),
                    }),
                ))
            }
        };
        Ok(Mark::Box {
            xs,
            samples,
            horizontal: axes.horizontal,
            whisker_iqr,
        })
    }
}
