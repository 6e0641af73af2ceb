//! v2: new series types — a filled polygon cut to a rectangle (Sutherland–Hodgman), so that a
//! band running out of the plot is cut along the plot's edge, not squashed onto it.

use crate::render::frame::Rect;

/// A side of the rectangle: what lies inside it, and where a segment crosses it.
#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    fn inside(self, r: &Rect, p: (f32, f32)) -> bool {
        match self {
            Side::Left => p.0 >= r.x0,
            Side::Right => p.0 <= r.x1,
            Side::Top => p.1 >= r.y0,
            Side::Bottom => p.1 <= r.y1,
        }
    }

    fn cross(self, r: &Rect, a: (f32, f32), b: (f32, f32)) -> (f32, f32) {
        match self {
            Side::Left => at_x(a, b, r.x0),
            Side::Right => at_x(a, b, r.x1),
            Side::Top => at_y(a, b, r.y0),
            Side::Bottom => at_y(a, b, r.y1),
        }
    }
}

/// `poly` (in pixels, any winding) cut to `r`; fewer than 3 points when nothing is left.
pub fn clip_polygon(poly: &[(f32, f32)], r: &Rect) -> Vec<(f32, f32)> {
    let mut out = poly.to_vec();
    for side in [Side::Left, Side::Right, Side::Top, Side::Bottom] {
        let Some(&last) = out.last() else {
            break;
        };
        let input = std::mem::take(&mut out);
        let mut prev = last;
        for &p in &input {
            match (side.inside(r, prev), side.inside(r, p)) {
                (true, true) => out.push(p),
                (true, false) => out.push(side.cross(r, prev, p)),
                (false, true) => {
                    out.push(side.cross(r, prev, p));
                    out.push(p);
                }
                (false, false) => {}
            }
            prev = p;
        }
    }
    out
}

/// Where segment `a`–`b` crosses the vertical line at `x`.
fn at_x(a: (f32, f32), b: (f32, f32), x: f32) -> (f32, f32) {
    let t = (x - a.0) / (b.0 - a.0);
    (x, a.1 + t * (b.1 - a.1))
}

/// Where segment `a`–`b` crosses the horizontal line at `y`.
fn at_y(a: (f32, f32), b: (f32, f32), y: f32) -> (f32, f32) {
    let t = (y - a.1) / (b.1 - a.1);
    (a.0 + t * (b.0 - a.0), y)
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Rect = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 10.0,
        y1: 10.0,
    };

    #[test]
    fn a_polygon_inside_is_kept_and_one_outside_vanishes() {
        let inside = [(1.0, 1.0), (5.0, 1.0), (5.0, 5.0)];
        assert_eq!(clip_polygon(&inside, &R), inside.to_vec());
        assert!(clip_polygon(&[(11.0, 1.0), (15.0, 1.0), (15.0, 5.0)], &R).len() < 3);
    }

    #[test]
    fn a_band_leaving_the_plot_is_cut_along_the_edge() {
        // A band from x = -10 to 10 whose top rises from y 0 to 10: at the edge x = 0 the top
        // is at 5 (interpolated), not at 0 (the vertex squashed onto the edge).
        let band = [(-10.0, 0.0), (10.0, 10.0), (10.0, 10.0), (-10.0, 2.0)];
        let cut = clip_polygon(&[band[0], band[1], (10.0, 12.0), (-10.0, 2.0)], &R);
        assert!(cut.contains(&(0.0, 5.0)), "{cut:?}");
        assert!(cut.iter().all(|p| R.contains(*p)), "{cut:?}");
    }
}
