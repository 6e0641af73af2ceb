//! The image data's compression: rows filtered (`Up`) and deflated a block of rows at a time,
//! with a budget check between blocks. Palette indices of large images go to fdeflate; the rest
//! to zlib level 1, in two halves on two threads when the budget allows two and the image pays
//! for a thread: two raw deflate streams joined into one zlib stream, its Adler-32 combined from
//! the halves'.

use crate::budget::Budget;
use crate::error::{Error, Result};

/// Bytes of filtered data compressed between budget checks.
const BLOCK: usize = 1 << 20;
/// Below this many bytes of image data, a second thread costs more than it saves.
pub(super) const PARALLEL_ABOVE_BYTES: usize = 384 * 1024;

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

/// Rows filtered and deflated (zlib level 1) in two halves on two threads when the
/// image is big enough to pay for a thread. Each half is a raw deflate stream; the first ends
/// with a sync flush (byte-aligned, not final), so the two concatenate into one stream, and the
/// zlib checksum is combined from the halves'.
pub(super) fn deflate_parallel(raw: &[u8], row_len: usize, budget: &Budget) -> Result<Vec<u8>> {
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
