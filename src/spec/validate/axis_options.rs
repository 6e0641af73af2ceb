//! The v2 axis options (`reverse`, `zero`, `position`, `visible`, `stack`): checked against the
//! axis they are written on and resolved into [`AxisOptions`].

use crate::error::{Error, Result};
use crate::spec::model::{Axis, AxisKind, AxisOptions};
use crate::spec::{AxisPosition, AxisSpec, StackMode};

/// The options of the axis written in field `name` ("x" or "y") of the panel at `base`.
/// `value_axis`: whether it holds the values (where `stack` applies).
pub(super) fn options(
    base: &str,
    name: &str,
    spec: Option<&AxisSpec>,
    kind: &AxisKind,
    value_axis: bool,
) -> Result<AxisOptions> {
    let Some(spec) = spec else {
        return Ok(AxisOptions::default());
    };
    let path = |which: &str| format!("{base}/{name}/{which}");
    let far_side = match (name, spec.position) {
        (_, None) | ("x", Some(AxisPosition::Bottom)) | ("y", Some(AxisPosition::Left)) => false,
        ("x", Some(AxisPosition::Top)) | ("y", Some(AxisPosition::Right)) => true,
        ("y2", Some(AxisPosition::Left | AxisPosition::Right)) => false,
        (_, Some(p)) => {
            let allowed = if name == "x" {
                "bottom or top"
            } else {
                "left or right"
            };
            return Err(Error::spec(
                path("position"),
                format!("the {name} axis cannot be at the {p:?}; use {allowed}").to_lowercase(),
            ));
        }
    };
    if spec.zero.is_some() && matches!(kind, AxisKind::Category(_) | AxisKind::Time) {
        return Err(Error::spec(
            path("zero"),
            "`zero` applies to number axes, not to category or time axes",
        ));
    }
    if spec.zero == Some(true) && *kind == AxisKind::Log {
        return Err(Error::spec(path("zero"), "a log axis cannot show zero"));
    }
    let (normalize, center) = match spec.stack {
        None | Some(StackMode::Zero) => (false, false),
        Some(_) if !value_axis => {
            return Err(Error::spec(
                path("stack"),
                "`stack` applies to the value axis only",
            ))
        }
        Some(_) if *kind != AxisKind::Linear => {
            return Err(Error::spec(
                path("stack"),
                "a normalized or centred stack needs a linear axis",
            ))
        }
        Some(StackMode::Normalize) => (true, false),
        Some(StackMode::Center) => (false, true),
    };
    if !value_axis && spec.stack.is_some() {
        return Err(Error::spec(
            path("stack"),
            "`stack` applies to the value axis only",
        ));
    }
    Ok(AxisOptions {
        label_angle: label_angle(spec.label_angle, name, &path("label_angle"))?,
        zero: spec.zero,
        far_side,
        hidden: spec.visible == Some(false),
        normalize,
        center,
    })
}

/// `label_angle` (written at `path` on axis `name`): 0 to 90 degrees, on the x axis only.
fn label_angle(v: Option<f64>, name: &str, path: &str) -> Result<Option<f32>> {
    match v {
        None => Ok(None),
        Some(_) if name != "x" => Err(Error::spec(
            path,
            "`label_angle` applies to the x axis (the horizontal one)",
        )),
        Some(a) if (0.0..=90.0).contains(&a) => Ok(Some(a as f32)),
        Some(a) => Err(Error::spec(
            path,
            format!("must be between 0 and 90 degrees, found {a}"),
        )),
    }
}

/// Whether any v2 axis option is written on `spec` (for axes that take none of them).
pub(super) fn any_set(spec: &AxisSpec) -> bool {
    spec.reverse.is_some()
        || spec.zero.is_some()
        || spec.position.is_some()
        || spec.visible.is_some()
        || spec.stack.is_some()
        || spec.label_angle.is_some()
}

/// Applies `reverse` (a flip of whatever direction the axis already runs in) and hides the
/// grid of an invisible axis unless it was asked for.
pub(super) fn apply(axis: &mut Axis, spec: Option<&AxisSpec>) {
    let Some(spec) = spec else { return };
    if spec.reverse == Some(true) {
        axis.reversed = !axis.reversed;
    }
    if axis.opts.hidden && spec.grid.is_none() {
        axis.grid = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> AxisSpec {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn positions_belong_to_their_axis() {
        let top = spec(r#"{"position": "top"}"#);
        let o = options("", "x", Some(&top), &AxisKind::Linear, false).unwrap();
        assert!(o.far_side);
        let e = options("/panels/1", "y", Some(&top), &AxisKind::Linear, true).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/panels/1/y/position"));
    }

    #[test]
    fn stack_only_on_the_value_axis() {
        let n = spec(r#"{"stack": "normalize"}"#);
        assert!(
            options("", "y", Some(&n), &AxisKind::Linear, true)
                .unwrap()
                .normalize
        );
        let e = options("", "x", Some(&n), &AxisKind::Linear, false).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/x/stack"));
        let e = options("", "y", Some(&n), &AxisKind::Log, true).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/y/stack"));
    }

    #[test]
    fn label_angle_is_a_turn_of_the_x_labels() {
        let a = spec(r#"{"label_angle": 45}"#);
        let o = options("", "x", Some(&a), &AxisKind::Linear, false).unwrap();
        assert_eq!(o.label_angle, Some(45.0));
        let e = options("", "y", Some(&a), &AxisKind::Linear, true).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/y/label_angle"));
        let steep = spec(r#"{"label_angle": 120}"#);
        let e = options("/panels/0", "x", Some(&steep), &AxisKind::Linear, false).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/panels/0/x/label_angle"));
    }

    #[test]
    fn zero_needs_a_number_axis() {
        let z = spec(r#"{"zero": true}"#);
        let e = options("", "x", Some(&z), &AxisKind::Time, false).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/x/zero"));
        let e = options("", "y", Some(&z), &AxisKind::Log, true).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/y/zero"));
    }
}
