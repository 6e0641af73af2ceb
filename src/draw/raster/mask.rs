//! The coverage mask that solid strokes and batches of opaque markers are gathered in before
//! they are blended, in one colour, at once: coverage combines by maximum, so where pieces of one
//! polyline (or neighbouring markers) overlap, nothing is painted twice. Only the blocks of rows
//! that were touched are visited, zeroed and blended. Blending is also compiled for AVX2 (same
//! integer arithmetic, so the same pixels).

use super::blend_pixel;
use crate::spec::color::Rgba;
use tiny_skia::Pixmap;

/// Pixels a stroke row is computed in at once.
pub(super) const LANES: usize = 8;

/// Coverage (0..=255) per pixel of the image, accumulated until [`Self::blend_into`].
///
/// Rows of the mask are [`LANES`] bytes longer than the image, so that every row of a segment
/// is computed and stored in whole groups of [`LANES`] pixels (fixed-size arrays the compiler
/// turns into SIMD, with no remainder loop): dense data lines are mostly rows of a few pixels.
pub(super) struct StrokeMask {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) stride: usize,
    pub(super) cov: Vec<u8>,
    /// Per row, one bit per block of `1 << block_shift` pixels that has coverage: blending
    /// visits only those (a data line crosses a wide image's rows in a few short runs).
    pub(super) blocks: Vec<u64>,
    pub(super) block_shift: u32,
    /// The first and last row that may hold coverage (empty when first > last).
    pub(super) rows: (usize, usize),
    /// The mask's memory was reused, not zeroed: cells outside touched blocks may hold
    /// anything, so blocks are zeroed as they are first touched (see `touch`).
    pub(super) dirty: bool,
}

impl StrokeMask {
    pub(super) fn new(width: u32, height: u32) -> StrokeMask {
        let (w, h) = (width as usize, height as usize);
        let (cov, zeroed) = crate::draw::buffer::scratch_or_zeroed((w + LANES) * h);
        StrokeMask {
            width: w,
            height: h,
            stride: w + LANES,
            cov,
            blocks: vec![0; h],
            // At least 8 pixels (one word) per block, and at most 64 blocks per row.
            block_shift: w.div_ceil(64).next_power_of_two().trailing_zeros().max(3),
            rows: (usize::MAX, 0),
            dirty: !zeroed,
        }
    }

    /// The mask's memory, for the next render (see [`crate::draw::buffer`]).
    pub(super) fn into_memory(self) -> Vec<u8> {
        self.cov
    }

    /// Readies row `y` from pixel `x0` to `x1` inclusive for coverage, before it is written. In a
    /// reused mask, blocks touched for the first time since the last blend are zeroed now: only
    /// touched blocks are ever read, so the rest need no zeroing. (Blending leaves the cells it
    /// reads zero, so a fresh mask stays clean.)
    #[inline]
    pub(super) fn touch(&mut self, y: usize, x0: usize, x1: usize) {
        self.touch_blocks(y, x0, x1);
        self.rows = (self.rows.0.min(y), self.rows.1.max(y));
    }

    /// [`Self::touch`] without recording the row (for callers that record their rows at once).
    #[inline(always)]
    pub(super) fn touch_blocks(&mut self, y: usize, x0: usize, x1: usize) {
        let (lo, hi) = (x0 >> self.block_shift, x1 >> self.block_shift);
        let bits = (u64::MAX << lo) & (u64::MAX >> (63 - hi));
        let mut fresh = bits & !self.blocks[y];
        self.blocks[y] |= bits;
        if self.dirty && fresh != 0 {
            let row = y * self.stride;
            while fresh != 0 {
                let b = fresh.trailing_zeros() as usize;
                fresh &= fresh - 1;
                let end = ((b + 1) << self.block_shift).min(self.stride);
                self.cov[row + (b << self.block_shift)..row + end].fill(0);
            }
        }
    }

    /// Blends the accumulated coverage in `color` and clears it.
    pub(super) fn blend_into(&mut self, pixmap: &mut Pixmap, color: Rgba) {
        #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { self.blend_into_avx2(pixmap, color) };
        }
        self.blend_into_any(pixmap, color)
    }

    /// [`Self::blend_into`] compiled for AVX2 (sixteen 16-bit lanes); the same integer
    /// arithmetic.
    #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
    #[target_feature(enable = "avx2")]
    pub(super) fn blend_into_avx2(&mut self, pixmap: &mut Pixmap, color: Rgba) {
        self.blend_into_any(pixmap, color)
    }

    #[inline(always)]
    pub(super) fn blend_into_any(&mut self, pixmap: &mut Pixmap, color: Rgba) {
        if self.rows.0 > self.rows.1 {
            return;
        }
        let (w, stride, shift) = (self.width, self.stride, self.block_shift);
        let data = pixmap.data_mut();
        let opaque = [color.0, color.1, color.2, 255];
        for y in self.rows.0..=self.rows.1 {
            let mut bits = std::mem::take(&mut self.blocks[y]);
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let end = ((b + 1) << shift).min(w);
                let mut x = b << shift;
                while x < end {
                    // Eight pixels at a time: most of a block may be empty, and the rest is
                    // blended branch-free (SIMD).
                    if x + 8 <= end {
                        let cells: &mut [u8; 8] = (&mut self.cov[y * stride + x..][..8])
                            .try_into()
                            .expect("eight bytes");
                        let bits = u64::from_ne_bytes(*cells);
                        if bits != 0 {
                            let px: &mut [u8; 32] = (&mut data[(y * w + x) * 4..][..32])
                                .try_into()
                                .expect("eight pixels");
                            if bits == u64::MAX && color.3 == 255 {
                                // Wholly inside an opaque fill: the colour itself, as blending
                                // would give (a filled area's interior is most of its pixels).
                                fill_pixels(px, opaque);
                            } else {
                                blend8(px, cells, color);
                            }
                            *cells = [0; 8];
                        }
                        x += 8;
                        continue;
                    }
                    let c = std::mem::take(&mut self.cov[y * stride + x]);
                    let i = (y * w + x) * 4;
                    if c == 255 && color.3 == 255 {
                        data[i..i + 4].copy_from_slice(&opaque);
                    } else if c != 0 {
                        blend_pixel(&mut data[i..i + 4], color, c);
                    }
                    x += 1;
                }
            }
        }
        self.rows = (usize::MAX, 0);
    }
}

/// Sets every pixel of `px` (premultiplied RGBA bytes) to `pixel`, two pixels to a store
/// where the bytes allow: written pixel by pixel, or through byte arrays, the compiler makes a
/// one-byte store of every channel (a wide opaque fill spent most of its time there).
pub(super) fn fill_pixels(px: &mut [u8], pixel: [u8; 4]) {
    let two = u64::from_ne_bytes(std::array::from_fn(|i| pixel[i % 4]));
    let (head, words, tail) = bytemuck::pod_align_to_mut::<u8, u64>(px);
    if head.len() % 4 != 0 {
        // Pixels not on four-byte boundaries: one at a time.
        for p in px.chunks_exact_mut(4) {
            p.copy_from_slice(&pixel);
        }
        return;
    }
    for p in head.chunks_exact_mut(4) {
        p.copy_from_slice(&pixel);
    }
    words.fill(two);
    for p in tail.chunks_exact_mut(4) {
        p.copy_from_slice(&pixel);
    }
}

/// Source-over of `color` at full coverage onto a row of premultiplied pixels (a translucent
/// rectangle's): [`StrokeMask::blend_into`]'s arithmetic, eight pixels at a time, AVX2 where
/// the CPU has it.
pub(super) fn blend_solid(row: &mut [u8], color: Rgba) {
    #[cfg(all(target_arch = "x86_64", feature = "avx2"))]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { blend_solid_avx2(row, color) };
    }
    blend_solid_any(row, color)
}

/// [`blend_solid_any`] in AVX2 instructions, 32 bytes to a step. Written out because the
/// compiler vectorizes the portable loop across steps instead of along the row, a byte at a
/// time (a stacked area chart's translucent legend box was 3 % of its render).
#[cfg(all(target_arch = "x86_64", feature = "avx2"))]
#[target_feature(enable = "avx2")]
fn blend_solid_avx2(row: &mut [u8], color: Rgba) {
    use std::arch::x86_64::*;
    let a = mul(color.3 as u16, 255);
    let [r, g, b, al] = [color.0, color.1, color.2, 255].map(|c| mul(c as u16, a) as i16);
    let add = _mm256_setr_epi16(r, g, b, al, r, g, b, al, r, g, b, al, r, g, b, al);
    let (inv, half, zero) = (
        _mm256_set1_epi16((255 - a) as i16),
        _mm256_set1_epi16(128),
        _mm256_setzero_si256(),
    );
    // Each byte p becomes add + p × (255 − a) / 255, rounded as `mul` rounds, in 16-bit lanes
    // (unpacking and packing work within each 128-bit half, so the bytes come back in order,
    // and eight bytes are two whole pixels, so each lane meets its channel's `add`).
    let blend = |x: __m256i| {
        let t = _mm256_add_epi16(_mm256_mullo_epi16(x, inv), half);
        _mm256_add_epi16(
            _mm256_srli_epi16(_mm256_add_epi16(t, _mm256_srli_epi16(t, 8)), 8),
            add,
        )
    };
    let (chunks, rest) = row.as_chunks_mut::<32>();
    for px in chunks {
        // SAFETY: `px` is 32 bytes, read and written unaligned.
        unsafe {
            let v = _mm256_loadu_si256(px.as_ptr().cast());
            let lo = blend(_mm256_unpacklo_epi8(v, zero));
            let hi = blend(_mm256_unpackhi_epi8(v, zero));
            _mm256_storeu_si256(px.as_mut_ptr().cast(), _mm256_packus_epi16(lo, hi));
        }
    }
    blend_solid_any(rest, color)
}

/// [`blend8`]'s arithmetic at full coverage, where every byte of a pixel gets the same
/// treatment plus its channel's share of the colour: the path without AVX2, and the tail of
/// a row after [`blend_solid_avx2`]'s steps.
#[inline(always)]
fn blend_solid_any(row: &mut [u8], color: Rgba) {
    let a = mul(color.3 as u16, 255);
    let ink = [color.0, color.1, color.2, 255];
    let add: [u16; 16] = std::array::from_fn(|i| mul(ink[i % 4] as u16, a));
    let (chunks, rest) = row.as_chunks_mut::<16>();
    for px in chunks {
        for (p, add) in px.iter_mut().zip(add) {
            *p = (add + mul(*p as u16, 255 - a)) as u8;
        }
    }
    for px in rest.chunks_exact_mut(4) {
        blend_pixel(px, color, 255);
    }
}

/// `a × b / 255`, rounded, for bytes (a × b + 128 < 2¹⁶): [`super::mul255`] in the 16-bit
/// lanes the vector loops work in.
#[inline(always)]
fn mul(a: u16, b: u16) -> u16 {
    let t = a * b + 128;
    (t + (t >> 8)) >> 8
}

/// Source-over of `color` through coverages `cov` onto eight premultiplied pixels. The same
/// arithmetic as the one-pixel path, in 16-bit lanes (a × b + 128 < 2¹⁶); zero coverage
/// leaves a pixel exactly as it was.
#[inline(always)]
fn blend8(px: &mut [u8; 32], cov: &[u8; 8], color: Rgba) {
    let ink = [color.0 as u16, color.1 as u16, color.2 as u16, 255];
    for i in 0..8 {
        let a = mul(color.3 as u16, cov[i] as u16);
        for ch in 0..4 {
            let p = px[i * 4 + ch] as u16;
            px[i * 4 + ch] = (mul(ink[ch], a) + mul(p, 255 - a)) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::mul255;
    use super::*;

    #[test]
    fn blending_gives_the_one_pixel_formula_in_every_path() {
        // Full coverage over whole groups of eight (the opaque shortcut), partial coverage,
        // and the same in a translucent colour, against the formula pixel by pixel.
        for color in [Rgba(10, 200, 30, 255), Rgba(10, 200, 30, 128)] {
            let mut pixmap = Pixmap::new(40, 1).expect("pixmap");
            pixmap.fill(tiny_skia::Color::from_rgba8(250, 240, 230, 255));
            let before = pixmap.data().to_vec();
            let coverage = |x: usize| if x < 24 { 255 } else { (x * 7) as u8 };
            let mut mask = StrokeMask::new(40, 1);
            for x in 0..40 {
                mask.touch(0, x, x);
                mask.cov[x] = coverage(x);
            }
            mask.blend_into(&mut pixmap, color);
            for x in 0..40 {
                let a = mul255(color.3 as u32, coverage(x) as u32);
                let ink = [color.0, color.1, color.2, 255];
                let expected: Vec<u8> = (0..4)
                    .map(|ch| {
                        (mul255(ink[ch] as u32, a) + mul255(before[x * 4 + ch] as u32, 255 - a))
                            as u8
                    })
                    .collect();
                assert_eq!(
                    pixmap.data()[x * 4..x * 4 + 4],
                    expected[..],
                    "pixel {x}, {color:?}"
                );
            }
            assert!(mask.cov.iter().all(|&c| c == 0), "blending clears the mask");
        }
    }

    #[test]
    fn a_translucent_row_blends_as_one_pixel_does() {
        // Thirty-seven pixels, each different: four AVX2 steps of eight, a portable step of
        // four and a tail of one; through the dispatch and the portable path alone.
        let color = Rgba(200, 40, 90, 100);
        let before: Vec<u8> = (0..37u8)
            .flat_map(|i| [i.wrapping_mul(19), 255 - i * 7, i * 3, 255])
            .collect();
        let a = color.3 as u32;
        let paths: [fn(&mut [u8], Rgba); 2] = [blend_solid, |row, c| blend_solid_any(row, c)];
        for blend in paths {
            let mut row = before.clone();
            blend(&mut row, color);
            for (x, (got, was)) in row.chunks(4).zip(before.chunks(4)).enumerate() {
                let ink = [color.0, color.1, color.2, 255];
                let want: Vec<u8> = (0..4)
                    .map(|ch| (mul255(ink[ch] as u32, a) + mul255(was[ch] as u32, 255 - a)) as u8)
                    .collect();
                assert_eq!(got, &want[..], "pixel {x}");
            }
        }
    }

    #[test]
    fn pixels_are_filled_whatever_their_alignment() {
        let mut bytes = [0u8; 4 * 40 + 8];
        for start in [0, 4, 8, 12, 1, 3] {
            for n in [0, 1, 2, 3, 7, 8, 33] {
                bytes.fill(9);
                let pixel = [10, 20, 30, 255];
                fill_pixels(&mut bytes[start..start + 4 * n], pixel);
                for (i, &b) in bytes.iter().enumerate() {
                    let inside = i >= start && i < start + 4 * n;
                    let want = if inside { pixel[(i - start) % 4] } else { 9 };
                    assert_eq!(b, want, "start {start}, {n} pixels, byte {i}");
                }
            }
        }
    }
}
