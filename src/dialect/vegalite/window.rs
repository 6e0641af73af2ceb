//! Vega-Lite's `window` transform: per group (`groupby`), in `sort` order, running, whole-group
//! or sliding (`frame`) aggregates, ranks, and other rows' values (`lead`, `lag`, …).

use super::super::node::Node;
use super::data::{field_number, number_value, partitions, Row};
use crate::error::{Error, Result};
use serde_json::Value;

/// `window`: per group (`groupby`), in `sort` order, a running (`frame` `[null, 0]`, the
/// default), whole-group (`[null, null]`) or sliding (`[-15, 15]`: a rolling mean) `count`,
/// `sum`, `mean`, `min` or `max`, a `row_number`, `rank` or `dense_rank`, or another row's value
/// (`lead`, `lag`, `first_value`, `last_value`), added to each row.
pub(super) fn window(t: &Node, mut rows: Vec<Row>) -> Result<Vec<Row>> {
    let frame = t.get("frame");
    let offset = |v: &Value| -> Result<Option<i64>> {
        match v {
            Value::Null => Ok(None),
            v => v
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() <= 1e9)
                .map(|f| Some(f as i64))
                .ok_or_else(|| {
                    Error::spec(frame.path(), "a frame bound is a whole number or null")
                }),
        }
    };
    let bounds = match frame.array().map(Vec::as_slice) {
        None => (None, Some(0)),
        Some([a, b]) => (offset(a)?, offset(b)?),
        Some(_) => return Err(Error::spec(frame.path(), "a frame is [start, end]")),
    };
    let whole = match bounds {
        (None, Some(0)) => false,
        (None, None) => true,
        sliding => return sliding_window(t, rows, sliding),
    };
    let groupby = t.get("groupby").strings();
    let sort = sort_fields(t);
    let spec = t.get("window");
    let mut ops = Vec::new();
    for i in 0..spec.array().map_or(0, Vec::len) {
        let w = spec.at(i);
        let op = w.get("op").str().unwrap_or_default().to_owned();
        if !matches!(
            op.as_str(),
            "row_number"
                | "rank"
                | "dense_rank"
                | "count"
                | "sum"
                | "mean"
                | "average"
                | "min"
                | "max"
                | "lead"
                | "lag"
                | "first_value"
                | "last_value"
        ) {
            return Err(Error::unsupported(
                w.get("op").path(),
                format!("the window op {op:?} is not computed (row_number, rank, dense_rank, count, sum, mean, min, max, lead, lag, first_value and last_value are)"),
            ));
        }
        // lead and lag look `param` rows ahead or back (1 unless given).
        let param =
            match w.get("param").value {
                None => 1,
                Some(v) => v.as_u64().filter(|&p| p <= 1_000_000).ok_or_else(|| {
                    Error::spec(w.get("param").path(), "an offset is a whole number")
                })? as usize,
            };
        let field = w.get("field").str().map(str::to_owned);
        let name = w
            .get("as")
            .str()
            .map(str::to_owned)
            .unwrap_or_else(|| op.clone());
        ops.push((op, field, name, param));
    }
    let num = |r: &Row, f: &Option<String>| field_number(r, f.as_deref());
    let (groups, keys) = sorted_partitions(&rows, &groupby, &sort);
    for idx in groups {
        for (op, field, name, param) in &ops {
            // The ops that copy another row's value (of any type), not a number.
            let shifted = |pos: usize| -> Option<usize> {
                match op.as_str() {
                    "lead" => Some(pos + param).filter(|&p| p < idx.len()),
                    "lag" => pos.checked_sub(*param),
                    "first_value" => Some(0),
                    "last_value" => Some(if whole { idx.len() - 1 } else { pos }),
                    _ => None,
                }
            };
            if matches!(op.as_str(), "lead" | "lag" | "first_value" | "last_value") {
                for pos in 0..idx.len() {
                    let v = shifted(pos)
                        .and_then(|p| field.as_ref().and_then(|f| rows[idx[p]].get(f)))
                        .cloned()
                        .unwrap_or(Value::Null);
                    rows[idx[pos]].insert(name.clone(), v);
                }
                continue;
            }
            let (mut sum, mut n, mut lo, mut hi) = (0.0, 0usize, f64::INFINITY, f64::NEG_INFINITY);
            let (mut rank, mut dense, mut prev): (usize, usize, Option<Vec<Value>>) = (0, 0, None);
            let totals = whole.then(|| {
                let vals: Vec<f64> = idx
                    .iter()
                    .map(|&i| num(&rows[i], field))
                    .filter(|v| v.is_finite())
                    .collect();
                (
                    vals.iter().sum::<f64>(),
                    vals.len(),
                    vals.iter().copied().fold(f64::INFINITY, f64::min),
                    vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                )
            });
            for (pos, &i) in idx.iter().enumerate() {
                let k = &keys[i];
                // Without a sort no two rows are peers: ranks count the rows, as Vega's do.
                if k.is_empty() || prev.as_ref() != Some(k) {
                    rank = pos + 1;
                    dense += 1;
                    prev = Some(k.clone());
                }
                let v = num(&rows[i], field);
                if v.is_finite() {
                    sum += v;
                    n += 1;
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
                let (s, c, l, h) = totals.unwrap_or((sum, n, lo, hi));
                let out = match op.as_str() {
                    "row_number" => (pos + 1) as f64,
                    "rank" => rank as f64,
                    "dense_rank" => dense as f64,
                    "count" => {
                        if whole {
                            idx.len() as f64
                        } else {
                            (pos + 1) as f64
                        }
                    }
                    "sum" => s,
                    "min" => l,
                    "max" => h,
                    _ => {
                        if c > 0 {
                            s / c as f64
                        } else {
                            f64::NAN
                        }
                    }
                };
                rows[i].insert(name.clone(), number_value(out));
            }
        }
    }
    Ok(rows)
}

/// The rows of each partition (by `groupby`) in `sort` order (stable: ties keep the rows'
/// order), and each row's sort key.
pub(super) fn sorted_partitions(
    rows: &[Row],
    groupby: &[String],
    sort: &[(String, bool)],
) -> (Vec<Vec<usize>>, Vec<Vec<Value>>) {
    // The sort key of each row, read once (not in every comparison).
    let keys: Vec<Vec<Value>> = rows
        .iter()
        .map(|r| {
            sort.iter()
                .map(|(f, _)| r.get(f).cloned().unwrap_or(Value::Null))
                .collect()
        })
        .collect();
    let mut groups = partitions(rows, groupby);
    for idx in &mut groups {
        idx.sort_by(|&a, &b| {
            for (j, (_, desc)) in sort.iter().enumerate() {
                let o = super::view::compare(&keys[a][j], &keys[b][j]);
                let o = if *desc { o.reverse() } else { o };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    (groups, keys)
}

/// A window's `sort`: each field, and whether it runs descending.
pub(super) fn sort_fields(t: &Node) -> Vec<(String, bool)> {
    (0..t.get("sort").array().map_or(0, Vec::len))
        .filter_map(|i| {
            let s = t.get("sort").at(i);
            Some((
                s.get("field").str()?.to_owned(),
                s.get("order").str() == Some("descending"),
            ))
        })
        .collect()
}

/// A window over a sliding frame (`[-15, 15]`: from 15 rows before to 15 after; `null` for the
/// group's start or end): `count`, `sum`, `mean`, `min` or `max` of the rows in it, by prefix
/// sums (min and max look at each frame, so their frames are kept to 10,000 rows).
fn sliding_window(
    t: &Node,
    mut rows: Vec<Row>,
    (lo, hi): (Option<i64>, Option<i64>),
) -> Result<Vec<Row>> {
    let spec = t.get("window");
    let groupby = t.get("groupby").strings();
    let sort = sort_fields(t);
    let mut ops = Vec::new();
    for i in 0..spec.array().map_or(0, Vec::len) {
        let w = spec.at(i);
        let op = match w.get("op").str().unwrap_or_default() {
            "average" => "mean",
            o @ ("count" | "sum" | "mean" | "min" | "max") => o,
            other => {
                return Err(Error::unsupported(
                    w.get("op").path(),
                    format!("the window op {other:?} is not computed over a sliding frame (count, sum, mean, min and max are)"),
                ))
            }
        };
        if matches!(op, "min" | "max")
            && (lo.is_none() || hi.is_none() || hi.unwrap_or(0) - lo.unwrap_or(0) > 10_000)
        {
            return Err(Error::unsupported(
                t.get("frame").path(),
                "min and max over a frame wider than 10,000 rows are not computed",
            ));
        }
        let field = w.get("field").str().map(str::to_owned);
        let name = w
            .get("as")
            .str()
            .map_or_else(|| op.to_owned(), str::to_owned);
        ops.push((op, field, name));
    }
    for idx in sorted_partitions(&rows, &groupby, &sort).0 {
        let n = idx.len() as i64;
        let span = |pos: i64| {
            let a = lo.map_or(0, |l| (pos + l).clamp(0, n));
            let b = hi.map_or(n, |h| (pos + h + 1).clamp(0, n));
            (a as usize, b.max(a) as usize)
        };
        for (op, field, name) in &ops {
            let vals: Vec<f64> = idx
                .iter()
                .map(|&i| field_number(&rows[i], field.as_deref()))
                .collect();
            // Prefix sums of the finite values and of how many there are.
            let (mut sums, mut counts) = (vec![0.0; vals.len() + 1], vec![0usize; vals.len() + 1]);
            for (k, v) in vals.iter().enumerate() {
                let ok = v.is_finite();
                sums[k + 1] = sums[k] + if ok { *v } else { 0.0 };
                counts[k + 1] = counts[k] + ok as usize;
            }
            for (pos, &i) in idx.iter().enumerate() {
                let (a, b) = span(pos as i64);
                let (s, c) = (sums[b] - sums[a], counts[b] - counts[a]);
                let finite = || vals[a..b].iter().copied().filter(|v| v.is_finite());
                let out = match *op {
                    "count" => (b - a) as f64,
                    "sum" => s,
                    "min" => finite().fold(f64::NAN, f64::min),
                    "max" => finite().fold(f64::NAN, f64::max),
                    _ if c > 0 => s / c as f64,
                    _ => f64::NAN,
                };
                rows[i].insert(name.clone(), number_value(out));
            }
        }
    }
    Ok(rows)
}
