//! Encoding a finished raster as PNG.
//!
//! Most charts have at most 256 distinct colours (flat fills, anti-aliasing in 16 levels) and are
//! written as palette images: a third of the bytes to compress, and smaller than matplotlib's
//! files. Where lines of different colours cross, a few hundred one-off mixtures can push a chart
//! past 256; if those are rare (one pixel in 1,000) and near a kept colour, or a few (one in
//! 100: translucent rings, stacked areas) and close to one, they take the nearest one and the
//! chart is still a palette image (see [`palettize`]). Others are written as
//! RGB when opaque (a quarter less than RGBA), or RGBA.
//!
//! The png crate writes the container; the image data is filtered (`Up`, the best speed/size
//! trade on R1–R7 in `chartfn bench`; RGB is not filtered) and deflated here, in large blocks:
//! png's own row-by-row path calls the compressor twice per row, and each call zeroes a 32 KiB
//! buffer, which cost more than the compression itself. Filtering and compressing go a block of
//! rows at a time (no second full-size buffer), with a budget check between blocks. Large palette images use
//! fdeflate (several times faster); other palette images zlib level 1 (zlib-rs: zlib-ng's quick
//! strategy, 10–25 % faster than miniz's level 1 for ~15 % more bytes, still well under
//! matplotlib's), and opaque RGB libdeflate level 5, unfiltered; in two parts on two threads
//! when the budget allows two (joined into one stream, see [`deflate`] and [`join`]). The
//! palette is found in [`palette`].

mod deflate;
mod join;
mod palette;

use crate::budget::Budget;
use crate::draw::pixels::unpremultiply_in_place;
use crate::error::{Error, Result};
use deflate::{deflate_fast, deflate_parallel, deflate_rgb, ZLIB_LEVEL};
use palette::palettize;
use tiny_skia::Pixmap;

/// Above this many pixels, a palette image goes to fdeflate: several times faster than zlib,
/// and what it loses in size matters less than the time on big images.
const FAST_ABOVE_PIXELS: usize = 2_000_000;

/// The PNG file of `pixmap`, as a palette image where it can be one.
#[cfg(test)]
pub fn encode(pixmap: &Pixmap, budget: &Budget) -> Result<Vec<u8>> {
    encode_described(pixmap.clone(), None, budget)
}

/// [`encode`], with a `Description` text chunk (v2: the chart's alt text) when given. Takes
/// the finished image: RGBA rows are written over its own pixels and RGB rows packed a block at
/// a time as they are compressed (no second buffer of the image's size to allocate and fault
/// in), and its memory goes back to the pool.
pub fn encode_described(
    pixmap: Pixmap,
    description: Option<&str>,
    budget: &Budget,
) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let mut pixels = pixmap.take();
    let mut indices = crate::draw::buffer::scratch(w * h);
    let (color, palette, alpha, channels) = match palettize(&pixels, &mut indices, budget)? {
        Some(p) => (png::ColorType::Indexed, Some(p.rgb), p.alpha, 1),
        None => {
            if crate::draw::pixels::opaque(&pixels) {
                // The alpha bytes are dropped as the rows are compressed.
                (png::ColorType::Rgb, None, None, 3)
            } else {
                unpremultiply_in_place(&mut pixels);
                (png::ColorType::Rgba, None, None, 4)
            }
        }
    };
    // RGB rows are still RGBA here: the alpha bytes are dropped as they are compressed.
    let raw: &[u8] = if channels == 1 {
        &indices
    } else {
        &pixels[..w * h * 4]
    };
    budget.check("encoding PNG")?;
    let zlib = if channels == 1 && w * h > FAST_ABOVE_PIXELS {
        deflate_fast(raw, w, budget)?
    } else if channels == 3 {
        deflate_rgb(raw, w, budget)?
    } else {
        deflate_parallel(raw, w * channels, ZLIB_LEVEL, budget)?
    };
    crate::draw::buffer::give_back(indices);
    crate::draw::buffer::give_back(pixels);

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
    if let Some(text) = description {
        crate::draw::accessible::add_png_text(&mut enc, text).map_err(png_err)?;
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
    fn a_few_close_colours_take_the_nearest_palette_entry_and_far_ones_do_not() {
        // 200×100: 256 colours of 75 pixels, then 150 one-off colours (0.75 % of the pixels)
        // `off` away from one of them in red.
        let image = |off: u8| {
            let mut pm = Pixmap::new(200, 100).unwrap();
            let common = |i: usize| [(i % 16 * 12) as u8 + 40, (i / 16 * 15) as u8, 7, 255];
            let mut want = vec![[0u8; 4]; 200 * 100];
            for (k, px) in want.iter_mut().enumerate() {
                *px = common((k / 75).min(255));
            }
            for i in 0..150 {
                let c = common(i);
                want[19_200 + i * 5] = [c[0] - off, c[1], c[2], 255];
            }
            for (px, c) in pm.data_mut().chunks_exact_mut(4).zip(&want) {
                px.copy_from_slice(c);
            }
            (pm, want)
        };
        let (pm, want) = image(30);
        let (color, got) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
        assert_eq!(color, png::ColorType::Indexed);
        for (g, c) in got.chunks_exact(3).zip(&want) {
            let err = (0..3).map(|ch| g[ch].abs_diff(c[ch])).max().unwrap();
            assert!(err <= 30, "{g:?} for {c:?}");
        }
        // As many, further: RGB, exact.
        let (pm, want) = image(36);
        let (color, got) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
        assert_eq!(color, png::ColorType::Rgb);
        assert!(got.chunks_exact(3).zip(&want).all(|(g, c)| g == &c[..3]));
    }

    #[test]
    fn a_translucent_colour_near_over_black_but_far_over_white_stays_exact() {
        // 200×100 of translucent colours (alpha 200, premultiplied), 256 of them on 75 pixels
        // each, then 150 one-off pixels each 25 lighter in colour and 25 lower in alpha than
        // one of them: within 25 of it over black, 50 apart over white. RGBA, exact.
        let common = |i: usize| [(i % 16 * 12) as u8, (i / 16 * 12) as u8, 100, 200];
        let mut want = vec![[0u8; 4]; 200 * 100];
        for (k, px) in want.iter_mut().enumerate() {
            *px = common((k / 75).min(255));
        }
        for i in 0..150 {
            let c = common(i);
            want[19_200 + i * 5] = [c[0] + 25, c[1] + 25, c[2] + 25, 175];
        }
        let mut pm = Pixmap::new(200, 100).unwrap();
        for (px, c) in pm.data_mut().chunks_exact_mut(4).zip(&want) {
            px.copy_from_slice(c);
        }
        let (color, got) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
        assert_eq!(color, png::ColorType::Rgba);
        let straight = |c: [u8; 4]| c.map(|v| crate::draw::pixels::unpremul(v, c[3]));
        for (g, c) in got.chunks_exact(4).zip(&want) {
            assert_eq!(&g[..3], &straight(*c)[..3]);
        }
    }

    #[test]
    fn common_colours_first_seen_late_are_indexed_in_runs_or_in_a_second_pass() {
        // 258×100: 200 one-off colours first (6 from a common one), then 256 colours of 100
        // pixels each, so most pixels' colours are first seen after 256 others: in runs of
        // 100 (noted as the scan goes) or one pixel at a time (too many runs to note: the
        // indices are written again).
        let common = |i: usize| [(i % 16 * 12) as u8 + 40, (i / 16 * 15) as u8, 7, 255];
        for colour_of in [|k: usize| k / 100, |k: usize| k % 256] {
            let mut want = Vec::with_capacity(258 * 100);
            want.extend((0..200).map(|i| {
                let c = common(i);
                [c[0] - 6, c[1], c[2], 255]
            }));
            want.extend((0..256 * 100).map(|k| common(colour_of(k))));
            let mut pm = Pixmap::new(258, 100).unwrap();
            for (px, c) in pm.data_mut().chunks_exact_mut(4).zip(&want) {
                px.copy_from_slice(c);
            }
            let (color, got) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
            assert_eq!(color, png::ColorType::Indexed);
            for (k, (g, c)) in got.chunks_exact(3).zip(&want).enumerate() {
                let err = (0..3).map(|ch| g[ch].abs_diff(c[ch])).max().unwrap();
                assert!(
                    err <= if k < 200 { 6 } else { 0 },
                    "pixel {k}: {g:?} for {c:?}"
                );
            }
        }
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
        // 256 colours at least 51 apart in some channel (premultiplied), each on 100 pixels,
        // and one pixel of a 257th as far from all: no kept colour can give way, so RGBA, exact.
        let lattice: Vec<[u8; 4]> = [255u8, 204]
            .into_iter()
            .flat_map(|a| {
                let levels = move || (0..=a).step_by(51);
                levels().flat_map(move |r| {
                    levels().flat_map(move |g| levels().map(move |b| [r, g, b, a]))
                })
            })
            .collect();
        assert!(lattice.len() > 257);
        let mut pm = Pixmap::new(256, 100).unwrap();
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            px.copy_from_slice(&lattice[i % 256]);
        }
        pm.data_mut()[4 * 50..4 * 51].copy_from_slice(&lattice[256]);
        let bytes = encode(&pm, &Budget::from_millis(10_000)).unwrap();
        let (color, got) = decode(&bytes);
        assert_eq!(color, png::ColorType::Rgba);
        let [r, g, b, a] = lattice[256];
        let straight = |v| crate::draw::pixels::unpremul(v, a);
        assert_eq!(
            &got[4 * 50..4 * 51],
            &[straight(r), straight(g), straight(b), a]
        );
        // 256 close colours and 70 one-pixel colours far from them and from each other: more
        // than `MAX_SWAPS` to give places to (and 70 × 100 pixels would move), so RGB.
        let mut pm = Pixmap::new(256, 100).unwrap();
        for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
            px.copy_from_slice(&[(i % 256) as u8, 0, 0, 255]);
        }
        for k in 0..70 {
            let (r, g, b) = (
                (k / 36) as u8 * 128,
                (k / 6 % 6) as u8 * 40 + 50,
                (k % 6) as u8 * 40 + 50,
            );
            pm.data_mut()[4 * (300 * k + 7)..][..4].copy_from_slice(&[r, g, b, 255]);
        }
        let (color, _) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
        assert_eq!(color, png::ColorType::Rgb);
    }

    #[test]
    fn a_rare_far_colour_takes_the_place_of_a_little_used_close_one() {
        // 256 colours one apart in red, 100 pixels each, and one pixel of green far from all:
        // the green is kept exactly, and the least used red (99 pixels, the green took one)
        // goes to its neighbour, one away.
        let mut pm = Pixmap::new(256, 100).unwrap();
        let mut want = vec![[0u8; 4]; 256 * 100];
        for (i, (px, w)) in pm.data_mut().chunks_exact_mut(4).zip(&mut want).enumerate() {
            *w = [(i % 256) as u8, 0, 0, 255];
            px.copy_from_slice(w);
        }
        want[50] = [0, 200, 0, 255];
        pm.data_mut()[4 * 50..4 * 51].copy_from_slice(&want[50]);
        let (color, got) = decode(&encode(&pm, &Budget::from_millis(10_000)).unwrap());
        assert_eq!(color, png::ColorType::Indexed);
        assert_eq!(&got[3 * 50..3 * 51], &[0, 200, 0]);
        let mut moved = 0;
        for (g, c) in got.chunks_exact(3).zip(&want) {
            let err = (0..3).map(|ch| g[ch].abs_diff(c[ch])).max().unwrap();
            assert!(err <= 1, "{g:?} for {c:?}");
            moved += (err > 0) as usize;
        }
        assert_eq!(moved, 99);
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

    /// Images whose data is big enough for the second deflate thread, written on one thread and
    /// on two: the files differ (two streams joined) and decode to the same pixels. A palette
    /// image and an RGB one.
    #[test]
    fn one_or_two_threads_encode_the_same_pixels() {
        let palette = |i: usize| [(i % 7 * 30) as u8, (i / 640 % 5 * 50) as u8, 90, 255];
        let rgb = |i: usize| [(i % 251) as u8, (i / 640 % 256) as u8, (i % 13) as u8, 255];
        for (name, color, want_type) in [
            (
                "palette",
                &palette as &dyn Fn(usize) -> [u8; 4],
                png::ColorType::Indexed,
            ),
            ("RGB", &rgb, png::ColorType::Rgb),
        ] {
            let mut pm = Pixmap::new(640, 700).unwrap();
            for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
                px.copy_from_slice(&color(i));
            }
            let encode_on = |threads| {
                let budget = Budget::from_millis(60_000).with_threads(threads);
                encode(&pm, &budget).unwrap()
            };
            let (one, two) = (encode_on(1), encode_on(2));
            assert!(one != two, "{name}: two threads write two streams, joined");
            let (type1, pixels1) = decode(&one);
            let (type2, pixels2) = decode(&two);
            assert_eq!((type1, type2), (want_type, want_type), "{name}");
            assert!(pixels1 == pixels2, "{name}: the pixels differ");
            let channels = pixels1.len() / (640 * 700);
            assert!(
                pixels1
                    .chunks_exact(channels)
                    .enumerate()
                    .all(|(i, p)| p == &color(i)[..channels]),
                "{name}: not the image's pixels"
            );
        }
    }
}
