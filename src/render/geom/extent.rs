//! Data extents: how far the prepared shapes reach along each screen axis, which the axis
//! ranges are made from.

use super::{Geom, Shape, CHUNK};
use crate::budget::Budget;
use crate::error::Result;

/// Data extents of the prepared shapes along one screen axis.
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    pub min: f64,
    pub max: f64,
    /// The smallest value above zero: where a log axis starts when bars or areas grow from 0.
    pub min_positive: f64,
    /// Bars, areas and histograms grow from zero: the axis should not pad past it.
    pub zero_baseline: bool,
    // v2: axis `zero: false`
    /// The extent without the zero baselines of bars and areas: what `zero: false` fits.
    pub fit: (f64, f64),
}

impl Extent {
    pub(super) fn empty() -> Extent {
        Extent {
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            min_positive: f64::INFINITY,
            zero_baseline: false,
            fit: (f64::INFINITY, f64::NEG_INFINITY),
        }
    }
    pub fn add(&mut self, v: f64) {
        if v.is_finite() {
            self.min = self.min.min(v);
            self.max = self.max.max(v);
            if v > 0.0 {
                self.min_positive = self.min_positive.min(v);
            }
            self.fit = (self.fit.0.min(v), self.fit.1.max(v));
        }
    }
    /// Adds the base of a bar or area: a zero base is not part of the data's own extent.
    fn add_base(&mut self, v: f64) {
        let fit = self.fit;
        self.add(v);
        if v == 0.0 {
            self.fit = fit;
        }
    }
    pub fn is_empty(&self) -> bool {
        self.min > self.max
    }
    pub fn merge(&mut self, o: &Extent) {
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
        self.min_positive = self.min_positive.min(o.min_positive);
        self.zero_baseline |= o.zero_baseline;
        self.fit = (self.fit.0.min(o.fit.0), self.fit.1.max(o.fit.1));
    }
}

/// The extents of the points whose coordinates are both finite, written as branch-free
/// selects over four points at a time so that it vectorizes (lines of a million points).
fn point_extents(pts: &[(f64, f64)]) -> (Extent, Extent) {
    const L: usize = 4;
    let (inf, ninf) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut lo, mut hi, mut pos) = ([[inf; L]; 2], [[ninf; L]; 2], [[inf; L]; 2]);
    let (chunks, rest) = pts.as_chunks::<L>();
    for c in chunks {
        for i in 0..L {
            let v = [c[i].0, c[i].1];
            let ok = v[0].is_finite() & v[1].is_finite();
            for a in 0..2 {
                let low = if ok { v[a] } else { inf };
                let high = if ok { v[a] } else { ninf };
                let positive = if ok && v[a] > 0.0 { v[a] } else { inf };
                lo[a][i] = if low < lo[a][i] { low } else { lo[a][i] };
                hi[a][i] = if high > hi[a][i] { high } else { hi[a][i] };
                pos[a][i] = if positive < pos[a][i] {
                    positive
                } else {
                    pos[a][i]
                };
            }
        }
    }
    let mut e = [Extent::empty(), Extent::empty()];
    for (a, e) in e.iter_mut().enumerate() {
        for i in 0..L {
            e.merge(&Extent {
                min: lo[a][i],
                max: hi[a][i],
                min_positive: pos[a][i],
                zero_baseline: false,
                fit: (lo[a][i], hi[a][i]),
            });
        }
    }
    for &(x, y) in rest {
        if x.is_finite() && y.is_finite() {
            e[0].add(x);
            e[1].add(y);
        }
    }
    let [ex, ey] = e;
    (ex, ey)
}

/// The extents of all shapes along screen x and y.
pub fn extents<'a>(
    shapes: impl IntoIterator<Item = &'a Shape>,
    budget: &Budget,
) -> Result<(Extent, Extent)> {
    let (mut ex, mut ey) = (Extent::empty(), Extent::empty());
    for s in shapes {
        match &s.geom {
            Geom::Path { pts, .. } | Geom::Points { pts, .. } => {
                for chunk in pts.chunks(CHUNK) {
                    budget.check("measuring the data")?;
                    let (cx, cy) = point_extents(chunk);
                    ex.merge(&cx);
                    ey.merge(&cy);
                }
            }
            Geom::Rects {
                rects,
                horizontal,
                floating: true,
                ..
            } => {
                let e = if *horizontal { &mut ex } else { &mut ey };
                let (a, b) = if *horizontal { (0, 1) } else { (2, 3) };
                for r in rects {
                    e.add(r[a]);
                    e.add(r[b]);
                }
                let (c, d) = if *horizontal { (2, 3) } else { (0, 1) };
                let cat = if *horizontal { &mut ey } else { &mut ex };
                for r in rects {
                    cat.add(r[c]);
                    cat.add(r[d]);
                }
            }
            Geom::Rects {
                rects, horizontal, ..
            } => {
                for r in rects {
                    if *horizontal {
                        ex.add_base(r[0]);
                        ex.add(r[1]);
                        ey.add(r[2]);
                        ey.add(r[3]);
                    } else {
                        ex.add(r[0]);
                        ex.add(r[1]);
                        ey.add_base(r[2]);
                        ey.add(r[3]);
                    }
                }
                if *horizontal {
                    ex.zero_baseline = true;
                } else {
                    ey.zero_baseline = true;
                }
            }
            Geom::Band { xs, lo, hi, .. } => {
                for ((&x, &a), &b) in xs.iter().zip(lo).zip(hi) {
                    if b.is_finite() {
                        ex.add(x);
                        ey.add_base(a);
                        ey.add(b);
                    }
                }
                ey.zero_baseline = true;
            }
            Geom::Mark(m) => m.extend(&mut ex, &mut ey, budget)?,
        }
    }
    Ok((ex, ey))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_extents_match_point_by_point() {
        let vals = [
            3.5,
            -2.0,
            f64::NAN,
            0.0,
            1e-300,
            f64::INFINITY,
            7.25,
            -1e9,
            0.5,
        ];
        for n in 0..40 {
            let pts: Vec<(f64, f64)> = (0..n)
                .map(|i| (vals[i % vals.len()], vals[(i * 5 + 2) % vals.len()]))
                .collect();
            let (mut ex, mut ey) = (Extent::empty(), Extent::empty());
            for &(x, y) in &pts {
                if x.is_finite() && y.is_finite() {
                    ex.add(x);
                    ey.add(y);
                }
            }
            let (vx, vy) = point_extents(&pts);
            for (a, b) in [(ex, vx), (ey, vy)] {
                assert_eq!(
                    (a.min, a.max, a.min_positive),
                    (b.min, b.max, b.min_positive),
                    "{n} points"
                );
            }
        }
    }
}
