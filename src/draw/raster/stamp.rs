//! Marker stamps: a marker's shape rasterized once per size and sub-pixel phase into a
//! [`Coverage`] mask, then blended wherever it is drawn, or unioned by the thousand into a
//! [`StrokeMask`] and blended once. This keeps a 10,000-point scatter plot in the low
//! milliseconds.

use super::mask::StrokeMask;
use super::{level16, polygon_path, Coverage, PHASES};
use crate::draw::{floor, marker_outline, open_marker_outline, open_stroke};
use crate::spec::MarkerKind;
use std::collections::HashMap;
use tiny_skia::{FillRule, Mask, PathBuilder, Transform};

/// Marker stamps by kind, size in 1/16 pixel, and horizontal and vertical phase.
pub(super) type MarkerCache = HashMap<(MarkerKind, u32, u8, u8), Coverage>;

/// The cached coverage of a marker at (`cx`, `cy`) and the pixel it is anchored to.
pub(super) fn marker_coverage(
    markers: &mut MarkerCache,
    kind: MarkerKind,
    cx: f32,
    cy: f32,
    size: f32,
) -> (i32, i32, &Coverage) {
    let (ix, iy) = (floor(cx), floor(cy));
    let fx = floor((cx - ix) * PHASES).min(PHASES - 1.0);
    let fy = floor((cy - iy) * PHASES).min(PHASES - 1.0);
    let key = (kind, (size * 16.0) as u32, fx as u8, fy as u8);
    let cov = markers
        .entry(key)
        .or_insert_with(|| marker_mask(kind, size, (fx + 0.5) / PHASES, (fy + 0.5) / PHASES));
    (ix as i32, iy as i32, cov)
}

/// The coverage of a marker `size` pixels across whose centre lies (`fx`, `fy`) into its
/// anchor pixel, in sixteen levels, trimmed to the rows and columns it covers.
pub(super) fn marker_mask(kind: MarkerKind, size: f32, fx: f32, fy: f32) -> Coverage {
    if matches!(kind, MarkerKind::Circle | MarkerKind::None) {
        return super::disc::disc_coverage(size, fx, fy);
    }
    // An open marker's mitred corners reach up to a stroke's width past its outline.
    let pad = 1 + if kind.is_open() {
        open_stroke(size).ceil() as i32
    } else {
        0
    };
    let half = (size * 0.6).ceil() as i32 + pad;
    let side = (2 * half + 1) as u32;
    let (cx, cy) = (half as f32 + fx, half as f32 + fy);
    let path = if kind.is_open() {
        open_path(kind, size, cx, cy)
    } else {
        polygon_path(&placed(marker_outline(kind, size), cx, cy))
    };
    let mut mask = Mask::new(side, side).expect("marker mask size is positive");
    if let Some(path) = path {
        mask.fill_path(&path, FillRule::Winding, true, Transform::identity());
    }
    // Quantize like strokes, and trim empty rows and columns: stamps are blended by the
    // thousand, so every byte saved counts.
    let data: Vec<u8> = mask
        .data()
        .iter()
        .map(|&c| level16(c as f32 / 255.0))
        .collect();
    trimmed(&data, side as usize, half)
}

/// `outline` moved to centre (`cx`, `cy`).
fn placed(outline: Vec<(f32, f32)>, cx: f32, cy: f32) -> Vec<(f32, f32)> {
    outline.into_iter().map(|(x, y)| (x + cx, y + cy)).collect()
}

/// The area an open marker covers, centred on (`cx`, `cy`): its outline stroked (mitred, so a
/// square keeps its corners), as a path to fill.
fn open_path(kind: MarkerKind, size: f32, cx: f32, cy: f32) -> Option<tiny_skia::Path> {
    let outline = if kind.filled() == MarkerKind::Circle {
        PathBuilder::from_circle(cx, cy, (size - open_stroke(size)) / 2.0)?
    } else {
        polygon_path(&placed(open_marker_outline(kind, size), cx, cy))?
    };
    let stroke = tiny_skia::Stroke {
        width: open_stroke(size),
        line_join: tiny_skia::LineJoin::Miter,
        ..Default::default()
    };
    outline.stroke(&stroke, 1.0)
}

/// The square coverage `data`, `side` pixels across and centred `half` pixels from its corner,
/// without its empty rows and columns.
fn trimmed(data: &[u8], side: usize, half: i32) -> Coverage {
    let rows: Vec<usize> = (0..side)
        .filter(|r| data[r * side..(r + 1) * side].iter().any(|&c| c > 0))
        .collect();
    let cols: Vec<usize> = (0..side)
        .filter(|c| (0..side).any(|r| data[r * side + c] > 0))
        .collect();
    let (Some(&r0), Some(&r1), Some(&c0), Some(&c1)) =
        (rows.first(), rows.last(), cols.first(), cols.last())
    else {
        return Coverage::empty();
    };
    let (w, h) = (c1 - c0 + 1, r1 - r0 + 1);
    let mut trimmed = Vec::with_capacity(w * h);
    for r in r0..=r1 {
        trimmed.extend_from_slice(&data[r * side + c0..=r * side + c1]);
    }
    Coverage {
        left: -half + c0 as i32,
        top: -half + r0 as i32,
        width: w,
        height: h,
        data: trimmed,
    }
}

/// Unions markers of one kind and size centred on `centers` into `mask`, asking `keep_going`
/// every 1024; `false` when it said no and stamping stopped.
pub(super) fn stamp_markers(
    mask: &mut StrokeMask,
    kind: MarkerKind,
    size: f32,
    centers: &[(f32, f32)],
    keep_going: &mut dyn FnMut() -> bool,
) -> bool {
    // One stamp per sub-pixel phase, made once for the whole batch.
    let phases = PHASES as usize;
    let stamps: Vec<Coverage> = (0..phases * phases)
        .map(|i| {
            let (fx, fy) = ((i % phases) as f32, (i / phases) as f32);
            marker_mask(kind, size, (fx + 0.5) / PHASES, (fy + 0.5) / PHASES)
        })
        .collect();
    // Stamps up to 16 pixels wide also as rows of 16, for the fast path.
    let padded: Vec<Vec<[u8; 16]>> = stamps
        .iter()
        .filter(|c| c.width <= 16)
        .map(rows16)
        .collect();
    let narrow = padded.len() == stamps.len();
    for (i, &(x, y)) in centers.iter().enumerate() {
        if i % 1024 == 1023 && !keep_going() {
            return false;
        }
        if x.is_finite() && y.is_finite() {
            // In quarter pixels (×4 is exact): the pixel is the quotient by 4, the phase
            // the remainder — what flooring x and then its fraction × 4 gives.
            let (qx, qy) = (floor(x * PHASES) as i32, floor(y * PHASES) as i32);
            let (ix, iy) = (qx >> 2, qy >> 2);
            let k = (qy & 3) as usize * phases + (qx & 3) as usize;
            if narrow {
                mask.stamp16(&stamps[k], &padded[k], ix, iy);
            } else {
                mask.stamp(&stamps[k], ix, iy);
            }
        }
    }
    true
}

/// The rows of a stamp at most 16 pixels wide, zero-padded to 16.
fn rows16(cov: &Coverage) -> Vec<[u8; 16]> {
    cov.data
        .chunks(cov.width.max(1))
        .map(|row| std::array::from_fn(|k| row.get(k).copied().unwrap_or(0)))
        .collect()
}

impl StrokeMask {
    /// Unions a coverage stamp anchored at pixel (`ox`, `oy`) into the mask.
    pub(super) fn stamp(&mut self, cov: &Coverage, ox: i32, oy: i32) {
        let (x0, y0) = (ox + cov.left, oy + cov.top);
        for row in 0..cov.height {
            let y = y0 + row as i32;
            if y < 0 || y >= self.height as i32 {
                continue;
            }
            let (xs, xe) = (x0.max(0), (x0 + cov.width as i32).min(self.width as i32));
            if xs >= xe {
                continue;
            }
            self.touch(y as usize, xs as usize, xe as usize - 1);
            let src = &cov.data
                [row * cov.width + (xs - x0) as usize..row * cov.width + (xe - x0) as usize];
            let dst = &mut self.cov
                [y as usize * self.stride + xs as usize..y as usize * self.stride + xe as usize];
            for (d, &s) in dst.iter_mut().zip(src) {
                *d = (*d).max(s);
            }
        }
    }

    /// [`Self::stamp`] for a stamp at most 16 pixels wide, its rows zero-padded to 16: where it
    /// lies wholly inside the mask (the row padding counts), each row is one 16-byte maximum,
    /// with no clipping and no remainder loop. Scatter plots stamp thousands of these.
    #[inline]
    pub(super) fn stamp16(&mut self, cov: &Coverage, rows: &[[u8; 16]], ox: i32, oy: i32) {
        let (x0, y0) = (ox + cov.left, oy + cov.top);
        let inside = cov.width > 0
            && x0 >= 0
            && y0 >= 0
            && x0 as usize + 16 <= self.stride
            && y0 as usize + rows.len() <= self.height;
        if !inside {
            return self.stamp(cov, ox, oy);
        }
        let (x0, y0) = (x0 as usize, y0 as usize);
        let x1 = (x0 + cov.width - 1).min(self.width - 1);
        // Every row spans the same blocks: `touch`'s work once, unless blocks need zeroing.
        let bits =
            (u64::MAX << (x0 >> self.block_shift)) & (u64::MAX >> (63 - (x1 >> self.block_shift)));
        if !rows.is_empty() {
            self.rows = (self.rows.0.min(y0), self.rows.1.max(y0 + rows.len() - 1));
        }
        for (r, src) in rows.iter().enumerate() {
            if self.dirty {
                self.touch(y0 + r, x0, x1);
            } else {
                self.blocks[y0 + r] |= bits;
            }
            // Past `x1` the stamp is zero: the maximum leaves those bytes as they were.
            let at = (y0 + r) * self.stride + x0;
            let dst: &mut [u8; 16] = (&mut self.cov[at..at + 16]).try_into().expect("16 bytes");
            for k in 0..16 {
                dst[k] = dst[k].max(src[k]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_stamps_mark_what_plain_ones_do() {
        let cov = marker_mask(MarkerKind::Circle, 9.0, 0.375, 0.625);
        assert!(cov.width <= 16);
        let rows = rows16(&cov);
        let (mut plain, mut padded) = (StrokeMask::new(61, 47), StrokeMask::new(61, 47));
        // Inside, on every edge and corner, and off the mask.
        for (x, y) in [
            (30, 20),
            (0, 0),
            (60, 46),
            (58, 10),
            (2, 45),
            (-3, 20),
            (64, 50),
        ] {
            plain.stamp(&cov, x, y);
            padded.stamp16(&cov, &rows, x, y);
        }
        for y in 0..47 {
            let row = y * plain.stride;
            assert_eq!(
                plain.cov[row..row + 61],
                padded.cov[row..row + 61],
                "row {y}"
            );
        }
        assert_eq!(plain.blocks, padded.blocks);
        assert_eq!(plain.rows, padded.rows);
    }
}
