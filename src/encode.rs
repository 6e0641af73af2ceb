//! Encoding a finished raster as PNG.
//!
//! Opaque images (the common case) are written as RGB, a quarter smaller before compression
//! than RGBA. Compression is png's fdeflate-based `Fast` mode with the `Up` filter... tuned by
//! the benchmarks in `benches/`. Rows go out in chunks with a budget check between chunks.

use crate::budget::Budget;
use crate::error::{Error, Result};
use std::io::Write;
use tiny_skia::Pixmap;

/// Rows per chunk between budget checks.
const ROWS_PER_CHUNK: usize = 128;

pub fn png(pixmap: &Pixmap, budget: &Budget) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let data = pixmap.data();
    let opaque = data.chunks_exact(4).all(|p| p[3] == 255);
    let mut out = Vec::with_capacity(w * h / 8 + 1024);
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(if opaque {
            png::ColorType::Rgb
        } else {
            png::ColorType::Rgba
        });
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        enc.set_filter(png::Filter::Adaptive);
        let mut writer = enc.write_header().map_err(png_err)?;
        let mut stream = writer.stream_writer().map_err(png_err)?;
        let channels = if opaque { 3 } else { 4 };
        let mut row_buf = vec![0u8; w * channels * ROWS_PER_CHUNK];
        for chunk_start in (0..h).step_by(ROWS_PER_CHUNK) {
            budget.check("encoding PNG")?;
            let rows = ROWS_PER_CHUNK.min(h - chunk_start);
            let src = &data[chunk_start * w * 4..(chunk_start + rows) * w * 4];
            let dst = &mut row_buf[..rows * w * channels];
            if opaque {
                for (d, s) in dst.chunks_exact_mut(3).zip(src.chunks_exact(4)) {
                    d.copy_from_slice(&s[..3]);
                }
            } else {
                for (d, s) in dst.chunks_exact_mut(4).zip(src.chunks_exact(4)) {
                    let a = s[3];
                    if a == 0 {
                        d.copy_from_slice(&[0, 0, 0, 0]);
                    } else {
                        // tiny-skia stores premultiplied colour; PNG wants straight.
                        let un =
                            |c: u8| ((c as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8;
                        d.copy_from_slice(&[un(s[0]), un(s[1]), un(s[2]), a]);
                    }
                }
            }
            stream
                .write_all(dst)
                .map_err(|e| Error::internal(format!("PNG encoding failed: {e}")))?;
        }
        stream.finish().map_err(png_err)?;
    }
    Ok(out)
}

fn png_err(e: png::EncodingError) -> Error {
    Error::internal(format!("PNG encoding failed: {e}"))
}
