//! Reading a Vega-Lite document lean: its inline rows (`data.values` and the `datasets`) keep
//! only the fields the rest of the spec could name.
//!
//! Building a JSON value for every field of every row is most of the time a data-carrying spec
//! takes to translate (a histogram of one field of the 16 in 1,000 `movies.json` rows), and a
//! field no encoding, transform or expression names cannot change the chart. A field is kept when
//! any string of the spec outside the rows — a value, a key, a word or quoted name in an
//! expression, the first step of a nested path — is its name; an expression that reaches `datum`
//! any other way (`datum[name]`, `datum` passed whole) keeps every field, as does a lookup of
//! whole rows or a repeated key, and so does anything this reader does not recognise: it then
//! leaves the document to the ordinary reading.
//!
//! The document is scanned once ([`scan`]): the rows are kept as their fields' keys and
//! unparsed text until the rest of the spec has said which names count ([`names`]), then only
//! those values are parsed; the others are still checked as the ordinary reading would check
//! them ([`checks`]).

mod checks;
mod names;
mod scan;

use super::super::Dialect;
use super::data::row_of;
use super::row::{Name, Row};
use checks::{checked, nests_too_deep, FIELD_DEPTH};
use names::{collect_names, Names};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::ops::Range;

/// A Vega-Lite document read lean.
#[derive(Debug, PartialEq)]
pub struct Lean {
    /// The spec, its datasets' rows in it; the top-level `data.values` is `null` when `rows`
    /// holds them, as after `data::take_root_rows`.
    pub spec: Value,
    /// The top-level view's inline rows (`data.values`), built as rows rather than as JSON
    /// objects (see [`super::row`]).
    pub rows: Option<Vec<Row>>,
}

/// The document `text` with its inline rows read lean, when it is a Vega-Lite spec (by the
/// same signs as `Dialect::detect`) whose rows are worth it; `None` sends it to the ordinary
/// reading (another dialect, invalid or too deep JSON, no inline rows, rows not in an array, a
/// dynamic `datum`).
pub fn read(text: &str) -> Option<Lean> {
    let top = scan::document(text)?;
    if !is_vega_lite(&top) || !top.iter().any(|(_, m)| m.holds_rows()) {
        return None;
    }
    // The spec without its rows, and the names it holds.
    let mut spec = Map::new();
    for (key, member) in &top {
        spec.insert(key.to_string(), member.parsed_without_rows(1)?);
    }
    let mut names = Names::default();
    if !collect_names(&Value::Object(spec.clone()), &mut names) {
        return None;
    }
    // The rows, each with the named fields only. A left-out string is read again only if it
    // may hold a `\u` escape (its characters unchecked by the scan): one search of the whole
    // document answers for most documents.
    let escapes = memchr::memmem::find(text.as_bytes(), b"\\u").is_some();
    let mut own = None;
    for (key, member) in top {
        if let (Member::Object(members), Some(Value::Object(parsed))) =
            (member, spec.get_mut(key.as_ref()))
        {
            for (name, member) in members {
                if let Member::Rows(rows) = member {
                    // Rows parse only where a place is a JSON array of them: the top-level
                    // view's `data.values` (a `Place::Data` member of `data`), or a dataset.
                    if key == "data" {
                        own = Some(rows.kept::<Row>(&names, escapes)?);
                        parsed.insert(name.into_owned(), Value::Null);
                    } else {
                        let kept = rows.kept::<Value>(&names, escapes)?;
                        parsed.insert(name.into_owned(), Value::Array(kept));
                    }
                }
            }
        }
    }
    Some(Lean {
        spec: Value::Object(spec),
        rows: own,
    })
}

/// A member of the document as the one scan leaves it.
enum Member<'a> {
    /// Parsed when the rows are set aside (every member but `data` and `datasets`).
    Raw(&'a str),
    /// `data` or `datasets`, whose members are read the same way.
    Object(Vec<(Cow<'a, str>, Member<'a>)>),
    /// `data.values` or a named dataset.
    Rows(RawRows<'a>),
}

impl Member<'_> {
    fn holds_rows(&self) -> bool {
        match self {
            Member::Object(members) => members.iter().any(|(_, m)| matches!(m, Member::Rows(_))),
            _ => false,
        }
    }

    /// The member, `depth` containers deep in the document, parsed; rows as `null` for now.
    fn parsed_without_rows(&self, depth: usize) -> Option<Value> {
        match self {
            Member::Raw(raw) if nests_too_deep(raw, depth) => None,
            Member::Raw(raw) => serde_json::from_str(raw).ok(),
            Member::Rows(_) => Some(Value::Null),
            Member::Object(members) => {
                let mut out = Map::new();
                for (key, member) in members {
                    out.insert(key.to_string(), member.parsed_without_rows(depth + 1)?);
                }
                Some(Value::Object(out))
            }
        }
    }
}

/// Vega-Lite by the signs `Dialect::detect` reads.
fn is_vega_lite(top: &[(Cow<str>, Member)]) -> bool {
    let has = |k: &str| top.iter().any(|(key, _)| key == k);
    let schema = top
        .iter()
        .find(|(k, _)| k == "$schema")
        .and_then(|(_, m)| match m {
            Member::Raw(raw) => serde_json::from_str::<String>(raw).ok(),
            _ => None,
        })
        .unwrap_or_default();
    Dialect::by_keys(has, &schema) == Some(Dialect::VegaLite)
}

/// Where rows may be, by the key that leads there: `data.values` and every named dataset.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Top,
    Data,
    Datasets,
}

/// An array of rows as scanned: each object row's fields as keys and unparsed values, one list
/// for all the rows (a row is a range of it); anything else in the array is read whole.
struct RawRows<'a> {
    fields: Vec<(Cow<'a, str>, &'a str)>,
    rows: Vec<RawRow>,
}

enum RawRow {
    Fields(Range<usize>),
    Whole(Value),
}

impl RawRows<'_> {
    /// The rows with the fields in `names` parsed and the others left out; `None` when a value
    /// cannot be read (the ordinary reading then says why). `escapes`: the document holds a
    /// `\u` escape somewhere.
    fn kept<R: Kept>(self, names: &Names, escapes: bool) -> Option<Vec<R>> {
        let RawRows { fields, rows } = self;
        // Rows of one array mostly repeat their keys in one order: a key equal to the one at
        // its place in the row before takes that one's answer (its shared name, if kept)
        // without being hashed.
        let mut answers: Vec<(&str, Option<Name>)> = Vec::new();
        let mut out = Vec::with_capacity(rows.len());
        let mut width = 0;
        for row in rows {
            let range = match row {
                RawRow::Whole(value) => {
                    out.push(R::whole(value));
                    continue;
                }
                RawRow::Fields(range) => range,
            };
            let mut kept = R::with_capacity(width);
            for (i, (key, raw)) in fields[range].iter().enumerate() {
                let name = match answers.get(i) {
                    Some((k, name)) if k == key => name,
                    _ => {
                        let name = names
                            .contains(key.as_ref())
                            .then(|| Name::from(key.as_ref()));
                        answers.truncate(i);
                        answers.push((key, name));
                        &answers[i].1
                    }
                };
                match name {
                    Some(name) => kept.add(name, parsed(raw)?),
                    None => checked(raw, escapes)?,
                }
            }
            width = kept.width();
            out.push(kept);
        }
        Some(out)
    }
}

/// A row as the lean reading builds it: a [`Row`] for the top-level view's own rows, a JSON
/// object for a dataset's (which stay in the spec for the views that name them).
trait Kept {
    fn with_capacity(fields: usize) -> Self;
    /// Sets a field (a key written twice keeps its last value, as serde_json reads it).
    fn add(&mut self, name: &Name, value: Value);
    fn width(&self) -> usize;
    /// A row that is not an object of plain fields, read whole.
    fn whole(value: Value) -> Self;
}

impl Kept for Row {
    fn with_capacity(fields: usize) -> Row {
        Row::with_capacity(fields)
    }

    fn add(&mut self, name: &Name, value: Value) {
        self.insert(name.clone(), value);
    }

    fn width(&self) -> usize {
        self.len()
    }

    fn whole(value: Value) -> Row {
        row_of(value)
    }
}

impl Kept for Value {
    fn with_capacity(_: usize) -> Value {
        Value::Object(Map::new())
    }

    fn add(&mut self, name: &Name, value: Value) {
        if let Value::Object(o) = self {
            o.insert(name.to_string(), value);
        }
    }

    fn width(&self) -> usize {
        0
    }

    fn whole(value: Value) -> Value {
        value
    }
}

/// A kept value. The scan has checked its syntax, so a string without escapes is the text
/// between its quotes and a run of up to 18 digits an integer; the rest goes to serde_json.
fn parsed(text: &str) -> Option<Value> {
    if nests_too_deep(text, FIELD_DEPTH) {
        return None;
    }
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        if !inner.contains('\\') {
            return Some(Value::String(inner.to_owned()));
        }
    }
    if text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<u64>().ok().map(Value::from);
    }
    serde_json::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The document as the lean reading gives it, its own rows back in `data.values`.
    fn read_whole(text: &str) -> Option<Value> {
        let Lean { mut spec, rows } = read(text)?;
        if let Some(rows) = rows {
            spec["data"]["values"] = Value::Array(rows.into_iter().map(Value::from).collect());
        }
        Some(spec)
    }

    fn lean(spec: &Value) -> Option<Value> {
        read_whole(&spec.to_string())
    }

    #[test]
    fn rows_keep_the_fields_the_spec_names() {
        let spec = json!({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"a": 1, "b": "x", "c": 2, "d": {"e": 1}, "f g": 3, "h.i": 4},
                                 5]},
            "transform": [{"calculate": "datum.c * 2 + datum['f g']", "as": "c2"}],
            "mark": "bar",
            "encoding": {"x": {"field": "b"}, "y": {"field": "d.e"},
                         "color": {"field": "h\\.i"}}});
        let read = lean(&spec).unwrap();
        // The top-level view's rows come as rows: a plain value as its field `data`.
        assert_eq!(
            read["data"]["values"],
            json!([{"b": "x", "c": 2, "d": {"e": 1}, "f g": 3, "h.i": 4}, {"data": 5}])
        );
        // Everything but the rows is as written.
        let mut rest = read.clone();
        rest["data"]["values"] = Value::Null;
        let mut want = spec.clone();
        want["data"]["values"] = Value::Null;
        assert_eq!(rest, want);
    }

    #[test]
    fn escaped_quotes_paths_and_whole_row_lookups_keep_what_they_read() {
        let spec = json!({"mark": "bar",
            "data": {"values": [{"it's": 1, "c d": 2, "a[0]": {"b": 3}, "zz": 4}]},
            "transform": [{"filter": "datum['it\\'s'] + datum['c d'] > 0"}],
            "encoding": {"x": {"field": "a[0].b"}}});
        assert_eq!(
            lean(&spec).unwrap()["data"]["values"],
            json!([{"it's": 1, "c d": 2, "a[0]": {"b": 3}}])
        );
        // A lookup of whole rows is read later through `as.field`: nothing is left out.
        let whole = json!({"mark": "point", "data": {"values": [{"p": "Bo"}]},
            "datasets": {"people": [{"name": "Bo", "age": 40}]},
            "transform": [{"lookup": "p", "from": {"data": {"name": "people"}, "key": "name"},
                           "as": "who"}],
            "encoding": {"y": {"field": "who.age"}}});
        assert_eq!(lean(&whole), None);
    }

    #[test]
    fn a_repeated_key_is_read_as_usual() {
        let text =
            r#"{"mark": "bar", "data": {"values": [1e999]}, "data": {"values": [{"a": 1}]}}"#;
        assert_eq!(read_whole(text), None);
    }

    #[test]
    fn kept_values_are_read_as_serde_json_reads_them() {
        let row = json!({"s": "plain", "e": "a\"b\\c\u{e9}", "u": "é", "i": 12, "z": 0,
            "n": -3, "f": 1.5, "x": 2e3, "big": 12345678901234567890u64, "huge": 1e300,
            "t": true, "nil": null, "arr": [1, "x"], "obj": {"k": 1}});
        let fields: Vec<&String> = row.as_object().unwrap().keys().collect();
        let spec = json!({"mark": "bar", "data": {"values": [row.clone()]},
            "encoding": {"tooltip": fields}});
        assert_eq!(lean(&spec).unwrap()["data"]["values"][0], row);
    }

    #[test]
    fn nesting_counts_from_the_document_as_the_ordinary_reading_counts_it() {
        // 127 arrays and objects in all are read, 128 are not: in a field (4 deep), in a field
        // no one names, in another member of the spec (1 deep) and of `data` (2 deep).
        let nested = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        for (n, ok) in [(123, true), (124, false)] {
            for text in [
                format!(
                    r#"{{"mark": "bar", "data": {{"values": [{{"a": {}}}]}},
                    "encoding": {{"x": {{"field": "a"}}}}}}"#,
                    nested(n)
                ),
                format!(
                    r#"{{"mark": "bar", "data": {{"values": [{{"a": {}}}]}}}}"#,
                    nested(n)
                ),
                format!(
                    r#"{{"mark": "bar", "data": {{"values": [{{"a": 1}}]}}, "x": {}}}"#,
                    nested(n + 3)
                ),
                format!(
                    r#"{{"mark": "bar", "data": {{"values": [{{"a": 1}}], "x": {}}}}}"#,
                    nested(n + 2)
                ),
            ] {
                assert_eq!(
                    serde_json::from_str::<Value>(&text).is_ok(),
                    ok,
                    "{n}: ordinary"
                );
                assert_eq!(read(&text).is_some(), ok, "{n}: lean, {}", &text[..60]);
            }
        }
    }

    #[test]
    fn a_left_out_value_is_still_checked() {
        // The ordinary reading refuses a number beyond f64's range and a lone surrogate; so
        // does the lean one, in a field no one names, alone or nested.
        for bad in [
            "1e999",
            "[1, {\"b\": -2E400}]",
            &"9".repeat(400),
            "\"\\uDC00\"",
        ] {
            let text =
                format!(r#"{{"mark": "bar", "data": {{"values": [{{"a": 1, "z": {bad}}}]}}}}"#);
            assert_eq!(read_whole(&text), None, "{bad}");
            assert!(serde_json::from_str::<Value>(&text).is_err(), "{bad}");
        }
        let fine = r#"{"mark": "bar", "data": {"values": [{"a": 1, "z": 1e300}]},
            "encoding": {"x": {"field": "a"}}}"#;
        assert_eq!(
            read_whole(fine).unwrap()["data"]["values"],
            json!([{"a": 1}])
        );
    }

    /// Every value of `lean`'s rows is the ordinary reading's, and everything else equal (a
    /// top-level row that is no object is its field `data`).
    fn agrees(lean: &Value, ordinary: &Value) -> bool {
        match (lean, ordinary) {
            (Value::Object(l), o) if !o.is_object() && l.len() == 1 => l.get("data") == Some(o),
            (Value::Object(l), Value::Object(o)) if l.len() <= o.len() => l
                .iter()
                .all(|(k, v)| o.get(k).is_some_and(|w| agrees(v, w))),
            (Value::Array(l), Value::Array(o)) if l.len() == o.len() => {
                l.iter().zip(o).all(|(v, w)| agrees(v, w))
            }
            _ => lean == ordinary,
        }
    }

    #[test]
    fn the_scan_accepts_no_document_serde_json_refuses() {
        // A document with every kind of value in its rows, then each byte of it deleted, and
        // each of a few bytes that matter to JSON's syntax put before it.
        let base = r#"{"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "mark": "bar",
            "data": {"values": [{"a": 1, "b": "x\"y\/", "c": -0.5e-3, "d e": [1, {"f": null}]},
                {"a": 20, "b": "\u00e9\n\ud83d\ude00", "c": true, "d e": false},
                {"b": "plain", "a": 3.25E+2, "c": "é", "\u0061": 4, "g": {}}, 7, "s", [1], {}]},
            "datasets": {"n": [{"a": 1, "z": 1e5}], "m": []},
            "encoding": {"x": {"field": "a"}, "y": {"field": "b"}}}"#;
        let extra = [
            "\"", "\\", ",", "}", "]", "{", "[", ":", "-", ".", "e", "0", "9", " ", "\u{1}", "u",
            "+", "x",
        ];
        let mut texts = vec![base.to_string()];
        for (at, _) in base.char_indices() {
            let mut cut = base.to_string();
            cut.remove(at);
            texts.push(cut);
            for e in extra {
                let mut more = base.to_string();
                more.insert_str(at, e);
                texts.push(more);
            }
        }
        let (mut refused, mut read_lean) = (0, 0);
        for text in &texts {
            match (serde_json::from_str::<Value>(text), read_whole(text)) {
                (Err(_), None) => refused += 1,
                (Err(e), Some(_)) => panic!("lean read what serde_json refuses ({e}): {text}"),
                (Ok(ordinary), Some(lean)) => {
                    assert!(agrees(&lean, &ordinary), "{text}");
                    read_lean += 1;
                }
                (Ok(_), None) => {}
            }
        }
        // The mutations both break and keep the document, and the lean reading reads those kept.
        assert!(refused > 1000 && read_lean > 1000, "{refused} {read_lean}");
    }

    #[test]
    fn named_datasets_are_read_lean_too() {
        let spec = json!({"mark": "point", "data": {"name": "d"},
            "datasets": {"d": [{"x": 1, "y": 2, "z": 3}]},
            "encoding": {"x": {"field": "x"}}});
        assert_eq!(lean(&spec).unwrap()["datasets"]["d"], json!([{"x": 1}]));
    }

    #[test]
    fn dynamic_datum_and_other_documents_are_read_as_usual() {
        let dynamic = json!({"mark": "bar", "data": {"values": [{"a": 1}]},
            "transform": [{"calculate": "datum[datum.key]", "as": "v"}]});
        assert_eq!(lean(&dynamic), None);
        let whole = json!({"mark": "bar", "data": {"values": [{"a": 1}]},
            "transform": [{"calculate": "toString(datum)", "as": "v"}]});
        assert_eq!(lean(&whole), None);
        // Not Vega-Lite, no inline rows, not JSON, too deep.
        let chartjs = json!({"type": "bar", "data": {"datasets": [{"data": [1]}]}});
        assert_eq!(lean(&chartjs), None);
        let url = json!({"mark": "bar", "data": {"url": "data/cars.json"}});
        assert_eq!(lean(&url), None);
        assert_eq!(read_whole("{mark: 'bar'}"), None);
        let deep = format!(
            r#"{{"mark": "bar", "data": {{"values": [{{"a": {}1{}}}]}}}}"#,
            "[".repeat(500),
            "]".repeat(500)
        );
        assert_eq!(read_whole(&deep), None);
    }
}
