//! A Vega-Lite view's rows: `data.values`, or a named dataset (`datasets` + `data.name`, as
//! Altair writes them). `data.url` is refused: chartfn fetches nothing a spec names.

use super::super::node::Node;
use crate::error::{Error, Result};
use serde_json::{Map, Value};

/// One row of data: field name → value.
pub type Row = Map<String, Value>;

/// The rows of `data` (at `node`), with the top-level `datasets` for named data.
pub fn rows(node: &Node, datasets: &Node) -> Result<Option<Vec<Row>>> {
    if !node.is_present() {
        return Ok(None);
    }
    if node.get("url").is_present() {
        return Err(Error::unsupported(
            node.get("url").path(),
            "data by URL is not fetched (chartfn reads no URL a spec names); inline the rows \
             as data.values",
        ));
    }
    if node.get("sequence").is_present() || node.get("graticule").is_present() {
        return Err(Error::unsupported(
            node.path(),
            "generated data is not drawn",
        ));
    }
    let values = if let Some(name) = node.get("name").str() {
        let named = datasets.get(name);
        if !named.is_present() {
            return Err(Error::spec(
                node.get("name").path(),
                format!("no dataset named {name:?}"),
            ));
        }
        named
    } else {
        node.get("values")
    };
    let Some(list) = values.array() else {
        return Err(Error::unsupported(
            values.path(),
            "data must be an array of rows (data.values or a named dataset)",
        ));
    };
    let mut out = Vec::with_capacity(list.len());
    for v in list {
        match v {
            Value::Object(o) => out.push(o.clone()),
            // A list of plain values is the field `data`.
            other => {
                let mut m = Map::new();
                m.insert("data".into(), other.clone());
                out.push(m);
            }
        }
    }
    Ok(Some(out))
}
