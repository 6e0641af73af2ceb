//! The second value axis on the render side. Series on y2 are measured on their own, given
//! their own range, and then carried into y's units (the same fraction of the plot height), so
//! that one frame maps, clips and draws every shape. The axis itself takes room on its side of
//! the plot and is drawn there with its own ticks.

use super::axes::{self, Axes, AxisSpan, Sizes, Y2Axis};
use super::frame::{snap, Rect, Scale};
use super::geom::{self, Anchor, BoxStats, Extent, Geom, MarkGeom, Marks, Shape};
use super::labels;
use super::paint::{Painter, TextStyle};
use crate::budget::{Budget, CHECK_EVERY_ITEMS};
use crate::draw::text::{fit, Fonts};
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::Theme;
use crate::spec::model::{Annotation, AnnotationKind, Axis, AxisKind, Panel, Plot};

/// The value axis `p` is drawn against.
pub fn axis_of<'a>(panel: &'a Panel, p: &Plot) -> &'a Axis {
    match &panel.y2 {
        Some(y2) if p.on_y2 => y2,
        _ => &panel.y,
    }
}

/// The extents along x (all shapes), y (shapes on y) and y2 (shapes on y2); `shapes` are
/// those of `plots`, in order.
pub fn extents(
    shapes: &[Shape],
    plots: &[Plot],
    budget: &Budget,
) -> Result<(Extent, Extent, Extent)> {
    let on = |y2: bool| {
        shapes
            .iter()
            .zip(plots)
            .filter(move |(_, p)| p.on_y2 == y2)
            .map(|(s, _)| s)
    };
    let (mut ex, mut ey) = geom::extents(on(false), budget)?;
    let (mut ex2, mut ey2) = geom::extents(on(true), budget)?;
    // Error bars and the room above labelled bars, each on its own value axis.
    geom::errors::extend(on(false), &mut ex, &mut ey);
    labels::headroom(on(false), &mut ex, &mut ey);
    geom::errors::extend(on(true), &mut ex2, &mut ey2);
    labels::headroom(on(true), &mut ex2, &mut ey2);
    ex.merge(&ex2);
    Ok((ex, ey, ey2))
}

/// A value on `from` carried to the value at the same height on `to` (when one of them is
/// reversed, the same height counts from the other end).
pub fn carry(v: f64, from: AxisSpan, to: AxisSpan) -> f64 {
    let f = |a: &Axis, v: f64| {
        if a.kind == AxisKind::Log {
            v.log10()
        } else {
            v
        }
    };
    let (a0, a1) = (f(from.axis, from.range.0), f(from.axis, from.range.1));
    let (b0, b1) = (f(to.axis, to.range.0), f(to.axis, to.range.1));
    let t = if from.axis.kind == AxisKind::Log && v <= 0.0 {
        -1e4
    } else {
        ((f(from.axis, v) - a0) / (a1 - a0)).clamp(-1e4, 1e4)
    };
    let t = if from.axis.reversed != to.axis.reversed {
        1.0 - t
    } else {
        t
    };
    let w = b0 + t * (b1 - b0);
    if to.axis.kind == AxisKind::Log {
        10f64.powf(w.clamp(-307.0, 307.0))
    } else {
        w
    }
}

/// Carries the y values of the shapes on y2 into y's units.
pub fn carry_shapes(
    shapes: &mut [Shape],
    plots: &[Plot],
    from: AxisSpan,
    to: AxisSpan,
    budget: &Budget,
) -> Result<()> {
    let c = |v: &mut f64| *v = if v.is_nan() { *v } else { carry(*v, from, to) };
    for (s, _) in shapes.iter_mut().zip(plots).filter(|(_, p)| p.on_y2) {
        let mut n = 0usize;
        let mut tick = || {
            n += 1;
            if n.is_multiple_of(CHECK_EVERY_ITEMS) {
                budget.check("carrying series to y2")
            } else {
                Ok(())
            }
        };
        match &mut s.geom {
            Geom::Path { pts, .. } | Geom::Points { pts, .. } => {
                for p in pts.iter_mut() {
                    tick()?;
                    c(&mut p.1);
                }
            }
            Geom::Rects { rects, .. } => {
                for r in rects.iter_mut() {
                    tick()?;
                    c(&mut r[2]);
                    c(&mut r[3]);
                }
            }
            Geom::Band { lo, hi, .. } => {
                for v in lo.iter_mut().chain(hi.iter_mut()) {
                    tick()?;
                    c(v);
                }
            }
            Geom::Mark(m) => {
                for v in mark_values(m) {
                    tick()?;
                    c(v);
                }
            }
        }
        for v in extra_values(&mut s.marks) {
            tick()?;
            c(v);
        }
    }
    Ok(())
}

/// The values along the value axis of a series' extras: its error whiskers, the markers of a
/// step or smooth line, and where its data labels stand (bars on y2 are never horizontal).
fn extra_values(m: &mut Marks) -> Vec<&mut f64> {
    let whiskers = m.whiskers.iter_mut().flat_map(|w| [&mut w.lo, &mut w.hi]);
    let markers = m
        .markers
        .iter_mut()
        .flat_map(|(pts, _)| pts.iter_mut().map(|p| &mut p.1));
    let labels = m.labels.iter_mut().flat_map(|set| {
        set.items
            .iter_mut()
            .flat_map(|item| match &mut item.anchor {
                Anchor::Point(_, y) => vec![y],
                Anchor::Bar { rect, reach, .. } => {
                    let [_, _, y0, y1] = rect;
                    vec![y0, y1, reach]
                }
            })
    });
    whiskers.chain(markers).chain(labels).collect()
}

/// The values along the value axis of a v2 mark (band edges; prices, box statistics and label
/// heights, though validation puts only bands on y2).
fn mark_values(m: &mut MarkGeom) -> Vec<&mut f64> {
    match m {
        MarkGeom::Band { lo, hi, .. } => lo.iter_mut().chain(hi.iter_mut()).collect(),
        MarkGeom::Candles(c) => c.ohlc.iter_mut().flat_map(|c| c.iter_mut()).collect(),
        MarkGeom::Labels { pts, .. } => pts.iter_mut().map(|p| &mut p.1).collect(),
        MarkGeom::Boxes(b) if !b.horizontal => b
            .boxes
            .iter_mut()
            .flat_map(|s| {
                let BoxStats {
                    q1,
                    median,
                    q3,
                    low,
                    high,
                    outliers,
                    ..
                } = s;
                [q1, median, q3, low, high]
                    .into_iter()
                    .chain(outliers.iter_mut())
            })
            .collect(),
        MarkGeom::Boxes(_) => Vec::new(),
    }
}

/// The annotations with those on y2 carried into y's units.
pub fn carry_annotations(list: &[Annotation], from: AxisSpan, to: AxisSpan) -> Vec<Annotation> {
    let mut out = list.to_vec();
    for a in out.iter_mut().filter(|a| a.on_y2) {
        match &mut a.kind {
            AnnotationKind::Line {
                vertical: false,
                at,
                ..
            } => *at = carry(*at, from, to),
            AnnotationKind::Band {
                vertical: false,
                from: f0,
                to: t0,
                ..
            }
            | AnnotationKind::Band {
                across: Some((f0, t0)),
                ..
            } => {
                *f0 = carry(*f0, from, to);
                *t0 = carry(*t0, from, to);
            }
            AnnotationKind::Text { y, .. } | AnnotationKind::Point { y, .. } => {
                *y = carry(*y, from, to)
            }
            _ => {}
        }
    }
    out
}

/// Lays out the axes with room for y2 (when there is one) on its side of the plot.
pub fn layout<'a>(
    fonts: &Fonts,
    x: AxisSpan<'a>,
    y: AxisSpan<'a>,
    y2: Option<AxisSpan<'a>>,
    area: Rect,
    k: f32,
) -> Axes<'a> {
    let Some(y2) = y2 else {
        return axes::layout(fonts, x, y, area, k);
    };
    let sz = Sizes::at(k);
    let tick_h = fonts.measure("0", sz.tick, false).1;
    let guess = axes::fit_ticks_vertical(y2.axis, y2.range, area.height() * 0.85, tick_h);
    let room = if y2.axis.opts.hidden {
        0.0
    } else {
        let label = match y2.axis.label {
            Some(_) => fonts.measure("Ag", sz.label, false).1 + sz.pad,
            None => 0.0,
        };
        label
            + axes::widest(fonts, &guess.labels, sz.tick).min(area.width() * 0.3)
            + sz.pad
            + sz.tick_len
    };
    let right = y2.axis.opts.far_side;
    let mut inner = area;
    if right {
        inner.x1 -= room;
    } else {
        inner.x0 += room;
    }
    let mut out = axes::layout(fonts, x, y, inner, k);
    let mut plot = out.frame.plot;
    if right {
        plot.x1 = inner.x1.round().max(plot.x0 + 10.0);
    } else {
        plot.x0 = inner.x0.round().min(plot.x1 - 10.0);
    }
    out.frame = axes::frame_of(plot, x, y);
    let (bottom, top) = if y2.axis.reversed {
        (plot.y0, plot.y1)
    } else {
        (plot.y1, plot.y0)
    };
    let log = y2.axis.kind == AxisKind::Log;
    out.y2 = Some(Y2Axis {
        axis: y2.axis,
        ticks: axes::fit_ticks_vertical(y2.axis, y2.range, plot.height(), tick_h),
        scale: Scale::new(y2.range.0, y2.range.1, log, bottom, top),
        title_x: if right { area.x1 } else { area.x0 },
    });
    out
}

/// y2's grid lines, if asked for.
pub fn draw_grid<C: Canvas>(p: &Painter<C>, a: &Axes, theme: &Theme, k: f32) -> Result<()> {
    let Some(y2) = a.y2.as_ref().filter(|y2| y2.axis.grid) else {
        return Ok(());
    };
    let plot = &a.frame.plot;
    let w = (0.8 * k).max(0.8);
    let stroke = Stroke::solid(theme.grid, w);
    for &v in &y2.ticks.values {
        let py = snap(y2.scale.map(v), w);
        p.line(&[(plot.x0, py), (plot.x1, py)], &stroke)?;
    }
    Ok(())
}

/// y2's line, ticks, tick labels and title, on its side of the plot.
pub fn draw_axis<C: Canvas>(p: &Painter<C>, a: &Axes, theme: &Theme, k: f32) -> Result<()> {
    let Some(y2) = a.y2.as_ref().filter(|y2| !y2.axis.opts.hidden) else {
        return Ok(());
    };
    let (plot, sz) = (&a.frame.plot, Sizes::at(k));
    let w = (1.0 * k).max(1.0);
    let stroke = Stroke::solid(theme.axis, w);
    let right = y2.axis.opts.far_side;
    let bx = snap(if right { plot.x1 } else { plot.x0 }, w);
    p.line(&[(bx, plot.y0), (bx, snap(plot.y1, w))], &stroke)?;
    let (dir, h) = if right {
        (1.0, HAlign::Left)
    } else {
        (-1.0, HAlign::Right)
    };
    let max_label = a.area.width() * 0.3;
    for (v, label) in y2.ticks.values.iter().zip(&y2.ticks.labels) {
        let py = snap(y2.scale.map(*v), w);
        p.line(&[(bx, py), (bx + dir * sz.tick_len, py)], &stroke)?;
        let text = fit(&p.fonts, label, sz.tick, false, max_label);
        let tx = bx + dir * (sz.tick_len + sz.pad * 0.6);
        p.text(
            &text,
            tx,
            py,
            TextStyle::new(sz.tick, theme.text, h, VAlign::Middle),
        )?;
    }
    if let Some(label) = &y2.axis.label {
        let text = fit(&p.fonts, label, sz.label, false, a.area.height());
        let v = if right { VAlign::Bottom } else { VAlign::Top };
        let style = TextStyle::new(sz.label, theme.text, HAlign::Center, v).turned(1);
        p.text(&text, y2.title_x, (plot.y0 + plot.y1) / 2.0, style)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(kind: AxisKind) -> Axis {
        Axis {
            label: None,
            kind,
            min: None,
            max: None,
            grid: false,
            reversed: false,
            opts: Default::default(),
            labels: crate::spec::model::TickLabels::plain(),
            ticks: None,
        }
    }

    #[test]
    fn values_keep_their_height() {
        let (a, b) = (axis(AxisKind::Linear), axis(AxisKind::Linear));
        let from = AxisSpan {
            axis: &a,
            range: (0.0, 10.0),
        };
        let to = AxisSpan {
            axis: &b,
            range: (100.0, 200.0),
        };
        assert_eq!(carry(5.0, from, to), 150.0);
        assert_eq!(carry(10.0, from, to), 200.0);
        let l = axis(AxisKind::Log);
        let from = AxisSpan {
            axis: &l,
            range: (1.0, 1000.0),
        };
        assert!((carry(10.0, from, to) - 100.0 - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_reversed_y2_counts_from_the_top() {
        let a = Axis {
            reversed: true,
            ..axis(AxisKind::Linear)
        };
        let b = axis(AxisKind::Linear);
        let from = AxisSpan {
            axis: &a,
            range: (0.0, 10.0),
        };
        let to = AxisSpan {
            axis: &b,
            range: (100.0, 200.0),
        };
        assert_eq!(carry(0.0, from, to), 200.0);
        assert_eq!(carry(10.0, from, to), 100.0);
    }
}
