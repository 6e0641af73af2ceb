//! Encoding a finished raster as PNG.
//!
//! Most charts have at most 256 distinct colours (flat fills, anti-aliasing in 16 levels) and are
//! written as palette images: a third of the bytes to compress, and smaller than matplotlib's
//! files. Others are written as RGB when opaque (a quarter less than RGBA), or RGBA.
//!
//! The png crate writes the container; the image data is filtered (`Up`, the best speed/size
//! trade on R1–R7 in `chartfn bench`) and deflated here, in large blocks: png's own row-by-row
//! path calls the compressor twice per row, and each call zeroes a 32 KiB buffer, which cost
//! more than the compression itself. Small images use zlib level 1, large ones fdeflate (several
//! times faster). The budget is checked between blocks.

use crate::budget::Budget;
use crate::error::{Error, Result};
use std::io::Write;
use tiny_skia::Pixmap;

/// Bytes of filtered data compressed between budget checks.
const BLOCK: usize = 1 << 20;
/// Above this many pixels, fdeflate's speed matters more than zlib's smaller output.
const FAST_ABOVE_PIXELS: usize = 2_000_000;

pub fn png(pixmap: &Pixmap, budget: &Budget) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let (color, palette, alpha, channels, raw) = match palettize(pixmap, budget)? {
        Some(ix) => (
            png::ColorType::Indexed,
            Some(ix.palette),
            ix.alpha,
            1,
            ix.indices,
        ),
        None => {
            let data = pixmap.data();
            let opaque = data.chunks_exact(4).all(|p| p[3] == 255);
            if opaque {
                let mut rgb = vec![0u8; w * h * 3];
                rgba_to_rgb(data, &mut rgb);
                (png::ColorType::Rgb, None, None, 3, rgb)
            } else {
                (png::ColorType::Rgba, None, None, 4, unpremultiply(data))
            }
        }
    };
    budget.check("encoding PNG")?;
    let filtered = filter_up(&raw, w * channels, budget)?;
    drop(raw);
    let zlib = deflate(&filtered, w * h > FAST_ABOVE_PIXELS, budget)?;

    let mut out = Vec::with_capacity(zlib.len() + 1024);
    let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    if let Some(p) = palette {
        enc.set_palette(p);
    }
    if let Some(a) = alpha {
        enc.set_trns(a);
    }
    let mut writer = enc.write_header().map_err(png_err)?;
    for chunk in zlib.chunks(1 << 30) {
        writer
            .write_chunk(png::chunk::IDAT, chunk)
            .map_err(png_err)?;
    }
    writer.finish().map_err(png_err)?;
    Ok(out)
}

/// Prefixes each row with filter type 2 (`Up`) and stores its difference from the row above.
fn filter_up(raw: &[u8], row_len: usize, budget: &Budget) -> Result<Vec<u8>> {
    let rows = raw.len() / row_len;
    let mut out = Vec::with_capacity(rows * (row_len + 1));
    for y in 0..rows {
        if y % 256 == 255 {
            budget.check("encoding PNG")?;
        }
        out.push(2);
        let cur = &raw[y * row_len..(y + 1) * row_len];
        if y == 0 {
            out.extend_from_slice(cur);
        } else {
            let prev = &raw[(y - 1) * row_len..y * row_len];
            // Equal-length slices indexed together: the compiler turns this into SIMD.
            out.extend(cur.iter().zip(prev).map(|(&c, &p)| c.wrapping_sub(p)));
        }
    }
    Ok(out)
}

/// zlib-wraps `data`, in blocks with a budget check between them.
fn deflate(data: &[u8], fast: bool, budget: &Budget) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::internal(format!("PNG compression failed: {e}"));
    if fast {
        let mut c = fdeflate::Compressor::new(Vec::with_capacity(data.len() / 8)).map_err(io)?;
        for block in data.chunks(BLOCK) {
            budget.check("encoding PNG")?;
            c.write_data(block).map_err(io)?;
        }
        c.finish().map_err(io)
    } else {
        let mut z = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(data.len() / 8),
            flate2::Compression::new(1),
        );
        for block in data.chunks(BLOCK) {
            budget.check("encoding PNG")?;
            z.write_all(block).map_err(io)?;
        }
        z.finish().map_err(io)
    }
}

/// An image of at most 256 distinct colours, as palette indices.
struct Indexed {
    /// Straight RGB per entry.
    palette: Vec<u8>,
    /// Alpha per entry; `None` when every entry is opaque.
    alpha: Option<Vec<u8>>,
    indices: Vec<u8>,
}

/// Collects the distinct colours; `None` as soon as there are more than 256.
fn palettize(pixmap: &Pixmap, budget: &Budget) -> Result<Option<Indexed>> {
    const SLOTS: usize = 1024;
    const EMPTY: u32 = 0x0000_0001; // premultiplied pixels never have alpha 0 with colour 1
    let mut keys = [EMPTY; SLOTS];
    let mut vals = [0u8; SLOTS];
    let mut colors: Vec<u32> = Vec::with_capacity(256);
    let pixels = pixmap.data().as_chunks::<4>().0;
    let mut indices = vec![0u8; pixels.len()];
    let (mut prev, mut prev_idx) = (EMPTY, 0u8);
    // Charts are mostly runs of one colour: eight pixels equal to the last one are copied in one
    // step; only changes go to the hash table.
    let mut lookup = |key: u32, prev: &mut u32, prev_idx: &mut u8| -> bool {
        if key == *prev {
            return true;
        }
        let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        loop {
            if keys[slot] == key {
                *prev_idx = vals[slot];
                break;
            }
            if keys[slot] == EMPTY {
                if colors.len() == 256 {
                    return false;
                }
                keys[slot] = key;
                vals[slot] = colors.len() as u8;
                *prev_idx = colors.len() as u8;
                colors.push(key);
                break;
            }
            slot = (slot + 1) % SLOTS;
        }
        *prev = key;
        true
    };
    let (blocks, rest) = pixels.as_chunks::<8>();
    let (out_blocks, out_rest) = indices.as_chunks_mut::<8>();
    for (n, (pc, oc)) in blocks.iter().zip(out_blocks.iter_mut()).enumerate() {
        if n % (1 << 15) == 0 {
            budget.check("encoding PNG")?;
        }
        if pc.iter().all(|p| u32::from_ne_bytes(*p) == prev) {
            *oc = [prev_idx; 8];
            continue;
        }
        for (p, out) in pc.iter().zip(oc.iter_mut()) {
            if !lookup(u32::from_ne_bytes(*p), &mut prev, &mut prev_idx) {
                return Ok(None);
            }
            *out = prev_idx;
        }
    }
    for (p, out) in rest.iter().zip(out_rest.iter_mut()) {
        if !lookup(u32::from_ne_bytes(*p), &mut prev, &mut prev_idx) {
            return Ok(None);
        }
        *out = prev_idx;
    }
    let mut palette = Vec::with_capacity(colors.len() * 3);
    let mut alpha = Vec::with_capacity(colors.len());
    for c in &colors {
        let [r, g, b, a] = c.to_ne_bytes();
        palette.extend_from_slice(&[unpremul(r, a), unpremul(g, a), unpremul(b, a)]);
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

/// tiny-skia stores premultiplied colour; PNG wants straight.
fn unpremul(c: u8, a: u8) -> u8 {
    if a == 0 {
        0
    } else {
        ((c as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8
    }
}

fn unpremultiply(src: &[u8]) -> Vec<u8> {
    src.chunks_exact(4)
        .flat_map(|s| {
            [
                unpremul(s[0], s[3]),
                unpremul(s[1], s[3]),
                unpremul(s[2], s[3]),
                s[3],
            ]
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_filter_round_trips_through_a_decoder() {
        let mut pm = Pixmap::new(37, 23).unwrap();
        pm.fill(tiny_skia::Color::from_rgba8(10, 20, 30, 255));
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            // 851 distinct colours: the RGB path.
            px[0] = (i % 256) as u8;
            px[1] = (i / 256) as u8;
        }
        let bytes = png(&pm, &Budget::from_millis(10_000)).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        for (i, px) in buf.chunks_exact(3).enumerate() {
            assert_eq!(px, [(i % 256) as u8, (i / 256) as u8, 30]);
        }
    }
}
