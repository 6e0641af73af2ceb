//! The finished image's pixels as encoders take them. tiny-skia keeps premultiplied RGBA;
//! PNG, WebP and JPEG want straight colour, and RGB where there is no transparency. Each
//! conversion writes over the pixels themselves: no second image-sized buffer to allocate and
//! fault in.

/// One premultiplied channel `c` at alpha `a` as straight colour (for the few palette colours).
pub(crate) fn unpremul(c: u8, a: u8) -> u8 {
    if a == 0 {
        0
    } else {
        ((c as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8
    }
}

/// tiny-skia stores premultiplied colour; PNG wants straight: `(c·255 + a/2) / a`, at most
/// 255, written over the pixels. The division is a multiplication by a reciprocal per alpha
/// (256 of them, made per image), exact for every byte pair (tested); opaque and clear pixels
/// stay as they are.
pub(crate) fn unpremultiply_in_place(pixels: &mut [u8]) {
    let reciprocal: [u64; 256] = std::array::from_fn(|a| {
        if a == 0 {
            0
        } else {
            (1u64 << 32).div_ceil(a as u64)
        }
    });
    for px in pixels.as_chunks_mut::<4>().0 {
        let a = px[3];
        if a == 255 || a == 0 {
            continue;
        }
        let (r, half) = (reciprocal[a as usize], a as u64 / 2);
        for c in &mut px[..3] {
            *c = (((*c as u64 * 255 + half) * r) >> 32).min(255) as u8;
        }
    }
}

/// Drops the alpha byte, packing the RGB bytes into the front of `pixels`, four pixels at a
/// time: a block is read whole before its 12 bytes are written, and they land at or before
/// where it was read, so nothing unread is overwritten.
pub(crate) fn rgba_to_rgb_in_place(pixels: &mut [u8]) {
    let blocks = pixels.len() / 16;
    for b in 0..blocks {
        let s: [u8; 16] = pixels[b * 16..b * 16 + 16].try_into().expect("16 bytes");
        let d = &mut pixels[b * 12..b * 12 + 12];
        for i in 0..4 {
            d[i * 3..i * 3 + 3].copy_from_slice(&s[i * 4..i * 4 + 3]);
        }
    }
    for p in blocks * 4..pixels.len() / 4 {
        pixels.copy_within(p * 4..p * 4 + 3, p * 3);
    }
}

/// Composites the (premultiplied) pixels over an opaque `background` and packs them as RGB:
/// what a format without transparency (JPEG) shows of a transparent chart.
pub(crate) fn flatten_to_rgb_in_place(pixels: &mut [u8], background: [u8; 3]) {
    for px in pixels.as_chunks_mut::<4>().0 {
        let rest = 255 - px[3] as u32;
        if rest != 0 {
            for k in 0..3 {
                px[k] = (px[k] as u32 + (background[k] as u32 * rest + 127) / 255).min(255) as u8;
            }
            px[3] = 255;
        }
    }
    rgba_to_rgb_in_place(pixels);
}

/// Whether every pixel is opaque: the alpha bytes ANDed 64 pixels at a time (branch-free, so
/// vectorized), stopping at the first block with a translucent pixel.
pub(crate) fn opaque(pixels: &[u8]) -> bool {
    const ALPHA: u32 = u32::from_le_bytes([0, 0, 0, 255]);
    pixels.as_chunks::<4>().0.chunks(64).all(|block| {
        block
            .iter()
            .fold(ALPHA, |all, p| all & u32::from_le_bytes(*p))
            & ALPHA
            == ALPHA
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpremultiplying_by_reciprocal_equals_dividing_for_every_byte_pair() {
        let (mut src, mut want) = (Vec::new(), Vec::new());
        for a in 0..=255u32 {
            for c in 0..=a {
                src.extend_from_slice(&[c as u8, (a - c) as u8, (c / 2) as u8, a as u8]);
                let straight = |c: u32| unpremul(c as u8, a as u8);
                want.extend_from_slice(&[straight(c), straight(a - c), straight(c / 2), a as u8]);
            }
        }
        let mut got = src.clone();
        unpremultiply_in_place(&mut got);
        assert!(got == want);
    }

    #[test]
    fn flattening_composites_over_the_background() {
        // Clear, half-covered red (premultiplied 128, 0, 0, 128), opaque blue.
        let mut px = vec![0, 0, 0, 0, 128, 0, 0, 128, 0, 0, 255, 255];
        flatten_to_rgb_in_place(&mut px, [255, 255, 255]);
        assert_eq!(&px[..9], &[255, 255, 255, 255, 127, 127, 0, 0, 255]);
    }
}
