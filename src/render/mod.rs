//! The renderer: a validated [`Chart`] and a [`Budget`] in, an encoded image out.
//!
//! Order of work: refuse what cannot fit (cost estimate), lay out each panel, draw through
//! plotters into a canvas (budget-checked per primitive), encode (budget-checked per chunk of
//! rows). A panic anywhere in here becomes an `internal` error, never a dead process.

mod axes;
mod frame;
mod geom;
mod heatmap;
mod legend;
mod paint;
mod pie;
pub(crate) mod ticks;
pub(crate) mod time_ticks;

use crate::budget::Budget;
use crate::draw::png;
use crate::draw::raster::RasterCanvas;
use crate::draw::svg::SvgCanvas;
use crate::draw::text::{fit, Fonts};
use crate::draw::{Canvas, HAlign, VAlign};
use crate::error::{Error, Result};
use crate::spec::color::Theme;
use crate::spec::limits::CostEstimate;
use crate::spec::model::{Chart, Content, LegendPlace, Panel};
use crate::spec::Format;
use axes::{AxisSpan, Sizes};
use frame::Rect;
use paint::{Painter, TextStyle};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// An encoded image.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub format: Format,
    /// Device pixels.
    pub width: u32,
    pub height: u32,
    /// Time spent drawing and encoding.
    pub draw_ms: f64,
    pub encode_ms: f64,
}

impl Rendered {
    pub fn content_type(&self) -> &'static str {
        self.format.content_type()
    }
}

/// Renders `chart` within `budget`.
pub fn render(chart: &Chart, budget: &Budget) -> Result<Rendered> {
    guarded(|| render_unguarded(chart, budget))
}

/// Runs `f`, turning a panic into an `internal` error so that no input can take the process down.
pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Error::internal(format!("the renderer failed: {what}")))
        }
    }
}

fn render_unguarded(chart: &Chart, budget: &Budget) -> Result<Rendered> {
    CostEstimate::of(chart).check_fits(budget.remaining(), budget.total().as_millis() as u64)?;
    budget.check("starting")?;
    let fonts = Fonts::new();
    let (w, h) = (chart.pixel_width(), chart.pixel_height());
    let t0 = Instant::now();
    match chart.format {
        Format::Png => {
            let mut canvas =
                RasterCanvas::with_background(w, h, chart.background, fonts.clone(), budget)?;
            draw_chart(&mut canvas, chart, fonts, budget)?;
            let draw_ms = t0.elapsed().as_secs_f64() * 1e3;
            let t1 = Instant::now();
            let pixmap = canvas.into_pixmap();
            let bytes = png::encode(&pixmap, budget)?;
            crate::draw::buffer::give_back(pixmap.take());
            Ok(Rendered {
                bytes,
                format: Format::Png,
                width: w,
                height: h,
                draw_ms,
                encode_ms: t1.elapsed().as_secs_f64() * 1e3,
            })
        }
        Format::Svg => {
            let mut canvas = SvgCanvas::new(w, h, chart.background, fonts.clone());
            draw_chart(&mut canvas, chart, fonts, budget)?;
            let draw_ms = t0.elapsed().as_secs_f64() * 1e3;
            let bytes = canvas.finish().into_bytes();
            Ok(Rendered {
                bytes,
                format: Format::Svg,
                width: w,
                height: h,
                draw_ms,
                encode_ms: 0.0,
            })
        }
    }
}

fn draw_chart<C: Canvas>(
    canvas: &mut C,
    chart: &Chart,
    fonts: Fonts,
    budget: &Budget,
) -> Result<()> {
    let (w, h) = canvas.size();
    let k = chart.scale as f32;
    let p = Painter::new(canvas, fonts.clone(), *budget);
    let sz = Sizes::at(k);
    let mut area = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: w as f32,
        y1: h as f32,
    }
    .inset(10.0 * k);
    if let Some(title) = &chart.title {
        let text = fit(&fonts, title, sz.title, true, area.width());
        p.text(
            &text,
            w as f32 / 2.0,
            area.y0,
            TextStyle::new(sz.title, chart.theme.text, HAlign::Center, VAlign::Top).bold(),
        )?;
        area.y0 += fonts.measure(&text, sz.title, true).1 + 8.0 * k;
    }
    let (rows, cols) = (chart.rows as f32, chart.cols as f32);
    let (cw, ch) = (area.width() / cols, area.height() / rows);
    let gap = if chart.panels.len() > 1 { 8.0 * k } else { 0.0 };
    for (i, panel) in chart.panels.iter().enumerate() {
        let (r, c) = (
            (i as u32 / chart.cols) as f32,
            (i as u32 % chart.cols) as f32,
        );
        let cell = Rect {
            x0: area.x0 + c * cw + gap,
            y0: area.y0 + r * ch + gap,
            x1: area.x0 + (c + 1.0) * cw - gap,
            y1: area.y0 + (r + 1.0) * ch - gap,
        };
        draw_panel(&p, &fonts, panel, cell, chart, k)?;
    }
    Ok(())
}

fn draw_panel<C: Canvas>(
    p: &Painter<C>,
    fonts: &Fonts,
    panel: &Panel,
    mut area: Rect,
    chart: &Chart,
    k: f32,
) -> Result<()> {
    let theme: &Theme = &chart.theme;
    let sz = Sizes::at(k);
    if let Some(title) = &panel.title {
        let size = sz.title * 0.875;
        let text = fit(fonts, title, size, true, area.width());
        p.text(
            &text,
            (area.x0 + area.x1) / 2.0,
            area.y0,
            TextStyle::new(size, theme.text, HAlign::Center, VAlign::Top).bold(),
        )?;
        area.y0 += fonts.measure(&text, size, true).1 + 6.0 * k;
    }
    match &panel.content {
        Content::Pie(pie) => {
            let entries = pie::entries(pie);
            let mut plot = area;
            let placed = panel.legend.map(|place| {
                let b = legend::measure(fonts, &entries, k, area.width() * 0.35, area.height());
                let at = outside(&mut plot, &b, place, k);
                (b, at)
            });
            pie::draw(p, pie, plot, theme, chart.background, k)?;
            if let Some((b, at)) = placed {
                legend::draw(p, &entries, &b, at, theme, k)?;
            }
            Ok(())
        }
        Content::Heatmap(h) => heatmap::draw(p, fonts, h, &panel.x, &panel.y, area, theme, k),
        Content::Cartesian(plots) => {
            let budget = *p.budget();
            let shapes = geom::prepare(plots, &budget)?;
            let (ex, ey) = geom::extents(&shapes, &budget)?;
            let x = AxisSpan {
                axis: &panel.x,
                range: axes::resolve_range(&panel.x, ex),
            };
            let y = AxisSpan {
                axis: &panel.y,
                range: axes::resolve_range(&panel.y, ey),
            };
            let entries = legend::entries(&shapes);
            let legend_box = (panel.legend.is_some() && !entries.is_empty())
                .then(|| legend::measure(fonts, &entries, k, area.width() * 0.3, area.height()));
            let mut inner = area;
            let mut legend_at = None;
            if let (Some(place), Some(b)) = (panel.legend, &legend_box) {
                if matches!(place, LegendPlace::Right | LegendPlace::Bottom) {
                    legend_at = Some(outside(&mut inner, b, place, k));
                }
            }
            let mut layout = axes::layout(fonts, x, y, inner, k);
            // Lines in pixels, computed once for legend placement and drawing.
            let mut runs = Vec::new();
            if let (Some(place), Some(b)) = (panel.legend, &legend_box) {
                let cands = legend::candidates(&layout.frame.plot, b, k);
                legend_at = match place {
                    LegendPlace::TopRight => Some(cands[0]),
                    LegendPlace::TopLeft => Some(cands[1]),
                    LegendPlace::BottomLeft => Some(cands[2]),
                    LegendPlace::BottomRight => Some(cands[3]),
                    LegendPlace::Best => {
                        runs = geom::path_runs(&shapes, &layout.frame, k, &budget)?;
                        let occ = legend::occupancy(&shapes, &runs, &layout.frame, k, &budget)?;
                        match legend::best_free(&occ, &cands) {
                            Some(r)
                                if r.x0 >= layout.frame.plot.x0 && r.y1 <= layout.frame.plot.y1 =>
                            {
                                Some(r)
                            }
                            _ => {
                                // Every spot inside would hide data: move it out and lay out again.
                                inner = area;
                                let at = outside(&mut inner, b, LegendPlace::Right, k);
                                layout = axes::layout(fonts, x, y, inner, k);
                                runs.clear();
                                Some(at)
                            }
                        }
                    }
                    LegendPlace::Right | LegendPlace::Bottom => legend_at,
                };
            }
            axes::draw_grid(p, &layout, theme, k)?;
            if runs.is_empty() {
                runs = geom::path_runs(&shapes, &layout.frame, k, &budget)?;
            }
            for (s, r) in shapes.iter().zip(&runs) {
                geom::draw_shape(p, s, r, &layout.frame, k)?;
            }
            axes::draw_axes(p, &layout, theme, k)?;
            if let (Some(b), Some(at)) = (&legend_box, legend_at) {
                legend::draw(p, &entries, b, at, theme, k)?;
            }
            Ok(())
        }
    }
}

/// Takes room for a legend outside the plot from `area`; returns where the legend goes.
fn outside(area: &mut Rect, b: &legend::Box, place: LegendPlace, k: f32) -> Rect {
    match place {
        LegendPlace::Bottom => {
            let x0 = (area.x0 + area.x1 - b.width) / 2.0;
            let r = Rect {
                x0,
                y0: area.y1 - b.height,
                x1: x0 + b.width,
                y1: area.y1,
            };
            area.y1 -= b.height + 8.0 * k;
            r
        }
        _ => {
            let y0 = (area.y0 + area.y1 - b.height) / 2.0;
            let r = Rect {
                x0: area.x1 - b.width,
                y0: y0.max(area.y0),
                x1: area.x1,
                y1: y0.max(area.y0) + b.height,
            };
            area.x1 -= b.width + 10.0 * k;
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_internal_errors() {
        let r: Result<()> = guarded(|| panic!("boom"));
        let e = r.unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Internal);
        assert!(e.message.contains("boom"));
    }
}
