//! The plot frame: the plot rectangle in device pixels and the two scales that map data into
//! it. A leaf of the renderer, so that axes (which lay the frame out) and geometry (which is
//! drawn into it) both depend on it and not on each other.

use crate::draw::{HAlign, VAlign};

/// A rectangle in device pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    pub fn contains(&self, p: (f32, f32)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
    /// The box of a `w`×`h` text drawn at (`x`, `y`) with these alignments.
    pub fn anchored(x: f32, y: f32, (w, h): (f32, f32), ha: HAlign, va: VAlign) -> Rect {
        let x0 = match ha {
            HAlign::Left => x,
            HAlign::Center => x - w / 2.0,
            HAlign::Right => x - w,
        };
        let y0 = match va {
            VAlign::Top => y,
            VAlign::Middle => y - h / 2.0,
            VAlign::Bottom => y - h,
        };
        Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        }
    }
    pub fn inset(&self, d: f32) -> Rect {
        Rect {
            x0: self.x0 + d,
            y0: self.y0 + d,
            x1: self.x1 - d,
            y1: self.y1 - d,
        }
    }
}

/// Maps axis values to device pixels (linear or logarithmic).
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    lo: f64,
    hi: f64,
    log: bool,
    p0: f32,
    p1: f32,
}

impl Scale {
    pub fn new(lo: f64, hi: f64, log: bool, p0: f32, p1: f32) -> Scale {
        if log {
            Scale {
                lo: lo.log10(),
                hi: hi.log10(),
                log,
                p0,
                p1,
            }
        } else {
            Scale {
                lo,
                hi,
                log,
                p0,
                p1,
            }
        }
    }

    #[inline]
    pub fn map(&self, v: f64) -> f32 {
        let v = if self.log {
            if v > 0.0 {
                v.log10()
            } else {
                f64::NEG_INFINITY
            }
        } else {
            v
        };
        let t = (v - self.lo) / (self.hi - self.lo);
        // Far-out values are clamped so that f32 stays finite; clipping happens later.
        let t = t.clamp(-1e4, 1e4);
        self.p0 + (t as f32) * (self.p1 - self.p0)
    }
}

/// Where a cartesian panel's data goes: the plot rectangle and the scales of x and y.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub plot: Rect,
    pub sx: Scale,
    pub sy: Scale,
}

impl Frame {
    /// A data point in device pixels.
    #[inline]
    pub fn map(&self, (x, y): (f64, f64)) -> (f32, f32) {
        (self.sx.map(x), self.sy.map(y))
    }
}

/// Snaps a line coordinate so a line of `width` pixels lands on whole pixels.
pub fn snap(c: f32, width: f32) -> f32 {
    if (width.round() as i32) % 2 == 1 {
        c.floor() + 0.5
    } else {
        c.round()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_both_kinds() {
        let s = Scale::new(0.0, 10.0, false, 100.0, 200.0);
        assert_eq!(s.map(5.0), 150.0);
        let s = Scale::new(1.0, 100.0, true, 0.0, 100.0);
        assert!((s.map(10.0) - 50.0).abs() < 1e-4);
    }
}
