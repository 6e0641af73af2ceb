//! Encoding a finished raster as PNG.
//!
//! Most charts have at most 256 distinct colours (flat fills, anti-aliasing in 16 levels) and are
//! written as palette images: a third of the bytes to compress, and smaller than matplotlib's
//! files. Others are written as RGB when opaque (a quarter less than RGBA), or RGBA. Filter `Up`
//! with deflate level 1 was the best speed/size trade on R1–R7 (`chartfn bench`). Rows go out
//! in chunks with a budget check between chunks.

use crate::budget::Budget;
use crate::error::{Error, Result};
use std::io::Write;
use tiny_skia::Pixmap;

/// Rows per chunk between budget checks.
const ROWS_PER_CHUNK: usize = 128;

pub fn png(pixmap: &Pixmap, budget: &Budget) -> Result<Vec<u8>> {
    if let Some(indexed) = palettize(pixmap, budget)? {
        return write_indexed(pixmap, &indexed, budget);
    }
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
        enc.set_deflate_compression(png::DeflateCompression::Level(1));
        enc.set_filter(png::Filter::Up);
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
                rgba_to_rgb(src, dst);
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

/// An image of at most 256 distinct colours, as palette indices.
struct Indexed {
    /// Straight RGB per entry.
    palette: Vec<u8>,
    /// Alpha per entry; `None` when every entry is opaque.
    alpha: Option<Vec<u8>>,
    indices: Vec<u8>,
}

/// Collects the distinct colours; `None` as soon as there are more than 256. Charts are mostly
/// flat colour with anti-aliased edges at 16 coverage levels, so most fit, and a palette image
/// is a third of the bytes to compress and much smaller on the wire.
fn palettize(pixmap: &Pixmap, budget: &Budget) -> Result<Option<Indexed>> {
    const SLOTS: usize = 1024;
    const EMPTY: u32 = 0x0000_0001; // premultiplied pixels never have alpha 0 with colour 1
    let mut keys = [EMPTY; SLOTS];
    let mut vals = [0u8; SLOTS];
    let mut colors: Vec<u32> = Vec::with_capacity(256);
    let pixels = pixmap.pixels();
    let mut indices = Vec::with_capacity(pixels.len());
    let (mut prev, mut prev_idx) = (EMPTY, 0u8);
    for (i, p) in pixels.iter().enumerate() {
        if i % (1 << 18) == 0 {
            budget.check("encoding PNG")?;
        }
        let key = u32::from_ne_bytes([p.red(), p.green(), p.blue(), p.alpha()]);
        if key != prev {
            let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
            loop {
                if keys[slot] == key {
                    prev_idx = vals[slot];
                    break;
                }
                if keys[slot] == EMPTY {
                    if colors.len() == 256 {
                        return Ok(None);
                    }
                    keys[slot] = key;
                    vals[slot] = colors.len() as u8;
                    prev_idx = colors.len() as u8;
                    colors.push(key);
                    break;
                }
                slot = (slot + 1) % SLOTS;
            }
            prev = key;
        }
        indices.push(prev_idx);
    }
    let mut palette = Vec::with_capacity(colors.len() * 3);
    let mut alpha = Vec::with_capacity(colors.len());
    for c in &colors {
        let [r, g, b, a] = c.to_ne_bytes();
        let un = |v: u8| {
            if a == 0 {
                0
            } else {
                ((v as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8
            }
        };
        palette.extend_from_slice(&[un(r), un(g), un(b)]);
        alpha.push(a);
    }
    let alpha = if alpha.iter().all(|&a| a == 255) {
        None
    } else {
        Some(alpha)
    };
    Ok(Some(Indexed {
        palette,
        alpha,
        indices,
    }))
}

fn write_indexed(pixmap: &Pixmap, img: &Indexed, budget: &Budget) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let mut out = Vec::with_capacity(w * h / 16 + 1024);
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_palette(img.palette.clone());
        if let Some(a) = &img.alpha {
            enc.set_trns(a.clone());
        }
        // Level 1 is a third smaller than fdeflate for small images; past a few megapixels
        // fdeflate's speed matters more (measured with `chartfn bench` on R1–R7).
        enc.set_deflate_compression(if w * h > 2_000_000 {
            png::DeflateCompression::FdeflateUltraFast
        } else {
            png::DeflateCompression::Level(1)
        });
        enc.set_filter(png::Filter::Up);
        let mut writer = enc.write_header().map_err(png_err)?;
        let mut stream = writer.stream_writer().map_err(png_err)?;
        for chunk in img.indices.chunks(w * ROWS_PER_CHUNK * 4) {
            budget.check("encoding PNG")?;
            stream
                .write_all(chunk)
                .map_err(|e| Error::internal(format!("PNG encoding failed: {e}")))?;
        }
        stream.finish().map_err(png_err)?;
    }
    Ok(out)
}

/// Drops the alpha byte. Written over fixed-size arrays so the compiler can vectorize it.
fn rgba_to_rgb(src: &[u8], dst: &mut [u8]) {
    let (src_blocks, src_rest) = src.as_chunks::<16>();
    let (dst_blocks, dst_rest) = dst.as_chunks_mut::<12>();
    for (s, d) in src_blocks.iter().zip(dst_blocks.iter_mut()) {
        for i in 0..4 {
            d[i * 3] = s[i * 4];
            d[i * 3 + 1] = s[i * 4 + 1];
            d[i * 3 + 2] = s[i * 4 + 2];
        }
    }
    for (s, d) in src_rest.chunks_exact(4).zip(dst_rest.chunks_exact_mut(3)) {
        d.copy_from_slice(&s[..3]);
    }
}

fn png_err(e: png::EncodingError) -> Error {
    Error::internal(format!("PNG encoding failed: {e}"))
}
