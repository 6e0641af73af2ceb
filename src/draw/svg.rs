//! The SVG canvas: deterministic text, identical for identical input.
//!
//! Coordinates are written with at most two decimals. Text stays text (selectable, small); its
//! anchor and baseline are computed from the embedded font's metrics, so placement does not
//! depend on how a viewer interprets `dominant-baseline`.

use super::text::{Fonts, SVG_FAMILY};
use super::{marker_outline, Canvas, HAlign, Stroke, TextStyle, VAlign};
use crate::spec::color::Rgba;
use crate::spec::MarkerKind;
use std::fmt::Write;

pub struct SvgCanvas {
    width: u32,
    height: u32,
    fonts: Fonts,
    body: String,
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

    /// The finished document; v2: `root_attributes` (starting with a space) are added to the
    /// root element and `head` opens the body (the alt text, `crate::draw::accessible`).
    pub fn finish(self, root_attributes: &str, head: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{SVG_FAMILY}\"{root_attributes}>\n{head}{}</svg>\n",
            self.body,
            w = self.width,
            h = self.height
        )
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
        let line = self.body.split_off(start);
        let turn = format!(r#" transform="rotate({} {} {})">"#, n(-degrees), n(x), n(y));
        self.body.push_str(&line.replacen('>', &turn, 1));
    }

    fn text(&mut self, text: &str, x: f32, y: f32, style: &TextStyle) {
        let text = escape(text);
        if text.is_empty() {
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
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" {}{weight}{rotate}>{text}</text>"#,
            n(bx),
            n(by),
            n(style.size),
            paint("fill", style.color)
        );
    }
}
