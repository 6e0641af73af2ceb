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
//! The document is scanned once: the rows are kept as their fields' keys and unparsed text
//! until the rest of the spec has said which names count ([`names`]), then only those values
//! are parsed; the others are still checked as the ordinary reading would check them
//! ([`checks`]).

mod checks;
mod names;

use super::super::Dialect;
use checks::{checked, nests_too_deep, FIELD_DEPTH};
use names::{collect_names, Names};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::ops::Range;

/// The document `text` with its inline rows read lean, when it is a Vega-Lite spec (by the
/// same signs as `Dialect::detect`) whose rows are worth it; `None` sends it to the ordinary
/// reading (another dialect, invalid or too deep JSON, no inline rows, rows not in an array, a
/// dynamic `datum`).
pub fn read(text: &str) -> Option<Value> {
    let top = {
        let mut de = serde_json::Deserializer::from_str(text);
        let reserve = Cell::new(text.len());
        let top = Members(Place::Top, &reserve).deserialize(&mut de).ok()?;
        de.end().ok()?;
        top
    };
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
    for (key, member) in top {
        if let (Member::Object(members), Some(Value::Object(parsed))) =
            (member, spec.get_mut(key.as_ref()))
        {
            for (name, member) in members {
                if let Member::Rows(rows) = member {
                    parsed.insert(name.into_owned(), rows.kept(&names, escapes)?);
                }
            }
        }
    }
    Some(Value::Object(spec))
}

/// A member of the document as the one scan leaves it.
enum Member<'a> {
    /// Parsed when the rows are set aside (every member but `data` and `datasets`).
    Raw(&'a RawValue),
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
            Member::Raw(raw) if nests_too_deep(raw.get(), depth) => None,
            Member::Raw(raw) => serde_json::from_str(raw.get()).ok(),
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
            Member::Raw(raw) => serde_json::from_str::<String>(raw.get()).ok(),
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

/// An object's members in order (of the document's top object, `data` and `datasets` are
/// opened, everything else kept raw); a repeated key fails the scan (its first value would go
/// unchecked: the ordinary reading parses it, and may refuse it). With the document's length,
/// which sizes the first list of rows (see [`RowsSeed`]).
struct Members<'r>(Place, &'r Cell<usize>);

impl<'de> DeserializeSeed<'de> for Members<'_> {
    type Value = Vec<(Cow<'de, str>, Member<'de>)>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Members<'_> {
    type Value = Vec<(Cow<'de, str>, Member<'de>)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Self::Value = Vec::new();
        // A set, not a search of `out`: an object may have a million keys.
        let mut seen: std::collections::HashSet<Cow<str>, foldhash::fast::RandomState> =
            Default::default();
        while let Some(key) = map.next_key_seed(Key)? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom("a repeated key"));
            }
            let member = match (self.0, key.as_ref()) {
                (Place::Top, "data") => {
                    Member::Object(map.next_value_seed(Members(Place::Data, self.1))?)
                }
                (Place::Top, "datasets") => {
                    Member::Object(map.next_value_seed(Members(Place::Datasets, self.1))?)
                }
                (Place::Data, "values") | (Place::Datasets, _) => {
                    Member::Rows(map.next_value_seed(RowsSeed(self.1))?)
                }
                _ => Member::Raw(map.next_value()?),
            };
            out.push((key, member));
        }
        Ok(out)
    }
}

/// An array of rows as scanned: each object row's fields as keys and unparsed values, one list
/// for all the rows (a row is a range of it); anything else in the array is read whole.
struct RawRows<'a> {
    fields: Vec<(Cow<'a, str>, &'a RawValue)>,
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
    fn kept(self, names: &Names, escapes: bool) -> Option<Value> {
        let RawRows { fields, rows } = self;
        // Rows of one array mostly repeat their keys in one order: a key equal to the one at
        // its place in the row before takes that one's answer without being hashed.
        let mut answers: Vec<(&str, bool)> = Vec::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let range = match row {
                RawRow::Whole(value) => {
                    out.push(value);
                    continue;
                }
                RawRow::Fields(range) => range,
            };
            let mut kept = Map::new();
            for (i, (key, raw)) in fields[range].iter().enumerate() {
                let keep = match answers.get(i) {
                    Some(&(k, keep)) if k == key => keep,
                    _ => {
                        let keep = names.contains(key.as_ref());
                        answers.truncate(i);
                        answers.push((key, keep));
                        keep
                    }
                };
                if keep {
                    kept.insert(key.to_string(), parsed(raw)?);
                } else {
                    checked(raw, escapes)?;
                }
            }
            out.push(Value::Object(kept));
        }
        Some(Value::Array(out))
    }
}

/// A kept value. The scan has checked its syntax, so a string without escapes is the text
/// between its quotes and a run of up to 18 digits an integer; the rest goes to serde_json.
fn parsed(raw: &RawValue) -> Option<Value> {
    let text = raw.get();
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

/// Scans an array of rows into [`RawRows`]. The first array's lists are sized from the
/// document's length (a field takes at least a few bytes of it, a row a few dozen; Altair writes
/// one dataset): grown by doubling, moving them cost about 3 % of reading
/// stacked_bar_weather. Later arrays grow as they go.
struct RowsSeed<'r>(&'r Cell<usize>);

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = RawRows<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = RawRows<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let len = self.0.take();
        let mut out = RawRows {
            fields: Vec::with_capacity(len / 8),
            rows: Vec::with_capacity(len / 32),
        };
        while let Some(row) = seq.next_element_seed(Row(&mut out.fields))? {
            out.rows.push(row);
        }
        Ok(out)
    }
}

/// One row: an object's fields go to the shared list; anything else is read whole.
struct Row<'f, 'de>(&'f mut Vec<(Cow<'de, str>, &'de RawValue)>);

impl<'de> DeserializeSeed<'de> for Row<'_, 'de> {
    type Value = RawRow;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Row<'_, 'de> {
    type Value = RawRow;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRow, A::Error> {
        let start = self.0.len();
        while let Some(key) = map.next_key_seed(Key)? {
            self.0.push((key, map.next_value()?));
        }
        Ok(RawRow::Fields(start..self.0.len()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawRow, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawRow::Whole)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawRow, E> {
        Ok(RawRow::Whole(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawRow, E> {
        Ok(RawRow::Whole(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawRow, E> {
        Ok(RawRow::Whole(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawRow, E> {
        Ok(RawRow::Whole(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawRow, E> {
        Ok(RawRow::Whole(Value::String(v.to_owned())))
    }
    fn visit_unit<E>(self) -> Result<RawRow, E> {
        Ok(RawRow::Whole(Value::Null))
    }
}

/// An object key, borrowed from the input when it has no escapes (most keys are skipped).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lean(spec: &Value) -> Option<Value> {
        read(&spec.to_string())
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
        assert_eq!(
            read["data"]["values"],
            json!([{"b": "x", "c": 2, "d": {"e": 1}, "f g": 3, "h.i": 4}, 5])
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
        assert_eq!(read(text), None);
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
            assert_eq!(read(&text), None, "{bad}");
            assert!(serde_json::from_str::<Value>(&text).is_err(), "{bad}");
        }
        let fine = r#"{"mark": "bar", "data": {"values": [{"a": 1, "z": 1e300}]},
            "encoding": {"x": {"field": "a"}}}"#;
        assert_eq!(read(fine).unwrap()["data"]["values"], json!([{"a": 1}]));
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
        assert_eq!(read("{mark: 'bar'}"), None);
        let deep = format!(
            r#"{{"mark": "bar", "data": {{"values": [{{"a": {}1{}}}]}}}}"#,
            "[".repeat(500),
            "]".repeat(500)
        );
        assert_eq!(read(&deep), None);
    }
}
