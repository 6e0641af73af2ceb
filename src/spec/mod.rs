//! The spec layer: what a client may write, and what it means.
//!
//! - [`input`](self): the public input as serde types; the JSON Schema is generated from them.
//! - `validate`: parsing and checking, with a JSON Pointer in every error; normalizes a spec
//!   into the `model`, the chart the renderer draws (axes resolved, categories and dates as
//!   numbers, colours parsed).
//! - `limits`: hard limits and the cost estimate that refuse a chart before drawing starts.
//! - `color`: colour syntax, themes and colormaps, the colour vocabulary of the spec.

mod input;
mod scalar;
pub use scalar::Scalar;
mod input_series;
mod input_style;
pub use input_style::*;
// v2: axis options
mod input_axis;
pub use input::*;
pub use input_axis::{AxisPosition, StackMode, TickCount, TicksSpec};
pub use input_series::*;
// v2: new series types
mod input_marks;
pub use input_marks::{CandleStyle, RadialScale, TextAnchor, Values};
// v2: annotations and y2
mod input_annotations;
pub use input_annotations::{
    AnnotationAnchor, AnnotationLayer, AnnotationSpec, AnnotationType, AnnotationValue, AxisRef,
};

pub(crate) mod color;
pub(crate) mod limits;
pub(crate) mod model;
pub(crate) mod palette;
pub(crate) mod summary;
pub(crate) mod validate;
