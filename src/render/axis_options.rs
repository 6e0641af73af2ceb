//! The v2 axis options on the render side: what `zero` does to an axis range, and the percent
//! ticks of a normalized stack. (Sides, reversal and hiding are applied in `axes` layout.)

use super::geom::Extent;
use super::ticks::{self, Ticks};
use crate::spec::model::{Axis, TickLabels};

/// The extent the range is made from: with `zero: false` the data's own extent (bars and areas
/// no longer pull the axis down to their baseline), with `zero: true` the extent widened to 0.
pub fn zero_extent(axis: &Axis, ext: Extent) -> Extent {
    match axis.opts.zero {
        Some(false) if ext.zero_baseline && ext.fit.0 <= ext.fit.1 => Extent {
            min: ext.fit.0,
            max: ext.fit.1,
            zero_baseline: false,
            ..ext
        },
        Some(true) if !ext.is_empty() => Extent {
            min: ext.min.min(0.0),
            max: ext.max.max(0.0),
            zero_baseline: true,
            ..ext
        },
        _ => ext,
    }
}

/// A normalized axis shows exactly 0 to 100 % (from −100 % when a stack holds negative
/// values), unless `min`/`max` say otherwise.
pub fn normalized_range(axis: &Axis, ext: Extent) -> Option<(f64, f64)> {
    if !axis.opts.normalize {
        return None;
    }
    let lo = axis.min.unwrap_or(if ext.min < -1e-9 { -1.0 } else { 0.0 });
    let hi = axis.max.unwrap_or(1.0);
    Some(if lo < hi { (lo, hi) } else { (0.0, 1.0) })
}

/// Ticks for a normalized axis (values are fractions of the stack): nice percentages, written
/// in the axis' `format` when it has one (it then sees the fractions, so `.0%` reads 25%).
pub fn percent_ticks(lo: f64, hi: f64, target: usize, text: &TickLabels) -> Ticks {
    if text.format.is_some() {
        return ticks::linear(lo, hi, target, text);
    }
    let t = ticks::linear(lo * 100.0, hi * 100.0, target, text);
    Ticks {
        values: t.values.iter().map(|v| v / 100.0).collect(),
        labels: t.labels.iter().map(|l| percent(l, text)).collect(),
    }
}

/// Labels for chosen `values` (fractions) on a normalized axis, `step` apart.
pub fn percent_labels(
    values: &[f64],
    range: (f64, f64),
    step: f64,
    text: &TickLabels,
) -> Vec<String> {
    if text.format.is_some() {
        return ticks::linear_labels(values, range, step, text);
    }
    let hundred: Vec<f64> = values.iter().map(|v| v * 100.0).collect();
    let range = (range.0 * 100.0, range.1 * 100.0);
    ticks::linear_labels(&hundred, range, step * 100.0, text)
        .iter()
        .map(|l| percent(l, text))
        .collect()
}

/// `label` followed by the locale's percent sign.
fn percent(label: &str, text: &TickLabels) -> String {
    format!("{label}{}", text.locale.percent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::model::{AxisKind, AxisOptions};

    fn axis(zero: Option<bool>) -> Axis {
        Axis {
            label: None,
            kind: AxisKind::Linear,
            min: None,
            max: None,
            grid: true,
            reversed: false,
            opts: AxisOptions {
                zero,
                ..Default::default()
            },
            labels: TickLabels::plain(),
            ticks: None,
        }
    }

    fn bars(lo: f64, hi: f64) -> Extent {
        Extent {
            min: 0.0,
            max: hi,
            min_positive: lo,
            zero_baseline: true,
            fit: (lo, hi),
        }
    }

    #[test]
    fn zero_false_fits_bars_to_their_values() {
        let e = zero_extent(&axis(Some(false)), bars(50.0, 80.0));
        assert_eq!((e.min, e.max, e.zero_baseline), (50.0, 80.0, false));
        let e = zero_extent(&axis(None), bars(50.0, 80.0));
        assert_eq!((e.min, e.max), (0.0, 80.0));
    }

    #[test]
    fn zero_true_reaches_zero() {
        let ext = Extent {
            min: 20.0,
            max: 30.0,
            min_positive: 20.0,
            zero_baseline: false,
            fit: (20.0, 30.0),
        };
        let e = zero_extent(&axis(Some(true)), ext);
        assert_eq!((e.min, e.max, e.zero_baseline), (0.0, 30.0, true));
    }

    #[test]
    fn percent_ticks_label_fractions() {
        let t = percent_ticks(0.0, 1.0, 5, &TickLabels::plain());
        assert_eq!(t.values.first(), Some(&0.0));
        assert_eq!(t.values.last(), Some(&1.0));
        assert_eq!(t.labels.last().map(String::as_str), Some("100%"));
    }
}
