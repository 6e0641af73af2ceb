//! Data preparation: series become shapes in data space. Bars are grouped into slots and
//! stacked, areas stacked, histograms binned; every loop checks the budget.

use super::{check, Geom, Shape, Swatch, CHUNK};
use crate::budget::Budget;
use crate::error::Result;
use crate::spec::color::Rgba;
use crate::spec::model::{Plot, PlotKind};
use std::collections::HashMap;

/// `xs` and `ys` as points (those `keep` accepts), checking the budget every [`CHUNK`].
fn zip_checked(
    xs: &[f64],
    ys: &[f64],
    budget: &Budget,
    keep: impl Fn(&(f64, f64)) -> bool,
) -> Result<Vec<(f64, f64)>> {
    let mut out = Vec::with_capacity(xs.len().min(ys.len()));
    for (cx, cy) in xs.chunks(CHUNK).zip(ys.chunks(CHUNK)) {
        budget.check("preparing series")?;
        out.extend(cx.iter().copied().zip(cy.iter().copied()).filter(&keep));
    }
    Ok(out)
}

/// Points in screen orientation: (x, y), or (y, x) when the categories run down the y axis.
fn screen_points(
    xs: &[f64],
    ys: &[f64],
    horizontal: bool,
    budget: &Budget,
    keep: impl Fn(&(f64, f64)) -> bool,
) -> Result<Vec<(f64, f64)>> {
    if horizontal {
        zip_checked(ys, xs, budget, keep)
    } else {
        zip_checked(xs, ys, budget, keep)
    }
}

/// Turns validated series into shapes: groups and stacks bars, stacks areas (those on a
/// `centred` axis about zero), bins histograms.
pub fn prepare(
    plots: &[Plot],
    centred: impl Fn(&Plot) -> bool,
    budget: &Budget,
) -> Result<Vec<Shape>> {
    let mut stacks = Stacks {
        bars: BarSlots::new(plots),
        area_totals: centred_bases(plots, &centred, budget)?,
        bin_totals: HashMap::new(),
        boxes: super::box_plot::Slots::new(plots),
    };
    let mut shapes = Vec::with_capacity(plots.len());
    for (i, p) in plots.iter().enumerate() {
        budget.check("preparing series")?;
        let mut geom = geom_of(i, p, centred(p), &mut stacks, budget)?;
        let fill = fill_of(p);
        let marks = super::extras::build(p, &mut geom, fill, budget)?;
        shapes.push(Shape {
            name: super::marks::legend_name(p),
            color: p.color,
            fill,
            swatch: swatch_of(&p.kind),
            geom,
            marks,
        });
    }
    Ok(shapes)
}

/// Where each stack of areas on a centred axis starts at each x: half its total below zero, so
/// that the stack is centred on zero (a streamgraph). Keyed as [`area_band`] keys its totals.
fn centred_bases(
    plots: &[Plot],
    centred: &impl Fn(&Plot) -> bool,
    budget: &Budget,
) -> Result<AreaTotals> {
    let mut bases = AreaTotals::new();
    for (i, p) in plots.iter().enumerate().filter(|(_, p)| centred(p)) {
        if let PlotKind::Area { xs, ys, stack, .. } = &p.kind {
            let Some(key) = AreaStack::of(i, stack.as_deref(), true) else {
                continue;
            };
            let at = bases.entry(key).or_default();
            for (j, (&x, &y)) in xs.iter().zip(ys).enumerate() {
                check(budget, j, "centring stacks")?;
                if y.is_finite() {
                    *at.entry(x.to_bits()).or_insert(0.0) -= y / 2.0;
                }
            }
        }
    }
    Ok(bases)
}

/// The running top of each stack of areas at each x (its bits): by stack, then by x, so that a
/// series finds its stack once rather than hashing (and copying) its name at every point.
type AreaTotals = HashMap<AreaStack, HashMap<u64, f64>>;

/// The stack an area adds to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum AreaStack {
    /// Its `stack`.
    Named(String),
    /// Its `stack`, on a centred axis: apart from areas of that name on the other axis.
    Centred(String),
    /// Its own, on a centred axis (a single area is centred too): series `i`.
    Alone(usize),
}

impl AreaStack {
    fn of(i: usize, stack: Option<&str>, centred: bool) -> Option<AreaStack> {
        match (stack, centred) {
            (Some(s), false) => Some(AreaStack::Named(s.to_owned())),
            (Some(s), true) => Some(AreaStack::Centred(s.to_owned())),
            (None, true) => Some(AreaStack::Alone(i)),
            (None, false) => None,
        }
    }
}

/// What the series prepared so far leave for the next: bar slots and running stack totals.
struct Stacks {
    bars: BarSlots,
    area_totals: AreaTotals,
    /// Per (stack, bin's left edge, right edge): the top of the histograms stacked there.
    bin_totals: HashMap<(String, u64, u64), f64>,
    // v2: new series types
    boxes: super::box_plot::Slots,
}

/// The geometry of series `i` in data space (`centred`: it lies on an axis stacked about zero).
fn geom_of(
    i: usize,
    p: &Plot,
    centred: bool,
    stacks: &mut Stacks,
    budget: &Budget,
) -> Result<Geom> {
    Ok(match &p.kind {
        PlotKind::Line {
            xs,
            ys,
            width,
            dash,
            marker,
            horizontal,
        } => Geom::Path {
            pts: screen_points(xs, ys, *horizontal, budget, |_| true)?,
            width: *width,
            dash: dash.clone(),
            marker: *marker,
        },
        PlotKind::Scatter {
            xs,
            ys,
            marker,
            horizontal,
            ..
        } => Geom::Points {
            pts: screen_points(xs, ys, *horizontal, budget, |p| {
                p.0.is_finite() && p.1.is_finite()
            })?,
            marker: *marker,
        },
        PlotKind::Bar {
            xs,
            ys,
            stack,
            horizontal,
            base,
            ..
        } => Geom::Rects {
            rects: stacks.bars.rects(
                i,
                (xs, ys, base.as_deref()),
                stack.is_some(),
                *horizontal,
                budget,
            )?,
            gap: false,
            horizontal: *horizontal,
            floating: base.is_some(),
        },
        PlotKind::Area {
            xs,
            ys,
            stack,
            width,
            ..
        } => {
            let stack = AreaStack::of(i, stack.as_deref(), centred);
            let (lo, hi) = area_band(xs, ys, stack.as_ref(), &mut stacks.area_totals, budget)?;
            Geom::Band {
                xs: xs.clone(),
                lo,
                hi,
                width: *width,
            }
        }
        PlotKind::Histogram {
            values,
            bins,
            bin_width,
            edges,
            counts,
            stack,
            ..
        } => Geom::Rects {
            rects: stacked_bins(
                match (edges, counts) {
                    (Some(e), Some(c)) => e
                        .windows(2)
                        .zip(c)
                        .map(|(w, &c)| [w[0], w[1], 0.0, c])
                        .collect(),
                    (Some(e), None) => binned_by_edges(values, e, budget)?,
                    _ => histogram(values, *bins, *bin_width, budget)?,
                },
                stack.as_deref(),
                &mut stacks.bin_totals,
            ),
            gap: true,
            horizontal: false,
            floating: false,
        },
        // v2: new series types
        PlotKind::Mark(m) => Geom::Mark(super::marks::prepare(
            i,
            m,
            (&stacks.boxes, p.options.smooth),
            budget,
        )?),
    })
}

/// How the legend shows a series of this kind.
fn swatch_of(kind: &PlotKind) -> Swatch {
    match kind {
        PlotKind::Line {
            width,
            dash,
            marker,
            ..
        } => Swatch::Line {
            width: *width,
            dash: dash.clone(),
            marker: *marker,
        },
        PlotKind::Scatter { marker, .. } => Swatch::Marker(*marker),
        PlotKind::Bar { .. }
        | PlotKind::Area { .. }
        | PlotKind::Histogram { .. }
        | PlotKind::Mark(_) => Swatch::Patch,
    }
}

/// The colour that fills markers, bars and areas: the series colour at its opacity.
fn fill_of(p: &Plot) -> Rgba {
    match &p.kind {
        PlotKind::Line { .. } => p.color,
        PlotKind::Scatter { opacity, .. }
        | PlotKind::Bar { opacity, .. }
        | PlotKind::Area { opacity, .. }
        | PlotKind::Histogram { opacity, .. } => p.color.with_alpha(*opacity),
        PlotKind::Mark(m) => super::marks::fill(p, m),
    }
}

/// Where bars go: each stack (or each unstacked bar series) gets one slot per category, side
/// by side within a group 0.8 of the category spacing wide.
struct BarSlots {
    /// The slot of each series (`None`: not a bar series).
    slot_of: Vec<Option<usize>>,
    group_width: f64,
    slot_width: f64,
    /// Running totals for stacks, per (slot, x, sign).
    totals: HashMap<(usize, u64, bool), f64>,
}

impl BarSlots {
    fn new(plots: &[Plot]) -> BarSlots {
        let mut slot_of: Vec<Option<usize>> = vec![None; plots.len()];
        let mut slots: Vec<String> = Vec::new();
        let mut bar_xs: Vec<f64> = Vec::new();
        for (i, p) in plots.iter().enumerate() {
            if let PlotKind::Bar {
                stack, xs, overlay, ..
            } = &p.kind
            {
                // Overlaid bars share one place; a stack takes one; other bars one each.
                let key = match stack {
                    _ if *overlay => "overlay".to_owned(),
                    Some(s) => format!("s:{s}"),
                    None => format!("#{i}"),
                };
                let slot = slots.iter().position(|k| *k == key).unwrap_or_else(|| {
                    slots.push(key);
                    slots.len() - 1
                });
                slot_of[i] = Some(slot);
                bar_xs.extend_from_slice(xs);
            }
        }
        let spacing = min_spacing(&mut bar_xs);
        let group_width = 0.8 * spacing;
        BarSlots {
            slot_of,
            group_width,
            slot_width: group_width / slots.len().max(1) as f64,
            totals: HashMap::new(),
        }
    }

    /// The rectangles of bar series `i` (on top of earlier series of its stack, if `stacked`).
    fn rects(
        &mut self,
        i: usize,
        (xs, ys, starts): (&[f64], &[f64], Option<&[f64]>),
        stacked: bool,
        horizontal: bool,
        budget: &Budget,
    ) -> Result<Vec<[f64; 4]>> {
        let slot = self.slot_of[i].unwrap_or(0);
        let mut rects = Vec::with_capacity(xs.len());
        for (j, (&x, &y)) in xs.iter().zip(ys).enumerate() {
            check(budget, j, "stacking bars")?;
            let left = x - self.group_width / 2.0 + slot as f64 * self.slot_width;
            // A floating bar runs from its start to its value.
            if let Some(starts) = starts {
                let (c0, c1) = (left, left + self.slot_width);
                rects.push(if horizontal {
                    [starts[j], y, c0, c1]
                } else {
                    [c0, c1, starts[j], y]
                });
                continue;
            }
            let base = if stacked {
                let acc = self
                    .totals
                    .entry((slot, x.to_bits(), y >= 0.0))
                    .or_insert(0.0);
                let b = *acc;
                *acc += y;
                b
            } else {
                0.0
            };
            let (c0, c1, v0, v1) = (left, left + self.slot_width, base, base + y);
            rects.push(if horizontal {
                [v0, v1, c0, c1]
            } else {
                [c0, c1, v0, v1]
            });
        }
        Ok(rects)
    }
}

/// The lower and upper edges of an area: from zero, or on top of the running totals of its
/// stack. A missing value leaves a gap (unstacked) or adds nothing (stacked).
fn area_band(
    xs: &[f64],
    ys: &[f64],
    stack: Option<&AreaStack>,
    totals: &mut AreaTotals,
    budget: &Budget,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let mut lo = Vec::with_capacity(xs.len());
    let mut hi = Vec::with_capacity(xs.len());
    let mut stack = stack.map(|s| totals.entry(s.clone()).or_default());
    for (j, (&x, &y)) in xs.iter().zip(ys).enumerate() {
        check(budget, j, "stacking areas")?;
        match &mut stack {
            Some(at) => {
                let acc = at.entry(x.to_bits()).or_insert(0.0);
                let b = *acc;
                *acc += if y.is_finite() { y } else { 0.0 };
                lo.push(b);
                hi.push(if y.is_finite() { b + y } else { b });
            }
            None => {
                lo.push(if y.is_finite() { 0.0 } else { f64::NAN });
                hi.push(y);
            }
        }
    }
    Ok((lo, hi))
}

/// The smallest gap between distinct sorted values (1 when there is none): bar width unit.
fn min_spacing(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let gap = xs
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() {
        gap
    } else {
        1.0
    }
}

/// Counts of `values` in the bins between `edges`, as numpy counts them: each bin holds its
/// left edge, the last also its right; values outside the edges are not counted.
fn binned_by_edges(values: &[f64], edges: &[f64], budget: &Budget) -> Result<Vec<[f64; 4]>> {
    let n = edges.len() - 1;
    let mut counts = vec![0u64; n];
    for (i, &v) in values.iter().enumerate() {
        check(budget, i, "binning")?;
        if v < edges[0] || v > edges[n] {
            continue;
        }
        let k = edges
            .partition_point(|&e| e <= v)
            .saturating_sub(1)
            .min(n - 1);
        counts[k] += 1;
    }
    Ok(edges
        .windows(2)
        .zip(counts)
        .map(|(w, c)| [w[0], w[1], 0.0, c as f64])
        .collect())
}

/// Bin edges and counts. Without `bins`/`bin_width`, the Freedman–Diaconis rule, within 1–200.
/// Histogram bars `rects` (x0, x1, 0, count) put on top of the earlier histograms of `stack`
/// in the same bins (a bin of other edges starts from zero); unstacked, as they are.
fn stacked_bins(
    mut rects: Vec<[f64; 4]>,
    stack: Option<&str>,
    totals: &mut HashMap<(String, u64, u64), f64>,
) -> Vec<[f64; 4]> {
    if let Some(stack) = stack {
        for r in &mut rects {
            let top = totals
                .entry((stack.to_owned(), r[0].to_bits(), r[1].to_bits()))
                .or_insert(0.0);
            (r[2], r[3]) = (*top, *top + r[3]);
            *top = r[3];
        }
    }
    rects
}

pub fn histogram(
    values: &[f64],
    bins: Option<u32>,
    bin_width: Option<f64>,
    budget: &Budget,
) -> Result<Vec<[f64; 4]>> {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    };
    let n = match (bins, bin_width) {
        (Some(b), _) => b as usize,
        (None, Some(w)) => ((hi - lo) / w).ceil().max(1.0) as usize,
        (None, None) => {
            let mut sorted = values.to_vec();
            budget.check("binning")?;
            sorted.sort_unstable_by(|a, b| a.total_cmp(b));
            let q = |p: f64| sorted[((sorted.len() - 1) as f64 * p) as usize];
            let iqr = q(0.75) - q(0.25);
            let h = 2.0 * iqr / (values.len() as f64).cbrt();
            if h > 0.0 {
                ((hi - lo) / h).ceil().clamp(1.0, 200.0) as usize
            } else {
                10
            }
        }
    };
    let width = match bin_width {
        Some(w) => w,
        None => (hi - lo) / n as f64,
    };
    let mut counts = vec![0u64; n];
    for (i, &v) in values.iter().enumerate() {
        check(budget, i, "binning")?;
        let k = (((v - lo) / width) as usize).min(n - 1);
        counts[k] += 1;
    }
    Ok(counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            [
                lo + k as f64 * width,
                lo + (k + 1) as f64 * width,
                0.0,
                c as f64,
            ]
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_bin_as_numpy_does() {
        let b = Budget::from_millis(1000);
        // numpy.histogram([0, 1, 1.5, 2, 3, 3, 9], bins=[0, 1, 2, 3]) → [1, 2, 3]; 9 is outside.
        let rects = binned_by_edges(
            &[0.0, 1.0, 1.5, 2.0, 3.0, 3.0, 9.0],
            &[0.0, 1.0, 2.0, 3.0],
            &b,
        )
        .unwrap();
        let counts: Vec<f64> = rects.iter().map(|r| r[3]).collect();
        assert_eq!(counts, [1.0, 2.0, 3.0]);
        assert_eq!((rects[0][0], rects[2][1]), (0.0, 3.0));
    }

    #[test]
    fn stacked_histograms_sit_on_the_earlier_ones_in_the_same_bins() {
        let mut totals = HashMap::new();
        let first = stacked_bins(
            vec![[0.0, 1.0, 0.0, 2.0], [1.0, 2.0, 0.0, 3.0]],
            Some("s"),
            &mut totals,
        );
        assert_eq!(first, [[0.0, 1.0, 0.0, 2.0], [1.0, 2.0, 0.0, 3.0]]);
        // Same bins: on top; a bin of other edges: from zero; another stack: from zero.
        let second = stacked_bins(
            vec![[0.0, 1.0, 0.0, 1.0], [1.0, 3.0, 0.0, 4.0]],
            Some("s"),
            &mut totals,
        );
        assert_eq!(second, [[0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 0.0, 4.0]]);
        let other = stacked_bins(vec![[0.0, 1.0, 0.0, 5.0]], Some("t"), &mut totals);
        assert_eq!(other, [[0.0, 1.0, 0.0, 5.0]]);
        let apart = stacked_bins(vec![[0.0, 1.0, 0.0, 5.0]], None, &mut totals);
        assert_eq!(apart, [[0.0, 1.0, 0.0, 5.0]]);
    }

    #[test]
    fn histogram_counts_every_value() {
        let vals: Vec<f64> = (0..1000).map(|i| (i % 100) as f64).collect();
        let rects = histogram(&vals, Some(10), None, &Budget::from_millis(10_000)).unwrap();
        assert_eq!(rects.len(), 10);
        assert_eq!(rects.iter().map(|r| r[3]).sum::<f64>(), 1000.0);
        assert_eq!(rects[0][0], 0.0);
        assert_eq!(rects[9][1], 99.0);
    }
}
