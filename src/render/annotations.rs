//! Annotations on a cartesian panel: rules, shaded spans and texts, drawn below or above the
//! series; callout points are placed by [`super::callout`]. Rules and spans are clipped to the
//! plot (and not drawn when wholly outside it); texts and points widen the axes instead.

use super::axes::Sizes;
use super::callout::{self, Callouts};
use super::frame::{Frame, Rect};
use super::geom::{Extent, Runs, Shape};
use super::legend;
use super::note_scene::{label_color, Scene};
use super::paint::{Painter, TextStyle};
use crate::budget::Budget;
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::Theme;
use crate::spec::model::{Annotation, AnnotationKind};
use crate::spec::AnnotationAnchor;

/// What callout labels must avoid: the data's cells (mapped only when a callout has a label).
pub fn callouts(
    annotations: &[Annotation],
    shapes: &[Shape],
    runs: &[Runs],
    frame: &Frame,
    k: f32,
    budget: &Budget,
) -> Result<Callouts> {
    let labelled = annotations
        .iter()
        .any(|a| matches!(a.kind, AnnotationKind::Point { .. }) && a.label.is_some());
    let occupancy = if labelled {
        Some(legend::occupancy(shapes, runs, frame, k, budget)?)
    } else {
        None
    };
    Ok(Callouts {
        occupancy,
        placed: Vec::new(),
    })
}

/// Widens the data extents to the texts and points, which must be seen.
pub fn extend(annotations: &[Annotation], ex: &mut Extent, ey: &mut Extent, ey2: &mut Extent) {
    for a in annotations {
        if let AnnotationKind::Text { x, y, .. } | AnnotationKind::Point { x, y, .. } = a.kind {
            ex.add(x);
            if a.on_y2 {
                ey2.add(y);
            } else {
                ey.add(y);
            }
        }
    }
}

/// Draws the annotations of one layer (`below` the series or above them). Callout labels are
/// placed among `callouts` (the data's occupancy and the labels placed so far).
pub fn draw_layer<C: Canvas>(
    p: &Painter<C>,
    annotations: &[Annotation],
    below: bool,
    frame: &Frame,
    callouts: &mut Callouts,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let scene = Scene { p, frame, theme, k };
    for a in annotations.iter().filter(|a| a.below == below) {
        p.budget().check("drawing annotations")?;
        let color = a.color.with_alpha(a.opacity);
        match &a.kind {
            AnnotationKind::Line {
                vertical,
                at,
                width,
                dash,
            } => {
                let stroke = Stroke::scaled(color, *width, dash.as_deref(), k);
                scene.rule(a, *vertical, *at, &stroke)?;
            }
            AnnotationKind::Band {
                vertical,
                from,
                to,
                across,
            } => {
                scene.span(a, *vertical, (*from, *to), *across)?;
            }
            AnnotationKind::Text { x, y, text, anchor } => {
                let (px, py) = frame.map((*x, *y));
                let h = match anchor {
                    AnnotationAnchor::Start => HAlign::Left,
                    AnnotationAnchor::Middle => HAlign::Center,
                    AnnotationAnchor::End => HAlign::Right,
                };
                let size = Sizes::at(k).tick;
                p.text(text, px, py, TextStyle::new(size, color, h, VAlign::Middle))?;
                // Callouts keep off the text.
                let measured = p.fonts.measure(text, size, false);
                let placed = Rect::anchored(px, py, measured, h, VAlign::Middle);
                callouts.placed.push(placed);
            }
            AnnotationKind::Point { x, y, arrow } => {
                let point = frame.map((*x, *y));
                callout::draw(&scene, a, point, *arrow, callouts)?;
            }
        }
    }
    Ok(())
}

/// Where a value lands along the plot, or `None` when it is outside it.
fn inside(v: f32, lo: f32, hi: f32) -> Option<f32> {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    (v >= lo - 0.5 && v <= hi + 0.5).then_some(v.clamp(lo, hi))
}

/// A rule across the plot, its label at its end: the top of a vertical rule (to its right, or
/// its left near the right edge), the right end of a horizontal one (above it, or below it near
/// the top).
impl<C: Canvas> Scene<'_, '_, C> {
    fn rule(&self, a: &Annotation, vertical: bool, at: f64, stroke: &Stroke) -> Result<()> {
        let (p, frame, theme, k) = (self.p, self.frame, self.theme, self.k);
        let plot = &frame.plot;
        let size = Sizes::at(k).tick;
        let gap = 4.0 * k;
        let text_color = label_color(a, theme);
        if vertical {
            let Some(x) = inside(frame.sx.map(at), plot.x0, plot.x1) else {
                return Ok(());
            };
            p.line(&[(x, plot.y0), (x, plot.y1)], stroke)?;
            if let Some(label) = &a.label {
                let w = p.fonts.measure(label, size, false).0;
                let (tx, h) = if x + gap + w <= plot.x1 {
                    (x + gap, HAlign::Left)
                } else {
                    (x - gap, HAlign::Right)
                };
                let style = TextStyle::new(size, text_color, h, VAlign::Top);
                p.text(label, tx, plot.y0 + gap, style)?;
            }
        } else {
            let Some(y) = inside(frame.sy.map(at), plot.y0, plot.y1) else {
                return Ok(());
            };
            p.line(&[(plot.x0, y), (plot.x1, y)], stroke)?;
            if let Some(label) = &a.label {
                let h = p.fonts.measure(label, size, false).1;
                let (ty, v) = if y - gap - h >= plot.y0 {
                    (y - gap * 0.5, VAlign::Bottom)
                } else {
                    (y + gap * 0.5, VAlign::Top)
                };
                let style = TextStyle::new(size, text_color, HAlign::Right, v);
                p.text(label, plot.x1 - gap, ty, style)?;
            }
        }
        Ok(())
    }

    /// A shaded span, clipped to the plot, its label inside at the top (vertical) or at the left.
    fn span(
        &self,
        a: &Annotation,
        vertical: bool,
        (from, to): (f64, f64),
        across: Option<(f64, f64)>,
    ) -> Result<()> {
        let (p, frame, theme, k) = (self.p, self.frame, self.theme, self.k);
        let plot = &frame.plot;
        // A span's ends on the screen, in order and cut at the plot's edges.
        let on_x = |(f, t): (f64, f64)| {
            let (a0, a1) = (frame.sx.map(f), frame.sx.map(t));
            (a0.min(a1).max(plot.x0), a0.max(a1).min(plot.x1))
        };
        let on_y = |(f, t): (f64, f64)| {
            let (a0, a1) = (frame.sy.map(f), frame.sy.map(t));
            (a0.min(a1).max(plot.y0), a0.max(a1).min(plot.y1))
        };
        let ((x0, x1), (y0, y1)) = if vertical {
            (on_x((from, to)), across.map_or((plot.y0, plot.y1), on_y))
        } else {
            ((plot.x0, plot.x1), on_y((from, to)))
        };
        let r = Rect { x0, y0, x1, y1 };
        if r.x1 <= r.x0 || r.y1 <= r.y0 {
            return Ok(());
        }
        p.rect(r.x0, r.y0, r.x1, r.y1, a.color.with_alpha(a.opacity))?;
        if let Some(label) = &a.label {
            let size = Sizes::at(k).tick;
            let color = label_color(a, theme);
            let gap = 4.0 * k;
            if vertical {
                let style = TextStyle::new(size, color, HAlign::Center, VAlign::Top);
                p.text(label, (r.x0 + r.x1) / 2.0, r.y0 + gap, style)?;
            } else {
                let style = TextStyle::new(size, color, HAlign::Left, VAlign::Middle);
                p.text(label, r.x0 + gap, (r.y0 + r.y1) / 2.0, style)?;
            }
        }
        Ok(())
    }
}
