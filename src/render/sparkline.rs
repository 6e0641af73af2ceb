//! v2: sparklines — the data alone, filling its panel: no axes, ticks, grid, titles, legend or
//! padding.
//!
//! The axis ranges are the data's own extent (no 5 % margin; bars, areas and histograms still
//! start at zero, and an axis `min`/`max` still applies). The plot is inset by half the widest
//! line or marker only, so that the highest point is drawn whole rather than cut by the edge.

use super::annotations;
use super::axes::{frame_of, resolve_range, AxisSpan};
use super::callout::Callouts;
use super::frame::Rect;
use super::geom::{self, Extent, Geom, Shape};
use super::paint::Painter;
use super::{panel_data, pie};
use crate::draw::{Canvas, Stroke};
use crate::error::Result;
use crate::spec::color::ColormapTable;
use crate::spec::model::{
    Annotation, AnnotationKind, Axis, AxisKind, Chart, Content, Heatmap, Panel, Plot, Radar,
};

/// Draws `panel` as a sparkline filling `area`.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    panel: &Panel,
    area: Rect,
    chart: &Chart,
    k: f32,
) -> Result<()> {
    match &panel.content {
        Content::Pie(pie) => {
            let r = pie::radius_in(&area, k);
            pie::draw_disc(p, pie, &area, r, &chart.theme, chart.background, k)?;
            Ok(())
        }
        Content::Heatmap(h) => draw_cells(p, h, area),
        Content::Radar(r) => draw_radar(p, r, area, k),
        Content::Cartesian(plots) => draw_plots(p, panel, plots, area, chart, k),
    }
}

fn draw_plots<C: Canvas>(
    p: &Painter<C>,
    panel: &Panel,
    plots: &[Plot],
    area: Rect,
    chart: &Chart,
    k: f32,
) -> Result<()> {
    let budget = *p.budget();
    // Annotations keep their shapes, not their words: texts go, labels are dropped.
    let notes: Vec<Annotation> = panel
        .annotations
        .iter()
        .filter(|a| !matches!(a.kind, AnnotationKind::Text { .. }))
        .map(|a| Annotation {
            label: None,
            ..a.clone()
        })
        .collect();
    let mut data = panel_data::prepare(panel, plots, &notes, &budget)?;
    let (xr, yr) = (
        tight_range(&panel.x, data.ex),
        tight_range(&panel.y, data.ey),
    );
    // No y2 axis is drawn, but its series keep their own range.
    let y2 = panel.y2.as_ref().map(|a| AxisSpan {
        axis: a,
        range: tight_range(a, data.ey2),
    });
    let y = AxisSpan {
        axis: &panel.y,
        range: yr,
    };
    let notes = panel_data::onto_y(&mut data.shapes, plots, &notes, (y2, y), &budget)?;
    let shapes = data.shapes;
    let half = half_thickness(&shapes) * k;
    let plot = Rect {
        x0: area.x0 + half,
        y0: area.y0 + half,
        x1: (area.x1 - half).max(area.x0 + half + 1.0),
        y1: (area.y1 - half).max(area.y0 + half + 1.0),
    };
    let x = AxisSpan {
        axis: &panel.x,
        range: xr,
    };
    let frame = frame_of(plot, x, y);
    let runs = geom::path_runs(&shapes, &frame, k, &budget)?;
    let mut callouts = Callouts {
        occupancy: None,
        placed: Vec::new(),
    };
    let theme = &chart.theme;
    annotations::draw_layer(p, &notes, true, &frame, &mut callouts, theme, k)?;
    for (s, r) in shapes.iter().zip(&runs) {
        geom::draw_shape(p, s, r, &frame, k)?;
    }
    annotations::draw_layer(p, &notes, false, &frame, &mut callouts, theme, k)
}

/// The data's extent without the margin a chart with axes gets; what the axis bounds, a zero
/// baseline or constant data call for is as [`resolve_range`] decides.
fn tight_range(axis: &Axis, ext: Extent) -> (f64, f64) {
    let padded = resolve_range(axis, ext);
    if matches!(axis.kind, AxisKind::Category(_)) || ext.is_empty() || ext.min >= ext.max {
        return padded;
    }
    let lo = match axis.min {
        Some(m) => m,
        None if axis.kind == AxisKind::Log && ext.min <= 0.0 => padded.0,
        None => ext.min,
    };
    let hi = axis.max.unwrap_or(ext.max);
    if lo < hi {
        (lo, hi)
    } else {
        padded
    }
}

/// Half the widest line or marker, in logical pixels: how far a mark reaches past its point.
fn half_thickness(shapes: &[Shape]) -> f32 {
    shapes
        .iter()
        .map(|s| match &s.geom {
            Geom::Path { width, marker, .. } => {
                (width / 2.0).max(marker.map_or(0.0, |m| m.size / 2.0))
            }
            Geom::Points { marker, .. } => marker.size / 2.0,
            Geom::Band { width, .. } => width / 2.0,
            Geom::Rects { .. } => 0.0,
            // Boxes, candles and bands are outlined about one pixel wide.
            Geom::Mark(_) => 1.0,
        })
        .fold(0.0, f64::max) as f32
}

/// A radar's series as polygons on spokes clockwise from twelve o'clock, without the web or
/// its labels, from its smallest value (or 0, or `y.min`) at the centre to its largest (or
/// `y.max`) at the edge.
fn draw_radar<C: Canvas>(p: &Painter<C>, r: &Radar, area: Rect, k: f32) -> Result<()> {
    let values = r.series.iter().flat_map(|s| s.values.iter().copied());
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((0f64, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = (r.min.unwrap_or(lo), r.max.unwrap_or(hi));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let widest = r.series.iter().map(|s| s.width).fold(0.0, f64::max) as f32;
    let radius = (area.width().min(area.height()) / 2.0 - widest * k).max(1.0);
    let (cx, cy) = ((area.x0 + area.x1) / 2.0, (area.y0 + area.y1) / 2.0);
    let n = r.labels.len().max(1) as f64;
    for s in &r.series {
        p.budget().check("drawing radar series")?;
        let pts: Vec<(f32, f32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(j, &v)| {
                let a = std::f64::consts::TAU * j as f64 / n - std::f64::consts::FRAC_PI_2;
                let d = radius * ((v - lo) / span).clamp(0.0, 1.0) as f32;
                (cx + d * a.cos() as f32, cy + d * a.sin() as f32)
            })
            .collect();
        if s.fill {
            p.polygon(&pts, s.color.with_alpha(s.opacity))?;
        }
        let mut ring = pts.clone();
        ring.extend(pts.first());
        p.line(&ring, &Stroke::solid(s.color, s.width as f32 * k))?;
    }
    Ok(())
}

/// A heatmap's cells over the whole area, row 0 at the top.
fn draw_cells<C: Canvas>(p: &Painter<C>, h: &Heatmap, area: Rect) -> Result<()> {
    let (lo, hi) =
        h.z.iter()
            .flatten()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let colors = ColormapTable::new(h.colormap);
    let (rows, cols) = (h.z.len().max(1) as f32, h.cols.max(1) as f32);
    let (cw, ch) = (area.width() / cols, area.height() / rows);
    for (r, row) in h.z.iter().enumerate() {
        p.budget().check("drawing heatmap cells")?;
        let y0 = area.y0 + r as f32 * ch;
        for (c, &v) in row.iter().enumerate() {
            if v.is_finite() {
                let x0 = area.x0 + c as f32 * cw;
                p.rect(x0, y0, x0 + cw, y0 + ch, colors.at((v - lo) / span))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The y axis of a validated line chart with `y` as given (built by validation, so that the
    /// test does not depend on every field an axis has).
    fn axis(y: &str) -> Axis {
        let spec = format!(r#"{{"y": {y}, "series": [{{"type": "line", "y": [1, 2]}}]}}"#);
        let limits = crate::Limits::default();
        let parsed = crate::spec::validate::parse_spec(spec.as_bytes(), &limits).unwrap();
        let chart = crate::spec::validate::validate(&parsed, &limits).unwrap();
        chart.panels[0].y.clone()
    }

    #[test]
    fn ranges_are_the_data_without_margins() {
        let ext = Extent {
            min: 2.0,
            max: 10.0,
            min_positive: 2.0,
            zero_baseline: false,
            fit: (2.0, 10.0),
        };
        assert_eq!(tight_range(&axis("{}"), ext), (2.0, 10.0));
        let bars = Extent {
            min: 0.0,
            zero_baseline: true,
            ..ext
        };
        assert_eq!(tight_range(&axis("{}"), bars), (0.0, 10.0));
        assert_eq!(tight_range(&axis(r#"{"max": 20}"#), ext), (2.0, 20.0));
        // Constant data is centred as on any chart.
        let flat = Extent {
            min: 3.0,
            max: 3.0,
            ..ext
        };
        let (lo, hi) = tight_range(&axis("{}"), flat);
        assert!(lo < 3.0 && hi > 3.0);
    }
}
