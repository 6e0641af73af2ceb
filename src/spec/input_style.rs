//! How a series is drawn, as a spec writes it: a line's dash, a marker's shape (filled or
//! open), a heatmap's colormap.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A line's dash pattern: a named style or on/off lengths in logical pixels.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DashStyle {
    Named(DashName),
    Pattern(Vec<f64>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DashName {
    Solid,
    Dashed,
    Dotted,
    Dashdot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MarkerKind {
    None,
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    /// The outline of a circle, empty inside (Vega-Lite's default `point`, matplotlib's
    /// `facecolors="none"`): overlapping points stay apart where filled ones merge.
    #[serde(rename = "circle-open")]
    CircleOpen,
    #[serde(rename = "square-open")]
    SquareOpen,
    #[serde(rename = "triangle-open")]
    TriangleOpen,
    #[serde(rename = "diamond-open")]
    DiamondOpen,
}

impl MarkerKind {
    /// Whether the marker is drawn as an outline of its shape (`circle-open`, …).
    pub fn is_open(self) -> bool {
        self != self.filled()
    }

    /// The filled marker of the same shape.
    pub fn filled(self) -> MarkerKind {
        match self {
            MarkerKind::CircleOpen => MarkerKind::Circle,
            MarkerKind::SquareOpen => MarkerKind::Square,
            MarkerKind::TriangleOpen => MarkerKind::Triangle,
            MarkerKind::DiamondOpen => MarkerKind::Diamond,
            kind => kind,
        }
    }

    /// The open marker of the same shape; a cross (already lines) and none stay as they are.
    pub fn open(self) -> MarkerKind {
        match self {
            MarkerKind::Circle => MarkerKind::CircleOpen,
            MarkerKind::Square => MarkerKind::SquareOpen,
            MarkerKind::Triangle => MarkerKind::TriangleOpen,
            MarkerKind::Diamond => MarkerKind::DiamondOpen,
            kind => kind,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Colormap {
    #[default]
    Viridis,
    Magma,
    Inferno,
    Plasma,
    Cividis,
    Turbo,
    Greys,
    Blues,
    Reds,
    Rdbu,
    /// Yellow, green, blue (ColorBrewer's YlGnBu): Vega-Lite's default for heatmaps.
    Ylgnbu,
}
