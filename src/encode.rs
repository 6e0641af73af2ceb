//! Encoding a finished raster as PNG.
//!
//! Most charts have at most 256 distinct colours (flat fills, anti-aliasing in 16 levels) and are
//! written as palette images: a third of the bytes to compress, and smaller than matplotlib's
//! files. Others are written as RGB when opaque (a quarter less than RGBA), or RGBA.
//!
//! The png crate writes the container; the image data is filtered (`Up`, the best speed/size
//! trade on R1–R7 in `chartfn bench`) and deflated here, in large blocks: png's own row-by-row
//! path calls the compressor twice per row, and each call zeroes a 32 KiB buffer, which cost
//! more than the compression itself. Filtering and compressing go a block of rows at a time (no
//! second full-size buffer), with a budget check between blocks. Large palette images use
//! fdeflate (several times faster); the rest zlib level 1, in two halves on two threads when
//! there are two cores (joined into one stream, see [`deflate_parallel`]).

use crate::budget::Budget;
use crate::error::{Error, Result};
use tiny_skia::Pixmap;

/// Bytes of filtered data compressed between budget checks.
const BLOCK: usize = 1 << 20;
/// Above this many pixels, a palette image goes to fdeflate: several times faster than zlib,
/// and what it loses in size matters less than the time on big images.
const FAST_ABOVE_PIXELS: usize = 2_000_000;
/// Below this many bytes of image data, a second thread costs more than it saves.
const PARALLEL_ABOVE_BYTES: usize = 384 * 1024;

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
                let mut rgb = crate::draw::buffer::zeroed(w * h * 3);
                rgba_to_rgb(data, &mut rgb);
                (png::ColorType::Rgb, None, None, 3, rgb)
            } else {
                (png::ColorType::Rgba, None, None, 4, unpremultiply(data))
            }
        }
    };
    budget.check("encoding PNG")?;
    let zlib = if channels == 1 && w * h > FAST_ABOVE_PIXELS {
        deflate_fast(&raw, w, budget)?
    } else {
        deflate_parallel(&raw, w * channels, budget)?
    };
    drop(raw);

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

/// Appends rows `rows` of `raw` to `out`, each prefixed with filter type 2 (`Up`) and stored as
/// its difference from the row above.
fn filter_up(raw: &[u8], row_len: usize, rows: std::ops::Range<usize>, out: &mut Vec<u8>) {
    for y in rows {
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
}

/// Rows filtered and compressed between budget checks: about [`BLOCK`] bytes.
fn rows_per_block(row_len: usize) -> usize {
    (BLOCK / (row_len + 1)).max(1)
}

fn io_err(e: std::io::Error) -> Error {
    Error::internal(format!("PNG compression failed: {e}"))
}

/// Palette indices, filtered and compressed by fdeflate a block of rows at a time. fdeflate is
/// made for PNG data: on one byte per pixel it is 3–4× faster than zlib level 1, for files up
/// to twice as big on flat-colour charts (and it does poorly on RGB).
fn deflate_fast(raw: &[u8], row_len: usize, budget: &Budget) -> Result<Vec<u8>> {
    let rows = raw.len() / row_len;
    let step = rows_per_block(row_len);
    let mut c = fdeflate::Compressor::new(Vec::with_capacity(raw.len() / 8)).map_err(io_err)?;
    let mut block = Vec::with_capacity(step * (row_len + 1));
    for start in (0..rows).step_by(step) {
        budget.check("encoding PNG")?;
        block.clear();
        filter_up(raw, row_len, start..(start + step).min(rows), &mut block);
        c.write_data(&block).map_err(io_err)?;
    }
    c.finish().map_err(io_err)
}

/// Rows filtered and deflated (zlib level 1) in two halves on two threads when the
/// image is big enough to pay for a thread. Each half is a raw deflate stream; the first ends
/// with a sync flush (byte-aligned, not final), so the two concatenate into one stream, and the
/// zlib checksum is combined from the halves'.
fn deflate_parallel(raw: &[u8], row_len: usize, budget: &Budget) -> Result<Vec<u8>> {
    let rows = raw.len() / row_len;
    let parts = if raw.len() >= PARALLEL_ABOVE_BYTES && cores() >= 2 {
        2
    } else {
        1
    };
    let split = rows.div_ceil(parts);
    let part = |k: usize| {
        deflate_rows(
            raw,
            row_len,
            k * split..((k + 1) * split).min(rows),
            k + 1 == parts,
            budget,
        )
    };
    let results: Vec<Result<(Vec<u8>, u32, usize)>> = if parts == 1 {
        vec![part(0)]
    } else {
        std::thread::scope(|s| {
            let second = s.spawn(|| part(1));
            let first = part(0);
            vec![
                first,
                second
                    .join()
                    .unwrap_or_else(|_| Err(Error::internal("PNG compression thread panicked"))),
            ]
        })
    };
    let mut out = Vec::with_capacity(raw.len() / 8);
    out.extend_from_slice(&[0x78, 0x01]);
    let mut adler = 1u32;
    for r in results {
        let (deflated, part_adler, len) = r?;
        out.extend_from_slice(&deflated);
        adler = adler32_combine(adler, part_adler, len);
    }
    out.extend_from_slice(&adler.to_be_bytes());
    Ok(out)
}

/// Rows `rows`, filtered and deflated as a raw stream; with the Adler-32 and length of the
/// filtered bytes.
fn deflate_rows(
    raw: &[u8],
    row_len: usize,
    rows: std::ops::Range<usize>,
    last: bool,
    budget: &Budget,
) -> Result<(Vec<u8>, u32, usize)> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let step = rows_per_block(row_len);
    let mut z = Compress::new(Compression::new(1), false);
    let mut out = Vec::with_capacity(rows.len() * row_len / 8 + 1024);
    let mut block = Vec::with_capacity(step * (row_len + 1));
    let mut adler = simd_adler32::Adler32::new();
    let mut len = 0;
    let mut start = rows.start;
    loop {
        budget.check("encoding PNG")?;
        let end = (start + step).min(rows.end);
        block.clear();
        filter_up(raw, row_len, start..end, &mut block);
        adler.write(&block);
        len += block.len();
        let flush = match (end == rows.end, last) {
            (false, _) => FlushCompress::None,
            (true, true) => FlushCompress::Finish,
            (true, false) => FlushCompress::Sync,
        };
        let mut input = &block[..];
        loop {
            if out.capacity() - out.len() < 64 * 1024 {
                out.reserve(out.capacity().max(64 * 1024));
            }
            let before = z.total_in();
            let status = z
                .compress_vec(input, &mut out, flush)
                .map_err(|e| Error::internal(format!("PNG compression failed: {e}")))?;
            input = &input[(z.total_in() - before) as usize..];
            let drained = out.capacity() > out.len();
            match status {
                Status::StreamEnd => break,
                _ if input.is_empty() && drained && flush != FlushCompress::Finish => break,
                _ => {}
            }
        }
        if end == rows.end {
            break;
        }
        start = end;
    }
    Ok((out, adler.finish(), len))
}

/// zlib's `adler32_combine`: the checksum of A‖B from those of A and B and B's length.
fn adler32_combine(a: u32, b: u32, len_b: usize) -> u32 {
    const BASE: u32 = 65521;
    let rem = (len_b % BASE as usize) as u32;
    let mut sum1 = a & 0xffff;
    let mut sum2 = (rem * sum1) % BASE;
    sum1 += (b & 0xffff) + BASE - 1;
    sum2 += (a >> 16) + (b >> 16) + BASE - rem;
    if sum1 >= BASE {
        sum1 -= BASE;
    }
    if sum1 >= BASE {
        sum1 -= BASE;
    }
    if sum2 >= BASE << 1 {
        sum2 -= BASE << 1;
    }
    if sum2 >= BASE {
        sum2 -= BASE;
    }
    (sum2 << 16) | sum1
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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
    let mut indices = crate::draw::buffer::zeroed(pixels.len());
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
