//! The renderer: a validated [`Chart`] and a [`Budget`] in, an encoded image out.
//!
//! Order of work: refuse what cannot fit (cost estimate), lay out each panel, draw through
//! plotters into a canvas (budget-checked per primitive), encode (budget-checked per chunk of
//! rows). A panic anywhere in here becomes an `internal` error, never a dead process.
//!
//! [`panel`] draws one panel: [`geom`] prepares the series and maps them into the [`frame`]
//! that [`axes`] lays out, [`legend`] is placed around them; [`pie`] and [`heatmap`] draw the
//! other contents. Panels may share their axes ([`panel_data::Shared`]) and one legend
//! ([`figure_legend`]). Everything goes through [`paint::Painter`].

mod axes;
// v2: axis options and annotations
mod annotations;
mod axis_options;
mod axis_ticks;
mod callout;
mod chosen_ticks;
mod disc;
mod figure_legend;
mod frame;
mod geom;
mod heatmap;
mod label_angle;
mod legend;
mod normalize;
mod note_scene;
mod paint;
mod panel;
mod panel_data;
mod pie;
mod polar_area;
// v2: new series types
#[cfg(test)]
mod deadline_tests;
#[cfg(test)]
mod marks_tests;
mod radar;
mod sparkline;
pub(crate) mod ticks;
// v2: series options
mod colorbar;
mod labels;
mod pie_labels;
pub(crate) mod time_ticks;
mod titles;
mod y2;

use crate::budget::Budget;
use crate::draw::accessible::Alt;
use crate::draw::png;
use crate::draw::raster::RasterCanvas;
use crate::draw::svg::SvgCanvas;
use crate::draw::text::{FontLibrary, Fonts};
use crate::draw::Canvas;
use crate::error::{Error, Result};
use crate::spec::limits::CostEstimate;
use crate::spec::model::Chart;
use crate::spec::Format;
use figure_legend::FigureLegend;
use frame::Rect;
use paint::Painter;
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
    // v2: accessibility and warnings
    /// The alt text written into the image: the spec's `description` or a generated summary.
    pub alt: String,
    /// Cosmetic options the spec gave that were not honoured, one sentence each.
    pub warnings: Vec<String>,
}

impl Rendered {
    pub fn content_type(&self) -> &'static str {
        self.format.content_type()
    }
}

/// Renders `chart` within `budget`, its text drawn from `library`.
pub fn render_with_fonts(
    chart: &Chart,
    library: &FontLibrary,
    budget: &Budget,
) -> Result<Rendered> {
    guarded(|| render_unguarded(chart, library, budget))
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

fn render_unguarded(chart: &Chart, library: &FontLibrary, budget: &Budget) -> Result<Rendered> {
    CostEstimate::of(chart).check_fits(budget.remaining(), budget.total().as_millis() as u64)?;
    budget.check("starting")?;
    let alt_text = crate::spec::summary::alt_text(chart, budget)?;
    let alt = Alt {
        title: chart.title.as_deref(),
        description: &alt_text,
    };
    let fonts =
        Fonts::from_library(library, chart.font.as_deref()).map_err(|e| Error::spec("/font", e))?;
    let (w, h) = (chart.pixel_width(), chart.pixel_height());
    let t0 = Instant::now();
    match chart.format {
        Format::Png | Format::Webp | Format::Jpeg => {
            let mut canvas =
                RasterCanvas::with_background(w, h, chart.background, fonts.clone(), budget)?;
            draw_chart(&mut canvas, chart, fonts.clone(), budget)?;
            let warnings = glyph_warnings(chart, &fonts)?;
            let draw_ms = t0.elapsed().as_secs_f64() * 1e3;
            let t1 = Instant::now();
            let pixmap = canvas.into_pixmap();
            let bytes = match chart.format {
                Format::Webp => crate::draw::webp::encode(pixmap, Some(&alt_text), budget)?,
                Format::Jpeg => {
                    // No transparency in JPEG: a clear background becomes the theme's.
                    let under = if chart.background.3 == 255 {
                        chart.background
                    } else {
                        chart.theme.background
                    };
                    crate::draw::jpeg::encode(
                        pixmap,
                        (under, chart.quality),
                        Some(&alt_text),
                        budget,
                    )?
                }
                _ => png::encode_described(pixmap, Some(&alt_text), budget)?,
            };
            Ok(Rendered {
                bytes,
                format: chart.format,
                width: w,
                height: h,
                draw_ms,
                encode_ms: t1.elapsed().as_secs_f64() * 1e3,
                alt: alt_text,
                warnings,
            })
        }
        Format::Svg | Format::Pdf => {
            let mut canvas = match chart.format {
                Format::Pdf => SvgCanvas::for_pdf(w, h, chart.background, fonts.clone()),
                _ => SvgCanvas::new(w, h, chart.background, fonts.clone()),
            };
            draw_chart(&mut canvas, chart, fonts.clone(), budget)?;
            let warnings = glyph_warnings(chart, &fonts)?;
            let draw_ms = t0.elapsed().as_secs_f64() * 1e3;
            let svg = canvas.finish(&alt.svg_root_attributes(), &alt.svg_elements());
            let t1 = Instant::now();
            let bytes = match chart.format {
                Format::Pdf => {
                    crate::draw::pdf::encode(&svg, chart.scale as f32, &alt, &fonts, budget)?
                }
                _ => svg.into_bytes(),
            };
            Ok(Rendered {
                bytes,
                format: chart.format,
                width: w,
                height: h,
                draw_ms,
                encode_ms: t1.elapsed().as_secs_f64() * 1e3,
                alt: alt_text,
                warnings,
            })
        }
    }
}

/// The chart's warnings, and one more naming the characters no registered font could draw
/// (they are drawn as empty boxes) — or, with `fonts.missing: "error"`, an `unsupported` error.
fn glyph_warnings(chart: &Chart, fonts: &Fonts) -> Result<Vec<String>> {
    let mut warnings = chart.warnings.clone();
    let missing = fonts.missing();
    if missing.is_empty() {
        return Ok(warnings);
    }
    let listed: Vec<String> = missing
        .iter()
        .take(20)
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    let more = match missing.len() {
        n if n > 20 => format!(" and {} more", n - 20),
        _ => String::new(),
    };
    let what = format!(
        "no registered font has a glyph for {}{more}; add a font that has them to the font folder (CHARTFN_FONT_DIR)",
        listed.join(", ")
    );
    if chart.missing_glyphs == crate::spec::MissingGlyphs::Error {
        return Err(Error::unsupported("/fonts/missing", what));
    }
    warnings.push(format!(
        "/fonts/missing: {what}; they are drawn as empty boxes"
    ));
    Ok(warnings)
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
    let page = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: w as f32,
        y1: h as f32,
    };
    // v2: a sparkline fills the image; otherwise titles, subtitle and caption take their room.
    let mut area = if chart.sparkline {
        page
    } else {
        titles::draw(&p, chart, page.inset(10.0 * k), k)?
    };
    // One measuring pass over the panels' data when they share axes or a legend.
    let first_pass = panel_data::first_pass(chart, budget)?;
    let figure_legend = FigureLegend::reserve(&p, chart, &first_pass, &mut area, k);
    let (rows, cols) = (chart.rows as f32, chart.cols as f32);
    let (cw, ch) = (area.width() / cols, area.height() / rows);
    let gap = match chart.panels.len() {
        1 => 0.0,
        _ if chart.sparkline => 2.0 * k,
        _ => 8.0 * k,
    };
    let shared = panel_data::Shared::of(chart, &first_pass);
    for (i, spec) in chart.panels.iter().enumerate() {
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
        panel::draw(&p, (spec, &shared), cell, chart, k)?;
    }
    if let Some(legend) = figure_legend {
        legend.draw(&p, chart, k)?;
    }
    Ok(())
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
