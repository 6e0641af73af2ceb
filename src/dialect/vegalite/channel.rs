//! One encoding channel of a Vega-Lite view (`x`, `y`, `color`, `theta`, `size`, …): its field,
//! type, aggregate, bin and time unit, and how a row's value is read through it.

use super::super::node::{text_of, Node};
use super::data::Row;
use super::time;
use crate::error::{Error, Result};
use serde_json::Value;

/// A field's measurement type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Quantitative,
    Nominal,
    Ordinal,
    Temporal,
}

/// The aggregates chartfn computes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Count,
    Sum,
    Mean,
    Median,
    Min,
    Max,
}

impl Op {
    /// The aggregate an `op` or `aggregate` string names.
    pub fn parse_name(node: &Node) -> Result<Op> {
        Op::parse(node)
    }

    fn parse(node: &Node) -> Result<Op> {
        Ok(match node.str().unwrap_or_default() {
            "count" | "valid" => Op::Count,
            "sum" => Op::Sum,
            "mean" | "average" => Op::Mean,
            "median" => Op::Median,
            "min" => Op::Min,
            "max" => Op::Max,
            other => {
                return Err(Error::unsupported(
                    node.path(),
                    format!("the aggregate {other:?} is not computed (count, sum, mean, average, median, min and max are)"),
                ))
            }
        })
    }

    /// The aggregate of `values` (finite numbers; `count` counts the rows).
    pub fn apply(self, values: &mut [f64], rows: usize) -> f64 {
        match self {
            Op::Count => rows as f64,
            Op::Sum => values.iter().sum(),
            Op::Mean if values.is_empty() => f64::NAN,
            Op::Mean => values.iter().sum::<f64>() / values.len() as f64,
            Op::Min => values.iter().copied().fold(f64::NAN, f64::min),
            Op::Max => values.iter().copied().fold(f64::NAN, f64::max),
            Op::Median if values.is_empty() => f64::NAN,
            Op::Median => {
                values.sort_by(f64::total_cmp);
                let n = values.len();
                if n % 2 == 1 {
                    values[n / 2]
                } else {
                    (values[n / 2 - 1] + values[n / 2]) / 2.0
                }
            }
        }
    }

    /// How Vega-Lite titles an aggregated field: `Sum of yield`, `Count of Records`.
    pub fn title(self, field: Option<&str>) -> String {
        let name = match self {
            Op::Count => return "Count of Records".into(),
            Op::Sum => "Sum",
            Op::Mean => "Mean",
            Op::Median => "Median",
            Op::Min => "Min",
            Op::Max => "Max",
        };
        format!("{name} of {}", field.unwrap_or_default())
    }
}

/// One channel, as much of it as chartfn draws.
#[derive(Clone)]
pub struct Channel<'a> {
    pub node: Node<'a>,
    pub field: Option<String>,
    pub kind: Kind,
    pub aggregate: Option<Op>,
    /// `{"argmax": f}` (true) or `{"argmin": f}`: the channel's value at the row where `f` is
    /// largest (smallest), per group of the view's other fields.
    pub arg: Option<(bool, String)>,
    pub bin: Option<u32>,
    /// `bin: "binned"` (or `{"binned": true}`): the field holds bin starts, `x2` the ends.
    pub binned: bool,
    pub time_unit: Option<time::Unit>,
    /// A constant (`value`, or `datum`).
    pub value: Option<Value>,
}

impl<'a> Channel<'a> {
    /// The channel at `node`; `None` when the view does not encode it.
    pub fn read(node: Node<'a>) -> Result<Option<Channel<'a>>> {
        if !node.is_present() {
            return Ok(None);
        }
        if node.get("condition").is_present() {
            return Err(Error::unsupported(
                node.get("condition").path(),
                "conditional encodings belong to interactive charts and are not drawn",
            ));
        }
        let field = match node.get("field").value {
            None | Some(Value::Null) => None,
            Some(Value::String(f)) => Some(f.clone()),
            Some(_) => {
                return Err(Error::unsupported(
                    node.get("field").path(),
                    "repeat and other computed fields are not read (a field name is)",
                ))
            }
        };
        let mut arg = None;
        let aggregate = match node.get("aggregate").value {
            None => None,
            Some(Value::String(_)) => Some(Op::parse(&node.get("aggregate"))?),
            Some(Value::Object(o)) => {
                match (o.get("argmax"), o.get("argmin"), o.len()) {
                    (Some(Value::String(f)), None, 1) => arg = Some((true, f.clone())),
                    (None, Some(Value::String(f)), 1) => arg = Some((false, f.clone())),
                    _ => {
                        return Err(Error::unsupported(
                            node.get("aggregate").path(),
                            "an aggregate object is {\"argmax\": field} or {\"argmin\": field}",
                        ))
                    }
                }
                None
            }
            Some(_) => {
                return Err(Error::spec(
                    node.get("aggregate").path(),
                    "an aggregate is an operation's name or {\"argmax\": field}",
                ))
            }
        };
        let binned = match node.get("bin").value {
            Some(Value::String(s)) => s == "binned",
            Some(Value::Object(o)) => o.get("binned") == Some(&Value::Bool(true)),
            _ => false,
        };
        let bin = match node.get("bin").value {
            None | Some(Value::Bool(false)) | Some(Value::Null) => None,
            _ if binned => None,
            Some(Value::Bool(true)) => Some(10),
            Some(Value::Object(o)) => {
                Some(o.get("maxbins").and_then(Value::as_u64).unwrap_or(10) as u32)
            }
            Some(_) => {
                return Err(Error::spec(
                    node.get("bin").path(),
                    "bin must be true or an object",
                ))
            }
        };
        let time_unit = time::Unit::read(&node.get("timeUnit"))?;
        let kind = match node.get("type").str() {
            Some("quantitative") => Kind::Quantitative,
            Some("nominal") => Kind::Nominal,
            Some("ordinal") => Kind::Ordinal,
            Some("temporal") => Kind::Temporal,
            Some(other) => {
                return Err(Error::unsupported(
                    node.get("type").path(),
                    format!("the field type {other:?} is not drawn"),
                ))
            }
            // Vega-Lite's inference: aggregated and binned fields are quantitative, fields
            // with a time unit temporal, a continuous scale type says which; others nominal.
            None if aggregate.is_some() || bin.is_some() || binned => Kind::Quantitative,
            None if time_unit.is_some() => Kind::Temporal,
            None => match node.get("scale").get("type").str() {
                Some("linear" | "log" | "pow" | "sqrt" | "symlog") => Kind::Quantitative,
                Some("time" | "utc") => Kind::Temporal,
                _ => Kind::Nominal,
            },
        };
        let value = node
            .get("value")
            .value
            .or(node.get("datum").value)
            .filter(|v| !v.is_null())
            .cloned();
        if field.is_none() && value.is_none() && aggregate != Some(Op::Count) {
            return Err(Error::unsupported(
                node.path(),
                "a channel needs a field or a value",
            ));
        }
        Ok(Some(Channel {
            node,
            field,
            kind,
            aggregate,
            arg,
            bin,
            binned,
            time_unit,
            value,
        }))
    }

    /// Whether positions along this channel are categories (or time buckets) rather than a
    /// continuous scale.
    pub fn discrete(&self) -> bool {
        matches!(self.kind, Kind::Nominal | Kind::Ordinal)
            || self.time_unit.is_some_and(|u| u.is_cyclic())
    }

    /// The raw value of this channel's field in `row`.
    pub fn raw<'r>(&self, row: &'r Row) -> Option<&'r Value> {
        let f = self.field.as_deref()?;
        row.get(f).or_else(|| {
            // Vega-Lite reads `a.b` as a nested field.
            let mut v: Option<&Value> = None;
            for (i, part) in f.split('.').enumerate() {
                v = if i == 0 { row.get(part) } else { v?.get(part) };
            }
            v
        })
    }

    /// The field in `row` as a number (`NaN` when missing or not one).
    pub fn number(&self, row: &Row) -> f64 {
        match self.raw(row) {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(f64::NAN),
            Some(Value::Bool(b)) => *b as u8 as f64,
            _ => f64::NAN,
        }
    }

    /// The value this channel places `row` at, as chartfn reads it: a label for discrete
    /// channels, an ISO date for temporal ones, a number otherwise.
    pub fn position(&self, row: &Row) -> Value {
        // Read where it is: a date's text is not copied (this runs once per row).
        let raw = self.raw(row);
        if let Some(unit) = self.time_unit {
            return raw
                .and_then(time::iso_text)
                .map_or(Value::Null, |d| unit.bucket(&d));
        }
        match self.kind {
            Kind::Nominal | Kind::Ordinal => match raw {
                None | Some(Value::Null) => Value::Null,
                Some(text @ Value::String(_)) => text.clone(),
                Some(other) => Value::String(text_of(other).unwrap_or_default()),
            },
            Kind::Temporal => raw.and_then(time::iso).map_or(Value::Null, Value::String),
            Kind::Quantitative => {
                let n = self.number(row);
                if n.is_finite() {
                    serde_json::json!(n)
                } else {
                    Value::Null
                }
            }
        }
    }

    /// A value this channel placed a row at (from [`Channel::position`]) as a legend names it:
    /// a date bucket in its time unit's format (`1970`, not `1970-01-01`), else its text.
    pub fn label(&self, position: &Value) -> String {
        match self.time_unit {
            Some(unit) => unit.label(position),
            None => text_of(position).unwrap_or_default(),
        }
    }

    /// The axis or legend title Vega-Lite would write.
    pub fn title(&self) -> Option<String> {
        if let Some(t) = self.node.get("title").value {
            return text_of(t);
        }
        if let Some(op) = self.aggregate {
            return Some(op.title(self.field.as_deref()));
        }
        let f = self.field.clone()?;
        Some(match (self.time_unit, self.bin) {
            (Some(u), _) => format!("{f} ({})", u.name()),
            (_, Some(_)) => format!("{f} (binned)"),
            _ => f,
        })
    }
}

/// The number a row gives a value channel (`count` counts it).
pub(super) fn value_of(ch: &Channel, row: &Row) -> f64 {
    if ch.aggregate == Some(Op::Count) {
        1.0
    } else {
        ch.number(row)
    }
}
