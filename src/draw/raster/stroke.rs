//! The rasterizer of solid polylines, by distance to each segment: a pixel's coverage is how far
//! the stroke's edge lies past its centre (a one-pixel ramp), in sixteen levels. Coverage of one
//! polyline is combined by maximum in a [`StrokeMask`] before blending, so joints are not
//! painted twice, and joins and caps come out round. For the thin strokes of charts this is
//! several times faster than filling a stroked outline, at the same quality (the tests hold it
//! to tiny-skia's own stroker). It is also compiled for AVX2, with the same arithmetic (no fused
//! multiply-add), so the same pixels.

use super::mask::{StrokeMask, LANES};
use crate::draw::floor;

/// Each lane's offset from the first pixel of its group.
const LANE_X: [f32; LANES] = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];

impl StrokeMask {
    /// Adds the coverage of a solid polyline `width` pixels wide.
    pub(super) fn polyline(&mut self, points: &[(f32, f32)], width: f32) {
        #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { self.polyline_avx2(points, width) };
        }
        self.polyline_any(points, width)
    }

    /// [`Self::polyline`] compiled for AVX2: the rows' lanes in one 8-wide register instead of
    /// two 4-wide ones. Same arithmetic (no fused multiply-add), so the same pixels.
    #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
    #[target_feature(enable = "avx2")]
    pub(super) fn polyline_avx2(&mut self, points: &[(f32, f32)], width: f32) {
        self.polyline_any(points, width)
    }

    #[inline(always)]
    pub(super) fn polyline_any(&mut self, points: &[(f32, f32)], width: f32) {
        let r = width / 2.0;
        let points = simplify(points, 0.08);
        if points.len() == 2 || points.windows(2).all(|s| s[0] == s[1]) {
            self.segment(points[0], points[points.len() - 1], r);
            return;
        }
        // A zero-length piece adds nothing to its neighbours' round joins.
        for seg in points.windows(2).filter(|s| s[0] != s[1]) {
            self.segment(seg[0], seg[1], r);
        }
    }

    /// Adds the coverage of the segment from `a` to `b` with radius `r` (a capsule).
    #[inline(always)]
    pub(super) fn segment(&mut self, a: (f32, f32), b: (f32, f32), r: f32) {
        let Some(cap) = Capsule::new(a, b, r, self.width, self.height) else {
            return;
        };
        let run = cap.vertical_run();
        // All rows the segment may touch, recorded at once (blending skips untouched ones).
        self.rows = (
            self.rows.0.min(cap.y_lo as usize),
            self.rows.1.max(cap.y_hi as usize),
        );
        for y in cap.y_lo as usize..=cap.y_hi as usize {
            if y >= run.rows.0 && y <= run.rows.1 {
                self.copy_run_row(y, cap.x_min as usize, &run);
            } else {
                self.capsule_row(y, &cap);
            }
        }
    }

    /// Row `y` of a vertical segment beside it: the run's one row of coverage, from `x0`.
    #[inline(always)]
    fn copy_run_row(&mut self, y: usize, x0: usize, run: &VerticalRun) {
        let groups = run.len.div_ceil(LANES);
        self.touch_blocks(y, x0, (x0 + groups * LANES - 1).min(self.width - 1));
        let row = y * self.stride + x0;
        for (cells, c) in self.cov[row..row + groups * LANES]
            .as_chunks_mut::<LANES>()
            .0
            .iter_mut()
            .zip(run.cov.as_chunks::<LANES>().0)
        {
            for i in 0..LANES {
                cells[i] = cells[i].max(c[i]);
            }
        }
    }

    /// Row `y` of a capsule, computed from the distance of each pixel's centre to the segment.
    #[inline(always)]
    fn capsule_row(&mut self, y: usize, cap: &Capsule) {
        let ey = y as f32 + 0.5 - cap.a.1;
        let (mut x0, mut x1) = (cap.x_min, cap.x_max);
        if cap.along.is_finite() {
            let cx = cap.a.0 + unit(ey * cap.inv_dy) * cap.dx;
            // floor + 1 for the ceiling: at worst one pixel more, computed exactly.
            x0 = x0.max(ifloor(cx - cap.along));
            x1 = x1.min(ifloor(cx + cap.along) + 1);
        }
        if x0 > x1 {
            return;
        }
        let ey_dy = ey * cap.dy;
        let (x0, x1) = (x0 as usize, x1 as usize);
        // The last group may reach past `x1` (exact coverage there too) and into the
        // padding, which is never blended.
        let last = x0 + ((x1 - x0) / LANES + 1) * LANES - 1;
        self.touch_blocks(y, x0, last.min(self.width - 1));
        let row = y * self.stride;
        let mut x = x0;
        while x <= x1 {
            let ex0 = x as f32 + 0.5 - cap.a.0;
            let mut c = [0u8; LANES];
            for i in 0..LANES {
                let ex = ex0 + LANE_X[i];
                let t = unit((ex * cap.dx + ey_dy) * cap.inv_len2);
                let (qx, qy) = (ex - t * cap.dx, ey - t * cap.dy);
                let d = (qx * qx + qy * qy).sqrt();
                // The level (0..=15) times 17, as 32-bit lanes (a byte multiply does not
                // vectorize on x86).
                let level = round_small(unit(cap.reach - d) * cap.scale);
                c[i] = ((level << 4) + level) as u8;
            }
            let cells: &mut [u8; LANES] = (&mut self.cov[row + x..row + x + LANES])
                .try_into()
                .expect("LANES bytes");
            for i in 0..LANES {
                cells[i] = cells[i].max(c[i]);
            }
            x += LANES;
        }
    }
}

/// A segment's capsule (the points within `reach` of it), prepared once for all its rows.
struct Capsule {
    a: (f32, f32),
    b: (f32, f32),
    dx: f32,
    dy: f32,
    /// The stroke's radius plus half a pixel: where coverage ends.
    reach: f32,
    inv_len2: f32,
    inv_dy: f32,
    /// Half-width of the capsule along a row, for steep segments; infinite for others.
    along: f32,
    /// Coverage level per pixel of depth, with thin strokes' lighter ink folded in.
    scale: f32,
    /// The rows and columns it may touch, inside the mask.
    y_lo: f32,
    y_hi: f32,
    x_min: i32,
    x_max: i32,
}

impl Capsule {
    /// `None` when the segment is not finite or lies wholly outside a `width`×`height` mask.
    #[inline(always)]
    fn new(a: (f32, f32), b: (f32, f32), r: f32, width: usize, height: usize) -> Option<Capsule> {
        if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) {
            return None;
        }
        let reach = r + 0.5;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let y_lo = floor(a.1.min(b.1) - reach).max(0.0);
        let y_hi = (a.1.max(b.1) + reach).ceil().min(height as f32 - 1.0);
        let x_min = floor(a.0.min(b.0) - reach).max(0.0);
        let x_max = (a.0.max(b.0) + reach).ceil().min(width as f32 - 1.0);
        if y_lo > y_hi || x_min > x_max {
            return None;
        }
        let along = if dy.abs() > 1e-3 {
            reach * len2.sqrt() / dy.abs()
        } else {
            f32::INFINITY
        };
        Some(Capsule {
            a,
            b,
            dx,
            dy,
            reach,
            // A zero-length segment is a dot: t stays 0 and the distance is to `a`.
            inv_len2: if len2 > 0.0 { 1.0 / len2 } else { 0.0 },
            inv_dy: if dy != 0.0 { 1.0 / dy } else { 0.0 },
            along,
            // Sixteen coverage levels, as a 4×4 supersampler would give: invisible, and the
            // PNG compresses much better than with 256.
            scale: (2.0 * r).min(1.0) * 15.0,
            y_lo,
            y_hi,
            x_min: x_min as i32,
            x_max: x_max as i32,
        })
    }

    /// For a vertical segment (grid lines): every row whose centre lies beside it is at distance
    /// |ex| from it, so one row of coverage, computed once, serves all those rows. For other
    /// segments, or wide ones, the run has no rows.
    #[inline(always)]
    fn vertical_run(&self) -> VerticalRun {
        let mut run = VerticalRun {
            rows: (1, 0),
            cov: [0; 4 * LANES],
            len: (self.x_max - self.x_min + 1) as usize,
        };
        if self.dx == 0.0 && self.dy != 0.0 && run.len <= run.cov.len() {
            let (top, bottom) = (self.a.1.min(self.b.1), self.a.1.max(self.b.1));
            let first = (top - 0.5).ceil().max(self.y_lo);
            let last = floor(bottom - 0.5).min(self.y_hi);
            if first <= last {
                run.rows = (first as usize, last as usize);
                for (i, c) in run.cov[..run.len].iter_mut().enumerate() {
                    let d = (self.x_min as f32 + i as f32 + 0.5 - self.a.0).abs();
                    let level = round_small(unit(self.reach - d) * self.scale);
                    *c = ((level << 4) + level) as u8;
                }
            }
        }
        run
    }
}

/// The rows beside a vertical segment, and their common coverage from its first column.
struct VerticalRun {
    /// First and last row (empty when first > last).
    rows: (usize, usize),
    cov: [u8; 4 * LANES],
    /// Pixels of `cov` in use.
    len: usize,
}

/// Drops points that lie within `tol` pixels of the straight run through their neighbours
/// and continue forward along it (Reumann–Witkam, with a direction check so that a spike
/// doubling back along the line is kept). Dense data lines have many such points; dropping them
/// changes no pixel by more than the tolerance and saves most of the stroking.
fn simplify(points: &[(f32, f32)], tol: f32) -> std::borrow::Cow<'_, [(f32, f32)]> {
    if points.len() < 3 {
        return std::borrow::Cow::Borrowed(points);
    }
    let mut out = Vec::with_capacity(points.len());
    out.push(points[0]);
    let mut anchor = 0;
    while anchor < points.len() - 1 {
        let a = points[anchor];
        let mut next = anchor + 1;
        let (dx, dy) = (points[next].0 - a.0, points[next].1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len > 0.0 {
            let (ux, uy) = (dx / len, dy / len);
            let mut along = len;
            while next + 1 < points.len() {
                let p = points[next + 1];
                let (px, py) = (p.0 - a.0, p.1 - a.1);
                let off = (px * uy - py * ux).abs();
                let proj = px * ux + py * uy;
                if off > tol || proj < along {
                    break;
                }
                along = proj;
                next += 1;
            }
        }
        out.push(points[next]);
        anchor = next;
    }
    std::borrow::Cow::Owned(out)
}

/// `v` limited to 0..=1, written as plain compares so that it vectorizes (`f32::clamp` keeps
/// NaN handling the callers do not need).
#[inline(always)]
fn unit(v: f32) -> f32 {
    let v = if v < 0.0 { 0.0 } else { v };
    if v > 1.0 {
        1.0
    } else {
        v
    }
}

/// `x.floor() as i32` without libm (see [`floor`]); `x` is a pixel coordinate.
#[inline(always)]
fn ifloor(x: f32) -> i32 {
    let t = x as i32;
    if t as f32 > x {
        t - 1
    } else {
        t
    }
}

/// `v` (0 ≤ v < 2²²) rounded to the nearest integer, in the low bits of the result: adding
/// 1.5 × 2²³ leaves the integer in the mantissa. A float-to-int `as` cast saturates and
/// does not vectorize; this is a bit cast.
#[inline(always)]
fn round_small(v: f32) -> u32 {
    (v + 12_582_912.0).to_bits() & 0x3f_ffff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::raster::RasterCanvas;
    use crate::draw::text::Fonts;
    use crate::draw::{Canvas, Stroke};
    use crate::spec::color::Rgba;
    #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
    use std::io::Write;
    use tiny_skia::{LineCap, LineJoin, PathBuilder, Pixmap, Transform};

    /// Vertical segments take a shortcut (one row of coverage copied down); it must match
    /// the general rows: a hair off vertical goes the general way.
    #[test]
    fn vertical_segments_match_the_general_rows() {
        for (x, w) in [(10.3, 0.8), (20.0, 1.0), (31.75, 1.75), (45.5, 4.0)] {
            let (mut fast, mut slow) = (StrokeMask::new(64, 80), StrokeMask::new(64, 80));
            fast.segment((x, 5.2), (x, 70.6), w / 2.0);
            slow.segment((x, 5.2), (x + 1e-4, 70.6), w / 2.0);
            let mut inked = 0;
            for y in 0..80 {
                for i in 0..64 {
                    let (f, s) = (fast.cov[y * fast.stride + i], slow.cov[y * slow.stride + i]);
                    assert!(f.abs_diff(s) <= 17, "x {x} w {w}: ({i}, {y}) {f} vs {s}");
                    inked += (f > 0) as usize;
                }
            }
            assert!(inked >= 60, "the segment left ink");
        }
    }

    /// The AVX2 build of the stroke and blend loops gives the very same pixels.
    #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
    #[test]
    fn avx2_strokes_match_the_portable_ones() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            // Written past the test harness's capture, so that a skip is seen.
            let mut err = std::io::stderr();
            if std::env::var("CHARTFN_SKIP_AVX2_TEST").as_deref() == Ok("1") {
                let _ = writeln!(
                    err,
                    "avx2_strokes_match_the_portable_ones: skipped, this CPU has no AVX2 \
                     (CHARTFN_SKIP_AVX2_TEST=1)"
                );
                return;
            }
            panic!(
                "this CPU has no AVX2, so the AVX2 strokes cannot be compared with the portable \
                 ones: run the tests on a CPU with AVX2, build without the `avx2` feature, or \
                 set CHARTFN_SKIP_AVX2_TEST=1 to skip this test"
            );
        }
        let line: Vec<(f32, f32)> = (0..3000)
            .map(|i| {
                let t = i as f32 * 0.1;
                (3.0 + t, 100.0 + 60.0 * (t * 0.37).sin() + (i % 7) as f32)
            })
            .collect();
        let color = Rgba(31, 119, 180, 200);
        let draw = |avx2: bool| {
            let mut mask = StrokeMask::new(320, 200);
            let mut pm = Pixmap::new(320, 200).unwrap();
            pm.fill(tiny_skia::Color::from_rgba8(250, 240, 230, 255));
            for width in [0.6, 1.0, 1.75, 4.0] {
                if avx2 {
                    // SAFETY: AVX2 checked above.
                    unsafe {
                        mask.polyline_avx2(&line, width);
                        mask.blend_into_avx2(&mut pm, color);
                    }
                } else {
                    mask.polyline_any(&line, width);
                    mask.blend_into_any(&mut pm, color);
                }
            }
            pm.data().to_vec()
        };
        let (portable, avx2) = (draw(false), draw(true));
        assert!(portable
            .iter()
            .any(|&b| b != 250 && b != 240 && b != 230 && b != 255));
        assert!(portable == avx2, "AVX2 and portable strokes differ");
    }

    #[test]
    fn simplification_keeps_corners_and_spikes() {
        let straight: Vec<(f32, f32)> = (0..100).map(|i| (i as f32, i as f32 * 0.5)).collect();
        assert_eq!(simplify(&straight, 0.08).len(), 2);
        let spike = [(0.0, 0.0), (0.0, 10.0), (0.0, 0.0), (5.0, 0.0)];
        assert_eq!(
            simplify(&spike, 0.08).len(),
            4,
            "a spike back along the line stays"
        );
        let corner = [(0.0, 0.0), (5.0, 0.0), (5.0, 5.0)];
        assert_eq!(simplify(&corner, 0.08).len(), 3);
    }

    /// The polylines the reference test draws, all off the pixel grid except the axis-aligned
    /// pair (grid lines): near-horizontal, near-vertical, 45° and near-45°, shallow, and a
    /// zigzag with sharp and wide joins.
    fn reference_lines() -> Vec<(&'static str, Vec<(f32, f32)>)> {
        let zigzag = (0..9)
            .map(|i| {
                let y = if i % 2 == 0 {
                    14.2
                } else {
                    52.6 - i as f32 * 3.1
                };
                (6.3 + i as f32 * 9.7, y)
            })
            .collect();
        vec![
            ("near-horizontal", vec![(4.3, 20.6), (92.7, 22.1)]),
            ("horizontal", vec![(4.3, 40.5), (92.7, 40.5)]),
            ("near-vertical", vec![(30.4, 3.2), (32.1, 60.8)]),
            ("vertical", vec![(60.5, 3.2), (60.5, 60.8)]),
            ("diagonal", vec![(5.1, 4.6), (60.2, 59.7)]),
            ("near-diagonal", vec![(5.1, 4.6), (60.2, 57.3)]),
            ("shallow", vec![(3.7, 50.2), (93.4, 8.9)]),
            ("zigzag", zigzag),
        ]
    }

    const W: usize = 100;
    const H: usize = 64;
    /// The reference is drawn this many times larger and box-averaged down.
    const SCALE: usize = 4;

    /// Coverage (alpha) of `points` stroked `width` wide in opaque black on a blank image,
    /// drawn by chartfn's raster canvas.
    fn ours(points: &[(f32, f32)], width: f32) -> Vec<u8> {
        let mut canvas =
            RasterCanvas::new(W as u32, H as u32, Rgba(0, 0, 0, 0), Fonts::new()).expect("canvas");
        canvas.polyline(points, &Stroke::solid(Rgba(0, 0, 0, 255), width));
        let pixmap = canvas.into_pixmap();
        pixmap.pixels().iter().map(|p| p.alpha()).collect()
    }

    /// The same by tiny-skia's `stroke_path`, with the round caps and joins of chartfn's solid
    /// strokes, drawn [`SCALE`] times larger and box-averaged down. (At 1×, tiny-skia draws
    /// strokes up to a pixel wide as hairlines with alpha scaled by the width, which does not
    /// keep the geometry: a 45° hairline has 1/√2 of the ink of a 1-pixel stroke. At 4× every
    /// stroke here is a real outline, and the average is its area coverage.)
    fn tiny_skias(points: &[(f32, f32)], width: f32) -> Vec<u8> {
        let mut pb = PathBuilder::new();
        pb.move_to(points[0].0, points[0].1);
        for p in &points[1..] {
            pb.line_to(p.0, p.1);
        }
        let path = pb.finish().expect("path");
        let mut big = Pixmap::new((W * SCALE) as u32, (H * SCALE) as u32).expect("pixmap");
        let mut paint = tiny_skia::Paint::default();
        paint.set_color_rgba8(0, 0, 0, 255);
        paint.anti_alias = true;
        let stroke = tiny_skia::Stroke {
            width,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..Default::default()
        };
        let zoom = Transform::from_scale(SCALE as f32, SCALE as f32);
        big.stroke_path(&path, &paint, &stroke, zoom, None);
        let alpha = |x: usize, y: usize| big.pixels()[y * W * SCALE + x].alpha() as usize;
        let n = SCALE * SCALE;
        (0..W * H)
            .map(|i| {
                let (x, y) = (i % W * SCALE, i / W * SCALE);
                let sum: usize = (0..n).map(|k| alpha(x + k % SCALE, y + k / SCALE)).sum();
                ((sum + n / 2) / n) as u8
            })
            .collect()
    }

    /// Solid strokes against tiny-skia's stroker, at widths from 0.6 to 6 pixels.
    ///
    /// - Ink (the sum of coverage) per width over all lines, ours over tiny-skia's: within 5 %
    ///   of `min(1, w/2 + 1/2)²`. From a pixel wide up that is 1 (seen: within 1.3 %); thinner
    ///   strokes get less than their area, by that factor (0.64 at 0.6 px; the distance ramp's
    ///   peak is below one and is then scaled by the width; seen within 3.4 %, the axis-aligned
    ///   lines sampling only the peak). A stroke 10 % too wide or narrow is 9 % off or more.
    /// - From a pixel wide up, per line: the mean difference over inked pixels under 12
    ///   (one coverage level is 17; the sixteen levels alone are up to 8 off, and the distance
    ///   ramp differs from the area a slanted edge covers: seen up to 10.6, at exactly 45°), and
    ///   at most 3 % of inked pixels more than two levels (32) off (seen up to 1.5 %, at the
    ///   zigzag's inner corners, where the maximum of two ramps is less than the union's area).
    ///   A 10 % error in width breaks these too (seen: 12–30 % of pixels off by more than 32).
    /// - Thinner strokes, per line: at least 99 % of our ink where tiny-skia's is (seen: all).
    #[test]
    fn strokes_match_tiny_skias_stroker() {
        for width in [0.6f32, 0.8, 1.0, 1.5, 2.0, 3.0, 4.5, 6.0] {
            let (mut ink_ours, mut ink_theirs) = (0u64, 0u64);
            for (name, line) in reference_lines() {
                let (a, b) = (ours(&line, width), tiny_skias(&line, width));
                ink_ours += a.iter().map(|&c| c as u64).sum::<u64>();
                ink_theirs += b.iter().map(|&c| c as u64).sum::<u64>();
                let inked: Vec<(u8, u8)> = a
                    .iter()
                    .zip(&b)
                    .filter(|(x, y)| **x > 0 || **y > 0)
                    .map(|(&x, &y)| (x, y))
                    .collect();
                let case = format!("{name}, {width} px");
                if width < 1.0 {
                    let inside: u64 = inked.iter().filter(|p| p.1 > 0).map(|p| p.0 as u64).sum();
                    let all: u64 = inked.iter().map(|p| p.0 as u64).sum();
                    assert!(
                        inside as f64 >= 0.99 * all as f64,
                        "{case}: ink outside the stroke"
                    );
                    continue;
                }
                let diff: Vec<u32> = inked.iter().map(|p| p.0.abs_diff(p.1) as u32).collect();
                let mean = diff.iter().sum::<u32>() as f64 / diff.len() as f64;
                let far = diff.iter().filter(|&&d| d > 32).count() as f64 / diff.len() as f64;
                assert!(mean < 12.0, "{case}: mean difference {mean:.2}");
                assert!(
                    far <= 0.03,
                    "{case}: {:.1} % of pixels far off",
                    far * 100.0
                );
            }
            let ratio = ink_ours as f64 / ink_theirs as f64;
            let expected = ((width as f64 / 2.0 + 0.5).min(1.0)).powi(2);
            assert!(
                (ratio / expected - 1.0).abs() <= 0.05,
                "{width} px: ink {ratio:.3} of tiny-skia's, expected {expected:.3}"
            );
        }
    }
}
