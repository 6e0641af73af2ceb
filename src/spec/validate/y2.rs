//! The second value axis (`y2`): it exists when a series is drawn against it (`axis: "y2"`),
//! takes the fields of `y` (its labels follow the chart's locale and its own `format`/`ticks`),
//! and goes on the side opposite `y` (the right, by default).

use super::axis_fields::{axis, value_axis_kind};
use super::panel::PanelParts;
use crate::error::{Error, Result};
use crate::spec::model::{Axis, TickLabels};
use crate::spec::{AxisPosition, AxisRef};

/// The panel's y2 axis, if any series uses it; `y` is the resolved main value axis and
/// `horizontal` whether the panel is a horizontal bar chart (which has none).
pub(super) fn y2_axis(
    panel: &PanelParts,
    y: &Axis,
    horizontal: bool,
    conventions: &TickLabels,
) -> Result<Option<Axis>> {
    let base = panel.path;
    let first_user = panel
        .series
        .iter()
        .position(|s| s.axis == Some(AxisRef::Y2));
    let spec = panel.y2;
    match (spec, first_user) {
        (None, None) => return Ok(None),
        (Some(_), None) => {
            return Err(Error::spec(
                format!("{base}/y2"),
                "no series is drawn against it; set `axis: \"y2\"` on one",
            ))
        }
        (_, Some(i)) if horizontal => {
            let at = match spec {
                Some(_) => format!("{base}/y2"),
                None => format!("{base}/series/{i}/axis"),
            };
            return Err(Error::spec(at, "a horizontal bar chart has no y2 axis"));
        }
        _ => {}
    }
    let kind = value_axis_kind(spec, &format!("{base}/y2/type"))?;
    let mut y2 = axis(base, "y2", spec, kind, true, conventions)?;
    y2.opts.far_side = match spec.and_then(|s| s.position) {
        None => !y.opts.far_side,
        Some(p) => p == AxisPosition::Right,
    };
    if y2.opts.far_side == y.opts.far_side {
        return Err(Error::spec(
            format!("{base}/y2/position"),
            "y and y2 cannot be on the same side",
        ));
    }
    // Two sets of grid lines would not line up: y2 draws none unless asked.
    y2.grid = spec.and_then(|s| s.grid).unwrap_or(false);
    super::axis_options::apply(&mut y2, spec);
    Ok(Some(y2))
}

/// Whether a series (or annotation) written with `axis` is on y2.
pub(super) fn on_y2(axis: Option<AxisRef>) -> bool {
    axis == Some(AxisRef::Y2)
}

#[cfg(test)]
mod tests {
    use super::super::{parse_spec, validate};
    use crate::spec::limits::Limits;
    use crate::spec::model::Chart;

    fn chart(spec: &str) -> crate::error::Result<Chart> {
        let limits = Limits::default();
        validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits)
    }

    fn error_path(spec: &str) -> String {
        chart(spec).unwrap_err().path.unwrap_or_default()
    }

    #[test]
    fn a_series_on_y2_makes_the_axis() {
        let c = chart(
            r#"{"series": [{"type": "line", "y": [1, 2]},
                           {"type": "line", "y": [100, 200], "axis": "y2"}],
                "y2": {"type": "log", "label": "big"}}"#,
        )
        .unwrap();
        let p = &c.panels[0];
        let y2 = p.y2.as_ref().expect("a y2 axis");
        assert!(y2.opts.far_side && !y2.grid);
        assert_eq!(y2.label.as_deref(), Some("big"));
        let crate::spec::model::Content::Cartesian(plots) = &p.content else {
            panic!("cartesian")
        };
        assert!(!plots[0].on_y2 && plots[1].on_y2);
    }

    #[test]
    fn y2_errors_point_at_their_place() {
        let unused = r#"{"series": [{"type": "line", "y": [1]}], "y2": {}}"#;
        assert_eq!(error_path(unused), "/y2");
        let log =
            r#"{"series": [{"type": "line", "y": [1, -1], "axis": "y2"}], "y2": {"type": "log"}}"#;
        assert_eq!(error_path(log), "/series/0/y/1");
        let same_side = r#"{"series": [{"type": "line", "y": [1], "axis": "y2"}],
                            "y2": {"position": "left"}}"#;
        assert_eq!(error_path(same_side), "/y2/position");
        let horizontal =
            r#"{"series": [{"type": "bar", "horizontal": true, "y": [1], "axis": "y2"}]}"#;
        assert_eq!(error_path(horizontal), "/series/0/axis");
        let histogram = r#"{"series": [{"type": "histogram", "values": [1], "axis": "y2"}]}"#;
        assert_eq!(error_path(histogram), "/series/0/axis");
        let pie = r#"{"series": [{"type": "pie", "values": [1]}], "y2": {}}"#;
        assert_eq!(error_path(pie), "/y2");
    }
}
