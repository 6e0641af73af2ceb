//! The version 2 series options (SPEC v2 › Series): error bars, data labels, per-point colours
//! and sizes, steps, smoothing and colour by value, checked against the series' points.
//!
//! Separate from `series`, which reads the data itself: these options are read after it, so
//! that every per-point array can be checked against the number of points.

use super::values::number;
use super::{parse_color, Validation};
use crate::error::{Error, Result};
use crate::format::d3::NumberFormat;
use crate::format::locale::Locale;
use crate::spec::color::Rgba;
use crate::spec::model::{ColorBy, DataLabels, ErrorBars, SeriesOptions};
use crate::spec::{
    Colormap, DataLabelsSpec, ErrorSpec, LabelPosition, PieLabelContent, Scalar, SeriesSpec,
    SeriesType,
};

/// Largest marker area in square pixels (a 100 px wide bubble).
const MAX_AREA: f64 = 7854.0;

/// What the options of one series are read against.
pub(super) struct PointsOf<'a> {
    pub ys: &'a [f64],
    pub opacity: f64,
}

impl Validation<'_> {
    /// The options of the line, scatter, bar or area series `s` at `sp`.
    pub(super) fn series_options(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        pts: &PointsOf,
    ) -> Result<SeriesOptions> {
        let n = pts.ys.len();
        if s.step.is_some() && s.smooth == Some(true) {
            return Err(Error::spec(
                format!("{sp}/smooth"),
                "a line is either a step line or smooth, not both",
            ));
        }
        let error = match &s.error {
            Some(e) => Some(self.error_bars(&format!("{sp}/error"), e, pts.ys)?),
            None => None,
        };
        let colors = match &s.colors {
            Some(c) => Some(self.point_colors(&format!("{sp}/colors"), c, n, pts.opacity)?),
            None => None,
        };
        Ok(SeriesOptions {
            error,
            data_labels: data_labels(sp, s.data_labels.as_ref(), s.kind, self.conventions.locale)?,
            colors,
            step: s.step,
            smooth: s.smooth == Some(true),
            sizes: self.sizes(sp, s.sizes.as_deref(), n)?,
            color_by: self.color_by(sp, s, n, pts.opacity)?,
        })
    }

    /// The slice colours of a pie at `sp` (one per slice), if given.
    pub(super) fn slice_colors(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        n: usize,
    ) -> Result<Option<Vec<Rgba>>> {
        match &s.colors {
            Some(c) => Ok(Some(self.point_colors(
                &format!("{sp}/colors"),
                c,
                n,
                1.0,
            )?)),
            None => Ok(None),
        }
    }

    /// Error bars as distances below and above each value.
    fn error_bars(&mut self, path: &str, e: &ErrorSpec, ys: &[f64]) -> Result<ErrorBars> {
        let n = ys.len();
        let (mut down, mut up) = (Vec::with_capacity(n), Vec::with_capacity(n));
        match e {
            ErrorSpec::All(v) => {
                let v = non_negative(&Scalar::Num(*v), || path.to_owned())?;
                down.resize(n, v);
                up.resize(n, v);
            }
            ErrorSpec::Each(list) => {
                same_length(path, list.len(), n)?;
                self.add_points(n, path)?;
                for (j, v) in list.iter().enumerate() {
                    let e = match v {
                        Scalar::Null => f64::NAN,
                        _ => non_negative(v, || format!("{path}/{j}"))?,
                    };
                    down.push(e);
                    up.push(e);
                }
            }
            ErrorSpec::Bounds(b) => {
                same_length(&format!("{path}/lower"), b.lower.len(), n)?;
                same_length(&format!("{path}/upper"), b.upper.len(), n)?;
                self.add_points(2 * n, path)?;
                for (j, y) in ys.iter().enumerate() {
                    let (lo, hi) = bounds_at(path, j, &b.lower[j], &b.upper[j])?;
                    down.push(y - lo);
                    up.push(hi - y);
                }
            }
        }
        Ok(ErrorBars { down, up })
    }

    /// One colour per point (`n` of them) at `path`, at `opacity`.
    fn point_colors(
        &mut self,
        path: &str,
        list: &[String],
        n: usize,
        opacity: f64,
    ) -> Result<Vec<Rgba>> {
        same_length(path, list.len(), n)?;
        self.add_points(n, path)?;
        list.iter()
            .enumerate()
            .map(|(j, c)| Ok(parse_color(c, &format!("{path}/{j}"))?.with_alpha(opacity)))
            .collect()
    }

    /// Marker areas in px² (`null`: the series `size`), as diameters.
    fn sizes(&mut self, sp: &str, list: Option<&[Scalar]>, n: usize) -> Result<Option<Vec<f64>>> {
        let Some(list) = list else { return Ok(None) };
        let path = format!("{sp}/sizes");
        same_length(&path, list.len(), n)?;
        self.add_points(n, &path)?;
        let mut out = Vec::with_capacity(n);
        for (j, v) in list.iter().enumerate() {
            let p = || format!("{path}/{j}");
            let a = match v {
                Scalar::Null => f64::NAN,
                _ => non_negative(v, p)?,
            };
            if a > MAX_AREA {
                return Err(Error::spec(
                    p(),
                    format!("marker areas are at most {MAX_AREA} px² (100 px across), found {a}"),
                ));
            }
            out.push(2.0 * (a / std::f64::consts::PI).sqrt());
        }
        Ok(Some(out))
    }

    /// `values_color` with its `colormap` (viridis by default).
    fn color_by(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        n: usize,
        opacity: f64,
    ) -> Result<Option<ColorBy>> {
        let Some(list) = &s.values_color else {
            if s.colormap.is_some() && s.kind == SeriesType::Scatter {
                return Err(Error::spec(
                    format!("{sp}/colormap"),
                    "a scatter series' `colormap` colours `values_color`, which is missing",
                ));
            }
            return Ok(None);
        };
        let path = format!("{sp}/values_color");
        if s.colors.is_some() {
            return Err(Error::spec(
                path,
                "give either `colors` or `values_color`, not both",
            ));
        }
        same_length(&path, list.len(), n)?;
        self.add_points(n, &path)?;
        let mut values = Vec::with_capacity(n);
        for (j, v) in list.iter().enumerate() {
            values.push(match v {
                Scalar::Null => f64::NAN,
                _ => number(v, || format!("{path}/{j}"))?,
            });
        }
        if !values.iter().any(|v| v.is_finite()) {
            return Err(Error::spec(path, "must hold at least one number"));
        }
        Ok(Some(ColorBy {
            values,
            colormap: s.colormap.unwrap_or(Colormap::Viridis),
            opacity,
        }))
    }
}

/// The data labels of a series of `kind` at `sp`: positions must suit the mark.
pub(super) fn data_labels(
    sp: &str,
    spec: Option<&DataLabelsSpec>,
    kind: SeriesType,
    locale: &'static Locale,
) -> Result<Option<DataLabels>> {
    let opts = match spec {
        None | Some(DataLabelsSpec::On(false)) => return Ok(None),
        Some(DataLabelsSpec::On(true)) => Default::default(),
        Some(DataLabelsSpec::Options(o)) => o.clone(),
    };
    let path = format!("{sp}/data_labels");
    let format = match &opts.format {
        Some(f) => Some(NumberFormat::parse(f).map_err(|why| {
            Error::spec(
                format!("{path}/format"),
                format!(
                    "{:?} is not a d3-format specifier: {why}",
                    super::truncate(f)
                ),
            )
        })?),
        None => None,
    };
    let position = opts.position.unwrap_or_default();
    use LabelPosition as P;
    let fits = match kind {
        SeriesType::Bar => matches!(position, P::Auto | P::Inside | P::Outside | P::Center),
        SeriesType::Pie => matches!(position, P::Auto | P::Inside | P::Outside),
        SeriesType::Heatmap => matches!(position, P::Auto | P::Center),
        _ => matches!(position, P::Auto | P::Above | P::Below | P::Left | P::Right),
    };
    if !fits {
        return Err(Error::spec(
            format!("{path}/position"),
            format!(
                "`{}` does not apply to {} series",
                position.as_str(),
                kind.as_str()
            ),
        ));
    }
    match (kind, opts.content) {
        (_, None) | (SeriesType::Pie, _) | (SeriesType::Bar, Some(PieLabelContent::Value)) => {}
        (SeriesType::Bar, Some(_)) => {
            return Err(Error::spec(
                format!("{path}/content"),
                "bars take `content: \"value\"` only (on a normalized stack, each bar's own value instead of its share)",
            ))
        }
        _ => {
            return Err(Error::spec(
                format!("{path}/content"),
                "`content` applies to pie series, and `value` to bars on a normalized stack",
            ))
        }
    }
    Ok(Some(DataLabels {
        format,
        locale,
        position,
        content: opts.content.unwrap_or(PieLabelContent::Percent),
        values: None,
    }))
}

fn same_length(path: &str, got: usize, n: usize) -> Result<()> {
    if got == n {
        Ok(())
    } else {
        Err(Error::spec(
            path,
            format!("has {got} values but the series has {n} points; give one per point"),
        ))
    }
}

fn non_negative(v: &Scalar, path: impl Fn() -> String) -> Result<f64> {
    let e = number(v, &path)?;
    if e < 0.0 {
        return Err(Error::spec(
            path(),
            format!("must not be negative, found {e}"),
        ));
    }
    Ok(e)
}

/// The absolute bounds of point `j` (both `null`: no bar); lower not above upper.
fn bounds_at(path: &str, j: usize, lo: &Scalar, hi: &Scalar) -> Result<(f64, f64)> {
    if *lo == Scalar::Null && *hi == Scalar::Null {
        return Ok((f64::NAN, f64::NAN));
    }
    let l = number(lo, || format!("{path}/lower/{j}"))?;
    let h = number(hi, || format!("{path}/upper/{j}"))?;
    if l > h {
        return Err(Error::spec(
            format!("{path}/lower/{j}"),
            format!("the lower bound {l} is above the upper bound {h}"),
        ));
    }
    Ok((l, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::DataLabelOptions;

    #[test]
    fn data_labels_write_values_in_the_charts_locale() {
        let de = Locale::named("de-DE").expect("de-DE");
        let spec = DataLabelsSpec::Options(DataLabelOptions {
            format: Some(",.2f".to_owned()),
            ..Default::default()
        });
        let labels = data_labels("/series/0", Some(&spec), SeriesType::Bar, de)
            .unwrap()
            .unwrap();
        assert_eq!(labels.text(1234.5), "1.234,50");
        let plain = data_labels(
            "/series/0",
            Some(&DataLabelsSpec::On(true)),
            SeriesType::Line,
            de,
        )
        .unwrap()
        .unwrap();
        assert_eq!(plain.text(2.5), "2,5");
        assert_eq!(plain.position, LabelPosition::Auto);
        let bad = DataLabelsSpec::Options(DataLabelOptions {
            format: Some(".f1".to_owned()),
            ..Default::default()
        });
        let e = data_labels("/series/0", Some(&bad), SeriesType::Bar, de).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/series/0/data_labels/format"));
    }
}
