//! v2: new series types — radar (spider) charts: spokes clockwise from twelve o'clock, one
//! polygon per series, polygonal gridlines at nice values of the shared radial scale, and the
//! spoke names outside the outermost ring. The radius is chosen so that every spoke name fits
//! in the panel: nothing is clipped.

use super::axes::Sizes;
use super::frame::Rect;
use super::geom::Swatch;
use super::legend::{self, Entry};
use super::paint::{Painter, TextStyle};
use super::ticks;
use crate::draw::text::{fit, Fonts};
use crate::draw::{Canvas, HAlign, Stroke, VAlign};
use crate::error::Result;
use crate::spec::color::Theme;
use crate::spec::model::{LegendPlace, Radar};

/// One legend entry per named series: a patch when filled, a line otherwise.
pub(super) fn entries(radar: &Radar) -> Vec<Entry> {
    radar
        .series
        .iter()
        .filter_map(|s| {
            s.name.as_ref().map(|n| Entry {
                name: n.clone(),
                color: s.color,
                fill: s.color.with_alpha(s.opacity.max(0.4)),
                swatch: if s.fill {
                    Swatch::Patch
                } else {
                    Swatch::Line {
                        width: s.width,
                        dash: None,
                        marker: None,
                    }
                },
            })
        })
        .collect()
}

/// Draws the radar panel in `area`, with its legend (if any) outside the web.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    radar: &Radar,
    (legend, reversed): (Option<LegendPlace>, bool),
    area: Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let mut entries = entries(radar);
    if reversed {
        entries.reverse();
    }
    let mut plot = area;
    let placed = legend.filter(|_| !entries.is_empty()).map(|place| {
        let b = legend::measure(&p.fonts, &entries, k, area.width() * 0.3, area.height());
        let at = legend::outside(&mut plot, &b, place, k);
        (b, at)
    });
    let web = Web::fit(&p.fonts, radar, plot, k);
    web.draw_grid(p, theme, k)?;
    for s in &radar.series {
        p.budget().check("drawing radar series")?;
        let pts: Vec<(f32, f32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(j, &v)| web.at(j, web.radius(v)))
            .collect();
        if s.fill {
            p.polygon(&pts, s.color.with_alpha(s.opacity))?;
        }
        let mut ring = pts.clone();
        ring.push(pts[0]);
        p.line(&ring, &Stroke::solid(s.color, s.width as f32 * k))?;
        let dot = (s.width as f32 * 2.2).max(3.5) * k;
        p.markers(crate::spec::MarkerKind::Circle, dot, s.color, pts)?;
    }
    web.draw_tick_labels(p, theme, k)?;
    web.draw_labels(p, theme, k)?;
    if let Some((b, at)) = placed {
        legend::draw(p, &entries, &b, at, theme, k)?;
    }
    Ok(())
}

/// The laid-out web: centre, radius, radial scale and the spoke names as they fit.
struct Web {
    cx: f32,
    cy: f32,
    r: f32,
    lo: f64,
    hi: f64,
    ticks: ticks::Ticks,
    /// Per spoke: its (shortened) name and that name's size.
    labels: Vec<(String, f32, f32)>,
    pad: f32,
}

impl Web {
    fn fit(fonts: &Fonts, radar: &Radar, plot: Rect, k: f32) -> Web {
        let sz = Sizes::at(k);
        let (lo, hi) = range(radar);
        let ticks = ticks::linear(lo, hi, 4, &radar.tick_labels);
        let labels: Vec<(String, f32, f32)> = radar
            .labels
            .iter()
            .map(|l| {
                let t = fit(fonts, l, sz.tick, false, plot.width() * 0.25);
                let (w, h) = fonts.measure(&t, sz.tick, false);
                (t, w, h)
            })
            .collect();
        let pad = 6.0 * k;
        let (hw, hh) = (plot.width() / 2.0, plot.height() / 2.0);
        let n = labels.len();
        let mut r = hw.min(hh) - 2.0 * k;
        for (j, (_, w, h)) in labels.iter().enumerate() {
            let (c, s) = direction(j, n);
            let (h_al, v_al) = align(c, s);
            let ext_x = if h_al == HAlign::Center { w / 2.0 } else { *w };
            let ext_y = if v_al == VAlign::Middle { h / 2.0 } else { *h };
            if c.abs() > 1e-3 {
                r = r.min((hw - ext_x) / c.abs() - pad);
            }
            if s.abs() > 1e-3 {
                r = r.min((hh - ext_y) / s.abs() - pad);
            }
        }
        Web {
            cx: (plot.x0 + plot.x1) / 2.0,
            cy: (plot.y0 + plot.y1) / 2.0,
            r: r.max(10.0 * k),
            lo,
            hi,
            ticks,
            labels,
            pad,
        }
    }

    /// The distance from the centre of value `v`, within the web.
    fn radius(&self, v: f64) -> f32 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        self.r * t as f32
    }

    /// The point on spoke `j` at `radius` from the centre.
    fn at(&self, j: usize, radius: f32) -> (f32, f32) {
        let (c, s) = direction(j, self.labels.len());
        (self.cx + radius * c, self.cy + radius * s)
    }

    /// Rings at the ticks (and the outer edge), spokes, and the tick values up the first spoke.
    fn draw_grid<C: Canvas>(&self, p: &Painter<C>, theme: &Theme, k: f32) -> Result<()> {
        let n = self.labels.len();
        let grid = Stroke::solid(theme.grid, k);
        let ring =
            |radius: f32| -> Vec<(f32, f32)> { (0..=n).map(|j| self.at(j % n, radius)).collect() };
        for &v in &self.ticks.values {
            if v > self.lo && v < self.hi {
                p.line(&ring(self.radius(v)), &grid)?;
            }
        }
        p.line(&ring(self.r), &Stroke::solid(theme.axis.with_alpha(0.5), k))?;
        for j in 0..n {
            p.line(&[(self.cx, self.cy), self.at(j, self.r)], &grid)?;
        }
        Ok(())
    }

    fn draw_tick_labels<C: Canvas>(&self, p: &Painter<C>, theme: &Theme, k: f32) -> Result<()> {
        let ring = |v| (v > self.lo && v <= self.hi).then(|| self.radius(v));
        draw_ring_labels(p, &self.ticks, (self.cx, self.cy), ring, theme, k)?;
        Ok(())
    }

    /// The spoke names, just outside the outer ring, aligned away from the centre.
    fn draw_labels<C: Canvas>(&self, p: &Painter<C>, theme: &Theme, k: f32) -> Result<()> {
        let size = Sizes::at(k).tick;
        let n = self.labels.len();
        for (j, (t, _, _)) in self.labels.iter().enumerate() {
            let (c, s) = direction(j, n);
            let (h, v) = align(c, s);
            let (x, y) = self.at(j, self.r + self.pad);
            p.text(t, x, y, TextStyle::new(size, theme.text, h, v))?;
        }
        Ok(())
    }
}

/// The tick values just inside their rings, right of the twelve o'clock line from `centre`,
/// on a faint backdrop so they stay legible over what is drawn under them; `ring` gives a
/// tick's radius, or `None` for a tick with no ring. Returns the backdrops drawn. Radar and
/// polar area charts share it.
pub(super) fn draw_ring_labels<C: Canvas>(
    p: &Painter<C>,
    ticks: &ticks::Ticks,
    centre: (f32, f32),
    ring: impl Fn(f64) -> Option<f32>,
    theme: &Theme,
    k: f32,
) -> Result<Vec<Rect>> {
    let size = Sizes::at(k).tick * 0.85;
    let ink = theme.text.with_alpha(0.75);
    let mut drawn = Vec::with_capacity(ticks.values.len());
    for (&v, label) in ticks.values.iter().zip(&ticks.labels) {
        if let Some(radius) = ring(v) {
            let (x, y) = (centre.0 + 3.0 * k, centre.1 - radius + 2.0 * k);
            let (w, h) = p.fonts.measure(label, size, false);
            let back = Rect {
                x0: x - k,
                y0: y,
                x1: x + w + k,
                y1: y + h,
            };
            let shade = theme.background.with_alpha(0.75);
            p.rect(back.x0, back.y0, back.x1, back.y1, shade)?;
            p.text(
                label,
                x,
                y,
                TextStyle::new(size, ink, HAlign::Left, VAlign::Top),
            )?;
            drawn.push(back);
        }
    }
    Ok(drawn)
}

/// The radial range: as given, else from 0 (or a negative minimum) up to a nice number.
fn range(radar: &Radar) -> (f64, f64) {
    let values = radar.series.iter().flat_map(|s| s.values.iter().copied());
    radial_range(values, radar.min, radar.max)
}

/// A radial scale's range over `values`: `min` and `max` as given, else from 0 (or a negative
/// minimum) up to a nice number at or above the largest value.
pub(super) fn radial_range(
    values: impl Iterator<Item = f64>,
    min: Option<f64>,
    max: Option<f64>,
) -> (f64, f64) {
    let (dmin, dmax) = values.fold((0.0f64, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let lo = min.unwrap_or(dmin);
    let hi = match max {
        Some(m) => m,
        None if dmax > lo => {
            let step = ticks::nice_step(dmax - lo, 4);
            lo + ((dmax - lo) / step - 1e-9).ceil() * step
        }
        None => lo + 1.0,
    };
    (lo, hi)
}

/// The unit direction (cos, sin) of spoke `j` of `n`, clockwise from twelve o'clock (screen y
/// points down).
fn direction(j: usize, n: usize) -> (f32, f32) {
    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * j as f64 / n.max(1) as f64;
    (a.cos() as f32, a.sin() as f32)
}

/// How a spoke name (or any label) at direction (c, s) is aligned: away from the centre.
pub(super) fn align(c: f32, s: f32) -> (HAlign, VAlign) {
    let h = if c > 0.25 {
        HAlign::Left
    } else if c < -0.25 {
        HAlign::Right
    } else {
        HAlign::Center
    };
    let v = if s > 0.25 {
        VAlign::Top
    } else if s < -0.25 {
        VAlign::Bottom
    } else {
        VAlign::Middle
    };
    (h, v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::color::Rgba;
    use crate::spec::model::RadarSeries;

    fn radar(values: Vec<f64>, min: Option<f64>, max: Option<f64>) -> Radar {
        Radar {
            labels: (0..values.len()).map(|i| format!("s{i}")).collect(),
            series: vec![RadarSeries {
                name: None,
                color: Rgba(0, 0, 0, 255),
                values,
                fill: true,
                opacity: 0.25,
                width: 1.75,
            }],
            min,
            max,
            tick_labels: crate::spec::model::TickLabels::plain(),
        }
    }

    #[test]
    fn the_radial_range_starts_at_zero_and_ends_on_a_nice_number() {
        assert_eq!(range(&radar(vec![3.0, 7.2, 5.0], None, None)), (0.0, 8.0));
        assert_eq!(range(&radar(vec![-3.0, 7.0, 5.0], None, None)), (-3.0, 7.0));
        assert_eq!(
            range(&radar(vec![3.0, 7.0, 5.0], Some(1.0), Some(10.0))),
            (1.0, 10.0)
        );
        assert_eq!(range(&radar(vec![0.0, 0.0, 0.0], None, None)), (0.0, 1.0));
    }

    #[test]
    fn spoke_names_fit_inside_the_panel() {
        let fonts = Fonts::new();
        let mut r = radar(vec![1.0; 6], None, None);
        r.labels = [
            "Speed",
            "Reliability and uptime",
            "Comfort",
            "Safety",
            "Efficiency",
            "Price",
        ]
        .map(String::from)
        .to_vec();
        let plot = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 400.0,
            y1: 300.0,
        };
        let web = Web::fit(&fonts, &r, plot, 1.0);
        for (j, (_, w, h)) in web.labels.iter().enumerate() {
            let (c, s) = direction(j, 6);
            let (ha, va) = align(c, s);
            let (x, y) = web.at(j, web.r + web.pad);
            let b = Rect::anchored(x, y, (*w, *h), ha, va);
            assert!(b.x0 >= -0.01 && b.x1 <= 400.01, "spoke {j} spills sideways");
            assert!(
                b.y0 >= -0.01 && b.y1 <= 300.01,
                "spoke {j} spills vertically"
            );
        }
        assert!(web.r > 60.0);
    }
}
