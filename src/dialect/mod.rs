//! The dialects users already write, translated into chartfn specs: Chart.js configs (as sent
//! to QuickChart, bare or in a QuickChart request body) and Vega-Lite specs with inline data
//! (a single view or a layer; see `vegalite`).
//!
//! Every entry point reads its input through [`read_within`]: a chartfn spec is parsed as
//! before; anything that is not one is looked at again, and when it is another dialect it is
//! translated into a chartfn [`ChartSpec`], which then goes through the same validation,
//! limits, budget and rendering as any other spec. A translation never runs the input's code:
//! JavaScript functions are kept as markers ([`js_literal`]) and refused where they would
//! change the chart. Options that are purely cosmetic and cannot be honoured become the
//! spec's warnings.

pub mod chartjs;
pub mod data_url;
pub mod js_literal;
mod node;
mod quickchart;
mod vegalite;

use crate::budget::Budget;
use crate::error::{Error, ErrorCode, Result};
use crate::spec::limits::Limits;
use crate::spec::validate::parse_spec_within;
use crate::spec::ChartSpec;
use data_url::DataAccess;
use serde_json::Value;

/// The languages a chart can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Chartfn,
    ChartJs,
    QuickChart,
    VegaLite,
}

impl Dialect {
    /// The dialect named by a `dialect=` parameter or `--dialect` flag.
    pub fn parse(name: &str) -> Option<Dialect> {
        Some(match name.to_ascii_lowercase().as_str() {
            "chartfn" => Dialect::Chartfn,
            "chartjs" | "chart.js" => Dialect::ChartJs,
            "quickchart" => Dialect::QuickChart,
            "vega-lite" | "vegalite" | "vl" => Dialect::VegaLite,
            _ => return None,
        })
    }

    /// [`Dialect::parse`], or an `invalid_spec` error naming the known dialects; `given` is how
    /// the caller's option reads before the name (`dialect=`, `--dialect `).
    pub fn named(name: &str, given: &str) -> Result<Dialect> {
        Dialect::parse(name).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidSpec,
                format!("{given}{name:?} is not chartfn, chartjs, quickchart or vega-lite"),
            )
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Chartfn => "chartfn",
            Dialect::ChartJs => "chartjs",
            Dialect::QuickChart => "quickchart",
            Dialect::VegaLite => "vega-lite",
        }
    }

    /// The dialect a parsed input is written in, by its shape.
    pub fn detect(v: &Value) -> Dialect {
        let Some(o) = v.as_object() else {
            return Dialect::Chartfn;
        };
        let schema = o.get("$schema").and_then(Value::as_str).unwrap_or("");
        if let Some(d) = Dialect::by_keys(|k| o.contains_key(k), schema) {
            return d;
        }
        if o.get("type").is_some_and(Value::is_string)
            && o.get("data").and_then(|d| d.get("datasets")).is_some()
        {
            return Dialect::ChartJs;
        }
        Dialect::Chartfn
    }

    /// A QuickChart body or a Vega-Lite spec, told by the top-level keys an object `has` and
    /// its `$schema`: `chart` without chartfn's `series` or `panels` is QuickChart; a `$schema`
    /// naming vega-lite, or a view or composition key without `series`/`panels`, Vega-Lite.
    /// The lean Vega-Lite reader asks this of a document it has not parsed yet.
    pub(crate) fn by_keys(has: impl Fn(&str) -> bool, schema: &str) -> Option<Dialect> {
        let chartfn = has("series") || has("panels");
        if has("chart") && !chartfn {
            return Some(Dialect::QuickChart);
        }
        const COMPOSITIONS: [&str; 7] = [
            "mark", "layer", "facet", "repeat", "concat", "hconcat", "vconcat",
        ];
        let vega_lite =
            schema.contains("vega-lite") || (!chartfn && COMPOSITIONS.iter().any(|k| has(k)));
        vega_lite.then_some(Dialect::VegaLite)
    }
}

/// Warnings gathered while translating: cosmetic options that are not honoured.
#[derive(Debug, Default)]
pub struct Notes {
    pub warnings: Vec<String>,
}

impl Notes {
    /// A warning about the option at `path` (a JSON Pointer into the input).
    pub fn warn(&mut self, path: &str, message: &str) {
        let at = if path.is_empty() { "/" } else { path };
        self.warnings.push(format!("{at}: {message}"));
    }
}

/// What [`convert`] found: the input's dialect and the chartfn spec it becomes.
#[derive(Debug)]
pub struct Converted {
    pub dialect: Dialect,
    pub spec: ChartSpec,
}

/// Reads a chart in any dialect (`forced`, or detected) within `budget`; data named by URL is
/// read only where `access` allows.
pub fn read_within(
    bytes: &[u8],
    forced: Option<Dialect>,
    limits: &Limits,
    access: &DataAccess,
    budget: &Budget,
) -> Result<ChartSpec> {
    convert(bytes, forced, limits, access, budget).map(|c| c.spec)
}

/// [`read_within`], saying which dialect the input was.
pub fn convert(
    bytes: &[u8],
    forced: Option<Dialect>,
    limits: &Limits,
    access: &DataAccess,
    budget: &Budget,
) -> Result<Converted> {
    let dialect = match forced {
        Some(Dialect::Chartfn) | None => match first_look(bytes, forced, limits, budget) {
            Ok(spec) => {
                return Ok(Converted {
                    dialect: Dialect::Chartfn,
                    spec,
                })
            }
            // Not a chartfn spec: perhaps another dialect. If not, the chartfn error stands.
            Err(e)
                if forced.is_none()
                    && matches!(e.code, ErrorCode::InvalidSpec | ErrorCode::InvalidJson) =>
            {
                let loaded = load(bytes);
                if let Ok(v) = &loaded {
                    if Dialect::detect(&v.value) != Dialect::Chartfn {
                        let v = loaded.expect("checked");
                        let d = Dialect::detect(&v.value);
                        return translated(v, d, access, budget);
                    }
                }
                // No other dialect: the chartfn error, told exactly (`invalid_json` or not).
                let e = parse_spec_within(bytes, limits, budget).err().unwrap_or(e);
                return match loaded {
                    Ok(_) => Err(e),
                    // Neither JSON nor a JavaScript object literal: say both.
                    Err(js) if e.code == ErrorCode::InvalidJson => Err(Error::new(
                        ErrorCode::InvalidJson,
                        format!(
                            "{}; read as a JavaScript object literal (a Chart.js config): {}",
                            e.message, js.message
                        ),
                    )),
                    // Too deep to look at, and the chartfn error was about a field another
                    // dialect has: the depth, not that field, is the trouble.
                    Err(deep)
                        if deep.message.contains("nested")
                            && matches!(
                                e.path.as_deref(),
                                Some("/chart" | "/type" | "/data" | "/options")
                            ) =>
                    {
                        Err(deep)
                    }
                    Err(_) => Err(e),
                };
            }
            Err(e) => return Err(e),
        },
        Some(d) => d,
    };
    limits.check_input_size(bytes.len())?;
    let value = load(bytes)?;
    budget.check("reading the chart")?;
    translated(value, dialect, access, budget)
}

/// The first reading of an input as a chartfn spec: complete when the chartfn dialect is
/// forced, a quick look (no second pass for the JSON error) when another may be detected.
fn first_look(
    bytes: &[u8],
    forced: Option<Dialect>,
    limits: &Limits,
    budget: &Budget,
) -> Result<ChartSpec> {
    if forced.is_some() {
        return parse_spec_within(bytes, limits, budget);
    }
    crate::spec::validate::parse_spec_within_first_look(bytes, limits, budget)
}

/// QuickChart's `GET /chart?c=…`: the config text and the query's other parameters, looked up
/// by name through `param` (short and long names, as QuickChart takes them).
pub fn quickchart_query(
    config: &str,
    param: &dyn Fn(&[&str]) -> Option<String>,
    budget: &Budget,
) -> Result<ChartSpec> {
    let mut notes = Notes::default();
    let spec = quickchart::Request::query(config, param)?.translate(&mut notes)?;
    budget.check("translating the chart")?;
    into_spec(spec, notes, Dialect::QuickChart)
}

/// An input read as a JSON value, with a Vega-Lite spec's top-level rows when the lean reading
/// took them out of it.
struct Loaded {
    value: Value,
    rows: Option<Vec<vegalite::Row>>,
}

/// The input as a JSON value: JSON, or a JavaScript object literal (Chart.js configs).
fn load(bytes: &[u8]) -> Result<Loaded> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A Vega-Lite spec's inline rows, read with only the fields it names.
    if let Some(lean) = std::str::from_utf8(bytes)
        .ok()
        .and_then(vegalite::lean::read)
    {
        return Ok(Loaded {
            value: lean.spec,
            rows: lean.rows,
        });
    }
    let value = |value| Loaded { value, rows: None };
    match serde_json::from_slice::<Value>(bytes).map(value) {
        Ok(v) => Ok(v),
        Err(json) if json.to_string().contains("recursion limit") => Err(Error::new(
            ErrorCode::InvalidJson,
            format!("the input is nested too deep to read: {json}"),
        )),
        Err(json) => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| Error::new(ErrorCode::InvalidJson, format!("not JSON: {json}")))?;
            js_literal::parse(text).map(value)
        }
    }
}

/// Translates `loaded`, written in `dialect`, into a chartfn spec.
fn translated(
    Loaded { value, rows }: Loaded,
    dialect: Dialect,
    access: &DataAccess,
    budget: &Budget,
) -> Result<Converted> {
    let mut notes = Notes::default();
    let spec = match dialect {
        // `convert` parses chartfn specs itself; only other dialects come here.
        Dialect::Chartfn => return Err(Error::internal("a chartfn spec is not translated")),
        Dialect::ChartJs => chartjs::translate(&value, "", &chartjs::Frame::default(), &mut notes)?,
        Dialect::QuickChart => quickchart::Request::body(&value)?.translate(&mut notes)?,
        Dialect::VegaLite => vegalite::translate(value, rows, access, budget, &mut notes)?,
    };
    budget.check("translating the chart")?;
    Ok(Converted {
        dialect,
        spec: into_spec(spec, notes, dialect)?,
    })
}

/// The translated JSON as a [`ChartSpec`], carrying the translation's warnings.
pub(crate) fn into_spec(spec: Value, notes: Notes, dialect: Dialect) -> Result<ChartSpec> {
    let mut parsed: ChartSpec = serde_path_to_error::deserialize(spec).map_err(|e| {
        let path = e.path().to_string();
        Error::new(
            ErrorCode::InvalidSpec,
            format!(
                "the input translates to a chartfn spec that is not valid at {path}: {}",
                e.into_inner()
            ),
        )
    })?;
    parsed.warnings = notes.warnings;
    parsed.translated_from = Some(dialect.name());
    Ok(parsed)
}
