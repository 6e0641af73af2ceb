//! Lossless WebP (VP8L, through the image-webp crate): the chart's exact pixels, as a PNG holds
//! them, in the format chat tools and browsers prefer. Opaque charts go as RGB, others as
//! straight RGBA.

use crate::budget::Budget;
use crate::draw::pixels::{opaque, rgba_to_rgb_in_place, unpremultiply_in_place};
use crate::error::{Error, Result};
use tiny_skia::Pixmap;

/// The WebP file of `pixmap` (consumed: its pixels are converted in place and its memory goes
/// back to the pool), with `description` (the chart's alt text) as XMP metadata when given.
pub fn encode(pixmap: Pixmap, description: Option<&str>, budget: &Budget) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let mut pixels = pixmap.take();
    let color = if opaque(&pixels) {
        rgba_to_rgb_in_place(&mut pixels);
        pixels.truncate(w as usize * h as usize * 3);
        image_webp::ColorType::Rgb8
    } else {
        unpremultiply_in_place(&mut pixels);
        image_webp::ColorType::Rgba8
    };
    budget.check("encoding WebP")?;
    let mut out = Vec::with_capacity(pixels.len() / 8);
    let mut encoder = image_webp::WebPEncoder::new(&mut out);
    if let Some(text) = description {
        encoder.set_xmp_metadata(crate::draw::accessible::xmp_description(text));
    }
    encoder
        .encode(&pixels, w, h, color)
        .map_err(|e| Error::internal(format!("WebP encoding failed: {e}")))?;
    crate::draw::buffer::give_back(pixels);
    budget.check("encoding WebP")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        for alpha in [255u8, 128] {
            let mut pm = Pixmap::new(37, 21).unwrap();
            for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
                // Premultiplied: no channel above alpha.
                let v = (i % 251) as u8;
                px.copy_from_slice(&[v.min(alpha), (i % 7) as u8, 9, alpha]);
            }
            let want = {
                let mut p = pm.data().to_vec();
                unpremultiply_in_place(&mut p);
                p
            };
            let bytes = encode(pm, Some("A chart"), &Budget::from_millis(10_000)).unwrap();
            assert!(
                bytes.windows(7).any(|w| w == b"A chart"),
                "the description is kept"
            );
            let mut d = image_webp::WebPDecoder::new(std::io::Cursor::new(&bytes)).unwrap();
            assert_eq!(d.dimensions(), (37, 21));
            let mut got = vec![0; d.output_buffer_size().unwrap()];
            d.read_image(&mut got).unwrap();
            let channels = got.len() / (37 * 21);
            assert_eq!(channels, if alpha == 255 { 3 } else { 4 });
            for (g, w) in got.chunks_exact(channels).zip(want.chunks_exact(4)) {
                assert_eq!(g, &w[..channels]);
            }
        }
    }
}
