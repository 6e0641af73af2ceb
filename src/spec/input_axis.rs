//! v2: the input types of the axis options (SPEC v2 › Axes): the side an axis is drawn on, how
//! stacks are drawn on a value axis, and the axis' ticks (exact values or about how many).

use super::Scalar;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The side of the plot an axis is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AxisPosition {
    Bottom,
    Top,
    Left,
    Right,
}

/// How the stacks on a value axis are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StackMode {
    Zero,
    Normalize,
    /// Stacked areas centred on zero at each x (a streamgraph).
    Center,
}

/// An axis' ticks: exact values, or about how many.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TicksSpec {
    Values(Vec<Scalar>),
    Count(TickCount),
}

/// About how many ticks to draw; the values are chosen round.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TickCount {
    pub count: u32,
}

/// Read by hand (not untagged) so that a wrong value gets a message naming both forms, and an
/// error inside the list keeps its index in the path.
impl<'de> Deserialize<'de> for TicksSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TicksVisitor;
        impl<'de> Visitor<'de> for TicksVisitor {
            type Value = TicksSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of tick values or {\"count\": N}")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<TicksSpec, A::Error> {
                Vec::<Scalar>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(TicksSpec::Values)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<TicksSpec, A::Error> {
                TickCount::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(TicksSpec::Count)
            }
        }
        d.deserialize_any(TicksVisitor)
    }
}
