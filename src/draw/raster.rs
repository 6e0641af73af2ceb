//! The anti-aliased raster canvas, over `tiny-skia`.
//!
//! Lines and polygons are filled by tiny-skia's anti-aliasing rasterizer at sub-pixel
//! positions. Markers and glyphs, drawn by the thousand, are rasterized once per shape and
//! sub-pixel phase into coverage masks and then blended ("stamped"), which keeps a 10,000-point
//! scatter plot in the low milliseconds. Caches live in the canvas, so they die with the render.

use super::text::Fonts;
use super::{floor, marker_outline, Canvas, HAlign, Stroke, TextStyle, VAlign};
use crate::spec::color::Rgba;
use crate::spec::MarkerKind;
use ab_glyph::{Font, GlyphId, PxScale};
use std::collections::HashMap;
use tiny_skia::{FillRule, LineCap, LineJoin, Mask, Paint, PathBuilder, Pixmap, Rect, Transform};

/// Sub-pixel phases per axis for markers and glyphs.
const PHASES: f32 = 4.0;
// Marker stamping splits quarter-pixel positions with `>> 2` and `& 3`.
const _: () = assert!(PHASES as u32 == 4);

/// A coverage mask with its offset from the integer pixel it is anchored to.
struct Coverage {
    left: i32,
    top: i32,
    width: usize,
    height: usize,
    data: Vec<u8>,
}

pub struct RasterCanvas {
    pixmap: Pixmap,
    fonts: Fonts,
    strokes: Option<StrokeMask>,
    markers: HashMap<(MarkerKind, u32, u8, u8), Coverage>,
    glyphs: HashMap<(bool, u16, u32, u8), Coverage>,
}

impl RasterCanvas {
    /// A canvas filled with `background`. `None` when the size is zero or too large to allocate.
    #[cfg(test)]
    pub fn new(width: u32, height: u32, background: Rgba, fonts: Fonts) -> Option<RasterCanvas> {
        let mut pixmap = Pixmap::new(width, height)?;
        if background.3 != 0 {
            pixmap.fill(tiny_skia::Color::from_rgba8(
                background.0,
                background.1,
                background.2,
                background.3,
            ));
        }
        Some(RasterCanvas {
            pixmap,
            fonts,
            strokes: None,
            markers: HashMap::new(),
            glyphs: HashMap::new(),
        })
    }

    /// A canvas painted `background`, written as it is allocated (see [`super::buffer`]) a band
    /// at a time, so that a budget check is never far away (a 25 MP image is 100 MB to write).
    pub fn with_background(
        width: u32,
        height: u32,
        background: Rgba,
        fonts: Fonts,
        budget: &crate::budget::Budget,
    ) -> crate::error::Result<RasterCanvas> {
        let c =
            tiny_skia::Color::from_rgba8(background.0, background.1, background.2, background.3)
                .premultiply()
                .to_color_u8();
        let px = [c.red(), c.green(), c.blue(), c.alpha()];
        let len = width as usize * height as usize * 4;
        let data = super::buffer::filled(len, &px, budget, "image")?;
        let size = tiny_skia::IntSize::from_wh(width, height).ok_or_else(|| {
            crate::error::Error::internal(format!("cannot make a {width}×{height} raster"))
        })?;
        let pixmap = Pixmap::from_vec(data, size).ok_or_else(|| {
            crate::error::Error::internal(format!("cannot make a {width}×{height} raster"))
        })?;
        Ok(RasterCanvas {
            pixmap,
            fonts,
            strokes: None,
            markers: HashMap::new(),
            glyphs: HashMap::new(),
        })
    }

    /// The finished image. The stroke mask's memory goes back for the next render (see
    /// [`super::buffer`]); a render that fails drops it instead, so odd sizes of stopped
    /// renders do not linger.
    pub fn into_pixmap(self) -> Pixmap {
        if let Some(mask) = self.strokes {
            super::buffer::give_back(mask.cov);
        }
        self.pixmap
    }

    fn paint(color: Rgba, anti_alias: bool) -> Paint<'static> {
        let mut p = Paint::default();
        p.set_color_rgba8(color.0, color.1, color.2, color.3);
        p.anti_alias = anti_alias;
        p
    }

    /// Source-over blends `color` through `cov` with its origin at pixel (`ox`, `oy`).
    fn blend(pixmap: &mut Pixmap, cov: &Coverage, ox: i32, oy: i32, color: Rgba) {
        let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
        let x0 = ox + cov.left;
        let y0 = oy + cov.top;
        let data = pixmap.data_mut();
        for row in 0..cov.height as i32 {
            let y = y0 + row;
            if y < 0 || y >= ph {
                continue;
            }
            let src = &cov.data[row as usize * cov.width..(row as usize + 1) * cov.width];
            for (col, &c) in src.iter().enumerate() {
                let x = x0 + col as i32;
                if c == 0 || x < 0 || x >= pw {
                    continue;
                }
                let a = mul255(color.3 as u32, c as u32);
                let i = (y as usize * pw as usize + x as usize) * 4;
                let inv = 255 - a;
                let px = &mut data[i..i + 4];
                px[0] = (mul255(color.0 as u32, a) + mul255(px[0] as u32, inv)) as u8;
                px[1] = (mul255(color.1 as u32, a) + mul255(px[1] as u32, inv)) as u8;
                px[2] = (mul255(color.2 as u32, a) + mul255(px[2] as u32, inv)) as u8;
                px[3] = (a + mul255(px[3] as u32, inv)) as u8;
            }
        }
    }

    /// The cached coverage of a marker at (`cx`, `cy`) and the pixel it is anchored to.
    fn marker_coverage(
        markers: &mut HashMap<(MarkerKind, u32, u8, u8), Coverage>,
        kind: MarkerKind,
        cx: f32,
        cy: f32,
        size: f32,
    ) -> (i32, i32, &Coverage) {
        let (ix, iy) = (floor(cx), floor(cy));
        let fx = floor((cx - ix) * PHASES).min(PHASES - 1.0);
        let fy = floor((cy - iy) * PHASES).min(PHASES - 1.0);
        let key = (kind, (size * 16.0) as u32, fx as u8, fy as u8);
        let cov = markers.entry(key).or_insert_with(|| {
            Self::marker_mask(kind, size, (fx + 0.5) / PHASES, (fy + 0.5) / PHASES)
        });
        (ix as i32, iy as i32, cov)
    }

    fn marker_mask(kind: MarkerKind, size: f32, fx: f32, fy: f32) -> Coverage {
        let pad = 1i32;
        let half = (size * 0.6).ceil() as i32 + pad;
        let side = (2 * half + 1) as u32;
        let (cx, cy) = (half as f32 + fx, half as f32 + fy);
        let path = match kind {
            MarkerKind::Circle | MarkerKind::None => PathBuilder::from_circle(cx, cy, size / 2.0),
            _ => polygon_path(
                &marker_outline(kind, size)
                    .iter()
                    .map(|(x, y)| (x + cx, y + cy))
                    .collect::<Vec<_>>(),
            ),
        };
        let mut mask = Mask::new(side, side).expect("marker mask size is positive");
        if let Some(path) = path {
            mask.fill_path(&path, FillRule::Winding, true, Transform::identity());
        }
        // Quantize like strokes, and trim empty rows and columns: stamps are blended by the
        // thousand, so every byte saved counts.
        let side = side as usize;
        let data: Vec<u8> = mask
            .data()
            .iter()
            .map(|&c| level16(c as f32 / 255.0))
            .collect();
        let rows: Vec<usize> = (0..side)
            .filter(|r| data[r * side..(r + 1) * side].iter().any(|&c| c > 0))
            .collect();
        let cols: Vec<usize> = (0..side)
            .filter(|c| (0..side).any(|r| data[r * side + c] > 0))
            .collect();
        let (Some(&r0), Some(&r1), Some(&c0), Some(&c1)) =
            (rows.first(), rows.last(), cols.first(), cols.last())
        else {
            return Coverage {
                left: 0,
                top: 0,
                width: 0,
                height: 0,
                data: Vec::new(),
            };
        };
        let (w, h) = (c1 - c0 + 1, r1 - r0 + 1);
        let mut trimmed = Vec::with_capacity(w * h);
        for r in r0..=r1 {
            trimmed.extend_from_slice(&data[r * side + c0..=r * side + c1]);
        }
        Coverage {
            left: -half + c0 as i32,
            top: -half + r0 as i32,
            width: w,
            height: h,
            data: trimmed,
        }
    }

    fn glyph_mask(
        fonts: &Fonts,
        bold: bool,
        id: GlyphId,
        size: f32,
        phase: f32,
    ) -> Option<Coverage> {
        let font = fonts.font(bold);
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(phase, 0.0));
        let outlined = font.outline_glyph(glyph)?;
        let b = outlined.px_bounds();
        let (w, h) = (b.width() as usize, b.height() as usize);
        let mut data = vec![0u8; w * h];
        outlined.draw(|x, y, c| {
            let i = y as usize * w + x as usize;
            if i < data.len() {
                data[i] = level16(c);
            }
        });
        Some(Coverage {
            left: b.min.x as i32,
            top: b.min.y as i32,
            width: w,
            height: h,
            data,
        })
    }
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

/// Solid polylines, rasterized by distance to each segment: a pixel's coverage is how far
/// the stroke's edge lies past its centre (a one-pixel ramp). Coverage of one polyline is
/// combined by maximum before blending, so joints are not painted twice, and joins and caps
/// come out round. For the thin strokes of charts this is several times faster than filling
/// a stroked outline, at the same quality.
///
/// Rows of the mask are [`LANES`] bytes longer than the image, so that every row of a segment
/// is computed and stored in whole groups of [`LANES`] pixels (fixed-size arrays the compiler
/// turns into SIMD, with no remainder loop): dense data lines are mostly rows of a few pixels.
struct StrokeMask {
    width: usize,
    height: usize,
    stride: usize,
    cov: Vec<u8>,
    /// Per row, one bit per block of `1 << block_shift` pixels that has coverage: blending
    /// visits only those (a data line crosses a wide image's rows in a few short runs).
    blocks: Vec<u64>,
    block_shift: u32,
    rows: (usize, usize),
    /// The mask's memory was reused, not zeroed: cells outside touched blocks may hold
    /// anything, so blocks are zeroed as they are first touched (see `touch`).
    dirty: bool,
}

/// Pixels a stroke row is computed in at once.
const LANES: usize = 8;

impl StrokeMask {
    fn new(width: u32, height: u32) -> StrokeMask {
        let (w, h) = (width as usize, height as usize);
        let (cov, zeroed) = super::buffer::scratch_or_zeroed((w + LANES) * h);
        StrokeMask {
            width: w,
            height: h,
            stride: w + LANES,
            cov,
            blocks: vec![0; h],
            // At least 8 pixels (one word) per block, and at most 64 blocks per row.
            block_shift: w.div_ceil(64).next_power_of_two().trailing_zeros().max(3),
            rows: (usize::MAX, 0),
            dirty: !zeroed,
        }
    }

    fn polyline(&mut self, points: &[(f32, f32)], width: f32) {
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
    fn polyline_avx2(&mut self, points: &[(f32, f32)], width: f32) {
        self.polyline_any(points, width)
    }

    #[inline(always)]
    fn polyline_any(&mut self, points: &[(f32, f32)], width: f32) {
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

    #[inline(always)]
    fn segment(&mut self, a: (f32, f32), b: (f32, f32), r: f32) {
        if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) {
            return;
        }
        let reach = r + 0.5;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let y_lo = floor(a.1.min(b.1) - reach).max(0.0);
        let y_hi = (a.1.max(b.1) + reach).ceil().min(self.height as f32 - 1.0);
        let x_min = floor(a.0.min(b.0) - reach).max(0.0);
        let x_max = (a.0.max(b.0) + reach).ceil().min(self.width as f32 - 1.0);
        if y_lo > y_hi || x_min > x_max {
            return;
        }
        // Half-width of the capsule along a row, for steep segments.
        let along = if dy.abs() > 1e-3 {
            reach * len2.sqrt() / dy.abs()
        } else {
            f32::INFINITY
        };
        // A zero-length segment is a dot: t stays 0 and the distance is to `a`.
        let inv_len2 = if len2 > 0.0 { 1.0 / len2 } else { 0.0 };
        let inv_dy = if dy != 0.0 { 1.0 / dy } else { 0.0 };
        // Sixteen coverage levels, as a 4×4 supersampler would give: invisible, and the PNG
        // compresses much better than with 256. `scale` folds in thin strokes' lighter ink.
        let scale = (2.0 * r).min(1.0) * 15.0;
        let mut lane = [0f32; LANES];
        for (i, l) in lane.iter_mut().enumerate() {
            *l = i as f32;
        }
        let steep = along.is_finite();
        let (x_min, x_max) = (x_min as i32, x_max as i32);
        // A vertical segment (grid lines): every row whose centre lies beside it is at distance
        // |ex| from it, so one row of coverage, computed once, serves all those rows.
        let mut beside = (1usize, 0usize);
        let mut beside_cov = [0u8; 4 * LANES];
        let beside_len = (x_max - x_min + 1) as usize;
        if dx == 0.0 && dy != 0.0 && beside_len <= beside_cov.len() {
            let (top, bottom) = (a.1.min(b.1), a.1.max(b.1));
            let first = (top - 0.5).ceil().max(y_lo);
            let last = floor(bottom - 0.5).min(y_hi);
            if first <= last {
                beside = (first as usize, last as usize);
                for (i, c) in beside_cov[..beside_len].iter_mut().enumerate() {
                    let d = (x_min as f32 + i as f32 + 0.5 - a.0).abs();
                    let level = round_small(unit(reach - d) * scale);
                    *c = ((level << 4) + level) as u8;
                }
            }
        }
        // All rows the segment may touch, recorded at once (blending skips untouched ones).
        self.rows = (
            self.rows.0.min(y_lo as usize),
            self.rows.1.max(y_hi as usize),
        );
        for y in y_lo as usize..=y_hi as usize {
            if y >= beside.0 && y <= beside.1 {
                let x0 = x_min as usize;
                let groups = beside_len.div_ceil(LANES);
                self.touch_blocks(y, x0, (x0 + groups * LANES - 1).min(self.width - 1));
                let row = y * self.stride + x0;
                for (cells, c) in self.cov[row..row + groups * LANES]
                    .as_chunks_mut::<LANES>()
                    .0
                    .iter_mut()
                    .zip(beside_cov.as_chunks::<LANES>().0)
                {
                    for i in 0..LANES {
                        cells[i] = cells[i].max(c[i]);
                    }
                }
                continue;
            }
            let ey = y as f32 + 0.5 - a.1;
            let (mut x0, mut x1) = (x_min, x_max);
            if steep {
                let cx = a.0 + unit(ey * inv_dy) * dx;
                // floor + 1 for the ceiling: at worst one pixel more, computed exactly.
                x0 = x0.max(ifloor(cx - along));
                x1 = x1.min(ifloor(cx + along) + 1);
            }
            if x0 > x1 {
                continue;
            }
            let ey_dy = ey * dy;
            let (x0, x1) = (x0 as usize, x1 as usize);
            // The last group may reach past `x1` (exact coverage there too) and into the
            // padding, which is never blended.
            let last = x0 + ((x1 - x0) / LANES + 1) * LANES - 1;
            self.touch_blocks(y, x0, last.min(self.width - 1));
            let row = y * self.stride;
            let mut x = x0;
            while x <= x1 {
                let ex0 = x as f32 + 0.5 - a.0;
                let mut c = [0u8; LANES];
                for i in 0..LANES {
                    let ex = ex0 + lane[i];
                    let t = unit((ex * dx + ey_dy) * inv_len2);
                    let (qx, qy) = (ex - t * dx, ey - t * dy);
                    let d = (qx * qx + qy * qy).sqrt();
                    // The level (0..=15) times 17, as 32-bit lanes (a byte multiply does not
                    // vectorize on x86).
                    let level = round_small(unit(reach - d) * scale);
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

    /// Unions a coverage stamp anchored at pixel (`ox`, `oy`) into the mask.
    fn stamp(&mut self, cov: &Coverage, ox: i32, oy: i32) {
        let (x0, y0) = (ox + cov.left, oy + cov.top);
        for row in 0..cov.height {
            let y = y0 + row as i32;
            if y < 0 || y >= self.height as i32 {
                continue;
            }
            let (xs, xe) = (x0.max(0), (x0 + cov.width as i32).min(self.width as i32));
            if xs >= xe {
                continue;
            }
            self.touch(y as usize, xs as usize, xe as usize - 1);
            let src = &cov.data
                [row * cov.width + (xs - x0) as usize..row * cov.width + (xe - x0) as usize];
            let dst = &mut self.cov
                [y as usize * self.stride + xs as usize..y as usize * self.stride + xe as usize];
            for (d, &s) in dst.iter_mut().zip(src) {
                *d = (*d).max(s);
            }
        }
    }

    /// [`Self::stamp`] for a stamp at most 16 pixels wide, its rows zero-padded to 16: where it
    /// lies wholly inside the mask (the row padding counts), each row is one 16-byte maximum,
    /// with no clipping and no remainder loop. Scatter plots stamp thousands of these.
    #[inline]
    fn stamp16(&mut self, cov: &Coverage, rows: &[[u8; 16]], ox: i32, oy: i32) {
        let (x0, y0) = (ox + cov.left, oy + cov.top);
        let inside = cov.width > 0
            && x0 >= 0
            && y0 >= 0
            && x0 as usize + 16 <= self.stride
            && y0 as usize + rows.len() <= self.height;
        if !inside {
            return self.stamp(cov, ox, oy);
        }
        let (x0, y0) = (x0 as usize, y0 as usize);
        let x1 = (x0 + cov.width - 1).min(self.width - 1);
        // Every row spans the same blocks: `touch`'s work once, unless blocks need zeroing.
        let bits =
            (u64::MAX << (x0 >> self.block_shift)) & (u64::MAX >> (63 - (x1 >> self.block_shift)));
        if !rows.is_empty() {
            self.rows = (self.rows.0.min(y0), self.rows.1.max(y0 + rows.len() - 1));
        }
        for (r, src) in rows.iter().enumerate() {
            if self.dirty {
                self.touch(y0 + r, x0, x1);
            } else {
                self.blocks[y0 + r] |= bits;
            }
            // Past `x1` the stamp is zero: the maximum leaves those bytes as they were.
            let at = (y0 + r) * self.stride + x0;
            let dst: &mut [u8; 16] = (&mut self.cov[at..at + 16]).try_into().expect("16 bytes");
            for k in 0..16 {
                dst[k] = dst[k].max(src[k]);
            }
        }
    }

    /// Readies row `y` from pixel `x0` to `x1` inclusive for coverage, before it is written. In a
    /// reused mask, blocks touched for the first time since the last blend are zeroed now: only
    /// touched blocks are ever read, so the rest need no zeroing. (Blending leaves the cells it
    /// reads zero, so a fresh mask stays clean.)
    #[inline]
    fn touch(&mut self, y: usize, x0: usize, x1: usize) {
        self.touch_blocks(y, x0, x1);
        self.rows = (self.rows.0.min(y), self.rows.1.max(y));
    }

    /// [`Self::touch`] without recording the row (for callers that record their rows at once).
    #[inline(always)]
    fn touch_blocks(&mut self, y: usize, x0: usize, x1: usize) {
        let (lo, hi) = (x0 >> self.block_shift, x1 >> self.block_shift);
        let bits = (u64::MAX << lo) & (u64::MAX >> (63 - hi));
        let mut fresh = bits & !self.blocks[y];
        self.blocks[y] |= bits;
        if self.dirty && fresh != 0 {
            let row = y * self.stride;
            while fresh != 0 {
                let b = fresh.trailing_zeros() as usize;
                fresh &= fresh - 1;
                let end = ((b + 1) << self.block_shift).min(self.stride);
                self.cov[row + (b << self.block_shift)..row + end].fill(0);
            }
        }
    }

    /// Blends the accumulated coverage in `color` and clears it.
    fn blend_into(&mut self, pixmap: &mut Pixmap, color: Rgba) {
        #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { self.blend_into_avx2(pixmap, color) };
        }
        self.blend_into_any(pixmap, color)
    }

    /// [`Self::blend_into`] compiled for AVX2 (sixteen 16-bit lanes); the same integer
    /// arithmetic.
    #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
    #[target_feature(enable = "avx2")]
    fn blend_into_avx2(&mut self, pixmap: &mut Pixmap, color: Rgba) {
        self.blend_into_any(pixmap, color)
    }

    #[inline(always)]
    fn blend_into_any(&mut self, pixmap: &mut Pixmap, color: Rgba) {
        if self.rows.0 > self.rows.1 {
            return;
        }
        let (w, stride, shift) = (self.width, self.stride, self.block_shift);
        let data = pixmap.data_mut();
        for y in self.rows.0..=self.rows.1 {
            let mut bits = std::mem::take(&mut self.blocks[y]);
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let end = ((b + 1) << shift).min(w);
                let mut x = b << shift;
                while x < end {
                    // Eight pixels at a time: most of a block may be empty, and the rest is
                    // blended branch-free (SIMD).
                    if x + 8 <= end {
                        let cells: &mut [u8; 8] = (&mut self.cov[y * stride + x..][..8])
                            .try_into()
                            .expect("eight bytes");
                        if u64::from_ne_bytes(*cells) != 0 {
                            let px: &mut [u8; 32] = (&mut data[(y * w + x) * 4..][..32])
                                .try_into()
                                .expect("eight pixels");
                            blend8(px, cells, color);
                            *cells = [0; 8];
                        }
                        x += 8;
                        continue;
                    }
                    let c = std::mem::take(&mut self.cov[y * stride + x]);
                    if c == 255 && color.3 == 255 {
                        let i = (y * w + x) * 4;
                        data[i..i + 4].copy_from_slice(&[color.0, color.1, color.2, 255]);
                    } else if c != 0 {
                        let a = mul255(color.3 as u32, c as u32);
                        let inv = 255 - a;
                        let i = (y * w + x) * 4;
                        let px = &mut data[i..i + 4];
                        px[0] = (mul255(color.0 as u32, a) + mul255(px[0] as u32, inv)) as u8;
                        px[1] = (mul255(color.1 as u32, a) + mul255(px[1] as u32, inv)) as u8;
                        px[2] = (mul255(color.2 as u32, a) + mul255(px[2] as u32, inv)) as u8;
                        px[3] = (a + mul255(px[3] as u32, inv)) as u8;
                    }
                    x += 1;
                }
            }
        }
        self.rows = (usize::MAX, 0);
    }
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

/// Coverage in sixteen levels (0, 17, 34, … 255), as a 4×4 supersampler gives. The eye cannot
/// tell it from 256 levels on chart strokes and text, and it keeps the colour count of a chart
/// low enough for a palette PNG, which is smaller and faster to write.
#[inline]
fn level16(c: f32) -> u8 {
    (c.clamp(0.0, 1.0) * 15.0 + 0.5) as u8 * 17
}

/// Source-over of `color` through coverages `cov` onto eight premultiplied pixels. The same
/// arithmetic as the one-pixel path, in 16-bit lanes (a × b + 128 < 2¹⁶); zero coverage
/// leaves a pixel exactly as it was.
#[inline(always)]
fn blend8(px: &mut [u8; 32], cov: &[u8; 8], color: Rgba) {
    #[inline(always)]
    fn mul(a: u16, b: u16) -> u16 {
        let t = a * b + 128;
        (t + (t >> 8)) >> 8
    }
    let ink = [color.0 as u16, color.1 as u16, color.2 as u16, 255];
    for i in 0..8 {
        let a = mul(color.3 as u16, cov[i] as u16);
        for ch in 0..4 {
            let p = px[i * 4 + ch] as u16;
            px[i * 4 + ch] = (mul(ink[ch], a) + mul(p, 255 - a)) as u8;
        }
    }
}

#[inline]
fn mul255(a: u32, b: u32) -> u32 {
    let t = a * b + 128;
    (t + (t >> 8)) >> 8
}

fn polygon_path(points: &[(f32, f32)]) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    pb.move_to(first.0, first.1);
    for p in rest {
        pb.line_to(p.0, p.1);
    }
    pb.close();
    pb.finish()
}

impl Canvas for RasterCanvas {
    fn size(&self) -> (u32, u32) {
        (self.pixmap.width(), self.pixmap.height())
    }

    fn fill_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgba) {
        let (l, r) = (x0.min(x1).round(), x0.max(x1).round());
        let (t, b) = (y0.min(y1).round(), y0.max(y1).round());
        if color.is_opaque() {
            // Opaque: plain stores, much cheaper than a paint pipeline for thousands of cells.
            let (w, h) = (self.pixmap.width() as f32, self.pixmap.height() as f32);
            let (l, r) = (
                l.clamp(0.0, w) as usize,
                r.max(l + 1.0).clamp(0.0, w) as usize,
            );
            let (t, b) = (
                t.clamp(0.0, h) as usize,
                b.max(t + 1.0).clamp(0.0, h) as usize,
            );
            let stride = self.pixmap.width() as usize * 4;
            let px = [color.0, color.1, color.2, 255];
            let data = self.pixmap.data_mut();
            for y in t..b {
                for p in data[y * stride + l * 4..y * stride + r * 4].chunks_exact_mut(4) {
                    p.copy_from_slice(&px);
                }
            }
            return;
        }
        if let Some(rect) = Rect::from_ltrb(l, t, r.max(l + 1.0), b.max(t + 1.0)) {
            self.pixmap.fill_rect(
                rect,
                &Self::paint(color, false),
                Transform::identity(),
                None,
            );
        }
    }

    fn polyline(&mut self, points: &[(f32, f32)], stroke: &Stroke) {
        if points.len() < 2 || stroke.color.3 == 0 {
            return;
        }
        if stroke.dash.is_none() {
            let (w, h) = (self.pixmap.width(), self.pixmap.height());
            let mask = self.strokes.get_or_insert_with(|| StrokeMask::new(w, h));
            mask.polyline(points, stroke.width);
            mask.blend_into(&mut self.pixmap, stroke.color);
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(points[0].0, points[0].1);
        for p in &points[1..] {
            pb.line_to(p.0, p.1);
        }
        let Some(path) = pb.finish() else { return };
        let mut s = tiny_skia::Stroke {
            width: stroke.width,
            line_cap: if stroke.dash.is_some() {
                LineCap::Butt
            } else {
                LineCap::Round
            },
            line_join: LineJoin::Round,
            ..Default::default()
        };
        if let Some(d) = &stroke.dash {
            s.dash = tiny_skia::StrokeDash::new(d.clone(), 0.0);
        }
        self.pixmap.stroke_path(
            &path,
            &Self::paint(stroke.color, true),
            &s,
            Transform::identity(),
            None,
        );
    }

    fn polygon(&mut self, points: &[(f32, f32)], fill: Rgba) {
        if fill.3 == 0 {
            return;
        }
        if let Some(path) = polygon_path(points) {
            self.pixmap.fill_path(
                &path,
                &Self::paint(fill, true),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    fn marker(&mut self, kind: MarkerKind, cx: f32, cy: f32, size: f32, color: Rgba) {
        if color.3 == 0 || !(cx.is_finite() && cy.is_finite()) {
            return;
        }
        let (ix, iy, cov) = Self::marker_coverage(&mut self.markers, kind, cx, cy, size);
        Self::blend(&mut self.pixmap, cov, ix, iy, color);
    }

    /// Opaque markers are unioned into one coverage mask and blended once: overlapping edges
    /// are not darkened twice, and it is several times faster than blending each.
    /// Translucent ones are blended one by one, so that density shows.
    fn markers(
        &mut self,
        kind: MarkerKind,
        size: f32,
        color: Rgba,
        centers: &[(f32, f32)],
        keep_going: &mut dyn FnMut() -> bool,
    ) -> bool {
        if !color.is_opaque() {
            return super::one_by_one(self, kind, size, color, centers, keep_going);
        }
        let (w, h) = (self.pixmap.width(), self.pixmap.height());
        let mut mask = self.strokes.take().unwrap_or_else(|| StrokeMask::new(w, h));
        // One stamp per sub-pixel phase, made once for the whole batch.
        let phases = PHASES as usize;
        let stamps: Vec<Coverage> = (0..phases * phases)
            .map(|i| {
                let (fx, fy) = ((i % phases) as f32, (i / phases) as f32);
                Self::marker_mask(kind, size, (fx + 0.5) / PHASES, (fy + 0.5) / PHASES)
            })
            .collect();
        // Stamps up to 16 pixels wide also as rows of 16, for the fast path.
        let padded: Vec<Vec<[u8; 16]>> = stamps
            .iter()
            .filter(|c| c.width <= 16)
            .map(|c| {
                c.data
                    .chunks(c.width.max(1))
                    .map(|row| std::array::from_fn(|k| row.get(k).copied().unwrap_or(0)))
                    .collect()
            })
            .collect();
        let narrow = padded.len() == stamps.len();
        let mut finished = true;
        for (i, &(x, y)) in centers.iter().enumerate() {
            if i % 1024 == 1023 && !keep_going() {
                finished = false;
                break;
            }
            if x.is_finite() && y.is_finite() {
                // In quarter pixels (×4 is exact): the pixel is the quotient by 4, the phase
                // the remainder — what flooring x and then its fraction × 4 gives.
                let (qx, qy) = (floor(x * PHASES) as i32, floor(y * PHASES) as i32);
                let (ix, iy) = (qx >> 2, qy >> 2);
                let k = (qy & 3) as usize * phases + (qx & 3) as usize;
                if narrow {
                    mask.stamp16(&stamps[k], &padded[k], ix, iy);
                } else {
                    mask.stamp(&stamps[k], ix, iy);
                }
            }
        }
        mask.blend_into(&mut self.pixmap, color);
        self.strokes = Some(mask);
        finished
    }

    fn text(&mut self, text: &str, x: f32, y: f32, style: &TextStyle) {
        let line = self.fonts.layout(text, style.size, style.bold);
        if line.glyphs.is_empty() || style.color.3 == 0 {
            return;
        }
        let height = line.ascent - line.descent;
        // Rasterize the line horizontally into one mask, then blit it turned.
        let dx = match style.h {
            HAlign::Left => 0.0,
            HAlign::Center => -line.width / 2.0,
            HAlign::Right => -line.width,
        };
        let dy = match style.v {
            VAlign::Top => 0.0,
            VAlign::Middle => -height / 2.0,
            VAlign::Bottom => -height,
        };
        let (w, h) = (line.width.ceil() as usize + 2, height.ceil() as usize + 2);
        let mut strip = vec![0u8; w * h];
        let baseline = line.ascent.round() as i32 + 1;
        // Glyph phases are taken relative to the final position so unturned text stays crisp.
        let origin_frac = (x + dx) - (x + dx).floor();
        for &(id, gx) in &line.glyphs {
            let pos = gx + origin_frac;
            let ix = pos.floor();
            let phase = ((pos - ix) * PHASES).floor().min(PHASES - 1.0);
            let key = (style.bold, id.0, (style.size * 16.0) as u32, phase as u8);
            if !self.glyphs.contains_key(&key) {
                let mask =
                    Self::glyph_mask(&self.fonts, style.bold, id, style.size, phase / PHASES);
                self.glyphs.insert(
                    key,
                    mask.unwrap_or(Coverage {
                        left: 0,
                        top: 0,
                        width: 0,
                        height: 0,
                        data: vec![],
                    }),
                );
            }
            let cov = &self.glyphs[&key];
            for row in 0..cov.height {
                let sy = baseline + cov.top + row as i32;
                if sy < 0 || sy >= h as i32 {
                    continue;
                }
                for col in 0..cov.width {
                    let sx = ix as i32 + 1 + cov.left + col as i32;
                    if sx < 0 || sx >= w as i32 {
                        continue;
                    }
                    let c = cov.data[row * cov.width + col];
                    let d = &mut strip[sy as usize * w + sx as usize];
                    *d = d.saturating_add(c);
                }
            }
        }
        // Turn the strip: (u, v) in the strip lands at origin + R·(u, v).
        let (sw, sh) = match style.quarter_turns % 4 {
            0 | 2 => (w, h),
            _ => (h, w),
        };
        let mut turned = vec![0u8; sw * sh];
        for v in 0..h {
            for u in 0..w {
                let (tx, ty) = match style.quarter_turns % 4 {
                    0 => (u, v),
                    1 => (v, w - 1 - u),
                    2 => (w - 1 - u, h - 1 - v),
                    _ => (h - 1 - v, u),
                };
                turned[ty * sw + tx] = strip[v * w + u];
            }
        }
        // Where the strip's top-left corner (offset by the anchor) lands after turning.
        let (ax, ay) = (dx - 1.0, dy - 1.0);
        let (left, top) = match style.quarter_turns % 4 {
            0 => (x + ax, y + ay),
            1 => (x + ay, y - ax - w as f32),
            2 => (x - ax - w as f32, y - ay - h as f32),
            _ => (x - ay - h as f32, y + ax),
        };
        let cov = Coverage {
            left: 0,
            top: 0,
            width: sw,
            height: sh,
            data: turned,
        };
        let (lx, ty) = if style.quarter_turns.is_multiple_of(4) {
            (left.floor(), top.round())
        } else {
            (left.round(), top.round())
        };
        Self::blend(&mut self.pixmap, &cov, lx as i32, ty as i32, style.color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_stamps_mark_what_plain_ones_do() {
        let cov = RasterCanvas::marker_mask(MarkerKind::Circle, 9.0, 0.375, 0.625);
        assert!(cov.width <= 16);
        let rows: Vec<[u8; 16]> = cov
            .data
            .chunks(cov.width)
            .map(|r| std::array::from_fn(|k| r.get(k).copied().unwrap_or(0)))
            .collect();
        let (mut plain, mut padded) = (StrokeMask::new(61, 47), StrokeMask::new(61, 47));
        // Inside, on every edge and corner, and off the mask.
        for (x, y) in [
            (30, 20),
            (0, 0),
            (60, 46),
            (58, 10),
            (2, 45),
            (-3, 20),
            (64, 50),
        ] {
            plain.stamp(&cov, x, y);
            padded.stamp16(&cov, &rows, x, y);
        }
        for y in 0..47 {
            let row = y * plain.stride;
            assert_eq!(
                plain.cov[row..row + 61],
                padded.cov[row..row + 61],
                "row {y}"
            );
        }
        assert_eq!(plain.blocks, padded.blocks);
        assert_eq!(plain.rows, padded.rows);
    }

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
            return;
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

    fn pixel(c: &RasterCanvas, x: u32, y: u32) -> [u8; 4] {
        let p = c.pixmap.pixel(x, y).unwrap();
        [p.red(), p.green(), p.blue(), p.alpha()]
    }

    #[test]
    fn lines_are_anti_aliased() {
        let mut c = RasterCanvas::new(40, 40, Rgba(255, 255, 255, 255), Fonts::new()).unwrap();
        c.polyline(
            &[(2.0, 2.0), (38.0, 30.0)],
            &Stroke::solid(Rgba(0, 0, 0, 255), 1.5),
        );
        let mut grey = 0;
        for y in 0..40 {
            for x in 0..40 {
                let p = pixel(&c, x, y);
                if p[0] > 10 && p[0] < 245 {
                    grey += 1;
                }
            }
        }
        assert!(
            grey > 20,
            "a diagonal anti-aliased line has partial pixels, found {grey}"
        );
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

    #[test]
    fn stamps_markers_and_text() {
        let mut c = RasterCanvas::new(60, 30, Rgba(255, 255, 255, 255), Fonts::new()).unwrap();
        c.marker(MarkerKind::Circle, 10.3, 10.7, 8.0, Rgba(255, 0, 0, 255));
        assert_eq!(pixel(&c, 10, 10), [255, 0, 0, 255]);
        c.text(
            "Ж1",
            30.0,
            15.0,
            &TextStyle {
                size: 14.0,
                color: Rgba(0, 0, 0, 255),
                bold: false,
                h: HAlign::Center,
                v: VAlign::Middle,
                quarter_turns: 0,
            },
        );
        let dark = (20..40)
            .flat_map(|x| (5..25).map(move |y| (x, y)))
            .filter(|&(x, y)| pixel(&c, x, y)[0] < 100)
            .count();
        assert!(dark > 10, "text left ink, found {dark}");
    }
}
