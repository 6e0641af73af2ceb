//! Error bars: whiskers with caps along the value axis, and the reach they add to its extent.

use super::{check, Extent, Shape};
use crate::draw::{Canvas, Stroke};
use crate::error::Result;
use crate::render::frame::Frame;
use crate::render::paint::Painter;
use crate::spec::color::Rgba;

/// Widens the value-axis extents (`ex` for horizontal bars, else `ey`) to hold every whisker.
pub fn extend<'a>(shapes: impl IntoIterator<Item = &'a Shape>, ex: &mut Extent, ey: &mut Extent) {
    for s in shapes {
        let e = if s.marks.horizontal {
            &mut *ex
        } else {
            &mut *ey
        };
        for w in &s.marks.whiskers {
            e.add(w.lo);
            e.add(w.hi);
        }
    }
}

/// Draws the whiskers of `s` in `color`, clipped to the plot: a line from end to end and a cap
/// at each end that lies inside the plot.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    s: &Shape,
    color: Rgba,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let m = &s.marks;
    if m.whiskers.is_empty() {
        return Ok(());
    }
    let stroke = Stroke::solid(color, 1.25 * k);
    let plot = frame.plot;
    let (cat, val) = if m.horizontal {
        (&frame.sy, &frame.sx)
    } else {
        (&frame.sx, &frame.sy)
    };
    let (vmin, vmax) = if m.horizontal {
        (plot.x0, plot.x1)
    } else {
        (plot.y0, plot.y1)
    };
    for (i, w) in m.whiskers.iter().enumerate() {
        check(p.budget(), i, "drawing error bars")?;
        let c = cat.map(w.at);
        let half = match m.cap {
            Some(d) => ((cat.map(w.at + d) - c).abs()).min(8.0 * k),
            None => 4.0 * k,
        };
        let (a, b) = (val.map(w.lo), val.map(w.hi));
        let (lo, hi) = (a.min(b).max(vmin), a.max(b).min(vmax));
        if lo > hi || !in_span(c, m.horizontal, frame) {
            continue;
        }
        let pt = |v: f32, off: f32| {
            if m.horizontal {
                (v, c + off)
            } else {
                (c + off, v)
            }
        };
        p.line(&[pt(lo, 0.0), pt(hi, 0.0)], &stroke)?;
        for (end, v) in [(a, w.lo), (b, w.hi)] {
            if (vmin..=vmax).contains(&end) && v.is_finite() {
                p.line(&[pt(end, -half), pt(end, half)], &stroke)?;
            }
        }
    }
    Ok(())
}

/// Whether a whisker at screen position `c` across the category axis lies within the plot.
fn in_span(c: f32, horizontal: bool, frame: &Frame) -> bool {
    let r = frame.plot;
    if horizontal {
        (r.y0..=r.y1).contains(&c)
    } else {
        (r.x0..=r.x1).contains(&c)
    }
}

#[cfg(test)]
mod tests {
    use super::super::extras::Whisker;
    use super::super::{Geom, Marks, Swatch};
    use super::*;

    #[test]
    fn whiskers_widen_the_value_axis_only() {
        let marks = Marks {
            whiskers: vec![Whisker {
                at: 3.0,
                lo: -4.0,
                hi: 12.0,
            }],
            ..Marks::default()
        };
        let s = Shape {
            name: None,
            color: Rgba(0, 0, 0, 255),
            fill: Rgba(0, 0, 0, 255),
            swatch: Swatch::Patch,
            geom: Geom::Points {
                pts: vec![],
                marker: crate::spec::model::Marker {
                    kind: crate::spec::MarkerKind::Circle,
                    size: 5.0,
                },
            },
            marks,
        };
        let (mut ex, mut ey) =
            super::super::extents(&[], &crate::Budget::from_millis(1000)).unwrap();
        extend(std::slice::from_ref(&s), &mut ex, &mut ey);
        assert_eq!((ey.min, ey.max), (-4.0, 12.0));
        assert!(ex.is_empty());
    }
}
