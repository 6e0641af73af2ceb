//! One axis from its spec fields: the kind of a value axis, the bounds checked against the
//! kind, the options and the tick labels. Shared by the panel's axes and y2.

use super::axis_options;
use super::labels::axis_labels;
use super::truncate;
use super::values::number;
use crate::error::{Error, Result};
use crate::spec::model::{Axis, AxisKind, TickLabels};
use crate::spec::{AxisSpec, AxisType, Scalar};

/// The value axis kind: linear (the default) or log; an error at `path` otherwise.
pub(super) fn value_axis_kind(spec: Option<&AxisSpec>, path: &str) -> Result<AxisKind> {
    match spec.and_then(|a| a.kind) {
        None | Some(AxisType::Linear) => Ok(AxisKind::Linear),
        Some(AxisType::Log) => Ok(AxisKind::Log),
        Some(other) => Err(Error::spec(
            path,
            format!("the value axis cannot be {:?}; use linear or log", other).to_lowercase(),
        )),
    }
}

/// The axis written in field `name` of the panel at `base`, of `kind`, with its bounds checked.
pub(super) fn axis(
    base: &str,
    name: &str,
    spec: Option<&AxisSpec>,
    kind: AxisKind,
    value_axis: bool,
    conventions: &TickLabels,
) -> Result<Axis> {
    let path = |which: &str| format!("{base}/{name}/{which}");
    let min = bound(spec.and_then(|a| a.min.as_ref()), &kind, || path("min"))?;
    let max = bound(spec.and_then(|a| a.max.as_ref()), &kind, || path("max"))?;
    if let (Some(a), Some(b)) = (min, max) {
        if a >= b {
            return Err(Error::spec(
                path("max"),
                format!("must be greater than min ({b} ≤ {a})"),
            ));
        }
    }
    if matches!(kind, AxisKind::Category(_)) && (min.is_some() || max.is_some()) {
        return Err(Error::spec(
            path("min"),
            "a category axis has no min or max",
        ));
    }
    let opts = axis_options::options(base, name, spec, &kind, value_axis)?;
    let (labels, ticks) = axis_labels(spec, &kind, &format!("{base}/{name}"), conventions)?;
    Ok(Axis {
        label: spec.and_then(|a| a.label.clone()),
        kind,
        min,
        max,
        grid: spec.and_then(|a| a.grid).unwrap_or(true),
        reversed: false,
        opts,
        labels,
        ticks,
    })
}

/// An axis bound, if given: a date on a time axis, else a number (positive on a log axis).
fn bound(v: Option<&Scalar>, kind: &AxisKind, p: impl Fn() -> String) -> Result<Option<f64>> {
    match v {
        None | Some(Scalar::Null) => Ok(None),
        Some(Scalar::Str(s)) if *kind == AxisKind::Time => {
            crate::format::date::parse_iso(s).map(Some).ok_or_else(|| {
                Error::spec(
                    p(),
                    format!("expected an ISO-8601 date, found {:?}", truncate(s)),
                )
            })
        }
        Some(v) => {
            let n = number(v, &p)?;
            if *kind == AxisKind::Log && n <= 0.0 {
                return Err(Error::spec(
                    p(),
                    format!("a log axis needs a positive bound, found {n}"),
                ));
            }
            Ok(Some(n))
        }
    }
}
