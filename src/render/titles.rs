//! The chart's texts around the panels: the title, the v2 `subtitle` under it (lighter), and the
//! v2 `caption` under the panels (small, left-aligned, like a source line in a newspaper).
//!
//! Each is measured before the panels are laid out, so the panels get exactly the space left.

use super::axes::Sizes;
use super::frame::Rect;
use super::paint::{Painter, TextStyle};
use crate::draw::text::fit;
use crate::draw::{Canvas, HAlign, VAlign};
use crate::error::Result;
use crate::spec::color::Rgba;
use crate::spec::model::{Chart, Panel};

/// Draws the title and subtitle at the top of `area` and the caption at its bottom; returns
/// the area left for the panels.
pub fn draw<C: Canvas>(p: &Painter<C>, chart: &Chart, mut area: Rect, k: f32) -> Result<Rect> {
    let sz = Sizes::at(k);
    let cx = (area.x0 + area.x1) / 2.0;
    if let Some(title) = &chart.title {
        let text = fit(&p.fonts, title, sz.title, true, area.width());
        p.text(
            &text,
            cx,
            area.y0,
            TextStyle::new(sz.title, chart.theme.text, HAlign::Center, VAlign::Top).bold(),
        )?;
        let gap = if chart.subtitle.is_some() { 4.0 } else { 8.0 };
        area.y0 += p.fonts.measure(&text, sz.title, true).1 + gap * k;
    }
    let muted = muted(chart);
    if let Some(subtitle) = &chart.subtitle {
        let size = sz.label;
        let text = fit(&p.fonts, subtitle, size, false, area.width());
        p.text(
            &text,
            cx,
            area.y0,
            TextStyle::new(size, muted, HAlign::Center, VAlign::Top),
        )?;
        area.y0 += p.fonts.measure(&text, size, false).1 + 8.0 * k;
    }
    if let Some(caption) = &chart.caption {
        let size = CAPTION_SIZE * k;
        let text = fit(&p.fonts, caption, size, false, area.width());
        p.text(
            &text,
            area.x0,
            area.y1,
            TextStyle::new(size, muted, HAlign::Left, VAlign::Bottom),
        )?;
        area.y1 -= p.fonts.measure(&text, size, false).1 + 8.0 * k;
    }
    Ok(area)
}

/// Draws a panel's own caption at the bottom left of its `area`; returns the area above it.
pub fn panel_caption<C: Canvas>(
    p: &Painter<C>,
    panel: &Panel,
    chart: &Chart,
    mut area: Rect,
    k: f32,
) -> Result<Rect> {
    if let Some(caption) = &panel.caption {
        let size = CAPTION_SIZE * k;
        let text = fit(&p.fonts, caption, size, false, area.width());
        let style = TextStyle::new(size, muted(chart), HAlign::Left, VAlign::Bottom);
        p.text(&text, area.x0, area.y1, style)?;
        area.y1 -= p.fonts.measure(&text, size, false).1 + 6.0 * k;
    }
    Ok(area)
}

/// The caption's font size at scale 1 (ticks are 12).
const CAPTION_SIZE: f32 = 11.0;

/// The subtitle's and caption's colour: the text colour a third of the way to the background,
/// opaque (lighter than the title, still well above WCAG's 4.5:1 contrast on either theme).
fn muted(chart: &Chart) -> Rgba {
    let bg = if chart.background.3 == 0 {
        chart.theme.background
    } else {
        chart.background
    };
    mix(chart.theme.text, bg, 0.35)
}

/// `a` moved a share `t` of the way to `b`.
fn mix(a: Rgba, b: Rgba, t: f64) -> Rgba {
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    Rgba(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2), 255)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn muted_text_is_between_ink_and_paper() {
        let c = mix(Rgba(0x22, 0x22, 0x22, 255), Rgba(255, 255, 255, 255), 0.35);
        assert_eq!(c, Rgba(0x6f, 0x6f, 0x6f, 255));
    }
}
