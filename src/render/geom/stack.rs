//! Opaque stacked areas filled from the top of each band down to the stack's base, largest
//! first, so each boundary between two bands is rasterized once, as the top of the band below.
//!
//! Drawn band by band, every boundary is the top edge of one polygon and the bottom edge of
//! the next: rasterized twice, and anti-aliased twice, so where two bands meet a pixel half
//! in each shows the background through both halves (a pale seam along every boundary). Filled
//! from the base up to each band's top, the smaller polygons drawn over the larger, a pixel on
//! a boundary is the upper band's colour blended with the lower band's, and the stack's edges
//! cost half as much (Vega-Lite's stacked_area, 14 bands: 3.7 % fewer instructions in all).

use super::draw::band_polygon;
use super::{Geom, Shape};
use crate::draw::Canvas;
use crate::error::Result;
use crate::render::frame::Frame;
use crate::render::paint::Painter;

/// The end of the stack that starts at `shapes[start]`: the shapes from there on that are
/// opaque, unoutlined bands with nothing drawn on them, along the same xs, each starting where
/// the one before it ends, all growing the same way from the first one's base. `start + 1`
/// when there is no stack of two there.
pub fn stack_end(shapes: &[Shape], start: usize) -> usize {
    let Some(first) = shapes.get(start).and_then(plain_band) else {
        return start + 1;
    };
    let (mut up, mut down) = first.grows();
    let mut below = first;
    let mut end = start + 1;
    while let Some(band) = shapes.get(end).and_then(plain_band) {
        let (u, d) = band.grows();
        if band.xs != below.xs || band.lo != below.hi || !(up && u || down && d) {
            break;
        }
        (up, down) = (up && u, down && d);
        below = band;
        end += 1;
    }
    if end - start < 2 || !(up || down) {
        start + 1
    } else {
        end
    }
}

/// A band's arrays, when the shape is a band that [`stack_end`] may stack: opaque, without an
/// outline, whiskers or markers, and finite everywhere (one polygon, no gaps).
struct Plain<'a> {
    xs: &'a [f64],
    lo: &'a [f64],
    hi: &'a [f64],
}

impl Plain<'_> {
    /// Whether the band grows upwards (its top at or above its base everywhere) and whether
    /// downwards: a stack is filled from its base only when all its bands grow the same way.
    fn grows(&self) -> (bool, bool) {
        let pairs = || self.hi.iter().zip(self.lo);
        (pairs().all(|(h, l)| h >= l), pairs().all(|(h, l)| h <= l))
    }
}

fn plain_band(s: &Shape) -> Option<Plain<'_>> {
    match &s.geom {
        Geom::Band { xs, lo, hi, width }
            if *width == 0.0
                && s.fill.is_opaque()
                && s.marks.whiskers.is_empty()
                && s.marks.markers.is_none()
                && xs.len() >= 2
                && lo.iter().chain(hi).all(|v| v.is_finite()) =>
        {
            Some(Plain { xs, lo, hi })
        }
        _ => None,
    }
}

/// Fills the stack `shapes` (as [`stack_end`] found it, so every one a band): each band from
/// its top down to the first band's base, the last band first.
pub fn draw_stack<C: Canvas>(p: &Painter<C>, shapes: &[Shape], frame: &Frame) -> Result<()> {
    let Some(Geom::Band { lo: base, .. }) = shapes.first().map(|s| &s.geom) else {
        return Ok(());
    };
    for s in shapes.iter().rev() {
        if let Geom::Band { xs, hi, .. } = &s.geom {
            p.polygon(&band_polygon(xs, hi, base, 0..xs.len(), frame), s.fill)?;
        }
    }
    Ok(())
}
