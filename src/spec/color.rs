//! Colours: CSS parsing, the themes' palettes and the heatmap colormaps.

use crate::spec::{Colormap, ThemeName};

/// A straight (not premultiplied) 8-bit RGBA colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// Parses a CSS colour: `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `hsl()`, a name, `transparent`.
    pub fn parse(s: &str) -> Option<Rgba> {
        let c = csscolorparser::parse(s.trim()).ok()?;
        let [r, g, b, a] = c.to_rgba8();
        Some(Rgba(r, g, b, a))
    }

    pub fn from_hex(hex: u32) -> Rgba {
        Rgba((hex >> 16) as u8, (hex >> 8) as u8, hex as u8, 255)
    }

    pub fn with_alpha(self, alpha: f64) -> Rgba {
        Rgba(
            self.0,
            self.1,
            self.2,
            (self.3 as f64 * alpha.clamp(0.0, 1.0)).round() as u8,
        )
    }

    pub fn is_opaque(self) -> bool {
        self.3 == 255
    }

    /// `#rrggbb` (with `aa` when not opaque), for SVG.
    pub fn to_hex(self) -> String {
        if self.3 == 255 {
            format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
        } else {
            format!("#{:02x}{:02x}{:02x}{:02x}", self.0, self.1, self.2, self.3)
        }
    }

    /// Relative luminance, to pick a readable text colour on top of this one.
    pub fn luminance(self) -> f64 {
        (0.2126 * self.0 as f64 + 0.7152 * self.1 as f64 + 0.0722 * self.2 as f64) / 255.0
    }
}

/// The colours of a theme: background, ink for text and axes, grid, and the series palette.
#[derive(Debug, Clone)]
pub struct Theme {
    pub background: Rgba,
    pub text: Rgba,
    pub axis: Rgba,
    pub grid: Rgba,
    pub legend_background: Rgba,
    pub legend_border: Rgba,
    pub palette: Palette,
}

/// v2: the colours series take in turn: a theme's, or the spec's `palette`
/// (`crate::spec::palette` holds the named ones).
#[derive(Debug, Clone, PartialEq)]
pub enum Palette {
    /// A built-in palette, `0xrrggbb` each.
    Hex(&'static [u32]),
    /// The colours a spec listed.
    Custom(Vec<Rgba>),
}

impl Palette {
    /// The colour of the `index`th series without one of its own (wrapping around).
    pub fn color(&self, index: usize) -> Rgba {
        match self {
            Palette::Hex(p) => Rgba::from_hex(p[index % p.len()]),
            Palette::Custom(c) => c[index % c.len()],
        }
    }
}

/// matplotlib's tab10: familiar, and tuned for telling series apart.
const TAB10: [u32; 10] = [
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf,
];
/// tab10 lifted for a dark background.
const TAB10_BRIGHT: [u32; 10] = [
    0x4c9be8, 0xffa04d, 0x4cc94c, 0xff5c5c, 0xb48ee0, 0xc08a78, 0xf49bd6, 0xb0b0b0, 0xdcdc48,
    0x3fd7e6,
];

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme {
                background: Rgba(255, 255, 255, 255),
                text: Rgba(0x22, 0x22, 0x22, 255),
                axis: Rgba(0x33, 0x33, 0x33, 255),
                grid: Rgba(0xe3, 0xe3, 0xe3, 255),
                legend_background: Rgba(255, 255, 255, 224),
                legend_border: Rgba(0xcc, 0xcc, 0xcc, 255),
                palette: Palette::Hex(&TAB10),
            },
            ThemeName::Dark => Theme {
                background: Rgba(0x1e, 0x1e, 0x1e, 255),
                text: Rgba(0xe6, 0xe6, 0xe6, 255),
                axis: Rgba(0xbb, 0xbb, 0xbb, 255),
                grid: Rgba(0x3a, 0x3a, 0x3a, 255),
                legend_background: Rgba(0x26, 0x26, 0x26, 224),
                legend_border: Rgba(0x55, 0x55, 0x55, 255),
                palette: Palette::Hex(&TAB10_BRIGHT),
            },
        }
    }

    pub fn series_color(&self, index: usize) -> Rgba {
        self.palette.color(index)
    }
}

/// Distinct colours a colormap yields. matplotlib's colormaps have 256; a few less leaves room
/// for the axes, text and colorbar in a 256-colour palette PNG, which is a third of the bytes to
/// compress. Steps of 0.5 % of the range are not visible.
pub const COLORMAP_LEVELS: f64 = 200.0;

/// Maps `t` in 0..=1 to the colormap's colour, one of [`COLORMAP_LEVELS`].
pub fn colormap(map: Colormap, t: f64) -> Rgba {
    let g = match map {
        Colormap::Viridis => colorous::VIRIDIS,
        Colormap::Magma => colorous::MAGMA,
        Colormap::Inferno => colorous::INFERNO,
        Colormap::Plasma => colorous::PLASMA,
        Colormap::Cividis => colorous::CIVIDIS,
        Colormap::Turbo => colorous::TURBO,
        Colormap::Greys => colorous::GREYS,
        Colormap::Blues => colorous::BLUES,
        Colormap::Reds => colorous::REDS,
        Colormap::Rdbu => colorous::RED_BLUE,
        Colormap::Ylgnbu => colorous::YELLOW_GREEN_BLUE,
    };
    let t = (t.clamp(0.0, 1.0) * (COLORMAP_LEVELS - 1.0)).round() / (COLORMAP_LEVELS - 1.0);
    let c = g.eval_continuous(t);
    Rgba(c.r, c.g, c.b, 255)
}

/// A colormap's [`COLORMAP_LEVELS`] colours, evaluated once: a 100×100 heatmap then costs
/// 10,000 lookups instead of 10,000 spline evaluations. Same colours as [`colormap`].
pub struct ColormapTable(Vec<Rgba>);

impl ColormapTable {
    pub fn new(map: Colormap) -> ColormapTable {
        let n = COLORMAP_LEVELS as usize;
        ColormapTable(
            (0..n)
                .map(|i| colormap(map, i as f64 / (n - 1) as f64))
                .collect(),
        )
    }

    /// The colour at `t` in 0..=1.
    pub fn at(&self, t: f64) -> Rgba {
        let i = (t.clamp(0.0, 1.0) * (COLORMAP_LEVELS - 1.0)).round() as usize;
        self.0[i.min(self.0.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_css_forms() {
        assert_eq!(Rgba::parse("#fff"), Some(Rgba(255, 255, 255, 255)));
        assert_eq!(Rgba::parse("#11223344"), Some(Rgba(0x11, 0x22, 0x33, 0x44)));
        assert_eq!(Rgba::parse("steelblue"), Some(Rgba(70, 130, 180, 255)));
        assert_eq!(Rgba::parse("transparent").map(|c| c.3), Some(0));
        assert_eq!(Rgba::parse("#ggg"), None);
        assert_eq!(Rgba::parse("notacolour"), None);
    }

    #[test]
    fn colormap_ends() {
        assert_eq!(colormap(Colormap::Viridis, 0.0), Rgba(68, 1, 84, 255));
        assert_ne!(
            colormap(Colormap::Viridis, 1.0),
            colormap(Colormap::Viridis, 0.0)
        );
    }

    #[test]
    fn colormap_table_matches_and_has_at_most_the_levels() {
        let table = ColormapTable::new(Colormap::Turbo);
        let mut seen = std::collections::HashSet::new();
        for i in 0..=10_000 {
            let t = i as f64 / 10_000.0;
            assert_eq!(table.at(t), colormap(Colormap::Turbo, t), "t = {t}");
            seen.insert(table.at(t));
        }
        assert!(seen.len() <= COLORMAP_LEVELS as usize);
        assert_eq!(table.at(-1.0), colormap(Colormap::Turbo, 0.0));
        assert_eq!(table.at(f64::NAN), table.at(0.0));
    }
}
