//! Vega-Lite transforms chartfn computes on the rows: `filter` (expressions and field
//! predicates, with `and`/`or`/`not`), `calculate`, `timeUnit`, `fold`, `lookup`, `bin`,
//! `aggregate`, `joinaggregate`, `window` and `stack` (the first and the last two in their own
//! modules, [`super::filter`], [`super::window`] and [`super::stack`]). Others are refused at
//! their JSON Pointer.

use super::super::node::Node;
use super::channel::Op;
use super::data::{field_number, partitions, Row, Sources};
use super::filter::{expression, filter};
use super::time;
use super::window::window;
use crate::error::{Error, Result};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The transforms chartfn computes.
const TRANSFORMS: [&str; 10] = [
    "window",
    "stack",
    "lookup",
    "bin",
    "filter",
    "calculate",
    "timeUnit",
    "fold",
    "aggregate",
    "joinaggregate",
];

/// Applies a view's transforms to `rows`, in order; `sources` give a lookup's other data.
pub fn apply(list: &Node, mut rows: Vec<Row>, sources: &Sources) -> Result<Vec<Row>> {
    let Some(items) = list.array() else {
        return Ok(rows);
    };
    for i in 0..items.len() {
        let t = list.at(i);
        let kind = TRANSFORMS.iter().find(|k| t.get(k).is_present()).copied();
        rows = match kind {
            Some("filter") => filter(&t.get("filter"), rows)?,
            Some("calculate") => {
                let e = expression(&t.get("calculate"))?;
                let name = t.get("as").str().unwrap_or("calculated").to_owned();
                rows.into_iter()
                    .map(|mut r| {
                        let v = e.eval(&r).into_json();
                        r.insert(name.clone(), v);
                        r
                    })
                    .collect()
            }
            Some("timeUnit") => {
                let unit = time::Unit::read(&t.get("timeUnit"))?.unwrap_or(time::Unit::Year);
                let field = t.get("field").str().unwrap_or_default().to_owned();
                let name = t.get("as").str().unwrap_or(&field).to_owned();
                rows.into_iter()
                    .map(|mut r| {
                        let v = r
                            .get(&field)
                            .and_then(time::iso)
                            .map_or(Value::Null, |d| unit.bucket(&d));
                        r.insert(name.clone(), v);
                        r
                    })
                    .collect()
            }
            Some("fold") => fold(&t, rows),
            Some("lookup") => lookup(&t, rows, sources)?,
            Some("bin") => bin(&t, rows)?,
            Some("window") => window(&t, rows)?,
            Some("stack") => super::stack::stack(&t, rows)?,
            Some("aggregate") => grouped(&t, rows, false)?,
            Some("joinaggregate") => grouped(&t, rows, true)?,
            _ => {
                let name = t
                    .object()
                    .and_then(|o| {
                        o.keys().find(|k| {
                            !matches!(
                                k.as_str(),
                                "as" | "groupby" | "frame" | "sort" | "from" | "offset"
                            )
                        })
                    })
                    .cloned()
                    .unwrap_or_default();
                return Err(Error::unsupported(
                    t.path(),
                    format!("the {name} transform is not computed (filter, calculate, timeUnit, fold, lookup, bin, aggregate, joinaggregate, window and stack are)"),
                ));
            }
        };
    }
    Ok(rows)
}

/// `lookup`: each row gets fields of the first row of another dataset (`from.data`: values, a
/// named dataset or an allowed URL) whose `from.key` equals the row's `lookup` field — the
/// `from.fields` listed (renamed by `as`), or the whole row as one field named by `as`. A row
/// with no match gets `default` (null unless given). A selection (`from.param`) is interactive
/// and refused.
fn lookup(t: &Node, mut rows: Vec<Row>, sources: &Sources) -> Result<Vec<Row>> {
    let from = t.get("from");
    if from.get("param").is_present() || from.get("selection").is_present() {
        return Err(Error::unsupported(
            from.path(),
            "a lookup in a selection belongs to interactive charts",
        ));
    }
    let field = t
        .get("lookup")
        .str()
        .ok_or_else(|| Error::spec(t.get("lookup").path(), "must be a field name"))?
        .to_owned();
    let key = from
        .get("key")
        .str()
        .ok_or_else(|| Error::spec(from.get("key").path(), "must be a field name"))?;
    let other = sources
        .rows(&from.get("data"))?
        .ok_or_else(|| Error::spec(from.get("data").path(), "a lookup needs data"))?;
    // The first row per key, as Vega keeps it.
    let mut by_key: HashMap<String, &Row> = HashMap::new();
    for r in &other {
        if let Some(k) = r.get(key).filter(|v| !v.is_null()) {
            by_key.entry(k.to_string()).or_insert(r);
        }
    }
    let fields = from.get("fields").strings();
    let names = match t.get("as").str() {
        Some(one) => vec![one.to_owned()],
        None => t.get("as").strings(),
    };
    let whole = fields.is_empty();
    if whole && names.len() != 1 {
        return Err(Error::spec(
            t.get("as").path(),
            "a lookup without from.fields names the looked-up row with one `as`",
        ));
    }
    let default = t.get("default").value.cloned().unwrap_or(Value::Null);
    for r in &mut rows {
        let found = r.get(&field).and_then(|v| by_key.get(&v.to_string()));
        if whole {
            let v = found.map_or(default.clone(), |m| Value::from((*m).clone()));
            r.insert(names[0].clone(), v);
            continue;
        }
        for (i, f) in fields.iter().enumerate() {
            let v = found
                .and_then(|m| m.get(f).cloned())
                .unwrap_or_else(|| default.clone());
            r.insert(names.get(i).unwrap_or(f).clone(), v);
        }
    }
    Ok(rows)
}

/// Vega's bins over `[lo, hi]`: (start, stop, step), as vega-statistics' `bin` chooses them —
/// at most `maxbins` bins of a step that is a power of ten divided by 5 or 2 (or `step` as
/// given), the ends rounded out to whole steps when `nice`.
pub(super) fn nice_bins(
    lo: f64,
    hi: f64,
    maxbins: f64,
    step: Option<f64>,
    nice: bool,
) -> (f64, f64, f64) {
    let (base, span) = (10f64, (hi - lo).max(f64::MIN_POSITIVE));
    let step = match step {
        Some(s) => s,
        None => {
            let level = (maxbins.ln() / base.ln()).ceil();
            let mut s = base.powf((span.ln() / base.ln()).round() - level);
            let mut guard = 0;
            while (span / s).ceil() > maxbins && guard < 64 {
                s *= base;
                guard += 1;
            }
            for div in [5.0, 2.0] {
                let v = s / div;
                if span / v <= maxbins {
                    s = v;
                }
            }
            s
        }
    };
    let v = step.ln();
    let precision = if v >= 0.0 {
        0.0
    } else {
        (-v / base.ln()).floor() + 1.0
    };
    let eps = base.powf(-precision - 1.0);
    let (mut start, mut stop) = (lo, hi);
    if nice {
        let v = (lo / step + eps).floor() * step;
        start = if lo < v { v - step } else { v };
        stop = (hi / step).ceil() * step;
    }
    if stop <= start {
        stop = start + step;
    }
    (start, stop, step)
}

/// `bin`: each row's bin start (and end, `as[1]` or `<as>_end`) for `field`, with Vega's
/// bins over the data's extent (or `extent`), `maxbins` (10) or `step`, `nice` by default.
fn bin(t: &Node, mut rows: Vec<Row>) -> Result<Vec<Row>> {
    let field = t
        .get("field")
        .str()
        .ok_or_else(|| Error::spec(t.get("field").path(), "must be a field name"))?
        .to_owned();
    let (start_name, end_name) = match (t.get("as").str(), t.get("as").strings().as_slice()) {
        (Some(a), _) => (a.to_owned(), format!("{a}_end")),
        (None, [a, b]) => (a.clone(), b.clone()),
        _ => (format!("bin_{field}"), format!("bin_{field}_end")),
    };
    let params = t.get("bin");
    for unread in ["anchor", "steps", "minstep", "divide", "base", "span"] {
        if params.get(unread).is_present() {
            return Err(Error::unsupported(
                params.get(unread).path(),
                format!("bin `{unread}` is not read (maxbins, step, extent and nice are)"),
            ));
        }
    }
    let values: Vec<f64> = rows
        .iter()
        .map(|r| field_number(r, Some(&field)))
        .filter(|v| v.is_finite())
        .collect();
    let extent = params
        .get("extent")
        .array()
        .and_then(|e| match e.as_slice() {
            [a, b] => Some((a.as_f64()?, b.as_f64()?)),
            _ => None,
        });
    let (lo, hi) = extent.unwrap_or_else(|| {
        values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            })
    });
    if !(lo.is_finite() && hi.is_finite()) {
        // No number to bin: every row's bin is null.
        for r in &mut rows {
            r.insert(start_name.clone(), Value::Null);
            r.insert(end_name.clone(), Value::Null);
        }
        return Ok(rows);
    }
    let maxbins = params
        .get("maxbins")
        .f64()
        .unwrap_or(10.0)
        .clamp(1.0, 10_000.0);
    let step = params
        .get("step")
        .f64()
        .filter(|s| *s > 0.0 && s.is_finite());
    let nice = params.get("nice").bool().unwrap_or(true);
    let (start, stop, step) = nice_bins(lo, hi, maxbins, step, nice);
    if (stop - start) / step > 10_000.0 {
        return Err(Error::unsupported(params.path(), "more than 10,000 bins"));
    }
    for r in &mut rows {
        let v = field_number(r, Some(&field));
        let (a, b) = if v.is_finite() && v >= start && v <= stop {
            // Vega's: the top edge belongs to the last bin.
            let v = v.min(stop - step);
            let a = start + step * ((v - start) / step + 1e-14).floor();
            (json!(a), json!(a + step))
        } else {
            (Value::Null, Value::Null)
        };
        r.insert(start_name.clone(), a);
        r.insert(end_name.clone(), b);
    }
    Ok(rows)
}

/// `fold`: each row once per folded field, as (`key`, `value`).
fn fold(t: &Node, rows: Vec<Row>) -> Vec<Row> {
    let fields = t.get("fold").strings();
    let key = t.get("as").at(0).str().unwrap_or("key").to_owned();
    let value = t.get("as").at(1).str().unwrap_or("value").to_owned();
    let mut out = Vec::with_capacity(rows.len() * fields.len());
    for r in rows {
        for f in &fields {
            let mut n = r.clone();
            n.insert(key.clone(), Value::String(f.clone()));
            n.insert(value.clone(), r.get(f).cloned().unwrap_or(Value::Null));
            out.push(n);
        }
    }
    out
}

/// `aggregate` (one row per group) and `joinaggregate` (the group's values added to each row).
fn grouped(t: &Node, rows: Vec<Row>, join: bool) -> Result<Vec<Row>> {
    let spec = t.get(if join { "joinaggregate" } else { "aggregate" });
    let groupby = t.get("groupby").strings();
    let mut ops = Vec::new();
    for i in 0..spec.array().map_or(0, Vec::len) {
        let a = spec.at(i);
        let op = Op::parse_name(&a.get("op"))?;
        let field = a.get("field").str().map(str::to_owned);
        let name = a.get("as").str().map(str::to_owned).unwrap_or_else(|| {
            format!("{:?}_{}", op, field.clone().unwrap_or_default()).to_lowercase()
        });
        ops.push((op, field, name));
    }
    let groups = partitions(&rows, &groupby);
    let value = |rows: &[Row], idx: &[usize], op: Op, field: &Option<String>| {
        let mut vals: Vec<f64> = idx
            .iter()
            .map(|&i| field_number(&rows[i], field.as_deref()))
            .filter(|v| v.is_finite())
            .collect();
        super::data::number_value(op.apply(&mut vals, idx.len()))
    };
    if join {
        let mut rows = rows;
        for idx in &groups {
            for (op, field, name) in &ops {
                let v = value(&rows, idx, *op, field);
                for &i in idx {
                    rows[i].insert(name.clone(), v.clone());
                }
            }
        }
        return Ok(rows);
    }
    Ok(groups
        .iter()
        .map(|idx| {
            let mut r = Row::default();
            for g in &groupby {
                r.insert(
                    g.clone(),
                    rows[idx[0]].get(g).cloned().unwrap_or(Value::Null),
                );
            }
            for (op, field, name) in &ops {
                r.insert(name.clone(), value(&rows, idx, *op, field));
            }
            r
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::data_url::DataAccess;

    /// The transforms over `rows`, with no other data to look up.
    fn apply(list: &Node, rows: Vec<Row>) -> Result<Vec<Row>> {
        let (access, budget) = (
            DataAccess::default(),
            crate::budget::Budget::from_millis(10_000),
        );
        let sources = Sources {
            datasets: Node::root(&Value::Null, ""),
            access: &access,
            budget: &budget,
            read: Default::default(),
        };
        super::apply(list, rows, &sources)
    }

    #[test]
    fn bins_are_vegas() {
        // Vega: extent [0, 97] at maxbins 10 → step 10, 0 to 100; [1.5, 8.9] → step 1, 1 to 9.
        assert_eq!(nice_bins(0.0, 97.0, 10.0, None, true), (0.0, 100.0, 10.0));
        assert_eq!(nice_bins(1.5, 8.9, 10.0, None, true), (1.0, 9.0, 1.0));
        assert_eq!(
            nice_bins(46.0, 230.0, 10.0, None, true),
            (40.0, 240.0, 20.0)
        );
        let t = json!([{"bin": true, "field": "v", "as": "b"}]);
        let out = apply(
            &Node::root(&t, "/transform"),
            rows(json!([{"v": 0}, {"v": 97}, {"v": 100}, {"v": null}])),
        )
        .unwrap();
        let got: Vec<(Value, Value)> = out
            .iter()
            .map(|r| (r["b"].clone(), r["b_end"].clone()))
            .collect();
        assert_eq!(got[0], (json!(0.0), json!(10.0)));
        assert_eq!(got[1], (json!(90.0), json!(100.0)));
        assert_eq!(
            got[2],
            (json!(90.0), json!(100.0)),
            "the top edge is in the last bin"
        );
        assert_eq!(got[3], (Value::Null, Value::Null));
    }

    #[test]
    fn lookups_copy_the_matching_rows_fields() {
        let t = json!([{"lookup": "person", "from": {"data": {"values": [
            {"name": "Ann", "age": 30, "height": 170}, {"name": "Bo", "age": 40, "height": 180},
            {"name": "Ann", "age": 99}
        ]}, "key": "name", "fields": ["age", "height"]}, "as": ["years"]}]);
        let data = rows(json!([{"person": "Ann"}, {"person": "Bo"}, {"person": "Cy"}]));
        let out = apply(&Node::root(&t, "/transform"), data).unwrap();
        assert_eq!(
            out[0]["years"],
            json!(30),
            "the first match, renamed by `as`"
        );
        assert_eq!(out[0]["height"], json!(170));
        assert_eq!(out[1]["years"], json!(40));
        assert_eq!(
            (out[2]["years"].clone(), out[2]["height"].clone()),
            (Value::Null, Value::Null)
        );
        let whole = json!([{"lookup": "person", "from": {"data": {"values": [{"name": "Bo", "age": 40}]},
                            "key": "name"}, "as": "who", "default": "?"}]);
        let out = apply(
            &Node::root(&whole, "/transform"),
            rows(json!([{"person": "Bo"}, {"person": "X"}])),
        )
        .unwrap();
        assert_eq!(out[0]["who"], json!({"name": "Bo", "age": 40}));
        assert_eq!(out[1]["who"], json!("?"));
        let selection = json!([{"lookup": "p", "from": {"param": "brush", "key": "p"}}]);
        let e = apply(&Node::root(&selection, "/transform"), vec![]).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/transform/0/from"));
        let url = json!([{"lookup": "p", "from": {"data": {"url": "http://169.254.169.254/x.csv"},
                          "key": "p", "fields": ["a"]}}]);
        let e = apply(&Node::root(&url, "/transform"), vec![]).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/transform/0/from/data/url"));
    }

    fn rows(v: Value) -> Vec<Row> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| Row::from(r.as_object().unwrap()))
            .collect()
    }

    #[test]
    fn year_predicates_compare_the_dates_year() {
        let t = json!([{"filter": {"timeUnit": "year", "field": "d", "range": [null, 2019]}}]);
        let data = rows(json!([
            {"d": "2018-12-31"}, {"d": "2019-06-01"}, {"d": "2020-01-01"}, {"d": "soon"}
        ]));
        let out = apply(&Node::root(&t, "/transform"), data).unwrap();
        let kept: Vec<&Value> = out.iter().map(|r| &r["d"]).collect();
        assert_eq!(kept, [&json!("2018-12-31"), &json!("2019-06-01")]);
        let month = json!([{"filter": {"timeUnit": "month", "field": "d", "equal": 1}}]);
        let e = apply(&Node::root(&month, "/transform"), vec![]).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/transform/0/filter/timeUnit"));
    }

    #[test]
    fn sliding_windows_take_the_rows_in_their_frame() {
        let t = json!([{"window": [{"op": "mean", "field": "v", "as": "m"}, {"op": "max", "field": "v", "as": "hi"},
                                   {"op": "count", "as": "n"}],
                        "frame": [-1, 1], "sort": [{"field": "i"}]}]);
        let data = rows(json!([
            {"i": 3, "v": 4}, {"i": 1, "v": 1}, {"i": 2, "v": null}, {"i": 4, "v": 8}
        ]));
        let out = apply(&Node::root(&t, "/transform"), data).unwrap();
        let by_i = |i: i64| out.iter().find(|r| r["i"] == json!(i)).unwrap();
        // i=1: frame {1, 2} → mean of [1] (null skipped); i=2: {1,2,3} → mean(1, 4) = 2.5;
        // i=3: {2,3,4} → mean(4, 8) = 6; i=4: {3,4} → 6.
        let means: Vec<Value> = (1..=4).map(|i| by_i(i)["m"].clone()).collect();
        // Whole numbers are written as integers, as JavaScript writes them.
        assert_eq!(means, vec![json!(1), json!(2.5), json!(6), json!(6)]);
        assert_eq!(by_i(2)["hi"], json!(4));
        assert_eq!(by_i(1)["n"], json!(2));
        assert_eq!(by_i(2)["n"], json!(3));
        // Ranking over a sliding frame means nothing: refused with the op's path.
        let bad = json!([{"window": [{"op": "rank", "as": "r"}], "frame": [-1, 1]}]);
        let e = apply(&Node::root(&bad, "/transform"), rows(json!([{"i": 1}]))).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/transform/0/window/0/op"));
    }

    #[test]
    fn lead_and_lag_copy_a_neighbours_value_within_the_group() {
        let t = json!([{"window": [{"op": "lead", "field": "l", "as": "next"},
                                   {"op": "lag", "field": "l", "param": 2, "as": "back2"},
                                   {"op": "first_value", "field": "l", "as": "first"}],
                        "groupby": ["g"], "sort": [{"field": "i"}]}]);
        let data = rows(json!([
            {"g": "a", "i": 2, "l": "b"}, {"g": "a", "i": 1, "l": "a"}, {"g": "a", "i": 3, "l": "c"},
            {"g": "z", "i": 1, "l": "z"}
        ]));
        let out = apply(&Node::root(&t, "/transform"), data).unwrap();
        let row = |l: &str| out.iter().find(|r| r["l"] == json!(l)).unwrap().clone();
        assert_eq!(
            (row("a")["next"].clone(), row("b")["next"].clone()),
            (json!("b"), json!("c"))
        );
        assert_eq!(row("c")["next"], Value::Null, "the last row has no next");
        assert_eq!(
            (row("c")["back2"].clone(), row("b")["back2"].clone()),
            (json!("a"), Value::Null)
        );
        assert_eq!(row("c")["first"], json!("a"));
        assert_eq!(
            row("z")["next"],
            Value::Null,
            "groups do not see each other"
        );
        let bad = json!([{"window": [{"op": "lag", "field": "l", "param": -1, "as": "x"}]}]);
        let e = apply(&Node::root(&bad, "/transform"), vec![]).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/transform/0/window/0/param"));
    }

    #[test]
    fn windows_run_per_group_in_sort_order() {
        let t = json!([{"window": [{"op": "sum", "field": "v", "as": "run"}, {"op": "rank", "as": "r"}],
                        "groupby": ["g"], "sort": [{"field": "v", "order": "descending"}]}]);
        let data = rows(json!([
            {"g": "a", "v": 1}, {"g": "b", "v": 5}, {"g": "a", "v": 3}, {"g": "a", "v": 3}
        ]));
        let out = apply(&Node::root(&t, "/transform"), data).unwrap();
        // Group a, descending: 3, 3, 1 → running sums 3, 6, 7; ranks 1, 1, 3.
        let got: Vec<(f64, f64)> = out
            .iter()
            .map(|r| (r["run"].as_f64().unwrap(), r["r"].as_f64().unwrap()))
            .collect();
        assert_eq!(got, vec![(7.0, 3.0), (5.0, 1.0), (3.0, 1.0), (6.0, 1.0)]);
        let whole =
            json!([{"window": [{"op": "mean", "field": "v", "as": "m"}], "frame": [null, null]}]);
        let out = apply(
            &Node::root(&whole, "/transform"),
            rows(json!([{"v": 1}, {"v": 3}])),
        )
        .unwrap();
        assert!(out.iter().all(|r| r["m"] == json!(2)));
    }
}
