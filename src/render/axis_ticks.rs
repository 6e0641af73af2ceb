//! The ticks of one axis: the values the spec chose, or round ones for the axis's type
//! (linear, log, time, categories, a normalized stack's percentages), aiming at a count.

use super::ticks::{self, Ticks};
use super::{axis_options, chosen_ticks, time_ticks};
use crate::spec::model::{Axis, AxisKind, TickChoice};

/// Ticks for `axis` over `[lo, hi]`: the ones the spec chose, or round ones aiming at `target`.
pub fn make_ticks(axis: &Axis, lo: f64, hi: f64, target: usize) -> Ticks {
    if let Some(TickChoice::Values(values)) = &axis.ticks {
        return chosen_ticks::ticks(axis, values, (lo, hi));
    }
    let text = &axis.labels;
    if axis.opts.normalize {
        return axis_options::percent_ticks(lo, hi, target, text);
    }
    match &axis.kind {
        AxisKind::Linear => ticks::linear(lo, hi, target, text),
        AxisKind::Log => ticks::log(lo, hi, target, text),
        AxisKind::Time => time_ticks::ticks(lo, hi, target, text),
        AxisKind::Category(labels) => {
            let every = labels.len().div_ceil(target.max(1)).max(1);
            let idx: Vec<usize> = (0..labels.len()).step_by(every).collect();
            Ticks {
                values: idx.iter().map(|&i| i as f64).collect(),
                labels: idx.iter().map(|&i| labels[i].clone()).collect(),
            }
        }
    }
}

/// The tick count the spec asked for, else `fitted`.
pub fn target_count(axis: &Axis, fitted: usize) -> usize {
    match axis.ticks {
        Some(TickChoice::Count(n)) => n,
        _ => fitted,
    }
}
