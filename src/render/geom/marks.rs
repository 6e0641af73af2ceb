//! v2: new series types — band, box, candlestick and text series as shapes: their geometry in
//! data space, how far they reach (for the axes), where they lie (for the legend) and how they
//! are drawn. Box statistics live in [`super::box_plot`].

use super::box_plot::{self, Boxes, Slots};
use super::candles::Candles;
use super::check;
use super::extent::Extent;
use crate::budget::Budget;
use crate::draw::{Canvas, HAlign, VAlign};
use crate::error::Result;
use crate::render::frame::{Frame, Rect};
use crate::render::legend::Occupancy;
use crate::render::paint::{Painter, TextStyle};
use crate::spec::color::Rgba;
use crate::spec::model::{Mark, Plot, PlotKind};
use crate::spec::TextAnchor;

/// A box's fill opacity.
const BOX_OPACITY: f64 = 0.35;

/// The geometry of a v2 series (held by [`super::Geom::Mark`]).
#[derive(Debug, Clone)]
pub enum MarkGeom {
    /// Filled between `lo` and `hi`; a non-finite value on either side is a gap.
    Band {
        xs: Vec<f64>,
        lo: Vec<f64>,
        hi: Vec<f64>,
    },
    Boxes(Boxes),
    Candles(Candles),
    Labels {
        pts: Vec<(f64, f64)>,
        texts: Vec<String>,
        anchor: TextAnchor,
        size: f64,
    },
}

/// The geometry of the mark of series `i`; `slots` places box series side by side, and a
/// `smooth` band follows monotone curves through its edges' points.
pub fn prepare(
    i: usize,
    m: &Mark,
    (slots, smooth): (&Slots, bool),
    budget: &Budget,
) -> Result<MarkGeom> {
    budget.check("preparing series")?;
    Ok(match m {
        Mark::Band {
            xs, lower, upper, ..
        } if smooth => {
            let pieces = super::curve::pieces_for(xs.len());
            let (xs, mut edges) = super::curve::monotone(xs, &[upper, lower], pieces, budget)?;
            let lo = edges.pop().unwrap_or_default();
            let hi = edges.pop().unwrap_or_default();
            MarkGeom::Band { xs, lo, hi }
        }
        Mark::Band {
            xs, lower, upper, ..
        } => MarkGeom::Band {
            xs: xs.clone(),
            lo: lower.clone(),
            hi: upper.clone(),
        },
        Mark::Box {
            xs,
            samples,
            horizontal,
            whisker_iqr,
        } => MarkGeom::Boxes(slots.boxes(i, xs, samples, (*horizontal, *whisker_iqr), budget)?),
        Mark::Candlestick {
            xs,
            open,
            high,
            low,
            close,
            style,
            up,
            down,
        } => {
            let mut ohlc = Vec::with_capacity(xs.len());
            for j in 0..xs.len() {
                check(budget, j, "preparing candles")?;
                ohlc.push([open[j], high[j], low[j], close[j]]);
            }
            MarkGeom::Candles(Candles {
                half: 0.35 * min_spacing(xs, budget)?,
                xs: xs.clone(),
                ohlc,
                style: *style,
                up: *up,
                down: *down,
            })
        }
        Mark::Text {
            xs,
            ys,
            texts,
            anchor,
            size,
        } => MarkGeom::Labels {
            pts: xs.iter().copied().zip(ys.iter().copied()).collect(),
            texts: texts.clone(),
            anchor: *anchor,
            size: *size,
        },
    })
}

/// The smallest gap between distinct positions (1 when there is none).
fn min_spacing(xs: &[f64], budget: &Budget) -> Result<f64> {
    let mut v = xs.to_vec();
    budget.check("measuring candles")?;
    v.sort_unstable_by(|a, b| a.total_cmp(b));
    let gap = v
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    Ok(if gap.is_finite() { gap } else { 1.0 })
}

/// The colour that fills the mark (and its legend patch): a candlestick's is its up colour.
pub fn fill(p: &Plot, m: &Mark) -> Rgba {
    match m {
        Mark::Band { opacity, .. } => p.color.with_alpha(*opacity),
        Mark::Box { .. } => p.color.with_alpha(BOX_OPACITY),
        Mark::Candlestick { up, .. } => *up,
        Mark::Text { .. } => p.color,
    }
}

/// The name a series shows in the legend: text series show none (their labels say it).
pub fn legend_name(p: &Plot) -> Option<String> {
    match &p.kind {
        PlotKind::Mark(Mark::Text { .. }) => None,
        _ => p.name.clone(),
    }
}

impl MarkGeom {
    /// Widens the extents along screen x and y to hold the mark.
    pub fn extend(&self, ex: &mut Extent, ey: &mut Extent, budget: &Budget) -> Result<()> {
        match self {
            MarkGeom::Band { xs, lo, hi } => {
                for (j, ((&x, &a), &b)) in xs.iter().zip(lo).zip(hi).enumerate() {
                    check(budget, j, "measuring the data")?;
                    if a.is_finite() && b.is_finite() {
                        ex.add(x);
                        ey.add(a);
                        ey.add(b);
                    }
                }
            }
            MarkGeom::Boxes(b) => {
                let (ep, ev) = if b.horizontal { (ey, ex) } else { (ex, ey) };
                for s in &b.boxes {
                    ep.add(s.pos + b.offset - b.half);
                    ep.add(s.pos + b.offset + b.half);
                    ev.add(s.low.min(s.outliers.iter().copied().fold(s.low, f64::min)));
                    ev.add(
                        s.high
                            .max(s.outliers.iter().copied().fold(s.high, f64::max)),
                    );
                }
            }
            MarkGeom::Candles(Candles { xs, ohlc, half, .. }) => {
                for (j, (&x, c)) in xs.iter().zip(ohlc).enumerate() {
                    check(budget, j, "measuring the data")?;
                    ex.add(x - half);
                    ex.add(x + half);
                    ey.add(c[1]);
                    ey.add(c[2]);
                }
            }
            MarkGeom::Labels { pts, .. } => {
                for (j, &(x, y)) in pts.iter().enumerate() {
                    check(budget, j, "measuring the data")?;
                    if x.is_finite() && y.is_finite() {
                        ex.add(x);
                        ey.add(y);
                    }
                }
            }
        }
        Ok(())
    }

    /// Marks where the mark lies, for placing the legend.
    pub fn occupy(
        &self,
        occ: &mut Occupancy,
        frame: &Frame,
        k: f32,
        budget: &Budget,
    ) -> Result<()> {
        let Frame { sx, sy, .. } = frame;
        match self {
            MarkGeom::Band { xs, lo, hi } => {
                for (j, ((&x, &a), &b)) in xs.iter().zip(lo).zip(hi).enumerate() {
                    check(budget, j, "placing the legend")?;
                    if a.is_finite() && b.is_finite() {
                        occ.mark_segment((sx.map(x), sy.map(a)), (sx.map(x), sy.map(b)));
                    }
                }
            }
            MarkGeom::Boxes(b) => {
                for s in &b.boxes {
                    let (p0, p1) = (s.pos + b.offset - b.half, s.pos + b.offset + b.half);
                    let lo = s.outliers.iter().copied().fold(s.low, f64::min);
                    let hi = s.outliers.iter().copied().fold(s.high, f64::max);
                    let (x0, x1, y0, y1) = if b.horizontal {
                        (sx.map(lo), sx.map(hi), sy.map(p0), sy.map(p1))
                    } else {
                        (sx.map(p0), sx.map(p1), sy.map(lo), sy.map(hi))
                    };
                    occ.mark_rect(&Rect { x0, y0, x1, y1 });
                }
            }
            MarkGeom::Candles(Candles { xs, ohlc, .. }) => {
                for (j, (&x, c)) in xs.iter().zip(ohlc).enumerate() {
                    check(budget, j, "placing the legend")?;
                    occ.mark_segment((sx.map(x), sy.map(c[1])), (sx.map(x), sy.map(c[2])));
                }
            }
            MarkGeom::Labels {
                pts,
                texts,
                size,
                anchor,
            } => {
                for (j, (&(x, y), t)) in pts.iter().zip(texts).enumerate() {
                    check(budget, j, "placing the legend")?;
                    if x.is_finite() && y.is_finite() && !t.is_empty() {
                        occ.mark_rect(&label_box(frame.map((x, y)), t, *size as f32 * k, *anchor));
                    }
                }
            }
        }
        Ok(())
    }
}

/// About where a label at `at` lies (widths estimated, not measured).
fn label_box(at: (f32, f32), t: &str, size: f32, anchor: TextAnchor) -> Rect {
    let w = t.chars().count() as f32 * size * 0.55;
    let x0 = match anchor {
        TextAnchor::Start => at.0,
        TextAnchor::Middle => at.0 - w / 2.0,
        TextAnchor::End => at.0 - w,
    };
    Rect {
        x0,
        y0: at.1 - size * 0.6,
        x1: x0 + w,
        y1: at.1 + size * 0.6,
    }
}

/// Draws the mark of a shape in colour `color` (fill `fill`), clipped to the frame's plot.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    m: &MarkGeom,
    color: Rgba,
    fill: Rgba,
    frame: &Frame,
    k: f32,
) -> Result<()> {
    match m {
        MarkGeom::Band { xs, lo, hi } => draw_band(p, xs, lo, hi, fill, frame),
        MarkGeom::Boxes(b) => box_plot::draw(p, b, color, fill, frame, k),
        MarkGeom::Candles(c) => c.draw(p, frame, k),
        MarkGeom::Labels {
            pts,
            texts,
            anchor,
            size,
        } => {
            let h = match anchor {
                TextAnchor::Start => HAlign::Left,
                TextAnchor::Middle => HAlign::Center,
                TextAnchor::End => HAlign::Right,
            };
            let style = TextStyle::new(*size as f32 * k, color, h, VAlign::Middle);
            for (j, (&(x, y), t)) in pts.iter().zip(texts).enumerate() {
                check(p.budget(), j, "writing labels")?;
                if !(x.is_finite() && y.is_finite()) || t.is_empty() {
                    continue;
                }
                let at = frame.map((x, y));
                if frame.plot.inset(-0.5).contains(at) {
                    let (w, h) = p.fonts.measure(t, style.size, false);
                    let x = inside(at.0, w, h_offset(*anchor), frame.plot.x0, frame.plot.x1);
                    let y = inside(at.1, h, 0.5, frame.plot.y0, frame.plot.y1);
                    p.text(t, x, y, style)?;
                }
            }
            Ok(())
        }
    }
}

/// How far left of its anchor a label starts, as a fraction of its width.
fn h_offset(anchor: TextAnchor) -> f32 {
    match anchor {
        TextAnchor::Start => 0.0,
        TextAnchor::Middle => 0.5,
        TextAnchor::End => 1.0,
    }
}

/// The anchor `at` of a label `len` long that starts `offset × len` before it, moved so that
/// the label lies within `lo..hi` (as far as it fits): labels are never cut off at the edge.
fn inside(at: f32, len: f32, offset: f32, lo: f32, hi: f32) -> f32 {
    let start = at - offset * len;
    let shift = if start + len > hi {
        hi - (start + len)
    } else {
        0.0
    };
    let start = start + shift;
    at + shift + if start < lo { lo - start } else { 0.0 }
}

/// One filled polygon per run where both edges are finite.
fn draw_band<C: Canvas>(
    p: &Painter<C>,
    xs: &[f64],
    lo: &[f64],
    hi: &[f64],
    fill: Rgba,
    frame: &Frame,
) -> Result<()> {
    let finite = |i: usize| lo[i].is_finite() && hi[i].is_finite();
    let mut start = 0;
    while start < xs.len() {
        check(p.budget(), start, "drawing bands")?;
        if !finite(start) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < xs.len() && finite(end) {
            end += 1;
        }
        let poly = band_outline(p.budget(), start..end, xs, lo, hi, frame)?;
        if poly.len() >= 4 {
            p.polygon(&super::clip::clip_polygon(&poly, &frame.plot), fill)?;
        }
        start = end;
    }
    Ok(())
}

/// The polygon of one run of a band in pixels. A run denser than the pixel grid becomes one
/// vertical span per pixel column — from the lowest `lo` to the highest `hi` in it, which is
/// exactly the area the run covers at that column — so the polygon has at most two vertices per
/// column, however many points the data has, and stays one quick primitive.
fn band_outline(
    budget: &Budget,
    run: std::ops::Range<usize>,
    xs: &[f64],
    lo: &[f64],
    hi: &[f64],
    frame: &Frame,
) -> Result<Vec<(f32, f32)>> {
    let pt = |x: f64, y: f64| frame.map((x, y));
    let columns = (frame.plot.width().max(1.0) as usize) * 2;
    if run.len() <= columns {
        let mut poly: Vec<(f32, f32)> = run.clone().map(|i| pt(xs[i], hi[i])).collect();
        poly.extend(run.rev().map(|i| pt(xs[i], lo[i])));
        return Ok(poly);
    }
    // (pixel column, top y, bottom y) in drawing order; y grows downwards.
    let mut spans: Vec<(f32, f32, f32)> = Vec::with_capacity(columns);
    for (n, i) in run.enumerate() {
        check(budget, n, "drawing bands")?;
        let (x, top) = pt(xs[i], hi[i]);
        let (_, bottom) = pt(xs[i], lo[i]);
        let (top, bottom) = (top.min(bottom), top.max(bottom));
        match spans.last_mut() {
            Some(s) if s.0 == x.floor() => {
                s.1 = s.1.min(top);
                s.2 = s.2.max(bottom);
            }
            _ => spans.push((x.floor(), top, bottom)),
        }
    }
    let mut poly: Vec<(f32, f32)> = spans.iter().map(|s| (s.0 + 0.5, s.1)).collect();
    poly.extend(spans.iter().rev().map(|s| (s.0 + 0.5, s.2)));
    Ok(poly)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::spec::limits::Limits;
    use crate::spec::model::{Content, PlotKind};
    use crate::spec::validate::{parse_spec, validate};

    /// The plots of a one-panel cartesian `spec`.
    fn plots(spec: &str) -> Vec<Plot> {
        let limits = Limits::default();
        let chart = validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits).unwrap();
        match &chart.panels[0].content {
            Content::Cartesian(p) => p.clone(),
            _ => unreachable!(),
        }
    }

    fn expired() -> Budget {
        let b = Budget::from_millis(0);
        std::thread::sleep(std::time::Duration::from_millis(2));
        b
    }

    #[test]
    fn data_loops_stop_when_the_budget_runs_out() {
        let n = 50_000;
        let col = |v: &str| vec![v; n].join(",");
        let (ones, twos) = (col("1"), col("2"));
        let specs = [
            format!(
                r#"{{"type": "candlestick", "open": [{ones}], "high": [{twos}], "low": [{ones}], "close": [{twos}]}}"#
            ),
            format!(r#"{{"type": "band", "lower": [{ones}], "upper": [{twos}]}}"#),
            format!(r#"{{"type": "text", "y": [{ones}], "text": [{twos}]}}"#),
            format!(r#"{{"type": "box", "values": [[{ones}], [{twos}]]}}"#),
        ];
        let live = Budget::from_millis(60_000);
        for s in specs {
            let plots = plots(&format!(r#"{{"series": [{s}]}}"#));
            let PlotKind::Mark(m) = &plots[0].kind else {
                unreachable!()
            };
            let slots = Slots::new(&plots);
            let e = match m {
                // Summarizing boxes (sorting) is the loop of a box series.
                Mark::Box { xs, samples, .. } => {
                    slots.boxes(0, xs, samples, (false, 1.5), &expired())
                }
                _ => prepare(0, m, (&slots, false), &live).and_then(|g| {
                    let (mut ex, mut ey) = (Extent::empty(), Extent::empty());
                    g.extend(&mut ex, &mut ey, &expired()).map(|_| Boxes {
                        boxes: Vec::new(),
                        half: 0.0,
                        offset: 0.0,
                        horizontal: false,
                    })
                }),
            };
            assert_eq!(e.unwrap_err().code, ErrorCode::DeadlineExceeded, "{s:.40}");
        }
    }

    #[test]
    fn labels_move_inside_the_plot() {
        // A label 20 wide starting at its anchor 95, in a plot from 0 to 100: moved 15 left.
        assert_eq!(inside(95.0, 20.0, 0.0, 0.0, 100.0), 80.0);
        // Centred at 5: moved 5 right. Ending at 50: unchanged.
        assert_eq!(inside(5.0, 20.0, 0.5, 0.0, 100.0), 10.0);
        assert_eq!(inside(50.0, 20.0, 1.0, 0.0, 100.0), 50.0);
        // Wider than the plot: starts at its left edge.
        assert_eq!(inside(50.0, 200.0, 0.5, 0.0, 100.0), 100.0);
    }

    #[test]
    fn a_smooth_band_curves_through_its_points_and_a_plain_one_joins_them() {
        let plots = plots(
            r#"{"series": [{"type": "band", "x": [0, 1, 2], "lower": [0, 2, 1], "upper": [3, 5, 4], "smooth": true}]}"#,
        );
        let PlotKind::Mark(m) = &plots[0].kind else {
            unreachable!()
        };
        let budget = Budget::from_millis(10_000);
        let slots = Slots::new(&plots);
        for smooth in [false, true] {
            let MarkGeom::Band { xs, lo, hi } = prepare(0, m, (&slots, smooth), &budget).unwrap()
            else {
                unreachable!()
            };
            assert_eq!(xs.len() > 3, smooth, "{xs:?}");
            // Both edges still pass through every point.
            for (x, l, h) in [(0.0, 0.0, 3.0), (1.0, 2.0, 5.0), (2.0, 1.0, 4.0)] {
                let k = xs.iter().position(|&v| v == x).unwrap();
                assert_eq!((lo[k], hi[k]), (l, h));
            }
        }
        assert!(plots[0].options.smooth, "validation keeps a band's smooth");
    }

    #[test]
    fn candles_are_as_wide_as_the_closest_periods_allow() {
        let plots = plots(
            r#"{"series": [{"type": "candlestick", "x": [0, 2, 3, 7], "open": [1, 1, 1, 1], "high": [2, 2, 2, 2], "low": [0, 0, 0, 0], "close": [2, 0.5, 1, 1]}]}"#,
        );
        let PlotKind::Mark(m) = &plots[0].kind else {
            unreachable!()
        };
        let g = prepare(
            0,
            m,
            (&Slots::new(&plots), false),
            &Budget::from_millis(10_000),
        )
        .unwrap();
        let MarkGeom::Candles(Candles { half, ohlc, .. }) = &g else {
            unreachable!()
        };
        assert_eq!(*half, 0.35);
        assert_eq!(ohlc[1], [1.0, 2.0, 0.0, 0.5]);
        let (mut ex, mut ey) = (Extent::empty(), Extent::empty());
        g.extend(&mut ex, &mut ey, &Budget::from_millis(10_000))
            .unwrap();
        assert_eq!((ex.min, ex.max, ey.min, ey.max), (-0.35, 7.35, 0.0, 2.0));
        assert!(!ey.zero_baseline);
    }
}
