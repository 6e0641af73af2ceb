//! Text on the raster. A line is laid out by [`Fonts::layout`], its glyphs rasterized once per
//! size and horizontal sub-pixel phase (cached in the canvas) and added into one horizontal strip
//! of coverage; the strip is turned by the style's quarter turns and blended at its anchor.

use super::{level16, Coverage, RasterCanvas, PHASES};
use crate::draw::text::{Fonts, Line};
use crate::draw::{HAlign, TextStyle, VAlign};
use ab_glyph::{Font, GlyphId};
use std::collections::HashMap;

/// Glyph coverage by boldness, face (its place in the chain), glyph, size in 1/16 pixel and
/// horizontal phase; looked up once per glyph drawn, so hashed with foldhash (SipHash was a
/// twentieth of a legend's text time).
pub(super) type GlyphCache =
    HashMap<(bool, u16, u16, u32, u8), Coverage, foldhash::fast::RandomState>;

/// Draws `text` anchored at (`x`, `y`) on `canvas`.
pub(super) fn draw_text(canvas: &mut RasterCanvas, text: &str, x: f32, y: f32, style: &TextStyle) {
    let line = canvas.fonts.layout(text, style.size, style.bold);
    if line.glyphs.is_empty() || style.color.3 == 0 {
        return;
    }
    let height = line.ascent - line.descent;
    // Rasterize the line horizontally into one mask, then blit it turned.
    let dx = match style.h {
        HAlign::Left => 0.0,
        HAlign::Center => -line.width / 2.0,
        HAlign::Right => -line.width,
    };
    let dy = match style.v {
        VAlign::Top => 0.0,
        VAlign::Middle => -height / 2.0,
        VAlign::Bottom => -height,
    };
    // Glyph phases are taken relative to the final position so unturned text stays crisp.
    let origin_frac = (x + dx) - (x + dx).floor();
    let strip = strip(canvas, &line, style, origin_frac);
    let (w, h) = (strip.width as f32, strip.height as f32);
    let cov = turned(strip, style.quarter_turns);
    // Where the strip's top-left corner (offset by the anchor) lands after turning.
    let (ax, ay) = (dx - 1.0, dy - 1.0);
    let (left, top) = match style.quarter_turns % 4 {
        0 => (x + ax, y + ay),
        1 => (x + ay, y - ax - w),
        2 => (x - ax - w, y - ay - h),
        _ => (x - ay - h, y + ax),
    };
    let (lx, ty) = if style.quarter_turns.is_multiple_of(4) {
        (left.floor(), top.round())
    } else {
        (left.round(), top.round())
    };
    RasterCanvas::blend(&mut canvas.pixmap, &cov, lx as i32, ty as i32, style.color);
}

// v2: label_angle
/// Draws `text` turned `degrees` counter-clockwise about its anchor at (`x`, `y`): the level
/// strip is resampled (bilinear, so edges stay anti-aliased) into the turned box.
pub(super) fn draw_text_at_angle(
    canvas: &mut RasterCanvas,
    text: &str,
    x: f32,
    y: f32,
    style: &TextStyle,
    degrees: f32,
) {
    let line = canvas.fonts.layout(text, style.size, style.bold);
    if line.glyphs.is_empty() || style.color.3 == 0 {
        return;
    }
    let height = line.ascent - line.descent;
    let au = 1.0
        + match style.h {
            HAlign::Left => 0.0,
            HAlign::Center => line.width / 2.0,
            HAlign::Right => line.width,
        };
    let av = 1.0
        + match style.v {
            VAlign::Top => 0.0,
            VAlign::Middle => height / 2.0,
            VAlign::Bottom => height,
        };
    let strip = strip(canvas, &line, style, 0.0);
    let cov = rotated(&strip, (au, av), (x, y), degrees.to_radians());
    RasterCanvas::blend(&mut canvas.pixmap, &cov, 0, 0, style.color);
}

/// `strip` turned by `theta` (counter-clockwise on screen) about its point `anchor`, which
/// lands at `at`: the coverage of each covered device pixel, sampled at its centre.
fn rotated(strip: &Coverage, anchor: (f32, f32), at: (f32, f32), theta: f32) -> Coverage {
    let (c, s) = (theta.cos(), theta.sin());
    let (w, h) = (strip.width as f32, strip.height as f32);
    // Screen position of strip point (u, v): at + R·((u, v) − anchor).
    let to_screen = |u: f32, v: f32| {
        let (du, dv) = (u - anchor.0, v - anchor.1);
        (at.0 + c * du + s * dv, at.1 - s * du + c * dv)
    };
    let corners = [
        to_screen(0.0, 0.0),
        to_screen(w, 0.0),
        to_screen(0.0, h),
        to_screen(w, h),
    ];
    let fold = |f: fn(f32, f32) -> f32, pick: fn(&(f32, f32)) -> f32, init: f32| {
        corners.iter().map(pick).fold(init, f)
    };
    let x0 = fold(f32::min, |p| p.0, f32::INFINITY).floor() as i32;
    let x1 = fold(f32::max, |p| p.0, f32::NEG_INFINITY).ceil() as i32;
    let y0 = fold(f32::min, |p| p.1, f32::INFINITY).floor() as i32;
    let y1 = fold(f32::max, |p| p.1, f32::NEG_INFINITY).ceil() as i32;
    let (cw, ch) = ((x1 - x0).max(0) as usize, (y1 - y0).max(0) as usize);
    let sample = |u: f32, v: f32| -> f32 {
        let get = |i: i32, j: i32| {
            if i < 0 || j < 0 || i >= strip.width as i32 || j >= strip.height as i32 {
                0.0
            } else {
                strip.data[j as usize * strip.width + i as usize] as f32
            }
        };
        let (fu, fv) = (u - 0.5, v - 0.5);
        let (i, j) = (fu.floor(), fv.floor());
        let (tu, tv) = (fu - i, fv - j);
        let (i, j) = (i as i32, j as i32);
        let top = get(i, j) * (1.0 - tu) + get(i + 1, j) * tu;
        let bottom = get(i, j + 1) * (1.0 - tu) + get(i + 1, j + 1) * tu;
        top * (1.0 - tv) + bottom * tv
    };
    let mut data = vec![0u8; cw * ch];
    for row in 0..ch {
        for col in 0..cw {
            let (dx, dy) = (
                (x0 + col as i32) as f32 + 0.5 - at.0,
                (y0 + row as i32) as f32 + 0.5 - at.1,
            );
            // The inverse turn: (du, dv) = Rᵀ·(dx, dy).
            let (u, v) = (anchor.0 + c * dx - s * dy, anchor.1 + s * dx + c * dy);
            data[row * cw + col] = sample(u, v).round().clamp(0.0, 255.0) as u8;
        }
    }
    Coverage {
        left: x0,
        top: y0,
        width: cw,
        height: ch,
        data,
    }
}

/// The coverage of `line` laid out horizontally, with a pixel of margin all round; its first
/// glyph's origin lies `origin_frac` past a whole pixel.
fn strip(canvas: &mut RasterCanvas, line: &Line, style: &TextStyle, origin_frac: f32) -> Coverage {
    let height = line.ascent - line.descent;
    let (w, h) = (line.width.ceil() as usize + 2, height.ceil() as usize + 2);
    let mut strip = vec![0u8; w * h];
    let baseline = line.ascent.round() as i32 + 1;
    for g in &line.glyphs {
        let pos = g.x + origin_frac;
        let ix = pos.floor();
        let phase = ((pos - ix) * PHASES).floor().min(PHASES - 1.0);
        let key = (
            style.bold,
            g.face,
            g.id.0,
            (style.size * 16.0) as u32,
            phase as u8,
        );
        let fonts = &canvas.fonts;
        let cov = canvas.glyphs.entry(key).or_insert_with(|| {
            glyph_mask(
                fonts,
                style.bold,
                (g.face, g.id),
                style.size,
                phase / PHASES,
            )
            .unwrap_or_else(Coverage::empty)
        });
        // Marks placed above or below their base by the shaper.
        let lift = g.y.round() as i32;
        // The glyph's columns that fall inside the strip, added a row slice at a time.
        let left = ix as i32 + 1 + cov.left;
        let (c0, c1) = ((-left).max(0), (w as i32 - left).min(cov.width as i32));
        if c0 >= c1 {
            continue;
        }
        let (c0, c1) = (c0 as usize, c1 as usize);
        let x0 = (left + c0 as i32) as usize;
        for row in 0..cov.height {
            let sy = baseline + lift + cov.top + row as i32;
            if sy < 0 || sy >= h as i32 {
                continue;
            }
            let from = &cov.data[row * cov.width + c0..row * cov.width + c1];
            let to = &mut strip[sy as usize * w + x0..][..from.len()];
            for (d, &c) in to.iter_mut().zip(from) {
                *d = d.saturating_add(c);
            }
        }
    }
    Coverage {
        left: 0,
        top: 0,
        width: w,
        height: h,
        data: strip,
    }
}

/// `strip` turned `quarter_turns` counter-clockwise: (u, v) in the strip lands at R·(u, v).
fn turned(strip: Coverage, quarter_turns: u8) -> Coverage {
    let (w, h) = (strip.width, strip.height);
    let (sw, sh) = match quarter_turns % 4 {
        0 | 2 => (w, h),
        _ => (h, w),
    };
    let mut turned = vec![0u8; sw * sh];
    for v in 0..h {
        for u in 0..w {
            let (tx, ty) = match quarter_turns % 4 {
                0 => (u, v),
                1 => (v, w - 1 - u),
                2 => (w - 1 - u, h - 1 - v),
                _ => (h - 1 - v, u),
            };
            turned[ty * sw + tx] = strip.data[v * w + u];
        }
    }
    Coverage {
        left: 0,
        top: 0,
        width: sw,
        height: sh,
        data: turned,
    }
}

/// The coverage of one glyph at `size` pixels whose origin lies `phase` past a whole pixel, in
/// sixteen levels; `None` when it has no outline (a space).
fn glyph_mask(
    fonts: &Fonts,
    bold: bool,
    (face, id): (u16, GlyphId),
    size: f32,
    phase: f32,
) -> Option<Coverage> {
    let font = fonts.font(bold, face)?;
    let glyph =
        id.with_scale_and_position(fonts.scale(bold, face, size), ab_glyph::point(phase, 0.0));
    let outlined = font.outline_glyph(glyph)?;
    let b = outlined.px_bounds();
    let (w, h) = (b.width() as usize, b.height() as usize);
    let mut data = vec![0u8; w * h];
    outlined.draw(|x, y, c| {
        let i = y as usize * w + x as usize;
        if i < data.len() {
            data[i] = level16(c);
        }
    });
    Some(Coverage {
        left: b.min.x as i32,
        top: b.min.y as i32,
        width: w,
        height: h,
        data,
    })
}
