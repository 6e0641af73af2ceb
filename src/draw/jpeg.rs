//! JPEG (through the jpeg-encoder crate) at a `quality` (90 unless the spec says), for tools
//! that take nothing else. JPEG has no transparency: a transparent chart is flattened onto its
//! theme's background first.

use crate::budget::Budget;
use crate::draw::pixels::flatten_to_rgb_in_place;
use crate::error::{Error, Result};
use crate::spec::color::Rgba;
use tiny_skia::Pixmap;

/// The quality when the spec gives none: small files with no visible loss on charts' flat
/// colours and text.
pub const DEFAULT_QUALITY: u8 = 90;

/// The JPEG file of `pixmap` (consumed), flattened onto `background`, with `description` (the
/// chart's alt text) as XMP metadata when given.
pub fn encode(
    pixmap: Pixmap,
    (background, quality): (Rgba, u8),
    description: Option<&str>,
    budget: &Budget,
) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(Error::internal("a JPEG is at most 65,535 pixels a side"));
    };
    let mut pixels = pixmap.take();
    flatten_to_rgb_in_place(&mut pixels, [background.0, background.1, background.2]);
    budget.check("encoding JPEG")?;
    let mut out = Vec::with_capacity(pixels.len() / 16);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    if let Some(text) = description {
        let mut segment = crate::draw::accessible::JPEG_XMP_ID.to_vec();
        segment.extend(crate::draw::accessible::xmp_description(text));
        encoder
            .add_app_segment(1, &segment)
            .map_err(|e| Error::internal(format!("JPEG metadata failed: {e}")))?;
    }
    encoder
        .encode(
            &pixels[..w as usize * h as usize * 3],
            w16,
            h16,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| Error::internal(format!("JPEG encoding failed: {e}")))?;
    crate::draw::buffer::give_back(pixels);
    budget.check("encoding JPEG")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_at_its_size_and_flattens_transparency() {
        let mut pm = Pixmap::new(64, 40).unwrap();
        // Left half opaque dark blue, right half clear.
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            if i % 64 < 32 {
                px.copy_from_slice(&[20, 40, 120, 255]);
            }
        }
        let bytes = encode(
            pm,
            (Rgba(255, 255, 255, 255), 90),
            Some("A chart"),
            &Budget::from_millis(10_000),
        )
        .unwrap();
        assert!(
            bytes.windows(7).any(|w| w == b"A chart"),
            "the description is kept"
        );
        let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(&bytes));
        let px = d.decode().unwrap();
        let info = d.info().unwrap();
        assert_eq!((info.width, info.height), (64, 40));
        let at = |x: usize, y: usize| &px[(y * 64 + x) * 3..(y * 64 + x) * 3 + 3];
        let near = |a: &[u8], b: [u8; 3]| a.iter().zip(b).all(|(&p, q)| p.abs_diff(q) <= 8);
        assert!(near(at(8, 20), [20, 40, 120]), "{:?}", at(8, 20));
        assert!(near(at(56, 20), [255, 255, 255]), "{:?}", at(56, 20));
    }
}
