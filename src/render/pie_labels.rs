//! Data labels on pie slices (SPEC v2 › `data_labels` on a pie): inside the slice when it fits,
//! or outside with a leader line. Outside labels stand in two columns, left and right of the
//! pie, each spread vertically so that none overlaps another; when a column has more labels
//! than fit in its height, the labels of the smallest slices are left out.

use super::axes::Sizes;
use super::disc::Disc;
use super::frame::Rect;
use super::labels::ink_on;
use super::paint::{Painter, TextStyle};
use crate::draw::text::fit;
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::format::number::with_decimal_mark;
use crate::spec::color::Theme;
use crate::spec::model::{DataLabels, Pie};
use crate::spec::{LabelPosition, PieLabelContent};
use std::f64::consts::{FRAC_PI_2, TAU};

/// One slice's label before placement.
#[derive(Debug, Clone)]
struct Slice {
    text: String,
    w: f32,
    h: f32,
    start: f64,
    sweep: f64,
    frac: f64,
    outside: bool,
}

impl Slice {
    fn mid(&self) -> f64 {
        self.start + self.sweep / 2.0
    }
}

/// Gap between the pie and the label columns, at scale 1.
const REACH: f32 = 22.0;

/// The text of slice `i`'s label.
pub(super) fn label_text(pie: &Pie, opts: &DataLabels, i: usize, frac: f64) -> String {
    let pct = || match &opts.format {
        Some(f) => f.format(frac, opts.locale),
        None if frac * 100.0 >= 9.95 => format!("{:.0}%", frac * 100.0),
        None => with_decimal_mark(format!("{:.1}%", frac * 100.0), opts.locale.decimal),
    };
    match opts.content {
        PieLabelContent::Percent => pct(),
        // A polar area chart's value is how far its slice reaches.
        PieLabelContent::Value => match &pie.radial {
            Some(radial) => opts.text(radial.radii[i]),
            None => opts.text(pie.values[i]),
        },
        PieLabelContent::Label => pie.labels[i].clone(),
        PieLabelContent::LabelPercent => format!("{} {}", pie.labels[i], pct()),
    }
}

/// The slices with their measured labels (empty slices have none).
fn slices<C: Canvas>(p: &Painter<C>, pie: &Pie, opts: &DataLabels, size: f32) -> Vec<Slice> {
    let total: f64 = pie.values.iter().sum();
    let mut start = -FRAC_PI_2;
    let mut out = Vec::with_capacity(pie.values.len());
    for (i, v) in pie.values.iter().enumerate() {
        let frac = v / total;
        let sweep = frac * TAU;
        if sweep > 0.0 {
            let text = label_text(pie, opts, i, frac);
            let (w, h) = p.fonts.measure(&text, size, false);
            out.push(Slice {
                text,
                w,
                h,
                start,
                sweep,
                frac,
                outside: opts.position == LabelPosition::Outside,
            });
        }
        start += sweep;
    }
    out
}

/// Whether a `w`×`h` label centred in slice `s` of `disc` lies wholly inside the slice.
fn fits_inside(s: &Slice, disc: &Disc, k: f32) -> bool {
    let rho = label_radius(disc);
    let (cx, cy) = (rho * s.mid().cos() as f32, rho * s.mid().sin() as f32);
    let pad = 2.0 * k;
    [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
        .iter()
        .all(|&(dx, dy)| {
            let (x, y) = (cx + dx * s.w / 2.0, cy + dy * s.h / 2.0);
            let d = (x * x + y * y).sqrt();
            let a = (y as f64).atan2(x as f64);
            let rel = (a - s.start).rem_euclid(TAU);
            let margin = (pad / d.max(1.0)) as f64;
            d >= disc.inner + pad
                && d <= disc.r - pad
                && (s.sweep >= TAU - 1e-9 || (rel >= margin && rel <= s.sweep - margin))
        })
}

fn label_radius(disc: &Disc) -> f32 {
    if disc.inner > 0.0 {
        (disc.r + disc.inner) / 2.0
    } else {
        disc.r * 0.65
    }
}

/// The pie's radius once outside labels (if any) have room in `area`; decides, for `auto`,
/// which labels go outside. `r` is the radius without labels, `donut` the hole's fraction.
fn settle(slices: &mut [Slice], opts: &DataLabels, area: &Rect, r: f32, donut: f32, k: f32) -> f32 {
    let centre = ((area.x0 + area.x1) / 2.0, (area.y0 + area.y1) / 2.0);
    let mut radius = r;
    for _ in 0..3 {
        let disc = Disc {
            cx: centre.0,
            cy: centre.1,
            r: radius,
            inner: radius * donut,
        };
        if opts.position == LabelPosition::Auto {
            for s in slices.iter_mut() {
                s.outside = !fits_inside(s, &disc, k);
            }
        }
        let widest = slices
            .iter()
            .filter(|s| s.outside)
            .fold(0f32, |m, s| m.max(s.w));
        if widest == 0.0 {
            return radius;
        }
        let room_w = area.width() / 2.0 - widest - REACH * k - 4.0 * k;
        let room_h = area.height() / 2.0 - 16.0 * k;
        let next = room_w
            .min(room_h)
            .min(r)
            .max(area.width().min(area.height()) * 0.15);
        if (next - radius).abs() < 0.5 {
            return next;
        }
        radius = next;
    }
    radius
}

/// The radius to draw the pie at in `area` (smaller than `r` when labels go outside).
pub fn radius<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    opts: &DataLabels,
    area: &Rect,
    r: f32,
    k: f32,
) -> f32 {
    let size = Sizes::at(k).tick;
    let mut s = slices(p, pie, opts, size);
    settle(&mut s, opts, area, r, pie.donut as f32, k)
}

/// Draws the labels of `pie`, drawn at `disc` within `area`.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    opts: &DataLabels,
    disc: &Disc,
    area: &Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let size = Sizes::at(k).tick;
    let mut all = slices(p, pie, opts, size);
    let full = Rect { ..*area };
    settle(&mut all, opts, &full, disc.r, pie.donut as f32, k);
    let colors = slice_colors(pie);
    for (s, &color) in all.iter().zip(&colors) {
        if s.outside || !fits_inside(s, disc, k) {
            continue;
        }
        let rho = label_radius(disc);
        let (x, y) = (
            disc.cx + rho * s.mid().cos() as f32,
            disc.cy + rho * s.mid().sin() as f32,
        );
        let style =
            TextStyle::new(size, ink_on(color, theme), HAlign::Center, VAlign::Middle).bold();
        p.text(&s.text, x, y, style)?;
    }
    for right in [true, false] {
        let side: Vec<&Slice> = all
            .iter()
            .filter(|s| s.outside && (s.mid().cos() >= 0.0) == right)
            .collect();
        draw_column(p, &side, disc, area, right, theme, k)?;
    }
    Ok(())
}

/// The colours of the slices that have a label (non-empty ones), in order.
fn slice_colors(pie: &Pie) -> Vec<crate::spec::color::Rgba> {
    pie.values
        .iter()
        .zip(&pie.colors)
        .filter(|(v, _)| **v > 0.0)
        .map(|(_, c)| *c)
        .collect()
}

/// The outside labels of one side, spread so that none overlaps, with leader lines.
fn draw_column<C: Canvas>(
    p: &Painter<C>,
    side: &[&Slice],
    disc: &Disc,
    area: &Rect,
    right: bool,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let Some(first) = side.first() else {
        return Ok(());
    };
    let line_h = first.h + 3.0 * k;
    let (top, bottom) = (area.y0 + line_h / 2.0, area.y1 - line_h / 2.0);
    let elbow_r = disc.r + 10.0 * k;
    let mut kept: Vec<&Slice> = side.to_vec();
    let ys = loop {
        kept.sort_by(|a, b| want_y(a, disc, elbow_r).total_cmp(&want_y(b, disc, elbow_r)));
        let wanted: Vec<f32> = kept.iter().map(|s| want_y(s, disc, elbow_r)).collect();
        if let Some(ys) = spread(&wanted, top, bottom, line_h) {
            break ys;
        }
        // Too many for the column: leave out the smallest slice's label.
        let smallest = (0..kept.len())
            .min_by(|&a, &b| kept[a].frac.total_cmp(&kept[b].frac))
            .unwrap_or(0);
        kept.remove(smallest);
    };
    let x_text = if right {
        disc.cx + disc.r + REACH * k
    } else {
        disc.cx - disc.r - REACH * k
    };
    let room = if right {
        area.x1 - x_text
    } else {
        x_text - area.x0
    };
    let stroke = Stroke::solid(theme.axis, k.max(0.75));
    let size = Sizes::at(k).tick;
    for (s, &y) in kept.iter().zip(&ys) {
        let a = s.mid();
        let at = |r: f32| (disc.cx + r * a.cos() as f32, disc.cy + r * a.sin() as f32);
        let end = (x_text + if right { -3.0 } else { 3.0 } * k, y);
        p.line(&[at(disc.r + 1.0 * k), at(elbow_r), end], &stroke)?;
        let text = fit(&p.fonts, &s.text, size, false, room.max(0.0));
        let h = if right { HAlign::Left } else { HAlign::Right };
        p.text(
            &text,
            x_text,
            y,
            TextStyle::new(size, theme.text, h, VAlign::Middle),
        )?;
    }
    Ok(())
}

/// Where a slice's outside label would sit without others: level with its leader's elbow.
fn want_y(s: &Slice, disc: &Disc, elbow_r: f32) -> f32 {
    disc.cy + elbow_r * s.mid().sin() as f32
}

/// Label centres as near as possible to `wanted` (sorted), each at least `gap` below the one
/// before, all within `top..=bottom`; `None` when they cannot all fit.
pub fn spread(wanted: &[f32], top: f32, bottom: f32, gap: f32) -> Option<Vec<f32>> {
    let n = wanted.len();
    if n == 0 {
        return Some(Vec::new());
    }
    if (n - 1) as f32 * gap > bottom - top + 1e-3 {
        return None;
    }
    let mut ys: Vec<f32> = Vec::with_capacity(n);
    for (i, &w) in wanted.iter().enumerate() {
        let lo = if i == 0 { top } else { ys[i - 1] + gap };
        ys.push(w.max(lo));
    }
    let mut limit = bottom;
    for y in ys.iter_mut().rev() {
        *y = y.min(limit);
        limit = *y - gap;
    }
    Some(ys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_labels_never_overlap_and_stay_in_the_column() {
        let wanted = [10.0, 11.0, 12.0, 50.0, 98.0, 99.0];
        let ys = spread(&wanted, 0.0, 100.0, 12.0).unwrap();
        for w in ys.windows(2) {
            assert!(w[1] - w[0] >= 12.0 - 1e-3, "{ys:?}");
        }
        assert!(ys[0] >= 0.0 && *ys.last().unwrap() <= 100.0, "{ys:?}");
        assert_eq!(ys[3], 50.0);
        assert!(spread(&[0.0; 10], 0.0, 100.0, 12.0).is_none());
    }
}
