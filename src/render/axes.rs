//! Axes: data ranges with margins, tick choice that fits the space, and a tight layout where
//! every label is measured before the plot area is fixed, so nothing is clipped.

use super::axis_ticks::{make_ticks, target_count};
use super::frame::{snap, Frame, Rect, Scale};
use super::geom::Extent;
use super::paint::{Painter, TextStyle};
use super::{axis_options, label_angle};
use crate::draw::text::{fit, Fonts};
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::render::ticks::Ticks;
use crate::spec::color::Theme;
use crate::spec::model::{Axis, AxisKind};

/// Font sizes and spacing at scale 1, in logical pixels.
pub struct Sizes {
    pub tick: f32,
    pub label: f32,
    pub title: f32,
    pub legend: f32,
    pub tick_len: f32,
    pub pad: f32,
}

impl Sizes {
    pub fn at(k: f32) -> Sizes {
        Sizes {
            tick: 12.0 * k,
            label: 13.0 * k,
            title: 16.0 * k,
            legend: 12.0 * k,
            tick_len: 5.0 * k,
            pad: 5.0 * k,
        }
    }
}

/// The axis range: the data's extent with a 5 % margin (none past a zero baseline), or the
/// user's `min`/`max`.
pub fn resolve_range(axis: &Axis, ext: Extent) -> (f64, f64) {
    if let AxisKind::Category(labels) = &axis.kind {
        return (-0.5, labels.len().max(1) as f64 - 0.5);
    }
    if let Some(range) = axis_options::normalized_range(axis, ext) {
        return range;
    }
    let ext = axis_options::zero_extent(axis, ext);
    let log = axis.kind == AxisKind::Log;
    let t = |v: f64| if log { v.log10() } else { v };
    let inv = |v: f64| if log { 10f64.powf(v) } else { v };
    // On a log axis, bars and areas grow from 0, which it cannot show: start at the smallest
    // positive value instead (the bars then rise from the bottom of the plot).
    let min = if log && ext.min <= 0.0 && ext.min_positive.is_finite() {
        ext.min_positive
    } else {
        ext.min
    };
    let (mut lo, mut hi) = if ext.is_empty() {
        (0.0, 1.0)
    } else {
        (t(min), t(ext.max))
    };
    if let Some(m) = axis.min {
        lo = t(m);
    }
    if let Some(m) = axis.max {
        hi = t(m);
    }
    if lo >= hi {
        // Constant data: centre it.
        let d = match axis.kind {
            AxisKind::Time => 86_400_000.0,
            _ if lo == 0.0 => 1.0,
            _ => (lo.abs() * 0.1).max(1e-9),
        };
        let d = if log { 0.5 } else { d };
        if axis.min.is_none() {
            lo -= d;
        }
        if axis.max.is_none() || lo >= hi {
            hi = lo + 2.0 * d;
        }
        return (inv(lo), inv(hi));
    }
    let margin = 0.05 * (hi - lo);
    if axis.min.is_none() && !(ext.zero_baseline && !log && lo == 0.0) {
        lo -= margin;
    }
    if axis.max.is_none() && !(ext.zero_baseline && !log && hi == 0.0) {
        hi += margin;
    }
    if log {
        // The margin must not push a bound past what f64 holds (to 0 or infinity).
        (lo, hi) = (lo.max(-307.0), hi.min(307.0));
    }
    (inv(lo), inv(hi))
}

/// An axis and the range of values it shows.
#[derive(Debug, Clone, Copy)]
pub struct AxisSpan<'a> {
    pub axis: &'a Axis,
    pub range: (f64, f64),
}

/// The laid-out axes of a cartesian panel: the frame the data is drawn into, the ticks, and the
/// area they were laid out in (axis labels sit on its edges).
pub struct Axes<'a> {
    pub x: &'a Axis,
    pub y: &'a Axis,
    pub frame: Frame,
    pub x_ticks: Ticks,
    pub y_ticks: Ticks,
    /// x tick labels turned a quarter (long category names).
    pub x_turned: bool,
    // v2: label_angle
    /// The x tick labels' angle in degrees (90 when turned).
    pub x_angle: f32,
    pub area: Rect,
    // v2: y2
    pub y2: Option<Y2Axis<'a>>,
}

// v2: y2
/// The laid-out y2 axis (see `render::y2`): its ticks, its scale over the plot, and where its
/// title goes.
pub struct Y2Axis<'a> {
    pub axis: &'a Axis,
    pub ticks: Ticks,
    pub scale: Scale,
    /// The edge of the panel area the title sits at.
    pub title_x: f32,
}

/// Lays out axes inside `area` (already without title and outside legend). Each axis takes
/// room on its side (bottom or top, left or right) unless it is hidden.
pub fn layout<'a>(fonts: &Fonts, x: AxisSpan<'a>, y: AxisSpan<'a>, area: Rect, k: f32) -> Axes<'a> {
    let sz = Sizes::at(k);
    let tick_h = fonts.measure("0", sz.tick, false).1;
    let label_h = fonts.measure("Ag", sz.label, false).1;
    let label_space = |a: &Axis| a.label.as_ref().map_or(0.0, |_| label_h + sz.pad);
    let (x_label_space, y_label_space) = (label_space(x.axis), label_space(y.axis));
    let (x_shown, y_shown) = (!x.axis.opts.hidden, !y.axis.opts.hidden);

    // y first, with a guess at the plot height.
    let guess_h =
        area.height() - tick_h - sz.tick_len - 2.0 * sz.pad - x_label_space - tick_h / 2.0;
    let y_ticks = fit_ticks_vertical(y.axis, y.range, guess_h, tick_h);
    let y_tick_w = widest(fonts, &y_ticks.labels, sz.tick).min(area.width() * 0.3);
    let (y_left, y_right) = sides(y.axis, y_label_space + y_tick_w + sz.pad + sz.tick_len);
    let left = area.x0 + y_left;

    // then x, which knows its width.
    let guess_w = area.x1 - left - 12.0 * k - y_right;
    let (x_ticks, x_angle) = x_ticks_and_angle(fonts, x, guess_w, sz.tick, k);
    let x_turned = x_angle == 90.0;
    let slanted = x_angle > 0.0 && x_angle < 90.0;
    let half = |l: Option<&String>| l.map_or(0.0, |l| fonts.measure(l, sz.tick, false).0 / 2.0);
    let overhang = |l| {
        if x_shown {
            half(l).clamp(8.0 * k, 60.0 * k)
        } else {
            0.0
        }
    };
    // Slanted labels reach sideways from their ticks: left below the plot, right above it.
    let reach = if slanted && x_shown {
        let slot = guess_w / x_ticks.values.len().max(1) as f32;
        let far = x.axis.opts.far_side;
        label_angle::reach(fonts, &x_ticks, far, x_angle, area.height() * 0.3, sz.tick) - slot / 2.0
    } else {
        0.0
    };
    let right = if y_right > 0.0 {
        area.x1 - y_right
    } else if slanted && x.axis.opts.far_side && x_shown {
        area.x1 - reach.max(tick_h / 2.0 + 2.0 * k)
    } else if (x_turned || slanted) && x_shown {
        area.x1 - tick_h / 2.0 - 2.0 * k
    } else {
        area.x1 - overhang(x_ticks.labels.last())
    };
    let left = if slanted && !x.axis.opts.far_side && x_shown {
        left.max(area.x0 + reach)
    } else if y_left > 0.0 || x_turned || slanted {
        left
    } else {
        left + overhang(x_ticks.labels.first())
    };
    let x_tick_extent = x_label_depth(fonts, &x_ticks, x_angle, sz.tick, area.height() * 0.3);
    let (x_bottom, x_top) = sides(x.axis, x_label_space + x_tick_extent + sz.pad + sz.tick_len);
    let y_overhang = if y_shown { tick_h / 2.0 } else { 0.0 };
    let top = area.y0 + if x_top > 0.0 { x_top } else { y_overhang };
    let bottom = area.y1 - if x_bottom > 0.0 { x_bottom } else { y_overhang };
    let plot = Rect {
        x0: left.round(),
        y0: top.round(),
        x1: right.round().max(left.round() + 10.0),
        y1: bottom.round().max(top.round() + 10.0),
    };
    Axes {
        x: x.axis,
        y: y.axis,
        frame: frame_of(plot, x, y),
        x_ticks,
        y_ticks: fit_ticks_vertical(y.axis, y.range, plot.height(), tick_h),
        x_turned,
        x_angle,
        area,
        y2: None,
    }
}

/// The x ticks and their labels' angle: as `label_angle` asks or the 45° rule decides, else
/// level or turned a quarter as in version 1.
fn x_ticks_and_angle(fonts: &Fonts, x: AxisSpan, width: f32, size: f32, k: f32) -> (Ticks, f32) {
    label_angle::fit(fonts, x.axis, x.range, width, size, k).unwrap_or_else(|| {
        let (t, turned) = fit_ticks_horizontal(fonts, x.axis, x.range, width, size, k);
        (t, if turned { 90.0 } else { 0.0 })
    })
}

/// How far x tick labels at `angle` reach from the ticks (at most `max`, as they are shortened).
fn x_label_depth(fonts: &Fonts, ticks: &Ticks, angle: f32, size: f32, max: f32) -> f32 {
    let tick_h = fonts.measure("0", size, false).1;
    if angle == 0.0 {
        return tick_h;
    }
    let w = widest(fonts, &ticks.labels, size);
    let depth = if angle == 90.0 {
        w
    } else {
        label_angle::depth(w, tick_h, angle)
    };
    depth.min(max)
}

/// The room an axis takes on the near side (left, bottom) and the far side (right, top).
fn sides(a: &Axis, room: f32) -> (f32, f32) {
    match (a.opts.hidden, a.opts.far_side) {
        (true, _) => (0.0, 0.0),
        (false, false) => (room, 0.0),
        (false, true) => (0.0, room),
    }
}

/// The scales that map the two spans onto `plot` (y upwards unless reversed).
pub fn frame_of(plot: Rect, x: AxisSpan, y: AxisSpan) -> Frame {
    let (xr, yr) = (x.range, y.range);
    let (left, right) = if x.axis.reversed {
        (plot.x1, plot.x0)
    } else {
        (plot.x0, plot.x1)
    };
    let sx = Scale::new(xr.0, xr.1, x.axis.kind == AxisKind::Log, left, right);
    let (top, bottom) = if y.axis.reversed {
        (plot.y1, plot.y0)
    } else {
        (plot.y0, plot.y1)
    };
    let sy = Scale::new(yr.0, yr.1, y.axis.kind == AxisKind::Log, bottom, top);
    Frame { plot, sx, sy }
}

/// The width of the widest of `labels` at `size`.
pub fn widest(fonts: &Fonts, labels: &[String], size: f32) -> f32 {
    labels
        .iter()
        .map(|l| fonts.measure(l, size, false).0)
        .fold(0.0, f32::max)
}

/// Ticks up the side: about one per 3.2 label heights, or the count asked for as long as the
/// labels keep a third of their height apart. Categories (the rows of horizontal bars and dot
/// plots) are each labelled as long as they keep that distance: a row without its name cannot
/// be read.
pub(super) fn fit_ticks_vertical(axis: &Axis, r: (f64, f64), height: f32, tick_h: f32) -> Ticks {
    let most = ((height / (tick_h * 1.35)).floor() as usize).max(2);
    let fitted = match axis.kind {
        AxisKind::Category(_) => most,
        _ => ((height / (tick_h * 3.2)).floor() as usize).clamp(2, 10),
    };
    make_ticks(axis, r.0, r.1, target_count(axis, fitted).min(most))
}

/// Horizontal tick labels need their widths: shrink the count until they fit side by side;
/// category names that cannot fit are turned a quarter.
fn fit_ticks_horizontal(
    fonts: &Fonts,
    axis: &Axis,
    r: (f64, f64),
    width: f32,
    size: f32,
    k: f32,
) -> (Ticks, bool) {
    let gap = 14.0 * k;
    let widths = |t: &Ticks| {
        t.labels
            .iter()
            .map(|l| fonts.measure(l, size, false).0)
            .collect::<Vec<_>>()
    };
    if let AxisKind::Category(labels) = &axis.kind {
        let all = make_ticks(axis, r.0, r.1, target_count(axis, labels.len()));
        let slot = width / all.values.len().max(1) as f32;
        if widths(&all).iter().all(|w| *w + 4.0 * k <= slot) {
            return (all, false);
        }
        // Turned: each label needs one line height of room.
        let line = fonts.measure("0", size, false).1 + 2.0 * k;
        let target = ((width / line).floor() as usize).max(1);
        return (make_ticks(axis, r.0, r.1, target), true);
    }
    let fitted = ((width / (60.0 * k)).floor() as usize).clamp(2, 12);
    let mut target = target_count(axis, fitted);
    loop {
        let t = make_ticks(axis, r.0, r.1, target);
        let w = widths(&t);
        let need = w.iter().fold(0.0f32, |m, v| m.max(*v)) + gap;
        if need * t.values.len() as f32 <= width || target <= 2 {
            return (t, false);
        }
        target -= 1;
    }
}

/// Draws grid lines (behind the data).
pub fn draw_grid<C: Canvas>(p: &Painter<C>, a: &Axes, theme: &Theme, k: f32) -> Result<()> {
    let (f, plot) = (&a.frame, &a.frame.plot);
    let w = (0.8 * k).max(0.8);
    let stroke = Stroke::solid(theme.grid, w);
    if a.x.grid {
        for &v in &a.x_ticks.values {
            let px = snap(f.sx.map(v), w);
            p.line(&[(px, plot.y0), (px, plot.y1)], &stroke)?;
        }
    }
    if a.y.grid {
        for &v in &a.y_ticks.values {
            let py = snap(f.sy.map(v), w);
            p.line(&[(plot.x0, py), (plot.x1, py)], &stroke)?;
        }
    }
    Ok(())
}

/// Draws the axis lines, ticks, tick labels and axis labels (over the data), each axis on its
/// side; a hidden axis draws nothing.
pub fn draw_axes<C: Canvas>(p: &Painter<C>, a: &Axes, theme: &Theme, k: f32) -> Result<()> {
    let plot = &a.frame.plot;
    let w = (1.0 * k).max(1.0);
    let stroke = Stroke::solid(theme.axis, w);
    let bx = snap(if a.y.opts.far_side { plot.x1 } else { plot.x0 }, w);
    let by = snap(if a.x.opts.far_side { plot.y0 } else { plot.y1 }, w);
    if !a.y.opts.hidden {
        p.line(&[(bx, plot.y0), (bx, snap(plot.y1, w))], &stroke)?;
    }
    if !a.x.opts.hidden {
        p.line(&[(snap(plot.x0, w), by), (plot.x1, by)], &stroke)?;
        draw_x_ticks(p, a, by, &stroke, theme, k)?;
    }
    if !a.y.opts.hidden {
        draw_y_ticks(p, a, bx, &stroke, theme, k)?;
    }
    draw_axis_labels(p, a, theme, k)
}

/// The x ticks and their labels, below the line at `by` (above it for a top axis).
fn draw_x_ticks<C: Canvas>(
    p: &Painter<C>,
    a: &Axes,
    by: f32,
    stroke: &Stroke,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let sz = Sizes::at(k);
    let top = a.x.opts.far_side;
    let tick_style = |h, v| TextStyle::new(sz.tick, theme.text, h, v);
    let max_turned = a.area.height() * 0.3;
    for (v, label) in a.x_ticks.values.iter().zip(&a.x_ticks.labels) {
        let px = snap(a.frame.sx.map(*v), stroke.width);
        let (end, ty) = if top {
            (by - sz.tick_len, by - sz.tick_len - sz.pad * 0.6)
        } else {
            (by + sz.tick_len, by + sz.tick_len + sz.pad * 0.6)
        };
        p.line(&[(px, by), (px, end)], stroke)?;
        if a.x_angle > 0.0 && !a.x_turned {
            let tick_h = p.fonts.measure("0", sz.tick, false).1;
            let max_len = label_angle::max_length(max_turned, tick_h, a.x_angle);
            let text = fit(&p.fonts, label, sz.tick, false, max_len);
            let h = if top { HAlign::Left } else { HAlign::Right };
            let style = tick_style(h, VAlign::Middle).at_angle(a.x_angle);
            p.text(&text, px, ty, style)?;
        } else if a.x_turned {
            let text = fit(&p.fonts, label, sz.tick, false, max_turned);
            let h = if top { HAlign::Left } else { HAlign::Right };
            p.text(&text, px, ty, tick_style(h, VAlign::Middle).turned(1))?;
        } else {
            let v = if top { VAlign::Bottom } else { VAlign::Top };
            p.text(label, px, ty, tick_style(HAlign::Center, v))?;
        }
    }
    Ok(())
}

/// The y ticks and their labels, left of the line at `bx` (right of it for a right axis).
fn draw_y_ticks<C: Canvas>(
    p: &Painter<C>,
    a: &Axes,
    bx: f32,
    stroke: &Stroke,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let sz = Sizes::at(k);
    let right = a.y.opts.far_side;
    let max_y_label = a.area.width() * 0.3;
    for (v, label) in a.y_ticks.values.iter().zip(&a.y_ticks.labels) {
        let py = snap(a.frame.sy.map(*v), stroke.width);
        let text = fit(&p.fonts, label, sz.tick, false, max_y_label);
        if right {
            p.line(&[(bx, py), (bx + sz.tick_len, py)], stroke)?;
            let tx = bx + sz.tick_len + sz.pad * 0.6;
            let style = TextStyle::new(sz.tick, theme.text, HAlign::Left, VAlign::Middle);
            p.text(&text, tx, py, style)?;
        } else {
            p.line(&[(bx - sz.tick_len, py), (bx, py)], stroke)?;
            let tx = bx - sz.tick_len - sz.pad * 0.6;
            let style = TextStyle::new(sz.tick, theme.text, HAlign::Right, VAlign::Middle);
            p.text(&text, tx, py, style)?;
        }
    }
    Ok(())
}

/// The x label centred under the plot (over it for a top axis), the y label turned, at the left
/// edge of the area (the right edge for a right axis).
fn draw_axis_labels<C: Canvas>(p: &Painter<C>, a: &Axes, theme: &Theme, k: f32) -> Result<()> {
    let (plot, area) = (&a.frame.plot, &a.area);
    let size = Sizes::at(k).label;
    if let Some(label) = a.x.label.as_ref().filter(|_| !a.x.opts.hidden) {
        let text = fit(&p.fonts, label, size, false, area.width());
        let (y, v) = if a.x.opts.far_side {
            (area.y0, VAlign::Top)
        } else {
            (area.y1, VAlign::Bottom)
        };
        let style = TextStyle::new(size, theme.text, HAlign::Center, v);
        p.text(&text, (plot.x0 + plot.x1) / 2.0, y, style)?;
    }
    if let Some(label) = a.y.label.as_ref().filter(|_| !a.y.opts.hidden) {
        let text = fit(&p.fonts, label, size, false, area.height());
        let (x, v) = if a.y.opts.far_side {
            (area.x1, VAlign::Bottom)
        } else {
            (area.x0, VAlign::Top)
        };
        let style = TextStyle::new(size, theme.text, HAlign::Center, v).turned(1);
        p.text(&text, x, (plot.y0 + plot.y1) / 2.0, style)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::model::{TickChoice, TickLabels};

    fn axis(kind: AxisKind) -> Axis {
        Axis {
            label: None,
            kind,
            min: None,
            max: None,
            grid: true,
            reversed: false,
            opts: Default::default(),
            labels: TickLabels::plain(),
            ticks: None,
        }
    }

    #[test]
    fn ranges_pad_but_not_past_zero_baselines() {
        let ext = Extent {
            min: 0.0,
            max: 100.0,
            min_positive: 100.0,
            zero_baseline: true,
            fit: (0.0, 100.0),
        };
        assert_eq!(resolve_range(&axis(AxisKind::Linear), ext), (0.0, 105.0));
        let ext = Extent {
            min: 0.0,
            max: 100.0,
            min_positive: 100.0,
            zero_baseline: false,
            fit: (0.0, 100.0),
        };
        assert_eq!(resolve_range(&axis(AxisKind::Linear), ext), (-5.0, 105.0));
        let ext = Extent {
            min: 3.0,
            max: 3.0,
            min_positive: 3.0,
            zero_baseline: false,
            fit: (3.0, 3.0),
        };
        let (lo, hi) = resolve_range(&axis(AxisKind::Linear), ext);
        assert!(lo < 3.0 && hi > 3.0);
    }

    #[test]
    fn chosen_ticks_inside_the_range_are_kept_and_labelled() {
        let a = Axis {
            ticks: Some(TickChoice::Values(vec![0.0, 0.5, 2.0, 99.0])),
            ..axis(AxisKind::Linear)
        };
        let t = make_ticks(&a, 0.0, 10.0, 5);
        assert_eq!(t.values, vec![0.0, 0.5, 2.0]);
        assert_eq!(t.labels, vec!["0.0", "0.5", "2.0"]);
        let names = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let a = Axis {
            ticks: Some(TickChoice::Values(vec![2.0, 0.0])),
            ..axis(AxisKind::Category(names))
        };
        assert_eq!(make_ticks(&a, -0.5, 2.5, 3).labels, vec!["c", "a"]);
    }

    #[test]
    fn a_tick_count_replaces_the_fitted_one() {
        let a = Axis {
            ticks: Some(TickChoice::Count(2)),
            ..axis(AxisKind::Linear)
        };
        assert_eq!(
            fit_ticks_vertical(&a, (0.0, 10.0), 400.0, 14.0)
                .values
                .len(),
            3
        );
        let plain = fit_ticks_vertical(&axis(AxisKind::Linear), (0.0, 10.0), 400.0, 14.0);
        assert_eq!(plain.values.len(), 6);
    }

    #[test]
    fn log_bars_start_at_the_smallest_positive_value() {
        let ext = Extent {
            min: 0.0,
            max: 1000.0,
            min_positive: 2.0,
            zero_baseline: true,
            fit: (0.0, 1000.0),
        };
        let (lo, hi) = resolve_range(&axis(AxisKind::Log), ext);
        assert!(lo > 1.0 && lo < 2.0, "{lo}");
        assert!(hi > 1000.0 && hi < 2000.0, "{hi}");
    }
}
