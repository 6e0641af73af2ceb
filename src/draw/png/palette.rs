//! The palette of an image, if it can have one: its distinct colours counted in one pass over
//! the pixels (which writes the palette indices as it goes), and, for an image with a few more
//! than 256, the rare extra colours sent to their nearest kept one.

use crate::budget::Budget;
use crate::draw::pixels::unpremul;
use crate::error::Result;

/// The palette of an image of at most 256 colours.
pub(super) struct Palette {
    /// Straight RGB per entry.
    pub(super) rgb: Vec<u8>,
    /// Alpha per entry; `None` when every entry is opaque.
    pub(super) alpha: Option<Vec<u8>>,
}

impl Palette {
    /// The palette of premultiplied RGBA words `colors`, in that order.
    fn of(colors: &[u32]) -> Palette {
        let mut rgb = Vec::with_capacity(colors.len() * 3);
        let mut alpha = Vec::with_capacity(colors.len());
        for c in colors {
            let [r, g, b, a] = c.to_ne_bytes();
            rgb.extend_from_slice(&[unpremul(r, a), unpremul(g, a), unpremul(b, a)]);
            alpha.push(a);
        }
        let alpha = if alpha.iter().all(|&a| a == 255) {
            None
        } else {
            Some(alpha)
        };
        Palette { rgb, alpha }
    }
}

/// Distinct colours counted before a palette is given up for RGB.
const MAX_COLORS: usize = 1024;
/// With more than 256 colours, the pixels outside the 256 most used may be at most one in this
/// many…
const RARE_PER: usize = 1000;
/// …and each within this much (by [`distance`]: over black, over white and in alpha) of a kept
/// colour;
const MAX_NEAR_ERROR: u8 = 48;
/// or at most one in this many, each within [`MAX_CLOSE_ERROR`]: translucent rings or stacked
/// areas mix a few hundred edge colours, 0.6–0.8 % of the pixels, none further than 32 from a
/// kept one (Vega-Lite's point_2d and stacked_area examples), a shift of an anti-aliased edge
/// by a fraction of a pixel. A gradient (a colour bar, a heatmap) spreads its pixels over its
/// colours far more evenly and stays RGB.
const CLOSE_PER: usize = 100;
const MAX_CLOSE_ERROR: u8 = 32;

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

/// Runs of pixels whose colour was first seen after 256 others are noted as they come, so that
/// the indices need no second pass: a common colour first seen late (the lower bands of stacked
/// areas, a radar's fills below a title's anti-aliased text) is a few long runs, filled at
/// memset speed. Up to one run in this many pixels (a run costs about what a second pass does
/// on a dozen pixels; 24 bytes each); beyond that (many short late runs) the indices are
/// written again in a second pass if the image turns out to have a palette.
const LATE_PER: usize = 16;

/// The scan of an image's colours, pixel by pixel in order; work is done only where the
/// colour changes.
struct Scan {
    table: ColorCounts,
    /// Runs of pixels (start, end, colour id) whose id does not fit a byte; `None` once they
    /// grow past [`LATE_PER`].
    late: Option<Vec<(usize, usize, u16)>>,
    max_late: usize,
    /// The current colour's id.
    prev_id: u16,
    /// Where the run of the current colour began.
    start: usize,
}

impl Scan {
    /// Scans `pixels` in order, writing each one's colour id to `indices` as long as ids fit
    /// a byte (with at most 256 colours, they are the palette indices). `None` when the image
    /// has too many colours.
    fn run(pixels: &[[u8; 4]], indices: &mut [u8], budget: &Budget) -> Result<Option<Scan>> {
        // Colour ids count up in first-seen order.
        let mut scan = Scan {
            table: ColorCounts::new(),
            late: Some(Vec::new()),
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
                // Charts are mostly runs of one colour: eight pixels equal to the last one at
                // once.
                if all_of(pc, prev) {
                    *oc = [byte; 8];
                    continue;
                }
                let at = (b * BAND + n) * 8;
                if scan.pixels(pc, oc, at, (&mut prev, &mut byte)).is_none() {
                    return Ok(None);
                }
            }
        }
        let at = blocks.len() * 8;
        if scan
            .pixels(rest, out_rest, at, (&mut prev, &mut byte))
            .is_none()
            || scan.end_run(pixels.len()).is_none()
        {
            return Ok(None);
        }
        Ok(Some(scan))
    }

    /// Scans `pixels`, the first of which is pixel `at`, writing their ids to `out`; `current`
    /// is the current colour and its id as a byte. `None` when the image has too many colours.
    #[inline(always)]
    fn pixels(
        &mut self,
        pixels: &[[u8; 4]],
        out: &mut [u8],
        at: usize,
        current: (&mut u32, &mut u8),
    ) -> Option<()> {
        let (prev, byte) = current;
        for (k, (p, o)) in pixels.iter().zip(out.iter_mut()).enumerate() {
            let key = u32::from_ne_bytes(*p);
            if key != *prev {
                self.change(key, at + k)?;
                (*prev, *byte) = (key, self.prev_id as u8);
            }
            *o = *byte;
        }
        Some(())
    }

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
            if let Some(late) = self.late.as_mut().filter(|_| self.prev_id >= 256) {
                late.push((self.start, at, self.prev_id));
                if late.len() > self.max_late {
                    self.late = None;
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
pub(super) fn palettize(
    data: &[u8],
    indices: &mut [u8],
    budget: &Budget,
) -> Result<Option<Palette>> {
    let pixels = data.as_chunks::<4>().0;
    let Some(scan) = Scan::run(pixels, indices, budget)? else {
        return Ok(None);
    };
    if scan.table.colors.len() <= 256 {
        return Ok(Some(Palette::of(&scan.table.colors)));
    }
    let Some(remap) = near_palette(&scan.table, pixels.len(), budget)? else {
        return Ok(None);
    };
    match &scan.late {
        Some(late) => remap.apply(indices, late, budget)?,
        None => remap.apply_again(pixels, indices, &scan.table, budget)?,
    }
    Ok(Some(Palette::of(&remap.palette)))
}

/// A palette of 256 colours for an image with more, and each colour id's index in it.
struct Remap {
    palette: Vec<u32>,
    index: Vec<u8>,
}

impl Remap {
    /// Rewrites `indices`, written by the scan, as indices into the new palette: pixels of the
    /// first 256 colours hold their ids, the `late` runs are filled.
    fn apply(
        &self,
        indices: &mut [u8],
        late: &[(usize, usize, u16)],
        budget: &Budget,
    ) -> Result<()> {
        // Renumber unless nothing moved.
        let lut: [u8; 256] = std::array::from_fn(|i| self.index[i]);
        if lut.iter().enumerate().any(|(i, &v)| v as usize != i) {
            for chunk in indices.chunks_mut(1 << 20) {
                budget.check("encoding PNG")?;
                for ix in chunk {
                    *ix = lut[*ix as usize];
                }
            }
        }
        for &(start, end, id) in late {
            indices[start..end].fill(self.index[id as usize]);
        }
        Ok(())
    }

    /// Writes `indices` again from the pixels' colours, when the scan stopped noting late runs.
    fn apply_again(
        &self,
        pixels: &[[u8; 4]],
        indices: &mut [u8],
        table: &ColorCounts,
        budget: &Budget,
    ) -> Result<()> {
        // The current colour and its index.
        let mut current = (ColorCounts::EMPTY, 0u8);
        let pixel = |p: &[u8; 4], o: &mut u8, current: &mut (u32, u8)| {
            let key = u32::from_ne_bytes(*p);
            if key != current.0 {
                let id = table.ids[table.slot(key)];
                *current = (key, self.index[id as usize]);
            }
            *o = current.1;
        };
        let (blocks, rest) = pixels.as_chunks::<8>();
        let (out_blocks, out_rest) = indices.as_chunks_mut::<8>();
        for (band, out) in blocks.chunks(1 << 15).zip(out_blocks.chunks_mut(1 << 15)) {
            budget.check("encoding PNG")?;
            for (pc, oc) in band.iter().zip(out) {
                // Eight pixels of the current colour at once, as in the scan.
                if all_of(pc, current.0) {
                    *oc = [current.1; 8];
                    continue;
                }
                for (p, o) in pc.iter().zip(oc) {
                    pixel(p, o, &mut current);
                }
            }
        }
        for (p, o) in rest.iter().zip(out_rest) {
            pixel(p, o, &mut current);
        }
        Ok(())
    }
}

/// Whether all eight `pixels` have colour `key`. (Branch-free: the differences ORed together,
/// one vector operation.)
#[inline(always)]
fn all_of(pixels: &[[u8; 4]; 8], key: u32) -> bool {
    pixels
        .iter()
        .fold(0, |d, p| d | (u32::from_ne_bytes(*p) ^ key))
        == 0
}

/// Rare colours far from every kept one that may each take the place of a kept colour.
const MAX_SWAPS: usize = 64;

/// Keeps the 256 most used colours (in first-seen order) and sends each other colour to its
/// nearest kept one; `None` if that moves more than one pixel in [`CLOSE_PER`], or any pixel by
/// more than [`MAX_NEAR_ERROR`] (by more than [`MAX_CLOSE_ERROR`] when more than one pixel in
/// [`RARE_PER`] moves). Where a line's edge crosses a translucent fill, a few rare colours lie
/// far from all the common ones: each takes the place of a little-used kept colour that has a
/// close neighbour, and the image keeps its palette within the same bounds.
fn near_palette(table: &ColorCounts, pixels: usize, budget: &Budget) -> Result<Option<Remap>> {
    let mut keep: Vec<usize> = (0..table.colors.len()).collect();
    keep.sort_by_key(|&i| (std::cmp::Reverse(table.counts[i]), i));
    keep.truncate(256);
    let (far, max_error) = match fit(table, &keep, pixels, budget)? {
        Fit::Remap(remap) => return Ok(Some(remap)),
        Fit::Far(far, max_error) => (far, max_error),
        Fit::None => return Ok(None),
    };
    if !swap_in(table, &mut keep, &far, max_error) {
        return Ok(None);
    }
    match fit(table, &keep, pixels, budget)? {
        Fit::Remap(remap) => Ok(Some(remap)),
        Fit::Far(..) | Fit::None => Ok(None),
    }
}

/// What keeping some 256 colours gives.
enum Fit {
    /// Every other colour is near enough to a kept one.
    Remap(Remap),
    /// These few colours (most used first) are further than the bound from every kept one.
    Far(Vec<usize>, u8),
    /// Too many pixels move, or too many colours are far.
    None,
}

/// Sends each colour not in `keep` (256 colour ids) to its nearest kept one, within the bound
/// that the number of pixels moved sets.
fn fit(table: &ColorCounts, keep: &[usize], pixels: usize, budget: &Budget) -> Result<Fit> {
    let mut keep = keep.to_vec();
    keep.sort_unstable();
    let mut index = vec![None; table.colors.len()];
    for (n, &i) in keep.iter().enumerate() {
        index[i] = Some(n as u8);
    }
    let mut drop: Vec<usize> = (0..table.colors.len())
        .filter(|&i| index[i].is_none())
        .collect();
    drop.sort_by_key(|&i| (std::cmp::Reverse(table.counts[i]), i));
    let moved: usize = drop.iter().map(|&i| table.counts[i] as usize).sum();
    let max_error = if moved * RARE_PER <= pixels {
        MAX_NEAR_ERROR
    } else if moved * CLOSE_PER <= pixels {
        MAX_CLOSE_ERROR
    } else {
        return Ok(Fit::None);
    };
    let kept = Kept::of(table, &keep);
    let mut far = Vec::new();
    for (n, &i) in drop.iter().enumerate() {
        if n % 256 == 0 {
            budget.check("encoding PNG")?;
        }
        let errors = kept.errors(table.colors[i]);
        let error = errors.iter().copied().min().unwrap_or(u8::MAX);
        if error > max_error {
            if far.len() == MAX_SWAPS {
                return Ok(Fit::None);
            }
            far.push(i);
        }
        // The nearest is the first smallest.
        index[i] = Some(errors.iter().position(|&e| e == error).unwrap_or(0) as u8);
    }
    if !far.is_empty() {
        return Ok(Fit::Far(far, max_error));
    }
    Ok(Fit::Remap(Remap {
        palette: keep.iter().map(|&i| table.colors[i]).collect(),
        index: index.into_iter().map(|n| n.unwrap_or(0)).collect(),
    }))
}

/// Puts the `far` colours (most used first) into `keep` (most used first), each in place of
/// the least used kept colour within `max_error` of another; colours within `max_error` of one
/// already put in stay out. `false` if too few kept colours have a near neighbour.
fn swap_in(table: &ColorCounts, keep: &mut [usize], far: &[usize], max_error: u8) -> bool {
    let mut promoted: Vec<usize> = Vec::new();
    for &f in far {
        let near = |&p: &usize| distance(table.colors[p], table.colors[f]) <= max_error;
        if !promoted.iter().any(near) {
            promoted.push(f);
        }
    }
    let kept = Kept::of(table, keep);
    let mut out = [false; 256];
    let mut places = Vec::with_capacity(promoted.len());
    for at in (0..keep.len()).rev() {
        if places.len() == promoted.len() {
            break;
        }
        let color = table.colors[keep[at]];
        let errors = kept.errors(color);
        let to_kept = (0..keep.len())
            .filter(|&q| q != at && !out[q])
            .map(|q| errors[q]);
        let to_promoted = promoted.iter().map(|&p| distance(table.colors[p], color));
        if to_kept
            .chain(to_promoted)
            .min()
            .is_some_and(|e| e <= max_error)
        {
            out[at] = true;
            places.push(at);
        }
    }
    if places.len() < promoted.len() {
        return false;
    }
    for (at, p) in places.into_iter().zip(promoted) {
        keep[at] = p;
    }
    true
}

/// How far apart two premultiplied RGBA words look: the largest difference of a channel
/// composited over black (the premultiplied value) or over white (255 − alpha + value), or of
/// alpha. Over any other background a channel lies between those two, so the error does too:
/// a translucent pixel moved within the bound is within it on whatever page shows it.
fn distance(a: u32, b: u32) -> u8 {
    let (a, b) = (looks(a), looks(b));
    (0..LOOKS).map(|i| a[i].abs_diff(b[i])).max().unwrap_or(0)
}

/// The values [`distance`] compares.
const LOOKS: usize = 7;

/// A premultiplied RGBA word's channels over black, alpha, and its channels over white
/// (as 255 minus them: alpha − value, never negative when premultiplied).
fn looks(color: u32) -> [u8; LOOKS] {
    let [r, g, b, a] = color.to_ne_bytes();
    [
        r,
        g,
        b,
        a,
        a.saturating_sub(r),
        a.saturating_sub(g),
        a.saturating_sub(b),
    ]
}

/// Up to 256 kept colours a value at a time, so that a colour's distance to all of them is
/// a few vector operations.
struct Kept {
    planes: [[u8; 256]; LOOKS],
    len: usize,
}

impl Kept {
    fn of(table: &ColorCounts, keep: &[usize]) -> Kept {
        let mut planes = [[0u8; 256]; LOOKS];
        for (k, &j) in keep.iter().enumerate() {
            for (plane, v) in planes.iter_mut().zip(looks(table.colors[j])) {
                plane[k] = v;
            }
        }
        Kept {
            planes,
            len: keep.len(),
        }
    }

    /// The [`distance`] of `color` to each kept colour (255 past the last).
    fn errors(&self, color: u32) -> [u8; 256] {
        let mut errors = [0u8; 256];
        for (plane, v) in self.planes.iter().zip(looks(color)) {
            for (e, &p) in errors.iter_mut().zip(plane) {
                // (max − min rather than abs_diff: the form that vectorizes.)
                *e = (*e).max(p.max(v) - p.min(v));
            }
        }
        errors[self.len..].fill(u8::MAX);
        errors
    }
}
