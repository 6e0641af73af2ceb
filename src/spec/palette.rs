//! v2: series palettes — the named ones and lists of CSS colours.
//!
//! A palette gives the colours of the series (and pie slices) that set none, in order, starting
//! again after the last. `tab10` is v1's palette and stays the theme's own (lifted for the dark
//! theme); the others are used as published, in both themes.

use crate::spec::color::Palette;
use crate::spec::{PaletteName, PaletteSpec};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// The names `palette` takes, as written in a spec.
const NAMES: [(&str, PaletteName); 6] = [
    ("tab10", PaletteName::Tab10),
    ("okabe-ito", PaletteName::OkabeIto),
    ("tableau10", PaletteName::Tableau10),
    ("set2", PaletteName::Set2),
    ("dark2", PaletteName::Dark2),
    ("paired", PaletteName::Paired),
];

/// A name or a list of colour strings; anything else is an error that lists the names (an
/// untagged enum would only say that no variant matched).
impl<'de> serde::Deserialize<'de> for PaletteSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PaletteVisitor;
        impl<'de> Visitor<'de> for PaletteVisitor {
            type Value = PaletteSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a palette name (tab10, okabe-ito, tableau10, set2, dark2, paired) or a list of colours")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PaletteSpec, E> {
                match NAMES.iter().find(|(n, _)| *n == v) {
                    Some((_, name)) => Ok(PaletteSpec::Named(*name)),
                    None => Err(E::custom(format!(
                        "unknown palette {:?}; use tab10, okabe-ito, tableau10, set2, dark2, paired or a list of colours",
                        v.chars().take(40).collect::<String>()
                    ))),
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PaletteSpec, A::Error> {
                let mut colors = Vec::new();
                while let Some(c) = seq.next_element::<String>()? {
                    colors.push(c);
                }
                Ok(PaletteSpec::Colors(colors))
            }
        }
        d.deserialize_any(PaletteVisitor)
    }
}

/// The named palette; `tab10` is the theme's own, `theme_tab10`.
pub fn named(name: PaletteName, theme_tab10: &Palette) -> Palette {
    match name {
        PaletteName::Tab10 => theme_tab10.clone(),
        PaletteName::OkabeIto => Palette::Hex(&OKABE_ITO),
        PaletteName::Tableau10 => Palette::Hex(&TABLEAU10),
        PaletteName::Set2 => Palette::Hex(&SET2),
        PaletteName::Dark2 => Palette::Hex(&DARK2),
        PaletteName::Paired => Palette::Hex(&PAIRED),
    }
}

/// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
/// colour blindness. In the order Wilke's *Fundamentals of Data Visualization* (and R's
/// ggokabeito) use: orange first, black last, so that the first series are the vivid ones.
const OKABE_ITO: [u32; 8] = [
    0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7, 0x000000,
];

/// Tableau 10, the palette Tableau introduced with version 10 (2016), as Tableau publishes it.
const TABLEAU10: [u32; 10] = [
    0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f,
    0xbab0ac,
];

/// ColorBrewer Set2 (Cynthia Brewer), as in matplotlib.
const SET2: [u32; 8] = [
    0x66c2a5, 0xfc8d62, 0x8da0cb, 0xe78ac3, 0xa6d854, 0xffd92f, 0xe5c494, 0xb3b3b3,
];

/// ColorBrewer Dark2, as in matplotlib.
const DARK2: [u32; 8] = [
    0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02, 0xa6761d, 0x666666,
];

/// ColorBrewer Paired, as in matplotlib: light and dark pairs of six hues.
const PAIRED: [u32; 12] = [
    0xa6cee3, 0x1f78b4, 0xb2df8a, 0x33a02c, 0xfb9a99, 0xe31a1c, 0xfdbf6f, 0xff7f00, 0xcab2d6,
    0x6a3d9a, 0xffff99, 0xb15928,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::color::Rgba;

    #[test]
    fn named_palettes_start_as_published_and_wrap() {
        let tab = Palette::Hex(&[0x1f77b4]);
        let c = |n, i| named(n, &tab).color(i);
        assert_eq!(c(PaletteName::OkabeIto, 0), Rgba(0xe6, 0x9f, 0x00, 255));
        assert_eq!(c(PaletteName::OkabeIto, 7), Rgba(0, 0, 0, 255));
        assert_eq!(c(PaletteName::OkabeIto, 8), c(PaletteName::OkabeIto, 0));
        assert_eq!(c(PaletteName::Tableau10, 1), Rgba(0xf2, 0x8e, 0x2b, 255));
        assert_eq!(c(PaletteName::Set2, 0), Rgba(0x66, 0xc2, 0xa5, 255));
        assert_eq!(c(PaletteName::Dark2, 1), Rgba(0xd9, 0x5f, 0x02, 255));
        assert_eq!(c(PaletteName::Paired, 11), Rgba(0xb1, 0x59, 0x28, 255));
        assert_eq!(named(PaletteName::Tab10, &tab), tab);
    }

    #[test]
    fn names_read_as_written_and_errors_list_them() {
        for (text, name) in NAMES {
            let spec: PaletteSpec = serde_json::from_str(&format!("{text:?}")).unwrap();
            assert_eq!(spec, PaletteSpec::Named(name));
            // The schema's names (serde's kebab-case) are the same.
            assert_eq!(serde_json::to_value(name).unwrap(), text);
        }
        let e = serde_json::from_str::<PaletteSpec>(r#""rainbow""#).unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown palette \"rainbow\"; use tab10"),
            "{e}"
        );
        let e = serde_json::from_str::<PaletteSpec>("3").unwrap_err();
        assert!(e.to_string().contains("a palette name"), "{e}");
        let e = serde_json::from_str::<PaletteSpec>(r##"["#fff", 3]"##).unwrap_err();
        assert!(e.to_string().contains("expected a string"), "{e}");
    }

    #[test]
    fn custom_palettes_wrap_around() {
        let p = Palette::Custom(vec![Rgba(1, 2, 3, 255), Rgba(4, 5, 6, 128)]);
        assert_eq!(p.color(0), Rgba(1, 2, 3, 255));
        assert_eq!(p.color(3), Rgba(4, 5, 6, 128));
    }
}
