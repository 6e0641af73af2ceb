//! Callout points: a marker at a data point and its label placed where it hides no data. Eight
//! spots around the point are tried; the one whose box covers the fewest data cells (and no
//! earlier label, and stays inside the plot) wins, and a leader line joins it to the point.

use super::axes::Sizes;
use super::frame::Rect;
use super::legend::Occupancy;
use super::note_scene::{label_color, Scene};
use super::paint::TextStyle;
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::model::Annotation;
use crate::spec::MarkerKind;

/// What callout labels must avoid: the data (as occupied cells) and the labels placed so far.
pub struct Callouts {
    pub occupancy: Option<Occupancy>,
    pub placed: Vec<Rect>,
}

/// The label box's candidate spots around `pt`, `d` away: right, upper right, up, upper left,
/// left, lower left, down, lower right.
pub fn candidates(pt: (f32, f32), (w, h): (f32, f32), d: f32) -> Vec<Rect> {
    let diag = d * std::f32::consts::FRAC_1_SQRT_2;
    let at = |cx: f32, cy: f32| Rect {
        x0: cx - w / 2.0,
        y0: cy - h / 2.0,
        x1: cx + w / 2.0,
        y1: cy + h / 2.0,
    };
    let (x, y) = pt;
    vec![
        at(x + d + w / 2.0, y),
        at(x + diag + w / 2.0, y - diag - h / 2.0),
        at(x, y - d - h / 2.0),
        at(x - diag - w / 2.0, y - diag - h / 2.0),
        at(x - d - w / 2.0, y),
        at(x - diag - w / 2.0, y + diag + h / 2.0),
        at(x, y + d + h / 2.0),
        at(x + diag + w / 2.0, y + diag + h / 2.0),
    ]
}

/// The candidate with the lowest cost: leaving the plot costs most, then covering a placed
/// label, then each data cell covered. Ties go to the earlier candidate.
pub fn best(cands: &[Rect], plot: &Rect, callouts: &Callouts) -> Rect {
    let cost = |r: &Rect| {
        let outside = !(plot.contains((r.x0, r.y0)) && plot.contains((r.x1, r.y1)));
        let labels = callouts.placed.iter().filter(|p| p.overlaps(r)).count();
        let data = callouts.occupancy.as_ref().map_or(0, |o| o.count(r));
        (outside as usize) * 1_000_000 + labels * 10_000 + data
    };
    let mut best = (usize::MAX, cands[0]);
    for c in cands {
        let v = cost(c);
        if v < best.0 {
            best = (v, *c);
        }
    }
    best.1
}

/// The point on `r`'s edge nearest to `p` (where the leader line ends).
fn edge_point(r: &Rect, p: (f32, f32)) -> (f32, f32) {
    (p.0.clamp(r.x0, r.x1), p.1.clamp(r.y0, r.y1))
}

/// Draws callout `a` at pixel `pt`: its marker, and its label (if any) at the best spot.
pub fn draw<C: Canvas>(
    s: &Scene<C>,
    a: &Annotation,
    pt: (f32, f32),
    arrow: bool,
    callouts: &mut Callouts,
) -> Result<()> {
    let (p, k) = (s.p, s.k);
    let color = a.color.with_alpha(a.opacity);
    let size = 8.0 * k;
    p.markers(MarkerKind::Circle, size, color, vec![pt])?;
    let Some(label) = &a.label else {
        return Ok(());
    };
    let font = Sizes::at(k).tick;
    let (tw, th) = p.fonts.measure(label, font, false);
    let pad = 3.0 * k;
    let d = if arrow {
        26.0 * k
    } else {
        size / 2.0 + 3.0 * k
    };
    let cands = candidates(pt, (tw + 2.0 * pad, th + 2.0 * pad), d);
    let r = best(&cands, &s.frame.plot, callouts);
    callouts.placed.push(r);
    if arrow {
        let end = edge_point(&r, pt);
        let (dx, dy) = (end.0 - pt.0, end.1 - pt.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let start = (pt.0 + dx / len * size * 0.75, pt.1 + dy / len * size * 0.75);
        p.line(&[start, end], &Stroke::solid(color, (1.0 * k).max(1.0)))?;
    }
    p.rect(r.x0, r.y0, r.x1, r.y1, s.theme.background.with_alpha(0.85))?;
    let style = TextStyle::new(
        font,
        label_color(a, s.theme),
        HAlign::Center,
        VAlign::Middle,
    );
    p.text(label, (r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot() -> Rect {
        Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 400.0,
            y1: 300.0,
        }
    }

    #[test]
    fn the_label_avoids_the_data() {
        let mut occ = Occupancy::new(&plot(), 1.0);
        // Data everywhere right of the point: the label must go left.
        occ.mark_rect(&Rect {
            x0: 200.0,
            y0: 0.0,
            x1: 400.0,
            y1: 300.0,
        });
        let callouts = Callouts {
            occupancy: Some(occ),
            placed: Vec::new(),
        };
        let cands = candidates((200.0, 150.0), (60.0, 16.0), 26.0);
        let r = best(&cands, &plot(), &callouts);
        assert!(r.x1 <= 200.0, "{r:?}");
    }

    #[test]
    fn the_label_stays_inside_the_plot_and_off_other_labels() {
        let first = candidates((390.0, 150.0), (60.0, 16.0), 26.0);
        let callouts = Callouts {
            occupancy: None,
            placed: vec![first[3]],
        };
        let r = best(&first, &plot(), &callouts);
        assert!(r.x1 <= 400.0, "{r:?}");
        assert!(!r.overlaps(&first[3]), "{r:?}");
    }
}
