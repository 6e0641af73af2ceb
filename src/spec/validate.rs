//! From bytes to a checked [`Chart`]: parsing, validation and normalization.
//!
//! Every error names the place in the spec with a JSON Pointer. Validation is where meaning is
//! decided (axis types inferred, categories numbered, dates parsed, defaults applied), so the
//! renderer can assume a chart that makes sense.

use crate::budget::Budget;
use crate::error::{Error, ErrorCode, Result};
use crate::spec::color::{Rgba, Theme};
use crate::spec::limits::Limits;
use crate::spec::model::*;
use crate::spec::*;
use serde::Deserialize;
use std::collections::HashMap;

/// Parses a spec from raw bytes (a leading UTF-8 byte-order mark is allowed).
/// Parsing and validating a spec cost about this much per input byte: measured 6–10 ns in
/// release builds on this project's 2-core machine (R2, R7, a 6 MB 1.5 M-point spec), doubled
/// for headroom. Neither can stop midway, so a budget that cannot cover them is refused before
/// they start.
pub const PREPARE_NS_PER_BYTE: u64 = if cfg!(debug_assertions) { 300 } else { 16 };

/// [`parse_spec`] within `budget`: refused at once (`deadline_exceeded`) when the input is too
/// large to parse in the time left, checked again afterwards.
pub fn parse_spec_within(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<ChartSpec> {
    let need = std::time::Duration::from_nanos(bytes.len() as u64 * PREPARE_NS_PER_BYTE);
    if need > budget.remaining() {
        return Err(budget.expired(&format!(
            "a {}-byte spec needs about {} ms to parse and check; less is left",
            bytes.len(),
            need.as_millis()
        )));
    }
    let spec = parse_spec(bytes, limits)?;
    budget.check("parsing the spec")?;
    Ok(spec)
}

pub fn parse_spec(bytes: &[u8], limits: &Limits) -> Result<ChartSpec> {
    limits.check_input_size(bytes.len())?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorCode::InvalidJson, "spec is empty"));
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<ChartSpec> =
        serde_path_to_error::deserialize(&mut de).map_err(Error::from_json_error);
    let parsed = parsed.and_then(|spec| {
        de.end().map_err(|e| {
            Error::new(
                ErrorCode::InvalidJson,
                format!("spec is not valid JSON: {e}"),
            )
        })?;
        Ok(spec)
    });
    match parsed {
        Ok(spec) if first == Some(&b'{') => Ok(spec),
        Ok(_) => Err(Error::spec("", "must be a JSON object")),
        // A document that is not JSON at all is `invalid_json`, even where a shape error comes
        // first in reading order. The check is a second pass, made only on the error path.
        Err(e) if e.code == ErrorCode::InvalidSpec => {
            let mut check = serde_json::Deserializer::from_slice(bytes);
            match serde::de::IgnoredAny::deserialize(&mut check).and_then(|_| check.end()) {
                Err(syntax) => Err(Error::new(
                    ErrorCode::InvalidJson,
                    format!("spec is not valid JSON: {syntax}"),
                )),
                Ok(()) if first != Some(&b'{') => Err(Error::spec("", "must be a JSON object")),
                Ok(()) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

const MIN_SIDE: u64 = 32;
/// The smallest device pixel ratio.
const MIN_SCALE: f64 = 0.25;

/// Values beyond this magnitude make axis arithmetic overflow; no real chart needs them.
const MAX_MAGNITUDE: f64 = 1e300;

/// Checks a parsed spec and resolves it into the chart the renderer draws.
pub fn validate(spec: &ChartSpec, limits: &Limits) -> Result<Chart> {
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
    let (pw, ph) = (width as f64 * scale, height as f64 * scale);
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
    let theme = Theme::named(spec.theme.unwrap_or_default());
    let background = match &spec.background {
        Some(s) => parse_color(s, "/background")?,
        None => theme.background,
    };
    check_text(spec.title.as_deref(), "/title", limits)?;

    let mut ctx = Ctx {
        limits,
        points: 0,
        series: 0,
    };
    let (panels, rows, cols) = match &spec.panels {
        Some(panels) => {
            for (field, present) in [
                ("series", spec.series.is_some()),
                ("x", spec.x.is_some()),
                ("y", spec.y.is_some()),
                ("legend", spec.legend.is_some()),
            ] {
                if present {
                    return Err(Error::spec(
                        format!("/{field}"),
                        "give it inside each panel when `panels` is used",
                    ));
                }
            }
            if panels.is_empty() {
                return Err(Error::spec("/panels", "must hold at least one panel"));
            }
            if panels.len() > limits.max_panels {
                return Err(Error::limit(
                    Some("/panels"),
                    "number of panels",
                    panels.len(),
                    limits.max_panels,
                ));
            }
            let (rows, cols) = match spec.grid {
                Some(g) => {
                    if g.rows == 0 || g.cols == 0 {
                        return Err(Error::spec("/grid", "rows and cols must be at least 1"));
                    }
                    if (g.rows as u64 * g.cols as u64) < panels.len() as u64 {
                        return Err(Error::spec(
                            "/grid",
                            format!(
                                "{}×{} cells cannot hold {} panels",
                                g.rows,
                                g.cols,
                                panels.len()
                            ),
                        ));
                    }
                    if g.rows as usize * g.cols as usize > limits.max_panels {
                        return Err(Error::limit(
                            Some("/grid"),
                            "grid cells",
                            g.rows * g.cols,
                            limits.max_panels,
                        ));
                    }
                    (g.rows, g.cols)
                }
                None => {
                    let cols = (panels.len() as f64).sqrt().ceil() as u32;
                    (panels.len().div_ceil(cols as usize) as u32, cols)
                }
            };
            let mut out = Vec::with_capacity(panels.len());
            for (i, p) in panels.iter().enumerate() {
                let base = format!("/panels/{i}");
                check_text(p.title.as_deref(), &format!("{base}/title"), limits)?;
                out.push(ctx.panel(
                    &base,
                    p.title.clone(),
                    p.x.as_ref(),
                    p.y.as_ref(),
                    p.legend.as_ref(),
                    &p.series,
                    &theme,
                )?);
            }
            (out, rows, cols)
        }
        None => {
            if spec.grid.is_some() {
                return Err(Error::spec("/grid", "only applies together with `panels`"));
            }
            let series = spec
                .series
                .as_ref()
                .ok_or_else(|| Error::spec("/series", "is required (or give `panels`)"))?;
            let panel = ctx.panel(
                "",
                None,
                spec.x.as_ref(),
                spec.y.as_ref(),
                spec.legend.as_ref(),
                series,
                &theme,
            )?;
            (vec![panel], 1, 1)
        }
    };
    Ok(Chart {
        width: width as u32,
        height: height as u32,
        scale,
        format: spec.format.unwrap_or_default(),
        theme,
        background,
        title: spec.title.clone(),
        rows,
        cols,
        panels,
    })
}

fn parse_color(s: &str, path: &str) -> Result<Rgba> {
    Rgba::parse(s).ok_or_else(|| {
        Error::spec(
            path,
            format!(
                "{:?} is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS name or transparent)",
                truncate(s)
            ),
        )
    })
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

fn check_text(text: Option<&str>, path: &str, limits: &Limits) -> Result<()> {
    if let Some(t) = text {
        let n = t.chars().count();
        if n > limits.max_text_chars {
            return Err(Error::limit(
                Some(path),
                "text length in characters",
                n,
                limits.max_text_chars,
            ));
        }
    }
    Ok(())
}

/// Fields each series type may carry (besides `type`).
fn allowed_fields(kind: SeriesType) -> &'static [&'static str] {
    match kind {
        SeriesType::Line => &["name", "color", "x", "y", "width", "dash", "marker", "size"],
        SeriesType::Scatter => &["name", "color", "x", "y", "marker", "size", "opacity"],
        SeriesType::Bar => &["name", "color", "x", "y", "stack", "horizontal", "opacity"],
        SeriesType::Area => &["name", "color", "x", "y", "stack", "opacity", "width"],
        SeriesType::Histogram => &["name", "color", "values", "bins", "bin_width", "opacity"],
        SeriesType::Heatmap => &["name", "x", "y", "z", "colormap"],
        SeriesType::Pie => &["name", "labels", "values", "donut"],
    }
}

fn present_fields(s: &SeriesSpec) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut add = |name: &'static str, present: bool| {
        if present {
            out.push(name)
        }
    };
    add("name", s.name.is_some());
    add("color", s.color.is_some());
    add("x", s.x.is_some());
    add("y", s.y.is_some());
    add("width", s.width.is_some());
    add("dash", s.dash.is_some());
    add("marker", s.marker.is_some());
    add("size", s.size.is_some());
    add("opacity", s.opacity.is_some());
    add("stack", s.stack.is_some());
    add("horizontal", s.horizontal.is_some());
    add("values", s.values.is_some());
    add("bins", s.bins.is_some());
    add("bin_width", s.bin_width.is_some());
    add("z", s.z.is_some());
    add("colormap", s.colormap.is_some());
    add("labels", s.labels.is_some());
    add("donut", s.donut.is_some());
    out
}

struct Ctx<'a> {
    limits: &'a Limits,
    points: usize,
    series: usize,
}

impl Ctx<'_> {
    fn add_points(&mut self, n: usize, path: &str) -> Result<()> {
        self.points += n;
        if self.points > self.limits.max_points {
            return Err(Error::limit(
                Some(path),
                "data points in the chart",
                self.points,
                self.limits.max_points,
            ));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn panel(
        &mut self,
        base: &str,
        title: Option<String>,
        xspec: Option<&AxisSpec>,
        yspec: Option<&AxisSpec>,
        legend: Option<&LegendSpec>,
        series: &[SeriesSpec],
        theme: &Theme,
    ) -> Result<Panel> {
        if series.is_empty() {
            return Err(Error::spec(
                format!("{base}/series"),
                "must hold at least one series",
            ));
        }
        self.series += series.len();
        if self.series > self.limits.max_series {
            return Err(Error::limit(
                Some(&format!("{base}/series")),
                "number of series",
                self.series,
                self.limits.max_series,
            ));
        }
        for (i, s) in series.iter().enumerate() {
            let sp = format!("{base}/series/{i}");
            let allowed = allowed_fields(s.kind);
            if let Some(f) = present_fields(s).into_iter().find(|f| !allowed.contains(f)) {
                return Err(Error::spec(
                    format!("{sp}/{f}"),
                    format!("`{f}` does not apply to {} series", s.kind.as_str()),
                ));
            }
            check_text(s.name.as_deref(), &format!("{sp}/name"), self.limits)?;
        }
        for (axis, spec) in [("x", xspec), ("y", yspec)] {
            if let Some(a) = spec {
                check_text(
                    a.label.as_deref(),
                    &format!("{base}/{axis}/label"),
                    self.limits,
                )?;
            }
        }
        let lone = |kind: SeriesType| -> Result<bool> {
            match series.iter().position(|s| s.kind == kind) {
                Some(_) if series.len() > 1 => Err(Error::spec(
                    format!("{base}/series"),
                    format!(
                        "a {} series must be alone in its panel (use `panels` to combine charts)",
                        kind.as_str()
                    ),
                )),
                Some(_) => Ok(true),
                None => Ok(false),
            }
        };
        let legend_pos = legend.and_then(|l| l.position);
        if lone(SeriesType::Pie)? {
            let pie = self.pie(&format!("{base}/series/0"), &series[0], theme)?;
            let legend = match legend_pos {
                None => Some(LegendPlace::Right),
                Some(p) => place(p),
            };
            let axis = || Axis {
                label: None,
                kind: AxisKind::Linear,
                min: None,
                max: None,
                grid: false,
                reversed: false,
            };
            return Ok(Panel {
                title,
                x: axis(),
                y: axis(),
                legend,
                content: Content::Pie(pie),
            });
        }
        if lone(SeriesType::Heatmap)? {
            let (heat, x, y) = self.heatmap(base, &series[0], xspec, yspec)?;
            return Ok(Panel {
                title,
                x,
                y,
                legend: None,
                content: Content::Heatmap(heat),
            });
        }
        self.cartesian(base, title, xspec, yspec, legend_pos, series, theme)
    }

    #[allow(clippy::too_many_arguments)]
    fn cartesian(
        &mut self,
        base: &str,
        title: Option<String>,
        xspec: Option<&AxisSpec>,
        yspec: Option<&AxisSpec>,
        legend_pos: Option<LegendPosition>,
        series: &[SeriesSpec],
        theme: &Theme,
    ) -> Result<Panel> {
        let horizontal = series.iter().any(|s| s.horizontal == Some(true));
        if horizontal {
            if let Some(i) = series
                .iter()
                .position(|s| s.kind != SeriesType::Bar || s.horizontal != Some(true))
            {
                return Err(Error::spec(
                    format!("{base}/series/{i}"),
                    "horizontal bars cannot share a panel with other series; set `horizontal: true` on every bar",
                ));
            }
        }
        // In a horizontal bar chart the data's x (categories) runs along the screen's y axis.
        let (data_xspec, data_yspec) = if horizontal {
            (yspec, xspec)
        } else {
            (xspec, yspec)
        };
        let (data_xpath, data_ypath) = if horizontal { ("y", "x") } else { ("x", "y") };

        let has_histogram = series.iter().any(|s| s.kind == SeriesType::Histogram);
        let x_kind = self.infer_x_kind(base, series, data_xspec, data_xpath, has_histogram)?;
        let mut categories: Vec<String> = Vec::new();
        let mut cat_index: HashMap<String, usize> = HashMap::new();
        let y_kind = match data_yspec.and_then(|a| a.kind) {
            None | Some(AxisType::Linear) => AxisKind::Linear,
            Some(AxisType::Log) => AxisKind::Log,
            Some(other) => {
                return Err(Error::spec(
                    format!("{base}/{data_ypath}/type"),
                    format!("the value axis cannot be {:?}; use linear or log", other)
                        .to_lowercase(),
                ))
            }
        };

        let mut plots = Vec::with_capacity(series.len());
        let mut unnamed_palette_index = 0usize;
        for (i, s) in series.iter().enumerate() {
            let sp = format!("{base}/series/{i}");
            let color = match &s.color {
                Some(c) => parse_color(c, &format!("{sp}/color"))?,
                None => {
                    let c = theme.series_color(unnamed_palette_index);
                    unnamed_palette_index += 1;
                    c
                }
            };
            let opacity = unit_interval(s.opacity, &format!("{sp}/opacity"))?;
            let kind = if s.kind == SeriesType::Histogram {
                let values = s.values.as_deref().ok_or_else(|| {
                    Error::spec(format!("{sp}/values"), "is required for histogram series")
                })?;
                self.add_points(values.len(), &format!("{sp}/values"))?;
                let mut nums = Vec::with_capacity(values.len());
                for (j, v) in values.iter().enumerate() {
                    match v {
                        Scalar::Null => {}
                        _ => nums.push(number(v, || format!("{sp}/values/{j}"))?),
                    }
                }
                if nums.is_empty() {
                    return Err(Error::spec(
                        format!("{sp}/values"),
                        "must hold at least one number",
                    ));
                }
                if let Some(b) = s.bins {
                    if b == 0 {
                        return Err(Error::spec(format!("{sp}/bins"), "must be at least 1"));
                    }
                    if b > self.limits.max_bins {
                        return Err(Error::limit(
                            Some(&format!("{sp}/bins")),
                            "bins",
                            b,
                            self.limits.max_bins,
                        ));
                    }
                    if s.bin_width.is_some() {
                        return Err(Error::spec(
                            format!("{sp}/bin_width"),
                            "give either `bins` or `bin_width`, not both",
                        ));
                    }
                }
                if let Some(w) = s.bin_width {
                    if !(w.is_finite() && w > 0.0) {
                        return Err(Error::spec(
                            format!("{sp}/bin_width"),
                            format!("must be a positive number, found {w}"),
                        ));
                    }
                    let (lo, hi) = nums
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                            (a.min(v), b.max(v))
                        });
                    let n = ((hi - lo) / w).ceil();
                    if n > self.limits.max_bins as f64 {
                        return Err(Error::limit(
                            Some(&format!("{sp}/bin_width")),
                            "bins implied by bin_width",
                            n,
                            self.limits.max_bins,
                        ));
                    }
                }
                if y_kind == AxisKind::Log {
                    return Err(Error::spec(
                        format!("{base}/y/type"),
                        "histograms need a linear y axis",
                    ));
                }
                PlotKind::Histogram {
                    values: nums,
                    bins: s.bins,
                    bin_width: s.bin_width,
                    opacity: opacity.unwrap_or(1.0),
                }
            } else {
                let y = s.y.as_deref().ok_or_else(|| {
                    Error::spec(
                        format!("{sp}/y"),
                        format!("is required for {} series", s.kind.as_str()),
                    )
                })?;
                self.add_points(y.len(), &format!("{sp}/y"))?;
                if y.is_empty() {
                    return Err(Error::spec(
                        format!("{sp}/y"),
                        "must hold at least one value",
                    ));
                }
                let xs = match &s.x {
                    Some(x) => {
                        if x.len() != y.len() {
                            return Err(Error::spec(
                                format!("{sp}/y"),
                                format!(
                                    "has {} values but x has {}; they must have the same length",
                                    y.len(),
                                    x.len()
                                ),
                            ));
                        }
                        self.x_values(&sp, x, &x_kind, &mut categories, &mut cat_index)?
                    }
                    None => match x_kind {
                        AxisKind::Category(_) => {
                            // Unlabelled bars on a category axis: number them 1, 2, 3…
                            let labels: Vec<Scalar> =
                                (1..=y.len()).map(|k| Scalar::Str(k.to_string())).collect();
                            self.x_values(&sp, &labels, &x_kind, &mut categories, &mut cat_index)?
                        }
                        _ => (0..y.len()).map(|k| k as f64).collect(),
                    },
                };
                let allow_null = matches!(
                    s.kind,
                    SeriesType::Line | SeriesType::Scatter | SeriesType::Area
                );
                let mut ys = Vec::with_capacity(y.len());
                for (j, v) in y.iter().enumerate() {
                    let p = || format!("{sp}/y/{j}");
                    let n = match v {
                        Scalar::Null if allow_null => f64::NAN,
                        Scalar::Null => {
                            return Err(Error::spec(
                                p(),
                                format!(
                                    "expected a number, found null ({} series have no gaps)",
                                    s.kind.as_str()
                                ),
                            ))
                        }
                        _ => number(v, p)?,
                    };
                    if y_kind == AxisKind::Log && n <= 0.0 {
                        return Err(Error::spec(
                            p(),
                            format!("a log axis needs positive values, found {n}"),
                        ));
                    }
                    ys.push(n);
                }
                let width = match s.width {
                    Some(w) if !(w.is_finite() && w > 0.0 && w <= 50.0) => {
                        return Err(Error::spec(
                            format!("{sp}/width"),
                            format!("must be a number above 0 and at most 50, found {w}"),
                        ))
                    }
                    Some(w) => w,
                    None => 1.75,
                };
                let size = match s.size {
                    Some(v) if !(v.is_finite() && v > 0.0 && v <= 100.0) => {
                        return Err(Error::spec(
                            format!("{sp}/size"),
                            format!("must be a number above 0 and at most 100, found {v}"),
                        ))
                    }
                    Some(v) => Some(v),
                    None => None,
                };
                match s.kind {
                    SeriesType::Line => {
                        let dash = dash_pattern(s.dash.as_ref(), &format!("{sp}/dash"))?;
                        let marker = match s.marker {
                            None if size.is_some() => Some(Marker {
                                kind: MarkerKind::Circle,
                                size: size.unwrap_or(5.0),
                            }),
                            None | Some(MarkerKind::None) => None,
                            Some(kind) => Some(Marker {
                                kind,
                                size: size.unwrap_or(5.0),
                            }),
                        };
                        PlotKind::Line {
                            xs,
                            ys,
                            width,
                            dash,
                            marker,
                        }
                    }
                    SeriesType::Scatter => {
                        let kind = match s.marker {
                            None => MarkerKind::Circle,
                            Some(MarkerKind::None) => {
                                return Err(Error::spec(
                                    format!("{sp}/marker"),
                                    "a scatter series needs a visible marker",
                                ))
                            }
                            Some(k) => k,
                        };
                        PlotKind::Scatter {
                            xs,
                            ys,
                            marker: Marker {
                                kind,
                                size: size.unwrap_or(5.0),
                            },
                            opacity: opacity.unwrap_or(1.0),
                        }
                    }
                    SeriesType::Bar => PlotKind::Bar {
                        xs,
                        ys,
                        stack: s.stack.clone(),
                        horizontal,
                        opacity: opacity.unwrap_or(1.0),
                    },
                    SeriesType::Area => PlotKind::Area {
                        xs,
                        ys,
                        stack: s.stack.clone(),
                        opacity: opacity.unwrap_or(0.35),
                        width,
                    },
                    _ => unreachable!("pie, heatmap and histogram are handled above"),
                }
            };
            plots.push(Plot {
                name: s.name.clone(),
                color,
                kind,
            });
        }
        if categories.len() > self.limits.max_categories {
            return Err(Error::limit(
                Some(&format!("{base}/series")),
                "distinct categories",
                categories.len(),
                self.limits.max_categories,
            ));
        }
        let x_kind = match x_kind {
            AxisKind::Category(_) => AxisKind::Category(categories),
            k => k,
        };
        let mut data_x = self.axis(base, data_xpath, data_xspec, x_kind)?;
        let data_y = self.axis(base, data_ypath, data_yspec, y_kind)?;
        // Grid lines along the category axis only clutter a bar chart.
        if matches!(data_x.kind, AxisKind::Category(_)) && data_xspec.and_then(|a| a.grid).is_none()
        {
            data_x.grid = false;
        }
        let named = plots.iter().filter(|p| p.name.is_some()).count();
        let legend = match legend_pos {
            Some(p) => place(p),
            None if named >= 2 => Some(LegendPlace::Best),
            None => None,
        };
        data_x.reversed = horizontal;
        let (x, y) = if horizontal {
            (data_y, data_x)
        } else {
            (data_x, data_y)
        };
        Ok(Panel {
            title,
            x,
            y,
            legend,
            content: Content::Cartesian(plots),
        })
    }

    fn infer_x_kind(
        &self,
        base: &str,
        series: &[SeriesSpec],
        xspec: Option<&AxisSpec>,
        axis_name: &str,
        has_histogram: bool,
    ) -> Result<AxisKind> {
        let declared = xspec.and_then(|a| a.kind);
        let first_string = series
            .iter()
            .flat_map(|s| s.x.iter().flatten())
            .find_map(|v| match v {
                Scalar::Str(t) => Some(t.as_str()),
                _ => None,
            });
        let all_bars_without_x = series
            .iter()
            .all(|s| s.kind == SeriesType::Bar && s.x.is_none());
        let kind = match declared {
            Some(AxisType::Linear) => AxisKind::Linear,
            Some(AxisType::Log) => AxisKind::Log,
            Some(AxisType::Time) => AxisKind::Time,
            Some(AxisType::Category) => AxisKind::Category(Vec::new()),
            None => match first_string {
                Some(t) if crate::format::date::parse_iso(t).is_some() => AxisKind::Time,
                Some(_) => AxisKind::Category(Vec::new()),
                None if all_bars_without_x => AxisKind::Category(Vec::new()),
                None => AxisKind::Linear,
            },
        };
        if has_histogram && kind != AxisKind::Linear {
            return Err(Error::spec(
                format!("{base}/{axis_name}/type"),
                "histograms need a linear x axis",
            ));
        }
        Ok(kind)
    }

    fn x_values(
        &self,
        sp: &str,
        x: &[Scalar],
        kind: &AxisKind,
        categories: &mut Vec<String>,
        index: &mut HashMap<String, usize>,
    ) -> Result<Vec<f64>> {
        let mut out = Vec::with_capacity(x.len());
        for (j, v) in x.iter().enumerate() {
            let p = || format!("{sp}/x/{j}");
            let n = match kind {
                AxisKind::Linear | AxisKind::Log => {
                    let n = match v {
                        Scalar::Str(s) => {
                            return Err(Error::spec(p(), format!("expected a number like the other x values, found {:?}", truncate(s))))
                        }
                        _ => number(v, p)?,
                    };
                    if *kind == AxisKind::Log && n <= 0.0 {
                        return Err(Error::spec(p(), format!("a log axis needs positive values, found {n}")));
                    }
                    n
                }
                AxisKind::Time => match v {
                    Scalar::Num(n) if n.abs() <= crate::format::date::MAX_EPOCH_MS => *n,
                    Scalar::Num(n) => return Err(Error::spec(p(), format!("{n} is out of range for epoch milliseconds"))),
                    Scalar::Str(s) => crate::format::date::parse_iso(s).ok_or_else(|| {
                        Error::spec(p(), format!("expected an ISO-8601 date or date-time (e.g. 2025-01-31 or 2025-01-31T12:00:00Z), found {:?}", truncate(s)))
                    })?,
                    Scalar::Null => return Err(Error::spec(p(), "expected a date, found null")),
                },
                AxisKind::Category(_) => {
                    let label = match v {
                        Scalar::Str(s) => s.clone(),
                        Scalar::Num(n) => crate::format::number::format_number(*n),
                        Scalar::Null => return Err(Error::spec(p(), "expected a category name, found null")),
                    };
                    if label.chars().count() > self.limits.max_text_chars {
                        return Err(Error::limit(Some(&p()), "text length in characters", label.chars().count(), self.limits.max_text_chars));
                    }
                    let next = categories.len();
                    let k = *index.entry(label.clone()).or_insert_with(|| {
                        categories.push(label);
                        next
                    });
                    k as f64
                }
            };
            out.push(n);
        }
        Ok(out)
    }

    fn axis(
        &self,
        base: &str,
        name: &str,
        spec: Option<&AxisSpec>,
        kind: AxisKind,
    ) -> Result<Axis> {
        let bound = |v: Option<&Scalar>, which: &str| -> Result<Option<f64>> {
            let p = || format!("{base}/{name}/{which}");
            match v {
                None | Some(Scalar::Null) => Ok(None),
                Some(Scalar::Str(s)) if kind == AxisKind::Time => {
                    crate::format::date::parse_iso(s).map(Some).ok_or_else(|| {
                        Error::spec(
                            p(),
                            format!("expected an ISO-8601 date, found {:?}", truncate(s)),
                        )
                    })
                }
                Some(v) => {
                    let n = number(v, p)?;
                    if kind == AxisKind::Log && n <= 0.0 {
                        return Err(Error::spec(
                            p(),
                            format!("a log axis needs a positive bound, found {n}"),
                        ));
                    }
                    Ok(Some(n))
                }
            }
        };
        let min = bound(spec.and_then(|a| a.min.as_ref()), "min")?;
        let max = bound(spec.and_then(|a| a.max.as_ref()), "max")?;
        if let (Some(a), Some(b)) = (min, max) {
            if a >= b {
                return Err(Error::spec(
                    format!("{base}/{name}/max"),
                    format!("must be greater than min ({b} ≤ {a})"),
                ));
            }
        }
        if matches!(kind, AxisKind::Category(_)) && (min.is_some() || max.is_some()) {
            return Err(Error::spec(
                format!("{base}/{name}/min"),
                "a category axis has no min or max",
            ));
        }
        Ok(Axis {
            label: spec.and_then(|a| a.label.clone()),
            kind,
            min,
            max,
            grid: spec.and_then(|a| a.grid).unwrap_or(true),
            reversed: false,
        })
    }

    fn heatmap(
        &mut self,
        base: &str,
        s: &SeriesSpec,
        xspec: Option<&AxisSpec>,
        yspec: Option<&AxisSpec>,
    ) -> Result<(Heatmap, Axis, Axis)> {
        let sp = format!("{base}/series/0");
        let z =
            s.z.as_ref()
                .ok_or_else(|| Error::spec(format!("{sp}/z"), "is required for heatmap series"))?;
        if z.is_empty() || z[0].is_empty() {
            return Err(Error::spec(
                format!("{sp}/z"),
                "must hold at least one row with at least one value",
            ));
        }
        let cols = z[0].len();
        let mut rows = Vec::with_capacity(z.len());
        for (r, row) in z.iter().enumerate() {
            if row.len() != cols {
                return Err(Error::spec(
                    format!("{sp}/z/{r}"),
                    format!(
                        "has {} values but row 0 has {cols}; rows must have the same length",
                        row.len()
                    ),
                ));
            }
            self.add_points(row.len(), &format!("{sp}/z/{r}"))?;
            let mut out = Vec::with_capacity(cols);
            for (c, v) in row.iter().enumerate() {
                out.push(match v {
                    Scalar::Null => f64::NAN,
                    v => number(v, || format!("{sp}/z/{r}/{c}"))?,
                });
            }
            rows.push(out);
        }
        let labels = |field: &str,
                      vals: Option<&Vec<Scalar>>,
                      want: usize,
                      what: &str|
         -> Result<Option<Vec<String>>> {
            let Some(vals) = vals else { return Ok(None) };
            if vals.len() != want {
                return Err(Error::spec(
                    format!("{sp}/{field}"),
                    format!("has {} labels but z has {want} {what}", vals.len()),
                ));
            }
            vals.iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Scalar::Str(s) if s.chars().count() > self.limits.max_text_chars => {
                        Err(Error::limit(
                            Some(&format!("{sp}/{field}/{i}")),
                            "text length in characters",
                            s.chars().count(),
                            self.limits.max_text_chars,
                        ))
                    }
                    Scalar::Str(s) => Ok(s.clone()),
                    Scalar::Num(n) => Ok(crate::format::number::format_number(*n)),
                    Scalar::Null => Err(Error::spec(
                        format!("{sp}/{field}/{i}"),
                        "expected a label, found null",
                    )),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some)
        };
        let x_labels = labels("x", s.x.as_ref(), cols, "columns")?;
        let y_labels = labels("y", s.y.as_ref(), rows.len(), "rows")?;
        for (name, a) in [("x", xspec), ("y", yspec)] {
            if let Some(a) = a {
                if a.kind.is_some_and(|k| k != AxisType::Category)
                    || a.min.is_some()
                    || a.max.is_some()
                {
                    return Err(Error::spec(
                        format!("{base}/{name}"),
                        "a heatmap's axes are its rows and columns: only `label` and `grid` apply",
                    ));
                }
            }
        }
        let axis = |a: Option<&AxisSpec>| Axis {
            label: a.and_then(|a| a.label.clone()),
            kind: AxisKind::Linear,
            min: None,
            max: None,
            grid: false,
            reversed: false,
        };
        let heat = Heatmap {
            z: rows,
            cols,
            x_labels,
            y_labels,
            colormap: s.colormap.unwrap_or_default(),
        };
        Ok((heat, axis(xspec), axis(yspec)))
    }

    fn pie(&mut self, sp: &str, s: &SeriesSpec, theme: &Theme) -> Result<Pie> {
        let values = s
            .values
            .as_ref()
            .ok_or_else(|| Error::spec(format!("{sp}/values"), "is required for pie series"))?;
        if values.is_empty() {
            return Err(Error::spec(
                format!("{sp}/values"),
                "must hold at least one value",
            ));
        }
        self.add_points(values.len(), &format!("{sp}/values"))?;
        if values.len() > self.limits.max_categories {
            return Err(Error::limit(
                Some(&format!("{sp}/values")),
                "pie slices",
                values.len(),
                self.limits.max_categories,
            ));
        }
        let mut nums = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let p = || format!("{sp}/values/{i}");
            let n = number(v, p)?;
            if n < 0.0 {
                return Err(Error::spec(
                    p(),
                    format!("pie values cannot be negative, found {n}"),
                ));
            }
            nums.push(n);
        }
        if nums.iter().sum::<f64>() <= 0.0 {
            return Err(Error::spec(
                format!("{sp}/values"),
                "pie values must not all be zero",
            ));
        }
        let labels = match &s.labels {
            Some(l) if l.len() != nums.len() => {
                return Err(Error::spec(
                    format!("{sp}/labels"),
                    format!("has {} labels but values has {}", l.len(), nums.len()),
                ))
            }
            Some(l) => {
                for (i, t) in l.iter().enumerate() {
                    check_text(Some(t), &format!("{sp}/labels/{i}"), self.limits)?;
                }
                l.clone()
            }
            None => (1..=nums.len()).map(|i| i.to_string()).collect(),
        };
        let donut = match s.donut {
            Some(d) if !(d.is_finite() && (0.0..=0.95).contains(&d)) => {
                return Err(Error::spec(
                    format!("{sp}/donut"),
                    format!("must be between 0 and 0.95, found {d}"),
                ))
            }
            Some(d) => d,
            None => 0.0,
        };
        let colors = (0..nums.len()).map(|i| theme.series_color(i)).collect();
        Ok(Pie {
            labels,
            values: nums,
            colors,
            donut,
        })
    }
}

fn place(p: LegendPosition) -> Option<LegendPlace> {
    Some(match p {
        LegendPosition::Best => LegendPlace::Best,
        LegendPosition::TopRight => LegendPlace::TopRight,
        LegendPosition::TopLeft => LegendPlace::TopLeft,
        LegendPosition::BottomRight => LegendPlace::BottomRight,
        LegendPosition::BottomLeft => LegendPlace::BottomLeft,
        LegendPosition::Right => LegendPlace::Right,
        LegendPosition::Bottom => LegendPlace::Bottom,
        LegendPosition::None => return None,
    })
}

/// A finite number, or an error at the path `path()` builds (built only on failure: specs
/// carry millions of values).
fn number(v: &Scalar, path: impl FnOnce() -> String) -> Result<f64> {
    match v {
        Scalar::Num(n) if n.is_finite() && n.abs() <= MAX_MAGNITUDE => Ok(*n),
        Scalar::Num(n) => Err(Error::spec(
            path(),
            format!("{n:e} is too large in magnitude (limit 1e300)"),
        )),
        other => Err(Error::spec(
            path(),
            format!("expected a number, found {}", other.describe()),
        )),
    }
}

fn unit_interval(v: Option<f64>, path: &str) -> Result<Option<f64>> {
    match v {
        Some(o) if !(0.0..=1.0).contains(&o) => Err(Error::spec(
            path,
            format!("must be between 0 and 1, found {o}"),
        )),
        other => Ok(other),
    }
}

fn dash_pattern(dash: Option<&DashStyle>, path: &str) -> Result<Option<Vec<f64>>> {
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
