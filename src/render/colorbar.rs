//! The colour bar of a scatter series coloured by `values_color`: room is taken at the right
//! of the panel before the axes are laid out, and the heatmap's colour bar is drawn there,
//! as tall as the plot.

use super::axes::{self, Sizes};
use super::frame::Rect;
use super::geom::Shape;
use super::heatmap::{draw_colorbar, Colorbar, BAR_WIDTH};
use super::paint::Painter;
use crate::draw::text::Fonts;
use crate::draw::Canvas;
use crate::error::Result;
use crate::spec::color::{ColormapTable, Theme};
use crate::spec::model::TickLabels;

/// A colour bar and where it starts.
pub struct Side {
    bar: Colorbar,
    x0: f32,
}

/// Takes room for the colour bar of the first shape coloured by value (if any) from the right
/// of `area`.
/// The ticks are written in the chart's locale (`conventions`; their format is not used).
pub fn reserve(
    fonts: &Fonts,
    (shapes, conventions): (&[Shape], &TickLabels),
    area: &mut Rect,
    k: f32,
) -> Option<Side> {
    let (map, range) = shapes.iter().find_map(|s| s.marks.colorbar)?;
    let sz = Sizes::at(k);
    let bar = Colorbar {
        colors: ColormapTable::new(map),
        range,
        ticks: super::ticks::linear(
            range.0,
            range.1,
            ((area.height() / (sz.tick * 3.2)) as usize).clamp(2, 8),
            &TickLabels {
                format: None,
                ..conventions.clone()
            },
        ),
    };
    let label_w = axes::widest(fonts, &bar.ticks.labels, sz.tick);
    let space = 14.0 * k + BAR_WIDTH * k + sz.tick_len + sz.pad + label_w;
    area.x1 -= space;
    Some(Side {
        bar,
        x0: area.x1 + 14.0 * k,
    })
}

/// Draws the colour bar beside `plot`.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    side: &Side,
    plot: &Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    draw_colorbar(p, &side.bar, side.x0, plot, theme, k)
}
