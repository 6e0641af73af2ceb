//! From bytes to a checked [`Chart`]: parsing, validation and normalization.
//!
//! Every error names the place in the spec with a JSON Pointer. Validation is where meaning is
//! decided (axis types inferred, categories numbered, dates parsed, defaults applied), so the
//! renderer can assume a chart that makes sense.
//!
//! This module holds the entry points and the helpers every part shares; the checks live in
//! submodules, one per part of a spec, in the order a chart is read:
//! - `canvas`: image size and scale;
//! - `layout`: a single panel or several on a grid;
//! - `panel`: one panel's series fields and which kind of panel it is;
//! - `cartesian`, with `axes` and `series`: panels with x and y axes;
//! - `heatmap` and `pie`: the panels that stand alone;
//! - `values` and `style`: single values (numbers, dates, categories) and drawing options;
//! - `labels`: how labels read (locale, time zone, axis formats and ticks).

mod annotations;
mod axes;
mod axis_fields;
// v2: axis options
mod axis_options;
mod canvas;
mod cartesian;
mod extras;
mod heatmap;
mod labels;
mod layout;
mod options;
mod panel;
mod pie;
mod series;
mod style;
mod values;
// v2: y2
mod y2;
// v2: new series types
mod box_series;
mod marks;
mod radar;

#[cfg(test)]
mod tests;
// v2: new series types
#[cfg(test)]
mod marks_tests;

use crate::budget::Budget;
use crate::error::{Error, ErrorCode, Result};
use crate::spec::color::{Rgba, Theme};
use crate::spec::limits::Limits;
use crate::spec::model::{Chart, TickLabels};
use crate::spec::ChartSpec;
use serde::Deserialize;

/// Parses a spec from raw bytes (a leading UTF-8 byte-order mark is allowed).
/// Parsing and validating a spec cost about this much per input byte: measured 6–10 ns in
/// release builds on this project's 2-core machine (R2, R7, a 6 MB 1.5 M-point spec), doubled
/// for headroom. Neither can stop midway, so a budget that cannot cover them is refused before
/// they start.
pub const PREPARE_NS_PER_BYTE: u64 = if cfg!(debug_assertions) { 300 } else { 16 };

/// [`parse_spec`] within `budget`: refused at once (`deadline_exceeded`) when the input is too
/// large to parse in the time left, checked again afterwards.
pub fn parse_spec_within(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<ChartSpec> {
    parse_within(bytes, limits, budget, true)
}

/// [`parse_spec_within`] for a first look at an input that may be another dialect: a shape
/// error is returned as it is found, without the second pass that tells a document that is not
/// JSON at all (`invalid_json`) from one of the wrong shape — the caller reads the document
/// again anyway, and asks [`parse_spec_within`] for the exact error only if it is no other
/// dialect.
pub(crate) fn parse_spec_within_first_look(
    bytes: &[u8],
    limits: &Limits,
    budget: &Budget,
) -> Result<ChartSpec> {
    parse_within(bytes, limits, budget, false)
}

fn parse_within(
    bytes: &[u8],
    limits: &Limits,
    budget: &Budget,
    check_json: bool,
) -> Result<ChartSpec> {
    let need = std::time::Duration::from_nanos(bytes.len() as u64 * PREPARE_NS_PER_BYTE);
    if need > budget.remaining() {
        return Err(budget.expired(&format!(
            "a {}-byte spec needs about {} ms to parse and check; less is left",
            bytes.len(),
            need.as_millis()
        )));
    }
    let spec = parse_spec_checked(bytes, limits, check_json)?;
    budget.check("parsing the spec")?;
    Ok(spec)
}

pub fn parse_spec(bytes: &[u8], limits: &Limits) -> Result<ChartSpec> {
    parse_spec_checked(bytes, limits, true)
}

fn parse_spec_checked(bytes: &[u8], limits: &Limits, check_json: bool) -> Result<ChartSpec> {
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
        Err(e) if e.code == ErrorCode::InvalidSpec && !check_json => Err(e),
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

/// Checks a parsed spec and resolves it into the chart the renderer draws.
pub fn validate(spec: &ChartSpec, limits: &Limits) -> Result<Chart> {
    validate_spec(spec, limits).map_err(|e| match spec.translated_from {
        Some(dialect) => Error {
            message: format!(
                "{} (a path in the chartfn spec this {dialect} input becomes: `chartfn convert` \
                 or POST /convert prints it)",
                e.message
            ),
            ..e
        },
        None => e,
    })
}

fn validate_spec(spec: &ChartSpec, limits: &Limits) -> Result<Chart> {
    let canvas = canvas::check(spec, limits)?;
    let mut theme = Theme::named(spec.theme.unwrap_or_default());
    let extras = extras::check(spec, &theme, limits)?;
    theme.palette = extras.palette;
    let background = match &spec.background {
        Some(s) => parse_color(s, "/background")?,
        None => theme.background,
    };
    check_text(spec.title.as_deref(), "/title", limits)?;
    let conventions = TickLabels {
        locale: labels::chart_locale(spec.locale.as_deref())?,
        zone: labels::chart_zone(spec.timezone.as_deref())?,
        format: None,
    };
    let layout = Validation::new(limits, &theme, &conventions).layout(spec)?;
    Ok(Chart {
        width: canvas.width,
        height: canvas.height,
        scale: canvas.scale,
        format: spec.format.unwrap_or_default(),
        quality: match spec.quality {
            None => crate::draw::jpeg::DEFAULT_QUALITY,
            Some(q @ 1..=100) => q as u8,
            Some(q) => {
                return Err(Error::spec(
                    "/quality",
                    format!("must be 1 to 100, found {q}"),
                ))
            }
        },
        font: match spec.font.as_deref().map(str::trim) {
            None => None,
            Some(f)
                if f.is_empty() || f.chars().count() > 200 || f.chars().any(char::is_control) =>
            {
                return Err(Error::spec(
                    "/font",
                    "must be a font family's name (1 to 200 characters)",
                ))
            }
            Some(f) => Some(f.to_owned()),
        },
        missing_glyphs: spec
            .fonts
            .as_ref()
            .and_then(|f| f.missing)
            .unwrap_or_default(),
        theme,
        background,
        title: spec.title.clone(),
        rows: layout.rows,
        cols: layout.cols,
        panels: layout.panels,
        share: (spec.share_x.unwrap_or(false), spec.share_y.unwrap_or(false)),
        figure_legend: layout.figure_legend,
        subtitle: extras.subtitle,
        caption: extras.caption,
        sparkline: extras.sparkline,
        description: extras.description,
        warnings: extras.warnings,
    })
}

/// One chart's validation under way: what every part reads (the limits, the theme, the
/// conventions of labels), and the running totals that the limits cap over the whole chart
/// rather than per series or panel.
struct Validation<'a> {
    limits: &'a Limits,
    theme: &'a Theme,
    /// The chart's locale and zone, which every axis' labels follow.
    conventions: &'a TickLabels,
    points: usize,
    series: usize,
    // v2: annotations
    annotation_count: usize,
}

impl<'a> Validation<'a> {
    fn new(limits: &'a Limits, theme: &'a Theme, conventions: &'a TickLabels) -> Self {
        Validation {
            limits,
            theme,
            conventions,
            points: 0,
            series: 0,
            annotation_count: 0,
        }
    }

    /// Counts `n` more data points; an error at `path` once the chart holds too many.
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

    /// Counts `n` more series; an error at `path` once the chart holds too many.
    fn add_series(&mut self, n: usize, path: &str) -> Result<()> {
        self.series += n;
        if self.series > self.limits.max_series {
            return Err(Error::limit(
                Some(path),
                "number of series",
                self.series,
                self.limits.max_series,
            ));
        }
        Ok(())
    }

    /// [`check_text`] against this chart's limits.
    fn check_text(&self, text: Option<&str>, path: &str) -> Result<()> {
        check_text(text, path, self.limits)
    }
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

/// The start of a text quoted back in an error message.
/// An error at `{base}/{field}` for the first of `fields` that is given, saying `why`: fields
/// that do not go with the rest of a series or spec.
fn refuse_given(base: &str, fields: &[(&str, bool)], why: &str) -> Result<()> {
    match fields.iter().find(|(_, given)| *given) {
        Some((field, _)) => Err(Error::spec(format!("{base}/{field}"), why)),
        None => Ok(()),
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

/// A text (title, label, name) no longer than the limit.
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
