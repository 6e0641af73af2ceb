//! Line shapes between the data points: steps and monotone cubic smoothing.
//!
//! Smoothing is d3's `curveMonotoneX` (Fritsch–Carlson): a cubic Hermite curve whose tangents
//! are limited so that between two points it never leaves the range of their values; no
//! overshoot, no invented peaks. Both work in data space, before mapping; `NaN` values stay gaps.

use super::check;
use crate::budget::Budget;
use crate::error::Result;
use crate::spec::StepMode;

/// The corners of a step line through `pts`; a non-finite point splits the line.
pub fn step(pts: &[(f64, f64)], mode: StepMode, budget: &Budget) -> Result<Vec<(f64, f64)>> {
    let mut out = Vec::with_capacity(pts.len() * 3);
    for (i, &(x, y)) in pts.iter().enumerate() {
        check(budget, i, "drawing steps")?;
        let prev = (i > 0).then(|| pts[i - 1]);
        match prev {
            Some((px, py)) if finite((px, py)) && finite((x, y)) => match mode {
                StepMode::After => out.push((x, py)),
                StepMode::Before => out.push((px, y)),
                StepMode::Middle => {
                    let m = (px + x) / 2.0;
                    out.push((m, py));
                    out.push((m, y));
                }
            },
            _ => {}
        }
        out.push((x, y));
    }
    Ok(out)
}

/// How many pieces each gap between two points is cut into, so a smoothed line of `n` points
/// has at most about 200,000 vertices (dense data is already smooth at pixel scale).
pub fn pieces_for(n: usize) -> usize {
    (200_000 / n.max(1)).clamp(1, 16)
}

/// Tangents at each point of a run of finite points (Fritsch–Carlson, as d3 computes them).
fn tangents(xs: &[f64], ys: &[f64]) -> Vec<f64> {
    let n = xs.len();
    let slope = |i: usize| {
        let h = xs[i + 1] - xs[i];
        if h == 0.0 {
            0.0
        } else {
            (ys[i + 1] - ys[i]) / h
        }
    };
    let mut m = vec![0.0; n];
    if n < 2 {
        return m;
    }
    m[0] = slope(0);
    m[n - 1] = slope(n - 2);
    for i in 1..n - 1 {
        let (s0, s1) = (slope(i - 1), slope(i));
        let (h0, h1) = (xs[i] - xs[i - 1], xs[i + 1] - xs[i]);
        m[i] = if s0 * s1 <= 0.0 || h0 + h1 == 0.0 {
            0.0
        } else {
            let p = (s0 * h1 + s1 * h0) / (h0 + h1);
            (s0.signum()) * s0.abs().min(s1.abs()).min(0.5 * p.abs()) * 2.0
        };
    }
    // End tangents as d3's one-sided estimate, limited the same way.
    if n > 2 {
        m[0] = end_tangent(slope(0), m[1]);
        m[n - 1] = end_tangent(slope(n - 2), m[n - 2]);
    }
    m
}

fn end_tangent(s: f64, m_next: f64) -> f64 {
    let t = (3.0 * s - m_next) / 2.0;
    if t * s <= 0.0 {
        0.0
    } else if t.abs() > 3.0 * s.abs() {
        3.0 * s
    } else {
        t
    }
}

/// `ys` (and `extra`, a second line over the same `xs`, e.g. a band's lower edge) resampled
/// along a monotone cubic through each run of finite points, `pieces` steps between points.
/// Returns the new xs and the resampled lines; gaps stay gaps.
pub fn monotone(
    xs: &[f64],
    lines: &[&[f64]],
    pieces: usize,
    budget: &Budget,
) -> Result<(Vec<f64>, Vec<Vec<f64>>)> {
    let n = xs.len();
    let finite = |i: usize| xs[i].is_finite() && lines.iter().all(|l| l[i].is_finite());
    let mut out_x = Vec::with_capacity(n * pieces);
    let mut out: Vec<Vec<f64>> = vec![Vec::with_capacity(n * pieces); lines.len()];
    let mut start = 0;
    while start < n {
        if !finite(start) {
            out_x.push(f64::NAN);
            out.iter_mut().for_each(|o| o.push(f64::NAN));
            start += 1;
            continue;
        }
        let mut end = start;
        while end < n && finite(end) {
            end += 1;
        }
        let rx = &xs[start..end];
        let ms: Vec<Vec<f64>> = lines.iter().map(|l| tangents(rx, &l[start..end])).collect();
        for i in 0..rx.len() {
            check(budget, start + i, "smoothing")?;
            let steps = if i + 1 < rx.len() { pieces } else { 1 };
            for s in 0..steps {
                let t = s as f64 / pieces as f64;
                out_x.push(if s == 0 {
                    rx[i]
                } else {
                    rx[i] + t * (rx[i + 1] - rx[i])
                });
                for (li, l) in lines.iter().enumerate() {
                    let y = &l[start..end];
                    out[li].push(if s == 0 {
                        y[i]
                    } else {
                        hermite(
                            rx[i],
                            rx[i + 1],
                            y[i],
                            y[i + 1],
                            ms[li][i],
                            ms[li][i + 1],
                            t,
                        )
                    });
                }
            }
        }
        start = end;
    }
    Ok((out_x, out))
}

/// The cubic Hermite segment from (x0, y0) to (x1, y1) with end tangents m0, m1, at t in 0..1.
fn hermite(x0: f64, x1: f64, y0: f64, y1: f64, m0: f64, m1: f64, t: f64) -> f64 {
    let h = x1 - x0;
    let (t2, t3) = (t * t, t * t * t);
    (2.0 * t3 - 3.0 * t2 + 1.0) * y0
        + (t3 - 2.0 * t2 + t) * h * m0
        + (-2.0 * t3 + 3.0 * t2) * y1
        + (t3 - t2) * h * m1
}

fn finite(p: (f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> Budget {
        Budget::from_millis(10_000)
    }

    #[test]
    fn smoothing_never_leaves_the_range_of_two_neighbours() {
        // Flat runs, turns, and a steep rise into a nearly flat stretch (where a plain cubic
        // through the points would shoot far past 201).
        let xs: Vec<f64> = vec![
            0.0, 1.0, 1.5, 3.0, 4.0, 4.2, 6.0, 7.0, 9.0, 10.0, 10.1, 11.1,
        ];
        let ys: Vec<f64> = vec![
            0.0, 10.0, 10.0, -5.0, 40.0, 41.0, 0.0, 3.0, 2.0, 100.0, 200.0, 201.0,
        ];
        let (ox, oy) = monotone(&xs, &[&ys], 16, &budget()).unwrap();
        let oy = &oy[0];
        assert_eq!(ox.len(), (xs.len() - 1) * 16 + 1);
        for (x, y) in ox.iter().zip(oy) {
            let i = xs.iter().rposition(|v| v <= x).unwrap().min(xs.len() - 2);
            let (lo, hi) = (ys[i].min(ys[i + 1]), ys[i].max(ys[i + 1]));
            assert!(
                *y >= lo - 1e-9 && *y <= hi + 1e-9,
                "at x = {x}: {y} leaves [{lo}, {hi}]"
            );
        }
        // The curve passes through every data point.
        for (k, (x, y)) in xs.iter().zip(&ys).enumerate() {
            assert_eq!((ox[k * 16], oy[k * 16]), (*x, *y));
        }
    }

    #[test]
    fn smoothing_keeps_gaps() {
        let xs = [0.0, 1.0, 2.0, 3.0, 4.0];
        let ys = [1.0, 2.0, f64::NAN, 4.0, 5.0];
        let (ox, oy) = monotone(&xs, &[&ys], 4, &budget()).unwrap();
        assert_eq!(oy[0].iter().filter(|v| v.is_nan()).count(), 1);
        assert_eq!(ox.len(), 5 + 1 + 5);
    }

    #[test]
    fn steps_put_corners_where_asked() {
        let pts = [(0.0, 1.0), (2.0, 3.0)];
        assert_eq!(
            step(&pts, StepMode::After, &budget()).unwrap(),
            vec![(0.0, 1.0), (2.0, 1.0), (2.0, 3.0)]
        );
        assert_eq!(
            step(&pts, StepMode::Before, &budget()).unwrap(),
            vec![(0.0, 1.0), (0.0, 3.0), (2.0, 3.0)]
        );
        assert_eq!(
            step(&pts, StepMode::Middle, &budget()).unwrap(),
            vec![(0.0, 1.0), (1.0, 1.0), (1.0, 3.0), (2.0, 3.0)]
        );
    }

    #[test]
    fn long_curves_stop_when_the_budget_runs_out() {
        let xs: Vec<f64> = (0..200_000).map(|i| i as f64).collect();
        let ys: Vec<f64> = xs.iter().map(|x| x.sin()).collect();
        let pts: Vec<(f64, f64)> = xs.iter().copied().zip(ys.iter().copied()).collect();
        let spent = Budget::from_millis(0);
        std::thread::sleep(std::time::Duration::from_millis(2));
        let code = |e: crate::error::Error| e.code;
        assert_eq!(
            monotone(&xs, &[&ys], 2, &spent).map_err(code).unwrap_err(),
            crate::ErrorCode::DeadlineExceeded
        );
        assert_eq!(
            step(&pts, StepMode::After, &spent)
                .map_err(code)
                .unwrap_err(),
            crate::ErrorCode::DeadlineExceeded
        );
    }
}
