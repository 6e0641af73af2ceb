//! The SVG canvas: deterministic text, identical for identical input.
//!
//! Coordinates are written with at most two decimals. Text stays text (selectable, small); its
//! anchor and baseline are computed from the embedded font's metrics, so placement does not
//! depend on how a viewer interprets `dominant-baseline`.

use super::text::Fonts;
use super::{
    marker_outline, open_marker_outline, open_stroke, Canvas, HAlign, Stroke, TextStyle, VAlign,
};
use crate::spec::color::Rgba;
use crate::spec::MarkerKind;
use std::fmt::Write;

pub struct SvgCanvas {
    width: u32,
    height: u32,
    fonts: Fonts,
    body: String,
    /// For the PDF writer: draw Indic pieces as outlines (see [`SvgCanvas::for_pdf`]).
    outline_indic: bool,
}

/// Scripts whose vowel signs reorder and whose conjuncts form: Devanagari to Sinhala, Myanmar,
/// Khmer and the Devanagari extensions.
fn indic(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0DFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0xA8E0..=0xA8FF)
}

/// Formats a coordinate with at most two decimals and no trailing zeros.
fn n(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn paint(attr: &str, c: Rgba) -> String {
    if c.3 == 255 {
        format!(r#"{attr}="{}""#, c.to_hex())
    } else {
        format!(
            r#"{attr}="{}" {attr}-opacity="{}""#,
            Rgba(c.0, c.1, c.2, 255).to_hex(),
            n(c.3 as f32 / 255.0)
        )
    }
}

pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars().filter(|c| !c.is_control()) {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

impl SvgCanvas {
    pub fn new(width: u32, height: u32, background: Rgba, fonts: Fonts) -> SvgCanvas {
        let mut c = SvgCanvas {
            width,
            height,
            fonts,
            body: String::new(),
            outline_indic: false,
        };
        if background.3 != 0 {
            let _ = writeln!(
                c.body,
                r#"<rect width="100%" height="100%" {}/>"#,
                paint("fill", background)
            );
        }
        c
    }

    /// The canvas whose SVG becomes a PDF. usvg's own text layout misplaces Indic vowel signs
    /// and conjuncts (its clusters are merged after reordering), so pieces in those scripts are
    /// drawn as outlines of this renderer's shaped glyphs, with the same text over them
    /// invisible: the page shows correct conjuncts and a reader can still search and copy them.
    pub fn for_pdf(width: u32, height: u32, background: Rgba, fonts: Fonts) -> SvgCanvas {
        SvgCanvas {
            outline_indic: true,
            ..SvgCanvas::new(width, height, background, fonts)
        }
    }

    /// The finished document; v2: `root_attributes` (starting with a space) are added to the
    /// root element and `head` opens the body (the alt text, `crate::draw::accessible`).
    pub fn finish(self, root_attributes: &str, head: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{family}\"{root_attributes}>\n{head}{}</svg>\n",
            self.body,
            w = self.width,
            h = self.height,
            family = escape(&self.fonts.svg_family())
        )
    }

    /// SVG path data for `text` laid out and shaped by this renderer, its pen starting at
    /// `origin` on the baseline.
    fn outlines(&self, text: &str, origin: (f32, f32), style: &TextStyle) -> String {
        use ab_glyph::{Font, OutlineCurve, ScaleFont};
        let size = style.size;
        let line = self.fonts.layout(text, size, style.bold);
        let mut d = String::new();
        for g in &line.glyphs {
            let Some(font) = self.fonts.font(style.bold, g.face) else {
                continue;
            };
            let Some(outline) = font.outline(g.id) else {
                continue;
            };
            let scaled = font.as_scaled(self.fonts.scale(style.bold, g.face, size));
            let (kx, ky) = (scaled.h_scale_factor(), scaled.v_scale_factor());
            let at = |p: ab_glyph::Point| {
                format!(
                    "{} {}",
                    n(origin.0 + g.x + p.x * kx),
                    n(origin.1 + g.y - p.y * ky)
                )
            };
            let mut end: Option<ab_glyph::Point> = None;
            for curve in &outline.curves {
                let (start, tail) = match curve {
                    OutlineCurve::Line(a, b) => (*a, format!("L{}", at(*b))),
                    OutlineCurve::Quad(a, c, b) => (*a, format!("Q{} {}", at(*c), at(*b))),
                    OutlineCurve::Cubic(a, c1, c2, b) => {
                        (*a, format!("C{} {} {}", at(*c1), at(*c2), at(*b)))
                    }
                };
                if end != Some(start) {
                    if end.is_some() {
                        d.push('Z');
                    }
                    let _ = write!(d, "M{}", at(start));
                }
                d.push_str(&tail);
                end = Some(match curve {
                    OutlineCurve::Line(_, b)
                    | OutlineCurve::Quad(_, _, b)
                    | OutlineCurve::Cubic(_, _, _, b) => *b,
                });
            }
            if end.is_some() {
                d.push('Z');
            }
        }
        d
    }

    fn path_data(points: &[(f32, f32)], close: bool) -> String {
        let mut d = String::with_capacity(points.len() * 12);
        for (i, p) in points.iter().enumerate() {
            let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { "L" }, n(p.0), n(p.1));
        }
        if close {
            d.push('Z');
        }
        d
    }
    /// An open marker: its outline stroked in `color`, nothing filled (as the raster draws it,
    /// mitred corners and the stroke's outer edge at `size`).
    fn open_marker(&mut self, kind: MarkerKind, cx: f32, cy: f32, size: f32, color: Rgba) {
        let stroke = format!(
            r#"fill="none" {} stroke-width="{}""#,
            paint("stroke", color),
            n(open_stroke(size))
        );
        let _ = if kind.filled() == MarkerKind::Circle {
            let r = (size - open_stroke(size)) / 2.0;
            writeln!(
                self.body,
                r#"<circle cx="{}" cy="{}" r="{}" {stroke}/>"#,
                n(cx),
                n(cy),
                n(r)
            )
        } else {
            let pts: Vec<_> = open_marker_outline(kind, size)
                .into_iter()
                .map(|(x, y)| (x + cx, y + cy))
                .collect();
            writeln!(
                self.body,
                r#"<path d="{}" {stroke} stroke-linejoin="miter"/>"#,
                Self::path_data(&pts, true)
            )
        };
    }
}

impl Canvas for SvgCanvas {
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn fill_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgba) {
        let (l, t) = (x0.min(x1).round(), y0.min(y1).round());
        let (w, h) = (
            (x0.max(x1).round() - l).max(1.0),
            (y0.max(y1).round() - t).max(1.0),
        );
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {}/>"#,
            n(l),
            n(t),
            n(w),
            n(h),
            paint("fill", color)
        );
    }

    fn polyline(&mut self, points: &[(f32, f32)], stroke: &Stroke) {
        if points.len() < 2 || stroke.color.3 == 0 {
            return;
        }
        let dash = match &stroke.dash {
            Some(d) => format!(
                r#" stroke-dasharray="{}""#,
                d.iter().map(|v| n(*v)).collect::<Vec<_>>().join(" ")
            ),
            None => String::new(),
        };
        let cap = if stroke.dash.is_some() {
            "butt"
        } else {
            "round"
        };
        let _ = writeln!(
            self.body,
            r#"<path d="{}" fill="none" {} stroke-width="{}" stroke-linejoin="round" stroke-linecap="{cap}"{dash}/>"#,
            Self::path_data(points, false),
            paint("stroke", stroke.color),
            n(stroke.width)
        );
    }

    fn polygon(&mut self, points: &[(f32, f32)], fill: Rgba) {
        if points.len() < 3 || fill.3 == 0 {
            return;
        }
        let _ = writeln!(
            self.body,
            r#"<path d="{}" {}/>"#,
            Self::path_data(points, true),
            paint("fill", fill)
        );
    }

    fn marker(&mut self, kind: MarkerKind, cx: f32, cy: f32, size: f32, color: Rgba) {
        if color.3 == 0 {
            return;
        }
        if kind.is_open() {
            return self.open_marker(kind, cx, cy, size, color);
        }
        match kind {
            MarkerKind::Circle | MarkerKind::None => {
                let _ = writeln!(
                    self.body,
                    r#"<circle cx="{}" cy="{}" r="{}" {}/>"#,
                    n(cx),
                    n(cy),
                    n(size / 2.0),
                    paint("fill", color)
                );
            }
            _ => {
                let pts: Vec<_> = marker_outline(kind, size)
                    .into_iter()
                    .map(|(x, y)| (x + cx, y + cy))
                    .collect();
                self.polygon(&pts, color);
            }
        }
    }

    fn text_at_angle(&mut self, text: &str, x: f32, y: f32, style: &TextStyle, degrees: f32) {
        if degrees == 0.0 {
            return self.text(text, x, y, style);
        }
        // Written level, then turned about the anchor.
        let start = self.body.len();
        self.text(text, x, y, style);
        let lines = self.body.split_off(start);
        let turn = format!(r#" transform="rotate({} {} {})""#, n(-degrees), n(x), n(y));
        // Every element of the text (one per piece, and a PDF's outlines), each turned about
        // the same point: the attribute goes at the end of the start tag (`>` or `/>`).
        for line in lines.split_inclusive('\n') {
            let end = line.find('>').unwrap_or(line.len());
            let at = if line[..end].ends_with('/') {
                end - 1
            } else {
                end
            };
            self.body.push_str(&line[..at]);
            self.body.push_str(&turn);
            self.body.push_str(&line[at..]);
        }
    }

    fn text(&mut self, text: &str, x: f32, y: f32, style: &TextStyle) {
        // The viewer draws and shapes the text. Text that the first family cannot draw alone
        // is written as one element per piece, each naming its family (a compiled-in Noto
        // script, a font-folder font) at the place this renderer laid it out: viewers without
        // per-glyph fallback, and the PDF writer, then draw it as the raster does.
        let (pieces, width) = self.fonts.pieces_of(text, style.size, style.bold);
        if pieces.is_empty() {
            return;
        }
        let (ascent, descent) = self.fonts.metrics(style.size, style.bold);
        let height = ascent - descent;
        // The baseline's offset from the anchor, before rotation.
        let dy = match style.v {
            VAlign::Top => ascent,
            VAlign::Middle => ascent - height / 2.0,
            VAlign::Bottom => descent,
        };
        let anchor = match style.h {
            HAlign::Left => "start",
            HAlign::Center => "middle",
            HAlign::Right => "end",
        };
        let weight = if style.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let turns = style.quarter_turns % 4;
        let (bx, by) = match turns {
            0 => (x, y + dy),
            1 => (x + dy, y),
            2 => (x, y - dy),
            _ => (x - dy, y),
        };
        let rotate = match turns {
            0 => String::new(),
            t => format!(
                r#" transform="rotate({} {} {})""#,
                -90 * t as i32,
                n(bx),
                n(by)
            ),
        };
        if let [one] = pieces.as_slice() {
            if one.family.is_none() {
                let _ = writeln!(
                    self.body,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" {}{weight}{rotate}>{}</text>"#,
                    n(bx),
                    n(by),
                    n(self.fonts.em(style.bold, style.size)),
                    paint("fill", style.color),
                    escape(&one.text)
                );
                return;
            }
        }
        // Pieces start where the layout put them, along the baseline before rotation.
        let start = match style.h {
            HAlign::Left => 0.0,
            HAlign::Center => -width / 2.0,
            HAlign::Right => -width,
        };
        for piece in &pieces {
            // Before the rotation, which turns every piece about the same point.
            let (px, py) = (bx + start + piece.x, by);
            let outlined = self.outline_indic && piece.text.chars().any(indic);
            if outlined {
                let d = self.outlines(&piece.text, (px, py), style);
                let _ = writeln!(
                    self.body,
                    r#"<path d="{d}" {}{rotate}/>"#,
                    paint("fill", style.color)
                );
            }
            let fill = if outlined {
                r##"fill="#000000" fill-opacity="0""##.to_owned()
            } else {
                paint("fill", style.color)
            };
            let _ = writeln!(
                self.body,
                r#"<text x="{}" y="{}" font-size="{}" font-family="{}" xml:space="preserve" {}{weight}{rotate}>{}</text>"#,
                n(px),
                n(py),
                n(self.fonts.em(style.bold, style.size)),
                escape(&format!(
                    "'{}'",
                    piece.family.as_deref().unwrap_or(self.fonts.first_family())
                )),
                fill,
                escape(&piece.text)
            );
        }
    }
}
