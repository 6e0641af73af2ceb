//! Single values: numbers, and x values read as numbers, dates or categories.
//!
//! Separate because these run once per data point (specs carry millions): they build an error's
//! path only when there is an error, and number categories in order of first appearance.

use super::{truncate, Validation};
use crate::error::{Error, Result};
use crate::spec::model::AxisKind;
use crate::spec::Scalar;
use std::collections::HashMap;

/// Values beyond this magnitude make axis arithmetic overflow; no real chart needs them.
const MAX_MAGNITUDE: f64 = 1e300;

/// A finite number, or an error at the path `path()` builds (built only on failure: specs
/// carry millions of values).
pub(super) fn number(v: &Scalar, path: impl FnOnce() -> String) -> Result<f64> {
    match v {
        Scalar::Num(n) if n.is_finite() && n.abs() <= MAX_MAGNITUDE => Ok(*n),
        Scalar::Num(n) => Err(Error::spec(
            path(),
            format!("{n:e} is too large in magnitude (limit 1e300)"),
        )),
        other => Err(Error::spec(
            path(),
            format!("expected a number, found {}", other.describe()),
        )),
    }
}

/// The categories of a cartesian panel's category axes: x's, and y's when points, lines and
/// text stand on two category axes.
#[derive(Default)]
pub(super) struct Categories {
    pub x: CategoryNames,
    pub y: CategoryNames,
}

impl Categories {
    /// The most categories on one axis (for the limit).
    pub fn most(&self) -> usize {
        self.x.names.len().max(self.y.names.len())
    }
}

/// One axis' categories: as its spec lists them (`categories`), or numbered in order of first
/// appearance.
#[derive(Default)]
pub(super) struct CategoryNames {
    names: Vec<String>,
    index: HashMap<String, usize>,
    /// Listed in the spec: a value outside the list is an error, not a new category.
    listed: bool,
}

impl CategoryNames {
    /// The categories an axis lists, in order; unique, each within the text limit.
    pub fn listed(
        list: &[String],
        path: &str,
        limits: &crate::spec::limits::Limits,
    ) -> Result<Self> {
        if list.is_empty() {
            return Err(Error::spec(path, "must list at least one category"));
        }
        if list.len() > limits.max_categories {
            return Err(Error::limit(
                Some(path),
                "categories",
                list.len(),
                limits.max_categories,
            ));
        }
        let mut names = CategoryNames::default();
        for (j, name) in list.iter().enumerate() {
            if name.chars().count() > limits.max_text_chars {
                return Err(Error::limit(
                    Some(&format!("{path}/{j}")),
                    "text length in characters",
                    name.chars().count(),
                    limits.max_text_chars,
                ));
            }
            if names.index.contains_key(name) {
                return Err(Error::spec(
                    format!("{path}/{j}"),
                    format!("{:?} is listed twice", truncate(name)),
                ));
            }
            names.number(name.clone());
        }
        names.listed = true;
        Ok(names)
    }

    /// The number of `label`, given the next free one if it is new.
    fn number(&mut self, label: String) -> usize {
        let next = self.names.len();
        *self.index.entry(label.clone()).or_insert_with(|| {
            self.names.push(label);
            next
        })
    }

    /// The number of `label` at `p()`: on a listed axis, one of the listed categories.
    fn position(&mut self, label: String, p: impl Fn() -> String) -> Result<usize> {
        if self.listed && !self.index.contains_key(&label) {
            return Err(Error::spec(
                p(),
                format!(
                    "{:?} is not one of the axis' categories ({})",
                    truncate(&label),
                    truncate(&self.names.join(", "))
                ),
            ));
        }
        Ok(self.number(label))
    }

    pub fn into_names(self) -> Vec<String> {
        self.names
    }
}

impl Validation<'_> {
    /// The x values of the series at `sp` as positions on an axis of `kind`: numbers, dates as
    /// epoch milliseconds, or category numbers (new categories added to `categories`).
    pub(super) fn x_values(
        &self,
        sp: &str,
        x: &[Scalar],
        kind: &AxisKind,
        categories: &mut Categories,
    ) -> Result<Vec<f64>> {
        if let AxisKind::Category(_) = kind {
            return self.category_positions(sp, "x", x, &mut categories.x);
        }
        let mut out = Vec::with_capacity(x.len());
        for (j, v) in x.iter().enumerate() {
            let p = || format!("{sp}/x/{j}");
            out.push(match kind {
                AxisKind::Log => numeric_x(v, true, p)?,
                AxisKind::Time => date_x(v, p)?,
                _ => numeric_x(v, false, p)?,
            });
        }
        Ok(out)
    }

    /// The values of `field` of the series at `sp` as category numbers on an axis of `names`.
    pub(super) fn category_positions(
        &self,
        sp: &str,
        field: &str,
        values: &[Scalar],
        names: &mut CategoryNames,
    ) -> Result<Vec<f64>> {
        let mut out = Vec::with_capacity(values.len());
        for (j, v) in values.iter().enumerate() {
            let p = || format!("{sp}/{field}/{j}");
            out.push(names.position(self.category_label(v, p)?, p)? as f64);
        }
        Ok(out)
    }

    /// The name of a category: a text, or a number written as text; within the text limit.
    fn category_label(&self, v: &Scalar, p: impl Fn() -> String) -> Result<String> {
        let label = match v {
            Scalar::Str(s) => s.clone(),
            Scalar::Num(n) => crate::format::number::format_number(*n),
            Scalar::Null => {
                return Err(Error::spec(p(), "expected a category name, found null"));
            }
        };
        if label.chars().count() > self.limits.max_text_chars {
            return Err(Error::limit(
                Some(&p()),
                "text length in characters",
                label.chars().count(),
                self.limits.max_text_chars,
            ));
        }
        Ok(label)
    }
}

/// An x value on a linear (or, with `log`, logarithmic) axis.
fn numeric_x(v: &Scalar, log: bool, p: impl Fn() -> String) -> Result<f64> {
    let n = match v {
        Scalar::Str(s) => {
            return Err(Error::spec(
                p(),
                format!(
                    "expected a number like the other x values, found {:?}",
                    truncate(s)
                ),
            ))
        }
        _ => number(v, &p)?,
    };
    positive_on_log(n, log, &p)?;
    Ok(n)
}

/// Refuses a value a log axis cannot show, at `p()`.
pub(super) fn positive_on_log(n: f64, log: bool, p: &dyn Fn() -> String) -> Result<()> {
    if log && n <= 0.0 {
        return Err(Error::spec(
            p(),
            format!("a log axis needs positive values, found {n}"),
        ));
    }
    Ok(())
}

/// An x value on a time axis: epoch milliseconds, or an ISO-8601 date or date-time.
pub(super) fn date_x(v: &Scalar, p: impl Fn() -> String) -> Result<f64> {
    match v {
        Scalar::Num(n) if n.abs() <= crate::format::date::MAX_EPOCH_MS => Ok(*n),
        Scalar::Num(n) => Err(Error::spec(
            p(),
            format!("{n} is out of range for epoch milliseconds"),
        )),
        Scalar::Str(s) => crate::format::date::parse_iso(s).ok_or_else(|| {
            Error::spec(
                p(),
                format!(
                    "expected an ISO-8601 date or date-time (e.g. 2025-01-31 or \
                     2025-01-31T12:00:00Z), found {:?}",
                    truncate(s)
                ),
            )
        }),
        Scalar::Null => Err(Error::spec(p(), "expected a date, found null")),
    }
}
