//! v2: new series types — the input types that only they use: `values` that may hold one array
//! per category (box), a candlestick's `style` and a text series' `anchor`.

use super::Scalar;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A series' `values`: numbers (histogram samples, pie slices, radar spokes) or, for a box
/// series, one array of numbers per category.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Flat(Vec<Scalar>),
    Nested(Vec<Vec<Scalar>>),
}

impl Values {
    /// The values when they are a flat list of numbers.
    pub fn flat(&self) -> Option<&[Scalar]> {
        match self {
            Values::Flat(v) => Some(v),
            Values::Nested(v) if v.is_empty() => Some(&[]),
            Values::Nested(_) => None,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Values::Flat(v) => v.len(),
            Values::Nested(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(ValuesVisitor)
    }
}

struct ValuesVisitor;

/// The first element decides: a scalar (then all are) or an array (then all are).
enum First {
    Scalar(Scalar),
    List(Vec<Scalar>),
}

impl<'de> Deserialize<'de> for First {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FirstVisitor;
        impl<'de> Visitor<'de> for FirstVisitor {
            type Value = First;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, a string, null or an array of numbers")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<First, E> {
                Ok(First::Scalar(Scalar::Num(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<First, E> {
                Ok(First::Scalar(Scalar::Num(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<First, E> {
                Ok(First::Scalar(Scalar::Num(v as f64)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<First, E> {
                Ok(First::Scalar(Scalar::Str(v.to_owned())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<First, E> {
                Ok(First::Scalar(Scalar::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<First, E> {
                Ok(First::Scalar(Scalar::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<First, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<Scalar>()? {
                    out.push(v);
                }
                Ok(First::List(out))
            }
        }
        d.deserialize_any(FirstVisitor)
    }
}

impl<'de> Visitor<'de> for ValuesVisitor {
    type Value = Values;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of numbers, or an array of arrays of numbers")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values, A::Error> {
        let hint = seq.size_hint().unwrap_or(0).min(1 << 16);
        match seq.next_element::<First>()? {
            None => Ok(Values::Flat(Vec::new())),
            Some(First::Scalar(v)) => {
                let mut out = Vec::with_capacity(hint);
                out.push(v);
                while let Some(v) = seq.next_element::<Scalar>()? {
                    out.push(v);
                }
                Ok(Values::Flat(out))
            }
            Some(First::List(v)) => {
                let mut out = Vec::with_capacity(hint);
                out.push(v);
                while let Some(v) = seq.next_element::<Vec<Scalar>>()? {
                    out.push(v);
                }
                Ok(Values::Nested(out))
            }
        }
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Values::Flat(v) => v.serialize(s),
            Values::Nested(v) => v.serialize(s),
        }
    }
}

impl JsonSchema for Values {
    fn schema_name() -> String {
        "Values".to_owned()
    }
    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::{SchemaObject, SubschemaValidation};
        SchemaObject {
            subschemas: Some(Box::new(SubschemaValidation {
                any_of: Some(vec![
                    gen.subschema_for::<Vec<Scalar>>(),
                    gen.subschema_for::<Vec<Vec<Scalar>>>(),
                ]),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

/// How a candlestick series draws each period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CandleStyle {
    /// A body from open to close and a wick from low to high.
    #[default]
    Candlestick,
    /// A bar from low to high with a tick left at the open and right at the close.
    Ohlc,
}

/// How a polar area chart's radii map values to lengths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RadialScale {
    /// The slice's length is proportional to its value (Chart.js's polar area).
    #[default]
    Linear,
    /// The slice's area is proportional to its value (Nightingale's rose, Vega-Lite's `sqrt`).
    Sqrt,
}

/// Which end of a text label sits at its point.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TextAnchor {
    Start,
    #[default]
    Middle,
    End,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_flat_or_nested() {
        let v: Values = serde_json::from_str("[1, null, \"a\"]").unwrap();
        assert_eq!(v.flat().map(|f| f.len()), Some(3));
        let v: Values = serde_json::from_str("[[1, 2], [], [3]]").unwrap();
        assert_eq!(
            v,
            Values::Nested(vec![
                vec![Scalar::Num(1.0), Scalar::Num(2.0)],
                vec![],
                vec![Scalar::Num(3.0)]
            ])
        );
        assert!(v.flat().is_none());
        assert!(serde_json::from_str::<Values>("[1, [2]]").is_err());
        assert!(serde_json::from_str::<Values>("[[1], 2]").is_err());
        let v: Values = serde_json::from_str("[]").unwrap();
        assert!(v.is_empty());
    }
}
