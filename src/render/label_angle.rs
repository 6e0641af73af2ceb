//! Slanted x tick labels (`label_angle`, and the automatic 45° turn of category labels that
//! would collide level): which ticks to write at an angle, and how much room they take.

use super::axis_ticks::{make_ticks, target_count};
use super::ticks::Ticks;
use crate::draw::text::Fonts;
use crate::spec::model::{Axis, AxisKind};

/// The ticks and angle (degrees) for the x axis when `label_angle` is given, or when category
/// labels do not fit level but do at 45°; `None` leaves the choice to the level/quarter-turn
/// rules of version 1.
pub fn fit(
    fonts: &Fonts,
    axis: &Axis,
    r: (f64, f64),
    width: f32,
    size: f32,
    k: f32,
) -> Option<(Ticks, f32)> {
    let line = fonts.measure("0", size, false).1 + 2.0 * k;
    let widest = |t: &Ticks| {
        t.labels
            .iter()
            .map(|l| fonts.measure(l, size, false).0)
            .fold(0.0f32, f32::max)
    };
    let count = match &axis.kind {
        AxisKind::Category(labels) => Some(labels.len()),
        _ => None,
    };
    match axis.opts.label_angle {
        None => {
            let all = make_ticks(axis, r.0, r.1, target_count(axis, count?));
            let slot = width / all.values.len().max(1) as f32;
            let level = widest(&all) + 4.0 * k <= slot;
            // At 45° each label needs its line height / sin 45° of width.
            (!level && slot >= line * std::f32::consts::SQRT_2).then_some((all, 45.0))
        }
        Some(0.0) => {
            // Level, as many as fit side by side.
            let mut target = target_count(axis, count.unwrap_or(12)).max(2);
            loop {
                let t = make_ticks(axis, r.0, r.1, target);
                let need = (widest(&t) + 14.0 * k) * t.values.len() as f32;
                if need <= width || target <= 2 {
                    return Some((t, 0.0));
                }
                target -= 1;
            }
        }
        Some(a) => {
            let per_label = line / a.to_radians().sin().max(0.05);
            let fit = ((width / per_label).floor() as usize).max(1);
            let target = match count {
                Some(n) => fit.min(n),
                None => fit.clamp(2, 12),
            };
            let target = target_count(axis, target).min(target);
            Some((make_ticks(axis, r.0, r.1, target), a))
        }
    }
}

/// How far slanted labels (the widest `widest`, `tick_h` tall) reach below the axis.
pub fn depth(widest: f32, tick_h: f32, degrees: f32) -> f32 {
    let a = degrees.to_radians();
    widest * a.sin() + tick_h * a.cos()
}

/// How far the end label (the first below the plot, the last above it, where labels lean the
/// other way) reaches sideways from its tick, shortened as it will be drawn.
pub fn reach(
    fonts: &Fonts,
    ticks: &Ticks,
    above: bool,
    degrees: f32,
    max_depth: f32,
    size: f32,
) -> f32 {
    let end = if above {
        ticks.labels.last()
    } else {
        ticks.labels.first()
    };
    let w = end.map_or(0.0, |l| fonts.measure(l, size, false).0);
    let tick_h = fonts.measure("0", size, false).1;
    reach_left(
        w.min(max_length(max_depth, tick_h, degrees)),
        tick_h,
        degrees,
    )
}

/// How far the first slanted label, `first` wide, reaches left of its tick.
pub fn reach_left(first: f32, tick_h: f32, degrees: f32) -> f32 {
    let a = degrees.to_radians();
    first * a.cos() + tick_h / 2.0 * a.sin()
}

/// The longest a slanted label may be so that it reaches at most `max_depth` below the axis.
pub fn max_length(max_depth: f32, tick_h: f32, degrees: f32) -> f32 {
    let a = degrees.to_radians();
    ((max_depth - tick_h * a.cos()) / a.sin().max(0.05)).max(tick_h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slanted_room_grows_with_the_angle() {
        assert!((depth(100.0, 10.0, 0.0) - 10.0).abs() < 1e-4);
        assert!((depth(100.0, 10.0, 90.0) - 100.0).abs() < 1e-3);
        let d45 = depth(100.0, 10.0, 45.0);
        assert!(d45 > 70.0 && d45 < 80.0, "{d45}");
        assert!((max_length(d45, 10.0, 45.0) - 100.0).abs() < 1e-3);
        assert!(reach_left(100.0, 10.0, 45.0) > 70.0);
    }
}
