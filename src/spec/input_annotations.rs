//! v2: annotations — the input types of `annotations` (and `AxisRef`, the `axis: "y"|"y2"`
//! that series and annotations share). Split from `input` to keep each file short.

use super::{DashStyle, Scalar};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A mark on the plot in data coordinates: a rule, a shaded span, a text or a callout point.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnotationSpec {
    #[serde(rename = "type")]
    pub kind: AnnotationType,
    /// One value (line, text, point) or `[from, to]` (band; with `y` too, a box), like the x
    /// axis's values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<AnnotationValue>,
    /// One value (line, text, point) or `[from, to]` (band; with `x` too, a box), like the y
    /// axis's values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<AnnotationValue>,
    /// The text of a `text` annotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opacity: Option<f64>,
    /// The value axis the `y` position is on (`y`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<AxisRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<AnnotationLayer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dash: Option<DashStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<AnnotationAnchor>,
    /// `point`: join the label to the point with a leader line (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrow: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationType {
    Line,
    Band,
    Text,
    Point,
}

/// An annotation position: one value, or a `[from, to]` pair.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AnnotationValue {
    Span(Vec<Scalar>),
    One(Scalar),
}

/// A value axis: the main one (`y`) or the second (`y2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AxisRef {
    Y,
    Y2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationLayer {
    Below,
    Above,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationAnchor {
    Start,
    Middle,
    End,
}
