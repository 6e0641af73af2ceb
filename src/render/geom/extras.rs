//! What a series carries besides its main geometry (SPEC v2 › Series): error whiskers, data
//! labels, per-point colours and sizes, and the markers of step and smooth lines. Built once
//! per series in data space, after stacking, so whiskers and labels sit on the stacked bars.

use super::{check, curve, Geom};
use crate::budget::Budget;
use crate::error::Result;
use crate::spec::color::{ColormapTable, Rgba};
use crate::spec::model::{DataLabels, Marker, Plot, PlotKind, SeriesOptions};
use crate::spec::Colormap;

/// The extras of one prepared series; empty for a v1 series.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub whiskers: Vec<Whisker>,
    /// Whiskers run along screen x (horizontal bars).
    pub horizontal: bool,
    /// Cap width in data units along the category axis (bars), or `None` for a fixed width.
    pub cap: Option<f64>,
    /// Markers at the data points of a step or smooth line (its path has other vertices).
    pub markers: Option<(Vec<(f64, f64)>, Marker)>,
    /// One fill per point or bar, in the order of the geometry's points or rectangles.
    pub fills: Option<Vec<Rgba>>,
    /// One marker diameter per point (logical pixels; `NaN`: the series size).
    pub sizes: Option<Vec<f64>>,
    /// The colour scale of `values_color`, for the colour bar.
    pub colorbar: Option<(Colormap, (f64, f64))>,
    pub labels: Option<LabelSet>,
}

impl Marks {
    /// Whether points need drawing one by one (own colour or size).
    pub fn styled_points(&self) -> bool {
        self.fills.is_some() || self.sizes.is_some()
    }
}

/// One error bar: at `at` along the category (or x) axis, from `lo` to `hi` along the value axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Whisker {
    pub at: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The data labels of a series.
#[derive(Debug, Clone)]
pub struct LabelSet {
    pub opts: DataLabels,
    pub items: Vec<LabelItem>,
}

#[derive(Debug, Clone, Copy)]
pub struct LabelItem {
    pub anchor: Anchor,
    pub value: f64,
    /// The fill of the mark (for ink that reads on it).
    pub fill: Rgba,
    /// Half the marker's width at the anchor, in logical pixels (labels keep clear of it).
    pub radius: f64,
}

/// What a label is placed against, in data space.
#[derive(Debug, Clone, Copy)]
pub enum Anchor {
    Point(f64, f64),
    /// `[x0, x1, y0, y1]` as in [`Geom::Rects`]; `horizontal` bars grow along x.
    Bar {
        rect: [f64; 4],
        horizontal: bool,
        /// How far the bar and its error bar reach along the value axis, past its end.
        reach: f64,
    },
}

/// The marks of plot `p`, whose geometry `geom` is adjusted for steps and smoothing.
pub fn build(p: &Plot, geom: &mut Geom, fill: Rgba, budget: &Budget) -> Result<Marks> {
    let o = &p.options;
    let mut m = Marks::default();
    // Area labels sit on the stacked tops at the data points: read them before smoothing.
    if let (PlotKind::Area { xs, ys, .. }, Some(opts), Geom::Band { hi, .. }) =
        (&p.kind, &o.data_labels, &*geom)
    {
        m.labels = Some(point_labels(opts, xs, hi, ys, None, (fill, &|_| 1.0)));
    }
    reshape(o, geom, &mut m, budget)?;
    // Points and lines on a horizontal panel: whiskers and labels lie along screen x.
    m.horizontal = matches!(
        p.kind,
        PlotKind::Line {
            horizontal: true,
            ..
        } | PlotKind::Scatter {
            horizontal: true,
            ..
        }
    );
    match &p.kind {
        PlotKind::Line { xs, ys, marker, .. } => {
            point_marks(o, xs, ys, (None, *marker), fill, &mut m, budget)?
        }
        PlotKind::Scatter { xs, ys, marker, .. } => {
            let keep: Vec<usize> = (0..xs.len())
                .filter(|&i| xs[i].is_finite() && ys[i].is_finite())
                .collect();
            point_marks(
                o,
                xs,
                ys,
                (Some(&keep), Some(*marker)),
                fill,
                &mut m,
                budget,
            )?;
        }
        PlotKind::Bar { ys, horizontal, .. } => {
            if let Geom::Rects { rects, .. } = &*geom {
                bar_marks(o, rects, ys, *horizontal, fill, &mut m);
            }
        }
        PlotKind::Area { .. } | PlotKind::Histogram { .. } | PlotKind::Mark(_) => {}
    }
    Ok(m)
}

/// Step and smooth lines: new vertices, markers kept at the data points.
fn reshape(o: &SeriesOptions, geom: &mut Geom, m: &mut Marks, budget: &Budget) -> Result<()> {
    match geom {
        Geom::Path { pts, marker, .. } if o.step.is_some() || o.smooth => {
            if let Some(mk) = marker.take() {
                m.markers = Some((pts.clone(), mk));
            }
            *pts = match o.step {
                Some(mode) => curve::step(pts, mode, budget)?,
                None => {
                    let xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
                    let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
                    let pieces = curve::pieces_for(xs.len());
                    let (nx, ny) = curve::monotone(&xs, &[&ys], pieces, budget)?;
                    nx.into_iter().zip(ny[0].iter().copied()).collect()
                }
            };
        }
        Geom::Band { xs, lo, hi, .. } if o.smooth => {
            let pieces = curve::pieces_for(xs.len());
            let (nx, mut lines) = curve::monotone(xs, &[hi, lo], pieces, budget)?;
            *xs = nx;
            *lo = lines.pop().unwrap_or_default();
            *hi = lines.pop().unwrap_or_default();
        }
        _ => {}
    }
    Ok(())
}

/// Whiskers, fills, sizes and labels of a line or scatter series; `keep` lists the points
/// the geometry kept (scatter drops incomplete ones).
fn point_marks(
    o: &SeriesOptions,
    xs: &[f64],
    ys: &[f64],
    (keep, marker): (Option<&[usize]>, Option<Marker>),
    fill: Rgba,
    m: &mut Marks,
    budget: &Budget,
) -> Result<()> {
    let all: Vec<usize>;
    let keep = match keep {
        Some(k) => k,
        None => {
            all = (0..xs.len()).collect();
            &all
        }
    };
    if let Some(e) = &o.error {
        for (n, &i) in keep.iter().enumerate() {
            check(budget, n, "preparing error bars")?;
            let (lo, hi) = (ys[i] - e.down[i], ys[i] + e.up[i]);
            if xs[i].is_finite() && lo.is_finite() && hi.is_finite() {
                m.whiskers.push(Whisker { at: xs[i], lo, hi });
            }
        }
    }
    if let Some(c) = &o.colors {
        m.fills = Some(keep.iter().map(|&i| c[i]).collect());
    }
    if let Some(cb) = &o.color_by {
        let range = crate::render::heatmap::value_range(&cb.values);
        let table = ColormapTable::new(cb.colormap);
        let span = range.1 - range.0;
        m.fills = Some(
            keep.iter()
                .map(|&i| match cb.values[i] {
                    v if v.is_finite() => table.at((v - range.0) / span).with_alpha(cb.opacity),
                    _ => fill,
                })
                .collect(),
        );
        m.colorbar = Some((cb.colormap, range));
    }
    if let Some(s) = &o.sizes {
        m.sizes = Some(keep.iter().map(|&i| s[i]).collect());
    }
    if let Some(opts) = &o.data_labels {
        let base = marker.map_or(1.0, |m| m.size / 2.0);
        let radius = |i: usize| match o.sizes.as_ref().map(|s| s[i]) {
            Some(d) if d.is_finite() => d / 2.0,
            _ => base,
        };
        // Anchored where the point is drawn: (value, category) on a horizontal panel.
        let (along_x, along_y) = if m.horizontal { (ys, xs) } else { (xs, ys) };
        m.labels = Some(point_labels(
            opts,
            along_x,
            along_y,
            ys,
            Some(keep),
            (fill, &radius),
        ));
    }
    Ok(())
}

/// Labels at (`xs`, `at`) saying `values`, for the points in `keep` (all when `None`).
fn point_labels(
    opts: &DataLabels,
    xs: &[f64],
    at: &[f64],
    values: &[f64],
    keep: Option<&[usize]>,
    (fill, radius): (Rgba, &dyn Fn(usize) -> f64),
) -> LabelSet {
    let item = |i: usize| LabelItem {
        anchor: Anchor::Point(xs[i], at[i]),
        value: values[i],
        fill,
        radius: radius(i),
    };
    let finite = |i: &usize| xs[*i].is_finite() && at[*i].is_finite() && values[*i].is_finite();
    let items = match keep {
        Some(k) => k.iter().copied().filter(finite).map(item).collect(),
        None => (0..xs.len()).filter(finite).map(item).collect(),
    };
    LabelSet {
        opts: opts.clone(),
        items,
    }
}

/// Whiskers at the ends of the bars, bar fills and bar labels.
fn bar_marks(
    o: &SeriesOptions,
    rects: &[[f64; 4]],
    ys: &[f64],
    horizontal: bool,
    fill: Rgba,
    m: &mut Marks,
) {
    let split = |r: &[f64; 4]| {
        if horizontal {
            ((r[2] + r[3]) / 2.0, r[1])
        } else {
            ((r[0] + r[1]) / 2.0, r[3])
        }
    };
    m.horizontal = horizontal;
    if let Some(e) = &o.error {
        m.cap = rects
            .first()
            .map(|r| 0.35 * if horizontal { r[3] - r[2] } else { r[1] - r[0] }.abs());
        for (i, r) in rects.iter().enumerate() {
            let (at, v) = split(r);
            let (lo, hi) = (v - e.down[i], v + e.up[i]);
            if lo.is_finite() && hi.is_finite() {
                m.whiskers.push(Whisker { at, lo, hi });
            }
        }
    }
    m.fills = o.colors.clone();
    // Outside labels go past the error bar on the side the bar grows.
    let reach = |i: usize, r: &[f64; 4]| {
        let (base, end) = if horizontal {
            (r[0], r[1])
        } else {
            (r[2], r[3])
        };
        let beyond = match &o.error {
            Some(e) if end >= base => end + e.up[i],
            Some(e) => end - e.down[i],
            None => end,
        };
        if beyond.is_finite() && (beyond - end) * (end - base) >= 0.0 {
            beyond
        } else {
            end
        }
    };
    if let Some(opts) = &o.data_labels {
        let items = rects
            .iter()
            .zip(ys)
            .enumerate()
            .map(|(i, (r, &v))| LabelItem {
                anchor: Anchor::Bar {
                    rect: *r,
                    horizontal,
                    reach: reach(i, r),
                },
                // A normalized bar labelled with its own value, not its share.
                value: opts
                    .values
                    .as_ref()
                    .and_then(|o| o.get(i))
                    .copied()
                    .unwrap_or(v),
                fill: o.colors.as_ref().map_or(fill, |c| c[i]),
                radius: 0.0,
            })
            .collect();
        m.labels = Some(LabelSet {
            opts: opts.clone(),
            items,
        });
    }
}
