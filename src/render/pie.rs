//! Pie and donut charts: wedges clockwise from twelve o'clock, percentages inside the slices
//! that are large enough to hold them, names in the legend. The wedges of a pie with radii (a
//! polar area chart) reach out on a radial [`Scale`]; `polar_area` draws its rings and labels.

use super::axes::Sizes;
use super::disc::Disc;
use super::frame::Rect;
use super::geom::Swatch;
use super::legend::Entry;
use super::paint::{Painter, TextStyle};
use super::pie_labels;
use super::radar::radial_range;
use super::ticks::{self, Ticks};
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::{Rgba, Theme};
use crate::spec::model::{Pie, Radial};

/// One legend entry per slice, with a patch in its colour.
pub fn entries(pie: &Pie) -> Vec<Entry> {
    pie.labels
        .iter()
        .zip(&pie.colors)
        .map(|(l, &c)| Entry {
            name: l.clone(),
            color: c,
            fill: c,
            swatch: Swatch::Patch,
        })
        .collect()
}

/// Draws `pie` centred in `area`, with its percentages or data labels.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    area: Rect,
    theme: &Theme,
    background: Rgba,
    k: f32,
) -> Result<()> {
    let r = radius_in(&area, k);
    // v2: data labels (outside labels take room from the pie)
    let r = match &pie.data_labels {
        Some(opts) => pie_labels::radius(p, pie, opts, &area, r, k),
        None => r,
    };
    let (disc, _) = draw_disc(p, pie, &area, r, theme, background, k)?;
    match &pie.data_labels {
        Some(opts) => pie_labels::draw(p, pie, opts, &disc, &area, theme, k),
        None if pie.percentages => draw_percentages(p, pie, &disc, k),
        None => Ok(()),
    }
}

/// The radius of a pie in `area`, without labels outside it.
pub fn radius_in(area: &Rect, k: f32) -> f32 {
    (area.width().min(area.height()) / 2.0 - 4.0 * k).max(4.0)
}

/// Draws the wedges of `pie`, of radius `r`, centred in `area` (no text: a v2 sparkline draws
/// only this); separators take the chart's background (or the theme's). Returns where the pie
/// sits and, for a polar area chart, the radial scale its slices were drawn on.
pub fn draw_disc<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    area: &Rect,
    r: f32,
    theme: &Theme,
    background: Rgba,
    k: f32,
) -> Result<(Disc, Option<Scale>)> {
    let disc = Disc {
        cx: (area.x0 + area.x1) / 2.0,
        cy: (area.y0 + area.y1) / 2.0,
        r,
        inner: r * pie.donut as f32,
    };
    // A polar area chart's slices reach out to their radii; a pie's all to its edge.
    let scale = pie
        .radial
        .as_ref()
        .map(|radial| Scale::new(radial, disc.inner, disc.r));
    let reach = |i: usize| match (&scale, &pie.radial) {
        (Some(s), Some(radial)) => s.at(radial.radii[i]),
        _ => disc.r,
    };
    let edges = draw_wedges(p, pie, &disc, reach)?;
    // Thin separators in the background colour make neighbouring slices read as separate; each
    // runs out as far as the longer of the two slices it parts.
    if edges.len() > 1 {
        let sep = Stroke::solid(
            if background.3 == 0 {
                theme.background
            } else {
                background
            },
            1.5 * k,
        );
        for (j, &(a, r)) in edges.iter().enumerate() {
            let before = edges[(j + edges.len() - 1) % edges.len()].1;
            p.line(
                &[disc.at(a, disc.inner), disc.at(a, r.max(before) + 1.0)],
                &sep,
            )?;
        }
    }
    Ok((disc, scale))
}

/// Each slice's angles: where it starts (radians, clockwise from three o'clock; the first at
/// twelve o'clock) and its sweep, empty slices included.
pub(super) fn sweeps(pie: &Pie) -> impl Iterator<Item = (f64, f64)> + '_ {
    let total: f64 = pie.values.iter().sum();
    pie.values
        .iter()
        .scan(-std::f64::consts::FRAC_PI_2, move |start, v| {
            let sweep = v / total * std::f64::consts::TAU;
            let at = *start;
            *start += sweep;
            Some((at, sweep))
        })
}

/// Fills the wedges, slice `i` out to `reach(i)`; returns where each drawn one starts (its
/// angle) and its reach.
fn draw_wedges<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    disc: &Disc,
    reach: impl Fn(usize) -> f32,
) -> Result<Vec<(f64, f32)>> {
    let mut edges = Vec::with_capacity(pie.values.len());
    for (i, ((start, sweep), &color)) in sweeps(pie).zip(&pie.colors).enumerate() {
        if sweep <= 0.0 {
            continue;
        }
        let r = reach(i);
        let steps = ((sweep.to_degrees() / 2.0).ceil() as usize).max(2);
        let arc = |i: usize, radius: f32| disc.at(start + sweep * i as f64 / steps as f64, radius);
        let mut poly: Vec<(f32, f32)> = (0..=steps).map(|i| arc(i, r)).collect();
        if disc.inner > 0.0 {
            poly.extend((0..=steps).rev().map(|i| arc(i, disc.inner)));
        } else {
            poly.push((disc.cx, disc.cy));
        }
        p.polygon(&poly, color)?;
        edges.push((start, r));
    }
    Ok(edges)
}

/// Writes each slice's share inside it, when the slice is at least 4 % of the pie.
fn draw_percentages<C: Canvas>(p: &Painter<C>, pie: &Pie, disc: &Disc, k: f32) -> Result<()> {
    let total: f64 = pie.values.iter().sum();
    let sz = Sizes::at(k);
    let mut start = -std::f64::consts::FRAC_PI_2;
    for (v, &color) in pie.values.iter().zip(&pie.colors) {
        let frac = v / total;
        let sweep = frac * std::f64::consts::TAU;
        if frac >= 0.04 {
            let mid = start + sweep / 2.0;
            let (tx, ty) = disc.at(
                mid,
                if disc.inner > 0.0 {
                    (disc.r + disc.inner) / 2.0
                } else {
                    disc.r * 0.65
                },
            );
            let ink = if color.luminance() > 0.55 {
                Rgba(0x22, 0x22, 0x22, 255)
            } else {
                Rgba(255, 255, 255, 255)
            };
            let pct = frac * 100.0;
            let label = if pct >= 9.95 {
                format!("{pct:.0}%")
            } else {
                format!("{pct:.1}%")
            };
            let style = TextStyle::new(sz.tick, ink, HAlign::Center, VAlign::Middle).bold();
            p.text(&label, tx, ty, style)?;
        }
        start += sweep;
    }
    Ok(())
}

/// The radial scale laid out: values from `lo` (at the hole's edge) to `hi` (the outer ring).
pub struct Scale {
    pub(super) lo: f64,
    pub(super) hi: f64,
    sqrt: bool,
    inner: f32,
    pub(super) outer: f32,
    pub(super) ticks: Ticks,
}

impl Scale {
    /// The scale of `radial` between radii `inner` and `outer` (device pixels).
    pub fn new(radial: &Radial, inner: f32, outer: f32) -> Scale {
        let (lo, hi) = radial_range(radial.radii.iter().copied(), radial.min, radial.max);
        Scale {
            lo,
            hi,
            sqrt: radial.sqrt,
            inner,
            outer,
            ticks: ticks::linear(lo, hi, 4, &radial.tick_labels),
        }
    }

    /// The distance from the centre of value `v`, clamped to the scale's ends.
    pub fn at(&self, v: f64) -> f32 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        let t = if self.sqrt { t.sqrt() } else { t };
        self.inner + (self.outer - self.inner) * t as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::model::{Radial, TickLabels};

    fn radial(radii: Vec<f64>, sqrt: bool, max: Option<f64>) -> Radial {
        Radial {
            radii,
            sqrt,
            min: None,
            max,
            tick_labels: TickLabels::plain(),
        }
    }

    #[test]
    fn a_linear_scale_runs_from_the_hole_to_a_round_outer_ring() {
        let s = Scale::new(&radial(vec![3.0, 7.2, 5.0], false, None), 20.0, 100.0);
        assert_eq!((s.lo, s.hi), (0.0, 8.0));
        assert_eq!(s.at(0.0), 20.0);
        assert_eq!(s.at(8.0), 100.0);
        assert_eq!(s.at(4.0), 60.0);
        // Beyond the scale's ends, a slice stops at them.
        assert_eq!(s.at(-1.0), 20.0);
        assert_eq!(s.at(9.0), 100.0);
    }

    #[test]
    fn a_square_root_scale_makes_area_proportional_to_value() {
        let s = Scale::new(&radial(vec![1.0, 4.0], true, Some(4.0)), 0.0, 100.0);
        assert_eq!(s.at(4.0), 100.0);
        assert_eq!(s.at(1.0), 50.0);
        // A quarter of the value: a quarter of the area of the full slice.
        let (a1, a4) = (s.at(1.0).powi(2), s.at(4.0).powi(2));
        assert!((a1 / a4 - 0.25).abs() < 1e-6);
    }
}
