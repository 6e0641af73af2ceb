//! v2: new series types — band, candlestick and text series on cartesian axes: their data
//! read against the panel's axes (lengths matched, prices consistent), and their style.
//! Box series are read in `box_series`, radar panels in `radar`.

use super::axes::DataAxes;
use super::style::marker_size;
use super::values::{number, Categories};
use super::{parse_color, Validation};
use crate::error::{Error, Result};
use crate::spec::color::Rgba;
use crate::spec::model::{AxisKind, Mark, PlotKind};
use crate::spec::{Scalar, SeriesSpec, SeriesType, Values};

/// Candlestick defaults: the Okabe–Ito bluish green and vermillion, which differ in lightness
/// as well as hue, so colour-blind readers tell rising from falling periods too.
pub(super) const UP_COLOR: Rgba = Rgba(0x00, 0x9E, 0x73, 255);
pub(super) const DOWN_COLOR: Rgba = Rgba(0xD5, 0x5E, 0x00, 255);
/// A band's fill opacity when none is given (matplotlib users write `alpha=0.3`).
const BAND_OPACITY: f64 = 0.3;
/// A text series' font size when none is given, in logical pixels.
const TEXT_SIZE: f64 = 12.0;

/// Whether `kind` is one of the v2 series types drawn on cartesian axes.
pub(super) fn is_mark(kind: SeriesType) -> bool {
    matches!(
        kind,
        SeriesType::Band | SeriesType::Box | SeriesType::Candlestick | SeriesType::Text
    )
}

/// A series' `values` as one flat list (histogram, pie, radar): an error at the first nested
/// array.
pub(super) fn flat_values<'a>(
    values: Option<&'a Values>,
    sp: &str,
) -> Result<Option<&'a [Scalar]>> {
    match values {
        None => Ok(None),
        Some(v) => v.flat().map(Some).ok_or_else(|| {
            Error::spec(
                format!("{sp}/values/0"),
                "expected a number, found an array (only box series take one array per category)",
            )
        }),
    }
}

/// The field `field` of the series at `sp`, required for `kind`.
pub(super) fn required<'a, T: ?Sized>(
    v: Option<&'a T>,
    sp: &str,
    field: &str,
    kind: SeriesType,
) -> Result<&'a T> {
    v.ok_or_else(|| {
        Error::spec(
            format!("{sp}/{field}"),
            format!("is required for {} series", kind.as_str()),
        )
    })
}

/// An error unless `field` has `n` values, like x.
pub(super) fn same_length(sp: &str, field: &str, len: usize, n: usize, of: &str) -> Result<()> {
    if len != n {
        return Err(Error::spec(
            format!("{sp}/{field}"),
            format!("has {len} values but {of} has {n}; they must have the same length"),
        ));
    }
    Ok(())
}

/// The numbers of `field` (`null` a gap `NaN` when `nulls`); positive on a log axis.
pub(super) fn numbers(
    sp: &str,
    field: &str,
    v: &[Scalar],
    nulls: bool,
    log: bool,
) -> Result<Vec<f64>> {
    let mut out = Vec::with_capacity(v.len());
    for (j, s) in v.iter().enumerate() {
        let p = || format!("{sp}/{field}/{j}");
        let n = match s {
            Scalar::Null if nulls => f64::NAN,
            _ => number(s, p)?,
        };
        super::values::positive_on_log(n, log, &p)?;
        out.push(n);
    }
    Ok(out)
}

impl Validation<'_> {
    /// The band, box, candlestick or text series `s` at `sp`.
    pub(super) fn mark(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        opacity: Option<f64>,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<PlotKind> {
        let mark = match s.kind {
            SeriesType::Band => self.band(sp, s, opacity, axes, categories)?,
            SeriesType::Box => self.box_series(sp, s, axes, categories)?,
            SeriesType::Candlestick => self.candlestick(sp, s, axes, categories)?,
            _ => self.text_series(sp, s, axes, categories)?,
        };
        Ok(PlotKind::Mark(mark))
    }

    /// The x positions of a v2 series of `n` points at `sp`: from `x` (as long) or numbered.
    pub(super) fn mark_x(
        &mut self,
        sp: &str,
        x: Option<&Vec<Scalar>>,
        n: usize,
        first: &str,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<Vec<f64>> {
        if n == 0 {
            return Err(Error::spec(
                format!("{sp}/{first}"),
                "must hold at least one value",
            ));
        }
        match x {
            Some(x) => {
                same_length(sp, first, n, x.len(), "x")?;
                self.x_values(sp, x, &axes.x_kind, categories)
            }
            None => self.default_x(sp, n, &axes.x_kind, categories),
        }
    }

    fn band(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        opacity: Option<f64>,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<Mark> {
        let lower = required(s.lower.as_ref(), sp, "lower", s.kind)?;
        let upper = required(s.upper.as_ref(), sp, "upper", s.kind)?;
        same_length(sp, "upper", upper.len(), lower.len(), "lower")?;
        self.add_points(lower.len() * 2, &format!("{sp}/upper"))?;
        let xs = self.mark_x(sp, s.x.as_ref(), lower.len(), "lower", axes, categories)?;
        // v2: y2 — a band on y2 is read against that axis
        let log = *axes.value_kind(s.axis) == AxisKind::Log;
        Ok(Mark::Band {
            xs,
            lower: numbers(sp, "lower", lower, true, log)?,
            upper: numbers(sp, "upper", upper, true, log)?,
            opacity: opacity.unwrap_or(BAND_OPACITY),
        })
    }

    fn candlestick(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<Mark> {
        let log = axes.y_kind == AxisKind::Log;
        let mut cols = Vec::with_capacity(4);
        for (field, v) in [
            ("open", &s.open),
            ("high", &s.high),
            ("low", &s.low),
            ("close", &s.close),
        ] {
            let v = required(v.as_ref(), sp, field, s.kind)?;
            if let Some((_, first)) = cols.first() {
                same_length(sp, field, v.len(), Vec::len(first), "open")?;
            }
            cols.push((field, numbers(sp, field, v, false, log)?));
        }
        let n = cols[0].1.len();
        self.add_points(n * 4, &format!("{sp}/close"))?;
        let [(_, open), (_, high), (_, low), (_, close)]: [(&str, Vec<f64>); 4] =
            cols.try_into().expect("four columns");
        check_prices(sp, &open, &high, &low, &close)?;
        let xs = self.mark_x(sp, s.x.as_ref(), n, "open", axes, categories)?;
        let color = |c: &Option<String>, field: &str, default: Rgba| match c {
            Some(c) => parse_color(c, &format!("{sp}/{field}")),
            None => Ok(default),
        };
        Ok(Mark::Candlestick {
            xs,
            open,
            high,
            low,
            close,
            style: s.style.unwrap_or_default(),
            up: color(&s.up_color, "up_color", UP_COLOR)?,
            down: color(&s.down_color, "down_color", DOWN_COLOR)?,
        })
    }

    fn text_series(
        &mut self,
        sp: &str,
        s: &SeriesSpec,
        axes: &DataAxes,
        categories: &mut Categories,
    ) -> Result<Mark> {
        let y = required(s.y.as_ref(), sp, "y", s.kind)?;
        let text = required(s.text.as_ref(), sp, "text", s.kind)?;
        same_length(sp, "text", text.len(), y.len(), "y")?;
        self.add_points(y.len(), &format!("{sp}/y"))?;
        let xs = self.mark_x(sp, s.x.as_ref(), y.len(), "y", axes, categories)?;
        let ys = match axes.y_kind {
            AxisKind::Category(_) => self.category_positions(sp, "y", y, &mut categories.y)?,
            _ => numbers(sp, "y", y, true, axes.y_kind == AxisKind::Log)?,
        };
        let mut texts = Vec::with_capacity(text.len());
        for (j, t) in text.iter().enumerate() {
            let t = match t {
                Scalar::Str(t) => t.clone(),
                Scalar::Num(n) => crate::format::number::format_number(*n),
                Scalar::Null => String::new(),
            };
            self.check_text(Some(&t), &format!("{sp}/text/{j}"))?;
            texts.push(t);
        }
        Ok(Mark::Text {
            xs,
            ys,
            texts,
            anchor: s.anchor.unwrap_or_default(),
            size: marker_size(s.size, sp)?.unwrap_or(TEXT_SIZE),
        })
    }
}

/// Each period's prices hang together: `low ≤ open, close ≤ high`.
fn check_prices(sp: &str, open: &[f64], high: &[f64], low: &[f64], close: &[f64]) -> Result<()> {
    for j in 0..open.len() {
        let (o, h, l, c) = (open[j], high[j], low[j], close[j]);
        if h < o.max(c) {
            return Err(Error::spec(
                format!("{sp}/high/{j}"),
                format!(
                    "must be at least max(open, close) = {}, found {h}",
                    o.max(c)
                ),
            ));
        }
        if l > o.min(c) {
            return Err(Error::spec(
                format!("{sp}/low/{j}"),
                format!("must be at most min(open, close) = {}, found {l}", o.min(c)),
            ));
        }
    }
    Ok(())
}
