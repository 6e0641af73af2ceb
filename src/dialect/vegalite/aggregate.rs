//! Points aggregated per position (`sum`, `mean`, `median`, … of the rows at each), for
//! series, ranges and text marks.

use super::channel::Op;
use super::first_seen::{FirstSeen, ValueKey};
use super::order::Point;

/// Aggregates a group's points per position with `op`, in first-seen order.
pub(super) fn aggregate(points: Vec<Point>, op: Op) -> Vec<Point> {
    // Each group: its first point, the finite values, how many points.
    let mut seen = FirstSeen::new();
    for (i, (p, v, _)) in points.iter().enumerate() {
        let group = seen.group(ValueKey::of(p), || (i, Finite::Empty, 0));
        group.2 += 1;
        if v.is_finite() {
            group.1.push(*v);
        }
    }
    let groups = seen.into_groups();
    let mut points = points;
    groups
        .into_iter()
        .map(|(first, mut vals, n)| {
            let p = std::mem::take(&mut points[first].0);
            (p, op.apply(vals.as_mut_slice(), n), f64::NAN)
        })
        .collect()
}

/// A group's finite values, the first kept in place: most positions of a time series have one
/// row per colour (stacked_area: 1,708 groups of one), which then need no vector of their own.
enum Finite {
    Empty,
    One(f64),
    Many(Vec<f64>),
}

impl Finite {
    fn push(&mut self, v: f64) {
        match self {
            Finite::Empty => *self = Finite::One(v),
            Finite::One(first) => *self = Finite::Many(vec![*first, v]),
            Finite::Many(all) => all.push(v),
        }
    }

    fn as_mut_slice(&mut self) -> &mut [f64] {
        match self {
            Finite::Empty => &mut [],
            Finite::One(v) => std::slice::from_mut(v),
            Finite::Many(all) => all,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Every aggregate over groups of no, one, two and three finite values (a `NaN` counted
    /// by `count` only) is what the aggregate gives the group's values gathered in order, and
    /// the groups keep their first-seen order.
    #[test]
    fn aggregates_groups_of_every_size_as_their_values_gathered() {
        let points: Vec<Point> = [
            ("a", f64::NAN),
            ("b", 3.0),
            ("c", 2.0),
            ("b", 1.5),
            ("c", -4.0),
            ("c", 7.25),
            ("a", f64::NAN),
            ("d", 0.1),
            ("d", f64::NAN),
            ("d", 0.2),
        ]
        .iter()
        .map(|&(p, v)| (json!(p), v, f64::NAN))
        .collect();
        for op in [Op::Count, Op::Sum, Op::Mean, Op::Min, Op::Max, Op::Median] {
            let got = aggregate(points.clone(), op);
            let names: Vec<&Value> = got.iter().map(|p| &p.0).collect();
            assert_eq!(names, [&json!("a"), &json!("b"), &json!("c"), &json!("d")]);
            for (p, v, _) in &got {
                let group = points.iter().filter(|q| &q.0 == p);
                let mut values: Vec<f64> = group
                    .clone()
                    .map(|q| q.1)
                    .filter(|v| v.is_finite())
                    .collect();
                let want = op.apply(&mut values, group.count());
                assert_eq!(
                    v.to_bits(),
                    want.to_bits(),
                    "{op:?} of {p}: {v} against {want}"
                );
            }
        }
    }
}
