//! The legend: measured before layout, placed where it hides the least data.
//!
//! `best` tries the plot's corners and edges against a coarse occupancy grid of what was
//! drawn; if every spot would cover data, the legend moves outside the plot, to the right.

use super::axes::Sizes;
use super::frame::{snap, Frame, Rect};
use super::geom::{Geom, Shape, Swatch};
use super::paint::{Painter, TextStyle};
use crate::budget::Budget;
use crate::draw::text::{fit, Fonts};
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::{Rgba, Theme};
use crate::spec::model::{LegendPlace, Marker};
use crate::spec::MarkerKind;

#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub color: Rgba,
    pub fill: Rgba,
    pub swatch: Swatch,
}

pub fn entries(shapes: &[Shape]) -> Vec<Entry> {
    shapes
        .iter()
        .filter_map(|s| {
            s.name.as_ref().map(|n| Entry {
                name: n.clone(),
                color: s.color,
                fill: s.fill,
                swatch: s.swatch.clone(),
            })
        })
        .collect()
}

/// Measured legend: its size and the (possibly shortened) names.
pub struct Box {
    pub width: f32,
    pub height: f32,
    /// The names to write; past `shown`, the last one counts the entries left out.
    names: Vec<String>,
    shown: usize,
    row: f32,
}

const SWATCH: f32 = 24.0;

/// Measures the legend for names at most `max_text` wide. When the rows would not fit in
/// `max_height`, the last row that fits says how many entries are left out (`+164 more`):
/// a legend is never clipped.
pub fn measure(fonts: &Fonts, entries: &[Entry], k: f32, max_text: f32, max_height: f32) -> Box {
    let sz = Sizes::at(k);
    let row = fonts.measure("Ag", sz.legend, false).1 + 4.0 * k;
    let rows_fit = (((max_height - 10.0 * k) / row).floor().max(1.0)) as usize;
    let shown = if entries.len() > rows_fit {
        rows_fit - 1
    } else {
        entries.len()
    };
    let mut names: Vec<String> = entries[..shown]
        .iter()
        .map(|e| fit(fonts, &e.name, sz.legend, false, max_text))
        .collect();
    if shown < entries.len() {
        names.push(format!("+{} more", entries.len() - shown));
    }
    let text_w = names
        .iter()
        .map(|n| fonts.measure(n, sz.legend, false).0)
        .fold(0.0, f32::max);
    Box {
        width: (SWATCH * k + 6.0 * k + text_w + 16.0 * k).ceil(),
        height: (row * names.len() as f32 + 10.0 * k).ceil(),
        names,
        shown,
        row,
    }
}

/// Takes room for a legend outside the plot from `area`; returns where the legend goes.
pub fn outside(area: &mut Rect, b: &Box, place: LegendPlace, k: f32) -> Rect {
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

/// Candidate spots inside `plot`, in order of preference (matplotlib's order).
pub fn candidates(plot: &Rect, b: &Box, k: f32) -> Vec<Rect> {
    let m = 8.0 * k;
    let (w, h) = (b.width, b.height);
    let xs = [plot.x1 - m - w, plot.x0 + m, (plot.x0 + plot.x1 - w) / 2.0];
    let ys = [plot.y0 + m, plot.y1 - m - h, (plot.y0 + plot.y1 - h) / 2.0];
    let at = |x: f32, y: f32| Rect {
        x0: x,
        y0: y,
        x1: x + w,
        y1: y + h,
    };
    vec![
        at(xs[0], ys[0]), // top right
        at(xs[1], ys[0]), // top left
        at(xs[1], ys[1]), // bottom left
        at(xs[0], ys[1]), // bottom right
        at(xs[0], ys[2]), // right
        at(xs[1], ys[2]), // left
        at(xs[2], ys[1]), // bottom centre
        at(xs[2], ys[0]), // top centre
    ]
}

/// Which cells of a coarse grid over the plot hold data.
pub struct Occupancy {
    cell: f32,
    cols: usize,
    rows: usize,
    origin: (f32, f32),
    grid: Vec<bool>,
}

impl Occupancy {
    pub fn new(plot: &Rect, k: f32) -> Occupancy {
        let cell = 6.0 * k;
        let cols = (plot.width() / cell).ceil() as usize + 1;
        let rows = (plot.height() / cell).ceil() as usize + 1;
        Occupancy {
            cell,
            cols,
            rows,
            origin: (plot.x0, plot.y0),
            grid: vec![false; cols * rows],
        }
    }

    /// The cell (column, row) `p` falls in, possibly outside the grid.
    fn cell_of(&self, p: (f32, f32)) -> (f32, f32) {
        (
            crate::draw::floor((p.0 - self.origin.0) / self.cell),
            crate::draw::floor((p.1 - self.origin.1) / self.cell),
        )
    }

    fn mark(&mut self, p: (f32, f32)) {
        self.mark_cell(self.cell_of(p));
    }

    fn mark_cell(&mut self, (cx, cy): (f32, f32)) {
        if cx >= 0.0 && cy >= 0.0 && (cx as usize) < self.cols && (cy as usize) < self.rows {
            self.grid[cy as usize * self.cols + cx as usize] = true;
        }
    }

    /// Marks the cells a polyline passes through. Dense data lines have most segments inside
    /// one cell: those mark just it (every sample of [`Self::mark_segment`] would land there).
    pub fn mark_polyline(&mut self, run: &[(f32, f32)]) {
        let Some(&first) = run.first() else {
            return;
        };
        let mut prev = (first, self.cell_of(first));
        for &p in &run[1..] {
            let cell = self.cell_of(p);
            if cell == prev.1 {
                self.mark_cell(cell);
            } else {
                self.mark_segment(prev.0, p);
            }
            prev = (p, cell);
        }
    }

    pub fn mark_segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        let len = ((b.0 - a.0).abs() + (b.1 - a.1).abs()) / (self.cell * 0.5);
        let n = (len.ceil() as usize).clamp(1, 10_000);
        for i in 0..=n {
            let t = i as f32 / n as f32;
            self.mark((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
        }
    }

    pub fn mark_rect(&mut self, r: &Rect) {
        let mut y = r.y0.min(r.y1);
        while y <= r.y0.max(r.y1) {
            let mut x = r.x0.min(r.x1);
            while x <= r.x0.max(r.x1) {
                self.mark((x, y));
                x += self.cell * 0.5;
            }
            y += self.cell * 0.5;
        }
    }

    pub fn count(&self, r: &Rect) -> usize {
        let c0 = (((r.x0 - self.origin.0) / self.cell).floor().max(0.0)) as usize;
        let c1 = (((r.x1 - self.origin.0) / self.cell).ceil().max(0.0) as usize).min(self.cols);
        let r0 = (((r.y0 - self.origin.1) / self.cell).floor().max(0.0)) as usize;
        let r1 = (((r.y1 - self.origin.1) / self.cell).ceil().max(0.0) as usize).min(self.rows);
        (r0..r1)
            .flat_map(|y| (c0..c1).map(move |x| (x, y)))
            .filter(|&(x, y)| self.grid[y * self.cols + x])
            .count()
    }
}

/// Marks the pixels the shapes will cover.
pub fn occupancy(
    shapes: &[Shape],
    runs: &[super::geom::Runs],
    frame: &Frame,
    k: f32,
    budget: &Budget,
) -> Result<Occupancy> {
    let Frame { plot, sx, sy } = frame;
    let mut occ = Occupancy::new(plot, k);
    for (s, runs) in shapes.iter().zip(runs) {
        budget.check("placing the legend")?;
        match &s.geom {
            Geom::Path { .. } => {
                for run in runs {
                    occ.mark_polyline(run);
                }
            }
            Geom::Points { pts, .. } => {
                for &(x, y) in pts {
                    occ.mark((sx.map(x), sy.map(y)));
                }
            }
            Geom::Rects { rects, .. } => {
                for r in rects {
                    occ.mark_rect(&Rect {
                        x0: sx.map(r[0]),
                        x1: sx.map(r[1]),
                        y0: sy.map(r[2]),
                        y1: sy.map(r[3]),
                    });
                }
            }
            Geom::Band { xs, lo, hi, .. } => {
                for i in 0..xs.len() {
                    if hi[i].is_finite() && lo[i].is_finite() {
                        let x = sx.map(xs[i]);
                        occ.mark_segment((x, sy.map(lo[i])), (x, sy.map(hi[i])));
                    }
                }
            }
            Geom::Mark(m) => m.occupy(&mut occ, frame, k, budget)?,
        }
    }
    Ok(occ)
}

/// The first candidate that covers no data, if any.
pub fn best_free(occ: &Occupancy, cands: &[Rect]) -> Option<Rect> {
    cands.iter().copied().find(|c| occ.count(c) == 0)
}

pub fn draw<C: Canvas>(
    p: &Painter<C>,
    entries: &[Entry],
    b: &Box,
    at: Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let sz = Sizes::at(k);
    p.rect(at.x0, at.y0, at.x1, at.y1, theme.legend_background)?;
    let border = Stroke::solid(theme.legend_border, (0.8 * k).max(0.8));
    let (x0, y0, x1, y1) = (
        snap(at.x0, 1.0),
        snap(at.y0, 1.0),
        snap(at.x1, 1.0),
        snap(at.y1, 1.0),
    );
    p.line(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], &border)?;
    for (i, name) in b.names.iter().enumerate() {
        let cy = at.y0 + 5.0 * k + b.row * (i as f32 + 0.5);
        let sx0 = at.x0 + 8.0 * k;
        let sx1 = sx0 + SWATCH * k;
        // The "+N more" row has no swatch.
        if let Some(e) = entries.get(i).filter(|_| i < b.shown) {
            swatch(p, e, sx0, sx1, cy, k)?;
        }
        p.text(
            name,
            sx1 + 6.0 * k,
            cy,
            TextStyle::new(sz.legend, theme.text, HAlign::Left, VAlign::Middle),
        )?;
    }
    Ok(())
}

fn swatch<C: Canvas>(p: &Painter<C>, e: &Entry, sx0: f32, sx1: f32, cy: f32, k: f32) -> Result<()> {
    match &e.swatch {
        Swatch::Line {
            width,
            dash,
            marker,
        } => {
            let stroke = Stroke::scaled(e.color, *width, dash.as_deref(), k);
            p.line(&[(sx0, cy), (sx1, cy)], &stroke)?;
            if let Some(m) = marker {
                p.markers(
                    m.kind,
                    m.size as f32 * k,
                    e.color,
                    vec![((sx0 + sx1) / 2.0, cy)],
                )?;
            }
        }
        Swatch::Marker(Marker { kind, size }) => {
            let kind = if *kind == MarkerKind::None {
                MarkerKind::Circle
            } else {
                *kind
            };
            p.markers(
                kind,
                (*size as f32).clamp(4.0, 10.0) * k,
                e.fill,
                vec![((sx0 + sx1) / 2.0, cy)],
            )?;
        }
        Swatch::Patch => {
            let h = 5.0 * k;
            p.rect(sx0 + 4.0 * k, cy - h, sx1 - 4.0 * k, cy + h, e.fill)?;
        }
    }
    Ok(())
}
