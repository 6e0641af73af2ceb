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

use super::super::Dialect;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// The names rows are checked against, once per field of every row: foldhash is several times
/// faster than the standard library's SipHash here, and randomly seeded as well.
type Names = std::collections::HashSet<String, foldhash::fast::RandomState>;

/// The document `text` with its inline rows read lean, when it is a Vega-Lite spec (by the
/// same signs as `Dialect::detect`) whose rows are worth it; `None` sends it to the ordinary
/// reading (another dialect, invalid or too deep JSON, no inline rows, a dynamic `datum`).
pub fn read(text: &str) -> Option<Value> {
    let top = raw_map(text)?;
    if !is_vega_lite(&top) {
        return None;
    }
    let data = match top.get("data") {
        Some(raw) => Some(raw_map(raw.get())?),
        None => None,
    };
    let datasets = match top.get("datasets") {
        Some(raw) => Some(raw_map(raw.get())?),
        None => None,
    };
    let values = data
        .as_ref()
        .and_then(|d| d.get("values"))
        .filter(|r| is_array(r));
    if values.is_none()
        && datasets
            .as_ref()
            .is_none_or(|d| d.values().all(|r| !is_array(r)))
    {
        return None;
    }
    // The spec without its rows, and the names it holds.
    let mut spec = Map::new();
    for (key, raw) in &top {
        let value = match key.as_ref() {
            "data" => parsed_except(data.as_ref()?, Some("values"))?,
            "datasets" => parsed_except(datasets.as_ref()?, None)?,
            _ => serde_json::from_str(raw.get()).ok()?,
        };
        spec.insert(key.to_string(), value);
    }
    let mut names = Names::default();
    if !collect_names(&Value::Object(spec.clone()), &mut names) {
        return None;
    }
    // The rows, each with the named fields only.
    if let (Some(raw), Some(Value::Object(d))) = (values, spec.get_mut("data")) {
        d.insert("values".into(), rows(raw, &names)?);
    }
    if let (Some(sets), Some(Value::Object(d))) = (&datasets, spec.get_mut("datasets")) {
        for (name, raw) in sets {
            let value = match is_array(raw) {
                true => rows(raw, &names)?,
                false => serde_json::from_str(raw.get()).ok()?,
            };
            d.insert(name.to_string(), value);
        }
    }
    Some(Value::Object(spec))
}

/// The members of the object `text`, each still unparsed; `None` unless `text` is an object
/// whose keys are all different (a repeated key's first value would go unchecked: the ordinary
/// reading parses it, and may refuse it).
fn raw_map(text: &str) -> Option<HashMap<Cow<'_, str>, &RawValue>> {
    let pairs = serde_json::from_str::<RawPairs>(text).ok()?.0;
    let n = pairs.len();
    let map: HashMap<_, _> = pairs.into_iter().collect();
    (map.len() == n).then_some(map)
}

/// An object's members in order, duplicates kept.
struct RawPairs<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for RawPairs<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = RawPairs<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key_seed(Key)? {
                    out.push((key, map.next_value()?));
                }
                Ok(RawPairs(out))
            }
        }
        d.deserialize_map(Pairs)
    }
}

/// Vega-Lite by the signs `Dialect::detect` reads.
fn is_vega_lite(top: &HashMap<Cow<str>, &RawValue>) -> bool {
    let schema = top
        .get("$schema")
        .and_then(|r| serde_json::from_str::<String>(r.get()).ok())
        .unwrap_or_default();
    Dialect::by_keys(|k| top.contains_key(k), &schema) == Some(Dialect::VegaLite)
}

fn is_array(raw: &RawValue) -> bool {
    raw.get().trim_start().starts_with('[')
}

/// An object of raw values parsed, `left_out`'s value (the rows) as `null` for now.
fn parsed_except(map: &HashMap<Cow<str>, &RawValue>, left_out: Option<&str>) -> Option<Value> {
    let mut out = Map::new();
    for (key, raw) in map {
        let value = match (left_out, is_array(raw)) {
            (Some(skip), true) if key == skip => Value::Null,
            // Every named dataset holding rows is read lean later.
            (None, true) => Value::Null,
            _ => serde_json::from_str(raw.get()).ok()?,
        };
        out.insert(key.to_string(), value);
    }
    Some(Value::Object(out))
}

/// Adds every string of `v` (keys included) that could name a field to `names`; false when an
/// expression reaches `datum` other than by a written name.
fn collect_names(v: &Value, names: &mut Names) -> bool {
    match v {
        Value::String(s) => add_names(s, names),
        Value::Array(a) => a.iter().all(|x| collect_names(x, names)),
        // A lookup without `from.fields` brings whole rows, read later by nested paths
        // (`as.field`) that name the other data's fields only after the dot.
        Value::Object(o)
            if o.contains_key("lookup")
                && o.get("from").is_some_and(|f| f.get("fields").is_none()) =>
        {
            false
        }
        Value::Object(o) => o
            .iter()
            .all(|(k, x)| add_names(k, names) && collect_names(x, names)),
        _ => true,
    }
}

fn add_names(s: &str, names: &mut Names) -> bool {
    names.insert(s.to_owned());
    // A nested path reads its first step's field; an escaped dot is part of the name.
    names.insert(s.replace("\\.", "."));
    if let Some(i) = s.find(['.', '[']) {
        names.insert(s[..i].to_owned());
    }
    if let Some((first, _)) = s.split_once('.') {
        names.insert(first.to_owned());
    }
    if !s.contains("datum") {
        return true;
    }
    // An expression: its words and quoted strings, if each `datum` is followed by `.name`
    // or `['name']`.
    let bytes = s.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut at = 0;
    while let Some(found) = s[at..].find("datum") {
        let start = at + found;
        let end = start + "datum".len();
        at = end;
        let alone =
            (start == 0 || !word(bytes[start - 1])) && bytes.get(end).is_none_or(|&b| !word(b));
        if !alone {
            continue;
        }
        let rest = s[end..].trim_start();
        let named = rest.starts_with('.')
            || rest
                .strip_prefix('[')
                .is_some_and(|r| r.trim_start().starts_with(['\'', '"']));
        if !named {
            return false;
        }
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if word(b) {
            let j = (i..bytes.len())
                .find(|&j| !word(bytes[j]))
                .unwrap_or(bytes.len());
            names.insert(s[i..j].to_owned());
            i = j;
        } else if b == b'\'' || b == b'"' {
            // A quoted name, a backslash taking the next byte as it is (as `expr` reads it).
            let mut name = Vec::new();
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b {
                if bytes[j] == b'\\' {
                    j += 1;
                }
                if let Some(&c) = bytes.get(j) {
                    name.push(c);
                }
                j += 1;
            }
            names.insert(String::from_utf8_lossy(&name).into_owned());
            i = j + 1;
        } else {
            i += 1;
        }
    }
    true
}

/// A rows array read with only the fields in `names`; `None` when it cannot be read (the
/// ordinary reading then says why).
fn rows(raw: &RawValue, names: &Names) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    let rows = Rows(names).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(Value::Array(rows))
}

struct Rows<'s>(&'s Names);

impl<'de> DeserializeSeed<'de> for Rows<'_> {
    type Value = Vec<Value>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_> {
    type Value = Vec<Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(row) = seq.next_element_seed(Row(self.0))? {
            out.push(row);
        }
        Ok(out)
    }
}

/// One row: an object keeps the named fields; anything else is read whole.
struct Row<'s>(&'s Names);

impl<'de> DeserializeSeed<'de> for Row<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Row<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            if self.0.contains(key.as_ref()) {
                out.insert(key.into_owned(), map.next_value()?);
            } else {
                map.next_value_seed(Skip)?;
            }
        }
        Ok(Value::Object(out))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

/// A value passed over: read without being kept, so that it is still checked as the ordinary
/// reading checks it — its numbers, strings and nesting, which serde_json bounds (counted from
/// the rows' array here, so a row may nest two levels deeper than in the whole document: still
/// bounded, never a deep recursion).
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Skip)?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
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
