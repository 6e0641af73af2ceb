//! Ticks the spec listed (`ticks: [...]`): those inside the axis range, labelled the way the
//! axis writes its own (its `format`, its locale; percent on a normalized axis).

use super::axis_options;
use super::ticks::{self, Ticks};
use super::time_ticks;
use crate::spec::model::{Axis, AxisKind, TickLabels};

/// The ticks the spec listed that fall inside `range`, labelled like the axis' own.
pub fn ticks(axis: &Axis, values: &[f64], range: (f64, f64)) -> Ticks {
    let slack = (range.1 - range.0).abs() * 1e-9;
    let (lo, hi) = (range.0.min(range.1) - slack, range.0.max(range.1) + slack);
    let values: Vec<f64> = values
        .iter()
        .copied()
        .filter(|v| (lo..=hi).contains(v))
        .collect();
    let text: &TickLabels = &axis.labels;
    let labels = match &axis.kind {
        AxisKind::Linear if axis.opts.normalize => {
            axis_options::percent_labels(&values, range, closest_gap(&values), text)
        }
        AxisKind::Linear => {
            let step = closest_gap(&values);
            ticks::linear_labels(&values, range, step, text)
        }
        AxisKind::Log => ticks::log_labels(&values, text),
        AxisKind::Time => time_ticks::labels_for(&values, text),
        AxisKind::Category(names) => values
            .iter()
            .map(|&i| names.get(i as usize).cloned().unwrap_or_default())
            .collect(),
    };
    Ticks { values, labels }
}

/// The smallest distance between two of `values` (0 for fewer than two).
fn closest_gap(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let gap = sorted
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|g| *g > 0.0)
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() {
        gap
    } else {
        0.0
    }
}
