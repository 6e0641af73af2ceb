//! Polar area charts (a pie with `radii`; Nightingale's rose): the slices of a pie, each reaching
//! out to its own radius on a radial scale. The scale's rings are drawn over the slices, as
//! matplotlib draws a polar grid over bars, so that every slice can be read against them; their
//! values stand up the twelve o'clock line, and data labels sit just beyond each slice's arc.

use super::disc::Disc;
use super::frame::Rect;
use super::labels::ink_on;
use super::paint::{Painter, TextStyle};
use super::pie::{self, Scale};
use super::radar::{align, draw_ring_labels};
use super::{axes::Sizes, pie_labels};
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::{Rgba, Theme};
use crate::spec::model::{Pie, Radial};
use crate::spec::LabelPosition;

/// Draws the polar area chart `pie` centred in `area`: slices, rings, ring values, data labels.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    radial: &Radial,
    area: Rect,
    theme: &Theme,
    background: Rgba,
    k: f32,
) -> Result<()> {
    let size = Sizes::at(k).tick;
    let labels = data_labels(p, pie, size);
    let outside = pie
        .data_labels
        .as_ref()
        .is_some_and(|d| d.position != LabelPosition::Inside);
    // Labels beyond the arcs take their room from the radius, so none is clipped.
    let room = match labels
        .iter()
        .filter(|_| outside)
        .map(|l| l.1.max(l.2))
        .reduce(f32::max)
    {
        Some(extent) => extent + GAP * k,
        None => 0.0,
    };
    let r = (pie::radius_in(&area, k) - room).max(10.0 * k);
    let (disc, scale) = pie::draw_disc(p, pie, &area, r, theme, background, k)?;
    let Some(scale) = scale else {
        return Ok(());
    };
    draw_rings(p, &scale, &disc, theme, k)?;
    let ring = |v: f64| (v > scale.lo && v <= scale.hi).then(|| scale.at(v));
    let mut placed = draw_ring_labels(p, &scale.ticks, (disc.cx, disc.cy), ring, theme, k)?;
    // The labels of the longest slices first; one that would cover a label already placed is
    // left out (the short slices crowded at the centre).
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| radial.radii[b].total_cmp(&radial.radii[a]));
    let angles: Vec<(f64, f64)> = pie::sweeps(pie).collect();
    for i in order {
        let ((start, sweep), (text, w, h)) = (angles[i], &labels[i]);
        if sweep <= 0.0 {
            continue;
        }
        let mid = start + sweep / 2.0;
        let reach = scale.at(radial.radii[i]);
        let (x, y, style) = if outside {
            let (ha, va) = align(mid.cos() as f32, mid.sin() as f32);
            let (x, y) = disc.at(mid, reach + GAP * k);
            (x, y, TextStyle::new(size, theme.text, ha, va))
        } else {
            let (x, y) = disc.at(mid, (reach + disc.inner) / 2.0);
            let ink = ink_on(pie.colors[i], theme);
            (
                x,
                y,
                TextStyle::new(size, ink, HAlign::Center, VAlign::Middle),
            )
        };
        let b = Rect::anchored(x, y, (*w, *h), style.h, style.v);
        if !placed.iter().any(|q| q.overlaps(&b)) {
            p.text(text, x, y, style)?;
            placed.push(b);
        }
    }
    Ok(())
}

/// Room between a slice's arc and its label, at scale 1.
const GAP: f32 = 4.0;

/// Each slice's data label and its measured size (none without data labels).
fn data_labels<C: Canvas>(p: &Painter<C>, pie: &Pie, size: f32) -> Vec<(String, f32, f32)> {
    let Some(opts) = &pie.data_labels else {
        return Vec::new();
    };
    let total: f64 = pie.values.iter().sum();
    (0..pie.values.len())
        .map(|i| {
            let text = pie_labels::label_text(pie, opts, i, pie.values[i] / total);
            let (w, h) = p.fonts.measure(&text, size, false);
            (text, w, h)
        })
        .collect()
}

/// The rings at the ticks inside the scale, and the outer ring a little darker.
fn draw_rings<C: Canvas>(
    p: &Painter<C>,
    scale: &Scale,
    disc: &Disc,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let circle = |radius: f32| -> Vec<(f32, f32)> {
        let steps = 180;
        (0..=steps)
            .map(|i| disc.at(std::f64::consts::TAU * i as f64 / steps as f64, radius))
            .collect()
    };
    let grid = Stroke::solid(theme.grid, k);
    for &v in &scale.ticks.values {
        if v > scale.lo && v < scale.hi {
            p.line(&circle(scale.at(v)), &grid)?;
        }
    }
    p.line(
        &circle(scale.outer),
        &Stroke::solid(theme.axis.with_alpha(0.5), k),
    )
}
