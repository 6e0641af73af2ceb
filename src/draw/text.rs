//! Fonts compiled into the binary: DejaVu Sans regular and bold (Latin, Greek, Cyrillic and more).
//!
//! Nothing is read from the host, nothing is cached between renders: parsing an embedded
//! font is a table lookup, so each render makes its own [`Fonts`].

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The font files compiled in, for writers that embed fonts themselves (PDF).
pub fn embedded_font_files() -> [&'static [u8]; 2] {
    [REGULAR, BOLD]
}

/// The family name written into SVG, with fallbacks for viewers without DejaVu.
pub const SVG_FAMILY: &str = "'DejaVu Sans', Verdana, Arial, sans-serif";

#[derive(Clone)]
pub struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// A laid-out line of text: glyphs with their pen positions, and the line's extent.
pub struct Line {
    pub glyphs: Vec<(GlyphId, f32)>,
    pub width: f32,
    pub ascent: f32,
    pub descent: f32,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

impl Fonts {
    pub fn new() -> Fonts {
        Fonts {
            regular: FontRef::try_from_slice(REGULAR).expect("embedded DejaVuSans.ttf parses"),
            bold: FontRef::try_from_slice(BOLD).expect("embedded DejaVuSans-Bold.ttf parses"),
        }
    }

    pub fn font(&self, bold: bool) -> &FontRef<'static> {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Lays out one line (control characters are dropped) with kerning, in visual order:
    /// right-to-left runs (Hebrew, Arabic) are reordered by the Unicode bidi algorithm.
    pub fn layout(&self, text: &str, size: f32, bold: bool) -> Line {
        let font = self.font(bold).as_scaled(PxScale::from(size));
        let text = visual_order(text);
        let mut glyphs = Vec::with_capacity(text.len());
        let mut x = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        for ch in text.chars().filter(|c| !c.is_control()) {
            let id = font.glyph_id(ch);
            if let Some(p) = prev {
                x += font.kern(p, id);
            }
            glyphs.push((id, x));
            x += font.h_advance(id);
            prev = Some(id);
        }
        Line {
            glyphs,
            width: x,
            ascent: font.ascent(),
            descent: font.descent(),
        }
    }

    /// Width and height (ascent − descent) of one line of text.
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> (f32, f32) {
        let font = self.font(bold).as_scaled(PxScale::from(size));
        let mut w = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        for ch in text.chars().filter(|c| !c.is_control()) {
            let id = font.glyph_id(ch);
            if let Some(p) = prev {
                w += font.kern(p, id);
            }
            w += font.h_advance(id);
            prev = Some(id);
        }
        (w, font.ascent() - font.descent())
    }

    /// Ascent and (negative) descent at `size`.
    pub fn metrics(&self, size: f32, bold: bool) -> (f32, f32) {
        let f = self.font(bold).as_scaled(PxScale::from(size));
        (f.ascent(), f.descent())
    }
}

/// Truncates `text` with an ellipsis so that it fits in `max_width` pixels.
/// `text` in display order (UAX #9). Text without right-to-left characters is returned as is.
pub fn visual_order(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_bidi::{bidi_class, BidiClass, BidiInfo};
    if !text
        .chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let info = BidiInfo::new(text, None);
    let mut out = String::with_capacity(text.len());
    for para in &info.paragraphs {
        out.push_str(&info.reorder_line(para, para.range.clone()));
    }
    std::borrow::Cow::Owned(out)
}

pub fn fit(fonts: &Fonts, text: &str, size: f32, bold: bool, max_width: f32) -> String {
    if fonts.measure(text, size, bold).0 <= max_width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if fonts.measure(&candidate, size, bold).0 <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_greek_and_cyrillic() {
        let f = Fonts::new();
        for ch in ['α', 'Ω', 'Ж', 'я', 'é', 'ß', '€', '−'] {
            assert_ne!(f.regular.glyph_id(ch).0, 0, "missing glyph for {ch}");
            assert_ne!(f.bold.glyph_id(ch).0, 0, "missing bold glyph for {ch}");
        }
    }

    #[test]
    fn right_to_left_runs_are_reordered() {
        assert_eq!(visual_order("abc"), "abc");
        // Hebrew letters alef, bet, gimel read right to left: drawn gimel, bet, alef.
        assert_eq!(
            visual_order("x \u{5D0}\u{5D1}\u{5D2}"),
            "x \u{5D2}\u{5D1}\u{5D0}"
        );
    }

    #[test]
    fn measures_and_fits() {
        let f = Fonts::new();
        let (w, h) = f.measure("Hello", 12.0, false);
        assert!(w > 20.0 && w < 45.0 && h > 10.0 && h < 18.0, "{w} {h}");
        let short = fit(
            &f,
            "a very long legend entry that will not fit",
            12.0,
            false,
            60.0,
        );
        assert!(short.ends_with('…') && f.measure(&short, 12.0, false).0 <= 60.0);
    }
}
