//! Mapping to pixels: lines become clipped, decimated runs of device points, on two threads
//! when they are long and the budget allows it.

use super::{check, Geom, Shape};
use crate::budget::Budget;
use crate::error::Result;
use crate::render::frame::{Frame, Rect, Scale};

/// Maps a polyline to pixels: splits at gaps, clips to `clip`, decimates per pixel column.
pub fn pixel_runs(
    pts: &[(f64, f64)],
    sx: &Scale,
    sy: &Scale,
    clip: &Rect,
    budget: &Budget,
) -> Result<Vec<Vec<(f32, f32)>>> {
    let mut runs: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut current: Vec<(f32, f32)> = Vec::new();
    // The previous point, and whether it lies inside `clip`.
    let mut prev: Option<((f32, f32), bool)> = None;
    let flush = |current: &mut Vec<(f32, f32)>, runs: &mut Vec<Vec<(f32, f32)>>| {
        if current.len() >= 2 {
            runs.push(decimate(std::mem::take(current)));
        } else {
            current.clear();
        }
    };
    for (i, &(x, y)) in pts.iter().enumerate() {
        check(budget, i, "mapping a line")?;
        if !(x.is_finite() && y.is_finite()) {
            flush(&mut current, &mut runs);
            prev = None;
            continue;
        }
        let p = (sx.map(x), sy.map(y));
        let inside = clip.contains(p);
        if let Some((q, q_inside)) = prev {
            if q_inside && inside {
                if current.is_empty() {
                    current.push(q);
                }
                current.push(p);
                prev = Some((p, inside));
                continue;
            }
            match clip_segment(q, p, clip) {
                Some((a, b)) => {
                    if current.last() != Some(&a) {
                        flush(&mut current, &mut runs);
                        current.push(a);
                    }
                    current.push(b);
                    if b != p {
                        flush(&mut current, &mut runs);
                    }
                }
                None => flush(&mut current, &mut runs),
            }
        }
        prev = Some((p, inside));
    }
    flush(&mut current, &mut runs);
    Ok(runs)
}

/// Liang–Barsky: the part of segment a–b inside `r`, if any.
pub fn clip_segment(a: (f32, f32), b: (f32, f32), r: &Rect) -> Option<((f32, f32), (f32, f32))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0f32, 1f32);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                if t > t1 {
                    return None;
                }
                t0 = t0.max(t);
            } else {
                if t < t0 {
                    return None;
                }
                t1 = t1.min(t);
            }
        }
    }
    let at = |t: f32| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * dx, a.1 + t * dy)
        }
    };
    Some((at(t0), at(t1)))
}

/// Keeps, for each run of consecutive points in the same pixel column, the first, lowest,
/// highest and last point in their original order. The drawn line covers the same pixels, so
/// the picture does not change, but a million points cost what a few thousand do.
pub fn decimate(points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    if points.len() < 64 {
        return points;
    }
    let mut out = Vec::with_capacity(points.len().min(8192));
    let mut i = 0;
    while i < points.len() {
        let col = crate::draw::floor(points[i].0);
        let mut j = i;
        let (mut lo, mut hi) = (i, i);
        while j + 1 < points.len() && crate::draw::floor(points[j + 1].0) == col {
            j += 1;
            if points[j].1 < points[lo].1 {
                lo = j;
            }
            if points[j].1 > points[hi].1 {
                hi = j;
            }
        }
        let mut keep = [i, lo, hi, j];
        keep.sort_unstable();
        let mut last = usize::MAX;
        for k in keep {
            if k != last {
                out.push(points[k]);
                last = k;
            }
        }
        i = j + 1;
    }
    out
}

/// A line in pixels, as runs of connected points (gaps and clipping split it).
pub type Runs = Vec<Vec<(f32, f32)>>;

/// Points of line data above which mapping them to pixels is split across two threads.
const PARALLEL_ABOVE_POINTS: usize = 16_384;

/// Each shape's lines in pixels (empty for shapes without lines), clipped to the plot with room
/// for the stroke.
///
/// With many points on a machine with two cores, the points are cut in two halves by count
/// (across shapes, or inside one long line) and mapped on two threads. The half that ends
/// inside a line keeps the point where the other begins, so the two pieces meet and are
/// joined into the one run a single pass would give (decimated per half, which keeps every
/// column's extremes just the same).
pub fn path_runs(shapes: &[Shape], frame: &Frame, k: f32, budget: &Budget) -> Result<Vec<Runs>> {
    let lens: Vec<usize> = shapes
        .iter()
        .map(|s| match &s.geom {
            Geom::Path { pts, .. } => pts.len(),
            _ => 0,
        })
        .collect();
    let runs = |i: usize, range: std::ops::Range<usize>| -> Result<Runs> {
        match &shapes[i].geom {
            Geom::Path { pts, width, .. } => pixel_runs(
                &pts[range],
                &frame.sx,
                &frame.sy,
                &frame.plot.inset(-(*width as f32) * k),
                budget,
            ),
            _ => Ok(Vec::new()),
        }
    };
    let total: usize = lens.iter().sum();
    if total < PARALLEL_ABOVE_POINTS || budget.threads() < 2 {
        return (0..shapes.len()).map(|i| runs(i, 0..lens[i])).collect();
    }
    // The shape `cut` holds the middle point, at offset `at`.
    let (mut cut, mut at, mut before) = (0, 0, 0);
    for (i, &n) in lens.iter().enumerate() {
        if before + n > total / 2 {
            (cut, at) = (i, total / 2 - before);
            break;
        }
        before += n;
    }
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| -> Result<(Runs, Vec<Runs>)> {
            let tail = runs(cut, at..lens[cut])?;
            let rest = (cut + 1..shapes.len())
                .map(|i| runs(i, 0..lens[i]))
                .collect::<Result<Vec<_>>>()?;
            Ok((tail, rest))
        });
        let first = (0..cut)
            .map(|i| runs(i, 0..lens[i]))
            .collect::<Result<Vec<_>>>()
            .and_then(|whole| Ok((whole, runs(cut, 0..(at + 1).min(lens[cut]))?)));
        (first, second.join())
    });
    let (mut out, mut head) = first?;
    let (mut tail, rest) = second
        .map_err(|_| crate::error::Error::internal("mapping a line failed on its thread"))??;
    if let (Some(last), Some(next)) = (head.last_mut(), tail.first()) {
        if last.last() == next.first() {
            last.extend_from_slice(&next[1..]);
            tail.remove(0);
        }
    }
    head.extend(tail);
    out.push(head);
    out.extend(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::geom::Swatch;
    use crate::spec::color::Rgba;

    #[test]
    fn decimation_keeps_extremes_in_order() {
        let pts: Vec<(f32, f32)> = (0..1000)
            .map(|i| (i as f32 / 100.0, ((i * 37) % 101) as f32))
            .collect();
        let d = decimate(pts.clone());
        assert!(
            d.len() <= 40,
            "10 columns, at most 4 points each: {}",
            d.len()
        );
        for col in 0..10 {
            let inside: Vec<_> = pts.iter().filter(|p| p.0.floor() as i32 == col).collect();
            let kept: Vec<_> = d.iter().filter(|p| p.0.floor() as i32 == col).collect();
            let lo = inside.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
            let hi = inside.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
            assert!(kept.iter().any(|p| p.1 == lo) && kept.iter().any(|p| p.1 == hi));
            assert_eq!(kept.first().unwrap(), inside.first().unwrap());
            assert_eq!(kept.last().unwrap(), inside.last().unwrap());
        }
    }

    #[test]
    fn two_threads_map_lines_like_one() {
        let frame = Frame {
            plot: Rect {
                x0: 50.0,
                y0: 20.0,
                x1: 750.0,
                y1: 560.0,
            },
            sx: Scale::new(0.0, 30_000.0, false, 50.0, 750.0),
            sy: Scale::new(-1.0, 1.0, false, 560.0, 20.0),
        };
        let line = |n: usize, phase: f64| Shape {
            name: None,
            color: Rgba(0, 0, 0, 255),
            fill: Rgba(0, 0, 0, 255),
            swatch: Swatch::Line {
                width: 1.5,
                dash: None,
                marker: None,
            },
            geom: Geom::Path {
                // A wave that leaves the plot (clipped) and has a gap.
                pts: (0..n)
                    .map(|i| {
                        let y = if i % 7_001 == 0 {
                            f64::NAN
                        } else {
                            1.3 * (i as f64 / 900.0 + phase).sin()
                        };
                        (i as f64 * 30_000.0 / n as f64, y)
                    })
                    .collect(),
                width: 1.5,
                dash: None,
                marker: None,
            },
        };
        let budget = Budget::from_millis(60_000);
        // One long line cut inside itself, and several lines cut between or inside them.
        for shapes in [
            vec![line(40_000, 0.0)],
            vec![line(9_000, 0.0), line(12_345, 1.0), line(10_000, 2.0)],
        ] {
            let split = path_runs(&shapes, &frame, 1.0, &budget).unwrap();
            for (s, got) in shapes.iter().zip(&split) {
                let Geom::Path { pts, width, .. } = &s.geom else {
                    unreachable!()
                };
                let clip = frame.plot.inset(-(*width as f32));
                let one = pixel_runs(pts, &frame.sx, &frame.sy, &clip, &budget).unwrap();
                assert_eq!(got.len(), one.len());
                for (g, o) in got.iter().zip(&one) {
                    // Decimated per half: re-decimating gives the single pass's points.
                    assert_eq!(decimate(g.clone()), *o);
                }
            }
        }
    }

    #[test]
    fn clipping() {
        let r = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        assert_eq!(
            clip_segment((-5.0, 5.0), (5.0, 5.0), &r),
            Some(((0.0, 5.0), (5.0, 5.0)))
        );
        assert_eq!(clip_segment((-5.0, -5.0), (-1.0, 20.0), &r), None);
        assert_eq!(
            clip_segment((1.0, 1.0), (2.0, 2.0), &r),
            Some(((1.0, 1.0), (2.0, 2.0)))
        );
    }
}
