//! Annotations (`annotations`, at the top level or per panel): each entry's fields checked
//! against its type, its positions read like the values of the axis they are on (numbers, dates,
//! category labels), and its defaults applied (bands below the data, the rest above).

use super::style::{dash_pattern, line_width, opacity};
use super::values::number;
use super::{parse_color, truncate, Validation};
use crate::error::{Error, Result};
use crate::spec::model::{Annotation, AnnotationKind, Axis, AxisKind};
use crate::spec::{AnnotationAnchor, AnnotationLayer, AnnotationSpec, AnnotationType};
use crate::spec::{AnnotationValue, AxisRef, Scalar};

impl Validation<'_> {
    /// The annotations at `base` (a panel's pointer) over the panel's screen axes `x` and `y`.
    pub(super) fn annotations(
        &mut self,
        base: &str,
        list: Option<&[AnnotationSpec]>,
        x: &Axis,
        y: &Axis,
        y2: Option<&Axis>,
    ) -> Result<Vec<Annotation>> {
        let Some(list) = list else {
            return Ok(Vec::new());
        };
        self.annotation_count += list.len();
        if self.annotation_count > self.limits.max_annotations {
            return Err(Error::limit(
                Some(&format!("{base}/annotations")),
                "number of annotations",
                self.annotation_count,
                self.limits.max_annotations,
            ));
        }
        list.iter()
            .enumerate()
            .map(|(i, a)| {
                let ap = format!("{base}/annotations/{i}");
                let y = match (a.axis, y2) {
                    (Some(AxisRef::Y2), Some(y2)) => y2,
                    (Some(AxisRef::Y2), None) => {
                        return Err(Error::spec(
                            format!("{ap}/axis"),
                            "this panel has no y2 axis",
                        ))
                    }
                    _ => y,
                };
                self.annotation(&ap, a, x, y)
            })
            .collect()
    }

    fn annotation(&self, ap: &str, a: &AnnotationSpec, x: &Axis, y: &Axis) -> Result<Annotation> {
        let p = |f: &str| format!("{ap}/{f}");
        refuse_fields(a, ap)?;
        self.check_text(a.label.as_deref(), &p("label"))?;
        self.check_text(a.text.as_deref(), &p("text"))?;
        let band = a.kind == AnnotationType::Band;
        let color = match &a.color {
            Some(c) => parse_color(c, &p("color"))?,
            None if band => self.theme.text,
            None => self.theme.axis,
        };
        let default_opacity = if band { 0.15 } else { 1.0 };
        let kind = match a.kind {
            AnnotationType::Line => {
                let (vertical, at) = one_axis(a, ap, x, y, false)?;
                AnnotationKind::Line {
                    vertical,
                    at: at[0],
                    width: line_width(a.width, ap)?,
                    dash: dash_pattern(a.dash.as_ref(), &p("dash"))?,
                }
            }
            AnnotationType::Band if a.x.is_some() && a.y.is_some() => {
                let span = |v: &Option<AnnotationValue>, axis: &Axis, field: &str| {
                    Ok::<_, Error>(band_span(axis, pair(v.as_ref(), axis, &p(field))?))
                };
                let (from, to) = span(&a.x, x, "x")?;
                AnnotationKind::Band {
                    vertical: true,
                    from,
                    to,
                    across: Some(span(&a.y, y, "y")?),
                }
            }
            AnnotationType::Band => {
                let (vertical, at) = one_axis(a, ap, x, y, true)?;
                let (from, to) = band_span(if vertical { x } else { y }, [at[0], at[1]]);
                AnnotationKind::Band {
                    vertical,
                    from,
                    to,
                    across: None,
                }
            }
            AnnotationType::Text => text_kind(a, ap, x, y)?,
            AnnotationType::Point => {
                let (px, py) = both_axes(a, ap, x, y)?;
                AnnotationKind::Point {
                    x: px,
                    y: py,
                    arrow: a.arrow.unwrap_or(true),
                }
            }
        };
        Ok(Annotation {
            kind,
            label: a.label.clone().filter(|_| a.kind != AnnotationType::Text),
            color,
            opacity: opacity(a.opacity, &p("opacity"))?.unwrap_or(default_opacity),
            below: a.layer.map_or(band, |l| l == AnnotationLayer::Below),
            on_y2: a.axis == Some(AxisRef::Y2),
        })
    }
}

/// A `text` annotation: its position and its text (`text`, or `label` when that is all).
fn text_kind(a: &AnnotationSpec, ap: &str, x: &Axis, y: &Axis) -> Result<AnnotationKind> {
    let (px, py) = both_axes(a, ap, x, y)?;
    let text = match (&a.text, &a.label) {
        (Some(_), Some(_)) => {
            return Err(Error::spec(
                format!("{ap}/label"),
                "a text annotation shows `text`; give `text` or `label`, not both",
            ))
        }
        (Some(t), None) | (None, Some(t)) => t.clone(),
        (None, None) => {
            return Err(Error::spec(
                format!("{ap}/text"),
                "is required for text annotations",
            ))
        }
    };
    Ok(AnnotationKind::Text {
        x: px,
        y: py,
        text,
        anchor: a.anchor.unwrap_or(AnnotationAnchor::Middle),
    })
}

/// A field its type does not take is an error, not ignored.
fn refuse_fields(a: &AnnotationSpec, ap: &str) -> Result<()> {
    let allowed: &[&str] = match a.kind {
        AnnotationType::Line => &["dash", "width"],
        AnnotationType::Band => &[],
        AnnotationType::Text => &["text", "anchor"],
        AnnotationType::Point => &["arrow"],
    };
    let present = [
        ("dash", a.dash.is_some()),
        ("width", a.width.is_some()),
        ("text", a.text.is_some()),
        ("anchor", a.anchor.is_some()),
        ("arrow", a.arrow.is_some()),
    ];
    match present.iter().find(|(f, p)| *p && !allowed.contains(f)) {
        Some((f, _)) => Err(Error::spec(
            format!("{ap}/{f}"),
            format!("`{f}` does not apply to {:?} annotations", a.kind).to_lowercase(),
        )),
        None => Ok(()),
    }
}

/// A line or band: exactly one of `x` and `y`, one value (`span`: a `[from, to]` pair). Returns
/// whether it is on the x axis (a vertical rule or span) and its value(s).
fn one_axis(
    a: &AnnotationSpec,
    ap: &str,
    x: &Axis,
    y: &Axis,
    span: bool,
) -> Result<(bool, Vec<f64>)> {
    let (vertical, v, axis, field) = match (&a.x, &a.y) {
        (Some(v), None) => (true, v, x, "x"),
        (None, Some(v)) => (false, v, y, "y"),
        (Some(_), Some(_)) => {
            return Err(Error::spec(
                format!("{ap}/y"),
                "give `x` (a vertical one) or `y` (a horizontal one), not both",
            ))
        }
        (None, None) => return Err(Error::spec(format!("{ap}/x"), "needs `x` or `y`")),
    };
    let path = format!("{ap}/{field}");
    let values = match (v, span) {
        (AnnotationValue::One(s), false) => vec![position(s, axis, &path)?],
        (_, true) => pair(Some(v), axis, &path)?.to_vec(),
        (_, false) => return Err(Error::spec(path, "expected one value")),
    };
    Ok((vertical, values))
}

/// A band's span from its two ends, in order; on a category axis the whole of both end
/// categories (half a step either side of their centres), so `["b", "b"]` shades the column of
/// "b", as matplotlib's `axvspan(0.5, 1.5)` would.
fn band_span(axis: &Axis, [a, b]: [f64; 2]) -> (f64, f64) {
    let half = match axis.kind {
        AxisKind::Category(_) => 0.5,
        _ => 0.0,
    };
    (a.min(b) - half, a.max(b) + half)
}

/// A band's `[from, to]` on `axis`, read like its values.
fn pair(v: Option<&AnnotationValue>, axis: &Axis, path: &str) -> Result<[f64; 2]> {
    match v {
        Some(AnnotationValue::Span(pair)) if pair.len() == 2 => Ok([
            position(&pair[0], axis, &format!("{path}/0"))?,
            position(&pair[1], axis, &format!("{path}/1"))?,
        ]),
        _ => Err(Error::spec(path, "expected a [from, to] pair")),
    }
}

/// A text or point: both `x` and `y`, one value each.
fn both_axes(a: &AnnotationSpec, ap: &str, x: &Axis, y: &Axis) -> Result<(f64, f64)> {
    let one = |v: &Option<AnnotationValue>, axis: &Axis, f: &str| {
        let path = format!("{ap}/{f}");
        match v {
            Some(AnnotationValue::One(s)) => position(s, axis, &path),
            Some(AnnotationValue::Span(_)) => Err(Error::spec(path, "expected one value")),
            None => Err(Error::spec(path, "is required")),
        }
    };
    Ok((one(&a.x, x, "x")?, one(&a.y, y, "y")?))
}

/// A position on `axis`, read like its values: a category label, a date, or a number.
fn position(v: &Scalar, axis: &Axis, path: &str) -> Result<f64> {
    let p = || path.to_owned();
    match (&axis.kind, v) {
        (_, Scalar::Null) => Err(Error::spec(path, "expected a value, found null")),
        (AxisKind::Category(labels), _) => {
            let name = match v {
                Scalar::Str(s) => s.clone(),
                _ => crate::format::number::format_number(number(v, p)?),
            };
            labels
                .iter()
                .position(|l| *l == name)
                .map(|i| i as f64)
                .ok_or_else(|| {
                    Error::spec(
                        path,
                        format!("{:?} is not a category of this axis", truncate(&name)),
                    )
                })
        }
        (AxisKind::Time, Scalar::Str(s)) => crate::format::date::parse_iso(s).ok_or_else(|| {
            Error::spec(
                path,
                format!("expected an ISO-8601 date, found {:?}", truncate(s)),
            )
        }),
        (_, Scalar::Str(s)) => Err(Error::spec(
            path,
            format!("expected a number, found {:?}", truncate(s)),
        )),
        (kind, _) => {
            let n = number(v, p)?;
            if *kind == AxisKind::Log && n <= 0.0 {
                return Err(Error::spec(
                    path,
                    format!("a log axis needs a positive value, found {n}"),
                ));
            }
            Ok(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_spec, validate};
    use crate::spec::limits::Limits;
    use crate::spec::model::{AnnotationKind, Chart};

    fn chart(annotations: &str) -> crate::error::Result<Chart> {
        let spec = format!(
            r#"{{"series": [{{"type": "bar", "x": ["a", "b", "c"], "y": [1, 2, 3]}}],
                "annotations": {annotations}}}"#
        );
        let limits = Limits::default();
        validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits)
    }

    fn error_path(annotations: &str) -> String {
        chart(annotations).unwrap_err().path.unwrap_or_default()
    }

    #[test]
    fn positions_are_read_like_the_axis() {
        let c =
            chart(r#"[{"type": "band", "x": ["c", "b"]}, {"type": "point", "x": "b", "y": 9}]"#)
                .unwrap();
        let notes = &c.panels[0].annotations;
        assert_eq!(
            notes[0].kind,
            AnnotationKind::Band {
                vertical: true,
                from: 0.5,
                to: 2.5,
                across: None
            }
        );
        assert!(notes[0].below && !notes[1].below);
        assert!(
            matches!(notes[1].kind, AnnotationKind::Point { x, y, arrow: true } if x == 1.0 && y == 9.0)
        );
    }

    #[test]
    fn every_error_points_at_its_field() {
        assert_eq!(
            error_path(r#"[{"type": "line", "x": "z"}]"#),
            "/annotations/0/x"
        );
        assert_eq!(
            error_path(r#"[{"type": "line", "y": 1}, {"type": "line", "y": "high"}]"#),
            "/annotations/1/y"
        );
        assert_eq!(
            error_path(r#"[{"type": "band", "y": [1]}]"#),
            "/annotations/0/y"
        );
        assert_eq!(
            error_path(r#"[{"type": "band", "y": [1, "x"]}]"#),
            "/annotations/0/y/1"
        );
        assert_eq!(
            error_path(r#"[{"type": "line", "x": "a", "y": 2}]"#),
            "/annotations/0/y"
        );
        assert_eq!(
            error_path(r#"[{"type": "point", "x": "a"}]"#),
            "/annotations/0/y"
        );
        assert_eq!(
            error_path(r#"[{"type": "text", "x": "a", "y": 1}]"#),
            "/annotations/0/text"
        );
        assert_eq!(
            error_path(r#"[{"type": "band", "y": [1, 2], "arrow": true}]"#),
            "/annotations/0/arrow"
        );
        assert_eq!(
            error_path(r#"[{"type": "line", "y": 1, "opacity": 2}]"#),
            "/annotations/0/opacity"
        );
        assert_eq!(
            error_path(r#"[{"type": "line", "y": 1, "color": "nope"}]"#),
            "/annotations/0/color"
        );
        assert_eq!(
            error_path(r#"[{"type": "line", "y": 1, "axis": "y2"}]"#),
            "/annotations/0/axis"
        );
    }

    #[test]
    fn annotations_are_counted_against_the_limit() {
        let many = format!("[{}]", vec![r#"{"type": "line", "y": 1}"#; 201].join(","));
        let e = chart(&many).unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::LimitExceeded);
        assert_eq!(e.path.as_deref(), Some("/annotations"));
    }
}
