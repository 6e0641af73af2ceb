//! Heatmaps: one snapped rectangle per cell (no seams), row 0 at the top, and a colorbar.

use super::axes::{self, AxisSpan, Sizes};
use super::frame::{snap, Rect, Scale};
use super::paint::{Painter, TextStyle};
use crate::draw::text::Fonts;
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::{ColormapTable, Theme};
use crate::spec::model::{Axis, AxisKind, Heatmap};

/// The axis a heatmap dimension shows: its labels, or indices with round ticks.
fn dim_axis(base: &Axis, labels: &Option<Vec<String>>) -> Axis {
    Axis {
        kind: match labels {
            Some(l) => AxisKind::Category(l.clone()),
            None => AxisKind::Linear,
        },
        grid: false,
        ..base.clone()
    }
}

fn z_range(h: &Heatmap) -> (f64, f64) {
    let (lo, hi) =
        h.z.iter()
            .flatten()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
    if !lo.is_finite() {
        (0.0, 1.0)
    } else if lo == hi {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    }
}

#[allow(clippy::too_many_arguments)]
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    fonts: &Fonts,
    h: &Heatmap,
    x: &Axis,
    y: &Axis,
    area: Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let sz = Sizes::at(k);
    let (zlo, zhi) = z_range(h);
    let z_ticks = crate::render::ticks::linear(
        zlo,
        zhi,
        ((area.height() / (sz.tick * 3.2)) as usize).clamp(2, 8),
    );
    let bar_w = 14.0 * k;
    let z_label_w = z_ticks
        .labels
        .iter()
        .map(|l| fonts.measure(l, sz.tick, false).0)
        .fold(0.0, f32::max);
    let bar_space = 14.0 * k + bar_w + sz.tick_len + sz.pad + z_label_w;
    let inner = Rect {
        x1: area.x1 - bar_space,
        ..area
    };
    let (xa, ya) = (dim_axis(x, &h.x_labels), dim_axis(y, &h.y_labels));
    let (rows, cols) = (h.z.len(), h.cols);
    let xr = (-0.5, cols as f64 - 0.5);
    let yr = (-0.5, rows as f64 - 0.5);
    let ya = Axis {
        reversed: true,
        ..ya
    };
    let mut laid = axes::layout(
        fonts,
        AxisSpan {
            axis: &xa,
            range: xr,
        },
        AxisSpan {
            axis: &ya,
            range: yr,
        },
        inner,
        k,
    );
    laid.x_ticks.retain_integers();
    laid.y_ticks.retain_integers();
    let f = &laid.frame;
    let span = zhi - zlo;
    let colors = ColormapTable::new(h.colormap);
    for (r, row) in h.z.iter().enumerate() {
        p.budget().check("drawing heatmap cells")?;
        let (y0, y1) = (f.sy.map(r as f64 - 0.5), f.sy.map(r as f64 + 0.5));
        for (c, &v) in row.iter().enumerate() {
            if v.is_finite() {
                let (x0, x1) = (f.sx.map(c as f64 - 0.5), f.sx.map(c as f64 + 0.5));
                p.rect(x0, y0, x1, y1, colors.at((v - zlo) / span))?;
            }
        }
    }
    axes::draw_axes(p, &laid, theme, k)?;
    // Colorbar.
    let bx0 = f.plot.x1 + 14.0 * k;
    let bx1 = bx0 + bar_w;
    let steps = (f.plot.height().round() as usize).clamp(2, 256);
    for i in 0..steps {
        let t0 = i as f32 / steps as f32;
        let t1 = (i + 1) as f32 / steps as f32;
        let color = colors.at(1.0 - (i as f64 + 0.5) / steps as f64);
        p.rect(
            bx0,
            f.plot.y0 + t0 * f.plot.height(),
            bx1,
            f.plot.y0 + t1 * f.plot.height(),
            color,
        )?;
    }
    let stroke = Stroke::solid(theme.axis, k.max(1.0));
    let bar = Scale::new(zlo, zhi, false, f.plot.y1, f.plot.y0);
    for (v, label) in z_ticks.values.iter().zip(&z_ticks.labels) {
        let py = snap(bar.map(*v), 1.0);
        p.line(&[(bx1, py), (bx1 + sz.tick_len, py)], &stroke)?;
        p.text(
            label,
            bx1 + sz.tick_len + sz.pad * 0.6,
            py,
            TextStyle::new(sz.tick, theme.text, HAlign::Left, VAlign::Middle),
        )?;
    }
    Ok(())
}
