//! Tick positions and labels: 1-2-2.5-5 steps on linear axes, decades on log axes. Labels are
//! written in the axis' d3 format when it has one, else by [`crate::format::number`] (log axes
//! spanning three decades or more as `10⁵`), with the locale's decimal mark. Calendar ticks
//! are in [`super::time_ticks`].

use crate::format::number::{format_number, format_with_step, power_of_ten, with_decimal_mark};
use crate::spec::model::{AxisFormat, TickLabels};

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
pub fn linear(lo: f64, hi: f64, target: usize, text: &TickLabels) -> Ticks {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        let labels = linear_labels(&[lo], (lo, lo), 0.0, text);
        return Ticks {
            values: vec![lo],
            labels,
        };
    }
    let step = nice_step(span, target);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let values: Vec<f64> = (first..=last).take(1000).map(|k| k as f64 * step).collect();
    let labels = linear_labels(&values, (lo, hi), step, text);
    Ticks { values, labels }
}

/// Labels of `values` on a linear axis over `range`, `step` apart (0 for a single value): in
/// the axis' format, its precision chosen for the step when it gives none; else as few
/// decimals as the step needs.
pub fn linear_labels(
    values: &[f64],
    range: (f64, f64),
    step: f64,
    text: &TickLabels,
) -> Vec<String> {
    if let Some(AxisFormat::Number(f)) = &text.format {
        let f = f.for_ticks(range.0, range.1, step);
        return values.iter().map(|&v| f.format(v, text.locale)).collect();
    }
    let plain = if step > 0.0 {
        format_with_step(values, step)
    } else {
        values.iter().map(|&v| format_number(v)).collect()
    };
    let decimal = text.locale.decimal;
    plain
        .into_iter()
        .map(|l| with_decimal_mark(l, decimal))
        .collect()
}

/// Labels of `values` on a log axis: in the axis' format (insignificant zeros trimmed when it
/// gives no precision, as d3 does); else `10⁵` where plain numbers would run long — ticks
/// spanning three decades or more, beyond a million or below a thousandth — and plain numbers
/// otherwise.
pub fn log_labels(values: &[f64], text: &TickLabels) -> Vec<String> {
    if let Some(AxisFormat::Number(f)) = &text.format {
        let f = f.for_log_ticks();
        return values.iter().map(|&v| f.format(v, text.locale)).collect();
    }
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, 0f64), |(a, b), &v| (a.min(v), b.max(v)));
    let long = hi >= 1e6 || lo < 1e-3 || (values.len() > 1 && hi / lo >= 1000.0 * (1.0 - 1e-9));
    let decimal = text.locale.decimal;
    values
        .iter()
        .map(|&v| match long {
            true => power_of_ten(v),
            false => with_decimal_mark(format_number(v), decimal),
        })
        .collect()
}

/// Ticks for a log axis over `[lo, hi]` (both positive): decades, with 2 and 5 in between when
/// the axis spans too few decades to show several.
pub fn log(lo: f64, hi: f64, target: usize, text: &TickLabels) -> Ticks {
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
    let labels = log_labels(&values, text);
    Ticks { values, labels }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::d3::NumberFormat;
    use crate::format::locale::Locale;

    fn plain() -> TickLabels {
        TickLabels::plain()
    }

    fn formatted(spec: &str, locale: &str) -> TickLabels {
        TickLabels {
            locale: Locale::named(locale).unwrap(),
            format: Some(AxisFormat::Number(NumberFormat::parse(spec).unwrap())),
            ..plain()
        }
    }

    #[test]
    fn steps_are_1_2_2p5_5() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(100.0, 4), 25.0);
        assert_eq!(nice_step(1.0, 10), 0.1);
        assert_eq!(nice_step(7.0, 6), 2.0);
    }

    #[test]
    fn integer_ticks_have_no_decimals() {
        let t = linear(0.0, 20.0, 5, &plain());
        assert_eq!(t.labels, vec!["0", "5", "10", "15", "20"]);
        let t = linear(-1.0, 1.0, 4, &plain());
        assert_eq!(
            t.labels,
            vec!["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"]
        );
    }

    #[test]
    fn no_float_noise() {
        let t = linear(0.0, 0.3, 3, &plain());
        assert_eq!(t.labels, vec!["0.0", "0.1", "0.2", "0.3"]);
    }

    #[test]
    fn large_values_use_suffixes() {
        let t = linear(0.0, 3e6, 3, &plain());
        assert_eq!(t.labels, vec!["0M", "1M", "2M", "3M"]);
    }

    #[test]
    fn formats_and_locales_write_the_labels() {
        let t = linear(0.0, 3e6, 3, &formatted("$,", "en-US"));
        assert_eq!(
            t.labels,
            vec!["$0", "$1,000,000", "$2,000,000", "$3,000,000"]
        );
        let t = linear(0.0, 2500.0, 3, &formatted(",.2f", "de-DE"));
        assert_eq!(t.labels, vec!["0,00", "1.000,00", "2.000,00"]);
        let t = linear(0.0, 1.5e6, 3, &formatted("~s", "en-US"));
        assert_eq!(t.labels, vec!["0M", "0.5M", "1M", "1.5M"]);
        let de = TickLabels {
            locale: Locale::named("de-DE").unwrap(),
            ..plain()
        };
        let t = linear(0.0, 1.0, 2, &de);
        assert_eq!(t.labels, vec!["0,0", "0,5", "1,0"]);
    }

    #[test]
    fn log_ticks_are_decades() {
        let t = log(1.0, 1e4, 6, &plain());
        assert_eq!(t.labels, vec!["10⁰", "10¹", "10²", "10³", "10⁴"]);
        let t = log(1.0, 50.0, 6, &plain());
        assert_eq!(t.values, vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0]);
        assert_eq!(t.labels, vec!["1", "2", "5", "10", "20", "50"]);
    }

    #[test]
    fn log_labels_are_superscripts_from_three_decades_or_long_numbers() {
        let t = log(7.3, 8750.0, 6, &plain());
        assert_eq!(
            t.labels,
            vec!["10", "100", "1000"],
            "two decades read plainly"
        );
        let t = log(1e8, 3e9, 6, &plain());
        assert_eq!(t.labels, vec!["10⁸", "2×10⁸", "5×10⁸", "10⁹", "2×10⁹"]);
        let t = log(1e-10, 1e10, 6, &plain());
        assert!(
            t.labels.iter().all(|l| l.starts_with("10")),
            "{:?}",
            t.labels
        );
        assert!(t.labels.contains(&"10⁻¹⁰".to_owned()), "{:?}", t.labels);
        let t = log(1.0, 1e4, 6, &formatted(",f", "en-US"));
        assert_eq!(t.labels, vec!["1", "10", "100", "1,000", "10,000"]);
    }
}
