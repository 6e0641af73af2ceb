//! Discs (circle markers) from their geometry, with no path and no cache.
//!
//! A bubble chart gives every point its own size, so a stamp cached per size and phase is made
//! once and used once; building each with a path fill cost ~1.7 µs a point. Here each row's
//! pixels wholly inside the circle are found with one square root and painted at full
//! coverage; only the pixels its edge crosses are sampled, on the same 4×4 grid whose sixteen
//! levels the rest of the canvas uses ([`super::level16`]).

use super::{level16, mul255, Coverage};
use crate::draw::{ceil, floor};
use crate::spec::color::Rgba;
use tiny_skia::Pixmap;

/// What a disc puts on one row: single pixels its edge crosses, and runs wholly inside it.
trait RowSink {
    /// Pixel (`x`, `y`) at coverage `c` (1 to 255).
    fn edge(&mut self, x: i32, y: i32, c: u8);
    /// Pixels `x0..x1` of row `y` at full coverage.
    fn inside(&mut self, y: i32, x0: i32, x1: i32);
}

/// Feeds `sink` every pixel the disc of radius `r` centred on (`cx`, `cy`) touches, in rows
/// `rows` and columns `cols` only (half-open), row by row, left to right.
#[inline]
fn rasterize<S: RowSink>(
    (cx, cy, r): (f32, f32, f32),
    rows: (i32, i32),
    cols: (i32, i32),
    sink: &mut S,
) {
    if !(r > 0.0 && cx.is_finite() && cy.is_finite()) {
        return;
    }
    let r2 = r * r;
    let y_start = (floor(cy - r) as i32).max(rows.0);
    let y_end = (ceil(cy + r) as i32).min(rows.1);
    for y in y_start..y_end {
        let (dy0, dy1) = (y as f32 - cy, (y + 1) as f32 - cy);
        let near = if dy0 > 0.0 {
            dy0
        } else if dy1 < 0.0 {
            -dy1
        } else {
            0.0
        };
        let far = dy0.abs().max(dy1.abs());
        if near * near >= r2 {
            continue;
        }
        // Columns the disc reaches on this row, and those wholly inside it (every corner in).
        let reach = (r2 - near * near).sqrt();
        let x_start = (floor(cx - reach) as i32).max(cols.0);
        let x_end = (ceil(cx + reach) as i32).min(cols.1);
        if x_start >= x_end {
            continue; // the row's part of the disc lies beside the band
        }
        let (mut full_start, mut full_end) = if far * far < r2 {
            let w = (r2 - far * far).sqrt();
            (ceil(cx - w) as i32, floor(cx + w) as i32)
        } else {
            (x_end, x_end)
        };
        full_start = full_start.clamp(x_start, x_end);
        full_end = full_end.clamp(full_start, x_end);
        let cy_px = y as f32 + 0.5 - cy;
        // Sample rows' room (r² less their squared offset), for the small discs that sample.
        let sy: [f32; 4] = if r < SAMPLED_BELOW_RADIUS {
            std::array::from_fn(|j| {
                let d = y as f32 + (j as f32 + 0.5) / 4.0 - cy;
                r2 - d * d
            })
        } else {
            [0.0; 4]
        };
        let edge = |sink: &mut S, x: i32| {
            let c = edge_coverage(x as f32 + 0.5 - cx, cy_px, r, &sy);
            if c > 0 {
                sink.edge(x, y, c);
            }
        };
        for x in x_start..full_start {
            edge(sink, x);
        }
        if full_start < full_end {
            sink.inside(y, full_start, full_end);
        }
        for x in full_end..x_end {
            edge(sink, x);
        }
    }
}

/// Discs smaller than this radius have their edge pixels sampled; larger ones use the distance.
const SAMPLED_BELOW_RADIUS: f32 = 2.0;

/// The coverage of a pixel the circle's edge crosses, its centre (`dx`, `dy`) from the
/// circle's. Discs of a few pixels are sampled on the 4×4 grid (`room`: r² less each sample
/// row's squared offset); larger ones take the distance to the edge, which is as close there
/// and a quarter of the work.
#[inline]
fn edge_coverage(dx: f32, dy: f32, r: f32, room: &[f32; 4]) -> u8 {
    if r >= SAMPLED_BELOW_RADIUS {
        return level16(r + 0.5 - (dx * dx + dy * dy).sqrt());
    }
    let mut n = 0u32;
    for i in 0..4 {
        let d = dx + (i as f32 - 1.5) / 4.0;
        let d2 = d * d;
        n += room.iter().filter(|&&room| d2 < room).count() as u32;
    }
    level16(n as f32 / 16.0)
}

/// The coverage of a disc `size` pixels across whose centre lies (`fx`, `fy`) into its anchor
/// pixel, as a stamp (for batches of opaque markers, unioned into one mask).
pub(super) fn disc_coverage(size: f32, fx: f32, fy: f32) -> Coverage {
    let r = size / 2.0;
    if r.is_nan() || r <= 0.0 {
        return Coverage::empty();
    }
    let (left, top) = ((fx - r).floor() as i32, (fy - r).floor() as i32);
    let (right, bottom) = ((fx + r).ceil() as i32, (fy + r).ceil() as i32);
    let (width, height) = ((right - left) as usize, (bottom - top) as usize);
    let mut stamp = Stamp {
        data: vec![0u8; width * height],
        width,
        left,
        top,
    };
    rasterize((fx, fy, r), (top, bottom), (left, right), &mut stamp);
    let data = stamp.data;
    Coverage {
        left,
        top,
        width,
        height,
        data,
    }
}

/// A disc's coverage collected into a stamp whose top left pixel is (`left`, `top`).
struct Stamp {
    data: Vec<u8>,
    width: usize,
    left: i32,
    top: i32,
}

impl RowSink for Stamp {
    fn edge(&mut self, x: i32, y: i32, c: u8) {
        self.data[(y - self.top) as usize * self.width + (x - self.left) as usize] = c;
    }
    fn inside(&mut self, y: i32, x0: i32, x1: i32) {
        let row = (y - self.top) as usize * self.width;
        self.data[row + (x0 - self.left) as usize..row + (x1 - self.left) as usize].fill(255);
    }
}

/// Discs smaller than this radius are blended from a coverage stamp made once per radius and
/// centre phase (rounded, below) and kept for the band: a bubble chart's thousands of small
/// discs share a few hundred stamps, and copying a stamp's coverage costs a fraction of working
/// out each edge pixel's again (V4's 10,000 bubbles: the discs took ~3 ms a band).
const STAMPED_BELOW_RADIUS: f32 = 8.0;
/// Stamped radii are rounded to 1/8 pixel and centres to 1/4 pixel: the grid the coverage is
/// sampled on, and well under what the eye sees at a disc's edge.
const RADIUS_STEPS: f32 = 8.0;
const PHASE_STEPS: f32 = 4.0;
/// Stamps a band can keep: one per rounded radius (up to the limit, rounded up) and phase.
const STAMP_SLOTS: usize =
    ((STAMPED_BELOW_RADIUS * RADIUS_STEPS) as usize + 1) * (PHASE_STEPS * PHASE_STEPS) as usize;

/// Rows `y0..` of a premultiplied RGBA image `width` pixels wide: the whole image, or one
/// thread's share of it. Keeps the last colour's [`Shades`], since neighbouring discs often
/// share a colour, and, drawing a batch, the stamps of small discs.
pub(super) struct Band<'a> {
    data: &'a mut [u8],
    width: usize,
    y0: usize,
    shades: Option<(Rgba, Shades)>,
    /// `None`: every disc from its exact geometry (one disc at a time, where a stamp would be
    /// made for one use).
    stamps: Option<Vec<Option<Coverage>>>,
}

impl<'a> Band<'a> {
    /// A band for one disc or a few: each drawn exactly.
    pub(super) fn new(data: &'a mut [u8], width: usize, y0: usize) -> Band<'a> {
        Band {
            data,
            width,
            y0,
            shades: None,
            stamps: None,
        }
    }

    /// A band for a batch of discs: small ones from stamps kept for the batch.
    pub(super) fn stamping(data: &'a mut [u8], width: usize, y0: usize) -> Band<'a> {
        Band {
            stamps: Some(Vec::new()),
            ..Band::new(data, width, y0)
        }
    }

    /// Source-over blends a disc of `color`, `size` pixels across, centred on (`cx`, `cy`) in
    /// image coordinates; what falls outside the band is left out.
    pub(super) fn blend_disc(&mut self, cx: f32, cy: f32, size: f32, color: Rgba) {
        let stride = self.width * 4;
        let rows = (
            self.y0 as i32,
            (self.y0 + self.data.len() / stride.max(1)) as i32,
        );
        let cols = (0, self.width as i32);
        let r = size / 2.0;
        if !(cy + r > rows.0 as f32 && cy - r < rows.1 as f32) {
            return; // wholly in the other band
        }
        match &mut self.shades {
            Some((c, shades)) if *c != color => (*c, *shades) = (color, Shades::of(color)),
            Some(_) => {}
            None => self.shades = Some((color, Shades::of(color))),
        }
        let Some((_, shades)) = &self.shades else {
            return;
        };
        let stamps = self
            .stamps
            .as_mut()
            .filter(|_| r < STAMPED_BELOW_RADIUS && cx.is_finite() && cy.is_finite() && r > 0.0);
        if let Some(stamps) = stamps {
            // The anchor pixel and the centre's phase in it, rounded (a phase of a whole pixel
            // moves the anchor on).
            let phase = |v: f32| {
                let anchor = floor(v);
                let q = ((v - anchor) * PHASE_STEPS).round();
                if q >= PHASE_STEPS {
                    (anchor as i32 + 1, 0)
                } else {
                    (anchor as i32, q as usize)
                }
            };
            let ((ax, px), (ay, py)) = (phase(cx), phase(cy));
            let radius = ((r * RADIUS_STEPS).round() as usize).max(1);
            let slot = (radius * PHASE_STEPS as usize + py) * PHASE_STEPS as usize + px;
            if stamps.is_empty() {
                stamps.resize_with(STAMP_SLOTS, || None);
            }
            let stamp = stamps[slot].get_or_insert_with(|| {
                disc_coverage(
                    2.0 * radius as f32 / RADIUS_STEPS,
                    px as f32 / PHASE_STEPS,
                    py as f32 / PHASE_STEPS,
                )
            });
            blend_stamp(self.data, self.width, self.y0, shades, stamp, (ax, ay));
            return;
        }
        let mut sink = Blend {
            data: &mut *self.data,
            stride,
            y0: self.y0,
            shades,
        };
        rasterize((cx, cy, r), rows, cols, &mut sink);
    }
}

/// Source-over blends `stamp` (coverage relative to `anchor`) in the colour of `shades` into
/// the band `data` (rows `y0..`, `width` pixels wide), clipped to it.
fn blend_stamp(
    data: &mut [u8],
    width: usize,
    y0: usize,
    shades: &Shades,
    stamp: &Coverage,
    (ax, ay): (i32, i32),
) {
    let stride = width * 4;
    let rows = (data.len() / stride.max(1)) as i32;
    let (left, top) = (ax + stamp.left, ay + stamp.top - y0 as i32);
    let x0 = left.max(0);
    let x1 = (left + stamp.width as i32).min(width as i32);
    if x0 >= x1 {
        return;
    }
    for sy in top.max(0)..(top + stamp.height as i32).min(rows) {
        let from = (sy - top) as usize * stamp.width + (x0 - left) as usize;
        let coverage = &stamp.data[from..from + (x1 - x0) as usize];
        let row = &mut data
            [sy as usize * stride + x0 as usize * 4..sy as usize * stride + x1 as usize * 4];
        for (px, &c) in row.as_chunks_mut::<4>().0.iter_mut().zip(coverage) {
            if c != 0 {
                over(px, shades.at(c));
            }
        }
    }
}

/// A colour at each of the sixteen coverage levels: premultiplied RGBA, then what is left of
/// the pixel beneath (255 − alpha).
#[derive(Clone, Copy)]
struct Shades([[u16; 5]; 16]);

impl Shades {
    fn of(color: Rgba) -> Shades {
        Shades(std::array::from_fn(|level| {
            let a = mul255(color.3 as u32, level as u32 * 17);
            let [r, g, b, a16] = premultiplied(color, a);
            [r, g, b, a16, (255 - a) as u16]
        }))
    }

    /// The shade at a coverage of `c`, one of [`super::level16`]'s values.
    #[inline]
    fn at(&self, c: u8) -> &[u16; 5] {
        &self.0[(c / 17) as usize & 15]
    }
}

/// `color` at alpha `a` (its own alpha times a coverage), premultiplied, as RGBA.
#[inline]
fn premultiplied(color: Rgba, a: u32) -> [u16; 4] {
    [
        mul255(color.0 as u32, a) as u16,
        mul255(color.1 as u32, a) as u16,
        mul255(color.2 as u32, a) as u16,
        a as u16,
    ]
}

/// Source-over blending into a band, for [`rasterize`].
struct Blend<'a> {
    data: &'a mut [u8],
    stride: usize,
    y0: usize,
    shades: &'a Shades,
}

/// `x · y / 255` rounded, in 16 bits (exact for bytes: the sums stay under 65,536); the same
/// value as [`mul255`].
#[inline]
fn mul255_u16(x: u16, y: u16) -> u16 {
    let t = x * y + 128;
    (t + (t >> 8)) >> 8
}

/// `shade` (premultiplied RGBA, then what is left of the pixel beneath) over the pixel `px`.
#[inline(always)]
fn over(px: &mut [u8; 4], shade: &[u16; 5]) {
    for k in 0..4 {
        px[k] = (shade[k] + mul255_u16(px[k] as u16, shade[4])) as u8;
    }
}

impl RowSink for Blend<'_> {
    #[inline]
    fn edge(&mut self, x: i32, y: i32, c: u8) {
        let shade = self.shades.at(c);
        let i = (y as usize - self.y0) * self.stride + x as usize * 4;
        let px: &mut [u8; 4] = (&mut self.data[i..i + 4]).try_into().expect("4 bytes");
        over(px, shade);
    }

    #[inline]
    fn inside(&mut self, y: i32, x0: i32, x1: i32) {
        // One colour over a run: written so that the compiler blends many bytes at once.
        let at = (y as usize - self.y0) * self.stride;
        let run = &mut self.data[at + x0 as usize * 4..at + x1 as usize * 4];
        let shade = *self.shades.at(255);
        for px in run.as_chunks_mut::<4>().0 {
            over(px, &shade);
        }
    }
}

/// [`Band::blend_disc`] over the whole of `pixmap`.
pub(super) fn blend_disc(pixmap: &mut Pixmap, cx: f32, cy: f32, size: f32, color: Rgba) {
    let width = pixmap.width() as usize;
    Band::new(pixmap.data_mut(), width, 0).blend_disc(cx, cy, size, color);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Total ink, in pixels, of a disc's coverage.
    fn ink(c: &Coverage) -> f32 {
        c.data.iter().map(|&v| v as f32 / 255.0).sum()
    }

    #[test]
    fn ink_matches_the_area_at_every_size_and_phase() {
        for size in [0.8f32, 1.5, 3.0, 6.5, 11.3, 40.0] {
            for (fx, fy) in [(0.125, 0.125), (0.5, 0.5), (0.875, 0.375)] {
                let c = disc_coverage(size, fx, fy);
                let area = std::f32::consts::PI * size * size / 4.0;
                let got = ink(&c);
                // Sixteen samples a pixel: exact for big discs, within a sample or so per
                // edge pixel for tiny ones.
                let tolerance = 0.04 * area + 0.35 * size;
                assert!(
                    (got - area).abs() <= tolerance,
                    "size {size} at ({fx}, {fy}): ink {got}, area {area}"
                );
            }
        }
    }

    #[test]
    fn coverage_is_symmetric_about_a_centred_disc() {
        let c = disc_coverage(7.0, 0.5, 0.5);
        assert_eq!(c.width, c.height);
        for y in 0..c.height {
            for x in 0..c.width {
                let v = c.data[y * c.width + x];
                assert_eq!(v, c.data[y * c.width + (c.width - 1 - x)]);
                assert_eq!(v, c.data[x * c.width + y]);
            }
        }
        // Fully inside at the centre, nothing in the corners.
        assert_eq!(c.data[(c.height / 2) * c.width + c.width / 2], 255);
        assert_eq!(c.data[0], 0);
    }

    /// Blending a disc puts its coverage stamp down, clipped to the image: in a batch, a small
    /// disc's stamp at its radius and centre rounded (to 1/8 and 1/4 pixel); alone, or large,
    /// its exact one.
    #[test]
    fn blending_equals_the_stamp_and_clips_at_the_edges() {
        let color = Rgba(200, 40, 10, 150);
        // (size, batch, the stamp's centre phase): in a batch 9 px is stamped, its phase (0.3,
        // 0.6) rounded; alone, or 20 px, exact.
        for (size, batch, (fx, fy)) in [
            (9.0, true, (0.25, 0.5)),
            (9.3, true, (0.25, 0.5)),
            (9.0, false, (0.3, 0.6)),
            (20.0, true, (0.3, 0.6)),
        ] {
            let mut p = Pixmap::new(20, 20).unwrap();
            if batch {
                Band::stamping(p.data_mut(), 20, 0).blend_disc(1.3, 18.6, size, color);
            } else {
                blend_disc(&mut p, 1.3, 18.6, size, color);
            }
            let rounded = if batch && size < 2.0 * STAMPED_BELOW_RADIUS {
                (size * RADIUS_STEPS / 2.0).round() * 2.0 / RADIUS_STEPS
            } else {
                size
            };
            let stamp = disc_coverage(rounded, fx, fy);
            for y in 0..20i32 {
                for x in 0..20i32 {
                    let (sx, sy) = (x - 1 - stamp.left, y - 18 - stamp.top);
                    let c = if (0..stamp.width as i32).contains(&sx)
                        && (0..stamp.height as i32).contains(&sy)
                    {
                        stamp.data[sy as usize * stamp.width + sx as usize] as u32
                    } else {
                        0
                    };
                    let alpha = p.pixel(x as u32, y as u32).unwrap().alpha() as u32;
                    assert_eq!(alpha, mul255(150, c), "size {size}, pixel ({x}, {y})");
                }
            }
            // Off the canvas entirely: nothing happens, nothing panics.
            blend_disc(&mut p, -50.0, 5.0, size, color);
            blend_disc(&mut p, 5.0, f32::NAN, size, color);
            blend_disc(&mut p, 5.0, 30.0, size, color);
        }
    }

    /// A centre whose phase rounds to a whole pixel moves to the next pixel: a disc at x.9 is
    /// drawn as at x+1.0.
    #[test]
    fn a_phase_rounded_up_moves_the_anchor() {
        let color = Rgba(0, 0, 255, 255);
        let (mut a, mut b) = (Pixmap::new(16, 16).unwrap(), Pixmap::new(16, 16).unwrap());
        Band::stamping(a.data_mut(), 16, 0).blend_disc(7.9, 7.95, 5.0, color);
        Band::stamping(b.data_mut(), 16, 0).blend_disc(8.0, 8.0, 5.0, color);
        assert!(a.data() == b.data());
    }
}
