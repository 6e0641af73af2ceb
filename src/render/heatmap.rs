//! Heatmaps: one snapped rectangle per cell (no seams), row 0 at the top, and a colorbar.

use super::axes::{self, AxisSpan, Sizes};
use super::frame::{snap, Frame, Rect, Scale};
use super::paint::{Painter, TextStyle};
use super::ticks::Ticks;
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::{ColormapTable, Theme};
use crate::spec::model::{Axis, AxisKind, Heatmap, Panel};

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

/// The range a colour scale spans: that of the finite values, widened when they are all equal
/// (heatmap cells, and points coloured by `values_color`).
pub(crate) fn value_range<'a>(values: impl IntoIterator<Item = &'a f64>) -> (f64, f64) {
    let (lo, hi) = values
        .into_iter()
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

/// Draws heatmap `h` of `panel` into `area`: cells, axes, and the colorbar at the right.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    panel: &Panel,
    h: &Heatmap,
    area: Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let sz = Sizes::at(k);
    let (zlo, zhi) = value_range(h.z.iter().flatten());
    let bar = Colorbar {
        colors: ColormapTable::new(h.colormap),
        range: (zlo, zhi),
        ticks: crate::render::ticks::linear(
            zlo,
            zhi,
            ((area.height() / (sz.tick * 3.2)) as usize).clamp(2, 8),
            &panel.x.labels,
        ),
    };
    let bar_w = BAR_WIDTH * k;
    let z_label_w = axes::widest(&p.fonts, &bar.ticks.labels, sz.tick);
    let bar_space = 14.0 * k + bar_w + sz.tick_len + sz.pad + z_label_w;
    let inner = Rect {
        x1: area.x1 - bar_space,
        ..area
    };
    let xa = dim_axis(&panel.x, &h.x_labels);
    let ya = Axis {
        reversed: true,
        ..dim_axis(&panel.y, &h.y_labels)
    };
    let (rows, cols) = (h.z.len(), h.cols);
    let x = AxisSpan {
        axis: &xa,
        range: (-0.5, cols as f64 - 0.5),
    };
    let y = AxisSpan {
        axis: &ya,
        range: (-0.5, rows as f64 - 0.5),
    };
    let mut laid = axes::layout(&p.fonts, x, y, inner, k);
    laid.x_ticks.retain_integers();
    laid.y_ticks.retain_integers();
    draw_cells(p, h, &laid.frame, &bar, theme, k)?;
    axes::draw_axes(p, &laid, theme, k)?;
    let plot = laid.frame.plot;
    draw_colorbar(p, &bar, plot.x1 + 14.0 * k, &plot, theme, k)
}

/// Width of the colorbar at scale 1.
pub(super) const BAR_WIDTH: f32 = 14.0;

/// The colour scale of a heatmap: colours, the values they span, and the ticks beside them.
pub(super) struct Colorbar {
    pub colors: ColormapTable,
    pub range: (f64, f64),
    pub ticks: Ticks,
}

/// One rectangle per finite cell, row 0 at the top; with data labels, each cell's value
/// centred in it in ink that reads on the cell (as bar labels), left out where it does not fit.
fn draw_cells<C: Canvas>(
    p: &Painter<C>,
    h: &Heatmap,
    f: &Frame,
    bar: &Colorbar,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let (zlo, zhi) = bar.range;
    let span = zhi - zlo;
    let size = Sizes::at(k).tick;
    for (r, row) in h.z.iter().enumerate() {
        p.budget().check("drawing heatmap cells")?;
        let (y0, y1) = (f.sy.map(r as f64 - 0.5), f.sy.map(r as f64 + 0.5));
        for (c, &v) in row.iter().enumerate() {
            if !v.is_finite() {
                continue;
            }
            let (x0, x1) = (f.sx.map(c as f64 - 0.5), f.sx.map(c as f64 + 0.5));
            let fill = bar.colors.at((v - zlo) / span);
            p.rect(x0, y0, x1, y1, fill)?;
            let Some(labels) = &h.data_labels else {
                continue;
            };
            let text = labels.text(v);
            let (w, th) = p.fonts.measure(&text, size, false);
            if w + 4.0 * k > (x1 - x0).abs() || th > (y1 - y0).abs() {
                continue;
            }
            let style = TextStyle::new(
                size,
                super::labels::ink_on(fill, theme),
                HAlign::Center,
                VAlign::Middle,
            );
            p.text(&text, (x0 + x1) / 2.0, (y0 + y1) / 2.0, style)?;
        }
    }
    Ok(())
}

/// The colorbar from `bx0`, as tall as `plot`, with ticks and labels on its right.
pub(super) fn draw_colorbar<C: Canvas>(
    p: &Painter<C>,
    bar: &Colorbar,
    bx0: f32,
    plot: &Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let sz = Sizes::at(k);
    let bx1 = bx0 + BAR_WIDTH * k;
    let steps = (plot.height().round() as usize).clamp(2, 256);
    for i in 0..steps {
        let t0 = i as f32 / steps as f32;
        let t1 = (i + 1) as f32 / steps as f32;
        let color = bar.colors.at(1.0 - (i as f64 + 0.5) / steps as f64);
        p.rect(
            bx0,
            plot.y0 + t0 * plot.height(),
            bx1,
            plot.y0 + t1 * plot.height(),
            color,
        )?;
    }
    let stroke = Stroke::solid(theme.axis, k.max(1.0));
    let scale = Scale::new(bar.range.0, bar.range.1, false, plot.y1, plot.y0);
    let style = TextStyle::new(sz.tick, theme.text, HAlign::Left, VAlign::Middle);
    for (v, label) in bar.ticks.values.iter().zip(&bar.ticks.labels) {
        let py = snap(scale.map(*v), 1.0);
        p.line(&[(bx1, py), (bx1 + sz.tick_len, py)], &stroke)?;
        p.text(label, bx1 + sz.tick_len + sz.pad * 0.6, py, style)?;
    }
    Ok(())
}
