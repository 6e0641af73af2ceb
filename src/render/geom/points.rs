//! Points drawn one by one: scatter points with their own colour (`colors`, `values_color`) or
//! size (`sizes`, a bubble chart), and the markers of step and smooth lines.

use super::{check, Shape};
use crate::draw::Canvas;
use crate::error::Result;
use crate::render::frame::Frame;
use crate::render::paint::Painter;
use crate::spec::model::Marker;
use crate::spec::MarkerKind;

/// The points `pts` of `s`, each in its own fill and size (the series' where none is given).
pub fn draw_styled<C: Canvas>(
    p: &Painter<C>,
    s: &Shape,
    pts: &[(f64, f64)],
    marker: &Marker,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let m = &s.marks;
    let kind = visible(marker.kind);
    let clip = frame.plot.inset(-0.5);
    for (i, &pt) in pts.iter().enumerate() {
        // Each point may be its own size and colour, so its stamp is not cached: a point costs
        // as much as a small shape, and the clock is read every few of them.
        if i % 64 == 0 {
            p.budget().check("drawing points")?;
        }
        let c = frame.map(pt);
        if !clip.contains(c) {
            continue;
        }
        let fill = m.fills.as_ref().map_or(s.fill, |f| f[i]);
        let size = match m.sizes.as_ref().map(|v| v[i]) {
            Some(d) if d.is_finite() => d,
            _ => marker.size,
        };
        if size > 0.0 {
            p.markers(kind, size as f32 * k, fill, vec![c])?;
        }
    }
    Ok(())
}

/// The markers a step or smooth line keeps at its data points.
pub fn draw_line_markers<C: Canvas>(
    p: &Painter<C>,
    s: &Shape,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let Some((pts, marker)) = &s.marks.markers else {
        return Ok(());
    };
    let clip = frame.plot.inset(-0.5);
    let mut centers = Vec::with_capacity(pts.len());
    for (i, &(x, y)) in pts.iter().enumerate() {
        check(p.budget(), i, "mapping points")?;
        if x.is_finite() && y.is_finite() {
            let c = frame.map((x, y));
            if clip.contains(c) {
                centers.push(c);
            }
        }
    }
    p.markers(
        visible(marker.kind),
        marker.size as f32 * k,
        s.color,
        centers,
    )
}

fn visible(kind: MarkerKind) -> MarkerKind {
    if kind == MarkerKind::None {
        MarkerKind::Circle
    } else {
        kind
    }
}
