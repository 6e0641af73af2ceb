//! Tick positions and labels: 1-2-2.5-5 steps on linear axes, decades on log axes, and number
//! labels written by [`crate::format::number`]. Calendar ticks are in [`super::time_ticks`].

use crate::format::number::{format_number, format_with_step};

/// Positions and the text to show at each.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    pub labels: Vec<String>,
}

impl Ticks {
    /// Drops ticks between whole numbers (index axes: rows, columns).
    pub fn retain_integers(&mut self) {
        let keep: Vec<bool> = self.values.iter().map(|v| v.fract() == 0.0).collect();
        let mut it = keep.iter();
        self.values.retain(|_| *it.next().unwrap_or(&false));
        let mut it = keep.iter();
        self.labels.retain(|_| *it.next().unwrap_or(&false));
    }
}

/// The "nice" step for covering `span` with about `target` intervals.
pub fn nice_step(span: f64, target: usize) -> f64 {
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&s| s >= norm - 1e-9)
        .unwrap_or(10.0);
    nice * mag
}

/// Ticks inside `[lo, hi]` for a linear axis, at most about `target` of them.
pub fn linear(lo: f64, hi: f64, target: usize) -> Ticks {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return Ticks {
            values: vec![lo],
            labels: vec![format_number(lo)],
        };
    }
    let step = nice_step(span, target);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let values: Vec<f64> = (first..=last).take(1000).map(|k| k as f64 * step).collect();
    let labels = format_with_step(&values, step);
    Ticks { values, labels }
}

/// Ticks for a log axis over `[lo, hi]` (both positive): decades, with 2 and 5 in between when
/// the axis spans too few decades to show several.
pub fn log(lo: f64, hi: f64, target: usize) -> Ticks {
    // Clamped: a bound of 0 or a subnormal (log10 → -inf) must not overflow the decade count.
    let decade = |v: f64| v.log10().clamp(-400.0, 400.0);
    let (a, b) = (decade(lo).floor() as i32, decade(hi).ceil() as i32);
    let decades = (b - a).max(1) as usize;
    let mut values = Vec::new();
    if decades <= 2 {
        for e in a..=b {
            for m in [1.0, 2.0, 5.0] {
                values.push(m * 10f64.powi(e));
            }
        }
    } else {
        // A round number of decades between ticks (1, 2, 5, 10, 20, 25, 50…).
        let every = nice_step(decades as f64, target).round().max(1.0) as i32;
        for e in a..=b {
            if e.rem_euclid(every) == 0 {
                values.push(10f64.powi(e));
            }
        }
    }
    values.retain(|v| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9));
    let labels = values.iter().map(|&v| format_number(v)).collect();
    Ticks { values, labels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_1_2_2p5_5() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(100.0, 4), 25.0);
        assert_eq!(nice_step(1.0, 10), 0.1);
        assert_eq!(nice_step(7.0, 6), 2.0);
    }

    #[test]
    fn integer_ticks_have_no_decimals() {
        let t = linear(0.0, 20.0, 5);
        assert_eq!(t.labels, vec!["0", "5", "10", "15", "20"]);
        let t = linear(-1.0, 1.0, 4);
        assert_eq!(
            t.labels,
            vec!["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"]
        );
    }

    #[test]
    fn no_float_noise() {
        let t = linear(0.0, 0.3, 3);
        assert_eq!(t.labels, vec!["0.0", "0.1", "0.2", "0.3"]);
    }

    #[test]
    fn large_values_use_suffixes() {
        let t = linear(0.0, 3e6, 3);
        assert_eq!(t.labels, vec!["0M", "1M", "2M", "3M"]);
    }

    #[test]
    fn log_ticks_are_decades() {
        let t = log(1.0, 1e4, 6);
        assert_eq!(t.labels, vec!["1", "10", "100", "1000", "10000"]);
        let t = log(1.0, 50.0, 6);
        assert_eq!(t.values, vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0]);
    }
}
