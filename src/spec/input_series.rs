//! Version 2 series options as written (SPEC v2 › Series): error bars, data labels, steps and
//! the shapes of the fields that take more than one form. The meaning is checked in
//! `validate::options`.

use super::Scalar;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Error bars: one non-negative number for every point, one per point (`null`: none), or
/// absolute `lower` and `upper` bounds per point.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ErrorSpec {
    All(f64),
    Each(Vec<Scalar>),
    Bounds(ErrorBounds),
}

/// Absolute lower and upper ends of the error bars, one per point (`null`: none).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBounds {
    pub lower: Vec<Scalar>,
    pub upper: Vec<Scalar>,
}

/// Data labels: `true` (defaults) or options.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DataLabelsSpec {
    On(bool),
    Options(DataLabelOptions),
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataLabelOptions {
    /// d3-format string for the values (e.g. `",.0f"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<LabelPosition>,
    /// Pie only: what each slice's label says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<PieLabelContent>,
}

/// Where a data label goes relative to its mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LabelPosition {
    #[default]
    Auto,
    Inside,
    Outside,
    Center,
    Above,
    Below,
    Left,
    Right,
}

impl LabelPosition {
    pub fn as_str(self) -> &'static str {
        match self {
            LabelPosition::Auto => "auto",
            LabelPosition::Inside => "inside",
            LabelPosition::Outside => "outside",
            LabelPosition::Center => "center",
            LabelPosition::Above => "above",
            LabelPosition::Below => "below",
            LabelPosition::Left => "left",
            LabelPosition::Right => "right",
        }
    }
}

/// What a pie slice's data label says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum PieLabelContent {
    #[default]
    #[serde(rename = "percent")]
    Percent,
    #[serde(rename = "value")]
    Value,
    #[serde(rename = "label")]
    Label,
    #[serde(rename = "label+percent")]
    LabelPercent,
}

/// A step line: where the value changes between two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StepMode {
    /// The new value starts at the earlier point (vertical first).
    Before,
    /// The value holds until the next point (horizontal first).
    After,
    /// The value changes half way between the points.
    Middle,
}
