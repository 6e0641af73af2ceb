//! The anti-aliased raster canvas: a `tiny-skia` pixmap and what draws on it.
//!
//! - Solid polylines, the bulk of a chart's ink, go through this crate's own stroke rasterizer
//!   ([`stroke`]) into a coverage [`mask`] that is blended once per polyline: round joins and
//!   caps, sixteen coverage levels, several times faster than filling a stroked outline.
//! - Polygons (wedges, areas, bands) are filled into the same mask by the area of each pixel
//!   inside them ([`fill`]); dashed polylines are left to tiny-skia (`stroke_path`);
//!   rectangles are snapped to whole pixels and stored (opaque) or blended row by row.
//! - Markers and glyphs, drawn by the thousand, are rasterized once per shape, size and
//!   sub-pixel phase into coverage stamps ([`stamp`], [`glyphs`]) and then blended; a batch of
//!   opaque markers is unioned into the mask and blended once.
//!
//! Caches of stamps and glyphs live in the canvas, so they die with the render; the mask's memory
//! is handed back for the next one.

mod disc;
mod fill;
mod glyphs;
mod mask;
mod stamp;
mod stroke;

use super::text::Fonts;
use super::{Canvas, Stroke, StyledMarker, TextStyle};
use crate::budget::Budget;
use crate::spec::color::Rgba;
use crate::spec::MarkerKind;
use glyphs::GlyphCache;
use mask::StrokeMask;
use stamp::MarkerCache;
use std::collections::HashMap;
use tiny_skia::{LineCap, LineJoin, Paint, PathBuilder, Pixmap, Transform};

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

impl Coverage {
    /// No coverage at all (a glyph without an outline, a marker too small to show).
    fn empty() -> Coverage {
        Coverage {
            left: 0,
            top: 0,
            width: 0,
            height: 0,
            data: Vec::new(),
        }
    }
}

pub struct RasterCanvas {
    pixmap: Pixmap,
    fonts: Fonts,
    strokes: Option<StrokeMask>,
    fill: fill::FillScratch,
    markers: MarkerCache,
    glyphs: GlyphCache,
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
            fill: fill::FillScratch::default(),
            markers: HashMap::new(),
            glyphs: GlyphCache::default(),
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
            fill: fill::FillScratch::default(),
            markers: HashMap::new(),
            glyphs: GlyphCache::default(),
        })
    }

    /// The finished image. The stroke mask's memory goes back for the next render (see
    /// [`super::buffer`]); a render that fails drops it instead, so odd sizes of stopped
    /// renders do not linger.
    pub fn into_pixmap(self) -> Pixmap {
        if let Some(mask) = self.strokes {
            super::buffer::give_back(mask.into_memory());
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
                let i = (y as usize * pw as usize + x as usize) * 4;
                blend_pixel(&mut data[i..i + 4], color, c);
            }
        }
    }
}

/// Styled discs below this many are drawn on one thread: a thread costs ~50 µs here, about
/// 500 small discs.
const PARALLEL_DISCS_ABOVE: usize = 2000;

/// Blends `points` as discs into `band`, checking `budget` every 256; `false` if it ran out.
fn blend_discs(band: &mut disc::Band, points: &[StyledMarker], budget: &Budget) -> bool {
    for (i, m) in points.iter().enumerate() {
        if i % 256 == 255 && budget.is_expired() {
            return false;
        }
        if m.color.3 > 0 {
            band.blend_disc(m.x, m.y, m.size, m.color);
        }
    }
    true
}

/// Coverage in sixteen levels (0, 17, 34, … 255), as a 4×4 supersampler gives. The eye cannot
/// tell it from 256 levels on chart strokes and text, and it keeps the colour count of a chart
/// low enough for a palette PNG, which is smaller and faster to write.
#[inline]
#[allow(clippy::manual_clamp)] // `clamp` keeps `NaN`, which the unchecked conversion must not see
fn level16(c: f32) -> u8 {
    // `max` then `min` clamp as `clamp` does and take `NaN` to 0 (as `as u8` took it), so the
    // value is in 0.5..=15.5 and converts without `as`'s range checks.
    let v = c.max(0.0).min(1.0) * 15.0 + 0.5;
    // SAFETY: `v` is finite and in 0.5..=15.5, within u8's range.
    unsafe { v.to_int_unchecked::<u8>() * 17 }
}

/// Source-over of `color` at coverage `c` onto one premultiplied pixel `px` (4 bytes): the
/// arithmetic every blend of the canvas uses, eight pixels at a time in `mask::blend8`.
#[inline]
fn blend_pixel(px: &mut [u8], color: Rgba, c: u8) {
    let a = mul255(color.3 as u32, c as u32);
    let inv = 255 - a;
    px[0] = (mul255(color.0 as u32, a) + mul255(px[0] as u32, inv)) as u8;
    px[1] = (mul255(color.1 as u32, a) + mul255(px[1] as u32, inv)) as u8;
    px[2] = (mul255(color.2 as u32, a) + mul255(px[2] as u32, inv)) as u8;
    px[3] = (a + mul255(px[3] as u32, inv)) as u8;
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
        // Snapped to whole pixels, at least one wide and high: plain stores when opaque, a
        // source-over blend of each row otherwise (a legend's translucent box, faded bars),
        // far cheaper than a paint pipeline.
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
        let data = self.pixmap.data_mut();
        for y in t..b {
            let row = &mut data[y * stride + l * 4..y * stride + r * 4];
            if color.is_opaque() {
                mask::fill_pixels(row, [color.0, color.1, color.2, 255]);
            } else {
                mask::blend_solid(row, color);
            }
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
        // Dashed: tiny-skia's stroker, with butt caps so that dashes keep their length.
        let mut s = tiny_skia::Stroke {
            width: stroke.width,
            line_cap: LineCap::Butt,
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
        let (w, h) = (self.pixmap.width(), self.pixmap.height());
        let mask = self.strokes.get_or_insert_with(|| StrokeMask::new(w, h));
        let solid = (fill.3 == 255).then(|| fill::Solid {
            data: self.pixmap.data_mut(),
            pixel: [fill.0, fill.1, fill.2, 255],
        });
        mask.polygon(points, &mut self.fill, solid);
        mask.blend_into(&mut self.pixmap, fill);
    }

    fn marker(&mut self, kind: MarkerKind, cx: f32, cy: f32, size: f32, color: Rgba) {
        if color.3 == 0 || !(cx.is_finite() && cy.is_finite()) {
            return;
        }
        if matches!(kind, MarkerKind::Circle | MarkerKind::None) {
            // Discs come from their geometry: a bubble chart's sizes would miss any cache.
            return disc::blend_disc(&mut self.pixmap, cx, cy, size, color);
        }
        let (ix, iy, cov) = stamp::marker_coverage(&mut self.markers, kind, cx, cy, size);
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
        let finished = stamp::stamp_markers(&mut mask, kind, size, centers, keep_going);
        mask.blend_into(&mut self.pixmap, color);
        self.strokes = Some(mask);
        finished
    }

    /// Discs are blended straight from their geometry, in two row bands on two threads when
    /// the budget allows and the batch is big enough to pay for a thread: each band draws
    /// every disc in order, clipped to its rows, so the image is the same either way.
    fn styled_markers(
        &mut self,
        kind: MarkerKind,
        points: &[StyledMarker],
        budget: &Budget,
    ) -> bool {
        if !matches!(kind, MarkerKind::Circle | MarkerKind::None) {
            return super::styled_one_by_one(self, kind, points, budget);
        }
        let width = self.pixmap.width() as usize;
        let height = self.pixmap.height() as usize;
        let data = self.pixmap.data_mut();
        if points.len() < PARALLEL_DISCS_ABOVE || budget.threads() < 2 || height < 2 {
            let mut band = disc::Band::stamping(data, width, 0);
            return blend_discs(&mut band, points, budget);
        }
        let mid = height / 2;
        let (top, bottom) = data.split_at_mut(mid * width * 4);
        std::thread::scope(|s| {
            let other = s.spawn(|| {
                let mut band = disc::Band::stamping(bottom, width, mid);
                blend_discs(&mut band, points, budget)
            });
            let mut band = disc::Band::stamping(top, width, 0);
            let mine = blend_discs(&mut band, points, budget);
            other.join().unwrap_or(false) && mine
        })
    }

    fn text(&mut self, text: &str, x: f32, y: f32, style: &TextStyle) {
        glyphs::draw_text(self, text, x, y, style);
    }

    fn text_at_angle(&mut self, text: &str, x: f32, y: f32, style: &TextStyle, degrees: f32) {
        if degrees == 0.0 {
            return glyphs::draw_text(self, text, x, y, style);
        }
        glyphs::draw_text_at_angle(self, text, x, y, style, degrees);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::{HAlign, VAlign};

    #[test]
    fn sixteen_levels_are_the_clamped_and_rounded_coverage() {
        let specials = [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            -0.0,
            -1e-30,
            1e30,
            0.5,
        ];
        let sweep = (-2000..=2000).map(|i| i as f32 / 1000.0);
        for c in specials.into_iter().chain(sweep) {
            let want = if c.is_nan() {
                0
            } else {
                (c.clamp(0.0, 1.0) * 15.0 + 0.5) as u8 * 17
            };
            assert_eq!(level16(c), want, "{c}");
        }
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

    /// Styled discs drawn in two row bands on two threads give the one-thread image, pixel for
    /// pixel, translucent overlaps included.
    #[test]
    fn styled_discs_are_the_same_on_one_or_two_threads() {
        let mut seed = 99u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            (seed >> 40) as f32 / (1u64 << 24) as f32
        };
        let points: Vec<StyledMarker> = (0..PARALLEL_DISCS_ABOVE + 500)
            .map(|_| StyledMarker {
                x: next() * 220.0 - 10.0,
                y: next() * 170.0 - 10.0,
                size: 0.5 + next() * 30.0,
                color: Rgba((next() * 255.0) as u8, 90, (next() * 255.0) as u8, 150),
            })
            .collect();
        let draw = |threads| {
            let mut c =
                RasterCanvas::new(200, 151, Rgba(255, 255, 255, 255), Fonts::new()).unwrap();
            let budget = Budget::from_millis(60_000).with_threads(threads);
            assert!(c.styled_markers(MarkerKind::Circle, &points, &budget));
            c.pixmap.data().to_vec()
        };
        assert!(draw(1) == draw(2), "two bands differ from one");
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
