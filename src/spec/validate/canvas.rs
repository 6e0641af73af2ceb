//! The canvas: image width, height and device pixel ratio.
//!
//! Checked first and on its own because it needs nothing else from the spec, and because it
//! bounds the raster's memory: an image too large is refused before any data is read.

use crate::error::{Error, Result};
use crate::spec::limits::Limits;
use crate::spec::ChartSpec;

const MIN_SIDE: u64 = 32;
/// The smallest device pixel ratio.
const MIN_SCALE: f64 = 0.25;

/// The checked size of the image, in CSS pixels, and its device pixel ratio.
pub(super) struct Canvas {
    pub width: u32,
    pub height: u32,
    pub scale: f64,
}

/// Applies the default size and scale and checks them against the minimums and the limits.
pub(super) fn check(spec: &ChartSpec, limits: &Limits) -> Result<Canvas> {
    let width = spec.width.unwrap_or(800);
    let height = spec.height.unwrap_or(600);
    let scale = spec.scale.unwrap_or(1.0);
    for (name, v) in [("width", width), ("height", height)] {
        if v < MIN_SIDE {
            return Err(Error::spec(
                format!("/{name}"),
                format!("must be at least {MIN_SIDE}, found {v}"),
            ));
        }
    }
    check_scale(scale, limits)?;
    check_device_pixels(width as f64 * scale, height as f64 * scale, limits)?;
    Ok(Canvas {
        width: width as u32,
        height: height as u32,
        scale,
    })
}

fn check_scale(scale: f64, limits: &Limits) -> Result<()> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(Error::spec(
            "/scale",
            format!("must be a positive number, found {scale}"),
        ));
    }
    if scale < MIN_SCALE {
        // Below this a chart shrinks to a few unreadable pixels.
        return Err(Error::spec(
            "/scale",
            format!("must be at least {MIN_SCALE}, found {scale}"),
        ));
    }
    if scale > limits.max_scale {
        return Err(Error::limit(
            Some("/scale"),
            "scale",
            scale,
            limits.max_scale,
        ));
    }
    Ok(())
}

/// Each side and the whole image, in device pixels (`pw` × `ph`), within the limits.
fn check_device_pixels(pw: f64, ph: f64, limits: &Limits) -> Result<()> {
    for (name, v) in [("width", pw), ("height", ph)] {
        if v > limits.max_side as f64 {
            return Err(Error::limit(
                Some(&format!("/{name}")),
                &format!("image {name} in device pixels"),
                v,
                limits.max_side,
            ));
        }
    }
    let pixels = (pw * ph) as u64;
    if pixels > limits.max_pixels {
        return Err(Error::limit(
            Some("/width"),
            "image size in device pixels (width × height × scale²)",
            pixels,
            limits.max_pixels,
        ));
    }
    Ok(())
}
