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
) -> Result<Runs> {
    Ok(map_line(pts, sx, sy, clip, budget)?.runs)
}

/// A line in pixels, and how many points each of its runs had before decimation.
struct Mapped {
    runs: Runs,
    raw_lens: Vec<usize>,
}

/// [`pixel_runs`], counting each run's points before decimation.
fn map_line(
    pts: &[(f64, f64)],
    sx: &Scale,
    sy: &Scale,
    clip: &Rect,
    budget: &Budget,
) -> Result<Mapped> {
    let mut out = Mapped {
        runs: Vec::new(),
        raw_lens: Vec::new(),
    };
    let mut current: Vec<(f32, f32)> = Vec::new();
    // The previous point, and whether it lies inside `clip`.
    let mut prev: Option<((f32, f32), bool)> = None;
    let flush = |current: &mut Vec<(f32, f32)>, out: &mut Mapped| {
        if current.len() >= 2 {
            out.raw_lens.push(current.len());
            out.runs.push(decimate(std::mem::take(current)));
        } else {
            current.clear();
        }
    };
    for (i, &(x, y)) in pts.iter().enumerate() {
        check(budget, i, "mapping a line")?;
        if !(x.is_finite() && y.is_finite()) {
            flush(&mut current, &mut out);
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
                        flush(&mut current, &mut out);
                        current.push(a);
                    }
                    current.push(b);
                    if b != p {
                        flush(&mut current, &mut out);
                    }
                }
                None => flush(&mut current, &mut out),
            }
        }
        prev = Some((p, inside));
    }
    flush(&mut current, &mut out);
    Ok(out)
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
/// Runs of fewer than [`DECIMATE_FROM`] points are kept as they are.
pub fn decimate(points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    if points.len() < DECIMATE_FROM {
        return points;
    }
    decimate_columns(&points)
}

/// Runs of at least this many points are decimated.
const DECIMATE_FROM: usize = 64;

/// [`decimate`], whatever the length.
fn decimate_columns(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
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
/// With many points and two threads in the budget, the points are cut in two halves by count
/// (across shapes, or inside one long line) and mapped on two threads. The half that ends
/// inside a line keeps the point where the other begins, so the two pieces meet and are
/// joined into the one run a single pass gives: each half decimates its piece, which keeps
/// every column's first, extreme and last points, so decimating the joined run once more
/// (when the whole run is long enough to be decimated) keeps exactly what a single pass keeps.
pub fn path_runs(shapes: &[Shape], frame: &Frame, k: f32, budget: &Budget) -> Result<Vec<Runs>> {
    let lens: Vec<usize> = shapes
        .iter()
        .map(|s| match &s.geom {
            Geom::Path { pts, .. } => pts.len(),
            _ => 0,
        })
        .collect();
    let map = |i: usize, range: std::ops::Range<usize>| -> Result<Mapped> {
        match &shapes[i].geom {
            Geom::Path { pts, width, .. } => map_line(
                &pts[range],
                &frame.sx,
                &frame.sy,
                &frame.plot.inset(-(*width as f32) * k),
                budget,
            ),
            _ => Ok(Mapped {
                runs: Vec::new(),
                raw_lens: Vec::new(),
            }),
        }
    };
    let whole = |i: usize| map(i, 0..lens[i]).map(|m| m.runs);
    let total: usize = lens.iter().sum();
    if total < PARALLEL_ABOVE_POINTS || budget.threads() < 2 {
        return (0..shapes.len()).map(whole).collect();
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
        let second = scope.spawn(|| -> Result<(Mapped, Vec<Runs>)> {
            let tail = map(cut, at..lens[cut])?;
            let rest = (cut + 1..shapes.len()).map(whole).collect::<Result<_>>()?;
            Ok((tail, rest))
        });
        let first = (0..cut)
            .map(whole)
            .collect::<Result<Vec<_>>>()
            .and_then(|before| Ok((before, map(cut, 0..(at + 1).min(lens[cut]))?)));
        (first, second.join())
    });
    let (mut out, head) = first?;
    let (tail, rest) = second
        .map_err(|_| crate::error::Error::internal("mapping a line failed on its thread"))??;
    out.push(join(head, tail));
    out.extend(rest);
    Ok(out)
}

/// The runs of two pieces of one line; where the head's last run ends at the point where the
/// tail's first run begins, the two are one run.
fn join(head: Mapped, tail: Mapped) -> Runs {
    let (mut runs, mut rest) = (head.runs, tail.runs);
    if let (Some(last), Some(&last_len), Some(next), Some(&next_len)) = (
        runs.last_mut(),
        head.raw_lens.last(),
        rest.first(),
        tail.raw_lens.first(),
    ) {
        if last.last() == next.first() {
            last.extend_from_slice(&next[1..]);
            // Its points before decimation are `last_len + next_len - 1` (the meeting point
            // counted once).
            if last_len + next_len > DECIMATE_FROM {
                *last = decimate_columns(last);
            }
            rest.remove(0);
        }
    }
    runs.extend(rest);
    runs
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

    fn budget(threads: usize) -> Budget {
        Budget::from_millis(60_000).with_threads(threads)
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
        // `n` points over `span` of x (the plot shows 30 000).
        let line = |n: usize, phase: f64, span: f64| Shape {
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
                        (i as f64 * span / n as f64, y)
                    })
                    .collect(),
                width: 1.5,
                dash: None,
                marker: None,
            },
            marks: Default::default(),
        };
        let (one_thread, two) = (budget(1), budget(2));
        // A run of 30 points (too few to decimate) in one pixel column, across the cut.
        let mut short_run = line(20_000, 1.46, 150.0);
        if let Geom::Path { pts, .. } = &mut short_run.geom {
            for (i, p) in pts.iter_mut().enumerate() {
                if !(9_985..10_015).contains(&i) {
                    p.1 = f64::NAN;
                }
            }
        }
        // One long line cut inside itself (inside the plot, inside a pixel column), several
        // lines cut between or inside them, and a line over a few pixel columns (its decimated
        // halves are short, the whole is not), and that line's middle alone.
        for shapes in [
            vec![line(40_000, 0.0, 29_000.0)],
            vec![
                line(9_000, 0.0, 30_000.0),
                line(12_345, 1.0, 30_000.0),
                line(10_000, 2.0, 30_000.0),
            ],
            vec![line(20_000, 1.46, 150.0)],
            vec![short_run],
        ] {
            let split = path_runs(&shapes, &frame, 1.0, &two).unwrap();
            assert_eq!(split, path_runs(&shapes, &frame, 1.0, &one_thread).unwrap());
            for (s, got) in shapes.iter().zip(&split) {
                let Geom::Path { pts, width, .. } = &s.geom else {
                    unreachable!()
                };
                let clip = frame.plot.inset(-(*width as f32));
                let one = pixel_runs(pts, &frame.sx, &frame.sy, &clip, &one_thread).unwrap();
                assert_eq!(*got, one);
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

    /// A spec of line series with `lengths` points, in `format`: waves that leave the y range
    /// (so they are clipped) and have gaps.
    fn long_lines(lengths: &[usize], format: &str) -> Vec<u8> {
        let series: Vec<String> = lengths
            .iter()
            .enumerate()
            .map(|(j, &n)| {
                let xs: Vec<String> = (0..n).map(|i| i.to_string()).collect();
                let ys: Vec<String> = (0..n)
                    .map(|i| match i % 7_001 {
                        3_000 => "null".to_owned(),
                        _ => format!("{:.4}", 1.3 * (i as f64 / 900.0 + j as f64).sin()),
                    })
                    .collect();
                format!(
                    r#"{{"type": "line", "name": "line {j}", "x": [{}], "y": [{}]}}"#,
                    xs.join(","),
                    ys.join(",")
                )
            })
            .collect();
        format!(
            r#"{{"format": "{format}", "y": {{"min": -1, "max": 1}}, "series": [{}]}}"#,
            series.join(",")
        )
        .into_bytes()
    }

    /// An image as what it shows: SVG text as is, a PNG decoded to RGBA. (A PNG deflated in
    /// two halves on two threads is another, equally valid, stream of the same pixels.)
    fn pixels(image: Vec<u8>, format: &str) -> Vec<u8> {
        if format == "svg" {
            return image;
        }
        let mut decoder = png::Decoder::new(std::io::Cursor::new(image));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().unwrap();
        let mut out = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut out).unwrap();
        out.truncate(info.buffer_size());
        out
    }

    /// The whole render, forced onto one thread and onto two, gives the same picture (SVG: the
    /// same bytes), whether the points are cut inside one long line or between and inside
    /// several.
    #[test]
    fn two_threads_render_long_lines_like_one() {
        use crate::spec::limits::Limits;
        use crate::spec::validate::{parse_spec, validate};
        let limits = Limits::default();
        for lengths in [&[40_000][..], &[9_000, 12_345, 10_000]] {
            assert!(lengths.iter().sum::<usize>() >= PARALLEL_ABOVE_POINTS);
            for format in ["png", "svg"] {
                let spec = parse_spec(&long_lines(lengths, format), &limits).unwrap();
                let chart = validate(&spec, &limits).unwrap();
                let image = |threads: usize| {
                    let budget = Budget::from_millis(60_000).with_threads(threads);
                    pixels(
                        crate::render::render_with_fonts(&chart, &Default::default(), &budget)
                            .unwrap()
                            .bytes,
                        format,
                    )
                };
                assert!(image(1) == image(2), "{lengths:?} as {format}");
            }
        }
    }
}
