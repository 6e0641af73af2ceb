//! Drawing surfaces. plotters decomposes charts into primitives; a [`Canvas`] puts them on a
//! surface in device pixels with sub-pixel precision.
//!
//! - [`backend::PlotBackend`]: the `plotters_backend::DrawingBackend` that plotters draws into.
//!   It forwards each primitive to a canvas and **checks the render budget** as it goes.
//! - [`raster::RasterCanvas`]: anti-aliased raster over `tiny-skia`, written as PNG ([`png`]),
//!   lossless WebP ([`webp`]) or JPEG ([`jpeg`]); [`pixels`] converts its premultiplied pixels.
//! - [`svg::SvgCanvas`]: deterministic SVG text; [`pdf`] writes that SVG as a vector PDF page.
//! - [`buffer`]: large pixel buffers, filled as allocated, on huge pages where offered.
//! - [`fonts::FontLibrary`]: the fonts compiled in and those of the font folder;
//!   [`text::Fonts`]: one render's fallback chain over them, shaping and measurement.

pub(crate) mod accessible;
pub(crate) mod backend;
pub(crate) mod buffer;
pub(crate) mod fonts;
pub(crate) mod jpeg;
pub(crate) mod pdf;
pub(crate) mod pixels;
pub(crate) mod png;
pub(crate) mod raster;
pub(crate) mod svg;
pub(crate) mod text;
pub(crate) mod webp;

use crate::spec::color::Rgba;
use crate::spec::MarkerKind;

/// How a line is stroked. Widths and dash lengths are in device pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub color: Rgba,
    pub width: f32,
    pub dash: Option<Vec<f32>>,
}

impl Stroke {
    pub fn solid(color: Rgba, width: f32) -> Stroke {
        Stroke {
            color,
            width,
            dash: None,
        }
    }

    /// A stroke given at scale 1 (width and dash lengths in logical pixels), drawn at scale `k`.
    pub fn scaled(color: Rgba, width: f64, dash: Option<&[f64]>, k: f32) -> Stroke {
        Stroke {
            color,
            width: width as f32 * k,
            dash: dash.map(|d| d.iter().map(|v| *v as f32 * k).collect()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Middle,
    Bottom,
}

/// Text placement: the anchor point is at (`h`, `v`) of the text's box, before rotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in device pixels.
    pub size: f32,
    pub color: Rgba,
    pub bold: bool,
    pub h: HAlign,
    pub v: VAlign,
    /// Quarter turns counter-clockwise: 1 reads bottom to top (a y-axis label).
    pub quarter_turns: u8,
}

/// A surface that draws in device pixels. Implementations must be deterministic.
pub trait Canvas {
    fn size(&self) -> (u32, u32);
    /// An axis-aligned filled rectangle, snapped to whole pixels so neighbours meet without seams.
    fn fill_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgba);
    fn polyline(&mut self, points: &[(f32, f32)], stroke: &Stroke);
    fn polygon(&mut self, points: &[(f32, f32)], fill: Rgba);
    /// A filled marker centred on (`cx`, `cy`), `size` pixels across.
    fn marker(&mut self, kind: MarkerKind, cx: f32, cy: f32, size: f32, color: Rgba);
    /// Many markers of one kind. `keep_going` is asked now and then; when it says no, drawing
    /// stops and this returns `false` (the budget ran out).
    fn markers(
        &mut self,
        kind: MarkerKind,
        size: f32,
        color: Rgba,
        centers: &[(f32, f32)],
        keep_going: &mut dyn FnMut() -> bool,
    ) -> bool {
        one_by_one(self, kind, size, color, centers, keep_going)
    }
    /// Markers each in its own size and colour (a bubble chart), drawn in order, later ones on
    /// top. Stops and returns `false` when `budget` runs out.
    fn styled_markers(
        &mut self,
        kind: MarkerKind,
        points: &[StyledMarker],
        budget: &crate::budget::Budget,
    ) -> bool {
        styled_one_by_one(self, kind, points, budget)
    }
    fn text(&mut self, text: &str, x: f32, y: f32, style: &TextStyle);
    // v2: label_angle
    /// `text` turned `degrees` counter-clockwise about its anchor (after the style's quarter
    /// turns, which should then be 0). Canvases that cannot turn text freely write it level.
    fn text_at_angle(&mut self, text: &str, x: f32, y: f32, style: &TextStyle, degrees: f32) {
        let _ = degrees;
        self.text(text, x, y, style);
    }
}

/// One marker of a [`Canvas::styled_markers`] batch: centre, size across, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyledMarker {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub color: Rgba,
}

/// Draws styled markers one at a time with [`Canvas::marker`], checking `budget` every 512.
pub fn styled_one_by_one<C: Canvas + ?Sized>(
    canvas: &mut C,
    kind: MarkerKind,
    points: &[StyledMarker],
    budget: &crate::budget::Budget,
) -> bool {
    for (i, m) in points.iter().enumerate() {
        if i % 512 == 511 && budget.is_expired() {
            return false;
        }
        canvas.marker(kind, m.x, m.y, m.size, m.color);
    }
    true
}

/// Draws markers one at a time with [`Canvas::marker`], asking `keep_going` every 512.
pub fn one_by_one<C: Canvas + ?Sized>(
    canvas: &mut C,
    kind: MarkerKind,
    size: f32,
    color: Rgba,
    centers: &[(f32, f32)],
    keep_going: &mut dyn FnMut() -> bool,
) -> bool {
    for (i, &(x, y)) in centers.iter().enumerate() {
        if i % 512 == 511 && !keep_going() {
            return false;
        }
        canvas.marker(kind, x, y, size, color);
    }
    true
}

/// The outline of a marker of diameter `size` centred on the origin, as a closed polygon
/// (circles excepted: canvases draw them natively). Crosses are two bars.
pub fn marker_outline(kind: MarkerKind, size: f32) -> Vec<(f32, f32)> {
    let r = size / 2.0;
    match kind.filled() {
        MarkerKind::Square => {
            let h = r * 0.886; // same area as the circle
            vec![(-h, -h), (h, -h), (h, h), (-h, h)]
        }
        MarkerKind::Triangle => {
            let h = r * 1.2;
            vec![(0.0, -h), (h * 0.866, h * 0.5), (-h * 0.866, h * 0.5)]
        }
        MarkerKind::Diamond => {
            let h = r * 1.2;
            vec![(0.0, -h), (h * 0.8, 0.0), (0.0, h), (-h * 0.8, 0.0)]
        }
        MarkerKind::Cross => {
            let (a, t) = (r, (size * 0.12).max(0.6));
            vec![
                (-t, -a),
                (t, -a),
                (t, -t),
                (a, -t),
                (a, t),
                (t, t),
                (t, a),
                (-t, a),
                (-t, t),
                (-a, t),
                (-a, -t),
                (-t, -t),
            ]
        }
        // Circle and none (`filled()` leaves no open kind).
        _ => (0..24)
            .map(|i| {
                let t = i as f32 * std::f32::consts::TAU / 24.0;
                (r * t.cos(), r * t.sin())
            })
            .collect(),
    }
}

/// The width of an open marker's outline, `size` pixels across: a fifth of it, 1 to 2 pixels —
/// the same weight on every bubble of a bubble chart, as Vega-Lite (2 pixels) and matplotlib
/// (1.4) draw edges.
pub fn open_stroke(size: f32) -> f32 {
    (size * 0.2).clamp(1.0, 2.0)
}

/// The outline of an open marker of diameter `size` centred on the origin: the line through
/// the middle of its stroke ([`open_stroke`] wide), so that its outer edge is where a filled
/// marker's edge would be. Circles excepted, as in [`marker_outline`].
pub fn open_marker_outline(kind: MarkerKind, size: f32) -> Vec<(f32, f32)> {
    marker_outline(kind, size - open_stroke(size))
}

/// `f32::floor` without the libm call that baseline x86-64 (no SSE4.1) compiles it to; hot in
/// per-point loops. Exact for every finite `x`: beyond 2²³ every `f32` is a whole number.
#[inline]
pub fn floor(x: f32) -> f32 {
    if x.abs() >= 8_388_608.0 {
        return x;
    }
    let t = x as i32 as f32;
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// `f32::ceil` as [`floor`] is `f32::floor`.
#[inline]
pub fn ceil(x: f32) -> f32 {
    -floor(-x)
}
