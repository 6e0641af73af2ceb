//! The `filter` transform: an expression of the safe subset ([`super::expr`]), a field
//! predicate (`equal`, `oneOf`, `range`, `lt`, `lte`, `gt`, `gte`, `valid`, and on a date's
//! year), or `and`/`or`/`not` of them, read into a test on rows.

use super::super::node::Node;
use super::data::Row;
use super::expr;
use crate::error::{Error, Result};
use serde_json::Value;

/// A test on a row, and on one field's value.
type RowTest = Box<dyn Fn(&Row) -> bool>;
type ValueTest = Box<dyn Fn(&Value) -> bool>;

/// A Vega expression of the safe subset ([`expr`]), or `unsupported` naming what is not.
pub(super) fn expression(node: &Node) -> Result<expr::Expr> {
    let src = node
        .str()
        .ok_or_else(|| Error::spec(node.path(), "must be an expression string"))?;
    expr::parse(src).map_err(|why| {
        Error::unsupported(
            node.path(),
            format!("this expression is outside chartfn's safe subset: {why}"),
        )
    })
}

/// `filter`: an expression, a field predicate, or `and`/`or`/`not` of them.
pub(super) fn filter(f: &Node, rows: Vec<Row>) -> Result<Vec<Row>> {
    let test = row_test(f)?;
    Ok(rows.into_iter().filter(|r| test(r)).collect())
}

fn row_test(f: &Node) -> Result<RowTest> {
    if f.str().is_some() {
        let e = expression(f)?;
        return Ok(Box::new(move |r| e.eval(r).truthy()));
    }
    for (key, all) in [("and", true), ("or", false)] {
        if let Some(list) = f.get(key).array() {
            let tests = (0..list.len())
                .map(|i| row_test(&f.get(key).at(i)))
                .collect::<Result<Vec<_>>>()?;
            return Ok(Box::new(move |r| {
                if all {
                    tests.iter().all(|t| t(r))
                } else {
                    tests.iter().any(|t| t(r))
                }
            }));
        }
    }
    if f.get("not").is_present() {
        let t = row_test(&f.get("not"))?;
        return Ok(Box::new(move |r| !t(r)));
    }
    let Some(field) = f.get("field").str().map(str::to_owned) else {
        return Err(Error::unsupported(
            f.path(),
            "this filter is not computed (an expression or a field predicate is)",
        ));
    };
    let keep = predicate(f)?;
    if f.get("timeUnit").is_present() {
        // The date's year, compared as a number (`{"timeUnit": "year", "range": [null, 2019]}`).
        if f.get("timeUnit").str().map(|u| u.trim_start_matches("utc")) != Some("year") {
            return Err(Error::unsupported(
                f.get("timeUnit").path(),
                "a predicate on a time unit other than the year is not computed",
            ));
        }
        return Ok(Box::new(move |r| {
            let year = r
                .get(&field)
                .and_then(super::time::iso)
                .and_then(|d| d.get(..4).and_then(|y| y.parse::<f64>().ok()));
            keep(&year.map_or(Value::Null, |y| serde_json::json!(y)))
        }));
    }
    Ok(Box::new(move |r| {
        keep(r.get(&field).unwrap_or(&Value::Null))
    }))
}

/// A field predicate (`equal`, `oneOf`, `range`, `lt`, `lte`, `gt`, `gte`, `valid`) as a test.
fn predicate(f: &Node) -> Result<ValueTest> {
    let num = |v: &Value| {
        v.as_f64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    };
    if let Some(eq) = f.get("equal").value.cloned() {
        return Ok(Box::new(move |v| {
            *v == eq || (num(v).is_some() && num(v) == num(&eq))
        }));
    }
    if let Some(list) = f.get("oneOf").array().cloned() {
        return Ok(Box::new(move |v| list.contains(v)));
    }
    if let Some(r) = f.get("range").array().filter(|r| r.len() == 2).cloned() {
        let (lo, hi) = (
            num(&r[0]).unwrap_or(f64::NEG_INFINITY),
            num(&r[1]).unwrap_or(f64::INFINITY),
        );
        return Ok(Box::new(move |v| {
            num(v).is_some_and(|x| x >= lo && x <= hi)
        }));
    }
    for (key, cmp) in [("lt", 0u8), ("lte", 1), ("gt", 2), ("gte", 3)] {
        if let Some(b) = f.get(key).f64() {
            return Ok(Box::new(move |v| {
                num(v).is_some_and(|x| match cmp {
                    0 => x < b,
                    1 => x <= b,
                    2 => x > b,
                    _ => x >= b,
                })
            }));
        }
    }
    if let Some(valid) = f.get("valid").bool() {
        return Ok(Box::new(move |v| {
            (!v.is_null() && num(v).is_none_or(f64::is_finite)) == valid
        }));
    }
    Err(Error::unsupported(
        f.path(),
        "this predicate is not computed (equal, oneOf, range, lt, lte, gt, gte and valid are)",
    ))
}
