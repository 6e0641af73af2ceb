//! The image data's compression, a block of rows at a time with a budget check between blocks,
//! in two parts on two threads when the budget allows two and the image pays for a thread (raw
//! deflate streams joined into one zlib stream, its Adler-32 combined from the parts'):
//!
//! - palette indices of large images: filtered `Up`, fdeflate;
//! - other palette images and RGBA: filtered `Up`, zlib-rs level 1 ([`deflate_parallel`]);
//! - opaque RGB (many colours: translucent overlaps, gradients): unfiltered, libdeflate level 5
//!   ([`deflate_rgb`]). On such charts filters hurt: flat fills and anti-aliased edges repeat
//!   along a row, which LZ77 finds unfiltered, while `Up` turns every edge into noise. On V4's
//!   10,000 translucent bubbles: 237,091 bytes (zlib-rs level 2, `Up`) → 219,057, under
//!   matplotlib's 223,286, for more time (libdeflate's lazy matching, and reading the first part
//!   back: V4 encodes in ~3.4 ms); on the RGB pie and radar samples a quarter fewer bytes, on a
//!   colour-mapped scatter a tenth more (its colour bar is a vertical gradient, which `Up`
//!   flattens).

use crate::budget::Budget;
use crate::error::{Error, Result};

/// Bytes of filtered data compressed between budget checks.
const BLOCK: usize = 1 << 20;
/// Below this many bytes of image data, a second thread costs more than it saves.
const PARALLEL_ABOVE_BYTES: usize = 384 * 1024;

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
pub(super) fn deflate_fast(raw: &[u8], row_len: usize, budget: &Budget) -> Result<Vec<u8>> {
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

/// zlib's level for palette indices and RGBA: 1, zlib-rs's quick strategy. (RGBA images here
/// are transparent charts with translucent fills — QuickChart's default background — where
/// level 2 took the Chart.js radar sample from 2.83 to 3.09 ms.)
pub(super) const ZLIB_LEVEL: u32 = 1;

/// libdeflate's level for opaque RGB rows: 5 is where its lazy matching starts. On V4, level 4
/// (greedy) encodes ~0.25 ms faster but writes 222,716 bytes against 219,057, too close to
/// matplotlib's 223,286; 6 saves another 0.2 %.
const RGB_LEVEL: i32 = 5;

/// The share of rows (in hundredths) the first of two parts takes: it also reads its stream
/// back to find the last block ([`super::join`]), so it gets a little less to compress (timed
/// on V4: at 47 % the first part took 3.14 ms and the second 2.99; at 45 %, 2.90 and 3.10).
const FIRST_PART_PERCENT: usize = 46;

/// Rows filtered and deflated (zlib at `level`) in two halves on two threads when the
/// image is big enough to pay for a thread. Each half is a raw deflate stream; the first ends
/// with a sync flush (byte-aligned, not final), so the two concatenate into one stream, and the
/// zlib checksum is combined from the halves'.
pub(super) fn deflate_parallel(
    raw: &[u8],
    row_len: usize,
    level: u32,
    budget: &Budget,
) -> Result<Vec<u8>> {
    let rows = raw.len() / row_len;
    let two = raw.len() >= PARALLEL_ABOVE_BYTES && budget.threads() >= 2;
    let split = two.then(|| rows.div_ceil(2));
    let part = |range, last| deflate_rows(raw, row_len, range, last, level, budget);
    in_parts(rows, split, part, raw.len() / 8)
}

/// The RGB rows of an opaque RGBA image `width` pixels wide (the alpha bytes dropped on the
/// way, by each thread for its rows), unfiltered, compressed by libdeflate ([`RGB_LEVEL`]) a
/// block of rows at a time — in two parts on two threads when the image pays for a thread —
/// and joined into one zlib stream: libdeflate writes only complete streams, so each but the
/// last is made continuable ([`super::join::append_continuable`]).
pub(super) fn deflate_rgb(rgba: &[u8], width: usize, budget: &Budget) -> Result<Vec<u8>> {
    let row_len = width * 4;
    let rows = rgba.len() / row_len.max(1);
    let two = rgba.len() >= PARALLEL_ABOVE_BYTES && budget.threads() >= 2 && rows >= 2;
    let split = two.then(|| (rows * FIRST_PART_PERCENT / 100).clamp(1, rows - 1));
    let part = |range, last| rgb_rows(rgba, row_len, range, last, budget);
    in_parts(rows, split, part, rgba.len() / 8)
}

/// `rows` compressed by `part` (given its rows, and whether they end the stream) into one
/// zlib stream: rows `..split` here and `split..` on a second thread when `split` is given,
/// else all of them here.
fn in_parts(
    rows: usize,
    split: Option<usize>,
    part: impl Fn(std::ops::Range<usize>, bool) -> Result<Part> + Sync,
    capacity: usize,
) -> Result<Vec<u8>> {
    let results = match split {
        None => vec![part(0..rows, true)],
        Some(split) => std::thread::scope(|s| {
            let second = s.spawn(|| part(split..rows, true));
            let first = part(0..split, false);
            vec![
                first,
                second
                    .join()
                    .unwrap_or_else(|_| Err(Error::internal("PNG compression thread panicked"))),
            ]
        }),
    };
    zlib_stream(results, capacity)
}

/// A part of the image data: its raw deflate stream, and the Adler-32 and length of the bytes
/// it holds.
type Part = (Vec<u8>, u32, usize);

/// Rows `rows` with filter type 0 (none), compressed by libdeflate a block at a time; the
/// stream ends with a final block only if `last`.
fn rgb_rows(
    raw: &[u8],
    row_len: usize,
    rows: std::ops::Range<usize>,
    last: bool,
    budget: &Budget,
) -> Result<Part> {
    let level = libdeflater::CompressionLvl::new(RGB_LEVEL).expect("a level libdeflate has");
    let mut compressor = libdeflater::Compressor::new(level);
    let rgb_len = row_len / 4 * 3;
    let step = rows_per_block(rgb_len);
    let mut out = Vec::with_capacity(rows.len() * rgb_len / 6 + 64);
    let mut block = Vec::with_capacity(step * (rgb_len + 1));
    // One output buffer per part, reused block after block (libdeflate wants it initialized).
    let mut packed = vec![0u8; compressor.deflate_compress_bound(step * (rgb_len + 1))];
    let mut adler = simd_adler32::Adler32::new();
    let mut len = 0;
    for start in rows.clone().step_by(step) {
        budget.check("encoding PNG")?;
        let end = (start + step).min(rows.end);
        block.clear();
        for row in raw[start * row_len..end * row_len].chunks_exact(row_len) {
            block.push(0);
            push_rgb(&mut block, row);
        }
        adler.write(&block);
        len += block.len();
        let n = compressor
            .deflate_compress(&block, &mut packed)
            .map_err(|e| Error::internal(format!("PNG compression failed: {e}")))?;
        if last && end == rows.end {
            out.extend_from_slice(&packed[..n]);
        } else {
            super::join::append_continuable(&mut out, &packed[..n])?;
        }
    }
    Ok((out, adler.finish(), len))
}

/// Appends the RGB bytes of the RGBA pixels `rgba`, four pixels at a time.
fn push_rgb(out: &mut Vec<u8>, rgba: &[u8]) {
    let at = out.len();
    out.resize(at + rgba.len() / 4 * 3, 0);
    let (quads, rest) = rgba.as_chunks::<16>();
    let (dst, dst_rest) = out[at..].as_chunks_mut::<12>();
    for (d, q) in dst.iter_mut().zip(quads) {
        *d = [
            q[0], q[1], q[2], q[4], q[5], q[6], q[8], q[9], q[10], q[12], q[13], q[14],
        ];
    }
    for (d, p) in dst_rest.chunks_exact_mut(3).zip(rest.chunks_exact(4)) {
        d.copy_from_slice(&p[..3]);
    }
}

/// The zlib stream of raw deflate `parts` in order (each but the last continuable): header,
/// the parts, and the Adler-32 combined from theirs.
fn zlib_stream(parts: Vec<Result<Part>>, capacity: usize) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(capacity);
    out.extend_from_slice(&[0x78, 0x01]);
    let mut adler = 1u32;
    for r in parts {
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
    level: u32,
    budget: &Budget,
) -> Result<Part> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let step = rows_per_block(row_len);
    let mut z = Compress::new(Compression::new(level), false);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A small xorshift generator: the tests' inputs, the same on every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn adler32(data: &[u8]) -> u32 {
        let mut a = simd_adler32::Adler32::new();
        a.write(data);
        a.finish()
    }

    /// The checksum of A‖B combined from A's and B's is the one-pass checksum, for empty halves,
    /// lengths about zlib's 5552-byte reduction interval and the modulus 65521, and large ones;
    /// on random bytes and on all-0xff bytes (the largest sums).
    #[test]
    fn adler32_combine_matches_one_pass() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut data = vec![0u8; 3 << 20];
        for b in data.iter_mut() {
            *b = rng.next() as u8;
        }
        let ones = vec![0xffu8; 200_000];
        let mut lengths = vec![0, 1, 2, 5551, 5552, 5553, 11_104, 65_520, 65_521, 65_522];
        lengths.extend([131_042, 200_000, 1 << 20, (3 << 20) - 7]);
        lengths.extend((0..40).map(|_| rng.below(200_000)));
        for len in lengths {
            let mut splits = vec![0, len, len / 2, len.saturating_sub(5552)];
            splits.extend((0..6).map(|_| rng.below(len + 1)));
            for source in [&data[..], &ones[..]] {
                let whole = &source[..len.min(source.len())];
                let want = adler32(whole);
                for &at in &splits {
                    let (a, b) = whole.split_at(at.min(whole.len()));
                    let got = adler32_combine(adler32(a), adler32(b), b.len());
                    assert_eq!(got, want, "{} bytes split at {}", whole.len(), a.len());
                }
            }
        }
    }

    /// Rows of `row_len` bytes that compress a little, like an image's.
    fn image_rows(rows: usize, row_len: usize) -> Vec<u8> {
        let mut rng = Rng(7);
        (0..rows * row_len)
            .map(|i| {
                let noise = if rng.below(8) == 0 {
                    rng.next() as u8
                } else {
                    0
                };
                ((i % row_len) / 16) as u8 ^ (i / row_len / 8) as u8 ^ noise
            })
            .collect()
    }

    /// `zlib` inflated, its Adler-32 checked by the decoder; a failure names `what`.
    fn inflate(zlib: &[u8], what: &str) -> Vec<u8> {
        let mut inflated = Vec::new();
        flate2::read::ZlibDecoder::new(zlib)
            .read_to_end(&mut inflated)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        inflated
    }

    /// On one thread and on two (two raw streams joined), the output is one valid zlib stream
    /// (the decoder checks the combined Adler-32) that inflates to the filtered rows.
    #[test]
    fn one_or_two_threads_deflate_to_the_same_rows() {
        // An odd number of rows, above the size where a second thread starts.
        let (rows, row_len) = (701, 1201);
        let raw = image_rows(rows, row_len);
        assert!(raw.len() >= PARALLEL_ABOVE_BYTES);
        let mut filtered = Vec::new();
        filter_up(&raw, row_len, 0..rows, &mut filtered);
        for level in [ZLIB_LEVEL, 2] {
            let deflate = |threads| {
                let budget = Budget::from_millis(60_000).with_threads(threads);
                deflate_parallel(&raw, row_len, level, &budget).unwrap()
            };
            let (one, two) = (deflate(1), deflate(2));
            assert!(one != two, "two threads write two streams, joined");
            for (threads, zlib) in [(1, &one), (2, &two)] {
                let inflated = inflate(zlib, &format!("level {level}, {threads} thread(s)"));
                assert!(
                    inflated == filtered,
                    "level {level}, {threads} thread(s): inflated differs"
                );
                let trailer = u32::from_be_bytes(zlib[zlib.len() - 4..].try_into().unwrap());
                assert_eq!(trailer, adler32(&filtered), "{threads} thread(s): checksum");
            }
        }
    }

    /// RGB rows, unfiltered, in several blocks per part and on one or two threads: one valid
    /// zlib stream of the rows each behind a 0 (no filter), its checksum the rows'.
    #[test]
    fn rgb_rows_deflate_unfiltered_on_one_or_two_threads() {
        // Two blocks of rows in each part (BLOCK is 1 MiB).
        let (rows, row_len) = (2_001, 1_203);
        let raw = image_rows(rows, row_len);
        let mut unfiltered = Vec::new();
        for row in raw.chunks_exact(row_len) {
            unfiltered.push(0);
            unfiltered.extend_from_slice(row);
        }
        // The same pixels as opaque RGBA: the alpha bytes are dropped on the way.
        let rgba: Vec<u8> = raw
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect();
        for threads in [1, 2] {
            let budget = Budget::from_millis(60_000).with_threads(threads);
            let zlib = deflate_rgb(&rgba, row_len / 3, &budget).unwrap();
            let inflated = inflate(&zlib, &format!("{threads} thread(s)"));
            assert!(
                inflated == unfiltered,
                "{threads} thread(s): inflated differs"
            );
        }
        // An image of one row, and one below the two-thread size.
        for (rows, width) in [(1, 100), (40, 10), (3, 5)] {
            let rgba = image_rows(rows, width * 4);
            let zlib = deflate_rgb(&rgba, width, &Budget::from_millis(60_000)).unwrap();
            let inflated = inflate(&zlib, &format!("{rows} rows of {width}"));
            assert_eq!(inflated.len(), rows * (width * 3 + 1));
        }
    }
}
