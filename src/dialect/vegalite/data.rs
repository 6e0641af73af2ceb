//! A Vega-Lite view's rows: `data.values`, a named dataset (`datasets` + `data.name`, as
//! Altair writes them), or `data.url` when it points inside a place the operator allowed
//! ([`DataAccess`]); CSV, TSV, other delimited text and JSON, typed as Vega types them.

use super::super::data_url::DataAccess;
use super::super::node::Node;
use crate::budget::Budget;
use crate::error::{Error, Result};
use serde_json::{Number, Value};
use std::cell::RefCell;
use std::collections::HashMap;

/// One row of data: field name → value.
pub use super::row::Row;

/// At most this many different data files are read for one spec.
const MAX_URLS: usize = 16;

/// Where a view's data can come from: the spec's named datasets and the allowed URLs. A file
/// named by several views (layers, facets) is read once.
pub struct Sources<'a> {
    pub datasets: Node<'a>,
    pub access: &'a DataAccess,
    /// The translation's budget: checked before each read, and an S3 read waits no longer.
    pub budget: &'a Budget,
    /// The rows of each file read so far, by URL and format.
    pub read: RefCell<HashMap<String, Vec<Row>>>,
}

impl Sources<'_> {
    /// The rows of `data` (at `node`); `None` when the view has none of its own.
    pub fn rows(&self, node: &Node) -> Result<Option<Vec<Row>>> {
        if !node.is_present() {
            return Ok(None);
        }
        if node.get("sequence").is_present() || node.get("graticule").is_present() {
            return Err(Error::unsupported(
                node.path(),
                "generated data is not drawn",
            ));
        }
        let url = node.get("url");
        if url.is_present() {
            let Some(text) = url.str() else {
                return Err(Error::spec(url.path(), "data.url must be a string"));
            };
            let key = format!(
                "{text}\n{}",
                node.get("format")
                    .value
                    .map_or(String::new(), Value::to_string)
            );
            if let Some(rows) = self.read.borrow().get(&key) {
                return Ok(Some(rows.clone()));
            }
            if self.read.borrow().len() >= MAX_URLS {
                return Err(Error::unsupported(
                    url.path(),
                    format!("a spec reads at most {MAX_URLS} data files"),
                ));
            }
            self.budget.check("reading data")?;
            let bytes = self
                .access
                .read(text, url.path(), self.budget.remaining())?;
            let rows = read_file(&bytes, text, &node.get("format"))?;
            self.read.borrow_mut().insert(key, rows.clone());
            return Ok(Some(rows));
        }
        let values = if let Some(name) = node.get("name").str() {
            let named = self.datasets.get(name);
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
        if let Some(text) = values.str() {
            // Inline text (`"values": "a,b\n1,2"`) is read as its `format` says.
            return read_file(text.as_bytes(), "", &node.get("format")).map(Some);
        }
        let Some(list) = values.array() else {
            return Err(Error::unsupported(
                values.path(),
                "data must be an array of rows (data.values or a named dataset)",
            ));
        };
        Ok(Some(typed(rows_of(list), &node.get("format"), false)?))
    }
}

/// A row's `field` as a number (a numeric string counts); `NaN` when missing or not one.
pub(super) fn field_number(row: &Row, field: Option<&str>) -> f64 {
    field
        .and_then(|f| row.get(f))
        .and_then(|v| v.as_f64().or_else(|| v.as_str()?.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// The rows' indices grouped by the values of `groupby`, groups in first-seen order.
pub(super) fn partitions(rows: &[Row], groupby: &[String]) -> Vec<Vec<usize>> {
    let mut groups = super::first_seen::FirstSeen::new();
    for (i, r) in rows.iter().enumerate() {
        let key = groupby
            .iter()
            .map(|g| r.get(g).map(Value::to_string).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\u{1}");
        groups.group(key, Vec::new).push(i);
    }
    groups.into_groups()
}

/// The top-level view's inline rows, moved out of `spec`: its `data.values`, or the dataset its
/// `data.name` names when no other view names it (else the datasets stay, for each to copy).
/// `None` when the rows come another way (a URL, text, generated data).
pub fn take_root_rows(spec: &mut Value) -> Option<Vec<Value>> {
    let data = spec.get("data")?;
    if data.get("values").is_some_and(Value::is_array) {
        return match spec.pointer_mut("/data/values").map(Value::take) {
            Some(Value::Array(list)) => Some(list),
            _ => None,
        };
    }
    let name = data.get("name")?.as_str()?.to_owned();
    if names_of(spec, &name) != 1 {
        return None;
    }
    match spec.get_mut("datasets")?.get_mut(&name).map(Value::take) {
        Some(Value::Array(list)) => Some(list),
        Some(other) => {
            // Not a list after all: put it back for the usual error.
            if let Some(d) = spec.get_mut("datasets").and_then(|d| d.get_mut(&name)) {
                *d = other;
            }
            None
        }
        None => None,
    }
}

/// How many `data` objects in `v` name the dataset `name`.
fn names_of(v: &Value, name: &str) -> usize {
    match v {
        Value::Object(o) => o
            .iter()
            .map(|(k, child)| {
                let here = k == "data" && child.get("name").and_then(Value::as_str) == Some(name);
                // Rows are not walked: they cannot name datasets.
                let deeper = if k == "values" || k == "datasets" {
                    0
                } else {
                    names_of(child, name)
                };
                here as usize + deeper
            })
            .sum(),
        Value::Array(a) => a.iter().map(|c| names_of(c, name)).sum(),
        _ => 0,
    }
}

/// Moved rows (from [`take_root_rows`]) as rows: objects as they are, plain values as the
/// field `data`.
pub fn moved_rows(list: Vec<Value>) -> Vec<Row> {
    list.into_iter().map(row_of).collect()
}

/// A row of a JSON array: an object as it is, a plain value as the field `data`.
pub(super) fn row_of(value: Value) -> Row {
    match value {
        Value::Object(o) => Row::from(o),
        other => Row::from_iter([("data", other)]),
    }
}

/// The top-level view's own rows (moved out of the spec, or read lean) typed as inline rows
/// are, by `format`.
pub fn inline_rows(rows: Vec<Row>, format: &Node) -> Result<Vec<Row>> {
    typed(rows, format, false)
}

/// Rows of a JSON array: objects as they are, plain values as the field `data`.
fn rows_of(list: &[Value]) -> Vec<Row> {
    list.iter()
        .map(|v| match v {
            // Borrowed, not cloned first: only the fields are copied.
            Value::Object(o) => Row::from(o),
            other => row_of(other.clone()),
        })
        .collect()
}

/// The rows of a data file, by `format.type` or else the URL's extension (JSON when neither
/// says).
fn read_file(bytes: &[u8], url: &str, format: &Node) -> Result<Vec<Row>> {
    let kind = format.get("type");
    let ext = url
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind_name = kind.str().unwrap_or(match ext.as_str() {
        "csv" => "csv",
        "tsv" => "tsv",
        _ => "json",
    });
    let delimiter = match kind_name {
        "csv" => b',',
        "tsv" => b'\t',
        "dsv" => match format.get("delimiter").str().map(str::as_bytes) {
            Some([d]) => *d,
            _ => {
                return Err(Error::spec(
                    format.get("delimiter").path(),
                    "dsv data needs a one-character delimiter",
                ))
            }
        },
        "json" => {
            let value: Value = serde_json::from_slice(bytes)
                .map_err(|e| Error::spec(format.path(), format!("the data is not JSON: {e}")))?;
            let mut at = &value;
            if let Some(property) = format.get("property").str() {
                for key in property.split('.') {
                    at = at.get(key).ok_or_else(|| {
                        Error::spec(
                            format.get("property").path(),
                            format!("the data has no property {property:?}"),
                        )
                    })?;
                }
            }
            let Some(list) = at.as_array() else {
                return Err(Error::spec(
                    format.path(),
                    "JSON data must be an array of rows (or name one with format.property)",
                ));
            };
            return typed(rows_of(list), format, false);
        }
        "topojson" => {
            return Err(Error::unsupported(
                kind.path(),
                "maps (topojson) are not drawn",
            ))
        }
        other => {
            return Err(Error::spec(
                kind.path(),
                format!("data format {other:?} is not json, csv, tsv or dsv"),
            ))
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Error::spec(
                format.path(),
                format!("the data's header cannot be read: {e}"),
            )
        })?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| Error::spec(format.path(), format!("data line {}: {e}", i + 2)))?;
        rows.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.clone(), Value::String(v.to_owned())))
                .collect(),
        );
    }
    typed(rows, format, true)
}

/// How a field's text becomes a value.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Number,
    Boolean,
    /// Dates stay text: chartfn reads the date forms Vega does where a field is temporal.
    Text,
}

/// Applies `format.parse` (field → `number`, `boolean`, `date…`, `string`), and for delimited
/// text (`infer`) Vega's automatic typing of the other fields: a field all of whose values
/// read as booleans, or as numbers, becomes one (empty text is then null). `"parse": null`
/// turns typing off.
fn typed(mut rows: Vec<Row>, format: &Node, infer: bool) -> Result<Vec<Row>> {
    let parse = format.get("parse");
    if parse.value.is_some_and(Value::is_null) {
        return Ok(rows);
    }
    let mut kinds: Vec<(String, Kind)> = Vec::new();
    if let Some(map) = parse.value.and_then(Value::as_object) {
        for (field, how) in map {
            let kind = match how.as_str().unwrap_or("") {
                "number" => Kind::Number,
                "boolean" => Kind::Boolean,
                "string" => Kind::Text,
                s if s == "date"
                    || s == "utc"
                    || s.starts_with("date:")
                    || s.starts_with("utc:") =>
                {
                    Kind::Text
                }
                other => {
                    return Err(Error::spec(
                        parse.get(field).path(),
                        format!("{other:?} is not number, boolean, date or string"),
                    ))
                }
            };
            kinds.push((field.clone(), kind));
        }
    } else if parse.is_present() && parse.str() != Some("auto") {
        return Err(Error::spec(
            parse.path(),
            "format.parse must be an object, \"auto\" or null",
        ));
    }
    if infer {
        // Every field any row has (a short first line leaves some out of it).
        let mut seen = std::collections::HashSet::new();
        let fields: Vec<String> = rows
            .iter()
            .flat_map(|r| r.keys())
            .filter(|k| seen.insert(*k))
            .map(str::to_owned)
            .collect();
        for field in fields {
            if kinds.iter().any(|(f, _)| *f == field) {
                continue;
            }
            let texts = || {
                rows.iter()
                    .filter_map(|r| r.get(&field).and_then(Value::as_str))
                    .filter(|s| !s.is_empty())
            };
            let kind = if texts().next().is_none() {
                Kind::Text
            } else if texts().all(|s| s == "true" || s == "false") {
                Kind::Boolean
            } else if texts().all(|s| number(s).is_some()) {
                Kind::Number
            } else {
                Kind::Text
            };
            kinds.push((field, kind));
        }
    }
    for (field, kind) in kinds.iter().filter(|(_, k)| *k != Kind::Text) {
        for row in &mut rows {
            if let Some(v) = row.get_mut(field) {
                *v = convert(v, *kind);
            }
        }
    }
    Ok(rows)
}

/// A number as Vega's `+text` reads it (decimal; `NaN` and hex are not data).
fn number(s: &str) -> Option<f64> {
    let t = s.trim();
    let ok = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    ok.then(|| t.parse::<f64>().ok())
        .flatten()
        .filter(|n| n.is_finite())
}

fn convert(v: &Value, kind: Kind) -> Value {
    match (kind, v) {
        (Kind::Number, Value::String(s)) => number(s)
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number),
        (Kind::Boolean, Value::String(s)) => match s.as_str() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => Value::Null,
        },
        _ => v.clone(),
    }
}

/// A number as a data value, as JavaScript writes it: whole numbers as integers (a rank is 1,
/// not 1.0), `null` when it is not finite.
pub(super) fn number_value(v: f64) -> Value {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::json!(v as i64)
    } else if v.is_finite() {
        serde_json::json!(v)
    } else {
        Value::Null
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str, url: &str, format: Value) -> Vec<Row> {
        let f = json!({ "format": format });
        read_file(text.as_bytes(), url, &Node::root(&f, "").get("format")).unwrap()
    }

    #[test]
    fn delimited_text_is_typed_as_vega_types_it() {
        let rows = read(
            "symbol,date,price,up,note\nMSFT,Jan 1 2000,39.81,true,\"a, b\"\nAAPL,Feb 1 2000,,false,x\n",
            "stocks.csv",
            Value::Null,
        );
        assert_eq!(rows[0]["price"], json!(39.81));
        assert_eq!(
            rows[1]["price"],
            Value::Null,
            "empty text in a number field is null"
        );
        assert_eq!(rows[0]["up"], json!(true));
        assert_eq!(rows[0]["date"], json!("Jan 1 2000"), "dates stay text");
        assert_eq!(rows[0]["note"], json!("a, b"));
        let tsv = read("a\tb\n1\tx\n", "t.tsv", Value::Null);
        assert_eq!(tsv[0]["a"], json!(1.0));
        let dsv = read(
            "a|b\n1|x\n",
            "t.txt",
            json!({"type": "dsv", "delimiter": "|"}),
        );
        assert_eq!(dsv[0]["b"], json!("x"));
    }

    #[test]
    fn parse_overrides_and_turns_off_inference() {
        let rows = read("id,n\n007,5\n", "a.csv", json!({"parse": {"id": "string"}}));
        assert_eq!(rows[0]["id"], json!("007"));
        assert_eq!(rows[0]["n"], json!(5.0));
        let raw = read("id,n\n007,5\n", "a.csv", json!({"parse": null}));
        assert_eq!(raw[0]["n"], json!("5"));
        let json_rows = read(
            r#"{"a": {"b": [{"x": "3"}]}}"#,
            "d.json",
            json!({"property": "a.b", "parse": {"x": "number"}}),
        );
        assert_eq!(json_rows[0]["x"], json!(3.0));
    }

    #[test]
    fn bad_files_are_errors_with_a_path() {
        let f = json!({"format": {"type": "xml"}});
        let e = read_file(b"", "a", &Node::root(&f, "/data").get("format")).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/data/format/type"));
        let f = json!({"format": {}});
        let e = read_file(
            b"{not json",
            "a.json",
            &Node::root(&f, "/data").get("format"),
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/data/format"));
    }
}
