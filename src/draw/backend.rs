//! The plotters `DrawingBackend` that chartfn draws through — and where the budget is enforced
//! at primitive granularity.
//!
//! plotters works in integer coordinates. To keep sub-pixel precision (smooth anti-aliased lines
//! instead of vertices snapped to whole pixels), [`PlotBackend`] presents a surface [`UNITS`]
//! times larger than the canvas and divides every coordinate back down. Everything handed to
//! plotters (sizes, widths, font sizes) is therefore in units: see [`px`] and [`units`].

use super::text::Fonts;
use super::{Canvas, HAlign, Stroke, TextStyle, VAlign};
use crate::budget::{Budget, CHECK_EVERY};
use crate::spec::color::Rgba;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::FontFamily;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// plotters units per device pixel.
pub const UNITS: f32 = 8.0;

/// Units → device pixels.
#[inline]
pub fn px(u: i32) -> f32 {
    u as f32 / UNITS
}

/// Device pixels → units.
#[inline]
pub fn units(px: f32) -> i32 {
    (px * UNITS).round() as i32
}

/// The one way a [`PlotBackend`] fails: the budget ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetExpired;

impl std::fmt::Display for BudgetExpired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("render budget expired")
    }
}
impl std::error::Error for BudgetExpired {}

type DrawResult = Result<(), DrawingErrorKind<BudgetExpired>>;

pub struct PlotBackend<'a, C: Canvas> {
    pub canvas: &'a mut C,
    fonts: Fonts,
    budget: Budget,
    primitives: u32,
    expired: bool,
}

impl<'a, C: Canvas> PlotBackend<'a, C> {
    pub fn new(canvas: &'a mut C, fonts: Fonts, budget: Budget) -> Self {
        PlotBackend {
            canvas,
            fonts,
            budget,
            primitives: 0,
            expired: false,
        }
    }

    /// Counts a primitive; every [`CHECK_EVERY`] primitives, looks at the clock.
    #[inline]
    fn tick(&mut self) -> DrawResult {
        self.primitives = self.primitives.wrapping_add(1);
        if self.expired || (self.primitives.is_multiple_of(CHECK_EVERY) && self.budget.is_expired())
        {
            self.expired = true;
            return Err(DrawingErrorKind::DrawingError(BudgetExpired));
        }
        Ok(())
    }
}

fn color(c: BackendColor) -> Rgba {
    Rgba(
        c.rgb.0,
        c.rgb.1,
        c.rgb.2,
        (c.alpha.clamp(0.0, 1.0) * 255.0).round() as u8,
    )
}

fn point(p: BackendCoord) -> (f32, f32) {
    (px(p.0), px(p.1))
}

fn stroke<S: BackendStyle>(style: &S) -> Stroke {
    Stroke::solid(
        color(style.color()),
        (style.stroke_width() as f32 / UNITS).max(0.1),
    )
}

impl<C: Canvas> DrawingBackend for PlotBackend<'_, C> {
    type ErrorType = BudgetExpired;

    fn get_size(&self) -> (u32, u32) {
        let (w, h) = self.canvas.size();
        ((w as f32 * UNITS) as u32, (h as f32 * UNITS) as u32)
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        Ok(())
    }

    fn present(&mut self) -> DrawResult {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> DrawResult {
        self.tick()?;
        let (x, y) = point(p);
        self.canvas.fill_rect(x, y, x + 1.0, y + 1.0, color(c));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        self.tick()?;
        self.canvas
            .polyline(&[point(from), point(to)], &stroke(style));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        self.tick()?;
        let ((x0, y0), (x1, y1)) = (point(ul), point(br));
        if fill {
            self.canvas.fill_rect(x0, y0, x1, y1, color(style.color()));
        } else {
            self.canvas.polyline(
                &[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
                &stroke(style),
            );
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        self.tick()?;
        let pts: Vec<(f32, f32)> = path.into_iter().map(point).collect();
        self.canvas.polyline(&pts, &stroke(style));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        self.tick()?;
        let (cx, cy) = point(center);
        let r = radius as f32 / UNITS;
        if fill {
            self.canvas.marker(
                crate::spec::MarkerKind::Circle,
                cx,
                cy,
                2.0 * r,
                color(style.color()),
            );
        } else {
            let pts: Vec<(f32, f32)> = (0..=48)
                .map(|i| {
                    let t = i as f32 * std::f32::consts::TAU / 48.0;
                    (cx + r * t.cos(), cy + r * t.sin())
                })
                .collect();
            self.canvas.polyline(&pts, &stroke(style));
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> DrawResult {
        self.tick()?;
        let pts: Vec<(f32, f32)> = vert.into_iter().map(point).collect();
        self.canvas.polygon(&pts, color(style.color()));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> DrawResult {
        self.tick()?;
        let anchor = style.anchor();
        let (x, y) = point(pos);
        let ts = TextStyle {
            size: style.size() as f32 / UNITS,
            color: color(style.color()),
            bold: matches!(style.style(), FontStyle::Bold),
            h: match anchor.h_pos {
                HPos::Left => HAlign::Left,
                HPos::Center => HAlign::Center,
                HPos::Right => HAlign::Right,
            },
            v: match anchor.v_pos {
                VPos::Top => VAlign::Top,
                VPos::Center => VAlign::Middle,
                VPos::Bottom => VAlign::Bottom,
            },
            quarter_turns: match style.transform() {
                FontTransform::Rotate90 => 3,
                FontTransform::Rotate180 => 2,
                FontTransform::Rotate270 => 1,
                _ => 0,
            },
        };
        match angle_of(style.family()) {
            Some(degrees) => self.canvas.text_at_angle(text, x, y, &ts, degrees),
            None => self.canvas.text(text, x, y, &ts),
        }
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<BudgetExpired>> {
        let bold = matches!(style.style(), FontStyle::Bold);
        let (w, h) = self.fonts.measure(text, style.size() as f32 / UNITS, bold);
        Ok(((w * UNITS).ceil() as u32, (h * UNITS).ceil() as u32))
    }
}

// v2: label_angle
/// The font family that carries a free text angle through plotters (whose own transforms are
/// quarter turns only): `chartfn-angle:<degrees>`.
pub const ANGLE_FAMILY: &str = "chartfn-angle:";

/// The angle a text style's family carries, if any.
fn angle_of(family: FontFamily) -> Option<f32> {
    match family {
        FontFamily::Name(n) => n.strip_prefix(ANGLE_FAMILY)?.parse().ok(),
        _ => None,
    }
}
