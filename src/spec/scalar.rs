//! One data value as a spec writes it: a number, a string (a category or an ISO-8601 time)
//! or `null` — read by hand, since a series may hold millions.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One data value: a number, a string (category or ISO-8601 time) or `null`.
///
/// Deserialized by hand (not `#[serde(untagged)]`) because series hold up to millions of them and
/// untagged enums buffer every value first; this visitor reads each one directly.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Num(f64),
    Str(String),
    Null,
}

impl Scalar {
    pub fn describe(&self) -> String {
        match self {
            Scalar::Num(n) => format!("the number {n}"),
            Scalar::Str(s) => {
                let shown: String = s.chars().take(40).collect();
                format!("{shown:?}")
            }
            Scalar::Null => "null".to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, a string or null")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
        }
        d.deserialize_any(ScalarVisitor)
    }
}

impl Serialize for Scalar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Num(n) => s.serialize_f64(*n),
            Scalar::Str(v) => s.serialize_str(v),
            Scalar::Null => s.serialize_unit(),
        }
    }
}

impl JsonSchema for Scalar {
    fn schema_name() -> String {
        "Scalar".to_owned()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::{InstanceType, SchemaObject, SingleOrVec};
        SchemaObject {
            instance_type: Some(SingleOrVec::Vec(vec![
                InstanceType::Number,
                InstanceType::String,
                InstanceType::Null,
            ])),
            ..Default::default()
        }
        .into()
    }
}
