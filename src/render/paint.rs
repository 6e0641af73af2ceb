//! [`Painter`]: draws chart geometry through plotters, in device pixels.
//!
//! Lines, rectangles, polygons and text become plotters elements on the root drawing area, so
//! every primitive passes the budget check in [`PlotBackend`]. Two things plotters has no
//! primitive for, sub-pixel markers stamped by the thousand and arbitrary dash patterns, are
//! small custom elements ([`MarkerBatch`], [`DashedLine`]) that plotters hands our backend.

use crate::budget::Budget;
use crate::draw::backend::{units, BudgetExpired, PlotBackend, UNITS};
use crate::draw::text::Fonts;
use crate::draw::{Canvas, HAlign, Stroke, StyledMarker, VAlign};
use crate::error::{Error, Result};
use crate::spec::color::Rgba;
use crate::spec::MarkerKind;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};
use plotters_backend::{BackendCoord, DrawingErrorKind};

pub struct Painter<'a, C: Canvas> {
    area: DrawingArea<PlotBackend<'a, C>, Shift>,
    pub fonts: Fonts,
    budget: Budget,
}

/// How a piece of text is set: size, ink, weight, which point of it is the anchor, rotation.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Font size in device pixels.
    pub size: f32,
    pub color: Rgba,
    pub bold: bool,
    pub h: HAlign,
    pub v: VAlign,
    /// Quarter turns counter-clockwise (1: the text reads upwards).
    pub quarter_turns: u8,
    // v2: label_angle
    /// A free turn, degrees counter-clockwise (with `quarter_turns` 0).
    pub degrees: f32,
}

impl TextStyle {
    /// Regular upright text.
    pub fn new(size: f32, color: Rgba, h: HAlign, v: VAlign) -> TextStyle {
        TextStyle {
            size,
            color,
            bold: false,
            h,
            v,
            quarter_turns: 0,
            degrees: 0.0,
        }
    }

    // v2: label_angle
    /// Turned `degrees` counter-clockwise about the anchor.
    pub fn at_angle(self, degrees: f32) -> TextStyle {
        TextStyle { degrees, ..self }
    }

    pub fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    /// Turned `quarter_turns` quarters counter-clockwise.
    pub fn turned(self, quarter_turns: u8) -> TextStyle {
        TextStyle {
            quarter_turns,
            ..self
        }
    }
}

fn rgba(c: Rgba) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, c.3 as f64 / 255.0)
}

fn pt(p: (f32, f32)) -> (i32, i32) {
    (units(p.0), units(p.1))
}

/// Polylines are drawn in pieces of at most this many points, so that no single primitive
/// (which the budget cannot interrupt) grows with the data.
const MAX_PATH_POINTS: usize = 4096;
/// …and at most about this many pixels of length.
const MAX_PATH_LENGTH: f32 = 16_384.0;

impl<'a, C: Canvas> Painter<'a, C> {
    pub fn new(canvas: &'a mut C, fonts: Fonts, budget: Budget) -> Self {
        let backend = PlotBackend::new(canvas, fonts.clone(), budget);
        Painter {
            area: backend.into_drawing_area(),
            fonts,
            budget,
        }
    }

    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    fn map_err(&self, e: DrawingAreaErrorKind<BudgetExpired>) -> Error {
        match e {
            DrawingAreaErrorKind::BackendError(DrawingErrorKind::DrawingError(BudgetExpired)) => {
                self.budget.expired("drawing")
            }
            other => Error::internal(format!("drawing failed: {other}")),
        }
    }

    pub fn line(&self, points: &[(f32, f32)], stroke: &Stroke) -> Result<()> {
        if points.len() < 2 || stroke.color.3 == 0 {
            return Ok(());
        }
        for chunk in chunks_with_overlap(points, MAX_PATH_POINTS) {
            match &stroke.dash {
                None => {
                    let style = ShapeStyle {
                        color: rgba(stroke.color),
                        filled: false,
                        stroke_width: units(stroke.width).max(1) as u32,
                    };
                    let el =
                        PathElement::new(chunk.iter().map(|&p| pt(p)).collect::<Vec<_>>(), style);
                    self.area.draw(&el).map_err(|e| self.map_err(e))?;
                }
                Some(_) => {
                    let el = DashedLine {
                        points: chunk.to_vec(),
                        stroke: stroke.clone(),
                    };
                    self.area.draw(&el).map_err(|e| self.map_err(e))?;
                }
            }
        }
        Ok(())
    }

    /// A filled axis-aligned rectangle (snapped to whole pixels by the canvas).
    pub fn rect(&self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgba) -> Result<()> {
        if color.3 == 0 {
            return Ok(());
        }
        let el = Rectangle::new(
            [pt((x0, y0)), pt((x1, y1))],
            ShapeStyle {
                color: rgba(color),
                filled: true,
                stroke_width: 0,
            },
        );
        self.area.draw(&el).map_err(|e| self.map_err(e))
    }

    pub fn polygon(&self, points: &[(f32, f32)], color: Rgba) -> Result<()> {
        if points.len() < 3 || color.3 == 0 {
            return Ok(());
        }
        let el = Polygon::new(
            points.iter().map(|&p| pt(p)).collect::<Vec<_>>(),
            ShapeStyle {
                color: rgba(color),
                filled: true,
                stroke_width: 0,
            },
        );
        self.area.draw(&el).map_err(|e| self.map_err(e))
    }

    pub fn markers(
        &self,
        kind: MarkerKind,
        size: f32,
        color: Rgba,
        centers: Vec<(f32, f32)>,
    ) -> Result<()> {
        let el = MarkerBatch {
            kind,
            size,
            color,
            centers,
            budget: self.budget,
        };
        self.area.draw(&el).map_err(|e| self.map_err(e))
    }

    /// Markers each in its own size and colour, in order (see [`Canvas::styled_markers`]).
    pub fn styled_markers(&self, kind: MarkerKind, points: Vec<StyledMarker>) -> Result<()> {
        let el = StyledMarkerBatch {
            kind,
            points,
            budget: self.budget,
        };
        self.area.draw(&el).map_err(|e| self.map_err(e))
    }

    /// Writes `text` with its anchor point (chosen by the style's alignment) at `(x, y)`.
    pub fn text(&self, text: &str, x: f32, y: f32, style: TextStyle) -> Result<()> {
        let TextStyle {
            size,
            color,
            bold,
            h,
            v,
            quarter_turns,
            degrees,
        } = style;
        if text.is_empty() {
            return Ok(());
        }
        let family_name = format!("{}{degrees}", crate::draw::backend::ANGLE_FAMILY);
        let font = FontDesc::new(
            if degrees == 0.0 {
                FontFamily::SansSerif
            } else {
                FontFamily::Name(&family_name)
            },
            (size * UNITS) as f64,
            if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        );
        let pos = Pos::new(
            match h {
                HAlign::Left => HPos::Left,
                HAlign::Center => HPos::Center,
                HAlign::Right => HPos::Right,
            },
            match v {
                VAlign::Top => VPos::Top,
                VAlign::Middle => VPos::Center,
                VAlign::Bottom => VPos::Bottom,
            },
        );
        let transform = match quarter_turns % 4 {
            1 => FontTransform::Rotate270,
            2 => FontTransform::Rotate180,
            3 => FontTransform::Rotate90,
            _ => FontTransform::None,
        };
        let ink = rgba(color);
        let style = plotters::style::TextStyle::from(font)
            .color(&ink)
            .pos(pos)
            .transform(transform);
        let el = Text::new(text, pt((x, y)), style);
        self.area.draw(&el).map_err(|e| self.map_err(e))
    }
}

/// Splits a polyline into pieces of at most `max` points and about [`MAX_PATH_LENGTH`] pixels
/// of length (a stroke's cost is its length), sharing end points so the line stays joined.
fn chunks_with_overlap(points: &[(f32, f32)], max: usize) -> Vec<&[(f32, f32)]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut length = 0.0f32;
    for i in 1..points.len() {
        let (dx, dy) = (points[i].0 - points[i - 1].0, points[i].1 - points[i - 1].1);
        length += dx.abs() + dy.abs();
        if i - start + 1 >= max || length >= MAX_PATH_LENGTH || i == points.len() - 1 {
            out.push(&points[start..=i]);
            start = i;
            length = 0.0;
        }
    }
    out
}

/// Markers stamped straight onto the canvas, with a budget check every 512.
struct MarkerBatch {
    kind: MarkerKind,
    size: f32,
    color: Rgba,
    centers: Vec<(f32, f32)>,
    budget: Budget,
}

/// Markers of their own sizes and colours, handed to the canvas in one batch.
struct StyledMarkerBatch {
    kind: MarkerKind,
    points: Vec<StyledMarker>,
    budget: Budget,
}

/// A polyline with an arbitrary dash pattern.
struct DashedLine {
    points: Vec<(f32, f32)>,
    stroke: Stroke,
}

// These elements carry their own pixel coordinates; plotters has no points to map for them.
macro_rules! no_points_to_map {
    ($($element:ty),*) => {$(
        impl<'b> PointCollection<'b, (i32, i32)> for &'b $element {
            type Point = &'b (i32, i32);
            type IntoIter = std::iter::Empty<&'b (i32, i32)>;
            fn point_iter(self) -> Self::IntoIter {
                std::iter::empty()
            }
        }
    )*};
}

no_points_to_map!(MarkerBatch, StyledMarkerBatch, DashedLine);

/// A canvas batch's answer as plotters wants it: `false` means the budget ran out.
fn finished(all_drawn: bool) -> Result<(), DrawingErrorKind<BudgetExpired>> {
    if all_drawn {
        Ok(())
    } else {
        Err(DrawingErrorKind::DrawingError(BudgetExpired))
    }
}

impl<C: Canvas> Drawable<PlotBackend<'_, C>> for MarkerBatch {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _: I,
        backend: &mut PlotBackend<'_, C>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<BudgetExpired>> {
        let budget = self.budget;
        let mut keep_going = || !budget.is_expired();
        finished(backend.canvas.markers(
            self.kind,
            self.size,
            self.color,
            &self.centers,
            &mut keep_going,
        ))
    }
}

impl<C: Canvas> Drawable<PlotBackend<'_, C>> for StyledMarkerBatch {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _: I,
        backend: &mut PlotBackend<'_, C>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<BudgetExpired>> {
        finished(
            backend
                .canvas
                .styled_markers(self.kind, &self.points, &self.budget),
        )
    }
}

impl<C: Canvas> Drawable<PlotBackend<'_, C>> for DashedLine {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _: I,
        backend: &mut PlotBackend<'_, C>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<BudgetExpired>> {
        backend.canvas.polyline(&self.points, &self.stroke);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_share_end_points() {
        let pts: Vec<(f32, f32)> = (0..10).map(|i| (i as f32, 0.0)).collect();
        let chunks = chunks_with_overlap(&pts, 4);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].last(), chunks[1].first());
        assert_eq!(chunks[2].last(), pts.last());
        assert!(chunks_with_overlap(&pts[..1], 4).is_empty());
        // Long strokes are split by length too.
        let long: Vec<(f32, f32)> = (0..4).map(|i| (0.0, i as f32 * 10_000.0)).collect();
        assert_eq!(chunks_with_overlap(&long, 4096).len(), 2);
    }
}
