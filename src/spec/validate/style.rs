//! How a series is drawn: line width, dashes, markers and opacity.
//!
//! Separate from the data checks: these are bounded drawing options with defaults, read once
//! per series, and shared by several series types.

use crate::error::{Error, Result};
use crate::spec::model::Marker;
use crate::spec::{DashName, DashStyle, MarkerKind};

/// The marker size when a series gives none.
const DEFAULT_MARKER_SIZE: f64 = 5.0;

/// An opacity between 0 and 1, if given.
pub(super) fn opacity(v: Option<f64>, path: &str) -> Result<Option<f64>> {
    match v {
        Some(o) if !(0.0..=1.0).contains(&o) => Err(Error::spec(
            path,
            format!("must be between 0 and 1, found {o}"),
        )),
        other => Ok(other),
    }
}

/// The stroke width of the series at `sp` (above 0, at most 50; default 1.75).
pub(super) fn line_width(width: Option<f64>, sp: &str) -> Result<f64> {
    match width {
        Some(w) if !(w.is_finite() && w > 0.0 && w <= 50.0) => Err(Error::spec(
            format!("{sp}/width"),
            format!("must be a number above 0 and at most 50, found {w}"),
        )),
        Some(w) => Ok(w),
        None => Ok(1.75),
    }
}

/// The marker size of the series at `sp` (above 0, at most 100), if given.
pub(super) fn marker_size(size: Option<f64>, sp: &str) -> Result<Option<f64>> {
    match size {
        Some(v) if !(v.is_finite() && v > 0.0 && v <= 100.0) => Err(Error::spec(
            format!("{sp}/size"),
            format!("must be a number above 0 and at most 100, found {v}"),
        )),
        other => Ok(other),
    }
}

/// A line's markers: none unless a marker or a size is given (a size alone means circles).
pub(super) fn line_marker(kind: Option<MarkerKind>, size: Option<f64>) -> Option<Marker> {
    let kind = match kind {
        None if size.is_some() => MarkerKind::Circle,
        None | Some(MarkerKind::None) => return None,
        Some(kind) => kind,
    };
    Some(Marker {
        kind,
        size: size.unwrap_or(DEFAULT_MARKER_SIZE),
    })
}

/// A scatter series' marker (circles by default), which must be visible.
pub(super) fn scatter_marker(
    kind: Option<MarkerKind>,
    size: Option<f64>,
    sp: &str,
) -> Result<Marker> {
    let kind = match kind {
        None => MarkerKind::Circle,
        Some(MarkerKind::None) => {
            return Err(Error::spec(
                format!("{sp}/marker"),
                "a scatter series needs a visible marker",
            ))
        }
        Some(k) => k,
    };
    Ok(Marker {
        kind,
        size: size.unwrap_or(DEFAULT_MARKER_SIZE),
    })
}

/// The on/off lengths of a dash style: a named style, or a pattern of 2 to 16 lengths.
pub(super) fn dash_pattern(dash: Option<&DashStyle>, path: &str) -> Result<Option<Vec<f64>>> {
    Ok(match dash {
        None | Some(DashStyle::Named(DashName::Solid)) => None,
        Some(DashStyle::Named(DashName::Dashed)) => Some(vec![6.0, 4.0]),
        Some(DashStyle::Named(DashName::Dotted)) => Some(vec![1.5, 3.0]),
        Some(DashStyle::Named(DashName::Dashdot)) => Some(vec![6.0, 3.0, 1.5, 3.0]),
        Some(DashStyle::Pattern(p)) => {
            if p.is_empty() || p.len() > 16 || p.len() % 2 == 1 {
                return Err(Error::spec(
                    path,
                    "a dash pattern needs an even number (2 to 16) of on/off lengths",
                ));
            }
            if let Some((i, v)) = p
                .iter()
                .enumerate()
                .find(|(_, v)| !(v.is_finite() && **v > 0.0 && **v <= 1000.0))
            {
                return Err(Error::spec(
                    format!("{path}/{i}"),
                    format!("dash lengths must be above 0 and at most 1000, found {v}"),
                ));
            }
            Some(p.clone())
        }
    })
}
