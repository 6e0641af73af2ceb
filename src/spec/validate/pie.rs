//! A pie (or donut) series: slice values, their labels and the hole; with `radii`, a polar area
//! chart whose slices also differ in length.
//!
//! Separate because a pie has no axes: its values are shares of a whole (none negative, not all
//! zero), each slice takes a colour from the theme, and there are as many labels as slices.

use super::values::number;
use super::Validation;
use crate::error::{Error, Result};
use crate::spec::model::{Pie, Radial};
use crate::spec::{DataLabelsSpec, PieLabelContent, RadialScale, Scalar, SeriesSpec};

impl Validation<'_> {
    /// The pie series `s`, at `sp`.
    pub(super) fn pie(&mut self, sp: &str, s: &SeriesSpec) -> Result<Pie> {
        let radii = self.radii(sp, s)?;
        let values = match (s.values.as_ref(), &radii) {
            // A polar area chart without angles: equal slices.
            (None, Some(r)) => vec![1.0; r.len()],
            (given, _) => self.pie_values(sp, super::marks::flat_values(given, sp)?)?,
        };
        if let Some(r) = radii.as_ref().filter(|r| r.len() != values.len()) {
            return Err(Error::spec(
                format!("{sp}/radii"),
                format!("has {} values but values has {}", r.len(), values.len()),
            ));
        }
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
        let mut data_labels = super::options::data_labels(
            sp,
            s.data_labels.as_ref(),
            s.kind,
            self.conventions.locale,
        )?;
        let radial = radii.map(|radii| Radial {
            radii,
            sqrt: s.radial_scale == Some(RadialScale::Sqrt),
            min: None,
            max: None,
            tick_labels: self.conventions.clone(),
        });
        if radial.is_some() {
            // A polar area chart's labels say how far each slice reaches, unless told otherwise.
            let content_given =
                matches!(&s.data_labels, Some(DataLabelsSpec::Options(o)) if o.content.is_some());
            if let Some(d) = data_labels.as_mut().filter(|_| !content_given) {
                d.content = PieLabelContent::Value;
            }
        } else if s.radial_scale.is_some() {
            return Err(Error::spec(
                format!("{sp}/radial_scale"),
                "applies to a pie with `radii` (a polar area chart)",
            ));
        }
        Ok(Pie {
            labels,
            values,
            colors,
            donut,
            data_labels,
            // Equal slices have no share worth writing: a polar area chart writes none unasked.
            percentages: radial.is_none() && s.data_labels != Some(DataLabelsSpec::On(false)),
            radial,
        })
    }

    /// A polar area chart's `radii`: one number per slice, none negative.
    fn radii(&mut self, sp: &str, s: &SeriesSpec) -> Result<Option<Vec<f64>>> {
        let Some(given) = s.radii.as_ref() else {
            return Ok(None);
        };
        let radii = given.flat().ok_or_else(|| {
            Error::spec(format!("{sp}/radii/0"), "must be a number, not an array")
        })?;
        self.slice_numbers(sp, "radii", "radii", radii).map(Some)
    }

    /// The slice values: at least one, within the slice limit, none negative, not all zero.
    fn pie_values(&mut self, sp: &str, values: Option<&[Scalar]>) -> Result<Vec<f64>> {
        let values = values
            .ok_or_else(|| Error::spec(format!("{sp}/values"), "is required for pie series"))?;
        let nums = self.slice_numbers(sp, "values", "pie values", values)?;
        if nums.iter().sum::<f64>() <= 0.0 {
            return Err(Error::spec(
                format!("{sp}/values"),
                "pie values must not all be zero",
            ));
        }
        Ok(nums)
    }

    /// One number per slice in `field` (values or radii, called `what` in errors): at least
    /// one, within the slice limit, counted as data points, none negative.
    fn slice_numbers(
        &mut self,
        sp: &str,
        field: &str,
        what: &str,
        given: &[Scalar],
    ) -> Result<Vec<f64>> {
        let path = format!("{sp}/{field}");
        if given.is_empty() {
            return Err(Error::spec(path, "must hold at least one value"));
        }
        self.add_points(given.len(), &path)?;
        if given.len() > self.limits.max_categories {
            return Err(Error::limit(
                Some(&path),
                "pie slices",
                given.len(),
                self.limits.max_categories,
            ));
        }
        let mut nums = Vec::with_capacity(given.len());
        for (i, v) in given.iter().enumerate() {
            let p = || format!("{path}/{i}");
            let n = number(v, p)?;
            if n < 0.0 {
                return Err(Error::spec(
                    p(),
                    format!("{what} cannot be negative, found {n}"),
                ));
            }
            nums.push(n);
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
