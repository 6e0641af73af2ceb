//! The `stack` transform: each row's start and end in its group's stack, as Vega stacks —
//! positive and negative values apart from zero (`offset: "zero"`), as shares of the group's
//! total (`"normalize"`), or centred on the largest group (`"center"`). The rows keep their
//! order; each group stacks in its `sort` order, else in the rows' order.

use super::super::node::Node;
use super::data::{field_number, number_value, Row};
use crate::error::{Error, Result};

/// How a stack is offset.
#[derive(Clone, Copy, PartialEq)]
enum Offset {
    Zero,
    Normalize,
    Center,
}

/// Applies the stack transform `t` to `rows`.
pub(super) fn stack(t: &Node, mut rows: Vec<Row>) -> Result<Vec<Row>> {
    let Some(field) = t.get("stack").str().map(str::to_owned) else {
        return Err(Error::unsupported(
            t.get("stack").path(),
            "the stack transform needs the name of the field it stacks",
        ));
    };
    let names = t.get("as");
    let (start, end) = match (names.str(), names.strings().as_slice()) {
        (Some(s), _) => (s.to_owned(), format!("{s}_end")),
        (None, [a, b]) => (a.clone(), b.clone()),
        _ => {
            return Err(Error::unsupported(
                names.path(),
                "the stack transform needs `as`: the two fields it writes (start and end)",
            ))
        }
    };
    let offset = match t.get("offset").str() {
        None | Some("zero") => Offset::Zero,
        Some("normalize") => Offset::Normalize,
        Some("center") => Offset::Center,
        Some(other) => {
            return Err(Error::unsupported(
                t.get("offset").path(),
                format!(
                    "the {other:?} stack offset is not computed (zero, normalize and center are)"
                ),
            ))
        }
    };
    let sort = super::window::sort_fields(t);
    // Rows equal under `sort` keep their order (a stable sort), as the window's do.
    let (groups, _) = super::window::sorted_partitions(&rows, &t.get("groupby").strings(), &sort);
    let value = |r: &Row| {
        let v = field_number(r, Some(&field));
        if v.is_finite() {
            v
        } else {
            0.0
        }
    };
    let totals: Vec<f64> = groups
        .iter()
        .map(|idx| idx.iter().map(|&i| value(&rows[i]).abs()).sum())
        .collect();
    let largest = totals.iter().copied().fold(0.0, f64::max);
    for (idx, total) in groups.iter().zip(&totals) {
        let (mut up, mut down) = match offset {
            Offset::Center => ((largest - total) / 2.0, 0.0),
            _ => (0.0, 0.0),
        };
        let scale = match offset {
            Offset::Normalize if *total > 0.0 => 1.0 / total,
            _ => 1.0,
        };
        for &i in idx {
            let v = value(&rows[i]);
            // Zero offset: negative values stack down from zero; the others take magnitudes.
            let (s, e) = if offset == Offset::Zero && v < 0.0 {
                let s = down;
                down += v;
                (s, down)
            } else {
                let s = up;
                up += if offset == Offset::Zero { v } else { v.abs() };
                (s, up)
            };
            rows[i].insert(start.clone(), number_value(s * scale));
            rows[i].insert(end.clone(), number_value(e * scale));
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(t: serde_json::Value, rows: serde_json::Value) -> Vec<(f64, f64)> {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_value(rows).unwrap();
        let rows = rows.into_iter().map(Row::from).collect();
        let out = stack(&Node::root(&t, ""), rows).unwrap();
        out.iter()
            .map(|r| (r["y0"].as_f64().unwrap(), r["y1"].as_f64().unwrap()))
            .collect()
    }

    /// As Vega stacks: per group, positive values up from zero and negative ones down from it,
    /// in `sort` order, the rows left in their order.
    #[test]
    fn zero_offset_stacks_each_sign_apart_in_sort_order() {
        let rows = json!([
            {"g": "a", "k": 2, "v": 3}, {"g": "a", "k": 1, "v": 2},
            {"g": "a", "k": 3, "v": -4}, {"g": "b", "k": 1, "v": 5}
        ]);
        let t =
            json!({"stack": "v", "groupby": ["g"], "sort": [{"field": "k"}], "as": ["y0", "y1"]});
        assert_eq!(
            run(t, rows),
            vec![(2.0, 5.0), (0.0, 2.0), (0.0, -4.0), (0.0, 5.0)]
        );
    }

    #[test]
    fn normalize_and_center_offsets() {
        let rows = json!([{"g": "a", "v": 1}, {"g": "a", "v": 3}, {"g": "b", "v": 2}]);
        let t = json!({"stack": "v", "groupby": ["g"], "offset": "normalize", "as": ["y0", "y1"]});
        assert_eq!(
            run(t, rows.clone()),
            vec![(0.0, 0.25), (0.25, 1.0), (0.0, 1.0)]
        );
        // Centred on the largest stack (4): b's 2 runs from 1 to 3.
        let t = json!({"stack": "v", "groupby": ["g"], "offset": "center", "as": ["y0", "y1"]});
        assert_eq!(run(t, rows), vec![(0.0, 1.0), (1.0, 4.0), (1.0, 3.0)]);
    }

    #[test]
    fn a_stack_without_field_names_or_with_an_unknown_offset_is_refused() {
        for (t, path) in [
            (json!({"stack": "v"}), "/as"),
            (
                json!({"stack": "v", "as": ["a", "b"], "offset": "wiggle"}),
                "/offset",
            ),
            (json!({"stack": 3, "as": ["a", "b"]}), "/stack"),
        ] {
            let e = stack(&Node::root(&t, ""), Vec::new()).err().unwrap();
            assert_eq!(e.path.as_deref(), Some(path), "{t}");
        }
    }
}
