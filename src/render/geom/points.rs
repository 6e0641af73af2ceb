//! Points drawn one by one: scatter points with their own colour (`colors`, `values_color`) or
//! size (`sizes`, a bubble chart), and the markers of step and smooth lines.

use super::{check, Shape};
use crate::draw::{Canvas, StyledMarker};
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
    let mut batch = Vec::with_capacity(pts.len());
    for (i, &pt) in pts.iter().enumerate() {
        check(p.budget(), i, "mapping points")?;
        let c = frame.map(pt);
        if !clip.contains(c) {
            continue;
        }
        let color = m.fills.as_ref().map_or(s.fill, |f| f[i]);
        let size = match m.sizes.as_ref().map(|v| v[i]) {
            Some(d) if d.is_finite() => d,
            _ => marker.size,
        };
        if size > 0.0 {
            batch.push(StyledMarker {
                x: c.0,
                y: c.1,
                size: size as f32 * k,
                color,
            });
        }
    }
    // One batch, in order, so the canvas can draw it on both cores (see `styled_markers`).
    p.styled_markers(kind, batch)
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
