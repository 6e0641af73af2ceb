//! Drawing the shapes: lines, markers, bars and bands, clipped to the plot.

use super::map::pixel_runs;
use super::{check, Geom, Shape};
use crate::draw::{Canvas, Stroke};
use crate::error::Result;
use crate::render::frame::Frame;
use crate::render::paint::Painter;
use crate::spec::color::Rgba;
use crate::spec::model::Marker;
use crate::spec::MarkerKind;

/// Draws one shape, clipped to the frame's plot; `runs` are its lines from [`super::path_runs`].
pub fn draw_shape<C: Canvas>(
    p: &Painter<C>,
    s: &Shape,
    runs: &[Vec<(f32, f32)>],
    frame: &Frame,
    k: f32,
) -> Result<()> {
    match &s.geom {
        Geom::Path {
            pts,
            width,
            dash,
            marker,
        } => {
            let stroke = Stroke::scaled(s.color, *width, dash.as_deref(), k);
            for run in runs {
                p.line(run, &stroke)?;
            }
            match marker {
                Some(m) => draw_points(p, pts, m, s.color, frame, k),
                None => Ok(()),
            }
        }
        Geom::Points { pts, marker } if s.marks.styled_points() => {
            super::points::draw_styled(p, s, pts, marker, frame, k)
        }
        Geom::Points { pts, marker } => draw_points(p, pts, marker, s.fill, frame, k),
        Geom::Rects {
            rects,
            gap,
            horizontal,
            ..
        } => {
            let fills = s.marks.fills.as_deref();
            draw_rects(p, rects, *gap && !horizontal, (s.fill, fills), frame, k)
        }
        Geom::Band { xs, lo, hi, width } => {
            let band = Band {
                xs,
                lo,
                hi,
                width: *width,
            };
            draw_band(p, &band, s, frame, k)
        }
        Geom::Mark(m) => super::marks::draw(p, m, s.color, s.fill, frame, k),
    }
}

/// Bars, clamped to the plot; with `gap`, wide enough columns leave a hairline between them.
fn draw_rects<C: Canvas>(
    p: &Painter<C>,
    rects: &[[f64; 4]],
    gap: bool,
    (fill, fills): (Rgba, Option<&[Rgba]>),
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let Frame { plot, sx, sy } = frame;
    for (i, r) in rects.iter().enumerate() {
        check(p.budget(), i, "drawing bars")?;
        let (mut x0, mut x1) = (
            sx.map(r[0]).clamp(plot.x0, plot.x1),
            sx.map(r[1]).clamp(plot.x0, plot.x1),
        );
        let (y0, y1) = (
            sy.map(r[2]).clamp(plot.y0, plot.y1),
            sy.map(r[3]).clamp(plot.y0, plot.y1),
        );
        if gap && (x1 - x0).abs() >= 4.0 * k {
            let g = 0.5 * k;
            (x0, x1) = (x0.min(x1) + g, x0.max(x1) - g);
        }
        if (x1 - x0).abs() < 0.01 || (y1 - y0).abs() < 0.01 {
            continue;
        }
        p.rect(x0, y0, x1, y1, fills.map_or(fill, |f| f[i]))?;
    }
    Ok(())
}

/// An area's band, borrowed from its [`Geom::Band`].
struct Band<'a> {
    xs: &'a [f64],
    lo: &'a [f64],
    hi: &'a [f64],
    /// Outline width at scale 1.
    width: f64,
}

/// One filled polygon per run of finite values, each outlined along its top.
fn draw_band<C: Canvas>(
    p: &Painter<C>,
    band: &Band,
    s: &Shape,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let Band { xs, lo, hi, .. } = *band;
    let finite = |i: usize| hi[i].is_finite() && lo[i].is_finite();
    let mut start = 0;
    while start < xs.len() {
        while start < xs.len() && !finite(start) {
            start += 1;
        }
        let mut end = start;
        while end < xs.len() && finite(end) {
            end += 1;
        }
        if end - start >= 2 {
            draw_band_run(p, band, start..end, s, frame, k)?;
        }
        start = end.max(start + 1);
    }
    Ok(())
}

/// The piece `run` of a band: filled in the shape's fill, outlined in its colour (unless its
/// width is 0).
fn draw_band_run<C: Canvas>(
    p: &Painter<C>,
    band: &Band,
    run: std::ops::Range<usize>,
    s: &Shape,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let Band { xs, lo, hi, width } = *band;
    let Frame { plot, sx, sy } = frame;
    let top: Vec<(f64, f64)> = run.clone().map(|i| (xs[i], hi[i])).collect();
    let poly = band_polygon(xs, hi, lo, run, frame);
    p.polygon(&poly, s.fill)?;
    if width == 0.0 {
        return Ok(());
    }
    let stroke = Stroke::solid(s.color, width as f32 * k);
    let clip = plot.inset(-(width as f32) * k);
    for line in pixel_runs(&top, sx, sy, &clip, p.budget())? {
        p.line(&line, &stroke)?;
    }
    Ok(())
}

/// The polygon of band piece `run` between `hi` and `lo` along `xs`, in pixels clamped to the
/// plot: along `hi`, back along `lo`. A very long one keeps every n-th vertex (an outline is
/// drawn exactly on top).
pub(super) fn band_polygon(
    xs: &[f64],
    hi: &[f64],
    lo: &[f64],
    run: std::ops::Range<usize>,
    frame: &Frame,
) -> Vec<(f32, f32)> {
    let Frame { plot, sx, sy } = frame;
    let clampy = |v: f64| sy.map(v).clamp(plot.y0, plot.y1);
    let clampx = |v: f64| sx.map(v).clamp(plot.x0, plot.x1);
    let mut poly: Vec<(f32, f32)> = run
        .clone()
        .map(|i| (clampx(xs[i]), clampy(hi[i])))
        .collect();
    poly.extend(run.rev().map(|i| (clampx(xs[i]), clampy(lo[i]))));
    if poly.len() > 20_000 {
        let step = poly.len() / 10_000 + 1;
        poly.into_iter().step_by(step).collect()
    } else {
        poly
    }
}

/// Markers at the finite points that fall inside the plot (give or take half a pixel).
fn draw_points<C: Canvas>(
    p: &Painter<C>,
    pts: &[(f64, f64)],
    m: &Marker,
    color: Rgba,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    let mut centers = Vec::with_capacity(pts.len());
    for (i, &(x, y)) in pts.iter().enumerate() {
        check(p.budget(), i, "mapping points")?;
        if x.is_finite() && y.is_finite() {
            let c = frame.map((x, y));
            if frame.plot.inset(-0.5).contains(c) {
                centers.push(c);
            }
        }
    }
    let kind = if m.kind == MarkerKind::None {
        MarkerKind::Circle
    } else {
        m.kind
    };
    p.markers(kind, m.size as f32 * k, color, centers)
}
