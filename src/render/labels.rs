//! Data labels on cartesian marks (SPEC v2 › Series › `data_labels`): each value written by
//! its bar or point, placed so that labels never overlap each other, never leave the plot, and
//! (with `auto`) never cover data.
//!
//! Placement is greedy in series and point order over a fine occupancy grid of the plot: the
//! data (bars, lines, markers) is marked first; each label takes the first of its candidate
//! positions that is free and is marked in turn. A label with no free position is skipped, never
//! drawn over another. An explicit position is honoured (nudged back inside the plot when it
//! would leave it) and skipped only when it would overlap an earlier label.

use super::axes::Sizes;
use super::frame::{Frame, Rect};
use super::geom::{Anchor, Geom, LabelItem, Runs, Shape};
use super::paint::{Painter, TextStyle};
use crate::budget::CHECK_EVERY_ITEMS;
use crate::draw::{Canvas, HAlign, VAlign};
use crate::error::Result;
use crate::spec::color::{Rgba, Theme};
use crate::spec::LabelPosition;

/// A boolean grid over the plot in cells of a few device pixels.
pub struct Grid {
    origin: (f32, f32),
    cell: f32,
    cols: usize,
    rows: usize,
    cells: Vec<bool>,
}

impl Grid {
    pub fn new(plot: &Rect, k: f32) -> Grid {
        let cell = 2.0 * k.max(0.5);
        let cols = (plot.width() / cell).ceil().max(1.0) as usize;
        let rows = (plot.height() / cell).ceil().max(1.0) as usize;
        Grid {
            origin: (plot.x0, plot.y0),
            cell,
            cols,
            rows,
            cells: vec![false; cols * rows],
        }
    }

    /// The cells a rectangle covers, clamped to the grid.
    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let c = |v: f32, o: f32, n: usize| (((v - o) / self.cell).max(0.0) as usize).min(n);
        (
            c(r.x0, self.origin.0, self.cols),
            c(r.x1 + self.cell * 0.999, self.origin.0, self.cols),
            c(r.y0, self.origin.1, self.rows),
            c(r.y1 + self.cell * 0.999, self.origin.1, self.rows),
        )
    }

    pub fn mark(&mut self, r: &Rect) {
        let (x0, x1, y0, y1) = self.span(r);
        for y in y0..y1 {
            self.cells[y * self.cols + x0..y * self.cols + x1].fill(true);
        }
    }

    pub fn is_free(&self, r: &Rect) -> bool {
        let (x0, x1, y0, y1) = self.span(r);
        (y0..y1).all(|y| !self.cells[y * self.cols + x0..y * self.cols + x1].contains(&true))
    }

    /// Marks the cells along a polyline (sampled every half cell).
    pub fn mark_polyline(&mut self, run: &[(f32, f32)]) {
        for w in run.windows(2) {
            let (a, b) = (w[0], w[1]);
            let n = (((b.0 - a.0).abs() + (b.1 - a.1).abs()) / (self.cell * 0.5)).ceil();
            let n = (n as usize).clamp(1, 100_000);
            for i in 0..=n {
                let t = i as f32 / n as f32;
                let p = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                self.mark(&Rect {
                    x0: p.0 - 0.5,
                    y0: p.1 - 0.5,
                    x1: p.0 + 0.5,
                    y1: p.1 + 0.5,
                });
            }
        }
    }
}

/// Draws the data labels of every shape that has them, over the finished plot, clear of the
/// legend's box (`legend`) when it stands inside the plot.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    shapes: &[Shape],
    (runs, legend): (&[Runs], Option<Rect>),
    frame: &Frame,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    if shapes.iter().all(|s| s.marks.labels.is_none()) {
        return Ok(());
    }
    let mut data = Grid::new(&frame.plot, k);
    mark_data(p, shapes, runs, frame, &mut data, k)?;
    let mut whiskers = Grid::new(&frame.plot, k);
    for s in shapes {
        mark_whiskers(s, frame, &mut whiskers);
        mark_whiskers(s, frame, &mut data);
    }
    let grids = Grids {
        data: &data,
        whiskers: &whiskers,
    };
    let mut placed = Grid::new(&frame.plot, k);
    // A legend inside the plot is drawn last: labels keep out of its box.
    if let Some(r) = legend {
        placed.mark(&r);
    }
    let size = Sizes::at(k).tick * 0.92;
    let mut n = 0usize;
    for s in shapes {
        let Some(set) = &s.marks.labels else { continue };
        for item in &set.items {
            n += 1;
            if n.is_multiple_of(CHECK_EVERY_ITEMS / 16) {
                p.budget().check("placing data labels")?;
            }
            let text = set.opts.text(item.value);
            let (w, h) = p.fonts.measure(&text, size, false);
            let ctx = Ctx {
                frame,
                w,
                h,
                radius: item.radius as f32 * k,
                k,
                whiskered: !s.marks.whiskers.is_empty(),
            };
            let Some((r, inside)) = choose(&ctx, item, set.opts.position, &grids, &placed) else {
                continue;
            };
            placed.mark(&r.inset(-k));
            let ink = if inside {
                ink_on(item.fill, theme)
            } else {
                theme.text
            };
            let style = TextStyle::new(size, ink, HAlign::Center, VAlign::Middle);
            p.text(&text, (r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0, style)?;
        }
    }
    Ok(())
}

/// What placing one label needs: where the data is, the label's size, the marker radius.
struct Ctx<'a> {
    frame: &'a Frame,
    w: f32,
    h: f32,
    radius: f32,
    k: f32,
    /// The series has error bars.
    whiskered: bool,
}

/// The occupancy a label is checked against besides other labels.
struct Grids<'a> {
    /// Bars, lines, markers and error bars.
    data: &'a Grid,
    /// Error bars alone (labels inside bars must keep clear of them).
    whiskers: &'a Grid,
}

/// Marks the error bars of `s` on `grid`.
fn mark_whiskers(s: &Shape, frame: &Frame, grid: &mut Grid) {
    for w in &s.marks.whiskers {
        let (a, b) = if s.marks.horizontal {
            ((w.lo, w.at), (w.hi, w.at))
        } else {
            ((w.at, w.lo), (w.at, w.hi))
        };
        grid.mark_polyline(&[frame.map(a), frame.map(b)]);
    }
}

/// Marks bars, lines and markers on `grid`.
fn mark_data<C: Canvas>(
    p: &Painter<C>,
    shapes: &[Shape],
    runs: &[Runs],
    frame: &Frame,
    grid: &mut Grid,
    k: f32,
) -> Result<()> {
    for (s, r) in shapes.iter().zip(runs) {
        p.budget().check("placing data labels")?;
        r.iter().for_each(|run| grid.mark_polyline(run));
        match &s.geom {
            Geom::Rects { rects, .. } => {
                for (i, b) in rects.iter().enumerate() {
                    check(p.budget(), i)?;
                    grid.mark(&bar_px(frame, b).inset(1.0));
                }
            }
            Geom::Points { pts, marker } => {
                let r = marker.size as f32 * k / 2.0;
                for (i, &pt) in pts.iter().enumerate() {
                    check(p.budget(), i)?;
                    let d = s.marks.sizes.as_ref().map_or(r, |v| v[i] as f32 * k / 2.0);
                    let d = if d.is_finite() { d } else { r };
                    let c = frame.map(pt);
                    grid.mark(&Rect {
                        x0: c.0 - d,
                        y0: c.1 - d,
                        x1: c.0 + d,
                        y1: c.1 + d,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks the budget every [`CHECK_EVERY_ITEMS`]-th item `i`.
fn check(budget: &crate::budget::Budget, i: usize) -> Result<()> {
    if i.is_multiple_of(CHECK_EVERY_ITEMS) {
        budget.check("placing data labels")?;
    }
    Ok(())
}

/// A bar in device pixels, ordered corners.
fn bar_px(frame: &Frame, r: &[f64; 4]) -> Rect {
    let (a, b) = (frame.sx.map(r[0]), frame.sx.map(r[1]));
    let (c, d) = (frame.sy.map(r[2]), frame.sy.map(r[3]));
    Rect {
        x0: a.min(b),
        x1: a.max(b),
        y0: c.min(d),
        y1: c.max(d),
    }
}

/// Where the label of `item` goes, and whether that is inside its bar; `None` to skip it.
fn choose(
    ctx: &Ctx,
    item: &LabelItem,
    pos: LabelPosition,
    grids: &Grids,
    placed: &Grid,
) -> Option<(Rect, bool)> {
    match item.anchor {
        Anchor::Bar {
            rect,
            horizontal,
            reach,
        } => {
            let bar = BarAt {
                rect,
                horizontal,
                reach,
            };
            choose_bar(ctx, &bar, pos, grids, placed)
        }
        Anchor::Point(x, y) => {
            let c = ctx.frame.map((x, y));
            let plot = ctx.frame.plot;
            if !plot.contains(c) {
                return None;
            }
            if pos != LabelPosition::Auto {
                let r = nudge(point_label(ctx, c, pos), &plot);
                return placed.is_free(&r).then_some((r, false));
            }
            [
                LabelPosition::Above,
                LabelPosition::Below,
                LabelPosition::Right,
                LabelPosition::Left,
            ]
            .into_iter()
            .map(|o| point_label(ctx, c, o))
            .find(|r| contains(&plot, r) && grids.data.is_free(r) && placed.is_free(r))
            .map(|r| (r, false))
        }
    }
}

/// A bar a label is placed against (see [`Anchor::Bar`]).
struct BarAt {
    rect: [f64; 4],
    horizontal: bool,
    reach: f64,
}

/// [`choose`] for a bar's label.
fn choose_bar(
    ctx: &Ctx,
    b: &BarAt,
    pos: LabelPosition,
    grids: &Grids,
    placed: &Grid,
) -> Option<(Rect, bool)> {
    let bar = bar_px(ctx.frame, &b.rect);
    let end = if b.horizontal { 1 } else { 3 };
    let positive = b.rect[end] >= b.rect[end - 1];
    let mut far = b.rect;
    far[end] = b.reach;
    let outer = bar_px(ctx.frame, &far);
    // An error bar ends at the bar's end: labels inside move to the middle.
    let whiskered = b.reach != b.rect[end] || ctx.whiskered;
    let order: &[LabelPosition] = match pos {
        LabelPosition::Auto => &[LabelPosition::Outside, LabelPosition::Inside],
        _ => std::slice::from_ref(&pos),
    };
    for &o in order {
        let o = match o {
            LabelPosition::Inside if whiskered => LabelPosition::Center,
            o => o,
        };
        let inside = o != LabelPosition::Outside;
        let r = bar_label(
            ctx,
            if inside { &bar } else { &outer },
            o,
            b.horizontal,
            positive,
        );
        let fits = if inside {
            contains(&bar, &r) && grids.whiskers.is_free(&r)
        } else {
            contains(&ctx.frame.plot, &r) && (pos != LabelPosition::Auto || grids.data.is_free(&r))
        };
        if fits && placed.is_free(&r) {
            return Some((r, inside));
        }
    }
    None
}

/// The box of a bar label at `pos`: beyond the bar's end, just inside it, or at its centre.
fn bar_label(ctx: &Ctx, bar: &Rect, pos: LabelPosition, horizontal: bool, positive: bool) -> Rect {
    let (w, h, gap) = (ctx.w, ctx.h, 4.0 * ctx.k);
    let (cx, cy) = ((bar.x0 + bar.x1) / 2.0, (bar.y0 + bar.y1) / 2.0);
    let (x, y) = match (pos, horizontal, positive) {
        (LabelPosition::Center, ..) => (cx, cy),
        (LabelPosition::Outside, false, true) => (cx, bar.y0 - gap - h / 2.0),
        (LabelPosition::Outside, false, false) => (cx, bar.y1 + gap + h / 2.0),
        (LabelPosition::Outside, true, true) => (bar.x1 + gap + w / 2.0, cy),
        (LabelPosition::Outside, true, false) => (bar.x0 - gap - w / 2.0, cy),
        (_, false, true) => (cx, bar.y0 + gap + h / 2.0),
        (_, false, false) => (cx, bar.y1 - gap - h / 2.0),
        (_, true, true) => (bar.x1 - gap - w / 2.0, cy),
        (_, true, false) => (bar.x0 + gap + w / 2.0, cy),
    };
    centred(x, y, w, h)
}

/// The box of a point label at `pos` around the point `c`, clear of its marker.
fn point_label(ctx: &Ctx, c: (f32, f32), pos: LabelPosition) -> Rect {
    let (w, h) = (ctx.w, ctx.h);
    let d = ctx.radius + 3.0 * ctx.k;
    let (x, y) = match pos {
        LabelPosition::Below => (c.0, c.1 + d + h / 2.0),
        LabelPosition::Left => (c.0 - d - w / 2.0, c.1),
        LabelPosition::Right => (c.0 + d + w / 2.0, c.1),
        _ => (c.0, c.1 - d - h / 2.0),
    };
    centred(x, y, w, h)
}

fn centred(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect {
        x0: x - w / 2.0,
        y0: y - h / 2.0,
        x1: x + w / 2.0,
        y1: y + h / 2.0,
    }
}

/// `r` moved back inside `plot` (as far as it fits).
fn nudge(r: Rect, plot: &Rect) -> Rect {
    let dx = (plot.x0 - r.x0).max(0.0) - (r.x1 - plot.x1).max(0.0);
    let dy = (plot.y0 - r.y0).max(0.0) - (r.y1 - plot.y1).max(0.0);
    Rect {
        x0: r.x0 + dx,
        x1: r.x1 + dx,
        y0: r.y0 + dy,
        y1: r.y1 + dy,
    }
}

fn contains(outer: &Rect, r: &Rect) -> bool {
    r.x0 >= outer.x0 && r.x1 <= outer.x1 && r.y0 >= outer.y0 && r.y1 <= outer.y1
}

/// Ink that reads on `fill` (dark on light fills, white on dark ones; the theme's text on
/// fills too transparent to matter).
pub fn ink_on(fill: Rgba, theme: &Theme) -> Rgba {
    if fill.3 < 128 {
        theme.text
    } else if fill.luminance() > 0.55 {
        Rgba(0x22, 0x22, 0x22, 255)
    } else {
        Rgba(255, 255, 255, 255)
    }
}

/// Makes room on the value axis for labels beyond the ends of bars: 12 % of the span on each
/// side where bars end, so `outside` (and `auto`) labels are not squeezed inside.
pub fn headroom<'a>(
    shapes: impl IntoIterator<Item = &'a Shape>,
    ex: &mut super::geom::Extent,
    ey: &mut super::geom::Extent,
) {
    for s in shapes {
        let (Some(set), Geom::Rects { horizontal, .. }) = (&s.marks.labels, &s.geom) else {
            continue;
        };
        if !matches!(
            set.opts.position,
            LabelPosition::Auto | LabelPosition::Outside
        ) {
            continue;
        }
        let e = if *horizontal { &mut *ex } else { &mut *ey };
        if e.is_empty() {
            continue;
        }
        let span = e.max - e.min;
        let (grow_up, grow_down) = (e.max > 0.0, e.min < 0.0);
        if grow_up {
            e.max += 0.12 * span;
        }
        if grow_down {
            e.min -= 0.12 * span;
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_sees_what_is_marked() {
        let plot = Rect {
            x0: 10.0,
            y0: 10.0,
            x1: 110.0,
            y1: 60.0,
        };
        let mut g = Grid::new(&plot, 1.0);
        let a = centred(40.0, 30.0, 20.0, 10.0);
        assert!(g.is_free(&a));
        g.mark(&a);
        assert!(!g.is_free(&centred(55.0, 30.0, 20.0, 10.0)));
        assert!(g.is_free(&centred(80.0, 30.0, 20.0, 10.0)));
    }

    #[test]
    fn nudged_labels_stay_inside() {
        let plot = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 100.0,
        };
        let r = nudge(centred(98.0, -2.0, 20.0, 10.0), &plot);
        assert!(contains(&plot, &r), "{r:?}");
    }
}
