//! Polygons (pie wedges, areas, bands, radar fills) filled into the coverage mask by the area
//! each pixel has inside them: the signed-area accumulation of font rasterizers, kept sparse.
//!
//! An edge crossing a row adds, to the cells it passes through, the share of the row's height it
//! spans (signed by its direction) split by where it passes; a pixel's coverage is the sum of
//! everything added at or left of it. Only the cells edges cross get an entry, so a row is a few
//! entries sorted by column, and the pixels between two entries, wholly inside or outside, are
//! filled as one run. Where windings are ±1 this is exactly the non-zero rule; where a polygon
//! winds twice, coverage is clamped to full. tiny-skia's path filler, used before, spent most
//! of a pie's or a stacked area chart's drawing time on its 4×4 supersampled runs and
//! per-span paint pipeline; here coverage is written in the sixteen levels the rest of the
//! canvas uses ([`super::level16`]) and blended once, eight pixels at a time.

use super::level16;
use super::mask::{fill_pixels, StrokeMask};
use crate::draw::{ceil, floor};

/// A polygon edge, top to bottom: `dir` is +1 where the outline goes down, −1 up.
#[derive(Clone, Copy)]
struct Edge {
    top: f32,
    bottom: f32,
    x_top: f32,
    dxdy: f32,
    dir: f32,
}

impl Edge {
    fn new(a: (f32, f32), b: (f32, f32)) -> Option<Edge> {
        let (dir, a, b) = if a.1 < b.1 { (1.0, a, b) } else { (-1.0, b, a) };
        // Horizontal edges add nothing.
        (a.1 < b.1).then(|| Edge {
            top: a.1,
            bottom: b.1,
            x_top: a.0,
            dxdy: (b.0 - a.0) / (b.1 - a.1),
            dir,
        })
    }

    #[inline]
    fn x_at(&self, y: f32) -> f32 {
        self.x_top + (y - self.top) * self.dxdy
    }
}

/// A row's entries are sorted and swept, and the runs between them filled, while there are
/// few; with at least [`DENSE_FROM`], and more than one per [`DENSE_PER_PIXELS`] pixels of the
/// row, they are added into a row of sums instead, read once along it. A stacked area's
/// wiggly bands cross a row dozens of times (14 bands: 16 % fewer instructions); a pie's
/// wedges a few times, with long runs between (summing them cost 14 % more).
const DENSE_FROM: usize = 32;
const DENSE_PER_PIXELS: usize = 12;

/// The polygon's edges, those crossing the current row, and the row's accumulation entries
/// (column, amount) or sums, reused from row to row and polygon to polygon.
#[derive(Default)]
pub(super) struct FillScratch {
    edges: Vec<Edge>,
    active: Vec<Edge>,
    cells: Vec<(i32, f32)>,
    sums: Vec<f32>,
    /// Tests: always (or never) sum rows densely.
    #[cfg(test)]
    dense: Option<bool>,
}

/// An opaque fill's colour (premultiplied RGBA bytes) and the image's pixels, of the mask's
/// width: the polygon's wholly covered runs are stored there as the colour at once — blending
/// them would give the colour itself — so that a pie's wedges and an area's insides are
/// written once instead of into the mask, read back and blended (arc_donut: 7 % fewer
/// instructions in all).
pub(super) struct Solid<'p> {
    pub data: &'p mut [u8],
    pub pixel: [u8; 4],
}

impl StrokeMask {
    /// Adds the coverage of the polygon through `points` (closed; non-zero rule), its wholly
    /// covered runs stored in `solid` when given. Points that are not finite leave the polygon
    /// out, as a path with them cannot be drawn.
    pub(super) fn polygon(
        &mut self,
        points: &[(f32, f32)],
        scratch: &mut FillScratch,
        mut solid: Option<Solid>,
    ) {
        if points.len() < 3 || points.iter().any(|p| !(p.0.is_finite() && p.1.is_finite())) {
            return;
        }
        let height = self.height as f32;
        scratch.edges.clear();
        let closing = (points[points.len() - 1], points[0]);
        for (a, b) in points.windows(2).map(|w| (w[0], w[1])).chain([closing]) {
            // Edges wholly above or below the image change no pixel of it.
            match Edge::new(a, b) {
                Some(e) if e.bottom > 0.0 && e.top < height => scratch.edges.push(e),
                _ => {}
            }
        }
        if scratch.edges.is_empty() {
            return;
        }
        scratch
            .edges
            .sort_unstable_by(|a, b| a.top.total_cmp(&b.top));
        let first = (scratch.edges[0].top.max(0.0)) as usize;
        let last = scratch.edges.iter().map(|e| e.bottom).fold(0.0, f32::max);
        let end = (last.ceil() as usize).min(self.height);
        scratch.active.clear();
        let mut next = 0;
        for y in first..end {
            let (row_top, row_bottom) = (y as f32, (y + 1) as f32);
            while next < scratch.edges.len() && scratch.edges[next].top < row_bottom {
                scratch.active.push(scratch.edges[next]);
                next += 1;
            }
            scratch.active.retain(|e| e.bottom > row_top);
            scratch.cells.clear();
            for e in &scratch.active {
                let (ya, yb) = (e.top.max(row_top), e.bottom.min(row_bottom));
                if yb > ya {
                    let (xa, xb) = (e.x_at(ya), e.x_at(yb));
                    add_crossing(&mut scratch.cells, xa, xb, (yb - ya) * e.dir, self.width);
                }
            }
            let cells = &mut scratch.cells;
            // The columns the entries span, when there are enough of them to be summed.
            let span = (cells.len() >= DENSE_FROM)
                .then(|| columns(cells))
                .filter(|&(lo, hi)| cells.len() * DENSE_PER_PIXELS > hi - lo);
            #[cfg(test)]
            let span = match scratch.dense {
                Some(true) if !cells.is_empty() => Some(columns(cells)),
                Some(_) => None,
                None => span,
            };
            match span {
                Some(span) => self.sum_row(y, cells, span, &mut scratch.sums, &mut solid),
                None => self.sweep_row(y, cells, &mut solid),
            }
        }
    }

    /// Writes row `y`'s coverage from its accumulation entries, which lie in columns
    /// `lo..=hi`, added into `sums` (kept zero between rows) and summed along the row.
    fn sum_row(
        &mut self,
        y: usize,
        cells: &[(i32, f32)],
        (lo, hi): (usize, usize),
        sums: &mut Vec<f32>,
        solid: &mut Option<Solid>,
    ) {
        if sums.len() < self.width {
            sums.resize(self.width, 0.0);
        }
        for &(x, d) in cells {
            sums[x as usize] += d;
        }
        self.touch(y, lo, hi);
        let row = y * self.stride;
        let mut sum = 0.0f32;
        for (s, cell) in sums[lo..=hi]
            .iter_mut()
            .zip(&mut self.cov[row + lo..=row + hi])
        {
            sum += std::mem::take(s);
            *cell = (*cell).max(level16(sum.abs()));
        }
        // Past the last entry the polygon goes on to the image's edge (see `sweep_row`).
        self.run(y, hi + 1..self.width, level16(sum.abs()), solid);
    }

    /// Writes row `y`'s coverage from its accumulation entries.
    fn sweep_row(&mut self, y: usize, cells: &mut [(i32, f32)], solid: &mut Option<Solid>) {
        cells.sort_unstable_by_key(|c| c.0);
        let mut sum = 0.0f32;
        let mut i = 0;
        while i < cells.len() {
            let x = cells[i].0 as usize;
            while i < cells.len() && cells[i].0 as usize == x {
                sum += cells[i].1;
                i += 1;
            }
            // Up to the next entry, or on to the image's right edge after the last (entries
            // beyond it were dropped; for a polygon closed inside the image the sum is zero).
            let until = cells.get(i).map_or(self.width, |c| c.0 as usize);
            self.run(y, x..until, level16(sum.abs()), solid);
        }
    }

    /// Pixels `xs` of row `y` at coverage `c`: stored as the solid colour when they are wholly
    /// covered and there is one, else raised in the mask.
    fn run(&mut self, y: usize, xs: std::ops::Range<usize>, c: u8, solid: &mut Option<Solid>) {
        match solid {
            Some(solid) if c == 255 && !xs.is_empty() => {
                let row = y * self.width;
                fill_pixels(
                    &mut solid.data[(row + xs.start) * 4..(row + xs.end) * 4],
                    solid.pixel,
                );
            }
            _ => self.fill_run(y, xs, c),
        }
    }

    /// Raises the coverage of pixels `xs` of row `y` to `c`.
    fn fill_run(&mut self, y: usize, xs: std::ops::Range<usize>, c: u8) {
        if c == 0 || xs.is_empty() {
            return;
        }
        self.touch(y, xs.start, xs.end - 1);
        let row = y * self.stride;
        for cell in &mut self.cov[row + xs.start..row + xs.end] {
            *cell = (*cell).max(c);
        }
    }
}

/// The first and last column of a row's entries.
fn columns(cells: &[(i32, f32)]) -> (usize, usize) {
    cells.iter().fold((usize::MAX, 0), |(lo, hi), c| {
        (lo.min(c.0 as usize), hi.max(c.0 as usize))
    })
}

/// Adds the accumulation entries of an edge crossing one row from `xa` to `xb`, covering `d`
/// of the row's height (signed by direction). Entries left of the image are gathered in
/// column 0 (they add to every pixel of the row alike), those right of it dropped (they add to
/// none), so a far-off edge costs no more than one across the image.
fn add_crossing(cells: &mut Vec<(i32, f32)>, xa: f32, xb: f32, d: f32, width: usize) {
    let w = width as i32;
    let mut add = |x: i32, v: f32| {
        if x < w {
            cells.push((x.max(0), v));
        }
    };
    let (x0, x1) = if xa < xb { (xa, xb) } else { (xb, xa) };
    let (x0_floor, x1_ceil) = (floor(x0), ceil(x1));
    // Far beyond the image the arithmetic below would lose precision: clamp, keeping the side.
    let (x0i, x1i) = (
        x0_floor.clamp(-1e6, 1e6) as i32,
        x1_ceil.clamp(-1e6, 1e6) as i32,
    );
    if x1i <= x0i + 1 {
        // Within one column: split by the crossing's mean position in it.
        let mid = 0.5 * (xa + xb) - x0_floor;
        add(x0i, d * (1.0 - mid));
        add(x0i + 1, d * mid);
        return;
    }
    let s = (x1 - x0).recip();
    let f0 = x0 - x0_floor;
    let a0 = 0.5 * s * (1.0 - f0) * (1.0 - f0);
    let f1 = x1 - x1_ceil + 1.0;
    let am = 0.5 * s * f1 * f1;
    add(x0i, d * a0);
    if x1i == x0i + 2 {
        add(x0i + 1, d * (1.0 - a0 - am));
    } else {
        let a1 = s * (1.5 - f0);
        add(x0i + 1, d * (a1 - a0));
        // Columns x0i + 2 .. x1i - 1 each add d·s: those left of the image at once.
        let (from, to) = (x0i + 2, x1i - 1);
        let left = (0.min(to) - from).max(0);
        if left > 0 {
            add(0, d * s * left as f32);
        }
        for x in from.max(0)..to.min(w) {
            add(x, d * s);
        }
        let a2 = a1 + (x1i - x0i - 3) as f32 * s;
        add(x1i - 1, d * (1.0 - a2 - am));
    }
    add(x1i, d * am);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_is_the_standard_librarys_everywhere() {
        for x in [
            0.0f32,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.999,
            -2.001,
            8_388_607.5,
            -8_388_607.5,
            8_388_608.0,
            1e7,
            -1e7,
            3e9,
            -3e9,
            1e30,
            -1e30,
        ] {
            assert_eq!(floor(x), x.floor(), "{x}");
            assert_eq!(ceil(x), x.ceil(), "{x}");
        }
    }

    fn coverage(w: u32, h: u32, points: &[(f32, f32)]) -> Vec<u8> {
        let mut mask = StrokeMask::new(w, h);
        mask.polygon(points, &mut FillScratch::default(), None);
        let mut out = Vec::new();
        for y in 0..h as usize {
            let row = &mask.cov[y * mask.stride..][..w as usize];
            out.extend_from_slice(row);
        }
        out
    }

    /// The summed coverage of a polygon, in pixels.
    fn area(cov: &[u8]) -> f32 {
        cov.iter().map(|&c| c as f32 / 255.0).sum()
    }

    #[test]
    fn a_pixel_aligned_square_is_full_inside_and_empty_outside() {
        let cov = coverage(10, 10, &[(2.0, 3.0), (7.0, 3.0), (7.0, 8.0), (2.0, 8.0)]);
        for y in 0..10 {
            for x in 0..10 {
                let inside = (2..7).contains(&x) && (3..8).contains(&y);
                assert_eq!(cov[y * 10 + x], if inside { 255 } else { 0 }, "({x}, {y})");
            }
        }
    }

    #[test]
    fn edges_through_pixels_cover_them_by_area() {
        // Half a pixel off the grid on every side: edge pixels half covered, corners a quarter.
        let cov = coverage(10, 10, &[(2.5, 2.5), (6.5, 2.5), (6.5, 6.5), (2.5, 6.5)]);
        assert_eq!(cov[4 * 10 + 4], 255);
        assert_eq!(cov[4 * 10 + 2], level16(0.5));
        assert_eq!(cov[2 * 10 + 4], level16(0.5));
        assert_eq!(cov[2 * 10 + 2], level16(0.25));
        assert_eq!(cov[7 * 10 + 7], 0);
        // A triangle of any slope covers its area, to the rounding of sixteen levels.
        let tri: [(f32, f32); 3] = [(1.3, 0.7), (18.6, 4.2), (6.1, 17.9)];
        let expected = 0.5
            * ((tri[1].0 - tri[0].0) * (tri[2].1 - tri[0].1)
                - (tri[2].0 - tri[0].0) * (tri[1].1 - tri[0].1))
                .abs();
        let got = area(&coverage(20, 20, &tri));
        assert!((got - expected).abs() < 1.5, "{got} vs {expected}");
    }

    #[test]
    fn winding_either_way_and_overlaps_fill_as_the_non_zero_rule() {
        let cw = coverage(10, 10, &[(1.0, 1.0), (8.0, 1.0), (8.0, 8.0), (1.0, 8.0)]);
        let ccw = coverage(10, 10, &[(1.0, 8.0), (8.0, 8.0), (8.0, 1.0), (1.0, 1.0)]);
        assert_eq!(cw, ccw);
        // A bow tie: both lobes filled (winding +1 and −1).
        let bow = coverage(
            10,
            10,
            &[(0.0, 0.0), (10.0, 10.0), (10.0, 0.0), (0.0, 10.0)],
        );
        assert_eq!(bow[5 * 10 + 1], 255, "left lobe");
        assert_eq!(bow[5 * 10 + 8], 255, "right lobe");
        assert_eq!(bow[5], 0, "gap above the crossing");
        // A square traced twice winds twice: still full, not more.
        let twice = [(1.0, 1.0), (8.0, 1.0), (8.0, 8.0), (1.0, 8.0)].repeat(2);
        assert_eq!(coverage(10, 10, &twice), cw);
    }

    #[test]
    fn polygons_beyond_the_image_are_clipped_not_lost() {
        // Mostly off the image on every side: inside pixels full, the rest of the image too.
        let big = [(-1e7, -50.0), (1e7, -50.0), (1e7, 60.0), (-1e7, 60.0)];
        assert!(coverage(12, 9, &big).iter().all(|&c| c == 255));
        // A slanted edge entering from the left: columns right of it full, left of it by area.
        let cov = coverage(10, 4, &[(-30.0, 0.0), (5.0, 0.0), (5.0, 4.0), (-20.0, 4.0)]);
        assert!(cov
            .chunks(10)
            .all(|r| r[..5].iter().all(|&c| c == 255) && r[5] == 0));
        // Wholly outside, or not finite: nothing.
        assert!(coverage(10, 10, &[(20.0, 1.0), (30.0, 1.0), (25.0, 8.0)])
            .iter()
            .all(|&c| c == 0));
        assert!(coverage(10, 10, &[(1.0, 1.0), (f32::NAN, 1.0), (5.0, 8.0)])
            .iter()
            .all(|&c| c == 0));
    }

    /// A stacked area's band as a 100 × 80 image holds it: wiggly edges, off the left side.
    fn wiggly_band() -> Vec<(f32, f32)> {
        let mut band: Vec<_> = (0..=60)
            .map(|i| (i as f32 * 1.7 - 3.0, 20.0 + 15.0 * (i as f32 * 0.9).sin()))
            .collect();
        band.extend(
            (0..=60)
                .rev()
                .map(|i| (i as f32 * 1.7 - 3.0, 48.0 + 9.0 * (i as f32 * 1.3).cos())),
        );
        band
    }

    #[test]
    fn rows_summed_densely_or_swept_sparsely_agree() {
        let band = wiggly_band();
        let wedge = [(50.0, 40.0), (99.5, 12.25), (99.5, 77.0)];
        for poly in [&band[..], &wedge[..]] {
            let run = |dense| {
                let mut mask = StrokeMask::new(100, 80);
                let mut scratch = FillScratch {
                    dense: Some(dense),
                    ..Default::default()
                };
                mask.polygon(poly, &mut scratch, None);
                (0..80)
                    .flat_map(|y| mask.cov[y * mask.stride..][..100].to_vec())
                    .collect::<Vec<u8>>()
            };
            let (dense, sparse) = (run(true), run(false));
            // The same sums added in another order: at most one level apart, and rarely.
            let apart = dense.iter().zip(&sparse).filter(|(a, b)| a != b).count();
            assert!(dense.iter().zip(&sparse).all(|(a, b)| a.abs_diff(*b) <= 17));
            assert!(apart * 100 < dense.len(), "{apart} pixels differ");
            assert!(dense.contains(&255) && dense.contains(&0));
        }
    }

    #[test]
    fn an_opaque_fill_stored_at_once_is_its_mask_blended() {
        // Over a background of every shade, summed rows and swept ones, a band and a wedge:
        // the same bytes as the coverage blended.
        let band = wiggly_band();
        let wedge = [(50.0, 40.0), (99.5, 12.25), (99.5, 77.0), (-5.0, 79.5)];
        let colour = crate::spec::color::Rgba(200, 30, 90, 255);
        for poly in [&band[..], &wedge[..]] {
            for dense in [true, false] {
                let draw = |solid: bool| {
                    let mut pixmap = tiny_skia::Pixmap::new(100, 80).unwrap();
                    for (i, b) in pixmap.data_mut().iter_mut().enumerate() {
                        *b = if i % 4 == 3 { 255 } else { (i * 7 % 251) as u8 };
                    }
                    let mut mask = StrokeMask::new(100, 80);
                    let mut scratch = FillScratch {
                        dense: Some(dense),
                        ..Default::default()
                    };
                    let pixel = [colour.0, colour.1, colour.2, 255];
                    let data = pixmap.data_mut();
                    mask.polygon(poly, &mut scratch, solid.then_some(Solid { data, pixel }));
                    mask.blend_into(&mut pixmap, colour);
                    pixmap.data().to_vec()
                };
                let (stored, blended) = (draw(true), draw(false));
                assert!(stored == blended, "dense: {dense}");
                assert!(stored.chunks(4).any(|p| p == [200, 30, 90, 255]));
            }
        }
    }

    #[test]
    fn coverage_agrees_with_tiny_skias_filler() {
        // A donut wedge and a wiggly band, as charts draw them: every pixel within two of
        // sixteen levels of tiny-skia's 4×4 supersampled fill, and the same area.
        let (cx, cy) = (40.0f32, 40.0f32);
        let arc = |t: f32, r: f32| (cx + r * t.cos(), cy + r * t.sin());
        let mut wedge: Vec<_> = (0..=30).map(|i| arc(0.3 + i as f32 * 0.05, 35.0)).collect();
        wedge.extend((0..=30).rev().map(|i| arc(0.3 + i as f32 * 0.05, 17.0)));
        let mut band: Vec<_> = (0..=40)
            .map(|i| (i as f32 * 2.0, 30.0 + 12.0 * (i as f32 * 0.4).sin()))
            .collect();
        band.extend(
            (0..=40)
                .rev()
                .map(|i| (i as f32 * 2.0, 55.0 + 5.0 * (i as f32 * 0.7).cos())),
        );
        for poly in [wedge, band] {
            let ours = coverage(80, 80, &poly);
            let mut pixmap = tiny_skia::Pixmap::new(80, 80).unwrap();
            let mut paint = tiny_skia::Paint::default();
            paint.set_color_rgba8(0, 0, 0, 255);
            pixmap.fill_path(
                &super::super::polygon_path(&poly).unwrap(),
                &paint,
                tiny_skia::FillRule::Winding,
                tiny_skia::Transform::identity(),
                None,
            );
            let theirs: Vec<u8> = pixmap.data().chunks(4).map(|p| p[3]).collect();
            for (i, (&a, &b)) in ours.iter().zip(&theirs).enumerate() {
                assert!(a.abs_diff(b) <= 34, "pixel {i}: {a} vs {b}");
            }
            assert!((area(&ours) - area(&theirs)).abs() < 3.0);
        }
    }
}
