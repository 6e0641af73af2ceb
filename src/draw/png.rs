//! Encoding a finished raster as PNG.
//!
//! Most charts have at most 256 distinct colours (flat fills, anti-aliasing in 16 levels) and are
//! written as palette images: a third of the bytes to compress, and smaller than matplotlib's
//! files. Where lines of different colours cross, a few hundred one-off mixtures can push a chart
//! past 256; if those are rare (one pixel in 1,000) and near a kept colour, they take the
//! nearest one and the chart is still a palette image (see [`palettize`]). Others are written as
//! RGB when opaque (a quarter less than RGBA), or RGBA.
//!
//! The png crate writes the container; the image data is filtered (`Up`, the best speed/size
//! trade on R1–R7 in `chartfn bench`) and deflated here, in large blocks: png's own row-by-row
//! path calls the compressor twice per row, and each call zeroes a 32 KiB buffer, which cost
//! more than the compression itself. Filtering and compressing go a block of rows at a time (no
//! second full-size buffer), with a budget check between blocks. Large palette images use
//! fdeflate (several times faster); the rest zlib level 1 (zlib-rs: zlib-ng's quick strategy,
//! 10–25 % faster than miniz's level 1 for ~15 % more bytes, still well under matplotlib's), in
//! two halves on two threads when there are two cores (joined into one stream, see
//! [`deflate_parallel`]).

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

pub fn encode(pixmap: &Pixmap, budget: &Budget) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let mut indices = crate::draw::buffer::scratch(w * h);
    let (color, palette, alpha, channels, raw) = match palettize(pixmap, &mut indices, budget)? {
        Some(p) => (png::ColorType::Indexed, Some(p.rgb), p.alpha, 1, indices),
        None => {
            crate::draw::buffer::give_back(indices);
            let data = pixmap.data();
            let opaque = data.chunks_exact(4).all(|p| p[3] == 255);
            if opaque {
                let mut rgb = crate::draw::buffer::scratch(w * h * 3);
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
    crate::draw::buffer::give_back(raw);

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
    let parts = if raw.len() >= PARALLEL_ABOVE_BYTES && budget.threads() >= 2 {
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

/// The palette of an image of at most 256 colours.
struct Palette {
    /// Straight RGB per entry.
    rgb: Vec<u8>,
    /// Alpha per entry; `None` when every entry is opaque.
    alpha: Option<Vec<u8>>,
}

/// Distinct colours counted before a palette is given up for RGB.
const MAX_COLORS: usize = 1024;
/// With more than 256 colours, the pixels outside the 256 most used may be at most one in this
/// many…
const RARE_PER: usize = 1000;
/// …and each within this much (largest channel difference, premultiplied) of a kept colour.
const MAX_NEAR_ERROR: u8 = 48;

/// The distinct colours of an image and how many pixels have each: open addressing over
/// premultiplied RGBA words, in fixed-size tables (indices masked, so no bounds checks).
struct ColorCounts {
    keys: Box<[u32; Self::SLOTS]>,
    ids: Box<[u16; Self::SLOTS]>,
    colors: Vec<u32>,
    counts: Box<[u32; MAX_COLORS]>,
}

impl ColorCounts {
    const SLOTS: usize = 2 * MAX_COLORS;
    /// Premultiplied pixels never have alpha 0 with colour 1.
    const EMPTY: u32 = 0x0000_0001;

    fn new() -> ColorCounts {
        ColorCounts {
            keys: Box::new([Self::EMPTY; Self::SLOTS]),
            ids: Box::new([0; Self::SLOTS]),
            colors: Vec::with_capacity(256),
            counts: Box::new([0; MAX_COLORS]),
        }
    }

    #[inline]
    fn slot(&self, key: u32) -> usize {
        let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 21) as usize;
        loop {
            let k = self.keys[slot % Self::SLOTS];
            if k == key || k == Self::EMPTY {
                return slot % Self::SLOTS;
            }
            slot += 1;
        }
    }

    /// The id of `key` (ids count up in the order colours are first seen); `None` when it is
    /// new and the table is full.
    #[inline]
    fn id(&mut self, key: u32) -> Option<u16> {
        let slot = self.slot(key);
        if self.keys[slot] == Self::EMPTY {
            if self.colors.len() == MAX_COLORS {
                return None;
            }
            self.keys[slot] = key;
            self.ids[slot] = self.colors.len() as u16;
            self.colors.push(key);
        }
        Some(self.ids[slot])
    }

    #[inline]
    fn add(&mut self, id: u16, n: usize) {
        self.counts[id as usize % MAX_COLORS] += n as u32;
    }
}

/// Pixels whose colour was first seen after 256 others are noted as they come (so the indices
/// need no second pass), up to one in this many; beyond that the image is taken to have too
/// many colours.
const LATE_PER: usize = 64;

/// The scan of an image's colours, pixel by pixel in order; work is done only where the
/// colour changes.
struct Scan {
    table: ColorCounts,
    /// Runs of pixels (start, end, colour id) whose id does not fit a byte.
    late: Vec<(usize, usize, u16)>,
    late_pixels: usize,
    max_late: usize,
    /// The current colour's id.
    prev_id: u16,
    /// Where the run of the current colour began.
    start: usize,
}

impl Scan {
    /// Pixel `at` has colour `key`, which differs from the pixel before it. `None` when the
    /// image has too many colours.
    #[inline(always)]
    fn change(&mut self, key: u32, at: usize) -> Option<()> {
        self.end_run(at)?;
        self.prev_id = self.table.id(key)?;
        Some(())
    }

    /// Counts the run of the current colour that ends before pixel `at`.
    #[inline(always)]
    fn end_run(&mut self, at: usize) -> Option<()> {
        if at > self.start {
            self.table.add(self.prev_id, at - self.start);
            if self.prev_id >= 256 {
                self.late.push((self.start, at, self.prev_id));
                self.late_pixels += at - self.start;
                if self.late_pixels > self.max_late {
                    return None;
                }
            }
        }
        self.start = at;
        Some(())
    }
}

/// The image's palette, its indices written to `indices`, if it has at most 256 colours, or
/// if the colours beyond the 256 most used are rare and near one of those: where lines of
/// different colours cross, anti-aliasing mixes a few hundred one-off colours, and giving each
/// of those few pixels the nearest palette colour (an error the eye cannot find) makes the
/// file a third of an RGB one, and faster to write. Otherwise `None`, and the image goes out
/// as RGB(A).
fn palettize(pixmap: &Pixmap, indices: &mut [u8], budget: &Budget) -> Result<Option<Palette>> {
    let pixels = pixmap.data().as_chunks::<4>().0;
    // Colour ids count up in first-seen order; with at most 256 colours they are the indices.
    let mut scan = Scan {
        table: ColorCounts::new(),
        late: Vec::new(),
        late_pixels: 0,
        max_late: pixels.len() / LATE_PER + 16,
        prev_id: 0,
        start: 0,
    };
    let (blocks, rest) = pixels.as_chunks::<8>();
    let (out_blocks, out_rest) = indices.as_chunks_mut::<8>();
    // `prev` and `byte` mirror the scan's current colour in registers.
    let (mut prev, mut byte) = (ColorCounts::EMPTY, 0u8);
    const BAND: usize = 1 << 15;
    for (b, (band, out_band)) in blocks
        .chunks(BAND)
        .zip(out_blocks.chunks_mut(BAND))
        .enumerate()
    {
        budget.check("encoding PNG")?;
        for (n, (pc, oc)) in band.iter().zip(out_band.iter_mut()).enumerate() {
            // Charts are mostly runs of one colour: eight pixels equal to the last one at once.
            // (Branch-free: the differences ORed together, one vector operation.)
            if pc
                .iter()
                .fold(0, |d, p| d | (u32::from_ne_bytes(*p) ^ prev))
                == 0
            {
                *oc = [byte; 8];
                continue;
            }
            for (k, (p, o)) in pc.iter().zip(oc.iter_mut()).enumerate() {
                let key = u32::from_ne_bytes(*p);
                if key != prev {
                    if scan.change(key, (b * BAND + n) * 8 + k).is_none() {
                        return Ok(None);
                    }
                    (prev, byte) = (key, scan.prev_id as u8);
                }
                *o = byte;
            }
        }
    }
    for (k, (p, o)) in rest.iter().zip(out_rest.iter_mut()).enumerate() {
        let key = u32::from_ne_bytes(*p);
        if key != prev {
            if scan.change(key, blocks.len() * 8 + k).is_none() {
                return Ok(None);
            }
            (prev, byte) = (key, scan.prev_id as u8);
        }
        *o = byte;
    }
    if scan.end_run(pixels.len()).is_none() {
        return Ok(None);
    }
    let table = scan.table;
    let kept = if table.colors.len() <= 256 {
        table.colors
    } else {
        let Some(remap) = near_palette(&table, pixels.len(), budget)? else {
            return Ok(None);
        };
        // Pixels of the first 256 colours hold their ids: renumber them unless nothing moved.
        let lut: [u8; 256] = std::array::from_fn(|i| remap.index[i]);
        if lut.iter().enumerate().any(|(i, &v)| v as usize != i) {
            for chunk in indices.chunks_mut(1 << 20) {
                budget.check("encoding PNG")?;
                for ix in chunk {
                    *ix = lut[*ix as usize];
                }
            }
        }
        for &(start, end, id) in &scan.late {
            indices[start..end].fill(remap.index[id as usize]);
        }
        remap.palette
    };
    let mut palette = Vec::with_capacity(kept.len() * 3);
    let mut alpha = Vec::with_capacity(kept.len());
    for c in &kept {
        let [r, g, b, a] = c.to_ne_bytes();
        palette.extend_from_slice(&[unpremul(r, a), unpremul(g, a), unpremul(b, a)]);
        alpha.push(a);
    }
    let alpha = if alpha.iter().all(|&a| a == 255) {
        None
    } else {
        Some(alpha)
    };
    Ok(Some(Palette {
        rgb: palette,
        alpha,
    }))
}

/// A palette of 256 colours for an image with more, and each colour id's index in it.
struct Remap {
    palette: Vec<u32>,
    index: Vec<u8>,
}

/// Keeps the 256 most used colours (in first-seen order) and sends each other colour to its
/// nearest kept one; `None` if that moves more than one pixel in [`RARE_PER`] or any pixel by
/// more than [`MAX_NEAR_ERROR`].
fn near_palette(table: &ColorCounts, pixels: usize, budget: &Budget) -> Result<Option<Remap>> {
    let mut by_use: Vec<usize> = (0..table.colors.len()).collect();
    by_use.sort_by_key(|&i| (std::cmp::Reverse(table.counts[i]), i));
    let (keep, drop) = by_use.split_at(256);
    let moved: usize = drop.iter().map(|&i| table.counts[i] as usize).sum();
    if moved * RARE_PER > pixels {
        return Ok(None);
    }
    let mut keep = keep.to_vec();
    keep.sort_unstable();
    let mut index = vec![0u8; table.colors.len()];
    for (n, &i) in keep.iter().enumerate() {
        index[i] = n as u8;
    }
    let channels = |c: u32| c.to_ne_bytes();
    for (n, &i) in drop.iter().enumerate() {
        if n % 256 == 0 {
            budget.check("encoding PNG")?;
        }
        let c = channels(table.colors[i]);
        let (best, error) = keep
            .iter()
            .enumerate()
            .map(|(k, &j)| {
                let d = channels(table.colors[j]);
                (k, (0..4).map(|ch| c[ch].abs_diff(d[ch])).max().unwrap_or(0))
            })
            .min_by_key(|&(k, e)| (e, k))
            .unwrap_or((0, u8::MAX));
        if error > MAX_NEAR_ERROR {
            return Ok(None);
        }
        index[i] = best as u8;
    }
    Ok(Some(Remap {
        palette: keep.iter().map(|&i| table.colors[i]).collect(),
        index,
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

    fn decode(bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        (reader.info().color_type, buf)
    }

    #[test]
    fn a_few_rare_colours_beyond_256_take_the_nearest_palette_entry() {
        // 200×200: 30 one-pixel colours first (ids 0–29), white, 226 colours of 120 pixels
        // (the last one's id is 256: "late"), then 5 more one-pixel colours (late too). Each
        // one-pixel colour is 6 away from a common one.
        let (w, h) = (200usize, 200usize);
        let mut pm = Pixmap::new(w as u32, h as u32).unwrap();
        pm.fill(tiny_skia::Color::WHITE);
        let common = |i: usize| [(i * 7 % 200) as u8 + 20, (i * 13 % 256) as u8, i as u8, 255];
        let near = |i: usize| {
            let c = common(i);
            [c[0] - 6, c[1], c[2], 255]
        };
        let mut want = vec![[255u8; 4]; w * h];
        for (i, px) in want.iter_mut().take(30).enumerate() {
            *px = near(i);
        }
        for i in 0..226 {
            for k in 0..120 {
                want[w + i * 120 + k] = common(i);
            }
        }
        for i in 0..5 {
            want[w * h - 5 + i] = near(100 + i);
        }
        for (px, c) in pm.data_mut().chunks_exact_mut(4).zip(&want) {
            px.copy_from_slice(c);
        }
        let bytes = encode(&pm, &Budget::from_millis(10_000)).unwrap();
        let (color, got) = decode(&bytes);
        assert_eq!(color, png::ColorType::Indexed);
        let mut moved = 0;
        for (g, c) in got.chunks_exact(3).zip(&want) {
            let err = (0..3).map(|ch| g[ch].abs_diff(c[ch])).max().unwrap();
            assert!(err <= 6, "{g:?} for {c:?}");
            moved += (err > 0) as usize;
        }
        assert!(
            (1..=35).contains(&moved),
            "{moved} pixels moved: only rare ones may"
        );
    }

    #[test]
    fn many_colours_or_far_ones_stay_exact() {
        // 300 colours of 133 pixels each: nothing is rare, so RGB.
        let mut pm = Pixmap::new(300, 133).unwrap();
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            px.copy_from_slice(&[(i % 300) as u8, (i % 300 / 2) as u8, 9, 255]);
        }
        let (color, _) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
        assert_eq!(color, png::ColorType::Rgb);
        // 256 colours plus one rare pixel far from all of them: RGB, exact.
        let mut pm = Pixmap::new(256, 100).unwrap();
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            px.copy_from_slice(&[(i % 256) as u8, 0, 0, 255]);
        }
        pm.data_mut()[4 * 50..4 * 51].copy_from_slice(&[0, 200, 0, 255]);
        let bytes = encode(&pm, &Budget::from_millis(10_000)).unwrap();
        let (color, got) = decode(&bytes);
        assert_eq!(color, png::ColorType::Rgb);
        assert_eq!(&got[3 * 50..3 * 51], &[0, 200, 0]);
    }

    #[test]
    fn up_filter_round_trips_through_a_decoder() {
        let mut pm = Pixmap::new(37, 23).unwrap();
        pm.fill(tiny_skia::Color::from_rgba8(10, 20, 30, 255));
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            // 851 distinct colours: the RGB path.
            px[0] = (i % 256) as u8;
            px[1] = (i / 256) as u8;
        }
        let bytes = encode(&pm, &Budget::from_millis(10_000)).unwrap();
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
