//! Series → geometry in data space, and geometry → pixels.
//!
//! Preparation (stacking, grouping bars, binning histograms) happens before layout because the
//! axis ranges depend on it. Drawing maps to pixels, clips to the plot area and decimates long
//! lines to at most four points per pixel column, so a line's cost is O(width), not O(points).

use super::frame::{Frame, Rect, Scale};
use super::paint::Painter;
use crate::budget::{Budget, CHECK_EVERY_ITEMS};
use crate::draw::{Canvas, Stroke};
use crate::error::Result;
use crate::spec::color::Rgba;
use crate::spec::model::{Marker, Plot, PlotKind};
use crate::spec::MarkerKind;
use std::collections::HashMap;

/// How a series appears in the legend.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    Line {
        width: f64,
        dash: Option<Vec<f64>>,
        marker: Option<Marker>,
    },
    Marker(Marker),
    Patch,
}

#[derive(Debug, Clone)]
pub enum Geom {
    /// A polyline; NaN coordinates split it.
    Path {
        pts: Vec<(f64, f64)>,
        width: f64,
        dash: Option<Vec<f64>>,
        marker: Option<Marker>,
    },
    Points {
        pts: Vec<(f64, f64)>,
        marker: Marker,
    },
    /// Screen-oriented rectangles `[x0, x1, y0, y1]`.
    Rects {
        rects: Vec<[f64; 4]>,
        gap: bool,
        horizontal: bool,
    },
    /// A filled band between `lo` and `hi` along `xs`, outlined along `hi`.
    Band {
        xs: Vec<f64>,
        lo: Vec<f64>,
        hi: Vec<f64>,
        width: f64,
    },
}

#[derive(Debug, Clone)]
pub struct Shape {
    pub name: Option<String>,
    pub color: Rgba,
    pub fill: Rgba,
    pub swatch: Swatch,
    pub geom: Geom,
}

/// Data extents of the prepared shapes along one screen axis.
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    pub min: f64,
    pub max: f64,
    /// The smallest value above zero: where a log axis starts when bars or areas grow from 0.
    pub min_positive: f64,
    /// Bars, areas and histograms grow from zero: the axis should not pad past it.
    pub zero_baseline: bool,
}

impl Extent {
    fn empty() -> Extent {
        Extent {
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            min_positive: f64::INFINITY,
            zero_baseline: false,
        }
    }
    fn add(&mut self, v: f64) {
        if v.is_finite() {
            self.min = self.min.min(v);
            self.max = self.max.max(v);
            if v > 0.0 {
                self.min_positive = self.min_positive.min(v);
            }
        }
    }
    pub fn is_empty(&self) -> bool {
        self.min > self.max
    }
    fn merge(&mut self, o: &Extent) {
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
        self.min_positive = self.min_positive.min(o.min_positive);
        self.zero_baseline |= o.zero_baseline;
    }
}

/// The extents of the points whose coordinates are both finite, written as branch-free
/// selects over four points at a time so that it vectorizes (lines of a million points).
fn point_extents(pts: &[(f64, f64)]) -> (Extent, Extent) {
    const L: usize = 4;
    let (inf, ninf) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut lo, mut hi, mut pos) = ([[inf; L]; 2], [[ninf; L]; 2], [[inf; L]; 2]);
    let (chunks, rest) = pts.as_chunks::<L>();
    for c in chunks {
        for i in 0..L {
            let v = [c[i].0, c[i].1];
            let ok = v[0].is_finite() & v[1].is_finite();
            for a in 0..2 {
                let low = if ok { v[a] } else { inf };
                let high = if ok { v[a] } else { ninf };
                let positive = if ok && v[a] > 0.0 { v[a] } else { inf };
                lo[a][i] = if low < lo[a][i] { low } else { lo[a][i] };
                hi[a][i] = if high > hi[a][i] { high } else { hi[a][i] };
                pos[a][i] = if positive < pos[a][i] {
                    positive
                } else {
                    pos[a][i]
                };
            }
        }
    }
    let mut e = [Extent::empty(), Extent::empty()];
    for (a, e) in e.iter_mut().enumerate() {
        for i in 0..L {
            e.merge(&Extent {
                min: lo[a][i],
                max: hi[a][i],
                min_positive: pos[a][i],
                zero_baseline: false,
            });
        }
    }
    for &(x, y) in rest {
        if x.is_finite() && y.is_finite() {
            e[0].add(x);
            e[1].add(y);
        }
    }
    let [ex, ey] = e;
    (ex, ey)
}

fn check(budget: &Budget, i: usize, during: &str) -> Result<()> {
    if i.is_multiple_of(CHECK_EVERY_ITEMS) {
        budget.check(during)?;
    }
    Ok(())
}

/// Points to copy between two budget checks.
const CHUNK: usize = 1 << 16;

/// `xs` and `ys` as points (those `keep` accepts), checking the budget every [`CHUNK`].
fn zip_checked(
    xs: &[f64],
    ys: &[f64],
    budget: &Budget,
    keep: impl Fn(&(f64, f64)) -> bool,
) -> Result<Vec<(f64, f64)>> {
    let mut out = Vec::with_capacity(xs.len().min(ys.len()));
    for (cx, cy) in xs.chunks(CHUNK).zip(ys.chunks(CHUNK)) {
        budget.check("preparing series")?;
        out.extend(cx.iter().copied().zip(cy.iter().copied()).filter(&keep));
    }
    Ok(out)
}

/// Turns validated series into shapes: groups and stacks bars, stacks areas, bins histograms.
pub fn prepare(plots: &[Plot], budget: &Budget) -> Result<Vec<Shape>> {
    // Bar slots: each stack (or each unstacked bar series) gets one slot per category.
    let mut slot_of: Vec<Option<usize>> = vec![None; plots.len()];
    let mut slots: Vec<String> = Vec::new();
    let mut bar_xs: Vec<f64> = Vec::new();
    for (i, p) in plots.iter().enumerate() {
        if let PlotKind::Bar { stack, xs, .. } = &p.kind {
            let key = stack
                .clone()
                .map(|s| format!("s:{s}"))
                .unwrap_or_else(|| format!("#{i}"));
            let slot = slots.iter().position(|k| *k == key).unwrap_or_else(|| {
                slots.push(key);
                slots.len() - 1
            });
            slot_of[i] = Some(slot);
            bar_xs.extend_from_slice(xs);
        }
    }
    let spacing = min_spacing(&mut bar_xs);
    let group_width = 0.8 * spacing;
    let slot_width = group_width / slots.len().max(1) as f64;
    // Running totals for stacks, per (stack, x, sign).
    let mut bar_acc: HashMap<(usize, u64, bool), f64> = HashMap::new();
    let mut area_acc: HashMap<(String, u64), f64> = HashMap::new();

    let mut shapes = Vec::with_capacity(plots.len());
    for (i, p) in plots.iter().enumerate() {
        budget.check("preparing series")?;
        let solid = p.color;
        let (geom, swatch, fill) = match &p.kind {
            PlotKind::Line {
                xs,
                ys,
                width,
                dash,
                marker,
            } => (
                Geom::Path {
                    pts: zip_checked(xs, ys, budget, |_| true)?,
                    width: *width,
                    dash: dash.clone(),
                    marker: *marker,
                },
                Swatch::Line {
                    width: *width,
                    dash: dash.clone(),
                    marker: *marker,
                },
                solid,
            ),
            PlotKind::Scatter {
                xs,
                ys,
                marker,
                opacity,
            } => (
                Geom::Points {
                    pts: zip_checked(xs, ys, budget, |p| p.0.is_finite() && p.1.is_finite())?,
                    marker: *marker,
                },
                Swatch::Marker(*marker),
                solid.with_alpha(*opacity),
            ),
            PlotKind::Bar {
                xs,
                ys,
                stack,
                horizontal,
                opacity,
            } => {
                let slot = slot_of[i].unwrap_or(0);
                let mut rects = Vec::with_capacity(xs.len());
                for (j, (&x, &y)) in xs.iter().zip(ys).enumerate() {
                    check(budget, j, "stacking bars")?;
                    let left = x - group_width / 2.0 + slot as f64 * slot_width;
                    let base = if stack.is_some() {
                        let acc = bar_acc.entry((slot, x.to_bits(), y >= 0.0)).or_insert(0.0);
                        let b = *acc;
                        *acc += y;
                        b
                    } else {
                        0.0
                    };
                    let (c0, c1, v0, v1) = (left, left + slot_width, base, base + y);
                    rects.push(if *horizontal {
                        [v0, v1, c0, c1]
                    } else {
                        [c0, c1, v0, v1]
                    });
                }
                (
                    Geom::Rects {
                        rects,
                        gap: false,
                        horizontal: *horizontal,
                    },
                    Swatch::Patch,
                    solid.with_alpha(*opacity),
                )
            }
            PlotKind::Area {
                xs,
                ys,
                stack,
                opacity,
                width,
            } => {
                let mut lo = Vec::with_capacity(xs.len());
                let mut hi = Vec::with_capacity(xs.len());
                for (j, (&x, &y)) in xs.iter().zip(ys).enumerate() {
                    check(budget, j, "stacking areas")?;
                    match stack {
                        Some(s) => {
                            let acc = area_acc.entry((s.clone(), x.to_bits())).or_insert(0.0);
                            let b = *acc;
                            *acc += if y.is_finite() { y } else { 0.0 };
                            lo.push(b);
                            hi.push(if y.is_finite() { b + y } else { b });
                        }
                        None => {
                            lo.push(if y.is_finite() { 0.0 } else { f64::NAN });
                            hi.push(y);
                        }
                    }
                }
                (
                    Geom::Band {
                        xs: xs.clone(),
                        lo,
                        hi,
                        width: *width,
                    },
                    Swatch::Patch,
                    solid.with_alpha(*opacity),
                )
            }
            PlotKind::Histogram {
                values,
                bins,
                bin_width,
                opacity,
            } => {
                let rects = histogram(values, *bins, *bin_width, budget)?;
                (
                    Geom::Rects {
                        rects,
                        gap: true,
                        horizontal: false,
                    },
                    Swatch::Patch,
                    solid.with_alpha(*opacity),
                )
            }
        };
        shapes.push(Shape {
            name: p.name.clone(),
            color: solid,
            fill,
            swatch,
            geom,
        });
    }
    Ok(shapes)
}

/// The smallest gap between distinct sorted values (1 when there is none): bar width unit.
fn min_spacing(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let gap = xs
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() {
        gap
    } else {
        1.0
    }
}

/// Bin edges and counts. Without `bins`/`bin_width`, the Freedman–Diaconis rule, within 1–200.
pub fn histogram(
    values: &[f64],
    bins: Option<u32>,
    bin_width: Option<f64>,
    budget: &Budget,
) -> Result<Vec<[f64; 4]>> {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    };
    let n = match (bins, bin_width) {
        (Some(b), _) => b as usize,
        (None, Some(w)) => ((hi - lo) / w).ceil().max(1.0) as usize,
        (None, None) => {
            let mut sorted = values.to_vec();
            budget.check("binning")?;
            sorted.sort_unstable_by(|a, b| a.total_cmp(b));
            let q = |p: f64| sorted[((sorted.len() - 1) as f64 * p) as usize];
            let iqr = q(0.75) - q(0.25);
            let h = 2.0 * iqr / (values.len() as f64).cbrt();
            if h > 0.0 {
                ((hi - lo) / h).ceil().clamp(1.0, 200.0) as usize
            } else {
                10
            }
        }
    };
    let width = match bin_width {
        Some(w) => w,
        None => (hi - lo) / n as f64,
    };
    let mut counts = vec![0u64; n];
    for (i, &v) in values.iter().enumerate() {
        check(budget, i, "binning")?;
        let k = (((v - lo) / width) as usize).min(n - 1);
        counts[k] += 1;
    }
    Ok(counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            [
                lo + k as f64 * width,
                lo + (k + 1) as f64 * width,
                0.0,
                c as f64,
            ]
        })
        .collect())
}

/// The extents of all shapes along screen x and y.
pub fn extents(shapes: &[Shape], budget: &Budget) -> Result<(Extent, Extent)> {
    let (mut ex, mut ey) = (Extent::empty(), Extent::empty());
    for s in shapes {
        match &s.geom {
            Geom::Path { pts, .. } | Geom::Points { pts, .. } => {
                for chunk in pts.chunks(CHUNK) {
                    budget.check("measuring the data")?;
                    let (cx, cy) = point_extents(chunk);
                    ex.merge(&cx);
                    ey.merge(&cy);
                }
            }
            Geom::Rects {
                rects, horizontal, ..
            } => {
                for r in rects {
                    ex.add(r[0]);
                    ex.add(r[1]);
                    ey.add(r[2]);
                    ey.add(r[3]);
                }
                if *horizontal {
                    ex.zero_baseline = true;
                } else {
                    ey.zero_baseline = true;
                }
            }
            Geom::Band { xs, lo, hi, .. } => {
                for ((&x, &a), &b) in xs.iter().zip(lo).zip(hi) {
                    if b.is_finite() {
                        ex.add(x);
                        ey.add(a);
                        ey.add(b);
                    }
                }
                ey.zero_baseline = true;
            }
        }
    }
    Ok((ex, ey))
}

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

/// Draws one shape, clipped to the frame's plot; `runs` are its lines from [`path_runs`].
pub fn draw_shape<C: Canvas>(
    p: &Painter<C>,
    s: &Shape,
    runs: &[Vec<(f32, f32)>],
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let budget = *p.budget();
    let Frame { plot, sx, sy } = frame;
    match &s.geom {
        Geom::Path {
            pts,
            width,
            dash,
            marker,
        } => {
            let stroke = Stroke {
                color: s.color,
                width: *width as f32 * k,
                dash: dash
                    .as_ref()
                    .map(|d| d.iter().map(|v| *v as f32 * k).collect()),
            };
            for run in runs {
                p.line(run, &stroke)?;
            }
            if let Some(m) = marker {
                draw_points(p, pts, m, s.color, frame, k)?;
            }
        }
        Geom::Points { pts, marker } => draw_points(p, pts, marker, s.fill, frame, k)?,
        Geom::Rects {
            rects,
            gap,
            horizontal,
        } => {
            for (i, r) in rects.iter().enumerate() {
                check(&budget, i, "drawing bars")?;
                let (mut x0, mut x1) = (
                    sx.map(r[0]).clamp(plot.x0, plot.x1),
                    sx.map(r[1]).clamp(plot.x0, plot.x1),
                );
                let (y0, y1) = (
                    sy.map(r[2]).clamp(plot.y0, plot.y1),
                    sy.map(r[3]).clamp(plot.y0, plot.y1),
                );
                if *gap && !horizontal && (x1 - x0).abs() >= 4.0 * k {
                    let g = 0.5 * k;
                    (x0, x1) = (x0.min(x1) + g, x0.max(x1) - g);
                }
                if (x1 - x0).abs() < 0.01 || (y1 - y0).abs() < 0.01 {
                    continue;
                }
                p.rect(x0, y0, x1, y1, s.fill)?;
            }
        }
        Geom::Band { xs, lo, hi, width } => {
            // One polygon per run of finite values.
            let mut start = 0;
            while start < xs.len() {
                while start < xs.len() && !(hi[start].is_finite() && lo[start].is_finite()) {
                    start += 1;
                }
                let mut end = start;
                while end < xs.len() && hi[end].is_finite() && lo[end].is_finite() {
                    end += 1;
                }
                if end - start >= 2 {
                    let clampy = |v: f64| sy.map(v).clamp(plot.y0, plot.y1);
                    let clampx = |v: f64| sx.map(v).clamp(plot.x0, plot.x1);
                    let top: Vec<(f64, f64)> = (start..end).map(|i| (xs[i], hi[i])).collect();
                    let mut poly: Vec<(f32, f32)> = (start..end)
                        .map(|i| (clampx(xs[i]), clampy(hi[i])))
                        .collect();
                    poly.extend((start..end).rev().map(|i| (clampx(xs[i]), clampy(lo[i]))));
                    let poly = if poly.len() > 20_000 {
                        decimate_band(poly)
                    } else {
                        poly
                    };
                    p.polygon(&poly, s.fill)?;
                    let stroke = Stroke::solid(s.color, *width as f32 * k);
                    for run in pixel_runs(&top, sx, sy, &plot.inset(-(*width as f32) * k), &budget)?
                    {
                        p.line(&run, &stroke)?;
                    }
                }
                start = end.max(start + 1);
            }
        }
    }
    Ok(())
}

/// A very long band polygon keeps every n-th vertex (its outline is drawn exactly on top).
fn decimate_band(poly: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let step = poly.len() / 10_000 + 1;
    poly.into_iter().step_by(step).collect()
}

/// Markers at the finite points that fall inside the plot (give or take half a pixel).
fn draw_points<C: Canvas>(
    p: &Painter<C>,
    pts: &[(f64, f64)],
    m: &Marker,
    color: Rgba,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let mut centers = Vec::with_capacity(pts.len());
    for (i, &(x, y)) in pts.iter().enumerate() {
        check(p.budget(), i, "mapping points")?;
        if x.is_finite() && y.is_finite() {
            let c = frame.map((x, y));
            if frame.plot.inset(-0.5).contains(c) {
                centers.push(c);
            }
        }
    }
    let kind = if m.kind == MarkerKind::None {
        MarkerKind::Circle
    } else {
        m.kind
    };
    p.markers(kind, m.size as f32 * k, color, centers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_extents_match_point_by_point() {
        let vals = [
            3.5,
            -2.0,
            f64::NAN,
            0.0,
            1e-300,
            f64::INFINITY,
            7.25,
            -1e9,
            0.5,
        ];
        for n in 0..40 {
            let pts: Vec<(f64, f64)> = (0..n)
                .map(|i| (vals[i % vals.len()], vals[(i * 5 + 2) % vals.len()]))
                .collect();
            let (mut ex, mut ey) = (Extent::empty(), Extent::empty());
            for &(x, y) in &pts {
                if x.is_finite() && y.is_finite() {
                    ex.add(x);
                    ey.add(y);
                }
            }
            let (vx, vy) = point_extents(&pts);
            for (a, b) in [(ex, vx), (ey, vy)] {
                assert_eq!(
                    (a.min, a.max, a.min_positive),
                    (b.min, b.max, b.min_positive),
                    "{n} points"
                );
            }
        }
    }

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

    #[test]
    fn histogram_counts_every_value() {
        let vals: Vec<f64> = (0..1000).map(|i| (i % 100) as f64).collect();
        let rects = histogram(&vals, Some(10), None, &Budget::from_millis(10_000)).unwrap();
        assert_eq!(rects.len(), 10);
        assert_eq!(rects.iter().map(|r| r[3]).sum::<f64>(), 1000.0);
        assert_eq!(rects[0][0], 0.0);
        assert_eq!(rects[9][1], 99.0);
    }
}
