//! What every dataset of a config is read against — the chart's type and version, its axes,
//! labels and plugin settings — and the options every dataset type reads alike: colours (with
//! their alpha) and data labels.

use super::super::node::Node;
use super::scales::Axes;
use super::Kind;
use crate::error::{Error, Result};
use serde_json::{json, Value};

/// What every dataset of a config is read against.
pub struct Context<'a> {
    pub kind: Kind,
    pub v2: bool,
    pub horizontal: bool,
    pub axes: &'a Axes,
    /// `data.labels` as text.
    pub labels: Option<Vec<String>>,
    /// The datalabels plugin's setting for every dataset (a dataset may override it).
    pub datalabels: Option<Value>,
    /// The filler plugin's `propagate`: a fill to a hidden dataset goes on to its target.
    pub propagate: bool,
    /// The radial scale shows its point labels (`pointLabels.display: true`).
    pub point_labels: bool,
}

/// A colour option: one CSS colour, or the first of a per-point list (with the list).
pub fn colour(node: &Node, what: &str) -> Result<(Option<String>, Option<Vec<String>>)> {
    node.no_function(what)?;
    if let Some(s) = node.str() {
        return Ok((Some(s.to_owned()), None));
    }
    if let Some(list) = node.array() {
        for (i, v) in list.iter().enumerate() {
            if !v.is_string() {
                node.at(i).no_function(what)?;
                return Err(Error::unsupported(
                    node.at(i).path(),
                    format!(
                        "{what} must be CSS colour strings (gradients and patterns are not drawn)"
                    ),
                ));
            }
        }
        let all: Vec<String> = list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        return Ok((all.first().cloned(), Some(all)));
    }
    if node.is_present() {
        return Err(Error::unsupported(
            node.path(),
            format!("{what} must be a CSS colour string (gradients and patterns are not drawn)"),
        ));
    }
    Ok((None, None))
}

/// The alpha of a CSS colour written `rgba(…, a)`, `hsla(…, a)` or `#rrggbbaa`.
pub fn alpha(css: &str) -> Option<f64> {
    let s = css.trim();
    if let Some(inner) = s
        .strip_suffix(')')
        .and_then(|s| s.split_once('('))
        .map(|(_, i)| i)
    {
        let parts: Vec<&str> = inner.split([',', '/']).map(str::trim).collect();
        return (parts.len() == 4)
            .then(|| parts[3].trim_end_matches('%').parse().ok())
            .flatten()
            .map(|a: f64| {
                if parts[3].ends_with('%') {
                    a / 100.0
                } else {
                    a
                }
            });
    }
    (s.len() == 9 && s.starts_with('#'))
        .then(|| u8::from_str_radix(&s[7..9], 16).ok())
        .flatten()
        .map(|a| a as f64 / 255.0)
}

/// A dataset's `data`, which must be an array (code there is refused, never run).
pub fn data_array<'a>(d: &Node<'a>) -> Result<(Node<'a>, &'a Vec<Value>)> {
    let data = d.get("data");
    data.no_function("the dataset's data")?;
    match data.array() {
        Some(list) => Ok((data, list)),
        None => Err(Error::spec(
            data.path(),
            "a dataset's data must be an array",
        )),
    }
}

/// The datalabels plugin for one dataset: its own `datalabels` option, else the chart's.
pub fn data_labels(d: &Node, ctx: &Context) -> Result<Option<Value>> {
    let own = d.get("datalabels");
    if own.is_present() {
        own.get("formatter").no_function("a data label formatter")?;
        own.get("display").no_function("datalabels.display")?;
        if own.get("display").bool() == Some(false) {
            return Ok(None);
        }
        return Ok(Some(json!(true)));
    }
    Ok(ctx.datalabels.clone())
}

#[cfg(test)]
mod tests {
    use super::alpha;

    #[test]
    fn reads_the_alpha_of_css_colours() {
        assert_eq!(alpha("rgba(255, 99, 132, 0.2)"), Some(0.2));
        assert_eq!(alpha("hsla(10, 50%, 50%, 50%)"), Some(0.5));
        assert_eq!(alpha("#ff000080"), Some(128.0 / 255.0));
        assert_eq!(alpha("rgb(1, 2, 3)"), None);
        assert_eq!(alpha("red"), None);
    }
}
