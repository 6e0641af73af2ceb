//! QuickChart's request: a Chart.js config (an object, or the JavaScript text users write) and
//! the image it should become — `width`, `height`, `devicePixelRatio`, `backgroundColor`,
//! `format`, `version` — from a POST body or the query of `GET /chart?c=…`.

use super::chartjs::{self, Frame};
use super::Notes;
use crate::error::{Error, Result};
use serde_json::Value;

/// A QuickChart request, its chart config parsed.
#[derive(Debug)]
pub struct Request {
    pub config: Value,
    /// Where the config sits in the input (`/chart` in a body, empty for `c=`).
    pub at: String,
    pub frame: Frame,
    /// `png` or `svg` when asked for.
    pub format: Option<String>,
}

/// A positive number from a JSON value or a query string.
fn positive(v: &Value, path: &str, what: &str) -> Result<f64> {
    let n = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    n.filter(|n: &f64| n.is_finite() && *n > 0.0)
        .ok_or_else(|| Error::spec(path, format!("{what} must be a positive number")))
}

impl Request {
    /// A POST body: `{"chart": …, "width": …, …}`.
    pub fn body(v: &Value) -> Result<Request> {
        let chart = v
            .get("chart")
            .ok_or_else(|| Error::spec("/chart", "a QuickChart body needs `chart`"))?;
        let config = match chart {
            Value::String(text) => super::js_literal::parse(text).map_err(|e| Error {
                path: Some("/chart".into()),
                ..e
            })?,
            other => other.clone(),
        };
        let mut r = Request {
            config,
            at: "/chart".into(),
            frame: Frame::default(),
            format: None,
        };
        let field = |k: &str| v.get(k).filter(|x| !x.is_null());
        if let Some(w) = field("width") {
            r.frame.width = positive(w, "/width", "width")?;
        }
        if let Some(h) = field("height") {
            r.frame.height = positive(h, "/height", "height")?;
        }
        if let Some(d) = field("devicePixelRatio") {
            r.frame.device_pixel_ratio = positive(d, "/devicePixelRatio", "devicePixelRatio")?;
        }
        if let Some(b) = field("backgroundColor") {
            r.frame.background = b.as_str().map(str::to_owned);
        }
        if let Some(f) = field("format") {
            r.format = Some(f.as_str().unwrap_or_default().to_owned());
        }
        if let Some(ver) = field("version") {
            r.frame.version = version(ver);
        }
        Ok(r)
    }

    /// `GET /chart` of QuickChart: the config text and the query's other parameters, by their
    /// short or long names (`w`/`width`, `h`/`height`, `bkg`/`backgroundColor`, `f`/`format`,
    /// `v`/`version`, `devicePixelRatio`).
    pub fn query(config: &str, param: &dyn Fn(&[&str]) -> Option<String>) -> Result<Request> {
        let mut r = Request {
            config: super::js_literal::parse(config)?,
            at: String::new(),
            frame: Frame::default(),
            format: None,
        };
        if let Some(w) = param(&["w", "width"]) {
            r.frame.width = positive(&Value::String(w), "/width", "width (w)")?;
        }
        if let Some(h) = param(&["h", "height"]) {
            r.frame.height = positive(&Value::String(h), "/height", "height (h)")?;
        }
        if let Some(d) = param(&["devicePixelRatio"]) {
            r.frame.device_pixel_ratio =
                positive(&Value::String(d), "/devicePixelRatio", "devicePixelRatio")?;
        }
        r.frame.background = param(&["bkg", "backgroundColor"]);
        r.format = param(&["f", "format"]);
        r.frame.version = param(&["v", "version"]).and_then(|v| version(&Value::String(v)));
        Ok(r)
    }

    /// The chartfn spec this request draws.
    pub fn translate(&self, notes: &mut Notes) -> Result<Value> {
        let mut spec = chartjs::translate(&self.config, &self.at, &self.frame, notes)?;
        match self.format.as_deref() {
            None => {}
            Some(f) => match crate::spec::Format::named(f) {
                Some(format) => spec["format"] = serde_json::to_value(format).unwrap_or_default(),
                None => {
                    return Err(Error::unsupported(
                        "/format",
                        format!("format {f:?} is not written (png, svg, webp, jpeg and pdf are)"),
                    ))
                }
            },
        }
        Ok(spec)
    }
}

/// The Chart.js major version of a `version` value such as `"2.9.4"`, `3` or `"4"`.
fn version(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_f64().map(|f| f as u32),
        Value::String(s) => s.trim().split('.').next()?.parse().ok(),
        _ => None,
    }
}
